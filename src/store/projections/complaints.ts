import { canonicalString } from '../../ledger/canonical.js';
import type { Kysely, Transaction } from 'kysely';
import { complaintClocks } from '../../clocks/complaints.js';
import { complaintIdOfStream } from '../../domain/complaints/events.js';
import { fromEntry } from '../../domain/complaints/envelope.js';
import {
  currentCategoryOf,
  evolveComplaint,
  isAllegation,
  isWithJudge,
  judgeOrdersOf,
} from '../../domain/complaints/evolve.js';
import { initialComplaintState, type ComplaintState } from '../../domain/complaints/state.js';
import type { ComplaintRules } from '../../rules/complaint-rules.js';
import type { Database } from '../database.js';
import type { ComplaintClockRow } from '../schema/complaints.js';
import type { Projection, StoredEvent } from '../types.js';

type Db = Transaction<Database> | Kysely<Database>;

/** The clock rows of a complaint: each clock and, while it can still fire, its due time. */
function clockRows(complaintId: string, state: ComplaintState, rules: ComplaintRules): ComplaintClockRow[] {
  const recorded = new Set(state.findings.map((finding) => finding.finding.key));
  return complaintClocks(state, rules).map((clock) => ({
    complaint_id: complaintId,
    clock_key: clock.key,
    rule: clock.rule,
    kind: clock.kind,
    started_at: clock.startedAt,
    due_at: clock.dueAt,
    outcome: clock.outcome,
    ended_at: clock.endedAt,
    pending_due_at: clock.outcome === 'running' && !recorded.has(clock.key) ? clock.dueAt : null,
  }));
}

const sameClock = (a: ComplaintClockRow, b: ComplaintClockRow): boolean =>
  a.rule === b.rule &&
  a.kind === b.kind &&
  a.started_at === b.started_at &&
  a.due_at === b.due_at &&
  a.outcome === b.outcome &&
  a.ended_at === b.ended_at &&
  a.pending_due_at === b.pending_due_at;

/**
 * `complaints`, `complaint_clocks`, `complaint_findings` and `protection_requests` from the
 * complaint streams (as src/store/projections/custody.ts does for custody). The complaint row keeps
 * the decider's folded state, which holds no sealed bytes; a clock that can still fire keeps its
 * due time in `pending_due_at`, which the scheduler scans.
 */
export function complaintsProjection(rules: ComplaintRules): Projection {
  return {
    name: 'complaints',
    tables: ['complaints', 'complaint_clocks', 'complaint_findings', 'protection_requests'],
    async apply(db: Db, stored: StoredEvent): Promise<void> {
      const complaintId = complaintIdOfStream(stored.entry.stream);
      if (complaintId === null) return;
      const { entry } = stored;
      const row = await db
        .selectFrom('complaints')
        .select('state')
        .where('id', '=', complaintId)
        .executeTakeFirst();
      const before = row ? (JSON.parse(row.state) as ComplaintState) : initialComplaintState;
      const event = fromEntry({ type: entry.type, payload: stored.payload });
      const state = evolveComplaint(before, event, {
        seq: entry.seq,
        version: entry.version,
        recordedAt: entry.at,
        actor: entry.actor,
      });
      const submitted = state.submitted;
      if (!submitted || stored.payload === null) {
        if (row)
          await db
            .updateTable('complaints')
            .set({ state: JSON.stringify(state) })
            .where('id', '=', complaintId)
            .execute();
        return;
      }

      const clocks = clockRows(complaintId, state, rules);
      const complaint = {
        reference: submitted.reference,
        facility_id: submitted.facilityId,
        channel: submitted.channel,
        // The category it is handled under now: a complaint routed to the procurator is an allegation
        // (issue 18 item 9); the category it was filed under stays in its submission and in `state`.
        category: currentCategoryOf(state) ?? submitted.category,
        // 1: a torture allegation, the procurator's; 2: a complaint about a procurator's or an
        // investigator's own office, the investigating judge's and never the procurator's
        // (kz.allegation.conflict; src/app/judge-allegations.ts); 0: the complaints authority's.
        allegation: isAllegation(state) ? 1 : isWithJudge(state) ? 2 : 0,
        status: state.status,
        status_at: state.statusAt ?? submitted.submittedAt,
        complainant_id: submitted.complainantId,
        protection_requested: submitted.protectionRequested ? 1 : 0,
        transfer_requested: submitted.transferRequested ? 1 : 0,
        submitted_at: submitted.submittedAt,
        recorded_at: submitted.recordedAt,
        answer_due_at: clocks.find((clock) => clock.rule === 'intl.complaint.answer')?.due_at ?? null,
        case_number:
          (isWithJudge(state)
            ? judgeOrdersOf(state).findLast((order) => order.caseNumber !== null)?.caseNumber
            : undefined) ??
          state.decisions.findLast((decision) => decision.caseNumber !== null)?.caseNumber ??
          null,
        state: JSON.stringify(state),
        version: entry.version + 1,
        updated_at: entry.at,
      };
      if (row) await db.updateTable('complaints').set(complaint).where('id', '=', complaintId).execute();
      else
        await db
          .insertInto('complaints')
          .values({ id: complaintId, ...complaint })
          .execute();

      const previous = new Map(row ? clockRows(complaintId, before, rules).map((r) => [r.clock_key, r]) : []);
      const added: ComplaintClockRow[] = [];
      for (const clock of clocks) {
        const old = previous.get(clock.clock_key);
        previous.delete(clock.clock_key);
        if (old === undefined) added.push(clock);
        else if (!sameClock(old, clock))
          await db
            .updateTable('complaint_clocks')
            .set(clock)
            .where('complaint_id', '=', complaintId)
            .where('clock_key', '=', clock.clock_key)
            .execute();
      }
      if (added.length > 0) await db.insertInto('complaint_clocks').values(added).execute();
      if (previous.size > 0)
        await db
          .deleteFrom('complaint_clocks')
          .where('complaint_id', '=', complaintId)
          .where('clock_key', 'in', [...previous.keys()])
          .execute();

      switch (event.type) {
        case 'finding-recorded':
          await db
            .insertInto('complaint_findings')
            .values({
              seq: entry.seq,
              complaint_id: complaintId,
              facility_id: submitted.facilityId,
              rule: event.payload.rule,
              kind: event.payload.kind,
              at: event.payload.at,
              detail: event.payload.detail,
              params: event.payload.params === undefined ? null : canonicalString(event.payload.params),
              pack: event.payload.pack,
              pack_version: event.payload.packVersion,
              recorded_at: entry.at,
            })
            .execute();
          return;
        case 'protection-requested': {
          const due = clocks.find(
            (clock) => clock.clock_key === `kz.transfer.protection@${event.payload.requestId}`,
          );
          await db
            .insertInto('protection_requests')
            .values({
              id: event.payload.requestId,
              complaint_id: complaintId,
              facility_id: event.payload.facilityId,
              kind: event.payload.kind,
              person_id: event.payload.personId,
              requested_at: event.payload.requestedAt,
              due_at: due?.due_at ?? event.payload.requestedAt,
              status: 'pending',
              decided_at: null,
              reason: null,
            })
            .execute();
          return;
        }
        case 'protection-decided':
          await db
            .updateTable('protection_requests')
            .set({
              status: event.payload.decision,
              decided_at: event.payload.decidedAt,
              reason: event.payload.reason,
            })
            .where('id', '=', event.payload.requestId)
            .where('status', '=', 'pending')
            .execute();
          return;
        default:
          return;
      }
    },
  };
}
