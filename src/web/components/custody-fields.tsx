import { OFFSETS, DEFAULT_OFFSET } from '../custody-time.js';
import type { FieldError } from '../forms.js';
import type { MessageKey, Translator } from '../i18n.js';
import { FieldMessage } from './error-summary.js';
import type { Choice } from './fields.js';

/*
 * The inputs the custody forms need besides those of components/fields.tsx: a moment (date, time
 * and UTC offset), a select, a text area and a single checkbox. Same shape: label, hint, the
 * error beside the field, and `aria-describedby` tying them together.
 */

function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter((part) => part !== '');
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Hint(props: { tr: Translator; id: string; hint: MessageKey | undefined }): JSX.Element {
  if (!props.hint) return '';
  return (
    <p class="field__hint" id={`${props.id}-hint`}>
      {props.tr.t(props.hint)}
    </p>
  );
}

export interface MomentFieldProps {
  tr: Translator;
  /** The `datetime-local` input's id and name; the offset is `${id}-offset`. */
  id: string;
  legend: MessageKey;
  hint?: MessageKey;
  value: { local: string; offset: string };
  error: FieldError | undefined;
  /** The latest moment the picker offers (the browser's own check is a convenience only). */
  max?: string;
  required?: boolean;
}

/**
 * A moment as the wall-clock date and time and the UTC offset it was read at (Kazakhstan's
 * +05:00 unless changed): the register stores UTC and needs both to know which moment is meant.
 */
export function MomentField(props: MomentFieldProps): JSX.Element {
  const { tr, id, error } = props;
  const offset = props.value.offset || DEFAULT_OFFSET;
  return (
    <div class={['field', error && 'field--error']}>
      <fieldset
        class="fieldset"
        role="group"
        aria-describedby={describedBy(id, props.hint !== undefined, !!error)}
      >
        <legend class="fieldset__legend">{tr.t(props.legend)}</legend>
        <Hint tr={tr} id={id} hint={props.hint} />
        <FieldMessage tr={tr} id={id} error={error} />
        <div class="moment">
          <div class="moment__part">
            <label class="field__label field__label--small" for={id}>
              {tr.t('moment.local')}
            </label>
            <input
              class={['input', 'input--datetime', error && 'input--error']}
              id={id}
              name={id}
              type="datetime-local"
              value={props.value.local}
              max={props.max}
              required={props.required}
              aria-invalid={error ? 'true' : undefined}
            />
          </div>
          <div class="moment__part">
            <label class="field__label field__label--small" for={`${id}-offset`}>
              {tr.t('moment.offset')}
            </label>
            <select class="select" id={`${id}-offset`} name={`${id}-offset`}>
              {OFFSETS.map((choice) => (
                <option value={choice} selected={choice === offset} safe>
                  {choice === DEFAULT_OFFSET
                    ? tr.attr('moment.offset.kz', { offset: choice })
                    : `UTC${choice}`}
                </option>
              ))}
            </select>
          </div>
        </div>
      </fieldset>
    </div>
  );
}

export interface SelectFieldProps {
  tr: Translator;
  id: string;
  label: MessageKey;
  hint?: MessageKey;
  choices: readonly Choice[];
  value: string;
  error: FieldError | undefined;
  /** A first, empty choice ("Select …"). */
  placeholder?: MessageKey;
}

export function SelectField(props: SelectFieldProps): JSX.Element {
  const { tr, id, error } = props;
  return (
    <div class={['field', error && 'field--error']}>
      <label class="field__label" for={id}>
        {tr.t(props.label)}
      </label>
      <Hint tr={tr} id={id} hint={props.hint} />
      <FieldMessage tr={tr} id={id} error={error} />
      <select
        class={['select', error && 'input--error']}
        id={id}
        name={id}
        aria-describedby={describedBy(id, props.hint !== undefined, !!error)}
        aria-invalid={error ? 'true' : undefined}
      >
        {props.placeholder ? (
          <option value="" selected={props.value === ''}>
            {tr.t(props.placeholder)}
          </option>
        ) : (
          ''
        )}
        {props.choices.map((choice) => (
          <option value={choice.value} selected={choice.value === props.value} safe>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface TextAreaFieldProps {
  tr: Translator;
  id: string;
  label: MessageKey;
  hint?: MessageKey;
  value: string;
  error: FieldError | undefined;
  rows?: number;
  maxlength?: number;
}

export function TextAreaField(props: TextAreaFieldProps): JSX.Element {
  const { tr, id, error } = props;
  return (
    <div class={['field', error && 'field--error']}>
      <label class="field__label" for={id}>
        {tr.t(props.label)}
      </label>
      <Hint tr={tr} id={id} hint={props.hint} />
      <FieldMessage tr={tr} id={id} error={error} />
      <textarea
        class={['input', 'textarea', error && 'input--error']}
        id={id}
        name={id}
        rows={String(props.rows ?? 3)}
        maxlength={props.maxlength}
        aria-describedby={describedBy(id, props.hint !== undefined, !!error)}
        aria-invalid={error ? 'true' : undefined}
        safe
      >
        {props.value}
      </textarea>
    </div>
  );
}

export interface CheckboxFieldProps {
  tr: Translator;
  id: string;
  /** The value sent when ticked. */
  value?: string;
  label: MessageKey;
  hint?: MessageKey;
  checked: boolean;
  error: FieldError | undefined;
}

/** One checkbox that says yes to one thing (a confirmation). */
export function CheckboxField(props: CheckboxFieldProps): JSX.Element {
  const { tr, id, error } = props;
  return (
    <div class={['field', error && 'field--error']}>
      <FieldMessage tr={tr} id={id} error={error} />
      <div class="checkbox">
        <input
          class="checkbox__input"
          type="checkbox"
          id={id}
          name={id}
          value={props.value ?? 'yes'}
          checked={props.checked}
          aria-describedby={describedBy(id, props.hint !== undefined, !!error)}
        />
        <label class="checkbox__label" for={id}>
          {tr.t(props.label)}
        </label>
        {props.hint ? (
          <p class="radio__hint" id={`${id}-hint`}>
            {tr.t(props.hint)}
          </p>
        ) : (
          ''
        )}
      </div>
    </div>
  );
}
