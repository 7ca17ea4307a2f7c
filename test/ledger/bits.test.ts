import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { bitAt, bitLength, bitLengthOfXor, popCount, trailingZeros } from '../../src/ledger/bits.js';

const len = (x: bigint): number => (x === 0n ? 0 : x.toString(2).length);

describe('bit arithmetic is exact for every safe integer, not just below 2^31', () => {
  test('bitLength, popCount and bitAt agree with BigInt', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.nat({ max: 52 }), (x, i) => {
        const b = BigInt(x);
        expect(bitLength(x)).toBe(len(b));
        expect(popCount(x)).toBe([...b.toString(2)].filter((c) => c === '1').length);
        expect(bitAt(x, i)).toBe(Number((b >> BigInt(i)) & 1n));
      }),
    );
  });

  test('bitLengthOfXor is the bit length of a XOR b', () => {
    fc.assert(
      fc.property(
        fc.maxSafeNat(),
        fc.maxSafeNat(),
        (a, b) => bitLengthOfXor(a, b) === len(BigInt(a) ^ BigInt(b)),
      ),
    );
  });

  test('trailingZeros agrees with BigInt and refuses 0', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (x) => {
        const b = BigInt(x);
        return trailingZeros(x) === len(b & -b) - 1;
      }),
    );
    expect(trailingZeros(2 ** 52)).toBe(52);
    expect(() => trailingZeros(0)).toThrow(RangeError);
  });

  test('values around 2^31, 2^32 and 2^40 that 32-bit operators would corrupt', () => {
    expect(bitLength(2 ** 31)).toBe(32);
    expect(bitLength(2 ** 32)).toBe(33);
    expect(bitLength(2 ** 40 + 5)).toBe(41);
    expect(popCount(2 ** 40 + 5)).toBe(3);
    expect(bitLengthOfXor(2 ** 40 + 4, 2 ** 40 + 5)).toBe(1);
    expect(trailingZeros(2 ** 40 + 4)).toBe(2);
  });
});
