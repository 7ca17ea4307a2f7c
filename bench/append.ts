/**
 * Ledger appends with 64 concurrent writers against plain batched inserts into the same SQLite file
 * (target: at least half the rate). The baseline inserts rows of the same shape, 64 per transaction
 * in one multi-row statement — what group commit would batch with 64 writers — through the same
 * Kysely connection, so the ratio is the cost of the ledger itself: salts, digests, canonical
 * bytes, leaf hashes, tiles, stream versions, payload rows and the log head.
 * A second baseline inserts the same rows into a table that also has the unique (stream, version)
 * index every event store needs for per-stream reads and optimistic concurrency: the ratio against
 * it shows what the ledger costs beyond being an event store at all.
 * With BENCH_DATABASE_URL set, the same comparison runs on PostgreSQL too.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { initDataDir } from '../src/store/datadir.js';
import { openStore } from '../src/store/store.js';
import type { Store } from '../src/store/types.js';
import { WRITERS, payloadOf } from './append-events.js';
import { measureFloor } from './append-floor.js';
import { fmt, median, type BenchResult } from './stats.js';

/** 64 writers, each appending to a stream of its own, one event per append; returns events/s. */
export async function ledgerRun(store: Store, total: number): Promise<number> {
  const perWriter = Math.ceil(total / WRITERS);
  const start = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      const stream = `bench/${writer}-${Math.random().toString(36).slice(2)}`;
      for (let n = 0; n < perWriter; n++) {
        await store.append({
          stream,
          expectedVersion: n,
          actor: 'acct_bench',
          events: [{ type: 'bench-event', payload: payloadOf(writer, n) }],
        });
      }
    }),
  );
  return (perWriter * WRITERS) / ((performance.now() - start) / 1000);
}

/** `total` rows into `table`, 64 per transaction in one multi-row INSERT; returns rows/s. */
export async function plainRun(store: Store, total: number, table: string, run = 0): Promise<number> {
  const rows = Array.from({ length: total }, (_, i) => ({
    // One stream per writer, as in the ledger run; each run adds its own streams.
    stream: `bench/${run}-${i % WRITERS}`,
    version: Math.floor(i / WRITERS),
    type: 'bench-event',
    payload: JSON.stringify(payloadOf(i % WRITERS, i)),
  }));
  const start = performance.now();
  for (let i = 0; i < rows.length; i += WRITERS) {
    const batch = rows.slice(i, i + WRITERS);
    await store.db.transaction().execute(async (trx) => {
      await sql`insert into ${sql.table(table)} (stream, version, type, payload) values ${sql.join(
        batch.map((r) => sql`(${r.stream}, ${r.version}, ${r.type}, ${r.payload})`),
      )}`.execute(trx);
    });
  }
  return total / ((performance.now() - start) / 1000);
}

async function compare(label: string, databaseUrl: string | undefined, total: number, runs: number) {
  const dataDir = await mkdtemp(join(tmpdir(), 'habeas-bench-'));
  await initDataDir(dataDir, { origin: 'bench.habeas/log' });
  const pgSchema = databaseUrl ? `bench_${process.pid}_${Date.now()}` : undefined;
  const store = await openStore({ dataDir, ...(databaseUrl ? { databaseUrl, pgSchema } : {}) });
  const table = 'bench_plain';
  const indexed = 'bench_indexed';
  for (const name of [table, indexed]) {
    await sql`create table ${sql.table(name)} (id ${sql.raw(databaseUrl ? 'bigserial' : 'integer')} primary key, stream text not null, version integer not null, type text not null, payload text not null)`.execute(
      store.db,
    );
  }
  await sql`create unique index bench_indexed_stream_version on ${sql.table(indexed)} (stream, version)`.execute(
    store.db,
  );
  const ledger: number[] = [];
  const plain: number[] = [];
  const plainIndexed: number[] = [];
  try {
    await ledgerRun(store, 2 * WRITERS); // warm-up
    for (let i = 0; i < runs; i++) {
      plain.push(await plainRun(store, total, table));
      plainIndexed.push(await plainRun(store, total, indexed, i));
      ledger.push(await ledgerRun(store, total));
    }
  } finally {
    await store.close();
    if (databaseUrl) {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`drop schema if exists ${pgSchema} cascade`);
      await client.end();
    }
    await rm(dataDir, { recursive: true, force: true });
  }
  const ratio = median(ledger) / median(plain);
  const ratioIndexed = median(ledger) / median(plainIndexed);
  return {
    ratio,
    plain: median(plain),
    line:
      `${label}: ${fmt(total)} events × ${runs} runs, medians. Plain batched inserts (64 rows/transaction): ${fmt(median(plain))} rows/s; ` +
      `the same with a unique (stream, version) index: ${fmt(median(plainIndexed))} rows/s; ledger appends, ${WRITERS} concurrent writers: ${fmt(median(ledger))} events/s → ` +
      `ratio ${fmt(ratio, 2)} against plain inserts, ${fmt(ratioIndexed, 2)} against indexed inserts`,
  };
}

export async function benchAppend(total = 20_000, runs = 3): Promise<BenchResult> {
  const sqlite = await compare('SQLite (WAL, synchronous=FULL)', undefined, total, runs);
  // The SQL of a ledger commit alone, its parameters made beforehand: the ratio a ledger whose
  // JavaScript cost nothing would reach (bench/append-floor.ts).
  const floor = (await measureFloor(300, 5)).medians;
  const lines = [
    sqlite.line,
    `SQLite floor, the same SQL with no JavaScript at all (bench/append-floor.ts; 300 batches × 5 runs, interleaved, medians, better-sqlite3 without Kysely): ` +
      `plain batched inserts ${fmt(floor.plain)} rows/s; the statements of a 64-event ledger commit ${fmt(floor.ledger)} events/s → ` +
      `${fmt(floor.ledger / floor.plain, 2)}× (the ledger itself: ${fmt(sqlite.ratio, 2)}×); ` +
      `a layout with entry and payload in one row would have ${fmt(floor['one-row'] / floor.plain, 2)}×`,
    `SQLite ceiling, the same SQL with the ledger's own unavoidable work done in the loop (RFC 8785 text, salt, digest, leaf hash, tree; bench/append-floor.ts, same runs): ` +
      `today's tables ${fmt(floor['ledger+hashing'])} events/s → ${fmt(floor['ledger+hashing'] / floor.plain, 2)}× of plain, ` +
      `one-row layout ${fmt(floor['one-row+hashing'])} events/s → ${fmt(floor['one-row+hashing'] / floor.plain, 2)}×; ` +
      `against this run's plain inserts through Kysely: ${fmt(floor['ledger+hashing'] / sqlite.plain, 2)}× and ${fmt(floor['one-row+hashing'] / sqlite.plain, 2)}×`,
  ];
  const pgUrl = process.env.BENCH_DATABASE_URL;
  if (pgUrl) lines.push((await compare('PostgreSQL', pgUrl, Math.floor(total / 2), runs)).line);
  return {
    name: 'Ledger appends vs plain batched inserts',
    lines,
    target: `SQLite ledger ≥ 0.5× plain batched inserts (${fmt(sqlite.ratio, 2)}×)`,
    met: sqlite.ratio >= 0.5,
  };
}
