import type { Lang } from './i18n.js';

/*
 * Times on the custody pages. The register stores UTC (DESIGN.md "Interfaces"); officers state
 * and read times on the wall clock of the custody unit. A form sends the wall-clock time of a
 * `datetime-local` input and a UTC offset; the pages show times at that offset and say which.
 */

/** Kazakhstan keeps one time zone, UTC+05:00, since 1 March 2024: the default offset of every form. */
export const DEFAULT_OFFSET = '+05:00';

const OFFSET_PATTERN = /^([+-])(\d{2}):(\d{2})$/;

/** Offsets offered beside a time: the whole hours, and the half and quarter hours of the region. */
export const OFFSETS: readonly string[] = [
  ...Array.from({ length: 27 }, (_, index) => index - 12).map((hours) => offsetText(hours * 60)),
  '+03:30',
  '+04:30',
  '+05:30',
  '+05:45',
  '+06:30',
].sort((a, b) => offsetMinutes(a) - offsetMinutes(b));

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
}

/** Minutes east of UTC of `+05:00`-style text; NaN when it is not one. */
export function offsetMinutes(offset: string): number {
  const match = OFFSET_PATTERN.exec(offset);
  if (!match) return Number.NaN;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

export function isOffset(value: string): boolean {
  return OFFSETS.includes(value);
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;

/**
 * A `datetime-local` value at a UTC offset as an ISO 8601 UTC moment: '' when the input is empty,
 * null when it is not a real wall-clock time (31 February, 25:00, an offset not on the list).
 */
export function momentFromLocal(local: string, offset: string): string | null {
  const text = local.trim();
  if (text === '') return '';
  const match = LOCAL_PATTERN.exec(text);
  if (!match || !isOffset(offset)) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? '0')) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (
    year < 1900 ||
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    return null;
  return new Date(wall - offsetMinutes(offset) * 60_000).toISOString();
}

/** The `datetime-local` value (to the minute) of a UTC moment at an offset: to prefill a form. */
export function localFromMoment(iso: string, offset: string = DEFAULT_OFFSET): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  return new Date(time + offsetMinutes(offset) * 60_000).toISOString().slice(0, 16);
}

/** A moment in the reader's language at the custody unit's offset, saying which: "27 ноября 2025 г., 15:04 (UTC+05:00)". */
export function formatMoment(lang: Lang, iso: string, offset: string = DEFAULT_OFFSET): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const shifted = time + offsetMinutes(offset) * 60_000;
  const text = new Intl.DateTimeFormat(lang, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
    hourCycle: 'h23',
  }).format(shifted);
  return `${text} (UTC${offset})`;
}

/** From this length on a countdown shows days: "29 d 23:59:59" rather than "719:59:59". */
export const COUNTDOWN_DAYS_FROM_MS = 72 * 3_600_000;

/**
 * A length of time as hours, minutes and seconds, `47:59:59`, and from 72 hours on with whole days
 * first, `29 d 23:59:59` (`dayUnit` is the reader's word for days, `clock.dayUnit`): what
 * public/custody.js writes every second (keep the two in step). The days, their unit and the time
 * are joined by no-break spaces: a narrow card never breaks "6 d" away from its clock.
 */
export function formatCountdown(milliseconds: number, dayUnit = 'd'): string {
  const total = Math.floor(Math.abs(milliseconds) / 1000);
  const days = total * 1000 >= COUNTDOWN_DAYS_FROM_MS ? Math.floor(total / 86_400) : 0;
  const hours = Math.floor((total - days * 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const time = `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  return days > 0 ? `${days}\u00a0${dayUnit}\u00a0${time}` : time;
}
