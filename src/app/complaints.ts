import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Resource } from '../access/policy.js';
import type { Principal } from '../access/principal.js';
import { complaintClocks } from '../clocks/complaints.js';
import type { ComplaintCommand } from '../domain/complaints/commands.js';
import { complaintDecider } from '../domain/complaints/decide.js';
import { fromEntry, toEntry } from '../domain/complaints/envelope.js';
import { isRefusal, type EventMeta } from '../domain/decision.js';
import {
  complaintStream,
  type ComplaintCategory,
  type ComplaintChannel,
  type ProtectionKind,
  type SealedPayload,
} from '../domain/complaints/events.js';
import { courtOutcomesOf, evidenceExcludedOf, suspectsOf } from '../domain/complaints/evolve.js';
import {
  AllegationDecisionInput,
  AllegationOutcomeInput,
  AnswerInput,
  CloseInput,
  KioskComplaintInput,
  MAX_SEALED_TEXT_BYTES,
  ProtectionDecisionInput,
  ReceivedComplaintInput,
} from '../domain/complaints/inputs.js';
import {
  normaliseReference,
  referenceFromBytes,
  REFERENCE_RANDOM_BYTES,
} from '../domain/complaints/reference.js';
import type { ComplaintState, ComplaintStatus } from '../domain/complaints/state.js';
import { openCheckpoint } from '../ledger/checkpoint.js';
import { toBase64 } from '../ledger/hash.js';
import type { ComplaintRules } from '../rules/complaint-rules.js';
import { SealedFormatError, SealOpenError, sealedFromWire, sealedToWire, sealTo } from '../sealing/seal.js';
import type { ComplaintRow } from '../store/schema/complaints.js';
import type { AppendResult, Store } from '../store/types.js';
import { decideAndAppendWithState } from './execute.js';
import { appendRead } from './audit.js';
import { requireAccess } from './access.js';
import type {
  AllegationPage,
  AllegationSummary,
  AnswerView,
  ComplaintPage,
  ComplaintReceipt,
  ComplaintSummary,
  ComplaintView,
  CourtOutcomeView,
  DecisionView,
  PersonRef,
  ProtectionRequestView,
  ReceivedComplaint,
} from './complaint-views.js';
import {
  AccessDeniedError,
  ConflictError,
  InvalidInputError,
  NotFoundError,
  RefusedError,
  TooLargeError,
} from './errors.js';
import { newId } from './ids.js';
import { hashPassword } from './passwords.js';
import { getFacility, getPerson } from './registry.js';
import { isOnFacilityRoll } from './roll.js';
import type { SealingSessions } from './sealing-session.js';
import { parseInput } from './validate.js';
import { accountNames, clockView, findingViews } from './record-views.js';
import { decodeCursor, DEFAULT_PAGE, encodeCursor, MAX_PAGE, pageSize } from './paging.js';

/*
 * The complaint channel (issue 4): the application services behind the /complaints, /allegations,
 * /protection-requests and /sealing routes and the pages. Each write reads the complaint's stream,
 * lets the pure decider decide (src/domain/complaints) and appends with the version seen. The
 * server never sees a kiosk complaint's text; other channels' texts and the authority's answers
 * are sealed here, the moment they arrive, with the public key. Opening needs the key unlocked in
 * the reader's session (src/app/sealing-session.ts) and is recorded in the log before the content
 * is returned. The complainant's status check is in ./complaint-status.ts, recordings in
 * ./complaint-media.ts.
 */

export interface ComplaintServices {
  store: Store;
  complaintRules: ComplaintRules;
  /** The authority's key; its data directory also holds the sealed media (DATA/blobs/). */
  sealing: SealingSessions;
}

/** Who appends what the complaint clocks find (src/clocks/scheduler.ts). */
export const COMPLAINT_SCHEDULER_ACTOR = 'habeas:scheduler';

export const UNLOCK_FIRST =
  'unlock the complaints key first (POST /api/v1/sealing/unlock with the passphrase)';

const utf8 = new TextEncoder();

// ---------------------------------------------------------------------------------------------
// The write path

/** The complaint write path: decide on the complaint's stream, append, and return the new state. */
export async function decideAndAppendComplaint(
  services: Pick<ComplaintServices, 'store' | 'complaintRules'>,
  complaintId: string,
  command: ComplaintCommand,
  options: { fresh?: boolean } = {},
): Promise<{ result: AppendResult; state: ComplaintState }> {
  const decider = complaintDecider(services.complaintRules);
  // Appended under one public type (src/domain/complaints/envelope.ts); folded as the events they carry.
  return decideAndAppendWithState(
    services.store,
    complaintStream(complaintId),
    {
      initialState: decider.initialState,
      evolve: (state: ComplaintState, entry: { type: string; payload: unknown }, meta: EventMeta) =>
        decider.evolve(state, fromEntry(entry), meta),
      decide: (decided: ComplaintCommand, state: ComplaintState) => {
        const decision = decider.decide(decided, state);
        return isRefusal(decision) ? decision : decision.map(toEntry);
      },
    },
    command,
    options,
  );
}

/** A fresh reference that no complaint (nor any PIN) has yet. */
async function freshReference(store: Store): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const reference = referenceFromBytes(randomBytes(REFERENCE_RANDOM_BYTES));
    const [taken, pinned] = await Promise.all([
      store.db.selectFrom('complaints').select('id').where('reference', '=', reference).executeTakeFirst(),
      store.db
        .selectFrom('complaint_pins')
        .select('reference')
        .where('reference', '=', reference)
        .executeTakeFirst(),
    ]);
    if (!taken && !pinned) return reference;
  }
  throw new Error('could not draw an unused complaint reference');
}

/** The sealed payload from the wire, checked (422) and within the text limit (413). */
function sealedInput(value: unknown): SealedPayload {
  let sealed;
  try {
    sealed = sealedFromWire(value);
  } catch (error) {
    if (error instanceof SealedFormatError)
      throw new InvalidInputError([{ field: 'sealed', message: error.message }]);
    throw error;
  }
  if (sealed.ciphertext.length > MAX_SEALED_TEXT_BYTES)
    throw new TooLargeError(
      'the sealed complaint is larger than 1 MiB: send the text alone, and recordings as media afterwards',
    );
  return sealedToWire(sealed);
}

async function checkFacilityAndComplainant(
  store: Store,
  facilityId: string,
  complainant: { personId: string } | null | undefined,
): Promise<void> {
  if (!(await getFacility(store, facilityId)))
    throw new RefusedError({ detail: `there is no facility ${facilityId}`, field: 'facilityId' });
  if (complainant && !(await getPerson(store, complainant.personId)))
    throw new RefusedError({
      detail: `there is no person ${complainant.personId} in the register`,
      field: 'complainant.personId',
    });
}

function protectionRequests(input: {
  protectionRequested?: boolean | undefined;
  transferRequested?: boolean | undefined;
}): { kind: ProtectionKind; requestId: string }[] {
  return [
    ...(input.protectionRequested ? [{ kind: 'protection' as const, requestId: newId() }] : []),
    ...(input.transferRequested ? [{ kind: 'transfer' as const, requestId: newId() }] : []),
  ];
}

/**
 * A complaint from a kiosk (kz.complaint.channel): sealed in the terminal; the server keeps the
 * ciphertext in the log, the PIN's argon2id hash beside it (never in the log), and answers with a
 * receipt whose inclusion proof verifies against a signed checkpoint.
 */
export async function submitComplaint(
  services: ComplaintServices,
  principal: Principal | null,
  input: z.input<typeof KioskComplaintInput>,
  now: Date,
): Promise<ComplaintReceipt> {
  requireAccess(principal, 'complaint.submit');
  const complaint = parseInput(KioskComplaintInput, input);
  const kiosk = requireAccess(principal, 'complaint.submit', { facilities: [complaint.facilityId] });
  const sealed = sealedInput(complaint.sealed);
  // Without the authority's key nothing can have been sealed to it, and nothing could ever open.
  await services.sealing.publicKey();
  const { store } = services;
  await checkFacilityAndComplainant(store, complaint.facilityId, undefined);
  // A terminal names only someone on its own facility's roll (what its roll shows): never anyone
  // else in the country, and the refusal is the same whether the id is unknown or elsewhere.
  if (
    complaint.complainant &&
    !(await isOnFacilityRoll(store, complaint.facilityId, complaint.complainant.personId))
  )
    throw new RefusedError({
      detail:
        'the complainant must be someone on this facility’s roll: choose your name from the roll, or leave it out to complain anonymously',
      field: 'complainant.personId',
    });
  const reference = await freshReference(store);
  const complaintId = newId();
  // The PIN's hash first: a crash before the append leaves an unused hash, never a complaint without one.
  const pin = { reference, pin_hash: await hashPassword(complaint.pin) };
  await store.db
    .insertInto('complaint_pins')
    .values({ ...pin, created_at: now.toISOString(), tag: store.rows.tag('complaint_pins', pin) })
    .execute();
  let result: AppendResult;
  try {
    ({ result } = await decideAndAppendComplaint(
      services,
      complaintId,
      {
        type: 'submit-complaint',
        complaintId,
        reference,
        facilityId: complaint.facilityId,
        channel: 'kiosk',
        category: complaint.category,
        sealed,
        complainantId: complaint.complainant?.personId ?? null,
        protectionRequests: protectionRequests(complaint),
        receivedAt: null,
        now: now.toISOString(),
        actor: kiosk.id,
      },
      { fresh: true },
    ));
  } catch (error) {
    await store.db.deleteFrom('complaint_pins').where('reference', '=', reference).execute();
    throw error;
  }
  const entry = result.entries[0];
  if (entry === undefined) throw new Error('the complaint was not appended');
  return { reference, seq: entry.seq, ...(await receiptProof(store, entry.seq)), entry };
}

/** A signed checkpoint that covers `seq` and the inclusion proof of `seq` in its tree. */
async function receiptProof(
  store: Store,
  seq: number,
): Promise<Pick<ComplaintReceipt, 'checkpoint' | 'inclusionProof'>> {
  // Cosigned by the witnesses when they answer in time: the receipt then proves the complaint is in
  // the one history they all saw, not only in what this server signed.
  const { note: checkpoint } = await store.witnessed(await store.checkpoint());
  const { size } = openCheckpoint(checkpoint, store.verifierKey, store.origin);
  const hashes = await store.inclusionProof(seq, size);
  return { checkpoint, inclusionProof: { index: seq, size, hashes: hashes.map(toBase64) } };
}

/** The plaintext the server seals for other channels and answers: the kiosk's format (issue 4). */
async function sealText(
  services: ComplaintServices,
  content: { text: string; language?: string; writtenAt: string; media?: unknown[] },
): Promise<SealedPayload> {
  const publicKey = await services.sealing.publicKey();
  const plaintext = utf8.encode(JSON.stringify({ v: 1, ...content }));
  try {
    return sealedToWire(await sealTo(publicKey, plaintext));
  } finally {
    plaintext.fill(0);
  }
}

/**
 * A complaint received on paper, from a lawyer, a family member, the ombudsman or a hotline,
 * recorded by a complaints officer: sealed to the authority's key at once, only the ciphertext
 * stored. No PIN: the officer gives the reference to the sender.
 */
export async function recordReceivedComplaint(
  services: ComplaintServices,
  principal: Principal | null,
  input: z.input<typeof ReceivedComplaintInput>,
  now: Date,
): Promise<ReceivedComplaint> {
  const officer = requireAccess(principal, 'complaint.receive');
  const complaint = parseInput(ReceivedComplaintInput, input);
  const { store } = services;
  await checkFacilityAndComplainant(store, complaint.facilityId, complaint.complainant);
  const receivedAt = complaint.receivedAt ?? now.toISOString();
  if (Date.parse(receivedAt) > now.getTime())
    throw new RefusedError({
      detail: `the complaint cannot have been received in the future (${receivedAt})`,
      field: 'receivedAt',
    });
  const sealed = await sealText(services, {
    text: complaint.text,
    language: complaint.language ?? 'ru',
    writtenAt: receivedAt,
    media: [],
  });
  const reference = await freshReference(store);
  const complaintId = newId();
  const { result } = await decideAndAppendComplaint(
    services,
    complaintId,
    {
      type: 'submit-complaint',
      complaintId,
      reference,
      facilityId: complaint.facilityId,
      channel: complaint.channel,
      category: complaint.category,
      sealed,
      complainantId: complaint.complainant?.personId ?? null,
      protectionRequests: protectionRequests(complaint),
      receivedAt,
      now: now.toISOString(),
      actor: officer.id,
    },
    { fresh: true },
  );
  const seq = result.entries[0]?.seq;
  if (seq === undefined) throw new Error('the complaint was not appended');
  return { reference, seq };
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface ComplaintListRow extends ComplaintRow {
  facility_name: string;
  region: string;
  population: string;
  family_name: string | null;
  given_names: string | null;
  patronymic: string | null;
}

function selectComplaints(store: Store) {
  return store.db
    .selectFrom('complaints as c')
    .innerJoin('facilities as f', 'f.id', 'c.facility_id')
    .leftJoin('people as p', 'p.id', 'c.complainant_id')
    .selectAll('c')
    .select([
      'f.name as facility_name',
      'f.region',
      'f.population',
      'p.family_name',
      'p.given_names',
      'p.patronymic',
    ]);
}

/** The complaint with this reference (as typed), with its facility and complainant; NotFoundError otherwise. */
export async function complaintByReference(store: Store, typed: string): Promise<ComplaintListRow> {
  const reference = normaliseReference(typed);
  const row =
    reference === null
      ? undefined
      : await selectComplaints(store).where('c.reference', '=', reference).executeTakeFirst();
  if (!row) throw new NotFoundError(`there is no complaint ${typed.slice(0, 40)}`);
  return row;
}

/** Where a complaint sits for access: its facility, that facility's region and population. */
export const resourceOf = (
  row: Pick<ComplaintListRow, 'facility_id' | 'region' | 'population'>,
): Resource => ({
  facilities: [row.facility_id],
  regions: [row.region],
  populations: [row.population],
});

const personName = (row: {
  family_name: string | null;
  given_names: string | null;
  patronymic: string | null;
}) =>
  row.family_name === null
    ? '—'
    : [row.family_name, row.given_names, row.patronymic].filter((part) => part).join(' ');

function complainantOf(row: ComplaintListRow): PersonRef | null {
  return row.complainant_id === null ? null : { personId: row.complainant_id, name: personName(row) };
}

function summaryOf(
  row: ComplaintListRow,
  state: ComplaintState,
  rules: ComplaintRules,
  now: Date,
): ComplaintSummary {
  return {
    reference: row.reference,
    facilityId: row.facility_id,
    facilityName: row.facility_name,
    category: row.category as ComplaintCategory,
    channel: row.channel as ComplaintChannel,
    status: row.status as ComplaintStatus,
    submittedAt: row.submitted_at,
    complainant: complainantOf(row),
    protectionRequested: row.protection_requested === 1,
    transferRequested: row.transfer_requested === 1,
    answerDueAt: row.answer_due_at,
    clocks: complaintClocks(state, rules).map((clock) => clockView(clock, now)),
    findings: findingViews(state),
  };
}

function decisionViews(state: ComplaintState, names: Map<string, string>): DecisionView[] {
  return state.decisions.map((decision) => ({
    seq: decision.seq,
    decision: decision.decision,
    caseNumber: decision.caseNumber,
    joinedWith: decision.joinedWith,
    reason: decision.reason,
    decidedAt: decision.decidedAt,
    actorName: names.get(decision.actor) ?? null,
  }));
}

/** Which facilities a regional reader (the procurator) sees; null for a national one. */
async function regionFacilities(store: Store, principal: Principal): Promise<string[] | null> {
  if (principal.regions.length === 0) return null;
  const rows = await store.db
    .selectFrom('facilities')
    .select('id')
    .where('region', 'in', principal.regions)
    .execute();
  return rows.map((row) => row.id);
}

export { DEFAULT_PAGE, MAX_PAGE };

export interface ComplaintQuery {
  status?: ComplaintStatus | undefined;
  category?: ComplaintCategory | undefined;
  facilityId?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
  purpose?: string | undefined;
}

/** The facilities a list may show, or a 403 for a facility outside the reader's scope. */
async function listScope(
  store: Store,
  reader: Principal,
  facilityId: string | undefined,
): Promise<string[] | null> {
  let facilities = reader.role === 'procurator' ? await regionFacilities(store, reader) : null;
  if (facilityId !== undefined) {
    if (facilities !== null && !facilities.includes(facilityId))
      throw new AccessDeniedError(403, 'this facility is outside your scope');
    facilities = [facilityId];
  }
  return facilities;
}

/** A page of complaints, newest first, without their content (the inbox). */
async function complaintRows(
  store: Store,
  facilities: string[] | null,
  query: ComplaintQuery & { allegationsOnly: boolean },
): Promise<{ page: ComplaintListRow[]; next: string | null }> {
  const limit = pageSize(query.limit);
  if (facilities !== null && facilities.length === 0) return { page: [], next: null };
  let select = selectComplaints(store);
  if (facilities !== null) select = select.where('c.facility_id', 'in', facilities);
  if (query.allegationsOnly) select = select.where('c.allegation', '=', 1);
  if (query.status !== undefined) select = select.where('c.status', '=', query.status);
  if (query.category !== undefined) select = select.where('c.category', '=', query.category);
  if (query.cursor !== undefined) {
    const [submittedAt, id] = decodeCursor<[string, string]>(query.cursor, ['string', 'string']);
    select = select.where((eb) =>
      eb.or([
        eb('c.submitted_at', '<', submittedAt),
        eb.and([eb('c.submitted_at', '=', submittedAt), eb('c.id', '<', id)]),
      ]),
    );
  }
  const rows = await select
    .orderBy('c.submitted_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, next: rows.length > limit && last ? encodeCursor([last.submitted_at, last.id]) : null };
}

/**
 * The inbox (complaints officer: every complaint; procurator: torture allegations in their
 * regions), without content. The list names complainants, so the read is recorded.
 */
export async function listComplaints(
  services: ComplaintServices,
  principal: Principal | null,
  query: ComplaintQuery,
  now: Date,
): Promise<ComplaintPage> {
  const reader = requireAccess(principal, 'complaint.list');
  const { store, complaintRules } = services;
  const facilities = await listScope(store, reader, query.facilityId);
  const { page, next } = await complaintRows(store, facilities, {
    ...query,
    allegationsOnly: reader.role === 'procurator',
  });
  const items = page.map((row) =>
    summaryOf(row, JSON.parse(row.state) as ComplaintState, complaintRules, now),
  );
  if (page.length > 0)
    await appendRead(
      store,
      reader,
      'complaints',
      query.purpose,
      page.map((row) => complaintStream(row.id)),
    );
  return { items, next };
}

/** The unlocked key of `holder`, or ConflictError (409): the content cannot be opened without it. */
export function unlockedKey(services: ComplaintServices, holder: string) {
  const key = services.sealing.keyFor(holder);
  if (!key) throw new ConflictError(UNLOCK_FIRST);
  return key;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Opens a sealed payload into its JSON object; a reason instead when it will not open. */
async function openJson(
  key: { open(sealed: ReturnType<typeof sealedFromWire>): Promise<Uint8Array> },
  sealed: unknown,
): Promise<{ value: Record<string, unknown> } | { error: string }> {
  let bytes: Uint8Array;
  try {
    bytes = await key.open(sealedFromWire(sealed));
  } catch (error) {
    if (error instanceof SealOpenError || error instanceof SealedFormatError)
      return {
        error:
          'the sealed content does not open with the authority’s key (sealed to another key, or altered)',
      };
    throw error;
  }
  try {
    const value = JSON.parse(strictUtf8.decode(bytes)) as unknown;
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      return { value: value as Record<string, unknown> };
    return { error: 'the sealed content is not the JSON object a kiosk seals' };
  } catch {
    return { error: 'the sealed content is not UTF-8 JSON' };
  } finally {
    bytes.fill(0);
  }
}

/**
 * A complaint opened with the authority's key: the complaints officer (any complaint) or the
 * procurator (allegations in their regions), with the key unlocked in their session. The opening
 * is recorded in the log (audit/complaint/…) before anything is opened; monitors see it with
 * GET /audit?subject=complaint/<reference>.
 */
export async function readComplaint(
  services: ComplaintServices,
  principal: Principal | null,
  typedReference: string,
  now: Date,
  options: { holder: string; purpose?: string | undefined },
): Promise<ComplaintView> {
  requireAccess(principal, 'complaint.open');
  const { store, complaintRules } = services;
  const row = await complaintByReference(store, typedReference);
  const reader = requireAccess(principal, 'complaint.open', resourceOf(row));
  if (reader.role === 'procurator' && row.allegation !== 1)
    throw new AccessDeniedError(
      403,
      'the procurator opens torture allegations; other complaints are the complaints authority’s',
      'kz.torture.referral',
    );
  const key = unlockedKey(services, options.holder);
  const stream = complaintStream(row.id);
  await appendRead(store, reader, stream, options.purpose);

  const history = await store.readStream(stream);
  const state = JSON.parse(row.state) as ComplaintState;
  const names = await accountNames(
    store,
    [...state.answers, ...state.decisions].map((item) => item.actor),
  );
  let opened: { value: Record<string, unknown> } | { error: string } = {
    error: 'the complaint’s sealed content was erased',
  };
  const answers: AnswerView[] = [];
  for (const stored of history) {
    if (stored.payload === null) continue;
    const event = fromEntry({ type: stored.entry.type, payload: stored.payload });
    const payload = event.payload as { sealed?: unknown; answeredAt?: string };
    if (event.type === 'complaint-submitted') opened = await openJson(key, payload.sealed);
    if (event.type === 'complaint-answered') {
      const answer = await openJson(key, payload.sealed);
      answers.push({
        seq: stored.entry.seq,
        answeredAt: payload.answeredAt ?? stored.entry.at,
        actorName: names.get(stored.entry.actor) ?? null,
        text: 'value' in answer && typeof answer.value.text === 'string' ? answer.value.text : null,
      });
    }
  }
  return {
    ...summaryOf(row, state, complaintRules, now),
    recordedAt: row.recorded_at,
    statusAt: row.status_at,
    caseNumber: row.case_number,
    content: 'value' in opened ? opened.value : null,
    contentError: 'error' in opened ? opened.error : null,
    answers,
    closed: state.closed ? { reason: state.closed.reason, closedAt: state.closed.closedAt } : null,
    decisions: decisionViews(state, names),
    protectionRequests: state.protection.map((request) => ({
      id: request.requestId,
      kind: request.kind,
      requestedAt: request.requestedAt,
      dueAt: new Date(
        Date.parse(request.requestedAt) + complaintRules.protectionHours * 3_600_000,
      ).toISOString(),
      status: request.decided ? request.decided.decision : 'pending',
      decidedAt: request.decided?.decidedAt ?? null,
      reason: request.decided?.reason ?? null,
    })),
    media: state.media.map((media) => ({ sha256: media.sha256, size: media.size, addedAt: media.addedAt })),
  };
}

// ---------------------------------------------------------------------------------------------
// The complaints authority's answer and closure

/**
 * The authority's answer (intl.complaint.answer), sealed to its own key like the complaint. A
 * torture allegation is refused (422, kz.torture.referral): only the procurator decides on it.
 */
export async function answerComplaint(
  services: ComplaintServices,
  principal: Principal | null,
  typedReference: string,
  input: z.input<typeof AnswerInput>,
  now: Date,
): Promise<ComplaintSummary> {
  const officer = requireAccess(principal, 'complaint.answer');
  const { answer } = parseInput(AnswerInput, input);
  const row = await complaintByReference(services.store, typedReference);
  if (row.allegation === 1)
    throw new RefusedError({
      detail: 'only the procurator decides on a torture allegation',
      rule: 'kz.torture.referral',
    });
  const sealed = await sealText(services, { text: answer, writtenAt: now.toISOString() });
  const { state } = await decideAndAppendComplaint(services, row.id, {
    type: 'answer-complaint',
    sealed,
    now: now.toISOString(),
    actor: officer.id,
  });
  return summaryAfter(services, row, state, now);
}

/** Closes an ordinary complaint (with a reason); never a torture allegation (kz.torture.referral). */
export async function closeComplaint(
  services: ComplaintServices,
  principal: Principal | null,
  typedReference: string,
  input: z.input<typeof CloseInput>,
  now: Date,
): Promise<ComplaintSummary> {
  const officer = requireAccess(principal, 'complaint.answer');
  const { reason } = parseInput(CloseInput, input);
  const row = await complaintByReference(services.store, typedReference);
  const { state } = await decideAndAppendComplaint(services, row.id, {
    type: 'close-complaint',
    reason,
    now: now.toISOString(),
    actor: officer.id,
  });
  return summaryAfter(services, row, state, now);
}

async function summaryAfter(
  services: ComplaintServices,
  row: ComplaintListRow,
  state: ComplaintState,
  now: Date,
): Promise<ComplaintSummary> {
  const fresh = await selectComplaints(services.store).where('c.id', '=', row.id).executeTakeFirst();
  return summaryOf(fresh ?? row, state, services.complaintRules, now);
}

// ---------------------------------------------------------------------------------------------
// Allegations: the procurator's (kz.torture.referral, kz.cases.joined)

/** Everyone who recorded something on an allegation, for their names. */
function allegationActors(state: ComplaintState): string[] {
  return [...state.decisions, ...courtOutcomesOf(state), ...evidenceExcludedOf(state)].map(
    (item) => item.actor,
  );
}

function courtOutcomeViews(state: ComplaintState, names: Map<string, string>): CourtOutcomeView[] {
  return courtOutcomesOf(state).map((outcome) => {
    const concerns: CourtOutcomeView['concerns'] = [];
    if (outcome.reclassified) concerns.push('reclassified');
    if (outcome.sentence?.kind === 'suspended') concerns.push('suspended-sentence');
    if (outcome.pleaBargain) concerns.push('plea-bargain');
    return {
      seq: outcome.seq,
      at: outcome.at,
      outcome: outcome.outcome,
      article: outcome.article,
      reclassified: outcome.reclassified,
      sentence: outcome.sentence,
      pleaBargain: outcome.pleaBargain,
      concerns,
      actorName: names.get(outcome.actor) ?? null,
    };
  });
}

function allegationOf(
  row: ComplaintListRow,
  state: ComplaintState,
  names: Map<string, string>,
  rules: ComplaintRules,
): AllegationSummary {
  return {
    reference: row.reference,
    facilityId: row.facility_id,
    facilityName: row.facility_name,
    submittedAt: row.submitted_at,
    status: row.status as ComplaintStatus,
    caseNumber: row.case_number,
    complainant: complainantOf(row),
    protectionRequested: row.protection_requested === 1,
    transferRequested: row.transfer_requested === 1,
    decisions: decisionViews(state, names),
    suspects: suspectsOf(state).map((suspect) => ({
      official: suspect.official,
      identifiedAt: suspect.identifiedAt,
      dueAt: new Date(Date.parse(suspect.identifiedAt) + rules.suspensionHours * 3_600_000).toISOString(),
      suspendedAt: suspect.suspended?.at ?? null,
      suspendedBy: suspect.suspended?.by ?? null,
    })),
    courtOutcomes: courtOutcomeViews(state, names),
    evidenceExcluded: evidenceExcludedOf(state).map((excluded) => ({
      seq: excluded.seq,
      at: excluded.at,
      description: excluded.description,
      actorName: names.get(excluded.actor) ?? null,
    })),
    findings: findingViews(state).filter(
      (finding) => finding.rule === 'kz.torture.suspension' || finding.rule === 'kz.torture.sentencing',
    ),
  };
}

/** Torture allegations in the procurator's regions, newest first, each named by its source complaint's reference. */
export async function listAllegations(
  services: ComplaintServices,
  principal: Principal | null,
  query: Omit<ComplaintQuery, 'category'>,
): Promise<AllegationPage> {
  const reader = requireAccess(principal, 'allegation.read');
  const { store } = services;
  const facilities = await listScope(store, reader, query.facilityId);
  const { page, next } = await complaintRows(store, facilities, { ...query, allegationsOnly: true });
  const states = page.map((row) => JSON.parse(row.state) as ComplaintState);
  const names = await accountNames(store, states.flatMap(allegationActors));
  if (page.length > 0)
    await appendRead(
      store,
      reader,
      'allegations',
      query.purpose,
      page.map((row) => complaintStream(row.id)),
    );
  return {
    items: page.map((row, i) =>
      allegationOf(row, states[i] as ComplaintState, names, services.complaintRules),
    ),
    next,
  };
}

/**
 * What the procurator decided on an allegation: investigation opened, joined with a case (it still
 * counts, kz.cases.joined), sent to court, or discontinued with a reason. No other role may
 * (403 naming kz.torture.referral).
 */
export async function recordAllegationDecision(
  services: ComplaintServices,
  principal: Principal | null,
  typedReference: string,
  input: z.input<typeof AllegationDecisionInput>,
  now: Date,
): Promise<AllegationSummary> {
  requireAccess(principal, 'allegation.decide');
  const decision = parseInput(AllegationDecisionInput, input);
  const { store } = services;
  const row = await complaintByReference(store, typedReference);
  const procurator = requireAccess(principal, 'allegation.decide', resourceOf(row));
  let joinedWith: string | null = null;
  if (decision.joinedWith !== undefined) {
    joinedWith = normaliseReference(decision.joinedWith);
    const other =
      joinedWith === null
        ? undefined
        : await store.db
            .selectFrom('complaints')
            .select('allegation')
            .where('reference', '=', joinedWith)
            .executeTakeFirst();
    if (other?.allegation !== 1)
      throw new RefusedError({
        detail: `there is no torture allegation ${decision.joinedWith} to join this one with`,
        field: 'joinedWith',
        rule: 'kz.cases.joined',
      });
  }
  const { state } = await decideAndAppendComplaint(services, row.id, {
    type: 'record-allegation-decision',
    decision: decision.decision,
    caseNumber: decision.caseNumber ?? null,
    joinedWith,
    reason: decision.reason ?? null,
    now: now.toISOString(),
    actor: procurator.id,
  });
  return allegationAfter(services, row, state);
}

async function allegationAfter(
  services: ComplaintServices,
  row: ComplaintListRow,
  state: ComplaintState,
): Promise<AllegationSummary> {
  const { store } = services;
  const fresh = (await selectComplaints(store).where('c.id', '=', row.id).executeTakeFirst()) ?? row;
  const names = await accountNames(store, allegationActors(state));
  return allegationOf(fresh, state, names, services.complaintRules);
}

/**
 * What else the procurator records on an allegation: suspects identified and suspended
 * (kz.torture.suspension, a 24 h clock per official), the court's outcome (kz.torture.sentencing:
 * recorded as decided, flagged when reclassified, suspended or plea-bargained) and evidence
 * excluded (kz.evidence.inadmissible). Procurator only, as decisions are (kz.torture.referral).
 */
export async function recordAllegationOutcome(
  services: ComplaintServices,
  principal: Principal | null,
  typedReference: string,
  input: z.input<typeof AllegationOutcomeInput>,
  now: Date,
): Promise<AllegationSummary> {
  requireAccess(principal, 'allegation.decide');
  const parsed = parseInput(AllegationOutcomeInput, input);
  const row = await complaintByReference(services.store, typedReference);
  const procurator = requireAccess(principal, 'allegation.decide', resourceOf(row));
  const { state } = await decideAndAppendComplaint(services, row.id, {
    type: 'record-allegation-outcome',
    outcome:
      parsed.kind === 'court-outcome'
        ? {
            ...parsed,
            sentence: parsed.sentence
              ? { kind: parsed.sentence.kind, months: parsed.sentence.months ?? null }
              : null,
          }
        : parsed,
    now: now.toISOString(),
    actor: procurator.id,
  });
  return allegationAfter(services, row, state);
}

// ---------------------------------------------------------------------------------------------
// Requests for protection or transfer: the governor's (kz.transfer.protection)

function protectionSelect(store: Store) {
  return store.db
    .selectFrom('protection_requests as r')
    .innerJoin('facilities as f', 'f.id', 'r.facility_id')
    .leftJoin('people as p', 'p.id', 'r.person_id')
    .select([
      'r.id',
      'r.complaint_id',
      'r.facility_id',
      'r.kind',
      'r.person_id',
      'r.requested_at',
      'r.due_at',
      'r.status',
      'r.decided_at',
      'r.reason',
      'f.name as facility_name',
      'p.family_name',
      'p.given_names',
      'p.patronymic',
    ]);
}

type ProtectionRow = Awaited<ReturnType<ReturnType<typeof protectionSelect>['executeTakeFirstOrThrow']>>;

function protectionView(row: ProtectionRow): ProtectionRequestView {
  return {
    id: row.id,
    facilityId: row.facility_id,
    facilityName: row.facility_name,
    kind: row.kind === 'transfer' ? 'transfer' : 'protection',
    requestedAt: row.requested_at,
    dueAt: row.due_at,
    status: row.status === 'granted' || row.status === 'refused' ? row.status : 'pending',
    decidedAt: row.decided_at,
    reason: row.reason,
    person: row.person_id === null ? null : { personId: row.person_id, name: personName(row) },
  };
}

/**
 * Requests for protection or transfer at the governor's facilities, oldest first: the kind, the
 * times and the person (unless anonymous); never the complaint's reference, category or content.
 */
export async function listProtectionRequests(
  services: Pick<ComplaintServices, 'store'>,
  principal: Principal | null,
  query: { facilityId?: string | undefined; status?: 'pending' | 'granted' | 'refused' | undefined },
): Promise<ProtectionRequestView[]> {
  const governor = requireAccess(principal, 'protection.read');
  const { store } = services;
  let facilities = governor.facilities;
  if (query.facilityId !== undefined) {
    if (!facilities.includes(query.facilityId))
      throw new AccessDeniedError(403, 'this facility is outside your scope', 'kz.transfer.protection');
    facilities = [query.facilityId];
  }
  if (facilities.length === 0) return [];
  let select = protectionSelect(store).where('r.facility_id', 'in', facilities);
  if (query.status !== undefined) select = select.where('r.status', '=', query.status);
  const rows = await select.orderBy('r.requested_at').orderBy('r.id').limit(MAX_PAGE).execute();
  const people = [
    ...new Set(rows.flatMap((row) => (row.person_id === null ? [] : [`person/${row.person_id}`]))),
  ];
  if (people.length > 0) await appendRead(store, governor, 'protection-requests', undefined, people);
  return rows.map(protectionView);
}

/** The governor's decision, with its reason; it meets kz.transfer.protection if made within 24 h. */
export async function decideProtectionRequest(
  services: ComplaintServices,
  principal: Principal | null,
  requestId: string,
  input: z.input<typeof ProtectionDecisionInput>,
  now: Date,
): Promise<ProtectionRequestView> {
  requireAccess(principal, 'protection.decide');
  const decision = parseInput(ProtectionDecisionInput, input);
  const { store } = services;
  const row = await protectionSelect(store).where('r.id', '=', requestId).executeTakeFirst();
  if (!row) throw new NotFoundError(`there is no request ${requestId}`);
  const governor = requireAccess(principal, 'protection.decide', { facilities: [row.facility_id] });
  await decideAndAppendComplaint(services, row.complaint_id, {
    type: 'decide-protection',
    requestId,
    decision: decision.decision,
    reason: decision.reason,
    now: now.toISOString(),
    actor: governor.id,
  });
  const after = await protectionSelect(store).where('r.id', '=', requestId).executeTakeFirstOrThrow();
  return protectionView(after);
}
