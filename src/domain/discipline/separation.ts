import { HOUR_MS, DAY_MS, iso, itemsOf, ms, stayEndedAt } from '../prison/facts.js';
import type { StayState } from '../prison/state.js';
import type { PrisonRules } from '../../rules/prison-rules.js';

/*
 * Separation, counted the way SMR 44 counts it (intl.solitary.definition): a punishment block, a
 * solitary cell, or any placement of 22 hours or more a day without meaningful human contact,
 * whatever the facility calls it. Back-to-back placements — less than a day apart — are one run of
 * consecutive days (intl.solitary.prolonged).
 */

export type SeparationSource = 'punishment-block' | 'solitary' | 'placement';

export interface SeparationInterval {
  source: SeparationSource;
  /** The stream version of the entry that began it (a decision or a placement). */
  version: number;
  decisionId: string | null;
  localName: string | null;
  start: number;
  /** Null while it lasts with no planned end (a placement). */
  end: number | null;
}

export interface SeparationRun {
  /** The stream version of the run's first interval: a stable key for its findings. */
  firstVersion: number;
  start: number;
  end: number | null;
  intervals: SeparationInterval[];
}

const clip = (end: number | null, cut: number, start: number): number | null =>
  end === null || cut < end ? Math.max(start, cut) : end;

/** Every interval of separation in the stay, with appeals, early ends, release, transfer and death applied. */
export function separationIntervals(state: StayState, rules: PrisonRules): SeparationInterval[] {
  const intervals: SeparationInterval[] = [];
  for (const { event, version } of itemsOf(state, 'discipline-decided')) {
    const { measure, startsAt, endsAt, decisionId } = event.payload;
    if (measure !== 'punishment-block' && measure !== 'solitary') continue;
    intervals.push({
      source: measure,
      version,
      decisionId,
      localName: null,
      start: ms(startsAt),
      end: endsAt === null ? null : ms(endsAt),
    });
  }
  // A placement lasts until the next one in time (a placement recorded late may have been followed
  // by one recorded earlier).
  const placedAt = itemsOf(state, 'placed').map((item) => ms(item.event.payload.at));
  for (const { event, version } of itemsOf(state, 'placed')) {
    if (event.payload.hoursWithoutContact < rules.solitaryHoursWithoutContact) continue;
    const start = ms(event.payload.at);
    const later = placedAt.filter((at) => at > start);
    intervals.push({
      source: 'placement',
      version,
      decisionId: null,
      localName: event.payload.localName ?? event.payload.unit,
      start,
      end: later.length > 0 ? Math.min(...later) : null,
    });
  }
  // Appeals: a quashed measure ends when it was quashed; a reduced one lasts the new number of days.
  for (const { event } of itemsOf(state, 'appeal-decided')) {
    const { decisionId, outcome, days, at } = event.payload;
    for (const interval of intervals) {
      if (interval.decisionId !== decisionId) continue;
      if (outcome === 'quashed') interval.end = clip(interval.end, ms(at), interval.start);
      if (outcome === 'reduced' && days !== null)
        interval.end = clip(interval.end, interval.start + days * DAY_MS, interval.start);
    }
  }
  // An early end cuts whatever separation is in progress at that moment.
  for (const { event } of itemsOf(state, 'separation-ended')) {
    const cut = ms(event.payload.at);
    for (const interval of intervals)
      if (interval.start <= cut && (interval.end === null || interval.end > cut)) interval.end = cut;
  }
  // A transfer, release or death ends every separation in progress (a placement at the
  // destination starts after it and is not touched).
  const leaving = [
    ...itemsOf(state, 'transferred').map((item) => ms(item.event.payload.at)),
    ...[stayEndedAt(state)].filter((end): end is number => end !== null),
  ];
  for (const cut of leaving)
    for (const interval of intervals)
      if (interval.start < cut) interval.end = clip(interval.end, cut, interval.start);
  return intervals
    .filter((interval) => interval.end === null || interval.end > interval.start)
    .sort((a, b) => a.start - b.start || a.version - b.version);
}

/** Intervals less than `separationBreakHours` apart (or overlapping) joined into runs of consecutive days. */
export function separationRuns(state: StayState, rules: PrisonRules): SeparationRun[] {
  const runs: SeparationRun[] = [];
  for (const interval of separationIntervals(state, rules)) {
    const last = runs.at(-1);
    if (last && (last.end === null || interval.start - last.end < rules.separationBreakHours * HOUR_MS)) {
      last.intervals.push(interval);
      last.end = last.end === null || interval.end === null ? null : Math.max(last.end, interval.end);
      continue;
    }
    runs.push({
      firstVersion: interval.version,
      start: interval.start,
      end: interval.end,
      intervals: [interval],
    });
  }
  return runs;
}

/**
 * The day of a run reached at `now` while it lasts (day 1 starts with the run, day 16 fifteen days
 * later); once it has ended, or with `now` null, the days it lasted or is planned to last.
 */
export function runDays(run: Pick<SeparationRun, 'start' | 'end'>, now: number | null): number {
  if (now !== null && now >= run.start && (run.end === null || now < run.end))
    return Math.floor((now - run.start) / DAY_MS) + 1;
  const until = now === null ? run.end : run.end === null ? now : Math.min(now, run.end);
  if (until === null) return 0;
  return Math.max(1, Math.ceil((until - run.start) / DAY_MS));
}

/** The separation in progress at a moment (the run containing it), if any. */
export function runAt(state: StayState, rules: PrisonRules, at: number): SeparationRun | null {
  return (
    separationRuns(state, rules).find((run) => run.start <= at && (run.end === null || run.end > at)) ?? null
  );
}

/** Whether a separation (not merely a gap within a run) is in progress at a moment. */
export function separatedAt(state: StayState, rules: PrisonRules, at: number): boolean {
  return separationIntervals(state, rules).some(
    (interval) => interval.start <= at && (interval.end === null || interval.end > at),
  );
}

/** The end of the separation measure in progress at a moment (for a back-to-back start), if any. */
export function separationEndAfter(state: StayState, rules: PrisonRules, at: number): number | null {
  const run = runAt(state, rules, at);
  return run?.end ?? null;
}

export const isoOrNull = (millis: number | null): string | null => (millis === null ? null : iso(millis));
