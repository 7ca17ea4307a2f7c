import type { RuleDefinition } from '../types.js';

/*
 * The `kz` pack's placement rule (issue 17 item 4): who may be held in which facility. Men and
 * women are held apart, and children apart from adults (SMR 11(a), (d); CRC art. 37(c)). A
 * facility's `population` (DESIGN.md "Interfaces", POST /facilities) says whom it holds; `mixed`
 * takes anyone, with the separation kept inside it.
 */

export const KZ_PLACEMENT_RULES = {
  'kz.placement.separation': {
    id: 'kz.placement.separation',
    pack: 'kz',
    source: 'SMR 11, CRC art. 37(c)',
    summary:
      'Men and women are held in separate facilities and children apart from adults: a person under 18 on the day is never arrested into, admitted to or transferred into an adult facility, a woman never into a men’s facility, a man never into a women’s facility, and an adult never into a juveniles’ facility; a mixed facility takes anyone.',
    kind: 'refuse',
    parameters: {},
  },
} as const satisfies Record<string, RuleDefinition>;

export type KzPlacementRuleId = keyof typeof KZ_PLACEMENT_RULES;
