import { existsSync } from 'node:fs';
import { expect, test } from 'vitest';

/**
 * Debian's Chromium for the browser tests: its path, the flags every test launches it with (no
 * sandbox in the container, no GPU, and nothing fetched from the network), and the WCAG levels axe
 * checks. Without Chromium the browser suites are skipped, except in CI, where its absence fails.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const haveChromium = existsSync(CHROMIUM);
export const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** In CI a missing Chromium is a failure, not a skipped suite. */
export function requireChromiumInCi(): void {
  test.runIf(!haveChromium && Boolean(process.env.CI))(
    'Chromium is installed at /usr/bin/chromium (CI)',
    () => {
      expect(existsSync(CHROMIUM)).toBe(true);
    },
  );
}
