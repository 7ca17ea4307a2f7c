import {
  APPEAL_OUTCOMES,
  EXAMINATION_PURPOSES,
  FAMILY_MEANS,
  PRISON_EVENT_TYPES,
  SCREENING_OUTCOMES,
  SEARCH_KINDS,
  TRANSFER_REASONS,
  VULNERABILITY_KINDS,
} from '../domain/prison/events.js';
import type { StayStatus } from '../domain/prison/state.js';
import { KZ_DISCIPLINE_MEASURES, KZ_INCENTIVES } from '../rules/kz/prison.js';
import type { RegimeView } from '../app/prison-views.js';
import type { MessageKey, Translator } from './i18n.js';

/*
 * The words of the prison pages for the register's codes (src/domain/prison/events.ts and the
 * closed lists of src/rules/kz/prison.ts): rule ids, event types, regimes, measures, incentives,
 * vulnerabilities and the other closed lists. As in custody-labels.ts, a code the pages do not
 * know yet is shown as it is rather than hidden. Everything here is plain text (for attributes
 * and `safe` content).
 */

/** The rules of RULES.md "Prisons and remand centres" and the reprisal watch that the prison pages name. */
export const PRISON_RULES = [
  'kz.admission.medical',
  'kz.discipline.punishment-block',
  'kz.discipline.solitary',
  'kz.discipline.solitary-prior',
  'kz.discipline.medical-before',
  'kz.discipline.exempt',
  'kz.discipline.measures',
  'kz.incentives',
  'kz.life.exercise',
  'kz.complaint.reprisal',
  'intl.solitary.definition',
  'intl.solitary.prolonged',
  'intl.solitary.exempt',
  'intl.solitary.health-visits',
  'intl.exercise',
  'intl.search.women',
  'intl.sanction.prohibited',
] as const;
export type PrisonRule = (typeof PRISON_RULES)[number];

/** The rules whose findings a stay can carry (the filter of the prison findings page). */
export const PRISON_FINDING_RULES = [
  'kz.admission.medical',
  'kz.life.exercise',
  'intl.solitary.definition',
  'intl.solitary.prolonged',
  'intl.solitary.exempt',
  'intl.solitary.health-visits',
  'intl.exercise',
  'intl.search.women',
  'intl.custody.transfer-notice',
  'intl.register.minimum',
] as const;

const known = <Value extends string>(list: readonly Value[], value: string): value is Value =>
  (list as readonly string[]).includes(value);

export const isPrisonRule = (rule: string): rule is PrisonRule => known(PRISON_RULES, rule);

export function prisonRuleName(tr: Translator, rule: string): string {
  return isPrisonRule(rule) ? tr.attr(`rule.${rule}`) : rule;
}

/** The national rules that refuse a disciplinary decision, each with what the form says about it. */
export const REFUSING_RULES = [
  'kz.discipline.punishment-block',
  'kz.discipline.solitary',
  'kz.discipline.solitary-prior',
  'kz.discipline.medical-before',
  'kz.discipline.exempt',
  'kz.discipline.measures',
  'intl.sanction.prohibited',
] as const;
export type RefusingRule = (typeof REFUSING_RULES)[number];
export const isRefusingRule = (rule: string): rule is RefusingRule => known(REFUSING_RULES, rule);

/** The international rules a lawful decision may be flagged by. */
export const FLAGGING_RULES = [
  'intl.solitary.prolonged',
  'intl.solitary.exempt',
  'intl.solitary.definition',
  'intl.solitary.health-visits',
] as const;
export type FlaggingRule = (typeof FLAGGING_RULES)[number];

/**
 * Why a rule refuses or flags a decision, in the reader's language, with the numbers in force
 * (src/rules/prison-rules.ts): the discipline form's explanation before submission.
 */
export function ruleExplanation(
  tr: Translator,
  rule: string,
  numbers: {
    punishmentBlockMaxDays: number;
    solitaryMaxMonths: number;
    medicalBeforeHours: number;
    prolongedDays: number;
  },
): string {
  switch (rule) {
    case 'kz.discipline.punishment-block':
      return tr.attr('discipline.explain.kz.discipline.punishment-block', {
        days: numbers.punishmentBlockMaxDays,
      });
    case 'kz.discipline.solitary':
      return tr.attr('discipline.explain.kz.discipline.solitary', { months: numbers.solitaryMaxMonths });
    case 'kz.discipline.medical-before':
      return tr.attr('discipline.explain.kz.discipline.medical-before', {
        hours: numbers.medicalBeforeHours,
      });
    case 'intl.solitary.prolonged':
      return tr.attr('discipline.explain.intl.solitary.prolonged', {
        days: numbers.prolongedDays,
        months: numbers.solitaryMaxMonths,
      });
    case 'kz.discipline.solitary-prior':
    case 'kz.discipline.exempt':
    case 'kz.discipline.measures':
    case 'intl.sanction.prohibited':
    case 'intl.solitary.exempt':
    case 'intl.solitary.definition':
    case 'intl.solitary.health-visits':
      return tr.attr(`discipline.explain.${rule}`);
    default:
      return '';
  }
}

export function stayEventName(tr: Translator, type: string): string {
  return known(PRISON_EVENT_TYPES, type) ? tr.attr(`prison.event.${type}`) : type;
}

export function measureName(tr: Translator, measure: string): string {
  return known(KZ_DISCIPLINE_MEASURES, measure) ? tr.attr(`prison.measure.${measure}`) : measure;
}

export function incentiveName(tr: Translator, incentive: string): string {
  return known(KZ_INCENTIVES, incentive) ? tr.attr(`prison.incentive.${incentive}`) : incentive;
}

export function vulnerabilityName(tr: Translator, kind: string): string {
  return known(VULNERABILITY_KINDS, kind) ? tr.attr(`prison.vulnerability.${kind}`) : kind;
}

export const REGIME_KINDS = ['general', 'punishment-block', 'solitary', 'separation'] as const;

export function regimeName(tr: Translator, kind: RegimeView['kind'] | string): string {
  return known(REGIME_KINDS, kind) ? tr.attr(`prison.regime.${kind}`) : kind;
}

/** The regime in words, with the local name of a placement counted as separation (a CSV cell). */
export function regimeText(tr: Translator, regime: RegimeView): string {
  const name = regimeName(tr, regime.kind);
  return regime.localName !== null && regime.kind === 'separation'
    ? `${name}, ${tr.attr('prison.regime.localName', { name: regime.localName })}`
    : name;
}

/** The separation day counter in words, as SeparationCounter says it: "Day 12 of 30", "Day 20, no planned end". */
export function separationDaysText(tr: Translator, regime: RegimeView): string {
  if (regime.kind === 'general') return tr.attr('prison.separation.none');
  return regime.plannedDays !== null
    ? tr.attr('prison.separation.dayOf', { day: regime.consecutiveDays, planned: regime.plannedDays })
    : tr.attr('prison.separation.dayOpen', { day: regime.consecutiveDays });
}

export const STAY_STATUSES = ['held', 'released', 'died'] as const satisfies readonly StayStatus[];

export function stayStatusName(tr: Translator, status: string): string {
  return known(STAY_STATUSES, status) ? tr.attr(`prison.status.${status}`) : status;
}

export function transferReasonName(tr: Translator, reason: string): string {
  return known(TRANSFER_REASONS, reason) ? tr.attr(`prison.transfer.${reason}`) : reason;
}

export function searchKindName(tr: Translator, kind: string): string {
  return known(SEARCH_KINDS, kind) ? tr.attr(`prison.search.${kind}`) : kind;
}

export function screeningName(tr: Translator, outcome: string): string {
  return known(SCREENING_OUTCOMES, outcome) ? tr.attr(`prison.screening.${outcome}`) : outcome;
}

export function purposeName(tr: Translator, purpose: string): string {
  return known(EXAMINATION_PURPOSES, purpose) ? tr.attr(`prison.purpose.${purpose}`) : purpose;
}

export function appealOutcomeName(tr: Translator, outcome: string): string {
  return known(APPEAL_OUTCOMES, outcome) ? tr.attr(`prison.appeal.${outcome}`) : outcome;
}

/** How the family was told: the custody words, and a letter, which only a prison sends. */
export const FAMILY_MEANS_TEXT: Record<(typeof FAMILY_MEANS)[number], MessageKey> = {
  phone: 'family.means.phone',
  'in-person': 'family.means.in-person',
  message: 'family.means.message',
  letter: 'prison.family.means.letter',
  other: 'family.means.other',
};

export function familyMeansName(tr: Translator, means: string): string {
  return known(FAMILY_MEANS, means) ? tr.attr(FAMILY_MEANS_TEXT[means]) : means;
}

export function staffSexName(tr: Translator, sex: string): string {
  return sex === 'female' || sex === 'male' ? tr.attr(`person.sex.${sex}`) : sex;
}

/** What a reprisal flag reports (kz.complaint.reprisal): a measure, a transfer, a loss of privileges. */
export function reprisalActionName(tr: Translator, action: string): string {
  if (known(KZ_DISCIPLINE_MEASURES, action)) return measureName(tr, action);
  switch (action) {
    case 'discipline':
    case 'discipline-decided':
      return tr.attr('reprisal.action.discipline');
    case 'transfer':
    case 'transferred':
      return tr.attr('reprisal.action.transfer');
    default:
      return action;
  }
}

export {
  APPEAL_OUTCOMES,
  EXAMINATION_PURPOSES,
  FAMILY_MEANS,
  KZ_DISCIPLINE_MEASURES,
  KZ_INCENTIVES,
  SCREENING_OUTCOMES,
  SEARCH_KINDS,
  TRANSFER_REASONS,
  VULNERABILITY_KINDS,
};
