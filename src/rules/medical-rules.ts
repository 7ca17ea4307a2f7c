import { PACK_VERSIONS, ruleValues, type PackVersions } from './custody-rules.js';
import { deepFreeze } from './freeze.js';
import type { RuleOverrides } from './types.js';

export { packOf, RuleConfigError } from './custody-rules.js';

/**
 * Every number the medical context uses (RULES.md "Medical documentation"), resolved from the
 * packs and the deployment's overrides (habeas.json `rules`), with the packs that decided. Frozen.
 */
export interface MedicalRules extends PackVersions {
  /** kz.medical.report-duty: hours from an injury noted by staff to a doctor's documentation (default 24). */
  readonly reportDutyHours: number;
}

/**
 * The medical rules in force: the packs' values with the deployment's overrides. The whole
 * `rules` object of habeas.json is checked, as src/rules/prison-rules.ts does.
 */
export function resolveMedicalRules(overrides?: RuleOverrides): MedicalRules {
  const value = ruleValues(overrides);
  return deepFreeze({
    ...PACK_VERSIONS,
    reportDutyHours: value('kz.medical.report-duty', 'hours'),
  } satisfies MedicalRules);
}

/** The medical rules with no overrides: the packs as published. */
export const DEFAULT_MEDICAL_RULES: MedicalRules = resolveMedicalRules();
