import { isJuvenileAt, kzCalendarDate } from '../../rules/custody-checks.js';
import { KZ_UTC_OFFSET } from '../../rules/kz/custody.js';
import type { PrisonEvent, VulnerabilityKind } from './events.js';
import type { StayItem, StayState } from './state.js';

/*
 * What a stay's record says at a moment: pure queries over the folded state, shared by the
 * deciders (prison, discipline) and the clocks. Days are Kazakhstan calendar days (+05:00).
 */

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const ms = (iso: string): number => Date.parse(iso);
export const iso = (millis: number): string => new Date(millis).toISOString();

export { kzCalendarDate };

/** The moment a Kazakhstan calendar day begins (00:00 +05:00), as epoch milliseconds. */
export function kzDayStart(date: string): number {
  return Date.parse(`${date}T00:00:00${KZ_UTC_OFFSET}`);
}

/** The calendar date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The date `months` calendar months after `date`, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Whole days from one date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function itemsOf<Type extends PrisonEvent['type']>(
  state: StayState,
  type: Type,
): (StayItem & { event: Extract<PrisonEvent, { type: Type }> })[] {
  return state.timeline.filter(
    (item): item is StayItem & { event: Extract<PrisonEvent, { type: Type }> } => item.event.type === type,
  );
}

/** The vulnerabilities in force on a date: `from` ≤ date ≤ `to`, and not ended on or before it. */
export function vulnerabilitiesOn(
  state: StayState,
  date: string,
): { kind: VulnerabilityKind; worsenedBySeparation: boolean }[] {
  const ended = itemsOf(state, 'vulnerability-ended').map((item) => item.event.payload);
  const found: { kind: VulnerabilityKind; worsenedBySeparation: boolean }[] = [];
  for (const { event } of itemsOf(state, 'vulnerability-recorded')) {
    const { kind, from, to, worsenedBySeparation } = event.payload;
    if (date < from || (to !== null && date > to)) continue;
    if (ended.some((end) => end.kind === kind && end.on >= from && end.on <= date)) continue;
    found.push({ kind, worsenedBySeparation });
  }
  return found;
}

/** Under 18 on the date (from the register's birth date), or recorded as a juvenile. */
export function juvenileOn(state: StayState, date: string): boolean {
  const admitted = state.admitted;
  if (admitted && isJuvenileAt(admitted.birthDate, `${date}T12:00:00${KZ_UTC_OFFSET}`)) return true;
  return vulnerabilitiesOn(state, date).some((vulnerability) => vulnerability.kind === 'juvenile');
}

/** The moment the stay ended (release or death), if it has. */
export function stayEndedAt(state: StayState): number | null {
  const ends = state.timeline
    .filter((item) => item.event.type === 'released' || item.event.type === 'died')
    .map((item) => ms((item.event.payload as { at: string }).at));
  return ends.length > 0 ? Math.min(...ends) : null;
}

/** Medical examinations, with their stated moments. */
export function examinationTimes(state: StayState): number[] {
  return itemsOf(state, 'medical-examined').map((item) => ms(item.event.payload.at));
}

/**
 * The doctors' verdicts on fitness for separation (kz.discipline.medical-before), with their
 * stated moments, earliest first: recorded by the doctor's own examination before separation.
 */
export function fitnessVerdicts(state: StayState): { at: number; fitness: 'fit' | 'unfit' }[] {
  return itemsOf(state, 'medical-examined')
    .flatMap((item) =>
      item.event.payload.fitness === undefined
        ? []
        : [{ at: ms(item.event.payload.at), fitness: item.event.payload.fitness }],
    )
    .sort((a, b) => a.at - b.at);
}
