import type { AllegationSummary } from '../../app/complaint-views.js';
import { complaintColumns, submittedFilter } from '../components/complaint-parts.js';
import { Layout } from '../components/layout.js';
import { RegisterList, type ListColumn } from '../components/register-list.js';
import { RuleTags } from '../components/rule-tag.js';
import type { PageContext } from '../context.js';
import type { Translator } from '../i18n.js';
import type { ListState } from '../list-export.js';
import { paths } from '../paths.js';
import { decisionsText } from './allegation.js';

export interface AllegationsPageProps {
  ctx: PageContext;
  items: readonly AllegationSummary[];
  /** The range of days received, as the form sends it. */
  submitted: { from: string; to: string };
  list: ListState;
}

/** The allegations' columns: the page's cells (links to decide), and the CSV's text. */
export function allegationColumns(tr: Translator): ListColumn<AllegationSummary>[] {
  const shared = complaintColumns<AllegationSummary>(tr);
  return [
    {
      key: 'reference',
      header: tr.attr('allegation.source'),
      rowHeader: true,
      cell: (item) =>
        item.source === 'medical' ? (
          // Issue 19: a doctor's referral (kz.torture.referral, source `medical`) has a page of its own.
          <>
            <a href={paths.medicalReferral(item.reference)}>
              <span class="reference" safe>
                {item.reference}
              </span>
            </a>
            <br />
            <strong class="tag tag--torture">{tr.t('allegations.medical')}</strong>
          </>
        ) : (
          <a href={paths.allegation(item.reference)}>
            <span class="reference" safe>
              {item.reference}
            </span>
          </a>
        ),
      csv: (item) => item.reference,
    },
    {
      key: 'source',
      header: tr.attr('allegations.sourceKind'),
      csvOnly: true,
      cell: () => '',
      csv: (item) => tr.attr(item.source === 'medical' ? 'allegations.medical' : 'allegations.complaint'),
    },
    shared.facility,
    shared.submitted,
    shared.status,
    {
      key: 'decisions',
      header: tr.attr('allegation.decisions'),
      cell: (item) =>
        item.medical !== null ? (
          <>
            <span safe>
              {tr.attr(
                item.medical.disclosed ? 'allegations.medical.disclosed' : 'allegations.medical.notDisclosed',
                {
                  clinician: item.medical.clinicianName,
                },
              )}
            </span>
            {' — '}
            <a href={paths.medicalReferral(item.reference)}>
              {tr.t('allegations.medical.open')}
              <span class="visually-hidden">
                {' '}
                <span safe>{item.reference}</span>
              </span>
            </a>
          </>
        ) : item.decisions.length === 0 ? (
          <>
            {tr.t('allegation.decisions.none')}
            {' — '}
            <a href={paths.allegation(item.reference)}>
              {tr.t('allegations.decide')}
              <span class="visually-hidden">
                {' '}
                <span safe>{item.reference}</span>
              </span>
            </a>
          </>
        ) : (
          <span safe>{decisionsText(tr, item.decisions)}</span>
        ),
      csv: (item) =>
        item.medical !== null
          ? tr.attr(
              item.medical.disclosed ? 'allegations.medical.disclosed' : 'allegations.medical.notDisclosed',
              {
                clinician: item.medical.clinicianName,
              },
            )
          : item.decisions.length === 0
            ? tr.attr('allegation.decisions.none')
            : decisionsText(tr, item.decisions),
    },
  ];
}

/**
 * The procurator's list of torture allegations (kz.torture.referral), newest first, each named by
 * its source complaint's reference, with what was decided; joined ones stay (kz.cases.joined).
 */
export function AllegationsPage(props: AllegationsPageProps): JSX.Element {
  const { ctx } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('allegations.title')}>
      <h1 class="heading-xl">{tr.t('allegations.title')}</h1>
      {props.list.printing ? (
        ''
      ) : (
        <p class="lead">
          {tr.t('allegations.lead')} <RuleTags rules={['kz.torture.referral', 'kz.cases.joined']} />
        </p>
      )}
      <RegisterList
        ctx={ctx}
        id="allegations"
        action={paths.allegations}
        caption={tr.attr('allegations.caption')}
        empty={tr.attr('allegations.empty')}
        columns={allegationColumns(tr)}
        rows={props.items}
        {...props.list}
        filters={[submittedFilter(tr, props.submitted)]}
      />
    </Layout>
  );
}
