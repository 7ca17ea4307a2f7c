import { describe, expect, test } from 'vitest';
import { randomFromBlock } from '../../src/store/random.js';

describe('randomFromBlock: random bytes handed out once each', () => {
  test('successive draws, across blocks, never share memory and stay as they were', () => {
    const draws: Uint8Array[] = [];
    const copies: Uint8Array[] = [];
    // 10,000 × 10 bytes: about 25 blocks of 4,096, so many draws straddle a block's end.
    for (let i = 0; i < 10_000; i++) {
      const bytes = randomFromBlock(10);
      expect(bytes.length).toBe(10);
      draws.push(bytes);
      copies.push(Buffer.from(bytes));
    }
    const seen = new Set<string>();
    draws.forEach((bytes, i) => {
      expect(bytes).toEqual(copies[i]);
      seen.add(Buffer.from(bytes).toString('hex'));
    });
    // 80 random bits each: a repeat among 10,000 would mean bytes were handed out twice.
    expect(seen.size).toBe(draws.length);
    const regions = new Set(draws.map((bytes) => `${bytes.buffer === draws[0]?.buffer}:${bytes.byteOffset}`));
    expect(regions.size).toBeGreaterThan(1);
  });

  test('the bytes are not constant (a block of zeros or a stuck pool would show)', () => {
    const bytes = Buffer.concat(Array.from({ length: 64 }, () => randomFromBlock(64)));
    const counts = new Map<number, number>();
    for (const byte of bytes) counts.set(byte, (counts.get(byte) ?? 0) + 1);
    // 4,096 uniform bytes take well over 200 of the 256 values.
    expect(counts.size).toBeGreaterThan(200);
  });

  test('refuses sizes it cannot serve from one block', () => {
    for (const size of [0, -1, 1.5, 4097, Number.NaN])
      expect(() => randomFromBlock(size)).toThrow(RangeError);
    expect(randomFromBlock(4096).length).toBe(4096);
  });
});
