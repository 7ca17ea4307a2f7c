import type { ExaminableEpisode, MedicalPersonView } from '../../app/medical-person.js';
import { SCREENING_OUTCOMES } from '../../domain/prison/events.js';
import {
  EXAMINATION_KINDS,
  FITNESS_VERDICTS,
  PRESENT_ROLES,
  PRISON_EXAMINATIONS,
  CUSTODY_EXAMINATIONS,
} from '../../domain/medical/events.js';
import { MomentField, TextAreaField } from '../components/custody-fields.js';
import { FieldMessage } from '../components/error-summary.js';
import { RadioField, TextField } from '../components/fields.js';
import { Layout } from '../components/layout.js';
import { RuleTags } from '../components/rule-tag.js';
import type { PageContext } from '../context.js';
import { formatMoment } from '../custody-time.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import type { Translator } from '../i18n.js';
import { examinationKindName, fitnessName, presentRoleName } from '../medical-labels.js';
import { paths } from '../paths.js';

/** Rows for the people in the room (without JavaScript a form cannot add rows: empty ones are ignored). */
export const PRESENT_ROWS = 4;

export const presentField = (index: number, part: 'role' | 'name'): string => `present-${index}-${part}`;

/** Every field the examination form sends, in its order (ExaminationInput's, the time's offset and the rows). */
export const EXAMINATION_FIELDS = [
  'examination',
  'episode',
  'at',
  'at-offset',
  'place',
  ...Array.from({ length: PRESENT_ROWS }, (_, index) => [
    presentField(index, 'role'),
    presentField(index, 'name'),
  ]).flat(),
  'staffPresenceReason',
  'injuriesNoted',
  'fitness',
  'screeningHiv',
  'screeningTb',
  'notes',
] as const;

/** The value of an episode's choice: `custody:<id>` or `prison:<id>`, as the form's address names it. */
export const episodeValue = (episode: Pick<ExaminableEpisode, 'context' | 'id'>): string =>
  `${episode.context}:${episode.id}`;

/** Which episodes an examination kind belongs to, said beside the choice. */
function kindHint(tr: Translator, kind: (typeof EXAMINATION_KINDS)[number]): string | undefined {
  if (PRISON_EXAMINATIONS.includes(kind)) return tr.attr('medicalExam.kind.prisonOnly');
  if (CUSTODY_EXAMINATIONS.includes(kind)) return tr.attr('medicalExam.kind.custodyOnly');
  return undefined;
}

function episodeLabel(tr: Translator, episode: ExaminableEpisode): string {
  return tr.attr(
    episode.context === 'custody' ? 'medicalExam.episode.custody' : 'medicalExam.episode.prison',
    {
      facility: episode.facilityName,
      since: formatMoment(tr.lang, episode.since),
    },
  );
}

export interface ExaminationFormPageProps {
  ctx: PageContext;
  person: MedicalPersonView;
  episodes: readonly ExaminableEpisode[];
  values: FormValues;
  errors: readonly FieldError[];
  /** The server's time: the latest moment the picker offers. */
  now: string;
}

/**
 * An examination by the clinician (issue 19 item 2), linked to the custody episode or prison stay
 * it belongs to: every field of ExaminationInput. Police or prison staff in the room need the
 * clinician's reason (Istanbul Protocol §§ 123-126); an examination before separation needs the
 * verdict on fitness (kz.discipline.medical-before); the screenings on admission say whether they
 * were done, never their results (kz.admission.medical). Works without JavaScript.
 */
export function ExaminationFormPage(props: ExaminationFormPageProps): JSX.Element {
  const { ctx, person, values, errors } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('medicalExam.title', { name: person.name })} errors={errors}>
      <p class="caption" safe>
        {person.name}
      </p>
      <h1 class="heading-xl">{tr.t('medicalExam.heading')}</h1>
      <p class="lead">
        {tr.t('medicalExam.lead')} <RuleTags rules={['kz.medical.system']} />
      </p>
      <form class="form" method="post" action={paths.medicalExaminations(person.personId)} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
        <RadioField
          tr={tr}
          name="examination"
          legend="medicalExam.kind"
          choices={EXAMINATION_KINDS.map((kind) => {
            const hint = kindHint(tr, kind);
            return { value: kind, label: examinationKindName(tr, kind), ...(hint ? { hint } : {}) };
          })}
          value={values.examination ?? ''}
          error={errorFor(errors, 'examination')}
        />
        <RadioField
          tr={tr}
          name="episode"
          legend="medicalExam.episode"
          hint="medicalExam.episode.hint"
          choices={props.episodes.map((episode) => ({
            value: episodeValue(episode),
            label: episodeLabel(tr, episode),
            ...(episode.current ? {} : { hint: tr.attr('medicalExam.episode.ended') }),
          }))}
          value={values.episode ?? ''}
          error={errorFor(errors, 'episode')}
        />
        <MomentField
          tr={tr}
          id="at"
          legend="medicalExam.at"
          hint="medicalExam.at.hint"
          value={{ local: values.at ?? '', offset: values['at-offset'] ?? '' }}
          error={errorFor(errors, 'at')}
        />
        <TextField
          tr={tr}
          id="place"
          label="medicalExam.place"
          hint="medicalExam.place.hint"
          value={values.place ?? ''}
          error={errorFor(errors, 'place')}
          maxlength={500}
        />
        <PresentRows ctx={ctx} values={values} errors={errors} />
        <TextAreaField
          tr={tr}
          id="staffPresenceReason"
          label="medicalExam.staffPresenceReason"
          hint="medicalExam.staffPresenceReason.hint"
          value={values.staffPresenceReason ?? ''}
          error={errorFor(errors, 'staffPresenceReason')}
          maxlength={4000}
        />
        <RadioField
          tr={tr}
          name="injuriesNoted"
          legend="medicalExam.injuriesNoted"
          hint="medicalExam.injuriesNoted.hint"
          choices={[
            { value: 'yes', label: tr.attr('medicalExam.injuriesNoted.yes') },
            { value: 'no', label: tr.attr('medicalExam.injuriesNoted.no') },
          ]}
          value={values.injuriesNoted ?? ''}
          error={errorFor(errors, 'injuriesNoted')}
        />
        <RadioField
          tr={tr}
          name="fitness"
          legend="medicalExam.fitness"
          hint="medicalExam.fitness.hint"
          choices={[
            ...FITNESS_VERDICTS.map((verdict) => ({ value: verdict, label: fitnessName(tr, verdict) })),
            { value: '', label: tr.attr('medicalExam.fitness.none') },
          ]}
          value={values.fitness ?? ''}
          error={errorFor(errors, 'fitness')}
        />
        <fieldset class="fieldset medical-screening" aria-describedby="screening-hint">
          <legend class="fieldset__legend">{tr.t('medicalExam.screening')}</legend>
          <p class="field__hint" id="screening-hint">
            {tr.t('medicalExam.screening.hint')} <RuleTags rules={['kz.admission.medical']} />
          </p>
          {(['screeningHiv', 'screeningTb'] as const).map((field) => (
            <RadioField
              tr={tr}
              name={field}
              legend={field === 'screeningHiv' ? 'prison.detail.hivScreening' : 'prison.detail.tbScreening'}
              choices={[
                ...SCREENING_OUTCOMES.map((outcome) => ({
                  value: outcome,
                  label: tr.attr(`prison.screening.${outcome}`),
                })),
                { value: '', label: tr.attr('medicalExam.screening.none') },
              ]}
              value={values[field] ?? ''}
              error={errorFor(errors, field)}
            />
          ))}
        </fieldset>
        <TextAreaField
          tr={tr}
          id="notes"
          label="medicalExam.notes"
          hint="medicalExam.notes.hint"
          value={values.notes ?? ''}
          error={errorFor(errors, 'notes')}
          rows={5}
          maxlength={4000}
        />
        <button class="button" type="submit">
          {tr.t('medicalExam.submit')}
        </button>
        <p>
          <a href={paths.medicalRecord(person.personId)}>{tr.t('medicalExam.cancel')}</a>
        </p>
      </form>
    </Layout>
  );
}

/** Who else was in the room: a role and a name a row; a row left empty is nobody. */
function PresentRows(props: {
  ctx: PageContext;
  values: FormValues;
  errors: readonly FieldError[];
}): JSX.Element {
  const { ctx, values, errors } = props;
  const { tr } = ctx;
  const error = errors.find((candidate) => candidate.field.startsWith('present-'));
  return (
    <div class={['field', error && 'field--error']}>
      <fieldset class="fieldset" aria-describedby="present-hint">
        <legend class="fieldset__legend">{tr.t('medicalExam.present')}</legend>
        <p class="field__hint" id="present-hint">
          {tr.t('medicalExam.present.hint')}
        </p>
        {Array.from({ length: PRESENT_ROWS }, (_, index) => {
          const role = presentField(index, 'role');
          const name = presentField(index, 'name');
          const rowError = errorFor(errors, role) ?? errorFor(errors, name);
          return (
            <div class="medical-present">
              <FieldMessage tr={tr} id={errorFor(errors, role) ? role : name} error={rowError} />
              <div class="medical-present__row">
                <div class="medical-present__part">
                  <label class="field__label field__label--small" for={role}>
                    {tr.t('medicalExam.present.role', { number: index + 1 })}
                  </label>
                  <select
                    class={['select', errorFor(errors, role) && 'input--error']}
                    id={role}
                    name={role}
                    aria-invalid={errorFor(errors, role) ? 'true' : undefined}
                  >
                    <option value="" selected={(values[role] ?? '') === ''}>
                      {tr.t('medicalExam.present.nobody')}
                    </option>
                    {PRESENT_ROLES.map((choice) => (
                      <option value={choice} selected={values[role] === choice} safe>
                        {presentRoleName(tr, choice)}
                      </option>
                    ))}
                  </select>
                </div>
                <div class="medical-present__part">
                  <label class="field__label field__label--small" for={name}>
                    {tr.t('medicalExam.present.name', { number: index + 1 })}
                  </label>
                  <input
                    class={['input', errorFor(errors, name) && 'input--error']}
                    id={name}
                    name={name}
                    type="text"
                    value={values[name] ?? ''}
                    maxlength={200}
                    aria-invalid={errorFor(errors, name) ? 'true' : undefined}
                  />
                </div>
              </div>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}
