/**
 * The anchor: the newest checkpoint this server signed, kept in the data directory (DIR/checkpoint)
 * as well as in the database, so that the database alone cannot take back what the server signed.
 * Before signing, the server proves the head consistent with it (RFC 9162 §2.1.4); `habeas verify
 * --data` checks the log against it. A database restored from an older copy, rolled back or
 * rewritten no longer matches it (docs/security.md).
 *
 * Written atomically (a temporary file, fsync, rename, fsync of the directory) and only ever to a
 * larger tree: two processes serving one PostgreSQL database from one directory never move it back.
 */
import { open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseCheckpoint } from '../ledger/checkpoint.js';
import { parseNote } from '../ledger/note.js';

export const ANCHOR_FILE = 'checkpoint';

/** The anchored checkpoint note, or undefined when none was written yet. */
export async function readAnchor(dir: string): Promise<string | undefined> {
  try {
    return await readFile(join(dir, ANCHOR_FILE), 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The tree size a note's checkpoint names; -1 for something that is not a checkpoint note. */
export function noteSize(note: string | undefined): number {
  if (note === undefined) return -1;
  try {
    return parseCheckpoint(parseNote(note).text).size;
  } catch {
    return -1;
  }
}

/** Replaces the anchor with `note` if it names a larger tree than the anchor does now. */
export async function writeAnchor(dir: string, note: string): Promise<void> {
  if (noteSize(note) <= noteSize(await readAnchor(dir))) return;
  const path = join(dir, ANCHOR_FILE);
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const file = await open(temporary, 'wx', 0o644);
    try {
      await file.writeFile(note, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    // Re-read: another process may have anchored a larger tree meanwhile.
    if (noteSize(note) <= noteSize(await readAnchor(dir))) return;
    await rename(temporary, path);
  } finally {
    await rm(temporary, { force: true });
  }
  const directory = await open(dir, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
