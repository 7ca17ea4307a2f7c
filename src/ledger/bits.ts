/**
 * Bit arithmetic on tree sizes and indices. They are JS numbers up to 2^53, so JavaScript's 32-bit
 * bitwise operators would silently truncate them beyond 2^31: everything here is division, modulo
 * and comparison, exact for every safe integer.
 */

/** 2^k, exact for the levels a tree of safe-integer size can have. */
export function pow2(k: number): number {
  return 2 ** k;
}

/** Number of bits needed to write x (0 for 0): bits.Len64 in Go. */
export function bitLength(x: number): number {
  let n = 0;
  while (x >= 1) {
    x = Math.floor(x / 2);
    n++;
  }
  return n;
}

/** Bit length of a XOR b, i.e. how many low levels separate the two leaves' paths. */
export function bitLengthOfXor(a: number, b: number): number {
  // -1 is a fixed point of halving: refuse negatives rather than loop forever.
  if (a < 0 || b < 0) throw new RangeError('bitLengthOfXor needs non-negative numbers');
  let n = 0;
  while (a !== b) {
    a = Math.floor(a / 2);
    b = Math.floor(b / 2);
    n++;
  }
  return n;
}

/** Trailing zero bits of x > 0: bits.TrailingZeros64 in Go. */
export function trailingZeros(x: number): number {
  if (x <= 0) throw new RangeError('trailingZeros needs a positive number');
  let n = 0;
  while (x % 2 === 0) {
    x /= 2;
    n++;
  }
  return n;
}

/** Number of one bits in x ≥ 0. */
export function popCount(x: number): number {
  let n = 0;
  while (x >= 1) {
    n += x % 2;
    x = Math.floor(x / 2);
  }
  return n;
}

/** Bit i of x (0 = least significant). */
export function bitAt(x: number, i: number): number {
  return Math.floor(x / pow2(i)) % 2;
}

export function isSize(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}
