import type { FootageView } from '../../app/footage.js';
import { MomentField, SelectField, TextAreaField } from '../components/custody-fields.js';
import { TextField } from '../components/fields.js';
import { Layout } from '../components/layout.js';
import type { PageContext } from '../context.js';
import { formatMoment } from '../custody-time.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import type { MessageKey } from '../i18n.js';
import { paths } from '../paths.js';
import type { FacilityChoice } from './person-form.js';

/*
 * The footage forms (issue 18 item 4): a recording registered by the facility's staff
 * (`footage.register`, POST /footage) and its deletion recorded by the governor (`footage.delete`,
 * POST /footage/{id}/deletion) — refused while an evidence hold covers it (intl.death.report).
 * Habeas keeps which camera filmed which place and when, never the images.
 */

export const FOOTAGE_FIELDS = [
  'facilityId',
  'camera',
  'place',
  'from',
  'from-offset',
  'to',
  'to-offset',
  'retainUntil',
  'retainUntil-offset',
] as const;

/** Register a recording (prison officer or governor of the facility). */
export function FootageRegisterPage(props: {
  ctx: PageContext;
  facilities: readonly FacilityChoice[];
  values: FormValues;
  errors: readonly FieldError[];
}): JSX.Element {
  const { ctx, values, errors } = props;
  const { tr } = ctx;
  const only = props.facilities.length === 1 ? props.facilities[0] : undefined;
  return (
    <Layout ctx={ctx} title={tr.attr('footage.register.title')} errors={errors}>
      <h1 class="heading-xl">{tr.t('footage.register.title')}</h1>
      <p class="lead">{tr.t('footage.register.lead')}</p>
      <form class="form" method="post" action={paths.newFootage} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
        {only ? (
          <>
            <input type="hidden" name="facilityId" value={only.id} />
            <p>
              {tr.t('footage.facility')}: <strong safe>{only.name}</strong>
            </p>
          </>
        ) : (
          <SelectField
            tr={tr}
            id="facilityId"
            label="footage.facility"
            choices={props.facilities.map((facility) => ({ value: facility.id, label: facility.name }))}
            value={values.facilityId ?? ''}
            error={errorFor(errors, 'facilityId')}
            placeholder="footage.facility.choose"
          />
        )}
        <TextField
          tr={tr}
          id="camera"
          label="footage.camera"
          hint="footage.camera.hint"
          value={values.camera ?? ''}
          error={errorFor(errors, 'camera')}
          width="medium"
          autocomplete="off"
          maxlength={100}
        />
        <TextField
          tr={tr}
          id="place"
          label="footage.place"
          hint="footage.place.hint"
          value={values.place ?? ''}
          error={errorFor(errors, 'place')}
          autocomplete="off"
          maxlength={200}
        />
        <MomentField
          tr={tr}
          id="from"
          legend="footage.from"
          value={{ local: values.from ?? '', offset: values['from-offset'] ?? '' }}
          error={errorFor(errors, 'from')}
        />
        <MomentField
          tr={tr}
          id="to"
          legend="footage.to"
          hint="footage.to.hint"
          value={{ local: values.to ?? '', offset: values['to-offset'] ?? '' }}
          error={errorFor(errors, 'to')}
        />
        <MomentField
          tr={tr}
          id="retainUntil"
          legend="footage.retainUntil"
          hint="footage.retainUntil.hint"
          value={{ local: values.retainUntil ?? '', offset: values['retainUntil-offset'] ?? '' }}
          error={errorFor(errors, 'retainUntil')}
        />
        <button class="button" type="submit">
          {tr.t('footage.register.submit')}
        </button>
      </form>
      <p>
        <a href={paths.footage}>{tr.t('footage.back')}</a>
      </p>
    </Layout>
  );
}

/** A reference's camera, place, window, retention and state, as the deletion page shows it. */
export function FootageSummary(props: { ctx: PageContext; footage: FootageView }): JSX.Element {
  const { ctx, footage } = props;
  const { tr } = ctx;
  const rows: { key: MessageKey; value: string }[] = [
    { key: 'footage.facility', value: footage.facilityName },
    { key: 'footage.camera', value: footage.camera },
    { key: 'footage.place', value: footage.place },
    {
      key: 'footage.window',
      value: `${formatMoment(tr.lang, footage.from)} – ${formatMoment(tr.lang, footage.to)}`,
    },
    { key: 'footage.retainUntil', value: formatMoment(tr.lang, footage.retainUntil) },
    {
      key: 'footage.status',
      value:
        (footage.status === 'deleted' ? tr.attr('footage.status.deleted') : tr.attr('footage.status.kept')) +
        (footage.held ? ` — ${tr.attr('footage.held')}` : ''),
    },
  ];
  return (
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
  );
}

/**
 * Record that a recording is deleted (the governor): the reference, and the reason — or, while an
 * evidence hold covers it, why it cannot be deleted. The facility learns that a hold exists, not why.
 */
export function FootageDeletionPage(props: {
  ctx: PageContext;
  footage: FootageView;
  values: FormValues;
  errors: readonly FieldError[];
}): JSX.Element {
  const { ctx, footage, values, errors } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('footage.delete.title')} errors={errors}>
      <h1 class="heading-xl">{tr.t('footage.delete.title')}</h1>
      <FootageSummary ctx={ctx} footage={footage} />
      {footage.status === 'deleted' ? (
        <div class="notice" role="status">
          <p class="notice__text">
            {tr.t('footage.delete.already', { when: formatMoment(tr.lang, footage.deletedAt ?? '') })}
          </p>
        </div>
      ) : footage.held ? (
        <div class="warning-box" role="note">
          <p class="warning-box__text">
            <strong>{tr.t('footage.delete.held')}</strong>
          </p>
        </div>
      ) : (
        <>
          <p>{tr.t('footage.delete.lead')}</p>
          <form class="form" method="post" action={paths.footageDeletion(footage.id)} novalidate>
            <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
            <TextAreaField
              tr={tr}
              id="reason"
              label="footage.delete.reason"
              hint="footage.delete.reason.hint"
              value={values.reason ?? ''}
              error={errorFor(errors, 'reason')}
              maxlength={1000}
            />
            <button class="button button--warning" type="submit">
              {tr.t('footage.delete.submit')}
            </button>
          </form>
        </>
      )}
      <p>
        <a href={paths.footageOf(footage.facilityId)}>{tr.t('footage.back')}</a>
      </p>
    </Layout>
  );
}
