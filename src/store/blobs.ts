import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/*
 * Blobs (DESIGN.md "Storage"): video and audio messages, photographs, scans — content-addressed
 * files under DATA/blobs/, named by the lowercase hex SHA-256 of their bytes, which the log's
 * payload carries. Complaint media are stored sealed: the bytes here are ciphertext. A blob is
 * written beside its final name, synced, then renamed, so a crash leaves either nothing or the
 * whole file; the same bytes written twice are one file.
 */

export const BLOB_DIR = 'blobs';
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** More bytes than the caller allows: nothing was kept. */
export class BlobTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the file is larger than ${limit} bytes`);
    this.name = 'BlobTooLargeError';
  }
}

const blobPath = (dataDir: string, sha256: string) => join(dataDir, BLOB_DIR, sha256);

/**
 * A blob received but not yet stored: its bytes are synced beside the blobs under a temporary
 * name, so the caller can check what came with it before anything lands under DATA/blobs/.
 * Exactly one of `keep` or `discard` must follow.
 */
export interface StagedBlob {
  sha256: string;
  size: number;
  /** Stores it under its hash; `created` is false when the same bytes were stored already. */
  keep(): Promise<{ created: boolean }>;
  /** Forgets it: nothing is left on disk. */
  discard(): Promise<void>;
}

/** Receives a stream of at most `maxBytes` as a staged blob (nothing is kept if it is larger or fails). */
export async function stageBlob(
  dataDir: string,
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
): Promise<StagedBlob> {
  const directory = join(dataDir, BLOB_DIR);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const temporary = join(directory, `.incoming-${randomBytes(8).toString('hex')}`);
  const hash = createHash('sha256');
  let size = 0;
  const file = await open(temporary, 'wx', 0o600);
  try {
    for await (const chunk of chunks) {
      size += chunk.length;
      if (size > maxBytes) throw new BlobTooLargeError(maxBytes);
      hash.update(chunk);
      await file.write(chunk);
    }
    await file.sync();
    await file.close();
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
  const sha256 = hash.digest('hex');
  return {
    sha256,
    size,
    async keep() {
      if (await hasBlob(dataDir, sha256)) {
        await rm(temporary, { force: true });
        return { created: false };
      }
      await rename(temporary, blobPath(dataDir, sha256));
      return { created: true };
    },
    discard: () => rm(temporary, { force: true }),
  };
}

/** Writes a stream as a blob of at most `maxBytes`; returns its SHA-256 (hex) and size. */
export async function writeBlob(
  dataDir: string,
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
): Promise<{ sha256: string; size: number }> {
  const staged = await stageBlob(dataDir, chunks, maxBytes);
  await staged.keep();
  return { sha256: staged.sha256, size: staged.size };
}

/** Removes a blob that no entry of the log refers to (one stored for a write that was then refused). */
export async function removeBlob(dataDir: string, sha256: string): Promise<void> {
  if (!SHA256_HEX.test(sha256)) return;
  await rm(blobPath(dataDir, sha256), { force: true });
}

/** The bytes of a blob, or null when there is none by that hash. */
export async function readBlob(dataDir: string, sha256: string): Promise<Uint8Array | null> {
  if (!SHA256_HEX.test(sha256)) return null;
  try {
    return new Uint8Array(await readFile(blobPath(dataDir, sha256)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Whether a blob is stored. */
export async function hasBlob(dataDir: string, sha256: string): Promise<boolean> {
  if (!SHA256_HEX.test(sha256)) return false;
  try {
    return (await stat(blobPath(dataDir, sha256))).isFile();
  } catch {
    return false;
  }
}
