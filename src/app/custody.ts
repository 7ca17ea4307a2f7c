import type { SelectQueryBuilder } from 'kysely';
import type { z } from 'zod';
import type { Resource } from '../access/policy.js';
import type { Principal } from '../access/principal.js';
import { custodyClocks } from '../clocks/custody.js';
import type { CustodyCommand, RecordSafeguard } from '../domain/custody/commands.js';
import { custodyDecider } from '../domain/custody/decide.js';
import { custodyStream, type CustodyEvent, type CustodyEventType } from '../domain/custody/events.js';
import { ArrestInput, CorrectionInput, CustodyEventInput, InterviewInput } from '../domain/custody/inputs.js';
import { apprehensionInForce } from '../domain/custody/in-force.js';
import { injuryReferrals } from '../domain/custody/referrals.js';
import type { CustodyState } from '../domain/custody/state.js';
import type { CustodyRules } from '../rules/custody-rules.js';
import type { CustodyEpisodeRow } from '../store/schema/custody.js';
import { prepared } from '../store/prepared.js';
import type { AppendGuard, AppendResult, Store } from '../store/types.js';
import { decideAndAppendWithState } from './execute.js';
import { appendRead } from './audit.js';
import { requireAccess } from './access.js';
import type {
  CorrectionView,
  CustodyPage,
  CustodySummary,
  CustodyView,
  FindingPage,
  FindingView,
  InterviewView,
  ReferralView,
  TimelineEntryView,
} from './custody-views.js';
import { AccessDeniedError, NotFoundError, RefusedError } from './errors.js';
import { newId } from './ids.js';
import { reachPerson } from './person-reach.js';
import {
  getFacility,
  getPerson,
  populationOf,
  sexOf,
  type FacilityView,
  type PersonView,
} from './registry.js';
import { parseInput } from './validate.js';
import { accountNames, clockView, findingsFor, findingViews, paramsOfRow } from './record-views.js';
import { decodeCursor, DEFAULT_PAGE, encodeCursor, MAX_PAGE, pageSize } from './paging.js';

/*
 * Police custody (issue 3): the application services behind the API routes and the pages. Each
 * write reads the episode's stream, lets the pure decider decide (src/domain/custody) and appends
 * with the version seen; each read of an episode is checked by the policy and recorded in the log.
 */

export interface CustodyServices {
  store: Store;
  rules: CustodyRules;
}

/** Who appends what the clocks find (src/clocks/scheduler.ts): not a person, and named so. */
export const SCHEDULER_ACTOR = 'habeas:scheduler';

/** The custody write path: decide on the episode's stream, append, and return the new state. */
export async function decideAndAppend(
  services: CustodyServices,
  custodyId: string,
  command: CustodyCommand,
  options: { fresh?: boolean; guard?: AppendGuard } = {},
): Promise<{ result: AppendResult; state: CustodyState }> {
  return decideAndAppendWithState(
    services.store,
    custodyStream(custodyId),
    custodyDecider(services.rules),
    command,
    options,
  );
}

async function episodeRow(store: Store, custodyId: string): Promise<CustodyEpisodeRow | undefined> {
  return store.db.selectFrom('custody_episodes').selectAll().where('id', '=', custodyId).executeTakeFirst();
}

/** Where an episode sits for access: its facility, that facility's region and population. */
async function episodeResource(store: Store, row: CustodyEpisodeRow): Promise<Resource> {
  const facility = await getFacility(store, row.facility_id);
  return {
    facilities: [row.facility_id],
    regions: facility ? [facility.region] : [],
    populations: facility ? [facility.population] : [],
  };
}

/**
 * Loads an episode the principal may act on. An episode outside the principal's scope is a 403
 * (not a 404): the officer learns nothing about it but is told why.
 */
async function episodeFor(
  store: Store,
  principal: Principal | null,
  action: 'custody.read' | 'custody.record',
  custodyId: string,
): Promise<{ row: CustodyEpisodeRow; principal: Principal }> {
  requireAccess(principal, action);
  const row = await episodeRow(store, custodyId);
  if (!row) throw new NotFoundError(`there is no custody episode ${custodyId}`);
  const allowed = requireAccess(principal, action, await episodeResource(store, row));
  return { row, principal: allowed };
}

/** Registers an arrest: opens the episode with the arrest record (kz.custody.actual-time, intl.register.minimum). */
export async function registerArrest(
  services: CustodyServices,
  principal: Principal | null,
  input: z.input<typeof ArrestInput>,
  now: Date,
): Promise<CustodyView> {
  requireAccess(principal, 'custody.create');
  const arrest = parseInput(ArrestInput, input);
  const officer = requireAccess(principal, 'custody.create', { facilities: [arrest.facilityId] });
  const { store } = services;
  const facility = await getFacility(store, arrest.facilityId);
  if (!facility)
    throw new RefusedError({ detail: `there is no facility ${arrest.facilityId}`, field: 'facilityId' });
  if (facility.kind !== 'police-custody')
    throw new RefusedError({
      detail: `${facility.name} is not a police custody unit: arrests are registered by the custody unit that holds the person`,
      field: 'facilityId',
    });
  // Issue 17: the person must be within the officer's reach (in scope, or by a document they hold).
  const { person, reachedBy, identityDocument } = await reachPerson(
    store,
    officer,
    arrest.personId,
    arrest.identityDocument,
  );
  const custodyId = newId();
  const { state } = await decideAndAppend(
    services,
    custodyId,
    {
      type: 'open-custody',
      custodyId,
      personId: arrest.personId,
      facilityId: arrest.facilityId,
      apprehendedAt: arrest.apprehendedAt,
      place: arrest.place,
      grounds: arrest.grounds,
      arrestingOfficer: arrest.arrestingOfficer,
      orderingAuthority: arrest.orderingAuthority ?? null,
      person: { birthDate: person.birthDate, citizenship: person.citizenship, languages: person.languages },
      placement: { population: populationOf(facility), sex: sexOf(person) },
      reachedBy: reachedBy === 'document' ? 'document' : 'scope',
      identityDocument,
      now: now.toISOString(),
      actor: officer.id,
    },
    { fresh: true, guard: notInCustody(arrest.personId) },
  );
  return viewOf(services, custodyId, state, now, officer, {
    person,
    facility,
    names: new Map([[officer.id, officer.name]]),
  });
}

/** The person's open episode, if any (the arrest guard's question). */
const openEpisodeOf = prepared((db, personId: string) =>
  db
    .selectFrom('custody_episodes')
    .select('id')
    .where('person_id', '=', personId)
    .where('status', '=', 'in-custody'),
);

/**
 * One open episode per person. Checked where the arrest is written, under the log head's lock
 * (AppendGuard), so that two arrests of one person cannot both pass — not when they arrive
 * together, and not when two servers on one PostgreSQL database take one each.
 */
function notInCustody(personId: string): AppendGuard {
  return {
    key: `custody-open/${personId}`,
    check: async (trx) => {
      const open = await openEpisodeOf.first(trx, personId);
      // Issue 17: the refusal names no record and no place (the officer may not know where the person is).
      return open
        ? new RefusedError({
            detail:
              'this person is already in custody: the police custody unit holding them records their transfer or release first',
            field: 'personId',
          })
        : undefined;
    },
  };
}

/** Safeguard events a judge records; everything else is the custody unit's to record. */
const JUDICIAL_EVENTS: readonly CustodyEventType[] = ['court-decision', 'judicial-ruled'];

/** Records a safeguard event (rights, counsel, family, medical, injury, court, release, transfer, consular, judicial). */
export async function recordCustodyEvent(
  services: CustodyServices,
  principal: Principal | null,
  custodyId: string,
  input: z.input<typeof CustodyEventInput>,
  now: Date,
): Promise<CustodyView> {
  const { store } = services;
  const { row, principal: actor } = await episodeFor(store, principal, 'custody.record', custodyId);
  const event = parseInput(CustodyEventInput, input);
  if (actor.role === 'judge' && !JUDICIAL_EVENTS.includes(event.type))
    throw new AccessDeniedError(
      403,
      'a judge records court decisions and rulings; the custody unit records the rest',
    );
  let placement: RecordSafeguard['placement'];
  if (event.type === 'transferred') {
    const destination = await getFacility(store, event.destinationFacilityId);
    if (!destination)
      throw new RefusedError({
        detail: `there is no facility ${event.destinationFacilityId}`,
        field: 'destinationFacilityId',
      });
    // kz.placement.separation: the destination must be able to hold the person (the decider checks).
    const person = await getPerson(store, row.person_id);
    if (person)
      placement = {
        population: populationOf(destination),
        person: { sex: sexOf(person), birthDate: person.birthDate },
      };
  }
  const { state } = await decideAndAppend(services, custodyId, {
    type: 'record-safeguard',
    input: event,
    ...(placement ? { placement } : {}),
    now: now.toISOString(),
    actor: actor.id,
  });
  return viewOf(services, custodyId, state, now, actor);
}

/** Corrects an entry: a new event naming the entry and the reason; the original stays (kz.custody.actual-time). */
export async function correctCustodyEntry(
  services: CustodyServices,
  principal: Principal | null,
  custodyId: string,
  input: z.input<typeof CorrectionInput>,
  now: Date,
): Promise<CustodyView> {
  const { store } = services;
  const { principal: actor } = await episodeFor(store, principal, 'custody.record', custodyId);
  if (actor.role === 'judge') throw new AccessDeniedError(403, 'corrections are made by the custody unit');
  const correction = parseInput(CorrectionInput, input);
  const { state } = await decideAndAppend(services, custodyId, {
    type: 'correct-entry',
    correctsSeq: correction.correctsSeq,
    field: correction.field,
    to: correction.to,
    reason: correction.reason,
    now: now.toISOString(),
    actor: actor.id,
  });
  return viewOf(services, custodyId, state, now, actor);
}

/**
 * Records an interview of the detained suspect (kz.custody.interview): the custody unit's to
 * record, never a judge's. Recorded as it happened; what the rule finds wrong with it (before the
 * rights, requested counsel absent, no recording) is appended with it as findings. Returns the
 * interview with its findings, and the episode as the recorder now sees it.
 */
export async function recordInterview(
  services: CustodyServices,
  principal: Principal | null,
  custodyId: string,
  input: z.input<typeof InterviewInput>,
  now: Date,
): Promise<{ interview: InterviewView; custody: CustodyView }> {
  const { store } = services;
  const { principal: actor } = await episodeFor(store, principal, 'custody.record', custodyId);
  if (actor.role === 'judge')
    throw new AccessDeniedError(403, 'interviews are recorded by the custody unit that holds the person');
  const interview = parseInput(InterviewInput, input);
  const interviewId = newId();
  const { state } = await decideAndAppend(services, custodyId, {
    type: 'record-interview',
    interviewId,
    input: interview,
    now: now.toISOString(),
    actor: actor.id,
  });
  const custody = await viewOf(services, custodyId, state, now, actor);
  const recorded = custody.interviews.find((item) => item.interviewId === interviewId);
  if (!recorded) throw new Error(`interview ${interviewId} was not recorded`);
  return { interview: recorded, custody };
}

/** An episode as `principal` may see it; the read is recorded in the log first (who, what, when, why). */
export async function readCustody(
  services: CustodyServices,
  principal: Principal | null,
  custodyId: string,
  now: Date,
  purpose?: string,
): Promise<CustodyView> {
  const { store } = services;
  const { row, principal: reader } = await episodeFor(store, principal, 'custody.read', custodyId);
  await appendRead(store, reader, custodyStream(custodyId), purpose);
  return viewOf(services, custodyId, JSON.parse(row.state) as CustodyState, now, reader);
}

/** Payload fields for display: everything but `at`, which the timeline shows on its own. */
function details(event: CustodyEvent): TimelineEntryView['details'] {
  const out: TimelineEntryView['details'] = {};
  for (const [key, value] of Object.entries(event.payload as Record<string, unknown>)) {
    if (key === 'at') continue;
    if (
      value === null ||
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean' ||
      (Array.isArray(value) && value.every((item) => typeof item === 'string'))
    )
      out[key] = value as string | number | boolean | null | string[];
  }
  return out;
}

function timelineViews(state: CustodyState, names: Map<string, string>): TimelineEntryView[] {
  const corrections = new Map<number, CorrectionView[]>();
  for (const item of state.timeline) {
    if (item.event.type !== 'custody-corrected') continue;
    const c = item.event.payload;
    const list = corrections.get(c.correctsSeq) ?? [];
    list.push({
      seq: item.seq,
      field: c.field,
      from: c.from,
      to: c.to,
      reason: c.reason,
      correctedAt: c.correctedAt,
      actor: item.actor,
    });
    corrections.set(c.correctsSeq, list);
  }
  return state.timeline.map((item) => {
    const payload = item.event.payload as { at?: unknown; apprehendedAt?: unknown; startedAt?: unknown };
    const stated =
      typeof payload.at === 'string'
        ? payload.at
        : item.event.type === 'custody-opened' && typeof payload.apprehendedAt === 'string'
          ? payload.apprehendedAt
          : item.event.type === 'interview-recorded' && typeof payload.startedAt === 'string'
            ? payload.startedAt
            : null;
    return {
      seq: item.seq,
      version: item.version,
      type: item.event.type,
      at: stated,
      recordedAt: item.recordedAt,
      actor: item.actor,
      actorName: names.get(item.actor) ?? null,
      details: details(item.event),
      corrections: corrections.get(item.seq) ?? [],
    };
  });
}

/** The episode's interviews, each with the kz.custody.interview findings that name it. */
function interviewViews(
  state: CustodyState,
  findings: readonly FindingView[],
  names: Map<string, string>,
): InterviewView[] {
  const views: InterviewView[] = [];
  for (const item of state.timeline) {
    if (item.event.type !== 'interview-recorded') continue;
    const interview = item.event.payload;
    views.push({
      seq: item.seq,
      interviewId: interview.interviewId,
      startedAt: interview.startedAt,
      endedAt: interview.endedAt,
      interviewer: { ...interview.interviewer },
      present: interview.present.map((person) => ({ ...person })),
      counsel: interview.counsel,
      counselName: interview.counselName,
      interpreter: interview.interpreter,
      recording: interview.recording === null ? null : { ...interview.recording },
      noRecordingReason: interview.noRecordingReason,
      caseNumber: interview.caseNumber,
      recordedAt: item.recordedAt,
      actor: item.actor,
      actorName: names.get(item.actor) ?? null,
      findings: findings.filter(
        (finding) =>
          finding.rule === 'kz.custody.interview' &&
          (finding.params as { interviewId?: unknown } | undefined)?.interviewId === interview.interviewId,
      ),
    });
  }
  return views;
}

/** What a caller already has in hand, so the view need not read it again. */
interface Known {
  person?: PersonView | null;
  facility?: FacilityView | null;
  names?: Map<string, string>;
}

async function viewOf(
  services: CustodyServices,
  custodyId: string,
  state: CustodyState,
  now: Date,
  viewer: Principal | null,
  known: Known = {},
): Promise<CustodyView> {
  const { store, rules } = services;
  const opened = state.opened;
  if (!opened) throw new NotFoundError(`there is no custody episode ${custodyId}`);
  const actors = new Set(state.timeline.map((item) => item.actor));
  const knownNames = known.names ?? new Map<string, string>();
  const [person, facility, names] = await Promise.all([
    known.person !== undefined ? known.person : getPerson(store, opened.personId),
    known.facility !== undefined ? known.facility : getFacility(store, opened.facilityId),
    accountNames(
      store,
      [...actors].filter((actor) => !knownNames.has(actor)),
    ).then((found) => new Map([...knownNames, ...found])),
  ]);
  const visible = findingsFor(state, viewer);
  const findings = findingViews(visible);
  return {
    id: custodyId,
    personId: opened.personId,
    facilityId: opened.facilityId,
    juvenile: opened.juvenile,
    apprehendedAt: apprehensionInForce(state) ?? opened.apprehendedAt,
    recordedAt: opened.recordedAt,
    status: state.status,
    clocks: custodyClocks(state, rules).map((clock) => clockView(clock, now)),
    // Oversight-only findings (a withheld referral) are not the custody unit's to read.
    findings,
    version: state.version,
    place: currentValue(state, opened.seq, 'place', opened.place),
    grounds: currentValue(state, opened.seq, 'grounds', opened.grounds),
    arrestingOfficer: currentValue(state, opened.seq, 'arrestingOfficer', opened.arrestingOfficer),
    orderingAuthority: opened.orderingAuthority,
    foreignNational: opened.foreignNational,
    person: person
      ? {
          familyName: person.familyName,
          givenNames: person.givenNames,
          patronymic: person.patronymic,
          birthDate: person.birthDate,
          sex: person.sex,
          citizenship: person.citizenship,
          languages: person.languages,
        }
      : // The person's registration was erased (data protection): the episode remains, the identity does not.
        {
          familyName: '—',
          givenNames: '—',
          patronymic: null,
          birthDate: '',
          sex: '',
          citizenship: null,
          languages: [],
        },
    facility: { id: opened.facilityId, name: facility?.name ?? opened.facilityId },
    timeline: timelineViews(visible, names),
    referrals: injuryReferrals(state),
    interviews: interviewViews(state, findings, names),
  };
}

/** The latest corrected value of a text field of the arrest record (text fields are not clock inputs). */
function currentValue(state: CustodyState, seq: number, field: string, original: string): string {
  let value = original;
  for (const item of state.timeline)
    if (
      item.event.type === 'custody-corrected' &&
      item.event.payload.correctsSeq === seq &&
      item.event.payload.field === field
    )
      value = item.event.payload.to;
  return value;
}

// ---------------------------------------------------------------------------------------------
// Lists

export const CLOCK_FILTERS = ['running', 'warning', 'breached'] as const;
export type ClockFilter = (typeof CLOCK_FILTERS)[number];

export interface CustodyQuery {
  facilityId?: string | undefined;
  status?: 'in-custody' | 'released' | 'transferred' | undefined;
  clock?: ClockFilter | undefined;
  rule?: string | undefined;
  /** Apprehended within (the desk's date range). */
  apprehended?: InstantRange | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
  purpose?: string | undefined;
}

export { DEFAULT_PAGE, MAX_PAGE };

/** A list's date range as instants, [from, to): the pages' calendar days (src/web/list-export.ts `dayBounds`). */
export interface InstantRange {
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * How many rows a list's WHERE matches (0 when the reader's scope holds no facility): one COUNT(*),
 * a number on SQLite and a bigint's text on PostgreSQL.
 */
async function countRows<DB, TB extends keyof DB>(
  matching: SelectQueryBuilder<DB, TB, object> | null,
): Promise<number> {
  if (matching === null) return 0;
  const row = (await matching
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}

/** The reader's facilities narrowed to the one asked for; a facility outside them is refused. */
function narrow(facilities: string[] | null, facilityId: string | undefined): string[] | null {
  if (facilityId === undefined) return facilities;
  if (facilities !== null && !facilities.includes(facilityId))
    throw new AccessDeniedError(403, 'this facility is outside your scope');
  return [facilityId];
}

/**
 * Which facilities' episodes a reader of lists may see: a facility-scoped officer their own, a
 * regional reader those of their regions, a national one all (`null`).
 */
async function visibleFacilities(
  store: Store,
  principal: Principal,
  grant: 'facility' | 'region',
): Promise<string[] | null> {
  if (grant === 'facility') return principal.facilities;
  if (principal.regions.length === 0) return null;
  const rows = await store.db
    .selectFrom('facilities')
    .select('id')
    .where('region', 'in', principal.regions)
    .execute();
  return rows.map((row) => row.id);
}

function grantOf(principal: Principal): 'facility' | 'region' {
  return principal.role === 'custody-officer' || principal.role === 'medical' ? 'facility' : 'region';
}

/**
 * The episodes a list reader may see that match the query, without paging: the one WHERE of the
 * desk and of its count. Null when the reader's scope holds no facility.
 */
async function matchingEpisodes(store: Store, reader: Principal, query: CustodyQuery, now: Date) {
  const facilities = narrow(await visibleFacilities(store, reader, grantOf(reader)), query.facilityId);
  if (facilities !== null && facilities.length === 0) return null;
  const nowIso = now.toISOString();
  let select = store.db.selectFrom('custody_episodes as e');
  if (facilities !== null) select = select.where('e.facility_id', 'in', facilities);
  if (query.status !== undefined) select = select.where('e.status', '=', query.status);
  if (query.apprehended?.from !== undefined)
    select = select.where('e.apprehended_at', '>=', query.apprehended.from);
  if (query.apprehended?.to !== undefined)
    select = select.where('e.apprehended_at', '<', query.apprehended.to);
  if (query.rule !== undefined) {
    const rule = query.rule;
    select = select.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('custody_findings as cf')
          .select('cf.seq')
          .whereRef('cf.custody_id', '=', 'e.id')
          .where('cf.rule', '=', rule),
      ),
    );
  }
  if (query.clock !== undefined) {
    const clock = query.clock;
    select = select.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('custody_clocks as c')
          .select('c.clock_key')
          .whereRef('c.custody_id', '=', 'e.id')
          .where((eb) => {
            switch (clock) {
              case 'running':
                return eb.and([eb('c.outcome', '=', 'running'), eb('c.due_at', '>', nowIso)]);
              case 'warning':
                return eb.and([
                  eb('c.outcome', '=', 'running'),
                  eb('c.warn_at', '<=', nowIso),
                  eb('c.due_at', '>', nowIso),
                ]);
              case 'breached':
                return eb.or([
                  eb.and([eb('c.outcome', '=', 'running'), eb('c.due_at', '<=', nowIso)]),
                  eb.and([eb('c.ended_at', 'is not', null), eb('c.ended_at', '>', eb.ref('c.due_at'))]),
                ]);
            }
          }),
      ),
    );
  }
  return select;
}

/**
 * How many episodes the desk lists for these filters, in the reader's scope (its "n of N"): one
 * COUNT that names nobody, so not a read of the log.
 */
export async function countCustody(
  services: CustodyServices,
  principal: Principal | null,
  query: Omit<CustodyQuery, 'cursor' | 'limit' | 'purpose'>,
  now: Date,
): Promise<number> {
  const reader = requireAccess(principal, 'custody.read');
  return countRows(await matchingEpisodes(services.store, reader, query, now));
}

/** Episodes for the desk and GET /custody: most urgent (earliest kz.custody.limit due time) first, paged. */
export async function listCustody(
  services: CustodyServices,
  principal: Principal | null,
  query: CustodyQuery,
  now: Date,
): Promise<CustodyPage> {
  const reader = requireAccess(principal, 'custody.read');
  const { store, rules } = services;
  const limit = pageSize(query.limit);
  const matching = await matchingEpisodes(store, reader, query, now);
  if (matching === null) return { items: [], next: null };

  let select = matching
    .innerJoin('facilities as f', 'f.id', 'e.facility_id')
    .leftJoin('people as p', 'p.id', 'e.person_id')
    .select([
      'e.id',
      'e.person_id',
      'e.facility_id',
      'e.juvenile',
      'e.apprehended_at',
      'e.recorded_at',
      'e.status',
      'e.limit_due_at',
      'e.state',
      'f.name as facility_name',
      'p.family_name',
      'p.given_names',
      'p.patronymic',
    ]);
  if (query.cursor !== undefined) {
    const [due, id] = decodeCursor<[string, string]>(query.cursor, ['string', 'string']);
    select = select.where((eb) =>
      eb.or([eb('e.limit_due_at', '>', due), eb.and([eb('e.limit_due_at', '=', due), eb('e.id', '>', id)])]),
    );
  }
  const rows = await select
    .orderBy('e.limit_due_at')
    .orderBy('e.id')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const items: CustodySummary[] = page.map((row) => {
    const state = JSON.parse(row.state) as CustodyState;
    const clocks = custodyClocks(state, rules).map((clock) => clockView(clock, now));
    return {
      id: row.id,
      personId: row.person_id,
      personName:
        row.family_name === null
          ? '—'
          : [row.family_name, row.given_names, row.patronymic].filter((part) => part).join(' '),
      facilityId: row.facility_id,
      facilityName: row.facility_name,
      juvenile: row.juvenile === 1,
      apprehendedAt: row.apprehended_at,
      recordedAt: row.recorded_at,
      status: state.status,
      limit: clocks.find((clock) => clock.rule === 'kz.custody.limit') ?? null,
      clocks,
      findings: findingsFor(state, reader).findings.map(({ finding }) => ({
        rule: finding.rule,
        kind: finding.kind,
      })),
    };
  });
  const last = page.at(-1);
  if (items.length > 0) {
    // The list shows names: one read-audit entry names every episode shown.
    await appendRead(
      store,
      reader,
      'custody',
      query.purpose,
      items.map((item) => custodyStream(item.id)),
    );
  }
  return {
    items,
    next: rows.length > limit && last ? encodeCursor([last.limit_due_at, last.id]) : null,
  };
}

export interface FindingQuery {
  rule?: string | undefined;
  facilityId?: string | undefined;
  kind?: 'flag' | 'breach' | undefined;
  /** Found within (the time the finding is about, `at`). */
  found?: InstantRange | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** The findings an oversight reader may see that match the query, without paging; null when none can. */
async function matchingFindings(store: Store, reader: Principal, query: FindingQuery) {
  const facilities = narrow(await visibleFacilities(store, reader, 'region'), query.facilityId);
  if (facilities !== null && facilities.length === 0) return null;
  let select = store.db.selectFrom('custody_findings as cf');
  if (facilities !== null) select = select.where('cf.facility_id', 'in', facilities);
  if (query.rule !== undefined) select = select.where('cf.rule', '=', query.rule);
  if (query.kind !== undefined) select = select.where('cf.kind', '=', query.kind);
  if (query.found?.from !== undefined) select = select.where('cf.at', '>=', query.found.from);
  if (query.found?.to !== undefined) select = select.where('cf.at', '<', query.found.to);
  return select;
}

/** How many findings the oversight list shows for these filters, in the reader's scope. */
export async function countFindings(
  services: CustodyServices,
  principal: Principal | null,
  query: Omit<FindingQuery, 'cursor' | 'limit'>,
): Promise<number> {
  const reader = requireAccess(principal, 'custody.findings');
  return countRows(await matchingFindings(services.store, reader, query));
}

/** Findings across facilities for the oversight roles, newest first (no names: no read audit needed). */
export async function listFindings(
  services: CustodyServices,
  principal: Principal | null,
  query: FindingQuery,
): Promise<FindingPage> {
  const reader = requireAccess(principal, 'custody.findings');
  const matching = await matchingFindings(services.store, reader, query);
  if (matching === null) return { items: [], next: null };
  const limit = pageSize(query.limit);
  let select = matching
    .innerJoin('facilities as f', 'f.id', 'cf.facility_id')
    .innerJoin('custody_episodes as e', 'e.id', 'cf.custody_id')
    .select([
      'cf.seq',
      'cf.custody_id',
      'cf.facility_id',
      'cf.rule',
      'cf.kind',
      'cf.at',
      'cf.detail',
      'cf.params',
      'cf.pack',
      'cf.pack_version',
      'cf.recorded_at',
      'f.name as facility_name',
      'e.juvenile',
    ]);
  if (query.cursor !== undefined) {
    const [seq] = decodeCursor<[number]>(query.cursor, ['number']);
    select = select.where('cf.seq', '<', seq);
  }
  const rows = await select
    .orderBy('cf.seq', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      seq: row.seq,
      rule: row.rule,
      kind: row.kind === 'breach' ? 'breach' : 'flag',
      at: row.at,
      detail: row.detail,
      ...paramsOfRow(row.params),
      pack: row.pack,
      packVersion: row.pack_version,
      recordedAt: row.recorded_at,
      custodyId: row.custody_id,
      facilityId: row.facility_id,
      facilityName: row.facility_name,
      juvenile: row.juvenile === 1,
    })),
    next: rows.length > limit && last ? encodeCursor([last.seq]) : null,
  };
}

/** A list of medical referrals: custody's injury referrals and a prison's (src/app/prison.ts) alike. */
export interface ReferralQuery {
  facilityId?: string | undefined;
  /** Open (the default) or examined; `any` for both. */
  status?: 'open' | 'examined' | 'any' | undefined;
  /** Opened within (the injury entry's time; in a prison, the examination's). */
  opened?: InstantRange | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
  /** Why they are read, for the read's entry in the log. */
  purpose?: string | undefined;
}

/** The referrals a health official may see that match the query (their own facilities only); null when none. */
function matchingReferrals(store: Store, reader: Principal, query: ReferralQuery) {
  const facilities = narrow(reader.facilities, query.facilityId) ?? [];
  if (facilities.length === 0) return null;
  let select = store.db.selectFrom('custody_referrals as r').where('r.facility_id', 'in', facilities);
  const status = query.status ?? 'open';
  if (status !== 'any') select = select.where('r.status', '=', status);
  if (query.opened?.from !== undefined) select = select.where('r.opened_at', '>=', query.opened.from);
  if (query.opened?.to !== undefined) select = select.where('r.opened_at', '<', query.opened.to);
  return select;
}

/** How many referrals the medical list shows for these filters, in the reader's facilities. */
export async function countReferrals(
  services: CustodyServices,
  principal: Principal | null,
  query: Omit<ReferralQuery, 'cursor' | 'limit'>,
): Promise<number> {
  const reader = requireAccess(principal, 'referral.read');
  return countRows(matchingReferrals(services.store, reader, query));
}

/** Injury referrals (kz.custody.injury-log) for the medical staff of the facilities: GET /custody-referrals. */
export async function listReferrals(
  services: CustodyServices,
  principal: Principal | null,
  query: { facilityId?: string | undefined; status?: 'open' | 'examined' | undefined },
): Promise<ReferralView[]> {
  return (await listReferralPage(services, principal, { ...query, limit: MAX_PAGE })).items;
}

/** The referrals page by page, the longest waiting first; names people, so read-audited. */
export async function listReferralPage(
  services: CustodyServices,
  principal: Principal | null,
  query: ReferralQuery,
): Promise<{ items: ReferralView[]; next: string | null }> {
  const reader = requireAccess(principal, 'referral.read');
  const { store } = services;
  const matching = matchingReferrals(store, reader, query);
  if (matching === null) return { items: [], next: null };
  const limit = pageSize(query.limit);
  let select = matching
    .innerJoin('facilities as f', 'f.id', 'r.facility_id')
    .leftJoin('people as p', 'p.id', 'r.person_id')
    .select([
      'r.custody_id',
      'r.injury_seq',
      'r.facility_id',
      'r.opened_at',
      'r.status',
      'f.name as facility_name',
      'p.family_name',
      'p.given_names',
    ]);
  if (query.cursor !== undefined) {
    const [at, id, seq] = decodeCursor<[string, string, number]>(query.cursor, [
      'string',
      'string',
      'number',
    ]);
    select = select.where((eb) =>
      eb.or([
        eb('r.opened_at', '>', at),
        eb.and([eb('r.opened_at', '=', at), eb('r.custody_id', '>', id)]),
        eb.and([eb('r.opened_at', '=', at), eb('r.custody_id', '=', id), eb('r.injury_seq', '>', seq)]),
      ]),
    );
  }
  const found = await select
    .orderBy('r.opened_at')
    .orderBy('r.custody_id')
    .orderBy('r.injury_seq')
    .limit(limit + 1)
    .execute();
  const rows = found.slice(0, limit);
  const last = rows.at(-1);
  if (rows.length > 0)
    await appendRead(
      store,
      reader,
      'custody-referrals',
      query.purpose,
      rows.map((row) => custodyStream(row.custody_id)),
    );
  const items = rows.map((row) => ({
    custodyId: row.custody_id,
    injurySeq: row.injury_seq,
    facilityId: row.facility_id,
    facilityName: row.facility_name,
    personName: row.family_name === null ? '—' : `${row.family_name} ${row.given_names ?? ''}`.trim(),
    openedAt: row.opened_at,
    status: row.status === 'examined' ? ('examined' as const) : ('open' as const),
  }));
  return {
    items,
    next:
      found.length > limit && last
        ? encodeCursor([last.opened_at, last.custody_id, Number(last.injury_seq)])
        : null,
  };
}
