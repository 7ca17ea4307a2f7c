import type { ListFilter } from './components/register-list.js';
import { ruleName } from './custody-labels.js';
import type { Translator } from './i18n.js';

/*
 * Filters that many register lists offer (src/web/components/register-list.tsx), said the same
 * way on every page: the facility among the reader's, and the rule by its name (its id is a
 * column of the list, never the option's words).
 */

/** One of the reader's facilities, or all of them (`facilityId`, '' for all). */
export function facilityFilter(
  tr: Translator,
  facilities: readonly { id: string; name: string }[],
  value: string,
): ListFilter {
  return {
    kind: 'select',
    name: 'facilityId',
    label: tr.attr('desk.filter.facility'),
    value,
    options: [
      { value: '', label: tr.attr('desk.filter.allFacilities') },
      ...facilities.map((facility) => ({ value: facility.id, label: facility.name })),
    ],
  };
}

/** One of `rules` by its name, or all of them (`rule`, '' for all). */
export function ruleFilter(tr: Translator, rules: readonly string[], value: string): ListFilter {
  return {
    kind: 'select',
    name: 'rule',
    label: tr.attr('finding.rule'),
    value,
    options: [
      { value: '', label: tr.attr('findings.filter.allRules') },
      ...rules.map((rule) => ({ value: rule, label: ruleName(tr, rule) })),
    ],
  };
}
