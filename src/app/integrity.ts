/**
 * The server's own integrity watch (issue 17): at start and then periodically, it verifies the log
 * (every leaf, the tree, the checkpoints, the anchor, the head's HMAC, the erasures) and checks the
 * read models against it. A failure is logged, reported on /readyz and the integrity page, and
 * written into the log itself (stream `integrity/checks`), so that it stays on record for the
 * oversight bodies whatever the operator does next; so is the return to a clean check.
 */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Principal } from '../access/principal.js';
import type { Database } from '../store/database.js';
import type { IntegrityKind } from '../store/head-check.js';
import type { EntryRow } from '../store/schema/ledger.js';
import { describeDifferences, type TableDifference } from '../store/read-model-check.js';
import type { IntegrityStatus, Store, WitnessReport } from '../store/types.js';
import { requireAccess } from './access.js';
import { SCHEDULER_ACTOR } from './custody.js';
import { decodeCursor, encodeCursor, pageSize } from './paging.js';

/** The stream the watch writes its findings to. */
export const INTEGRITY_STREAM = 'integrity/checks';

export interface IntegrityCheck {
  at: string;
  /** The log's size the check covered. */
  size: number;
  /** Entries whose leaves, digests and links were verified. */
  log: { ok: true } | { ok: false; seq: number | null; problem: string };
  readModels: { ok: true; tables: number } | { ok: false; tables: number; differences: TableDifference[] };
  durationMs: number;
}

/** What the integrity page, the API and /readyz show; everything as data, the English only as `message`. */
export interface IntegrityReport {
  ok: boolean;
  /** A break found while serving (the store's alarm): appends and signing have stopped. */
  alarm:
    (Pick<IntegrityStatus, 'kind' | 'since' | 'size' | 'signed' | 'witness'> & { message: string }) | null;
  lastCheck: IntegrityCheck | null;
  checking: boolean;
  /** When the next periodic check runs. */
  nextCheckAt: string | null;
  witnesses: WitnessReport;
  /** Rows that decide who someone is, refused since start because their tag did not match. */
  tamperedRows: { table: string; count: number; lastAt: string }[];
}

export interface IntegrityWatchOptions {
  clock: () => Date;
  /** Between checks; default 6 h. */
  intervalMs?: number;
  /** Before the first check after start; default 10 s (the server is up meanwhile). */
  firstDelayMs?: number;
  logger?: { error(details: Record<string, unknown>, message: string): void; info?(message: string): void };
}

export const DEFAULT_INTEGRITY_INTERVAL_MS = 6 * 3_600_000;

export class IntegrityWatch {
  private timer: NodeJS.Timeout | undefined;
  private last: IntegrityCheck | null = null;
  private running: Promise<IntegrityCheck> | undefined;
  private nextAt: Date | null = null;
  private stopped = false;
  /** What the last entry this process wrote says, so that only a change is written. */
  private recorded: 'failed' | 'passed' | undefined;

  constructor(
    private readonly store: Store,
    private readonly options: IntegrityWatchOptions,
  ) {}

  start(): void {
    this.schedule(this.options.firstDelayMs ?? 10_000);
  }

  stop(): Promise<unknown> {
    this.stopped = true;
    clearTimeout(this.timer);
    return this.running ?? Promise.resolve();
  }

  /** Runs a check now (or joins the one running). */
  check(): Promise<IntegrityCheck> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  report(): IntegrityReport {
    const alarm = this.store.integrity();
    const failed = this.last !== null && (!this.last.log.ok || !this.last.readModels.ok);
    const tamperedRows = this.store.tamperedRows();
    return {
      ok: !alarm && !failed && tamperedRows.length === 0,
      tamperedRows,
      alarm: alarm
        ? {
            kind: alarm.kind,
            since: alarm.since,
            message: alarm.problem,
            ...(alarm.size !== undefined ? { size: alarm.size } : {}),
            ...(alarm.signed !== undefined ? { signed: alarm.signed } : {}),
            ...(alarm.witness !== undefined ? { witness: alarm.witness } : {}),
          }
        : null,
      lastCheck: this.last,
      checking: this.running !== undefined,
      nextCheckAt: this.nextAt?.toISOString() ?? null,
      witnesses: this.store.witnessStatus(),
    };
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.nextAt = new Date(this.options.clock().getTime() + delayMs);
    this.timer = setTimeout(() => {
      this.check()
        .catch((error: unknown) =>
          this.options.logger?.error(
            { error: (error as Error).message },
            'the integrity check could not run',
          ),
        )
        .finally(() => this.schedule(this.options.intervalMs ?? DEFAULT_INTEGRITY_INTERVAL_MS));
    }, delayMs);
    this.timer.unref();
  }

  private async run(): Promise<IntegrityCheck> {
    const started = performance.now();
    const at = this.options.clock().toISOString();
    const log = await this.store.verify();
    const models = log.ok ? await this.store.checkReadModels() : null;
    const check: IntegrityCheck = {
      at,
      size: log.ok ? log.size : (models?.size ?? (await this.store.size())),
      log: log.ok ? { ok: true } : { ok: false, seq: log.seq ?? null, problem: log.problem },
      readModels:
        models === null
          ? { ok: true, tables: 0 }
          : models.ok
            ? { ok: true, tables: models.tables }
            : { ok: false, tables: models.tables, differences: models.differences },
      durationMs: Math.round(performance.now() - started),
    };
    this.last = check;
    const failed = !check.log.ok || !check.readModels.ok;
    if (failed) {
      const lines = [
        ...(check.log.ok ? [] : [check.log.problem]),
        ...(models && !models.ok ? describeDifferences(models) : []),
      ];
      for (const line of lines) this.options.logger?.error({ size: check.size }, `integrity check: ${line}`);
    }
    await this.record(check, failed);
    return check;
  }

  /** Writes a failed check, and the first clean one after it, into the log; nothing while it is broken. */
  private async record(check: IntegrityCheck, failed: boolean): Promise<void> {
    if (this.store.integrity()) return; // appends are stopped; the alarm itself is the report
    const outcome = failed ? 'failed' : 'passed';
    if (outcome === this.recorded || (outcome === 'passed' && (await this.lastRecorded()) !== 'failed')) {
      this.recorded = outcome;
      return;
    }
    await this.store.append({
      stream: INTEGRITY_STREAM,
      expectedVersion: 'any',
      actor: SCHEDULER_ACTOR,
      events: [
        {
          type: failed ? 'integrity-check-failed' : 'integrity-check-passed',
          payload: {
            checkedAt: check.at,
            size: check.size,
            log: check.log.ok ? null : { seq: check.log.seq },
            readModels: check.readModels.ok
              ? null
              : check.readModels.differences.map((d) => ({
                  table: d.table,
                  added: d.added,
                  removed: d.removed,
                  altered: d.altered,
                })),
          },
        },
      ],
    });
    this.recorded = outcome;
  }

  /** What the integrity stream last recorded (another process, or this one before a restart). */
  private async lastRecorded(): Promise<'failed' | 'passed' | undefined> {
    const events = await this.store.readStream(INTEGRITY_STREAM);
    const last = events.at(-1)?.entry.type;
    return last === 'integrity-check-failed'
      ? 'failed'
      : last === 'integrity-check-passed'
        ? 'passed'
        : undefined;
  }
}

/** A check the watch recorded in the log (a failure, or the first clean check after one). */
export interface RecordedCheck {
  seq: number;
  /** When the check's result was written, i.e. when it finished. */
  at: string;
  outcome: 'failed' | 'passed';
  /** The log's size the check covered. */
  size: number | null;
  /** The log did not verify (from `seq`, when known); null: it verified. */
  log: { seq: number | null } | null;
  /** The read-model tables that differed from the log; null: none did. */
  readModels: { table: string; added: number; removed: number; altered: number }[] | null;
}

export interface RecordedCheckQuery {
  /** Recorded at or after `from` and before `before` (ISO 8601 instants). */
  at?: { from?: string | undefined; to?: string | undefined } | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

const CHECK_TYPES = ['integrity-check-failed', 'integrity-check-passed'];

/** The recorded checks `query` asks for, as one condition for the page and its count. */
function checkConditions(query: RecordedCheckQuery) {
  return (eb: ExpressionBuilder<Database & { e: EntryRow }, 'e'>) => {
    const conditions: Expression<SqlBool>[] = [
      eb('e.stream', '=', INTEGRITY_STREAM),
      eb('e.type', 'in', CHECK_TYPES),
    ];
    if (query.at?.from !== undefined) conditions.push(eb('e.at', '>=', query.at.from));
    if (query.at?.to !== undefined) conditions.push(eb('e.at', '<', query.at.to));
    return eb.and(conditions);
  };
}

/**
 * The history of the checks (`integrity.read`): what the watch wrote in the log, newest first — a
 * failed check and the first clean one after it (a check that changes nothing is not written).
 */
export async function pageRecordedChecks(
  store: Store,
  principal: Principal | null,
  query: RecordedCheckQuery,
): Promise<{ items: RecordedCheck[]; next: string | null }> {
  requireAccess(principal, 'integrity.read');
  const limit = pageSize(query.limit);
  let select = store.db
    .selectFrom('entries as e')
    .leftJoin('payloads as p', 'p.seq', 'e.seq')
    .select(['e.seq', 'e.at', 'e.type', 'p.payload'])
    .where(checkConditions(query));
  if (query.cursor !== undefined) {
    const [seq] = decodeCursor<[number]>(query.cursor, ['number']);
    select = select.where('e.seq', '<', seq);
  }
  const rows = await select
    .orderBy('e.seq', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const items = page.map((row): RecordedCheck => {
    const payload = (row.payload === null ? {} : JSON.parse(row.payload)) as {
      size?: number;
      log?: { seq: number | null } | null;
      readModels?: RecordedCheck['readModels'];
    };
    return {
      seq: Number(row.seq),
      at: row.at,
      outcome: row.type === 'integrity-check-failed' ? 'failed' : 'passed',
      size: typeof payload.size === 'number' ? payload.size : null,
      log: payload.log ?? null,
      readModels: payload.readModels ?? null,
    };
  });
  const last = page.at(-1);
  return { items, next: rows.length > limit && last ? encodeCursor([Number(last.seq)]) : null };
}

/** How many recorded checks `query` asks for (`integrity.read`), in one count. */
export async function countRecordedChecks(
  store: Store,
  principal: Principal | null,
  query: RecordedCheckQuery,
): Promise<number> {
  requireAccess(principal, 'integrity.read');
  const row = await store.db
    .selectFrom('entries as e')
    .select((eb) => eb.fn.countAll().as('count'))
    .where(checkConditions(query))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export type { IntegrityKind };
