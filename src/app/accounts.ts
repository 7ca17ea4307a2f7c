import { createHash, randomBytes } from 'node:crypto';
import type { Principal, Role, Sex } from '../access/principal.js';
import {
  AccessChange,
  AccountReason,
  TokenInput,
  UserInput,
  type AccessChange as AccessChangeInput,
  type TokenInput as TokenInputType,
  type UserInput as UserInputType,
} from '../domain/accounts/inputs.js';
import { serviceAccountDecider, serviceAccountStream } from '../domain/accounts/service-account.js';
import { userDecider, userStream } from '../domain/accounts/user-account.js';
import { regionSpellings } from '../domain/registry/regions.js';
import { prepared } from '../store/prepared.js';
import type { AccountRow } from '../store/schema/access.js';
import type { Store } from '../store/types.js';
import { ConflictError, NotFoundError, RefusedError } from './errors.js';
import { execute } from './execute.js';
import { newId } from './ids.js';
import { hashPassword } from './passwords.js';
import { parseInput } from './validate.js';

/** Bearer tokens: a fixed prefix (so secret scanners recognise them) and 32 random bytes, base64url. */
const TOKEN_PREFIX = 'hbs_';
const TOKEN_PATTERN = /^hbs_[A-Za-z0-9_-]{43}$/;

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * The principal an account row describes (the row is the projection of the account's events). Its
 * regions are every spelling of the account's regions (the current ISO 3166-2:KZ code and the
 * legacy alpha codes of the same region, src/domain/registry/regions.ts): the facilities read
 * model keeps each facility's code as its entry has it, so a scope of KZ-75 finds a facility
 * registered as KZ-ALA, and one of KZ-ALA (an account made before the codes were listed) one
 * registered as KZ-75, in every `where region in (…)` of the services.
 */
export function principalFromAccount(row: AccountRow): Principal {
  return {
    id: row.id,
    kind: row.kind,
    ...(row.username !== null ? { username: row.username } : {}),
    name: row.name,
    role: row.role as Role,
    facilities: JSON.parse(row.facilities) as string[],
    regions: regionSpellings(JSON.parse(row.regions) as string[]),
    ...(row.sex !== null ? { sex: row.sex as Sex } : {}),
  };
}

async function requireFacilities(store: Store, facilities: readonly string[]): Promise<void> {
  if (facilities.length === 0) return;
  const known = await store.db
    .selectFrom('facilities')
    .select('id')
    .where('id', 'in', [...facilities])
    .execute();
  const missing = facilities.filter((id) => !known.some((row) => row.id === id));
  if (missing.length > 0)
    throw new RefusedError({ detail: `unknown facility: ${missing.join(', ')}`, field: 'facilities' });
}

/**
 * Creates a person's account. The log records the account, its role and scope and who created
 * it; the argon2id hash goes to the credentials table only.
 */
export async function createUser(
  store: Store,
  input: UserInputType,
  actor: string,
  now: Date = new Date(),
): Promise<{ id: string }> {
  const user = parseInput(UserInput, input);
  await requireFacilities(store, user.facilities);
  const accountId = newId();
  const at = now.toISOString();
  // The credential first: its unique login name is claimed before the log says the account exists.
  const passwordHash = await hashPassword(user.password);
  try {
    const credential = { account_id: accountId, username: user.username, password_hash: passwordHash };
    await store.db
      .insertInto('credentials')
      .values({ ...credential, created_at: at, tag: store.rows.tag('credentials', credential) })
      .execute();
  } catch (error) {
    const taken = await store.db
      .selectFrom('credentials')
      .select('account_id')
      .where('username', '=', user.username)
      .executeTakeFirst();
    if (taken) throw new ConflictError(`the login name ${user.username} is taken`);
    throw error;
  }
  try {
    await execute(store, userStream(accountId), userDecider, {
      type: 'create-user',
      accountId,
      username: user.username,
      name: user.name,
      role: user.role,
      facilities: user.facilities,
      regions: user.regions,
      sex: user.sex,
      at,
      actor,
    });
  } catch (error) {
    await store.db.deleteFrom('credentials').where('account_id', '=', accountId).execute();
    throw error;
  }
  return { id: accountId };
}

/** Changes a person's role and scope (an administrator's change, recorded in the log). */
export async function changeUserAccess(
  store: Store,
  accountId: string,
  change: AccessChangeInput,
  actor: string,
  now: Date = new Date(),
): Promise<void> {
  const access = parseInput(AccessChange, change);
  await requireFacilities(store, access.facilities);
  await execute(store, userStream(accountId), userDecider, {
    type: 'change-user-access',
    accountId,
    ...access,
    at: now.toISOString(),
    actor,
  });
  // Open sessions carry the old scope only through the accounts row, which the append just updated.
}

/** A person's account must exist before an administrator changes it (404, not a 422 refusal). */
export async function requireUserAccount(store: Store, accountId: string): Promise<void> {
  if ((await store.streamVersion(userStream(accountId))) === 0)
    throw new NotFoundError(`there is no user account ${accountId}`);
}

/**
 * Disables a person's account and ends their sessions; the reason goes into the log with who did
 * it. An administrator cannot disable their own account (nobody would be left to enable it).
 */
export async function disableUser(
  store: Store,
  accountId: string,
  reason: string,
  actor: string,
  now: Date = new Date(),
): Promise<void> {
  const why = parseInput(AccountReason, reason);
  await requireUserAccount(store, accountId);
  if (accountId === actor)
    throw new RefusedError({ detail: 'you cannot disable your own account: ask another administrator' });
  await execute(store, userStream(accountId), userDecider, {
    type: 'disable-user',
    accountId,
    reason: why,
    at: now.toISOString(),
    actor,
  });
  await store.db.deleteFrom('sessions').where('account_id', '=', accountId).execute();
}

/**
 * Issues a service account with a bearer token. The token is returned once and never stored:
 * the tokens table keeps its SHA-256, the log records the account, its role and scope.
 */
export async function createToken(
  store: Store,
  input: TokenInputType,
  actor: string,
  now: Date = new Date(),
): Promise<{ id: string; token: string }> {
  const account = parseInput(TokenInput, input);
  await requireFacilities(store, account.facilities);
  const accountId = newId();
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const at = now.toISOString();
  const row = { account_id: accountId, token_hash: tokenHash(token) };
  await store.db
    .insertInto('tokens')
    .values({ ...row, created_at: at, tag: store.rows.tag('tokens', row) })
    .execute();
  try {
    await execute(store, serviceAccountStream(accountId), serviceAccountDecider, {
      type: 'issue-token',
      accountId,
      name: account.name,
      role: account.role,
      facilities: account.facilities,
      regions: account.regions,
      sex: account.sex,
      at,
      actor,
    });
  } catch (error) {
    await store.db.deleteFrom('tokens').where('account_id', '=', accountId).execute();
    throw error;
  }
  return { id: accountId, token };
}

/** Revokes a service account's token; it stops working at once. */
export async function revokeToken(
  store: Store,
  accountId: string,
  reason: string,
  actor: string,
  now: Date = new Date(),
): Promise<void> {
  const why = parseInput(AccountReason, reason);
  if ((await store.streamVersion(serviceAccountStream(accountId))) === 0)
    throw new NotFoundError(`there is no service account ${accountId}`);
  await execute(store, serviceAccountStream(accountId), serviceAccountDecider, {
    type: 'revoke-token',
    accountId,
    reason: why,
    at: now.toISOString(),
    actor,
  });
}

/** The enabled account of a token hash: every API request asks it (prepared once). */
const accountOfToken = prepared((db, hash: string) =>
  db
    .selectFrom('tokens')
    .innerJoin('accounts', 'accounts.id', 'tokens.account_id')
    .select(['tokens.token_hash', 'tokens.tag as token_tag'])
    .selectAll('accounts')
    .where('tokens.token_hash', '=', hash)
    .where('accounts.disabled', '=', 0),
);

/**
 * Whether the account row is as the server wrote it (its tag, src/store/row-tags.ts). A row whose
 * role, scope or state was changed in the database is not trusted, and the change is reported.
 */
export function trustedAccount(store: Store, row: AccountRow): boolean {
  if (store.rows.matches('accounts', row)) return true;
  store.noticeTamperedRow('accounts');
  return false;
}

/** The service principal a bearer token stands for, or null (unknown, malformed, revoked, or forged in the database). */
export async function authenticateToken(store: Store, token: string): Promise<Principal | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await accountOfToken.first(store.db, tokenHash(token));
  if (!row) return null;
  if (!store.rows.matches('tokens', { account_id: row.id, token_hash: row.token_hash, tag: row.token_tag })) {
    store.noticeTamperedRow('tokens');
    return null;
  }
  return trustedAccount(store, row) ? principalFromAccount(row) : null;
}
