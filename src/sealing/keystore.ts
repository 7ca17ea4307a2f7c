/**
 * The sealing key pairs of the institutions complaints are sealed to, each kept in the data
 * directory in a file of its own (mode 0600) under a passphrase of its own: the complaints
 * authority's in DIR/sealing.json, the procurator's office's in DIR/procurator-sealing.json (issue
 * 18 item 5: two institutions, two secrets). The public key is in clear (GET /api/v1/sealing/key
 * and /sealing/procurator-key publish them); the private key is only ever on disk wrapped:
 * AES-256-GCM under a key derived from the passphrase with argon2id, the public key as associated
 * data. An officer of the institution unlocks it for their session ({@link unlockSealing}); the
 * unlocked {@link SealingKey} opens what was sealed to it but cannot hand out the key bytes, not
 * even by accident in a log line or a JSON response.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { access, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { MIN_PASSWORD_LENGTH, passwordWeakness } from '../domain/accounts/password-strength.js';
import {
  kdfProblem,
  normalisePassphrase,
  unwrapSecret,
  wrapSecret,
  WRAP_NONCE_SIZE,
  WRAP_SALT_SIZE,
  WRAP_TAG_SIZE,
  type KdfParameters,
  type WrappedSecret,
} from '../crypto/passphrase-wrap.js';
import { DataDirError, readDataDir } from '../store/datadir.js';
import {
  fromBase64,
  generateSealingKeyPair,
  importSealingPrivateKey,
  openSealed,
  publicKeyOf,
  toBase64,
  type Sealed,
  type SealingCryptoKey,
} from './seal.js';
import { PRIVATE_KEY_SIZE, PUBLIC_KEY_SIZE, SEALING_INFO, SEALING_SUITE } from './suite.js';

export const SEALING_FILE = 'sealing.json';
export const PROCURATOR_SEALING_FILE = 'procurator-sealing.json';
export const SEALING_FORMAT = 'habeas-sealing/1';

/**
 * Who a key pair belongs to: the complaints authority (every complaint is sealed to it) and the
 * procurator's office (torture allegations are sealed to it as well, kz.torture.referral).
 */
export const SEALING_RECIPIENTS = ['complaints-authority', 'procurator'] as const;
export type SealingRecipient = (typeof SEALING_RECIPIENTS)[number];

/** Each recipient's file in the data directory. */
export const SEALING_FILES: Readonly<Record<SealingRecipient, string>> = Object.freeze({
  'complaints-authority': SEALING_FILE,
  procurator: PROCURATOR_SEALING_FILE,
});

/** The `habeas sealing init` that creates each recipient's key. */
export function sealingInitCommand(recipient: SealingRecipient, dataDir: string): string {
  return recipient === 'procurator'
    ? `habeas sealing init --for procurator --data ${dataDir}`
    : `habeas sealing init --data ${dataDir}`;
}
export const MIN_PASSPHRASE_LENGTH = MIN_PASSWORD_LENGTH;

/**
 * argon2id parameters of new wraps: 256 MiB, 3 passes, 4 lanes (RFC 9106 §4's second
 * recommendation with four times its memory), well above OWASP's floor (19 MiB, 2 passes). One
 * derivation per unlock or passphrase change; measured at 0.12–0.25 s (2 vCPU AMD EPYC).
 */
export const SEALING_KDF_DEFAULTS: Readonly<KdfParameters> = Object.freeze({
  memoryKiB: 262_144,
  iterations: 3,
  parallelism: 4,
});
export type { KdfParameters } from '../crypto/passphrase-wrap.js';

/** DIR/sealing.json or DIR/procurator-sealing.json. */
export interface SealingFile {
  format: typeof SEALING_FORMAT;
  /** Whose key: "procurator" in the procurator's office's file, absent in the complaints authority's. */
  recipient?: SealingRecipient;
  suite: { kem: number; kdf: number; aead: number };
  info: string;
  /** Raw 32-byte X25519 public key, standard base64. */
  publicKey: string;
  createdAt: string;
  /** AES-256-GCM of the 32-byte raw private key under the passphrase; AAD = the raw public key. */
  wrapped: WrappedSecret;
}

/** What GET /api/v1/sealing/key answers. */
export interface SealingPublic {
  suite: { kem: number; kdf: number; aead: number };
  info: string;
  /** Raw 32-byte X25519 public key, standard base64. */
  publicKey: string;
}

/**
 * The passphrase does not unwrap the private key. AES-GCM cannot tell a wrong passphrase from a
 * wrapped key altered on disk, so the message names both.
 */
export class WrongPassphraseError extends Error {
  constructor(path: string) {
    super(`wrong passphrase for ${path} (or its wrapped key was altered)`);
    this.name = 'WrongPassphraseError';
  }
}

/** The data directory has no key of this recipient yet (`habeas sealing init`): the message says how to make one. */
export class NoSealingKeyError extends DataDirError {
  constructor(
    message: string,
    readonly recipient: SealingRecipient,
  ) {
    super(message);
    this.name = 'NoSealingKeyError';
  }
}

/** A new passphrase too easy to guess (src/domain/accounts/password-strength.ts): the message says why. */
export class WeakPassphraseError extends Error {
  constructor(
    readonly weakness: string,
    message = `the passphrase is too easy to guess: ${weakness}`,
  ) {
    super(message);
    this.name = 'WeakPassphraseError';
  }
}

/** A new passphrase shorter than {@link MIN_PASSPHRASE_LENGTH} characters. */
export class PassphraseTooShortError extends WeakPassphraseError {
  constructor() {
    super(
      `at least ${MIN_PASSPHRASE_LENGTH} characters`,
      `the passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters`,
    );
    this.name = 'PassphraseTooShortError';
  }
}

const pathOf = (dataDir: string, recipient: SealingRecipient) => join(dataDir, SEALING_FILES[recipient]);

/**
 * Creates a recipient's key pair in an initialised data directory and writes its file (mode
 * 0600): DIR/sealing.json for the complaints authority (the default), DIR/procurator-sealing.json
 * for the procurator's office. Refuses when the file exists: a sealing key is never replaced,
 * since everything sealed to it would become unreadable.
 */
export async function initSealing(
  dataDir: string,
  passphrase: string,
  options: { now?: Date; kdf?: KdfParameters; recipient?: SealingRecipient } = {},
): Promise<{ publicKey: string; path: string }> {
  const recipient = options.recipient ?? 'complaints-authority';
  checkNewPassphrase(passphrase);
  const kdf = checkKdf(options.kdf ?? SEALING_KDF_DEFAULTS, 'the argon2id parameters');
  await readDataDir(dataDir); // a Habeas data directory, or a DataDirError saying to run habeas init
  const path = pathOf(dataDir, recipient);
  if (await exists(path)) throw alreadyThere(dataDir, recipient);
  const pair = await generateSealingKeyPair();
  try {
    const file: SealingFile = {
      format: SEALING_FORMAT,
      // The authority's file keeps the format it always had; a file without "recipient" is its.
      ...(recipient === 'complaints-authority' ? {} : { recipient }),
      suite: { ...SEALING_SUITE },
      info: SEALING_INFO,
      publicKey: toBase64(pair.publicKey),
      createdAt: (options.now ?? new Date()).toISOString(),
      wrapped: await wrap(pair.privateKey, pair.publicKey, passphrase, kdf),
    };
    try {
      // 'wx' fails if the file exists: a key is never overwritten, even by a concurrent init.
      await writeFile(path, JSON.stringify(file, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if (isCode(error, 'EEXIST')) throw alreadyThere(dataDir, recipient);
      throw error;
    }
    return { publicKey: file.publicKey, path };
  } finally {
    pair.privateKey.fill(0);
  }
}

/** The public half, as GET /api/v1/sealing/key publishes it; no passphrase needed. */
export async function readSealingPublic(
  dataDir: string,
  recipient: SealingRecipient = 'complaints-authority',
): Promise<SealingPublic> {
  const { file } = await readSealingFile(dataDir, recipient);
  return { suite: { ...file.suite }, info: file.info, publicKey: file.publicKey };
}

/** Unwraps the private key with the passphrase: the returned key opens what was sealed to it. */
export async function unlockSealing(
  dataDir: string,
  passphrase: string,
  recipient: SealingRecipient = 'complaints-authority',
): Promise<SealingKey> {
  const { file, path, publicKey } = await readSealingFile(dataDir, recipient);
  const raw = await unwrap(file, publicKey, passphrase, path);
  try {
    const privateKey = await importSealingPrivateKey(raw);
    // The wrap is authenticated with the public key as AAD; this checks the pair itself.
    if (!timingSafeEqual(await publicKeyOf(privateKey), publicKey)) {
      throw new DataDirError(`${path} is inconsistent: its private key does not match its public key`);
    }
    return new SealingKey(privateKey, publicKey, file.createdAt);
  } finally {
    raw.fill(0);
  }
}

/** Changes the passphrase: the same key pair, wrapped afresh (new salt and nonce) under the new one. */
export async function rewrapSealing(
  dataDir: string,
  oldPassphrase: string,
  newPassphrase: string,
  options: { kdf?: KdfParameters; recipient?: SealingRecipient } = {},
): Promise<{ publicKey: string; path: string }> {
  checkNewPassphrase(newPassphrase);
  const kdf = checkKdf(options.kdf ?? SEALING_KDF_DEFAULTS, 'the argon2id parameters');
  const { file, path, publicKey } = await readSealingFile(
    dataDir,
    options.recipient ?? 'complaints-authority',
  );
  const raw = await unwrap(file, publicKey, oldPassphrase, path);
  try {
    const next: SealingFile = { ...file, wrapped: await wrap(raw, publicKey, newPassphrase, kdf) };
    // Written beside, then renamed over: a crash leaves either the old file or the new one, whole.
    const temporary = `${path}.${toHex(randomBytes(6))}.tmp`;
    try {
      await writeFile(temporary, JSON.stringify(next, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return { publicKey: file.publicKey, path };
  } finally {
    raw.fill(0);
  }
}

/**
 * The unlocked private key of the authority. It opens sealed payloads; it never shows its key
 * bytes: the CryptoKey inside is not extractable, and JSON.stringify and util.inspect see only the
 * public key.
 */
export class SealingKey {
  #privateKey: SealingCryptoKey | null;
  readonly #publicKey: Uint8Array;
  readonly #createdAt: string;

  /** @internal use {@link unlockSealing}. */
  constructor(privateKey: SealingCryptoKey, publicKey: Uint8Array, createdAt: string) {
    this.#privateKey = privateKey;
    this.#publicKey = Uint8Array.from(publicKey);
    this.#createdAt = createdAt;
  }

  /** The raw 32-byte public key (a copy). */
  get publicKey(): Uint8Array {
    return Uint8Array.from(this.#publicKey);
  }

  get locked(): boolean {
    return this.#privateKey === null;
  }

  /** Opens a payload sealed to this key; a {@link SealOpenError} when it does not open. */
  async open(sealed: Sealed, aad?: Uint8Array): Promise<Uint8Array> {
    if (this.#privateKey === null) throw new Error('the sealing key is locked: unlock it again to open');
    return openSealed(this.#privateKey, sealed, aad);
  }

  /** Forgets the private key (end of the officer's session); `open` fails afterwards. */
  lock(): void {
    this.#privateKey = null;
  }

  toJSON(): { type: 'SealingKey'; publicKey: string; createdAt: string; privateKey: '[redacted]' } {
    return {
      type: 'SealingKey',
      publicKey: toBase64(this.#publicKey),
      createdAt: this.#createdAt,
      privateKey: '[redacted]',
    };
  }

  [inspect.custom](): string {
    return `SealingKey { publicKey: '${toBase64(this.#publicKey)}', privateKey: [redacted]${this.locked ? ', locked' : ''} }`;
  }

  toString(): string {
    return `SealingKey(${toBase64(this.#publicKey)})`;
  }
}

// --- The file -------------------------------------------------------------------------------------

async function readSealingFile(
  dataDir: string,
  recipient: SealingRecipient,
): Promise<{ file: SealingFile; path: string; publicKey: Uint8Array }> {
  const path = pathOf(dataDir, recipient);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) {
      throw new NoSealingKeyError(
        `${dataDir} has no sealing key${recipient === 'procurator' ? " of the procurator's office" : ''}: run ${sealingInitCommand(recipient, dataDir)}`,
        recipient,
      );
    }
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DataDirError(`${path} is not JSON: ${(error as Error).message}`);
  }
  const bad = (what: string) => new DataDirError(`${path} is not a ${SEALING_FORMAT} file: ${what}`);
  if (!isObject(value)) throw bad('not an object');
  if (value.format !== SEALING_FORMAT) throw bad(`"format" must be "${SEALING_FORMAT}"`);
  // A file without "recipient" is the complaints authority's (written before there were two).
  if ((value.recipient ?? 'complaints-authority') !== recipient)
    throw bad(`"recipient" must be "${recipient}": this is another institution's key`);
  const suite = value.suite;
  if (
    !isObject(suite) ||
    suite.kem !== SEALING_SUITE.kem ||
    suite.kdf !== SEALING_SUITE.kdf ||
    suite.aead !== SEALING_SUITE.aead
  ) {
    throw bad(`"suite" must be ${JSON.stringify(SEALING_SUITE)}`);
  }
  if (value.info !== SEALING_INFO) throw bad(`"info" must be "${SEALING_INFO}"`);
  if (typeof value.createdAt !== 'string') throw bad('"createdAt" is missing');
  const publicKey = bytesField(value.publicKey, PUBLIC_KEY_SIZE, '"publicKey"', bad);
  const wrapped = value.wrapped;
  if (!isObject(wrapped) || wrapped.kdf !== 'argon2id') throw bad('"wrapped.kdf" must be "argon2id"');
  const kdf = checkKdf(
    { memoryKiB: wrapped.memoryKiB, iterations: wrapped.iterations, parallelism: wrapped.parallelism },
    `the argon2id parameters in ${path}`,
  );
  bytesField(wrapped.salt, WRAP_SALT_SIZE, '"wrapped.salt"', bad);
  bytesField(wrapped.nonce, WRAP_NONCE_SIZE, '"wrapped.nonce"', bad);
  bytesField(wrapped.ciphertext, PRIVATE_KEY_SIZE + WRAP_TAG_SIZE, '"wrapped.ciphertext"', bad);
  const file: SealingFile = {
    format: SEALING_FORMAT,
    ...(value.recipient === undefined ? {} : { recipient }),
    suite: { ...SEALING_SUITE },
    info: SEALING_INFO,
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
  return { file, path, publicKey };
}

function bytesField(value: unknown, size: number, name: string, bad: (what: string) => Error): Uint8Array {
  let bytes: Uint8Array;
  try {
    if (typeof value !== 'string') throw new Error('missing');
    bytes = fromBase64(value);
  } catch {
    throw bad(`${name} must be ${size} bytes in standard base64`);
  }
  if (bytes.length !== size) throw bad(`${name} must be ${size} bytes in standard base64`);
  return bytes;
}

// --- Wrapping ---------------------------------------------------------------------------------------

function wrap(
  privateKey: Uint8Array,
  publicKey: Uint8Array,
  passphrase: string,
  kdf: KdfParameters,
): Promise<WrappedSecret> {
  return wrapSecret(privateKey, publicKey, passphrase, kdf);
}

async function unwrap(
  file: SealingFile,
  publicKey: Uint8Array,
  passphrase: string,
  path: string,
): Promise<Uint8Array> {
  const raw = await unwrapSecret(file.wrapped, publicKey, passphrase);
  if (raw === null) throw new WrongPassphraseError(path);
  return raw;
}

/** The same strength rule as people's passwords: long, not a run, a repetition or a common password. */
export function checkNewPassphrase(passphrase: string): void {
  if (typeof passphrase !== 'string' || [...normalisePassphrase(passphrase)].length < MIN_PASSPHRASE_LENGTH) {
    throw new PassphraseTooShortError();
  }
  const weakness = passwordWeakness(normalisePassphrase(passphrase));
  if (weakness !== null) throw new WeakPassphraseError(weakness);
}

function checkKdf(kdf: Record<keyof KdfParameters, unknown>, what: string): KdfParameters {
  const problem = kdfProblem(kdf);
  if (problem !== null) throw new DataDirError(`${what}: ${problem}`);
  return kdf as KdfParameters;
}

// --- Small helpers ----------------------------------------------------------------------------------

function alreadyThere(dataDir: string, recipient: SealingRecipient): DataDirError {
  const rekey = recipient === 'procurator' ? 'habeas sealing rekey --for procurator' : 'habeas sealing rekey';
  return new DataDirError(
    `${dataDir} already has a sealing key${recipient === 'procurator' ? " of the procurator's office" : ''} (${SEALING_FILES[recipient]}): not replacing it, since every complaint sealed to it would become unreadable; use ${rekey} to change its passphrase`,
  );
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch (error) {
    if (isCode(error, 'ENOENT')) return false;
    throw error;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
