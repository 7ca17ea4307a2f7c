import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { canonicalBytes } from '../../src/ledger/canonical.js';
import {
  EntryError,
  entryBytes,
  entryJson,
  entryLeafHash,
  newSalt,
  parseEntry,
  payloadDigest,
  payloadDigestOfText,
  validEntryJson,
  type Entry,
} from '../../src/ledger/entry.js';
import { leafHash, toHex } from '../../src/ledger/hash.js';
import type { JsonValue } from '../../src/ledger/json.js';

const canonicalize = canonicalizeModule as unknown as (value: unknown) => string | undefined;

/** Strings of every kind of UTF-16 unit: controls, JSON specials, BMP, astral pairs and lone surrogates. */
const anyString = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
      fc.constantFrom('"', '\\', '/', '\u007f', '\u2028', '\u2029', '\ufeff', '\uffff'),
      fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0x80, max: 0xffff }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
    ),
    { maxLength: 24 },
  )
  .map((units) => units.join(''));

const anyEntry = fc.record({
  seq: fc.maxSafeNat(),
  at: anyString,
  stream: anyString,
  version: fc.maxSafeNat(),
  type: anyString,
  actor: anyString,
  digest: anyString,
});

const wellFormed = (s: string): boolean => !/\p{Cs}/u.test(s);

const valid: Entry = {
  seq: 17,
  at: '2026-11-27T21:08:15.123Z',
  stream: 'custody/c_8f2a',
  version: 3,
  type: 'rights-explained',
  actor: 'acct_officer',
  digest: 'ab'.repeat(32),
};

describe('entryBytes: the fast serializer is RFC 8785', () => {
  test('equals canonicalBytes (and the canonicalize package) for arbitrary strings and safe integers', () => {
    fc.assert(
      fc.property(anyEntry, (entry) => {
        const fields = [entry.at, entry.stream, entry.type, entry.actor, entry.digest];
        if (fields.every(wellFormed)) {
          expect(toHex(entryBytes(entry))).toBe(toHex(canonicalBytes(entry as unknown as JsonValue)));
          expect(entryJson(entry)).toBe(canonicalize(entry));
          expect(toHex(entryLeafHash(entry))).toBe(toHex(leafHash(entryBytes(entry))));
        } else {
          // Lone surrogates are not I-JSON: canonicalize would escape them, RFC 8785 forbids them.
          expect(() => entryBytes(entry)).toThrow(EntryError);
          expect(() => canonicalBytes(entry as unknown as JsonValue)).toThrow(TypeError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('serialises exactly the seven fields, in JCS key order, ignoring anything else on the object', () => {
    const withExtra = { ...valid, payload: { secret: 1 } } as Entry;
    expect(entryJson(withExtra)).toBe(
      '{"actor":"acct_officer","at":"2026-11-27T21:08:15.123Z","digest":"' +
        'ab'.repeat(32) +
        '","seq":17,"stream":"custody/c_8f2a","type":"rights-explained","version":3}',
    );
  });

  test('refuses fields that would not serialise as the envelope requires', () => {
    for (const bad of [
      { ...valid, seq: -1 },
      { ...valid, seq: 1.5 },
      { ...valid, seq: 2 ** 53 },
      { ...valid, version: NaN },
      { ...valid, seq: '17' },
      { ...valid, actor: 7 },
      { ...valid, stream: undefined },
    ]) {
      expect(() => entryBytes(bad as unknown as Entry)).toThrow(EntryError);
    }
  });
});

describe('parseEntry: strict validation at the edge', () => {
  test('accepts a valid envelope and returns exactly its seven fields', () => {
    expect(parseEntry(JSON.parse(JSON.stringify(valid)))).toEqual(valid);
    expect(parseEntry({ ...valid, seq: 0, version: 0 })).toEqual({ ...valid, seq: 0, version: 0 });
  });

  const cases: [string, unknown, RegExp][] = [
    ['not an object', [valid], /JSON object/],
    ['null', null, /JSON object/],
    ['an extra field', { ...valid, payload: 1 }, /unexpected field "payload"/],
    ['a missing field', { ...valid, digest: undefined }, /digest/],
    ['seq as a string', { ...valid, seq: '17' }, /seq must be a non-negative integer/],
    ['negative seq', { ...valid, seq: -1 }, /seq/],
    ['fractional version', { ...valid, version: 0.5 }, /version/],
    ['unsafe integer', { ...valid, seq: 2 ** 53 }, /seq/],
    ['at without milliseconds', { ...valid, at: '2026-11-27T21:08:15Z' }, /at must be/],
    ['at with an offset', { ...valid, at: '2026-11-27T21:08:15.123+05:00' }, /at must be/],
    ['an impossible date', { ...valid, at: '2026-02-30T21:08:15.123Z' }, /at must be/],
    ['an impossible hour', { ...valid, at: '2026-11-27T24:00:00.000Z' }, /at must be/],
    ['an empty stream', { ...valid, stream: '' }, /stream/],
    ['an empty type', { ...valid, type: '' }, /type/],
    ['an empty actor', { ...valid, actor: '' }, /actor/],
    ['an uppercase digest', { ...valid, digest: 'AB'.repeat(32) }, /digest/],
    ['a short digest', { ...valid, digest: 'ab'.repeat(31) }, /digest/],
    ['a lone surrogate', { ...valid, actor: 'x\ud800' }, /surrogate/],
  ];
  test.each(cases)('rejects %s, saying what is wrong', (_name, value, message) => {
    expect(() => parseEntry(value)).toThrow(EntryError);
    expect(() => parseEntry(value)).toThrow(message);
  });
});

describe('payload digests', () => {
  test('digest = hex SHA-256(salt ‖ RFC 8785 payload bytes), for the value and for its canonical text', () => {
    const salt = new Uint8Array(16).fill(7);
    const payload = { b: [1, 'x'], a: 'Асқар' };
    const expected = createHash('sha256')
      .update(salt)
      .update('{"a":"Асқар","b":[1,"x"]}', 'utf8')
      .digest('hex');
    expect(payloadDigest(salt, payload)).toBe(expected);
    expect(payloadDigestOfText(salt, '{"a":"Асқар","b":[1,"x"]}')).toBe(expected);
    expect(payloadDigest(new Uint8Array(16), payload)).not.toBe(expected);
  });

  test('payloadDigestOfText (the append path) equals payloadDigest of the value, short and long, one call after another', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.array(fc.tuple(fc.string({ unit: 'grapheme', maxLength: 3000 }), fc.integer()), { maxLength: 4 }),
        (salt, pairs) => {
          const payload = { items: pairs.map(([text, n]) => ({ text, n })) } as JsonValue;
          const text = canonicalize(payload) as string;
          expect(payloadDigestOfText(salt, text)).toBe(payloadDigest(salt, payload));
          // The reused buffer must not leak bytes of a longer payload into a shorter one.
          expect(payloadDigestOfText(salt, '{}')).toBe(payloadDigest(salt, {}));
        },
      ),
      { numRuns: 200 },
    );
    expect(() => payloadDigestOfText(new Uint8Array(15), '{}')).toThrow(TypeError);
  });

  test('salts are 16 random bytes, and other sizes are refused', () => {
    const a = newSalt();
    const b = newSalt();
    expect(a.length).toBe(16);
    expect(toHex(a)).not.toBe(toHex(b));
    expect(() => payloadDigest(new Uint8Array(8), {})).toThrow(TypeError);
    expect(() => payloadDigestOfText(new Uint8Array(17), '1')).toThrow(TypeError);
    expect(() => payloadDigest(a, { n: NaN })).toThrow(TypeError);
  });
});

describe('the `at` field names a real instant', () => {
  test.each([
    ['2024-02-29T00:00:00.000Z', true],
    ['2000-02-29T23:59:59.999Z', true],
    ['2100-02-29T12:00:00.000Z', false],
    ['2026-04-31T12:00:00.000Z', false],
    ['2026-12-31T23:59:59.999Z', true],
    ['2026-13-01T00:00:00.000Z', false],
    ['2026-00-10T00:00:00.000Z', false],
    ['2026-01-00T00:00:00.000Z', false],
    ['2026-01-01T00:60:00.000Z', false],
    ['2026-01-01T00:00:60.000Z', false],
    ['2026-01-01 00:00:00.000Z', false],
    ['2026-01-01T00:00:00.000z', false],
    ['2026-1-01T00:00:00.000Z', false],
    ['+02026-01-01T00:00:00.000Z', false],
    ['２026-01-01T00:00:00.000Z', false],
  ])('%s → %s', (at, ok) => {
    if (ok) expect(parseEntry({ ...valid, at }).at).toBe(at);
    else expect(() => parseEntry({ ...valid, at })).toThrow(EntryError);
  });

  test('agrees with Date for every millisecond-precision instant of years 0000–9999', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0000-01-01T00:00:00.000Z'),
          max: new Date('9999-12-31T23:59:59.999Z'),
          noInvalidDate: true,
        }),
        (d) => {
          expect(parseEntry({ ...valid, at: d.toISOString() }).at).toBe(d.toISOString());
        },
      ),
    );
  });
});

test('validEntryJson (the verifier’s unchecked serializer) equals entryJson for validated entries', () => {
  fc.assert(
    fc.property(
      anyEntry,
      fc.date({ noInvalidDate: true, min: new Date(0), max: new Date('9999-12-31T23:59:59.999Z') }),
      fc.stringMatching(/^[0-9a-f]{64}$/),
      (e, d, digest) => {
        const entry = { ...e, at: d.toISOString(), digest };
        if (![entry.stream, entry.type, entry.actor].every((s) => s.length > 0 && wellFormed(s))) return;
        const parsed = parseEntry(entry);
        expect(validEntryJson(parsed)).toBe(entryJson(parsed));
      },
    ),
  );
});
