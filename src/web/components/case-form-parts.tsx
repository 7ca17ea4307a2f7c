import type { PropsWithChildren } from '@kitajs/html';
import type { CaseView } from '../../app/cases.js';
import { PENALTY_KINDS } from '../../domain/cases/events.js';
import { penaltyKindName } from '../case-labels.js';
import { PENALTY_ROWS, penaltyField } from '../case-forms.js';
import type { PageContext } from '../context.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import type { MessageKey, Translator } from '../i18n.js';
import { paths } from '../paths.js';
import { regionChoices } from '../region-labels.js';
import { CheckboxField, SelectField } from './custody-fields.js';
import { FieldMessage } from './error-summary.js';
import { TextField, type Choice } from './fields.js';
import { Layout } from './layout.js';
import { DateInput } from './prison-fields.js';
import { RuleTags } from './rule-tag.js';

/*
 * The parts every form of a case file shares (issue 20 item 9): the page around the form (the
 * case's number above the title, what the form is about, the CSRF token, the button and the way
 * back to the file), calendar dates, a group of checkboxes, the court, the sentence's rows, and the
 * notice of what a rule flags without refusing it.
 */

export interface CaseFormShellProps {
  ctx: PageContext;
  view: Pick<CaseView, 'id' | 'number'>;
  /** The title, plain text (tr.attr). */
  title: string;
  lead?: MessageKey;
  rules?: readonly string[];
  /** Facts the form is about (the defendant, the award), shown as a summary list above it. */
  summary?: readonly { key: MessageKey; value: string }[];
  action: string;
  errors: readonly FieldError[];
  submit: MessageKey;
  /** The form is not offered (nothing to record it on): this says why instead. */
  unavailable?: MessageKey;
  /** What comes before the form, outside it (the suspects form's search of the register). */
  before?: JSX.Element;
}

/** A form of the file: a POST to its own address, which answers with the file or this form again. */
export function CaseFormShell(props: PropsWithChildren<CaseFormShellProps>): JSX.Element {
  const { ctx, view } = props;
  const { tr } = ctx;
  const caption = tr.attr('caseForm.caption', { number: view.number });
  return (
    <Layout ctx={ctx} title={`${props.title}: ${caption}`} errors={props.errors}>
      <p class="caption" safe>
        {caption}
      </p>
      <h1 class="heading-xl" safe>
        {props.title}
      </h1>
      {props.lead ? (
        <p class="lead">
          {tr.t(props.lead)}
          {props.rules && props.rules.length > 0 ? (
            <>
              {' '}
              <RuleTags rules={props.rules} />
            </>
          ) : (
            ''
          )}
        </p>
      ) : (
        ''
      )}
      {props.summary && props.summary.length > 0 ? (
        <dl class="summary">
          {props.summary.map((row) => (
            <div class="summary__row">
              <dt class="summary__key">{tr.t(row.key)}</dt>
              <dd class="summary__value" safe>
                {row.value}
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        ''
      )}
      {props.before ?? ''}
      {props.unavailable ? (
        <div class="notice" role="status">
          <p class="notice__text">{tr.t(props.unavailable)}</p>
        </div>
      ) : (
        <form class="form" method="post" action={props.action} novalidate>
          <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
          {props.children}
          <button class="button" type="submit">
            {tr.t(props.submit)}
          </button>
        </form>
      )}
      <p>
        <a href={paths.caseFile(view.id)}>{tr.t('caseForm.back')}</a>
      </p>
    </Layout>
  );
}

/** The props every field of a form gets: the translator, what was typed and what was wrong. */
export interface FieldsProps {
  tr: Translator;
  values: FormValues;
  errors: readonly FieldError[];
}

/** A calendar date of the file (no later than today in Kazakhstan: the service says so if it is). */
export function CaseDate(
  props: FieldsProps & { id: string; label: MessageKey; hint?: MessageKey; today: string },
): JSX.Element {
  return (
    <DateInput
      tr={props.tr}
      id={props.id}
      label={props.label}
      {...(props.hint ? { hint: props.hint } : {})}
      value={props.values[props.id] ?? ''}
      error={errorFor(props.errors, props.id)}
      max={props.today}
    />
  );
}

/**
 * A group of checkboxes in a fieldset; every ticked value is sent under `name`. The first box
 * carries the group's name as its id, so the error summary's link lands on the group.
 */
export function ChecklistField(props: {
  tr: Translator;
  name: string;
  legend: MessageKey;
  hint?: MessageKey;
  choices: readonly Choice[];
  checked: readonly string[];
  error: FieldError | undefined;
}): JSX.Element {
  const { tr, name, error } = props;
  const described = [props.hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(
    (id) => id !== '',
  );
  return (
    <div class={['field', error && 'field--error']}>
      <fieldset class="fieldset" aria-describedby={described.length > 0 ? described.join(' ') : undefined}>
        <legend class="fieldset__legend">{tr.t(props.legend)}</legend>
        {props.hint ? (
          <p class="field__hint" id={`${name}-hint`}>
            {tr.t(props.hint)}
          </p>
        ) : (
          ''
        )}
        <FieldMessage tr={tr} id={name} error={error} />
        <div class="checkboxes">
          {props.choices.map((choice, index) => {
            const id = index === 0 ? name : `${name}-${index}`;
            return (
              <div class="checkbox">
                <input
                  class="checkbox__input"
                  type="checkbox"
                  id={id}
                  name={name}
                  value={choice.value}
                  checked={props.checked.includes(choice.value)}
                  aria-describedby={choice.hint ? `${id}-hint` : undefined}
                />
                <label class="checkbox__label" for={id} safe>
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

/** The court: its name as it calls itself, and its region (the judges of that region read the case). */
export function CourtFields(props: FieldsProps & { legend: MessageKey }): JSX.Element {
  const { tr, values, errors } = props;
  return (
    <fieldset class="fieldset">
      <legend class="fieldset__legend">{tr.t(props.legend)}</legend>
      <TextField
        tr={tr}
        id="courtName"
        label="caseForm.courtName"
        hint="caseForm.courtName.hint"
        value={values.courtName ?? ''}
        error={errorFor(errors, 'courtName')}
        maxlength={200}
      />
      <SelectField
        tr={tr}
        id="courtRegion"
        label="caseForm.courtRegion"
        hint="caseForm.courtRegion.hint"
        placeholder="caseForm.courtRegion.choose"
        choices={regionChoices(tr)}
        value={values.courtRegion ?? ''}
        error={errorFor(errors, 'courtRegion')}
      />
    </fieldset>
  );
}

/**
 * The sentence as the court imposed it: up to PENALTY_ROWS penalties (a kind, a term in months, an
 * amount in tenge; a row left empty is none), whether it is suspended with its probation, and
 * whatever the form adds (the plea agreement of a verdict).
 */
export function SentenceFields(props: PropsWithChildren<FieldsProps & { legend: MessageKey }>): JSX.Element {
  const { tr, values, errors } = props;
  const rowError = (index: number) =>
    errorFor(errors, penaltyField(index, 'kind')) ??
    errorFor(errors, penaltyField(index, 'months')) ??
    errorFor(errors, penaltyField(index, 'amountKzt'));
  return (
    <fieldset class="fieldset" aria-describedby="sentence-hint">
      <legend class="fieldset__legend">{tr.t(props.legend)}</legend>
      <p class="field__hint" id="sentence-hint">
        {tr.t('caseForm.sentence.hint')}
      </p>
      {Array.from({ length: PENALTY_ROWS }, (_, index) => {
        const kind = penaltyField(index, 'kind');
        const months = penaltyField(index, 'months');
        const amount = penaltyField(index, 'amountKzt');
        const error = rowError(index);
        const errorId = errorFor(errors, kind) ? kind : errorFor(errors, months) ? months : amount;
        const input = (id: string, label: MessageKey, hint: string) => {
          const own = errorFor(errors, id);
          return (
            <div class="moment__part">
              <label class="field__label field__label--small" for={id}>
                {tr.t(label)}
              </label>
              <input
                class={['input', 'input--medium', own && 'input--error']}
                id={id}
                name={id}
                type="text"
                inputmode="numeric"
                autocomplete="off"
                value={values[id] ?? ''}
                aria-describedby={own ? `${hint} ${id}-error` : hint}
                aria-invalid={own ? 'true' : undefined}
              />
            </div>
          );
        };
        return (
          <fieldset class={['fieldset', 'fieldset--nested', 'field', error && 'field--error']}>
            <legend class="fieldset__legend fieldset__legend--s">
              {tr.t('caseForm.penalty', { number: index + 1 })}
            </legend>
            <FieldMessage tr={tr} id={errorId} error={error} />
            <div class="case-penalty__kind">
              <label class="field__label field__label--small" for={kind}>
                {tr.t('caseForm.penalty.kind')}
              </label>
              <select
                class={['select', errorFor(errors, kind) && 'input--error']}
                id={kind}
                name={kind}
                aria-describedby={errorFor(errors, kind) ? `${kind}-error` : undefined}
                aria-invalid={errorFor(errors, kind) ? 'true' : undefined}
              >
                <option value="" selected={(values[kind] ?? '') === ''}>
                  {tr.t('caseForm.penalty.none')}
                </option>
                {PENALTY_KINDS.map((code) => (
                  <option value={code} selected={values[kind] === code} safe>
                    {penaltyKindName(tr, code)}
                  </option>
                ))}
              </select>
            </div>
            <div class="moment">
              {input(months, 'caseForm.penalty.months', 'sentence-hint')}
              {input(amount, 'caseForm.penalty.amount', 'sentence-hint')}
            </div>
          </fieldset>
        );
      })}
      <CheckboxField
        tr={tr}
        id="suspended"
        label="caseForm.suspended"
        hint="caseForm.suspended.hint"
        checked={values.suspended === 'yes'}
        error={undefined}
      />
      <TextField
        tr={tr}
        id="probationMonths"
        label="caseForm.probationMonths"
        hint="caseForm.probationMonths.hint"
        value={values.probationMonths ?? ''}
        error={errorFor(errors, 'probationMonths')}
        width="short"
        maxlength={4}
        inputmode="numeric"
      />
      {props.children}
    </fieldset>
  );
}

/** What a rule records and flags rather than refuses, said before the form is sent. */
export function FlagNotice(props: {
  tr: Translator;
  text: MessageKey;
  rules: readonly string[];
}): JSX.Element {
  return (
    <div class="notice notice--warning">
      <p class="notice__text">
        {props.tr.t(props.text)} <RuleTags rules={props.rules} />
      </p>
    </div>
  );
}
