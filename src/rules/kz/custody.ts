import type { RuleDefinition } from '../types.js';

/*
 * The `kz` pack's police-custody rules (RULES.md "Police custody"): national law as the
 * delegation described it (seed ¶6, ¶7, ¶57). Numbers the seed states are fixed; numbers RULES.md
 * marks *(default, configurable)* may be overridden in habeas.json (src/rules/custody-rules.ts).
 */

/** The State whose law the `kz` pack holds (ISO 3166-1 alpha-2): any other citizenship is foreign (intl.custody.consular). */
export const KZ_COUNTRY_CODE = 'KZ';

/**
 * Kazakhstan's civil time. The whole country has kept one zone, UTC+05:00, since 1 March 2024
 * (before that the east used +06:00). It has no daylight saving time. Calendar questions of
 * national law ("under 18 at arrest", kz.custody.limit) are answered on this clock, not in UTC.
 */
export const KZ_UTC_OFFSET = '+05:00';
export const KZ_UTC_OFFSET_MINUTES = 5 * 60;

/** Age of majority: a person under 18 at arrest is a juvenile (kz.custody.limit). */
export const KZ_AGE_OF_MAJORITY_YEARS = 18;

const fixedHours = (value: number) => ({ value, unit: 'hours', configurable: false }) as const;
const defaultHours = (value: number) => ({ value, unit: 'hours', configurable: true }) as const;
const fixedPercent = <Value extends number>(value: Value) =>
  ({ value, unit: 'percent', configurable: false }) as const;

export const KZ_CUSTODY_RULES = {
  'kz.custody.limit': {
    id: 'kz.custody.limit',
    pack: 'kz',
    source: 'seed ¶7',
    summary:
      'Police custody without court approval ends within 48 h for an adult and 24 h for a juvenile (under 18 at arrest).',
    kind: 'breach',
    parameters: {
      adultHours: fixedHours(48),
      juvenileHours: fixedHours(24),
      // The warnings shown while the limit runs (issue 3); ClockWarning fixes them at 75 and 90.
      firstWarningPercent: fixedPercent(75),
      secondWarningPercent: fixedPercent(90),
    },
  },
  'kz.custody.actual-time': {
    id: 'kz.custody.actual-time',
    pack: 'kz',
    source: 'seed ¶7, BoP 12',
    summary:
      'The actual moment of apprehension and the moment the record was drawn up are both kept; corrections are new events and originals remain.',
    kind: 'flag',
    parameters: { maxGapHours: defaultHours(3) },
  },
  'kz.custody.rights': {
    id: 'kz.custody.rights',
    pack: 'kz',
    source: 'seed ¶7, SMR 54-55',
    summary:
      'Rights are explained to the arrested person, in a language they understand, before the first interview.',
    kind: 'flag',
    parameters: { hours: defaultHours(1) },
  },
  'kz.custody.counsel': {
    id: 'kz.custody.counsel',
    pack: 'kz',
    source: 'seed ¶7',
    summary: 'Access to counsel from arrest; requests and the time counsel arrived are recorded.',
    kind: 'flag',
    parameters: { hours: defaultHours(3) },
  },
  'kz.custody.medical': {
    id: 'kz.custody.medical',
    pack: 'kz',
    source: 'seed ¶7, BoP 24',
    summary: 'Arrested persons undergo a medical examination on admission to custody.',
    kind: 'flag',
    parameters: { hours: defaultHours(6) },
  },
  'kz.custody.family': {
    id: 'kz.custody.family',
    pack: 'kz',
    source: 'seed ¶7, BoP 16',
    summary:
      'The family is informed of the whereabouts promptly; any delay needs a reason and an authoriser; denial is a criminal offence.',
    kind: 'flag',
    parameters: { hours: defaultHours(3) },
  },
  'kz.custody.injury-log': {
    id: 'kz.custody.injury-log',
    pack: 'kz',
    source: 'seed ¶57',
    summary:
      'Custody units log detainees who arrive with injuries; an injury entry opens a medical referral.',
    kind: 'record',
    parameters: {},
  },
  'kz.custody.deposition': {
    id: 'kz.custody.deposition',
    pack: 'kz',
    source: 'seed ¶6',
    summary:
      'Out-of-court deposition of testimony, protection orders and suspension of officials are decided by a judge within 24 h.',
    kind: 'breach',
    parameters: { hours: fixedHours(24) },
  },
  'kz.custody.interview': {
    id: 'kz.custody.interview',
    pack: 'kz',
    source: 'seed ¶7, ¶39',
    summary:
      'Rights are explained and requested counsel is present before an interview of a detained suspect; interviews are video-recorded. An interview before either, or without a recording, is recorded and flagged.',
    kind: 'flag',
    parameters: {},
  },
} as const satisfies Record<string, RuleDefinition>;

export type KzCustodyRuleId = keyof typeof KZ_CUSTODY_RULES;
