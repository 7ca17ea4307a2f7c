import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newId } from '../../src/app/ids.js';

// The last millisecond the 10-character time part can hold (2^50 − 1): the year 37648.
const LAST_TIME = 2 ** 50 - 1;
const time = fc.integer({ min: 0, max: LAST_TIME });

describe('record ids', () => {
  it('are 26 characters of lower-case RFC 4648 base32, safe in URLs and file names', () => {
    fc.assert(
      fc.property(time, (now) => {
        expect(newId(now)).toMatch(/^[a-z2-7]{26}$/);
      }),
    );
    expect(newId()).toMatch(/^[a-z2-7]{26}$/);
  });

  it('sort as their creation times do, so new keys land at the right edge of every index', () => {
    fc.assert(
      fc.property(time, time, (a, b) => {
        fc.pre(a !== b);
        const [earlier, later] = a < b ? [a, b] : [b, a];
        expect(newId(earlier) < newId(later)).toBe(true);
      }),
    );
    expect(newId(0).slice(0, 10)).toBe('2222222222');
    expect(newId(LAST_TIME).slice(0, 10)).toBe('zzzzzzzzzz');
  });

  it('made in the same millisecond differ, in 80 random bits spread over all 16 last characters', () => {
    const now = Date.parse('2026-11-28T10:00:00Z');
    const ids = Array.from({ length: 20_000 }, () => newId(now));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids.map((id) => id.slice(0, 10))).size).toBe(1);
    // Every position of the random part takes all 32 characters, about equally often
    // (20,000 draws: 625 expected per character; a biased or stuck bit would halve some counts).
    for (let position = 10; position < 26; position++) {
      const counts = new Map<string, number>();
      for (const id of ids) counts.set(id[position] as string, (counts.get(id[position] as string) ?? 0) + 1);
      expect(counts.size).toBe(32);
      for (const count of counts.values()) expect(count).toBeGreaterThan(450);
    }
  });

  it('refuse a time that is not a whole, non-negative number of milliseconds below 2^50', () => {
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 50, 2 ** 53]) expect(() => newId(bad)).toThrow(RangeError);
  });
});
