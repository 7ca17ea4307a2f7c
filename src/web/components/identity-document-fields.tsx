import type { DocumentMatch } from '../../app/person-search.js';
import { IDENTITY_DOCUMENT_KINDS } from '../../domain/registry/identity-document.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import { formatDate } from '../format.js';
import type { MessageKey, Translator } from '../i18n.js';
import { DOCUMENT_ROWS, documentKindName, documentRowFields } from '../identity-documents.js';
import { SelectField } from './custody-fields.js';
import { FieldMessage } from './error-summary.js';
import { TextField } from './fields.js';

/*
 * Identity documents on the pages (issue 17 item 5), shared by the person form, the arrest form
 * and the admission form: the rows a registration carries, the document an officer holds, and
 * the look-up by document with its matches (names, birth date and sex — nothing else).
 */

const kindChoices = (tr: Translator) =>
  IDENTITY_DOCUMENT_KINDS.map((kind) => ({ value: kind, label: tr.attr(`document.kind.${kind}`) }));

/** The documents of a registration: a few rows of kind, number and issuer; empty rows are left out. */
export function DocumentRows(props: {
  tr: Translator;
  values: FormValues;
  errors: readonly FieldError[];
}): JSX.Element {
  const { tr, values, errors } = props;
  return (
    <div class="field">
      <fieldset class="fieldset" aria-describedby="documents-hint">
        <legend class="fieldset__legend">{tr.t('person.documents')}</legend>
        <p class="field__hint" id="documents-hint">
          {tr.t('person.documents.hint')}
        </p>
        {Array.from({ length: DOCUMENT_ROWS }, (_, index) => {
          const fields = documentRowFields(index + 1);
          return (
            <fieldset class="fieldset fieldset--nested">
              <legend class="fieldset__legend fieldset__legend--s">
                {tr.t('person.document.row', { number: index + 1 })}
              </legend>
              <SelectField
                tr={tr}
                id={fields.kind}
                label="document.kind"
                choices={kindChoices(tr)}
                value={values[fields.kind] ?? ''}
                error={errorFor(errors, fields.kind)}
                placeholder="document.kind.none"
              />
              <TextField
                tr={tr}
                id={fields.number}
                label="document.number"
                hint="document.number.hint"
                value={values[fields.number] ?? ''}
                error={errorFor(errors, fields.number)}
                width="medium"
                autocomplete="off"
                spellcheck={false}
                maxlength={60}
              />
              <TextField
                tr={tr}
                id={fields.issuedBy}
                label="document.issuedBy"
                value={values[fields.issuedBy] ?? ''}
                error={errorFor(errors, fields.issuedBy)}
                autocomplete="off"
                maxlength={200}
              />
            </fieldset>
          );
        })}
      </fieldset>
    </div>
  );
}

/** The document the officer holds, for a person registered elsewhere (arrest and admission forms). */
export function HeldDocumentFields(props: {
  tr: Translator;
  values: FormValues;
  errors: readonly FieldError[];
}): JSX.Element {
  const { tr, values, errors } = props;
  return (
    <div class="field">
      <fieldset class="fieldset" aria-describedby="held-document-hint">
        <legend class="fieldset__legend">{tr.t('reach.document')}</legend>
        <p class="field__hint" id="held-document-hint">
          {tr.t('reach.document.hint')}
        </p>
        <SelectField
          tr={tr}
          id="documentKind"
          label="document.kind"
          choices={kindChoices(tr)}
          value={values.documentKind ?? ''}
          error={errorFor(errors, 'documentKind')}
          placeholder="document.kind.none"
        />
        <TextField
          tr={tr}
          id="documentNumber"
          label="document.number"
          hint="document.number.hint"
          value={values.documentNumber ?? ''}
          error={errorFor(errors, 'documentNumber')}
          width="medium"
          autocomplete="off"
          spellcheck={false}
          maxlength={60}
        />
      </fieldset>
    </div>
  );
}

/** What the look-up by document shows: as typed, its matches (null: none made), and whether it was invalid. */
export interface DocumentLookupState {
  kind: string;
  number: string;
  matches: readonly DocumentMatch[] | null;
  error: boolean;
}

export const NO_DOCUMENT_LOOKUP: DocumentLookupState = { kind: '', number: '', matches: null, error: false };

/**
 * The look-up by identity document: a posted form (the number never in an address), and each
 * match with a button that posts the look-up again choosing that person, so that the main form
 * comes back with the person and the document filled in.
 */
export function DocumentLookup(props: {
  tr: Translator;
  csrfToken: string;
  action: string;
  lookup: DocumentLookupState;
}): JSX.Element {
  const { tr, lookup } = props;
  const error: FieldError | undefined = lookup.error
    ? { field: 'lookupDocumentNumber', message: 'lookup.document.invalid' }
    : undefined;
  return (
    <section class="section" aria-labelledby="document-lookup-title">
      <h2 class="heading-m" id="document-lookup-title">
        {tr.t('lookup.document.title')}
      </h2>
      <p>{tr.t('lookup.document.lead')}</p>
      <form class="filters" method="post" action={props.action} aria-labelledby="document-lookup-title">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <div class="filters__fields">
          <div class="field field--inline">
            <label class="field__label" for="lookupDocumentKind">
              {tr.t('document.kind')}
            </label>
            <select class="select" id="lookupDocumentKind" name="lookupDocumentKind">
              {kindChoices(tr).map((choice) => (
                <option value={choice.value} selected={choice.value === lookup.kind} safe>
                  {choice.label}
                </option>
              ))}
            </select>
          </div>
          <div class={['field', 'field--inline', error && 'field--error']}>
            <label class="field__label" for="lookupDocumentNumber">
              {tr.t('document.number')}
            </label>
            <FieldMessage tr={tr} id="lookupDocumentNumber" error={error} />
            <input
              class="input input--medium"
              id="lookupDocumentNumber"
              name="lookupDocumentNumber"
              type="text"
              value={lookup.number}
              autocomplete="off"
              spellcheck="false"
              maxlength={60}
              aria-describedby={error ? 'lookupDocumentNumber-error' : undefined}
            />
          </div>
          <button class="button button--secondary filters__button" type="submit">
            {tr.t('lookup.document.submit')}
          </button>
        </div>
      </form>
      <DocumentMatches {...props} />
    </section>
  );
}

function DocumentMatches(props: {
  tr: Translator;
  csrfToken: string;
  action: string;
  lookup: DocumentLookupState;
}): JSX.Element {
  const { tr, lookup } = props;
  if (lookup.matches === null) return '';
  if (lookup.matches.length === 0)
    return (
      <p class="empty" role="status">
        {tr.t('lookup.document.none')}
      </p>
    );
  return (
    <div class="table-wrap" role="region" aria-labelledby="document-matches-caption" tabindex="0">
      <table class="table">
        <caption class="table__caption" id="document-matches-caption">
          {tr.t('lookup.document.caption', { count: lookup.matches.length })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{tr.t('prison.person')}</th>
            <th scope="col">{tr.t('person.birthDate')}</th>
            <th scope="col">{tr.t('person.sex')}</th>
            <th scope="col">{tr.t('admit.lookup.choose')}</th>
          </tr>
        </thead>
        <tbody>
          {lookup.matches.map((match) => {
            const name = [match.familyName, match.givenNames, match.patronymic ?? '']
              .filter((part) => part !== '')
              .join(' ');
            const sex: MessageKey | undefined =
              match.sex === 'female' || match.sex === 'male' ? `person.sex.${match.sex}` : undefined;
            return (
              <tr>
                <td>
                  <span safe>{name}</span>
                  <br />
                  <code class="muted" safe>
                    {match.id}
                  </code>
                </td>
                <td safe>{formatDate(tr.lang, match.birthDate)}</td>
                <td safe>{sex ? tr.attr(sex) : match.sex}</td>
                <td>
                  <form method="post" action={props.action}>
                    <input type="hidden" name="_csrf" value={props.csrfToken} />
                    <input type="hidden" name="lookupDocumentKind" value={lookup.kind} />
                    <input type="hidden" name="lookupDocumentNumber" value={lookup.number} />
                    <button class="button button--secondary" type="submit" name="pick" value={match.id}>
                      {tr.t('lookup.document.pick')}
                      <span class="visually-hidden" safe>
                        {` ${name}`}
                      </span>
                    </button>
                  </form>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A document's kind as the reader's language names it. */
export function documentKindText(tr: Translator, kind: string): string {
  const key = documentKindName(kind);
  return key ? tr.attr(key) : kind;
}
