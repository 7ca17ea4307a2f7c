/**
 * SHA-256 and the RFC 6962 / RFC 9162 §2.1 hashing rules, plus strict hex and base64 codecs.
 * Hashes are returned as Buffers (which are Uint8Arrays); callers may treat them as plain bytes.
 */
import { createHash, hash as oneShotHash } from 'node:crypto';

/** Bytes in a SHA-256 hash, and so in every leaf, node and root hash of the tree. */
export const HASH_SIZE = 32;

/** A hex or base64 string that is not in the strict form a verifier accepts. */
export class EncodingError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'EncodingError';
  }
}

export function sha256(...parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return oneShotHash('sha256', parts[0] as Uint8Array, 'buffer');
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return h.digest();
}

/** SHA-256 of the UTF-8 bytes of a string, without an intermediate buffer. */
export function sha256OfText(text: string): Uint8Array {
  return oneShotHash('sha256', text, 'buffer');
}

/** RFC 9162 §2.1.1: the hash of a leaf is SHA-256(0x00 ‖ leaf input). */
export function leafHash(leafInput: Uint8Array): Uint8Array {
  return createHash('sha256').update(LEAF_PREFIX).update(leafInput).digest();
}

/**
 * The leaf hash of a leaf input given as text (its UTF-8 bytes): U+0000 is the single byte 0x00 in
 * UTF-8, so hashing "\0" + text is SHA-256(0x00 ‖ utf8(text)) in one call.
 */
export function leafHashOfText(leafInput: string): Uint8Array {
  return oneShotHash('sha256', '\u0000' + leafInput, 'buffer');
}

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);
// Reused for the common 32+32 case: hashing is synchronous, so no call can observe another's bytes.
const nodeScratch = Buffer.alloc(1 + 2 * HASH_SIZE);
nodeScratch[0] = 0x01;

/** RFC 9162 §2.1.1: the hash of an interior node is SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length === HASH_SIZE && right.length === HASH_SIZE) {
    nodeScratch.set(left, 1);
    nodeScratch.set(right, 1 + HASH_SIZE);
    return oneShotHash('sha256', nodeScratch, 'buffer');
  }
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/**
 * A hash packed as a 32-character latin1 string (one char per byte). Node hands strings back far
 * more cheaply than Buffers (no external memory for the garbage collector), which triples hashing
 * throughput in bundle verification's loop. Only for hot paths; everything public uses bytes.
 */
export type PackedHash = string;

/** leafHashOfText, packed. */
export function packedLeafHashOfText(leafInput: string): PackedHash {
  return oneShotHash('sha256', '\u0000' + leafInput, 'binary');
}

/** nodeHash of two packed hashes, packed. */
export function packedNodeHash(left: PackedHash, right: PackedHash): PackedHash {
  nodeScratch.write(left, 1, HASH_SIZE, 'latin1');
  nodeScratch.write(right, 1 + HASH_SIZE, HASH_SIZE, 'latin1');
  return oneShotHash('sha256', nodeScratch, 'binary'); // 'binary' is latin1
}

export function unpackHash(hash: PackedHash): Uint8Array {
  return Buffer.from(hash, 'latin1');
}

/** RFC 9162 §2.1.1: the root of the empty tree is the hash of the empty string. */
export const EMPTY_ROOT: Uint8Array = sha256(new Uint8Array(0));

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Lowercase hex. */
export function toHex(bytes: Uint8Array): string {
  return asBuffer(bytes).toString('hex');
}

const HEX = /^(?:[0-9a-fA-F]{2})*$/;

/** Strict: an even number of hex digits and nothing else (Buffer.from would silently stop early). */
export function fromHex(text: string): Uint8Array {
  if (typeof text !== 'string' || !HEX.test(text)) throw new EncodingError('not a hex string of whole bytes');
  return Buffer.from(text, 'hex');
}

/** Standard base64 with padding (RFC 4648 §4), as in signed notes and checkpoints. */
export function toBase64(bytes: Uint8Array): string {
  return asBuffer(bytes).toString('base64');
}

/**
 * Strict RFC 4648 §4 base64: padded, standard alphabet, no whitespace and no stray bits, so that
 * every byte string has exactly one accepted spelling (Buffer.from alone accepts far more).
 */
export function fromBase64(text: string): Uint8Array {
  if (typeof text !== 'string' || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    throw new EncodingError('not standard padded base64');
  }
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) throw new EncodingError('not canonical base64');
  return bytes;
}
