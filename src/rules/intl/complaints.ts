import type { RuleDefinition } from '../types.js';

/*
 * The `intl` pack's complaint rules (RULES.md "Complaints and allegations"): SMR 57 and BoP 33.
 * Like every rule of this pack it never refuses: a complaint left unanswered past the deadline is
 * a breach finding in the log (RULES.md kind "breach"), not a blocked command.
 */

export const INTL_COMPLAINT_RULES = {
  'intl.complaint.answer': {
    id: 'intl.complaint.answer',
    pack: 'intl',
    source: 'SMR 57, BoP 33',
    summary:
      'Complaints are answered without delay: the complaints authority answers within 30 days of receiving one.',
    kind: 'breach',
    parameters: { days: { value: 30, unit: 'days', configurable: true } },
  },
} as const satisfies Record<string, RuleDefinition>;

export type IntlComplaintRuleId = keyof typeof INTL_COMPLAINT_RULES;
