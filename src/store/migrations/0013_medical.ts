/* eslint-disable @typescript-eslint/no-explicit-any -- a migration is frozen in time: it sees Kysely<any>, never the app's Database type (STYLE.md "SQL") */
import type { Kysely } from 'kysely';

/*
 * Medical documentation (issue 19): the read models of people's medical records, examinations,
 * reports, referrals to the procurator, disclosures and clinicians' public keys, kept by the
 * medical projection and rebuildable from the log; and, outside the log, clinicians' wrapped
 * private keys and where sealed photographs lie. Frozen in time: no application imports, DDL both
 * engines accept. Times are ISO 8601 UTC text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('medical_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().unique())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('medical_examinations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('episode_context', 'text', (c) => c.notNull())
    .addColumn('episode_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('clinician_id', 'text', (c) => c.notNull())
    .addColumn('clinician_name', 'text', (c) => c.notNull())
    .addColumn('injuries_noted', 'integer', (c) => c.notNull())
    .addColumn('fitness', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  // The examinations of an episode (the clocks, what the episode's page shows), and a facility's worklist.
  await db.schema
    .createIndex('medical_examinations_episode')
    .on('medical_examinations')
    .columns(['episode_context', 'episode_id', 'at'])
    .execute();
  await db.schema
    .createIndex('medical_examinations_facility')
    .on('medical_examinations')
    .columns(['facility_id', 'at', 'id'])
    .execute();

  await db.schema
    .createTable('medical_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('examination_id', 'text', (c) => c.notNull())
    .addColumn('clinician_id', 'text', (c) => c.notNull())
    .addColumn('clinician_name', 'text', (c) => c.notNull())
    .addColumn('latest_version', 'integer', (c) => c.notNull())
    .addColumn('second_opinion_of', 'text')
    .addColumn('opinion', 'text', (c) => c.notNull())
    .addColumn('digest', 'text')
    .addColumn('first_finished_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('medical_reports_facility')
    .on('medical_reports')
    .columns(['facility_id', 'finished_at', 'id'])
    .execute();
  await db.schema.createIndex('medical_reports_record').on('medical_reports').column('record_id').execute();

  await db.schema
    .createTable('medical_referrals')
    .addColumn('reference', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('report_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('examination_id', 'text', (c) => c.notNull())
    .addColumn('examined_at', 'text', (c) => c.notNull())
    .addColumn('clinician_id', 'text', (c) => c.notNull())
    .addColumn('clinician_name', 'text', (c) => c.notNull())
    .addColumn('referred_at', 'text', (c) => c.notNull())
    .addColumn('disclosed', 'integer', (c) => c.notNull())
    .execute();
  // The procurator's list, newest first, by region's facilities.
  await db.schema
    .createIndex('medical_referrals_facility')
    .on('medical_referrals')
    .columns(['facility_id', 'referred_at', 'reference'])
    .execute();
  await db.schema
    .createIndex('medical_referrals_report')
    .on('medical_referrals')
    .column('report_id')
    .execute();

  await db.schema
    .createTable('medical_disclosures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('report_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('recipient_name', 'text')
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('court_order', 'text')
    .addColumn('clinician_id', 'text', (c) => c.notNull())
    .addColumn('clinician_name', 'text', (c) => c.notNull())
    .addColumn('disclosed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('medical_disclosures_report')
    .on('medical_disclosures')
    .columns(['report_id', 'recipient'])
    .execute();

  await db.schema
    .createTable('clinician_keys')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('clinician_key_wraps')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('wrapped', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('medical_photos')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('blob_sha256', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('medical_photos_record').on('medical_photos').column('record_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'medical_photos',
    'clinician_key_wraps',
    'clinician_keys',
    'medical_disclosures',
    'medical_referrals',
    'medical_reports',
    'medical_examinations',
    'medical_records',
  ])
    await db.schema.dropTable(table).ifExists().execute();
}
