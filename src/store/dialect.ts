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
   * Which database this is, as the data directory records it (issue 18 item 7): `habeas.sqlite`,
   * or PostgreSQL's database and schema (`habeas/public`) — not the host, which may change.
   */
  readonly location: string;
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
  /**
   * Runs `work` on one snapshot of the database beside empty copies of `tables` in a scratch
   * namespace, which `scratch` (the same connection, with the namespace as its schema) reads and
   * writes and `qualify` names in raw SQL; everything in it is discarded afterwards, nothing of the
   * database is changed (SQLite: an attached temporary database; PostgreSQL: temporary tables in a
   * transaction that is rolled back); `qualifyLive` names the database's own tables in raw SQL. For
   * checking the read models.
   */
  withScratchCopy<T>(
    tables: readonly string[],
    work: (scratch: {
      live: Kysely<Database>;
      scratch: Kysely<Database>;
      qualify: (table: string) => string;
      qualifyLive: (table: string) => string;
      primaryKey: (table: string) => Promise<string[]>;
      columns: (table: string) => Promise<string[]>;
    }) => Promise<T>,
  ): Promise<T>;
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
    location: 'habeas.sqlite',
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
    withScratchCopy: async (tables, work) => {
      // A connection of its own, not query-only (the scratch copy is written), never writing main.
      const connection = new BetterSqlite3(path);
      connection.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      // '' is a private temporary database on disk, deleted when the connection closes.
      connection.exec(`attach database '' as scratch`);
      const scratchDb = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) });
      try {
        return await scratchDb.connection().execute(async (conn) => {
          await sql`begin`.execute(conn);
          try {
            const ddl = await sql<{ sql: string; type: string }>`select type, sql from main.sqlite_master
              where tbl_name in (${sql.join(tables)}) and sql is not null order by type desc`.execute(conn);
            for (const row of ddl.rows) {
              // CREATE TABLE "t" (…) / CREATE [UNIQUE] INDEX "i" ON "t" (…): the object goes to scratch.
              const statement = row.sql.replace(
                /^CREATE (TABLE|UNIQUE INDEX|INDEX) (?:IF NOT EXISTS )?("?)([A-Za-z0-9_]+)\2/i,
                (_m, kind: string, _q: string, name: string) => `CREATE ${kind} scratch."${name}"`,
              );
              await sql.raw(statement).execute(conn);
            }
            return await work({
              live: conn,
              scratch: conn.withSchema('scratch'),
              qualify: (table) => `scratch."${table}"`,
              qualifyLive: (table) => `main."${table}"`,
              primaryKey: async (table) =>
                (
                  await sql<{
                    name: string;
                    pk: number;
                  }>`select name, pk from pragma_table_info(${table}) where pk > 0 order by pk`.execute(conn)
                ).rows.map((r) => r.name),
              columns: async (table) =>
                (
                  await sql<{
                    name: string;
                  }>`select name from pragma_table_info(${table}) order by cid`.execute(conn)
                ).rows.map((r) => r.name),
            });
          } finally {
            await sql`rollback`.execute(conn).catch(() => undefined);
          }
        });
      } finally {
        await scratchDb.destroy();
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

/** Rolls back the scratch copy's transaction once its work is done. */
class ScratchDone extends Error {}

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
  let location: string;
  try {
    const { rows } = await sql<{
      schema: string | null;
      database: string;
    }>`select current_schema() as schema, current_database() as database`.execute(db);
    const current = rows[0]?.schema;
    if (!current) throw new Error('no schema of the search_path exists: create it, or pass pgSchema');
    migrationSchema = current;
    location = `${rows[0]?.database ?? ''}/${current}`;
  } catch (error) {
    await db.destroy();
    throw error;
  }

  return {
    engine: 'postgres',
    db,
    reader: db,
    migrationSchema,
    location,
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
    withScratchCopy: async (tables, work) => {
      let result: { value: Awaited<ReturnType<typeof work>> } | undefined;
      try {
        await db
          .transaction()
          .setIsolationLevel('repeatable read')
          .execute(async (trx) => {
            // Temporary tables of the same names (no privilege to create schemas needed): pg_temp
            // is searched first, so the live tables are named with their schema from here on.
            for (const table of tables)
              await sql
                .raw(
                  `create temporary table "${table}" (like "${migrationSchema}"."${table}" including all) on commit drop`,
                )
                .execute(trx);
            result = {
              value: await work({
                live: trx.withSchema(migrationSchema),
                scratch: trx.withSchema('pg_temp'),
                qualify: (table) => `pg_temp."${table}"`,
                qualifyLive: (table) => `"${migrationSchema}"."${table}"`,
                primaryKey: async (table) =>
                  (
                    await sql<{
                      column_name: string;
                    }>`select k.column_name from information_schema.table_constraints c
                      join information_schema.key_column_usage k
                        on k.constraint_name = c.constraint_name and k.table_schema = c.table_schema
                      where c.table_schema = ${migrationSchema} and c.table_name = ${table}
                        and c.constraint_type = 'PRIMARY KEY' order by k.ordinal_position`.execute(trx)
                  ).rows.map((r) => r.column_name),
                columns: async (table) =>
                  (
                    await sql<{ column_name: string }>`select column_name from information_schema.columns
                      where table_schema = ${migrationSchema} and table_name = ${table} order by ordinal_position`.execute(
                      trx,
                    )
                  ).rows.map((r) => r.column_name),
              }),
            };
            // Everything made here goes with the transaction.
            throw new ScratchDone();
          });
      } catch (error) {
        if (!(error instanceof ScratchDone)) throw error;
      }
      if (!result) throw new Error('the scratch copy produced nothing');
      return result.value;
    },
    close: () => db.destroy(),
  };
}
