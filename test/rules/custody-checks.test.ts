import { describe, expect, test } from 'vitest';
import {
  familyNotificationGap,
  interpreterNeeded,
  isForeignNational,
  isJuvenileAt,
  kzCalendarDate,
  recordCopyLanguage,
  recordGapExceeded,
} from '../../src/rules/custody-checks.js';
import { DEFAULT_CUSTODY_RULES } from '../../src/rules/custody-rules.js';

describe('custody checks', () => {
  test('kz.custody.limit: under 18 on the calendar date of apprehension in Kazakhstan', () => {
    // 18th birthday on 10 March 2026. 20:00 UTC on the 9th is already 01:00 on the 10th in Astana.
    expect(isJuvenileAt('2008-03-10', '2026-03-09T18:59:59.000Z')).toBe(true);
    expect(isJuvenileAt('2008-03-10', '2026-03-09T19:00:00.000Z')).toBe(false);
    expect(isJuvenileAt('2008-03-10', '2026-03-09T20:00:00.000Z')).toBe(false);
    expect(kzCalendarDate('2026-03-09T20:00:00.000Z')).toBe('2026-03-10');
    expect(isJuvenileAt('1988-04-17', '2026-03-10T06:00:00.000Z')).toBe(false);
  });

  test('kz.custody.limit: someone born on 29 February comes of age on 1 March in a common year', () => {
    expect(isJuvenileAt('2008-02-29', '2026-02-28T12:00:00.000Z')).toBe(true);
    expect(isJuvenileAt('2008-02-29', '2026-03-01T00:00:00.000Z')).toBe(false);
  });

  test('kz.custody.actual-time: a gap of more than 3 h between apprehension and record is exceeded', () => {
    const apprehended = '2026-03-10T06:00:00.000Z';
    expect(recordGapExceeded(apprehended, '2026-03-10T09:00:00.000Z', DEFAULT_CUSTODY_RULES)).toBe(false);
    expect(recordGapExceeded(apprehended, '2026-03-10T09:00:00.001Z', DEFAULT_CUSTODY_RULES)).toBe(true);
    expect(recordGapExceeded(apprehended, '2026-03-10T08:00:00.000Z', { actualTimeMaxGapHours: 1 })).toBe(
      true,
    );
  });

  test('kz.custody.family: notified names who was told; a delay names its reason and authoriser', () => {
    const entry = { contact: null, reason: null, authorisedBy: null };
    expect(familyNotificationGap({ ...entry, outcome: 'notified' })?.field).toBe('contact');
    expect(familyNotificationGap({ ...entry, outcome: 'notified', contact: 'brother' })).toBeNull();
    expect(familyNotificationGap({ ...entry, outcome: 'declined' })).toBeNull();
    expect(familyNotificationGap({ ...entry, outcome: 'delayed' })?.field).toBe('reason');
    expect(familyNotificationGap({ ...entry, outcome: 'delayed', reason: 'r' })?.field).toBe('authorisedBy');
    expect(
      familyNotificationGap({ ...entry, outcome: 'delayed', reason: 'r', authorisedBy: 'a' }),
    ).toBeNull();
  });

  test('intl.custody.consular: a foreign national has a known citizenship other than KZ', () => {
    expect(isForeignNational('UZ')).toBe(true);
    expect(isForeignNational('KZ')).toBe(false);
    expect(isForeignNational(null)).toBe(false);
  });

  test('intl.custody.interpreter: primary language subtags are compared; no languages on record means no judgement', () => {
    expect(interpreterNeeded('ru', ['uz'], null)).toBe(true);
    expect(interpreterNeeded('ru', ['uz'], 'Н. Юсупова')).toBe(false);
    expect(interpreterNeeded('uz-Cyrl', ['uz-Latn'], null)).toBe(false);
    expect(interpreterNeeded('KK', ['kk'], null)).toBe(false);
    expect(interpreterNeeded('ru', [], null)).toBe(false);
  });

  test('intl.custody.record-copy: the copy of the record is in a language the person reads, else the working language', () => {
    expect(recordCopyLanguage(['uz', 'kk-Cyrl'], ['kk', 'ru', 'en'], 'ru')).toBe('kk');
    expect(recordCopyLanguage(['en-GB'], ['kk', 'ru', 'en'], 'ru')).toBe('en');
    expect(recordCopyLanguage(['uz'], ['kk', 'ru', 'en'], 'ru')).toBe('ru');
    expect(recordCopyLanguage([], ['kk', 'ru', 'en'], 'ru')).toBe('ru');
  });
});
