import type { RuleDefinition } from '../types.js';

/*
 * The `intl` pack's prison rules (RULES.md "Prisons and remand centres"): the Nelson Mandela Rules
 * (SMR) and the Bangkok Rules (BR). They never refuse: a placement lawful under `kz` (four months
 * of solitary) is recorded, and the gap to SMR 43-44 is a finding the monitor sees.
 */

/**
 * intl.sanction.prohibited (SMR 43): sanctions that exist nowhere in the catalogue of measures; a
 * decision naming one is refused with this rule rather than as an unknown measure.
 */
export const PROHIBITED_SANCTIONS = [
  'dark-cell',
  'constantly-lit-cell',
  'reduced-diet',
  'reduced-water',
  'corporal-punishment',
  'collective-punishment',
  'restraints',
  'family-contact-ban',
] as const;

export const INTL_PRISON_RULES = {
  'intl.solitary.definition': {
    id: 'intl.solitary.definition',
    pack: 'intl',
    source: 'SMR 44',
    summary:
      'Solitary confinement is 22 or more hours a day without meaningful human contact, whatever the local name.',
    kind: 'flag',
    parameters: {
      hoursWithoutContact: { value: 22, unit: 'hours', configurable: false },
      // Placements separated by less than this are one run of consecutive days (back-to-back).
      breakHours: { value: 24, unit: 'hours', configurable: false },
    },
  },
  'intl.solitary.prolonged': {
    id: 'intl.solitary.prolonged',
    pack: 'intl',
    source: 'SMR 43-44',
    summary: 'Prolonged solitary confinement (over 15 consecutive days) is prohibited.',
    kind: 'flag',
    parameters: { days: { value: 15, unit: 'days', configurable: false } },
  },
  'intl.solitary.exempt': {
    id: 'intl.solitary.exempt',
    pack: 'intl',
    source: 'SMR 45(2), BR 22',
    summary:
      'No solitary or close confinement for children, pregnant women, women with infants, breastfeeding mothers, or persons whose disability it would worsen.',
    kind: 'flag',
    parameters: {},
  },
  'intl.solitary.health-visits': {
    id: 'intl.solitary.health-visits',
    pack: 'intl',
    source: 'SMR 46',
    summary: 'Health staff visit separated prisoners daily.',
    kind: 'flag',
    parameters: {},
  },
  'intl.exercise': {
    id: 'intl.exercise',
    pack: 'intl',
    source: 'SMR 23',
    summary: 'Every prisoner gets at least one hour of open-air exercise daily.',
    kind: 'flag',
    parameters: { minutes: { value: 60, unit: 'minutes', configurable: false } },
  },
  'intl.search.women': {
    id: 'intl.search.women',
    pack: 'intl',
    source: 'BR 19',
    summary: 'Personal searches of women are carried out only by women staff.',
    kind: 'flag',
    parameters: {},
  },
  'intl.sanction.prohibited': {
    id: 'intl.sanction.prohibited',
    pack: 'intl',
    source: 'SMR 43',
    summary:
      'Never: dark or constantly lit cell, reduced diet or water, corporal or collective punishment, restraints as a sanction, a total ban on family contact.',
    kind: 'refuse',
    parameters: {},
  },
} as const satisfies Record<string, RuleDefinition>;
