import type { Kysely } from 'kysely';
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time: Kysely<any>, never the app's types (STYLE.md "SQL") */

/*
 * Read models of police custody (issue 3), kept by the custody projection in the append
 * transaction and rebuildable from the log. Frozen in time: no application imports, DDL that
 * SQLite and PostgreSQL both accept. Times are ISO 8601 UTC text (they compare as text).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('custody_episodes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('juvenile', 'integer', (c) => c.notNull())
    .addColumn('apprehended_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // Due time of kz.custody.limit: the desk's order, most urgent first.
    .addColumn('limit_due_at', 'text', (c) => c.notNull())
    // The decider's folded state (JSON), so that each event is applied without re-reading the stream.
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('custody_episodes_facility')
    .on('custody_episodes')
    .columns(['facility_id', 'status', 'limit_due_at'])
    .execute();
  await db.schema
    .createIndex('custody_episodes_status')
    .on('custody_episodes')
    .columns(['status', 'limit_due_at'])
    .execute();
  await db.schema.createIndex('custody_episodes_person').on('custody_episodes').column('person_id').execute();

  await db.schema
    .createTable('custody_clocks')
    .addColumn('custody_id', 'text', (c) => c.notNull())
    .addColumn('clock_key', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    // 75% of the allowed time: the first warning (issue 3).
    .addColumn('warn_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    // The due time while the clock runs and no finding is recorded for it, else null: what the
    // scheduler scans (an index over only the clocks that can still fire).
    .addColumn('pending_due_at', 'text')
    .addPrimaryKeyConstraint('custody_clocks_pk', ['custody_id', 'clock_key'])
    .execute();
  await db.schema
    .createIndex('custody_clocks_pending')
    .on('custody_clocks')
    .column('pending_due_at')
    .execute();

  await db.schema
    .createTable('custody_findings')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('custody_id', 'text', (c) => c.notNull())
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
    .createIndex('custody_findings_episode')
    .on('custody_findings')
    .column('custody_id')
    .execute();
  await db.schema
    .createIndex('custody_findings_rule')
    .on('custody_findings')
    .columns(['rule', 'seq'])
    .execute();
  await db.schema
    .createIndex('custody_findings_facility')
    .on('custody_findings')
    .columns(['facility_id', 'seq'])
    .execute();

  // kz.custody.injury-log: each injury entry opens a referral for the facility's medical staff.
  await db.schema
    .createTable('custody_referrals')
    .addColumn('custody_id', 'text', (c) => c.notNull())
    .addColumn('injury_seq', 'bigint', (c) => c.notNull())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('custody_referrals_pk', ['custody_id', 'injury_seq'])
    .execute();
  await db.schema
    .createIndex('custody_referrals_facility')
    .on('custody_referrals')
    .columns(['facility_id', 'status'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['custody_referrals', 'custody_findings', 'custody_clocks', 'custody_episodes']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
