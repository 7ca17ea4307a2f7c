/* eslint-disable @typescript-eslint/no-explicit-any -- a migration is frozen in time: it sees Kysely<any>, never the app's Database type (STYLE.md "SQL") */
import type { Kysely } from 'kysely';

/*
 * Criminal case files and the register of officials (issue 20): read models kept by
 * src/store/projections/cases.ts and rebuilt from the log (`case/<id>` and `official/<id>`
 * streams). `case_sources` has one row per allegation in a case, its primary key the allegation,
 * so that no allegation is in two cases (kz.cases.joined) even if two procurators race: the second
 * append's transaction fails. `case_clocks.pending_due_at` is what the scheduler scans
 * (kz.torture.suspension), as it scans complaint_clocks. Frozen in time: no application imports,
 * DDL both engines accept. Dates are YYYY-MM-DD text, times ISO 8601 UTC text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('article', 'text', (c) => c.notNull())
    .addColumn('opened_on', 'text', (c) => c.notNull())
    .addColumn('investigating_body', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('ex_officio', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('allegations', 'integer', (c) => c.notNull())
    .addColumn('defendants', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cases_region').on('cases').columns(['region', 'opened_on']).execute();
  await db.schema.createIndex('cases_opened').on('cases').columns(['opened_on', 'id']).execute();

  await db.schema
    .createTable('case_sources')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('joined', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_sources_pk', ['kind', 'reference'])
    .execute();
  await db.schema.createIndex('case_sources_case').on('case_sources').column('case_id').execute();

  await db.schema
    .createTable('case_defendants')
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('official_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('identified_at', 'text', (c) => c.notNull())
    .addColumn('suspended_at', 'text')
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('charge_article', 'text')
    .addColumn('court_name', 'text')
    .addColumn('court_region', 'text')
    .addColumn('sent_on', 'text')
    .addColumn('outcome', 'text')
    .addColumn('final_article', 'text')
    .addColumn('sentence', 'text')
    .addColumn('suspended_sentence', 'integer', (c) => c.notNull())
    .addColumn('plea_agreement', 'integer', (c) => c.notNull())
    .addColumn('reclassified', 'integer', (c) => c.notNull())
    .addColumn('decided_on', 'text')
    .addColumn('discontinued_on', 'text')
    .addColumn('discontinuation_ground', 'text')
    .addPrimaryKeyConstraint('case_defendants_pk', ['case_id', 'official_id'])
    .execute();
  await db.schema
    .createIndex('case_defendants_official')
    .on('case_defendants')
    .column('official_id')
    .execute();
  await db.schema
    .createIndex('case_defendants_court')
    .on('case_defendants')
    .columns(['court_region', 'case_id'])
    .execute();

  await db.schema
    .createTable('case_documents')
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('dated', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('voided_seq', 'integer')
    .addColumn('excluded_seq', 'integer')
    .addPrimaryKeyConstraint('case_documents_pk', ['case_id', 'document_id'])
    .execute();
  await db.schema.createIndex('case_documents_sha256').on('case_documents').column('sha256').execute();

  await db.schema
    .createTable('case_redress')
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('redress_id', 'text', (c) => c.notNull())
    .addColumn('victim_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('amount_kzt', 'bigint', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('paid_kzt', 'bigint', (c) => c.notNull())
    .addColumn('paid_on', 'text')
    .addPrimaryKeyConstraint('case_redress_pk', ['case_id', 'redress_id'])
    .execute();

  await db.schema
    .createTable('case_clocks')
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('clock_key', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('pending_due_at', 'text')
    .addPrimaryKeyConstraint('case_clocks_pk', ['case_id', 'clock_key'])
    .execute();
  await db.schema.createIndex('case_clocks_pending').on('case_clocks').column('pending_due_at').execute();

  await db.schema
    .createTable('case_findings')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('params', 'text')
    .addColumn('pack', 'text', (c) => c.notNull())
    .addColumn('pack_version', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_findings_case').on('case_findings').column('case_id').execute();

  await db.schema
    .createTable('officials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('agency', 'text', (c) => c.notNull())
    .addColumn('facility_id', 'text')
    .addColumn('unit', 'text')
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('officials_name').on('officials').columns(['name_key', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'officials',
    'case_findings',
    'case_clocks',
    'case_redress',
    'case_documents',
    'case_defendants',
    'case_sources',
    'cases',
  ])
    await db.schema.dropTable(table).ifExists().execute();
}
