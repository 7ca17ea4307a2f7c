import { CONCERNED_OFFICES, OFFICE_TEXT } from '../complaint-labels.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import type { Translator } from '../i18n.js';
import { regionChoices } from '../region-labels.js';
import { SelectField } from './custody-fields.js';
import { RadioField } from './fields.js';

/*
 * kz.allegation.conflict: whose own office a complaint is about — a procurator's or an
 * investigator's — and that office's region. A complaint about one goes to the investigating
 * judge, never to the procurator. The complaints officer says so when recording a complaint that
 * came by another channel (optional: "no" is the first choice) and when rerouting one they have
 * read (both required there).
 */

export function ConcernsFields(props: {
  tr: Translator;
  /** The fields are `${prefix}Office` and `${prefix}Region`. */
  prefix: string;
  values: FormValues;
  errors: readonly FieldError[];
  /** Whether "not about a procurator or an investigator" is a choice (the receive form). */
  optional: boolean;
}): JSX.Element {
  const { tr, prefix, values, errors } = props;
  const office = `${prefix}Office`;
  const region = `${prefix}Region`;
  return (
    <>
      <RadioField
        tr={tr}
        name={office}
        legend="concerns.office"
        hint="concerns.office.hint"
        choices={[
          ...(props.optional ? [{ value: '', label: tr.attr('concerns.office.none') }] : []),
          ...CONCERNED_OFFICES.map((value) => ({ value, label: tr.attr(OFFICE_TEXT[value]) })),
        ]}
        value={values[office] ?? ''}
        error={errorFor(errors, office)}
      />
      <SelectField
        tr={tr}
        id={region}
        label="concerns.region"
        hint="concerns.region.hint"
        choices={regionChoices(tr)}
        value={values[region] ?? ''}
        error={errorFor(errors, region)}
        placeholder="concerns.region.choose"
      />
    </>
  );
}
