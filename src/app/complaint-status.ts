import { sql } from 'kysely';
import type { Principal } from '../access/principal.js';
import { normaliseReference } from '../domain/complaints/reference.js';
import type { CaseStatus } from '../domain/cases/status.js';
import type { ComplaintStatus } from '../domain/complaints/state.js';
import type { Store } from '../store/types.js';
import { requireAccess } from './access.js';
import { caseStatusOfAllegation } from './cases.js';
import type { ComplaintServices } from './complaints.js';
import type { ComplaintAnswersView, ComplaintStatusView } from './complaint-views.js';
import { LockedOutError, NotFoundError } from './errors.js';
import { verifyPassword } from './passwords.js';
import { answerKeyFor } from './answer-keys.js';
import { complaintStream } from '../domain/complaints/events.js';
import { fromEntry } from '../domain/complaints/envelope.js';
import { answerKeyOf, openAnswer, sameAnswerKey, type AnswerKeyPair } from '../sealing/answer-key.js';
import { SealedFormatError, SealOpenError, sealedFromWire } from '../sealing/seal.js';

/*
 * The complainant's status check and answers (issue 4; issue 18 item 6): reference and PIN at any
 * kiosk show the status and when it last changed, and the authority's answers sealed to the
 * complainant — never the complaint's content. The PIN is known only by its verifier
 * (complaint_pins, outside the log): the public half of the answer key it derives with the server's
 * answer secret (src/sealing/answer-key.ts), or, for complaints made before answers could be read at
 * a kiosk, its argon2id hash. Once the allegation is in a criminal case, the case's number and
 * where it stands since when (issue 20 item 7), nothing more of it. Wrong tries are counted per reference in complaint_throttle, whether
 * or not the reference exists, so the answers never tell the two apart.
 */

/**
 * PIN lockout (issue 4): 5 wrong tries per reference, existing or not, each within 15 minutes of
 * the one before, lock it for 15 minutes.
 */
export const PIN_LOCKOUT = { failures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 } as const;
/** The one answer to a wrong PIN and to an unknown reference, so neither tells them apart. */
export const NO_MATCH = 'no complaint matches this reference and PIN';

type StatusServices = Pick<ComplaintServices, 'store' | 'sealing'>;

interface Matched {
  reference: string;
  complaint: { id: string; status: string; status_at: string };
  /** The answer key the PIN derived; null for a complaint whose PIN is kept as a hash. */
  answerKey: AnswerKeyPair | null;
}

/**
 * Reference and PIN checked, with the lockout: the complaint and, when its PIN verifier is an
 * answer key, that key. A wrong PIN and an unknown reference give the same NotFoundError after the
 * same argon2id work; 5 wrong tries for a reference, existing or not, lock it for 15 minutes
 * (LockedOutError, 429).
 */
async function matchReferenceAndPin(
  services: StatusServices,
  typedReference: string,
  pin: string,
  now: Date,
): Promise<Matched> {
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
      .select(['id', 'status', 'status_at'])
      .where('reference', '=', reference)
      .executeTakeFirst(),
  ]);
  // A PIN verifier replaced in the database is not the kiosk's: it opens nothing (src/store/row-tags.ts).
  const trusted =
    pinRow !== undefined &&
    store.rows.matches('complaint_pins', { reference, pin_hash: pinRow.pin_hash, tag: pinRow.tag });
  if (pinRow && !trusted) store.noticeTamperedRow('complaint_pins');
  const typed = pin.slice(0, 64);
  const expectedKey = trusted ? answerKeyOf(pinRow.pin_hash) : null;
  let answerKey: AnswerKeyPair | null = null;
  let matches: boolean;
  if (expectedKey !== null) {
    const derived = await answerKeyFor(services.sealing.dataDir, reference, typed);
    matches = sameAnswerKey(derived.publicKey, expectedKey);
    if (matches) answerKey = derived;
  } else matches = await verifyPassword(trusted ? pinRow.pin_hash : null, typed);
  if (!matches || !complaint) {
    if (attempt.tries >= PIN_LOCKOUT.failures) await lock(store, reference, now);
    await forgetStaleAttempts(store, now);
    throw new NotFoundError(NO_MATCH);
  }
  await store.db.deleteFrom('complaint_throttle').where('key', '=', reference).execute();
  return { reference, complaint, answerKey };
}

/**
 * The criminal case a complaint's allegation is in (issue 20 item 7: the complainant's lawyer, who
 * holds the receipt, sees the case's status): its number, where it stands and since when — nothing
 * else of the file. Null when the complaint is in no case.
 */
export interface ComplaintCaseView {
  number: string;
  status: CaseStatus;
  /** The day the allegation entered the case (YYYY-MM-DD). */
  since: string;
}

/** What reference and PIN show: the status and, once the allegation is in a criminal case, the case's. */
export type ComplaintStatusWithCase = ComplaintStatusView & { case: ComplaintCaseView | null };

/** Reference and PIN at any kiosk: the status and when it last changed, never the content. */
export async function complaintStatus(
  services: StatusServices,
  principal: Principal | null,
  typedReference: string,
  pin: string,
  now: Date,
): Promise<ComplaintStatusWithCase> {
  requireAccess(principal, 'complaint.status');
  const { reference, complaint } = await matchReferenceAndPin(services, typedReference, pin, now);
  return {
    reference,
    status: complaint.status as ComplaintStatus,
    updatedAt: complaint.status_at,
    case: await caseStatusOfAllegation(services.store, 'complaint', reference),
  };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reference and PIN at any kiosk (issue 18 item 6): the status, and the complaints authority's
 * answers opened with the answer key the PIN derives — on this server, in memory, for this answer
 * only. Answers given before answers were sealed to the complainant, or to a complaint whose PIN is
 * kept as a hash, cannot be opened here: they are counted, not shown. Not recorded as a read: the
 * complainant reads their own answer, and a log entry would tell the oversight bodies when someone
 * stood at which kiosk with which complaint.
 */
export async function complaintAnswers(
  services: StatusServices,
  principal: Principal | null,
  typedReference: string,
  pin: string,
  now: Date,
): Promise<ComplaintAnswersView & { case: ComplaintCaseView | null }> {
  requireAccess(principal, 'complaint.status');
  const { reference, complaint, answerKey } = await matchReferenceAndPin(services, typedReference, pin, now);
  const answers: ComplaintAnswersView['answers'] = [];
  let unreadable = 0;
  for (const stored of await services.store.readStream(complaintStream(complaint.id))) {
    if (stored.payload === null) continue;
    const event = fromEntry({ type: stored.entry.type, payload: stored.payload });
    if (event.type !== 'complaint-answered') continue;
    const text =
      answerKey !== null && event.payload.forComplainant !== undefined
        ? await openAnswerText(answerKey, event.payload.forComplainant)
        : null;
    if (text === null) unreadable += 1;
    else answers.push({ answeredAt: event.payload.answeredAt, text });
  }
  return {
    reference,
    status: complaint.status as ComplaintStatus,
    updatedAt: complaint.status_at,
    answers,
    unreadableAnswers: unreadable,
    case: await caseStatusOfAllegation(services.store, 'complaint', reference),
  };
}

/** The text of an answer sealed to the complainant, or null when it does not open as one. */
async function openAnswerText(key: AnswerKeyPair, sealed: unknown): Promise<string | null> {
  let bytes: Uint8Array;
  try {
    bytes = await openAnswer(key.privateKey, sealedFromWire(sealed));
  } catch (error) {
    if (error instanceof SealOpenError || error instanceof SealedFormatError) return null;
    throw error;
  }
  try {
    const value = JSON.parse(strictUtf8.decode(bytes)) as { text?: unknown } | null;
    return value !== null && typeof value === 'object' && typeof value.text === 'string' ? value.text : null;
  } catch {
    return null;
  } finally {
    bytes.fill(0);
  }
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
