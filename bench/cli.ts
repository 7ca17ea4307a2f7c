/** `habeas --help` must answer in under 300 ms: measured against a bare `node -e 0` in the same run. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fmt, median, type BenchResult } from './stats.js';

const bin = fileURLToPath(new URL('../bin/habeas.js', import.meta.url));

function time(args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0)
    throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

export async function benchCli(runs = 21): Promise<BenchResult> {
  const baseline: number[] = [];
  const help: number[] = [];
  const verifyHelp: number[] = [];
  time([bin, '--help']); // warm the file cache
  for (let i = 0; i < runs; i++) {
    baseline.push(time(['-e', '0']));
    help.push(time([bin, '--help']));
    verifyHelp.push(time([bin, 'verify', '--help']));
  }
  const m = median(help);
  return {
    name: 'CLI start-up (`habeas --help`)',
    lines: [
      `${runs} runs each, alternating. Baseline \`node -e 0\`: median ${fmt(median(baseline), 1)} ms`,
      `\`habeas --help\`: median ${fmt(m, 1)} ms (${fmt(m / median(baseline), 2)}× baseline); \`habeas verify --help\`: median ${fmt(median(verifyHelp), 1)} ms`,
    ],
    target: `under 300 ms (median ${fmt(m, 1)} ms)`,
    met: m < 300,
  };
}
