import { PACK_VERSIONS, ruleValues, type PackVersions } from './custody-rules.js';
import { deepFreeze } from './freeze.js';
import type { RuleOverrides } from './types.js';

export { packOf, RuleConfigError } from './custody-rules.js';

/**
 * Every number the prison and discipline deciders and their clocks use (RULES.md "Prisons and
 * remand centres", kz.complaint.reprisal, intl.custody.transfer-notice), resolved from the packs
 * and the deployment's overrides (habeas.json `rules`), with the packs that decided. Frozen.
 */
export interface PrisonRules extends PackVersions {
  /** kz.admission.medical: hours from admission or transfer to the medical examination (default 24). */
  readonly admissionMedicalHours: number;
  /** kz.discipline.punishment-block: the longest placement in a punishment block, in days (fixed: 15). */
  readonly punishmentBlockMaxDays: number;
  /** kz.discipline.solitary: the longest solitary confinement, in calendar months (fixed: 4). */
  readonly solitaryMaxMonths: number;
  /** kz.discipline.medical-before: the examination is at most this many hours before placement (default 24). */
  readonly medicalBeforeHours: number;
  /** kz.life.exercise: daily outdoor minutes for life-sentenced prisoners (fixed: 60). */
  readonly lifeExerciseMinutes: number;
  /** intl.exercise: daily open-air minutes for everyone (fixed: 60). */
  readonly exerciseMinutes: number;
  /** intl.solitary.definition: hours a day without meaningful contact that make a placement solitary (fixed: 22). */
  readonly solitaryHoursWithoutContact: number;
  /** intl.solitary.definition: placements less than this many hours apart count as one run (fixed: 24). */
  readonly separationBreakHours: number;
  /** intl.solitary.prolonged: consecutive days of separation beyond which it is prolonged (fixed: 15). */
  readonly prolongedDays: number;
  /** intl.custody.transfer-notice: hours after a transfer for the family's notification (default 3). */
  readonly transferNoticeHours: number;
  /** kz.complaint.reprisal: days after a complaint during which sanctions are watched (default 90). */
  readonly reprisalDays: number;
}

/**
 * The prison rules in force: the packs' values with the deployment's overrides of configurable
 * parameters. The whole `rules` object of habeas.json is checked, so an unknown rule or a
 * parameter fixed by law is a RuleConfigError here too.
 */
export function resolvePrisonRules(overrides?: RuleOverrides): PrisonRules {
  const value = ruleValues(overrides);
  return deepFreeze({
    ...PACK_VERSIONS,
    admissionMedicalHours: value('kz.admission.medical', 'hours'),
    punishmentBlockMaxDays: value('kz.discipline.punishment-block', 'maxDays'),
    solitaryMaxMonths: value('kz.discipline.solitary', 'maxMonths'),
    medicalBeforeHours: value('kz.discipline.medical-before', 'hours'),
    lifeExerciseMinutes: value('kz.life.exercise', 'minutes'),
    exerciseMinutes: value('intl.exercise', 'minutes'),
    solitaryHoursWithoutContact: value('intl.solitary.definition', 'hoursWithoutContact'),
    separationBreakHours: value('intl.solitary.definition', 'breakHours'),
    prolongedDays: value('intl.solitary.prolonged', 'days'),
    transferNoticeHours: value('intl.custody.transfer-notice', 'hours'),
    reprisalDays: value('kz.complaint.reprisal', 'days'),
  } satisfies PrisonRules);
}

/** The prison rules with no overrides: the packs as published. */
export const DEFAULT_PRISON_RULES: PrisonRules = resolvePrisonRules();
