import type { Kysely } from 'kysely';
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: Kysely<any>, never the app's types (STYLE.md "SQL") */

/*
 * Footage references and evidence holds (issue 5 item 3): read models kept by the footage
 * projection in the append transaction and rebuildable from the log. Frozen in time: no
 * application imports, DDL that SQLite and PostgreSQL both accept. Times are ISO 8601 UTC text
 * (they compare as text). Both tables are looked up by facility and time window: "the references
 * of this facility over this window" and "the active holds overlapping this recording".
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('footage_refs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('camera', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('place_key', 'text', (c) => c.notNull())
    .addColumn('from_at', 'text', (c) => c.notNull())
    .addColumn('to_at', 'text', (c) => c.notNull())
    .addColumn('retain_until', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by', 'text')
    .addColumn('deletion_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  // The facility's list in time order, and windows that overlap [from, to): from_at < to and to_at > from.
  await db.schema
    .createIndex('footage_refs_facility_window')
    .on('footage_refs')
    .columns(['facility_id', 'from_at', 'to_at'])
    .execute();
  // Recordings due for deletion once their retention has passed.
  await db.schema
    .createIndex('footage_refs_retention')
    .on('footage_refs')
    .columns(['status', 'retain_until'])
    .execute();

  await db.schema
    .createTable('evidence_holds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('place_key', 'text')
    .addColumn('from_at', 'text', (c) => c.notNull())
    .addColumn('to_at', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('placed_at', 'text', (c) => c.notNull())
    .addColumn('placed_by', 'text', (c) => c.notNull())
    .addColumn('placed_by_role', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('released_at', 'text')
    .addColumn('released_by', 'text')
    .addColumn('released_by_role', 'text')
    .addColumn('release_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  // The active holds of a facility overlapping a window (checked at every deletion).
  await db.schema
    .createIndex('evidence_holds_facility_window')
    .on('evidence_holds')
    .columns(['facility_id', 'status', 'from_at', 'to_at'])
    .execute();
  // The oversight list, newest first.
  await db.schema
    .createIndex('evidence_holds_placed')
    .on('evidence_holds')
    .columns(['placed_at', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['evidence_holds', 'footage_refs'])
    await db.schema.dropTable(table).ifExists().execute();
}
