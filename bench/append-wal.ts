/**
 * Which tables' pages a ledger commit writes to SQLite's WAL, and how many (issue 2's append ratio:
 * a commit's time grows with its pages, because each goes whole into the WAL and is synced).
 * 64 concurrent writers append through the real store until it is warm, the WAL is truncated, a
 * few more batches are appended, and the WAL's frames are read back: each frame names its page,
 * `dbstat` names the page's table or index, and a frame with a database size marks a commit. The
 * baseline, measured the same way in the same file: plain batched inserts of the same events.
 *
 * Not part of `npm run bench` (it explains a result, it has no target). Run it alone:
 *   node --import tsx bench/append-wal.ts [warm=300] [measured=20]
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { initDataDir } from '../src/store/datadir.js';
import { openStore } from '../src/store/store.js';
import { WRITERS } from './append-events.js';
import { ledgerRun, plainRun } from './append.js';
import { fmt } from './stats.js';

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

interface WalPages {
  commits: number;
  pageSize: number;
  byOwner: Map<string, number>;
}

/** Truncates the WAL, runs `work`, and counts the frames it wrote by the table or index they belong to. */
async function walPages(
  side: BetterSqlite3.Database,
  path: string,
  work: () => Promise<void>,
): Promise<WalPages> {
  side.pragma('wal_checkpoint(TRUNCATE)');
  await work();
  const wal = readFileSync(`${path}-wal`);
  const pageSize = wal.readUInt32BE(8);
  const owner = new Map<number, string>();
  for (const row of side.prepare('select name, pageno from dbstat').all() as {
    name: string;
    pageno: number;
  }[])
    owner.set(row.pageno, row.name);
  const byOwner = new Map<string, number>();
  let commits = 0;
  for (let at = WAL_HEADER; at + FRAME_HEADER + pageSize <= wal.length; at += FRAME_HEADER + pageSize) {
    const name = owner.get(wal.readUInt32BE(at)) ?? '(freed since)';
    byOwner.set(name, (byOwner.get(name) ?? 0) + 1);
    if (wal.readUInt32BE(at + 4) !== 0) commits++; // a commit frame records the database's size
  }
  return { commits, pageSize, byOwner };
}

function report(label: string, { commits, pageSize, byOwner }: WalPages): void {
  const frames = [...byOwner.values()].reduce((a, b) => a + b, 0);
  const parts = [...byOwner]
    .sort((a, b) => b[1] - a[1])
    .map(([name, count]) => `${name} ${fmt(count / commits, 1)}`);
  console.log(
    `- ${label}: ${fmt(frames / commits, 1)} pages of ${fmt(pageSize)} bytes per commit (${commits} commits) — ${parts.join(', ')}`,
  );
}

async function main(): Promise<void> {
  const [warm = 300, measured = 20] = process.argv.slice(2).map((arg) => Number(arg.split('=')[1]));
  const dataDir = await mkdtemp(join(tmpdir(), 'habeas-wal-'));
  await initDataDir(dataDir, { origin: 'bench.habeas/log' });
  const path = join(dataDir, 'habeas.sqlite');
  const store = await openStore({ dataDir });
  const side = new BetterSqlite3(path);
  try {
    await ledgerRun(store, warm * WRITERS);
    await sql`create table bench_plain (id integer primary key, stream text not null, version integer not null, type text not null, payload text not null)`.execute(
      store.db,
    );
    await plainRun(store, warm * WRITERS, 'bench_plain', 0);
    // Few enough commits that the WAL stays under the 1 MiB at which the checkpoint thread starts.
    report(
      'ledger appends, 64 concurrent writers',
      await walPages(side, path, async () => void (await ledgerRun(store, measured * WRITERS))),
    );
    report(
      'baseline: plain batched inserts of the same events (bench/append.ts)',
      await walPages(
        side,
        path,
        async () => void (await plainRun(store, measured * WRITERS, 'bench_plain', 1)),
      ),
    );
  } finally {
    side.close();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
