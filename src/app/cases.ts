import { sql } from 'kysely';
import type { Resource } from '../access/policy.js';
import type { Principal } from '../access/principal.js';
import { caseClocks } from '../clocks/cases.js';
import type { ClockView } from './custody-views.js';
import type { CaseCommand } from '../domain/cases/commands.js';
import { caseDecider } from '../domain/cases/decide.js';
import { caseStream, type AllegationSource, type CaseEvent } from '../domain/cases/events.js';
import * as Inputs from '../domain/cases/inputs.js';
import {
  officialDecider,
  officialStream,
  type OfficialDetails,
  type OfficialState,
} from '../domain/cases/officials.js';
import type { CaseState, DefendantRecord } from '../domain/cases/state.js';
import { caseStatus, reclassified, type CaseStatus } from '../domain/cases/status.js';
import { normaliseReference } from '../domain/complaints/reference.js';
import { refuse } from '../domain/decision.js';
import { reason } from '../domain/refusals.js';
import { canonicalRegion, regionsIntersect } from '../domain/registry/regions.js';
import { kzCalendarDate } from '../rules/custody-checks.js';
import { DEFAULT_CASE_RULES, type CaseRules } from '../rules/case-rules.js';
import { daysBetween } from '../domain/prison/facts.js';
import type { Store } from '../store/types.js';
import type { z } from 'zod';
import { requireAccess } from './access.js';
import { appendRead } from './audit.js';
import { NotFoundError, RefusedError } from './errors.js';
import { decideAndAppendWithState } from './execute.js';
import { newId } from './ids.js';
import { decodeCursor, encodeCursor, pageSize } from './paging.js';
import { clockView, paramsOfRow } from './record-views.js';
import { parseInput } from './validate.js';

/*
 * Criminal case files and the register of officials (issue 20). The procurator of the region opens
 * a case from allegations (complaints referred under kz.torture.referral, doctors' referrals) or ex
 * officio, and records every step of the file; judges read the cases before the courts of their
 * regions; the monitor and the statistician see counts only (GET /cases/statistics). Nothing of a
 * case reaches the facility where the allegation arose: no facility role has any case action.
 * Every read of a case file is recorded (`record-read` in `audit/case/<id>`).
 */

export interface CaseServices {
  store: Store;
  caseRules?: CaseRules;
  clock: () => Date;
}

const rulesOf = (services: CaseServices): CaseRules => services.caseRules ?? DEFAULT_CASE_RULES;

// ---------------------------------------------------------------------------------------------
// Officials

export type OfficialView = {
  id: string;
  name: string;
  position: string;
  agency: string;
  facilityId: string | null;
  unit: string | null;
  region: string;
  /** Earlier details, oldest first (a change of post keeps what was). */
  history: (OfficialDetails & { seq: number; at: string })[];
  /** The cases naming this official that the reader may see. */
  cases?: {
    caseId: string;
    number: string;
    stage: string;
    identifiedAt: string;
    suspendedAt: string | null;
  }[];
};

function officialView(id: string, state: OfficialState): OfficialView {
  const details = state.details;
  if (!details) throw new NotFoundError('there is no such official');
  return { id, ...details, history: state.history.slice(0, -1) };
}

async function officialState(store: Store, officialId: string): Promise<OfficialState | null> {
  const row = await store.db
    .selectFrom('officials')
    .select('state')
    .where('id', '=', officialId)
    .executeTakeFirst();
  return row ? (JSON.parse(row.state) as OfficialState) : null;
}

async function checkFacility(store: Store, facilityId: string | null): Promise<void> {
  if (facilityId === null) return;
  const facility = await store.db
    .selectFrom('facilities')
    .select('id')
    .where('id', '=', facilityId)
    .executeTakeFirst();
  if (!facility)
    throw new RefusedError(refuse(`there is no facility ${facilityId}`, { field: 'facilityId' }));
}

export async function registerOfficial(
  services: CaseServices,
  principal: Principal | null,
  body: unknown,
): Promise<OfficialView> {
  const actor = requireAccess(principal, 'official.write');
  const input = parseInput(Inputs.OfficialInput, body);
  await checkFacility(services.store, input.facilityId);
  const officialId = newId();
  const { state } = await decideAndAppendWithState(
    services.store,
    officialStream(officialId),
    officialDecider,
    {
      type: 'register-official',
      officialId,
      details: input,
      now: services.clock().toISOString(),
      actor: actor.id,
    },
    { fresh: true },
  );
  return officialView(officialId, state);
}

export async function updateOfficial(
  services: CaseServices,
  principal: Principal | null,
  officialId: string,
  body: unknown,
): Promise<OfficialView> {
  const actor = requireAccess(principal, 'official.write');
  const { reason: why, ...details } = parseInput(Inputs.OfficialUpdateInput, body);
  if ((await officialState(services.store, officialId)) === null)
    throw new NotFoundError('there is no such official');
  await checkFacility(services.store, details.facilityId);
  const { state } = await decideAndAppendWithState(
    services.store,
    officialStream(officialId),
    officialDecider,
    {
      type: 'update-official',
      details,
      reason: why,
      now: services.clock().toISOString(),
      actor: actor.id,
    },
  );
  return officialView(officialId, state);
}

/** One official with the cases naming them that the reader may see (a read of personal data: audited). */
export async function readOfficial(
  services: CaseServices,
  principal: Principal | null,
  officialId: string,
  purpose?: string,
): Promise<OfficialView> {
  const reader = requireAccess(principal, 'official.read');
  const state = await officialState(services.store, officialId);
  if (!state) throw new NotFoundError('there is no such official');
  const rows = await services.store.db
    .selectFrom('case_defendants as d')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .select([
      'c.id',
      'c.number',
      'c.region',
      'd.stage',
      'd.identified_at',
      'd.suspended_at',
      'd.court_region',
    ])
    .where('d.official_id', '=', officialId)
    .orderBy('d.identified_at')
    .execute();
  const cases = rows
    .filter((row) =>
      canReadCase(reader, {
        region: row.region,
        courtRegions: row.court_region === null ? [] : [row.court_region],
      }),
    )
    .map((row) => ({
      caseId: row.id,
      number: row.number,
      stage: row.stage,
      identifiedAt: row.identified_at,
      suspendedAt: row.suspended_at,
    }));
  await appendRead(services.store, reader, officialStream(officialId), purpose);
  return { ...officialView(officialId, state), cases };
}

export type OfficialListRow = {
  id: string;
  name: string;
  position: string;
  agency: string;
  region: string;
  facilityId: string | null;
  unit: string | null;
};

/** The register, searched by name (a prefix of the name, case-insensitive), a page at a time. */
export async function listOfficials(
  services: CaseServices,
  principal: Principal | null,
  query: { q?: string; region?: string; limit?: number; cursor?: string },
): Promise<{ officials: OfficialListRow[]; next: string | null }> {
  requireAccess(principal, 'official.read');
  const limit = pageSize(query.limit);
  let select = services.store.db
    .selectFrom('officials')
    .select(['id', 'name', 'name_key', 'position', 'agency', 'region', 'facility_id', 'unit'])
    .orderBy('name_key')
    .orderBy('id')
    .limit(limit + 1);
  const q = query.q?.normalize('NFC').toLocaleLowerCase('ru').replace(/\s+/g, ' ').trim();
  if (q) select = select.where('name_key', 'like', `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (query.region) select = select.where('region', '=', canonicalRegion(query.region));
  if (query.cursor) {
    const [key, id] = decodeCursor<[string, string]>(query.cursor, ['string', 'string']);
    select = select.where((eb) =>
      eb.or([eb('name_key', '>', key), eb.and([eb('name_key', '=', key), eb('id', '>', id)])]),
    );
  }
  const rows = await select.execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    officials: page.map((row) => ({
      id: row.id,
      name: row.name,
      position: row.position,
      agency: row.agency,
      region: row.region,
      facilityId: row.facility_id,
      unit: row.unit,
    })),
    next: rows.length > limit && last ? encodeCursor([last.name_key, last.id]) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Scope

interface CaseScope {
  region: string;
  /** The regions of the courts its defendants were sent to. */
  courtRegions: readonly string[];
}

/**
 * Who reads a case (issue 20 item 7): the procurator of the case's region; a judge of a region
 * where one of its defendants was sent to court. As a policy Resource: the case's region for the
 * procurator, the courts' regions for the judge.
 */
function caseResource(principal: Principal, scope: CaseScope): Resource {
  return { regions: principal.role === 'judge' ? [...scope.courtRegions] : [scope.region] };
}

function canReadCase(principal: Principal, scope: CaseScope): boolean {
  if (principal.role === 'judge')
    return (
      scope.courtRegions.length > 0 &&
      (principal.regions.length === 0 || regionsIntersect(principal.regions, [...scope.courtRegions]))
    );
  return (
    principal.role === 'procurator' &&
    (principal.regions.length === 0 || regionsIntersect(principal.regions, [scope.region]))
  );
}

interface LoadedCase {
  id: string;
  number: string;
  region: string;
  state: CaseState;
  courtRegions: string[];
}

async function loadCase(store: Store, caseId: string): Promise<LoadedCase> {
  const row = await store.db
    .selectFrom('cases')
    .select(['id', 'number', 'region', 'state'])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('there is no such case');
  const state = JSON.parse(row.state) as CaseState;
  const courtRegions = [
    ...new Set(
      state.defendants.flatMap((defendant) => (defendant.court ? [defendant.court.court.region] : [])),
    ),
  ];
  return { id: row.id, number: row.number, region: row.region, state, courtRegions };
}

// ---------------------------------------------------------------------------------------------
// Allegations taken into a case

interface SourceFacts {
  source: AllegationSource;
  facilityId: string;
  region: string;
  /** When the allegation was made (a complaint's arrival, a doctor's referral). */
  allegedAt: string;
}

/**
 * An allegation the procurator may take into a case (kz.torture.referral, kz.cases.joined): a
 * complaint referred to the procurator (not one routed to the investigating judge,
 * kz.allegation.conflict) or a doctor's referral, in the procurator's regions, in no other case.
 */
async function sourceFacts(
  store: Store,
  principal: Principal,
  source: AllegationSource,
): Promise<SourceFacts> {
  const reference = normaliseReference(source.reference) ?? source.reference;
  const unknown = () =>
    new RefusedError(
      refuse(`there is no allegation ${source.reference} that you may take into a case`, {
        rule: 'kz.torture.referral',
        field: 'sources',
        reason: reason('case.unknown-allegation', { reference: source.reference }),
      }),
    );
  let facts: SourceFacts;
  switch (source.kind) {
    case 'complaint': {
      const row = await store.db
        .selectFrom('complaints as c')
        .innerJoin('facilities as f', 'f.id', 'c.facility_id')
        .select(['c.reference', 'c.facility_id', 'c.allegation', 'c.status', 'c.submitted_at', 'f.region'])
        .where('c.reference', '=', reference)
        .executeTakeFirst();
      // An allegation routed to the investigating judge is never the procurator's (kz.allegation.conflict).
      if (!row || row.allegation !== 1 || row.status === 'referred-to-investigating-judge') throw unknown();
      facts = {
        source: { kind: 'complaint', reference: row.reference },
        facilityId: row.facility_id,
        region: row.region,
        allegedAt: row.submitted_at,
      };
      break;
    }
    case 'medical-referral': {
      const row = await store.db
        .selectFrom('medical_referrals as m')
        .innerJoin('facilities as f', 'f.id', 'm.facility_id')
        .select(['m.reference', 'm.facility_id', 'm.referred_at', 'f.region'])
        .where('m.reference', '=', reference)
        .orderBy('m.version')
        .executeTakeFirst();
      if (!row) throw unknown();
      facts = {
        source: { kind: 'medical-referral', reference: row.reference },
        facilityId: row.facility_id,
        region: row.region,
        allegedAt: row.referred_at,
      };
      break;
    }
    case 'death':
      // The deaths register is the incidents context's (issue 21); until it exists there is none to take.
      throw unknown();
  }
  if (principal.regions.length > 0 && !regionsIntersect(principal.regions, [facts.region])) throw unknown();
  const taken = await store.db
    .selectFrom('case_sources as s')
    .innerJoin('cases as c', 'c.id', 's.case_id')
    .select(['c.number'])
    .where('s.kind', '=', facts.source.kind)
    .where('s.reference', '=', facts.source.reference)
    .executeTakeFirst();
  if (taken)
    throw new RefusedError(
      refuse(`${facts.source.reference} is already in case ${taken.number}`, {
        rule: 'kz.cases.joined',
        field: 'sources',
        reason: reason('case.allegation-in-other-case', {
          reference: facts.source.reference,
          number: taken.number,
        }),
      }),
    );
  return facts;
}

// ---------------------------------------------------------------------------------------------
// Views

export type CaseListRow = {
  id: string;
  number: string;
  article: string;
  openedOn: string;
  investigatingBody: string;
  region: string;
  tags: string[];
  exOfficio: boolean;
  status: CaseStatus;
  allegations: number;
  defendants: number;
};

export type DefendantView = {
  officialId: string;
  name: string;
  /** As the register holds them now. */
  position: string | null;
  agency: string | null;
  stage: DefendantRecord['stage'];
  identifiedAt: string;
  suspension: { suspendedAt: string; orderedBy: string; seq: number } | null;
  charges: { article: string; chargedOn: string; seq: number }[];
  court: { name: string; region: string; sentOn: string; seq: number } | null;
  verdicts: DefendantRecord['verdicts'];
  appeals: DefendantRecord['appeals'];
  discontinuations: DefendantRecord['discontinuations'];
  final: DefendantRecord['final'];
  reclassified: boolean;
};

export type CaseView = {
  id: string;
  number: string;
  article: string;
  openedOn: string;
  investigatingBody: string;
  region: string;
  tags: string[];
  exOfficioBasis: string | null;
  status: CaseStatus;
  allegations: (CaseState['sources'][number] & { allegedAt: string | null })[];
  victims: CaseState['victims'];
  documents: CaseState['documents'];
  defendants: DefendantView[];
  discontinuations: CaseState['discontinuations'];
  exclusions: CaseState['exclusions'];
  nullities: CaseState['nullities'];
  redress: (CaseState['redress'][number] & {
    paidKzt: number;
    /** kz.redress.fund: days from the first allegation to the payment that completed the award. */
    daysFromAllegation: number | null;
  })[];
  rehabilitation: CaseState['rehabilitation'];
  clocks: ClockView[];
  findings: {
    seq: number;
    rule: string;
    kind: string;
    at: string;
    detail: string;
    params?: unknown;
    recordedAt: string;
  }[];
  version: number;
};

async function allegationDates(store: Store, state: CaseState): Promise<Map<string, string>> {
  const dates = new Map<string, string>();
  const complaints = state.sources
    .filter((s) => s.source.kind === 'complaint')
    .map((s) => s.source.reference);
  const referrals = state.sources
    .filter((s) => s.source.kind === 'medical-referral')
    .map((s) => s.source.reference);
  if (complaints.length > 0)
    for (const row of await store.db
      .selectFrom('complaints')
      .select(['reference', 'submitted_at'])
      .where('reference', 'in', complaints)
      .execute())
      dates.set(`complaint ${row.reference}`, row.submitted_at);
  if (referrals.length > 0)
    for (const row of await store.db
      .selectFrom('medical_referrals')
      .select(['reference', sql<string>`min(referred_at)`.as('referred_at')])
      .where('reference', 'in', referrals)
      .groupBy('reference')
      .execute())
      dates.set(`medical-referral ${row.reference}`, row.referred_at);
  return dates;
}

async function caseView(services: CaseServices, loaded: LoadedCase): Promise<CaseView> {
  const { store } = services;
  const { state } = loaded;
  const opened = state.opened;
  if (!opened) throw new NotFoundError('there is no such case');
  const officialIds = state.defendants.map((defendant) => defendant.officialId);
  const officials = new Map(
    officialIds.length === 0
      ? []
      : (
          await store.db
            .selectFrom('officials')
            .select(['id', 'position', 'agency'])
            .where('id', 'in', officialIds)
            .execute()
        ).map((row) => [row.id, row]),
  );
  const dates = await allegationDates(store, state);
  const allegations = state.sources.map((source) => ({
    ...source,
    allegedAt: dates.get(`${source.source.kind} ${source.source.reference}`) ?? null,
  }));
  const firstAllegation = allegations
    .map((allegation) => (allegation.allegedAt === null ? null : kzCalendarDate(allegation.allegedAt)))
    .filter((date): date is string => date !== null)
    .sort()[0];
  const findingRows = await store.db
    .selectFrom('case_findings')
    .selectAll()
    .where('case_id', '=', loaded.id)
    .orderBy('seq')
    .execute();
  return {
    id: loaded.id,
    number: opened.number,
    article: opened.article,
    openedOn: opened.openedOn,
    investigatingBody: state.investigatingBody,
    region: opened.region,
    tags: state.tags,
    exOfficioBasis: opened.exOfficioBasis,
    status: caseStatus(state),
    allegations,
    victims: state.victims,
    documents: state.documents,
    defendants: state.defendants.map((defendant) => {
      const official = officials.get(defendant.officialId);
      return {
        officialId: defendant.officialId,
        name: defendant.name,
        position: official?.position ?? null,
        agency: official?.agency ?? null,
        stage: defendant.stage,
        identifiedAt: defendant.identifiedAt,
        suspension: defendant.suspension
          ? {
              suspendedAt: defendant.suspension.suspendedAt,
              orderedBy: defendant.suspension.orderedBy,
              seq: defendant.suspension.seq,
            }
          : null,
        charges: defendant.charges.map(({ article, chargedOn, seq }) => ({ article, chargedOn, seq })),
        court: defendant.court
          ? { ...defendant.court.court, sentOn: defendant.court.sentOn, seq: defendant.court.seq }
          : null,
        verdicts: defendant.verdicts,
        appeals: defendant.appeals,
        discontinuations: defendant.discontinuations,
        final: defendant.final,
        reclassified: reclassified(defendant),
      };
    }),
    discontinuations: state.discontinuations,
    exclusions: state.exclusions,
    nullities: state.nullities,
    redress: state.redress.map((redress) => {
      const paidKzt = redress.payments.reduce((sum, payment) => sum + payment.amountKzt, 0);
      const completed = paidKzt >= redress.amountKzt ? redress.payments.at(-1)?.paidOn : undefined;
      return {
        ...redress,
        paidKzt,
        daysFromAllegation:
          completed !== undefined && firstAllegation !== undefined
            ? daysBetween(firstAllegation, completed)
            : null,
      };
    }),
    rehabilitation: state.rehabilitation,
    clocks: caseClocks(state, rulesOf(services)).map((clock) => clockView(clock, services.clock())),
    findings: findingRows.map((row) => ({
      seq: row.seq,
      rule: row.rule,
      kind: row.kind,
      at: row.at,
      detail: row.detail,
      ...paramsOfRow(row.params),
      recordedAt: row.recorded_at,
    })),
    version: state.version,
  };
}

/** A case file, to the procurator of its region or a judge of its court's region; the read is recorded. */
export async function readCase(
  services: CaseServices,
  principal: Principal | null,
  caseId: string,
  purpose?: string,
): Promise<CaseView> {
  const role = requireAccess(principal, 'case.read');
  const loaded = await loadCase(services.store, caseId);
  // Out of the reader's scope, a case is not there (404, as for a write): no 403 that says it exists.
  if (!canReadCase(role, loaded)) throw new NotFoundError('there is no such case');
  const reader = requireAccess(principal, 'case.read', caseResource(role, loaded));
  const view = await caseView(services, loaded);
  await appendRead(services.store, reader, caseStream(caseId), purpose);
  return view;
}

export interface CaseQuery {
  status?: CaseStatus;
  region?: string;
  tag?: string;
  /** A case number, or its start. */
  number?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

/** The cases the reader may see, newest first, a page at a time; the list read is recorded. */
export async function listCases(
  services: CaseServices,
  principal: Principal | null,
  query: CaseQuery,
): Promise<{ cases: CaseListRow[]; next: string | null }> {
  const reader = requireAccess(principal, 'case.read');
  const limit = pageSize(query.limit);
  const db = services.store.db;
  let select = db
    .selectFrom('cases')
    .select([
      'id',
      'number',
      'article',
      'opened_on',
      'investigating_body',
      'region',
      'tags',
      'ex_officio',
      'status',
      'allegations',
      'defendants',
    ])
    .orderBy('opened_on', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (reader.role === 'judge') {
    // Judges: the cases with a defendant before a court of their regions.
    select = select.where('id', 'in', (eb) => {
      let courts = eb.selectFrom('case_defendants').select('case_id').where('court_region', 'is not', null);
      if (reader.regions.length > 0) courts = courts.where('court_region', 'in', reader.regions);
      return courts;
    });
  } else if (reader.regions.length > 0) select = select.where('region', 'in', reader.regions);
  if (query.status) select = select.where('status', '=', query.status);
  if (query.region) select = select.where('region', '=', canonicalRegion(query.region));
  if (query.from) select = select.where('opened_on', '>=', query.from);
  if (query.to) select = select.where('opened_on', '<=', query.to);
  if (query.number)
    select = select.where('number', 'like', `${query.number.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (query.tag)
    select = select.where('tags', 'like', `%"${query.tag.replace(/[\\%_"]/g, (c) => `\\${c}`)}"%`);
  if (query.cursor) {
    const [openedOn, id] = decodeCursor<[string, string]>(query.cursor, ['string', 'string']);
    select = select.where((eb) =>
      eb.or([eb('opened_on', '<', openedOn), eb.and([eb('opened_on', '=', openedOn), eb('id', '<', id)])]),
    );
  }
  const rows = await select.execute();
  const page = rows.slice(0, limit);
  if (page.length > 0)
    await appendRead(
      services.store,
      reader,
      'case-list',
      undefined,
      page.map((row) => caseStream(row.id)),
    );
  const last = page.at(-1);
  return {
    cases: page.map((row) => ({
      id: row.id,
      number: row.number,
      article: row.article,
      openedOn: row.opened_on,
      investigatingBody: row.investigating_body,
      region: row.region,
      tags: JSON.parse(row.tags) as string[],
      exOfficio: row.ex_officio === 1,
      status: row.status as CaseStatus,
      allegations: row.allegations,
      defendants: row.defendants,
    })),
    next: rows.length > limit && last ? encodeCursor([last.opened_on, last.id]) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Writes

type Common = { now: string; today: string; actor: string };

async function act(
  services: CaseServices,
  caseId: string,
  command: CaseCommand,
  options: { fresh?: boolean } = {},
): Promise<{ state: CaseState; events: CaseEvent[] }> {
  const { state, result } = await decideAndAppendWithState(
    services.store,
    caseStream(caseId),
    caseDecider(rulesOf(services)),
    command,
    options,
  );
  return { state, events: result.entries.map((entry) => ({ type: entry.type }) as CaseEvent) };
}

function common(services: CaseServices, principal: Principal): Common {
  const now = services.clock().toISOString();
  return { now, today: kzCalendarDate(now), actor: principal.id };
}

/** The procurator of the case's region may write to it; anyone else gets a 403, or a 404 out of scope. */
async function writable(services: CaseServices, principal: Principal | null, caseId: string) {
  const writer = requireAccess(principal, 'case.write');
  const loaded = await loadCase(services.store, caseId);
  if (writer.regions.length > 0 && !regionsIntersect(writer.regions, [loaded.region]))
    throw new NotFoundError('there is no such case');
  return { writer, loaded };
}

export async function openCase(
  services: CaseServices,
  principal: Principal | null,
  body: unknown,
): Promise<CaseView> {
  const writer = requireAccess(principal, 'case.write');
  const input = parseInput(Inputs.OpenCaseInput, body);
  const facts: SourceFacts[] = [];
  for (const source of input.sources) facts.push(await sourceFacts(services.store, writer, source));
  const region = input.region ?? facts[0]?.region;
  if (region === undefined)
    throw new RefusedError(refuse('say where a case opened ex officio is investigated', { field: 'region' }));
  if (writer.regions.length > 0 && !regionsIntersect(writer.regions, [region]))
    throw new RefusedError(refuse(`region ${region} is outside your scope`, { field: 'region' }));
  const taken = await services.store.db
    .selectFrom('cases')
    .select('id')
    .where('number', '=', input.number)
    .executeTakeFirst();
  if (taken)
    throw new RefusedError(
      refuse(`a case numbered ${input.number} is already registered`, {
        field: 'number',
        reason: reason('case.number-taken', { number: input.number }),
      }),
    );
  const caseId = newId();
  await act(
    services,
    caseId,
    {
      type: 'open-case',
      caseId,
      number: input.number,
      article: input.article,
      openedOn: input.openedOn,
      investigatingBody: input.investigatingBody,
      region: canonicalRegion(region),
      tags: input.tags,
      sources: facts.map((fact) => fact.source),
      exOfficioBasis: input.exOfficioBasis ?? null,
      ...common(services, writer),
    },
    { fresh: true },
  );
  return caseView(services, await loadCase(services.store, caseId));
}

export async function joinAllegation(
  services: CaseServices,
  principal: Principal | null,
  caseId: string,
  body: unknown,
): Promise<CaseView> {
  const { writer } = await writable(services, principal, caseId);
  const input = parseInput(Inputs.JoinAllegationInput, body);
  const reference = normaliseReference(input.source.reference) ?? input.source.reference;
  const loaded = await loadCase(services.store, caseId);
  const known = loaded.state.sources.some(
    (source) => source.source.kind === input.source.kind && source.source.reference === reference,
  );
  // Already in this very case: the decider refuses it, naming kz.cases.joined; otherwise the allegation must be one the procurator may take.
  const source = known
    ? { kind: input.source.kind, reference }
    : (await sourceFacts(services.store, writer, input.source)).source;
  await act(services, caseId, {
    type: 'join-allegation',
    source,
    joinedOn: input.joinedOn,
    ...common(services, writer),
  });
  return caseView(services, await loadCase(services.store, caseId));
}

/** Each step of the file: the body's schema and the command it makes (the ids it needs minted here). */
const STEPS = {
  update: (input: z.output<typeof Inputs.UpdateCaseInput>) => ({
    type: 'update-case' as const,
    investigatingBody: input.investigatingBody ?? null,
    tags: input.tags ?? null,
    reason: input.reason,
  }),
  victims: (input: z.output<typeof Inputs.VictimInput>) => ({
    type: 'recognise-victim' as const,
    victimId: newId(),
    personId: input.personId ?? null,
    name: input.name,
    recognisedOn: input.recognisedOn,
  }),
  documents: (input: z.output<typeof Inputs.DocumentInput>) => ({
    type: 'add-document' as const,
    documentId: newId(),
    ...input,
    stored: false,
  }),
  redress: (input: z.output<typeof Inputs.RedressInput>) => ({
    type: 'decide-redress' as const,
    redressId: newId(),
    ...input,
  }),
  rehabilitation: (input: z.output<typeof Inputs.RehabilitationInput>) => ({
    type: 'provide-rehabilitation' as const,
    ...input,
  }),
  'evidence-exclusions': (input: z.output<typeof Inputs.ExcludeEvidenceInput>) => ({
    type: 'exclude-evidence' as const,
    ...input,
  }),
  nullities: (input: z.output<typeof Inputs.VoidDecisionsInput>) => ({
    type: 'void-decisions' as const,
    ...input,
  }),
  discontinuations: (input: z.output<typeof Inputs.DiscontinueInput>) => ({
    type: 'discontinue' as const,
    ...input,
  }),
  resumptions: (input: z.output<typeof Inputs.ResumeInput>) => ({ type: 'resume' as const, ...input }),
  'court-referrals': (input: z.output<typeof Inputs.SendToCourtInput>) => ({
    type: 'send-to-court' as const,
    ...input,
  }),
} as const;

const STEP_INPUTS = {
  update: Inputs.UpdateCaseInput,
  victims: Inputs.VictimInput,
  documents: Inputs.DocumentInput,
  redress: Inputs.RedressInput,
  rehabilitation: Inputs.RehabilitationInput,
  'evidence-exclusions': Inputs.ExcludeEvidenceInput,
  nullities: Inputs.VoidDecisionsInput,
  discontinuations: Inputs.DiscontinueInput,
  resumptions: Inputs.ResumeInput,
  'court-referrals': Inputs.SendToCourtInput,
} as const;

export type CaseStep = keyof typeof STEPS;
export const CASE_STEPS = Object.keys(STEPS) as CaseStep[];

/** A step of the file (POST /cases/{id}/{step}); returns the case as it stands after it. */
export async function recordCaseStep(
  services: CaseServices,
  principal: Principal | null,
  caseId: string,
  step: CaseStep,
  body: unknown,
): Promise<CaseView> {
  const { writer } = await writable(services, principal, caseId);
  const input = parseInput(STEP_INPUTS[step], body);
  const command = (STEPS[step] as (input: unknown) => Omit<CaseCommand, keyof Common>)(input);
  await act(services, caseId, { ...command, ...common(services, writer) } as CaseCommand);
  return caseView(services, await loadCase(services.store, caseId));
}

/** A payment of an award (POST /cases/{id}/redress/{redressId}/payments). */
export async function payRedress(
  services: CaseServices,
  principal: Principal | null,
  caseId: string,
  redressId: string,
  body: unknown,
): Promise<CaseView> {
  const { writer } = await writable(services, principal, caseId);
  const input = parseInput(Inputs.PaymentInput, body);
  await act(services, caseId, { type: 'pay-redress', redressId, ...input, ...common(services, writer) });
  return caseView(services, await loadCase(services.store, caseId));
}

/** The steps of one defendant (POST /cases/{id}/defendants/{officialId}/{step}). */
export const DEFENDANT_STEPS = ['suspension', 'charges', 'verdicts', 'appeals', 'appeal-decisions'] as const;
export type DefendantStep = (typeof DEFENDANT_STEPS)[number];

/** kz.torture.suspension: an official of the register identified as a suspect in this case. */
export async function identifySuspect(
  services: CaseServices,
  principal: Principal | null,
  caseId: string,
  body: unknown,
): Promise<CaseView> {
  const { writer } = await writable(services, principal, caseId);
  const input = parseInput(Inputs.IdentifySuspectInput, body);
  const official = await officialState(services.store, input.officialId);
  if (!official?.details)
    throw new RefusedError(
      refuse(`there is no official ${input.officialId} in the register`, {
        rule: 'kz.torture.suspension',
        field: 'officialId',
        reason: reason('case.unknown-official', { officialId: input.officialId }),
      }),
    );
  await act(services, caseId, {
    type: 'identify-suspect',
    officialId: input.officialId,
    name: official.details.name,
    identifiedAt: input.identifiedAt,
    suspension: input.suspension,
    ...common(services, writer),
  });
  return caseView(services, await loadCase(services.store, caseId));
}

export async function recordDefendantStep(
  services: CaseServices,
  principal: Principal | null,
  caseId: string,
  officialId: string,
  step: DefendantStep,
  body: unknown,
): Promise<CaseView> {
  const { writer } = await writable(services, principal, caseId);
  const base = common(services, writer);
  let command: CaseCommand;
  switch (step) {
    case 'suspension': {
      const input = parseInput(Inputs.SuspendInput, body);
      command = { type: 'suspend-suspect', officialId, ...input, ...base };
      break;
    }
    case 'charges': {
      const input = parseInput(Inputs.ChargeInput, body);
      command = { type: 'charge-defendant', officialId, ...input, ...base };
      break;
    }
    case 'verdicts': {
      const input = parseInput(Inputs.VerdictInput, body);
      command = { type: 'record-verdict', officialId, ...input, ...base };
      break;
    }
    case 'appeals': {
      const input = parseInput(Inputs.AppealInput, body);
      command = { type: 'file-appeal', officialId, ...input, ...base };
      break;
    }
    case 'appeal-decisions': {
      const input = parseInput(Inputs.AppealDecisionInput, body);
      command = { type: 'decide-appeal', officialId, ...input, ...base };
      break;
    }
  }
  await act(services, caseId, command);
  return caseView(services, await loadCase(services.store, caseId));
}

/** The scheduler: the findings of a case's clocks due at `now` (kz.torture.suspension). */
export async function recordDueCaseFindings(
  services: CaseServices,
  caseId: string,
  now: string,
  actor: string,
) {
  return decideAndAppendWithState(services.store, caseStream(caseId), caseDecider(rulesOf(services)), {
    type: 'record-due-findings',
    now,
    actor,
  });
}

// ---------------------------------------------------------------------------------------------
// What others may know

/**
 * The case an allegation is in, for the complainant's status check (a complainant's lawyer holds
 * the receipt): the case's number and where it stands, nothing of its content. Null when the
 * allegation is in no case.
 */
export async function caseStatusOfAllegation(
  store: Store,
  kind: AllegationSource['kind'],
  reference: string,
): Promise<{ number: string; status: CaseStatus; since: string } | null> {
  const row = await store.db
    .selectFrom('case_sources as s')
    .innerJoin('cases as c', 'c.id', 's.case_id')
    .select(['c.number', 'c.status', 'c.state', 's.on_date'])
    .where('s.kind', '=', kind)
    .where('s.reference', '=', reference)
    .executeTakeFirst();
  if (!row) return null;
  return { number: row.number, status: row.status as CaseStatus, since: row.on_date };
}

export type CaseStatistics = {
  cases: number;
  byStatus: Record<CaseStatus, number>;
  /** kz.cases.joined: allegations in cases, and how many of them were joined into a case opened before. */
  allegations: number;
  joined: number;
  exOfficio: number;
  defendants: number;
  byStage: Record<string, number>;
  /** kz.torture.suspension */
  suspended: number;
  suspendedWithinHours: number;
  /** kz.torture.sentencing */
  reclassified: number;
  suspendedSentences: number;
  pleaAgreements: number;
  /** kz.redress.fund */
  compensationDecided: number;
  compensationPaid: number;
  amountDecidedKzt: number;
  amountPaidKzt: number;
};

/**
 * Counts over the case files with no personal data (issue 20 item 7: monitors see case statistics),
 * in the reader's regions. The statistics tables of issue 22 come from the same read models.
 */
export async function caseStatistics(
  services: CaseServices,
  principal: Principal | null,
  query: { region?: string; from?: string; to?: string },
): Promise<CaseStatistics> {
  const reader = requireAccess(principal, 'case.statistics');
  const db = services.store.db;
  const regions = [
    ...(reader.regions.length > 0 ? [reader.regions] : []),
    ...(query.region ? [[canonicalRegion(query.region)]] : []),
  ];
  let caseIds = db.selectFrom('cases').select('id');
  for (const allowed of regions) caseIds = caseIds.where('region', 'in', allowed);
  if (query.from) caseIds = caseIds.where('opened_on', '>=', query.from);
  if (query.to) caseIds = caseIds.where('opened_on', '<=', query.to);

  const statusRows = await db
    .selectFrom('cases')
    .select(['status', sql<number>`count(*)`.as('n'), sql<number>`sum(ex_officio)`.as('ex_officio')])
    .where('id', 'in', caseIds)
    .groupBy('status')
    .execute();
  const byStatus: Record<CaseStatus, number> = {
    investigation: 0,
    'in-court': 0,
    decided: 0,
    discontinued: 0,
  };
  let exOfficio = 0;
  for (const row of statusRows) {
    byStatus[row.status as CaseStatus] = Number(row.n);
    exOfficio += Number(row.ex_officio ?? 0);
  }
  const sources = await db
    .selectFrom('case_sources')
    .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(joined), 0)`.as('joined')])
    .where('case_id', 'in', caseIds)
    .executeTakeFirstOrThrow();
  const hours = rulesOf(services).suspensionHours;
  const defendants = await db
    .selectFrom('case_defendants')
    .select([
      'stage',
      'identified_at',
      'suspended_at',
      'reclassified',
      'suspended_sentence',
      'plea_agreement',
    ])
    .where('case_id', 'in', caseIds)
    .execute();
  const byStage: Record<string, number> = {};
  let suspended = 0;
  let within = 0;
  for (const row of defendants) {
    byStage[row.stage] = (byStage[row.stage] ?? 0) + 1;
    if (row.suspended_at !== null) {
      suspended++;
      if (Date.parse(row.suspended_at) - Date.parse(row.identified_at) <= hours * 3_600_000) within++;
    }
  }
  const redress = await db
    .selectFrom('case_redress')
    .select([
      sql<number>`count(*)`.as('decided'),
      sql<number>`coalesce(sum(case when paid_kzt >= amount_kzt then 1 else 0 end), 0)`.as('paid'),
      sql<number>`coalesce(sum(amount_kzt), 0)`.as('amount'),
      sql<number>`coalesce(sum(paid_kzt), 0)`.as('paid_amount'),
    ])
    .where('case_id', 'in', caseIds)
    .executeTakeFirstOrThrow();
  return {
    cases: Object.values(byStatus).reduce((sum, n) => sum + n, 0),
    byStatus,
    allegations: Number(sources.n),
    joined: Number(sources.joined),
    exOfficio,
    defendants: defendants.length,
    byStage,
    suspended,
    suspendedWithinHours: within,
    reclassified: defendants.filter((row) => row.reclassified === 1).length,
    suspendedSentences: defendants.filter((row) => row.suspended_sentence === 1).length,
    pleaAgreements: defendants.filter((row) => row.plea_agreement === 1).length,
    compensationDecided: Number(redress.decided),
    compensationPaid: Number(redress.paid),
    amountDecidedKzt: Number(redress.amount),
    amountPaidKzt: Number(redress.paid_amount),
  };
}
