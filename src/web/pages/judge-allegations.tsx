import type { JudgeAllegationSummary } from '../../app/complaint-views.js';
import { complaintColumns, submittedFilter } from '../components/complaint-parts.js';
import { Layout } from '../components/layout.js';
import { RegisterList, type ListColumn } from '../components/register-list.js';
import { RuleTags } from '../components/rule-tag.js';
import { officeName } from '../complaint-labels.js';
import type { PageContext } from '../context.js';
import { formatMoment } from '../custody-time.js';
import type { Translator } from '../i18n.js';
import type { ListState } from '../list-export.js';
import { paths } from '../paths.js';
import { regionName } from '../region-labels.js';

export interface JudgeAllegationsPageProps {
  ctx: PageContext;
  items: readonly JudgeAllegationSummary[];
  /** The range of days received, as the form sends it. */
  submitted: { from: string; to: string };
  list: ListState;
}

/** "The procurator’s office (Astana)": whose own office the complaint is about, and its region. */
export function concernedOffice(tr: Translator, item: Pick<JudgeAllegationSummary, 'concerns'>): string {
  return tr.attr('judge.office', {
    office: officeName(tr, item.concerns.office),
    region: regionName(tr, item.concerns.region),
  });
}

/** The order, or that none was recorded yet and when it is due. */
export function orderText(tr: Translator, item: JudgeAllegationSummary): string {
  const first = item.orders[0];
  return first === undefined
    ? tr.attr('judge.order.none', { dueAt: formatMoment(tr.lang, item.orderDueAt) })
    : tr.attr('judge.order.made', {
        orderedAt: formatMoment(tr.lang, first.orderedAt),
        body: first.investigateBy,
      });
}

/** The columns: the page's cells (the reference links to the complaint and its order form) and the CSV's text. */
export function judgeAllegationColumns(tr: Translator): ListColumn<JudgeAllegationSummary>[] {
  const shared = complaintColumns<JudgeAllegationSummary>(tr);
  return [
    {
      key: 'reference',
      header: tr.attr('judge.reference'),
      rowHeader: true,
      cell: (item) => (
        <a href={paths.judgeAllegation(item.reference)}>
          <span class="reference" safe>
            {item.reference}
          </span>
        </a>
      ),
      csv: (item) => item.reference,
    },
    shared.facility,
    shared.submitted,
    {
      key: 'office',
      header: tr.attr('judge.officeConcerned'),
      cell: (item) => <span safe>{concernedOffice(tr, item)}</span>,
      csv: (item) => concernedOffice(tr, item),
    },
    // The order column says where it stands; the status has a column of its own in the CSV only.
    { ...shared.status, csvOnly: true },
    {
      key: 'order',
      header: tr.attr('judge.order'),
      cell: (item) =>
        item.orders.length === 0 ? (
          <>
            <span safe>{orderText(tr, item)}</span>
            {' — '}
            <a href={`${paths.judgeAllegation(item.reference)}#order-title`}>
              {tr.t('judge.order.record')}
              <span class="visually-hidden">
                {' '}
                <span safe>{item.reference}</span>
              </span>
            </a>
          </>
        ) : (
          <span safe>{orderText(tr, item)}</span>
        ),
      csv: (item) => orderText(tr, item),
    },
  ];
}

/**
 * The investigating judge's list (kz.allegation.conflict): complaints about the actions of a
 * procurator's or an investigator's own office, which no procurator sees, newest first, with the
 * office concerned and the order to investigate. No text: the judge holds no sealing key.
 */
export function JudgeAllegationsPage(props: JudgeAllegationsPageProps): JSX.Element {
  const { ctx } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('judge.title')}>
      <h1 class="heading-xl">{tr.t('judge.title')}</h1>
      {props.list.printing ? (
        ''
      ) : (
        <>
          <p class="lead">
            {tr.t('judge.lead')} <RuleTags rules={['kz.allegation.conflict']} />
          </p>
          <div class="notice sealed-notice" role="note">
            <p class="notice__text">{tr.t('judge.noText')}</p>
          </div>
        </>
      )}
      <RegisterList
        ctx={ctx}
        id="judge-allegations"
        action={paths.judgeAllegations}
        caption={tr.attr('judge.caption')}
        empty={tr.attr('judge.empty')}
        columns={judgeAllegationColumns(tr)}
        rows={props.items}
        {...props.list}
        filters={[submittedFilter(tr, props.submitted)]}
      />
    </Layout>
  );
}
