/**
 * The store: the one door to the log and its read models (DESIGN.md "Storage"). `openStore` reads
 * the data directory, opens the engine, migrates, binds the database to this log's key, recovers a
 * missing checkpoint after a crash, and wires the sequencer, the checkpointer and the readers.
 */
import { Migrator, sql, type Kysely } from 'kysely';
import type { Entry } from '../ledger/entry.js';
import { EMPTY_ROOT } from '../ledger/hash.js';
import { signerFromKey } from '../ledger/note.js';
import { consistencyProofFromTiles, inclusionProofFromTiles, TileCache, treeRoot } from '../ledger/tiles.js';
import type { Database } from './database.js';
import { readDataDir, recordStore, type DataDir } from './datadir.js';
import { openAdapter, type EngineAdapter } from './dialect.js';
import { readAnchor, noteSize } from './anchor.js';
import { Cosigner, withCosignatures, type WitnessEndpoint } from './cosigner.js';
import { ERASURE_TYPE, erasureStream } from '../ledger/erasure.js';
import { Checkpointer, latestCheckpoint } from './checkpoints.js';
import { StoreIntegrityError, type IntegrityProblem } from './head-check.js';
import { loadIntegrityKey, type IntegrityKey } from './integrity-key.js';
import { selectEntries, selectEvents, selectStream, type EventWithSalt } from './events.js';
import { migrationProvider } from './migrations/index.js';
import { prepareAppend } from './prepare.js';
import { checkReadModels, type ReadModelReport } from './read-model-check.js';
import { TAGGED_COLUMNS, type RowTagger, type TaggedTable } from './row-tags.js';
import { rebuildProjections } from './rebuild.js';
import { Sequencer, type StoreLogger } from './sequencer.js';
import { tileReader } from './tile-store.js';
import type {
  AppendRequest,
  AppendResult,
  Engine,
  Progress,
  Projection,
  Store,
  IntegrityStatus,
  StoreStats,
  WitnessReport,
  StoreVerifyReport,
  StoredEvent,
} from './types.js';
import { InvalidAppendError } from './types.js';
import { verifyLog } from './verify.js';

/**
 * Milliseconds the sequencer keeps gathering while appends are still arriving. Under 32 closed
 * loops of arrests, transactions grew from 18 to 30 appends and the server's CPU per arrest fell
 * from 570 to 481 µs (bench/RESULTS.md, seventh session). A lone append after a lone transaction
 * does not wait at all.
 */
const GATHER_MS = 4;

export interface StoreOptions {
  /** The data directory made by `initDataDir` (keys, and the SQLite file unless databaseUrl). */
  dataDir: string;
  /** `postgres://…` selects PostgreSQL; absent, SQLite at DIR/habeas.sqlite. */
  databaseUrl?: string;
  /** PostgreSQL schema to use (created if missing), so tests and tenants can isolate themselves. */
  pgSchema?: string;
  /** Read models kept in the append transaction. */
  projections?: Projection[];
  /** Server time for `at` (tests inject one); defaults to the system clock. */
  clock?: () => Date;
  /** A checkpoint follows the tree's growth within this delay (DESIGN.md: one second). */
  checkpointDelayMs?: number;
  logger?: StoreLogger;
  /** Requests that may wait for the sequencer before appends are refused with StoreBusyError. */
  maxQueue?: number;
  /** Events per append transaction at most. */
  maxBatchEvents?: number;
  /** How long a transaction may wait for appends that are still arriving (Sequencer; 0: never). */
  gatherMs?: number;
  /**
   * Full tiles kept in memory for proofs, each about 16 KiB with its interior nodes; the default
   * (4096, 64 MiB) holds every leaf tile of a log of a million entries.
   */
  tileCacheSize?: number;
  /**
   * False opens the store to inspect it (`habeas verify --data`): nothing is signed, and a broken
   * integrity is left for verify to report instead of refusing to open. Default true.
   */
  signing?: boolean;
  /** Told (once) when the log's integrity is found broken; the store then refuses appends. */
  onIntegrityFailure?: (problem: IntegrityProblem) => void;
  /** Witnesses asked to cosign every checkpoint (C2SP tlog-witness); none by default. */
  witnesses?: readonly WitnessEndpoint[];
  /** How many of them must have cosigned a checkpoint for it to be published (default: all). */
  witnessQuorum?: number;
  /** Milliseconds a witness may take to answer (default 5000). */
  witnessTimeoutMs?: number;
}

/** The database belongs to another log than the data directory's: refuse rather than mix two logs. */
export class StoreIdentityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreIdentityError';
  }
}

const silentLogger: StoreLogger = { warn: () => undefined, error: () => undefined };

export async function openStore(options: StoreOptions): Promise<Store> {
  const dataDir = await readDataDir(options.dataDir);
  const signer = signerFromKey(dataDir.signerKey);
  if (signer.verifierKey !== dataDir.verifierKey) {
    throw new StoreIdentityError(
      `${options.dataDir}: log.key and log.vkey are not one key pair; restore the pair written by habeas init`,
    );
  }
  const signing = options.signing ?? true;
  // Made only for a directory that never anchored a checkpoint: once one is anchored, the head it
  // signed was bound by the key, and a missing key is a damaged directory, not a new one.
  const anchored = (await readAnchor(options.dataDir)) !== undefined;
  const { key } = await loadIntegrityKey(options.dataDir, { create: !anchored });
  // Before anything is opened or created: a directory whose log lives in PostgreSQL must not
  // start an empty SQLite log under the same key, nor the other way round (a fork).
  const engine = options.databaseUrl ? 'postgres' : 'sqlite';
  if (dataDir.store && dataDir.store.engine !== engine)
    throw new StoreIdentityError(
      dataDir.store.engine === 'postgres'
        ? `${options.dataDir} belongs to a log in PostgreSQL (${dataDir.store.location}): set DATABASE_URL to that database; refusing to start an empty SQLite log under the same key`
        : `${options.dataDir} belongs to a log in its SQLite file (habeas.sqlite): unset DATABASE_URL; refusing to start an empty PostgreSQL log under the same key`,
    );
  const adapter = await openAdapter(options);
  try {
    if (dataDir.store && dataDir.store.location !== adapter.location)
      throw new StoreIdentityError(
        `${options.dataDir} belongs to the log in PostgreSQL database and schema ${dataDir.store.location}, not ${adapter.location}: check DATABASE_URL`,
      );
    await migrate(adapter);
    await bindToLog(adapter.db, dataDir, options);
    if (signing) await bindHead(adapter.db, dataDir.origin, key, anchored);
    // Rows written before the tags existed get theirs once, before anything was anchored; after
    // that, a row without its tag is one the server did not write.
    if (signing && !anchored) await bindRowTags(adapter.db, key);
    const store = new LedgerStore(adapter, dataDir, signer, key, {
      ...(dataDir.witnesses.length > 0 && options.witnesses === undefined
        ? { witnesses: dataDir.witnesses, witnessQuorum: dataDir.witnessQuorum }
        : {}),
      ...options,
    });
    if (signing) {
      // Refuse to serve a log that does not extend what it signed (rolled back, restored from an
      // older copy, rewritten); then, after a crash, sign what grew past the newest checkpoint.
      await store.checkpointer.checkHead();
      await store.checkpointer.signIfGrown();
      if (!dataDir.store) await recordStore(options.dataDir, { engine, location: adapter.location });
    }
    return store;
  } catch (error) {
    await adapter.close();
    throw error;
  }
}

async function migrate(adapter: EngineAdapter): Promise<void> {
  const { error, results } = await new Migrator({
    db: adapter.db,
    provider: migrationProvider,
    ...(adapter.migrationSchema !== undefined ? { migrationTableSchema: adapter.migrationSchema } : {}),
  }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `migrating the database failed at ${failed}: ${(error as Error).message ?? String(error)}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * Records the log's origin and verifier key in a new database, and refuses a database that already
 * belongs to another log: its entries were signed by another key, so mixing them would break every
 * checkpoint. Also creates the log head row the sequencer locks.
 */
async function bindToLog(db: Kysely<Database>, dataDir: DataDir, options: StoreOptions): Promise<void> {
  await db
    .insertInto('meta')
    .values([
      { key: 'origin', value: dataDir.origin },
      { key: 'verifier-key', value: dataDir.verifierKey },
    ])
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const meta = new Map(
    (await db.selectFrom('meta').select(['key', 'value']).execute()).map((row) => [row.key, row.value]),
  );
  if (meta.get('origin') !== dataDir.origin || meta.get('verifier-key') !== dataDir.verifierKey) {
    const where = options.databaseUrl ? 'the database at DATABASE_URL' : `${options.dataDir}/habeas.sqlite`;
    throw new StoreIdentityError(
      `${where} belongs to the log "${meta.get('origin')}" with key ${meta.get('verifier-key')}, ` +
        `not to the log "${dataDir.origin}" of ${options.dataDir}: refusing to open it (wrong --data or DATABASE_URL?)`,
    );
  }
  await db
    .insertInto('log_state')
    .values({ id: 1, size: 0, root: EMPTY_ROOT, mac: null })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Tags every row that has none yet (a database from before migration 0010), on first opening only. */
async function bindRowTags(db: Kysely<Database>, key: IntegrityKey): Promise<void> {
  for (const table of Object.keys(TAGGED_COLUMNS) as TaggedTable[]) {
    const rows = (await db.selectFrom(table).selectAll().where('tag', 'is', null).execute()) as Record<
      string,
      string | number | null
    >[];
    const keyColumn =
      table === 'accounts'
        ? 'id'
        : table === 'sessions'
          ? 'id_hash'
          : table === 'complaint_pins'
            ? 'reference'
            : 'account_id';
    for (const row of rows) {
      await db
        .updateTable(table)
        .set({ tag: key.rows.tag(table, row as never) })
        .where(keyColumn as never, '=', row[keyColumn] as never)
        .execute();
    }
  }
}

/**
 * Gives a head that has no HMAC yet — a new database, or one made before the integrity key
 * existed — its HMAC. Refused when the data directory already anchored a checkpoint: that head was
 * bound before, so a head without its HMAC is a database that was replaced or rewritten.
 */
async function bindHead(
  db: Kysely<Database>,
  origin: string,
  key: IntegrityKey,
  anchored: boolean,
): Promise<void> {
  const head = await db
    .selectFrom('log_state')
    .select(['size', 'root', 'mac'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  if (head.mac !== null) return;
  if (anchored && head.size > 0)
    throw new StoreIntegrityError({
      kind: 'head-unbound',
      size: head.size,
      message: `the log head (${head.size} entries) carries no integrity HMAC although this data directory anchored a signed checkpoint: the database was replaced or its head rewritten`,
    });
  // Only a head still without one: two processes binding at once write the same HMAC.
  await db
    .updateTable('log_state')
    .set({ mac: key.headMac(origin, head.size, head.root) })
    .where('id', '=', 1)
    .where('mac', 'is', null)
    .execute();
}

function checkCount(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer`);
  }
  return value;
}

class LedgerStore implements Store {
  readonly engine: Engine;
  readonly db: Kysely<Database>;
  readonly origin: string;
  readonly verifierKey: string;
  readonly checkpointer: Checkpointer;
  private readonly cosigner: Cosigner;
  private readonly quorum: number;
  private readonly sequencer: Sequencer;
  private readonly tiles: TileCache;
  private readonly projections: readonly Projection[];
  private closing: Promise<void> | undefined;
  private alarm: IntegrityStatus | undefined;

  constructor(
    private readonly adapter: EngineAdapter,
    private readonly dataDir: DataDir,
    signer: ReturnType<typeof signerFromKey>,
    private readonly integrityKey: IntegrityKey,
    private readonly options: StoreOptions,
  ) {
    this.engine = adapter.engine;
    this.db = adapter.db;
    this.origin = dataDir.origin;
    this.verifierKey = dataDir.verifierKey;
    this.projections = options.projections ?? [];
    const clock = options.clock ?? (() => new Date());
    const logger = options.logger ?? silentLogger;
    this.tiles = new TileCache(tileReader(adapter.reader), options.tileCacheSize ?? 4096);
    const onIntegrityFailure = (problem: IntegrityProblem) => this.raise(problem);
    const witnesses = options.witnesses ?? [];
    this.quorum = options.witnessQuorum ?? witnesses.length;
    if (!Number.isSafeInteger(this.quorum) || this.quorum < 0 || this.quorum > witnesses.length)
      throw new RangeError(`a witness quorum is between 0 and the ${witnesses.length} witnesses configured`);
    this.cosigner = new Cosigner({
      db: adapter.db,
      witnesses,
      logger,
      clock,
      consistencyProof: (from, to) => this.consistencyProof(from, to),
      size: () => this.size(),
      onIntegrityFailure,
      ...(options.witnessTimeoutMs !== undefined ? { timeoutMs: options.witnessTimeoutMs } : {}),
    });
    this.checkpointer = new Checkpointer({
      reader: adapter.reader,
      db: adapter.db,
      origin: dataDir.origin,
      signer,
      dataDir: dataDir.dir,
      integrityKey,
      clock,
      delayMs: options.checkpointDelayMs ?? 1000,
      logger,
      signing: options.signing ?? true,
      onIntegrityFailure,
      onSigned: (note) => void this.cosigner.submit(note),
      halted: () => this.alarm,
    });
    this.sequencer = new Sequencer({
      adapter,
      projections: this.projections,
      clock,
      tileCache: this.tiles,
      logger,
      maxBatchEvents: options.maxBatchEvents ?? 1000,
      gatherMs: options.gatherMs ?? GATHER_MS,
      maxQueue: options.maxQueue ?? 10_000,
      onGrow: () => this.checkpointer.grew(),
      headMac: {
        matches: (head) =>
          integrityKey.headMacMatches(head.mac ?? null, dataDir.origin, head.size, head.root),
        of: (size, root) => integrityKey.headMac(dataDir.origin, size, root),
      },
      onIntegrityFailure,
      halted: () => this.alarm,
      projectionContext: { rows: integrityKey.rows },
    });
  }

  get rows(): RowTagger {
    return this.integrityKey.rows;
  }

  private readonly tampered = new Map<TaggedTable, { count: number; lastAt: string }>();

  noticeTamperedRow(table: TaggedTable): void {
    const seen = this.tampered.get(table);
    const lastAt = new Date().toISOString();
    this.tampered.set(table, { count: (seen?.count ?? 0) + 1, lastAt });
    if (!seen)
      (this.options.logger ?? silentLogger).error(
        { table },
        `a row of ${table} does not carry the server's tag: it was written or changed directly in the database, and was refused`,
      );
  }

  tamperedRows(): { table: TaggedTable; count: number; lastAt: string }[] {
    return [...this.tampered].map(([table, seen]) => ({ table, ...seen }));
  }

  /** The first integrity failure found since the store opened, if any. */
  integrity(): IntegrityStatus | undefined {
    return this.alarm;
  }

  private raise(problem: IntegrityProblem): void {
    if (this.alarm) return;
    this.alarm = { ...problem, problem: problem.message, since: new Date().toISOString() };
    this.options.onIntegrityFailure?.(problem);
  }

  append(request: AppendRequest): Promise<AppendResult> {
    try {
      return this.sequencer.submit(prepareAppend(request));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  appendAll(requests: AppendRequest[]): Promise<(AppendResult | Error)[]> {
    return Promise.all(requests.map((r) => this.append(r).catch((error: unknown) => error as Error)));
  }

  readStream(stream: string): Promise<StoredEvent[]> {
    return selectStream(this.adapter.reader, stream);
  }

  async streamVersion(stream: string): Promise<number> {
    // Versions run 0, 1, … without gaps: a stream's version is its number of entries.
    const row = await this.adapter.reader
      .selectFrom('streams')
      .select('version')
      .where('name', '=', stream)
      .executeTakeFirst();
    return row?.version ?? 0;
  }

  async size(): Promise<number> {
    const head = await this.adapter.reader
      .selectFrom('log_state')
      .select('size')
      .where('id', '=', 1)
      .executeTakeFirst();
    return head?.size ?? 0;
  }

  async entries(start: number, end: number): Promise<Entry[]> {
    this.checkRange(start, end);
    return selectEntries(this.adapter.reader, start, end);
  }

  async events(start: number, end: number): Promise<EventWithSalt[]> {
    this.checkRange(start, end);
    return selectEvents(this.adapter.reader, start, end);
  }

  async inclusionProof(index: number, size: number): Promise<Uint8Array[]> {
    checkCount('index', index);
    await this.checkSize(size);
    if (index >= size) throw new RangeError(`leaf ${index} is not in a tree of ${size} entries`);
    return inclusionProofFromTiles(index, size, this.tiles.reader);
  }

  async consistencyProof(from: number, to: number): Promise<Uint8Array[]> {
    checkCount('from', from);
    await this.checkSize(to);
    if (from < 1 || from > to)
      throw new RangeError(`a consistency proof needs 1 ≤ from ≤ to, not ${from} → ${to}`);
    return consistencyProofFromTiles(from, to, this.tiles.reader);
  }

  async rootAt(size: number): Promise<Uint8Array> {
    await this.checkSize(size);
    return treeRoot(size, this.tiles.reader);
  }

  checkpoint(): Promise<string> {
    return this.checkpointer.sign();
  }

  async latestCheckpoint(): Promise<string | null> {
    return (await latestCheckpoint(this.adapter.reader))?.note ?? null;
  }

  async witnessed(note: string, waitMs = 2000): Promise<{ note: string; cosignatures: string[] }> {
    const size = noteSize(note);
    if (this.cosigner.configured && !this.alarm && (await this.cosignaturesOf(size)).length < this.quorum) {
      // Joins the submission that began when it was signed, or asks again if that one is over.
      void this.cosigner.submit(note);
      await this.cosigner.settle(size, waitMs);
    }
    const cosignatures = await this.cosignaturesOf(size);
    return { note: withCosignatures(note, cosignatures), cosignatures };
  }

  async publishedCheckpoint(
    waitMs = 1000,
  ): Promise<{ note: string; signed: string; size: number; cosignatures: string[] }> {
    const newest = await this.checkpoint();
    const fresh = await this.witnessed(newest, waitMs);
    const as = (signed: string, cosignatures: string[]) => ({
      note: withCosignatures(signed, cosignatures),
      signed,
      size: noteSize(signed),
      cosignatures,
    });
    if (fresh.cosignatures.length >= this.quorum) return as(newest, fresh.cosignatures);
    // The newest checkpoint the quorum cosigned, if any; else the newest, with what it has.
    const row = await this.adapter.reader
      .selectFrom('cosignatures')
      .innerJoin('checkpoints', 'checkpoints.size', 'cosignatures.size')
      .select(['cosignatures.size', 'checkpoints.note'])
      .where((eb) =>
        eb.or(
          this.cosigner.keys().map((k) => eb.and([eb('witness', '=', k.name), eb('key_id', '=', k.keyId)])),
        ),
      )
      .groupBy(['cosignatures.size', 'checkpoints.note'])
      .having((eb) => eb.fn.count('cosignatures.witness'), '>=', this.quorum)
      .orderBy('cosignatures.size', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) return as(newest, fresh.cosignatures);
    return as(row.note, await this.cosignaturesOf(Number(row.size)));
  }

  async checkpointHistory(max = 4096): Promise<string[]> {
    checkCount('max', max);
    const { count } = await this.adapter.reader
      .selectFrom('checkpoints')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .executeTakeFirstOrThrow();
    const total = Number(count);
    if (total === 0 || max === 0) return [];
    const step = Math.max(1, Math.ceil(total / max));
    // Every step-th by size, and the newest, chosen by the database (a log of years signs millions).
    const { rows } = await sql<{ note: string }>`select note from (
        select note, size, row_number() over (order by size) as rn from checkpoints
      ) as numbered where (rn - 1) % ${step} = 0 or rn = ${total} order by size`.execute(this.adapter.reader);
    return rows.map((r) => r.note);
  }

  witnessStatus(): WitnessReport {
    return { quorum: this.quorum, witnesses: this.cosigner.statuses() };
  }

  /** The cosignature lines of the configured witnesses over the checkpoint of `size`. */
  private async cosignaturesOf(size: number): Promise<string[]> {
    const keys = this.cosigner.keys();
    if (keys.length === 0) return [];
    const rows = await this.adapter.reader
      .selectFrom('cosignatures')
      .select(['witness', 'key_id', 'line'])
      .where('size', '=', size)
      .orderBy('witness')
      .execute();
    return rows
      .filter((r) => keys.some((k) => k.name === r.witness && k.keyId === r.key_id))
      .map((r) => r.line);
  }

  erase(seq: number, actor: string, reason: string): Promise<AppendResult> {
    try {
      checkCount('seq', seq);
      if (typeof reason !== 'string' || reason.trim().length === 0) {
        throw new InvalidAppendError('an erasure needs a reason');
      }
      const request: AppendRequest = {
        stream: erasureStream(seq),
        expectedVersion: 'any',
        actor,
        events: [{ type: ERASURE_TYPE, payload: { seq, reason } }],
      };
      return this.sequencer.submit(prepareAppend(request, seq));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  rebuild(onProgress?: Progress): Promise<{ events: number }> {
    return this.sequencer.exclusive((trx, head) =>
      rebuildProjections(trx, head, this.projections, { rows: this.rows }, onProgress),
    );
  }

  checkReadModels(onProgress?: Progress): Promise<ReadModelReport> {
    return checkReadModels(this.adapter, this.projections, { rows: this.rows }, onProgress);
  }

  verify(
    onProgress?: Progress,
    witnesses?: { keys: readonly string[]; quorum: number },
  ): Promise<StoreVerifyReport> {
    return verifyLog(
      this.adapter,
      {
        origin: this.origin,
        verifierKey: this.verifierKey,
        dataDir: this.dataDir.dir,
        integrityKey: this.integrityKey,
        now: this.options.clock ?? (() => new Date()),
      },
      onProgress,
      witnesses,
    );
  }

  stats(): StoreStats {
    return this.sequencer.stats();
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.sequencer.close();
      await this.checkpointer.stop();
      try {
        // A store opened to inspect signs nothing; a broken one was reported when found.
        if ((this.options.signing ?? true) && !this.alarm) await this.checkpointer.signIfGrown();
      } catch (error) {
        if (!(error instanceof StoreIntegrityError)) throw error;
      } finally {
        await this.adapter.close();
      }
    })();
    return this.closing;
  }

  private checkRange(start: number, end: number): void {
    checkCount('start', start);
    checkCount('end', end);
    if (start > end) throw new RangeError(`start (${start}) must not be after end (${end})`);
  }

  /** A tree size the log has reached. */
  private async checkSize(size: number): Promise<void> {
    checkCount('size', size);
    const current = await this.size();
    if (size > current) throw new RangeError(`the log has ${current} entries, fewer than ${size}`);
  }
}
