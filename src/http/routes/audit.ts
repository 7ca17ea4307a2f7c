import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listReads } from '../../app/audit.js';
import { problemResponses } from '../problem.js';
import { AUTHENTICATED, Time } from './schemas.js';

/** GET /audit?subject= — who read a record (monitor, procurator). */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store } = app.habeas;

  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Who read a record, when and why (monitor, procurator)',
        security: AUTHENTICATED,
        querystring: z.object({
          subject: z
            .string()
            .max(200)
            .describe(
              'The record: person/<id>, custody/<id>, prison/<id>, footage/<id>, complaint/<reference>, roll/<facility id> (a kiosk’s listings of that facility’s roll), medical/<person id> (who read the person’s medical record — never what it says), or case/<id> (who read a criminal case file)',
            ),
        }),
        response: {
          200: z.object({
            subject: z.string(),
            reads: z.array(
              z.object({
                seq: z.number().int().describe('The audit entry’s position in the log'),
                at: Time,
                actorId: z.string(),
                actorName: z.string().nullable(),
                actorRole: z.string(),
                purpose: z.string(),
                purposeStated: z.boolean(),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => listReads(store, request.principal, request.query.subject),
  );
};
