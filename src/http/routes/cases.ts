import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Purpose } from '../../app/audit.js';
import {
  CASE_STEPS,
  caseStatistics,
  DEFENDANT_STEPS,
  identifySuspect,
  joinAllegation,
  listCases,
  listOfficials,
  openCase,
  payRedress,
  readCase,
  readOfficial,
  recordCaseStep,
  recordDefendantStep,
  registerOfficial,
  updateOfficial,
} from '../../app/cases.js';
import { MAX_PAGE } from '../../app/paging.js';
import { CASE_STATUSES } from '../../domain/cases/status.js';
import * as Inputs from '../../domain/cases/inputs.js';
import { calendarDate } from '../../domain/prison/inputs.js';
import { RegionInput } from '../../domain/registry/regions.js';
import { opaqueId } from '../../domain/registry/text.js';
import { problemResponses } from '../problem.js';
import { PURPOSE_HEADER } from './people.js';
import { AUTHENTICATED } from './schemas.js';

/*
 * Criminal case files and the register of officials (issue 20; docs/api.md "Case files"): the
 * procurator of the region keeps the file, judges read the cases before their courts, the monitor
 * and the statistician get counts. Every write answers with the case as it stands after it.
 */

const CaseParams = z.object({ caseId: opaqueId });
const DefendantParams = z.object({ caseId: opaqueId, officialId: opaqueId });
const PurposeHeaders = z.looseObject({ [PURPOSE_HEADER]: Purpose.optional() });
const PurposeQuery = z.object({ purpose: Purpose.optional() });

const purposeOf = (request: { headers: Record<string, unknown>; query: { purpose?: string | undefined } }) =>
  (request.headers[PURPOSE_HEADER] as string | undefined) ?? request.query.purpose;

const CaseView = z
  .looseObject({
    id: z.string(),
    number: z.string(),
    article: z.string(),
    openedOn: z.string(),
    investigatingBody: z.string(),
    region: z.string(),
    tags: z.array(z.string()),
    status: z.enum(CASE_STATUSES),
    allegations: z.array(z.unknown()),
    victims: z.array(z.unknown()),
    documents: z.array(z.unknown()),
    defendants: z.array(z.unknown()),
    redress: z.array(z.unknown()),
    clocks: z.array(z.unknown()),
    findings: z.array(z.unknown()),
    version: z.int(),
  })
  .describe(
    'The case file: allegations (joined ones flagged, kz.cases.joined), victims, documents with their digests and ' +
      'the entry (seq) that recorded each, defendants with every step, exclusions, nullities, compensation with ' +
      'days from the allegation to payment, clocks and findings',
  );

const CaseListRow = z.object({
  id: z.string(),
  number: z.string(),
  article: z.string(),
  openedOn: z.string(),
  investigatingBody: z.string(),
  region: z.string(),
  tags: z.array(z.string()),
  exOfficio: z.boolean(),
  status: z.enum(CASE_STATUSES),
  allegations: z.int(),
  defendants: z.int(),
});

const OfficialView = z.looseObject({
  id: z.string(),
  name: z.string(),
  position: z.string(),
  agency: z.string(),
  facilityId: z.string().nullable(),
  unit: z.string().nullable(),
  region: z.string(),
  history: z.array(z.unknown()),
});

const Statistics = z.looseObject({
  cases: z.int(),
  byStatus: z.record(z.string(), z.int()),
  allegations: z.int(),
  joined: z.int(),
  defendants: z.int(),
});

const STEP_DESCRIPTIONS: Record<(typeof CASE_STEPS)[number], string> = {
  update: 'Change the investigating body or the tags, with the reason',
  victims: 'Recognise a victim (the person compensation is for)',
  documents:
    'Add a document to the file by its digest (SHA-256, size, media type): decisions, expert and forensic reports, ' +
    'interview recordings, defence submissions (kz.defence.file) — each an entry of the log',
  redress: 'Compensation decided by the victims’ fund or a court, in tenge (kz.redress.fund)',
  rehabilitation: 'A rehabilitation measure provided to a victim',
  'evidence-exclusions': 'Evidence excluded as obtained under torture (kz.evidence.inadmissible)',
  nullities: 'Procedural decisions declared void because torture was established (kz.torture.nullity)',
  discontinuations: 'Discontinue the prosecution of one defendant, or of the whole case (officialId null)',
  resumptions: 'A discontinuation quashed: the prosecution resumes',
  'court-referrals': 'Send charged defendants to a court',
};

const STEP_BODIES = {
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

const DEFENDANT_BODIES = {
  suspension: Inputs.SuspendInput,
  charges: Inputs.ChargeInput,
  verdicts: Inputs.VerdictInput,
  appeals: Inputs.AppealInput,
  'appeal-decisions': Inputs.AppealDecisionInput,
} as const;

const DEFENDANT_DESCRIPTIONS: Record<(typeof DEFENDANT_STEPS)[number], string> = {
  suspension:
    'The suspect suspended from duty (kz.torture.suspension: within 24 h of identification, else flagged)',
  charges:
    'Charge the suspect under an article; a later charge replaces it (away from art. 146: flagged, kz.torture.sentencing)',
  verdicts:
    'The verdict as the court gave it: convicted with the sentence (penalties, suspended, plea agreement) or ' +
    'acquitted; recorded and flagged, never refused (kz.torture.sentencing)',
  appeals: 'An appeal against the verdict',
  'appeal-decisions':
    'The appeal court’s decision: upheld, changed (with the outcome that now stands) or retrial',
};

export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.habeas;

  app.get(
    '/officials',
    {
      schema: {
        tags: ['cases'],
        summary: 'Search the register of officials by name (procurator, judge)',
        security: AUTHENTICATED,
        querystring: z.object({
          q: z.string().max(200).optional(),
          region: RegionInput.optional(),
          limit: z.coerce.number().int().min(1).max(MAX_PAGE).optional(),
          cursor: z.string().max(200).optional(),
        }),
        response: {
          200: z.object({
            officials: z.array(z.looseObject({ id: z.string() })),
            next: z.string().nullable(),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => listOfficials(services, request.principal, request.query),
  );

  app.post(
    '/officials',
    {
      schema: {
        tags: ['cases'],
        summary: 'Register an official that suspects and defendants refer to (procurator)',
        security: AUTHENTICATED,
        body: Inputs.OfficialInput,
        response: { 201: OfficialView, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await registerOfficial(services, request.principal, request.body)),
  );

  app.get(
    '/officials/:officialId',
    {
      schema: {
        tags: ['cases'],
        summary: 'An official, with the cases naming them that you may read (read recorded)',
        security: AUTHENTICATED,
        params: z.object({ officialId: opaqueId }),
        headers: PurposeHeaders,
        querystring: PurposeQuery,
        response: { 200: OfficialView, ...problemResponses },
      },
    },
    async (request) =>
      readOfficial(services, request.principal, request.params.officialId, purposeOf(request)),
  );

  // A change is a new record, never a rewrite: the API has no PUT (the earlier details stay in the log).
  app.post(
    '/officials/:officialId/changes',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Change an official’s post, agency, unit or name, with the reason (the earlier details stay)',
        security: AUTHENTICATED,
        params: z.object({ officialId: opaqueId }),
        body: Inputs.OfficialUpdateInput,
        response: { 200: OfficialView, ...problemResponses },
      },
    },
    async (request) => updateOfficial(services, request.principal, request.params.officialId, request.body),
  );

  app.get(
    '/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Criminal cases you may read: the procurator’s region, or the cases before a judge’s courts',
        security: AUTHENTICATED,
        querystring: z.object({
          status: z.enum(CASE_STATUSES).optional(),
          region: RegionInput.optional(),
          tag: z.string().max(40).optional(),
          number: z.string().max(32).optional(),
          from: calendarDate.optional(),
          to: calendarDate.optional(),
          limit: z.coerce.number().int().min(1).max(MAX_PAGE).optional(),
          cursor: z.string().max(200).optional(),
        }),
        response: {
          200: z.object({ cases: z.array(CaseListRow), next: z.string().nullable() }),
          ...problemResponses,
        },
      },
    },
    async (request) => listCases(services, request.principal, request.query),
  );

  app.get(
    '/cases/statistics',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Counts over the case files, with no personal data (monitor, statistician, procurator, judge)',
        security: AUTHENTICATED,
        querystring: z.object({
          region: RegionInput.optional(),
          from: calendarDate.optional(),
          to: calendarDate.optional(),
        }),
        response: { 200: Statistics, ...problemResponses },
      },
    },
    async (request) => caseStatistics(services, request.principal, request.query),
  );

  app.post(
    '/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Open a criminal case from allegations, or ex officio (procurator)',
        description:
          'Each source is an allegation referred to the procurator (a complaint’s receipt reference, or a doctor’s ' +
          'referral) in your regions and in no other case (kz.cases.joined: 422 naming the case it is in). The ' +
          'region defaults to that of the first allegation’s facility; a case opened ex officio states its basis ' +
          'and region.',
        security: AUTHENTICATED,
        body: Inputs.OpenCaseInput,
        response: { 201: CaseView, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await openCase(services, request.principal, request.body)),
  );

  app.get(
    '/cases/:caseId',
    {
      schema: {
        tags: ['cases'],
        summary: 'A case file (read recorded with its purpose)',
        security: AUTHENTICATED,
        params: CaseParams,
        headers: PurposeHeaders,
        querystring: PurposeQuery,
        response: { 200: CaseView, ...problemResponses },
      },
    },
    async (request) => readCase(services, request.principal, request.params.caseId, purposeOf(request)),
  );

  app.post(
    '/cases/:caseId/allegations',
    {
      schema: {
        tags: ['cases'],
        summary: 'Join a later allegation into the case; it still counts as an allegation (kz.cases.joined)',
        security: AUTHENTICATED,
        params: CaseParams,
        body: Inputs.JoinAllegationInput,
        response: { 200: CaseView, ...problemResponses },
      },
    },
    async (request) => joinAllegation(services, request.principal, request.params.caseId, request.body),
  );

  app.post(
    '/cases/:caseId/suspects',
    {
      schema: {
        tags: ['cases'],
        summary: 'An official of the register identified as a suspect: starts the 24 h suspension clock',
        security: AUTHENTICATED,
        params: CaseParams,
        body: Inputs.IdentifySuspectInput,
        response: { 200: CaseView, ...problemResponses },
      },
    },
    async (request) => identifySuspect(services, request.principal, request.params.caseId, request.body),
  );

  for (const step of CASE_STEPS)
    app.post(
      `/cases/:caseId/${step}`,
      {
        schema: {
          tags: ['cases'],
          summary: STEP_DESCRIPTIONS[step],
          security: AUTHENTICATED,
          params: CaseParams,
          body: STEP_BODIES[step],
          response: { 200: CaseView, ...problemResponses },
        },
      },
      async (request) =>
        recordCaseStep(services, request.principal, request.params.caseId, step, request.body),
    );

  app.post(
    '/cases/:caseId/redress/:redressId/payments',
    {
      schema: {
        tags: ['cases'],
        summary: 'A payment of compensation; never more than decided (kz.redress.fund)',
        security: AUTHENTICATED,
        params: z.object({ caseId: opaqueId, redressId: opaqueId }),
        body: Inputs.PaymentInput,
        response: { 200: CaseView, ...problemResponses },
      },
    },
    async (request) =>
      payRedress(services, request.principal, request.params.caseId, request.params.redressId, request.body),
  );

  for (const step of DEFENDANT_STEPS)
    app.post(
      `/cases/:caseId/defendants/:officialId/${step}`,
      {
        schema: {
          tags: ['cases'],
          summary: DEFENDANT_DESCRIPTIONS[step],
          security: AUTHENTICATED,
          params: DefendantParams,
          body: DEFENDANT_BODIES[step],
          response: { 200: CaseView, ...problemResponses },
        },
      },
      async (request) =>
        recordDefendantStep(
          services,
          request.principal,
          request.params.caseId,
          request.params.officialId,
          step,
          request.body,
        ),
    );
};
