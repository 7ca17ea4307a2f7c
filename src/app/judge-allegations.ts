import type { z } from 'zod';
import type { Principal } from '../access/principal.js';
import { complaintClocks } from '../clocks/complaints.js';
import {
  complaintStream,
  type ComplaintCategory,
  type ComplaintChannel,
} from '../domain/complaints/events.js';
import { judgeOf, judgeOrdersOf } from '../domain/complaints/evolve.js';
import { JudgeOrderInput } from '../domain/complaints/inputs.js';
import type { ComplaintState, ComplaintStatus } from '../domain/complaints/state.js';
import { regionSpellings } from '../domain/registry/regions.js';
import type { ComplaintRules } from '../rules/complaint-rules.js';
import type { Store } from '../store/types.js';
import { requireAccess } from './access.js';
import { appendRead } from './audit.js';
import type { JudgeAllegationPage, JudgeAllegationSummary } from './complaint-views.js';
import {
  complainantOf,
  complaintByReference,
  decideAndAppendComplaint,
  resourceOf,
  selectComplaints,
  type ComplaintListRow,
  type ComplaintServices,
} from './complaints.js';
import { NotFoundError } from './errors.js';
import { decodeCursor, encodeCursor, pageSize } from './paging.js';
import { accountNames, clockView, findingViews } from './record-views.js';
import { parseInput } from './validate.js';

/*
 * The investigating judge's complaints (kz.allegation.conflict, seed ¶5): complaints about the
 * actions of a procurator's or an investigator's own office, which go to the investigating judge
 * and never to the office complained of. The complaint projection marks them `allegation = 2`
 * (src/store/projections/complaints.ts): every procurator's list, count and view asks for
 * `allegation = 1`, so none of them can reach these. The judge sees the facts the procurator would
 * see of an allegation, never the sealed text: the judge holds no sealing key, and the complaints
 * authority provides the text on request. Every list and view is a read, recorded in the log.
 *
 * Which judges: those of the region of the facility the complaint came from or is about, not of the
 * region of the office complained of. The investigating judge is the court of the place where the
 * person is held — the one that can reach them at once, order their examination and their
 * protection, and to which the rest of their record (custody, detention) is already open under the
 * same region scope (`custody.read`, `person.read`: judge 'region', by facility). The office
 * complained of is often that very region's; where it is another's, sending the complaint to the
 * judges beside that office would put it where the office's own colleagues work, and away from the
 * person it is about. The office's region stays on the record (`concerns.region`) for the judge.
 */

/** `complaints.allegation` of a complaint with the investigating judge (kz.allegation.conflict). */
export const WITH_JUDGE = 2;

export interface JudgeAllegationQuery {
  status?: ComplaintStatus | undefined;
  facilityId?: string | undefined;
  /** Only complaints submitted (or received) in [submittedFrom, submittedTo) (instants). */
  submittedFrom?: string | undefined;
  submittedTo?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
  purpose?: string | undefined;
}

type JudgeServices = Pick<ComplaintServices, 'store' | 'complaintRules'>;

/** The complaints with the investigating judge in the judge's regions (all of them for a national judge). */
async function judgeMatching(
  store: Store,
  judge: Principal,
  query: Omit<JudgeAllegationQuery, 'limit' | 'cursor' | 'purpose'>,
) {
  let select = selectComplaints(store).where('c.allegation', '=', WITH_JUDGE);
  if (judge.regions.length > 0) select = select.where('f.region', 'in', regionSpellings(judge.regions));
  if (query.facilityId !== undefined) {
    const facility = await store.db
      .selectFrom('facilities')
      .select('region')
      .where('id', '=', query.facilityId)
      .executeTakeFirst();
    if (!facility) return null;
    requireAccess(judge, 'allegation.judge-read', {
      facilities: [query.facilityId],
      regions: [facility.region],
    });
    select = select.where('c.facility_id', '=', query.facilityId);
  }
  if (query.status !== undefined) select = select.where('c.status', '=', query.status);
  if (query.submittedFrom !== undefined) select = select.where('c.submitted_at', '>=', query.submittedFrom);
  if (query.submittedTo !== undefined) select = select.where('c.submitted_at', '<', query.submittedTo);
  return select;
}

/** What the judge sees of one complaint: no content, no sealed copy. */
function judgeAllegationOf(
  row: ComplaintListRow,
  state: ComplaintState,
  names: Map<string, string>,
  rules: ComplaintRules,
  now: Date,
): JudgeAllegationSummary {
  const judge = judgeOf(state);
  if (judge === null) throw new Error(`complaint ${row.reference} is not with the investigating judge`);
  return {
    reference: row.reference,
    source: row.channel as ComplaintChannel,
    facilityId: row.facility_id,
    facilityName: row.facility_name,
    facilityRegion: row.region,
    category: (state.submitted?.category ?? row.category) as ComplaintCategory,
    submittedAt: row.submitted_at,
    status: row.status as ComplaintStatus,
    caseNumber: row.case_number,
    complainant: complainantOf(row),
    protectionRequested: row.protection_requested === 1,
    transferRequested: row.transfer_requested === 1,
    concerns: judge.concerns,
    routedAt: judge.routedAt,
    rerouted: judge.rerouted,
    orderDueAt: new Date(Date.parse(judge.routedAt) + rules.judgeOrderHours * 3_600_000).toISOString(),
    orders: judgeOrdersOf(state).map((order) => ({
      seq: order.seq,
      orderedAt: order.orderedAt,
      investigateBy: order.investigateBy,
      caseNumber: order.caseNumber,
      actorName: names.get(order.actor) ?? null,
    })),
    clocks: complaintClocks(state, rules)
      .filter((clock) => clock.rule === 'kz.allegation.conflict')
      .map((clock) => clockView(clock, now)),
    findings: findingViews(state).filter((finding) => finding.rule === 'kz.allegation.conflict'),
  };
}

const stateOf = (row: ComplaintListRow): ComplaintState => JSON.parse(row.state) as ComplaintState;

/**
 * The complaints about a procurator's or an investigator's office in the judge's regions, newest
 * first (kz.allegation.conflict). The list names complainants: the read is recorded.
 */
export async function listJudgeAllegations(
  services: JudgeServices,
  principal: Principal | null,
  query: JudgeAllegationQuery,
  now: Date,
): Promise<JudgeAllegationPage> {
  const judge = requireAccess(principal, 'allegation.judge-read');
  const { store, complaintRules } = services;
  let select = await judgeMatching(store, judge, query);
  if (select === null) return { items: [], next: null };
  const limit = pageSize(query.limit);
  if (query.cursor !== undefined) {
    const [submittedAt, id] = decodeCursor<[string, string]>(query.cursor, ['string', 'string']);
    select = select.where((eb) =>
      eb.or([
        eb('c.submitted_at', '<', submittedAt),
        eb.and([eb('c.submitted_at', '=', submittedAt), eb('c.id', '<', id)]),
      ]),
    );
  }
  const rows = await select
    .orderBy('c.submitted_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const states = page.map(stateOf);
  const names = await accountNames(
    store,
    states.flatMap((state) => judgeOrdersOf(state).map((order) => order.actor)),
  );
  if (page.length > 0)
    await appendRead(
      store,
      judge,
      'judge-allegations',
      query.purpose,
      page.map((row) => complaintStream(row.id)),
    );
  const last = page.at(-1);
  return {
    items: page.map((row, index) =>
      judgeAllegationOf(row, states[index] as ComplaintState, names, complaintRules, now),
    ),
    next: rows.length > limit && last ? encodeCursor([last.submitted_at, last.id]) : null,
  };
}

/** How many complaints the filters match in the judge's regions (the list's "n of N"): nothing is read. */
export async function countJudgeAllegations(
  services: Pick<ComplaintServices, 'store'>,
  principal: Principal | null,
  query: Omit<JudgeAllegationQuery, 'limit' | 'cursor' | 'purpose'>,
): Promise<number> {
  const judge = requireAccess(principal, 'allegation.judge-read');
  const select = await judgeMatching(services.store, judge, query);
  if (select === null) return 0;
  const row = await select
    .clearSelect()
    .select((eb) => eb.fn.countAll<number | string>().as('total'))
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

/**
 * One complaint with the investigating judge, by its reference: 403 outside the judge's regions,
 * 404 for a complaint that is not with the investigating judge (so that a judge learns nothing of
 * the others). Recorded as a read of the complaint.
 */
async function judgeComplaint(
  store: Store,
  principal: Principal | null,
  action: 'allegation.judge-read' | 'allegation.judge-order',
  typedReference: string,
): Promise<{ row: ComplaintListRow; judge: Principal }> {
  requireAccess(principal, action);
  const row = await complaintByReference(store, typedReference);
  const judge = requireAccess(principal, action, resourceOf(row));
  if (row.allegation !== WITH_JUDGE)
    throw new NotFoundError(
      `there is no complaint ${typedReference.slice(0, 40)} with the investigating judge`,
    );
  return { row, judge };
}

export async function readJudgeAllegation(
  services: JudgeServices,
  principal: Principal | null,
  typedReference: string,
  now: Date,
  options: { purpose?: string | undefined } = {},
): Promise<JudgeAllegationSummary> {
  const { store, complaintRules } = services;
  const { row, judge } = await judgeComplaint(store, principal, 'allegation.judge-read', typedReference);
  await appendRead(store, judge, complaintStream(row.id), options.purpose);
  const state = stateOf(row);
  const names = await accountNames(
    store,
    judgeOrdersOf(state).map((order) => order.actor),
  );
  return judgeAllegationOf(row, state, names, complaintRules, now);
}

/**
 * The investigating judge's order to investigate (kz.allegation.conflict): by which body, in which
 * case if known, when. "At once": the first order meets the rule's clock.
 */
export async function recordJudgeOrder(
  services: JudgeServices,
  principal: Principal | null,
  typedReference: string,
  input: z.input<typeof JudgeOrderInput>,
  now: Date,
): Promise<JudgeAllegationSummary> {
  requireAccess(principal, 'allegation.judge-order');
  const order = parseInput(JudgeOrderInput, input);
  const { store, complaintRules } = services;
  const { row, judge } = await judgeComplaint(store, principal, 'allegation.judge-order', typedReference);
  const { state } = await decideAndAppendComplaint(services, row.id, {
    type: 'record-judge-order',
    orderedAt: order.orderedAt,
    investigateBy: order.investigateBy,
    caseNumber: order.caseNumber ?? null,
    now: now.toISOString(),
    actor: judge.id,
  });
  const fresh = (await selectComplaints(store).where('c.id', '=', row.id).executeTakeFirst()) ?? row;
  const names = await accountNames(
    store,
    judgeOrdersOf(state).map((item) => item.actor),
  );
  return judgeAllegationOf(fresh, state, names, complaintRules, now);
}
