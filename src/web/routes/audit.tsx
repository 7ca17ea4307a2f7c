import type { FastifyInstance } from 'fastify';
import { can, type Action } from '../../access/policy.js';
import { requireAccess } from '../../app/access.js';
import { AUDIT_KINDS, countReads, pageReads, type AuditKind } from '../../app/audit.js';
import { NotFoundError } from '../../app/errors.js';
import type { Store } from '../../store/types.js';
import { dateRange, dayBounds, listMode, listState, readList, sendCsv } from '../list-export.js';
import { pageContext, requireAction, sendPage, sendProblemPage } from '../page.js';
import { AuditPage, readColumns, type AuditFilters } from '../pages/audit.js';
import { paths } from '../paths.js';

/** A record's own page, and what its reader must be allowed to open it. */
const RECORD_PAGES: Record<AuditKind, { page: (record: string) => string; action: Action }> = {
  person: { page: paths.person, action: 'person.read' },
  custody: { page: paths.custodyEpisode, action: 'custody.read' },
  prison: { page: paths.prisonStay, action: 'prison.read' },
  footage: { page: paths.footageView, action: 'cctv.view' },
  complaint: { page: paths.complaint, action: 'complaint.open' },
  roll: { page: paths.facility, action: 'facility.read' },
  // A medical record is asked for by its person's id; its clinical pages are not the auditor's to
  // open, the person's register entry is.
  medical: { page: paths.person, action: 'person.read' },
};

/** Longer than any record's number or a complaint's reference: the service refuses it as no record. */
const MAX_RECORD = 200;

/**
 * The read audit's page (GET /api/v1/audit as a register list): the same service and policy —
 * `audit.read` for the monitor and the procurator, within their regions, deny by default — for
 * the page, its CSV download and its print view alike.
 */
export function auditRoutes(app: FastifyInstance, store: Store): void {
  app.get(paths.audit, { preHandler: requireAction(store, 'audit.read') }, async (request, reply) => {
    const reader = requireAccess(request.principal, 'audit.read');
    const q = (request.query ?? {}) as Record<string, unknown>;
    const text = (name: string) => (typeof q[name] === 'string' ? (q[name] as string).trim() : '');
    const kind = (AUDIT_KINDS as readonly string[]).includes(text('kind')) ? (text('kind') as AuditKind) : '';
    const read = dateRange(request.query, 'read');
    const filters: AuditFilters = {
      kind,
      record: text('record').slice(0, MAX_RECORD),
      readFrom: read.from,
      readTo: read.to,
    };
    const mode = listMode(request.query);
    const page = async (problem: 'choose' | 'not-found', status: number) =>
      sendPage(
        reply,
        <AuditPage
          ctx={await pageContext(store, request)}
          filters={filters}
          reads={[]}
          list={null}
          problem={problem}
          recordPage={null}
        />,
        status,
      );
    // Nothing is listed before a record is chosen: there is no CSV or print view of nothing.
    if (filters.kind === '' || filters.record === '') {
      if (mode.csv || mode.print) return sendProblemPage(store, request, reply, 'bad-request');
      return page('choose', 200);
    }
    const query = { subject: `${filters.kind}/${filters.record}`, ...dayBounds(read) };
    try {
      const list = await readList(request.query, (cursor, whole) =>
        pageReads(store, reader, { ...query, cursor, ...(whole ? { limit: whole.limit } : {}) }),
      );
      if (list === null) return sendProblemPage(store, request, reply, 'bad-request');
      const ctx = await pageContext(store, request);
      if (list.mode.csv) return sendCsv(reply, 'reads.csv', readColumns(ctx.tr), list.rows);
      const record = RECORD_PAGES[filters.kind];
      return sendPage(
        reply,
        <AuditPage
          ctx={ctx}
          filters={filters}
          reads={list.rows}
          list={listState(
            paths.audit,
            { ...filters },
            list,
            await countReads(store, reader, query),
            list.mode,
          )}
          problem={null}
          recordPage={can(reader, record.action) ? record.page(filters.record) : null}
        />,
      );
    } catch (error) {
      // No such record: the form again, to correct the kind or the number (a download: the 404 page).
      if (!(error instanceof NotFoundError)) throw error;
      if (mode.csv || mode.print) return sendProblemPage(store, request, reply, 'not-found');
      return page('not-found', 404);
    }
  });
}
