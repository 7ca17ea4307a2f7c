import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { hashRaw } from '@node-rs/argon2';
import { fromBase64, toBase64 } from '../ledger/hash.js';

/**
 * A secret wrapped under a person's passphrase: the sealing keys of the complaints authority and
 * the procurator's office (src/sealing/keystore.ts) and each clinician's signing key
 * (src/medical/clinician-key.ts) are kept this way, so that nobody holding the files or the
 * database — an administrator included — holds anything that opens or signs.
 *
 * argon2id over the NFC-normalised passphrase with a 16-byte random salt gives a 32-byte key;
 * AES-256-GCM with a 12-byte random nonce encrypts the secret, the 16-byte tag appended; the
 * associated data, chosen by the caller, binds the wrap to its key pair and purpose.
 */

export interface KdfParameters {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

/** The weakest parameters a stored wrap may name (OWASP Password Storage Cheat Sheet), and sane ceilings. */
export const KDF_BOUNDS = {
  memoryKiB: [19_456, 4_194_304],
  iterations: [2, 64],
  parallelism: [1, 16],
} as const;

export const WRAP_SALT_SIZE = 16;
export const WRAP_NONCE_SIZE = 12;
export const WRAP_TAG_SIZE = 16;
const ARGON2ID = 2; // `Algorithm` is a const enum, which isolatedModules cannot import.

/** A wrapped secret as stored: the KDF's parameters and salt, the nonce, ciphertext ‖ tag (base64). */
export type WrappedSecret = KdfParameters & {
  kdf: 'argon2id';
  /** 16 bytes, base64. */
  salt: string;
  /** 12 bytes, base64. */
  nonce: string;
  /** AES-256-GCM of the secret, then the 16-byte tag, base64. */
  ciphertext: string;
};

/** What is wrong with the KDF parameters a wrap names, or null when they are within bounds. */
export function kdfProblem(kdf: Record<keyof KdfParameters, unknown>): string | null {
  for (const name of ['memoryKiB', 'iterations', 'parallelism'] as const) {
    const value = kdf[name];
    const [min, max] = KDF_BOUNDS[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
      return `${name} must be a whole number from ${min} to ${max}`;
  }
  return null;
}

/**
 * The same passphrase typed on two systems may arrive as different code points (й precomposed or
 * и + combining breve): normalising to NFC makes both unlock.
 */
export function normalisePassphrase(passphrase: string): string {
  return passphrase.normalize('NFC');
}

export async function wrapSecret(
  secret: Uint8Array,
  associatedData: Uint8Array,
  passphrase: string,
  kdf: KdfParameters,
): Promise<WrappedSecret> {
  const salt = randomBytes(WRAP_SALT_SIZE);
  const nonce = randomBytes(WRAP_NONCE_SIZE);
  const key = await deriveWrappingKey(passphrase, salt, kdf);
  try {
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    cipher.setAAD(associatedData);
    const ciphertext = Buffer.concat([cipher.update(secret), cipher.final(), cipher.getAuthTag()]);
    return {
      kdf: 'argon2id',
      memoryKiB: kdf.memoryKiB,
      iterations: kdf.iterations,
      parallelism: kdf.parallelism,
      salt: toBase64(salt),
      nonce: toBase64(nonce),
      ciphertext: toBase64(ciphertext),
    };
  } finally {
    key.fill(0);
  }
}

/**
 * The secret, or null when the passphrase does not open it — AES-GCM cannot tell a wrong
 * passphrase from a wrap altered on disk, so the caller's message names both.
 */
export async function unwrapSecret(
  wrapped: WrappedSecret,
  associatedData: Uint8Array,
  passphrase: string,
): Promise<Uint8Array | null> {
  if (typeof passphrase !== 'string') return null;
  const key = await deriveWrappingKey(passphrase, fromBase64(wrapped.salt), wrapped);
  const sealed = fromBase64(wrapped.ciphertext);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, fromBase64(wrapped.nonce), {
      authTagLength: WRAP_TAG_SIZE,
    });
    decipher.setAAD(associatedData);
    decipher.setAuthTag(sealed.subarray(sealed.length - WRAP_TAG_SIZE));
    const first = decipher.update(sealed.subarray(0, sealed.length - WRAP_TAG_SIZE));
    let last: Buffer;
    try {
      last = decipher.final();
    } catch {
      first.fill(0);
      return null;
    }
    const secret = new Uint8Array(Buffer.concat([first, last]));
    first.fill(0);
    return secret;
  } finally {
    key.fill(0);
  }
}

/** argon2id(passphrase NFC-normalised, salt) → 32 bytes. */
function deriveWrappingKey(passphrase: string, salt: Uint8Array, kdf: KdfParameters): Promise<Buffer> {
  return hashRaw(normalisePassphrase(passphrase), {
    algorithm: ARGON2ID,
    memoryCost: kdf.memoryKiB,
    timeCost: kdf.iterations,
    parallelism: kdf.parallelism,
    salt,
    outputLen: 32,
  });
}
