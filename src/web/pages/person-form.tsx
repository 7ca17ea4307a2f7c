import { SEXES } from '../../domain/registry/person.js';
import { DateField, RadioField, TextField } from '../components/fields.js';
import { DocumentRows } from '../components/identity-document-fields.js';
import { DOCUMENT_ROW_FIELDS } from '../identity-documents.js';
import { Layout } from '../components/layout.js';
import type { PageContext } from '../context.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import type { MessageKey, Translator } from '../i18n.js';
import { paths } from '../paths.js';

/**
 * The fields of the person form (POST /people, DESIGN.md "Interfaces"); the date comes as three
 * parts, the identity documents as rows (src/web/identity-documents.ts).
 */
export const PERSON_FIELDS = [
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
  'facilityId',
] as const;

/**
 * Languages offered as checkboxes: those most often spoken by people held in Kazakhstan; any other
 * is typed as a code. They matter for intl.custody.interpreter.
 */
export const COMMON_LANGUAGES = ['kk', 'ru', 'uz', 'ky', 'tg', 'ug', 'en'] as const;
export type CommonLanguage = (typeof COMMON_LANGUAGES)[number];

export interface FacilityChoice {
  id: string;
  name: string;
}

export interface PersonFormProps {
  ctx: PageContext;
  values: FormValues;
  /** Checked language boxes. */
  languages: readonly string[];
  errors: readonly FieldError[];
  /** The official's facilities; a choice is asked only when there are several (src/access/scopes.ts). */
  facilities: readonly FacilityChoice[];
}

/** Register a person deprived of liberty (custody officer, prison officer, governor). */
export function PersonFormPage(props: PersonFormProps): JSX.Element {
  const { ctx, values, errors } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('person.new.title')} errors={errors}>
      <h1 class="heading-xl">{tr.t('person.new.title')}</h1>
      <p>{tr.t('person.new.lead')}</p>
      <form class="form" method="post" action={paths.newPerson} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
        {props.facilities.length > 1 ? (
          <RadioField
            tr={tr}
            name="facilityId"
            legend="person.facility"
            choices={props.facilities.map((facility) => ({ value: facility.id, label: facility.name }))}
            value={values.facilityId ?? ''}
            error={errorFor(errors, 'facilityId')}
          />
        ) : (
          ''
        )}
        <PersonIdentityFields
          tr={tr}
          values={values}
          errors={errors}
          languages={props.languages}
          birthDateHint="person.birthDate.hint"
          citizenshipHint="person.citizenship.hint"
        />
        <button class="button" type="submit">
          {tr.t('person.submit')}
        </button>
      </form>
    </Layout>
  );
}

export function languageKey(language: CommonLanguage): MessageKey {
  return `language.${language}`;
}

/**
 * The identity of a person (intl.register.minimum) and the documents they carry (issue 17): on the
 * person form and, for someone not yet in the register, on the arrest form. The hints differ by
 * form; the fields do not.
 */
export function PersonIdentityFields(props: {
  tr: Translator;
  values: FormValues;
  errors: readonly FieldError[];
  /** Checked language boxes. */
  languages: readonly string[];
  birthDateHint: MessageKey;
  citizenshipHint: MessageKey;
  /** Rows of identity documents, when more than the person form's (a correction). */
  documentRows?: number;
}): JSX.Element {
  const { tr, values, errors } = props;
  const languagesError = errorFor(errors, 'languages');
  return (
    <>
      <TextField
        tr={tr}
        id="familyName"
        label="person.familyName"
        value={values.familyName ?? ''}
        error={errorFor(errors, 'familyName')}
        autocomplete="off"
        spellcheck={false}
        maxlength={200}
      />
      <TextField
        tr={tr}
        id="givenNames"
        label="person.givenNames"
        value={values.givenNames ?? ''}
        error={errorFor(errors, 'givenNames')}
        autocomplete="off"
        spellcheck={false}
        maxlength={200}
      />
      <TextField
        tr={tr}
        id="patronymic"
        label="person.patronymic"
        value={values.patronymic ?? ''}
        error={errorFor(errors, 'patronymic')}
        autocomplete="off"
        spellcheck={false}
        maxlength={200}
      />
      <DateField
        tr={tr}
        id="birthDate"
        legend="person.birthDate"
        hint={props.birthDateHint}
        value={{
          day: values['birthDate-day'] ?? '',
          month: values['birthDate-month'] ?? '',
          year: values['birthDate-year'] ?? '',
        }}
        error={errorFor(errors, 'birthDate')}
      />
      <RadioField
        tr={tr}
        name="sex"
        legend="person.sex"
        choices={SEXES.map((sex) => ({ value: sex, label: tr.attr(`person.sex.${sex}`) }))}
        value={values.sex ?? ''}
        error={errorFor(errors, 'sex')}
      />
      <TextField
        tr={tr}
        id="citizenship"
        label="person.citizenship"
        hint={props.citizenshipHint}
        value={values.citizenship ?? ''}
        error={errorFor(errors, 'citizenship')}
        width="short"
        autocomplete="off"
        spellcheck={false}
        maxlength={2}
      />
      <div class={['field', languagesError && 'field--error']}>
        <fieldset
          class="fieldset"
          aria-describedby={languagesError ? 'languages-hint languages-error' : 'languages-hint'}
        >
          <legend class="fieldset__legend">{tr.t('person.languages')}</legend>
          <p class="field__hint" id="languages-hint">
            {tr.t('person.languages.hint')}
          </p>
          {languagesError ? (
            <p class="field__error" id="languages-error">
              <span class="visually-hidden">{tr.t('errors.prefix')}</span> {tr.t(languagesError.message)}
            </p>
          ) : (
            ''
          )}
          <div class="checkboxes">
            {COMMON_LANGUAGES.map((language, index) => (
              <div class="checkbox">
                <input
                  class="checkbox__input"
                  type="checkbox"
                  id={index === 0 ? 'languages' : `languages-${language}`}
                  name="languages"
                  value={language}
                  checked={props.languages.includes(language)}
                />
                <label class="checkbox__label" for={index === 0 ? 'languages' : `languages-${language}`}>
                  {tr.t(languageKey(language))}
                </label>
              </div>
            ))}
          </div>
          <TextField
            tr={tr}
            id="languagesOther"
            label="person.languagesOther"
            hint="person.languagesOther.hint"
            value={values.languagesOther ?? ''}
            error={undefined}
            width="medium"
            spellcheck={false}
            maxlength={200}
          />
        </fieldset>
      </div>
      <DocumentRows tr={tr} values={values} errors={errors} rows={props.documentRows} />
    </>
  );
}
