/* eslint-disable @typescript-eslint/no-explicit-any -- a migration is frozen in time: it sees Kysely<any>, never the app's Database type (STYLE.md "SQL") */
import { sql, SqliteIntrospector, type Kysely } from 'kysely';

/*
 * Streams as chains instead of an index keyed by stream name (issue 2, the append rate).
 *
 * Before: a unique (stream, version) index on entries. Every append inserts into it at the end of
 * its stream's run of keys, so a batch of 64 appends to 64 streams dirties 64 index pages, each
 * written whole to the WAL at commit: about three quarters of the pages of a commit.
 *
 * After: each entry names the seq of the previous entry of its stream (`prev`, null for version
 * 0), under a unique index: no two entries can follow the same entry, so a stream cannot fork — the
 * guarantee the old index gave — and the keys are recent seqs, which sit together in a few pages.
 * `streams` holds one row per stream with its version (entry count) and last seq; a new stream is
 * a plain INSERT, so the unique name refuses a second version 0. A stream is read by following
 * `prev` back from `last_seq`. `habeas verify --data` checks every link against the entries'
 * own (stream, version), which the Merkle leaves cover.
 *
 * SQLite cannot drop a table's inline unique constraint, so there the table is rebuilt; PostgreSQL
 * drops the constraint. Frozen in time: no application imports.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.introspection instanceof SqliteIntrospector;
  const int64 = sqlite ? 'integer' : 'bigint';

  await db.schema
    .createTable('streams')
    .addColumn('id', int64, (c) => (sqlite ? c.primaryKey() : c.primaryKey().generatedByDefaultAsIdentity()))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('version', int64, (c) => c.notNull())
    .addColumn('last_seq', int64, (c) => c.notNull())
    .execute();
  // Oldest stream first, so ids follow the order streams began in (as appends will keep them).
  await sql`insert into streams (name, version, last_seq)
    select stream, max(version) + 1, max(seq) from entries group by stream order by min(seq)`.execute(db);

  if (sqlite) {
    await createSqliteEntries(db, 'entries_chained', 'chained');
    await sql`insert into entries_chained (seq, at, stream, version, type, actor, digest, prev)
      select seq, at, stream, version, type, actor, digest,
        lag(seq) over (partition by stream order by version)
      from entries order by seq`.execute(db);
    await db.schema.dropTable('entries').execute();
    await sql`alter table entries_chained rename to entries`.execute(db);
  } else {
    await db.schema.alterTable('entries').addColumn('prev', 'bigint').execute();
    await sql`update entries set prev = chained.prev
      from (select seq, lag(seq) over (partition by stream order by version) as prev from entries) as chained
      where entries.seq = chained.seq and chained.prev is not null`.execute(db);
    await db.schema.alterTable('entries').dropConstraint('entries_stream_version').execute();
  }
  await db.schema.createIndex('entries_prev').on('entries').column('prev').unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const sqlite = db.introspection instanceof SqliteIntrospector;
  await db.schema.dropIndex('entries_prev').execute();
  if (sqlite) {
    await createSqliteEntries(db, 'entries_unchained', 'indexed');
    await sql`insert into entries_unchained (seq, at, stream, version, type, actor, digest)
      select seq, at, stream, version, type, actor, digest from entries order by seq`.execute(db);
    await db.schema.dropTable('entries').execute();
    await sql`alter table entries_unchained rename to entries`.execute(db);
  } else {
    await db.schema.alterTable('entries').dropColumn('prev').execute();
    await db.schema
      .alterTable('entries')
      .addUniqueConstraint('entries_stream_version', ['stream', 'version'])
      .execute();
  }
  await db.schema.dropTable('streams').execute();
}

/**
 * SQLite's entries table, for the rebuild either way: with `prev` (up), or with the unique
 * (stream, version) index of migration 0001 (down). The envelope's columns are the same in both.
 */
async function createSqliteEntries(
  db: Kysely<any>,
  name: string,
  shape: 'chained' | 'indexed',
): Promise<void> {
  const table = db.schema
    .createTable(name)
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull());
  await (
    shape === 'chained'
      ? table.addColumn('prev', 'integer')
      : table.addUniqueConstraint('entries_stream_version', ['stream', 'version'])
  ).execute();
}
