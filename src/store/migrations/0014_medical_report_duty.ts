/* eslint-disable @typescript-eslint/no-explicit-any -- a migration is frozen in time: it sees Kysely<any>, never the app's Database type (STYLE.md "SQL") */
import type { Kysely } from 'kysely';

/*
 * kz.medical.report-duty (issue 19 item 6): what medical staff owe, one row each, kept by the
 * report-duty projection from the custody, prison and medical streams and rebuildable from the
 * log — an injury noted (a custody injury entry, a custody or prison examination noting injuries,
 * a doctor's examination noting them) that a doctor's report must document by its due time, and
 * documented signs that must be referred. `pending_due_at` is the due time while a finding may
 * still be recorded, null once documented, referred or found: the scheduler reads that index
 * alone, as it reads `custody_clocks.pending_due_at`. Frozen in time: no application imports, DDL
 * both engines accept. Times are ISO 8601 UTC text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('medical_report_duty')
    .addColumn('episode_context', 'text', (c) => c.notNull())
    .addColumn('episode_id', 'text', (c) => c.notNull())
    .addColumn('duty_key', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('duty', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('noted_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('report_id', 'text')
    .addColumn('pending_due_at', 'text')
    .addColumn('finding_seq', 'integer')
    .addPrimaryKeyConstraint('medical_report_duty_pk', ['episode_context', 'episode_id', 'duty_key'])
    .execute();
  await db.schema
    .createIndex('medical_report_duty_pending')
    .on('medical_report_duty')
    .column('pending_due_at')
    .execute();
  await db.schema
    .createIndex('medical_report_duty_person')
    .on('medical_report_duty')
    .columns(['person_id', 'duty'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('medical_report_duty').ifExists().execute();
}
