import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorize, can } from '../../access/policy.js';
import { requireAccess } from '../../app/access.js';
import { AccessDeniedError, NotFoundError } from '../../app/errors.js';
import { listFootage, MAX_PAGE, viewFootage, type FootageView } from '../../app/footage.js';
import { listFacilities, type FacilityView } from '../../app/registry.js';
import type { Store } from '../../store/types.js';
import { pageContext, requireAction, sendPage } from '../page.js';
import { FootageListPage, FootageRefusedPage, FootageViewPage } from '../pages/footage.js';
import { paths } from '../paths.js';

/*
 * The footage pages (issue 5 item 3): a facility's recordings and the view of one. The same
 * services and policy as the API (src/app/footage.ts): listing is `footage.list`, viewing is
 * `cctv.view` (kz.cctv.women) and recorded in the log by the service before the page is drawn.
 */

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** A service cursor is base64url text; anything else cannot be one. */
const CURSOR_PATTERN = /^[A-Za-z0-9_-]{1,512}$/;

function queryText(request: FastifyRequest, name: string): string {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

const resourceOf = (facility: FacilityView) => ({
  facilities: [facility.id],
  regions: [facility.region],
  populations: [facility.population],
});

export function footageRoutes(app: FastifyInstance, store: Store): void {
  const services = { store };

  app.get(paths.footage, { preHandler: requireAction(store, 'footage.list') }, async (request, reply) => {
    const principal = requireAccess(request.principal, 'footage.list');
    const facilities = (await listFacilities(store)).filter((facility) =>
      can(principal, 'footage.list', resourceOf(facility)),
    );
    const requested = queryText(request, 'facility');
    const facility =
      facilities.find((option) => option.id === requested) ??
      (facilities.length === 1 ? (facilities[0] ?? null) : null);
    let items: FootageView[] = [];
    let nextPage: string | null = null;
    if (facility !== null) {
      const cursor = queryText(request, 'cursor');
      const page = await listFootage(services, principal, {
        facilityId: facility.id,
        limit: MAX_PAGE,
        cursor: CURSOR_PATTERN.test(cursor) ? cursor : undefined,
      });
      items = page.items;
      nextPage = page.next === null ? null : `${paths.footageOf(facility.id)}&cursor=${page.next}`;
    }
    const decision = facility === null ? null : authorize(principal, 'cctv.view', resourceOf(facility));
    const ctx = await pageContext(store, request);
    return sendPage(
      reply,
      <FootageListPage
        ctx={ctx}
        facilities={facilities}
        facility={facility}
        items={items}
        nextPage={nextPage}
        viewing={
          decision === null
            ? { allowed: false }
            : decision.allowed
              ? { allowed: true }
              : { allowed: false, rule: decision.rule }
        }
      />,
    );
  });

  app.get('/footage/:id', { preHandler: requireAction(store, 'cctv.view') }, async (request, reply) => {
    const id = (request.params as { id?: unknown }).id;
    if (typeof id !== 'string' || !ID_PATTERN.test(id)) throw new NotFoundError('no such recording');
    try {
      const footage = await viewFootage(services, request.principal, id);
      return sendPage(reply, <FootageViewPage ctx={await pageContext(store, request)} footage={footage} />);
    } catch (error) {
      if (error instanceof AccessDeniedError && error.rule === 'kz.cctv.women')
        return sendPage(reply, <FootageRefusedPage ctx={await pageContext(store, request)} />, 403);
      throw error;
    }
  });
}
