/**
 * RFC 8785 (JSON Canonicalization Scheme) bytes, through the `canonicalize` package (DESIGN.md
 * "Canonical bytes"). The package serialises whatever it is given; this module first makes sure
 * the value is JSON at all, so that the same value can never hash two ways.
 */
import canonicalizeModule from 'canonicalize';
import type { JsonValue } from './json.js';

// With the u flag, a well-formed surrogate pair is one astral code point; only lone halves match.
// canonicalize is CommonJS whose module.exports is the function, which Node hands to a default
// import; its typings declare an ES default export, which TypeScript (NodeNext) then nests one level
// deeper than it is at run time.
const canonicalize = canonicalizeModule as unknown as (value: unknown) => string | undefined;

const LONE_SURROGATE = /\p{Cs}/u;

/** True when a string is well-formed UTF-16, i.e. encodes to UTF-8 without replacement characters. */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

const MAX_DEPTH = 512;

/**
 * Throws TypeError for anything JSON cannot carry: undefined, functions, symbols, bigints, NaN and
 * ±Infinity, array holes, objects other than plain ones (Dates, Maps, class instances: canonicalize
 * would call their toJSON or drop fields), cycles, and strings with lone surrogates (RFC 8785 §3.1
 * requires I-JSON, RFC 7493 §2.1, which forbids them; canonicalize would escape them and another
 * implementation would reject or replace them).
 */
export function assertJson(value: unknown, path = '$', depth = 0): asserts value is JsonValue {
  if (depth > MAX_DEPTH) throw new TypeError(`${path}: nested more than ${MAX_DEPTH} levels deep`);
  switch (typeof value) {
    case 'string':
      if (!isWellFormed(value)) throw new TypeError(`${path}: string with a lone surrogate is not I-JSON`);
      return;
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} is not a JSON number`);
      return;
    case 'object': {
      if (value === null) return;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) assertJson(value[i], `${path}[${i}]`, depth + 1);
        return;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null)
        throw new TypeError(`${path}: not a plain JSON object`);
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (!isWellFormed(key)) throw new TypeError(`${path}: key with a lone surrogate is not I-JSON`);
        assertJson(record[key], `${path}.${key}`, depth + 1);
      }
      return;
    }
    default:
      throw new TypeError(`${path}: ${typeof value} is not a JSON value`);
  }
}

/** The RFC 8785 text of a JSON value; throws TypeError for values that are not JSON. */
export function canonicalString(value: JsonValue): string {
  assertJson(value);
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('not a JSON value');
  return text;
}

/** The RFC 8785 bytes (UTF-8) of a JSON value; throws TypeError for values that are not JSON. */
export function canonicalBytes(value: JsonValue): Uint8Array {
  return Buffer.from(canonicalString(value), 'utf8');
}
