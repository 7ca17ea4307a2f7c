import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Purpose } from '../../app/audit.js';
import {
  CLOCK_FILTERS,
  correctCustodyEntry,
  listCustody,
  listFindings,
  listReferrals,
  readCustody,
  recordCustodyEvent,
  recordInterview,
  registerArrest,
} from '../../app/custody.js';
import {
  CORRECTABLE_FIELDS,
  CUSTODY_EVENT_TYPES_ALL,
  FINDING_KINDS,
  INTERVIEW_COUNSEL,
  INTERVIEW_ROLES,
} from '../../domain/custody/events.js';
import {
  ArrestInput,
  CorrectionInput,
  CustodyEventInput,
  InterviewInput,
} from '../../domain/custody/inputs.js';
import { opaqueId } from '../../domain/registry/text.js';
import { problemResponses } from '../problem.js';
import { PURPOSE_HEADER } from './people.js';
import {
  AUTHENTICATED,
  ClockView,
  Cursor,
  FindingView,
  IdParams,
  PageLimit,
  RuleId,
  Time,
} from './schemas.js';

const Status = z.enum(['in-custody', 'released', 'transferred']);

/** An interview of the detained suspect with the findings it made (kz.custody.interview). */
const InterviewView = z.object({
  seq: z.number().int().describe('The log seq of its entry'),
  interviewId: z.string(),
  startedAt: Time,
  endedAt: Time,
  interviewer: z.object({ name: z.string(), position: z.string() }),
  present: z.array(z.object({ name: z.string(), role: z.enum(INTERVIEW_ROLES) })),
  counsel: z.enum(INTERVIEW_COUNSEL),
  counselName: z.string().nullable(),
  interpreter: z.string().nullable().describe('The language interpreted (BCP 47)'),
  recording: z.object({ sha256: z.string(), size: z.number().int(), mediaType: z.string() }).nullable(),
  noRecordingReason: z.string().nullable(),
  caseNumber: z.string().nullable(),
  recordedAt: Time.describe('Server time the interview was recorded'),
  actor: z.string(),
  actorName: z.string().nullable(),
  findings: z
    .array(FindingView)
    .describe(
      'kz.custody.interview: begun before the rights were explained, while requested counsel had not arrived, or not video-recorded',
    ),
});

const CustodyView = z.object({
  id: z.string(),
  personId: z.string(),
  facilityId: z.string(),
  juvenile: z.boolean().describe('Under 18 at the moment of apprehension'),
  apprehendedAt: Time.describe('The apprehension time in force (the earliest ever stated)'),
  recordedAt: Time.describe('Server time the arrest record was drawn up'),
  status: Status,
  clocks: z.array(ClockView),
  findings: z.array(FindingView),
  version: z.number().int(),
  place: z.string(),
  grounds: z.string(),
  arrestingOfficer: z.string(),
  orderingAuthority: z.string().nullable(),
  foreignNational: z.boolean(),
  person: z.object({
    familyName: z.string(),
    givenNames: z.string(),
    patronymic: z.string().nullable(),
    birthDate: z.string(),
    sex: z.string(),
    citizenship: z.string().nullable(),
    languages: z.array(z.string()),
  }),
  facility: z.object({ id: z.string(), name: z.string() }),
  timeline: z.array(
    z.object({
      seq: z.number().int(),
      version: z.number().int(),
      type: z.enum(CUSTODY_EVENT_TYPES_ALL),
      at: Time.nullable().describe('The moment stated for the event'),
      recordedAt: Time,
      actor: z.string(),
      actorName: z.string().nullable(),
      details: z.record(
        z.string(),
        z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]),
      ),
      corrections: z.array(
        z.object({
          seq: z.number().int(),
          field: z.string(),
          from: z.string(),
          to: z.string(),
          reason: z.string(),
          correctedAt: Time,
          actor: z.string(),
        }),
      ),
    }),
  ),
  referrals: z.array(
    z.object({ injurySeq: z.number().int(), openedAt: Time, status: z.enum(['open', 'examined']) }),
  ),
  interviews: z.array(InterviewView).describe('Interviews of the detained suspect (kz.custody.interview)'),
});

const CustodySummary = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  facilityId: z.string(),
  facilityName: z.string(),
  juvenile: z.boolean(),
  apprehendedAt: Time,
  recordedAt: Time,
  status: Status,
  limit: ClockView.nullable(),
  clocks: z.array(ClockView),
  findings: z.array(z.object({ rule: z.string(), kind: z.enum(FINDING_KINDS) })),
});

/** The /custody routes of DESIGN.md "Interfaces", plus the monitor's findings and the medical referrals. */
export const custodyRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.habeas;
  const { clock } = app.habeas;

  app.post(
    '/custody',
    {
      schema: {
        tags: ['custody'],
        summary: 'Register an arrest (custody officer of the facility)',
        description:
          'Opens a custody episode. `apprehendedAt` must carry an offset; the record time is the server’s. ' +
          'An apprehension in the future is refused (422, `kz.custody.actual-time`); one more than 3 h before the ' +
          'record is accepted and flagged. A juvenile (under 18 at apprehension) has 24 h, an adult 48 h (`kz.custody.limit`).',
        security: AUTHENTICATED,
        body: ArrestInput,
        response: { 201: CustodyView, ...problemResponses },
      },
    },
    async (request, reply) => {
      const view = await registerArrest(services, request.principal, request.body, clock());
      return reply.code(201).header('location', `/api/v1/custody/${view.id}`).send(view);
    },
  );

  app.post(
    '/custody/:id/events',
    {
      schema: {
        tags: ['custody'],
        summary: 'Record a safeguard, a court decision, a release or a transfer',
        description:
          '`at` is when it happened (default: now); it may not be in the future or before the apprehension. ' +
          'A judge records `court-decision` and `judicial-ruled`; the custody unit records the rest.',
        security: AUTHENTICATED,
        params: IdParams,
        body: CustodyEventInput,
        response: { 201: CustodyView, ...problemResponses },
      },
    },
    async (request, reply) => {
      const view = await recordCustodyEvent(
        services,
        request.principal,
        request.params.id,
        request.body,
        clock(),
      );
      return reply.code(201).send(view);
    },
  );

  app.post(
    '/custody/:id/interviews',
    {
      schema: {
        tags: ['custody'],
        summary: 'Record an interview of the detained suspect (custody officer of the facility)',
        description:
          'kz.custody.interview: `startedAt` and `endedAt` carry an offset, end after start, neither in the future ' +
          'nor before the apprehension (422, `kz.custody.actual-time`). The interview is recorded as it happened; ' +
          'in the same append it is flagged when it began before the rights were explained (`rights-explained`), ' +
          'while counsel requested (`counsel-requested`) had not arrived (`counsel-arrived`) — unless `counsel` is ' +
          '`waived-in-writing` — or without a `recording` (then `noRecordingReason` is required). `counselName` ' +
          'is required when `counsel` is `present`. The recording is named by its SHA-256; the file stays with ' +
          'the investigating body. Answers the interview with its findings; the episode lists every interview.',
        security: AUTHENTICATED,
        params: IdParams,
        body: InterviewInput,
        response: { 201: InterviewView, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { interview } = await recordInterview(
        services,
        request.principal,
        request.params.id,
        request.body,
        clock(),
      );
      return reply
        .code(201)
        .header('location', `/api/v1/custody/${request.params.id}#interview-${interview.interviewId}`)
        .send(interview);
    },
  );

  app.post(
    '/custody/:id/corrections',
    {
      schema: {
        tags: ['custody'],
        summary: 'Correct an entry: a new entry naming it and why (the original stays)',
        description: `Fields: ${CORRECTABLE_FIELDS.join(', ')}. Corrections never extend the custody limit.`,
        security: AUTHENTICATED,
        params: IdParams,
        body: CorrectionInput,
        response: { 201: CustodyView, ...problemResponses },
      },
    },
    async (request, reply) => {
      const view = await correctCustodyEntry(
        services,
        request.principal,
        request.params.id,
        request.body,
        clock(),
      );
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/custody/:id',
    {
      schema: {
        tags: ['custody'],
        summary: 'A custody episode with its clocks and findings (every read is recorded in the log)',
        security: AUTHENTICATED,
        params: IdParams,
        querystring: z.object({ purpose: Purpose.optional() }),
        headers: z.looseObject({ [PURPOSE_HEADER]: Purpose.optional() }),
        response: { 200: CustodyView, ...problemResponses },
      },
    },
    async (request) =>
      readCustody(
        services,
        request.principal,
        request.params.id,
        clock(),
        request.headers[PURPOSE_HEADER] ?? request.query.purpose,
      ),
  );

  app.get(
    '/custody',
    {
      schema: {
        tags: ['custody'],
        summary: 'Custody episodes in your scope, most urgent first (the read is recorded in the log)',
        description:
          '`clock`: `running` (a clock still within time), `warning` (75% or more of a clock’s time gone), ' +
          '`breached` (a clock overran). `rule`: episodes with a finding under that rule.',
        security: AUTHENTICATED,
        querystring: z.object({
          facility: opaqueId.optional(),
          status: Status.optional(),
          clock: z.enum(CLOCK_FILTERS).optional(),
          rule: RuleId.optional(),
          limit: PageLimit,
          cursor: Cursor,
          purpose: Purpose.optional(),
        }),
        response: {
          200: z.object({ items: z.array(CustodySummary), next: z.string().nullable() }),
          ...problemResponses,
        },
      },
    },
    async (request) =>
      listCustody(
        services,
        request.principal,
        {
          facilityId: request.query.facility,
          status: request.query.status,
          clock: request.query.clock,
          rule: request.query.rule,
          limit: request.query.limit,
          cursor: request.query.cursor,
          purpose: request.query.purpose,
        },
        clock(),
      ),
  );

  app.get(
    '/custody-findings',
    {
      schema: {
        tags: ['custody'],
        summary: 'Findings across facilities, newest first (monitor, procurator)',
        security: AUTHENTICATED,
        querystring: z.object({
          facility: opaqueId.optional(),
          rule: RuleId.optional(),
          kind: z.enum(FINDING_KINDS).optional(),
          limit: PageLimit,
          cursor: Cursor,
        }),
        response: {
          200: z.object({
            items: z.array(
              FindingView.extend({
                custodyId: z.string(),
                facilityId: z.string(),
                facilityName: z.string(),
                juvenile: z.boolean(),
              }),
            ),
            next: z.string().nullable(),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) =>
      listFindings(services, request.principal, {
        facilityId: request.query.facility,
        rule: request.query.rule,
        kind: request.query.kind,
        limit: request.query.limit,
        cursor: request.query.cursor,
      }),
  );

  app.get(
    '/custody-referrals',
    {
      schema: {
        tags: ['custody'],
        summary: 'Injury referrals of your facilities (medical; kz.custody.injury-log)',
        security: AUTHENTICATED,
        querystring: z.object({
          facility: opaqueId.optional(),
          status: z.enum(['open', 'examined']).optional(),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                custodyId: z.string(),
                injurySeq: z.number().int(),
                facilityId: z.string(),
                facilityName: z.string(),
                personName: z.string(),
                openedAt: Time,
                status: z.enum(['open', 'examined']),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => ({
      items: await listReferrals(services, request.principal, {
        facilityId: request.query.facility,
        status: request.query.status,
      }),
    }),
  );
};
