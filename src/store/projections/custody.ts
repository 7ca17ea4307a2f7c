import { canonicalString } from '../../ledger/canonical.js';
import type { Kysely, Transaction } from 'kysely';
import { custodyClocks } from '../../clocks/custody.js';
import type { Clock } from '../../clocks/types.js';
import { custodyIdOfStream, type CustodyEvent } from '../../domain/custody/events.js';
import { evolveCustody } from '../../domain/custody/evolve.js';
import { isoOfMillis } from '../../domain/iso-time.js';
import { initialCustodyState, type CustodyState } from '../../domain/custody/state.js';
import type { CustodyRules } from '../../rules/custody-rules.js';
import type { Database } from '../database.js';
import type { CustodyClockRow } from '../schema/custody.js';
import type { Projection, StoredEvent } from '../types.js';

type Db = Transaction<Database> | Kysely<Database>;

const LIMIT_RULE = 'kz.custody.limit';

/** The moment 75% of a clock's allowed time has passed: its first warning (issue 3). */
export function warningMoment(clock: Pick<Clock, 'startedAt' | 'dueAt'>): string {
  const start = Date.parse(clock.startedAt);
  const due = Date.parse(clock.dueAt);
  return isoOfMillis(start + Math.floor((due - start) * 0.75));
}

/** The clock rows of an episode's state: each clock, its warning moment and, while it can still fire, its due time. */
function clockRows(custodyId: string, state: CustodyState, rules: CustodyRules): CustodyClockRow[] {
  const recorded = new Set(state.findings.map((finding) => finding.finding.key));
  return custodyClocks(state, rules).map((clock) => ({
    custody_id: custodyId,
    clock_key: clock.key,
    rule: clock.rule,
    kind: clock.kind,
    started_at: clock.startedAt,
    due_at: clock.dueAt,
    warn_at: warningMoment(clock),
    outcome: clock.outcome,
    ended_at: clock.endedAt,
    pending_due_at: clock.outcome === 'running' && !recorded.has(clock.key) ? clock.dueAt : null,
  }));
}

const sameClock = (a: CustodyClockRow, b: CustodyClockRow): boolean =>
  a.rule === b.rule &&
  a.kind === b.kind &&
  a.started_at === b.started_at &&
  a.due_at === b.due_at &&
  a.warn_at === b.warn_at &&
  a.outcome === b.outcome &&
  a.ended_at === b.ended_at &&
  a.pending_due_at === b.pending_due_at;

/**
 * `custody_episodes`, `custody_clocks`, `custody_findings` and `custody_referrals` from the custody
 * streams. Each episode row keeps the decider's folded state, so applying an event is one read and
 * a few writes; the clocks are re-derived from that state (src/clocks/custody.ts) with the rules
 * in force, and a clock that can still fire keeps its due time in `pending_due_at`, which is all
 * the scheduler scans.
 */
export function custodyProjection(rules: CustodyRules): Projection {
  return {
    name: 'custody',
    tables: ['custody_episodes', 'custody_clocks', 'custody_findings', 'custody_referrals'],
    async apply(db: Db, stored: StoredEvent): Promise<void> {
      const custodyId = custodyIdOfStream(stored.entry.stream);
      if (custodyId === null) return;
      const { entry } = stored;
      // The first entry of a stream opens its episode: there is no row to read yet.
      const row =
        entry.version === 0
          ? undefined
          : await db
              .selectFrom('custody_episodes')
              .select('state')
              .where('id', '=', custodyId)
              .executeTakeFirst();
      const before = row ? (JSON.parse(row.state) as CustodyState) : initialCustodyState;
      const event = { type: entry.type, payload: stored.payload } as CustodyEvent;
      const state = evolveCustody(before, event, {
        seq: entry.seq,
        version: entry.version,
        recordedAt: entry.at,
        actor: entry.actor,
      });
      const opened = state.opened;
      // An erased entry is folded too (evolve counts it and keeps it out of the timeline).
      if (!opened || stored.payload === null) {
        if (row)
          await db
            .updateTable('custody_episodes')
            .set({ state: JSON.stringify(state) })
            .where('id', '=', custodyId)
            .execute();
        return;
      }

      // The clocks are derived once per event: the episode row takes the limit's from them.
      const next = clockRows(custodyId, state, rules);
      const limit = next.find((clock) => clock.rule === LIMIT_RULE);
      const episode = {
        person_id: opened.personId,
        facility_id: opened.facilityId,
        juvenile: opened.juvenile ? 1 : 0,
        apprehended_at: limit?.started_at ?? opened.apprehendedAt,
        recorded_at: opened.recordedAt,
        status: state.status,
        limit_due_at: limit?.due_at ?? opened.apprehendedAt,
        state: JSON.stringify(state),
        version: entry.version + 1,
        updated_at: entry.at,
      };
      if (row) await db.updateTable('custody_episodes').set(episode).where('id', '=', custodyId).execute();
      else
        await db
          .insertInto('custody_episodes')
          .values({ id: custodyId, ...episode })
          .execute();

      // Only the clocks this event changed are written (most events touch one clock, or none).
      const previous = new Map(row ? clockRows(custodyId, before, rules).map((r) => [r.clock_key, r]) : []);
      const added: CustodyClockRow[] = [];
      for (const clock of next) {
        const old = previous.get(clock.clock_key);
        previous.delete(clock.clock_key);
        if (old === undefined) added.push(clock);
        else if (!sameClock(old, clock))
          await db
            .updateTable('custody_clocks')
            .set(clock)
            .where('custody_id', '=', custodyId)
            .where('clock_key', '=', clock.clock_key)
            .execute();
      }
      if (added.length > 0) await db.insertInto('custody_clocks').values(added).execute();
      if (previous.size > 0)
        await db
          .deleteFrom('custody_clocks')
          .where('custody_id', '=', custodyId)
          .where('clock_key', 'in', [...previous.keys()])
          .execute();

      switch (event.type) {
        case 'finding-recorded': {
          const finding = event.payload;
          await db
            .insertInto('custody_findings')
            .values({
              seq: entry.seq,
              custody_id: custodyId,
              facility_id: opened.facilityId,
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
        case 'injury-recorded':
          await db
            .insertInto('custody_referrals')
            .values({
              custody_id: custodyId,
              injury_seq: entry.seq,
              facility_id: opened.facilityId,
              person_id: opened.personId,
              opened_at: event.payload.at,
              status: 'open',
            })
            .execute();
          return;
        case 'medical-examined':
          // An examination after the injury was logged answers the referral.
          await db
            .updateTable('custody_referrals')
            .set({ status: 'examined' })
            .where('custody_id', '=', custodyId)
            .where('status', '=', 'open')
            .where('opened_at', '<=', event.payload.at)
            .execute();
          return;
        default:
          return;
      }
    },
  };
}
