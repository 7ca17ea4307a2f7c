import type { FieldError } from '../forms.js';
import type { MessageKey, Translator } from '../i18n.js';
import type { StayFormField } from '../prison-forms.js';
import { FieldMessage } from './error-summary.js';

/*
 * Two inputs the prison forms need besides those of fields.tsx and custody-fields.tsx: a calendar
 * date and a number. Same shape: label, hint, the error beside the field, `aria-describedby`.
 */

/** A calendar date in the browser's own date input (YYYY-MM-DD); without support it is a text box. */
export function DateInput(props: {
  tr: Translator;
  id: string;
  label: MessageKey;
  hint?: MessageKey;
  value: string;
  error: FieldError | undefined;
  max?: string;
}): JSX.Element {
  const { tr, id, error } = props;
  const describedBy = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter((part) => part !== '')
    .join(' ');
  return (
    <div class={['field', error && 'field--error']}>
      <label class="field__label" for={id}>
        {tr.t(props.label)}
      </label>
      {props.hint ? (
        <p class="field__hint" id={`${id}-hint`}>
          {tr.t(props.hint)}
        </p>
      ) : (
        ''
      )}
      <FieldMessage tr={tr} id={id} error={error} />
      <input
        class={['input', 'input--date', error && 'input--error']}
        id={id}
        name={id}
        type="date"
        value={props.value}
        max={props.max}
        aria-describedby={describedBy === '' ? undefined : describedBy}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}

/** A number typed as text: the numeric keyboard on phones, and the server checks the bounds. */
export function NumberInput(props: {
  tr: Translator;
  field: Extract<StayFormField, { kind: 'number' }>;
  id: string;
  value: string;
  error: FieldError | undefined;
}): JSX.Element {
  const { tr, field, id, error } = props;
  const describedBy = [field.hint ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter((part) => part !== '')
    .join(' ');
  return (
    <div class={['field', error && 'field--error']}>
      <label class="field__label" for={id}>
        {tr.t(field.label)}
      </label>
      {field.hint ? (
        <p class="field__hint" id={`${id}-hint`}>
          {tr.t(field.hint)}
        </p>
      ) : (
        ''
      )}
      <FieldMessage tr={tr} id={id} error={error} />
      <input
        class={['input', 'input--short', error && 'input--error']}
        id={id}
        name={id}
        type="text"
        inputmode={field.decimal ? 'decimal' : 'numeric'}
        value={props.value}
        autocomplete="off"
        aria-describedby={describedBy === '' ? undefined : describedBy}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}
