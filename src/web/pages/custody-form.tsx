import { CheckboxField, MomentField, TextAreaField } from '../components/custody-fields.js';
import { RadioField, TextField } from '../components/fields.js';
import {
  ChosenPersonFields,
  NO_SEARCH,
  PersonSearch,
  type ChosenPerson,
  type PersonSearchState,
} from '../components/person-search.js';
import { Layout } from '../components/layout.js';
import type { PageContext } from '../context.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import { DOCUMENT_ROW_FIELDS } from '../identity-documents.js';
import { paths } from '../paths.js';
import { PersonIdentityFields, type FacilityChoice } from './person-form.js';

/**
 * The fields of the arrest form: the arrest (POST /custody, DESIGN.md "Interfaces") with the
 * identity document the officer holds (issue 17) and, for a person not yet in the register, their
 * identity and documents (POST /people), registered first.
 */
export const ARREST_FIELDS = [
  'facilityId',
  'personMode',
  'personId',
  'documentKind',
  'documentNumber',
  'familyName',
  'givenNames',
  'patronymic',
  'birthDate-day',
  'birthDate-month',
  'birthDate-year',
  'sex',
  'citizenship',
  'languagesOther',
  ...DOCUMENT_ROW_FIELDS,
  'apprehendedAt',
  'apprehendedAt-offset',
  'place',
  'grounds',
  'arrestingOfficer',
  'orderingAuthority',
  'confirmTime',
] as const;

/** Why the form asks to confirm the time of apprehension (kz.custody.actual-time). */
export type TimeWarning = 'late' | 'future' | null;

export interface ArrestFormProps {
  ctx: PageContext;
  values: FormValues;
  /** Ticked language boxes of a new person. */
  languages: readonly string[];
  errors: readonly FieldError[];
  facilities: readonly FacilityChoice[];
  /** The server's time at rendering, for the script's check of the time of apprehension. */
  now: string;
  /** kz.custody.actual-time: a gap over this many hours between apprehension and record is flagged. */
  maxGapHours: number;
  /** Shown by the server when the stated time is far from now and was not confirmed. */
  warning: TimeWarning;
  /** A new person was registered, but the arrest was not: the form now names them by id. */
  registeredPersonId?: string | undefined;
  /** The search of the register (issue 18 item 10), as typed, and its matches; none made when absent. */
  search?: PersonSearchState;
  /** The person in the register the arrest is for, chosen with the search or linked from their record. */
  chosen?: ChosenPerson | null;
}

/**
 * Register an arrest (custody officer). The time of apprehension is the moment the person was
 * actually apprehended, and the register keeps it beside the moment the record is drawn up
 * (kz.custody.actual-time): a time far in the past needs an explicit confirmation, first in the
 * browser (public/custody.js) and, without JavaScript, by the server. The person is found with
 * the search of the register (issue 18 item 10) rather than by an id typed in; a person registered
 * at another facility only by the identity document they carry, and arrested on it (issue 17):
 * the register gives this unit nobody it has not got in front of it.
 */
export function ArrestFormPage(props: ArrestFormProps): JSX.Element {
  const { ctx, values, errors } = props;
  const { tr } = ctx;
  const mode = values.personMode === 'new' ? 'new' : 'existing';
  return (
    <Layout ctx={ctx} title={tr.attr('arrest.title')} errors={errors}>
      <h1 class="heading-xl">{tr.t('arrest.title')}</h1>
      <p class="lead">{tr.t('arrest.lead')}</p>
      {props.registeredPersonId ? (
        <div class="notice" role="status">
          <p class="notice__text">{tr.t('arrest.personRegistered', { id: props.registeredPersonId })}</p>
        </div>
      ) : (
        ''
      )}
      <PersonSearch
        ctx={ctx}
        action={paths.custodyLookup}
        search={props.search ?? NO_SEARCH}
        lead="search.lead.arrest"
        choose={{ label: 'search.pick', canChoose: () => true }}
      />
      <h2 class="heading-m">{tr.t('arrest.form.title')}</h2>
      <form
        class="form"
        method="post"
        action={paths.newCustody}
        novalidate
        data-arrest-form
        data-now={props.now}
        data-max-gap-hours={String(props.maxGapHours)}
      >
        <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
        {props.facilities.length > 1 ? (
          <RadioField
            tr={tr}
            name="facilityId"
            legend="arrest.facility"
            choices={props.facilities.map((facility) => ({ value: facility.id, label: facility.name }))}
            value={values.facilityId ?? ''}
            error={errorFor(errors, 'facilityId')}
          />
        ) : (
          ''
        )}

        <h2 class="heading-m">{tr.t('arrest.person.title')}</h2>
        <div class={['field', errorFor(errors, 'personMode') && 'field--error']}>
          <fieldset class="fieldset">
            <legend class="fieldset__legend">{tr.t('arrest.person.mode')}</legend>
            <div class="radios" data-reveal-group="personMode">
              <div class="radio">
                <input
                  class="radio__input"
                  type="radio"
                  id="personMode"
                  name="personMode"
                  value="existing"
                  checked={mode === 'existing'}
                  aria-controls="person-existing"
                />
                <label class="radio__label" for="personMode">
                  {tr.t('arrest.person.inRegister')}
                </label>
              </div>
              <div class="reveal" id="person-existing" data-reveal="existing">
                <ChosenPersonFields
                  tr={tr}
                  values={values}
                  errors={errors}
                  chosen={props.chosen ?? null}
                  idHint="search.id.hint.arrest"
                />
              </div>
              <div class="radio">
                <input
                  class="radio__input"
                  type="radio"
                  id="personMode-new"
                  name="personMode"
                  value="new"
                  checked={mode === 'new'}
                  aria-controls="person-new"
                />
                <label class="radio__label" for="personMode-new">
                  {tr.t('arrest.person.new')}
                </label>
              </div>
              <div class="reveal" id="person-new" data-reveal="new">
                <p class="field__hint">{tr.t('arrest.person.new.hint')}</p>
                <NewPersonFields {...props} />
              </div>
            </div>
          </fieldset>
        </div>

        <h2 class="heading-m">{tr.t('arrest.arrest.title')}</h2>
        <MomentField
          tr={tr}
          id="apprehendedAt"
          legend="arrest.apprehendedAt"
          hint="arrest.apprehendedAt.hint"
          value={{ local: values.apprehendedAt ?? '', offset: values['apprehendedAt-offset'] ?? '' }}
          error={errorFor(errors, 'apprehendedAt')}
        />
        <TimeWarningBox {...props} />
        <TextField
          tr={tr}
          id="place"
          label="arrest.place"
          hint="arrest.place.hint"
          value={values.place ?? ''}
          error={errorFor(errors, 'place')}
          maxlength={500}
        />
        <TextAreaField
          tr={tr}
          id="grounds"
          label="arrest.grounds"
          hint="arrest.grounds.hint"
          value={values.grounds ?? ''}
          error={errorFor(errors, 'grounds')}
          maxlength={2000}
        />
        <TextField
          tr={tr}
          id="arrestingOfficer"
          label="arrest.arrestingOfficer"
          hint="arrest.arrestingOfficer.hint"
          value={values.arrestingOfficer ?? ''}
          error={errorFor(errors, 'arrestingOfficer')}
          maxlength={200}
        />
        <TextField
          tr={tr}
          id="orderingAuthority"
          label="arrest.orderingAuthority"
          hint="arrest.orderingAuthority.hint"
          value={values.orderingAuthority ?? ''}
          error={errorFor(errors, 'orderingAuthority')}
          maxlength={200}
        />
        <button class="button" type="submit">
          {tr.t('arrest.submit')}
        </button>
      </form>
      <script src={paths.custodyScript} defer></script>
    </Layout>
  );
}

/**
 * The warning about the time of apprehension, with its confirmation. Present on every rendering,
 * hidden until needed: the script shows it as soon as the time is far from now; the server shows
 * it when the form came back unconfirmed.
 */
function TimeWarningBox(props: ArrestFormProps): JSX.Element {
  const { ctx, values, errors } = props;
  const { tr } = ctx;
  const hours = props.maxGapHours;
  return (
    <div
      class="warning-box"
      id="time-warning"
      role="alert"
      hidden={props.warning === null}
      data-time-warning={props.warning ?? undefined}
    >
      <p class="warning-box__text" data-warning-late hidden={props.warning === 'future'}>
        <strong>{tr.t('arrest.warning.late', { hours })}</strong>
      </p>
      <p class="warning-box__text" data-warning-future hidden={props.warning !== 'future'}>
        <strong>{tr.t('arrest.warning.future')}</strong>
      </p>
      <div data-warning-confirm hidden={props.warning === 'future'}>
        <CheckboxField
          tr={tr}
          id="confirmTime"
          label="arrest.confirmTime"
          hint="arrest.confirmTime.hint"
          checked={values.confirmTime === 'yes'}
          error={errorFor(errors, 'confirmTime')}
        />
      </div>
    </div>
  );
}

/** The identity of a person not yet in the register (the person form's fields, intl.register.minimum). */
function NewPersonFields(props: ArrestFormProps): JSX.Element {
  return (
    <PersonIdentityFields
      tr={props.ctx.tr}
      values={props.values}
      errors={props.errors}
      languages={props.languages}
      birthDateHint="arrest.birthDate.hint"
      citizenshipHint="arrest.citizenship.hint"
    />
  );
}
