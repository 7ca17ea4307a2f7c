import { TextAreaField } from '../components/custody-fields.js';
import { Layout } from '../components/layout.js';
import type { PageContext } from '../context.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import { documentRowInputs } from '../identity-documents.js';
import { paths } from '../paths.js';
import { PersonIdentityFields } from './person-form.js';

/*
 * The correction of a person's details (issue 18 item 2): the person form's fields, filled in with
 * the details in force, and the reason. What differs from the register is recorded as one
 * correction beside the registration (POST /people/{id}/corrections), with the official's name;
 * nothing is overwritten.
 */

/** The most document rows the form reads (the register keeps at most this many per person). */
export const CORRECTION_DOCUMENT_ROWS = 10;

/** The fields of the correction form. */
export const CORRECTION_FIELDS = [
  'familyName',
  'givenNames',
  'patronymic',
  'birthDate-day',
  'birthDate-month',
  'birthDate-year',
  'sex',
  'citizenship',
  'languagesOther',
  ...documentRowInputs(CORRECTION_DOCUMENT_ROWS),
  'reason',
] as const;

export function PersonCorrectionPage(props: {
  ctx: PageContext;
  personId: string;
  /** The person's name as the register has it now, for the heading. */
  name: string;
  values: FormValues;
  /** Checked language boxes. */
  languages: readonly string[];
  /** Document rows shown: the person form's two, or as many as the person holds. */
  documentRows: number;
  errors: readonly FieldError[];
}): JSX.Element {
  const { ctx, values, errors } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('person.correct.title')} errors={errors}>
      <h1 class="heading-xl">{tr.t('person.correct.title')}</h1>
      <p class="lead" safe>
        {props.name}
      </p>
      <p>{tr.t('person.correct.lead')}</p>
      <form class="form" method="post" action={paths.personCorrection(props.personId)} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
        <PersonIdentityFields
          tr={tr}
          values={values}
          errors={errors}
          languages={props.languages}
          birthDateHint="person.birthDate.hint"
          citizenshipHint="person.citizenship.hint"
          documentRows={props.documentRows}
        />
        <TextAreaField
          tr={tr}
          id="reason"
          label="person.correct.reason"
          hint="person.correct.reason.hint"
          value={values.reason ?? ''}
          error={errorFor(errors, 'reason')}
          maxlength={1000}
        />
        <button class="button" type="submit">
          {tr.t('person.correct.submit')}
        </button>
      </form>
      <p>
        <a href={paths.person(props.personId)}>{tr.t('person.correct.back')}</a>
      </p>
    </Layout>
  );
}
