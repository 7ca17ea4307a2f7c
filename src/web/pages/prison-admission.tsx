import { CheckboxField, MomentField, TextAreaField } from '../components/custody-fields.js';
import {
  ChosenPersonFields,
  NO_SEARCH,
  PersonSearch,
  type ChosenPerson,
  type PersonSearchState,
} from '../components/person-search.js';
import { DateInput } from '../components/prison-fields.js';
import { RadioField, TextField } from '../components/fields.js';
import { Layout } from '../components/layout.js';
import type { PageContext } from '../context.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import { paths } from '../paths.js';
import type { FacilityChoice } from './person-form.js';

/**
 * The fields of the admission form: POST /prison/admissions (src/domain/prison/inputs.ts) with
 * the commitment order's parts, the police custody episode carried over, and a life sentence.
 */
export const ADMISSION_FIELDS = [
  'facilityId',
  'personId',
  'admittedAt',
  'admittedAt-offset',
  'orderReference',
  'orderAuthority',
  'orderIssuedOn',
  'orderGrounds',
  'custodyId',
  'documentKind',
  'documentNumber',
  'lifeSentence',
] as const;

export interface AdmissionFormProps {
  ctx: PageContext;
  values: FormValues;
  errors: readonly FieldError[];
  /** The remand centres and prisons the official admits to; a choice only when there are several. */
  facilities: readonly FacilityChoice[];
  /** The search of the register (issue 18 item 10), as typed, and its matches; none made when absent. */
  search?: PersonSearchState | undefined;
  /** The person the admission is for, chosen with the search or named by a link. */
  chosen: ChosenPerson | null;
  /** The server's time at rendering: the latest moment of admission. */
  now: string;
}

/**
 * Admit a person to a remand centre or prison (prison officer or governor): the register entry of
 * intl.register.minimum. The person is found with the search of the register (issue 18 item 10):
 * by name and date of birth as the commitment order gives them, among the people of the facility
 * and those a police custody unit handed over to it, or by an identity document they carry;
 * someone not yet registered is registered first on the person form. A person registered
 * elsewhere is admitted on the document the officer holds, or on a police custody unit's
 * hand-over, which names its episode (issue 17).
 */
export function AdmissionFormPage(props: AdmissionFormProps): JSX.Element {
  const { ctx, values, errors } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('admit.title')} errors={errors}>
      <h1 class="heading-xl">{tr.t('admit.title')}</h1>
      <p class="lead">{tr.t('admit.lead')}</p>

      <PersonSearch
        ctx={ctx}
        action={paths.prisonAdmitLookup}
        search={props.search ?? NO_SEARCH}
        lead="search.lead.admission"
        choose={{ label: 'admit.lookup.pick', canChoose: (match) => match.heldStayId === null }}
      />

      <h2 class="heading-m">{tr.t('admit.form.title')}</h2>
      <form class="form" method="post" action={paths.prisonAdmit} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
        {props.facilities.length > 1 ? (
          <RadioField
            tr={tr}
            name="facilityId"
            legend="admit.facility"
            choices={props.facilities.map((facility) => ({ value: facility.id, label: facility.name }))}
            value={values.facilityId ?? ''}
            error={errorFor(errors, 'facilityId')}
          />
        ) : (
          <p>
            {tr.t('admit.facility.only')} <strong safe>{props.facilities[0]?.name ?? ''}</strong>
          </p>
        )}
        <ChosenPersonFields
          tr={tr}
          values={values}
          errors={errors}
          chosen={props.chosen}
          idHint="search.id.hint.admission"
        />
        <p>
          <a href={paths.newPerson}>{tr.t('admit.registerFirst')}</a>
        </p>
        <MomentField
          tr={tr}
          id="admittedAt"
          legend="admit.admittedAt"
          hint="admit.admittedAt.hint"
          value={{ local: values.admittedAt ?? '', offset: values['admittedAt-offset'] ?? '' }}
          error={errorFor(errors, 'admittedAt')}
        />
        <div class="field">
          <fieldset class="fieldset">
            <legend class="fieldset__legend">{tr.t('admit.order')}</legend>
            <p class="field__hint">{tr.t('admit.order.hint')}</p>
            <TextField
              tr={tr}
              id="orderReference"
              label="admit.order.reference"
              hint="admit.order.reference.hint"
              value={values.orderReference ?? ''}
              error={errorFor(errors, 'orderReference')}
              width="medium"
              maxlength={200}
            />
            <TextField
              tr={tr}
              id="orderAuthority"
              label="admit.order.authority"
              hint="admit.order.authority.hint"
              value={values.orderAuthority ?? ''}
              error={errorFor(errors, 'orderAuthority')}
              maxlength={200}
            />
            <DateInput
              tr={tr}
              id="orderIssuedOn"
              label="admit.order.issuedOn"
              value={values.orderIssuedOn ?? ''}
              error={errorFor(errors, 'orderIssuedOn')}
              max={props.now.slice(0, 10)}
            />
            <TextAreaField
              tr={tr}
              id="orderGrounds"
              label="admit.order.grounds"
              hint="admit.order.grounds.hint"
              value={values.orderGrounds ?? ''}
              error={errorFor(errors, 'orderGrounds')}
              maxlength={1000}
            />
          </fieldset>
        </div>
        <TextField
          tr={tr}
          id="custodyId"
          label="admit.custodyId"
          hint="admit.custodyId.hint"
          value={values.custodyId ?? ''}
          error={errorFor(errors, 'custodyId')}
          width="medium"
          spellcheck={false}
          autocomplete="off"
          maxlength={64}
        />
        <CheckboxField
          tr={tr}
          id="lifeSentence"
          label="admit.lifeSentence"
          hint="admit.lifeSentence.hint"
          checked={values.lifeSentence === 'yes'}
          error={errorFor(errors, 'lifeSentence')}
        />
        <button class="button" type="submit">
          {tr.t('admit.submit')}
        </button>
      </form>
    </Layout>
  );
}
