import { canonicalString } from '../../ledger/canonical.js';
import type { Kysely, Transaction } from 'kysely';
import { nextStayCheck } from '../../clocks/prison.js';
import { separationRuns } from '../../domain/discipline/separation.js';
import { stayIdOfStream, type PrisonEvent } from '../../domain/prison/events.js';
import { evolveStay } from '../../domain/prison/evolve.js';
import { initialStayState, type StayState } from '../../domain/prison/state.js';
import type { PrisonRules } from '../../rules/prison-rules.js';
import type { Database } from '../database.js';
import type { Projection, StoredEvent } from '../types.js';

type Db = Transaction<Database> | Kysely<Database>;

const DAY_MS = 86_400_000;
const iso = (millis: number): string => new Date(millis).toISOString();

/** What a reprisal flag says the action was (kz.complaint.reprisal); never the complaint's content. */
function watchedAction(event: PrisonEvent): { action: string; detail: string; at: string } | null {
  if (event.type === 'discipline-decided')
    return {
      action: 'discipline',
      detail:
        event.payload.days === null
          ? event.payload.measure
          : `${event.payload.measure}, ${event.payload.days} days`,
      at: event.payload.at,
    };
  if (event.type === 'transferred' && !event.payload.requestedByPrisoner)
    return {
      action: 'transfer',
      detail: `transfer not requested (${event.payload.reason})`,
      at: event.payload.at,
    };
  return null;
}

/**
 * What a reprisal flag's `detail` says, as data (issue 18 item 3): the measure and its days, or
 * the reason for the transfer — read back from the words watchedAction wrote, which are kept as
 * they are so that the read model stays what every earlier rebuild made. Null for words it did not write.
 */
export function watchedActionParams(
  action: string,
  detail: string,
):
  | { action: 'discipline'; measure: string; days: number | null }
  | { action: 'transfer'; reason: string }
  | null {
  if (action === 'discipline') {
    const match = /^([a-z-]+)(?:, (\d+) days)?$/.exec(detail);
    if (!match?.[1]) return null;
    return { action, measure: match[1], days: match[2] === undefined ? null : Number(match[2]) };
  }
  if (action === 'transfer') {
    const match = /^transfer not requested \(([a-z-]+)\)$/.exec(detail);
    return match?.[1] ? { action, reason: match[1] } : null;
  }
  return null;
}

/**
 * `prison_stays`, `prison_findings`, `prison_referrals` and `reprisal_flags` from the stay streams.
 * Each stay row keeps the decider's folded state, its latest run of separation (for the roll and
 * the monitor's nationwide view) and when the scheduler should look at it next. A sanction or an
 * unrequested transfer within the watch period after the person's complaint (the complaints read
 * model, same transaction) is a reprisal flag (kz.complaint.reprisal).
 */
export function prisonProjection(rules: PrisonRules): Projection {
  return {
    name: 'prison',
    tables: ['prison_stays', 'prison_findings', 'prison_referrals', 'reprisal_flags'],
    // Moved on by the scheduler when a check finds nothing to record (src/app/prison.ts).
    outsideTheLog: { prison_stays: ['next_check_at'] },
    async apply(db: Db, stored: StoredEvent): Promise<void> {
      const stayId = stayIdOfStream(stored.entry.stream);
      if (stayId === null) return;
      const { entry } = stored;
      const row = await db
        .selectFrom('prison_stays')
        .select('state')
        .where('id', '=', stayId)
        .executeTakeFirst();
      const before = row ? (JSON.parse(row.state) as StayState) : initialStayState;
      const event = { type: entry.type, payload: stored.payload } as PrisonEvent;
      const state = evolveStay(before, event, {
        seq: entry.seq,
        version: entry.version,
        recordedAt: entry.at,
        actor: entry.actor,
      });
      const admitted = state.admitted;
      if (!admitted || stored.payload === null) {
        if (row)
          await db
            .updateTable('prison_stays')
            .set({ state: JSON.stringify(state), version: state.version })
            .where('id', '=', stayId)
            .execute();
        return;
      }
      const run = separationRuns(state, rules).at(-1);
      const stay = {
        person_id: admitted.personId,
        facility_id: state.facilityId ?? admitted.facilityId,
        status: state.status,
        admitted_at: admitted.admittedAt,
        life_sentence: admitted.lifeSentence ? 1 : 0,
        separation_start: run ? iso(run.start) : null,
        separation_end: run && run.end !== null ? iso(run.end) : null,
        next_check_at: nextStayCheck(state, rules, entry.at),
        state: JSON.stringify(state),
        version: entry.version + 1,
        updated_at: entry.at,
      };
      if (row) await db.updateTable('prison_stays').set(stay).where('id', '=', stayId).execute();
      else
        await db
          .insertInto('prison_stays')
          .values({ id: stayId, ...stay })
          .execute();

      if (event.type === 'finding-recorded') {
        const finding = event.payload;
        await db
          .insertInto('prison_findings')
          .values({
            seq: entry.seq,
            stay_id: stayId,
            person_id: admitted.personId,
            facility_id: stay.facility_id,
            rule: finding.rule,
            kind: finding.kind,
            at: finding.at,
            detail: finding.detail,
            params: finding.params === undefined ? null : canonicalString(finding.params),
            pack: finding.pack,
            pack_version: finding.packVersion,
            recorded_at: entry.at,
          })
          .execute();
        return;
      }
      if (event.type === 'medical-examined') {
        // A later examination answers an open referral; one that notes bodily harm opens a new one.
        await db
          .updateTable('prison_referrals')
          .set({ status: 'examined' })
          .where('stay_id', '=', stayId)
          .where('status', '=', 'open')
          .where('opened_at', '<', event.payload.at)
          .execute();
        if (event.payload.bodilyHarm)
          await db
            .insertInto('prison_referrals')
            .values({
              stay_id: stayId,
              exam_seq: entry.seq,
              facility_id: stay.facility_id,
              person_id: admitted.personId,
              opened_at: event.payload.at,
              status: 'open',
            })
            .execute();
        return;
      }
      const watched = watchedAction(event);
      if (!watched) return;
      const actionAt = Date.parse(watched.at);
      const complaint = await db
        .selectFrom('complaints')
        .select(['id', 'submitted_at'])
        .where('complainant_id', '=', admitted.personId)
        .where('submitted_at', '>=', iso(actionAt - rules.reprisalDays * DAY_MS))
        .where('submitted_at', '<=', iso(actionAt))
        .orderBy('submitted_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!complaint) return;
      await db
        .insertInto('reprisal_flags')
        .values({
          seq: entry.seq,
          stay_id: stayId,
          person_id: admitted.personId,
          facility_id: stay.facility_id,
          action: watched.action,
          detail: watched.detail,
          action_at: watched.at,
          complaint_id: complaint.id,
          complained_at: complaint.submitted_at,
          recorded_at: entry.at,
        })
        .execute();
    },
  };
}
