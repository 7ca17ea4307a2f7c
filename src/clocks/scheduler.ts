import { sql } from 'kysely';
import { recordDueCaseFindings } from '../app/cases.js';
import { decideAndAppendComplaint } from '../app/complaints.js';
import { decideAndAppend, SCHEDULER_ACTOR, type CustodyServices } from '../app/custody.js';
import { decideAndAppendStay, recordDueStayFindings } from '../app/prison.js';
import { reportDutyFinding, type ReportDutyOwed } from '../domain/medical/report-duty.js';
import type { InjuryNoteSource } from '../domain/findings.js';
import { DEFAULT_PRISON_RULES, type PrisonRules } from '../rules/prison-rules.js';
import { nextStayCheck } from './prison.js';
import { DEFAULT_CASE_RULES, type CaseRules } from '../rules/case-rules.js';
import { DEFAULT_COMPLAINT_RULES, type ComplaintRules } from '../rules/complaint-rules.js';
import type { AppendResult } from '../store/types.js';

/*
 * The scheduler (DESIGN.md "Architecture": scheduler → clocks due → breach events through the same
 * path). Each tick finds the clocks whose due time has passed and that have no finding yet (the
 * `pending_due_at` index of custody_clocks, then of complaint_clocks; prison stays by their next
 * check; kz.medical.report-duty by medical_report_duty's) and asks each episode's, stay's or
 * complaint's decider to record what is due at `now`. Exactly once: the decider records a finding only for a clock key that has none, and
 * the append carries the version it decided on, so two ticks racing cannot both write it.
 * A deadline that passed while the server was down is found by the first tick after start.
 * On PostgreSQL a session advisory lock lets one server instance tick at a time.
 */

export interface SchedulerLogger {
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export interface SchedulerOptions {
  clock: () => Date;
  /** Between ticks (default 1 s: a breach is in the log within about a second). */
  intervalMs?: number;
  /** Episodes decided per query in a tick; a tick keeps going until nothing due is left. */
  batch?: number;
  logger?: SchedulerLogger;
}

export interface TickResult {
  /** Custody episodes whose clocks were due. */
  episodes: number;
  /** Findings appended (custody and complaints). */
  findings: number;
  /** False when another instance holds the scheduler lock (PostgreSQL). */
  ran: boolean;
  /** Complaints whose clocks were due (intl.complaint.answer, kz.transfer.protection); absent when the tick did not run. */
  complaints?: number;
  /** Prison stays looked at (clocks due, or a day to check for exercise and health visits); absent when the tick did not run. */
  stays?: number;
  /** Duties of kz.medical.report-duty found unmet (each a finding in its episode); absent when the tick did not run. */
  reportDuties?: number;
  /** Case files whose clocks were due (kz.torture.suspension); absent when the tick did not run. */
  cases?: number;
}

/** What the scheduler needs: the custody services, and the complaint rules (default: RULES.md). */
export type SchedulerServices = CustodyServices & {
  complaintRules?: ComplaintRules;
  prisonRules?: PrisonRules;
  caseRules?: CaseRules;
};

/** A source of due clocks: the table and its id column, and how to record what is due for one id. */
interface DueSource {
  name: string;
  due(nowIso: string, batch: number, failed: ReadonlySet<string>): Promise<string[]>;
  record(id: string, nowIso: string): Promise<{ result: AppendResult }>;
}

/**
 * The scheduler's advisory lock: this constant and the schema the log lives in (several Habeas
 * logs may share one PostgreSQL database, each in its own schema, each with its own scheduler).
 */
export const SCHEDULER_LOCK = 0x4861_6265; // "Habe"
/** Episodes decided concurrently, so that their findings share group commits. */
const CONCURRENCY = 32;

const silent: SchedulerLogger = { warn: () => undefined, error: () => undefined };

export class ClockScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;
  private readonly intervalMs: number;
  private readonly batch: number;
  private readonly logger: SchedulerLogger;

  constructor(
    private readonly services: SchedulerServices,
    private readonly options: SchedulerOptions,
  ) {
    this.intervalMs = options.intervalMs ?? 1000;
    this.batch = options.batch ?? 500;
    this.logger = options.logger ?? silent;
  }

  /** Ticks now (catching up after downtime), then every interval until `stop`. */
  start(): void {
    this.stopped = false;
    const loop = () => {
      if (this.stopped) return;
      this.running = this.tick()
        .catch((error: unknown) =>
          this.logger.error(
            { err: error instanceof Error ? error.message : String(error) },
            'clock tick failed',
          ),
        )
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.timer = setTimeout(loop, this.intervalMs);
        });
    };
    loop();
  }

  /** Stops ticking and waits for a tick in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One tick: records every finding due at the clock's `now`. */
  async tick(): Promise<TickResult> {
    const { store } = this.services;
    if (store.engine !== 'postgres') return this.work();
    // A session lock on one pooled connection: held while this instance works, released after.
    return store.db.connection().execute(async (connection) => {
      const { rows } = await sql<{
        locked: boolean;
      }>`select pg_try_advisory_lock(${SCHEDULER_LOCK}, hashtext(current_schema())) as locked`.execute(
        connection,
      );
      if (!rows[0]?.locked) return { episodes: 0, findings: 0, ran: false };
      try {
        return await this.work();
      } finally {
        await sql`select pg_advisory_unlock(${SCHEDULER_LOCK}, hashtext(current_schema()))`.execute(
          connection,
        );
      }
    });
  }

  private async work(): Promise<TickResult> {
    const now = this.options.clock();
    const nowIso = now.toISOString();
    const custody = await this.drain(this.custodySource(), nowIso);
    const complaints = await this.drain(this.complaintSource(), nowIso);
    const stays = await this.drain(this.staySource(), nowIso);
    const duties = await this.drain(this.reportDutySource(), nowIso);
    const cases = await this.drain(this.caseSource(), nowIso);
    return {
      episodes: custody.streams,
      findings: custody.findings + complaints.findings + stays.findings + duties.findings + cases.findings,
      cases: cases.streams,
      ran: true,
      complaints: complaints.streams,
      stays: stays.streams,
      reportDuties: duties.streams,
    };
  }

  private custodySource(): DueSource {
    const { store } = this.services;
    return {
      name: 'custodyId',
      // By the pending index in due order (a `distinct … order by custody_id` would walk every
      // clock row on SQLite); an episode with several due clocks appears more than once.
      due: async (nowIso, batch, failed) => {
        let query = store.db
          .selectFrom('custody_clocks')
          .select('custody_id')
          .where('pending_due_at', '<=', nowIso)
          .orderBy('pending_due_at')
          .orderBy('custody_id')
          .limit(batch);
        if (failed.size > 0) query = query.where('custody_id', 'not in', [...failed]);
        return (await query.execute()).map((row) => row.custody_id);
      },
      record: (id, nowIso) =>
        decideAndAppend(this.services, id, {
          type: 'record-due-findings',
          now: nowIso,
          actor: SCHEDULER_ACTOR,
        }),
    };
  }

  private complaintSource(): DueSource {
    const { store } = this.services;
    const services = { store, complaintRules: this.services.complaintRules ?? DEFAULT_COMPLAINT_RULES };
    return {
      name: 'complaintId',
      due: async (nowIso, batch, failed) => {
        let query = store.db
          .selectFrom('complaint_clocks')
          .select('complaint_id')
          .where('pending_due_at', '<=', nowIso)
          .orderBy('pending_due_at')
          .orderBy('complaint_id')
          .limit(batch);
        if (failed.size > 0) query = query.where('complaint_id', 'not in', [...failed]);
        return (await query.execute()).map((row) => row.complaint_id);
      },
      record: (id, nowIso) =>
        decideAndAppendComplaint(services, id, {
          type: 'record-due-findings',
          now: nowIso,
          actor: SCHEDULER_ACTOR,
        }),
    };
  }

  /** Case files by `case_clocks.pending_due_at` (kz.torture.suspension, per official per case). */
  private caseSource(): DueSource {
    const { store } = this.services;
    const services = {
      store,
      caseRules: this.services.caseRules ?? DEFAULT_CASE_RULES,
      clock: this.options.clock,
    };
    return {
      name: 'caseId',
      due: async (nowIso, batch, failed) => {
        let query = store.db
          .selectFrom('case_clocks')
          .select('case_id')
          .where('pending_due_at', '<=', nowIso)
          .orderBy('pending_due_at')
          .orderBy('case_id')
          .limit(batch);
        if (failed.size > 0) query = query.where('case_id', 'not in', [...failed]);
        return (await query.execute()).map((row) => row.case_id);
      },
      record: (id, nowIso) => recordDueCaseFindings(services, id, nowIso, SCHEDULER_ACTOR),
    };
  }

  /**
   * Prison stays by `prison_stays.next_check_at`: a clock due, or a day ended (exercise, health
   * visits in separation). When nothing is due the stay's next check moves on without an entry.
   */
  private staySource(): DueSource {
    const { store } = this.services;
    const prisonRules = this.services.prisonRules ?? DEFAULT_PRISON_RULES;
    const services = { store, rules: this.services.rules, prisonRules };
    return {
      name: 'stayId',
      due: async (nowIso, batch, failed) => {
        let query = store.db
          .selectFrom('prison_stays')
          .select('id')
          .where('next_check_at', '<=', nowIso)
          .orderBy('next_check_at')
          .orderBy('id')
          .limit(batch);
        if (failed.size > 0) query = query.where('id', 'not in', [...failed]);
        return (await query.execute()).map((row) => row.id);
      },
      record: (id, nowIso) =>
        recordDueStayFindings(services, id, nowIso, (state) => nextStayCheck(state, prisonRules, nowIso)),
    };
  }

  /**
   * kz.medical.report-duty by `medical_report_duty.pending_due_at` (src/store/projections/
   * report-duty.ts): an injury noted that no doctor's report documented by its due time, or
   * documented signs not referred. The finding goes to the custody episode or prison stay through
   * its decider — once per key — never to the medical record, whose entries must tell no one that
   * an injury was seen.
   */
  private reportDutySource(): DueSource {
    const { store } = this.services;
    const prisonServices = {
      store,
      rules: this.services.rules,
      prisonRules: this.services.prisonRules ?? DEFAULT_PRISON_RULES,
    };
    return {
      name: 'reportDuty',
      due: async (nowIso, batch, failed) => {
        const rows = await store.db
          .selectFrom('medical_report_duty')
          .select(['episode_context', 'episode_id', 'duty_key'])
          .where('pending_due_at', '<=', nowIso)
          .orderBy('pending_due_at')
          .orderBy('duty_key')
          .limit(batch + failed.size)
          .execute();
        return rows
          .map((row) => JSON.stringify([row.episode_context, row.episode_id, row.duty_key]))
          .filter((id) => !failed.has(id))
          .slice(0, batch);
      },
      record: async (id, nowIso) => {
        const [context, episodeId, key] = JSON.parse(id) as [string, string, string];
        const row = await store.db
          .selectFrom('medical_report_duty')
          .selectAll()
          .where('episode_context', '=', context)
          .where('episode_id', '=', episodeId)
          .where('duty_key', '=', key)
          .executeTakeFirst();
        if (!row || row.pending_due_at === null)
          return { result: { stream: `${context}/${episodeId}`, version: -1, entries: [] } };
        const owed: ReportDutyOwed =
          row.duty === 'refer'
            ? { duty: 'refer', key, documentedAt: row.noted_at }
            : {
                duty: 'document',
                key,
                noted: row.source as InjuryNoteSource,
                notedAt: row.noted_at,
                dueAt: row.due_at,
              };
        const command = {
          type: 'record-finding' as const,
          finding: reportDutyFinding(owed),
          now: nowIso,
          actor: SCHEDULER_ACTOR,
        };
        return context === 'custody'
          ? decideAndAppend(this.services, episodeId, command)
          : decideAndAppendStay(prisonServices, episodeId, command);
      },
    };
  }

  /** Records what is due for every id the source has due at `nowIso`, batch by batch. */
  private async drain(source: DueSource, nowIso: string): Promise<{ streams: number; findings: number }> {
    let streams = 0;
    let findings = 0;
    const failed = new Set<string>();
    for (;;) {
      const due = await source.due(nowIso, this.batch, failed);
      const ids = [...new Set(due)];
      if (ids.length === 0) break;
      for (let i = 0; i < ids.length; i += CONCURRENCY) {
        const results = await Promise.allSettled(
          ids.slice(i, i + CONCURRENCY).map((id) => source.record(id, nowIso)),
        );
        results.forEach((result, j) => {
          const id = ids[i + j] as string;
          if (result.status === 'fulfilled') {
            findings += result.value.result.entries.length;
            // Nothing appended although a clock looked due: the read model is behind; do not spin on it.
            if (result.value.result.entries.length === 0) failed.add(id);
          } else {
            failed.add(id);
            this.logger.warn(
              {
                [source.name]: id,
                err: result.reason instanceof Error ? result.reason.message : String(result.reason),
              },
              'could not record a due finding; retrying next tick',
            );
          }
        });
      }
      streams += ids.length;
      if (due.length < this.batch) break;
    }
    return { streams, findings };
  }
}
