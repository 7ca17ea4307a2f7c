import type { FastifyInstance } from 'fastify';
import { can } from '../../access/policy.js';
import { requireAccess } from '../../app/access.js';
import type { Store } from '../../store/types.js';
import { pageContext, requireAction, sendPage } from '../page.js';
import { IntegrityPage } from '../pages/integrity.js';
import { paths } from '../paths.js';

/**
 * The integrity page (issue 17) and its one action, "check now": the same services and policy
 * (`integrity.read`, `integrity.check`) as GET /api/v1/integrity and POST /api/v1/integrity/check.
 */
export function integrityRoutes(app: FastifyInstance, store: Store): void {
  const { integrity } = app.habeas;

  app.get(paths.integrity, { preHandler: requireAction(store, 'integrity.read') }, async (request, reply) => {
    const ctx = await pageContext(store, request);
    const published = await store.publishedCheckpoint(0).catch(() => null);
    const started = (request.query as Record<string, unknown> | undefined)?.started === '1';
    return sendPage(
      reply,
      <IntegrityPage
        ctx={ctx}
        report={integrity.report()}
        published={{ size: published?.size ?? 0, cosignatures: published?.cosignatures.length ?? 0 }}
        canCheck={can(request.principal, 'integrity.check')}
        started={started}
      />,
    );
  });

  app.post(
    paths.integrityCheck,
    { preHandler: requireAction(store, 'integrity.check') },
    async (request, reply) => {
      requireAccess(request.principal, 'integrity.check');
      void integrity.check().catch(() => undefined);
      return reply.redirect(`${paths.integrity}?started=1`, 303);
    },
  );
}
