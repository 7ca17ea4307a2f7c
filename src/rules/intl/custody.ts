import type { RuleDefinition } from '../types.js';

/*
 * The `intl` pack's police-custody rules (RULES.md "Police custody"): international standards
 * (CED 17, SMR, BoP, VCCR 36). The system never refuses on these alone; it flags the records that
 * are lawful under `kz` but fall short of them, so that oversight bodies see the gap.
 */

export const INTL_CUSTODY_RULES = {
  'intl.register.minimum': {
    id: 'intl.register.minimum',
    pack: 'intl',
    source: 'CED 17, SMR 7, BoP 12',
    summary:
      'The register holds identity; date, time and place of deprivation of liberty and the authority; grounds and ordering authority; place and time of admission; state of health; release or transfer with destination and time.',
    kind: 'record',
    parameters: {},
  },
  'intl.custody.transfer-notice': {
    id: 'intl.custody.transfer-notice',
    pack: 'intl',
    source: 'BoP 16',
    summary: 'The family is notified after every transfer, not only after arrest.',
    kind: 'flag',
    parameters: {
      // RULES.md gives no number; the default follows kz.custody.family (3 h after the arrest).
      hours: { value: 3, unit: 'hours', configurable: true },
    },
  },
  'intl.custody.consular': {
    id: 'intl.custody.consular',
    pack: 'intl',
    source: 'BoP 16(2), VCCR 36',
    summary:
      'A foreign national is told of the right to contact their consulate; the consulate is notified on request.',
    kind: 'flag',
    parameters: { hours: { value: 24, unit: 'hours', configurable: true } },
  },
  'intl.custody.interpreter': {
    id: 'intl.custody.interpreter',
    pack: 'intl',
    source: 'BoP 14, SMR 55',
    summary:
      'A person who does not understand the language used gets an interpreter for rights, interviews and records.',
    kind: 'flag',
    parameters: {},
  },
  'intl.custody.record-copy': {
    id: 'intl.custody.record-copy',
    pack: 'intl',
    source: 'BoP 12(2)',
    summary:
      'The custody record is communicated to the detainee or their counsel, on request, in their language.',
    kind: 'record',
    parameters: {},
  },
} as const satisfies Record<string, RuleDefinition>;

export type IntlCustodyRuleId = keyof typeof INTL_CUSTODY_RULES;
