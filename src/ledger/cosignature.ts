/**
 * C2SP tlog-cosignature (https://c2sp.org/tlog-cosignature), Ed25519 `cosignature/v1`: a witness's
 * timestamped statement that a checkpoint is the largest consistent tree head it has seen for the log.
 * Key ID = SHA-256(name ‖ 0x0A ‖ 0x04 ‖ public key)[:4]; the signature line carries
 * base64(key ID ‖ uint64 BE timestamp ‖ 64-byte Ed25519 signature) over
 * "cosignature/v1\ntime <timestamp>\n" ‖ checkpoint body.
 */
import { randomBytes } from 'node:crypto';
import { parseCheckpoint } from './checkpoint.js';
import {
  NoteError,
  decodeSignerKey,
  decodeVerifierKey,
  ed25519FromSeed,
  ed25519PublicKey,
  ed25519SignBytes,
  ed25519VerifyBytes,
  encodeSignerKey,
  encodeVerifierKey,
  isValidKeyName,
  parseSignatureLine,
  signatureLine,
  type NoteVerifier,
} from './note.js';

/** signed-note §Signature types: 0x04 is a timestamped Ed25519 witness cosignature. */
export const SIGNATURE_TYPE_COSIGNATURE_V1 = 0x04;
const TIMESTAMP_SIZE = 8;
const SIGNATURE_SIZE = 64;

/** A cosignature line or witness key that does not hold: do not count this witness. */
export class CosignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CosignatureError';
  }
}

/** The message a cosignature/v1 signs. */
export function cosignatureMessage(checkpointBody: string, timestampSeconds: number): string {
  return `cosignature/v1\ntime ${timestampSeconds}\n${checkpointBody}`;
}

function checkBody(checkpointBody: string): void {
  try {
    parseCheckpoint(checkpointBody);
  } catch (error) {
    throw new CosignatureError(`not a checkpoint body: ${(error as Error).message}`);
  }
}

function asCosignatureError<T>(f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof NoteError) throw new CosignatureError(error.message);
    throw error;
  }
}

/** A new witness key pair for `name` (a schema-less URL naming the witness, by convention). */
export function generateWitnessKey(name: string): { signerKey: string; verifierKey: string } {
  if (!isValidKeyName(name)) throw new CosignatureError(`${JSON.stringify(name)} is not a valid key name`);
  const seed = randomBytes(32);
  return {
    signerKey: encodeSignerKey(name, SIGNATURE_TYPE_COSIGNATURE_V1, seed),
    verifierKey: encodeVerifierKey(name, SIGNATURE_TYPE_COSIGNATURE_V1, ed25519FromSeed(seed).publicKey),
  };
}

/** Cosigns a checkpoint body at `timestampSeconds` (POSIX); returns the signature line without newline. */
export function cosign(checkpointBody: string, witnessSignerKey: string, timestampSeconds: number): string {
  checkBody(checkpointBody);
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) {
    throw new CosignatureError('the timestamp is a non-negative integer number of seconds');
  }
  const key = asCosignatureError(() => decodeSignerKey(witnessSignerKey, [SIGNATURE_TYPE_COSIGNATURE_V1]));
  const signature = ed25519SignBytes(
    key.privateKey,
    Buffer.from(cosignatureMessage(checkpointBody, timestampSeconds), 'utf8'),
  );
  const timestamp = Buffer.alloc(TIMESTAMP_SIZE);
  timestamp.writeBigUInt64BE(BigInt(timestampSeconds));
  return signatureLine(key.name, key.keyId, Buffer.concat([timestamp, signature]));
}

/** Splits the bytes after the key ID into timestamp and signature; null when they cannot be one. */
function splitTimestamped(raw: Uint8Array): { timestamp: number; signature: Uint8Array } | null {
  if (raw.length !== TIMESTAMP_SIZE + SIGNATURE_SIZE) return null;
  const timestamp = Buffer.from(raw.buffer, raw.byteOffset, TIMESTAMP_SIZE).readBigUInt64BE(0);
  if (timestamp > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return { timestamp: Number(timestamp), signature: raw.subarray(TIMESTAMP_SIZE) };
}

/**
 * Verifies one cosignature line (with or without its newline) over a checkpoint body with a witness
 * verifier key; returns its timestamp. Throws CosignatureError when the line is not this witness's
 * or does not verify.
 */
export function verifyCosignature(
  checkpointBody: string,
  line: string,
  witnessVerifierKey: string,
): { timestamp: number } {
  checkBody(checkpointBody);
  const key = asCosignatureError(() =>
    decodeVerifierKey(witnessVerifierKey, [SIGNATURE_TYPE_COSIGNATURE_V1]),
  );
  const parsed = asCosignatureError(() => parseSignatureLine(line));
  if (parsed.name !== key.name || parsed.keyId !== key.keyId) {
    throw new CosignatureError(
      `the line is signed by ${parsed.name} (${parsed.keyId}), not by witness ${key.name} (${key.keyId})`,
    );
  }
  const split = splitTimestamped(parsed.signature);
  if (split === null)
    throw new CosignatureError(`the cosignature of ${key.name} is not a timestamped Ed25519 signature`);
  const message = Buffer.from(cosignatureMessage(checkpointBody, split.timestamp), 'utf8');
  if (!ed25519VerifyBytes(ed25519PublicKey(key.publicKey), message, split.signature)) {
    throw new CosignatureError(`the cosignature of ${key.name} does not verify`);
  }
  return { timestamp: split.timestamp };
}

/** A NoteVerifier for a witness key, so that openNote can check cosignature lines inside a note. */
export function witnessVerifierFromKey(witnessVerifierKey: string): NoteVerifier {
  const key = asCosignatureError(() =>
    decodeVerifierKey(witnessVerifierKey, [SIGNATURE_TYPE_COSIGNATURE_V1]),
  );
  const publicKey = ed25519PublicKey(key.publicKey);
  return {
    name: key.name,
    keyId: key.keyId,
    key: encodeVerifierKey(key.name, key.type, key.publicKey),
    verify: (text, raw) => {
      const split = splitTimestamped(raw);
      return (
        split !== null &&
        ed25519VerifyBytes(
          publicKey,
          Buffer.from(cosignatureMessage(text, split.timestamp), 'utf8'),
          split.signature,
        )
      );
    },
  };
}
