import { createHash, randomBytes } from 'node:crypto';
import type { Principal } from '../access/principal.js';
import type { Store } from '../store/types.js';
import { principalFromAccount, trustedAccount } from './accounts.js';
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

/**
 * Lockout after repeated failures (OWASP Authentication Cheat Sheet), made so that an attacker
 * cannot use it to keep an official out (OWASP "Slow Down Online Guessing Attacks with Device
 * Cookies"). A browser that has signed in to an account before holds a device cookie for it
 * (src/http/device-cookie.ts) and is counted on its own: failures from elsewhere, however many,
 * never lock it out. Every other client ("untrusted") is counted per login name and per address.
 * A lock runs its time and is not extended by failures during it, so an official is never locked
 * out for longer than `lockMs` after an attack stops.
 */
export const LOCKOUT = {
  /** Failures of untrusted clients for one login name that lock all untrusted clients out of it. */
  userFailures: 5,
  /** Failures from one address (untrusted clients) that lock that address out. */
  addressFailures: 50,
  /** Failures of one trusted device (a device cookie) that lock that device out. */
  deviceFailures: 5,
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
  /** A new device secret for this login name, for the browser's device cookie (a successful login only). */
  device: string;
}

/** A login attempt; `device` is the secret of a valid device cookie for this very login name, or absent. */
export interface LoginAttempt {
  username: string;
  password: string;
  ip: string;
  device?: string | null | undefined;
}

/** The login name as stored: trimmed, lower case, at most 64 characters. */
export const loginName = (username: string): string => username.trim().toLowerCase().slice(0, 64);

/** Which lockout counters an attempt counts against: its device's, or the name's and the address's. */
function throttleKeys(username: string, attempt: LoginAttempt): string[] {
  if (attempt.device && SECRET_PATTERN.test(attempt.device)) return [`device:${hashOf(attempt.device)}`];
  return [`user:${username}`, `ip:${attempt.ip}`];
}

const thresholdOf = (key: string): number =>
  key.startsWith('device:')
    ? LOCKOUT.deviceFailures
    : key.startsWith('user:')
      ? LOCKOUT.userFailures
      : LOCKOUT.addressFailures;

/** Whether the password row is as the server wrote it (src/store/row-tags.ts). */
function trustedCredential(
  store: Store,
  row: { id: string; login: string; password_hash: string; credential_tag: string | null },
): boolean {
  const ok = store.rows.matches('credentials', {
    account_id: row.id,
    username: row.login,
    password_hash: row.password_hash,
    tag: row.credential_tag,
  });
  if (!ok) store.noticeTamperedRow('credentials');
  return ok;
}

/**
 * Checks a login name and password and opens a session, or answers null (wrong name, wrong
 * password, disabled account or locked out: the caller cannot tell which). argon2 runs in every
 * case, so the answer takes as long for an unknown name as for a wrong password.
 */
export async function login(
  store: Store,
  attempt: LoginAttempt,
  now: Date = new Date(),
): Promise<LoginResult | null> {
  const username = loginName(attempt.username);
  const keys = throttleKeys(username, attempt);
  const at = now.toISOString();

  const throttles = await store.db
    .selectFrom('login_throttle')
    .selectAll()
    .where('key', 'in', keys)
    .execute();
  const locked = throttles.some((row) => row.locked_until !== null && row.locked_until > at);
  const found = await store.db
    .selectFrom('credentials')
    .innerJoin('accounts', 'accounts.id', 'credentials.account_id')
    .select([
      'credentials.password_hash',
      'credentials.username as login',
      'credentials.tag as credential_tag',
    ])
    .selectAll('accounts')
    .where('credentials.username', '=', username)
    .executeTakeFirst();
  // A password hash or an account row changed in the database is not the server's: it opens nothing.
  const credential =
    found && trustedCredential(store, found) && trustedAccount(store, found) ? found : undefined;
  const passwordMatches = await verifyPassword(
    credential?.password_hash ?? null,
    attempt.password.slice(0, 1024),
  );

  if (locked || !passwordMatches || !credential || credential.disabled !== 0) {
    for (const key of keys) await recordFailure(store, key, thresholdOf(key), throttles, now);
    return null;
  }

  // Success clears the count of what succeeded: this device, or the name's untrusted clients.
  await store.db
    .deleteFrom('login_throttle')
    .where('key', '=', keys[0] as string)
    .execute();
  await pruneExpiredSessions(store, now);
  const sessionId = secret();
  const csrfToken = secret();
  const session = {
    id_hash: hashOf(sessionId),
    account_id: credential.id,
    csrf_token: csrfToken,
    created_at: at,
  };
  await store.db
    .insertInto('sessions')
    .values({ ...session, last_seen_at: at, tag: store.rows.tag('sessions', session) })
    .execute();
  return { sessionId, csrfToken, principal: principalFromAccount(credential), device: secret() };
}

/**
 * Counts a failure against `key`, locking it for LOCKOUT.lockMs at `threshold`. During a lock
 * nothing changes (failures then would only extend it: the attacker's tool); once a lock has run
 * out, counting starts again from one.
 */
async function recordFailure(
  store: Store,
  key: string,
  threshold: number,
  known: { key: string; failures: number; last_failure_at: string; locked_until: string | null }[],
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const previous = known.find((row) => row.key === key);
  if (previous?.locked_until && previous.locked_until > at) return;
  const lockRanOut = previous?.locked_until !== null && previous?.locked_until !== undefined;
  const recent =
    previous !== undefined &&
    !lockRanOut &&
    now.getTime() - Date.parse(previous.last_failure_at) < LOCKOUT.windowMs;
  const failures = recent ? previous.failures + 1 : 1;
  const lockedUntil = failures >= threshold ? new Date(now.getTime() + LOCKOUT.lockMs).toISOString() : null;
  const row = { failures, last_failure_at: at, locked_until: lockedUntil };
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
    .select([
      'sessions.csrf_token',
      'sessions.created_at as session_created_at',
      'sessions.last_seen_at',
      'sessions.tag as session_tag',
    ])
    .selectAll('accounts')
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row || row.disabled !== 0) return null;
  // A session moved to another account, or an account row changed, in the database opens nothing.
  const session = {
    id_hash: idHash,
    account_id: row.id,
    csrf_token: row.csrf_token,
    created_at: row.session_created_at,
    tag: row.session_tag,
  };
  if (!store.rows.matches('sessions', session)) {
    store.noticeTamperedRow('sessions');
    return null;
  }
  if (!trustedAccount(store, row)) return null;
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
