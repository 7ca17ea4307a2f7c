import { separationIntervals, separationRuns, type SeparationRun } from '../domain/discipline/separation.js';
import { findingParams, type FindingParams } from '../domain/findings.js';
import type { PrisonFindingRecorded } from '../domain/prison/events.js';
import {
  addDays,
  DAY_MS,
  HOUR_MS,
  iso,
  itemsOf,
  kzCalendarDate,
  kzDayStart,
  ms,
  stayEndedAt,
} from '../domain/prison/facts.js';
import type { StayState } from '../domain/prison/state.js';
import { packOf, type PrisonRules } from '../rules/prison-rules.js';
import { clockAt } from './clock-at.js';
import type { Clock } from './types.js';

export { clockAt } from './clock-at.js';

/*
 * The clocks and daily checks of a stay in a remand centre or prison, derived from its state
 * alone (RULES.md "Prisons and remand centres"):
 *   kz.admission.medical          examined, with HIV and TB screening, within 24 h of each admission or transfer
 *   intl.custody.transfer-notice  the family told after every transfer
 *   intl.solitary.prolonged       day 16 of a run of consecutive days of separation
 * and, for every complete Kazakhstan calendar day of the stay,
 *   intl.exercise / kz.life.exercise      at least an hour outdoors (life-sentenced: kz as well)
 *   intl.solitary.health-visits           a visit by health staff on every day spent in separation
 * A finding's key names its clock or day, so each is recorded exactly once.
 */

interface ScheduledClock {
  clock: Clock;
  missed: string;
  params: FindingParams;
}

const hoursText = (hours: number): string => `${Number(hours.toFixed(2))} h`;

function ending(meets: number[], stops: number[]): Pick<Clock, 'outcome' | 'endedAt'> {
  const met = meets.length > 0 ? Math.min(...meets) : null;
  const stopped = stops.length > 0 ? Math.min(...stops) : null;
  if (met !== null && (stopped === null || met <= stopped)) return { outcome: 'met', endedAt: iso(met) };
  if (stopped !== null) return { outcome: 'stopped', endedAt: iso(stopped) };
  return { outcome: 'running', endedAt: null };
}

function schedule(state: StayState, rules: PrisonRules): ScheduledClock[] {
  const admitted = state.admitted;
  if (!admitted) return [];
  const scheduled: ScheduledClock[] = [];
  const add = (
    key: string,
    rule: string,
    startedAt: number,
    dueAt: number,
    end: Pick<Clock, 'outcome' | 'endedAt'>,
    missed: string,
    params: FindingParams,
  ) =>
    scheduled.push({
      clock: {
        key,
        rule,
        ...packOf(rules, rule),
        kind: 'flag',
        startedAt: iso(startedAt),
        dueAt: iso(dueAt),
        ...end,
      },
      missed,
      params,
    });
  const endOfStay = stayEndedAt(state);
  const stops = endOfStay === null ? [] : [endOfStay];

  // kz.admission.medical: each admission or transfer in, met by an examination that records both screenings.
  const screened = itemsOf(state, 'medical-examined')
    .filter(
      (item) =>
        item.event.payload.hivScreening !== 'not-done' && item.event.payload.tbScreening !== 'not-done',
    )
    .map((item) => ms(item.event.payload.at));
  const arrivals = [
    {
      version: state.timeline.find((item) => item.seq === admitted.seq)?.version ?? 0,
      at: ms(admitted.admittedAt),
      what: 'admission' as const,
    },
    ...itemsOf(state, 'transferred').map((item) => ({
      version: item.version,
      at: ms(item.event.payload.at),
      what: 'transfer' as const,
    })),
  ];
  for (const arrival of arrivals) {
    const hours = rules.admissionMedicalHours;
    add(
      `kz.admission.medical@v${arrival.version}`,
      'kz.admission.medical',
      arrival.at,
      arrival.at + hours * HOUR_MS,
      ending(
        screened.filter((at) => at >= arrival.at),
        stops,
      ),
      `no medical examination with HIV and TB screening within ${hoursText(hours)} of the ${arrival.what} at ${iso(arrival.at)}`,
      findingParams('kz.admission.medical', { hours, arrival: arrival.what, arrivedAt: iso(arrival.at) }),
    );
  }

  // intl.custody.transfer-notice: a notice recorded after the transfer tells the family of it.
  const notices = itemsOf(state, 'family-notified');
  for (const transfer of itemsOf(state, 'transferred')) {
    const at = ms(transfer.event.payload.at);
    const answers = notices
      .filter((notice) => notice.version > transfer.version && ms(notice.event.payload.at) >= at)
      .map((notice) => ms(notice.event.payload.at));
    add(
      `intl.custody.transfer-notice@v${transfer.version}`,
      'intl.custody.transfer-notice',
      at,
      at + rules.transferNoticeHours * HOUR_MS,
      ending(answers, []),
      `family not notified within ${hoursText(rules.transferNoticeHours)} of the transfer at ${iso(at)}`,
      findingParams('intl.custody.transfer-notice', {
        hours: rules.transferNoticeHours,
        transferredAt: iso(at),
      }),
    );
  }

  // intl.solitary.prolonged: day 16 of consecutive separation; a run that ends by then stops it.
  const recorded = recordedKeys(state);
  for (const run of separationRuns(state, rules)) {
    const due = run.start + rules.prolongedDays * DAY_MS;
    add(
      runProlongedKey(run, recorded),
      'intl.solitary.prolonged',
      run.start,
      due,
      run.end !== null && run.end <= due
        ? { outcome: 'stopped', endedAt: iso(run.end) }
        : { outcome: 'running', endedAt: null },
      `more than ${rules.prolongedDays} consecutive days in separation since ${iso(run.start)} (SMR 43-44: prolonged solitary confinement)`,
      findingParams('intl.solitary.prolonged', { limitDays: rules.prolongedDays, since: iso(run.start) }),
    );
  }
  return scheduled;
}

/** The key of the prolonged-solitary finding of a run, by the stream version of its first placement. */
export const prolongedKey = (firstVersion: number): string => `intl.solitary.prolonged@v${firstVersion}`;

/**
 * The key of a run's prolonged-solitary finding: the one already recorded for any of its
 * placements, else its first placement's. A run flagged once stays flagged when a placement
 * recorded later joins it in front (its first version changes, its finding does not).
 */
export function runProlongedKey(run: SeparationRun, recorded: ReadonlySet<string>): string {
  const flagged = run.intervals
    .map((interval) => prolongedKey(interval.version))
    .find((key) => recorded.has(key));
  return flagged ?? prolongedKey(run.firstVersion);
}

/** The keys of the findings a stay has recorded. */
export const recordedKeys = (state: StayState): Set<string> =>
  new Set(state.findings.map(({ finding: recordedFinding }) => recordedFinding.key));

/** The clocks of a stay, derived from its state. */
export function prisonClocks(state: StayState, rules: PrisonRules): Clock[] {
  return schedule(state, rules).map(({ clock }) => clock);
}

/** The complete calendar days of the stay checked day by day, up to the day before `now`. */
function checkedDays(state: StayState, now: number): string[] {
  const admitted = state.admitted;
  if (!admitted) return [];
  // The day of admission is partial: checks start the next day and stop before the day the stay ended.
  const first = addDays(kzCalendarDate(admitted.admittedAt), 1);
  const endOfStay = stayEndedAt(state);
  const today = kzCalendarDate(iso(now));
  const last =
    endOfStay === null ? addDays(today, -1) : addDays(kzCalendarDate(iso(Math.min(endOfStay, now))), -1);
  const days: string[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}

function finding(
  rules: PrisonRules,
  key: string,
  rule: string,
  at: number,
  detail: string,
  params: FindingParams,
): PrisonFindingRecorded {
  return {
    type: 'finding-recorded',
    payload: { key, rule, kind: 'flag', at: iso(at), detail, params, ...packOf(rules, rule) },
  };
}

/** The day-by-day findings due at `now` (exercise, health visits in separation), whatever was recorded. */
function dailyFindings(state: StayState, rules: PrisonRules, now: number): PrisonFindingRecorded[] {
  const admitted = state.admitted;
  if (!admitted) return [];
  const minutes = new Map<string, number>(Object.entries(state.exercise ?? {}));
  const visits = itemsOf(state, 'health-visit').map((item) => ms(item.event.payload.at));
  const intervals = separationIntervals(state, rules);
  const found: PrisonFindingRecorded[] = [];
  for (const day of checkedDays(state, now)) {
    const start = kzDayStart(day);
    const end = start + DAY_MS;
    const outdoors = minutes.get(day) ?? 0;
    if (outdoors < rules.exerciseMinutes)
      found.push(
        finding(
          rules,
          `intl.exercise@${day}`,
          'intl.exercise',
          end,
          `${outdoors} min of open-air exercise on ${day} (at least ${rules.exerciseMinutes} min a day)`,
          findingParams('intl.exercise', {
            date: day,
            minutes: outdoors,
            requiredMinutes: rules.exerciseMinutes,
          }),
        ),
      );
    if (admitted.lifeSentence && outdoors < rules.lifeExerciseMinutes)
      found.push(
        finding(
          rules,
          `kz.life.exercise@${day}`,
          'kz.life.exercise',
          end,
          `life-sentenced prisoner had ${outdoors} min outdoors on ${day} (at least ${rules.lifeExerciseMinutes} min a day)`,
          findingParams('kz.life.exercise', {
            date: day,
            minutes: outdoors,
            requiredMinutes: rules.lifeExerciseMinutes,
          }),
        ),
      );
    const separated = intervals.some(
      (interval) => interval.start < end && (interval.end === null || interval.end > start),
    );
    if (separated && !visits.some((at) => at >= start && at < end))
      found.push(
        finding(
          rules,
          `intl.solitary.health-visits@${day}`,
          'intl.solitary.health-visits',
          end,
          `no visit by health staff on ${day}, a day in separation`,
          findingParams('intl.solitary.health-visits', { date: day }),
        ),
      );
  }
  return found;
}

/**
 * The findings due at `now`, each once: the clocks whose due time passed before they ended, and
 * the complete days that missed their exercise or health visit, ordered by time then key.
 */
export function dueStayFindings(
  state: StayState,
  rules: PrisonRules,
  now: Date | string | number,
): PrisonFindingRecorded[] {
  const nowMs = typeof now === 'number' ? now : typeof now === 'string' ? ms(now) : now.getTime();
  const recorded = new Set(state.findings.map(({ finding: recordedFinding }) => recordedFinding.key));
  const fromClocks = schedule(state, rules)
    .filter(({ clock }) => !recorded.has(clock.key) && clockAt(clock, iso(nowMs)).state === 'breached')
    .map(({ clock, missed, params }) =>
      finding(rules, clock.key, clock.rule, ms(clock.dueAt), missed, params),
    );
  const fromDays = dailyFindings(state, rules, nowMs).filter((day) => !recorded.has(day.payload.key));
  return [...fromClocks, ...fromDays].sort(
    (a, b) =>
      ms(a.payload.at) - ms(b.payload.at) ||
      (a.payload.key < b.payload.key ? -1 : a.payload.key > b.payload.key ? 1 : 0),
  );
}

/**
 * When the scheduler should look at the stay next, seen from `now`: the earliest clock that can
 * still fire, and — while the person is held — the end of the current day (exercise, health visits).
 */
export function nextStayCheck(
  state: StayState,
  rules: PrisonRules,
  now: Date | string | number,
): string | null {
  const nowMs = typeof now === 'number' ? now : typeof now === 'string' ? ms(now) : now.getTime();
  if (!state.admitted) return null;
  const recorded = new Set(state.findings.map(({ finding: recordedFinding }) => recordedFinding.key));
  const candidates = prisonClocks(state, rules)
    .filter((clock) => clock.outcome === 'running' && !recorded.has(clock.key))
    .map((clock) => ms(clock.dueAt));
  // A complete day not yet checked (whatever the status) is due now, not at the coming midnight.
  if (dailyFindings(state, rules, nowMs).some((day) => !recorded.has(day.payload.key)))
    candidates.push(nowMs);
  if (state.status === 'held') candidates.push(kzDayStart(addDays(kzCalendarDate(iso(nowMs)), 1)));
  return candidates.length > 0 ? iso(Math.min(...candidates)) : null;
}
