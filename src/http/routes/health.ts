import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpProblem, Problem } from '../problem.js';

const HEALTH_TIMEOUT_MS = 2_000;

/** GET /healthz: 200 when the store answers in time, 503 otherwise (for load balancers and `habeas serve` checks). */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store } = app.habeas;
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary: 'Whether the server and its store answer',
        response: { 200: z.object({ status: z.literal('ok'), treeSize: z.number().int() }), 503: Problem },
      },
    },
    async () => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), HEALTH_TIMEOUT_MS);
      });
      try {
        const treeSize = await Promise.race([store.size(), timeout]);
        return { status: 'ok' as const, treeSize };
      } catch {
        throw new HttpProblem(503, 'the store does not answer', { headers: { 'retry-after': '5' } });
      } finally {
        clearTimeout(timer);
      }
    },
  );
};
