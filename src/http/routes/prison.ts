import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Purpose } from '../../app/audit.js';
import {
  admitPrisoner,
  checkDiscipline,
  listPrisonFindings,
  listPrisonReferrals,
  listReprisalFlags,
  listStays,
  readStay,
  recordStayEvent,
} from '../../app/prison.js';
import { AdmissionInput, StayEventInput } from '../../domain/prison/inputs.js';
import { offsetDateTime } from '../../domain/custody/inputs.js';
import { opaqueId, textLine } from '../../domain/registry/text.js';
import { problemResponses } from '../problem.js';
import { PURPOSE_HEADER } from './people.js';
import {
  AUTHENTICATED,
  ClockView,
  Cursor,
  FindingParams,
  FindingView,
  IdParams,
  PageLimit,
  RuleId,
  Time,
} from './schemas.js';

const RegimeView = z.object({
  kind: z.enum(['general', 'punishment-block', 'solitary', 'separation']),
  localName: z.string().nullable(),
  since: Time.nullable(),
  until: Time.nullable(),
  consecutiveDays: z
    .number()
    .int()
    .describe('Consecutive days in separation so far (intl.solitary.definition)'),
  plannedDays: z.number().int().nullable(),
});

const StayStatus = z.enum(['held', 'released', 'died']);

const StayView = z.object({
  id: z.string(),
  personId: z.string(),
  facilityId: z.string().describe('The facility holding the person now'),
  status: StayStatus,
  admittedAt: Time,
  recordedAt: Time,
  lifeSentence: z.boolean(),
  juvenile: z.boolean(),
  sex: z.string(),
  commitmentOrder: z.object({
    reference: z.string(),
    authority: z.string().nullable(),
    issuedOn: z.string().nullable(),
    grounds: z.string().nullable(),
  }),
  custodyId: z.string().nullable(),
  deprivedOfLiberty: z.object({ at: Time, place: z.string(), authority: z.string().nullable() }),
  person: z.object({
    familyName: z.string(),
    givenNames: z.string(),
    patronymic: z.string().nullable(),
    birthDate: z.string(),
    languages: z.array(z.string()),
  }),
  facility: z.object({ id: z.string(), name: z.string(), kind: z.string(), population: z.string() }),
  regime: RegimeView,
  vulnerabilities: z.array(z.object({ kind: z.string(), worsenedBySeparation: z.boolean() })),
  clocks: z.array(ClockView),
  findings: z.array(FindingView),
  discipline: z.array(
    z.object({
      decisionId: z.string(),
      measure: z.string(),
      days: z.number().int().nullable(),
      startsAt: Time,
      endsAt: Time.nullable(),
      reason: z.string(),
      decidedAt: Time,
      appealed: z.boolean(),
      appealOutcome: z.string().nullable(),
    }),
  ),
  exercise: z
    .array(z.object({ date: z.string(), minutes: z.number().int() }))
    .describe('Minutes outdoors on each of the last 14 days of the stay, oldest first'),
  timeline: z.array(
    z.object({
      seq: z.number().int(),
      version: z.number().int(),
      type: z.string(),
      at: Time.nullable(),
      recordedAt: Time,
      actor: z.string(),
      actorName: z.string().nullable(),
      details: z.record(z.string(), z.unknown()).describe('Clinical results only for the medical role'),
    }),
  ),
  version: z.number().int(),
});

const StaySummary = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  facilityId: z.string(),
  facilityName: z.string(),
  status: z.string(),
  admittedAt: Time,
  lifeSentence: z.boolean(),
  regime: RegimeView,
  openClocks: z.array(ClockView),
  findings: z.array(z.object({ rule: z.string(), kind: z.string() })),
});

const Flag = z.enum(['true', 'false']).transform((value) => value === 'true');

/** The /prison routes of issue 5, the monitor's separation view and findings, and the reprisal watch. */
export const prisonRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = { store: app.habeas.store, rules: app.habeas.rules, prisonRules: app.habeas.prisonRules };
  const { clock } = app.habeas;

  app.post(
    '/prison/admissions',
    {
      schema: {
        tags: ['prison'],
        summary: 'Admit a person to a remand centre or prison (prison officer or governor of the facility)',
        description:
          'The register entry of intl.register.minimum. `commitmentOrder` is its reference or ' +
          '`{reference, authority, issuedOn, grounds}`; `custodyId` carries a police custody episode over. ' +
          'Opens the kz.admission.medical clock (24 h, HIV and TB screening).',
        security: AUTHENTICATED,
        body: AdmissionInput,
        response: { 201: StayView, ...problemResponses },
      },
    },
    async (request, reply) => {
      const view = await admitPrisoner(services, request.principal, request.body, clock());
      return reply.code(201).header('location', `/api/v1/prison/stays/${view.id}`).send(view);
    },
  );

  app.post(
    '/prison/stays/:id/events',
    {
      schema: {
        tags: ['prison'],
        summary:
          'Record an event of a stay: examination, vulnerability, placement, discipline, exercise, transfer, release…',
        description:
          'The governor decides discipline (`discipline-decided`, `appeal-decided`); national law refuses with 422 and ' +
          '`rule` (kz.discipline.*), international rules add findings (intl.solitary.*). Medical staff record ' +
          'examinations, health visits and vulnerabilities; only they record clinical `results`.',
        security: AUTHENTICATED,
        params: IdParams,
        body: StayEventInput,
        response: { 201: StayView, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await recordStayEvent(services, request.principal, request.params.id, request.body, clock())),
  );

  app.post(
    '/prison/stays/:id/discipline-check',
    {
      schema: {
        tags: ['prison'],
        summary: 'Would this disciplinary measure be refused, and why? (governor; nothing is recorded)',
        security: AUTHENTICATED,
        params: IdParams,
        body: z.object({
          measure: textLine(60),
          days: z.int().min(1).max(3660).optional(),
          startsAt: offsetDateTime.optional(),
        }),
        response: {
          200: z.object({
            allowed: z.boolean(),
            rule: z.string().nullable(),
            detail: z.string().nullable().describe('Why national law refuses, in English'),
            code: z
              .string()
              .nullable()
              .describe('Why, as a code (with `params`): what pages say in any language'),
            params: z.record(z.string(), z.unknown()).nullable(),
            breaches: z
              .array(
                z.object({
                  rule: z.string().nullable(),
                  detail: z.string(),
                  code: z.string().nullable(),
                  params: z.record(z.string(), z.unknown()).nullable(),
                }),
              )
              .describe(
                'Every national rule the measure breaks, in order (the first is also `rule`, `code`, `params`); empty when allowed',
              ),
            flags: z.array(
              z.object({ rule: z.string(), detail: z.string(), params: FindingParams.optional() }),
            ),
            startsAt: Time.nullable(),
            endsAt: Time.nullable(),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => checkDiscipline(services, request.principal, request.params.id, request.body, clock()),
  );

  app.get(
    '/prison/stays/:id',
    {
      schema: {
        tags: ['prison'],
        summary: 'A stay with its regime, clocks and findings (every read is recorded in the log)',
        security: AUTHENTICATED,
        params: IdParams,
        querystring: z.object({ purpose: Purpose.optional() }),
        headers: z.looseObject({ [PURPOSE_HEADER]: Purpose.optional() }),
        response: { 200: StayView, ...problemResponses },
      },
    },
    async (request) =>
      readStay(
        services,
        request.principal,
        request.params.id,
        clock(),
        request.headers[PURPOSE_HEADER] ?? request.query.purpose,
      ),
  );

  app.get(
    '/prison/stays',
    {
      schema: {
        tags: ['prison'],
        summary: 'The roll: stays in your scope with regime, separation days and open clocks (read-audited)',
        description: '`separated=true`: everyone in separation now, longest run first (monitor, procurator).',
        security: AUTHENTICATED,
        querystring: z.object({
          facility: opaqueId.optional(),
          status: StayStatus.optional(),
          separated: Flag.optional(),
          limit: PageLimit,
          cursor: Cursor,
          purpose: Purpose.optional(),
        }),
        response: {
          200: z.object({ items: z.array(StaySummary), next: z.string().nullable() }),
          ...problemResponses,
        },
      },
    },
    async (request) =>
      listStays(
        services,
        request.principal,
        {
          facilityId: request.query.facility,
          status: request.query.status,
          separated: request.query.separated,
          limit: request.query.limit,
          cursor: request.query.cursor,
          purpose: request.query.purpose,
        },
        clock(),
      ),
  );

  app.get(
    '/prison-findings',
    {
      schema: {
        tags: ['prison'],
        summary: 'Prison findings across facilities, newest first (monitor, procurator)',
        security: AUTHENTICATED,
        querystring: z.object({
          facility: opaqueId.optional(),
          rule: RuleId.optional(),
          limit: PageLimit,
          cursor: Cursor,
        }),
        response: {
          200: z.object({
            items: z.array(
              FindingView.extend({ stayId: z.string(), facilityId: z.string(), facilityName: z.string() }),
            ),
            next: z.string().nullable(),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) =>
      listPrisonFindings(services, request.principal, {
        facilityId: request.query.facility,
        rule: request.query.rule,
        limit: request.query.limit,
        cursor: request.query.cursor,
      }),
  );

  app.get(
    '/prison-referrals',
    {
      schema: {
        tags: ['prison'],
        summary: 'Referrals from examinations that noted bodily harm (medical of the facility)',
        security: AUTHENTICATED,
        querystring: z.object({
          facility: opaqueId.optional(),
          status: z.enum(['open', 'examined']).optional(),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                stayId: z.string(),
                examSeq: z.number().int(),
                facilityId: z.string(),
                facilityName: z.string(),
                personName: z.string(),
                openedAt: Time,
                status: z.string(),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => ({
      items: await listPrisonReferrals(services, request.principal, {
        facilityId: request.query.facility,
        status: request.query.status,
      }),
    }),
  );

  app.get(
    '/reprisal-flags',
    {
      schema: {
        tags: ['prison'],
        summary:
          'Sanctions and unrequested transfers within 90 days of a complaint (complaints officer, monitor)',
        description:
          'kz.complaint.reprisal. Never shown to the facility; names the complaint by its receipt reference, never its content.',
        security: AUTHENTICATED,
        querystring: z.object({ facility: opaqueId.optional(), limit: PageLimit }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                seq: z.number().int(),
                stayId: z.string(),
                personId: z.string(),
                personName: z.string(),
                facilityId: z.string(),
                facilityName: z.string(),
                action: z.string(),
                detail: z.string(),
                params: FindingParams.optional(),
                actionAt: Time,
                complainedAt: Time,
                complaintReference: z.string().nullable(),
                recordedAt: Time,
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => ({
      items: await listReprisalFlags(services, request.principal, {
        facilityId: request.query.facility,
        limit: request.query.limit,
      }),
    }),
  );
};
