/* eslint-disable @typescript-eslint/no-explicit-any -- a migration is frozen in time: it sees Kysely<any>, never the app's Database type (STYLE.md "SQL") */
import { sql, SqliteIntrospector, type Kysely } from 'kysely';

/*
 * The ledger: entries, payloads, tiles, checkpoints, the log head and the log's identity. A
 * stream's version is its entry count, read from the unique (stream, version) index. Frozen in time: no application imports.
 *
 * Two column types differ by engine, decided here once: 64-bit integer keys are `integer` on
 * SQLite (where an INTEGER PRIMARY KEY is the rowid itself, one b-tree instead of two, and is 64-bit)
 * and `bigint` on PostgreSQL (where `integer` is 32-bit, too small for a national log with read
 * audit); bytes are `blob` on SQLite and `bytea` on PostgreSQL.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.introspection instanceof SqliteIntrospector;
  const int64 = sqlite ? 'integer' : 'bigint';
  const bytes = sqlite ? 'blob' : 'bytea';

  await db.schema
    .createTable('entries')
    .addColumn('seq', int64, (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('version', int64, (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addUniqueConstraint('entries_stream_version', ['stream', 'version'])
    .execute();

  await db.schema
    .createTable('payloads')
    .addColumn('seq', int64, (c) => c.primaryKey())
    .addColumn('payload', 'text')
    .addColumn('salt', bytes)
    .addColumn('erased', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('tiles')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('idx', int64, (c) => c.notNull())
    .addColumn('hashes', bytes, (c) => c.notNull())
    .addPrimaryKeyConstraint('tiles_pk', ['level', 'idx'])
    .execute();

  await db.schema
    .createTable('checkpoints')
    .addColumn('size', int64, (c) => c.primaryKey())
    .addColumn('root', bytes, (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('log_state')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('size', int64, (c) => c.notNull())
    .addColumn('root', bytes, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['meta', 'log_state', 'checkpoints', 'tiles', 'payloads', 'entries']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
