import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * The stand-alone verifier built by scripts/build-verifier.mjs (dist/habeas-verify.mjs), which the
 * server offers auditors with its SHA-256 (issue 18 item 8). This module is src/web/ under vitest
 * and dist/web/ when built: the root is two folders up either way.
 */
export const VERIFIER_FILE = fileURLToPath(new URL('../../dist/habeas-verify.mjs', import.meta.url));

export interface VerifierFile {
  body: Buffer;
  /** Lowercase hex SHA-256 of the file. */
  sha256: string;
}

let cached: { mtimeMs: number; file: VerifierFile } | undefined;

/** The built verifier, or null before `npm run build`. */
export async function loadVerifier(path = VERIFIER_FILE): Promise<VerifierFile | null> {
  let mtimeMs: number;
  try {
    mtimeMs = (await stat(path)).mtimeMs;
  } catch {
    return null;
  }
  if (cached && cached.mtimeMs === mtimeMs && path === VERIFIER_FILE) return cached.file;
  const body = await readFile(path);
  const file = { body, sha256: createHash('sha256').update(body).digest('hex') };
  if (path === VERIFIER_FILE) cached = { mtimeMs, file };
  return file;
}
