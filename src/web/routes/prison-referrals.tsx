import type { FastifyInstance } from 'fastify';
import { can } from '../../access/policy.js';
import { requireAccess } from '../../app/access.js';
import { countPrisonReferrals, pagePrisonReferrals } from '../../app/prison.js';
import type { Store } from '../../store/types.js';
import { listState, readList, sendCsv } from '../list-export.js';
import { referralFiltersOf, referralQuery } from '../list-filters.js';
import { pageContext, requireAction, sendPage, sendProblemPage } from '../page.js';
import { prisonReferralColumns, PrisonReferralsPage } from '../pages/prison-referrals.js';
import { paths } from '../paths.js';

/*
 * The referrals from examinations in remand centres and prisons that noted bodily harm
 * (kz.admission.medical), for the facility's medical staff: the page of GET /api/v1/prison-referrals,
 * with the same policy (`referral.read`, deny by default) and the same service, so that a doctor
 * sees their own facilities' referrals only and no clinical result. A register list: its total,
 * a range of days opened on the pages' clock, the CSV and the print view. They name people: every
 * page of them, shown or exported, is a read recorded as the API's is.
 */
export function prisonReferralRoutes(app: FastifyInstance, store: Store): void {
  const services = { store, rules: app.habeas.rules, prisonRules: app.habeas.prisonRules };

  app.get(
    paths.prisonReferrals,
    { preHandler: requireAction(store, 'referral.read') },
    async (request, reply) => {
      const principal = requireAccess(request.principal, 'referral.read');
      // Without a status in the address the list shows the referrals still waiting; `any` means both.
      const filters = referralFiltersOf(request.query);
      const query = referralQuery(filters);
      const list = await readList(request.query, (cursor, whole) =>
        pagePrisonReferrals(services, principal, { ...query, cursor, ...whole }),
      );
      if (list === null) return sendProblemPage(store, request, reply, 'bad-request');
      const { mode } = list;
      const ctx = await pageContext(store, request);
      const canOpen = can(principal, 'prison.read');
      if (mode.csv)
        return sendCsv(reply, 'prison-referrals.csv', prisonReferralColumns(ctx.tr, false), list.rows);
      return sendPage(
        reply,
        <PrisonReferralsPage
          ctx={ctx}
          referrals={list.rows}
          filters={filters}
          list={listState(
            paths.prisonReferrals,
            { ...filters, status: query.status },
            list,
            await countPrisonReferrals(services, principal, query),
            mode,
          )}
          canOpen={canOpen}
        />,
      );
    },
  );
}
