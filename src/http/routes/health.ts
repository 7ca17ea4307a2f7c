import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpProblem, Problem } from '../problem.js';

const HEALTH_TIMEOUT_MS = 2_000;

/**
 * GET /healthz: 200 when the store answers in time, 503 otherwise (for load balancers and `habeas
 * serve` checks). GET /readyz: the same, and 503 while the log's integrity is broken (the server
 * then refuses appends) or the last check found the log or the read models not as the log says.
 * Public, so it names only the kind of failure, never a record.
 */
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

export const readinessRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store, integrity } = app.habeas;
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'Whether the server may take traffic: the store answers and the log’s integrity holds',
        response: {
          200: z.object({
            status: z.literal('ready'),
            treeSize: z.number().int(),
            lastCheckAt: z.string().nullable(),
          }),
          503: Problem,
        },
      },
    },
    async () => {
      let treeSize: number;
      let timer: NodeJS.Timeout | undefined;
      try {
        treeSize = await Promise.race([
          store.size(),
          new Promise<never>((_resolve, reject) => {
            timer = setTimeout(() => reject(new Error('timeout')), HEALTH_TIMEOUT_MS);
          }),
        ]);
      } catch {
        throw new HttpProblem(503, 'the store does not answer', { headers: { 'retry-after': '5' } });
      } finally {
        clearTimeout(timer);
      }
      const report = integrity.report();
      if (report.alarm)
        throw new HttpProblem(
          503,
          `the log's integrity is broken (${report.alarm.kind}): appends and signing are stopped; the operator must run habeas verify --data`,
        );
      const last = report.lastCheck;
      if (last && !last.log.ok)
        throw new HttpProblem(503, 'the last integrity check found the log does not verify');
      if (last && !last.readModels.ok)
        throw new HttpProblem(
          503,
          `the last integrity check found ${last.readModels.differences.length} read model table(s) not as the log says: run habeas verify --data, then habeas rebuild`,
        );
      return { status: 'ready' as const, treeSize, lastCheckAt: last?.at ?? null };
    },
  );
};
