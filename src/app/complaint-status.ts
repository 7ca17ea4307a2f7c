import { sql } from 'kysely';
import type { Principal } from '../access/principal.js';
import { normaliseReference } from '../domain/complaints/reference.js';
import type { ComplaintStatus } from '../domain/complaints/state.js';
import type { Store } from '../store/types.js';
import { requireAccess } from './access.js';
import type { ComplaintServices } from './complaints.js';
import type { ComplaintStatusView } from './complaint-views.js';
import { LockedOutError, NotFoundError } from './errors.js';
import { verifyPassword } from './passwords.js';

/*
 * The complainant's status check (issue 4): reference and PIN at any kiosk show the status and
 * when it last changed, never the content. The PIN is known only as its argon2id hash
 * (complaint_pins, outside the log); wrong tries are counted per reference in complaint_throttle,
 * whether or not the reference exists, so the answers never tell the two apart.
 */

/**
 * PIN lockout (issue 4): 5 wrong tries per reference, existing or not, each within 15 minutes of
 * the one before, lock it for 15 minutes.
 */
export const PIN_LOCKOUT = { failures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 } as const;
/** The one answer to a wrong PIN and to an unknown reference, so neither tells them apart. */
export const NO_MATCH = 'no complaint matches this reference and PIN';

/**
 * Reference and PIN at any kiosk: the status and when it last changed, never the content. A wrong
 * PIN and an unknown reference give the same NotFoundError after the same argon2id work; 5 wrong
 * tries for a reference, existing or not, lock it for 15 minutes (LockedOutError, 429).
 */
export async function complaintStatus(
  services: Pick<ComplaintServices, 'store'>,
  principal: Principal | null,
  typedReference: string,
  pin: string,
  now: Date,
): Promise<ComplaintStatusView> {
  requireAccess(principal, 'complaint.status');
  const { store } = services;
  const reference = normaliseReference(typedReference);
  if (reference === null) {
    // Cannot be a reference: no count to keep, but the same work and the same answer.
    await verifyPassword(null, pin);
    throw new NotFoundError(NO_MATCH);
  }
  // The try is counted before the PIN is checked, atomically: tries sent in parallel cannot all
  // pass a lock that none of them has written yet.
  const attempt = await countAttempt(store, reference, now);
  // Beyond the allowed tries the reference is locked, even before the fifth wrong one wrote its lock.
  const lockedUntil =
    attempt.lockedUntil ?? (attempt.tries > PIN_LOCKOUT.failures ? await lock(store, reference, now) : null);
  if (lockedUntil !== null)
    throw new LockedOutError(
      (Date.parse(lockedUntil) - now.getTime()) / 1000,
      `locked: try again after ${lockedUntil} (too many wrong PINs for this reference)`,
    );
  const [pinRow, complaint] = await Promise.all([
    store.db
      .selectFrom('complaint_pins')
      .select(['pin_hash', 'tag'])
      .where('reference', '=', reference)
      .executeTakeFirst(),
    store.db
      .selectFrom('complaints')
      .select(['status', 'status_at'])
      .where('reference', '=', reference)
      .executeTakeFirst(),
  ]);
  // A PIN hash replaced in the database is not the kiosk's: it opens nothing (src/store/row-tags.ts).
  const trusted =
    pinRow !== undefined &&
    store.rows.matches('complaint_pins', { reference, pin_hash: pinRow.pin_hash, tag: pinRow.tag });
  if (pinRow && !trusted) store.noticeTamperedRow('complaint_pins');
  const matches = await verifyPassword(trusted ? pinRow.pin_hash : null, pin.slice(0, 64));
  if (!matches || !complaint) {
    if (attempt.tries >= PIN_LOCKOUT.failures) await lock(store, reference, now);
    await forgetStaleAttempts(store, now);
    throw new NotFoundError(NO_MATCH);
  }
  await store.db.deleteFrom('complaint_throttle').where('key', '=', reference).execute();
  return { reference, status: complaint.status as ComplaintStatus, updatedAt: complaint.status_at };
}

/**
 * Counts one try for `key` and answers the tries in the window so far (this one included) and the
 * lock in force, if any. One statement on both engines: a count older than the window, or whose
 * lock has run out, starts again at 1.
 */
async function countAttempt(
  store: Store,
  key: string,
  now: Date,
): Promise<{ tries: number; lockedUntil: string | null }> {
  const at = now.toISOString();
  const stale = new Date(now.getTime() - PIN_LOCKOUT.windowMs).toISOString();
  const { rows } = await sql<{ failures: number | string; locked_until: string | null }>`
    insert into complaint_throttle (key, failures, last_failure_at, locked_until)
    values (${key}, 1, ${at}, null)
    on conflict (key) do update set
      failures = case
        when complaint_throttle.last_failure_at < ${stale}
          or (complaint_throttle.locked_until is not null and complaint_throttle.locked_until <= ${at})
        then 1 else complaint_throttle.failures + 1 end,
      locked_until = case
        when complaint_throttle.locked_until is not null and complaint_throttle.locked_until <= ${at}
        then null else complaint_throttle.locked_until end,
      last_failure_at = ${at}
    returning failures, locked_until`.execute(store.db);
  const row = rows[0];
  if (!row) throw new Error('the PIN throttle did not answer');
  return { tries: Number(row.failures), lockedUntil: row.locked_until };
}

/** Locks `key` for PIN_LOCKOUT.lockMs from `now`, unless a lock is already in force; answers the lock's end. */
async function lock(store: Store, key: string, now: Date): Promise<string> {
  const until = new Date(now.getTime() + PIN_LOCKOUT.lockMs).toISOString();
  await store.db
    .updateTable('complaint_throttle')
    .set({ locked_until: until })
    .where('key', '=', key)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now.toISOString())]))
    .execute();
  const row = await store.db
    .selectFrom('complaint_throttle')
    .select('locked_until')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.locked_until ?? until;
}

/** Forgets counts that can no longer lock anything, so that guessed references do not pile up. */
async function forgetStaleAttempts(store: Store, now: Date): Promise<void> {
  const stale = new Date(now.getTime() - PIN_LOCKOUT.windowMs).toISOString();
  await store.db
    .deleteFrom('complaint_throttle')
    .where('last_failure_at', '<', stale)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now.toISOString())]))
    .execute();
}
