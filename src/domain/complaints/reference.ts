/*
 * The reference on a complainant's receipt: 12 characters of Crockford base32 (60 random bits) in
 * three groups, e.g. `7KQ2-M9XD-4HTA`. Crockford's alphabet has no I, L, O or U, so nothing reads
 * as another character; typed back, letters are taken in either case, O as 0, I and L as 1, and
 * spaces and dashes anywhere (https://www.crockford.com/base32.html).
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Characters of a reference, without its dashes. */
export const REFERENCE_LENGTH = 12;
/** Random bytes a reference is made from (60 of their 64 bits are used). */
export const REFERENCE_RANDOM_BYTES = 8;

const ALIASES: Record<string, string> = { O: '0', I: '1', L: '1' };

const grouped = (symbols: string): string =>
  `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8, 12)}`;

/** A reference from random bytes (the caller draws them: the core has no randomness of its own). */
export function referenceFromBytes(random: Uint8Array): string {
  if (random.length < REFERENCE_RANDOM_BYTES)
    throw new RangeError(`a reference needs ${REFERENCE_RANDOM_BYTES} random bytes`);
  let value = 0n;
  for (const byte of random.subarray(0, REFERENCE_RANDOM_BYTES)) value = (value << 8n) | BigInt(byte);
  let symbols = '';
  for (let i = 0; i < REFERENCE_LENGTH; i++) {
    symbols = (ALPHABET[Number(value & 31n)] as string) + symbols;
    value >>= 5n;
  }
  return grouped(symbols);
}

/**
 * A reference as typed (any case, spaces or dashes, O for 0, I or L for 1) in its one written
 * form `XXXX-XXXX-XXXX`, or null when it cannot be one.
 */
export function normaliseReference(typed: string): string | null {
  if (typeof typed !== 'string' || typed.length > 40) return null;
  let symbols = '';
  for (const char of typed.toUpperCase()) {
    if (char === '-' || char === ' ') continue;
    const symbol = ALIASES[char] ?? char;
    if (!ALPHABET.includes(symbol)) return null;
    symbols += symbol;
  }
  return symbols.length === REFERENCE_LENGTH ? grouped(symbols) : null;
}
