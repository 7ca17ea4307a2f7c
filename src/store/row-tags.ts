/**
 * Row tags (issue 17, migration 0010): an HMAC, under the data directory's integrity key, of the
 * columns of a row that decide who someone is. The server writes the tag with the row and checks it
 * before trusting the row, so an operator who can write to the database but not read the data
 * directory cannot make a row count: a password hash swapped to sign in as a procurator, a token
 * row added for a monitor's account, a session moved to another account, a role or scope raised in
 * `accounts`, a complaint's PIN hash replaced — each is refused as if it were not there.
 */

/** The columns each tagged table's tag covers, in order (the rest — times seen, counters — may change freely). */
export const TAGGED_COLUMNS = {
  accounts: ['id', 'kind', 'username', 'name', 'role', 'facilities', 'regions', 'sex', 'disabled'],
  credentials: ['account_id', 'username', 'password_hash'],
  tokens: ['account_id', 'token_hash'],
  sessions: ['id_hash', 'account_id', 'csrf_token', 'created_at'],
  complaint_pins: ['reference', 'pin_hash'],
} as const;

export type TaggedTable = keyof typeof TAGGED_COLUMNS;
type Value = string | number | null | undefined;
export type TaggedRow<T extends TaggedTable> = { [K in (typeof TAGGED_COLUMNS)[T][number]]: Value };

export interface RowTagger {
  /** The tag of `row` as a row of `table`. */
  tag<T extends TaggedTable>(table: T, row: TaggedRow<T>): string;
  /** Whether `row` carries its tag (constant time). */
  matches<T extends TaggedTable>(table: T, row: TaggedRow<T> & { tag: string | null }): boolean;
}

/** The bytes a tag is computed over: the table and its tagged columns' values, as JSON. */
export function taggedText<T extends TaggedTable>(table: T, row: TaggedRow<T>): string {
  const columns = TAGGED_COLUMNS[table] as readonly string[];
  return JSON.stringify([table, ...columns.map((c) => (row as Record<string, Value>)[c] ?? null)]);
}
