import type { FieldError } from '../forms.js';
import type { MessageKey, Translator } from '../i18n.js';
import { FieldMessage } from './error-summary.js';

/** The ids that describe an input: its hint and its error, when present. */
function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter((part) => part !== '');
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export interface TextFieldProps {
  tr: Translator;
  /** The input's id and name; the error summary links to it. */
  id: string;
  label: MessageKey;
  hint?: MessageKey;
  value: string;
  error: FieldError | undefined;
  type?: 'text' | 'password';
  autocomplete?: string;
  /** A narrower input for short values (codes, a year). */
  width?: 'short' | 'medium';
  spellcheck?: boolean;
  maxlength?: number;
  /** `numeric` for a whole number (a phone shows digits); the server still checks it. */
  inputmode?: 'numeric';
}

/** A labelled text input with its hint and its error beside it. */
export function TextField(props: TextFieldProps): JSX.Element {
  const { tr, id, error } = props;
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
        class={['input', props.width && `input--${props.width}`, error && 'input--error']}
        id={id}
        name={id}
        type={props.type ?? 'text'}
        // A password is never sent back to the browser.
        value={props.type === 'password' ? undefined : props.value}
        autocomplete={props.autocomplete}
        spellcheck={props.spellcheck === undefined ? undefined : String(props.spellcheck)}
        maxlength={props.maxlength}
        inputmode={props.inputmode}
        aria-describedby={describedBy(id, props.hint !== undefined, error !== undefined)}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}

export interface Choice {
  value: string;
  /** Plain text, not HTML (a `tr.attr` text or a value from the register): escaped here. */
  label: string;
  /** A hint under the choice, plain text as well. */
  hint?: string;
}

export interface RadioFieldProps {
  tr: Translator;
  name: string;
  legend: MessageKey;
  hint?: MessageKey;
  choices: readonly Choice[];
  value: string;
  error: FieldError | undefined;
}

/**
 * A group of radios in a fieldset. The first radio carries the group's name as its id, so the error
 * summary's link lands on the group (as in the GOV.UK design system).
 */
export function RadioField(props: RadioFieldProps): JSX.Element {
  const { tr, name, error } = props;
  return (
    <div class={['field', error && 'field--error']}>
      <fieldset
        class="fieldset"
        aria-describedby={describedBy(name, props.hint !== undefined, error !== undefined)}
      >
        <legend class="fieldset__legend">{tr.t(props.legend)}</legend>
        {props.hint ? (
          <p class="field__hint" id={`${name}-hint`}>
            {tr.t(props.hint)}
          </p>
        ) : (
          ''
        )}
        <FieldMessage tr={tr} id={name} error={error} />
        <div class="radios">
          {props.choices.map((choice, index) => {
            const id = index === 0 ? name : `${name}-${index}`;
            return (
              <div class="radio">
                <input
                  class="radio__input"
                  type="radio"
                  id={id}
                  name={name}
                  value={choice.value}
                  checked={choice.value === props.value}
                  aria-describedby={choice.hint ? `${id}-hint` : undefined}
                />
                <label class="radio__label" for={id} safe>
                  {choice.label}
                </label>
                {choice.hint ? (
                  <p class="radio__hint" id={`${id}-hint`} safe>
                    {choice.hint}
                  </p>
                ) : (
                  ''
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export interface DateFieldProps {
  tr: Translator;
  /** The day input's id (the summary links to it); the month and year are `${id}-month`, `${id}-year`. */
  id: string;
  legend: MessageKey;
  hint?: MessageKey;
  value: { day: string; month: string; year: string };
  error: FieldError | undefined;
  /** `bday` for a date of birth. */
  autocomplete?: 'bday';
}

/** A date as three number inputs (day, month, year), which everyone can type, rather than a date picker. */
export function DateField(props: DateFieldProps): JSX.Element {
  const { tr, id, error } = props;
  const part = (
    suffix: '' | '-month' | '-year',
    label: MessageKey,
    value: string,
    width: string,
    auto?: string,
  ) => (
    <div class="date__part">
      <label class="field__label field__label--small" for={`${id}${suffix}`}>
        {tr.t(label)}
      </label>
      <input
        class={['input', width, error && 'input--error']}
        id={`${id}${suffix}`}
        name={`${id}${suffix === '' ? '-day' : suffix}`}
        type="text"
        inputmode="numeric"
        value={value}
        autocomplete={auto}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
  const bday = props.autocomplete === 'bday';
  return (
    <div class={['field', error && 'field--error']}>
      <fieldset
        class="fieldset"
        role="group"
        aria-describedby={describedBy(id, props.hint !== undefined, error !== undefined)}
      >
        <legend class="fieldset__legend">{tr.t(props.legend)}</legend>
        {props.hint ? (
          <p class="field__hint" id={`${id}-hint`}>
            {tr.t(props.hint)}
          </p>
        ) : (
          ''
        )}
        <FieldMessage tr={tr} id={id} error={error} />
        <div class="date">
          {part('', 'date.day', props.value.day, 'input--2', bday ? 'bday-day' : undefined)}
          {part('-month', 'date.month', props.value.month, 'input--2', bday ? 'bday-month' : undefined)}
          {part('-year', 'date.year', props.value.year, 'input--4', bday ? 'bday-year' : undefined)}
        </div>
      </fieldset>
    </div>
  );
}
