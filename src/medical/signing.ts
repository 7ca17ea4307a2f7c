/**
 * Signed medical reports (issue 19 item 4, `intl.medical.report`): a finished report is canonical
 * JSON signed with its clinician's own Ed25519 key, so that a forensic reviewer who holds the
 * clinician's public key can check it offline with any Ed25519 library, and a report changed after
 * signing — one character of one finding — no longer verifies.
 *
 * The envelope, format `habeas-medical-report/1` (docs/verifying.md "Medical reports"):
 *
 * ```json
 * {
 *   "format": "habeas-medical-report/1",
 *   "version": 1,
 *   "previous": null,
 *   "report": { …the report, any JSON object… },
 *   "digest": "sha256:<64 lowercase hex>",
 *   "signer": { "keyId": "<16 lowercase hex>", "publicKey": "<base64 of the raw 32-byte key>" },
 *   "signature": "<base64 of the 64-byte Ed25519 signature>"
 * }
 * ```
 *
 * - `digest` = "sha256:" + lowercase hex SHA-256 of the RFC 8785 (JCS) bytes of `report`.
 * - `version` is 1 for the first version and one more for each amendment; `previous` is null in
 *   the first version and the `digest` of the version it amends in every other.
 * - The signature is pure Ed25519 (RFC 8032, no prehash, no context) over exactly these ASCII
 *   bytes, four lines each ending in one line feed (0x0A), nothing before or after:
 *
 *   ```
 *   habeas-medical-report/1
 *   version <decimal, no leading zeros>
 *   digest sha256:<64 lowercase hex>
 *   previous sha256:<64 lowercase hex>      (or: previous none)
 *   ```
 *
 *   The first line separates these signatures from every other thing the same
 *   key could sign; the amendment link and the version number are signed with the report, so a
 *   chain of versions cannot be re-ordered, cut or re-linked.
 * - `signer.keyId` = lowercase hex of the first 8 bytes of SHA-256("habeas-medical-key/1" ‖ 0x0A ‖
 *   0x01 ‖ raw public key): the construction of C2SP signed-note key IDs (name, newline, signature
 *   type 0x01 for Ed25519, key), with a fixed name and 8 bytes instead of 4. It names the key in
 *   registers and lists; verification always uses the public key itself.
 *
 * Everything here is pure and synchronous (node:crypto and the ledger's codecs only), so that it
 * can run in the stand-alone verifier as well as on the server.
 */
import { createHash, type KeyObject } from 'node:crypto';
import { assertJson, canonicalBytes } from '../ledger/canonical.js';
import { EncodingError, fromBase64, toBase64, toHex } from '../ledger/hash.js';
import type { JsonObject, JsonValue } from '../ledger/json.js';
import { ed25519PublicKey, ed25519SignBytes, ed25519VerifyBytes } from '../ledger/note.js';

export const REPORT_FORMAT = 'habeas-medical-report/1';
/** The fixed name in a clinician key's ID (see {@link clinicianKeyId}). */
export const CLINICIAN_KEY_NAME = 'habeas-medical-key/1';
/** C2SP signed-note signature type of Ed25519, reused in the key ID. */
const ED25519_TYPE = 0x01;
export const PUBLIC_KEY_SIZE = 32;
export const SIGNATURE_SIZE = 64;
const KEY_ID_BYTES = 8;
const DIGEST_PREFIX = 'sha256:';

const DIGEST_PATTERN = /^sha256:[0-9a-f]{64}$/;
const KEY_ID_PATTERN = /^[0-9a-f]{16}$/;

/** `sha256:` and 64 lowercase hex digits. */
export type ReportDigest = `sha256:${string}`;

/** A signed report as exported and as stored beside its log entry. */
export type SignedReport = {
  format: typeof REPORT_FORMAT;
  /** 1 for the first version; each amendment one more. */
  version: number;
  /** The digest of the version this one amends; null in the first version. */
  previous: ReportDigest | null;
  report: JsonObject;
  digest: ReportDigest;
  signer: {
    /** 16 lowercase hex digits, {@link clinicianKeyId} of `publicKey`. */
    keyId: string;
    /** Standard base64 of the raw 32-byte Ed25519 public key. */
    publicKey: string;
  };
  /** Standard base64 of the 64-byte Ed25519 signature over {@link signedMessage}. */
  signature: string;
};

/** What a clinician's unlocked key offers to sign with: the raw public key and a signing function. */
export interface ReportSigner {
  /** The raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  /** The Ed25519 signature (64 bytes) of `message`. */
  sign(message: Uint8Array): Uint8Array;
}

/** `digest` of a report: "sha256:" + hex SHA-256 of its RFC 8785 bytes. Throws TypeError for non-JSON. */
export function reportDigest(report: JsonValue): ReportDigest {
  return `${DIGEST_PREFIX}${createHash('sha256').update(canonicalBytes(report)).digest('hex')}`;
}

/** The key ID of a clinician's raw Ed25519 public key (16 lowercase hex digits). */
export function clinicianKeyId(publicKey: Uint8Array): string {
  if (publicKey.length !== PUBLIC_KEY_SIZE)
    throw new TypeError(`an Ed25519 public key is ${PUBLIC_KEY_SIZE} bytes`);
  const hash = createHash('sha256')
    .update(`${CLINICIAN_KEY_NAME}\n`, 'utf8')
    .update(new Uint8Array([ED25519_TYPE]))
    .update(publicKey)
    .digest();
  return toHex(hash.subarray(0, KEY_ID_BYTES));
}

/** The exact bytes the clinician's key signs (module comment): four ASCII lines. */
export function signedMessage(fields: {
  version: number;
  digest: ReportDigest;
  previous: ReportDigest | null;
}): Uint8Array {
  if (!Number.isSafeInteger(fields.version) || fields.version < 1)
    throw new TypeError('version is a whole number from 1');
  if (!DIGEST_PATTERN.test(fields.digest)) throw new TypeError('digest is sha256: and 64 lowercase hex');
  if (fields.previous !== null && !DIGEST_PATTERN.test(fields.previous))
    throw new TypeError('previous is null or sha256: and 64 lowercase hex');
  const text =
    `${REPORT_FORMAT}\n` +
    `version ${fields.version}\n` +
    `digest ${fields.digest}\n` +
    `previous ${fields.previous ?? 'none'}\n`;
  return Buffer.from(text, 'ascii');
}

/**
 * Signs a finished report: the first version, or, given the version it amends, the next one. The
 * report is copied (through its canonical form), so later changes to the caller's object cannot
 * reach the envelope. Refuses an amendment signed by another key than the version it amends:
 * another clinician's view is a second opinion, a report of its own.
 */
export function signReport(signer: ReportSigner, report: JsonObject, amends?: SignedReport): SignedReport {
  if (typeof report !== 'object' || report === null || Array.isArray(report))
    throw new TypeError('a report is a JSON object');
  assertJson(report, '$.report');
  const publicKey = Uint8Array.from(signer.publicKey);
  let version = 1;
  let previous: ReportDigest | null = null;
  if (amends !== undefined) {
    const check = verifyReport(amends, publicKey);
    if (!check.ok) throw new TypeError(`the version amended does not verify: ${check.detail}`);
    version = amends.version + 1;
    previous = amends.digest;
  }
  const copy = JSON.parse(Buffer.from(canonicalBytes(report)).toString('utf8')) as JsonObject;
  const digest = reportDigest(copy);
  const signature = signer.sign(signedMessage({ version, digest, previous }));
  if (signature.length !== SIGNATURE_SIZE) throw new TypeError('an Ed25519 signature is 64 bytes');
  return {
    format: REPORT_FORMAT,
    version,
    previous,
    report: copy,
    digest,
    signer: { keyId: clinicianKeyId(publicKey), publicKey: toBase64(publicKey) },
    signature: toBase64(signature),
  };
}

/** A {@link ReportSigner} from a private KeyObject (the unlocked clinician key uses this). */
export function signerOf(privateKey: KeyObject, publicKey: Uint8Array): ReportSigner {
  return {
    publicKey: Uint8Array.from(publicKey),
    sign: (message) => ed25519SignBytes(privateKey, message),
  };
}

// --- Verification -----------------------------------------------------------------------------------

/** Why a report does not verify, first failure first in this order. */
export type ReportFailure =
  /** Not a habeas-medical-report/1 envelope: a field missing, extra, of the wrong type or encoding. */
  | 'malformed'
  /** The report's RFC 8785 bytes do not hash to `digest`: the report was changed. */
  | 'digest-mismatch'
  /** The signer is not the key (or one of the keys) the reviewer trusts. */
  | 'unknown-key'
  /** The signature does not verify over the signed message with the signer's key. */
  | 'bad-signature';

export type ReportVerification =
  | {
      ok: true;
      digest: ReportDigest;
      version: number;
      previous: ReportDigest | null;
      keyId: string;
      /** Standard base64 of the signer's raw public key. */
      publicKey: string;
      /** True when a trusted key was given and the signer is it; false when none was given. */
      trusted: boolean;
    }
  | { ok: false; failure: ReportFailure; detail: string };

/** A trusted key: the raw 32 bytes, or their standard base64. */
export type TrustedKey = Uint8Array | string;

/**
 * Checks a signed report: its form, that the report hashes to its digest, that the signer is
 * trusted (when `trusted` is given: one key or a list), and that the signature verifies. Pure: no
 * clock, no I/O. Without `trusted` it proves only that the holder of the named key signed this
 * report — `trusted: false` in the answer — which says nothing until that key is known to be the
 * clinician's.
 */
export function verifyReport(
  envelope: unknown,
  trusted?: TrustedKey | readonly TrustedKey[],
): ReportVerification {
  const parsed = parseEnvelope(envelope);
  if (!parsed.ok) return { ok: false, failure: 'malformed', detail: parsed.detail };
  const { value, publicKey, signature } = parsed;

  let digest: ReportDigest;
  try {
    digest = reportDigest(value.report);
  } catch (error) {
    return { ok: false, failure: 'malformed', detail: `report: ${(error as Error).message}` };
  }
  if (digest !== value.digest) {
    return {
      ok: false,
      failure: 'digest-mismatch',
      detail: `the report hashes to ${digest}, not to its digest ${value.digest}: it was changed after signing`,
    };
  }

  let isTrusted = false;
  if (trusted !== undefined) {
    const keys = trustedKeys(trusted);
    if (keys === null)
      return {
        ok: false,
        failure: 'malformed',
        detail: 'a trusted key is 32 bytes (raw or standard base64)',
      };
    if (!keys.some((key) => equal(key, publicKey))) {
      return {
        ok: false,
        failure: 'unknown-key',
        detail: `signed by key ${value.signer.keyId}, which is not ${keys.length === 1 ? 'the trusted key' : 'among the trusted keys'}`,
      };
    }
    isTrusted = true;
  }

  let key: KeyObject;
  try {
    key = ed25519PublicKey(publicKey);
  } catch {
    return { ok: false, failure: 'malformed', detail: 'signer.publicKey is not an Ed25519 public key' };
  }
  const message = signedMessage({ version: value.version, digest: value.digest, previous: value.previous });
  if (!ed25519VerifyBytes(key, message, signature)) {
    return {
      ok: false,
      failure: 'bad-signature',
      detail: `the signature does not verify with key ${value.signer.keyId}`,
    };
  }
  return {
    ok: true,
    digest: value.digest,
    version: value.version,
    previous: value.previous,
    keyId: value.signer.keyId,
    publicKey: value.signer.publicKey,
    trusted: isTrusted,
  };
}

const ENVELOPE_FIELDS = ['digest', 'format', 'previous', 'report', 'signature', 'signer', 'version'];

type Parsed =
  | { ok: true; value: SignedReport; publicKey: Uint8Array; signature: Uint8Array }
  | { ok: false; detail: string };

/** Checks the envelope's form; no hashing or signature yet. Extra fields are refused: nothing unsigned rides along. */
function parseEnvelope(envelope: unknown): Parsed {
  const bad = (detail: string): Parsed => ({ ok: false, detail });
  if (!isObject(envelope)) return bad('not a JSON object');
  if (envelope.format !== REPORT_FORMAT) return bad(`"format" must be "${REPORT_FORMAT}"`);
  const keys = Object.keys(envelope).sort();
  const extra = keys.filter((key) => !ENVELOPE_FIELDS.includes(key));
  if (extra.length > 0)
    return bad(`unknown field ${JSON.stringify(extra[0])}: nothing unsigned may ride along`);
  for (const field of ENVELOPE_FIELDS) if (!(field in envelope)) return bad(`"${field}" is missing`);
  const { version, previous, report, digest, signer, signature } = envelope;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1)
    return bad('"version" must be a whole number from 1');
  if (typeof digest !== 'string' || !DIGEST_PATTERN.test(digest))
    return bad('"digest" must be "sha256:" and 64 lowercase hex digits');
  if (previous !== null && (typeof previous !== 'string' || !DIGEST_PATTERN.test(previous)))
    return bad('"previous" must be null or "sha256:" and 64 lowercase hex digits');
  if ((version === 1) !== (previous === null))
    return bad('"previous" is null in version 1 and names the version amended in every later one');
  if (!isObject(report)) return bad('"report" must be a JSON object');
  if (!isObject(signer)) return bad('"signer" must be an object');
  const signerKeys = Object.keys(signer).sort();
  if (signerKeys.length !== 2 || signerKeys[0] !== 'keyId' || signerKeys[1] !== 'publicKey')
    return bad('"signer" has exactly "keyId" and "publicKey"');
  if (typeof signer.keyId !== 'string' || !KEY_ID_PATTERN.test(signer.keyId))
    return bad('"signer.keyId" must be 16 lowercase hex digits');
  const publicKey = base64Field(signer.publicKey, PUBLIC_KEY_SIZE);
  if (publicKey === null) return bad('"signer.publicKey" must be 32 bytes in standard base64');
  if (clinicianKeyId(publicKey) !== signer.keyId)
    return bad('"signer.keyId" is not the ID of "signer.publicKey"');
  const signatureBytes = base64Field(signature, SIGNATURE_SIZE);
  if (signatureBytes === null) return bad('"signature" must be 64 bytes in standard base64');
  return {
    ok: true,
    value: envelope as unknown as SignedReport,
    publicKey,
    signature: signatureBytes,
  };
}

// --- Chains of versions -----------------------------------------------------------------------------

export type ChainFailure =
  | ReportFailure
  /** No versions at all. */
  | 'empty'
  /** The first version (version 1, previous null) is not there: it must never be lost. */
  | 'first-version-missing'
  /** A version does not name the one before it, or its number is not one more. */
  | 'broken-link'
  /** A version is signed by another key than the first: amendments are the author's own. */
  | 'signer-changed';

export type ChainVerification =
  | {
      ok: true;
      /** Each version's digest, first to last. */
      digests: ReportDigest[];
      /** The newest version's digest: the report as it now stands. */
      head: ReportDigest;
      keyId: string;
      trusted: boolean;
    }
  | {
      ok: false;
      failure: ChainFailure;
      /** The 0-based position in the list of the version that fails (absent for "empty"). */
      index?: number;
      detail: string;
    };

/**
 * Checks the versions of one report, oldest first: each verifies on its own (against `trusted`
 * when given), the first is version 1 with no previous, each next one is numbered one more, names
 * the digest of the one before it, and is signed by the same key.
 */
export function verifyReportChain(
  versions: readonly unknown[],
  trusted?: TrustedKey | readonly TrustedKey[],
): ChainVerification {
  if (!Array.isArray(versions) || versions.length === 0)
    return { ok: false, failure: 'empty', detail: 'no versions to check' };
  const digests: ReportDigest[] = [];
  let first: Extract<ReportVerification, { ok: true }> | undefined;
  for (let index = 0; index < versions.length; index++) {
    const result = verifyReport(versions[index], trusted);
    if (!result.ok)
      return { ok: false, failure: result.failure, index, detail: `version at ${index}: ${result.detail}` };
    if (first === undefined) {
      if (result.version !== 1 || result.previous !== null) {
        return {
          ok: false,
          failure: 'first-version-missing',
          index,
          detail: `the chain starts at version ${result.version}, not at the first version`,
        };
      }
      first = result;
    } else {
      const before = digests[digests.length - 1] as ReportDigest;
      if (result.version !== index + 1 || result.previous !== before) {
        return {
          ok: false,
          failure: 'broken-link',
          index,
          detail: `version at ${index} is numbered ${result.version} and amends ${result.previous ?? 'nothing'}, not version ${index} (${before})`,
        };
      }
      if (result.publicKey !== first.publicKey) {
        return {
          ok: false,
          failure: 'signer-changed',
          index,
          detail: `version ${result.version} is signed by key ${result.keyId}, the first by ${first.keyId}`,
        };
      }
    }
    digests.push(result.digest);
  }
  return {
    ok: true,
    digests,
    head: digests[digests.length - 1] as ReportDigest,
    keyId: (first as Extract<ReportVerification, { ok: true }>).keyId,
    trusted: (first as Extract<ReportVerification, { ok: true }>).trusted,
  };
}

// --- Small helpers ----------------------------------------------------------------------------------

function trustedKeys(trusted: TrustedKey | readonly TrustedKey[]): Uint8Array[] | null {
  const list: readonly TrustedKey[] =
    typeof trusted === 'string' || trusted instanceof Uint8Array ? [trusted] : trusted;
  const keys: Uint8Array[] = [];
  for (const key of list) {
    const bytes = typeof key === 'string' ? base64Field(key, PUBLIC_KEY_SIZE) : key;
    if (bytes === null || !(bytes instanceof Uint8Array) || bytes.length !== PUBLIC_KEY_SIZE) return null;
    keys.push(bytes);
  }
  return keys.length === 0 ? null : keys;
}

function base64Field(value: unknown, size: number): Uint8Array | null {
  if (typeof value !== 'string') return null;
  try {
    const bytes = fromBase64(value);
    return bytes.length === size ? bytes : null;
  } catch (error) {
    if (error instanceof EncodingError) return null;
    throw error;
  }
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
