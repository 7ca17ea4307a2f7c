import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../access/policy.js';
import type { Principal } from '../../access/principal.js';
import { requireAccess } from '../../app/access.js';
import {
  caseStatistics,
  listCases,
  listOfficials,
  openCase,
  readCase,
  readOfficial,
  registerOfficial,
  updateOfficial,
  type CaseServices,
} from '../../app/cases.js';
import { InvalidInputError, NotFoundError, RefusedError } from '../../app/errors.js';
import { listFacilities } from '../../app/registry.js';
import { normaliseReference } from '../../domain/complaints/reference.js';
import { CASE_STATUSES, type CaseStatus } from '../../domain/cases/status.js';
import { isRegionCode } from '../../domain/registry/regions.js';
import type { Store } from '../../store/types.js';
import { CASE_PAGE_STEPS } from '../case-labels.js';
import {
  formValues,
  inFormOrder,
  verdictAsFieldErrors,
  type FieldError,
  type FieldMessages,
  type FormValues,
} from '../forms.js';
import { dateRange, listMode, listState, readList, sendCsv } from '../list-export.js';
import { pageContext, requireAction, sendPage, sendProblemPage } from '../page.js';
import { CaseFilePage } from '../pages/case-file.js';
import { CASE_NEW_FIELDS, CaseNewPage } from '../pages/case-new.js';
import { CaseStatisticsPage, statisticColumns, statisticRows } from '../pages/case-statistics.js';
import { caseColumns, CasesPage, type CaseFilters, type JoinTarget } from '../pages/cases.js';
import {
  OFFICIAL_FIELDS,
  OfficialFormPage,
  OfficialPage,
  officialColumns,
  OfficialsPage,
} from '../pages/officials.js';
import { paths } from '../paths.js';

/*
 * The case file pages (issue 20 item 9): the procurator's and the judge's list of criminal cases,
 * opening one, a case file read whole, the register of officials with each official's cases, and
 * the case statistics of the monitor and the statistician. Every page goes through the services
 * and policy of the API (src/app/cases.ts, `case.*` and `official.*`): deny by default, the
 * procurator of the case's region writes, a judge of its court's region reads, no facility role
 * sees anything of a case; every read of a file, a list or an official is recorded by the service.
 * The forms of the file's steps (paths.caseStep, caseDefendantStep, casePayment) are another
 * module's; the file links to them for the procurator.
 */

/** A query parameter as text ('' when absent, repeated or not text). */
function queryText(request: FastifyRequest, name: string): string {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const NUMBER_PATTERN = /^[0-9A-Za-z/-]{1,32}$/;
const TAG_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** A record id of the address (`:caseId`, `:officialId`); a 404 when it cannot be one. */
function idParam(request: FastifyRequest, name: string): string {
  const id = (request.params as Record<string, unknown> | undefined)?.[name];
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) throw new NotFoundError(`no such ${name}`);
  return id;
}

/** The list's filters from the query; a value that cannot be one is dropped (the form shows it empty). */
export function caseFiltersOf(query: unknown): CaseFilters {
  const q = (query ?? {}) as Record<string, unknown>;
  const text = (name: string) => (typeof q[name] === 'string' ? (q[name] as string).trim() : '');
  const status = text('status');
  const number = text('number');
  const tag = text('tag').toLowerCase();
  const opened = dateRange(query, 'opened');
  return {
    status: (CASE_STATUSES as readonly string[]).includes(status) ? (status as CaseStatus) : '',
    number: NUMBER_PATTERN.test(number) ? number : '',
    tag: TAG_PATTERN.test(tag) ? tag : '',
    openedFrom: opened.from,
    openedTo: opened.to,
  };
}

/** The allegation the procurator came to join into a case (`?joinComplaint=` or `?joinReferral=`). */
function joinTargetOf(request: FastifyRequest): JoinTarget | null {
  const complaint = normaliseReference(queryText(request, 'joinComplaint'));
  if (complaint !== null) return { kind: 'complaint', reference: complaint };
  const referral = normaliseReference(queryText(request, 'joinReferral'));
  if (referral !== null) return { kind: 'medical-referral', reference: referral };
  return null;
}

/** The lines of a text area, trimmed, without empty ones. */
const linesOf = (text: string): string[] =>
  text
    .split(/[\r\n,;]+/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** The words of the open-case form for each field the service names. */
const OPEN_MESSAGES: Record<string, FieldMessages> = {
  number: { required: 'caseNew.number.required', invalid: 'caseNew.number.invalid' },
  article: { required: 'caseNew.article.required', invalid: 'caseNew.article.invalid' },
  openedOn: { required: 'caseNew.openedOn.required', invalid: 'caseNew.openedOn.invalid' },
  investigatingBody: {
    required: 'caseNew.investigatingBody.required',
    invalid: 'caseNew.investigatingBody.invalid',
  },
  region: { invalid: 'caseNew.region.invalid', refused: 'caseNew.region.refused' },
  tags: { invalid: 'caseNew.tags.invalid' },
  complaints: { invalid: 'caseNew.sources.invalid' },
  referrals: { invalid: 'caseNew.sources.invalid' },
  exOfficioBasis: { invalid: 'caseNew.exOfficioBasis.invalid' },
};

/** The words of the official's form. */
const OFFICIAL_MESSAGES: Record<string, FieldMessages> = {
  name: { required: 'official.form.name.required', invalid: 'official.form.name.invalid' },
  position: { required: 'official.form.position.required', invalid: 'official.form.position.invalid' },
  agency: { required: 'official.form.agency.required', invalid: 'official.form.agency.required' },
  facilityId: { invalid: 'official.form.facilityId.invalid' },
  unit: { invalid: 'official.form.unit.invalid' },
  region: { required: 'official.form.region.required', invalid: 'official.form.region.required' },
  reason: { required: 'official.form.reason.required', invalid: 'official.form.reason.invalid' },
};

export function caseFileRoutes(app: FastifyInstance, store: Store): void {
  const services: CaseServices = { store, clock: app.habeas.clock, caseRules: app.habeas.caseRules };

  // ------------------------------------------------------------------------------------------
  // The list of cases (the procurator's region; the judge's courts)

  app.get(paths.cases, { preHandler: requireAction(store, 'case.read') }, async (request, reply) => {
    const principal = requireAccess(request.principal, 'case.read');
    const filters = caseFiltersOf(request.query);
    const canWrite = can(principal, 'case.write');
    const join = canWrite ? joinTargetOf(request) : null;
    const query = {
      ...(filters.status !== '' ? { status: filters.status } : {}),
      ...(filters.number !== '' ? { number: filters.number } : {}),
      ...(filters.tag !== '' ? { tag: filters.tag } : {}),
      ...(filters.openedFrom !== '' ? { from: filters.openedFrom } : {}),
      ...(filters.openedTo !== '' ? { to: filters.openedTo } : {}),
    };
    const list = await readList(request.query, async (cursor, whole) => {
      const page = await listCases(services, principal, {
        ...query,
        ...(cursor !== undefined ? { cursor } : {}),
        ...(whole ? { limit: whole.limit } : {}),
      });
      return { items: page.cases, next: page.next };
    });
    if (list === null) return sendProblemPage(store, request, reply, 'bad-request');
    const ctx = await pageContext(store, request);
    if (list.mode.csv) return sendCsv(reply, 'cases.csv', caseColumns(ctx.tr, null), list.rows);
    const kept = {
      ...filters,
      ...(join === null
        ? {}
        : join.kind === 'complaint'
          ? { joinComplaint: join.reference }
          : { joinReferral: join.reference }),
    };
    return sendPage(
      reply,
      <CasesPage
        ctx={ctx}
        cases={list.rows}
        filters={filters}
        list={listState(paths.cases, kept, list, null, list.mode)}
        canOpen={canWrite}
        join={join}
      />,
    );
  });

  // ------------------------------------------------------------------------------------------
  // Opening a case (kz.cases.joined: from allegations, or ex officio with the basis)

  async function sendOpenForm(
    request: FastifyRequest,
    reply: FastifyReply,
    values: FormValues,
    errors: readonly FieldError[],
    status: number,
  ): Promise<FastifyReply> {
    const ctx = await pageContext(store, request);
    return sendPage(reply, <CaseNewPage ctx={ctx} values={values} errors={errors} />, status);
  }

  app.get(paths.caseNew, { preHandler: requireAction(store, 'case.write') }, async (request, reply) => {
    requireAccess(request.principal, 'case.write');
    // From an allegation's page: its reference prefilled.
    const complaint = normaliseReference(queryText(request, 'complaint'));
    const referral = normaliseReference(queryText(request, 'referral'));
    return sendOpenForm(request, reply, { complaints: complaint ?? '', referrals: referral ?? '' }, [], 200);
  });

  app.post(paths.caseNew, { preHandler: requireAction(store, 'case.write') }, async (request, reply) => {
    const principal = requireAccess(request.principal, 'case.write');
    const values = formValues(request.body, CASE_NEW_FIELDS);
    const text = (field: string): string => (values[field] ?? '').trim();
    const complaints = linesOf(text('complaints'));
    const referrals = linesOf(text('referrals'));
    const body = {
      number: text('number'),
      article: text('article'),
      openedOn: text('openedOn'),
      investigatingBody: text('investigatingBody'),
      ...(text('region') === '' ? {} : { region: text('region') }),
      tags: linesOf(text('tags').replace(/\s+/g, ',')).map((tag) => tag.toLowerCase()),
      sources: [
        ...complaints.map((reference) => ({ kind: 'complaint', reference })),
        ...referrals.map((reference) => ({ kind: 'medical-referral', reference })),
      ],
      ...(text('exOfficioBasis') === '' ? {} : { exOfficioBasis: text('exOfficioBasis') }),
    };
    try {
      const opened = await openCase(services, principal, body);
      return reply.redirect(`${paths.caseFile(opened.id)}?recorded=opened`, 303);
    } catch (error) {
      // Which list an allegation's refusal belongs to: by its index, or by the reference it names.
      const refused =
        error instanceof RefusedError && error.reason !== undefined && 'reference' in error.reason.params
          ? String(error.reason.params.reference)
          : '';
      const inReferrals = (reference: string) =>
        referrals.some(
          (line) => (normaliseReference(line) ?? line) === (normaliseReference(reference) ?? reference),
        );
      const formField = (field: string): string => {
        const indexed = /^sources\.(\d+)/.exec(field);
        if (indexed) return Number(indexed[1]) < complaints.length ? 'complaints' : 'referrals';
        if (field === 'sources')
          return refused !== '' && inReferrals(refused)
            ? 'referrals'
            : complaints.length === 0 && referrals.length > 0
              ? 'referrals'
              : 'complaints';
        return field.split('.')[0] ?? field;
      };
      if (!(error instanceof InvalidInputError) && !(error instanceof RefusedError)) throw error;
      const shown = verdictAsFieldErrors(error, OPEN_MESSAGES, (field) => text(field) !== '', formField);
      return sendOpenForm(request, reply, values, inFormOrder(shown, CASE_NEW_FIELDS), 422);
    }
  });

  // ------------------------------------------------------------------------------------------
  // The case statistics: counts only, no personal data (issue 20 item 7)

  app.get(
    paths.caseStatistics,
    { preHandler: requireAction(store, 'case.statistics') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'case.statistics');
      const opened = dateRange(request.query, 'opened');
      const typedRegion = queryText(request, 'region');
      const region = isRegionCode(typedRegion) ? typedRegion : '';
      const statistics = await caseStatistics(services, principal, {
        ...(region !== '' ? { region } : {}),
        ...(opened.from !== '' ? { from: opened.from } : {}),
        ...(opened.to !== '' ? { to: opened.to } : {}),
      });
      const ctx = await pageContext(store, request);
      const rows = statisticRows(ctx.tr, statistics, app.habeas.caseRules.suspensionHours);
      const mode = listMode(request.query);
      const filters = { region, openedFrom: opened.from, openedTo: opened.to };
      if (mode.csv) return sendCsv(reply, 'case-statistics.csv', statisticColumns(ctx.tr), rows);
      return sendPage(
        reply,
        <CaseStatisticsPage
          ctx={ctx}
          rows={rows}
          filters={filters}
          list={listState(paths.caseStatistics, filters, { next: null, truncated: false }, null, mode)}
        />,
      );
    },
  );

  // ------------------------------------------------------------------------------------------
  // A case file, read whole (the service records the read)

  app.get('/cases/:caseId', { preHandler: requireAction(store, 'case.read') }, async (request, reply) => {
    const principal = requireAccess(request.principal, 'case.read');
    const view = await readCase(services, principal, idParam(request, 'caseId'));
    const ctx = await pageContext(store, request);
    const recorded = queryText(request, 'recorded');
    return sendPage(
      reply,
      <CaseFilePage
        ctx={ctx}
        file={view}
        now={services.clock().toISOString()}
        canWrite={can(principal, 'case.write')}
        recorded={
          recorded === 'opened'
            ? 'opened'
            : recorded !== '' &&
                [
                  ...CASE_PAGE_STEPS,
                  'suspension',
                  'charges',
                  'verdicts',
                  'appeals',
                  'appeal-decisions',
                  'payments',
                ].includes(recorded)
              ? 'step'
              : null
        }
      />,
    );
  });

  // ------------------------------------------------------------------------------------------
  // The register of officials (official.read: the procurator and the judge)

  async function facilityChoices(): Promise<{ id: string; name: string }[]> {
    return (await listFacilities(store)).map((facility) => ({ id: facility.id, name: facility.name }));
  }

  app.get(paths.officials, { preHandler: requireAction(store, 'official.read') }, async (request, reply) => {
    const principal = requireAccess(request.principal, 'official.read');
    const q = queryText(request, 'q').trim().slice(0, 200);
    const typedRegion = queryText(request, 'region');
    const region = isRegionCode(typedRegion) ? typedRegion : '';
    const list = await readList(request.query, async (cursor, whole) => {
      const page = await listOfficials(services, principal, {
        ...(q !== '' ? { q } : {}),
        ...(region !== '' ? { region } : {}),
        ...(cursor !== undefined ? { cursor } : {}),
        ...(whole ? { limit: whole.limit } : {}),
      });
      return { items: page.officials, next: page.next };
    });
    if (list === null) return sendProblemPage(store, request, reply, 'bad-request');
    const ctx = await pageContext(store, request);
    const facilities = await facilityChoices();
    if (list.mode.csv) return sendCsv(reply, 'officials.csv', officialColumns(ctx.tr, facilities), list.rows);
    return sendPage(
      reply,
      <OfficialsPage
        ctx={ctx}
        officials={list.rows}
        filters={{ q, region }}
        facilities={facilities}
        list={listState(paths.officials, { q, region }, list, null, list.mode)}
        canWrite={can(principal, 'official.write')}
      />,
    );
  });

  async function sendOfficialForm(
    request: FastifyRequest,
    reply: FastifyReply,
    form: {
      officialId: string | null;
      name: string | null;
      values: FormValues;
      errors: readonly FieldError[];
    },
    status: number,
  ): Promise<FastifyReply> {
    const ctx = await pageContext(store, request);
    return sendPage(
      reply,
      <OfficialFormPage
        ctx={ctx}
        officialId={form.officialId}
        currentName={form.name}
        values={form.values}
        errors={form.errors}
        facilities={await facilityChoices()}
      />,
      status,
    );
  }

  /** The official's form as the service's body: every field as typed, empty optional ones as null. */
  function officialBody(values: FormValues, withReason: boolean): Record<string, unknown> {
    const text = (field: string): string => (values[field] ?? '').trim();
    return {
      name: text('name'),
      position: text('position'),
      agency: text('agency'),
      facilityId: text('facilityId') === '' ? null : text('facilityId'),
      unit: text('unit') === '' ? null : text('unit'),
      region: text('region'),
      ...(withReason ? { reason: text('reason') } : {}),
    };
  }

  const officialFormErrors = (error: unknown, values: FormValues): FieldError[] =>
    inFormOrder(
      verdictAsFieldErrors(error, OFFICIAL_MESSAGES, (field) => (values[field] ?? '').trim() !== ''),
      OFFICIAL_FIELDS,
    );

  app.get(
    paths.officialNew,
    { preHandler: requireAction(store, 'official.write') },
    async (request, reply) => {
      requireAccess(request.principal, 'official.write');
      return sendOfficialForm(request, reply, { officialId: null, name: null, values: {}, errors: [] }, 200);
    },
  );

  app.post(
    paths.officialNew,
    { preHandler: requireAction(store, 'official.write') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'official.write');
      const values = formValues(request.body, OFFICIAL_FIELDS);
      try {
        const official = await registerOfficial(services, principal, officialBody(values, false));
        return reply.redirect(`${paths.official(official.id)}?recorded=registered`, 303);
      } catch (error) {
        return sendOfficialForm(
          request,
          reply,
          { officialId: null, name: null, values, errors: officialFormErrors(error, values) },
          422,
        );
      }
    },
  );

  app.get(
    '/officials/:officialId',
    { preHandler: requireAction(store, 'official.read') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'official.read');
      const official = await readOfficial(services, principal, idParam(request, 'officialId'));
      const ctx = await pageContext(store, request);
      const recorded = queryText(request, 'recorded');
      return sendPage(
        reply,
        <OfficialPage
          ctx={ctx}
          official={official}
          facilities={await facilityChoices()}
          canWrite={can(principal, 'official.write')}
          recorded={recorded === 'registered' || recorded === 'updated' ? recorded : null}
        />,
      );
    },
  );

  /** The official as the register holds them now, for the edit form (read by the service, recorded). */
  async function currentOfficial(principal: Principal, officialId: string) {
    return readOfficial(services, principal, officialId, 'the register of officials: an entry corrected');
  }

  app.get(
    '/officials/:officialId/edit',
    { preHandler: requireAction(store, 'official.write') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'official.write');
      const officialId = idParam(request, 'officialId');
      const official = await currentOfficial(principal, officialId);
      return sendOfficialForm(
        request,
        reply,
        {
          officialId,
          name: official.name,
          values: {
            name: official.name,
            position: official.position,
            agency: official.agency,
            facilityId: official.facilityId ?? '',
            unit: official.unit ?? '',
            region: official.region,
            reason: '',
          },
          errors: [],
        },
        200,
      );
    },
  );

  app.post(
    '/officials/:officialId/edit',
    { preHandler: requireAction(store, 'official.write') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'official.write');
      const officialId = idParam(request, 'officialId');
      const values = formValues(request.body, OFFICIAL_FIELDS);
      try {
        await updateOfficial(services, principal, officialId, officialBody(values, true));
        return reply.redirect(`${paths.official(officialId)}?recorded=updated`, 303);
      } catch (error) {
        if (error instanceof NotFoundError) throw error;
        const official = await currentOfficial(principal, officialId);
        return sendOfficialForm(
          request,
          reply,
          { officialId, name: official.name, values, errors: officialFormErrors(error, values) },
          422,
        );
      }
    },
  );
}
