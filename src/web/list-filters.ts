import type { ListFilter } from './components/register-list.js';
import { ruleName } from './custody-labels.js';
import type { Translator } from './i18n.js';
import { dateRange, dayBounds } from './list-export.js';

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

/** A referrals list's state filter: waiting (the default), examined, or either ('' here, `any` in an address). */
export type ReferralStatusFilter = '' | 'open' | 'examined';

/** The filters of a list of medical referrals (custody injuries, prison examinations). */
export interface ReferralFilters {
  status: ReferralStatusFilter;
  /** Opened within these calendar days (YYYY-MM-DD, either may be empty). */
  openedFrom: string;
  openedTo: string;
}

/** A referrals list's filters from the query: the waiting ones without a state, either state for `any` (or no state). */
export function referralFiltersOf(query: unknown): ReferralFilters {
  const q = (query ?? {}) as Record<string, unknown>;
  const opened = dateRange(query, 'opened');
  const status = !Object.hasOwn(q, 'status')
    ? 'open'
    : q.status === 'open' || q.status === 'examined'
      ? q.status
      : '';
  return { status, openedFrom: opened.from, openedTo: opened.to };
}

/** What the referral services filter on: the state (`any` for either) and the days opened as instants. */
export function referralQuery(filters: ReferralFilters): {
  status: 'open' | 'examined' | 'any';
  opened: { from?: string; to?: string };
} {
  return {
    status: filters.status === '' ? 'any' : filters.status,
    opened: dayBounds({ from: filters.openedFrom, to: filters.openedTo }),
  };
}

/** Whether the list shows just the referrals waiting (its empty text then says none is open). */
export const onlyWaiting = (filters: ReferralFilters): boolean =>
  filters.status === 'open' && filters.openedFrom === '' && filters.openedTo === '';

/** A referrals list's filters: the state, waiting, examined or any (`status`), and the days opened. */
export function referralFilters(tr: Translator, filters: ReferralFilters): ListFilter[] {
  return [
    {
      kind: 'select',
      name: 'status',
      label: tr.attr('referrals.status'),
      value: filters.status === '' ? 'any' : filters.status,
      options: [
        { value: 'open', label: tr.attr('referrals.status.open') },
        { value: 'examined', label: tr.attr('referrals.status.examined') },
        { value: 'any', label: tr.attr('desk.filter.any') },
      ],
    },
    {
      kind: 'date-range',
      name: 'opened',
      label: tr.attr('referrals.openedAt'),
      from: filters.openedFrom,
      to: filters.openedTo,
    },
  ];
}
