import { clockAt } from '../clocks/clock-at.js';
import type { Clock } from '../clocks/types.js';
import type { FindingKind } from '../domain/custody/events.js';
import type { FindingParams } from '../domain/findings.js';
import type { Store } from '../store/types.js';
import type { ClockView, FindingView } from './custody-views.js';

/* What every record with clocks shows of them (custody episodes, complaints, prison stays). */

/** A clock as it stands at `now`, as the API and pages show it. */
export function clockView(clock: Clock, now: Date): ClockView {
  const reading = clockAt(clock, now);
  return {
    rule: clock.rule,
    dueAt: clock.dueAt,
    state: reading.state,
    kind: clock.kind,
    pack: clock.pack,
    packVersion: clock.packVersion,
    startedAt: clock.startedAt,
    endedAt: clock.endedAt,
    warning: reading.warning,
    elapsed: reading.elapsed,
  };
}

interface RecordedFinding {
  seq: number;
  recordedAt: string;
  finding: {
    rule: string;
    kind: FindingKind;
    at: string;
    detail: string;
    params?: FindingParams;
    pack: string;
    packVersion: string;
  };
}

/** The findings a decider folded, each with the entry that recorded it. */
export function findingViews(state: { findings: readonly RecordedFinding[] }): FindingView[] {
  return state.findings.map(({ finding, seq, recordedAt }) => ({
    seq,
    rule: finding.rule,
    kind: finding.kind,
    at: finding.at,
    detail: finding.detail,
    ...(finding.params !== undefined ? { params: finding.params } : {}),
    pack: finding.pack,
    packVersion: finding.packVersion,
    recordedAt,
  }));
}

/** Display names of the accounts that recorded entries, by id (unknown ids are left out). */
export async function accountNames(store: Store, ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await store.db
    .selectFrom('accounts')
    .select(['id', 'name'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** A findings read model's `params` column (RFC 8785 JSON, or null before issue 18) as a view's `params`. */
export function paramsOfRow(params: string | null): { params?: FindingParams } {
  if (params === null) return {};
  try {
    return { params: JSON.parse(params) as FindingParams };
  } catch {
    return {};
  }
}

/**
 * Findings that only the oversight bodies (and health officials) see: documented signs of
 * ill-treatment whose referral to the procurator was withheld (kz.medical.report-duty, `refer`).
 * They are recorded in the episode's stream, but the custody unit's and the prison's own staff —
 * colleagues of the officials the person accused — must not learn from them that an allegation
 * exists (the lesson of kz.complaint.reprisal).
 */
export function isOversightOnly(finding: { rule: string; params?: unknown }): boolean {
  const params = finding.params as { duty?: unknown } | undefined;
  return finding.rule === 'kz.medical.report-duty' && params?.duty === 'refer';
}

const SEES_OVERSIGHT_FINDINGS: ReadonlySet<string> = new Set(['monitor', 'procurator', 'medical']);

/** The state as `viewer` may see it: without oversight-only findings for facility staff and everyone else. */
export function findingsFor<
  State extends {
    findings: readonly { finding: { rule: string; params?: unknown } }[];
    timeline: readonly { event: { type: string; payload: unknown } }[];
  },
>(state: State, viewer: { role: string } | null): State {
  if (viewer !== null && SEES_OVERSIGHT_FINDINGS.has(viewer.role)) return state;
  return {
    ...state,
    findings: state.findings.filter(({ finding }) => !isOversightOnly(finding)),
    timeline: state.timeline.filter(
      ({ event }) =>
        event.type !== 'finding-recorded' ||
        !isOversightOnly(event.payload as { rule: string; params?: unknown }),
    ),
  };
}
