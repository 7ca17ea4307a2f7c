import type { Kysely } from 'kysely';
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: Kysely<any>, never the app's types (STYLE.md "SQL") */

/*
 * Complaints (issue 4): read models kept by the complaint projection in the append transaction and
 * rebuildable from the log, and two tables of secrets that never enter the log. Frozen in time: no
 * application imports, DDL that SQLite and PostgreSQL both accept. Times are ISO 8601 UTC text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('complaints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('allegation', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_at', 'text', (c) => c.notNull())
    .addColumn('complainant_id', 'text')
    .addColumn('protection_requested', 'integer', (c) => c.notNull())
    .addColumn('transfer_requested', 'integer', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('answer_due_at', 'text')
    .addColumn('case_number', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The inbox, newest first, and the procurator's allegations.
  await db.schema
    .createIndex('complaints_submitted')
    .on('complaints')
    .columns(['submitted_at', 'id'])
    .execute();
  await db.schema
    .createIndex('complaints_allegation')
    .on('complaints')
    .columns(['allegation', 'submitted_at', 'id'])
    .execute();
  await db.schema.createIndex('complaints_complainant').on('complaints').column('complainant_id').execute();

  await db.schema
    .createTable('complaint_clocks')
    .addColumn('complaint_id', 'text', (c) => c.notNull())
    .addColumn('clock_key', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('pending_due_at', 'text')
    .addPrimaryKeyConstraint('complaint_clocks_pk', ['complaint_id', 'clock_key'])
    .execute();
  await db.schema
    .createIndex('complaint_clocks_pending')
    .on('complaint_clocks')
    .column('pending_due_at')
    .execute();

  await db.schema
    .createTable('complaint_findings')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('complaint_id', 'text', (c) => c.notNull())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('pack', 'text', (c) => c.notNull())
    .addColumn('pack_version', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('complaint_findings_complaint')
    .on('complaint_findings')
    .column('complaint_id')
    .execute();

  // kz.transfer.protection: requests to the governor, without the complaint's reference or content.
  await db.schema
    .createTable('protection_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('complaint_id', 'text', (c) => c.notNull())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('reason', 'text')
    .execute();
  await db.schema
    .createIndex('protection_requests_facility')
    .on('protection_requests')
    .columns(['facility_id', 'status', 'requested_at'])
    .execute();

  // Secrets: never in the log, not rebuilt (the PIN is only ever known as its argon2id hash).
  await db.schema
    .createTable('complaint_pins')
    .addColumn('reference', 'text', (c) => c.primaryKey())
    .addColumn('pin_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('complaint_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'complaint_throttle',
    'complaint_pins',
    'protection_requests',
    'complaint_findings',
    'complaint_clocks',
    'complaints',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
