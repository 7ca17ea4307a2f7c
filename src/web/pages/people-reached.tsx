import type { ReachedView } from '../../app/person-reach.js';
import { documentKindText } from '../components/identity-document-fields.js';
import { Layout } from '../components/layout.js';
import { RegisterList, type ListColumn } from '../components/register-list.js';
import type { PageContext } from '../context.js';
import { formatMoment } from '../custody-time.js';
import type { Translator } from '../i18n.js';
import type { ListState } from '../list-export.js';
import { paths } from '../paths.js';

/** The filters of the list: the days the arrests and admissions were recorded. */
export interface ReachedFilters {
  recordedFrom: string;
  recordedTo: string;
}

const recordText = (tr: Translator, item: ReachedView): string =>
  tr.attr(item.record === 'arrest' ? 'reached.record.arrest' : 'reached.record.admission');

const howText = (tr: Translator, item: ReachedView): string =>
  tr.attr(item.reachedBy === 'hand-over' ? 'reach.by.hand-over' : 'reach.by.document');

/**
 * The columns of the list: the page's cells (the record a link for who may open it), and the
 * CSV's text in the page's language — what the page shows, nothing more.
 */
export function reachedColumns(
  tr: Translator,
  may: { openCustody: boolean; openStay: boolean },
): ListColumn<ReachedView>[] {
  const moment = (iso: string) => (
    <time datetime={iso} safe>
      {formatMoment(tr.lang, iso)}
    </time>
  );
  return [
    {
      key: 'person',
      header: tr.attr('prison.person'),
      rowHeader: true,
      cell: (item) => <span safe>{item.personName}</span>,
      csv: (item) => item.personName,
    },
    {
      key: 'record',
      header: tr.attr('reached.record'),
      cell: (item) => {
        const arrest = item.record === 'arrest';
        const canOpen = arrest ? may.openCustody : may.openStay;
        const href = arrest ? paths.custodyEpisode(item.recordId) : paths.prisonStay(item.recordId);
        return (
          <>
            {canOpen ? <a href={href}>{recordText(tr, item)}</a> : recordText(tr, item)}
            <br />
            <span class="muted">{moment(item.at)}</span>
          </>
        );
      },
      csv: (item) => `${recordText(tr, item)}, ${formatMoment(tr.lang, item.at)}`,
    },
    {
      key: 'facility',
      header: tr.attr('prison.facility'),
      cell: (item) => <span safe>{item.facilityName}</span>,
      csv: (item) => item.facilityName,
    },
    {
      key: 'how',
      header: tr.attr('reached.how'),
      cell: (item) => (
        <>
          {howText(tr, item)}
          {item.documentKind !== null ? (
            <>
              <br />
              <span class="muted" safe>
                {documentKindText(tr, item.documentKind)}
              </span>
            </>
          ) : (
            ''
          )}
        </>
      ),
      csv: (item) =>
        item.documentKind === null
          ? howText(tr, item)
          : `${howText(tr, item)}, ${documentKindText(tr, item.documentKind)}`,
    },
    {
      key: 'by',
      header: tr.attr('reached.by'),
      cell: (item) => <span safe>{item.actorName ?? item.actor}</span>,
      csv: (item) => item.actorName ?? item.actor,
    },
    {
      key: 'recorded',
      header: tr.attr('reached.at'),
      cell: (item) => moment(item.recordedAt),
      csv: (item) => formatMoment(tr.lang, item.recordedAt),
    },
  ];
}

/**
 * For the monitor and the procurator (issue 17 item 5): every arrest and admission that gave a
 * facility a person registered elsewhere — by an identity document or a police custody unit's
 * hand-over — newest first, with who recorded it, so that an arrest made only to read someone's
 * record is seen. The list names people: the service records the read (the CSV's and the print
 * view's too).
 */
export function PeopleReachedPage(props: {
  ctx: PageContext;
  items: readonly ReachedView[];
  filters: ReachedFilters;
  list: ListState;
  canOpenCustody: boolean;
  canOpenStay: boolean;
}): JSX.Element {
  const { ctx, filters } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('reached.title')}>
      <h1 class="heading-xl">{tr.t('reached.title')}</h1>
      <p class="lead">{tr.t('reached.lead')}</p>
      <div class="whole-words">
        <RegisterList
          ctx={ctx}
          id="reached"
          action={paths.peopleReached}
          caption={tr.attr('reached.caption', { count: props.items.length })}
          empty={tr.attr('reached.empty')}
          columns={reachedColumns(tr, {
            openCustody: props.canOpenCustody && !props.list.printing,
            openStay: props.canOpenStay && !props.list.printing,
          })}
          rows={props.items}
          {...props.list}
          filters={[
            {
              kind: 'date-range',
              name: 'recorded',
              label: tr.attr('reached.at'),
              from: filters.recordedFrom,
              to: filters.recordedTo,
            },
          ]}
        />
      </div>
    </Layout>
  );
}
