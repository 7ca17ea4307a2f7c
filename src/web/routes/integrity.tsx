import type { FastifyInstance } from 'fastify';
import { can } from '../../access/policy.js';
import { requireAccess } from '../../app/access.js';
import { countRecordedChecks, pageRecordedChecks } from '../../app/integrity.js';
import type { Store } from '../../store/types.js';
import { dateRange, dayBounds, listState, readList, sendCsv } from '../list-export.js';
import { pageContext, requireAction, sendPage, sendProblemPage } from '../page.js';
import { checkColumns, IntegrityPage, type CheckFilters } from '../pages/integrity.js';
import { paths } from '../paths.js';

/**
 * The integrity page (issue 17) and its one action, "check now": the same services and policy
 * (`integrity.read`, `integrity.check`) as GET /api/v1/integrity and POST /api/v1/integrity/check.
 */
export function integrityRoutes(app: FastifyInstance, store: Store): void {
  const { integrity } = app.habeas;

  // Issue 18: the history of checks recorded in the log is a register list — the days checked,
  // the total, keyset paging, the CSV and the print view. Nothing in it names a person.
  app.get(paths.integrity, { preHandler: requireAction(store, 'integrity.read') }, async (request, reply) => {
    const reader = requireAccess(request.principal, 'integrity.read');
    const checked = dateRange(request.query, 'checked');
    const filters: CheckFilters = { checkedFrom: checked.from, checkedTo: checked.to };
    const query = { at: dayBounds(checked) };
    const list = await readList(request.query, (cursor, whole) =>
      pageRecordedChecks(store, reader, { ...query, cursor, ...(whole ? { limit: whole.limit } : {}) }),
    );
    if (list === null) return sendProblemPage(store, request, reply, 'bad-request');
    const { mode } = list;
    const ctx = await pageContext(store, request);
    if (mode.csv) return sendCsv(reply, 'integrity-checks.csv', checkColumns(ctx.tr), list.rows);
    const published = await store.publishedCheckpoint(0).catch(() => null);
    const started = (request.query as Record<string, unknown> | undefined)?.started === '1';
    return sendPage(
      reply,
      <IntegrityPage
        ctx={ctx}
        report={integrity.report()}
        published={{ size: published?.size ?? 0, cosignatures: published?.cosignatures.length ?? 0 }}
        canCheck={can(request.principal, 'integrity.check')}
        started={started && !mode.print}
        checks={list.rows}
        filters={filters}
        list={listState(
          paths.integrity,
          { ...filters },
          list,
          await countRecordedChecks(store, reader, query),
          mode,
        )}
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
