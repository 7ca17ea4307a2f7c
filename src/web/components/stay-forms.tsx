import type { StayTimelineEntry, StayView } from '../../app/prison-views.js';
import { ruleName } from '../custody-labels.js';
import { formatMoment } from '../custody-time.js';
import { errorFor, type FieldError } from '../forms.js';
import type { Translator } from '../i18n.js';
import { paths } from '../paths.js';
import { stayFieldId, type StayForm, type StayFormField } from '../prison-forms.js';
import { stayEventName } from '../prison-labels.js';
import { MomentField, SelectField } from './custody-fields.js';
import { EventField } from './event-field.js';
import { DateInput, NumberInput } from './prison-fields.js';
import type { FailedForm } from './safeguard-forms.js';

/*
 * One small form per event of a stay (RULES.md "Prisons and remand centres"): POST with the
 * session's CSRF token, a time (empty: now) where the event has one, and its fields. After
 * success the route redirects back to the stay (POST-redirect-GET); a refusal comes back with
 * the form open, its values kept and its errors in the page's summary.
 */

export interface StayFormsProps {
  tr: Translator;
  stay: StayView;
  forms: readonly StayForm[];
  csrfToken: string;
  /** Remand centres and prisons a person may be transferred to. */
  facilities: readonly { id: string; name: string }[];
  /** Disciplinary decisions by id, described for a choice. */
  decisions: Readonly<Record<string, string>>;
  failed: FailedForm | null;
}

function lastOf(timeline: readonly StayTimelineEntry[], type: string): StayTimelineEntry | undefined {
  return timeline.filter((entry) => entry.type === type).at(-1);
}

export function StayForms(props: StayFormsProps): JSX.Element {
  return (
    <div class="safeguards">
      {props.forms.map((form) => (
        <StayFormBlock {...props} form={form} last={lastOf(props.stay.timeline, form.type)} />
      ))}
    </div>
  );
}

function StayFormBlock(
  props: StayFormsProps & { form: StayForm; last: StayTimelineEntry | undefined },
): JSX.Element {
  const { tr, form, stay } = props;
  const failed = props.failed?.form === form.type ? props.failed : null;
  const values = failed?.values ?? {};
  const errors = failed?.errors ?? [];
  const id = (name: string) => stayFieldId(form.type, name);
  const last = props.last?.at ?? props.last?.recordedAt;
  return (
    <details class="safeguard" id={`form-${form.type}`} open={failed !== null}>
      <summary class="safeguard__summary">
        <span class="safeguard__name" safe>
          {stayEventName(tr, form.type)}
        </span>
        <span class="safeguard__last">
          {last
            ? tr.t('safeguard.lastRecorded', { when: formatMoment(tr.lang, last) })
            : tr.t('safeguard.notRecorded')}
        </span>
      </summary>
      <form class="safeguard__form" method="post" action={paths.prisonStayEvents(stay.id)} novalidate>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="type" value={form.type} />
        <p class="safeguard__rule">
          {tr.t('safeguard.rule')} <span safe>{ruleName(tr, form.rule)}</span> (<code safe>{form.rule}</code>)
        </p>
        {form.type === 'medical-examined' ? (
          <p class="field__hint">{tr.t('prison.form.clinical.lead')}</p>
        ) : (
          ''
        )}
        {form.fields.map((field) => (
          <StayInput
            tr={tr}
            field={field}
            id={id(field.name)}
            value={values[field.name] ?? ''}
            error={errorFor(errors, id(field.name))}
            stay={stay}
            facilities={props.facilities}
            decisions={props.decisions}
          />
        ))}
        {form.timed ? (
          <MomentField
            tr={tr}
            id={id('at')}
            legend="safeguard.at"
            hint="safeguard.at.hint"
            value={{ local: values.at ?? '', offset: values['at-offset'] ?? '' }}
            error={errorFor(errors, id('at'))}
          />
        ) : (
          ''
        )}
        <button class="button" type="submit">
          {tr.t('safeguard.submit', { what: stayEventName(tr, form.type) })}
        </button>
      </form>
    </details>
  );
}

/** The decisions a form may name: those not yet appealed, or those under appeal not yet decided. */
export function decisionChoices(
  stay: Pick<StayView, 'discipline'>,
  which: 'appealable' | 'appealed',
): StayView['discipline'] {
  return stay.discipline.filter((decision) =>
    which === 'appealable' ? !decision.appealed : decision.appealed && decision.appealOutcome === null,
  );
}

function StayInput(props: {
  tr: Translator;
  field: StayFormField;
  id: string;
  value: string;
  error: FieldError | undefined;
  stay: StayView;
  facilities: readonly { id: string; name: string }[];
  decisions: Readonly<Record<string, string>>;
}): JSX.Element {
  const { tr, field, id, value, error } = props;
  switch (field.kind) {
    case 'text':
    case 'textarea':
    case 'radio':
    case 'select':
    case 'yesno':
      return <EventField tr={tr} field={field} id={id} value={value} error={error} />;
    case 'facility':
      return (
        <EventField
          tr={tr}
          field={{ ...field, facilities: props.facilities, exclude: props.stay.facilityId }}
          id={id}
          value={value}
          error={error}
        />
      );
    case 'number':
      return <NumberInput tr={tr} field={field} id={id} value={value} error={error} />;
    case 'date':
      return <DateInput tr={tr} id={id} label={field.label} hint={field.hint} value={value} error={error} />;
    case 'decision':
      return (
        <SelectField
          tr={tr}
          id={id}
          label={field.label}
          hint={field.hint}
          choices={decisionChoices(props.stay, field.which).map((decision) => ({
            value: decision.decisionId,
            label: props.decisions[decision.decisionId] ?? decision.decisionId,
          }))}
          value={value}
          error={error}
          placeholder="safeguard.choose"
        />
      );
  }
}
