import type { FacilityView } from '../../app/registry.js';
import type { FootageView, FootageViewing } from '../../app/footage.js';
import { ReadAuditLink } from '../components/audit-link.js';
import { Layout } from '../components/layout.js';
import { RegisterList, type ListColumn, type ListFilter } from '../components/register-list.js';
import type { PageContext } from '../context.js';
import type { ListState } from '../list-export.js';
import { formatMoment } from '../custody-time.js';
import type { Translator } from '../i18n.js';
import { paths } from '../paths.js';

/*
 * Camera footage of a facility (issue 5 item 3): the list of recordings (camera, place, time; no
 * images), and the view of one, which is the act kz.cctv.women governs and the log records. Where
 * the reader may not view, the page says so plainly, with the rule, instead of offering a link.
 */

export interface FootageListProps {
  ctx: PageContext;
  facilities: readonly FacilityView[];
  facility: FacilityView | null;
  items: readonly FootageView[];
  /** The range of days recorded, as the form sends it. */
  recorded: { from: string; to: string };
  list: ListState;
  /** Whether the reader may view this facility's recordings, or the rule that refuses it. */
  viewing: { allowed: boolean; rule?: string | undefined };
  /** What else the reader may do here (issue 18 item 4): register, record deletions, place holds. */
  may: { register: boolean; delete: boolean; hold: boolean };
  /** A recording was just registered or its deletion recorded. */
  notice: 'registered' | 'deleted' | null;
}

function Moment(props: { tr: Translator; at: string }): JSX.Element {
  return (
    <time datetime={props.at} safe>
      {formatMoment(props.tr.lang, props.at)}
    </time>
  );
}

function WomenRefusal(props: { tr: Translator }): JSX.Element {
  return (
    <div class="warning-box" role="note">
      <p class="warning-box__text">
        <strong>{props.tr.t('footage.women.refused')}</strong> <code class="rule-id">kz.cctv.women</code>
      </p>
    </div>
  );
}

const isWomenRefusal = (viewing: FootageListProps['viewing']): boolean =>
  !viewing.allowed && viewing.rule === 'kz.cctv.women';

const statusText = (tr: Translator, item: FootageView): string =>
  tr.attr(item.status === 'deleted' ? 'footage.status.deleted' : 'footage.status.kept');

/**
 * The recordings' columns: the page's cells, and the CSV's text. Neither the CSV nor the print view
 * carries a way to the recording: where kz.cctv.women refuses the reader, each row says so.
 */
export function footageColumns(
  tr: Translator,
  viewing: FootageListProps['viewing'],
  mayDelete: boolean,
): ListColumn<FootageView>[] {
  const womenRefusal = isWomenRefusal(viewing);
  const hidden = (item: FootageView) => (
    <span class="visually-hidden">
      {' '}
      <span safe>{`${item.camera}, ${item.place}`}</span>
    </span>
  );
  const columns: ListColumn<FootageView>[] = [
    {
      key: 'camera',
      header: tr.attr('footage.camera'),
      rowHeader: true,
      cell: (item) => <span safe>{item.camera}</span>,
      csv: (item) => item.camera,
    },
    {
      key: 'place',
      header: tr.attr('footage.place'),
      cell: (item) => <span safe>{item.place}</span>,
      csv: (item) => item.place,
    },
    {
      key: 'window',
      header: tr.attr('footage.window'),
      cell: (item) => (
        <>
          <Moment tr={tr} at={item.from} /> – <Moment tr={tr} at={item.to} />
        </>
      ),
      csv: (item) => `${formatMoment(tr.lang, item.from)} – ${formatMoment(tr.lang, item.to)}`,
    },
    {
      key: 'retain',
      header: tr.attr('footage.retainUntil'),
      cell: (item) => <Moment tr={tr} at={item.retainUntil} />,
      csv: (item) => formatMoment(tr.lang, item.retainUntil),
    },
    {
      key: 'status',
      header: tr.attr('footage.status'),
      cell: (item) => (
        <>
          <span safe>{statusText(tr, item)}</span>
          {item.held ? (
            <>
              {' '}
              <strong class="tag tag--flag">{tr.t('footage.held')}</strong>
            </>
          ) : (
            ''
          )}
        </>
      ),
      csv: (item) =>
        item.held ? `${statusText(tr, item)}, ${tr.attr('footage.held')}` : statusText(tr, item),
    },
    {
      key: 'view',
      header: tr.attr('footage.view'),
      cell: (item) =>
        viewing.allowed ? (
          <a href={paths.footageView(item.id)}>
            {tr.t('footage.view')}
            {hidden(item)}
          </a>
        ) : womenRefusal ? (
          tr.t('footage.women.refusedShort')
        ) : (
          '—'
        ),
      ...(womenRefusal ? { csv: () => tr.attr('footage.women.refusedShort') } : {}),
    },
  ];
  if (mayDelete)
    columns.push({
      key: 'retention',
      header: tr.attr('footage.retention'),
      cell: (item) =>
        item.status === 'kept' && !item.held ? (
          <a href={paths.footageDeletion(item.id)}>
            {tr.t('footage.delete.link')}
            {hidden(item)}
          </a>
        ) : (
          '—'
        ),
    });
  return columns;
}

export function FootageListPage(props: FootageListProps): JSX.Element {
  const { ctx, facility } = props;
  const { tr } = ctx;
  const printing = props.list.printing;
  const filters: ListFilter[] = [
    ...(props.facilities.length > 1
      ? [
          {
            kind: 'select' as const,
            name: 'facility',
            label: tr.attr('footage.facility'),
            value: facility?.id ?? '',
            options: props.facilities.map((option) => ({ value: option.id, label: option.name })),
          },
        ]
      : []),
    {
      kind: 'date-range',
      name: 'recorded',
      label: tr.attr('footage.window'),
      from: props.recorded.from,
      to: props.recorded.to,
    },
  ];
  return (
    <Layout ctx={ctx} title={tr.attr('footage.title')}>
      {props.notice ? (
        <div class="notice notice--success" role="status">
          <p class="notice__text">
            {tr.t(props.notice === 'registered' ? 'footage.registered' : 'footage.deleted')}
          </p>
        </div>
      ) : (
        ''
      )}
      <h1 class="heading-xl">{tr.t('footage.title')}</h1>
      {printing ? '' : <p class="lead">{tr.t('footage.lead')}</p>}
      {facility !== null ? (
        <h2 class="heading-l" safe>
          {facility.name}
        </h2>
      ) : (
        ''
      )}
      {facility !== null && !printing && (props.may.register || props.may.hold) ? (
        <p class="record__actions">
          {props.may.register ? (
            <a class="button" href={paths.newFootageAt(facility.id)}>
              {tr.t('footage.register.title')}
            </a>
          ) : (
            ''
          )}{' '}
          {props.may.hold ? (
            <a class="button button--secondary" href={paths.newEvidenceHoldAt(facility.id)}>
              {tr.t('holds.place.link')}
            </a>
          ) : (
            ''
          )}
        </p>
      ) : (
        ''
      )}
      {facility !== null && isWomenRefusal(props.viewing) ? <WomenRefusal tr={tr} /> : ''}
      <RegisterList
        ctx={ctx}
        id="footage"
        action={paths.footage}
        caption={tr.attr('footage.caption', { count: props.items.length })}
        empty={tr.attr(facility === null ? 'footage.chooseFacility' : 'footage.empty')}
        columns={footageColumns(tr, props.viewing, props.may.delete)}
        rows={props.items}
        filters={filters}
        {...props.list}
        {...(facility === null ? { csv: undefined, print: undefined } : {})}
      />
    </Layout>
  );
}

/** One recording, viewed: the reference, where to open it, and the log entry recording the view. */
export function FootageViewPage(props: { ctx: PageContext; footage: FootageViewing }): JSX.Element {
  const { ctx, footage } = props;
  const { tr } = ctx;
  const rows: { key: Parameters<Translator['t']>[0]; value: JSX.Element | string }[] = [
    { key: 'footage.facility', value: <span safe>{footage.facilityName}</span> },
    { key: 'footage.camera', value: <span safe>{footage.camera}</span> },
    { key: 'footage.place', value: <span safe>{footage.place}</span> },
    {
      key: 'footage.window',
      value: (
        <>
          <Moment tr={tr} at={footage.from} /> – <Moment tr={tr} at={footage.to} />
        </>
      ),
    },
    { key: 'footage.retainUntil', value: <Moment tr={tr} at={footage.retainUntil} /> },
    {
      key: 'footage.status',
      value:
        (footage.status === 'deleted' ? tr.t('footage.status.deleted') : tr.t('footage.status.kept')) +
        (footage.held ? ` — ${tr.t('footage.held')}` : ''),
    },
  ];
  return (
    <Layout ctx={ctx} title={tr.attr('footage.view.title')}>
      <h1 class="heading-xl">{tr.t('footage.view.title')}</h1>
      <div class="notice" role="status">
        <p class="notice__text">{tr.t('footage.view.recorded', { seq: footage.readSeq })}</p>
      </div>
      <dl class="summary">
        {rows.map((row) => (
          <div class="summary__row">
            <dt class="summary__key">{tr.t(row.key)}</dt>
            <dd class="summary__value">{row.value}</dd>
          </div>
        ))}
      </dl>
      {footage.status === 'kept' ? (
        <p>
          {tr.t('footage.view.system', {
            camera: footage.camera,
            from: formatMoment(tr.lang, footage.from),
            to: formatMoment(tr.lang, footage.to),
          })}
        </p>
      ) : (
        ''
      )}
      <ReadAuditLink ctx={ctx} kind="footage" record={footage.id} />
      <p>
        <a href={paths.footageOf(footage.facilityId)}>{tr.t('footage.back')}</a>
      </p>
    </Layout>
  );
}

/** The refusal of kz.cctv.women, said plainly (403). */
export function FootageRefusedPage(props: { ctx: PageContext }): JSX.Element {
  const { ctx } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('footage.refused.title')}>
      <h1 class="heading-xl">{tr.t('footage.refused.title')}</h1>
      <div class="warning-box" role="note">
        <p class="warning-box__text">
          <strong>{tr.t('footage.refused.text')}</strong> <code class="rule-id">kz.cctv.women</code>
        </p>
      </div>
      <p>
        <a href={paths.footage}>{tr.t('footage.back')}</a>
      </p>
    </Layout>
  );
}
