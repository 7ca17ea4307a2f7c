import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  EMPTY_ROOT,
  EncodingError,
  HASH_SIZE,
  fromBase64,
  fromHex,
  leafHash,
  leafHashOfText,
  nodeHash,
  sha256,
  toBase64,
  toHex,
} from '../../src/ledger/hash.js';

const reference = (...parts: Uint8Array[]): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

describe('RFC 9162 §2.1.1 hashing', () => {
  test('the empty tree, one empty leaf and two leaves have the published roots', () => {
    expect(HASH_SIZE).toBe(32);
    expect(toHex(EMPTY_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const l0 = leafHash(new Uint8Array(0));
    expect(toHex(l0)).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    expect(toHex(nodeHash(l0, leafHash(Buffer.from([0]))))).toBe(
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    );
  });

  test('leafHash is SHA-256(0x00 ‖ input), also when given as text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const bytes = Buffer.from(text, 'utf8');
        expect(toHex(leafHash(bytes))).toBe(reference(Buffer.from([0]), bytes));
        expect(toHex(leafHashOfText(text))).toBe(reference(Buffer.from([0]), bytes));
      }),
    );
  });

  test('nodeHash is SHA-256(0x01 ‖ left ‖ right), for hashes and for odd lengths alike', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }), (l, r) => {
        expect(toHex(nodeHash(l, r))).toBe(reference(Buffer.from([1]), l, r));
      }),
    );
    // Consecutive fast-path calls must not leak bytes into each other.
    const a = sha256(Buffer.from('a'));
    const b = sha256(Buffer.from('b'));
    const ab = nodeHash(a, b);
    nodeHash(b, a);
    expect(toHex(ab)).toBe(reference(Buffer.from([1]), a, b));
  });

  test('sha256 of several parts is the hash of their concatenation', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 20 }), { maxLength: 5 }), (parts) => {
        expect(toHex(sha256(...parts))).toBe(reference(Buffer.concat(parts)));
      }),
    );
  });
});

describe('strict codecs', () => {
  test('hex and base64 round-trip every byte string', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(toHex(fromHex(toHex(bytes)))).toBe(toHex(bytes));
        expect(toHex(fromBase64(toBase64(bytes)))).toBe(toHex(bytes));
      }),
    );
  });

  test('fromHex rejects odd lengths and non-hex characters instead of stopping early', () => {
    for (const bad of ['a', 'abc', 'zz', '0g', '00 ', ' 00', '0x00'])
      expect(() => fromHex(bad)).toThrow(EncodingError);
    expect(toHex(fromHex('ABcd'))).toBe('abcd');
  });

  test('fromBase64 accepts only canonical padded standard base64', () => {
    for (const bad of ['abc', 'ab==x', 'ab==', 'aQ=', 'a Q==', 'aQ==\n', '-_8=', 'aQ', '====', 'a===']) {
      expect(() => fromBase64(bad), bad).toThrow(EncodingError);
    }
    expect(toHex(fromBase64('aQ=='))).toBe('69');
    expect(fromBase64('').length).toBe(0);
  });
});
