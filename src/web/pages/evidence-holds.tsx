import type { EvidenceHoldView } from '../../app/footage.js';
import { ROLES, type Role } from '../../access/principal.js';
import { HOLD_BASES, type HoldBasis } from '../../domain/footage/events.js';
import { MomentField, SelectField, TextAreaField } from '../components/custody-fields.js';
import { RadioField, TextField } from '../components/fields.js';
import { Layout } from '../components/layout.js';
import { RegisterList, type ListColumn } from '../components/register-list.js';
import type { PageContext } from '../context.js';
import type { ListState } from '../list-export.js';
import { formatMoment } from '../custody-time.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import type { MessageKey, Translator } from '../i18n.js';
import { paths } from '../paths.js';
import type { FacilityChoice } from './person-form.js';

/*
 * Evidence holds on camera footage (issue 18 item 4; intl.death.report): the holds in the reader's
 * scope, the form that places one (procurator, complaints officer, monitor), and one hold with
 * the form that releases it — which, for a hold on a death or an allegation of torture, only the
 * procurator may do (the page says so rather than offering a form that would be refused).
 */

export const HOLD_FIELDS = [
  'facilityId',
  'place',
  'from',
  'from-offset',
  'to',
  'to-offset',
  'basis',
  'reference',
  'reason',
] as const;

export const HOLD_STATUSES = ['active', 'released'] as const;
export type HoldStatusFilter = (typeof HOLD_STATUSES)[number] | '';

const basisKey = (basis: HoldBasis): MessageKey => `holds.basis.${basis}`;

/** Who placed or released a hold: the official's name and role, or Habeas itself on a recorded event. */
function actorText(
  tr: Translator,
  id: string | null,
  role: string | null,
  names: Record<string, string>,
): string {
  if (id === null) return '';
  if (id.startsWith('habeas:')) return tr.attr('holds.byHabeas');
  const roleText = (ROLES as readonly string[]).includes(role ?? '')
    ? tr.attr(`role.${role as Role}`)
    : (role ?? '');
  return [names[id] ?? id, roleText].filter((part) => part !== '').join(', ');
}

const windowText = (tr: Translator, hold: Pick<EvidenceHoldView, 'from' | 'to'>): string =>
  `${formatMoment(tr.lang, hold.from)} – ${formatMoment(tr.lang, hold.to)}`;

/** The holds' columns: the page's cells, and the CSV's text (no reason: the page does not show it). */
export function holdColumns(tr: Translator): ListColumn<EvidenceHoldView>[] {
  return [
    {
      key: 'facility',
      header: tr.attr('footage.facility'),
      rowHeader: true,
      cell: (hold) => (
        <a href={paths.evidenceHold(hold.id)} safe>
          {hold.facilityName}
        </a>
      ),
      csv: (hold) => hold.facilityName,
    },
    {
      key: 'place',
      header: tr.attr('footage.place'),
      cell: (hold) => <span safe>{hold.place ?? tr.attr('holds.everyPlace')}</span>,
      csv: (hold) => hold.place ?? tr.attr('holds.everyPlace'),
    },
    {
      key: 'window',
      header: tr.attr('holds.window'),
      cell: (hold) => <span safe>{windowText(tr, hold)}</span>,
      csv: (hold) => windowText(tr, hold),
    },
    {
      key: 'basis',
      header: tr.attr('holds.basis'),
      cell: (hold) => tr.t(basisKey(hold.basis)),
      csv: (hold) => tr.attr(basisKey(hold.basis)),
    },
    {
      key: 'reference',
      header: tr.attr('holds.reference'),
      cell: (hold) => <span safe>{hold.reference}</span>,
      csv: (hold) => hold.reference,
    },
    {
      key: 'placed',
      header: tr.attr('holds.placedAt'),
      cell: (hold) => (
        <time datetime={hold.placedAt} safe>
          {formatMoment(tr.lang, hold.placedAt)}
        </time>
      ),
      csv: (hold) => formatMoment(tr.lang, hold.placedAt),
    },
    {
      key: 'status',
      header: tr.attr('holds.status'),
      cell: (hold) => (
        <strong class={['tag', hold.status === 'active' ? 'tag--active' : 'tag--inactive']}>
          {tr.t(`holds.status.${hold.status}`)}
        </strong>
      ),
      csv: (hold) => tr.attr(`holds.status.${hold.status}`),
    },
  ];
}

/** The holds list's filters, as the GET form sends them (empty: any). */
export interface HoldFilters {
  status: HoldStatusFilter;
  facilityId: string;
  placedFrom: string;
  placedTo: string;
}

/** The holds in the reader's scope, newest first, with filters and the link to place one. */
export function EvidenceHoldsPage(props: {
  ctx: PageContext;
  items: readonly EvidenceHoldView[];
  facilities: readonly FacilityChoice[];
  filters: HoldFilters;
  list: ListState;
  canPlace: boolean;
}): JSX.Element {
  const { ctx, filters } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('holds.title')}>
      <h1 class="heading-xl">{tr.t('holds.title')}</h1>
      {props.list.printing ? '' : <p class="lead">{tr.t('holds.lead')}</p>}
      {props.canPlace && !props.list.printing ? (
        <p>
          <a class="button" href={paths.newEvidenceHold}>
            {tr.t('holds.place.link')}
          </a>
        </p>
      ) : (
        ''
      )}
      <RegisterList
        ctx={ctx}
        id="holds"
        action={paths.evidenceHolds}
        caption={tr.attr('holds.caption', { count: props.items.length })}
        empty={tr.attr('holds.empty')}
        columns={holdColumns(tr)}
        rows={props.items}
        {...props.list}
        filters={[
          {
            kind: 'select',
            name: 'status',
            label: tr.attr('holds.status'),
            value: filters.status,
            options: [
              { value: '', label: tr.attr('holds.status.any') },
              ...HOLD_STATUSES.map((status) => ({ value: status, label: tr.attr(`holds.status.${status}`) })),
            ],
          },
          {
            kind: 'select',
            name: 'facilityId',
            label: tr.attr('footage.facility'),
            value: filters.facilityId,
            options: [
              { value: '', label: tr.attr('holds.facility.any') },
              ...props.facilities.map((facility) => ({ value: facility.id, label: facility.name })),
            ],
          },
          {
            kind: 'date-range',
            name: 'placed',
            label: tr.attr('holds.placedAt'),
            from: filters.placedFrom,
            to: filters.placedTo,
          },
        ]}
      />
    </Layout>
  );
}

/** Place a hold on the footage of a facility's place (or every place) over a time window. */
export function EvidenceHoldFormPage(props: {
  ctx: PageContext;
  facilities: readonly FacilityChoice[];
  values: FormValues;
  errors: readonly FieldError[];
}): JSX.Element {
  const { ctx, values, errors } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('holds.place.title')} errors={errors}>
      <h1 class="heading-xl">{tr.t('holds.place.title')}</h1>
      <p class="lead">{tr.t('holds.place.lead')}</p>
      <form class="form" method="post" action={paths.newEvidenceHold} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
        <SelectField
          tr={tr}
          id="facilityId"
          label="footage.facility"
          choices={props.facilities.map((facility) => ({ value: facility.id, label: facility.name }))}
          value={values.facilityId ?? ''}
          error={errorFor(errors, 'facilityId')}
          placeholder="footage.facility.choose"
        />
        <TextField
          tr={tr}
          id="place"
          label="holds.place"
          hint="holds.place.hint"
          value={values.place ?? ''}
          error={errorFor(errors, 'place')}
          autocomplete="off"
          maxlength={200}
        />
        <MomentField
          tr={tr}
          id="from"
          legend="holds.from"
          value={{ local: values.from ?? '', offset: values['from-offset'] ?? '' }}
          error={errorFor(errors, 'from')}
        />
        <MomentField
          tr={tr}
          id="to"
          legend="holds.to"
          hint="holds.to.hint"
          value={{ local: values.to ?? '', offset: values['to-offset'] ?? '' }}
          error={errorFor(errors, 'to')}
        />
        <RadioField
          tr={tr}
          name="basis"
          legend="holds.basis"
          hint="holds.basis.hint"
          choices={HOLD_BASES.map((basis) => ({ value: basis, label: tr.attr(basisKey(basis)) }))}
          value={values.basis ?? ''}
          error={errorFor(errors, 'basis')}
        />
        <TextField
          tr={tr}
          id="reference"
          label="holds.reference"
          hint="holds.reference.hint"
          value={values.reference ?? ''}
          error={errorFor(errors, 'reference')}
          width="medium"
          autocomplete="off"
          maxlength={100}
        />
        <TextAreaField
          tr={tr}
          id="reason"
          label="holds.reason"
          hint="holds.reason.hint"
          value={values.reason ?? ''}
          error={errorFor(errors, 'reason')}
          maxlength={1000}
        />
        <button class="button" type="submit">
          {tr.t('holds.place.submit')}
        </button>
      </form>
      <p>
        <a href={paths.evidenceHolds}>{tr.t('holds.back')}</a>
      </p>
    </Layout>
  );
}

/** What the hold page offers its reader about releasing it. */
export type ReleaseOption = 'form' | 'procurator-only' | 'none';

/** One hold: what it keeps and why, who placed (and released) it, and the form that releases it. */
export function EvidenceHoldPage(props: {
  ctx: PageContext;
  hold: EvidenceHoldView;
  names: Record<string, string>;
  release: ReleaseOption;
  values: FormValues;
  errors: readonly FieldError[];
  /** Just placed or just released. */
  recorded: 'placed' | 'released' | null;
}): JSX.Element {
  const { ctx, hold, errors } = props;
  const { tr } = ctx;
  const rows: { key: MessageKey; value: string }[] = [
    { key: 'footage.facility', value: hold.facilityName },
    { key: 'footage.place', value: hold.place ?? tr.attr('holds.everyPlace') },
    { key: 'holds.window', value: windowText(tr, hold) },
    { key: 'holds.basis', value: tr.attr(basisKey(hold.basis)) },
    { key: 'holds.reference', value: hold.reference },
    { key: 'holds.reason', value: hold.reason },
    { key: 'holds.placedAt', value: formatMoment(tr.lang, hold.placedAt) },
    { key: 'holds.placedBy', value: actorText(tr, hold.placedBy, hold.placedByRole, props.names) },
    { key: 'holds.status', value: tr.attr(`holds.status.${hold.status}`) },
  ];
  if (hold.status === 'released')
    rows.push(
      { key: 'holds.releasedAt', value: formatMoment(tr.lang, hold.releasedAt ?? '') },
      { key: 'holds.releasedBy', value: actorText(tr, hold.releasedBy, hold.releasedByRole, props.names) },
      { key: 'holds.releaseReason', value: hold.releaseReason ?? '' },
    );
  return (
    <Layout ctx={ctx} title={tr.attr('holds.hold.title')} errors={errors}>
      {props.recorded ? (
        <div class="notice notice--success" role="status">
          <p class="notice__text">{tr.t(props.recorded === 'placed' ? 'holds.placed' : 'holds.released')}</p>
        </div>
      ) : (
        ''
      )}
      <h1 class="heading-xl">{tr.t('holds.hold.title')}</h1>
      <dl class="summary">
        {rows.map((row) => (
          <div class="summary__row">
            <dt class="summary__key">{tr.t(row.key)}</dt>
            <dd class="summary__value" safe>
              {row.value}
            </dd>
          </div>
        ))}
      </dl>
      {props.release === 'procurator-only' ? (
        <div class="warning-box" role="note">
          <p class="warning-box__text">
            <strong>{tr.t('holds.release.procurator')}</strong>
          </p>
        </div>
      ) : props.release === 'form' ? (
        <section class="section" aria-labelledby="release-title">
          <h2 class="heading-m" id="release-title">
            {tr.t('holds.release.title')}
          </h2>
          <p>{tr.t('holds.release.lead')}</p>
          <form class="form" method="post" action={paths.evidenceHoldRelease(hold.id)} novalidate>
            <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
            <TextAreaField
              tr={tr}
              id="reason"
              label="holds.release.reason"
              hint="holds.release.reason.hint"
              value={props.values.reason ?? ''}
              error={errorFor(errors, 'reason')}
              maxlength={1000}
            />
            <button class="button button--warning" type="submit">
              {tr.t('holds.release.submit')}
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
      <p>
        <a href={paths.footageOf(hold.facilityId)}>{tr.t('holds.footage')}</a>
      </p>
      <p>
        <a href={paths.evidenceHolds}>{tr.t('holds.back')}</a>
      </p>
    </Layout>
  );
}
