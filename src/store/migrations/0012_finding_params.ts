/* eslint-disable @typescript-eslint/no-explicit-any -- a migration is frozen in time: it sees Kysely<any>, never the app's Database type (STYLE.md "SQL") */
import type { Kysely } from 'kysely';

/*
 * What a finding says, as data (issue 18 item 3): `params`, the RFC 8785 JSON of the parameters a
 * finding's entry carries, beside its English `detail`, in each findings read model — so that the
 * lists say every finding in their reader's language. Null for findings recorded before: their
 * entries have no parameters, and a rebuild from the log gives null for them too.
 *
 * Frozen in time: no application imports, and only DDL both engines accept.
 */

const TABLES = ['custody_findings', 'prison_findings', 'complaint_findings'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await db.schema.alterTable(table).addColumn('params', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await db.schema.alterTable(table).dropColumn('params').execute();
}
