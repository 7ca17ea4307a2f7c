/**
 * The SQLite floor of a ledger append batch: what issue 2's append ratio could reach if the ledger's
 * JavaScript cost nothing. Every statement a 64-event ledger commit runs is executed on one
 * better-sqlite3 connection with its parameters made beforehand (salts, digests, tiles), so only
 * SQLite is timed, against the plain batched inserts of bench/append.ts in the same file:
 *
 * - `plain`: 64 rows (stream, version, type, payload) in one multi-row INSERT per transaction;
 * - `ledger`: today's tables (migrations 0001 and 0007): entries with the unique `prev` index,
 *   payloads beside them, the 64 streams' rows upserted, the right-edge tile rewritten whole, the
 *   log head updated;
 * - `one-row`: a hypothetical layout with fewer bytes per event: entry and payload in one row, time
 *   as an integer, the stream by its numeric id, no `prev` index, the batch's new leaf hashes as a
 *   row of their own instead of the whole tile rewritten;
 * - `ledger+hashing` and `one-row+hashing`: the same statements, but each batch's parameters made
 *   inside the timed loop by the ledger's own functions — the payload's RFC 8785 text, its salt and
 *   digest, the time, each entry's leaf hash, the tree's new tiles and root (`integrate`, given the
 *   right edge it returned last). No Kysely, no promises per append, no queue: what a single-threaded
 *   ledger of that layout could reach at best on this machine, its unavoidable work included.
 *
 * `npm run bench -- append` reports it beside its target. Alone:
 *   node --import tsx bench/append-floor.ts [batches=300] [rounds=5]
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { canonicalString } from '../src/ledger/canonical.js';
import { SALT_SIZE, entryLeafHash, payloadDigestOfText } from '../src/ledger/entry.js';
import { integrate, type RightEdge, type TileReader } from '../src/ledger/tiles.js';
import { randomFromBlock } from '../src/store/random.js';
import { WRITERS, payloadOf } from './append-events.js';
import { fmt, median } from './stats.js';

const TILE_WIDTH = 256;

/** Parameters made before the clock starts: SQLite alone is timed. */
type SqlOnly = 'plain' | 'ledger' | 'one-row';
/** Parameters made in the timed loop by the ledger's own functions. */
type Hashing = 'ledger+hashing' | 'one-row+hashing';
type Layout = SqlOnly | Hashing;
const LAYOUTS: Layout[] = ['plain', 'ledger', 'one-row', 'ledger+hashing', 'one-row+hashing'];
const isHashing = (layout: Layout): layout is Hashing => layout.endsWith('+hashing');

const SCHEMA = `
create table plain (id integer primary key, stream text not null, version integer not null, type text not null, payload text not null);
create table entries (seq integer primary key, at text not null, stream text not null, version integer not null, type text not null, actor text not null, digest text not null, prev integer);
create unique index entries_prev on entries (prev);
create table payloads (seq integer primary key, payload text, salt blob, erased integer not null default 0);
create table streams (id integer primary key, name text not null unique, version integer not null, last_seq integer not null);
create table tiles (level integer not null, idx integer not null, hashes blob not null, primary key (level, idx));
create table log_state (id integer primary key, size integer not null, root blob not null);
insert into log_state values (1, 0, x'00');
create table one_row (seq integer primary key, at integer not null, stream integer not null, version integer not null, type text not null, actor text not null, salt blob, payload text, digest blob, prev integer);
create table one_row_streams (id integer primary key, name text not null unique, version integer not null, last_seq integer not null);
create table tile_parts (level integer not null, idx integer not null, at integer not null, hashes blob not null, primary key (level, idx, at));
`;

const tuples = (columns: number) =>
  Array.from({ length: WRITERS }, () => `(${Array.from({ length: columns }, () => '?').join(', ')})`).join(
    ', ',
  );

export interface FloorRates {
  /** Rows or events per second: the median of the rounds, by layout. */
  medians: Record<Layout, number>;
}

/** Runs every layout `rounds` times, interleaved, in one fresh file; `batches` transactions each. */
export async function measureFloor(batches: number, rounds: number): Promise<FloorRates> {
  const dir = mkdtempSync(join(tmpdir(), 'habeas-floor-'));
  const db = new BetterSqlite3(join(dir, 'floor.sqlite'));
  // As openSqlite sets them for a new store.
  db.pragma('page_size = 1024');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(SCHEMA);
  const plain = db.prepare(`insert into plain (stream, version, type, payload) values ${tuples(4)}`);
  const entries = db.prepare(`insert into entries values ${tuples(8)}`);
  const payloads = db.prepare(`insert into payloads values ${tuples(4)}`);
  const streams = db.prepare(
    `insert into streams (name, version, last_seq) values ${tuples(3)} on conflict (name) do update set version = excluded.version, last_seq = excluded.last_seq`,
  );
  const streamsById = db.prepare(
    `insert into one_row_streams (id, name, version, last_seq) values ${tuples(4)} on conflict (id) do update set version = excluded.version, last_seq = excluded.last_seq`,
  );
  const tile = db.prepare(
    'insert into tiles values (?, ?, ?) on conflict (level, idx) do update set hashes = excluded.hashes',
  );
  const oneRow = db.prepare(`insert into one_row values ${tuples(10)}`);
  const tilePart = db.prepare('insert into tile_parts values (?, ?, ?, ?)');
  const head = db.prepare('update log_state set size = ?, root = ? where id = 1');
  const begin = db.prepare('begin immediate');
  const commit = db.prepare('commit');

  let seq = 0;
  let run = 0;
  /** One batch's parameters, made before the clock starts. */
  const prepare = (layout: SqlOnly, batch: number): unknown[][] => {
    const rows: unknown[][] = [[], [], []];
    const base = seq + batch * WRITERS;
    for (let w = 0; w < WRITERS; w++) {
      const s = base + w;
      const payload = JSON.stringify(payloadOf(w, batch));
      const name = `bench/${w}-${run}-c4snk48k9xs`;
      const prev = batch === 0 ? null : s - WRITERS;
      if (layout === 'plain') rows[0]?.push(`bench/${run}-${w}`, batch, 'bench-event', payload);
      else if (layout === 'ledger') {
        const digest = createHash('sha256').update(payload).digest('hex');
        rows[0]?.push(s, '2026-11-29T09:04:15.598Z', name, batch, 'bench-event', 'acct_bench', digest, prev);
        rows[1]?.push(s, payload, randomBytes(16), 0);
        rows[2]?.push(name, batch + 1, s);
      } else {
        rows[0]?.push(
          s,
          1_795_000_000_000 + s,
          run * WRITERS + w,
          batch,
          'bench-event',
          'acct_bench',
          randomBytes(16),
          payload,
          null,
          prev,
        );
        rows[1]?.push(run * WRITERS + w + 1, name, batch + 1, s);
      }
    }
    return rows;
  };
  // Stands in for tiles and roots: SQLite stores the bytes as they come, so any will do.
  const hashBytes = randomBytes(32 * TILE_WIDTH);
  const measure = (layout: SqlOnly): number => {
    const made = Array.from({ length: batches }, (_, b) => prepare(layout, b));
    const start = performance.now();
    for (const rows of made) {
      const size = seq + WRITERS;
      begin.run();
      if (layout === 'plain') plain.run(rows[0]);
      else if (layout === 'ledger') {
        entries.run(rows[0]);
        payloads.run(rows[1]);
        streams.run(rows[2]);
        const filled = size % TILE_WIDTH || TILE_WIDTH; // the right-edge tile, rewritten whole
        tile.run(0, Math.floor((size - 1) / TILE_WIDTH), hashBytes.subarray(0, 32 * filled));
        head.run(size, hashBytes.subarray(0, 32));
      } else {
        oneRow.run(rows[0]);
        streamsById.run(rows[1]);
        tilePart.run(0, Math.floor(seq / TILE_WIDTH), seq % TILE_WIDTH, hashBytes.subarray(0, 32 * WRITERS));
        head.run(size, hashBytes.subarray(0, 32));
      }
      commit.run();
      seq = size;
    }
    run++;
    return (batches * WRITERS) / ((performance.now() - start) / 1000);
  };

  // The hashing variants keep a tree of their own (its size is not the entries' seq, which every
  // layout advances); integrate is handed the right edge it returned, as the sequencer does.
  let treeSize = 0;
  let edge: RightEdge | undefined;
  const noTiles: TileReader = () => Promise.reject(new Error('the right edge is always known here'));
  const measureHashing = async (layout: Hashing): Promise<number> => {
    const events = Array.from({ length: batches }, (_, b) =>
      Array.from({ length: WRITERS }, (_, w) => payloadOf(w, b)),
    );
    const names = Array.from({ length: WRITERS }, (_, w) => `bench/${w}-${run}-c4snk48k9xs`);
    const start = performance.now();
    for (let batch = 0; batch < batches; batch++) {
      const at = new Date().toISOString();
      const rows: unknown[][] = [[], [], []];
      const leaves: Uint8Array[] = [];
      for (let w = 0; w < WRITERS; w++) {
        const s = seq + w;
        const name = names[w] as string;
        const text = canonicalString(events[batch]?.[w] ?? null);
        const salt = randomFromBlock(SALT_SIZE);
        const digest = payloadDigestOfText(salt, text);
        const prev = batch === 0 ? null : s - WRITERS;
        const entry = {
          seq: s,
          at,
          stream: name,
          version: batch,
          type: 'bench-event',
          actor: 'acct_bench',
          digest,
        };
        leaves.push(entryLeafHash(entry));
        if (layout === 'ledger+hashing') {
          rows[0]?.push(s, at, name, batch, 'bench-event', 'acct_bench', digest, prev);
          rows[1]?.push(s, text, salt, 0);
          rows[2]?.push(name, batch + 1, s);
        } else {
          const stream = run * WRITERS + w;
          rows[0]?.push(
            s,
            Date.parse(at),
            stream,
            batch,
            'bench-event',
            'acct_bench',
            salt,
            text,
            null, // as in `one-row`: derivable from salt and payload until an erasure
            prev,
          );
          rows[1]?.push(stream + 1, name, batch + 1, s);
        }
      }
      const tree = await integrate(treeSize, leaves, noTiles, edge);
      begin.run();
      if (layout === 'ledger+hashing') {
        entries.run(rows[0]);
        payloads.run(rows[1]);
        streams.run(rows[2]);
        for (const t of tree.tiles) tile.run(t.id.level, t.id.index, Buffer.concat(t.hashes));
      } else {
        oneRow.run(rows[0]);
        streamsById.run(rows[1]);
        // Keyed by seq as in `one-row` (its tile parts share the table).
        tilePart.run(0, Math.floor(seq / TILE_WIDTH), seq % TILE_WIDTH, Buffer.concat(leaves));
      }
      head.run(tree.size, tree.root);
      commit.run();
      seq += WRITERS;
      treeSize = tree.size;
      edge = tree.edge;
    }
    run++;
    return (batches * WRITERS) / ((performance.now() - start) / 1000);
  };

  const rates = Object.fromEntries(LAYOUTS.map((layout) => [layout, [] as number[]])) as Record<
    Layout,
    number[]
  >;
  for (let r = 0; r < rounds; r++) {
    for (const layout of LAYOUTS) {
      rates[layout].push(isHashing(layout) ? await measureHashing(layout) : measure(layout));
    }
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    medians: Object.fromEntries(LAYOUTS.map((layout) => [layout, median(rates[layout])])) as Record<
      Layout,
      number
    >,
  };
}

async function main(): Promise<void> {
  // `batches=300 rounds=5`, or the bare numbers in that order.
  const [batches = 300, rounds = 5] = process.argv.slice(2).map((arg) => {
    const value = Number(arg.slice(arg.indexOf('=') + 1));
    if (!Number.isSafeInteger(value) || value < 1)
      throw new Error(`${arg}: expected a positive whole number (batches=N rounds=N)`);
    return value;
  });
  const { medians } = await measureFloor(batches, rounds);
  console.log(
    `SQLite only, ${batches} batches of ${WRITERS} × ${rounds} rounds, medians (rows or events per second, ratio to plain):`,
  );
  for (const layout of LAYOUTS) {
    console.log(`- ${layout}: ${fmt(medians[layout])}/s → ${fmt(medians[layout] / medians.plain, 2)}×`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
