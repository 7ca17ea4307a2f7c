/**
 * A complainant's answer key (issue 18 item 6): an RFC 9180 key pair that only the holder of the
 * receipt's reference and the PIN chosen at the kiosk can make again, so that the complaints
 * authority's answer can be sealed to it and read at any kiosk — and by nobody else.
 *
 *   ikm      = argon2id(password = PIN, salt = "habeas/complaint-answer/v1 " ‖ reference,
 *                       secret = the server's answer secret, m = 19 MiB, t = 2, p = 1) → 32 bytes
 *   key pair = DeriveKeyPair(ikm) of DHKEM(X25519, HKDF-SHA256) (RFC 9180 §7.1.3)
 *
 * The answer secret is derived from the data directory's integrity key, which is never in the
 * database (src/store/integrity-key.ts): the public half, kept as the complaint's PIN verifier,
 * cannot be tested against guessed PINs by whoever holds the database alone. Answers are sealed
 * with their own HPKE `info`, "habeas/complaint-answer/v1", so that an answer and a complaint can
 * never be taken for each other. Node only (argon2).
 */
import { timingSafeEqual } from 'node:crypto';
import { hashRaw } from '@node-rs/argon2';
import { openSealed, sealTo, toBase64, fromBase64, type Sealed, type SealingCryptoKey } from './seal.js';
import { PUBLIC_KEY_SIZE, sealingSuite } from './suite.js';

export const ANSWER_INFO = 'habeas/complaint-answer/v1';
const ANSWER_INFO_BYTES = new TextEncoder().encode(ANSWER_INFO);

/** How an answer key is written where the PIN's verifier is kept (complaint_pins.pin_hash). */
export const ANSWER_KEY_PREFIX = 'x25519:';

/** The PIN hash's argon2id cost (src/app/passwords.ts): a status check costs the same either way. */
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export interface AnswerKeyPair {
  /** The raw 32-byte X25519 public key. */
  publicKey: Uint8Array;
  /** Not extractable: it opens answers and hands out nothing. */
  privateKey: SealingCryptoKey;
}

/** The key pair that `reference` (normalised) and `pin` derive under `secret`. */
export async function deriveAnswerKey(
  secret: Uint8Array,
  reference: string,
  pin: string,
): Promise<AnswerKeyPair> {
  const ikm = await hashRaw(pin, {
    ...ARGON2,
    salt: new TextEncoder().encode(`${ANSWER_INFO} ${reference}`),
    secret,
  });
  try {
    const kem = sealingSuite().kem;
    const pair = await kem.deriveKeyPair(ikm);
    return {
      publicKey: new Uint8Array(await kem.serializePublicKey(pair.publicKey)),
      privateKey: pair.privateKey,
    };
  } finally {
    ikm.fill(0);
  }
}

/** `x25519:<base64>`: the answer key's public half as the PIN's verifier. */
export const answerKeyText = (publicKey: Uint8Array): string => `${ANSWER_KEY_PREFIX}${toBase64(publicKey)}`;

/** The public key in a verifier written by {@link answerKeyText}, or null when it is another kind (a PIN hash). */
export function answerKeyOf(verifier: string): Uint8Array | null {
  if (!verifier.startsWith(ANSWER_KEY_PREFIX)) return null;
  try {
    const key = fromBase64(verifier.slice(ANSWER_KEY_PREFIX.length));
    return key.length === PUBLIC_KEY_SIZE ? key : null;
  } catch {
    return null;
  }
}

/** Whether a derived key is the one a verifier names (constant time). */
export function sameAnswerKey(derived: Uint8Array, expected: Uint8Array): boolean {
  return derived.length === expected.length && timingSafeEqual(derived, expected);
}

/** Seals an answer to a complainant's public answer key. */
export function sealAnswer(publicKey: Uint8Array, plaintext: Uint8Array): Promise<Sealed> {
  return sealTo(publicKey, plaintext, undefined, ANSWER_INFO_BYTES);
}

/** Opens an answer with the derived private key (a SealOpenError when it does not open). */
export function openAnswer(privateKey: SealingCryptoKey, sealed: Sealed): Promise<Uint8Array> {
  return openSealed(privateKey, sealed, undefined, ANSWER_INFO_BYTES);
}
