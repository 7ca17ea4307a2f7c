import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isoOfMillis } from '../../src/domain/iso-time.js';

const LAST = Date.parse('9999-12-31T23:59:59.999Z');
const dateIso = (millis: number): string => new Date(millis).toISOString();

describe('isoOfMillis: the same string as Date.prototype.toISOString', () => {
  test('for every millisecond of the years 0000–9999 (property)', () => {
    const first = Date.parse('0000-01-01T00:00:00.000Z');
    fc.assert(
      fc.property(fc.integer({ min: first, max: LAST }), (millis) => {
        expect(isoOfMillis(millis)).toBe(dateIso(millis));
      }),
      { numRuns: 20_000 },
    );
  });

  test('around this era, where the clocks live (property, millisecond resolution)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('1900-01-01T00:00:00Z'), max: Date.parse('2200-01-01T00:00:00Z') }),
        (millis) => {
          expect(isoOfMillis(millis)).toBe(dateIso(millis));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  test('for fractions (Date truncates toward zero) and beyond the four-digit years (Date formats them)', () => {
    fc.assert(
      fc.property(fc.double({ min: -8.64e15, max: 8.64e15, noNaN: true }), (millis) => {
        expect(isoOfMillis(millis)).toBe(dateIso(millis));
      }),
      { numRuns: 20_000 },
    );
  });

  test.each([
    ['the epoch', 0],
    ['minus zero', -0],
    ['just before the epoch', -1],
    ['a fraction just before the epoch', -0.5],
    ['the first millisecond of year 0000', Date.parse('0000-01-01T00:00:00.000Z')],
    ['the last millisecond before year 0000', Date.parse('0000-01-01T00:00:00.000Z') - 1],
    ['the last millisecond of year 9999', LAST],
    ['the first millisecond of year 10000', LAST + 1],
    ['a leap day', Date.parse('2024-02-29T23:59:59.999Z')],
    ['a century that is not a leap year', Date.parse('2100-03-01T00:00:00.000Z')],
    ['a century that is', Date.parse('2000-02-29T12:00:00.000Z')],
    ['the largest time Date holds', 8.64e15],
    ['the smallest', -8.64e15],
  ])('at %s', (_, millis) => {
    expect(isoOfMillis(millis)).toBe(dateIso(millis));
  });

  test('throws as Date does for what is not a time', () => {
    for (const millis of [Number.NaN, Number.POSITIVE_INFINITY, 8.64e15 + 1]) {
      expect(() => isoOfMillis(millis)).toThrow(RangeError);
    }
  });
});
