import type { z } from 'zod';
import { can, type Resource } from '../access/policy.js';
import type { Principal } from '../access/principal.js';
import { prisonClocks } from '../clocks/prison.js';
import { runDays, runAt } from '../domain/discipline/separation.js';
import type { CustodyState } from '../domain/custody/state.js';
import type { PrisonCommand } from '../domain/prison/commands.js';
import { prisonDecider } from '../domain/prison/decide.js';
import { prisonStream, type CommitmentOrder, type PrisonEvent } from '../domain/prison/events.js';
import { addDays, itemsOf, juvenileOn, kzCalendarDate, vulnerabilitiesOn } from '../domain/prison/facts.js';
import { AdmissionInput, StayEventInput } from '../domain/prison/inputs.js';
import type { StayState } from '../domain/prison/state.js';
import { isRefusal, type Refusal } from '../domain/decision.js';
import type { FindingParamsByRule } from '../domain/findings.js';
import type { FacilityKind } from '../domain/registry/facility.js';
import type { CustodyRules } from '../rules/custody-rules.js';
import type { PlacementPopulation } from '../rules/placement-checks.js';
import { DEFAULT_PRISON_RULES, type PrisonRules } from '../rules/prison-rules.js';
import { watchedActionParams } from '../store/projections/prison.js';
import type { PrisonStayRow } from '../store/schema/prison.js';
import { VersionConflictError, type AppendGuard, type AppendResult, type Store } from '../store/types.js';
import { requireAccess } from './access.js';
import { appendRead } from './audit.js';
import { SCHEDULER_ACTOR, type ReferralQuery } from './custody.js';
import type { FindingView } from './custody-views.js';
import { AccessDeniedError, NotFoundError, RefusedError } from './errors.js';
import { decideAndAppendWithState } from './execute.js';
import { deathHoldInput, HABEAS_SYSTEM, placeEvidenceHold } from './footage.js';
import { newId } from './ids.js';
import type {
  DisciplineCheckView,
  DisciplineView,
  PrisonFindingView,
  PrisonReferralView,
  RegimeView,
  ReprisalFlagView,
  StayPage,
  StaySummary,
  StayTimelineEntry,
  StayView,
} from './prison-views.js';
import { reachPerson } from './person-reach.js';
import { getFacility, getPerson, populationOf, sexOf, type FacilityView } from './registry.js';
import { parseInput } from './validate.js';
import { accountNames, clockView, findingsFor, findingViews, paramsOfRow } from './record-views.js';
import { decodeCursor, DEFAULT_PAGE, encodeCursor, MAX_PAGE, pageSize } from './paging.js';

/*
 * Remand centres and prisons (issue 5): the application services behind the API routes and the
 * pages. Each write reads the stay's stream, lets the pure decider decide (src/domain/prison,
 * src/domain/discipline) and appends with the version seen; each read of a stay is checked by the
 * policy and recorded in the log. Clinical results are shown only to the `medical` role.
 */

export interface PrisonServices {
  store: Store;
  /** The prison rules in force (default: the packs as published). */
  prisonRules?: PrisonRules;
  /** The custody rules, to close a police custody episode carried over on admission. */
  rules: CustodyRules;
}

const PRISON_KINDS: readonly string[] = ['remand-centre', 'prison', 'life-prison', 'open-prison'];

const rulesOf = (services: PrisonServices): PrisonRules => services.prisonRules ?? DEFAULT_PRISON_RULES;

/** The prison write path: decide on the stay's stream, append, and return the new state. */
export async function decideAndAppendStay(
  services: PrisonServices,
  stayId: string,
  command: PrisonCommand,
  options: { fresh?: boolean; guard?: AppendGuard } = {},
): Promise<{ result: AppendResult; state: StayState }> {
  return decideAndAppendWithState(
    services.store,
    prisonStream(stayId),
    prisonDecider(rulesOf(services)),
    command,
    options,
  );
}

/**
 * The scheduler's command for one stay: records what is due at `now`; when nothing is, moves the
 * read model's next check on (to the end of the day, or the next clock), unless the stay changed meanwhile.
 */
export async function recordDueStayFindings(
  services: PrisonServices,
  stayId: string,
  now: string,
  next: (state: StayState) => string | null,
): Promise<{ result: AppendResult }> {
  const { store } = services;
  // Every held stay is looked at after each midnight: decide on the read model's folded state
  // (kept in the append transaction, so it is the stream's as of its version) instead of reading
  // and folding a stream of years of daily entries. A concurrent append makes the version stale:
  // then the normal path decides again on the stream.
  const row = await store.db
    .selectFrom('prison_stays')
    .select('state')
    .where('id', '=', stayId)
    .executeTakeFirst();
  if (row) {
    const known = JSON.parse(row.state) as StayState;
    const decision = prisonDecider(rulesOf(services)).decide(
      { type: 'record-due-findings', now, actor: SCHEDULER_ACTOR },
      known,
    );
    if (!isRefusal(decision) && decision.length === 0) {
      await store.db
        .updateTable('prison_stays')
        .set({ next_check_at: next(known) })
        .where('id', '=', stayId)
        .where('version', '=', known.version)
        .execute();
      return { result: { stream: prisonStream(stayId), version: known.version, entries: [] } };
    }
    if (!isRefusal(decision))
      try {
        return {
          result: await store.append({
            stream: prisonStream(stayId),
            expectedVersion: known.version,
            actor: SCHEDULER_ACTOR,
            events: decision,
          }),
        };
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
      }
  }
  const { result, state } = await decideAndAppendStay(services, stayId, {
    type: 'record-due-findings',
    now,
    actor: SCHEDULER_ACTOR,
  });
  if (result.entries.length === 0)
    await services.store.db
      .updateTable('prison_stays')
      .set({ next_check_at: next(state) })
      .where('id', '=', stayId)
      .where('version', '=', state.version)
      .execute();
  return { result };
}

async function stayRow(store: Store, stayId: string): Promise<PrisonStayRow | undefined> {
  return store.db.selectFrom('prison_stays').selectAll().where('id', '=', stayId).executeTakeFirst();
}

async function facilityResource(store: Store, facilityId: string): Promise<Resource> {
  const facility = await getFacility(store, facilityId);
  return {
    facilities: [facilityId],
    regions: facility ? [facility.region] : [],
    populations: facility ? [facility.population] : [],
  };
}

type StayAction = 'prison.read' | 'prison.record' | 'prison.discipline';

/** Loads a stay the principal may act on; outside their scope is a 403 (they learn nothing about it). */
async function stayFor(
  store: Store,
  principal: Principal | null,
  action: StayAction,
  stayId: string,
): Promise<{ row: PrisonStayRow; principal: Principal }> {
  requireAccess(principal, action);
  const row = await stayRow(store, stayId);
  if (!row) throw new NotFoundError(`there is no prison stay ${stayId}`);
  const allowed = requireAccess(principal, action, await facilityResource(store, row.facility_id));
  return { row, principal: allowed };
}

function commitmentOrderOf(input: z.output<typeof AdmissionInput>['commitmentOrder']): CommitmentOrder {
  if (typeof input === 'string') return { reference: input, authority: null, issuedOn: null, grounds: null };
  return {
    reference: input.reference,
    authority: input.authority ?? null,
    issuedOn: input.issuedOn ?? null,
    grounds: input.grounds ?? null,
  };
}

/**
 * Admits a person (intl.register.minimum). The person must be within the officer's reach (issue 17:
 * in scope, handed over by a police custody unit, or identified by a document the officer holds).
 * A transfer from police custody names the episode: its custody unit must have recorded the
 * transfer to this facility (the hand-over it confirms), and its apprehension is then the
 * deprivation of liberty on the register. This service never writes into a custody stream.
 */
export async function admitPrisoner(
  services: PrisonServices,
  principal: Principal | null,
  input: z.input<typeof AdmissionInput>,
  now: Date,
): Promise<StayView> {
  requireAccess(principal, 'prison.admit');
  const admission = parseInput(AdmissionInput, input);
  const { store } = services;
  const officer = requireAccess(
    principal,
    'prison.admit',
    await facilityResource(store, admission.facilityId),
  );
  const facility = await getFacility(store, admission.facilityId);
  if (!facility)
    throw new RefusedError({ detail: `there is no facility ${admission.facilityId}`, field: 'facilityId' });
  if (!PRISON_KINDS.includes(facility.kind))
    throw new RefusedError({
      detail: `${facility.name} is not a remand centre or prison: police custody is registered as an arrest`,
      field: 'facilityId',
    });
  const handOver =
    admission.custodyId === undefined
      ? null
      : await handOverOf(store, admission.custodyId, admission.personId, admission.facilityId);
  const { person, reachedBy, identityDocument } = await reachPerson(
    store,
    officer,
    admission.personId,
    admission.identityDocument,
    handOver?.state === 'handed-over',
  );
  // Only now, with the person within reach, is anything said about the episode named.
  if (handOver !== null && handOver.state === 'in-custody')
    throw new RefusedError({ detail: HAND_OVER_PENDING, field: 'custodyId' });
  if (handOver !== null && handOver.state === 'none')
    throw new RefusedError({
      detail:
        'the police custody episode named was not handed over to this facility for this person: check its number, or leave it out',
      field: 'custodyId',
    });
  const opened = handOver?.state === 'handed-over' ? handOver.opened : null;
  const deprivedOfLiberty = admission.deprivedOfLiberty
    ? {
        at: admission.deprivedOfLiberty.at,
        place: admission.deprivedOfLiberty.place,
        authority: admission.deprivedOfLiberty.authority ?? null,
      }
    : opened
      ? {
          at: opened.apprehendedAt,
          place: opened.place,
          authority: opened.orderingAuthority ?? opened.arrestingOfficer,
        }
      : {
          at: admission.admittedAt,
          place: facility.name,
          authority: commitmentOrderOf(admission.commitmentOrder).authority,
        };
  const stayId = newId();
  const { state } = await decideAndAppendStay(
    services,
    stayId,
    {
      type: 'admit',
      stayId,
      personId: admission.personId,
      facilityId: admission.facilityId,
      admittedAt: admission.admittedAt,
      commitmentOrder: commitmentOrderOf(admission.commitmentOrder),
      custodyId: admission.custodyId ?? null,
      deprivedOfLiberty,
      lifeSentence: admission.lifeSentence ?? facility.kind === 'life-prison',
      person: { sex: sexOf(person), birthDate: person.birthDate, languages: person.languages },
      facilityPopulation: populationOf(facility),
      reachedBy,
      identityDocument,
      now: now.toISOString(),
      actor: officer.id,
    },
    { fresh: true, guard: notHeld(admission.personId, admission.custodyId ?? null) },
  );
  return viewOf(services, stayId, state, now, officer);
}

/** The refusal of an admission naming an episode whose custody unit has not recorded the transfer. */
export const HAND_OVER_PENDING =
  'the police custody unit has not recorded this person’s transfer to your facility: ask it to record the transfer ' +
  '(its custody event `transferred` naming this facility), then admit the person';
/** The refusal of an admission naming an episode the person was already admitted from. */
export const HAND_OVER_ADMITTED =
  'the person was already admitted from this police custody episode: leave it out of a new admission';

/**
 * The hand-over of a police custody episode to an admitting facility (issue 17 item 4): the
 * episode is this person's, and its custody unit recorded the transfer to this facility (a
 * `transferred` entry in its own stream, by its own officer). Whether the episode was already
 * admitted somewhere is checked where the admission is written (notHeld).
 */
type HandOver =
  | { state: 'handed-over'; opened: NonNullable<CustodyState['opened']> }
  | { state: 'in-custody' }
  | { state: 'none' };

async function handOverOf(
  store: Store,
  custodyId: string,
  personId: string,
  facilityId: string,
): Promise<HandOver> {
  const episode = await store.db
    .selectFrom('custody_episodes')
    .select(['person_id', 'status', 'state'])
    .where('id', '=', custodyId)
    .executeTakeFirst();
  if (!episode || episode.person_id !== personId) return { state: 'none' };
  if (episode.status === 'in-custody') return { state: 'in-custody' };
  const custody = JSON.parse(episode.state) as CustodyState;
  const transfer = custody.timeline.findLast((item) => item.event.type === 'transferred');
  if (
    episode.status !== 'transferred' ||
    !custody.opened ||
    transfer?.event.type !== 'transferred' ||
    transfer.event.payload.destinationFacilityId !== facilityId
  )
    return { state: 'none' };
  return { state: 'handed-over', opened: custody.opened };
}

/**
 * One held stay per person, and one admission per police custody episode handed over, checked
 * where the admission is written, under the log head's lock (AppendGuard): two admissions of one
 * person cannot both pass, on one server or several. The refusals name no record and no place.
 */
function notHeld(personId: string, custodyId: string | null): AppendGuard {
  return {
    key: `prison-held/${personId}`,
    check: async (trx) => {
      const stays = await trx
        .selectFrom('prison_stays')
        .select(['status', 'state'])
        .where('person_id', '=', personId)
        .execute();
      if (stays.some((stay) => stay.status === 'held'))
        return new RefusedError({
          detail:
            'this person is already held: the remand centre or prison holding them records their transfer or release first',
          field: 'personId',
        });
      if (
        custodyId !== null &&
        stays.some((stay) => (JSON.parse(stay.state) as StayState).admitted?.custodyId === custodyId)
      )
        return new RefusedError({ detail: HAND_OVER_ADMITTED, field: 'custodyId' });
      return undefined;
    },
  };
}

/** Events only the governor decides; events the medical role records (and nothing else). */
const GOVERNOR_EVENTS: ReadonlySet<string> = new Set(['discipline-decided', 'appeal-decided']);
const MEDICAL_EVENTS: ReadonlySet<string> = new Set([
  'medical-examined',
  'health-visit',
  'vulnerability-recorded',
  'vulnerability-ended',
]);

/** Records one event of a stay (POST /prison/stays/{id}/events). */
export async function recordStayEvent(
  services: PrisonServices,
  principal: Principal | null,
  stayId: string,
  input: z.input<typeof StayEventInput>,
  now: Date,
): Promise<StayView> {
  const { store } = services;
  const { row, principal: actor } = await stayFor(store, principal, 'prison.record', stayId);
  const event = parseInput(StayEventInput, input);
  if (GOVERNOR_EVENTS.has(event.type))
    requireAccess(actor, 'prison.discipline', await facilityResource(store, row.facility_id));
  if (actor.role === 'medical' && !MEDICAL_EVENTS.has(event.type))
    throw new AccessDeniedError(403, 'medical staff record examinations, health visits and vulnerabilities');
  if (event.type === 'medical-examined' && event.results !== undefined && actor.role !== 'medical')
    throw new AccessDeniedError(403, 'only medical staff record clinical results', 'kz.medical.system');
  let destinationPopulation: PlacementPopulation | undefined;
  if (event.type === 'transferred') {
    const destination = await getFacility(store, event.destinationFacilityId);
    if (!destination)
      throw new RefusedError({
        detail: `there is no facility ${event.destinationFacilityId}`,
        field: 'destinationFacilityId',
      });
    if (!PRISON_KINDS.includes(destination.kind))
      throw new RefusedError({
        detail: `${destination.name} is not a remand centre or prison`,
        field: 'destinationFacilityId',
      });
    // kz.placement.separation: the decider checks the destination against the person.
    destinationPopulation = populationOf(destination);
  }
  const facility = await getFacility(store, row.facility_id);
  try {
    const { state } = await decideAndAppendStay(services, stayId, {
      type: 'record',
      input: event,
      facilityKind: (facility?.kind as FacilityKind | undefined) ?? null,
      ...(destinationPopulation ? { destinationPopulation } : {}),
      actorName: actor.name,
      now: now.toISOString(),
      actor: actor.id,
    });
    if (event.type === 'died') {
      // intl.death.report: the facility's footage around the death is kept from deletion at once.
      const died = itemsOf(state, 'died').at(-1);
      if (died)
        await placeEvidenceHold(
          { store },
          HABEAS_SYSTEM,
          deathHoldInput({
            facilityId: row.facility_id,
            diedAt: died.event.payload.at,
            recordedAt: died.recordedAt,
            reference: `prison/${stayId}`,
          }),
          now,
        );
    }
    return viewOf(services, stayId, state, now, actor);
  } catch (error) {
    // A disciplinary decision the law refuses stays visible to oversight: the attempt is an entry.
    if (event.type === 'discipline-decided' && error instanceof RefusedError && error.rule !== undefined)
      await decideAndAppendStay(services, stayId, {
        type: 'record-refused-discipline',
        measure: event.measure,
        days: event.days ?? null,
        rule: error.rule,
        detail: error.message,
        ...(error.reason !== undefined ? { reason: error.reason } : {}),
        at: event.at ?? now.toISOString(),
        now: now.toISOString(),
        actor: actor.id,
      });
    throw error;
  }
}

/** A refused measure's verdict: every rule it breaks, the first one also on its own (as before). */
export function refusedVerdict(refusal: Omit<Refusal, 'refused'>): DisciplineCheckView {
  const breaches = [refusal, ...(refusal.also ?? [])].map((each) => ({
    rule: each.rule ?? null,
    detail: each.detail,
    code: each.reason?.code ?? null,
    params: each.reason?.params ?? null,
  }));
  const first = breaches[0] as DisciplineCheckView['breaches'][number];
  return { allowed: false, ...first, breaches, flags: [], startsAt: null, endsAt: null };
}

/**
 * What the discipline form explains before submission: the decision the governor is about to take,
 * decided on the current record without appending anything — would national law refuse it (which
 * rule, why), and which international findings would it add.
 */
export async function checkDiscipline(
  services: PrisonServices,
  principal: Principal | null,
  stayId: string,
  input: {
    measure: string;
    days?: number | undefined;
    startsAt?: string | undefined;
    reason?: string | undefined;
  },
  now: Date,
): Promise<DisciplineCheckView> {
  const { store } = services;
  const { row, principal: actor } = await stayFor(store, principal, 'prison.discipline', stayId);
  const event = parseInput(StayEventInput, {
    type: 'discipline-decided',
    measure: input.measure,
    ...(input.days !== undefined ? { days: input.days } : {}),
    ...(input.startsAt !== undefined ? { startsAt: input.startsAt } : {}),
    reason: input.reason ?? 'check before decision',
  });
  const facility = await getFacility(store, row.facility_id);
  const state = JSON.parse(row.state) as StayState;
  const decision = prisonDecider(rulesOf(services)).decide(
    {
      type: 'record',
      input: event,
      facilityKind: (facility?.kind as FacilityKind | undefined) ?? null,
      actorName: actor.name,
      now: now.toISOString(),
      actor: actor.id,
    },
    state,
  );
  if (isRefusal(decision)) return refusedVerdict(decision);
  const decided = decision.find(
    (item): item is Extract<PrisonEvent, { type: 'discipline-decided' }> =>
      item.type === 'discipline-decided',
  );
  return {
    allowed: true,
    rule: null,
    detail: null,
    code: null,
    params: null,
    breaches: [],
    flags: decision.flatMap((item) =>
      item.type === 'finding-recorded' && item.payload.rule.startsWith('intl.solitary')
        ? [
            {
              rule: item.payload.rule,
              detail: item.payload.detail,
              ...(item.payload.params !== undefined ? { params: item.payload.params } : {}),
            },
          ]
        : [],
    ),
    startsAt: decided?.payload.startsAt ?? null,
    endsAt: decided?.payload.endsAt ?? null,
  };
}

/** A stay as `principal` may see it; the read is recorded in the log first (who, what, when, why). */
export async function readStay(
  services: PrisonServices,
  principal: Principal | null,
  stayId: string,
  now: Date,
  purpose?: string,
): Promise<StayView> {
  const { store } = services;
  const { row, principal: reader } = await stayFor(store, principal, 'prison.read', stayId);
  await appendRead(store, reader, prisonStream(stayId), purpose);
  const view = await viewOf(services, stayId, JSON.parse(row.state) as StayState, now, reader);
  // kz.complaint.reprisal: the monitor sees the stay's reprisal flags among its findings; the
  // facility never does (nor the procurator: the flags are the complaints authority's and the monitor's).
  if (!can(reader, 'reprisal.read', await facilityResource(store, row.facility_id))) return view;
  const flags = await reprisalFindings(services, { stayId });
  return { ...view, findings: [...view.findings, ...flags].sort((a, b) => a.seq - b.seq) };
}

/** What a reprisal flag says, as data (src/domain/findings.ts), for the pages to say in their language. */
function reprisalParams(
  row: {
    action: string;
    detail: string;
    action_at: string;
    complained_at: string;
    reference: string | null;
  },
  watchDays: number,
): { params?: FindingParamsByRule['kz.complaint.reprisal'] } {
  const action = watchedActionParams(row.action, row.detail);
  if (action === null) return {};
  return {
    params: {
      ...action,
      actionAt: row.action_at,
      complainedAt: row.complained_at,
      watchDays,
      reference: row.reference,
    },
  };
}

/** Which reprisal flags: a stay's, or a list's (its facilities, before a cursor, acted on within a range). */
interface ReprisalWhere {
  stayId?: string;
  facilities?: string[] | null;
  beforeSeq?: number | undefined;
  within?: InstantRange | undefined;
}

/** The reprisal flags matching `where`, before any join: one WHERE for the lists, the stay and the counts. */
function reprisalFlagsWhere(store: Store, where: ReprisalWhere) {
  let select = store.db.selectFrom('reprisal_flags as r');
  if (where.stayId !== undefined) select = select.where('r.stay_id', '=', where.stayId);
  if (where.facilities) select = select.where('r.facility_id', 'in', where.facilities);
  if (where.beforeSeq !== undefined) select = select.where('r.seq', '<', where.beforeSeq);
  if (where.within?.from !== undefined) select = select.where('r.action_at', '>=', where.within.from);
  if (where.within?.to !== undefined) select = select.where('r.action_at', '<', where.within.to);
  return select;
}

/** Reprisal flags shaped as findings (rule kz.complaint.reprisal, the action's entry as `seq`). */
async function reprisalFindings(
  services: PrisonServices,
  where: ReprisalWhere & { limit?: number },
): Promise<(FindingView & { stayId: string; facilityId: string; facilityName: string })[]> {
  const rules = rulesOf(services);
  const select = reprisalFlagsWhere(services.store, where)
    .innerJoin('facilities as f', 'f.id', 'r.facility_id')
    .leftJoin('complaints as c', 'c.id', 'r.complaint_id')
    .select([
      'r.seq',
      'r.stay_id',
      'r.facility_id',
      'r.action',
      'r.detail',
      'r.action_at',
      'r.complained_at',
      'r.recorded_at',
      'f.name as facility_name',
      'c.reference',
    ]);
  const rows = await select
    .orderBy('r.seq', 'desc')
    .limit(where.limit ?? MAX_PAGE)
    .execute();
  return rows.map((row) => ({
    seq: Number(row.seq),
    rule: 'kz.complaint.reprisal',
    kind: 'flag' as const,
    at: row.action_at,
    detail:
      `${row.detail} on ${row.action_at}, within ${rules.reprisalDays} days after the person's complaint of ${row.complained_at}` +
      (row.reference ? ` (receipt ${row.reference})` : ''),
    ...reprisalParams(row, rules.reprisalDays),
    pack: rules.kzPack,
    packVersion: rules.kzPackVersion,
    recordedAt: row.recorded_at,
    stayId: row.stay_id,
    facilityId: row.facility_id,
    facilityName: row.facility_name,
  }));
}

/** The regime at `now`: the run of separation in progress, counted in consecutive days, or the general regime. */
export function regimeAt(state: StayState, rules: PrisonRules, now: Date): RegimeView {
  const run = state.status === 'held' ? runAt(state, rules, now.getTime()) : null;
  if (!run)
    return {
      kind: 'general',
      localName: null,
      since: null,
      until: null,
      consecutiveDays: 0,
      plannedDays: null,
    };
  const current =
    run.intervals.find(
      (interval) =>
        interval.start <= now.getTime() && (interval.end === null || interval.end > now.getTime()),
    ) ?? run.intervals.at(-1);
  return {
    kind: current?.source === 'placement' ? 'separation' : (current?.source ?? 'separation'),
    localName: current?.localName ?? null,
    since: new Date(run.start).toISOString(),
    until: run.end === null ? null : new Date(run.end).toISOString(),
    consecutiveDays: runDays(run, now.getTime()),
    plannedDays: run.end === null ? null : runDays(run, null),
  };
}

/** Minutes outdoors on each of the last 14 days of the stay up to `today` (the exercise log, kz.life.exercise). */
function recentExercise(state: StayState, today: string): { date: string; minutes: number }[] {
  const admitted = state.admitted;
  if (!admitted) return [];
  const first = kzCalendarDate(admitted.admittedAt);
  const days: { date: string; minutes: number }[] = [];
  for (let back = 13; back >= 0; back--) {
    const date = addDays(today, -back);
    if (date >= first) days.push({ date, minutes: state.exercise?.[date] ?? 0 });
  }
  return days;
}

function disciplineViews(state: StayState): DisciplineView[] {
  const appeals = itemsOf(state, 'discipline-appealed').map((item) => item.event.payload.decisionId);
  const outcomes = new Map(
    itemsOf(state, 'appeal-decided').map((item) => [
      item.event.payload.decisionId,
      item.event.payload.outcome,
    ]),
  );
  return itemsOf(state, 'discipline-decided').map(({ event }) => ({
    decisionId: event.payload.decisionId,
    measure: event.payload.measure,
    days: event.payload.days,
    startsAt: event.payload.startsAt,
    endsAt: event.payload.endsAt,
    reason: event.payload.reason,
    decidedAt: event.payload.at,
    appealed: appeals.includes(event.payload.decisionId),
    appealOutcome: outcomes.get(event.payload.decisionId) ?? null,
  }));
}

/** Payload fields for display; clinical results withheld from every role but `medical` (kz.medical.system). */
function timelineViews(
  state: StayState,
  names: Map<string, string>,
  reader: Principal | null,
): StayTimelineEntry[] {
  const clinical = reader?.role === 'medical';
  return state.timeline.map((item) => {
    const payload = { ...(item.event.payload as Record<string, unknown>) };
    if (item.event.type === 'medical-examined' && !clinical) delete payload.results;
    const at =
      typeof payload.at === 'string'
        ? payload.at
        : item.event.type === 'prison-admitted'
          ? (payload.admittedAt as string)
          : null;
    delete payload.at;
    return {
      seq: item.seq,
      version: item.version,
      type: item.event.type,
      at,
      recordedAt: item.recordedAt,
      actor: item.actor,
      actorName: names.get(item.actor) ?? null,
      details: payload,
    };
  });
}

async function viewOf(
  services: PrisonServices,
  stayId: string,
  state: StayState,
  now: Date,
  reader: Principal | null,
): Promise<StayView> {
  const { store } = services;
  const rules = rulesOf(services);
  const admitted = state.admitted;
  if (!admitted) throw new NotFoundError(`there is no prison stay ${stayId}`);
  const facilityId = state.facilityId ?? admitted.facilityId;
  const [person, facility, names]: [
    Awaited<ReturnType<typeof getPerson>>,
    FacilityView | null,
    Map<string, string>,
  ] = await Promise.all([
    getPerson(store, admitted.personId),
    getFacility(store, facilityId),
    accountNames(
      store,
      state.timeline.map((item) => item.actor),
    ),
  ]);
  const today = kzCalendarDate(now.toISOString());
  return {
    id: stayId,
    personId: admitted.personId,
    facilityId,
    status: state.status,
    admittedAt: admitted.admittedAt,
    recordedAt: admitted.recordedAt,
    lifeSentence: admitted.lifeSentence,
    juvenile: juvenileOn(state, today),
    sex: admitted.sex,
    commitmentOrder: admitted.commitmentOrder,
    custodyId: admitted.custodyId,
    deprivedOfLiberty: admitted.deprivedOfLiberty,
    person: person
      ? {
          familyName: person.familyName,
          givenNames: person.givenNames,
          patronymic: person.patronymic,
          birthDate: person.birthDate,
          languages: person.languages,
        }
      : { familyName: '—', givenNames: '—', patronymic: null, birthDate: '', languages: [] },
    facility: {
      id: facilityId,
      name: facility?.name ?? facilityId,
      kind: facility?.kind ?? '',
      population: facility?.population ?? '',
    },
    regime: regimeAt(state, rules, now),
    vulnerabilities: vulnerabilitiesOn(state, today),
    clocks: prisonClocks(state, rules).map((clock) => clockView(clock, now)),
    // Oversight-only findings (a withheld referral) are not the facility's to read.
    findings: findingViews(findingsFor(state, reader)),
    discipline: disciplineViews(state),
    exercise: recentExercise(state, today),
    timeline: timelineViews(findingsFor(state, reader), names, reader),
    version: state.version,
  };
}

// ---------------------------------------------------------------------------------------------
// Lists

export { DEFAULT_PAGE, MAX_PAGE };

/** Facilities whose records a list reader may see: their own (facility staff), their regions', or all (null). */
async function visibleFacilities(store: Store, principal: Principal): Promise<string[] | null> {
  if (principal.role === 'prison-officer' || principal.role === 'governor' || principal.role === 'medical')
    return principal.facilities;
  if (principal.regions.length === 0) return null;
  const rows = await store.db
    .selectFrom('facilities')
    .select('id')
    .where('region', 'in', principal.regions)
    .execute();
  return rows.map((row) => row.id);
}

function narrow(facilities: string[] | null, facilityId: string | undefined): string[] | null {
  if (facilityId === undefined) return facilities;
  if (facilities !== null && !facilities.includes(facilityId))
    throw new AccessDeniedError(403, 'this facility is outside your scope');
  return [facilityId];
}

const fullName = (row: {
  family_name: string | null;
  given_names: string | null;
  patronymic: string | null;
}): string =>
  row.family_name === null
    ? '—'
    : [row.family_name, row.given_names, row.patronymic].filter((part) => part).join(' ');

/** A list's date range as instants, [from, to): the pages' calendar days (src/web/list-export.ts `dayBounds`). */
export interface InstantRange {
  from?: string | undefined;
  to?: string | undefined;
}

/** The count of a list's rows: COUNT(*) answers a number on SQLite and a bigint's text on PostgreSQL. */
async function countOf(query: { executeTakeFirst(): Promise<{ n: number | string | bigint } | undefined> }) {
  return Number((await query.executeTakeFirst())?.n ?? 0);
}

export interface StayQuery {
  facilityId?: string | undefined;
  status?: 'held' | 'released' | 'died' | undefined;
  /** Only people in separation now (the monitor's nationwide view). */
  separated?: boolean | undefined;
  /** Admitted within (the roll), or in separation since within (with `separated`). */
  within?: InstantRange | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
  purpose?: string | undefined;
}

/**
 * The stays a list reader may see that match the query, without paging: the one WHERE of the roll
 * (or the separation view) and its count. Null when the reader's scope holds no facility.
 */
async function matchingStays(services: PrisonServices, reader: Principal, query: StayQuery, now: Date) {
  const { store } = services;
  const facilities = narrow(await visibleFacilities(store, reader), query.facilityId);
  if (facilities !== null && facilities.length === 0) return null;
  const nowIso = now.toISOString();
  let select = store.db.selectFrom('prison_stays as s');
  if (facilities !== null) select = select.where('s.facility_id', 'in', facilities);
  if (query.separated) {
    select = select
      .where('s.status', '=', 'held')
      .where('s.separation_start', '<=', nowIso)
      .where((eb) => eb.or([eb('s.separation_end', 'is', null), eb('s.separation_end', '>', nowIso)]));
  } else if (query.status !== undefined) select = select.where('s.status', '=', query.status);
  else select = select.where('s.status', '=', 'held');
  const dated = query.separated ? 's.separation_start' : 's.admitted_at';
  if (query.within?.from !== undefined) select = select.where(dated, '>=', query.within.from);
  if (query.within?.to !== undefined) select = select.where(dated, '<', query.within.to);
  return select;
}

/** How many stays the roll (or the separation view) lists for these filters, in the reader's scope. */
export async function countStays(
  services: PrisonServices,
  principal: Principal | null,
  query: Omit<StayQuery, 'cursor' | 'limit' | 'purpose'>,
  now: Date,
): Promise<number> {
  const reader = requireAccess(principal, query.separated ? 'prison.separation' : 'prison.read');
  const select = await matchingStays(services, reader, query, now);
  return select === null ? 0 : countOf(select.select((eb) => eb.fn.countAll<number | string>().as('n')));
}

/**
 * The facility's roll (GET /prison/stays): each person's regime, consecutive days in separation and
 * open clocks, by name; with `separated`, everyone in separation now, longest run first. Read-audited.
 */
export async function listStays(
  services: PrisonServices,
  principal: Principal | null,
  query: StayQuery,
  now: Date,
): Promise<StayPage> {
  const reader = requireAccess(principal, query.separated ? 'prison.separation' : 'prison.read');
  const { store } = services;
  const rules = rulesOf(services);
  const matching = await matchingStays(services, reader, query, now);
  if (matching === null) return { items: [], next: null };
  const limit = pageSize(query.limit);
  let select = matching
    .innerJoin('facilities as f', 'f.id', 's.facility_id')
    .leftJoin('people as p', 'p.id', 's.person_id')
    .select([
      's.id',
      's.person_id',
      's.facility_id',
      's.status',
      's.admitted_at',
      's.life_sentence',
      's.separation_start',
      's.state',
      'f.name as facility_name',
      'p.family_name',
      'p.given_names',
      'p.patronymic',
    ]);
  // Order: separation first, longest run first (earliest start), then by name... kept stable by id.
  const orderKey = query.separated ? 's.separation_start' : 's.admitted_at';
  if (query.cursor !== undefined) {
    const [key, id] = decodeCursor<[string, string]>(query.cursor, ['string', 'string']);
    select = select.where((eb) =>
      eb.or([eb(orderKey, '>', key), eb.and([eb(orderKey, '=', key), eb('s.id', '>', id)])]),
    );
  }
  const rows = await select
    .orderBy(orderKey)
    .orderBy('s.id')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const items: StaySummary[] = page.map((row) => {
    const state = JSON.parse(row.state) as StayState;
    return {
      id: row.id,
      personId: row.person_id,
      personName: fullName(row),
      facilityId: row.facility_id,
      facilityName: row.facility_name,
      status: row.status,
      admittedAt: row.admitted_at,
      lifeSentence: row.life_sentence === 1,
      regime: regimeAt(state, rules, now),
      // Still open: running, or overdue and not yet met (the roll shows both).
      openClocks: prisonClocks(state, rules)
        .map((clock) => clockView(clock, now))
        .filter((clock) => clock.endedAt === null || Date.parse(clock.endedAt) > now.getTime()),
      findings: findingsFor(state, reader).findings.map(({ finding }) => ({
        rule: finding.rule,
        kind: finding.kind,
      })),
    };
  });
  if (items.length > 0)
    await appendRead(
      store,
      reader,
      query.separated ? 'prison-separation' : 'prison',
      query.purpose,
      items.map((item) => prisonStream(item.id)),
    );
  const last = page.at(-1);
  const lastKey = last ? (query.separated ? last.separation_start : last.admitted_at) : null;
  return { items, next: rows.length > limit && last && lastKey ? encodeCursor([lastKey, last.id]) : null };
}

export interface PrisonFindingQuery {
  rule?: string | undefined;
  facilityId?: string | undefined;
  /** Found within (the finding's `at`; a reprisal flag's action). */
  within?: InstantRange | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/**
 * The prison findings a reader may see that match the query, without paging, and whether the
 * reprisal flags join them (the monitor's list, never the facility's). Null when nothing is in scope.
 */
async function matchingFindings(
  services: PrisonServices,
  reader: Principal,
  query: PrisonFindingQuery,
  beforeSeq: number | undefined,
) {
  const { store } = services;
  const facilities = narrow(await visibleFacilities(store, reader), query.facilityId);
  if (facilities !== null && facilities.length === 0) return null;
  let select = store.db.selectFrom('prison_findings as pf');
  if (facilities !== null) select = select.where('pf.facility_id', 'in', facilities);
  if (query.rule !== undefined) select = select.where('pf.rule', '=', query.rule);
  if (beforeSeq !== undefined) select = select.where('pf.seq', '<', beforeSeq);
  if (query.within?.from !== undefined) select = select.where('pf.at', '>=', query.within.from);
  if (query.within?.to !== undefined) select = select.where('pf.at', '<', query.within.to);
  // kz.complaint.reprisal: the monitor's list carries the reprisal flags too (never the facility's).
  const reprisals: ReprisalWhere | null =
    (query.rule === undefined || query.rule === 'kz.complaint.reprisal') && can(reader, 'reprisal.read')
      ? { facilities, beforeSeq, within: query.within }
      : null;
  return { select, reprisals };
}

/** How many findings the prison findings list holds for these filters, reprisal flags included where shown. */
export async function countPrisonFindings(
  services: PrisonServices,
  principal: Principal | null,
  query: Omit<PrisonFindingQuery, 'cursor' | 'limit'>,
): Promise<number> {
  const reader = requireAccess(principal, 'prison.findings');
  const matching = await matchingFindings(services, reader, query, undefined);
  if (matching === null) return 0;
  const findings = matching.select.select('pf.seq');
  const rows =
    matching.reprisals === null
      ? findings
      : findings.unionAll(reprisalFlagsWhere(services.store, matching.reprisals).select('r.seq'));
  return countOf(
    services.store.db.selectFrom(rows.as('u')).select((eb) => eb.fn.countAll<number | string>().as('n')),
  );
}

/** Prison findings across facilities for the oversight roles, newest first (no names: no read audit). */
export async function listPrisonFindings(
  services: PrisonServices,
  principal: Principal | null,
  query: PrisonFindingQuery,
): Promise<{ items: PrisonFindingView[]; next: string | null }> {
  const reader = requireAccess(principal, 'prison.findings');
  const limit = pageSize(query.limit);
  const beforeSeq =
    query.cursor !== undefined ? decodeCursor<[number]>(query.cursor, ['number'])[0] : undefined;
  const matching = await matchingFindings(services, reader, query, beforeSeq);
  if (matching === null) return { items: [], next: null };
  const select = matching.select
    .innerJoin('facilities as f', 'f.id', 'pf.facility_id')
    .select([
      'pf.seq',
      'pf.stay_id',
      'pf.facility_id',
      'pf.rule',
      'pf.kind',
      'pf.at',
      'pf.detail',
      'pf.params',
      'pf.pack',
      'pf.pack_version',
      'pf.recorded_at',
      'f.name as facility_name',
    ]);
  const rows = await select
    .orderBy('pf.seq', 'desc')
    .limit(limit + 1)
    .execute();
  const found: PrisonFindingView[] = rows.map((row) => ({
    seq: Number(row.seq),
    rule: row.rule,
    kind: row.kind === 'breach' ? 'breach' : 'flag',
    at: row.at,
    detail: row.detail,
    ...paramsOfRow(row.params),
    pack: row.pack,
    packVersion: row.pack_version,
    recordedAt: row.recorded_at,
    stayId: row.stay_id,
    facilityId: row.facility_id,
    facilityName: row.facility_name,
  }));
  if (matching.reprisals !== null)
    found.push(...(await reprisalFindings(services, { ...matching.reprisals, limit: limit + 1 })));
  found.sort((a, b) => b.seq - a.seq);
  const page = found.slice(0, limit);
  const last = page.at(-1);
  return { items: page, next: found.length > limit && last ? encodeCursor([last.seq]) : null };
}

/**
 * Reprisal flags (kz.complaint.reprisal) for the complaints authority and the monitor: who, which
 * measure or transfer, when, and when they had complained — with the complaint's receipt reference,
 * never its content. Read-audited (the list names people).
 */
export async function listReprisalFlags(
  services: PrisonServices,
  principal: Principal | null,
  query: { facilityId?: string | undefined; limit?: number | undefined },
): Promise<ReprisalFlagView[]> {
  return (await pageReprisalFlags(services, principal, query)).items;
}

export interface ReprisalFlagQuery {
  facilityId?: string | undefined;
  /** Acted on (the measure or transfer) within. */
  within?: InstantRange | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
  /** Why the flags are read, for the read's entry in the log. */
  purpose?: string | undefined;
}

/** The facilities whose reprisal flags the reader sees: all for the complaints authority, else their scope. */
async function reprisalFacilities(store: Store, reader: Principal, facilityId: string | undefined) {
  return reader.role === 'complaints-officer'
    ? narrow(null, facilityId)
    : narrow(await visibleFacilities(store, reader), facilityId);
}

/** How many reprisal flags the list holds for these filters, in the reader's scope. */
export async function countReprisalFlags(
  services: PrisonServices,
  principal: Principal | null,
  query: Omit<ReprisalFlagQuery, 'cursor' | 'limit'>,
): Promise<number> {
  const reader = requireAccess(principal, 'reprisal.read');
  const facilities = await reprisalFacilities(services.store, reader, query.facilityId);
  if (facilities !== null && facilities.length === 0) return 0;
  return countOf(
    reprisalFlagsWhere(services.store, { facilities, within: query.within }).select((eb) =>
      eb.fn.countAll<number | string>().as('n'),
    ),
  );
}

/** The reprisal flags, newest first, a page at a time (keyset on the flag's entry). Read-audited. */
export async function pageReprisalFlags(
  services: PrisonServices,
  principal: Principal | null,
  query: ReprisalFlagQuery,
): Promise<{ items: ReprisalFlagView[]; next: string | null }> {
  const reader = requireAccess(principal, 'reprisal.read');
  const { store } = services;
  const facilities = await reprisalFacilities(store, reader, query.facilityId);
  if (facilities !== null && facilities.length === 0) return { items: [], next: null };
  const limit = pageSize(query.limit);
  const beforeSeq =
    query.cursor !== undefined ? decodeCursor<[number]>(query.cursor, ['number'])[0] : undefined;
  const select = reprisalFlagsWhere(store, { facilities, beforeSeq, within: query.within })
    .innerJoin('facilities as f', 'f.id', 'r.facility_id')
    .leftJoin('people as p', 'p.id', 'r.person_id')
    .leftJoin('complaints as c', 'c.id', 'r.complaint_id')
    .select([
      'r.seq',
      'r.stay_id',
      'r.person_id',
      'r.facility_id',
      'r.action',
      'r.detail',
      'r.action_at',
      'r.complained_at',
      'r.recorded_at',
      'f.name as facility_name',
      'p.family_name',
      'p.given_names',
      'p.patronymic',
      'c.reference',
    ]);
  const rows = await select
    .orderBy('r.seq', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  if (page.length > 0)
    await appendRead(
      store,
      reader,
      'reprisal-flags',
      query.purpose,
      page.map((row) => prisonStream(row.stay_id)),
    );
  const last = page.at(-1);
  const items = page.map((row) => ({
    seq: Number(row.seq),
    stayId: row.stay_id,
    personId: row.person_id,
    personName: fullName(row),
    facilityId: row.facility_id,
    facilityName: row.facility_name,
    action: row.action,
    detail: row.detail,
    ...reprisalParams(row, rulesOf(services).reprisalDays),
    actionAt: row.action_at,
    complainedAt: row.complained_at,
    complaintReference: row.reference,
    recordedAt: row.recorded_at,
  }));
  return { items, next: rows.length > limit && last ? encodeCursor([Number(last.seq)]) : null };
}

/** The referrals the facility's medical staff may see that match the query (their own facilities only); null when none. */
function matchingPrisonReferrals(store: Store, reader: Principal, query: ReferralQuery) {
  const facilities = narrow(reader.facilities, query.facilityId) ?? [];
  if (facilities.length === 0) return null;
  let select = store.db.selectFrom('prison_referrals as r').where('r.facility_id', 'in', facilities);
  const status = query.status ?? 'open';
  if (status !== 'any') select = select.where('r.status', '=', status);
  if (query.opened?.from !== undefined) select = select.where('r.opened_at', '>=', query.opened.from);
  if (query.opened?.to !== undefined) select = select.where('r.opened_at', '<', query.opened.to);
  return select;
}

/** How many referrals the medical list shows for these filters, in the reader's facilities. */
export async function countPrisonReferrals(
  services: PrisonServices,
  principal: Principal | null,
  query: Omit<ReferralQuery, 'cursor' | 'limit' | 'purpose'>,
): Promise<number> {
  const reader = requireAccess(principal, 'referral.read');
  const matching = matchingPrisonReferrals(services.store, reader, query);
  return matching === null ? 0 : countOf(matching.select((eb) => eb.fn.countAll<number | string>().as('n')));
}

/** Open referrals from examinations that noted bodily harm, for the facility's medical staff (the API's first page). */
export async function listPrisonReferrals(
  services: PrisonServices,
  principal: Principal | null,
  query: { facilityId?: string | undefined; status?: 'open' | 'examined' | undefined },
): Promise<PrisonReferralView[]> {
  return (await pagePrisonReferrals(services, principal, { ...query, limit: MAX_PAGE })).items;
}

/**
 * Referrals from examinations that noted bodily harm (kz.admission.medical), the longest waiting
 * first, a page at a time (keyset on the opening, the stay and the examination). They name
 * people: every page read is recorded. No clinical result leaves the stay.
 */
export async function pagePrisonReferrals(
  services: PrisonServices,
  principal: Principal | null,
  query: ReferralQuery,
): Promise<{ items: PrisonReferralView[]; next: string | null }> {
  const reader = requireAccess(principal, 'referral.read');
  const { store } = services;
  const matching = matchingPrisonReferrals(store, reader, query);
  if (matching === null) return { items: [], next: null };
  const limit = pageSize(query.limit);
  let select = matching
    .innerJoin('facilities as f', 'f.id', 'r.facility_id')
    .leftJoin('people as p', 'p.id', 'r.person_id')
    .select([
      'r.stay_id',
      'r.exam_seq',
      'r.facility_id',
      'r.opened_at',
      'r.status',
      'f.name as facility_name',
      'p.family_name',
      'p.given_names',
      'p.patronymic',
    ]);
  if (query.cursor !== undefined) {
    const [at, stayId, seq] = decodeCursor<[string, string, number]>(query.cursor, [
      'string',
      'string',
      'number',
    ]);
    select = select.where((eb) =>
      eb.or([
        eb('r.opened_at', '>', at),
        eb.and([eb('r.opened_at', '=', at), eb('r.stay_id', '>', stayId)]),
        eb.and([eb('r.opened_at', '=', at), eb('r.stay_id', '=', stayId), eb('r.exam_seq', '>', seq)]),
      ]),
    );
  }
  const found = await select
    .orderBy('r.opened_at')
    .orderBy('r.stay_id')
    .orderBy('r.exam_seq')
    .limit(limit + 1)
    .execute();
  const rows = found.slice(0, limit);
  if (rows.length > 0)
    await appendRead(
      store,
      reader,
      'prison-referrals',
      query.purpose,
      rows.map((row) => prisonStream(row.stay_id)),
    );
  const last = rows.at(-1);
  return {
    items: rows.map((row) => ({
      stayId: row.stay_id,
      examSeq: Number(row.exam_seq),
      facilityId: row.facility_id,
      facilityName: row.facility_name,
      personName: fullName(row),
      openedAt: row.opened_at,
      status: row.status === 'examined' ? ('examined' as const) : ('open' as const),
    })),
    next:
      found.length > limit && last
        ? encodeCursor([last.opened_at, last.stay_id, Number(last.exam_seq)])
        : null,
  };
}
