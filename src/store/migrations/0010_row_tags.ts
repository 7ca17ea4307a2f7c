/* eslint-disable @typescript-eslint/no-explicit-any -- a migration is frozen in time: it sees Kysely<any>, never the app's Database type (STYLE.md "SQL") */
import type { Kysely } from 'kysely';

/*
 * Row tags (issue 17): the rows that decide who someone is — the account with its role and scope,
 * the password hash, the token hash, the page session, a complaint's PIN hash — carry an HMAC of
 * their deciding columns under the data directory's integrity key. An operator who can write to the
 * database but not read the data directory cannot make one: a password hash swapped to log in as a
 * procurator, a token row added for a monitor's account, a session moved to another account, a
 * role or scope raised in `accounts` are refused as if absent. Null until the store that owns the
 * key first opens the database (then filled once, before anything was anchored).
 *
 * Frozen in time: no application imports.
 */
const TABLES = ['accounts', 'credentials', 'tokens', 'sessions', 'complaint_pins'];

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await db.schema.alterTable(table).addColumn('tag', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await db.schema.alterTable(table).dropColumn('tag').execute();
}
