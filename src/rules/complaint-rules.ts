import { PACK_VERSIONS, ruleValues, type PackVersions } from './custody-rules.js';
import { deepFreeze } from './freeze.js';
import type { RuleOverrides } from './types.js';

export { packOf, RuleConfigError } from './custody-rules.js';

/**
 * Every number the complaint decider and its clocks use (RULES.md "Complaints and allegations",
 * kz.transfer.protection), resolved from the `kz` and `intl` packs and the deployment's overrides
 * (habeas.json `rules`), with the packs that decided. Frozen.
 */
export interface ComplaintRules extends PackVersions {
  /** intl.complaint.answer: days the complaints authority has to answer a complaint (default 30). */
  readonly answerDays: number;
  /** kz.transfer.protection: hours the governor has to decide a request for protection or transfer (default 24). */
  readonly protectionHours: number;
  /** kz.torture.suspension: hours from identifying a suspected official to their suspension (default 24). */
  readonly suspensionHours: number;
  /** kz.allegation.conflict: hours the investigating judge has to order an investigation ("at once"; default 24). */
  readonly judgeOrderHours: number;
}

/**
 * The complaint rules in force: the packs' values with the deployment's overrides of configurable
 * parameters. The whole `rules` object of habeas.json is checked (as src/rules/custody-rules.ts
 * does), so an unknown rule or a parameter fixed by law is a RuleConfigError here too.
 */
export function resolveComplaintRules(overrides?: RuleOverrides): ComplaintRules {
  const value = ruleValues(overrides);
  return deepFreeze({
    ...PACK_VERSIONS,
    answerDays: value('intl.complaint.answer', 'days'),
    protectionHours: value('kz.transfer.protection', 'hours'),
    suspensionHours: value('kz.torture.suspension', 'hours'),
    judgeOrderHours: value('kz.allegation.conflict', 'hours'),
  } satisfies ComplaintRules);
}

/** The complaint rules with no overrides: the packs as published. */
export const DEFAULT_COMPLAINT_RULES: ComplaintRules = resolveComplaintRules();
