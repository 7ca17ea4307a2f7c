/**
 * Runs every benchmark and prints a Markdown section to paste into bench/RESULTS.md.
 * `npm run bench` (all) or `npm run bench -- append verify` (some). Each benchmark measures its
 * baseline in the same run, on the same machine, and reports medians and ratios.
 */
import { cpus, totalmem } from 'node:os';
import type { BenchResult } from './stats.js';

const all: Record<string, () => Promise<BenchResult>> = {
  append: async () => (await import('./append.js')).benchAppend(),
  verify: async () => (await import('./verify.js')).benchVerify(),
  proofs: async () => (await import('./proofs.js')).benchProofs(),
  cli: async () => (await import('./cli.js')).benchCli(),
  custody: async () => (await import('./custody.js')).benchCustody(),
  prison: async () => (await import('./prison.js')).benchPrison(),
};

const chosen = process.argv.slice(2).filter((name) => !name.startsWith('-'));
const names = chosen.length > 0 ? chosen : Object.keys(all);
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `## ${new Date().toISOString().slice(0, 10)} — ${cpus().length} cores (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`,
);
let failed = false;
for (const name of names) {
  const bench = all[name];
  if (!bench) {
    console.error(`unknown benchmark ${name}; choose from ${Object.keys(all).join(', ')}`);
    process.exit(2);
  }
  const result = await bench();
  console.log(`### ${result.name}\n`);
  for (const line of result.lines) console.log(`- ${line}`);
  console.log(`- **target**: ${result.target} — ${result.met ? 'met' : 'NOT met'}\n`);
  if (!result.met) failed = true;
}
process.exitCode = failed ? 1 : 0;
