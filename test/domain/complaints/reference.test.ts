import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { normaliseReference, referenceFromBytes } from '../../../src/domain/complaints/reference.js';

/* The receipt's reference: 12 Crockford base32 characters, typed back however a person types. */

const FORM = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

describe('complaint reference', () => {
  test('60 random bits in three groups of Crockford base32, without I, L, O or U', () => {
    expect(referenceFromBytes(new Uint8Array(8))).toBe('0000-0000-0000');
    expect(referenceFromBytes(new Uint8Array(8).fill(255))).toBe('ZZZZ-ZZZZ-ZZZZ');
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (bytes) => {
        const reference = referenceFromBytes(bytes);
        expect(reference).toMatch(FORM);
        expect(normaliseReference(reference)).toBe(reference);
      }),
    );
    expect(() => referenceFromBytes(new Uint8Array(7))).toThrow(RangeError);
  });

  test('typed back: any case, spaces or dashes anywhere, O for 0, I and L for 1', () => {
    expect(normaliseReference('7kq2 m9xd 4hta')).toBe('7KQ2-M9XD-4HTA');
    expect(normaliseReference('7KQ2M9XD4HTA')).toBe('7KQ2-M9XD-4HTA');
    expect(normaliseReference('o1l0-iIiI-0000')).toBe('0110-1111-0000');
    expect(normaliseReference(' 7-K-Q-2 M9XD4HTA ')).toBe('7KQ2-M9XD-4HTA');
  });

  test('anything else is no reference', () => {
    for (const typed of [
      '',
      '7KQ2-M9XD-4HT',
      '7KQ2-M9XD-4HTAA',
      '7KQ2-M9XD-4HTU',
      '7KQ2_M9XD_4HTA',
      'Ж'.repeat(12),
      'x'.repeat(41),
    ])
      expect(normaliseReference(typed), typed).toBeNull();
  });
});
