/**
 * A deliberately separate, textbook implementation of what an outside auditor would write from the
 * specifications alone — RFC 9162 §2.1.1 MTH by its recursive definition, RFC 8785 via the
 * `canonicalize` package, Ed25519 via node:crypto's raw key import — sharing no code with
 * src/ledger, so that tests can show the bundle is verifiable without Habeas.
 */
import { createHash, createPublicKey, verify as edVerify } from 'node:crypto';
import canonicalizeModule from 'canonicalize';

// The package's CommonJS typings do not line up with NodeNext's default import.
const canonicalize = canonicalizeModule as unknown as (value: unknown) => string | undefined;

/** `name+keyid+base64`: the base64 part may itself contain '+', so split at the first two only. */
function splitKey(vkey: string): [string, string, string] {
  const text = vkey.trim();
  const first = text.indexOf('+');
  const second = text.indexOf('+', first + 1);
  return [text.slice(0, first), text.slice(first + 1, second), text.slice(second + 1)];
}

const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();

/** RFC 9162 §2.1.1: MTH({}) = SHA-256(); MTH({d0}) = SHA-256(0x00‖d0); else split at the largest power of two < n. */
export function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return sha();
  if (leaves.length === 1) return sha(Buffer.from([0]), leaves[0] as Buffer);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha(Buffer.from([1]), mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

export function leafInputOf(entry: unknown): Buffer {
  const text = canonicalize(entry);
  if (text === undefined) throw new Error('not canonicalizable');
  return Buffer.from(text, 'utf8');
}

/** Verifies a C2SP signed note's Ed25519 line against `name+keyid+base64(0x01‖pub)`; returns the note text. */
export function verifySignedNote(note: string, vkey: string): string {
  const [name, keyIdHex, keyB64] = splitKey(vkey);
  const keyBytes = Buffer.from(keyB64, 'base64');
  if (!name || keyBytes.length !== 33 || keyBytes[0] !== 1) throw new Error('bad verifier key');
  const split = note.lastIndexOf('\n\n');
  const text = note.slice(0, split + 1);
  const sigLines = note
    .slice(split + 2)
    .split('\n')
    .filter(Boolean);
  const der = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), keyBytes.subarray(1)]);
  const publicKey = createPublicKey({ key: der, format: 'der', type: 'spki' });
  for (const line of sigLines) {
    const match = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const sig = Buffer.from(match[2] as string, 'base64');
    if (sig.subarray(0, 4).toString('hex') !== keyIdHex) continue;
    if (edVerify(null, Buffer.from(text, 'utf8'), publicKey, sig.subarray(4))) return text;
  }
  throw new Error('no valid signature by the given key');
}

/** The verifier key's key id, recomputed: SHA-256(name ‖ 0x0A ‖ 0x01 ‖ pub)[:4]. */
export function keyIdOf(vkey: string): string {
  const [name, , keyB64] = splitKey(vkey);
  return sha(Buffer.from(`${name}\n`, 'utf8'), Buffer.from(keyB64, 'base64'))
    .subarray(0, 4)
    .toString('hex');
}
