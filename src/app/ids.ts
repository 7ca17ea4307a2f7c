import { randomFromBlock } from '../store/random.js';

/** RFC 4648 base32, lower case, without padding: ids that are safe in URLs, file names and speech. */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * The same 32 characters in ASCII order, for the time part: digit d is the d-th character, so a
 * later time is a later string, and the id still uses only the characters above.
 */
const ORDERED = '234567abcdefghijklmnopqrstuvwxyz';

/** Characters of the time part: 10 × 5 = 50 bits, milliseconds since 1970 until the year 37648. */
const TIME_CHARS = 10;
/** Characters of the random part: 16 × 5 = 80 bits, exactly 10 random bytes. */
const RANDOM_CHARS = 16;

/**
 * A fresh opaque id of 26 characters: the creation time in milliseconds (10 characters that sort
 * as the times do), then 80 random bits.
 *
 * Why time first: every table and index keyed by an id (custody episodes, their clocks, stream
 * names, people) then receives new keys at its right edge, where the pages of the last commit
 * already are, instead of on a random page each. With random ids an arrest dirtied about 17 pages
 * of 1 KiB, most of them index pages of their own; with time-ordered ids about 9 (bench/RESULTS.md).
 * The time reveals nothing the log does not: the first entry of every record's stream carries the
 * same time. 80 random bits keep ids made in the same millisecond apart (a collision among a
 * million ids of one millisecond has odds of about 4 × 10⁻¹³) and unguessable.
 */
export function newId(now: number = Date.now()): string {
  if (!Number.isSafeInteger(now) || now < 0 || now >= 32 ** TIME_CHARS)
    throw new RangeError(`not a time in milliseconds an id can hold: ${now}`);
  let out = '';
  for (let i = 0, t = now; i < TIME_CHARS; i++, t = Math.floor(t / 32)) out = ORDERED[t % 32] + out;
  return out + base32(randomFromBlock((RANDOM_CHARS * 5) / 8));
}

/** RFC 4648 base32 of the bytes, without padding. */
function base32(bytes: Uint8Array): string {
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
