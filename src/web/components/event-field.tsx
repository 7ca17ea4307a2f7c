import type { FieldError } from '../forms.js';
import type { MessageKey, Translator } from '../i18n.js';
import { SelectField, TextAreaField } from './custody-fields.js';
import { RadioField, TextField } from './fields.js';

/*
 * The field kinds every event form shares, described as data (the custody safeguards of
 * src/web/custody-forms.ts, the stay events of src/web/prison-forms.ts): one renderer for them, so
 * a fix to how a radio group or a text area is labelled reaches every form.
 */

interface Described {
  label: MessageKey;
  hint?: MessageKey | undefined;
}

export type CommonEventField = Described &
  (
    | { kind: 'text' | 'textarea'; maxlength: number }
    | { kind: 'radio' | 'select'; choices: readonly { value: string; label: MessageKey }[] }
    | { kind: 'yesno' }
    | { kind: 'facility'; facilities: readonly { id: string; name: string }[]; exclude: string }
  );

/** One field of an event form: its input with its label, hint and error. */
export function EventField(props: {
  tr: Translator;
  field: CommonEventField;
  id: string;
  value: string;
  error: FieldError | undefined;
}): JSX.Element {
  const { tr, field, id, value, error } = props;
  switch (field.kind) {
    case 'text':
      return (
        <TextField
          tr={tr}
          id={id}
          label={field.label}
          hint={field.hint}
          value={value}
          error={error}
          maxlength={field.maxlength}
        />
      );
    case 'textarea':
      return (
        <TextAreaField
          tr={tr}
          id={id}
          label={field.label}
          hint={field.hint}
          value={value}
          error={error}
          maxlength={field.maxlength}
        />
      );
    case 'radio':
      return (
        <RadioField
          tr={tr}
          name={id}
          legend={field.label}
          hint={field.hint}
          choices={field.choices.map((choice) => ({ value: choice.value, label: tr.attr(choice.label) }))}
          value={value}
          error={error}
        />
      );
    case 'select':
      return (
        <SelectField
          tr={tr}
          id={id}
          label={field.label}
          hint={field.hint}
          choices={field.choices.map((choice) => ({ value: choice.value, label: tr.attr(choice.label) }))}
          value={value}
          error={error}
          placeholder="safeguard.choose"
        />
      );
    case 'yesno':
      return (
        <RadioField
          tr={tr}
          name={id}
          legend={field.label}
          hint={field.hint}
          choices={[
            { value: 'yes', label: tr.attr('custody.value.yes') },
            { value: 'no', label: tr.attr('custody.value.no') },
          ]}
          value={value}
          error={error}
        />
      );
    case 'facility':
      // A transfer's destination: any facility but the one holding the person.
      return (
        <SelectField
          tr={tr}
          id={id}
          label={field.label}
          hint={field.hint}
          choices={field.facilities
            .filter((facility) => facility.id !== field.exclude)
            .map((facility) => ({ value: facility.id, label: facility.name }))}
          value={value}
          error={error}
          placeholder="safeguard.choose"
        />
      );
  }
}
