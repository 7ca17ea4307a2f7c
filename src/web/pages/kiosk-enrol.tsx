import { FieldMessage } from '../components/error-summary.js';
import { RadioField, TextField } from '../components/fields.js';
import { Layout } from '../components/layout.js';
import type { PageContext } from '../context.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import { paths } from '../paths.js';
import type { FacilityChoice } from './person-form.js';

/** The fields of the enrolment form. */
export const ENROL_FIELDS = ['mode', 'facilityId', 'name', 'token'] as const;
export const ENROL_MODES = ['new', 'existing'] as const;

export interface KioskEnrolPageProps {
  ctx: PageContext;
  facilities: readonly FacilityChoice[];
  values: FormValues;
  errors: readonly FieldError[];
  /** This browser's current enrolment, if any. */
  current: { name: string; facility: string } | null;
  /** Just removed the enrolment. */
  removed: boolean;
}

/**
 * Enrol this browser as a facility's complaint kiosk (administrator): a new kiosk key for a
 * facility, or a key issued before (habeas token create --role kiosk). The key goes into the
 * terminal's HttpOnly cookie and the administrator is signed out (src/web/kiosk/enrolment.ts).
 */
export function KioskEnrolPage(props: KioskEnrolPageProps): JSX.Element {
  const { ctx, values, errors } = props;
  const { tr } = ctx;
  const facilityError = errorFor(errors, 'facilityId');
  return (
    <Layout ctx={ctx} title={tr.attr('kiosk.enrol.title')} errors={errors}>
      {props.removed ? (
        <div class="notice notice--success" role="status">
          <p class="notice__text">{tr.t('kiosk.enrol.removed')}</p>
        </div>
      ) : (
        ''
      )}
      <h1 class="heading-xl">{tr.t('kiosk.enrol.title')}</h1>
      <p class="lead">{tr.t('kiosk.enrol.lead')}</p>
      {props.current ? (
        <div class="panel">
          <p>{tr.t('kiosk.enrol.current', { name: props.current.name, facility: props.current.facility })}</p>
          <p>
            <a href={paths.kiosk}>{tr.t('kiosk.enrol.open')}</a>
          </p>
          <form method="post" action={paths.kioskUnenrol}>
            <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
            <button class="button button--secondary" type="submit">
              {tr.t('kiosk.enrol.remove')}
            </button>
          </form>
        </div>
      ) : (
        <p>{tr.t('kiosk.enrol.none')}</p>
      )}
      <form class="form" method="post" action={paths.kioskEnrol} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
        <RadioField
          tr={tr}
          name="mode"
          legend="kiosk.enrol.mode"
          choices={[
            { value: 'new', label: tr.attr('kiosk.enrol.mode.new') },
            { value: 'existing', label: tr.attr('kiosk.enrol.mode.existing') },
          ]}
          value={values.mode ?? 'new'}
          error={errorFor(errors, 'mode')}
        />
        <div class={['field', facilityError && 'field--error']}>
          <label class="field__label" for="facilityId">
            {tr.t('kiosk.enrol.facility')}
          </label>
          <p class="field__hint" id="facilityId-hint">
            {tr.t('kiosk.enrol.facility.hint')}
          </p>
          <FieldMessage tr={tr} id="facilityId" error={facilityError} />
          <select
            class={['select', facilityError && 'input--error']}
            id="facilityId"
            name="facilityId"
            aria-describedby={facilityError ? 'facilityId-hint facilityId-error' : 'facilityId-hint'}
            aria-invalid={facilityError ? 'true' : undefined}
          >
            <option value="">{tr.t('kiosk.enrol.facility.choose')}</option>
            {props.facilities.map((facility) => (
              <option value={facility.id} selected={facility.id === values.facilityId} safe>
                {facility.name}
              </option>
            ))}
          </select>
        </div>
        <TextField
          tr={tr}
          id="name"
          label="kiosk.enrol.name"
          hint="kiosk.enrol.name.hint"
          value={values.name ?? ''}
          error={errorFor(errors, 'name')}
          maxlength={200}
        />
        <TextField
          tr={tr}
          id="token"
          label="kiosk.enrol.token"
          hint="kiosk.enrol.token.hint"
          type="password"
          value=""
          error={errorFor(errors, 'token')}
          autocomplete="off"
          spellcheck={false}
          maxlength={200}
        />
        <div class="notice notice--warning">
          <p class="notice__text">{tr.t('kiosk.enrol.signout')}</p>
        </div>
        <button class="button" type="submit">
          {tr.t('kiosk.enrol.submit')}
        </button>
      </form>
    </Layout>
  );
}
