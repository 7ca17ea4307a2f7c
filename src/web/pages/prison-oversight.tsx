import type { PrisonFindingView, ReprisalFlagView, StaySummary } from '../../app/prison-views.js';
import { Layout } from '../components/layout.js';
import { findingRecordColumn, momentColumn, textColumn } from '../components/list-columns.js';
import { RegisterList, type ListColumn } from '../components/register-list.js';
import { RuleTags } from '../components/rule-tag.js';
import { RegimeTag, SeparationCounter, isProlonged } from '../components/prison-parts.js';
import { FindingKindTag } from '../components/timeline.js';
import type { PageContext } from '../context.js';
import { findingKindName, ruleName } from '../custody-labels.js';
import { formatMoment } from '../custody-time.js';
import { findingText } from '../finding-text.js';
import type { Translator } from '../i18n.js';
import type { ListState } from '../list-export.js';
import { facilityFilter, ruleFilter } from '../list-filters.js';
import { paths } from '../paths.js';
import {
  PRISON_FINDING_RULES,
  measureName,
  regimeText,
  reprisalActionName,
  transferReasonName,
} from '../prison-labels.js';
import { personColumn, separationCell } from './prison-roll.js';
import type { FacilityChoice } from './person-form.js';

/*
 * The oversight pages of issue 5: the monitor's view of everyone in separation nationwide with
 * the days counted (intl.solitary.definition, intl.solitary.prolonged), the prison findings for
 * the monitor and the procurator, and the reprisal flags (kz.complaint.reprisal) for the
 * complaints authority and the monitor, never for the facility.
 */

/** Longest run first (the service pages by the run's start; a page is sorted again by days). */
export function longestFirst(items: readonly StaySummary[]): StaySummary[] {
  return [...items].sort(
    (a, b) => b.regime.consecutiveDays - a.regime.consecutiveDays || a.id.localeCompare(b.id),
  );
}

/** A moment in the reader's words, or what to say without one. */
const momentOr = (tr: Translator, iso: string | null, none: string): string =>
  iso === null ? none : formatMoment(tr.lang, iso);

function Moment(props: { tr: Translator; iso: string | null; none: string }): JSX.Element {
  return props.iso === null ? (
    <span safe>{props.none}</span>
  ) : (
    <time datetime={props.iso} safe>
      {formatMoment(props.tr.lang, props.iso)}
    </time>
  );
}

/** The separation view's columns, for the page, the print view and the CSV. */
export function separationColumns(
  tr: Translator,
  prolongedDays: number,
  /** Names link their stay: a reader who may open it, and not the print view. */
  canOpen: boolean,
): ListColumn<StaySummary>[] {
  return [
    personColumn(tr, (item) => ({ id: item.id, name: item.personName }), canOpen),
    textColumn('facility', tr.attr('prison.facility'), (row) => row.facilityName),
    {
      key: 'regime',
      header: tr.attr('separation.regime'),
      cell: (item) => <RegimeTag tr={tr} regime={item.regime} />,
      csv: (item) => regimeText(tr, item.regime),
    },
    {
      key: 'days',
      header: tr.attr('separation.days'),
      cell: (item) => (
        <SeparationCounter tr={tr} regime={item.regime} prolongedDays={prolongedDays} compact />
      ),
      csv: (item) => separationCell(tr, item.regime, prolongedDays),
    },
    {
      key: 'since',
      header: tr.attr('prison.separation.since'),
      cell: (item) => <Moment tr={tr} iso={item.regime.since} none={tr.attr('custody.value.none')} />,
      csv: (item) => momentOr(tr, item.regime.since, tr.attr('custody.value.none')),
    },
    {
      key: 'until',
      header: tr.attr('separation.plannedEnd'),
      cell: (item) => <Moment tr={tr} iso={item.regime.until} none={tr.attr('prison.separation.noEnd')} />,
      csv: (item) => momentOr(tr, item.regime.until, tr.attr('prison.separation.noEnd')),
    },
  ];
}

export interface SeparationFilters {
  /** In separation since, from and to (YYYY-MM-DD, the pages' calendar). */
  sinceFrom: string;
  sinceTo: string;
}

export function SeparationPage(props: {
  ctx: PageContext;
  items: readonly StaySummary[];
  filters: SeparationFilters;
  list: ListState;
  prolongedDays: number;
  /** Whether the reader may open a stay (prison.read). */
  canOpen: boolean;
}): JSX.Element {
  const { ctx, list } = props;
  const { tr } = ctx;
  const items = longestFirst(props.items);
  const prolonged = items.filter((item) => isProlonged(item.regime, props.prolongedDays)).length;
  return (
    <Layout ctx={ctx} title={tr.attr('separation.title')}>
      <h1 class="heading-xl">{tr.t('separation.title')}</h1>
      <p class="lead">{tr.t('separation.lead', { days: props.prolongedDays })}</p>
      {items.length > 0 ? (
        <p>
          <strong>
            {tr.t('separation.prolongedCount', { count: prolonged, days: props.prolongedDays })}
          </strong>
        </p>
      ) : (
        ''
      )}
      <div class="whole-words">
        <RegisterList
          ctx={ctx}
          id="separation"
          action={paths.prisonSeparation}
          caption={tr.attr('separation.caption', { count: items.length })}
          empty={tr.attr('separation.empty')}
          columns={separationColumns(tr, props.prolongedDays, props.canOpen && !list.printing)}
          rows={items}
          rowClass={(item) => (isProlonged(item.regime, props.prolongedDays) ? 'row--prolonged' : undefined)}
          {...list}
          filters={[
            {
              kind: 'date-range',
              name: 'since',
              label: tr.attr('prison.separation.since'),
              from: props.filters.sinceFrom,
              to: props.filters.sinceTo,
            },
          ]}
        />
      </div>
    </Layout>
  );
}

export interface PrisonFindingFilters {
  rule: string;
  facilityId: string;
  /** Found from and to (YYYY-MM-DD, the pages' calendar). */
  foundFrom: string;
  foundTo: string;
}

/** The prison findings' columns, for the page, the print view and the CSV. */
export function prisonFindingColumns(tr: Translator, canOpen: boolean): ListColumn<PrisonFindingView>[] {
  return [
    momentColumn(tr, 'at', tr.attr('finding.at'), (finding) => finding.at),
    {
      key: 'rule',
      header: tr.attr('finding.rule'),
      cell: (finding) => (
        <>
          <span safe>{ruleName(tr, finding.rule)}</span>
          <br />
          <code class="rule-id" safe>
            {finding.rule}
          </code>
        </>
      ),
      csv: (finding) => ruleName(tr, finding.rule),
    },
    {
      key: 'rule-id',
      header: tr.attr('finding.ruleId'),
      csvOnly: true,
      cell: (finding) => finding.rule,
      csv: (finding) => finding.rule,
    },
    {
      key: 'kind',
      header: tr.attr('finding.kind'),
      cell: (finding) => <FindingKindTag tr={tr} kind={finding.kind} />,
      csv: (finding) => findingKindName(tr, finding.kind),
    },
    {
      key: 'detail',
      header: tr.attr('finding.detail'),
      cell: (finding) => <span safe>{findingText(tr, finding)}</span>,
      csv: (finding) => findingText(tr, finding),
    },
    textColumn('facility', tr.attr('prison.facility'), (row) => row.facilityName),
    findingRecordColumn(
      tr,
      'stay',
      tr.attr('prisonFindings.stay'),
      (finding) => ({ id: finding.stayId, href: paths.prisonStay(finding.stayId) }),
      canOpen,
    ),
  ];
}

/** Findings of every stay in the reader's regions, newest first, like the custody findings page. */
export function PrisonFindingsPage(props: {
  ctx: PageContext;
  items: readonly PrisonFindingView[];
  filters: PrisonFindingFilters;
  facilities: readonly FacilityChoice[];
  list: ListState;
  canOpen: boolean;
}): JSX.Element {
  const { ctx, filters } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('prisonFindings.title')}>
      <h1 class="heading-xl">{tr.t('prisonFindings.title')}</h1>
      <p class="lead">{tr.t('prisonFindings.lead')}</p>
      <div class="whole-words">
        <RegisterList
          ctx={ctx}
          id="findings"
          action={paths.prisonFindings}
          caption={tr.attr('findings.caption', { count: props.items.length })}
          empty={tr.attr('findings.empty')}
          columns={prisonFindingColumns(tr, props.canOpen && !props.list.printing)}
          rows={props.items}
          {...props.list}
          filters={[
            ruleFilter(tr, PRISON_FINDING_RULES, filters.rule),
            facilityFilter(tr, props.facilities, filters.facilityId),
            {
              kind: 'date-range',
              name: 'found',
              label: tr.attr('finding.at'),
              from: filters.foundFrom,
              to: filters.foundTo,
            },
          ]}
        />
      </div>
    </Layout>
  );
}

export interface ReprisalFlagFilters {
  /** Measure or transfer from and to (YYYY-MM-DD, the pages' calendar). */
  actedFrom: string;
  actedTo: string;
}

/** The reprisal flags' columns, for the page, the print view and the CSV. */
export function reprisalColumns(tr: Translator, canOpen: boolean): ListColumn<ReprisalFlagView>[] {
  return [
    personColumn(tr, (flag) => ({ id: flag.stayId, name: flag.personName }), canOpen),
    textColumn('facility', tr.attr('prison.facility'), (row) => row.facilityName),
    {
      key: 'action',
      header: tr.attr('reprisal.action'),
      cell: (flag) => (
        <>
          <strong class="tag tag--flag" safe>
            {reprisalActionName(tr, flag.action)}
          </strong>
          <br />
          <span safe>{reprisalWhat(tr, flag)}</span>
        </>
      ),
      csv: (flag) =>
        [reprisalActionName(tr, flag.action), reprisalWhat(tr, flag)]
          .filter((part) => part !== '')
          .join(': '),
    },
    momentColumn(tr, 'acted', tr.attr('reprisal.actionAt'), (flag) => flag.actionAt),
    momentColumn(tr, 'complained', tr.attr('reprisal.complainedAt'), (flag) => flag.complainedAt),
    {
      key: 'reference',
      header: tr.attr('reprisal.reference'),
      cell: (flag) =>
        flag.complaintReference !== null ? (
          <code safe>{flag.complaintReference}</code>
        ) : (
          tr.t('custody.value.none')
        ),
      csv: (flag) => flag.complaintReference ?? tr.attr('custody.value.none'),
    },
  ];
}

/**
 * Reprisal flags (kz.complaint.reprisal): a measure or an unrequested transfer within the watch
 * period after the person complained. The complaint appears by its receipt reference only.
 */
export function ReprisalFlagsPage(props: {
  ctx: PageContext;
  items: readonly ReprisalFlagView[];
  filters: ReprisalFlagFilters;
  list: ListState;
  reprisalDays: number;
  canOpen: boolean;
}): JSX.Element {
  const { ctx } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('reprisal.title')}>
      <h1 class="heading-xl">{tr.t('reprisal.title')}</h1>
      <p class="lead">
        {tr.t('reprisal.lead', { days: props.reprisalDays })} <RuleTags rules={['kz.complaint.reprisal']} />
      </p>
      <p>{tr.t('reprisal.confidential')}</p>
      <div class="whole-words">
        <RegisterList
          ctx={ctx}
          id="reprisals"
          action={paths.reprisalFlags}
          caption={tr.attr('reprisal.caption', { count: props.items.length })}
          empty={tr.attr('reprisal.empty')}
          columns={reprisalColumns(tr, props.canOpen && !props.list.printing)}
          rows={props.items}
          {...props.list}
          filters={[
            {
              kind: 'date-range',
              name: 'acted',
              label: tr.attr('reprisal.actionAt'),
              from: props.filters.actedFrom,
              to: props.filters.actedTo,
            },
          ]}
        />
      </div>
    </Layout>
  );
}

/** What a reprisal flag reports beyond its kind, in the reader's words: the measure and its days, or why the person was moved. */
function reprisalWhat(tr: Translator, flag: ReprisalFlagView): string {
  const params = flag.params;
  if (!params) return '';
  if (params.action === 'transfer') return transferReasonName(tr, params.reason);
  const measure = measureName(tr, params.measure);
  return params.days === null ? measure : tr.attr('reprisal.what.days', { measure, days: params.days });
}
