import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { CLINICIAN_KEY_TYPE, clinicianKeyStream } from '../../src/domain/medical/key-events.js';
import { MEDICAL_ENTRY_TYPE } from '../../src/domain/medical/events.js';
import { canonicalString } from '../../src/ledger/canonical.js';
import type { Entry } from '../../src/ledger/entry.js';
import { ed25519FromSeed } from '../../src/ledger/note.js';
import {
  KeyRegistry,
  REPORT_EXPORT_FORMAT,
  checkReportEntry,
  checkSignerRegistered,
  entryPayloadOf,
  readReportVersion,
} from '../../src/medical/in-log.js';
import { signReport, signerOf, type SignedReport } from '../../src/medical/signing.js';

/*
 * A signed report against the log (src/medical/in-log.ts): the entry's payload is the report with
 * its signature under `signed`, hashed with the entry's salt as every payload is (SHA-256 of
 * salt ‖ RFC 8785 bytes); the signer must be the key the log registered for the clinician.
 */

const signer = (fill: number) => {
  const { privateKey, publicKey } = ed25519FromSeed(new Uint8Array(32).fill(fill));
  return signerOf(privateKey, publicKey);
};
const ACCOUNT = 'doctor-1';
const SALT = '00112233445566778899aabbccddeeff';

const report = (fill = 1): SignedReport =>
  signReport(signer(fill), {
    kind: 'report-finished',
    reportId: 'r-1',
    version: 1,
    clinician: { accountId: ACCOUNT, name: 'Д-р Ахметова' },
    content: { opinion: { overall: 'consistent' } },
  });

/** The entry the server appends for `signed`: its digest computed here independently. */
function entryOf(signed: SignedReport, overrides: Partial<Entry> = {}): Entry {
  const payload = {
    ...signed.report,
    signed: {
      signature: signed.signature,
      publicKey: signed.signer.publicKey,
      keyId: signed.signer.keyId,
      previous: signed.previous,
      digest: signed.digest,
    },
  };
  const digest = createHash('sha256')
    .update(Buffer.from(SALT, 'hex'))
    .update(canonicalString(payload), 'utf8')
    .digest('hex');
  return {
    seq: 7,
    at: '2026-05-04T06:00:00.000Z',
    stream: 'medical/rec-1',
    version: 3,
    type: MEDICAL_ENTRY_TYPE,
    actor: ACCOUNT,
    digest,
    ...overrides,
  };
}

const place = { seq: 7, stream: 'medical/rec-1', salt: SALT };

describe('a signed report in the log', () => {
  test('the entry holds the report with digest, previous, keyId, publicKey and signature under "signed"', () => {
    const signed = report();
    expect(entryPayloadOf(signed)).toEqual({
      ...signed.report,
      signed: {
        digest: signed.digest,
        previous: null,
        keyId: signed.signer.keyId,
        publicKey: signed.signer.publicKey,
        signature: signed.signature,
      },
    });
    expect(checkReportEntry(signed, place, entryOf(signed))).toEqual({ ok: true });
  });

  test('another entry, another salt, another author or none at all: each named', () => {
    const signed = report();
    expect(checkReportEntry(signed, place, undefined)).toMatchObject({ ok: false, failure: 'not-in-log' });
    expect(checkReportEntry(signed, place, entryOf(signed, { stream: 'custody/x' }))).toMatchObject({
      failure: 'other-entry',
    });
    expect(checkReportEntry(signed, place, entryOf(signed, { type: 'custody-registered' }))).toMatchObject({
      failure: 'other-entry',
    });
    expect(checkReportEntry(signed, { ...place, salt: 'ff'.repeat(16) }, entryOf(signed))).toMatchObject({
      failure: 'entry-digest-mismatch',
    });
    expect(checkReportEntry(report(2), place, entryOf(signed))).toMatchObject({
      failure: 'entry-digest-mismatch',
    });
    expect(checkReportEntry(signed, place, entryOf(signed, { actor: 'admin-1' }))).toMatchObject({
      failure: 'other-author',
    });
  });

  test('the signer is the key the log registered for the clinician; another, none, or unknown without the payload', () => {
    const signed = report();
    const registry = (payload: unknown) => {
      const keys = new KeyRegistry([ACCOUNT]);
      keys.note(
        {
          ...entryOf(signed),
          seq: 2,
          stream: clinicianKeyStream(ACCOUNT),
          type: CLINICIAN_KEY_TYPE,
          version: 0,
        },
        payload as never,
      );
      return keys.of(ACCOUNT);
    };
    expect(
      checkSignerRegistered(
        signed,
        ACCOUNT,
        registry({ keyId: signed.signer.keyId, publicKey: signed.signer.publicKey }),
      ),
    ).toEqual({ ok: true, checked: true, seq: 2 });
    const other = report(3);
    expect(
      checkSignerRegistered(
        signed,
        ACCOUNT,
        registry({ keyId: other.signer.keyId, publicKey: other.signer.publicKey }),
      ),
    ).toMatchObject({ ok: false, failure: 'signer-not-registered' });
    expect(checkSignerRegistered(signed, ACCOUNT, registry(undefined))).toMatchObject({
      ok: true,
      checked: false,
    });
    expect(checkSignerRegistered(signed, ACCOUNT, new KeyRegistry([ACCOUNT]).of(ACCOUNT))).toMatchObject({
      ok: false,
      failure: 'signer-not-registered',
    });
  });

  test('the export names its entry: seq, stream and a 16-byte hex salt; a bare envelope names none', () => {
    const signed = report();
    expect(readReportVersion(signed)).toEqual({ ok: true, signed, log: null });
    expect(readReportVersion({ format: REPORT_EXPORT_FORMAT, signed, log: place })).toEqual({
      ok: true,
      signed,
      log: place,
    });
    for (const log of [{ ...place, seq: -1 }, { ...place, salt: 'AB' }, { ...place, stream: '' }, null])
      expect(readReportVersion({ format: REPORT_EXPORT_FORMAT, signed, log }).ok).toBe(false);
    expect(readReportVersion({ format: REPORT_EXPORT_FORMAT, signed, log: place, note: 'x' }).ok).toBe(false);
  });
});
