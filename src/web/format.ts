import type { Lang } from './i18n.js';

/** A calendar date (YYYY-MM-DD) written out in the reader's language, e.g. "27 марта 1990 г.". */
export function formatDate(lang: Lang, isoDate: string): string {
  const time = Date.parse(`${isoDate}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate) || Number.isNaN(time)) return isoDate;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(time);
}

/** A moment (ISO 8601) in the reader's language, in UTC and saying so: the register stores UTC. */
export function formatTime(lang: Lang, isoTime: string): string {
  const time = Date.parse(isoTime);
  if (Number.isNaN(time)) return isoTime;
  return `${new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(time)} UTC`;
}
