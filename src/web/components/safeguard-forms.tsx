import type { CustodyView, TimelineEntryView } from '../../app/custody-views.js';
import {
  CORRECTABLE_FIELDS,
  CORRECTION_FORM,
  fieldId,
  type SafeguardField,
  type SafeguardForm,
} from '../custody-forms.js';
import { CORRECTABLE_LABELS, eventName, languageName, ruleName } from '../custody-labels.js';
import { formatMoment } from '../custody-time.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import type { Translator } from '../i18n.js';
import { paths } from '../paths.js';
import { COMMON_LANGUAGES } from '../pages/person-form.js';
import { MomentField, SelectField, TextAreaField } from './custody-fields.js';
import { EventField } from './event-field.js';
import { TextField, type Choice } from './fields.js';
import { requestName } from './timeline.js';

/*
 * One small form per safeguard (RULES.md "Police custody"): POST with the session's CSRF token,
 * an optional time (empty: now), and the fields of the event. After success the route redirects
 * back to the episode (POST-redirect-GET); a refusal comes back with the form open, its values
 * kept and its errors in the page's summary.
 */

/** The form that came back with errors: which one and what it held. */
export interface FailedForm {
  form: string;
  values: FormValues;
  errors: readonly FieldError[];
}

export interface SafeguardFormsProps {
  tr: Translator;
  custody: CustodyView;
  /** The forms to show (custody-forms.ts `formsFor`). */
  forms?: readonly SafeguardForm[];
  csrfToken: string;
  /** Facilities a person may be transferred to. */
  facilities: readonly { id: string; name: string }[];
  failed: FailedForm | null;
}

/** The last entry of a type, to say beside its form whether it was recorded already. */
function lastOf(timeline: readonly TimelineEntryView[], type: string): TimelineEntryView | undefined {
  return timeline.filter((entry) => entry.type === type).at(-1);
}

export function SafeguardForms(props: SafeguardFormsProps): JSX.Element {
  const { custody } = props;
  const forms = props.forms ?? [];
  return (
    <div class="safeguards">
      {forms.map((form) => (
        <SafeguardFormBlock {...props} form={form} last={lastOf(custody.timeline, form.type)} />
      ))}
    </div>
  );
}

function SafeguardFormBlock(
  props: SafeguardFormsProps & { form: SafeguardForm; last: TimelineEntryView | undefined },
): JSX.Element {
  const { tr, form, custody } = props;
  const failed = props.failed?.form === form.type ? props.failed : null;
  const values = failed?.values ?? {};
  const errors = failed?.errors ?? [];
  const id = (name: string) => fieldId(form.type, name);
  return (
    <details class="safeguard" id={`form-${form.type}`} open={failed !== null}>
      <summary class="safeguard__summary">
        <span class="safeguard__name" safe>
          {eventName(tr, form.type)}
        </span>
        <span class="safeguard__last">
          {props.last?.at
            ? tr.t('safeguard.lastRecorded', { when: formatMoment(tr.lang, props.last.at) })
            : tr.t('safeguard.notRecorded')}
        </span>
      </summary>
      <form class="safeguard__form" method="post" action={paths.custodyEvents(custody.id)} novalidate>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="type" value={form.type} />
        <p class="safeguard__rule">
          {tr.t('safeguard.rule')} <span safe>{ruleName(tr, form.rule)}</span> (<code safe>{form.rule}</code>)
        </p>
        {form.fields.map((field) => (
          <SafeguardInput
            tr={tr}
            field={field}
            id={id(field.name)}
            value={values[field.name] ?? ''}
            error={errorFor(errors, id(field.name))}
            custody={custody}
            facilities={props.facilities}
          />
        ))}
        <MomentField
          tr={tr}
          id={id('at')}
          legend="safeguard.at"
          hint="safeguard.at.hint"
          value={{ local: values.at ?? '', offset: values['at-offset'] ?? '' }}
          error={errorFor(errors, id('at'))}
        />
        <button class="button" type="submit">
          {tr.t('safeguard.submit', { what: eventName(tr, form.type) })}
        </button>
      </form>
    </details>
  );
}

function SafeguardInput(props: {
  tr: Translator;
  field: SafeguardField;
  id: string;
  value: string;
  error: FieldError | undefined;
  custody: CustodyView;
  facilities: readonly { id: string; name: string }[];
}): JSX.Element {
  const { tr, field, id, value, error } = props;
  switch (field.kind) {
    case 'text':
    case 'textarea':
    case 'radio':
    case 'yesno':
      return <EventField tr={tr} field={field} id={id} value={value} error={error} />;
    case 'facility':
      return (
        <EventField
          tr={tr}
          field={{ ...field, facilities: props.facilities, exclude: props.custody.facilityId }}
          id={id}
          value={value}
          error={error}
        />
      );
    case 'language': {
      // The person's own languages first (intl.custody.interpreter), then the common ones.
      const tags = [...new Set([...props.custody.person.languages, ...COMMON_LANGUAGES])];
      const choices: Choice[] = tags.map((tag) => ({ value: tag, label: languageName(tr, tag) }));
      return (
        <SelectField
          tr={tr}
          id={id}
          label={field.label}
          hint={field.hint}
          choices={choices}
          value={value}
          error={error}
          placeholder="safeguard.choose"
        />
      );
    }
    case 'request': {
      const ruled = new Set(
        props.custody.timeline
          .filter((entry) => entry.type === 'judicial-ruled')
          .map((entry) => String(entry.details.requestId)),
      );
      const pending = props.custody.timeline.filter(
        (entry) => entry.type === 'judicial-requested' && !ruled.has(String(entry.details.requestId)),
      );
      return (
        <SelectField
          tr={tr}
          id={id}
          label={field.label}
          hint={field.hint}
          choices={pending.map((entry) => ({
            value: String(entry.details.requestId),
            label: requestName(tr, entry),
          }))}
          value={value}
          error={error}
          placeholder="safeguard.choose"
        />
      );
    }
  }
}

/** Entries a correction may name: the arrest record and the safeguards (not corrections or findings). */
export function correctableEntries(timeline: readonly TimelineEntryView[]): TimelineEntryView[] {
  return timeline.filter((entry) => entry.type !== 'custody-corrected' && entry.type !== 'finding-recorded');
}

/**
 * A correction: names the entry, the field, the correct value and why. The original stays in the
 * log and on the page (kz.custody.actual-time).
 */
export function CorrectionForm(props: SafeguardFormsProps): JSX.Element {
  const { tr, custody } = props;
  const failed = props.failed?.form === CORRECTION_FORM ? props.failed : null;
  const values = failed?.values ?? {};
  const errors = failed?.errors ?? [];
  const id = (name: string) => fieldId(CORRECTION_FORM, name);
  return (
    <details class="safeguard safeguard--correction" id="form-correction" open={failed !== null}>
      <summary class="safeguard__summary">
        <span class="safeguard__name">{tr.t('correction.form.title')}</span>
        <span class="safeguard__last">{tr.t('correction.form.summary')}</span>
      </summary>
      <form class="safeguard__form" method="post" action={paths.custodyCorrections(custody.id)} novalidate>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <p>{tr.t('correction.form.lead')}</p>
        <SelectField
          tr={tr}
          id={id('correctsSeq')}
          label="correction.form.entry"
          choices={correctableEntries(custody.timeline).map((entry) => ({
            value: String(entry.seq),
            label: `${tr.attr('timeline.seq', { seq: entry.seq })} — ${eventName(tr, entry.type)}${
              entry.at ? `, ${formatMoment(tr.lang, entry.at)}` : ''
            }`,
          }))}
          value={values.correctsSeq ?? ''}
          error={errorFor(errors, id('correctsSeq'))}
          placeholder="safeguard.choose"
        />
        <SelectField
          tr={tr}
          id={id('field')}
          label="correction.form.field"
          hint="correction.form.field.hint"
          choices={CORRECTABLE_FIELDS.map((field) => ({
            value: field,
            label: tr.attr(CORRECTABLE_LABELS[field]),
          }))}
          value={values.field ?? ''}
          error={errorFor(errors, id('field'))}
          placeholder="safeguard.choose"
        />
        <MomentField
          tr={tr}
          id={id('toTime')}
          legend="correction.form.toTime"
          hint="correction.form.toTime.hint"
          value={{ local: values.toTime ?? '', offset: values['toTime-offset'] ?? '' }}
          error={errorFor(errors, id('toTime'))}
        />
        <TextField
          tr={tr}
          id={id('to')}
          label="correction.form.to"
          hint="correction.form.to.hint"
          value={values.to ?? ''}
          error={errorFor(errors, id('to'))}
          maxlength={2000}
        />
        <TextAreaField
          tr={tr}
          id={id('reason')}
          label="correction.form.reason"
          hint="correction.form.reason.hint"
          value={values.reason ?? ''}
          error={errorFor(errors, id('reason'))}
          maxlength={1000}
        />
        <button class="button button--warning" type="submit">
          {tr.t('correction.form.submit')}
        </button>
      </form>
    </details>
  );
}
