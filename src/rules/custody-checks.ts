import { reason, type RefusalReason } from '../domain/refusals.js';
import type { CustodyRules } from './custody-rules.js';
import { KZ_AGE_OF_MAJORITY_YEARS, KZ_COUNTRY_CODE, KZ_UTC_OFFSET_MINUTES } from './kz/custody.js';

/*
 * Pure checks of the custody rules, each named after the RULES.md id it implements. Times are
 * ISO 8601 strings (UTC as stored); dates are YYYY-MM-DD.
 */

const HOUR_MS = 3_600_000;

/** The calendar date (YYYY-MM-DD) in Kazakhstan at a moment: national law counts days on its clock. */
export function kzCalendarDate(at: string): string {
  return new Date(Date.parse(at) + KZ_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

/**
 * kz.custody.limit: under 18 on the calendar date of apprehension in Kazakhstan. The 18th
 * birthday is the day the person is no longer a juvenile; for someone born on 29 February it is
 * 1 March in a common year (the date comparison gives that on its own).
 */
export function isJuvenileAt(birthDate: string, apprehendedAt: string): boolean {
  const year = Number(birthDate.slice(0, 4)) + KZ_AGE_OF_MAJORITY_YEARS;
  const eighteenthBirthday = `${String(year).padStart(4, '0')}${birthDate.slice(4)}`;
  return kzCalendarDate(apprehendedAt) < eighteenthBirthday;
}

/** kz.custody.limit: the hours of police custody allowed without court approval. */
export function custodyLimitHours(rules: CustodyRules, juvenile: boolean): number {
  return juvenile ? rules.limitJuvenileHours : rules.limitAdultHours;
}

/** Hours between two moments (may be negative). */
export function hoursBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / HOUR_MS;
}

/** kz.custody.actual-time: the record was drawn up more than the allowed gap after the apprehension. */
export function recordGapExceeded(
  apprehendedAt: string,
  recordedAt: string,
  rules: Pick<CustodyRules, 'actualTimeMaxGapHours'>,
): boolean {
  return hoursBetween(apprehendedAt, recordedAt) > rules.actualTimeMaxGapHours;
}

/** intl.custody.consular: citizenship known and not the State's own (a stateless person has no consulate). */
export function isForeignNational(citizenship: string | null | undefined): boolean {
  return (
    typeof citizenship === 'string' && citizenship.length > 0 && citizenship.toUpperCase() !== KZ_COUNTRY_CODE
  );
}

/** The primary language subtag of a BCP 47 tag, lower case (`uz-Cyrl` → `uz`). */
export function primaryLanguage(tag: string): string {
  return (tag.split('-')[0] ?? '').toLowerCase();
}

/**
 * intl.custody.interpreter: rights were explained in a language the person does not understand
 * and no interpreter is named. Languages match on their primary subtag (`uz-Cyrl` is `uz`). With
 * no languages on record the system cannot judge, and says nothing.
 */
export function interpreterNeeded(
  rightsLanguage: string,
  personLanguages: readonly string[],
  interpreter: string | null | undefined,
): boolean {
  if (personLanguages.length === 0) return false;
  if (typeof interpreter === 'string' && interpreter.trim().length > 0) return false;
  const spoken = primaryLanguage(rightsLanguage);
  return !personLanguages.some((language) => primaryLanguage(language) === spoken);
}

/**
 * kz.custody.family: what an entry about notifying the family lacks, if anything. Notified needs
 * who was told; a delay needs its reason and who authorised it (denial is a criminal offence).
 */
export function familyNotificationGap(entry: {
  outcome: 'notified' | 'declined' | 'delayed';
  contact: string | null;
  reason: string | null;
  authorisedBy: string | null;
}): { field: 'contact' | 'reason' | 'authorisedBy'; detail: string; reason: RefusalReason } | null {
  if (entry.outcome === 'notified' && !entry.contact)
    return {
      field: 'contact',
      detail: 'say who in the family was told (e.g. "mother, by phone")',
      reason: reason('family.contact', {}),
    };
  if (entry.outcome === 'delayed' && !entry.reason)
    return {
      field: 'reason',
      detail: 'a delay in notifying the family needs its reason',
      reason: reason('family.delay-reason', {}),
    };
  if (entry.outcome === 'delayed' && !entry.authorisedBy)
    return {
      field: 'authorisedBy',
      detail: 'a delay in notifying the family needs the official who authorised it',
      reason: reason('family.delay-authoriser', {}),
    };
  return null;
}

/**
 * intl.custody.record-copy: the language of the copy of the custody record given to the detainee
 * or their counsel: the first of the person's languages that the record can be printed in,
 * otherwise `fallback` (the institutions' working language).
 */
export function recordCopyLanguage(
  personLanguages: readonly string[],
  available: readonly string[],
  fallback: string,
): string {
  for (const language of personLanguages) {
    const match = available.find((candidate) => primaryLanguage(candidate) === primaryLanguage(language));
    if (match) return match;
  }
  return fallback;
}
