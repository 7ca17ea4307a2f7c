#!/usr/bin/env node
/*
 * Builds the complaint kiosk's script (issue 4 item 2): src/web/kiosk/browser.js with the sealing
 * code it imports from src/sealing (TypeScript, browser-safe: @hpke/core and WebCrypto only),
 * @hpke/core itself and qrcode's browser build, bundled by esbuild into ONE ES module,
 * dist/public/kiosk.js, which the web plugin serves as /static/kiosk.js under `script-src 'self'`.
 * One file from this server: no import map (which would be an inline script), no other host.
 *
 * Run by `npm run build` (and `prepare`) after tsc; the browser tests run it too. esbuild comes
 * with the dev dependencies (tsx and vite depend on it), like tsc itself, so building needs them.
 *
 *   node scripts/build-kiosk.mjs [--out FILE]
 */
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ENTRY = resolve(ROOT, 'src/web/kiosk/browser.js');
export const OUT = resolve(ROOT, 'dist/public/kiosk.js');

/** Bundles the kiosk's script into `outfile`; returns the output's size in bytes. */
export async function buildKiosk(outfile = OUT) {
  await mkdir(dirname(outfile), { recursive: true });
  const result = await build({
    entryPoints: [ENTRY],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    // Browsers with X25519 in WebCrypto, which @hpke/core needs: Chromium 133+, Firefox 130+, Safari 17+.
    target: ['es2022'],
    minify: true,
    sourcemap: false,
    legalComments: 'eof',
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: ROOT,
    // Nothing of Node may end up in the kiosk: the sealing code is browser-safe by design.
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const output = Object.values(result.metafile.outputs)[0];
  return output ? output.bytes : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  const outfile = at > 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]) : OUT;
  const bytes = await buildKiosk(outfile);
  console.log(`kiosk script: ${outfile} (${(bytes / 1024).toFixed(1)} KiB)`);
}
