import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * The kiosk's script as `npm run build` bundles it (scripts/build-kiosk.mjs): src/web/kiosk/browser.js
 * with the sealing code of src/sealing (the very code the server and tests use), @hpke/core and
 * qrcode, in one ES module. Generated, so it lives in dist/: `dist/public/kiosk.js` is two folders
 * above this module both as src/web/kiosk/bundle.ts (tsx, vitest) and as dist/web/kiosk/bundle.js.
 */
export const KIOSK_BUNDLE = fileURLToPath(new URL('../../../dist/public/kiosk.js', import.meta.url));

export interface Bundle {
  body: Buffer;
  etag: string;
}

let cached: { mtimeMs: number; bundle: Bundle } | undefined;

/** The bundle, read again when the file changes (a rebuild needs no restart); null when not built. */
export async function loadKioskBundle(path = KIOSK_BUNDLE): Promise<Bundle | null> {
  let mtimeMs: number;
  try {
    mtimeMs = (await stat(path)).mtimeMs;
  } catch {
    return null;
  }
  if (cached && cached.mtimeMs === mtimeMs && path === KIOSK_BUNDLE) return cached.bundle;
  const body = await readFile(path);
  const bundle = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
  if (path === KIOSK_BUNDLE) cached = { mtimeMs, bundle };
  return bundle;
}
