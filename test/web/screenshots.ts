import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Screenshots from the browser tests, for a person to look at: written only when
 * HABEAS_SCREENSHOTS names a directory (`HABEAS_SCREENSHOTS=/tmp/shots npx vitest run test/web`),
 * so that `npm test` leaves no files behind. The name is the file's name without `.png`.
 */
export const SCREENSHOT_DIR: string | undefined = process.env.HABEAS_SCREENSHOTS || undefined;

interface Shootable {
  screenshot(options: { path: string; fullPage?: boolean; clip?: Clip }): Promise<unknown>;
}

interface Clip {
  x: number;
  y: number;
  width: number;
  height: number;
}

export async function screenshot(
  target: Shootable,
  name: string,
  options: { fullPage?: boolean; clip?: Clip } = { fullPage: true },
): Promise<void> {
  if (SCREENSHOT_DIR === undefined) return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await target.screenshot({ ...options, path: join(SCREENSHOT_DIR, `${name}.png`) });
}
