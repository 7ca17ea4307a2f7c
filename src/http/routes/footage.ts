import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Purpose } from '../../app/audit.js';
import {
  deleteFootage,
  listEvidenceHolds,
  listFootage,
  placeEvidenceHold,
  registerFootage,
  releaseEvidenceHold,
  viewFootage,
} from '../../app/footage.js';
import { offsetDateTime } from '../../domain/custody/inputs.js';
import { HOLD_BASES } from '../../domain/footage/events.js';
import {
  EvidenceHoldInput,
  EvidenceHoldReleaseInput,
  FootageDeletionInput,
  FootageInput,
} from '../../domain/footage/inputs.js';
import { opaqueId } from '../../domain/registry/text.js';
import { problemResponses } from '../problem.js';
import { PURPOSE_HEADER } from './people.js';
import { AUTHENTICATED, Cursor, IdParams, PageLimit, Time } from './schemas.js';

const FootageView = z.object({
  id: z.string(),
  facilityId: z.string(),
  facilityName: z.string(),
  camera: z.string(),
  place: z.string(),
  from: Time,
  to: Time,
  retainUntil: Time,
  registeredAt: Time,
  registeredBy: z.string().describe('Account id of who registered the reference'),
  status: z.enum(['kept', 'deleted']),
  deletedAt: Time.nullable(),
  deletionReason: z.string().nullable(),
  held: z.boolean().describe('An active evidence hold covers the recording: it cannot be deleted'),
  version: z.number().int(),
});

const EvidenceHoldView = z.object({
  id: z.string(),
  facilityId: z.string(),
  facilityName: z.string(),
  place: z.string().nullable().describe('null: every place of the facility'),
  from: Time,
  to: Time,
  basis: z.enum(HOLD_BASES),
  reference: z.string(),
  reason: z.string(),
  placedAt: Time,
  placedBy: z.string().describe('Account id, or habeas:… when Habeas placed it on a recorded event'),
  placedByRole: z.string(),
  status: z.enum(['active', 'released']),
  releasedAt: Time.nullable(),
  releasedBy: z.string().nullable(),
  releasedByRole: z.string().nullable(),
  releaseReason: z.string().nullable(),
  version: z.number().int(),
});

const FootageQuery = z
  .object({
    facilityId: opaqueId,
    from: offsetDateTime.optional().describe('Only recordings that end after this time'),
    to: offsetDateTime.optional().describe('Only recordings that start before this time'),
    limit: PageLimit,
    cursor: Cursor,
  })
  .refine((query) => query.from === undefined || query.to === undefined || query.from < query.to, {
    message: '`to` must be after `from`',
    path: ['to'],
  });

/** Footage references (issue 5 item 3; kz.cctv.women) and evidence holds (intl.death.report). */
export const footageRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.habeas;
  const { clock } = app.habeas;

  app.post(
    '/footage',
    {
      schema: {
        tags: ['footage'],
        summary: 'Register a footage reference (prison officer or governor of the facility)',
        description:
          'A reference to a recording kept by the facility’s video system: camera, place and time window. ' +
          'The window must end after it starts and not in the future; `retainUntil` not before its end.',
        security: AUTHENTICATED,
        body: FootageInput,
        response: { 201: FootageView, ...problemResponses },
      },
    },
    async (request, reply) => {
      const view = await registerFootage(services, request.principal, request.body, clock());
      return reply.code(201).header('location', `/api/v1/footage/${view.id}`).send(view);
    },
  );

  app.get(
    '/footage',
    {
      schema: {
        tags: ['footage'],
        summary: 'Footage references of a facility, newest first, each with whether a hold covers it',
        description:
          'Camera, place and time only, never images: not subject to `kz.cctv.women`. `from`/`to` select ' +
          'recordings overlapping that window.',
        security: AUTHENTICATED,
        querystring: FootageQuery,
        response: {
          200: z.object({ items: z.array(FootageView), next: z.string().nullable() }),
          ...problemResponses,
        },
      },
    },
    async (request) => listFootage(services, request.principal, request.query),
  );

  app.get(
    '/footage/:id',
    {
      schema: {
        tags: ['footage'],
        summary: 'View a recording (kz.cctv.women; every view is recorded in the log)',
        description:
          'The viewing act: in a women’s facility only female officials view footage (403 with rule ' +
          '`kz.cctv.women`). `readSeq` is the log entry recording this view.',
        security: AUTHENTICATED,
        params: IdParams,
        querystring: z.object({ purpose: Purpose.optional() }),
        headers: z.looseObject({ [PURPOSE_HEADER]: Purpose.optional() }),
        response: {
          200: FootageView.extend({
            readSeq: z.number().int().describe('The read-audit entry of this view'),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) =>
      viewFootage(
        services,
        request.principal,
        request.params.id,
        request.headers[PURPOSE_HEADER] ?? request.query.purpose,
      ),
  );

  app.post(
    '/footage/:id/deletion',
    {
      schema: {
        tags: ['footage'],
        summary: 'Record that a recording is deleted (governor of the facility; 422 while held)',
        description:
          'Refused (422) while an active evidence hold covers the recording; the problem names the hold, ' +
          'with rule `intl.death.report` when it is a hold on a death.',
        security: AUTHENTICATED,
        params: IdParams,
        body: FootageDeletionInput,
        response: { 201: FootageView, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await deleteFootage(services, request.principal, request.params.id, request.body, clock())),
  );

  app.post(
    '/evidence-holds',
    {
      schema: {
        tags: ['footage'],
        summary:
          'Place an evidence hold on the footage of a place and time (procurator, complaints officer, monitor)',
        description:
          'No recording of the facility at that place (or any place, without `place`) overlapping the window ' +
          'may be deleted until the hold is released.',
        security: AUTHENTICATED,
        body: EvidenceHoldInput,
        response: { 201: EvidenceHoldView, ...problemResponses },
      },
    },
    async (request, reply) => {
      const view = await placeEvidenceHold(services, request.principal, request.body, clock());
      return reply.code(201).send(view);
    },
  );

  app.post(
    '/evidence-holds/:id/release',
    {
      schema: {
        tags: ['footage'],
        summary: 'Release an evidence hold',
        description:
          'A hold on a death (`intl.death.report`) or an allegation (`kz.torture.referral`) is released only ' +
          'by the procurator (422 with the rule otherwise).',
        security: AUTHENTICATED,
        params: IdParams,
        body: EvidenceHoldReleaseInput,
        response: { 201: EvidenceHoldView, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await releaseEvidenceHold(services, request.principal, request.params.id, request.body, clock()),
        ),
  );

  app.get(
    '/evidence-holds',
    {
      schema: {
        tags: ['footage'],
        summary: 'Evidence holds in your scope, newest first (the read is recorded in the log)',
        security: AUTHENTICATED,
        querystring: z.object({
          facilityId: opaqueId.optional(),
          status: z.enum(['active', 'released']).optional(),
          limit: PageLimit,
          cursor: Cursor,
        }),
        response: {
          200: z.object({ items: z.array(EvidenceHoldView), next: z.string().nullable() }),
          ...problemResponses,
        },
      },
    },
    async (request) => listEvidenceHolds(services, request.principal, request.query),
  );
};
