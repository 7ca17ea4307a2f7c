import type { CaseStatistics } from '../../app/cases.js';
import { CASE_STATUSES } from '../../domain/cases/status.js';
import { DEFENDANT_STAGES } from '../../domain/cases/state.js';
import { caseStatusName, defendantStageName, tengeText } from '../case-labels.js';
import { Layout } from '../components/layout.js';
import { RegisterList, type ListColumn, type ListFilter } from '../components/register-list.js';
import type { PageContext } from '../context.js';
import type { Translator } from '../i18n.js';
import type { ListState } from '../list-export.js';
import { paths } from '../paths.js';
import { regionChoices } from '../region-labels.js';

/** One count of the table: what it counts, the number as the language writes it, and its rule. */
export interface StatisticRow {
  key: string;
  label: string;
  /** A sub-count of the row above it (a status of the cases, a stage of the defendants). */
  part: boolean;
  value: string;
  rule: string | null;
}

export interface CaseStatisticsFilters {
  region: string;
  openedFrom: string;
  openedTo: string;
}

/** The counts of caseStatistics as rows: no name, no number of a case, nothing of a person. */
export function statisticRows(tr: Translator, statistics: CaseStatistics, hours: number): StatisticRow[] {
  const number = (value: number) => new Intl.NumberFormat(tr.lang).format(value);
  const row = (key: string, label: string, value: string, rule: string | null = null, part = false) => ({
    key,
    label,
    value,
    rule,
    part,
  });
  return [
    row('cases', tr.attr('caseStats.cases'), number(statistics.cases)),
    ...CASE_STATUSES.map((status) =>
      row(`status-${status}`, caseStatusName(tr, status), number(statistics.byStatus[status]), null, true),
    ),
    row('ex-officio', tr.attr('caseStats.exOfficio'), number(statistics.exOfficio), null, true),
    row('allegations', tr.attr('caseStats.allegations'), number(statistics.allegations), 'kz.cases.joined'),
    row('joined', tr.attr('caseStats.joined'), number(statistics.joined), 'kz.cases.joined', true),
    row('defendants', tr.attr('caseStats.defendants'), number(statistics.defendants)),
    ...DEFENDANT_STAGES.map((stage) =>
      row(
        `stage-${stage}`,
        defendantStageName(tr, stage),
        number(statistics.byStage[stage] ?? 0),
        null,
        true,
      ),
    ),
    row('suspended', tr.attr('caseStats.suspended'), number(statistics.suspended), 'kz.torture.suspension'),
    row(
      'suspended-within',
      tr.attr('caseStats.suspendedWithin', { hours }),
      number(statistics.suspendedWithinHours),
      'kz.torture.suspension',
      true,
    ),
    row(
      'reclassified',
      tr.attr('caseStats.reclassified'),
      number(statistics.reclassified),
      'kz.torture.sentencing',
    ),
    row(
      'suspended-sentences',
      tr.attr('caseStats.suspendedSentences'),
      number(statistics.suspendedSentences),
      'kz.torture.sentencing',
    ),
    row(
      'plea-agreements',
      tr.attr('caseStats.pleaAgreements'),
      number(statistics.pleaAgreements),
      'kz.torture.sentencing',
    ),
    row(
      'compensation',
      tr.attr('caseStats.compensationDecided'),
      number(statistics.compensationDecided),
      'kz.redress.fund',
    ),
    row(
      'compensation-paid',
      tr.attr('caseStats.compensationPaid'),
      number(statistics.compensationPaid),
      'kz.redress.fund',
      true,
    ),
    row(
      'amount-decided',
      tr.attr('caseStats.amountDecided'),
      tengeText(tr, statistics.amountDecidedKzt),
      'kz.redress.fund',
    ),
    row(
      'amount-paid',
      tr.attr('caseStats.amountPaid'),
      tengeText(tr, statistics.amountPaidKzt),
      'kz.redress.fund',
    ),
  ];
}

export function statisticColumns(tr: Translator): ListColumn<StatisticRow>[] {
  return [
    {
      key: 'indicator',
      header: tr.attr('caseStats.indicator'),
      rowHeader: true,
      cell: (row) => (
        <>
          <span class={row.part ? 'case-stat--part' : undefined} safe>
            {row.part ? `— ${row.label}` : row.label}
          </span>
          {row.rule !== null ? (
            <>
              {' '}
              <code class="rule-id" safe>
                {row.rule}
              </code>
            </>
          ) : (
            ''
          )}
        </>
      ),
      csv: (row) => row.label,
    },
    {
      key: 'value',
      header: tr.attr('caseStats.value'),
      numeric: true,
      cell: (row) => <span safe>{row.value}</span>,
      csv: (row) => row.value,
    },
    {
      key: 'rule-id',
      header: tr.attr('finding.ruleId'),
      csvOnly: true,
      cell: () => '',
      csv: (row) => row.rule ?? '',
    },
  ];
}

export function statisticFilters(tr: Translator, filters: CaseStatisticsFilters): ListFilter[] {
  return [
    {
      kind: 'select',
      name: 'region',
      label: tr.attr('cases.region'),
      value: filters.region,
      options: [{ value: '', label: tr.attr('caseStats.allRegions') }, ...regionChoices(tr)],
    },
    {
      kind: 'date-range',
      name: 'opened',
      label: tr.attr('cases.filter.opened'),
      from: filters.openedFrom,
      to: filters.openedTo,
    },
  ];
}

export interface CaseStatisticsPageProps {
  ctx: PageContext;
  rows: readonly StatisticRow[];
  filters: CaseStatisticsFilters;
  list: ListState;
}

/**
 * The case statistics of the monitor and the statistician (issue 20 item 7): counts over the case
 * files of the reader's regions, by the days the cases were opened and the region, with no personal
 * data — how many cases and where they stand, allegations joined, officials suspended in time,
 * sentences flagged, compensation decided and paid.
 */
export function CaseStatisticsPage(props: CaseStatisticsPageProps): JSX.Element {
  const { ctx } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('caseStats.title')}>
      <h1 class="heading-xl">{tr.t('caseStats.title')}</h1>
      {props.list.printing ? '' : <p class="lead">{tr.t('caseStats.lead')}</p>}
      <div class="whole-words">
        <RegisterList
          ctx={ctx}
          id="case-statistics"
          action={paths.caseStatistics}
          caption={tr.attr('caseStats.caption')}
          empty={tr.attr('caseStats.empty')}
          columns={statisticColumns(tr)}
          rows={props.rows}
          {...props.list}
          filters={statisticFilters(tr, props.filters)}
        />
      </div>
    </Layout>
  );
}
