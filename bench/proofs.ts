/**
 * Inclusion proofs at 1,000,000 entries: p99 under 2 ms, through the store (tiles read from SQLite,
 * full tiles cached). Baseline in the same run: fetching one entry row by its primary key, the
 * cheapest read the store can do.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { leafHash } from '../src/ledger/hash.js';
import { entryBytes } from '../src/ledger/entry.js';
import { verifyInclusion } from '../src/ledger/tree.js';
import { initDataDir } from '../src/store/datadir.js';
import { openStore } from '../src/store/store.js';
import { fmt, median, quantile, type BenchResult } from './stats.js';

export async function benchProofs(size = 1_000_000, samples = 5_000): Promise<BenchResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'habeas-bench-proofs-'));
  await initDataDir(dataDir, { origin: 'bench.habeas/log' });
  const store = await openStore({ dataDir, checkpointDelayMs: 60_000 });
  const bar = process.stderr.isTTY
    ? new SingleBar({ format: 'filling [{bar}] {value}/{total}' }, Presets.shades_classic)
    : null;
  bar?.start(size, 0);
  try {
    const batch = 1000;
    for (let done = 0; done < size;) {
      const requests = Array.from({ length: Math.min(batch, size - done) / 10 }, (_, i) => ({
        stream: `bench/${done + i * 10}`,
        expectedVersion: 0,
        actor: 'acct_bench',
        events: Array.from({ length: 10 }, (_, k) => ({
          type: 'bench-event',
          payload: { n: done + i * 10 + k },
        })),
      }));
      await store.appendAll(requests);
      done += requests.length * 10;
      bar?.update(done);
    }
    bar?.stop();
    const root = await store.rootAt(size);
    const proofMs: number[] = [];
    const rowMs: number[] = [];
    for (let i = 0; i < samples; i++) {
      const index = Math.floor(Math.random() * size);
      let t = performance.now();
      const [entry] = await store.entries(index, index + 1);
      rowMs.push(performance.now() - t);
      t = performance.now();
      const proof = await store.inclusionProof(index, size);
      proofMs.push(performance.now() - t);
      if (!entry) throw new Error(`entry ${index} missing`);
      if (i % 100 === 0) verifyInclusion(index, size, leafHash(entryBytes(entry)), proof, root);
    }
    const p99 = quantile(proofMs, 0.99);
    return {
      name: 'Inclusion proofs at 1,000,000 entries (SQLite store)',
      lines: [
        `${fmt(samples)} proofs for random indices in a tree of ${fmt(size)}: median ${fmt(median(proofMs), 3)} ms, p99 ${fmt(p99, 3)} ms (every 100th proof verified against the root)`,
        `baseline, one entry row by primary key: median ${fmt(median(rowMs), 3)} ms, p99 ${fmt(quantile(rowMs, 0.99), 3)} ms → a proof costs ${fmt(median(proofMs) / median(rowMs), 1)}× a row read (median)`,
      ],
      target: `p99 < 2 ms (${fmt(p99, 3)} ms)`,
      met: p99 < 2,
    };
  } finally {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
