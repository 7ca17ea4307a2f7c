#!/usr/bin/env node
/*
 * Builds the stand-alone verifier auditors run (issue 18 item 8): src/verifier/entry.ts with the
 * ledger code and the one package it uses (canonicalize), bundled by esbuild into ONE ES module
 * for Node.js 20+, dist/habeas-verify.mjs, with its SHA-256 beside it (dist/habeas-verify.mjs.sha256).
 * No dependency is fetched when it runs: `node habeas-verify.mjs bundle.jsonl --key log.vkey`.
 * The server offers it at /verifier/habeas-verify.mjs and shows its digest on the log page.
 *
 *   node scripts/build-verifier.mjs [--out FILE]
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ENTRY = resolve(ROOT, 'src/verifier/entry.ts');
export const OUT = resolve(ROOT, 'dist/habeas-verify.mjs');

/** Bundles the verifier into `outfile` and writes `outfile.sha256`; returns the digest (hex). */
export async function buildVerifier(outfile = OUT) {
  await mkdir(dirname(outfile), { recursive: true });
  await build({
    entryPoints: [ENTRY],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: ['node20'],
    minify: false,
    sourcemap: false,
    legalComments: 'inline',
    logLevel: 'warning',
    absWorkingDir: ROOT,
    // CommonJS packages inside (cli-progress) require Node's modules at run time: give them require.
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __habeasRequire } from 'node:module';\nconst require = __habeasRequire(import.meta.url);",
    },
    // Only Node's own modules stay outside the file.
    packages: 'bundle',
  });
  const digest = createHash('sha256')
    .update(await readFile(outfile))
    .digest('hex');
  await writeFile(`${outfile}.sha256`, `${digest}  habeas-verify.mjs\n`);
  return digest;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  const outfile = at > 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]) : OUT;
  const digest = await buildVerifier(outfile);
  console.log(`stand-alone verifier: ${outfile} (SHA-256 ${digest})`);
}
