import { createHash, randomBytes } from 'node:crypto';
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
  TORTURE_CATEGORY,
  type ComplaintCategory,
  type ComplaintChannel,
  type ComplaintConcerns,
  type ProtectionKind,
  type SealedFor,
  type SealedPayload,
} from '../domain/complaints/events.js';
import {
  courtOutcomesOf,
  evidenceExcludedOf,
  judgeOf,
  mediaRecipientOf,
  suspectsOf,
} from '../domain/complaints/evolve.js';
import {
  AllegationDecisionInput,
  AllegationOutcomeInput,
  AnswerInput,
  CloseInput,
  KioskComplaintInput,
  MAX_SEALED_MEDIA_BYTES,
  MAX_SEALED_TEXT_BYTES,
  ProtectionDecisionInput,
  ReceivedComplaintInput,
  RouteInput,
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
import {
  fromBase64,
  SealedFormatError,
  SealOpenError,
  sealedFromWire,
  sealedToWire,
  sealTo,
  toBase64 as toBase64Standard,
} from '../sealing/seal.js';
import { hasBlob, readBlob, removeBlob, writeBlob } from '../store/blobs.js';
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
import { reason } from '../domain/refusals.js';
import { newId } from './ids.js';
import { medicalReferralsMatching } from './medical.js';
import { answerKeyFor } from './answer-keys.js';
import { answerKeyOf, answerKeyText, sealAnswer } from '../sealing/answer-key.js';
import { getFacility, getPerson } from './registry.js';
import { isOnFacilityRoll } from './roll.js';
import { sealingOf, type SealingSessions } from './sealing-session.js';
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
  /** The procurator's office's own key (issue 18 item 5): torture allegations are sealed to it too. */
  procuratorSealing: SealingSessions;
}

/** Who appends what the complaint clocks find (src/clocks/scheduler.ts). */
export const COMPLAINT_SCHEDULER_ACTOR = 'habeas:scheduler';

export const UNLOCK_FIRST =
  'unlock the complaints key first (POST /api/v1/sealing/unlock with the passphrase)';
/** The procurator's office has no key yet: nothing can be sealed to it. */
export const NO_PROCURATOR_COPY =
  'this allegation was sealed before the procurator’s office had its own key: the complaints authority must seal the procurator’s copy (POST /api/v1/complaints/{reference}/route)';

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
function sealedInput(value: unknown, field = 'sealed'): SealedPayload {
  let sealed;
  try {
    sealed = sealedFromWire(value);
  } catch (error) {
    if (error instanceof SealedFormatError) throw new InvalidInputError([{ field, message: error.message }]);
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
  const concerns = complaint.concerns ?? null;
  const sealedFor = await procuratorCopyOf(services, complaint.category, complaint.sealedFor, concerns);
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
  // The PIN's verifier first: a crash before the append leaves an unused one, never a complaint
  // without one. It is the public half of the complainant's answer key (issue 18 item 6): the PIN
  // and the server's answer secret derive it, so the database alone cannot test PINs against it.
  const answerKey = await answerKeyFor(services.sealing.dataDir, reference, complaint.pin);
  const pin = { reference, pin_hash: answerKeyText(answerKey.publicKey) };
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
        sealedFor,
        concerns,
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

/**
 * The procurator's copy a kiosk sealed (issue 18 item 5), checked against what the procurator's
 * office has published: a torture allegation carries one once that office has a key (422 without
 * it, so that no allegation reaches the procurator unreadable), and no other complaint carries any
 * — nor one about a procurator's or an investigator's own office, which goes to the investigating
 * judge and is never sealed to the procurator (kz.allegation.conflict).
 */
async function procuratorCopyOf(
  services: ComplaintServices,
  category: ComplaintCategory,
  sealedFor: { procurator: unknown } | undefined,
  concerns: ComplaintConcerns | null,
): Promise<SealedFor | null> {
  if (concerns !== null) {
    if (sealedFor !== undefined)
      throw new RefusedError({
        detail:
          'a complaint about a procurator’s or an investigator’s office goes to the investigating judge and is never sealed to the procurator’s key: send no sealedFor',
        field: 'sealedFor',
        rule: 'kz.allegation.conflict',
        reason: reason('allegation.conflict', { office: concerns.office, region: concerns.region }),
      });
    return null;
  }
  const allegation = category === TORTURE_CATEGORY;
  if (sealedFor === undefined) {
    if (allegation && (await services.procuratorSealing.publicKeyIfAny()) !== null)
      throw new RefusedError({
        detail:
          'a torture allegation is sealed to the procurator’s key as well (GET /api/v1/sealing/procurator-key): send sealedFor.procurator',
        field: 'sealedFor',
      });
    return null;
  }
  if (!allegation)
    throw new RefusedError({
      detail: 'only a torture allegation is sealed to the procurator’s key as well',
      field: 'sealedFor',
    });
  if ((await services.procuratorSealing.publicKeyIfAny()) === null)
    throw new RefusedError({
      detail: 'the procurator’s office has no key yet: seal the allegation to the complaints authority alone',
      field: 'sealedFor',
    });
  return { procurator: sealedInput(sealedFor.procurator, 'sealedFor.procurator') };
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

/**
 * The plaintext the server seals for other channels and answers: the kiosk's format (issue 4),
 * sealed to the authority's key, or (`sessions`) to the procurator's office's.
 */
async function sealText(
  services: ComplaintServices,
  content: { text: string; language?: string; writtenAt: string; media?: unknown[] },
  sessions: SealingSessions = services.sealing,
): Promise<SealedPayload> {
  const publicKey = await sessions.publicKey();
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
  const content = {
    text: complaint.text,
    language: complaint.language ?? 'ru',
    writtenAt: receivedAt,
    media: [],
  };
  const sealed = await sealText(services, content);
  // A torture allegation is sealed to the procurator's office's key too, once it has one (issue 18
  // item 5) — unless it is about a procurator's or an investigator's office (kz.allegation.conflict).
  const concerns = complaint.concerns ?? null;
  const sealedFor =
    concerns === null &&
    complaint.category === TORTURE_CATEGORY &&
    (await services.procuratorSealing.publicKeyIfAny()) !== null
      ? { procurator: await sealText(services, content, services.procuratorSealing) }
      : null;
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
      sealedFor,
      concerns,
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

const complaintsFrom = (store: Store) => store.db.selectFrom('complaints as c');

/** The complaints of `select` with their facility and complainant, as lists and pages show them. */
function withListColumns(select: ReturnType<typeof complaintsFrom>) {
  return select
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

export function selectComplaints(store: Store) {
  return withListColumns(complaintsFrom(store));
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

export const personName = (row: {
  family_name: string | null;
  given_names: string | null;
  patronymic: string | null;
}) =>
  row.family_name === null
    ? '—'
    : [row.family_name, row.given_names, row.patronymic].filter((part) => part).join(' ');

export function complainantOf(row: ComplaintListRow): PersonRef | null {
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
    rerouted: reroutedOf(state),
    sealedForProcurator: row.allegation === 1 && state.sealedForProcurator === true,
    withJudge: judgeRoutingOf(state),
  };
}

/** kz.allegation.conflict: the office a complaint is about and its routing to the investigating judge. */
export function judgeRoutingOf(state: ComplaintState): ComplaintSummary['withJudge'] {
  const judge = judgeOf(state);
  return judge === null
    ? null
    : { concerns: judge.concerns, routedAt: judge.routedAt, rerouted: judge.rerouted };
}

function reroutedOf(state: ComplaintState): ComplaintSummary['rerouted'] {
  const rerouted = state.rerouted;
  return rerouted ? { from: rerouted.from, reason: rerouted.reason, routedAt: rerouted.routedAt } : null;
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
  /** Only complaints submitted (or received) in [submittedFrom, submittedTo) (instants). */
  submittedFrom?: string | undefined;
  submittedTo?: string | undefined;
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

type ListFilters = Omit<ComplaintQuery, 'limit' | 'cursor' | 'purpose'> & { allegationsOnly: boolean };

/** The complaints of `facilities` (null: every one) matching the filters; null when none can. */
function complaintsMatching(store: Store, facilities: string[] | null, query: ListFilters) {
  if (facilities !== null && facilities.length === 0) return null;
  let select = complaintsFrom(store);
  if (facilities !== null) select = select.where('c.facility_id', 'in', facilities);
  if (query.allegationsOnly) select = select.where('c.allegation', '=', 1);
  if (query.status !== undefined) select = select.where('c.status', '=', query.status);
  if (query.category !== undefined) select = select.where('c.category', '=', query.category);
  if (query.submittedFrom !== undefined) select = select.where('c.submitted_at', '>=', query.submittedFrom);
  if (query.submittedTo !== undefined) select = select.where('c.submitted_at', '<', query.submittedTo);
  return select;
}

/** A page of complaints, newest first, without their content (the inbox). */
async function complaintRows(
  store: Store,
  facilities: string[] | null,
  query: ComplaintQuery & { allegationsOnly: boolean },
): Promise<{ page: ComplaintListRow[]; next: string | null }> {
  const limit = pageSize(query.limit);
  const matching = complaintsMatching(store, facilities, query);
  if (matching === null) return { page: [], next: null };
  let select = withListColumns(matching);
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

/** How many complaints match, in one COUNT: no complaint is read, so nothing is recorded. */
async function complaintCount(
  store: Store,
  facilities: string[] | null,
  query: ListFilters,
): Promise<number> {
  const matching = complaintsMatching(store, facilities, query);
  if (matching === null) return 0;
  const row = await matching.select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirst();
  return Number(row?.total ?? 0);
}

/** How many complaints the inbox's filters match in the reader's scope (its "n of N"). */
export async function countComplaints(
  services: Pick<ComplaintServices, 'store'>,
  principal: Principal | null,
  query: Omit<ComplaintQuery, 'limit' | 'cursor' | 'purpose'>,
): Promise<number> {
  const reader = requireAccess(principal, 'complaint.list');
  const facilities = await listScope(services.store, reader, query.facilityId);
  return complaintCount(services.store, facilities, {
    ...query,
    allegationsOnly: reader.role === 'procurator',
  });
}

/** How many torture allegations the filters match in the procurator's regions: complaints and medical referrals. */
export async function countAllegations(
  services: Pick<ComplaintServices, 'store'>,
  principal: Principal | null,
  query: Omit<ComplaintQuery, 'category' | 'limit' | 'cursor' | 'purpose'>,
): Promise<number> {
  const reader = requireAccess(principal, 'allegation.read');
  const facilities = await listScope(services.store, reader, query.facilityId);
  const complaints = await complaintCount(services.store, facilities, { ...query, allegationsOnly: true });
  const referrals = medicalReferralsOf(services.store, facilities, query);
  if (referrals === null) return complaints;
  const row = await referrals
    .select((eb) => eb.fn.countAll<number | string>().as('total'))
    .executeTakeFirst();
  return complaints + Number(row?.total ?? 0);
}

/**
 * The medical referrals (kz.torture.referral, source `medical`; issue 19) the allegation filters
 * match: every one is `referred-to-procurator` until case files record more (issue 20).
 */
function medicalReferralsOf(
  store: Store,
  facilities: string[] | null,
  query: Omit<ComplaintQuery, 'category' | 'limit' | 'cursor' | 'purpose'>,
) {
  if (facilities !== null && facilities.length === 0) return null;
  if (query.status !== undefined && query.status !== 'referred-to-procurator') return null;
  return medicalReferralsMatching(store, facilities, {
    ...(query.submittedFrom !== undefined ? { from: query.submittedFrom } : {}),
    ...(query.submittedTo !== undefined ? { to: query.submittedTo } : {}),
  });
}

/** A medical referral in the procurator's list: the fact, never the clinical content. */
function medicalAllegationOf(row: {
  reference: string;
  facility_id: string;
  facility_name: string | null;
  referred_at: string;
  examined_at: string;
  clinician_name: string;
  disclosed: number;
  person_id: string;
  family_name: string | null;
  given_names: string | null;
  patronymic: string | null;
}): AllegationSummary {
  return {
    caseFile: null,
    reference: row.reference,
    source: 'medical',
    medical: {
      examinedAt: row.examined_at,
      clinicianName: row.clinician_name,
      disclosed: row.disclosed === 1,
    },
    facilityId: row.facility_id,
    facilityName: row.facility_name ?? '—',
    submittedAt: row.referred_at,
    status: 'referred-to-procurator',
    caseNumber: null,
    complainant: { personId: row.person_id, name: personName(row) },
    protectionRequested: false,
    transferRequested: false,
    rerouted: null,
    sealedForProcurator: false,
    decisions: [],
    suspects: [],
    courtOutcomes: [],
    evidenceExcluded: [],
    findings: [],
  };
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
export function unlockedKey(sessions: SealingSessions, holder: string) {
  const key = sessions.keyFor(holder);
  if (!key) throw new ConflictError(UNLOCK_FIRST);
  return key;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Why a complaint's content is not shown (issue 18 item 5), for pages to say in their reader's language. */
export type ContentProblem = 'erased' | 'no-procurator-copy' | 'does-not-open' | 'not-json';

type Opened = { value: Record<string, unknown> } | { error: string; problem: ContentProblem };

/** Opens a sealed payload into its JSON object; a reason instead when it will not open. */
async function openJson(
  key: { open(sealed: ReturnType<typeof sealedFromWire>): Promise<Uint8Array> },
  sealed: unknown,
): Promise<Opened> {
  let bytes: Uint8Array;
  try {
    bytes = await key.open(sealedFromWire(sealed));
  } catch (error) {
    if (error instanceof SealOpenError || error instanceof SealedFormatError)
      return {
        error: 'the sealed content does not open with your key (sealed to another key, or altered)',
        problem: 'does-not-open',
      };
    throw error;
  }
  try {
    const value = JSON.parse(strictUtf8.decode(bytes)) as unknown;
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      return { value: value as Record<string, unknown> };
    return { error: 'the sealed content is not the JSON object a kiosk seals', problem: 'not-json' };
  } catch {
    return { error: 'the sealed content is not UTF-8 JSON', problem: 'not-json' };
  } finally {
    bytes.fill(0);
  }
}

/** Where a reader's copy of the content is: the authority's as submitted, or the procurator's. */
function sealedCopyOf(
  history: readonly { entry: { type: string }; payload: unknown }[],
  recipient: 'complaints-authority' | 'procurator',
): unknown {
  let copy: unknown = undefined;
  for (const stored of history) {
    if (stored.payload === null) continue;
    const event = fromEntry({ type: stored.entry.type, payload: stored.payload });
    if (event.type === 'complaint-submitted')
      copy = recipient === 'procurator' ? event.payload.sealedFor?.procurator : event.payload.sealed;
    // The procurator's copy sealed later by the authority (issue 18 items 5 and 9).
    if (event.type === 'complaint-resealed' && recipient === 'procurator') copy = event.payload.sealed;
  }
  return copy;
}

/**
 * A complaint opened with the opener's own institution's key: the complaints officer (any
 * complaint) with the complaints authority's, the procurator (allegations in their regions) with
 * the procurator's office's (issue 18 item 5), each unlocked in their session. The opening is
 * recorded in the log (audit/complaint/…) before anything is opened; monitors see it with
 * GET /audit?subject=complaint/<reference>. The procurator reads the copy sealed to the procurator's
 * key, which an allegation made before that office had a key lacks until the authority seals it.
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
  const procurator = reader.role === 'procurator';
  if (procurator && row.allegation !== 1)
    throw new AccessDeniedError(
      403,
      'the procurator opens torture allegations; other complaints are the complaints authority’s',
      'kz.torture.referral',
    );
  const key = unlockedKey(sealingOf(services, reader), options.holder);
  const stream = complaintStream(row.id);
  await appendRead(store, reader, stream, options.purpose);

  const history = await store.readStream(stream);
  const state = JSON.parse(row.state) as ComplaintState;
  const names = await accountNames(
    store,
    [...state.answers, ...state.decisions, ...(state.rerouted ? [state.rerouted] : [])].map(
      (item) => item.actor,
    ),
  );
  const copy = sealedCopyOf(history, procurator ? 'procurator' : 'complaints-authority');
  let opened: Opened;
  if (copy !== undefined) opened = await openJson(key, copy);
  else if (procurator && state.submitted !== null && state.sealedForProcurator !== true)
    opened = { error: NO_PROCURATOR_COPY, problem: 'no-procurator-copy' };
  else opened = { error: 'the complaint’s sealed content was erased', problem: 'erased' };
  const answers: AnswerView[] = [];
  for (const stored of history) {
    if (stored.payload === null) continue;
    const event = fromEntry({ type: stored.entry.type, payload: stored.payload });
    if (event.type !== 'complaint-answered') continue;
    // The authority's answers are sealed to its own key: the procurator sees that there were some.
    const answer = procurator ? null : await openJson(key, event.payload.sealed);
    answers.push({
      seq: stored.entry.seq,
      answeredAt: event.payload.answeredAt ?? stored.entry.at,
      actorName: names.get(stored.entry.actor) ?? null,
      text:
        answer !== null && 'value' in answer && typeof answer.value.text === 'string'
          ? answer.value.text
          : null,
    });
  }
  const recipient = procurator ? 'procurator' : 'complaints-authority';
  return {
    ...summaryOf(row, state, complaintRules, now),
    recordedAt: row.recorded_at,
    statusAt: row.status_at,
    caseNumber: row.case_number,
    content: 'value' in opened ? opened.value : null,
    contentError: 'error' in opened ? opened.error : null,
    contentProblem: 'error' in opened ? opened.problem : null,
    reroutedBy: state.rerouted ? (names.get(state.rerouted.actor) ?? null) : null,
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
    media: state.media
      .filter((media) => mediaRecipientOf(media) === recipient)
      .map((media) => ({ sha256: media.sha256, size: media.size, addedAt: media.addedAt })),
  };
}

// ---------------------------------------------------------------------------------------------
// Routing to the procurator (issue 18 items 5 and 9)

/**
 * The complaints authority routes a complaint to the procurator: one filed under another category
 * that describes torture or ill-treatment (issue 18 item 9; the submission keeps the category it
 * was filed under, the routing entry says from what and why), or an allegation made before the
 * procurator's office had its own key (item 5), whose copy only the authority can make. With the
 * authority's key unlocked in the officer's session, the content and each recording are opened
 * here — an opening, recorded in the log first like any other — and sealed again to the
 * procurator's office's key; the plaintext leaves memory at once. The procurator then finds it
 * among the allegations and opens it with the procurator's own key.
 */
export async function routeComplaint(
  services: ComplaintServices,
  principal: Principal | null,
  typedReference: string,
  input: z.input<typeof RouteInput>,
  now: Date,
  options: { holder: string; purpose?: string | undefined },
): Promise<ComplaintSummary> {
  requireAccess(principal, 'complaint.route');
  const route = parseInput(RouteInput, input);
  const { store } = services;
  const row = await complaintByReference(store, typedReference);
  const officer = requireAccess(principal, 'complaint.route', resourceOf(row));
  const before = JSON.parse(row.state) as ComplaintState;
  // kz.allegation.conflict: to the investigating judge, who holds no key: nothing is opened or
  // sealed again (the complaints authority provides the text on the judge's request).
  if (route.to === 'investigating-judge') {
    const { state } = await decideAndAppendComplaint(services, row.id, {
      type: 'route-to-judge',
      concerns: route.concerns,
      reason: route.reason,
      now: now.toISOString(),
      actor: officer.id,
    });
    return summaryAfter(services, row, state, now);
  }
  const judge = judgeOf(before);
  if (judge !== null)
    throw new RefusedError({
      detail:
        'the complaint is about a procurator’s or an investigator’s office: it stays with the investigating judge',
      rule: 'kz.allegation.conflict',
      reason: reason('allegation.conflict', { office: judge.concerns.office, region: judge.concerns.region }),
    });
  if (row.allegation === 1 && before.sealedForProcurator === true)
    throw new RefusedError({
      detail: 'the complaint is already with the procurator, who opens it with the procurator’s own key',
      rule: 'kz.torture.referral',
    });
  const key = unlockedKey(services.sealing, options.holder);
  const procuratorKey = await services.procuratorSealing.publicKey();
  const stream = complaintStream(row.id);
  await appendRead(store, officer, stream, options.purpose ?? 'sealing the procurator’s copy');
  const history = await store.readStream(stream);
  const opened = await openJson(key, sealedCopyOf(history, 'complaints-authority'));
  if (!('value' in opened))
    throw new RefusedError({
      detail: `the complaint cannot be sealed for the procurator: ${opened.error}`,
    });
  const created: string[] = [];
  try {
    const resealed = await resealMedia(services, key, procuratorKey, history, created);
    const renamed = new Map(resealed.map((media) => [media.of, media.sha256]));
    const content = {
      ...opened.value,
      media: Array.isArray(opened.value.media)
        ? (opened.value.media as unknown[]).map((item) => {
            const about = item !== null && typeof item === 'object' ? (item as Record<string, unknown>) : {};
            const sha256 = typeof about.sha256 === 'string' ? renamed.get(about.sha256) : undefined;
            return sha256 === undefined ? item : { ...about, sha256 };
          })
        : opened.value.media,
    };
    const plaintext = utf8.encode(JSON.stringify(content));
    let sealed: SealedPayload;
    try {
      sealed = sealedToWire(await sealTo(procuratorKey, plaintext));
    } finally {
      plaintext.fill(0);
    }
    const { state } = await decideAndAppendComplaint(services, row.id, {
      type: 'route-to-procurator',
      reason: route.reason,
      sealed,
      media: resealed.map(({ sha256, size, enc }) => ({ sha256, size, enc })),
      now: now.toISOString(),
      actor: officer.id,
    });
    created.length = 0;
    return summaryAfter(services, row, state, now);
  } finally {
    // Refused or failed: the blobs sealed for it are referred to by no entry.
    for (const sha256 of created) await removeBlob(services.sealing.dataDir, sha256);
  }
}

/** Each of the authority's recordings of a complaint, opened and sealed again to the procurator's key. */
async function resealMedia(
  services: ComplaintServices,
  key: { open(sealed: { enc: Uint8Array; ciphertext: Uint8Array }): Promise<Uint8Array> },
  procuratorKey: Uint8Array,
  history: readonly { entry: { type: string }; payload: unknown }[],
  created: string[],
): Promise<{ of: string; sha256: string; size: number; enc: string }[]> {
  const { dataDir } = services.sealing;
  const resealed: { of: string; sha256: string; size: number; enc: string }[] = [];
  for (const stored of history) {
    if (stored.payload === null) continue;
    const event = fromEntry({ type: stored.entry.type, payload: stored.payload });
    if (event.type !== 'complaint-media-added' || event.payload.recipient === 'procurator') continue;
    const ciphertext = await readBlob(dataDir, event.payload.sha256);
    if (ciphertext === null) continue; // missing from this server: named as missing on the page
    let bytes: Uint8Array;
    try {
      bytes = await key.open({ enc: fromBase64(event.payload.enc), ciphertext });
    } catch (error) {
      if (error instanceof SealOpenError) continue; // sealed to another key, or altered
      throw error;
    }
    let again;
    try {
      again = await sealTo(procuratorKey, bytes);
    } finally {
      bytes.fill(0);
    }
    if (!(await hasBlob(dataDir, await sha256Hex(again.ciphertext)))) {
      const blob = await writeBlob(dataDir, oneChunk(again.ciphertext), MAX_SEALED_MEDIA_BYTES);
      created.push(blob.sha256);
    }
    resealed.push({
      of: event.payload.sha256,
      sha256: await sha256Hex(again.ciphertext),
      size: again.ciphertext.length,
      enc: toBase64Standard(again.enc),
    });
  }
  return resealed;
}

async function* oneChunk(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return createHash('sha256').update(bytes).digest('hex');
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
      reason: reason('allegation.procurator-only', {}),
    });
  const sealed = await sealText(services, { text: answer, writtenAt: now.toISOString() });
  const { state } = await decideAndAppendComplaint(services, row.id, {
    type: 'answer-complaint',
    sealed,
    forComplainant: await sealedForComplainant(services, row.reference, {
      text: answer,
      writtenAt: now.toISOString(),
    }),
    now: now.toISOString(),
    actor: officer.id,
  });
  return summaryAfter(services, row, state, now);
}

/**
 * The answer sealed to the complainant's answer key (issue 18 item 6), for reading at a kiosk with
 * reference and PIN; null for a complaint without one (another channel, or a kiosk complaint whose
 * PIN is kept as a hash). A verifier that does not carry the server's tag is not the kiosk's: nothing
 * is sealed to it (src/store/row-tags.ts).
 */
async function sealedForComplainant(
  services: ComplaintServices,
  reference: string,
  content: { text: string; writtenAt: string },
): Promise<SealedPayload | null> {
  const { store } = services;
  const row = await store.db
    .selectFrom('complaint_pins')
    .select(['pin_hash', 'tag'])
    .where('reference', '=', reference)
    .executeTakeFirst();
  if (!row) return null;
  if (!store.rows.matches('complaint_pins', { reference, pin_hash: row.pin_hash, tag: row.tag })) {
    store.noticeTamperedRow('complaint_pins');
    return null;
  }
  const publicKey = answerKeyOf(row.pin_hash);
  if (publicKey === null) return null;
  const plaintext = utf8.encode(JSON.stringify({ v: 1, ...content }));
  try {
    return sealedToWire(await sealAnswer(publicKey, plaintext));
  } finally {
    plaintext.fill(0);
  }
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
    caseFile: null,
    reference: row.reference,
    source: row.channel as ComplaintChannel,
    medical: null,
    facilityId: row.facility_id,
    facilityName: row.facility_name,
    submittedAt: row.submitted_at,
    status: row.status as ComplaintStatus,
    caseNumber: row.case_number,
    complainant: complainantOf(row),
    protectionRequested: row.protection_requested === 1,
    transferRequested: row.transfer_requested === 1,
    rerouted: reroutedOf(state),
    sealedForProcurator: state.sealedForProcurator === true,
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
  const limit = pageSize(query.limit);
  // Two sources in one order, newest first: complaints by (submitted_at, 'c', id), medical
  // referrals by (referred_at, 'm', reference). The cursor is the last item's triple.
  const after =
    query.cursor === undefined
      ? null
      : decodeCursor<[string, string, string]>(query.cursor, ['string', 'string', 'string']);
  const complaintQuery = { ...query, allegationsOnly: true, limit, cursor: undefined };
  let complaintSelect = complaintsMatching(store, facilities, complaintQuery);
  let complaintPage: ComplaintListRow[] = [];
  if (complaintSelect !== null) {
    let select = withListColumns(complaintSelect);
    if (after !== null) {
      const [time, kind, id] = after;
      select = select.where((eb) =>
        eb.or([
          eb('c.submitted_at', '<', time),
          kind === 'm'
            ? eb('c.submitted_at', '=', time)
            : eb.and([eb('c.submitted_at', '=', time), eb('c.id', '<', id)]),
        ]),
      );
    }
    complaintPage = await select
      .orderBy('c.submitted_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(limit + 1)
      .execute();
  }
  complaintSelect = null;
  const referrals = medicalReferralsOf(store, facilities, query);
  let referralPage: Parameters<typeof medicalAllegationOf>[0][] = [];
  if (referrals !== null) {
    let select = referrals
      .leftJoin('people as p', 'p.id', 'r.person_id')
      .select([
        'r.reference',
        'r.facility_id',
        'f.name as facility_name',
        'r.referred_at',
        'r.examined_at',
        'r.clinician_name',
        'r.disclosed',
        'r.person_id',
        'r.record_id',
        'p.family_name',
        'p.given_names',
        'p.patronymic',
      ]);
    if (after !== null) {
      const [time, kind, id] = after;
      select = select.where((eb) =>
        eb.or([
          eb('r.referred_at', '<', time),
          kind === 'm' ? eb.and([eb('r.referred_at', '=', time), eb('r.reference', '<', id)]) : eb.val(false),
        ]),
      );
    }
    referralPage = await select
      .orderBy('r.referred_at', 'desc')
      .orderBy('r.reference', 'desc')
      .limit(limit + 1)
      .execute();
  }
  type Item =
    | { kind: 'c'; time: string; id: string; row: ComplaintListRow }
    | { kind: 'm'; time: string; id: string; row: (typeof referralPage)[number] & { record_id?: string } };
  const merged: Item[] = [
    ...complaintPage.map((row): Item => ({ kind: 'c', time: row.submitted_at, id: row.id, row })),
    ...referralPage.map((row): Item => ({ kind: 'm', time: row.referred_at, id: row.reference, row })),
  ].sort((a, b) =>
    a.time !== b.time
      ? a.time < b.time
        ? 1
        : -1
      : a.kind !== b.kind
        ? a.kind < b.kind
          ? 1
          : -1
        : a.id < b.id
          ? 1
          : a.id > b.id
            ? -1
            : 0,
  );
  const page = merged.slice(0, limit);
  const last = page.at(-1);
  const next = merged.length > limit && last ? encodeCursor([last.time, last.kind, last.id]) : null;
  const complaintRowsOnPage = page.flatMap((item) => (item.kind === 'c' ? [item.row] : []));
  const states = new Map(
    complaintRowsOnPage.map((row) => [row.id, JSON.parse(row.state) as ComplaintState] as const),
  );
  const names = await accountNames(store, [...states.values()].flatMap(allegationActors));
  if (page.length > 0)
    await appendRead(
      store,
      reader,
      'allegations',
      query.purpose,
      page.map((item) =>
        item.kind === 'c' ? complaintStream(item.row.id) : `medical/${item.row.record_id ?? ''}`,
      ),
    );
  const caseFiles = await caseFilesOf(
    store,
    page.map((item) =>
      item.kind === 'c'
        ? { kind: 'complaint', reference: item.row.reference }
        : { kind: 'medical-referral', reference: item.row.reference },
    ),
  );
  return {
    items: page.map((item) => {
      const summary =
        item.kind === 'c'
          ? allegationOf(item.row, states.get(item.row.id) as ComplaintState, names, services.complaintRules)
          : medicalAllegationOf(item.row);
      const kind = item.kind === 'c' ? 'complaint' : 'medical-referral';
      return { ...summary, caseFile: caseFiles.get(`${kind} ${summary.reference}`) ?? null };
    }),
    next,
  };
}

/** The case files the allegations are in (src/app/cases.ts; kz.cases.joined), by `kind reference`. */
async function caseFilesOf(
  store: Store,
  sources: { kind: string; reference: string }[],
): Promise<Map<string, NonNullable<AllegationSummary['caseFile']>>> {
  if (sources.length === 0) return new Map();
  const rows = await store.db
    .selectFrom('case_sources as s')
    .innerJoin('cases as c', 'c.id', 's.case_id')
    .select(['s.kind', 's.reference', 's.joined', 'c.id', 'c.number', 'c.status'])
    .where(
      's.reference',
      'in',
      sources.map((source) => source.reference),
    )
    .execute();
  return new Map(
    rows.map((row) => [
      `${row.kind} ${row.reference}`,
      { id: row.id, number: row.number, status: row.status, joined: row.joined === 1 },
    ]),
  );
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
        reason: reason('allegation.join-unknown', { reference: decision.joinedWith }),
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
  const caseFiles = await caseFilesOf(store, [{ kind: 'complaint', reference: fresh.reference }]);
  return {
    ...allegationOf(fresh, state, names, services.complaintRules),
    caseFile: caseFiles.get(`complaint ${fresh.reference}`) ?? null,
  };
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

export interface ProtectionQuery {
  facilityId?: string | undefined;
  status?: 'pending' | 'granted' | 'refused' | undefined;
  /** Only requests made in [requestedFrom, requestedTo) (instants). */
  requestedFrom?: string | undefined;
  requestedTo?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
  /** Why the list is read (a CSV download, a print view), for the read's log entry. */
  purpose?: string | undefined;
}

/** The requests at the governor's facilities matching the filters; null when none can. */
function protectionMatching(store: Store, governor: Principal, query: ProtectionQuery) {
  let facilities = governor.facilities;
  if (query.facilityId !== undefined) {
    if (!facilities.includes(query.facilityId))
      throw new AccessDeniedError(403, 'this facility is outside your scope', 'kz.transfer.protection');
    facilities = [query.facilityId];
  }
  if (facilities.length === 0) return null;
  let select = protectionSelect(store).where('r.facility_id', 'in', facilities);
  if (query.status !== undefined) select = select.where('r.status', '=', query.status);
  if (query.requestedFrom !== undefined) select = select.where('r.requested_at', '>=', query.requestedFrom);
  if (query.requestedTo !== undefined) select = select.where('r.requested_at', '<', query.requestedTo);
  return select;
}

/**
 * A page of the requests for protection or transfer at the governor's facilities, oldest first:
 * the kind, the times and the person (unless anonymous); never the complaint's reference,
 * category or content. The people named are a read, recorded.
 */
export async function pageProtectionRequests(
  services: Pick<ComplaintServices, 'store'>,
  principal: Principal | null,
  query: ProtectionQuery,
): Promise<{ items: ProtectionRequestView[]; next: string | null }> {
  const governor = requireAccess(principal, 'protection.read');
  const { store } = services;
  let select = protectionMatching(store, governor, query);
  if (select === null) return { items: [], next: null };
  const limit = pageSize(query.limit);
  if (query.cursor !== undefined) {
    const [requestedAt, id] = decodeCursor<[string, string]>(query.cursor, ['string', 'string']);
    select = select.where((eb) =>
      eb.or([
        eb('r.requested_at', '>', requestedAt),
        eb.and([eb('r.requested_at', '=', requestedAt), eb('r.id', '>', id)]),
      ]),
    );
  }
  const rows = await select
    .orderBy('r.requested_at')
    .orderBy('r.id')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const people = [
    ...new Set(page.flatMap((row) => (row.person_id === null ? [] : [`person/${row.person_id}`]))),
  ];
  if (people.length > 0) await appendRead(store, governor, 'protection-requests', query.purpose, people);
  const last = page.at(-1);
  return {
    items: page.map(protectionView),
    next: rows.length > limit && last ? encodeCursor([last.requested_at, last.id]) : null,
  };
}

/** The first MAX_PAGE requests (the API's list): see pageProtectionRequests. */
export async function listProtectionRequests(
  services: Pick<ComplaintServices, 'store'>,
  principal: Principal | null,
  query: Pick<ProtectionQuery, 'facilityId' | 'status'>,
): Promise<ProtectionRequestView[]> {
  return (await pageProtectionRequests(services, principal, { ...query, limit: MAX_PAGE })).items;
}

/** How many requests the filters match at the governor's facilities (the list's "n of N"). */
export async function countProtectionRequests(
  services: Pick<ComplaintServices, 'store'>,
  principal: Principal | null,
  query: Omit<ProtectionQuery, 'limit' | 'cursor' | 'purpose'>,
): Promise<number> {
  const governor = requireAccess(principal, 'protection.read');
  const select = protectionMatching(services.store, governor, query);
  if (select === null) return 0;
  const row = await select
    .clearSelect()
    .select((eb) => eb.fn.countAll<number | string>().as('total'))
    .executeTakeFirst();
  return Number(row?.total ?? 0);
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
