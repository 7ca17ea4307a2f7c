import { execFile } from 'node:child_process';
import { rename } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { KIOSK_BUNDLE } from '../../src/web/kiosk/bundle.js';

const SCRIPT = fileURLToPath(new URL('../../scripts/build-kiosk.mjs', import.meta.url));

/**
 * Builds dist/public/kiosk.js as `npm run build` does (scripts/build-kiosk.mjs), so that the tests
 * serve the current src/web/kiosk/browser.js. Written beside and renamed into place: test files
 * that build at the same time never serve half a file.
 */
export async function buildKioskScript(): Promise<void> {
  const temporary = `${KIOSK_BUNDLE}.${process.pid}.tmp`;
  await promisify(execFile)(process.execPath, [SCRIPT, '--out', temporary]);
  await rename(temporary, KIOSK_BUNDLE);
}
