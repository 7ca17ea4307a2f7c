import type { EvidenceHoldView } from '../../app/footage.js';
import { ROLES, type Role } from '../../access/principal.js';
import { HOLD_BASES, type HoldBasis } from '../../domain/footage/events.js';
import { MomentField, SelectField, TextAreaField } from '../components/custody-fields.js';
import { RadioField, TextField } from '../components/fields.js';
import { Layout } from '../components/layout.js';
import type { PageContext } from '../context.js';
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

/** The holds in the reader's scope, newest first, with filters and the link to place one. */
export function EvidenceHoldsPage(props: {
  ctx: PageContext;
  items: readonly EvidenceHoldView[];
  facilities: readonly FacilityChoice[];
  filters: { status: HoldStatusFilter; facilityId: string };
  nextPage: string | null;
  canPlace: boolean;
}): JSX.Element {
  const { ctx, items, filters } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('holds.title')}>
      <h1 class="heading-xl">{tr.t('holds.title')}</h1>
      <p class="lead">{tr.t('holds.lead')}</p>
      {props.canPlace ? (
        <p>
          <a class="button" href={paths.newEvidenceHold}>
            {tr.t('holds.place.link')}
          </a>
        </p>
      ) : (
        ''
      )}
      <form class="filters" method="get" action={paths.evidenceHolds} aria-labelledby="holds-filter">
        <h2 class="filters__title" id="holds-filter">
          {tr.t('holds.filter')}
        </h2>
        <div class="filters__fields">
          <div class="field field--inline">
            <label class="field__label" for="status">
              {tr.t('holds.status')}
            </label>
            <select class="select" id="status" name="status">
              <option value="" selected={filters.status === ''}>
                {tr.t('holds.status.any')}
              </option>
              {HOLD_STATUSES.map((status) => (
                <option value={status} selected={filters.status === status}>
                  {tr.t(`holds.status.${status}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field field--inline">
            <label class="field__label" for="facilityId">
              {tr.t('footage.facility')}
            </label>
            <select class="select" id="facilityId" name="facilityId">
              <option value="" selected={filters.facilityId === ''}>
                {tr.t('holds.facility.any')}
              </option>
              {props.facilities.map((facility) => (
                <option value={facility.id} selected={filters.facilityId === facility.id} safe>
                  {facility.name}
                </option>
              ))}
            </select>
          </div>
          <button class="button button--secondary filters__button" type="submit">
            {tr.t('footage.choose')}
          </button>
        </div>
      </form>
      {items.length === 0 ? (
        <p class="empty">{tr.t('holds.empty')}</p>
      ) : (
        <div class="table-wrap" role="region" aria-labelledby="holds-caption" tabindex="0">
          <table class="table">
            <caption class="table__caption" id="holds-caption">
              {tr.t('holds.caption', { count: items.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{tr.t('footage.facility')}</th>
                <th scope="col">{tr.t('footage.place')}</th>
                <th scope="col">{tr.t('holds.window')}</th>
                <th scope="col">{tr.t('holds.basis')}</th>
                <th scope="col">{tr.t('holds.reference')}</th>
                <th scope="col">{tr.t('holds.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((hold) => (
                <tr>
                  <td>
                    <a href={paths.evidenceHold(hold.id)} safe>
                      {hold.facilityName}
                    </a>
                  </td>
                  <td safe>{hold.place ?? tr.attr('holds.everyPlace')}</td>
                  <td safe>{windowText(tr, hold)}</td>
                  <td>{tr.t(basisKey(hold.basis))}</td>
                  <td safe>{hold.reference}</td>
                  <td>
                    <strong class={['tag', hold.status === 'active' ? 'tag--active' : 'tag--inactive']}>
                      {tr.t(`holds.status.${hold.status}`)}
                    </strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.nextPage !== null ? (
        <p>
          <a href={props.nextPage}>{tr.t('pager.next')}</a>
        </p>
      ) : (
        ''
      )}
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
