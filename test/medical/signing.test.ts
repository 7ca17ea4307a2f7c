import { createDecipheriv, createHash } from 'node:crypto';
import { inspect } from 'node:util';
import * as noble from '@noble/ed25519';
import { hashRaw } from '@node-rs/argon2';
import canonicalizeModule from 'canonicalize';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import type { JsonObject, JsonValue } from '../../src/ledger/json.js';
import { ed25519FromSeed } from '../../src/ledger/note.js';
import {
  ClinicianKey,
  ClinicianKeyFormatError,
  WrongClinicianPassphraseError,
  createClinicianKey,
  parseClinicianKey,
  rewrapClinicianKey,
  unlockClinicianKey,
  type ClinicianKeyFile,
} from '../../src/medical/clinician-key.js';
import {
  REPORT_FORMAT,
  clinicianKeyId,
  reportDigest,
  signReport,
  signedMessage,
  signerOf,
  verifyReport,
  verifyReportChain,
  type ReportSigner,
  type SignedReport,
} from '../../src/medical/signing.js';
import { PassphraseTooShortError, WeakPassphraseError } from '../../src/sealing/keystore.js';

// The package the ledger uses for RFC 8785, called directly (as a reviewer would) rather than
// through src/ledger/canonical.ts; see that file for why the default import is cast.
const canonicalize = canonicalizeModule as unknown as (value: unknown) => string;

/** Light argon2id parameters (the lowest a stored key may name) to keep the suite fast. */
const KDF = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
const PASSPHRASE = 'врач подписывает сам';

/** RFC 8032 §7.1 TEST 1: the secret key (seed) and its public key. */
const RFC8032_SEED = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
const RFC8032_PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';

function seedSigner(seed: Uint8Array): ReportSigner {
  const { privateKey, publicKey } = ed25519FromSeed(seed);
  return signerOf(privateKey, publicKey);
}

/** A report as the medical context might write one (the shape is the domain's; any JSON object signs). */
function sampleReport(): JsonObject {
  return {
    examination: 'exam-7f3a',
    person: 'person-19c2',
    examinedAt: '2026-11-27T09:40:00.000Z',
    clinician: { name: 'Айгерим Сапарова', position: 'врач ИВС' },
    consent: { examination: true, photographs: true, procurator: false },
    account: { language: 'kk', text: 'Тергеуші ұрды' },
    findings: [
      {
        type: 'bruise',
        site: 'left upper arm, lateral',
        sizeMm: [40, 25],
        colour: 'red-purple',
        estimatedAge: '1-2 days',
        consistency: 'highly consistent',
      },
      { type: 'abrasion', site: 'right wrist', sizeMm: [60, 5], colour: 'red', consistency: 'consistent' },
    ],
    opinion: 'highly consistent',
  };
}

/** The envelope as a reviewer receives it: JSON text, parsed. */
const exported = (envelope: SignedReport): SignedReport =>
  JSON.parse(JSON.stringify(envelope)) as SignedReport;

/** RFC 8785 text, or null for a value the canonicalize package refuses (Infinity from 1e500). */
function canonicalOrNull(value: unknown): string | null {
  try {
    return canonicalize(value);
  } catch {
    return null;
  }
}

/** The signed bytes built from the documentation (docs/verifying.md), with nothing from src/. */
function documentedMessage(envelope: {
  version: number;
  digest: string;
  previous: string | null;
}): Uint8Array {
  return new TextEncoder().encode(
    `habeas-medical-report/1\nversion ${envelope.version}\ndigest ${envelope.digest}\nprevious ${envelope.previous ?? 'none'}\n`,
  );
}

/** A reviewer's check with an independent Ed25519 (noble, strict RFC 8032), digest by the canonicalize package. */
async function independentlyVerify(envelope: SignedReport, trustedPublicKey: Uint8Array): Promise<boolean> {
  const digest = `sha256:${createHash('sha256').update(canonicalize(envelope.report), 'utf8').digest('hex')}`;
  if (digest !== envelope.digest) return false;
  return noble.verifyAsync(
    Buffer.from(envelope.signature, 'base64'),
    documentedMessage(envelope),
    trustedPublicKey,
    { zip215: false },
  );
}

function withFinding(
  envelope: SignedReport,
  change: (finding: Record<string, JsonValue>) => void,
): SignedReport {
  const copy = exported(envelope);
  const findings = copy.report.findings as Record<string, JsonValue>[];
  change(findings[0] as Record<string, JsonValue>);
  return copy;
}

let stored: ClinicianKeyFile;
let clinician: ClinicianKey;
let other: ClinicianKey;

beforeAll(async () => {
  stored = await createClinicianKey(PASSPHRASE, { kdf: KDF, now: new Date('2026-11-01T08:00:00Z') });
  clinician = await unlockClinicianKey(stored, PASSPHRASE);
  other = await unlockClinicianKey(
    await createClinicianKey('другой врач, другой ключ', { kdf: KDF }),
    'другой врач, другой ключ',
  );
});

describe('signed medical reports (issue 19, intl.medical.report)', () => {
  test('answer key: the RFC 8032 TEST 1 key signs exactly the documented bytes, and noble makes the same signature', async () => {
    const signer = seedSigner(RFC8032_SEED);
    expect(Buffer.from(signer.publicKey).toString('hex')).toBe(RFC8032_PUBLIC);
    const report = { examination: 'exam-1', findings: [{ site: 'left forearm', type: 'bruise' }] };
    const envelope = signReport(signer, report);

    expect(canonicalize(report)).toBe(
      '{"examination":"exam-1","findings":[{"site":"left forearm","type":"bruise"}]}',
    );
    expect(envelope.digest).toBe(
      `sha256:${createHash('sha256').update('{"examination":"exam-1","findings":[{"site":"left forearm","type":"bruise"}]}').digest('hex')}`,
    );
    expect(Buffer.from(signedMessage(envelope)).toString('utf8')).toBe(
      `habeas-medical-report/1\nversion 1\ndigest ${envelope.digest}\nprevious none\n`,
    );
    expect(envelope).toEqual({
      format: 'habeas-medical-report/1',
      version: 1,
      previous: null,
      report,
      digest: ANSWER_KEY.digest,
      signer: { keyId: ANSWER_KEY.keyId, publicKey: Buffer.from(RFC8032_PUBLIC, 'hex').toString('base64') },
      signature: ANSWER_KEY.signature,
    });
    // The key ID as documented: SHA-256("habeas-medical-key/1\n" ‖ 0x01 ‖ key)[:8].
    expect(envelope.signer.keyId).toBe(
      createHash('sha256')
        .update('habeas-medical-key/1\n')
        .update(Buffer.from([0x01]))
        .update(Buffer.from(RFC8032_PUBLIC, 'hex'))
        .digest('hex')
        .slice(0, 16),
    );
    // Ed25519 is deterministic: an independent implementation signing the documented bytes with
    // the same key makes the same 64 bytes.
    const theirs = await noble.signAsync(documentedMessage(envelope), RFC8032_SEED);
    expect(Buffer.from(theirs).toString('base64')).toBe(envelope.signature);
    expect(verifyReport(envelope, Buffer.from(RFC8032_PUBLIC, 'hex'))).toMatchObject({
      ok: true,
      trusted: true,
    });
  });

  test('round trip: a report signed with a clinician key verifies, as exported JSON, against that key', () => {
    const envelope = clinician.signReport(sampleReport());
    expect(envelope.format).toBe(REPORT_FORMAT);
    expect(envelope.signer).toEqual({ keyId: stored.keyId, publicKey: stored.publicKey });
    expect(envelope.digest).toBe(reportDigest(sampleReport()));
    expect(verifyReport(exported(envelope), stored.publicKey)).toEqual({
      ok: true,
      digest: envelope.digest,
      version: 1,
      previous: null,
      keyId: stored.keyId,
      publicKey: stored.publicKey,
      trusted: true,
    });
    // Without a trusted key it says only that the named key signed it.
    expect(verifyReport(exported(envelope))).toMatchObject({ ok: true, trusted: false });
    // Key order in the exported file does not matter: the digest is over the canonical bytes.
    const reordered = exported(envelope);
    reordered.report = Object.fromEntries(Object.entries(reordered.report).reverse());
    expect(verifyReport(reordered, stored.publicKey).ok).toBe(true);
  });

  test('another spelling of the same JSON value verifies (1e021 for 1e+21); another value does not', () => {
    const envelope = clinician.signReport({ ...sampleReport(), count: 1e21 });
    const text = JSON.stringify(envelope);
    expect(text).toContain('"count":1e+21');
    expect(
      verifyReport(JSON.parse(text.replace('"count":1e+21', '"count":1e021')), stored.publicKey).ok,
    ).toBe(true);
    expect(
      verifyReport(JSON.parse(text.replace('"count":1e+21', '"count":1e+22')), stored.publicKey),
    ).toMatchObject({ ok: false, failure: 'digest-mismatch' });
  });

  test('the signature verifies with an independent Ed25519 implementation (@noble/ed25519, strict RFC 8032)', async () => {
    const envelope = exported(clinician.signReport(sampleReport()));
    expect(await independentlyVerify(envelope, clinician.publicKey)).toBe(true);
    expect(await independentlyVerify(envelope, other.publicKey)).toBe(false);
    // And it finds the change the same way: re-hashed, the signature no longer holds.
    const changed = withFinding(envelope, (finding) => (finding.site = 'left upper arm, medial'));
    changed.digest = reportDigest(changed.report);
    expect(await independentlyVerify(changed, clinician.publicKey)).toBe(false);
  });

  test('changing one character of one finding breaks it', () => {
    const envelope = clinician.signReport(sampleReport());
    const changed = withFinding(envelope, (finding) => (finding.colour = 'red-purplE'));
    expect(verifyReport(changed, stored.publicKey)).toMatchObject({ ok: false, failure: 'digest-mismatch' });
    // A forger who also recomputes the digest still has no signature for it.
    changed.digest = reportDigest(changed.report);
    expect(verifyReport(changed, stored.publicKey)).toMatchObject({ ok: false, failure: 'bad-signature' });
    // A number changed (size 40 mm → 41 mm) as well.
    const bigger = withFinding(envelope, (finding) => (finding.sizeMm = [41, 25]));
    expect(verifyReport(bigger, stored.publicKey)).toMatchObject({ ok: false, failure: 'digest-mismatch' });
  });

  test('a wrong key fails: another clinician, or another key put in as the signer', () => {
    const envelope = clinician.signReport(sampleReport());
    expect(verifyReport(envelope, other.publicKey)).toMatchObject({ ok: false, failure: 'unknown-key' });
    expect(verifyReport(envelope, [other.publicKey, clinician.publicKey])).toMatchObject({ ok: true });
    // The signer's key swapped for another (and its ID with it): the signature is not that key's.
    const swapped = exported(envelope);
    swapped.signer = { keyId: other.keyId, publicKey: Buffer.from(other.publicKey).toString('base64') };
    expect(verifyReport(swapped)).toMatchObject({ ok: false, failure: 'bad-signature' });
    expect(verifyReport(swapped, other.publicKey)).toMatchObject({ ok: false, failure: 'bad-signature' });
    // Re-signed by the other clinician: valid, but not by the trusted key.
    const forged = other.signReport(sampleReport());
    expect(verifyReport(forged, clinician.publicKey)).toMatchObject({ ok: false, failure: 'unknown-key' });
    // A trusted key that is not a key.
    expect(verifyReport(envelope, 'not a key')).toMatchObject({ ok: false, failure: 'malformed' });
  });

  test('malformed envelopes are named as such, field by field', () => {
    const envelope = exported(clinician.signReport(sampleReport()));
    const cases: [string, (e: Record<string, unknown>) => void][] = [
      ['format', (e) => (e.format = 'habeas-medical-report/2')],
      ['unknown field', (e) => (e.comment = 'unsigned text riding along')],
      ['"signature" is missing', (e) => delete e.signature],
      ['"version"', (e) => (e.version = 0)],
      ['"digest"', (e) => (e.digest = envelope.digest.toUpperCase())],
      ['"previous" is null in version 1', (e) => (e.previous = envelope.digest)],
      ['"report"', (e) => (e.report = [1, 2, 3])],
      ['"signer.keyId" is not the ID', (e) => (e.signer = { ...envelope.signer, keyId: '0'.repeat(16) })],
      ['"signer.publicKey"', (e) => (e.signer = { ...envelope.signer, publicKey: 'AAAA' })],
      ['"signer" has exactly', (e) => (e.signer = { ...envelope.signer, name: 'someone' })],
      ['"signature"', (e) => (e.signature = envelope.signature.slice(0, -4))],
    ];
    for (const [detail, change] of cases) {
      const copy = exported(envelope) as unknown as Record<string, unknown>;
      change(copy);
      const result = verifyReport(copy, stored.publicKey);
      expect(result, detail).toMatchObject({ ok: false, failure: 'malformed' });
      expect(result.ok ? '' : result.detail, detail).toContain(detail);
    }
    for (const value of [null, 'text', 42, [], undefined]) {
      expect(verifyReport(value)).toMatchObject({ ok: false, failure: 'malformed' });
    }
  });
});

describe('amendments: new signed versions, the first never lost', () => {
  test('a chain of versions verifies; each names the one before it, and the first stays', () => {
    const first = clinician.signReport(sampleReport());
    const second = clinician.signReport({ ...sampleReport(), treatment: 'cold compress' }, first);
    const third = clinician.signReport({ ...sampleReport(), treatment: 'cold compress, analgesic' }, second);
    expect([second.version, second.previous, third.version, third.previous]).toEqual([
      2,
      first.digest,
      3,
      second.digest,
    ]);
    expect(verifyReportChain([first, second, third].map(exported), stored.publicKey)).toEqual({
      ok: true,
      digests: [first.digest, second.digest, third.digest],
      head: third.digest,
      keyId: stored.keyId,
      trusted: true,
    });
    // Each version still verifies on its own; the link is part of what was signed.
    expect(verifyReport(second, stored.publicKey)).toMatchObject({
      ok: true,
      version: 2,
      previous: first.digest,
    });
    expect(Buffer.from(signedMessage(second)).toString()).toContain(`previous ${first.digest}\n`);
  });

  test('a chain without its first version, out of order, re-linked or amended by another key fails', () => {
    const first = clinician.signReport(sampleReport());
    const second = clinician.signReport({ ...sampleReport(), opinion: 'consistent' }, first);
    const third = clinician.signReport({ ...sampleReport(), opinion: 'typical of' }, second);

    expect(verifyReportChain([])).toMatchObject({ ok: false, failure: 'empty' });
    expect(verifyReportChain([second, third])).toMatchObject({
      ok: false,
      failure: 'first-version-missing',
      index: 0,
    });
    expect(verifyReportChain([first, third])).toMatchObject({ ok: false, failure: 'broken-link', index: 1 });
    expect(verifyReportChain([first, third, second])).toMatchObject({ ok: false, failure: 'broken-link' });

    // Pointing version 2 at another first version (to hide the real one) breaks its signature.
    const decoy = clinician.signReport({ ...sampleReport(), findings: [] });
    const relinked = { ...exported(second), previous: decoy.digest };
    expect(verifyReportChain([decoy, relinked])).toMatchObject({
      ok: false,
      failure: 'bad-signature',
      index: 1,
    });

    // Another clinician cannot amend: signReport refuses, and a hand-made amendment fails the chain.
    expect(() => other.signReport(sampleReport(), first)).toThrow(/does not verify/);
    const fields = { version: 2, digest: reportDigest(sampleReport()), previous: first.digest };
    const foreign: SignedReport = {
      format: REPORT_FORMAT,
      ...fields,
      report: sampleReport(),
      signer: { keyId: other.keyId, publicKey: Buffer.from(other.publicKey).toString('base64') },
      signature: Buffer.from(other.signMessage(fields)).toString('base64'),
    };
    expect(verifyReport(foreign)).toMatchObject({ ok: true });
    expect(verifyReportChain([first, foreign])).toMatchObject({
      ok: false,
      failure: 'signer-changed',
      index: 1,
    });
    // A changed first version fails the whole chain.
    const changedFirst = withFinding(first, (finding) => (finding.site = 'right upper arm'));
    expect(verifyReportChain([changedFirst, second, third])).toMatchObject({
      ok: false,
      failure: 'digest-mismatch',
      index: 0,
    });
  });
});

describe('the clinician key, wrapped under a passphrase', () => {
  test('the stored key holds the public key in clear and the seed only wrapped (argon2id, AES-256-GCM), as documented', async () => {
    expect(Object.keys(stored).sort()).toEqual([
      'algorithm',
      'createdAt',
      'format',
      'keyId',
      'publicKey',
      'wrapped',
    ]);
    expect(stored).toMatchObject({
      format: 'habeas-medical-key/1',
      algorithm: 'ed25519',
      createdAt: '2026-11-01T08:00:00.000Z',
      keyId: clinicianKeyId(Buffer.from(stored.publicKey, 'base64')),
      wrapped: { kdf: 'argon2id', ...KDF },
    });
    // Unwrapped as the module comment documents it, with nothing from src/: the seed's public key
    // is the stored one.
    const w = stored.wrapped;
    const key = await hashRaw(PASSPHRASE.normalize('NFC'), {
      algorithm: 2,
      memoryCost: w.memoryKiB,
      timeCost: w.iterations,
      parallelism: w.parallelism,
      salt: Buffer.from(w.salt, 'base64'),
      outputLen: 32,
    });
    const sealed = Buffer.from(w.ciphertext, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(w.nonce, 'base64'));
    decipher.setAAD(
      Buffer.concat([Buffer.from('habeas-medical-key/1\n'), Buffer.from(stored.publicKey, 'base64')]),
    );
    decipher.setAuthTag(sealed.subarray(-16));
    const seed = Buffer.concat([decipher.update(sealed.subarray(0, -16)), decipher.final()]);
    expect(Buffer.from(await noble.getPublicKeyAsync(seed)).toString('base64')).toBe(stored.publicKey);
    // The default work factor is the sealing keystore's.
    const defaults = await import('../../src/sealing/keystore.js');
    const { CLINICIAN_KDF_DEFAULTS } = await import('../../src/medical/clinician-key.js');
    expect(CLINICIAN_KDF_DEFAULTS).toEqual(defaults.SEALING_KDF_DEFAULTS);
  });

  test('the wrapped key cannot be unwrapped with a wrong passphrase, nor once altered', async () => {
    await expect(unlockClinicianKey(stored, 'врач подписывает сам!')).rejects.toBeInstanceOf(
      WrongClinicianPassphraseError,
    );
    await expect(unlockClinicianKey(stored, '')).rejects.toBeInstanceOf(WrongClinicianPassphraseError);
    const flipped = Buffer.from(stored.wrapped.ciphertext, 'base64');
    flipped[3] = (flipped[3] as number) ^ 0x01;
    await expect(
      unlockClinicianKey(
        { ...stored, wrapped: { ...stored.wrapped, ciphertext: flipped.toString('base64') } },
        PASSPHRASE,
      ),
    ).rejects.toBeInstanceOf(WrongClinicianPassphraseError);
    // Another key's public half put beside this wrap: the associated data no longer matches.
    const otherPublic = Buffer.from(other.publicKey).toString('base64');
    await expect(
      unlockClinicianKey({ ...stored, publicKey: otherPublic, keyId: other.keyId }, PASSPHRASE),
    ).rejects.toBeInstanceOf(WrongClinicianPassphraseError);
    // Decomposed Unicode of the same passphrase (й as и + breve) unlocks: NFC, as the keystore does.
    const decomposed = await createClinicianKey('ключ врача й', { kdf: KDF });
    await expect(unlockClinicianKey(decomposed, 'ключ врача й'.normalize('NFD'))).resolves.toBeInstanceOf(
      ClinicianKey,
    );
  });

  test('a malformed stored key is named, weak passphrases are refused', async () => {
    expect(() => parseClinicianKey({ ...stored, keyId: '00'.repeat(8) })).toThrow(ClinicianKeyFormatError);
    expect(() => parseClinicianKey({ ...stored, format: 'habeas-sealing/1' })).toThrow(
      ClinicianKeyFormatError,
    );
    expect(() => parseClinicianKey({ ...stored, wrapped: { ...stored.wrapped, memoryKiB: 1024 } })).toThrow(
      /memoryKiB/,
    );
    expect(() => parseClinicianKey({ ...stored, wrapped: { ...stored.wrapped, nonce: 'AAAA' } })).toThrow(
      /nonce/,
    );
    await expect(createClinicianKey('short', { kdf: KDF })).rejects.toBeInstanceOf(PassphraseTooShortError);
    await expect(createClinicianKey('aaaaaaaaaaaaaaaa', { kdf: KDF })).rejects.toBeInstanceOf(
      WeakPassphraseError,
    );
  });

  test('a new passphrase re-wraps the same key; the old one no longer unlocks it', async () => {
    const next = await rewrapClinicianKey(stored, PASSPHRASE, 'новая фраза для ключа', { kdf: KDF });
    expect(next.publicKey).toBe(stored.publicKey);
    expect(next.wrapped.salt).not.toBe(stored.wrapped.salt);
    await expect(unlockClinicianKey(next, PASSPHRASE)).rejects.toBeInstanceOf(WrongClinicianPassphraseError);
    const unlocked = await unlockClinicianKey(next, 'новая фраза для ключа');
    expect(verifyReport(unlocked.signReport(sampleReport()), stored.publicKey)).toMatchObject({ ok: true });
    await expect(
      rewrapClinicianKey(stored, 'не та фраза совсем', 'новая фраза для ключа', { kdf: KDF }),
    ).rejects.toBeInstanceOf(WrongClinicianPassphraseError);
  });

  test('an unlocked key never shows its private half, and signs nothing once locked', async () => {
    const key = await unlockClinicianKey(stored, PASSPHRASE);
    const shown = [JSON.stringify(key), inspect(key), String(key)].join('\n');
    expect(shown).toContain('redacted');
    expect(shown).not.toContain(stored.wrapped.ciphertext);
    expect(JSON.parse(JSON.stringify(key))).toEqual({
      type: 'ClinicianKey',
      keyId: stored.keyId,
      publicKey: stored.publicKey,
      privateKey: '[redacted]',
    });
    key.lock();
    expect(() => key.signReport(sampleReport())).toThrow(/locked/);
  });
});

describe('properties', () => {
  const signer = seedSigner(RFC8032_SEED);
  const trusted = Buffer.from(RFC8032_PUBLIC, 'hex');
  const reports = fc.dictionary(fc.string({ unit: 'grapheme' }), fc.jsonValue({ stringUnit: 'grapheme' }), {
    minKeys: 1,
  }) as fc.Arbitrary<JsonObject>;

  test('any JSON report round-trips through its exported JSON and verifies', () => {
    fc.assert(
      fc.property(reports, (report) => {
        const envelope = signReport(signer, report);
        expect(verifyReport(exported(envelope), trusted)).toMatchObject({ ok: true, trusted: true });
        expect(verifyReport(exported(envelope), clinician.publicKey)).toMatchObject({
          failure: 'unknown-key',
        });
      }),
    );
  });

  test('any single-byte change of the canonical bytes fails', () => {
    fc.assert(
      fc.property(reports, fc.nat(), fc.integer({ min: 1, max: 255 }), (report, at, xor) => {
        const envelope = signReport(signer, report);
        const bytes = Buffer.from(canonicalize(envelope.report), 'utf8');
        const index = at % bytes.length;
        bytes[index] = (bytes[index] as number) ^ xor;
        // Hashed as they are, the changed bytes never give the signed digest.
        expect(`sha256:${createHash('sha256').update(bytes).digest('hex')}`).not.toBe(envelope.digest);
        // Read back as a report, they fail — unless they are only another spelling of the same
        // JSON value (say 1e+21 as 1e021), which RFC 8785 maps to the same canonical bytes.
        const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          return; // not JSON any more: no report to verify
        }
        const changed = { ...exported(envelope), report: value } as unknown;
        const result = verifyReport(changed, trusted);
        // (A number pushed out of range, 1e+100 → 1e+500, parses as Infinity: not JSON, malformed.)
        const same =
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          canonicalOrNull(value) === canonicalize(report);
        if (same) expect(result.ok).toBe(true);
        else expect(result).toMatchObject({ ok: false });
      }),
      { numRuns: 300 },
    );
  });
});

/** Pinned for the RFC 8032 TEST 1 key and the answer-key report (docs/verifying.md shows it). */
const ANSWER_KEY = {
  digest: 'sha256:0f22d9955a8905fcd2e6503c2f18d6a753825f2af0d39b3ca5af84363f753d40',
  keyId: '4310dca6c65b1d7e',
  signature: 'H7rKGkq2Xww6Gp9R1E48YDj6jnooH+O6/2tW4fozwMY3MtJfyJrWmvHf4nE7tuWK8D46fmma7gK/6BJG7BSDAw==',
};
