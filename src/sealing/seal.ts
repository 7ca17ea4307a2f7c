/**
 * Sealing to the complaints authority and opening what was sealed (RFC 9180 base mode, single
 * shot, the suite of ./suite.ts), plus the wire format `{enc, ciphertext}` in standard base64.
 *
 * Browser-safe: WebCrypto and @hpke/core only, nothing from Node, so the kiosk page seals with the
 * very same code that the server and the tests use.
 */
import {
  ENC_SIZE,
  PRIVATE_KEY_SIZE,
  PUBLIC_KEY_SIZE,
  SEALING_INFO_BYTES,
  TAG_SIZE,
  sealingSuite,
} from './suite.js';

/** WebCrypto's CryptoKey, named without depending on the DOM or the Node typings. */
export type SealingCryptoKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

/** What HPKE single-shot sealing produces: the encapsulated key and the AEAD ciphertext (with its tag). */
export interface Sealed {
  /** The sender's ephemeral X25519 public key (RFC 9180 `enc`), 32 bytes. */
  enc: Uint8Array;
  /** AES-256-GCM ciphertext followed by its 16-byte tag. */
  ciphertext: Uint8Array;
}

/** The wire (and storage) form of {@link Sealed}: both fields in standard base64 with padding. */
export interface SealedWire {
  enc: string;
  ciphertext: string;
}

/**
 * A sealed payload did not open: the key is not the one it was sealed to, or `enc`, the ciphertext
 * or the associated data were altered. HPKE cannot tell these apart, and neither do we.
 */
export class SealOpenError extends Error {
  constructor() {
    super('could not open: wrong key or altered ciphertext');
    this.name = 'SealOpenError';
  }
}

/** A key given to seal or open is not a usable X25519 key of this suite. */
export class SealingKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealingKeyError';
  }
}

/** A sealed payload on the wire is not `{enc, ciphertext}` in standard base64 of the right sizes. */
export class SealedFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedFormatError';
  }
}

const EMPTY = new Uint8Array(0);

/**
 * Seals `plaintext` to the authority's raw 32-byte X25519 public key. `aad` (optional) is bound to
 * the ciphertext without being encrypted: opening needs the very same bytes. `info` is HPKE's, by
 * default "habeas/complaint/v1"; an answer sealed to a complainant uses its own (./answer-key.ts),
 * so that neither kind of ciphertext can be taken for the other.
 */
export async function sealTo(
  publicKey: Uint8Array,
  plaintext: Uint8Array,
  aad?: Uint8Array,
  info: Uint8Array = SEALING_INFO_BYTES,
): Promise<Sealed> {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== PUBLIC_KEY_SIZE) {
    throw new SealingKeyError(
      `a sealing public key is ${PUBLIC_KEY_SIZE} bytes (raw X25519); got ${describeLength(publicKey)}`,
    );
  }
  if (!(plaintext instanceof Uint8Array)) throw new TypeError('the plaintext to seal must be a Uint8Array');
  const suite = sealingSuite();
  let recipientPublicKey: SealingCryptoKey;
  try {
    recipientPublicKey = await suite.kem.deserializePublicKey(publicKey);
  } catch {
    throw new SealingKeyError('the sealing public key is not a usable X25519 public key');
  }
  try {
    const { enc, ct } = await suite.seal({ recipientPublicKey, info }, plaintext, aad ?? EMPTY);
    return { enc: new Uint8Array(enc), ciphertext: new Uint8Array(ct) };
  } catch {
    // X25519 with a low-order point gives an all-zero secret, which WebCrypto refuses (RFC 7748 §6.1).
    throw new SealingKeyError('could not seal to this public key: it is not a usable X25519 public key');
  }
}

/**
 * Opens what {@link sealTo} sealed. `privateKey` is a WebCrypto X25519 private key (see
 * {@link importSealingPrivateKey}) or its raw 32 bytes. Any failure to open, whatever its cause
 * inside HPKE, is a {@link SealOpenError}.
 */
export async function openSealed(
  privateKey: SealingCryptoKey | Uint8Array,
  sealed: Sealed,
  aad?: Uint8Array,
  info: Uint8Array = SEALING_INFO_BYTES,
): Promise<Uint8Array> {
  const recipientKey =
    privateKey instanceof Uint8Array ? await importSealingPrivateKey(privateKey) : privateKey;
  if (sealed.enc.length !== ENC_SIZE || sealed.ciphertext.length < TAG_SIZE) throw new SealOpenError();
  try {
    const plaintext = await sealingSuite().open(
      { recipientKey, enc: sealed.enc, info },
      sealed.ciphertext,
      aad ?? EMPTY,
    );
    return new Uint8Array(plaintext);
  } catch {
    throw new SealOpenError();
  }
}

// RFC 8410 PKCS#8 wrapper of a raw X25519 private key (OID 1.3.101.110), and the X25519 base point.
const PKCS8_X25519_PREFIX = new Uint8Array([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20,
]);
const BASE_POINT = new Uint8Array(32);
BASE_POINT[0] = 9;

/**
 * A raw 32-byte X25519 private key as a WebCrypto key that cannot be exported again (extractable
 * false): whoever holds the CryptoKey can open, but cannot read the key bytes out of it.
 */
export async function importSealingPrivateKey(raw: Uint8Array): Promise<SealingCryptoKey> {
  if (!(raw instanceof Uint8Array) || raw.length !== PRIVATE_KEY_SIZE) {
    throw new SealingKeyError(
      `a sealing private key is ${PRIVATE_KEY_SIZE} bytes (raw X25519); got ${describeLength(raw)}`,
    );
  }
  const pkcs8 = new Uint8Array(PKCS8_X25519_PREFIX.length + raw.length);
  pkcs8.set(PKCS8_X25519_PREFIX);
  pkcs8.set(raw, PKCS8_X25519_PREFIX.length);
  try {
    return await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'X25519' }, false, ['deriveBits']);
  } finally {
    pkcs8.fill(0);
  }
}

/** The raw public key of an X25519 private key, extractable or not: X25519(sk, 9) (RFC 7748 §6.1). */
export async function publicKeyOf(privateKey: SealingCryptoKey): Promise<Uint8Array> {
  const basePoint = await crypto.subtle.importKey('raw', BASE_POINT, { name: 'X25519' }, true, []);
  const bits = await crypto.subtle.deriveBits(
    { name: 'X25519', public: basePoint },
    privateKey,
    PUBLIC_KEY_SIZE * 8,
  );
  return new Uint8Array(bits);
}

/**
 * A new key pair for the authority, as raw bytes (the private key is for wrapping at once and
 * then wiping; see keystore.ts).
 */
export async function generateSealingKeyPair(): Promise<{ publicKey: Uint8Array; privateKey: Uint8Array }> {
  const kem = sealingSuite().kem;
  const pair = await kem.generateKeyPair();
  return {
    publicKey: new Uint8Array(await kem.serializePublicKey(pair.publicKey)),
    privateKey: new Uint8Array(await kem.serializePrivateKey(pair.privateKey)),
  };
}

// --- Wire format ------------------------------------------------------------------------------------

/** `{enc, ciphertext}` in standard base64, as the kiosk posts it and the store keeps it. */
export function sealedToWire(sealed: Sealed): SealedWire {
  return { enc: toBase64(sealed.enc), ciphertext: toBase64(sealed.ciphertext) };
}

/** Reads `{enc, ciphertext}` from the wire, checking its shape, its base64 and its sizes. */
export function sealedFromWire(value: unknown): Sealed {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SealedFormatError('a sealed payload is an object {"enc": …, "ciphertext": …}');
  }
  const { enc, ciphertext } = value as Record<string, unknown>;
  if (typeof enc !== 'string' || typeof ciphertext !== 'string') {
    throw new SealedFormatError('a sealed payload needs "enc" and "ciphertext", both base64 strings');
  }
  let sealed: Sealed;
  try {
    sealed = { enc: fromBase64(enc), ciphertext: fromBase64(ciphertext) };
  } catch (error) {
    throw new SealedFormatError(`a sealed payload: ${(error as Error).message}`);
  }
  if (sealed.enc.length !== ENC_SIZE) {
    throw new SealedFormatError(`"enc" must be ${ENC_SIZE} bytes; it is ${sealed.enc.length}`);
  }
  if (sealed.ciphertext.length < TAG_SIZE) {
    throw new SealedFormatError(`"ciphertext" must be at least ${TAG_SIZE} bytes (the AEAD tag)`);
  }
  return sealed;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/** Standard base64 (RFC 4648 §4) with padding. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + '=';
  }
  return out;
}

/**
 * Strict standard base64: padded, no whitespace, no URL-safe letters, and canonical (the unused
 * bits of the last character are zero), so one byte string has exactly one accepted text.
 */
export function fromBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new Error('not standard base64 (length is not a multiple of 4)');
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const values = [0, 0, 0, 0];
    for (let j = 0; j < 4; j++) {
      const code = text.charCodeAt(i + j);
      if (last && j >= 4 - padding) {
        values[j] = 0;
        continue;
      }
      const value = code < 128 ? (DECODE[code] as number) : -1;
      if (value < 0)
        throw new Error('not standard base64 (a character outside A–Z a–z 0–9 + / or misplaced "=")');
      values[j] = value;
    }
    const n = (values[0]! << 18) | (values[1]! << 12) | (values[2]! << 6) | values[3]!;
    const bytes = [n >> 16, (n >> 8) & 255, n & 255];
    const count = last ? 3 - padding : 3;
    for (let k = 0; k < count; k++) out[o++] = bytes[k]!;
    if (last && count < 3 && bytes.slice(count).some((b) => b !== 0)) {
      throw new Error('not canonical base64 (non-zero bits in the padding)');
    }
  }
  return out;
}

function describeLength(value: unknown): string {
  return value instanceof Uint8Array ? `${value.length} bytes` : typeof value;
}
