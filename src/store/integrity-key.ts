/**
 * The data directory's integrity key (DIR/integrity.key): a secret of the server, never in the
 * database, from which the HMACs that bind database rows to the server are derived (HKDF-SHA256,
 * one sub-key per use). An operator who can write the database but not read the data directory
 * cannot produce them, so whatever such an operator moves is refused (docs/security.md).
 *
 * - the log head (`log_state.mac`): the size and root the sequencer last committed;
 * - the rows that decide who someone is (src/store/row-tags.ts);
 * - the secret mixed into a complainant's answer key with the PIN (src/sealing/answer-key.ts), so
 *   that whoever holds the database cannot try PINs against it offline;
 * - the key that seals medical photographs at rest (src/app/medical-photos.ts, issue 19): whoever
 *   reads the database or DATA/blobs/ without this file sees only ciphertext.
 */
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toBase64 } from '../ledger/hash.js';
import { DataDirError } from './datadir-error.js';
import { taggedText, type RowTagger } from './row-tags.js';

export const INTEGRITY_KEY_FILE = 'integrity.key';
const KEY_SIZE = 32;
const KEY_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export interface IntegrityKey {
  /** Tags of the rows that decide who someone is (src/store/row-tags.ts). */
  rows: RowTagger;
  /** HMAC of a committed tree head of the log `origin`, lowercase hex. */
  headMac(origin: string, size: number, root: Uint8Array): string;
  /** Whether `mac` is the head's HMAC (constant time). */
  headMacMatches(mac: string | null, origin: string, size: number, root: Uint8Array): boolean;
  /** A fresh copy of the secret of complainants' answer keys (issue 18 item 6); the caller wipes it. */
  answerSecret(): Uint8Array;
  /** A fresh copy of the AES-256-GCM key of medical photographs at rest (issue 19); the caller wipes it. */
  medicalPhotoKey(): Uint8Array;
}

function subKey(key: Uint8Array, use: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, new Uint8Array(0), `habeas ${use}`, KEY_SIZE));
}

function keyFrom(secret: Uint8Array): IntegrityKey {
  const head = subKey(secret, 'log head v1');
  const rowKey = subKey(secret, 'row tags v1');
  const answerKey = subKey(secret, 'complaint answer v1');
  const photoKey = subKey(secret, 'medical photos v1');
  const tagOf = (text: string) => createHmac('sha256', rowKey).update(text, 'utf8').digest('hex');
  const rows: RowTagger = {
    tag: (table, row) => tagOf(taggedText(table, row)),
    matches: (table, row) => {
      if (row.tag === null || !/^[0-9a-f]{64}$/.test(row.tag)) return false;
      return timingSafeEqual(Buffer.from(row.tag, 'hex'), Buffer.from(tagOf(taggedText(table, row)), 'hex'));
    },
  };
  const headMac = (origin: string, size: number, root: Uint8Array) =>
    createHmac('sha256', head)
      .update(`${origin}\n${size}\n${toBase64(root)}\n`, 'utf8')
      .digest('hex');
  return {
    rows,
    headMac,
    headMacMatches(mac, origin, size, root) {
      if (mac === null || !/^[0-9a-f]{64}$/.test(mac)) return false;
      return timingSafeEqual(Buffer.from(mac, 'hex'), Buffer.from(headMac(origin, size, root), 'hex'));
    },
    answerSecret: () => Uint8Array.from(answerKey),
    medicalPhotoKey: () => Uint8Array.from(photoKey),
  };
}

/**
 * Reads DIR/integrity.key; with `create`, makes it first when it does not exist (a data directory
 * made before the key existed). Who may create it is the caller's decision (src/store/store.ts):
 * never once the directory has an anchored checkpoint, whose head the old key bound.
 */
export async function loadIntegrityKey(
  dir: string,
  options: { create: boolean },
): Promise<{ key: IntegrityKey; created: boolean }> {
  const path = join(dir, INTEGRITY_KEY_FILE);
  let text: string | undefined;
  try {
    text = (await readFile(path, 'utf8')).trim();
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
  }
  if (text === undefined) {
    if (!options.create)
      throw new DataDirError(
        `${path} is missing: the data directory ${dir} is incomplete (restore integrity.key from its backup)`,
      );
    const secret = randomBytes(KEY_SIZE);
    try {
      await writeFile(path, secret.toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
      return { key: keyFrom(secret), created: true };
    } catch (error) {
      // Another process made it first: use theirs.
      if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
      text = (await readFile(path, 'utf8')).trim();
    }
  }
  if (!KEY_FORMAT.test(text)) throw new DataDirError(`${path} is not an integrity key (32 bytes, base64url)`);
  return { key: keyFrom(Buffer.from(text, 'base64url')), created: false };
}
