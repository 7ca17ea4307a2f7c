import type { RuleDefinition } from '../types.js';

/*
 * The `kz` pack's prison and remand-centre rules (RULES.md "Prisons and remand centres"; seed ¶17,
 * ¶18, ¶20, ¶25): national law as the delegation described it. The numbers the seed states are
 * fixed; those RULES.md marks *(default)* may be overridden in habeas.json (src/rules/prison-rules.ts).
 */

const fixed = (value: number, unit: 'hours' | 'days' | 'months' | 'minutes') =>
  ({ value, unit, configurable: false }) as const;
const configurable = (value: number, unit: 'hours' | 'days') =>
  ({ value, unit, configurable: true }) as const;

/**
 * kz.discipline.measures: the closed list of disciplinary measures (seed ¶17). `dormitory-removal`
 * and `leave-removal` exist only in open prisons; `strict-conditions` (no calls or visits) only
 * for persistent offenders.
 */
export const KZ_DISCIPLINE_MEASURES = [
  'warning',
  'reprimand',
  'punishment-block',
  'solitary',
  'dormitory-removal',
  'leave-removal',
  'strict-conditions',
] as const;
export type DisciplineMeasure = (typeof KZ_DISCIPLINE_MEASURES)[number];

/** Measures that place the person apart from others (a punishment block or solitary confinement). */
export const SEPARATION_MEASURES: readonly DisciplineMeasure[] = ['punishment-block', 'solitary'];
/** Measures only open prisons have (seed ¶17). */
export const OPEN_PRISON_MEASURES: readonly DisciplineMeasure[] = ['dormitory-removal', 'leave-removal'];

/** kz.incentives: the closed list of rewards (seed ¶17). */
export const KZ_INCENTIVES = [
  'commendation',
  'gift',
  'prize',
  'extra-purchases',
  'early-lifting',
  'extra-visits',
  'extra-parcels',
] as const;
export type Incentive = (typeof KZ_INCENTIVES)[number];

export const KZ_PRISON_RULES = {
  'kz.admission.medical': {
    id: 'kz.admission.medical',
    pack: 'kz',
    source: 'seed ¶25',
    summary:
      'Every newly admitted or transferred prisoner is medically examined; HIV and TB screening are mandatory; any sign of bodily harm is noted in the examination report.',
    kind: 'flag',
    parameters: { hours: configurable(24, 'hours') },
  },
  'kz.discipline.punishment-block': {
    id: 'kz.discipline.punishment-block',
    pack: 'kz',
    source: 'seed ¶17',
    summary: 'Placement in a punishment block lasts at most 15 days.',
    kind: 'refuse',
    parameters: { maxDays: fixed(15, 'days') },
  },
  'kz.discipline.solitary': {
    id: 'kz.discipline.solitary',
    pack: 'kz',
    source: 'seed ¶17',
    summary: 'Solitary confinement lasts at most 4 months.',
    kind: 'refuse',
    // Four calendar months from the first day of the placement, counted in Kazakhstan.
    parameters: { maxMonths: fixed(4, 'months') },
  },
  'kz.discipline.solitary-prior': {
    id: 'kz.discipline.solitary-prior',
    pack: 'kz',
    source: 'seed ¶17',
    summary: 'Only prisoners previously placed in a punishment block may be placed in solitary confinement.',
    kind: 'refuse',
    parameters: {},
  },
  'kz.discipline.medical-before': {
    id: 'kz.discipline.medical-before',
    pack: 'kz',
    source: 'seed ¶17',
    summary: 'A medical examination precedes placement in a punishment block or solitary confinement.',
    kind: 'refuse',
    parameters: { hours: configurable(24, 'hours') },
  },
  'kz.discipline.exempt': {
    id: 'kz.discipline.exempt',
    pack: 'kz',
    source: 'seed ¶17',
    summary:
      'Never in a punishment block or solitary: minors; women with infants living with them in the facility; women released from work owing to pregnancy or childbirth (a pregnant woman included).',
    kind: 'refuse',
    parameters: {},
  },
  'kz.discipline.measures': {
    id: 'kz.discipline.measures',
    pack: 'kz',
    source: 'seed ¶17',
    summary:
      'Measures: warning, reprimand, punishment block, solitary; in open prisons removal of dormitory accommodation or of leave; strict conditions for persistent offenders.',
    kind: 'record',
    parameters: {},
  },
  'kz.incentives': {
    id: 'kz.incentives',
    pack: 'kz',
    source: 'seed ¶17',
    summary:
      'Rewards: commendation, gift, prize, extra purchases, early lifting of a disciplinary measure, extra visits, extra parcels.',
    kind: 'record',
    parameters: {},
  },
  'kz.life.exercise': {
    id: 'kz.life.exercise',
    pack: 'kz',
    source: 'seed ¶18',
    summary: 'Life-sentenced prisoners get at least an hour of outdoor exercise a day.',
    kind: 'flag',
    parameters: { minutes: fixed(60, 'minutes') },
  },
  'kz.cctv.women': {
    id: 'kz.cctv.women',
    pack: 'kz',
    source: 'seed ¶20',
    summary: "In women's prisons, camera footage is viewed only by female officials.",
    // Enforced by access control (`cctv.view` in src/access/policy.ts), not by a decider.
    kind: 'refuse',
    parameters: {},
  },
} as const satisfies Record<string, RuleDefinition>;

export type KzPrisonRuleId = keyof typeof KZ_PRISON_RULES;
