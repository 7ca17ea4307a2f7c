/**
 * A signed medical report checked against the log (issue 19 item 4: "checks a report offline
 * against the clinician's public key and the log"; docs/verifying.md "Medical reports"). The
 * export GET /api/v1/medical/people/{personId}/reports/{reportId}/signed returns,
 * `habeas-medical-report-export/1`, is the signed envelope with the place of its entry:
 *
 * ```json
 * { "format": "habeas-medical-report-export/1",
 *   "signed": { …habeas-medical-report/1… },
 *   "log": { "seq": 4711, "stream": "medical/<recordId>", "salt": "<32 lowercase hex>" } }
 * ```
 *
 * The entry at `seq` holds, as its payload, the report object with the rest of the envelope under
 * `signed` — `{...signed.report, signed: {digest, previous, keyId, publicKey, signature}}` — so its
 * digest is lowercase hex SHA-256(salt ‖ RFC 8785 bytes of that object) (src/ledger/entry.ts). A
 * reviewer holding a bundle exported WITHOUT the medical payloads (the usual one: clinical content
 * never leaves with a bundle, src/store/export.ts) still finds the report there, because the
 * report and the salt come with the export and the digest with the entry.
 *
 * The clinician's key is registered in the log, stream `clinician-key/<accountId>`
 * (src/domain/medical/key-events.ts); when the bundle carries that entry's payload, the signer
 * must be the key registered for the account the report names.
 *
 * Pure: no I/O, no clock, so the CLI and tests use it alike.
 */
import { CLINICIAN_KEY_TYPE, clinicianKeyStream } from '../domain/medical/key-events.js';
import { MEDICAL_ENTRY_TYPE } from '../domain/medical/events.js';
import { payloadDigest, SALT_SIZE, type Entry } from '../ledger/entry.js';
import { fromHex } from '../ledger/hash.js';
import type { JsonObject, JsonValue } from '../ledger/json.js';
import type { SignedReport } from './signing.js';

export const REPORT_EXPORT_FORMAT = 'habeas-medical-report-export/1';

/** Where a signed report's entry lies in the log. */
export type ReportPlace = { seq: number; stream: string; salt: string };

/** A signed report as exported with its place in the log. */
export type ReportExport = {
  format: typeof REPORT_EXPORT_FORMAT;
  signed: SignedReport;
  log: ReportPlace;
};

const SALT_PATTERN = new RegExp(`^[0-9a-f]{${SALT_SIZE * 2}}$`);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One version as given to `habeas medical verify`: a bare habeas-medical-report/1 envelope (no
 * place in the log) or the export. The envelope itself is checked by verifyReport; here only the
 * export's own fields are.
 */
export function readReportVersion(
  value: unknown,
): { ok: true; signed: unknown; log: ReportPlace | null } | { ok: false; detail: string } {
  if (!isObject(value) || value.format !== REPORT_EXPORT_FORMAT)
    return { ok: true, signed: value, log: null };
  const extra = Object.keys(value).find((key) => !['format', 'signed', 'log'].includes(key));
  if (extra !== undefined)
    return { ok: false, detail: `the export has an unknown field ${JSON.stringify(extra)}` };
  const log = value.log;
  if (!isObject(log)) return { ok: false, detail: 'the export has no "log" object' };
  if (!Number.isSafeInteger(log.seq) || (log.seq as number) < 0)
    return { ok: false, detail: '"log.seq" must be a whole number from 0' };
  if (typeof log.stream !== 'string' || log.stream === '')
    return { ok: false, detail: '"log.stream" must name a stream' };
  if (typeof log.salt !== 'string' || !SALT_PATTERN.test(log.salt))
    return { ok: false, detail: `"log.salt" must be ${SALT_SIZE * 2} lowercase hex digits` };
  return {
    ok: true,
    signed: value.signed,
    log: { seq: log.seq as number, stream: log.stream, salt: log.salt },
  };
}

/** The payload of a report version's entry: the report with the rest of its envelope under `signed`. */
export function entryPayloadOf(signed: SignedReport): JsonObject {
  return {
    ...signed.report,
    signed: {
      digest: signed.digest,
      previous: signed.previous,
      keyId: signed.signer.keyId,
      publicKey: signed.signer.publicKey,
      signature: signed.signature,
    },
  };
}

/** The clinician's account a report names (`report.clinician.accountId`), if it names one. */
export function clinicianAccountOf(signed: SignedReport): string | null {
  const clinician = signed.report.clinician;
  return isObject(clinician) && typeof clinician.accountId === 'string' ? clinician.accountId : null;
}

/** Why a report's entry is not what the export says. */
export type InLogFailure =
  /** The bundle has no entry at `log.seq`. */
  | 'not-in-log'
  /** The entry at `log.seq` is of another stream or type. */
  | 'other-entry'
  /** The entry's digest is not that of the report with its salt: the log holds another report. */
  | 'entry-digest-mismatch'
  /** The entry was appended by another account than the clinician the report names. */
  | 'other-author'
  /** The log registers another key, or none, for the clinician the report names. */
  | 'signer-not-registered';

export type InLogResult = { ok: true } | { ok: false; failure: InLogFailure; detail: string };

/** Checks that `entry` (the bundle's entry at `place.seq`, if any) is the entry of `signed`. */
export function checkReportEntry(
  signed: SignedReport,
  place: ReportPlace,
  entry: Entry | undefined,
): InLogResult {
  if (entry === undefined)
    return { ok: false, failure: 'not-in-log', detail: `the bundle has no entry ${place.seq}` };
  if (entry.stream !== place.stream || entry.type !== MEDICAL_ENTRY_TYPE)
    return {
      ok: false,
      failure: 'other-entry',
      detail:
        `entry ${place.seq} is of stream ${entry.stream} and type ${entry.type}, ` +
        `not of ${place.stream} and ${MEDICAL_ENTRY_TYPE}`,
    };
  let digest: string;
  try {
    digest = payloadDigest(fromHex(place.salt), entryPayloadOf(signed) as JsonValue);
  } catch (error) {
    return {
      ok: false,
      failure: 'entry-digest-mismatch',
      detail: `the report cannot be hashed: ${(error as Error).message}`,
    };
  }
  if (digest !== entry.digest)
    return {
      ok: false,
      failure: 'entry-digest-mismatch',
      detail: `entry ${place.seq} holds the digest ${entry.digest}; this report with its salt hashes to ${digest}: the log holds another report there`,
    };
  const author = clinicianAccountOf(signed);
  if (author !== null && entry.actor !== author)
    return {
      ok: false,
      failure: 'other-author',
      detail: `entry ${place.seq} was appended by account ${entry.actor}, not by the clinician the report names (${author})`,
    };
  return { ok: true };
}

/** What a bundle says of the keys registered for one clinician account. */
export type KeyRegistrations = {
  /** Entries of stream clinician-key/<accountId> that the bundle carries without their payload. */
  withoutPayload: number[];
  /** Registered keys whose payload the bundle carries (and whose digest it checked). */
  keys: { seq: number; keyId: string; publicKey: string }[];
};

/** Gathers, entry by entry, the key registrations of the given clinician accounts. */
export class KeyRegistry {
  readonly #accounts: Map<string, KeyRegistrations>;

  constructor(accountIds: Iterable<string>) {
    this.#accounts = new Map(
      [...accountIds].map((id) => [clinicianKeyStream(id), { withoutPayload: [], keys: [] }]),
    );
  }

  /** Takes note of an entry (and its payload, when checked) if it registers a key of these accounts. */
  note(entry: Entry, payload: JsonValue | undefined): void {
    const registrations = this.#accounts.get(entry.stream);
    if (registrations === undefined || entry.type !== CLINICIAN_KEY_TYPE) return;
    if (!isObject(payload)) {
      registrations.withoutPayload.push(entry.seq);
      return;
    }
    if (typeof payload.publicKey === 'string' && typeof payload.keyId === 'string')
      registrations.keys.push({ seq: entry.seq, keyId: payload.keyId, publicKey: payload.publicKey });
  }

  of(accountId: string): KeyRegistrations {
    return this.#accounts.get(clinicianKeyStream(accountId)) ?? { withoutPayload: [], keys: [] };
  }
}

/**
 * Whether the signer is the key the log registered for `accountId`: `checked` with the entry that
 * registered it, a failure, or `unchecked` with why (the bundle carries the registration without
 * its payload).
 */
export function checkSignerRegistered(
  signed: SignedReport,
  accountId: string,
  registrations: KeyRegistrations,
):
  | { ok: true; checked: true; seq: number }
  | { ok: true; checked: false; reason: string }
  | (InLogResult & { ok: false }) {
  const match = registrations.keys.find((key) => key.publicKey === signed.signer.publicKey);
  if (match) return { ok: true, checked: true, seq: match.seq };
  const other = registrations.keys[0];
  if (other)
    return {
      ok: false,
      failure: 'signer-not-registered',
      detail: `signed by key ${signed.signer.keyId}, but the log registers key ${other.keyId} for clinician account ${accountId} (entry ${other.seq})`,
    };
  if (registrations.withoutPayload.length > 0)
    return {
      ok: true,
      checked: false,
      reason:
        `the bundle carries the registration of clinician account ${accountId}'s key (entry ` +
        `${registrations.withoutPayload.join(', ')}) without its payload; a bundle exported with --payloads carries it`,
    };
  return {
    ok: false,
    failure: 'signer-not-registered',
    detail: `the log registers no signing key for clinician account ${accountId} (no entry of ${clinicianKeyStream(accountId)})`,
  };
}
