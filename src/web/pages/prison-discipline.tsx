import type { DisciplineCheckView, StayView } from '../../app/prison-views.js';
import { SelectField, TextAreaField } from '../components/custody-fields.js';
import { FieldMessage } from '../components/error-summary.js';
import { RadioField } from '../components/fields.js';
import { Layout } from '../components/layout.js';
import {
  DisciplineVerdict,
  RegimeTag,
  SeparationCounter,
  VerdictTexts,
  type RuleNumbers,
} from '../components/prison-parts.js';
import type { PageContext } from '../context.js';
import { languageName } from '../custody-labels.js';
import { formatMoment } from '../custody-time.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import type { MessageKey } from '../i18n.js';
import { paths } from '../paths.js';
import { KZ_DISCIPLINE_MEASURES, measureName, vulnerabilityName } from '../prison-labels.js';
import { COMMON_LANGUAGES } from './person-form.js';
import { stayPersonName } from './prison-stay.js';

/** The fields of the discipline form: the `discipline-decided` event of POST /prison/stays/{id}/events. */
export const DISCIPLINE_FIELDS = [
  'measure',
  'days',
  'reason',
  'reportId',
  'informedLanguage',
  'action',
] as const;

/** Measures only an open prison has (kz.discipline.measures); the form offers them there only. */
const OPEN_PRISON_ONLY: readonly string[] = ['dormitory-removal', 'leave-removal'];

const MEASURE_HINTS: Partial<Record<(typeof KZ_DISCIPLINE_MEASURES)[number], MessageKey>> = {
  'punishment-block': 'discipline.measure.punishment-block.hint',
  solitary: 'discipline.measure.solitary.hint',
  'strict-conditions': 'discipline.measure.strict-conditions.hint',
};

export interface DisciplineFormProps {
  ctx: PageContext;
  stay: StayView;
  values: FormValues;
  errors: readonly FieldError[];
  /** The verdict to show: a check asked for, or a refused decision; null before any. */
  verdict: DisciplineCheckView | null;
  numbers: RuleNumbers;
}

/**
 * The governor's disciplinary decision (kz.discipline.measures). It explains before submission
 * which rule of national law would refuse it and why, or that it is lawful and which
 * international standard it falls short of: with JavaScript as the fields change
 * (public/prison.js calls POST /api/v1/prison/stays/{id}/discipline-check), without it with the
 * "Check" button, which the server answers with the same explanation (checkDiscipline).
 */
export function DisciplineFormPage(props: DisciplineFormProps): JSX.Element {
  const { ctx, stay, values, errors } = props;
  const { tr } = ctx;
  const name = stayPersonName(stay.person);
  const measures = KZ_DISCIPLINE_MEASURES.filter(
    (measure) => stay.facility.kind === 'open-prison' || !OPEN_PRISON_ONLY.includes(measure),
  );
  const reports = stay.timeline.filter((entry) => entry.type === 'breach-reported');
  const languages = [...new Set([...stay.person.languages, ...COMMON_LANGUAGES])];
  const daysError = errorFor(errors, 'days');
  return (
    <Layout ctx={ctx} title={`${tr.attr('discipline.title')}: ${name}`} errors={errors}>
      <p class="caption" safe>
        {name}
      </p>
      <h1 class="heading-xl">{tr.t('discipline.title')}</h1>
      <p class="lead">{tr.t('discipline.lead')}</p>
      <dl class="summary">
        <div class="summary__row">
          <dt class="summary__key">{tr.t('prison.person')}</dt>
          <dd class="summary__value">
            <a href={paths.prisonStay(stay.id)} safe>
              {name}
            </a>
          </dd>
        </div>
        <div class="summary__row">
          <dt class="summary__key">{tr.t('prison.facility')}</dt>
          <dd class="summary__value" safe>
            {stay.facility.name}
          </dd>
        </div>
        <div class="summary__row">
          <dt class="summary__key">{tr.t('prison.stay.regime')}</dt>
          <dd class="summary__value">
            <RegimeTag tr={tr} regime={stay.regime} />
            {stay.regime.kind !== 'general' ? (
              <SeparationCounter
                tr={tr}
                regime={stay.regime}
                prolongedDays={props.numbers.prolongedDays}
                compact
              />
            ) : (
              ''
            )}
          </dd>
        </div>
        <div class="summary__row">
          <dt class="summary__key">{tr.t('prison.stay.vulnerabilities')}</dt>
          <dd class="summary__value" safe>
            {[
              ...(stay.juvenile ? [tr.attr('prison.vulnerability.juvenile')] : []),
              ...stay.vulnerabilities
                .filter((item) => !(stay.juvenile && item.kind === 'juvenile'))
                .map((item) => vulnerabilityName(tr, item.kind)),
            ].join(', ') || tr.attr('prison.stay.vulnerabilities.none')}
          </dd>
        </div>
        <div class="summary__row">
          <dt class="summary__key">{tr.t('discipline.lastExamination')}</dt>
          <dd class="summary__value">
            <LastExamination {...props} />
          </dd>
        </div>
      </dl>

      <form
        class="form"
        method="post"
        action={paths.prisonDiscipline(stay.id)}
        novalidate
        data-discipline-form
        data-check-url={`/api/v1/prison/stays/${encodeURIComponent(stay.id)}/discipline-check`}
      >
        <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
        <RadioField
          tr={tr}
          name="measure"
          legend="discipline.measure"
          hint="discipline.measure.hint"
          choices={measures.map((measure) => {
            const hint = MEASURE_HINTS[measure];
            return {
              value: measure,
              label: measureName(tr, measure),
              ...(hint ? { hint: tr.attr(hint) } : {}),
            };
          })}
          value={values.measure ?? ''}
          error={errorFor(errors, 'measure')}
        />
        <div class={['field', daysError && 'field--error']}>
          <label class="field__label" for="days">
            {tr.t('discipline.days')}
          </label>
          <p class="field__hint" id="days-hint">
            {tr.t('discipline.days.hint', {
              block: props.numbers.punishmentBlockMaxDays,
              months: props.numbers.solitaryMaxMonths,
            })}
          </p>
          <FieldMessage tr={tr} id="days" error={daysError} />
          <input
            class={['input', 'input--short', daysError && 'input--error']}
            id="days"
            name="days"
            type="text"
            inputmode="numeric"
            autocomplete="off"
            value={values.days ?? ''}
            aria-describedby={daysError ? 'days-hint days-error' : 'days-hint'}
            aria-invalid={daysError ? 'true' : undefined}
          />
        </div>

        <section class="verdict-section" aria-labelledby="verdict-title">
          <h2 class="heading-m" id="verdict-title">
            {tr.t('discipline.verdict.title')}
          </h2>
          <p class="field__hint">{tr.t('discipline.verdict.lead')}</p>
          <DisciplineVerdict tr={tr} verdict={props.verdict} numbers={props.numbers} />
          <button
            class="button button--secondary"
            type="submit"
            name="action"
            value="check"
            data-check-button
          >
            {tr.t('discipline.check')}
          </button>
        </section>

        <TextAreaField
          tr={tr}
          id="reason"
          label="discipline.reason"
          hint="discipline.reason.hint"
          value={values.reason ?? ''}
          error={errorFor(errors, 'reason')}
          maxlength={1000}
        />
        <SelectField
          tr={tr}
          id="reportId"
          label="discipline.report"
          hint="discipline.report.hint"
          choices={reports.map((entry) => ({
            value: String(entry.details.reportId ?? ''),
            label: `${formatMoment(tr.lang, entry.at ?? entry.recordedAt)}: ${String(entry.details.description ?? '').slice(0, 80)}`,
          }))}
          value={values.reportId ?? ''}
          error={errorFor(errors, 'reportId')}
          placeholder="discipline.report.none"
        />
        <SelectField
          tr={tr}
          id="informedLanguage"
          label="discipline.language"
          hint="discipline.language.hint"
          choices={languages.map((tag) => ({ value: tag, label: languageName(tr, tag) }))}
          value={values.informedLanguage ?? ''}
          error={errorFor(errors, 'informedLanguage')}
          placeholder="safeguard.choose"
        />
        <button class="button button--warning" type="submit" name="action" value="decide">
          {tr.t('discipline.submit')}
        </button>
      </form>
      <p>
        <a href={paths.prisonStay(stay.id)}>{tr.t('discipline.back')}</a>
      </p>
      <VerdictTexts tr={tr} numbers={props.numbers} />
      <script src={paths.prisonScript} defer></script>
    </Layout>
  );
}

/** When the person was last examined (kz.discipline.medical-before needs one in the 24 hours before). */
function LastExamination(props: DisciplineFormProps): JSX.Element {
  const { tr } = props.ctx;
  const last = props.stay.timeline.filter((entry) => entry.type === 'medical-examined').at(-1);
  if (!last || last.at === null) return <span>{tr.t('discipline.lastExamination.none')}</span>;
  return (
    <time datetime={last.at} safe>
      {formatMoment(tr.lang, last.at)}
    </time>
  );
}
