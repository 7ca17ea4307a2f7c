import type { RuleDefinition } from '../types.js';

/*
 * The `intl` pack's rules of medical documentation (RULES.md "Medical documentation"): the
 * Istanbul Protocol (IP) and the Nelson Mandela Rules (SMR 34).
 */

export const INTL_MEDICAL_RULES = {
  'intl.medical.report': {
    id: 'intl.medical.report',
    pack: 'intl',
    source: 'IP, SMR 34',
    summary:
      'A medical report of ill-treatment holds informed consent, the circumstances and who was present, the person’s account, physical and psychological findings with a body diagram and photographs, an opinion of consistency, and its author.',
    // Required sections: a report without one is not recorded (the decider names the section).
    kind: 'record',
    parameters: {},
  },
  'intl.medical.disclosure': {
    id: 'intl.medical.disclosure',
    pack: 'intl',
    source: 'IP principle 6(c)',
    summary:
      'The report goes to the person (or their nominee) and the investigating authority; any other disclosure needs consent or a court order, and each disclosure is logged.',
    // RULES.md: "block + record", the one intl rule besides intl.sanction.prohibited that refuses.
    kind: 'refuse',
    parameters: {},
  },
} as const satisfies Record<string, RuleDefinition>;

export type IntlMedicalRuleId = keyof typeof INTL_MEDICAL_RULES;
