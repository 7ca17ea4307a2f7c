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

/** Writes a stream as a blob of at most `maxBytes`; returns its SHA-256 (hex) and size. */
export async function writeBlob(
  dataDir: string,
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
): Promise<{ sha256: string; size: number }> {
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
    const sha256 = hash.digest('hex');
    await rename(temporary, blobPath(dataDir, sha256));
    return { sha256, size };
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
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
