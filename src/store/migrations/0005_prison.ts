import type { Kysely } from 'kysely';
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: Kysely<any>, never the app's types (STYLE.md "SQL") */

/*
 * Read models of remand centres and prisons (issue 5), kept by the prison projection in the
 * append transaction and rebuildable from the log. Frozen in time: no application imports, DDL
 * that SQLite and PostgreSQL both accept. Times are ISO 8601 UTC text (they compare as text).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('prison_stays')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    // The facility holding the person now (a transfer moves the stay).
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('admitted_at', 'text', (c) => c.notNull())
    .addColumn('life_sentence', 'integer', (c) => c.notNull())
    // The latest run of consecutive days in separation (intl.solitary.definition): its start and
    // planned end (null while open-ended); null when the person was never separated.
    .addColumn('separation_start', 'text')
    .addColumn('separation_end', 'text')
    // When the scheduler looks next: the earliest clock that can fire, or the end of the day.
    .addColumn('next_check_at', 'text')
    // The decider's folded state (JSON), so that each event is applied without re-reading the stream.
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('prison_stays_facility')
    .on('prison_stays')
    .columns(['facility_id', 'status'])
    .execute();
  await db.schema.createIndex('prison_stays_person').on('prison_stays').column('person_id').execute();
  await db.schema.createIndex('prison_stays_next_check').on('prison_stays').column('next_check_at').execute();
  await db.schema
    .createIndex('prison_stays_separation')
    .on('prison_stays')
    .columns(['separation_start', 'separation_end'])
    .execute();

  await db.schema
    .createTable('prison_findings')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('stay_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('pack', 'text', (c) => c.notNull())
    .addColumn('pack_version', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('prison_findings_stay').on('prison_findings').column('stay_id').execute();
  await db.schema
    .createIndex('prison_findings_rule')
    .on('prison_findings')
    .columns(['rule', 'seq'])
    .execute();
  await db.schema
    .createIndex('prison_findings_facility')
    .on('prison_findings')
    .columns(['facility_id', 'seq'])
    .execute();

  // kz.admission.medical: signs of bodily harm open a referral, exactly like a custody injury.
  await db.schema
    .createTable('prison_referrals')
    .addColumn('stay_id', 'text', (c) => c.notNull())
    .addColumn('exam_seq', 'bigint', (c) => c.notNull())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('prison_referrals_pk', ['stay_id', 'exam_seq'])
    .execute();
  await db.schema
    .createIndex('prison_referrals_facility')
    .on('prison_referrals')
    .columns(['facility_id', 'status'])
    .execute();

  // kz.complaint.reprisal: a sanction, unrequested transfer or loss of privileges within the
  // watch period after the same person complained. Derived from the log (the complaints read
  // model and the stay's entry), so a rebuild recomputes it; never shown to the facility.
  await db.schema
    .createTable('reprisal_flags')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('stay_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('action_at', 'text', (c) => c.notNull())
    .addColumn('complaint_id', 'text', (c) => c.notNull())
    .addColumn('complained_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reprisal_flags_person').on('reprisal_flags').column('person_id').execute();
  await db.schema
    .createIndex('reprisal_flags_complaint')
    .on('reprisal_flags')
    .column('complaint_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['reprisal_flags', 'prison_referrals', 'prison_findings', 'prison_stays'])
    await db.schema.dropTable(table).ifExists().execute();
}
