import { randomBytes } from 'node:crypto';

/** RFC 4648 base32, lower case, without padding: ids that are safe in URLs, file names and speech. */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** A fresh opaque id: 128 random bits as 26 base32 characters. */
export function newId(): string {
  const bytes = randomBytes(16);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}
