import { IDENTITY_DOCUMENT_KINDS } from '../../domain/registry/identity-document.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import type { Translator } from '../i18n.js';
import { DOCUMENT_ROWS, documentKindName, documentRowFields } from '../identity-documents.js';
import { SelectField } from './custody-fields.js';
import { TextField } from './fields.js';

/*
 * Identity documents on the pages (issue 17 item 5), shared by the person form, the arrest form
 * and the admission form: the rows a registration carries, and the document an officer holds.
 * The look-up by document is part of the search of the register (components/person-search.tsx).
 */

const kindChoices = (tr: Translator) =>
  IDENTITY_DOCUMENT_KINDS.map((kind) => ({ value: kind, label: tr.attr(`document.kind.${kind}`) }));

/** The documents of a registration: a few rows of kind, number and issuer; empty rows are left out. */
export function DocumentRows(props: {
  tr: Translator;
  values: FormValues;
  errors: readonly FieldError[];
  /** More rows than the person form's (a correction of a person holding more documents). */
  rows?: number;
}): JSX.Element {
  const { tr, values, errors } = props;
  return (
    <div class="field">
      <fieldset class="fieldset" aria-describedby="documents-hint">
        <legend class="fieldset__legend">{tr.t('person.documents')}</legend>
        <p class="field__hint" id="documents-hint">
          {tr.t('person.documents.hint')}
        </p>
        {Array.from({ length: props.rows ?? DOCUMENT_ROWS }, (_, index) => {
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

/** A document's kind as the reader's language names it. */
export function documentKindText(tr: Translator, kind: string): string {
  const key = documentKindName(kind);
  return key ? tr.attr(key) : kind;
}
