import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Principal } from '../access/principal.js';
import { AccountReason, PasswordResetInput } from '../domain/accounts/inputs.js';
import { userDecider, userStream } from '../domain/accounts/user-account.js';
import type { Database } from '../store/database.js';
import type { AccountRow } from '../store/schema/access.js';
import type { Store } from '../store/types.js';
import { requireAccess } from './access.js';
import { requireUserAccount } from './accounts.js';
import { NotFoundError } from './errors.js';
import { execute } from './execute.js';
import { decodeCursor, encodeCursor, pageSize } from './paging.js';
import { hashPassword } from './passwords.js';
import { parseInput } from './validate.js';

/*
 * Account administration (issue 18 item 4, issue 17 item 8): the administrator lists people's
 * accounts and service accounts, disables and enables people, resets a password and revokes a
 * token (src/app/accounts.ts). The views say who holds which role and scope and whether the
 * account works — never anything of the records those accounts read or write. Every change is an
 * entry in the log naming the administrator and the reason; secrets stay in their own tables.
 */

export type AccountKind = 'user' | 'service';
export type AccountState = 'active' | 'disabled' | 'revoked';

/** An account as the administrator sees it: role, scope and state; no secret and no case content. */
export interface AccountView {
  id: string;
  kind: AccountKind;
  /** A person's login name; null for a service account. */
  username: string | null;
  name: string;
  role: string;
  facilities: { id: string; name: string }[];
  regions: string[];
  sex: string | null;
  /** A person's account is active or disabled; a service account's token is active or revoked. */
  state: AccountState;
  createdAt: string;
  updatedAt: string;
}

const stateOf = (row: AccountRow): AccountState =>
  row.disabled === 0 ? 'active' : row.kind === 'service' ? 'revoked' : 'disabled';

async function viewsOf(store: Store, rows: AccountRow[]): Promise<AccountView[]> {
  const facilityIds = [...new Set(rows.flatMap((row) => JSON.parse(row.facilities) as string[]))];
  const names = new Map(
    facilityIds.length === 0
      ? []
      : (
          await store.db
            .selectFrom('facilities')
            .select(['id', 'name'])
            .where('id', 'in', facilityIds)
            .execute()
        ).map((facility) => [facility.id, facility.name] as const),
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    username: row.username,
    name: row.name,
    role: row.role,
    facilities: (JSON.parse(row.facilities) as string[]).map((id) => ({ id, name: names.get(id) ?? id })),
    regions: JSON.parse(row.regions) as string[],
    sex: row.sex,
    state: stateOf(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

/** Every account of a kind (people by login name, service accounts by name), working ones first. */
export async function listAccounts(store: Store, kind: AccountKind): Promise<AccountView[]> {
  const rows = await store.db
    .selectFrom('accounts')
    .selectAll()
    .where('kind', '=', kind)
    .orderBy('disabled')
    .orderBy(kind === 'user' ? 'username' : 'name')
    .orderBy('id')
    .execute();
  return viewsOf(store, rows);
}

/** The administrator's list of accounts (issue 18, "One list component"): its filters and page. */
export interface AccountQuery {
  kind?: AccountKind | undefined;
  state?: AccountState | undefined;
  role?: string | undefined;
  /** Created at or after `from` and before `before` (ISO 8601 instants). */
  created?: { from?: string | undefined; to?: string | undefined } | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/** People before service accounts, working ones first, then by login name (a person) or name. */
const sortName = sql<string>`coalesce(username, name)`;

/** The rows `query` asks for, as one condition: the page and its count apply the same. */
function accountConditions(query: AccountQuery) {
  return (eb: ExpressionBuilder<Database, 'accounts'>) => {
    const conditions: Expression<SqlBool>[] = [];
    if (query.kind !== undefined) conditions.push(eb('kind', '=', query.kind));
    if (query.role !== undefined) conditions.push(eb('role', '=', query.role));
    if (query.state === 'active') conditions.push(eb('disabled', '=', 0));
    if (query.state === 'disabled' || query.state === 'revoked')
      conditions.push(
        eb('disabled', '=', 1),
        eb('kind', '=', query.state === 'disabled' ? 'user' : 'service'),
      );
    if (query.created?.from !== undefined) conditions.push(eb('created_at', '>=', query.created.from));
    if (query.created?.to !== undefined) conditions.push(eb('created_at', '<', query.created.to));
    return eb.and(conditions);
  };
}

/**
 * A page of the accounts `query` asks for, for the administrator alone (`account.manage`), in
 * keyset order (people first, working ones first, by name), and the cursor of the next page.
 */
export async function pageAccounts(
  store: Store,
  principal: Principal | null,
  query: AccountQuery,
): Promise<{ items: AccountView[]; next: string | null }> {
  requireAccess(principal, 'account.manage');
  const limit = pageSize(query.limit);
  let select = store.db.selectFrom('accounts').selectAll().select(sortName.as('sort_name'));
  select = select.where(accountConditions(query));
  if (query.cursor !== undefined) {
    const [kind, disabled, name, id] = decodeCursor<[string, number, string, string]>(query.cursor, [
      'string',
      'number',
      'string',
      'string',
    ]);
    select = select.where((eb) =>
      eb.or([
        eb('kind', '<', kind as AccountKind),
        eb.and([eb('kind', '=', kind as AccountKind), eb('disabled', '>', disabled)]),
        eb.and([
          eb('kind', '=', kind as AccountKind),
          eb('disabled', '=', disabled),
          eb(sortName, '>', name),
        ]),
        eb.and([
          eb('kind', '=', kind as AccountKind),
          eb('disabled', '=', disabled),
          eb(sortName, '=', name),
          eb('id', '>', id),
        ]),
      ]),
    );
  }
  const rows = await select
    .orderBy('kind', 'desc')
    .orderBy('disabled')
    .orderBy(sortName)
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: await viewsOf(store, page),
    next:
      rows.length > limit && last
        ? encodeCursor([last.kind, Number(last.disabled), last.sort_name, last.id])
        : null,
  };
}

/** How many accounts `query` asks for (the administrator alone), in one count. */
export async function countAccounts(
  store: Store,
  principal: Principal | null,
  query: AccountQuery,
): Promise<number> {
  requireAccess(principal, 'account.manage');
  const row = await store.db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll().as('count'))
    .where(accountConditions(query))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** One account of a kind, or NotFoundError. */
export async function getAccount(store: Store, kind: AccountKind, id: string): Promise<AccountView> {
  const row = await store.db
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', id)
    .where('kind', '=', kind)
    .executeTakeFirst();
  if (!row)
    throw new NotFoundError(
      kind === 'user' ? `there is no user account ${id}` : `there is no service account ${id}`,
    );
  const [view] = await viewsOf(store, [row]);
  return view as AccountView;
}

/** The account id of a login name (as typed: case and spaces do not matter), or NotFoundError. */
export async function userIdOf(store: Store, username: string): Promise<string> {
  const row = await store.db
    .selectFrom('accounts')
    .select('id')
    .where('kind', '=', 'user')
    .where('username', '=', username.trim().toLowerCase())
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`there is no user ${username.trim().toLowerCase()}`);
  return row.id;
}

/** Gives a disabled person's account back its access (a new entry; the disabling stays in the log). */
export async function enableUser(
  store: Store,
  accountId: string,
  reason: string,
  actor: string,
  now: Date = new Date(),
): Promise<void> {
  const why = parseInput(AccountReason, reason);
  await requireUserAccount(store, accountId);
  await execute(store, userStream(accountId), userDecider, {
    type: 'enable-user',
    accountId,
    reason: why,
    at: now.toISOString(),
    actor,
  });
}

/**
 * Sets a new password for a person, chosen by the administrator (a temporary one to hand over) and
 * held to the same strength rule as any password. The log records the reset, who did it and why,
 * before the credential changes, so no password changes without an entry; every session of the
 * person ends, and the lockout of their login name is lifted.
 */
export async function resetPassword(
  store: Store,
  accountId: string,
  input: PasswordResetInput,
  actor: string,
  now: Date = new Date(),
): Promise<void> {
  const reset = parseInput(PasswordResetInput, input);
  await requireUserAccount(store, accountId);
  const credential = await store.db
    .selectFrom('credentials')
    .select('username')
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!credential) throw new NotFoundError(`the account ${accountId} has no password to reset`);
  const passwordHash = await hashPassword(reset.password);
  await execute(store, userStream(accountId), userDecider, {
    type: 'reset-password',
    accountId,
    reason: reset.reason,
    at: now.toISOString(),
    actor,
  });
  await store.db
    .updateTable('credentials')
    .set({
      password_hash: passwordHash,
      tag: store.rows.tag('credentials', {
        account_id: accountId,
        username: credential.username,
        password_hash: passwordHash,
      }),
    })
    .where('account_id', '=', accountId)
    .execute();
  await store.db.deleteFrom('sessions').where('account_id', '=', accountId).execute();
  await store.db.deleteFrom('login_throttle').where('key', '=', `user:${credential.username}`).execute();
}
