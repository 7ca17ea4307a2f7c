import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { canonicalBytes, canonicalString } from '../../src/ledger/canonical.js';
import type { JsonValue } from '../../src/ledger/json.js';

describe('RFC 8785 canonical bytes', () => {
  test('RFC 8785 §3.2.2 example: numbers, string escapes and literals', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    ) as JsonValue;
    expect(canonicalString(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  test('RFC 8785 §3.2.3 example: keys sorted by UTF-16 code units', () => {
    const input = JSON.parse(
      '{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One",' +
        ' "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control", "\\u00f6": "Latin Small Letter O With Diaeresis"}',
    ) as JsonValue;
    // Read the keys off the text: JS objects would list the integer-like key "1" first.
    const keys = [...canonicalString(input).matchAll(/[{,]("(?:[^"\\]|\\.)*"):/g)].map(
      (m) => JSON.parse(m[1] as string) as string,
    );
    expect(keys).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
    expect(canonicalString(input).startsWith('{"\\r":"Carriage Return","1":"One","\u0080":"Control"')).toBe(
      true,
    );
    expect(Buffer.from(canonicalBytes(input)).toString('utf8')).toBe(canonicalString(input));
  });

  test('the same value always gives the same bytes, whatever the key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse()) as JsonValue;
        expect(canonicalString(reversed)).toBe(canonicalString(obj as JsonValue));
        expect(JSON.parse(canonicalString(obj as JsonValue))).toEqual(JSON.parse(JSON.stringify(obj)));
      }),
    );
  });

  test('values that are not JSON are refused with TypeError', () => {
    const bad: unknown[] = [
      undefined,
      () => 1,
      Symbol('x'),
      10n,
      NaN,
      Infinity,
      -Infinity,
      { a: undefined },
      [1, undefined],
      [1, , 3], // eslint-disable-line no-sparse-arrays
      new Date(0),
      new Map(),
      { nested: { deeper: [NaN] } },
      'lone \ud800 surrogate',
      { '\udc00': 'lone surrogate key' },
    ];
    for (const value of bad)
      expect(() => canonicalBytes(value as JsonValue), String(value)).toThrow(TypeError);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => canonicalBytes(cycle as JsonValue)).toThrow(TypeError);
  });

  test('non-integers are JSON (JCS formats them); integer-ness is checked only for entries', () => {
    expect(canonicalString([1.5, -0, 1e21, 5e-7])).toBe('[1.5,0,1e+21,5e-7]');
    expect(canonicalString(Object.assign(Object.create(null) as object, { b: 2, a: 1 }) as JsonValue)).toBe(
      '{"a":1,"b":2}',
    );
  });
});
