import { createHash, randomBytes } from 'node:crypto';
import type { Principal } from '../access/principal.js';
import type { Store } from '../store/types.js';
import { principalFromAccount } from './accounts.js';
import { verifyPassword } from './passwords.js';

/*
 * Page sessions of people (the pages' login). The session id lives in the signed cookie and, as
 * its SHA-256, in the sessions table, so a copy of the database opens no session. Limits follow
 * OWASP's Session Management Cheat Sheet for a high-value application.
 */

/** A session unused for this long is over. */
export const SESSION_IDLE_MS = 30 * 60_000;
/** No session lasts longer than a working day, however active. */
export const SESSION_ABSOLUTE_MS = 12 * 3_600_000;
/** last_seen_at is written at most this often, so a busy page does not write on every request. */
const TOUCH_INTERVAL_MS = 60_000;

/** Lockout after repeated failures (OWASP Authentication Cheat Sheet): per login name and per address. */
export const LOCKOUT = {
  userFailures: 5,
  addressFailures: 50,
  /** Failures further apart than this start a new count. */
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
} as const;

const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const hashOf = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');
const secret = (): string => randomBytes(32).toString('base64url');

export interface LoginResult {
  sessionId: string;
  csrfToken: string;
  principal: Principal;
}

/**
 * Checks a login name and password and opens a session, or answers null (wrong name, wrong
 * password, disabled account or locked out: the caller cannot tell which). argon2 runs in every
 * case, so the answer takes as long for an unknown name as for a wrong password.
 */
export async function login(
  store: Store,
  attempt: { username: string; password: string; ip: string },
  now: Date = new Date(),
): Promise<LoginResult | null> {
  const username = attempt.username.trim().toLowerCase().slice(0, 64);
  const keys = [`user:${username}`, `ip:${attempt.ip}`];
  const at = now.toISOString();

  const throttles = await store.db
    .selectFrom('login_throttle')
    .selectAll()
    .where('key', 'in', keys)
    .execute();
  const locked = throttles.some((row) => row.locked_until !== null && row.locked_until > at);
  const credential = await store.db
    .selectFrom('credentials')
    .innerJoin('accounts', 'accounts.id', 'credentials.account_id')
    .select(['credentials.password_hash'])
    .selectAll('accounts')
    .where('credentials.username', '=', username)
    .executeTakeFirst();
  const passwordMatches = await verifyPassword(
    credential?.password_hash ?? null,
    attempt.password.slice(0, 1024),
  );

  if (locked || !passwordMatches || !credential || credential.disabled !== 0) {
    await recordFailure(store, `user:${username}`, LOCKOUT.userFailures, throttles, now);
    await recordFailure(store, `ip:${attempt.ip}`, LOCKOUT.addressFailures, throttles, now);
    return null;
  }

  await store.db.deleteFrom('login_throttle').where('key', '=', `user:${username}`).execute();
  await pruneExpiredSessions(store, now);
  const sessionId = secret();
  const csrfToken = secret();
  await store.db
    .insertInto('sessions')
    .values({
      id_hash: hashOf(sessionId),
      account_id: credential.id,
      csrf_token: csrfToken,
      created_at: at,
      last_seen_at: at,
    })
    .execute();
  return { sessionId, csrfToken, principal: principalFromAccount(credential) };
}

async function recordFailure(
  store: Store,
  key: string,
  threshold: number,
  known: { key: string; failures: number; last_failure_at: string; locked_until: string | null }[],
  now: Date,
): Promise<void> {
  const previous = known.find((row) => row.key === key);
  const recent = previous && now.getTime() - Date.parse(previous.last_failure_at) < LOCKOUT.windowMs;
  const failures = recent ? previous.failures + 1 : 1;
  const lockedUntil =
    failures >= threshold
      ? new Date(now.getTime() + LOCKOUT.lockMs).toISOString()
      : (previous?.locked_until ?? null);
  const row = { failures, last_failure_at: now.toISOString(), locked_until: lockedUntil };
  await store.db
    .insertInto('login_throttle')
    .values({ key, ...row })
    .onConflict((conflict) => conflict.column('key').doUpdateSet(row))
    .execute();
}

async function pruneExpiredSessions(store: Store, now: Date): Promise<void> {
  await store.db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('last_seen_at', '<', new Date(now.getTime() - SESSION_IDLE_MS).toISOString()),
        eb('created_at', '<', new Date(now.getTime() - SESSION_ABSOLUTE_MS).toISOString()),
      ]),
    )
    .execute();
}

/** The principal of a live session and its CSRF token, or null (unknown, expired, or the account disabled). */
export async function sessionPrincipal(
  store: Store,
  sessionId: string,
  now: Date = new Date(),
): Promise<{ principal: Principal; csrfToken: string } | null> {
  if (!SECRET_PATTERN.test(sessionId)) return null;
  const idHash = hashOf(sessionId);
  const row = await store.db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .select(['sessions.csrf_token', 'sessions.created_at as session_created_at', 'sessions.last_seen_at'])
    .selectAll('accounts')
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row || row.disabled !== 0) return null;
  const idleFor = now.getTime() - Date.parse(row.last_seen_at);
  const age = now.getTime() - Date.parse(row.session_created_at);
  if (idleFor > SESSION_IDLE_MS || age > SESSION_ABSOLUTE_MS) {
    await store.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return null;
  }
  if (idleFor > TOUCH_INTERVAL_MS) {
    await store.db
      .updateTable('sessions')
      .set({ last_seen_at: now.toISOString() })
      .where('id_hash', '=', idHash)
      .execute();
  }
  return { principal: principalFromAccount(row), csrfToken: row.csrf_token };
}

/** Ends a session (sign out). Unknown ids are ignored. */
export async function logout(store: Store, sessionId: string): Promise<void> {
  if (!SECRET_PATTERN.test(sessionId)) return;
  await store.db.deleteFrom('sessions').where('id_hash', '=', hashOf(sessionId)).execute();
}
