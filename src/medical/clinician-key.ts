/**
 * A clinician's own Ed25519 signing key (issue 19 item 4): created when the clinician's account is
 * set up, its private half only ever stored wrapped under the clinician's passphrase, so that an
 * administrator (or anyone with the database) holds nothing that signs a report.
 *
 * The wrap is the sealing keystore's (src/sealing/keystore.ts): argon2id over the NFC-normalised
 * passphrase with a 16-byte random salt (the same default parameters, {@link SEALING_KDF_DEFAULTS},
 * and the same bounds), then AES-256-GCM with a 12-byte random nonce of the 32-byte Ed25519 seed.
 * The associated data binds the wrap to its key and its purpose:
 * UTF-8 "habeas-medical-key/1" ‖ 0x0A ‖ the raw 32-byte public key.
 *
 * The stored form, a JSON object of format `habeas-medical-key/1` ({@link ClinicianKeyFile}), is
 * data, not a file path: the account store keeps it wherever it keeps accounts. Everything in it
 * but the ciphertext is public.
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import { inspect } from 'node:util';
import {
  kdfProblem,
  unwrapSecret,
  wrapSecret,
  WRAP_NONCE_SIZE,
  WRAP_SALT_SIZE,
  WRAP_TAG_SIZE,
  type KdfParameters,
  type WrappedSecret,
} from '../crypto/passphrase-wrap.js';
import { fromBase64, toBase64 } from '../ledger/hash.js';
import { ed25519FromSeed } from '../ledger/note.js';
import { checkNewPassphrase, SEALING_KDF_DEFAULTS } from '../sealing/keystore.js';
import {
  CLINICIAN_KEY_NAME,
  PUBLIC_KEY_SIZE,
  clinicianKeyId,
  signReport,
  signedMessage,
  signerOf,
  type ReportSigner,
  type SignedReport,
} from './signing.js';
import type { JsonObject } from '../ledger/json.js';

export const CLINICIAN_KEY_FORMAT = CLINICIAN_KEY_NAME;
/** argon2id parameters of new wraps: the sealing keystore's (256 MiB, 3 passes, 4 lanes). */
export const CLINICIAN_KDF_DEFAULTS: Readonly<KdfParameters> = SEALING_KDF_DEFAULTS;

const SEED_SIZE = 32;

/** A clinician's key as stored: public key in clear, seed wrapped. */
export interface ClinicianKeyFile {
  format: typeof CLINICIAN_KEY_FORMAT;
  algorithm: 'ed25519';
  /** 16 lowercase hex digits: {@link clinicianKeyId} of the public key. */
  keyId: string;
  /** Standard base64 of the raw 32-byte Ed25519 public key. */
  publicKey: string;
  createdAt: string;
  /** AES-256-GCM of the 32-byte Ed25519 seed under the passphrase ({@link wrapAssociatedData}). */
  wrapped: WrappedSecret;
}

/** A stored key that is not a habeas-medical-key/1 object. */
export class ClinicianKeyFormatError extends Error {
  constructor(detail: string) {
    super(`not a ${CLINICIAN_KEY_FORMAT} key: ${detail}`);
    this.name = 'ClinicianKeyFormatError';
  }
}

/** The passphrase does not unwrap the key (or the wrapped key was altered: AES-GCM cannot tell which). */
export class WrongClinicianPassphraseError extends Error {
  constructor(keyId: string) {
    super(`wrong passphrase for clinician key ${keyId} (or its wrapped key was altered)`);
    this.name = 'WrongClinicianPassphraseError';
  }
}

/**
 * A new key pair, wrapped under `passphrase` (refused when short or easy to guess, as people's
 * passwords and sealing passphrases are). Only the wrapped form leaves this function.
 */
export async function createClinicianKey(
  passphrase: string,
  options: { now?: Date; kdf?: KdfParameters } = {},
): Promise<ClinicianKeyFile> {
  checkNewPassphrase(passphrase);
  const kdf = checkKdf(options.kdf ?? CLINICIAN_KDF_DEFAULTS);
  const seed = randomBytes(SEED_SIZE);
  try {
    const { publicKey } = ed25519FromSeed(seed);
    return {
      format: CLINICIAN_KEY_FORMAT,
      algorithm: 'ed25519',
      keyId: clinicianKeyId(publicKey),
      publicKey: toBase64(publicKey),
      createdAt: (options.now ?? new Date()).toISOString(),
      wrapped: await wrap(seed, publicKey, passphrase, kdf),
    };
  } finally {
    seed.fill(0);
  }
}

/** Unwraps the key with the clinician's passphrase, for the length of their signing. */
export async function unlockClinicianKey(stored: unknown, passphrase: string): Promise<ClinicianKey> {
  const { file, publicKey } = parseClinicianKey(stored);
  const seed = await unwrap(file, publicKey, passphrase);
  try {
    const pair = ed25519FromSeed(seed);
    // The wrap is authenticated with the public key as AAD; this checks the pair itself.
    if (!Buffer.from(pair.publicKey).equals(Buffer.from(publicKey)))
      throw new ClinicianKeyFormatError('its private key does not match its public key');
    return new ClinicianKey(pair.privateKey, publicKey, file.keyId);
  } finally {
    seed.fill(0);
  }
}

/** The same key pair wrapped afresh (new salt and nonce) under a new passphrase. */
export async function rewrapClinicianKey(
  stored: unknown,
  oldPassphrase: string,
  newPassphrase: string,
  options: { kdf?: KdfParameters } = {},
): Promise<ClinicianKeyFile> {
  checkNewPassphrase(newPassphrase);
  const kdf = checkKdf(options.kdf ?? CLINICIAN_KDF_DEFAULTS);
  const { file, publicKey } = parseClinicianKey(stored);
  const seed = await unwrap(file, publicKey, oldPassphrase);
  try {
    return { ...file, wrapped: await wrap(seed, publicKey, newPassphrase, kdf) };
  } finally {
    seed.fill(0);
  }
}

/**
 * An unlocked clinician key. It signs reports; it never shows its private key: JSON.stringify and
 * util.inspect see only the public key, and `lock()` forgets it.
 */
export class ClinicianKey {
  #privateKey: KeyObject | null;
  readonly #publicKey: Uint8Array;
  readonly keyId: string;

  /** @internal use {@link unlockClinicianKey}. */
  constructor(privateKey: KeyObject, publicKey: Uint8Array, keyId: string) {
    this.#privateKey = privateKey;
    this.#publicKey = Uint8Array.from(publicKey);
    this.keyId = keyId;
  }

  /** The raw 32-byte public key (a copy). */
  get publicKey(): Uint8Array {
    return Uint8Array.from(this.#publicKey);
  }

  get locked(): boolean {
    return this.#privateKey === null;
  }

  /** Signs a finished report, or an amendment of `amends` (src/medical/signing.ts). */
  signReport(report: JsonObject, amends?: SignedReport): SignedReport {
    return signReport(this.#signer(), report, amends);
  }

  /** The signature over the exact message of {@link signedMessage} (for tests and tools). */
  signMessage(fields: Parameters<typeof signedMessage>[0]): Uint8Array {
    return this.#signer().sign(signedMessage(fields));
  }

  /** Forgets the private key; signing fails afterwards. */
  lock(): void {
    this.#privateKey = null;
  }

  #signer(): ReportSigner {
    if (this.#privateKey === null) throw new Error('the clinician key is locked: unlock it again to sign');
    return signerOf(this.#privateKey, this.#publicKey);
  }

  toJSON(): { type: 'ClinicianKey'; keyId: string; publicKey: string; privateKey: '[redacted]' } {
    return {
      type: 'ClinicianKey',
      keyId: this.keyId,
      publicKey: toBase64(this.#publicKey),
      privateKey: '[redacted]',
    };
  }

  [inspect.custom](): string {
    return `ClinicianKey { keyId: '${this.keyId}', publicKey: '${toBase64(this.#publicKey)}', privateKey: [redacted]${this.locked ? ', locked' : ''} }`;
  }

  toString(): string {
    return `ClinicianKey(${this.keyId})`;
  }
}

// --- The stored form --------------------------------------------------------------------------------

/** Checks a stored key's form (not its passphrase); a {@link ClinicianKeyFormatError} names what is wrong. */
export function parseClinicianKey(value: unknown): { file: ClinicianKeyFile; publicKey: Uint8Array } {
  const bad = (what: string) => new ClinicianKeyFormatError(what);
  if (!isObject(value)) throw bad('not an object');
  if (value.format !== CLINICIAN_KEY_FORMAT) throw bad(`"format" must be "${CLINICIAN_KEY_FORMAT}"`);
  if (value.algorithm !== 'ed25519') throw bad('"algorithm" must be "ed25519"');
  if (typeof value.createdAt !== 'string') throw bad('"createdAt" is missing');
  const publicKey = bytesField(value.publicKey, PUBLIC_KEY_SIZE, '"publicKey"');
  if (value.keyId !== clinicianKeyId(publicKey)) throw bad('"keyId" is not the ID of "publicKey"');
  const wrapped = value.wrapped;
  if (!isObject(wrapped) || wrapped.kdf !== 'argon2id') throw bad('"wrapped.kdf" must be "argon2id"');
  let kdf: KdfParameters;
  try {
    kdf = checkKdf({
      memoryKiB: wrapped.memoryKiB,
      iterations: wrapped.iterations,
      parallelism: wrapped.parallelism,
    });
  } catch (error) {
    throw bad((error as Error).message);
  }
  bytesField(wrapped.salt, WRAP_SALT_SIZE, '"wrapped.salt"');
  bytesField(wrapped.nonce, WRAP_NONCE_SIZE, '"wrapped.nonce"');
  bytesField(wrapped.ciphertext, SEED_SIZE + WRAP_TAG_SIZE, '"wrapped.ciphertext"');
  const file: ClinicianKeyFile = {
    format: CLINICIAN_KEY_FORMAT,
    algorithm: 'ed25519',
    keyId: value.keyId as string,
    publicKey: value.publicKey as string,
    createdAt: value.createdAt,
    wrapped: {
      kdf: 'argon2id',
      ...kdf,
      salt: wrapped.salt as string,
      nonce: wrapped.nonce as string,
      ciphertext: wrapped.ciphertext as string,
    },
  };
  return { file, publicKey };
}

function bytesField(value: unknown, size: number, name: string): Uint8Array {
  let bytes: Uint8Array | undefined;
  try {
    if (typeof value === 'string') bytes = fromBase64(value);
  } catch {
    bytes = undefined;
  }
  if (bytes === undefined || bytes.length !== size)
    throw new ClinicianKeyFormatError(`${name} must be ${size} bytes in standard base64`);
  return bytes;
}

// --- Wrapping ---------------------------------------------------------------------------------------

/** The AEAD's associated data: "habeas-medical-key/1\n" ‖ raw public key. */
export function wrapAssociatedData(publicKey: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`${CLINICIAN_KEY_FORMAT}\n`, 'utf8'), publicKey]);
}

function wrap(
  seed: Uint8Array,
  publicKey: Uint8Array,
  passphrase: string,
  kdf: KdfParameters,
): Promise<WrappedSecret> {
  return wrapSecret(seed, wrapAssociatedData(publicKey), passphrase, kdf);
}

async function unwrap(
  file: ClinicianKeyFile,
  publicKey: Uint8Array,
  passphrase: string,
): Promise<Uint8Array> {
  const seed = await unwrapSecret(file.wrapped, wrapAssociatedData(publicKey), passphrase);
  if (seed === null) throw new WrongClinicianPassphraseError(file.keyId);
  return seed;
}

function checkKdf(kdf: Record<keyof KdfParameters, unknown>): KdfParameters {
  const problem = kdfProblem(kdf);
  if (problem !== null) throw new RangeError(`the argon2id parameters: ${problem}`);
  return {
    memoryKiB: kdf.memoryKiB as number,
    iterations: kdf.iterations as number,
    parallelism: kdf.parallelism as number,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
