import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import type { StoreLogger } from './sequencer.js';
import type { Engine } from './types.js';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.js';

/** The committed tree head, as stored in the single log_state row. */
export interface Head {
  size: number;
  root: Uint8Array;
  /** HMAC of the head under the data directory's integrity key (src/store/integrity-key.ts). */
  mac?: string | null;
}

/**
 * Everything that differs between SQLite and PostgreSQL, in one place (STYLE.md "SQL"): how to
 * connect, how to hold the log head while appending, and how to read a consistent snapshot.
 */
export interface EngineAdapter {
  readonly engine: Engine;
  /** The database for writes and general queries (SQLite: the one write connection). */
  readonly db: Kysely<Database>;
  /**
   * For reads of the log that must not wait behind an append (SQLite: a second, query-only
   * connection, which WAL lets read while the writer writes; PostgreSQL: the same pool).
   */
  readonly reader: Kysely<Database>;
  /**
   * Where Kysely's migration bookkeeping lives (PostgreSQL: the connection's current schema). It
   * must be named: unnamed, Kysely looks for its tables in every schema of the database and takes
   * another tenant's (or test's) for ours.
   */
  readonly migrationSchema: string | undefined;
  /**
   * Runs `work` in a write transaction that starts by locking the log head, so appends from
   * several processes are serialised (SQLite: BEGIN IMMEDIATE takes the write lock up front;
   * PostgreSQL: SELECT … FOR UPDATE on log_state). Resolves after COMMIT.
   */
  writeTransaction<T>(work: (trx: Kysely<Database>, head: Head | undefined) => Promise<T>): Promise<T>;
  /** How raw SQL marks its n-th (0-based) parameter: `?` (SQLite) or `$n+1` (PostgreSQL). */
  parameterMark(index: number): string;
  /** Runs `work` on one snapshot of the database, for verification and export. */
  readSnapshot<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface AdapterOptions {
  dataDir: string;
  databaseUrl?: string;
  pgSchema?: string;
  /** Where background trouble is reported (SQLite's checkpoint thread); never given data. */
  logger?: Pick<StoreLogger, 'warn'>;
}

export function openAdapter(options: AdapterOptions): Promise<EngineAdapter> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.pgSchema)
    : openSqlite(options.dataDir, options.logger);
}

function readHead(trx: Kysely<Database>) {
  return trx.selectFrom('log_state').select(['size', 'root', 'mac']).where('id', '=', 1);
}

// ---------------------------------------------------------------------------------------------
// SQLite (better-sqlite3): embedded, WAL, synchronous=FULL (DESIGN.md "Storage").

/** How long a statement waits for another process's write lock before failing with SQLITE_BUSY. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** Bytes per database page for a new SQLite database (see openSqlite). */
const SQLITE_PAGE_SIZE = 1024;

/** Milliseconds between the checkpoint thread's passive checkpoints. */
const WAL_CHECKPOINT_INTERVAL_MS = 100;

async function openSqlite(dataDir: string, logger?: Pick<StoreLogger, 'warn'>): Promise<EngineAdapter> {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'habeas.sqlite');
  const writer = new BetterSqlite3(path);
  // Small pages: an append touches one index page per stream in the batch (the unique (stream,
  // version) index), and each dirty page goes whole into the WAL at commit. Takes effect only on a
  // new database, before its first table (and before WAL mode); an existing one keeps its size.
  writer.pragma(`page_size = ${SQLITE_PAGE_SIZE}`);
  writer.pragma('journal_mode = WAL');
  // Checkpoints run on a thread of their own (wal-checkpointer.ts), off the event loop; the writer
  // checkpoints only if the WAL reaches 16 MiB (the thread fell behind or failed), which bounds it.
  // Durability is the WAL's fsync at each commit either way.
  writer.pragma(`wal_autocheckpoint = ${(16 * 1024 * 1024) / SQLITE_PAGE_SIZE}`);
  // FULL: a commit is on disk when it returns, so an acknowledged entry survives a power cut.
  writer.pragma('synchronous = FULL');
  writer.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  writer.pragma('foreign_keys = ON');
  const openReader = () => {
    const connection = new BetterSqlite3(path);
    connection.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    connection.pragma('query_only = ON');
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(connection) }) });
  };
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(writer) }) });
  const reader = openReader();
  // The checkpoint thread starts once the WAL has grown to 1 MiB (a store that only ever takes a
  // few appends — a test, a one-off command — never pays for a thread); looked at every 32 commits.
  let checkpointer: WalCheckpointer | undefined;
  let checkpointerFailed = false;
  let commits = 0;
  const checkpointOnWriter = (error: Error) => {
    // Back to checkpointing on the writer, at 4 MiB of WAL: slower commits now and then, nothing lost.
    checkpointerFailed = true;
    writer.pragma(`wal_autocheckpoint = ${(4 * 1024 * 1024) / SQLITE_PAGE_SIZE}`);
    logger?.warn({ error: error.message }, 'WAL checkpoint thread failed; checkpointing on the writer');
  };
  // Runs after COMMIT, so it must not throw: the caller would take a committed append for a failed one.
  const afterCommit = () => {
    if (checkpointer || checkpointerFailed || ++commits % 32 !== 0) return;
    if (walBytes(path) < 1024 * 1024) return;
    try {
      checkpointer = startWalCheckpointer({
        path,
        intervalMs: WAL_CHECKPOINT_INTERVAL_MS,
        busyTimeoutMs: SQLITE_BUSY_TIMEOUT_MS,
        onFailure: checkpointOnWriter,
      });
    } catch (error) {
      checkpointOnWriter(error instanceof Error ? error : new Error(String(error)));
    }
  };

  return {
    engine: 'sqlite',
    db,
    reader,
    migrationSchema: undefined,
    parameterMark: () => '?',
    // Kysely's SQLite driver has one connection guarded by a mutex: holding it for the whole
    // transaction keeps every other use of `db` in this process waiting until COMMIT.
    writeTransaction: (work) =>
      db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          const result = await work(conn, await readHead(conn).executeTakeFirst());
          await sql`commit`.execute(conn);
          afterCommit();
          return result;
        } catch (error) {
          await sql`rollback`.execute(conn).catch(() => undefined);
          throw error;
        }
      }),
    // On a connection of its own, so a long verification does not hold up the reader; a deferred
    // transaction's snapshot is fixed at its first read.
    readSnapshot: async (work) => {
      const snapshot = openReader();
      try {
        return await snapshot.transaction().execute(work);
      } finally {
        await snapshot.destroy();
      }
    },
    close: async () => {
      await checkpointer?.stop();
      await reader.destroy();
      await db.destroy();
    },
  };
}

/** Bytes in the database's WAL file (0 when there is none). */
function walBytes(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}

/** Prepared statements kept per connection, by SQL text (the append path repeats the same few). */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely's SQLite driver prepares every statement anew; preparing a multi-row INSERT costs as much
 * as running it. better-sqlite3 statements are reusable, and Kysely runs one at a time per
 * connection (its mutex), so a small LRU of them by SQL text is safe.
 */
function cachingStatements(database: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare: (text: string) => {
      let statement = cache.get(text);
      if (statement) {
        cache.delete(text); // re-inserted below: Map order is the recency order
      } else {
        statement = database.prepare(text);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(text, statement);
      return statement;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL (pg): selected by DATABASE_URL.

/** int8 (counts, seq, sizes) as JS numbers; a value past 2^53 would silently lose digits, so refuse. */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(
      `the database returned the integer ${text}, beyond what Habeas can count exactly (2^53)`,
    );
  }
  return value;
}

const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary'
      ? parseInt8
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A schema name safe to put in search_path and DDL without quoting. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

async function openPostgres(databaseUrl: string, pgSchema: string | undefined): Promise<EngineAdapter> {
  if (pgSchema !== undefined) {
    if (!SCHEMA_NAME.test(pgSchema)) {
      throw new Error(`the PostgreSQL schema name "${pgSchema}" must be lower-case letters, digits and _`);
    }
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(`create schema if not exists ${pgSchema}`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    types: pgTypes,
    ...(pgSchema !== undefined ? { options: `-c search_path=${pgSchema}` } : {}),
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let migrationSchema: string;
  try {
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    const current = rows[0]?.schema;
    if (!current) throw new Error('no schema of the search_path exists: create it, or pass pgSchema');
    migrationSchema = current;
  } catch (error) {
    await db.destroy();
    throw error;
  }

  return {
    engine: 'postgres',
    db,
    reader: db,
    migrationSchema,
    parameterMark: (index) => `$${index + 1}`,
    writeTransaction: (work) =>
      db.transaction().execute(async (trx) => {
        // Read committed: once the row lock is ours, every later statement sees what the previous
        // holder committed, so several server processes append one after the other.
        const head = await readHead(trx).forUpdate().executeTakeFirst();
        return work(trx, head);
      }),
    readSnapshot: (work) =>
      db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(work),
    close: () => db.destroy(),
  };
}
