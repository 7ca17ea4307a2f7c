/**
 * The sequencer: one per database, serialising appends with group commit (DESIGN.md "Storage").
 *
 * Concurrent appends queue; each turn takes everything queued (up to a bounded batch) into ONE
 * transaction that locks the log head, checks each request's expected stream version, assigns seq
 * and time, inserts entries and payloads with multi-row statements, applies the projections,
 * integrates the new leaves into the tiles and moves the head — then commits and only then answers
 * every request. Throughput grows with load while every acknowledged entry is durable.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CompiledQuery, type Kysely } from 'kysely';
import type { Entry } from '../ledger/entry.js';
import { entryLeafHash } from '../ledger/entry.js';
import { equalBytes } from '../ledger/hash.js';
import { integrate, type IntegrateResult, type RightEdge, type TileCache } from '../ledger/tiles.js';
import type { Database } from './database.js';
import type { EngineAdapter, Head } from './dialect.js';
import { headMoved, StoreIntegrityError, type IntegrityProblem } from './head-check.js';
import { ERASURE_STREAM, ERASURE_TYPE } from '../ledger/erasure.js';
import type { PreparedAppend } from './prepare.js';
import { insertRows } from './bulk.js';
import type { EntryRow, PayloadRow } from './schema/ledger.js';
import { tileReader, upsertTiles } from './tile-store.js';
import {
  AlreadyErasedError,
  EntryNotFoundError,
  InvalidAppendError,
  StoreBusyError,
  VersionConflictError,
  type AppendResult,
  type Projection,
  type ProjectionContext,
  type StoreStats,
  type StoredEvent,
} from './types.js';

/** What the store logs through (pino's signature); never given payloads or personal data. */
export interface StoreLogger {
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export interface SequencerOptions {
  adapter: EngineAdapter;
  projections: readonly Projection[];
  clock: () => Date;
  /** The store's cache of full tiles; offered only tiles whose transaction committed. */
  tileCache: TileCache;
  logger: StoreLogger;
  /** Events per transaction at most (a single larger request still goes, alone). */
  maxBatchEvents: number;
  /** Requests waiting at most; beyond, StoreBusyError (push back: HTTP 503 with Retry-After). */
  maxQueue: number;
  /**
   * Milliseconds a transaction may wait, after its first append, for appends that are still arriving
   * (see gather). 0: take what the first turn brought.
   */
  gatherMs: number;
  /** Called after each commit that grew the tree (arms the checkpoint timer). */
  onGrow: (head: Head) => void;
  /**
   * The head's HMAC under the data directory's integrity key (src/store/integrity-key.ts): checked
   * before a batch builds on the head, and written with the new one in the same transaction.
   */
  headMac: {
    matches(head: Head): boolean;
    of(size: number, root: Uint8Array): string;
  };
  /** Given to every projection with each event (the row tagger). */
  projectionContext: ProjectionContext;
  /** Called when the head was moved without the key: every append is refused from then on. */
  onIntegrityFailure: (problem: IntegrityProblem) => void;
  /** The store's alarm: once the log's integrity was found broken, nothing more is appended. */
  halted: () => IntegrityProblem | undefined;
}

interface AppendJob {
  kind: 'append';
  append: PreparedAppend;
  resolve: (result: AppendResult) => void;
  reject: (error: Error) => void;
}

interface ExclusiveJob {
  kind: 'exclusive';
  run: (trx: Kysely<Database>, head: Head) => Promise<unknown>;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

type Job = AppendJob | ExclusiveJob;

/**
 * The committed right edge of the tree, kept between batches so a batch need not read it back:
 * valid only while the head under the lock is still this size and root (another process may append).
 */
interface Edge {
  size: number;
  root: Uint8Array;
  /** `at` of the last entry: no entry may be earlier. '' for the empty log. */
  lastAt: string;
  /** The tree's right edge as the last integrate left it (undefined: read it from the tiles). */
  tree: RightEdge | undefined;
  /** Recently appended streams as committed (saves reading them back each batch). */
  versions: Map<string, StreamHead>;
}

/** Where a stream stands: its version (entry count) and the seq of its last entry (-1: none). */
interface StreamHead {
  version: number;
  last: number;
}

/** Stream versions kept in the edge; the least recently appended are forgotten first. */
const KNOWN_STREAMS = 50_000;
/**
 * Forgotten this many at a time. A Map keeps deleted entries until it rehashes, and iteration walks
 * them: trimming to the limit after every batch walked the holes of every earlier trim each time (2%
 * of the server's time under arrest load, each arrest a new stream; bench/RESULTS.md sixth session).
 */
const FORGET_AT_ONCE = 4_096;

interface BatchOutcome {
  results: (AppendResult | Error)[];
  /** The new edge, adopted only after COMMIT. */
  edge: Edge;
  /** Every stream of the batch as committed, for the edge (after COMMIT). */
  versions: Map<string, StreamHead>;
  fullTiles: IntegrateResult['tiles'];
  grew: boolean;
}

/** Rows per multi-row INSERT: at most 8 parameters each stays far below SQLite's and PostgreSQL's limits. */
const ROWS_PER_STATEMENT = 1000;
const ENTRY_COLUMNS = ['seq', 'at', 'stream', 'version', 'type', 'actor', 'digest', 'prev'] as const;
const STREAM_COLUMNS = ['name', 'version', 'last_seq'] as const;
const PAYLOAD_COLUMNS = ['seq', 'payload', 'salt', 'erased'] as const;

export class Sequencer {
  private readonly queue: Job[] = [];
  private running = false;
  private closed = false;
  private edge: Edge | undefined;
  private idleWaiters: (() => void)[] = [];
  /** Appends the last transaction took: more than one says callers are arriving together (gather). */
  private lastBatchSize = 0;
  private readonly counters: StoreStats = {
    transactions: 0,
    appends: 0,
    events: 0,
    conflicts: 0,
    retriedBatches: 0,
    largestBatch: 0,
  };

  constructor(private readonly options: SequencerOptions) {}

  stats(): StoreStats {
    return { ...this.counters };
  }

  /** Queues an append; resolves after its transaction committed. */
  submit(append: PreparedAppend): Promise<AppendResult> {
    return new Promise((resolve, reject) => this.enqueue({ kind: 'append', append, resolve, reject }));
  }

  /**
   * Runs `run` alone in a write transaction holding the log head, between batches (rebuild):
   * no append, from this process or another, interleaves with it.
   */
  exclusive<T>(run: (trx: Kysely<Database>, head: Head) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) =>
      this.enqueue({ kind: 'exclusive', run, resolve: resolve as (result: unknown) => void, reject }),
    );
  }

  /** Refuses new work, and resolves once everything queued has been committed or refused. */
  async close(): Promise<void> {
    this.closed = true;
    if (!this.running && this.queue.length === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private enqueue(job: Job): void {
    if (this.closed) return job.reject(new StoreBusyError('the store is closing; retry shortly'));
    if (this.queue.length >= this.options.maxQueue) return job.reject(new StoreBusyError());
    this.queue.push(job);
    if (!this.running) void this.run();
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      for (;;) {
        // Yield one turn first: the callers whose appends just resolved (and any that arrived with
        // them) queue their next request, so the next transaction carries all of them.
        await nextTurn();
        await this.gather();
        const first = this.queue[0];
        if (first === undefined) break;
        if (first.kind === 'exclusive') {
          this.queue.shift();
          await this.runExclusive(first);
        } else {
          const batch = this.takeBatch();
          this.lastBatchSize = batch.length;
          await this.commit(batch);
        }
      }
    } finally {
      this.running = false;
      for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  /**
   * While the last event-loop turn queued more appends, waits one more turn, up to gatherMs in all
   * and until a batch would be full. A server's requests reach their append over several turns (the
   * body arrives, the caller is authenticated, the records read); a transaction started as soon as
   * the first of them queued cuts the rest off into the next one, and holds the event loop — and so
   * the others' reads and parsing — while it writes. Waiting while they still come makes fewer,
   * larger transactions (fewer commits per append); once a turn brings nothing new, or the time is
   * up, the batch goes, so a steady trickle cannot hold a commit back for long.
   *
   * An append that comes alone after a transaction that took one alone does not wait at all: when
   * nothing suggests company, the extra turn is only latency (+74 µs a lone append, measured).
   */
  private async gather(): Promise<void> {
    const { gatherMs, maxBatchEvents } = this.options;
    if (gatherMs <= 0 || (this.queue.length <= 1 && this.lastBatchSize <= 1)) return;
    const deadline = performance.now() + gatherMs;
    for (let seen = this.queue.length; seen > 0 && seen < maxBatchEvents && !this.closed;) {
      await nextTurn();
      if (this.queue.length === seen || performance.now() >= deadline) return;
      seen = this.queue.length;
    }
  }

  /**
   * The appends at the head of the queue, up to maxBatchEvents (at least one), up to an exclusive
   * job, and up to a second append with a guard key already in the batch: a guard's check must see
   * the appends of its key before it committed (AppendGuard).
   */
  private takeBatch(): AppendJob[] {
    let count = 0;
    let events = 0;
    const guarded = new Set<string>();
    for (let job = this.queue[0]; job?.kind === 'append'; job = this.queue[++count]) {
      if (count > 0 && events + job.append.events.length > this.options.maxBatchEvents) break;
      const key = job.append.guard?.key;
      if (key !== undefined) {
        if (guarded.has(key)) break;
        guarded.add(key);
      }
      events += job.append.events.length;
    }
    return this.queue.splice(0, count) as AppendJob[];
  }

  private async runExclusive(job: ExclusiveJob): Promise<void> {
    try {
      job.resolve(
        await this.options.adapter.writeTransaction((trx, head) => job.run(trx, this.requireHead(head))),
      );
    } catch (error) {
      job.reject(asError(error));
    }
  }

  /**
   * Commits a batch; if the transaction fails for any reason other than the refusals it answers
   * itself (conflicts, unknown seq), retries each request in its own transaction, so that one bad
   * request (a projection constraint, say) cannot sink the others.
   */
  private async commit(batch: AppendJob[]): Promise<void> {
    let outcome: BatchOutcome;
    try {
      outcome = await this.options.adapter.writeTransaction((trx, head) =>
        this.writeBatch(trx, this.requireHead(head), batch),
      );
    } catch (error) {
      if (batch.length === 1 || error instanceof StoreIntegrityError) {
        for (const job of batch) job.reject(asError(error));
        return;
      }
      this.counters.retriedBatches++;
      this.options.logger.warn(
        { requests: batch.length, error: asError(error).message },
        'append batch failed; retrying its requests one per transaction',
      );
      for (const job of batch) await this.commit([job]);
      return;
    }
    this.adopt(outcome, batch);
  }

  /** After COMMIT: keep the new edge, cache the full tiles, answer every request. */
  private adopt(outcome: BatchOutcome, batch: AppendJob[]): void {
    this.edge = outcome.edge;
    remember(outcome.edge.versions, outcome.versions);
    for (const tile of outcome.fullTiles)
      this.options.tileCache.remember(tile.id, tile.hashes, tile.interior);
    const c = this.counters;
    c.transactions++;
    c.largestBatch = Math.max(c.largestBatch, batch.length);
    outcome.results.forEach((result, i) => {
      const job = batch[i] as AppendJob;
      if (result instanceof Error) {
        if (result instanceof VersionConflictError) c.conflicts++;
        job.reject(result);
      } else {
        c.appends++;
        c.events += result.entries.length;
        job.resolve(result);
      }
    });
    if (outcome.grew) this.options.onGrow({ size: outcome.edge.size, root: outcome.edge.root });
  }

  private requireHead(head: Head | undefined): Head {
    if (head === undefined)
      throw new Error('the log head (log_state) is missing: the database was not opened by openStore');
    return head;
  }

  private async writeBatch(trx: Kysely<Database>, head: Head, batch: AppendJob[]): Promise<BatchOutcome> {
    const halted = this.options.halted();
    if (halted !== undefined)
      throw new StoreIntegrityError({
        ...halted,
        message: `appends are stopped until the operator restores the log: ${halted.message}`,
      });
    // Nothing is built on a head that this server's key did not move (issue 17: the database alone
    // must not be able to add, remove or rewrite entries).
    if (!this.options.headMac.matches(head)) {
      const problem = headMoved(head.size);
      this.options.onIntegrityFailure(problem);
      throw new StoreIntegrityError({ ...problem, message: `${problem.message}; appends are stopped` });
    }
    // Another process may have appended since our last batch: then our edge is stale; re-read it.
    const known = this.edge;
    const edge: Edge =
      known && known.size === head.size && equalBytes(known.root, head.root)
        ? known
        : {
            size: head.size,
            root: head.root,
            lastAt: await lastEntryAt(trx, head.size),
            tree: undefined,
            versions: new Map(),
          };

    const versions = await streamHeads(trx, batch, edge.versions);
    const started = new Set<string>(); // streams this batch begins
    const moved = new Set<string>(); // streams this batch adds to
    const erasable = await erasableSeqs(trx, batch);

    // Server time, ISO 8601 UTC with milliseconds; never earlier than the entry before (a clock
    // stepping back must not make the log look back-dated).
    const now = this.options.clock().toISOString();
    const at = now > edge.lastAt ? now : edge.lastAt;

    const results: (AppendResult | Error)[] = [];
    const entryRows: EntryRow[] = [];
    const payloadRows: PayloadRow[] = [];
    const leaves: Uint8Array[] = [];
    const applied: StoredEvent[] = [];
    const erasures: number[] = [];
    let seq = head.size;
    for (const { append } of batch) {
      const streamHead = versions.get(append.stream) ?? NEW_STREAM;
      const current = streamHead.version;
      if (append.expectedVersion !== 'any' && append.expectedVersion !== current) {
        results.push(new VersionConflictError(append.stream, append.expectedVersion, current));
        continue;
      }
      // Before the erasure is counted: a refused append must leave nothing behind.
      if (append.guard !== undefined) {
        const refusal = await append.guard.check(trx);
        if (refusal) {
          results.push(refusal);
          continue;
        }
      }
      if (append.erases !== undefined) {
        const refusal = erasable(append.erases, head.size);
        if (refusal) {
          results.push(refusal);
          continue;
        }
        erasures.push(append.erases);
      }
      const entries: Entry[] = [];
      let prev = streamHead.last;
      append.events.forEach((event, i) => {
        const entry: Entry = {
          seq: seq + i,
          at,
          stream: append.stream,
          version: current + i,
          type: event.type,
          actor: append.actor,
          digest: event.digest,
        };
        entries.push(entry);
        entryRows.push({ ...entry, prev: prev < 0 ? null : prev });
        prev = entry.seq;
        payloadRows.push({ seq: entry.seq, payload: event.payloadText, salt: event.salt, erased: 0 });
        leaves.push(entryLeafHash(entry));
        applied.push({ entry, payload: event.payload, erased: false });
      });
      seq += entries.length;
      (current === 0 ? started : moved).add(append.stream);
      versions.set(append.stream, { version: current + entries.length, last: prev });
      results.push({ stream: append.stream, version: current + entries.length, entries });
    }
    if (entryRows.length === 0) return { results, edge, versions, fullTiles: [], grew: false };

    const { parameterMark } = this.options.adapter;
    for (let i = 0; i < entryRows.length; i += ROWS_PER_STATEMENT) {
      const entries = entryRows.slice(i, i + ROWS_PER_STATEMENT);
      const payloads = payloadRows.slice(i, i + ROWS_PER_STATEMENT);
      await insertRows(
        trx,
        parameterMark,
        'entries',
        ENTRY_COLUMNS,
        entries.map((e) => ENTRY_COLUMNS.map((c) => e[c])),
      );
      await insertRows(
        trx,
        parameterMark,
        'payloads',
        PAYLOAD_COLUMNS,
        payloads.map((p) => PAYLOAD_COLUMNS.map((c) => p[c])),
      );
    }
    await writeStreams(trx, parameterMark, versions, started, moved);
    if (erasures.length > 0) {
      await trx
        .updateTable('payloads')
        .set({ payload: null, salt: null, erased: 1 })
        .where('seq', 'in', erasures)
        .execute();
    }
    for (const event of applied) {
      for (const projection of this.options.projections)
        await projection.apply(trx, event, this.options.projectionContext);
    }

    const integrated = await integrate(head.size, leaves, tileReader(trx), edge.tree);
    await upsertTiles(trx, parameterMark, integrated.tiles);
    await trx.executeQuery(
      CompiledQuery.raw(
        `update log_state set size = ${parameterMark(0)}, root = ${parameterMark(1)}, mac = ${parameterMark(2)} where id = 1`,
        [integrated.size, integrated.root, this.options.headMac.of(integrated.size, integrated.root)],
      ),
    );

    return {
      results,
      edge: {
        size: integrated.size,
        root: integrated.root,
        lastAt: at,
        tree: integrated.edge,
        versions: edge.versions,
      },
      versions,
      fullTiles: integrated.tiles.filter((t) => t.hashes.length === 256),
      grew: true,
    };
  }
}

const NEW_STREAM: StreamHead = { version: 0, last: -1 };

/**
 * Records where each stream of the batch now stands. A stream that began in this batch is a plain
 * INSERT, so its unique name refuses a second beginning; the others are updated in one statement
 * (an upsert on the name, which every stream here already has), touching only their `streams` rows.
 */
async function writeStreams(
  trx: Kysely<Database>,
  parameterMark: (index: number) => string,
  heads: Map<string, StreamHead>,
  started: Set<string>,
  moved: Set<string>,
): Promise<void> {
  const row = (name: string) => {
    const head = heads.get(name) as StreamHead;
    return [name, head.version, head.last];
  };
  const begun = [...started].map(row);
  const grown = [...moved].filter((name) => !started.has(name)).map(row);
  for (let i = 0; i < begun.length; i += ROWS_PER_STATEMENT) {
    await insertRows(trx, parameterMark, 'streams', STREAM_COLUMNS, begun.slice(i, i + ROWS_PER_STATEMENT));
  }
  for (let i = 0; i < grown.length; i += ROWS_PER_STATEMENT) {
    await insertRows(
      trx,
      parameterMark,
      'streams',
      STREAM_COLUMNS,
      grown.slice(i, i + ROWS_PER_STATEMENT),
      'on conflict (name) do update set version = excluded.version, last_seq = excluded.last_seq',
    );
  }
}

async function lastEntryAt(trx: Kysely<Database>, size: number): Promise<string> {
  if (size === 0) return '';
  const row = await trx
    .selectFrom('entries')
    .select('at')
    .where('seq', '=', size - 1)
    .executeTakeFirst();
  return row?.at ?? '';
}

/**
 * Where each stream of the batch stands: from the edge when this process appended to it last (the
 * head is unchanged, so nobody else has), else from the `streams` table.
 */
async function streamHeads(
  trx: Kysely<Database>,
  batch: AppendJob[],
  known: Map<string, StreamHead>,
): Promise<Map<string, StreamHead>> {
  const heads = new Map<string, StreamHead>();
  const unknown: string[] = [];
  for (const { append } of batch) {
    if (heads.has(append.stream)) continue;
    const head = known.get(append.stream);
    if (head === undefined) unknown.push(append.stream);
    heads.set(append.stream, head ?? NEW_STREAM);
  }
  for (let i = 0; i < unknown.length; i += ROWS_PER_STATEMENT) {
    const rows = await trx
      .selectFrom('streams')
      .select(['name', 'version', 'last_seq'])
      .where('name', 'in', unknown.slice(i, i + ROWS_PER_STATEMENT))
      .execute();
    for (const row of rows) heads.set(row.name, { version: row.version, last: row.last_seq });
  }
  return heads;
}

/** Records a committed batch's stream versions in the edge, most recent last, forgetting the oldest. */
function remember(known: Map<string, StreamHead>, batch: Map<string, StreamHead>): void {
  for (const [stream, head] of batch) {
    if (head.last < 0) continue;
    known.delete(stream);
    known.set(stream, head);
  }
  if (known.size <= KNOWN_STREAMS + FORGET_AT_ONCE) return;
  for (const stream of known.keys()) {
    if (known.size <= KNOWN_STREAMS) break;
    known.delete(stream);
  }
}

/** Which erasures in the batch may proceed: a refusal for an unknown or already erased seq. */
async function erasableSeqs(
  trx: Kysely<Database>,
  batch: AppendJob[],
): Promise<(seq: number, size: number) => Error | undefined> {
  const seqs = batch.flatMap((job) => (job.append.erases === undefined ? [] : [job.append.erases]));
  const erased = new Map<number, boolean>();
  const records = new Set<number>();
  if (seqs.length > 0) {
    const rows = await trx
      .selectFrom('payloads')
      .innerJoin('entries', 'entries.seq', 'payloads.seq')
      .select(['payloads.seq', 'payloads.erased', 'entries.stream', 'entries.type'])
      .where('payloads.seq', 'in', seqs)
      .execute();
    for (const row of rows) {
      erased.set(row.seq, row.erased !== 0);
      if (row.type === ERASURE_TYPE && ERASURE_STREAM.test(row.stream)) records.add(row.seq);
    }
  }
  return (seq, size) => {
    const wasErased = erased.get(seq);
    if (seq >= size || wasErased === undefined) return new EntryNotFoundError(seq);
    // Who erased what and why stays readable: verify fails on an erasure record without its payload.
    if (records.has(seq))
      return new InvalidAppendError(`entry ${seq} is the record of an erasure, which is never erased`);
    if (wasErased) return new AlreadyErasedError(seq);
    erased.set(seq, true); // a second erasure of it in the same batch finds it erased
    return undefined;
  };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
