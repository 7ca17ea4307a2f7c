import type { Kysely } from 'kysely';
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: Kysely<any>, never the app's types (STYLE.md "SQL") */

/*
 * Identity documents and how people were reached (issue 17 item 5). Read models, rebuilt from the
 * log like every other: `person_documents` from the documents of a person's registration, for an
 * exact look-up by (kind, normalised number); `person_reach` from the arrests and admissions that
 * brought a person into a facility's reach by an identity document or a hand-over, for oversight.
 * Frozen in time: no application imports, and only DDL both engines accept.
 */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('person_documents')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text')
    .addPrimaryKeyConstraint('person_documents_pk', ['kind', 'number', 'person_id'])
    .execute();
  await db.schema.createIndex('person_documents_person').on('person_documents').column('person_id').execute();

  await db.schema
    .createTable('person_reach')
    // The log seq of the arrest's or admission's entry.
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    // `arrest` (a custody stream) or `admission` (a prison stream), and that record's id.
    .addColumn('record', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    // `document` or `hand-over` (arrests and admissions of people already in scope are not kept here).
    .addColumn('reached_by', 'text', (c) => c.notNull())
    .addColumn('document_kind', 'text')
    // The apprehension or admission as stated, and the server time of the entry.
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('person_reach_facility')
    .on('person_reach')
    .columns(['facility_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('person_reach').ifExists().execute();
  await db.schema.dropTable('person_documents').ifExists().execute();
}
