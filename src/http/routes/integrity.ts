import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAccess } from '../../app/access.js';
import { problemResponses } from '../problem.js';
import { AUTHENTICATED, Time } from './schemas.js';

const Difference = z.object({
  table: z.string(),
  added: z.number().int(),
  removed: z.number().int(),
  altered: z.number().int(),
  rows: z.array(
    z.object({
      change: z.enum(['added', 'removed', 'altered']),
      key: z.record(z.string(), z.string()).describe('The row’s primary key (opaque ids)'),
      columns: z.array(z.string()).optional(),
    }),
  ),
});

export const IntegrityReportSchema = z.object({
  ok: z.boolean(),
  alarm: z
    .object({
      kind: z.enum([
        'head-moved',
        'rollback',
        'rewritten',
        'forged-checkpoint',
        'head-unbound',
        'witness-refused',
        'witness-rollback',
      ]),
      since: Time,
      message: z.string().describe('What was found, in English, for the operator'),
      size: z.number().int().optional(),
      signed: z.number().int().optional(),
      witness: z.string().optional(),
    })
    .nullable()
    .describe('A break found while serving: appends and signing have stopped'),
  lastCheck: z
    .object({
      at: Time,
      size: z.number().int(),
      log: z.union([
        z.object({ ok: z.literal(true) }),
        z.object({ ok: z.literal(false), seq: z.number().int().nullable(), problem: z.string() }),
      ]),
      readModels: z.union([
        z.object({ ok: z.literal(true), tables: z.number().int() }),
        z.object({ ok: z.literal(false), tables: z.number().int(), differences: z.array(Difference) }),
      ]),
      durationMs: z.number().int(),
    })
    .nullable(),
  checking: z.boolean(),
  nextCheckAt: Time.nullable(),
  tamperedRows: z
    .array(z.object({ table: z.string(), count: z.number().int(), lastAt: Time }))
    .describe(
      'Rows that decide who someone is (accounts, passwords, tokens, sessions, PINs), refused since start because they were written or changed directly in the database',
    ),
  witnesses: z.object({
    quorum: z.number().int(),
    witnesses: z.array(
      z.object({
        name: z.string(),
        url: z.string(),
        cosignedSize: z.number().int(),
        state: z.enum(['ok', 'unreachable', 'refused']),
        problem: z.string().optional(),
        lastAttemptAt: Time.optional(),
      }),
    ),
  }),
});

/** GET /integrity (monitor, procurator, admin) and POST /integrity/check (monitor, admin). */
export const integrityRoutes: FastifyPluginAsyncZod = async (app) => {
  const { integrity } = app.habeas;

  app.get(
    '/integrity',
    {
      schema: {
        tags: ['log'],
        summary: 'Whether the log verifies, the read models match it, and the witnesses cosign it',
        description:
          'The server verifies the log and checks the read models against it at start and every few hours; ' +
          'a break found meanwhile (a head moved without its key, a witness refusing) stops appends at once.',
        security: AUTHENTICATED,
        response: { 200: IntegrityReportSchema, ...problemResponses },
      },
    },
    async (request) => {
      requireAccess(request.principal, 'integrity.read');
      return integrity.report();
    },
  );

  app.post(
    '/integrity/check',
    {
      schema: {
        tags: ['log'],
        summary: 'Start an integrity check now (it runs in the background; GET /integrity shows it)',
        security: AUTHENTICATED,
        response: { 202: IntegrityReportSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      requireAccess(request.principal, 'integrity.check');
      void integrity.check().catch(() => undefined);
      return reply.code(202).send(integrity.report());
    },
  );
};
