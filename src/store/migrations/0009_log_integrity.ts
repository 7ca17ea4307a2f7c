/* eslint-disable @typescript-eslint/no-explicit-any -- a migration is frozen in time: it sees Kysely<any>, never the app's Database type (STYLE.md "SQL") */
import { SqliteIntrospector, type Kysely } from 'kysely';

/*
 * The log's integrity against an operator with database access (issue 17).
 *
 * - `log_state.mac`: an HMAC of the committed head (origin, size, root) under the data directory's
 *   integrity key. The sequencer checks it before it builds on the head and writes the next one in
 *   the same transaction, so a head moved by anyone without that key — entries appended, removed
 *   or rewritten directly in the database — stops the writes and fails `habeas verify --data`.
 *   Null until the store that owns the key first opens the database.
 * - `cosignatures`: the witnesses' C2SP tlog-cosignature lines over the log's checkpoints, as the
 *   witnesses returned them (tlog-witness add-checkpoint); one per checkpoint size and witness key.
 *
 * Frozen in time: no application imports.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.introspection instanceof SqliteIntrospector;
  const int64 = sqlite ? 'integer' : 'bigint';
  await db.schema.alterTable('log_state').addColumn('mac', 'text').execute();
  await db.schema
    .createTable('cosignatures')
    .addColumn('size', int64, (c) => c.notNull())
    .addColumn('witness', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('line', 'text', (c) => c.notNull())
    .addColumn('timestamp', int64, (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cosignatures_pk', ['size', 'witness', 'key_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cosignatures').execute();
  await db.schema.alterTable('log_state').dropColumn('mac').execute();
}
