import type { PropsWithChildren } from '@kitajs/html';
import type { CourtOutcomeView, SuspectView } from '../../app/complaint-views.js';
import { COURT_OUTCOMES, SENTENCE_KINDS } from '../../domain/complaints/events.js';
import { CheckboxField, MomentField, SelectField, TextAreaField } from '../components/custody-fields.js';
import { RadioField, TextField } from '../components/fields.js';
import type { PageContext } from '../context.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import type { MessageKey } from '../i18n.js';
import { paths } from '../paths.js';

/*
 * The procurator's forms for what an allegation's case shows besides decisions (POST
 * /allegations/{reference}/outcomes, kz.torture.suspension, kz.torture.sentencing,
 * kz.evidence.inadmissible): officials identified as suspects, a suspension from duty, the court's
 * outcome, evidence excluded. Each is a form of its own under the records it adds to, sending its
 * `kind`; its fields' ids carry the form's prefix (`court-article`), so that the error summary
 * links to the right one when several forms share the page. Times are entered on the wall clock
 * with their UTC offset (MomentField), as on the custody pages.
 */

export const OUTCOME_KINDS = [
  'suspects-identified',
  'official-suspended',
  'court-outcome',
  'evidence-excluded',
] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

const PREFIX: Record<OutcomeKind, string> = {
  'suspects-identified': 'suspects',
  'official-suspended': 'suspension',
  'court-outcome': 'court',
  'evidence-excluded': 'evidence',
};

/**
 * Each form's fields as the service names them (AllegationOutcomeInput), in the form's order;
 * `months` is the court sentence's (`sentence.months`).
 */
export const OUTCOME_FIELDS: Record<OutcomeKind, readonly string[]> = {
  'suspects-identified': ['officials', 'at'],
  'official-suspended': ['official', 'by', 'at'],
  'court-outcome': ['outcome', 'article', 'reclassified', 'sentence', 'months', 'pleaBargain', 'at'],
  'evidence-excluded': ['description', 'at'],
};

/** The page's id (and name) of a field of one outcome form: `court-article` for the court's `article`. */
export function outcomeFieldId(kind: OutcomeKind, field: string): string {
  return `${PREFIX[kind]}-${field}`;
}

/** Every input one outcome form sends, by the page's ids: its fields and the offset of its moment. */
export function outcomeInputs(kind: OutcomeKind): string[] {
  const ids = OUTCOME_FIELDS[kind].map((field) => outcomeFieldId(kind, field));
  return [...ids, `${outcomeFieldId(kind, 'at')}-offset`];
}

export const OUTCOME_TEXT: Record<CourtOutcomeView['outcome'], MessageKey> = {
  convicted: 'allegation.court.outcome.convicted',
  acquitted: 'allegation.court.outcome.acquitted',
};
export const SENTENCE_TEXT: Record<NonNullable<CourtOutcomeView['sentence']>['kind'], MessageKey> = {
  imprisonment: 'allegation.court.sentence.imprisonment',
  suspended: 'allegation.court.sentence.suspended',
  fine: 'allegation.court.sentence.fine',
  other: 'allegation.court.sentence.other',
};

/** The notice after POST-redirect-GET, for what was recorded. */
export const OUTCOME_RECORDED: Record<OutcomeKind, MessageKey> = {
  'suspects-identified': 'allegation.outcome.recorded.suspects-identified',
  'official-suspended': 'allegation.outcome.recorded.official-suspended',
  'court-outcome': 'allegation.outcome.recorded.court-outcome',
  'evidence-excluded': 'allegation.outcome.recorded.evidence-excluded',
};

export interface OutcomeFormProps {
  ctx: PageContext;
  reference: string;
  values: FormValues;
  errors: readonly FieldError[];
}

/** Each form's words: its title, the legend of its moment, its button, and a lead for some. */
const FORM_WORDS: Record<
  OutcomeKind,
  { title: MessageKey; at: MessageKey; submit: MessageKey; lead?: MessageKey }
> = {
  'suspects-identified': {
    title: 'allegation.suspects.form.title',
    at: 'allegation.suspects.form.at',
    submit: 'allegation.suspects.form.submit',
  },
  'official-suspended': {
    title: 'allegation.suspension.form.title',
    at: 'allegation.suspension.form.at',
    submit: 'allegation.suspension.form.submit',
  },
  'court-outcome': {
    title: 'allegation.court.form.title',
    at: 'allegation.court.form.at',
    submit: 'allegation.court.form.submit',
    lead: 'allegation.court.form.lead',
  },
  'evidence-excluded': {
    title: 'allegation.evidence.form.title',
    at: 'allegation.evidence.form.at',
    submit: 'allegation.evidence.form.submit',
  },
};

/**
 * One outcome form: its title, the CSRF token and kind, its own fields, then when it happened (on
 * the wall clock with its offset: every outcome has one) and its button.
 */
function OutcomeForm(props: PropsWithChildren<OutcomeFormProps & { kind: OutcomeKind }>): JSX.Element {
  const { tr } = props.ctx;
  const words = FORM_WORDS[props.kind];
  const titleId = `${PREFIX[props.kind]}-form-title`;
  const at = outcomeFieldId(props.kind, 'at');
  return (
    <>
      <h3 class="heading-m" id={titleId}>
        {tr.t(words.title)}
      </h3>
      {words.lead ? <p>{tr.t(words.lead)}</p> : ''}
      <form
        class="form"
        method="post"
        action={paths.allegationOutcomes(props.reference)}
        aria-labelledby={titleId}
        novalidate
      >
        <input type="hidden" name="_csrf" value={props.ctx.csrfToken ?? ''} />
        <input type="hidden" name="kind" value={props.kind} />
        {props.children}
        <MomentField
          tr={tr}
          id={at}
          legend={words.at}
          value={{ local: props.values[at] ?? '', offset: props.values[`${at}-offset`] ?? '' }}
          error={errorFor(props.errors, at)}
          required
        />
        <button class="button" type="submit">
          {tr.t(words.submit)}
        </button>
      </form>
    </>
  );
}

/** The forms whose one field besides the time is a text: the officials identified, the evidence excluded. */
const TEXT_FIELD = {
  'suspects-identified': {
    field: 'officials',
    label: 'allegation.suspects.form.officials',
    hint: 'allegation.suspects.form.officials.hint',
    maxlength: undefined,
  },
  'evidence-excluded': {
    field: 'description',
    label: 'allegation.evidence.form.description',
    hint: 'allegation.evidence.form.description.hint',
    maxlength: 2000,
  },
} as const;

function TextOutcomeForm(props: OutcomeFormProps & { kind: keyof typeof TEXT_FIELD }): JSX.Element {
  const text = TEXT_FIELD[props.kind];
  const id = outcomeFieldId(props.kind, text.field);
  return (
    <OutcomeForm {...props}>
      <TextAreaField
        tr={props.ctx.tr}
        id={id}
        label={text.label}
        hint={text.hint}
        value={props.values[id] ?? ''}
        error={errorFor(props.errors, id)}
        rows={3}
        maxlength={text.maxlength}
      />
    </OutcomeForm>
  );
}

/** kz.torture.suspension: officials identified as suspected perpetrators, one a line. */
export function SuspectsForm(props: OutcomeFormProps): JSX.Element {
  return <TextOutcomeForm {...props} kind="suspects-identified" />;
}

/** kz.evidence.inadmissible: evidence obtained under torture, excluded from the case. */
export function EvidenceForm(props: OutcomeFormProps): JSX.Element {
  return <TextOutcomeForm {...props} kind="evidence-excluded" />;
}

/**
 * kz.torture.suspension: one of the officials still to be suspended, chosen as identified; the
 * form is offered only while one is.
 */
export function SuspensionForm(props: OutcomeFormProps & { suspects: readonly SuspectView[] }): JSX.Element {
  const kind = 'official-suspended';
  const pending = [
    ...new Set(props.suspects.filter((suspect) => suspect.suspendedAt === null).map((s) => s.official)),
  ];
  if (pending.length === 0) return '';
  const { tr } = props.ctx;
  const official = outcomeFieldId(kind, 'official');
  const by = outcomeFieldId(kind, 'by');
  return (
    <OutcomeForm {...props} kind={kind}>
      <SelectField
        tr={tr}
        id={official}
        label="allegation.suspension.form.official"
        placeholder="allegation.suspension.form.official.choose"
        choices={pending.map((name) => ({ value: name, label: name }))}
        value={props.values[official] ?? ''}
        error={errorFor(props.errors, official)}
      />
      <TextField
        tr={tr}
        id={by}
        label="allegation.suspension.form.by"
        hint="allegation.suspension.form.by.hint"
        value={props.values[by] ?? ''}
        error={errorFor(props.errors, by)}
        maxlength={300}
      />
    </OutcomeForm>
  );
}

/** kz.torture.sentencing: the court's outcome, recorded as the court decided. */
export function CourtOutcomeForm(props: OutcomeFormProps): JSX.Element {
  const kind = 'court-outcome';
  const { tr } = props.ctx;
  const field = (name: string) => outcomeFieldId(kind, name);
  const value = (name: string) => props.values[field(name)] ?? '';
  const error = (name: string) => errorFor(props.errors, field(name));
  return (
    <OutcomeForm {...props} kind={kind}>
      <RadioField
        tr={tr}
        name={field('outcome')}
        legend="allegation.court.outcome"
        choices={COURT_OUTCOMES.map((outcome) => ({ value: outcome, label: tr.attr(OUTCOME_TEXT[outcome]) }))}
        value={value('outcome')}
        error={error('outcome')}
      />
      <TextField
        tr={tr}
        id={field('article')}
        label="allegation.court.article"
        hint="allegation.court.form.article.hint"
        value={value('article')}
        error={error('article')}
        width="medium"
        maxlength={200}
      />
      <CheckboxField
        tr={tr}
        id={field('reclassified')}
        label="allegation.court.form.reclassified"
        checked={value('reclassified') === 'yes'}
        error={error('reclassified')}
      />
      <SelectField
        tr={tr}
        id={field('sentence')}
        label="allegation.court.sentence"
        hint="allegation.court.form.sentence.hint"
        placeholder="allegation.court.form.sentence.none"
        choices={SENTENCE_KINDS.map((sentence) => ({
          value: sentence,
          label: tr.attr(SENTENCE_TEXT[sentence]),
        }))}
        value={value('sentence')}
        error={error('sentence')}
      />
      <TextField
        tr={tr}
        id={field('months')}
        label="allegation.court.form.months"
        hint="allegation.court.form.months.hint"
        value={value('months')}
        error={error('months')}
        width="short"
        maxlength={4}
        inputmode="numeric"
      />
      <CheckboxField
        tr={tr}
        id={field('pleaBargain')}
        label="allegation.court.form.pleaBargain"
        checked={value('pleaBargain') === 'yes'}
        error={error('pleaBargain')}
      />
    </OutcomeForm>
  );
}
