import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * `public/` at the package root. This module is src/web/assets.ts under vitest and tsx, and
 * dist/web/assets.js when built: two folders below the root either way.
 */
export const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));

/** A script served from node_modules by this app (DESIGN.md "Pages": no assets from other hosts). */
export interface Script {
  body: Buffer;
  etag: string;
}

/** htmx 2, read once from the installed package. */
export async function loadHtmx(): Promise<Script> {
  const path = createRequire(import.meta.url).resolve('htmx.org/dist/htmx.min.js');
  const body = await readFile(path);
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}
