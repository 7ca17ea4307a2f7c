import type { CaseFindingRecorded } from '../domain/cases/events.js';
import type { CaseState } from '../domain/cases/state.js';
import { findingParams } from '../domain/findings.js';
import { packOf, type CaseRules } from '../rules/case-rules.js';
import { dueFindings, type ScheduledClock } from './due-findings.js';
import type { Clock } from './types.js';

/*
 * The clock of a case file, derived from its state alone (as src/clocks/complaints.ts):
 *
 *   kz.torture.suspension   one per official identified as a suspected perpetrator in the case,
 *                           from the identification, met by that official's suspension (a flag).
 *
 * Per official per case (issue 20 item 2): the same official identified in two cases has two
 * clocks, one in each file.
 */

const HOUR_MS = 3_600_000;
const ms = (iso: string): number => Date.parse(iso);
const iso = (millis: number): string => new Date(millis).toISOString();
const plural = (count: number, unit: string) =>
  `${Number(count.toFixed(2))} ${unit}${count === 1 ? '' : 's'}`;

/** The clock's key: the official's id is opaque (letters, digits, `-`, `_`). */
export const suspensionKey = (officialId: string): string => `kz.torture.suspension@${officialId}`;

function scheduleCaseClocks(state: CaseState, rules: CaseRules): ScheduledClock[] {
  if (!state.opened) return [];
  return state.defendants.map((defendant) => {
    const startedAt = ms(defendant.identifiedAt);
    return {
      clock: {
        key: suspensionKey(defendant.officialId),
        rule: 'kz.torture.suspension',
        ...packOf(rules, 'kz.torture.suspension'),
        kind: 'flag',
        startedAt: iso(startedAt),
        dueAt: iso(startedAt + rules.suspensionHours * HOUR_MS),
        outcome: defendant.suspension ? 'met' : 'running',
        endedAt: defendant.suspension ? defendant.suspension.suspendedAt : null,
      },
      missed:
        `${defendant.name}, identified as a suspected perpetrator at ${defendant.identifiedAt}, ` +
        `was not suspended within ${plural(rules.suspensionHours, 'hour')}`,
      params: findingParams('kz.torture.suspension', {
        hours: rules.suspensionHours,
        official: defendant.name,
        identifiedAt: defendant.identifiedAt,
      }),
    };
  });
}

/** The clocks of a case, derived from its state. */
export function caseClocks(state: CaseState, rules: CaseRules): Clock[] {
  return scheduleCaseClocks(state, rules).map(({ clock }) => clock);
}

/**
 * The findings due at `now`: one for every clock breached at `now` whose key has no finding yet,
 * by due time then key; exactly once.
 */
export function caseDueFindings(
  state: CaseState,
  rules: CaseRules,
  now: Date | string,
): CaseFindingRecorded[] {
  return dueFindings(
    scheduleCaseClocks(state, rules),
    new Set(state.findings.map((finding) => finding.key)),
    now,
  );
}
