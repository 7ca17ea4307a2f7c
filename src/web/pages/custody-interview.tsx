import type { CustodyView, InterviewView } from '../../app/custody-views.js';
import { INTERVIEW_COUNSEL, INTERVIEW_ROLES } from '../../domain/custody/events.js';
import { MomentField, SelectField, TextAreaField } from '../components/custody-fields.js';
import { RadioField, TextField, type Choice } from '../components/fields.js';
import { Layout } from '../components/layout.js';
import { FindingKindTag } from '../components/timeline.js';
import type { PageContext } from '../context.js';
import { INTERVIEW_COUNSEL_LABELS, INTERVIEW_ROLE_LABELS, languageName } from '../custody-labels.js';
import { formatMoment } from '../custody-time.js';
import { duration, findingText, formatNumber } from '../finding-text.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import type { MessageKey, Translator } from '../i18n.js';
import { PRESENT_ROWS, presentField } from '../interview-form.js';
import { paths } from '../paths.js';
import { COMMON_LANGUAGES } from './person-form.js';

/*
 * Interviews of the detained suspect (kz.custody.interview, seed ¶7, ¶39): the episode's list of
 * them, each with what the rule found, and the form the custody unit records one with. The form
 * works without JavaScript; an interview is recorded as it happened — one before the rights were
 * explained, while requested counsel had not arrived, or without a recording is flagged, never
 * turned away.
 */

/** A recording's size: megabytes in the reader's numbers, and the exact bytes beside them. */
function sizeText(tr: Translator, bytes: number): string {
  return tr.attr('interview.recording.size', {
    size: formatNumber(tr, Math.round(bytes / 100_000) / 10),
    bytes: new Intl.NumberFormat(tr.lang).format(bytes),
  });
}

function Row(props: { label: MessageKey; tr: Translator; children: JSX.Element | string }): JSX.Element {
  return (
    <div class="summary__row">
      <dt class="summary__key">{props.tr.t(props.label)}</dt>
      <dd class="summary__value">{props.children}</dd>
    </div>
  );
}

/** One interview: when, who, counsel, interpreter, its recording, its case, and its findings. */
function Interview(props: { tr: Translator; interview: InterviewView }): JSX.Element {
  const { tr, interview } = props;
  const titleId = `interview-${interview.interviewId}-title`;
  return (
    <li class="card interview" id={`interview-${interview.interviewId}`}>
      <article aria-labelledby={titleId}>
        <h3 class="card__title" id={titleId}>
          {tr.t('interview.title', { when: formatMoment(tr.lang, interview.startedAt) })}
        </h3>
        <dl class="summary">
          <Row tr={tr} label="interview.when">
            <>
              <time datetime={interview.startedAt} safe>
                {formatMoment(tr.lang, interview.startedAt)}
              </time>
              {' – '}
              <time datetime={interview.endedAt} safe>
                {formatMoment(tr.lang, interview.endedAt)}
              </time>{' '}
              <span safe>
                ({duration(tr, Date.parse(interview.endedAt) - Date.parse(interview.startedAt))})
              </span>
            </>
          </Row>
          <Row tr={tr} label="interview.interviewer">
            <span safe>{`${interview.interviewer.name}, ${interview.interviewer.position}`}</span>
          </Row>
          <Row tr={tr} label="interview.present">
            {interview.present.length === 0 ? (
              tr.t('interview.present.none')
            ) : (
              <ul class="list list--plain">
                {interview.present.map((person) => (
                  <li safe>{`${person.name} — ${tr.attr(INTERVIEW_ROLE_LABELS[person.role])}`}</li>
                ))}
              </ul>
            )}
          </Row>
          <Row tr={tr} label="interview.counsel">
            <span safe>
              {tr.attr(INTERVIEW_COUNSEL_LABELS[interview.counsel]) +
                (interview.counselName === null ? '' : `: ${interview.counselName}`)}
            </span>
          </Row>
          <Row tr={tr} label="interview.interpreter">
            <span safe>
              {interview.interpreter === null
                ? tr.attr('interview.interpreter.none')
                : languageName(tr, interview.interpreter)}
            </span>
          </Row>
          <Row tr={tr} label="interview.recording">
            {interview.recording === null ? (
              <>
                <strong>{tr.t('interview.recording.none')}</strong>{' '}
                <span safe>{interview.noRecordingReason ?? ''}</span>
              </>
            ) : (
              <>
                <span safe>{sizeText(tr, interview.recording.size)}</span>,{' '}
                <code safe>{interview.recording.mediaType}</code>
                <br />
                {tr.t('interview.recording.sha256')}{' '}
                <code class="code--break" safe>
                  {interview.recording.sha256}
                </code>
              </>
            )}
          </Row>
          <Row tr={tr} label="interview.caseNumber">
            <span safe>{interview.caseNumber ?? tr.attr('custody.value.none')}</span>
          </Row>
          <Row tr={tr} label="interview.recordedAt">
            <span safe>
              {tr.attr('interview.recordedBy', {
                when: formatMoment(tr.lang, interview.recordedAt),
                who: interview.actorName ?? interview.actor,
                seq: interview.seq,
              })}
            </span>
          </Row>
        </dl>
        {interview.findings.length === 0 ? (
          <p class="interview__findings-none">{tr.t('interview.findings.none')}</p>
        ) : (
          <>
            <p>
              <strong>{tr.t('interview.findings', { count: interview.findings.length })}</strong>
            </p>
            <ul class="list list--plain interview__findings">
              {interview.findings.map((finding) => (
                <li data-rule={finding.rule}>
                  <FindingKindTag tr={tr} kind={finding.kind} /> <span safe>{findingText(tr, finding)}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </article>
    </li>
  );
}

/** The episode's interviews, newest last, and the way to record one for the custody unit. */
export function InterviewsSection(props: {
  ctx: PageContext;
  custody: CustodyView;
  /** The custody unit records interviews; everyone else who reads the episode only reads them. */
  canRecord: boolean;
}): JSX.Element {
  const { ctx, custody } = props;
  const { tr } = ctx;
  return (
    <section class="section" aria-labelledby="interviews-title" id="interviews">
      <h2 class="heading-l" id="interviews-title">
        {tr.t('episode.interviews')}
      </h2>
      <p>{tr.t('episode.interviews.lead')}</p>
      {props.canRecord ? (
        <p>
          <a class="button button--secondary" href={paths.newCustodyInterview(custody.id)}>
            {tr.t('episode.interviews.record')}
          </a>
        </p>
      ) : (
        ''
      )}
      {custody.interviews.length === 0 ? (
        <p>{tr.t('episode.interviews.none')}</p>
      ) : (
        <ol class="list list--plain interviews">
          {custody.interviews.map((interview) => (
            <Interview tr={tr} interview={interview} />
          ))}
        </ol>
      )}
    </section>
  );
}

const roleChoices = (tr: Translator): Choice[] =>
  INTERVIEW_ROLES.map((role) => ({ value: role, label: tr.attr(INTERVIEW_ROLE_LABELS[role]) }));

/** The form of an interview of the detained suspect (POST /custody/{id}/interviews). */
export function InterviewFormPage(props: {
  ctx: PageContext;
  custody: CustodyView;
  values: FormValues;
  errors: readonly FieldError[];
}): JSX.Element {
  const { ctx, custody, values, errors } = props;
  const { tr } = ctx;
  const value = (field: string) => values[field] ?? '';
  const error = (field: string) => errorFor(errors, field);
  // The person's own languages first, then the common ones (as the rights' form offers them).
  const languages = [...new Set([...custody.person.languages, ...COMMON_LANGUAGES])];
  return (
    <Layout ctx={ctx} title={tr.attr('interview.form.title')} errors={errors}>
      <p class="caption" safe>
        {[custody.person.familyName, custody.person.givenNames, custody.person.patronymic ?? '']
          .filter((part) => part !== '')
          .join(' ')}
      </p>
      <h1 class="heading-xl">{tr.t('interview.form.title')}</h1>
      <p class="lead">{tr.t('interview.form.lead', { facility: custody.facility.name })}</p>
      <form class="form" method="post" action={paths.custodyInterviews(custody.id)} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
        <MomentField
          tr={tr}
          id="startedAt"
          legend="interview.startedAt"
          value={{ local: value('startedAt'), offset: value('startedAt-offset') }}
          error={error('startedAt')}
        />
        <MomentField
          tr={tr}
          id="endedAt"
          legend="interview.endedAt"
          value={{ local: value('endedAt'), offset: value('endedAt-offset') }}
          error={error('endedAt')}
        />
        <TextField
          tr={tr}
          id="interviewerName"
          label="interview.interviewerName"
          value={value('interviewerName')}
          error={error('interviewerName')}
          autocomplete="off"
          maxlength={200}
        />
        <TextField
          tr={tr}
          id="interviewerPosition"
          label="interview.interviewerPosition"
          hint="interview.interviewerPosition.hint"
          value={value('interviewerPosition')}
          error={error('interviewerPosition')}
          autocomplete="off"
          maxlength={200}
        />
        <div class="field">
          <fieldset class="fieldset" aria-describedby="present-hint">
            <legend class="fieldset__legend">{tr.t('interview.present.legend')}</legend>
            <p class="field__hint" id="present-hint">
              {tr.t('interview.present.hint')}
            </p>
            {Array.from({ length: PRESENT_ROWS }, (_, index) => index + 1).map((row) => (
              <fieldset class="fieldset fieldset--nested interview__present-row">
                <legend class="fieldset__legend fieldset__legend--s">
                  {tr.t('interview.present.person', { n: row })}
                </legend>
                <TextField
                  tr={tr}
                  id={presentField(row, 'name')}
                  label="interview.present.name"
                  value={value(presentField(row, 'name'))}
                  error={error(presentField(row, 'name'))}
                  autocomplete="off"
                  maxlength={200}
                />
                <SelectField
                  tr={tr}
                  id={presentField(row, 'role')}
                  label="interview.present.role"
                  choices={roleChoices(tr)}
                  value={value(presentField(row, 'role'))}
                  error={error(presentField(row, 'role'))}
                  placeholder="interview.present.choose"
                />
              </fieldset>
            ))}
          </fieldset>
        </div>
        <RadioField
          tr={tr}
          name="counsel"
          legend="interview.counsel.legend"
          hint="interview.counsel.hint"
          choices={INTERVIEW_COUNSEL.map((counsel) => ({
            value: counsel,
            label: tr.attr(INTERVIEW_COUNSEL_LABELS[counsel]),
          }))}
          value={value('counsel')}
          error={error('counsel')}
        />
        <TextField
          tr={tr}
          id="counselName"
          label="interview.counselName"
          hint="interview.counselName.hint"
          value={value('counselName')}
          error={error('counselName')}
          autocomplete="off"
          maxlength={200}
        />
        <SelectField
          tr={tr}
          id="interpreter"
          label="interview.interpreter"
          hint="interview.interpreter.hint"
          choices={languages.map((tag) => ({ value: tag, label: languageName(tr, tag) }))}
          value={value('interpreter')}
          error={error('interpreter')}
          placeholder="interview.interpreter.none"
        />
        <RadioField
          tr={tr}
          name="recorded"
          legend="interview.recorded.legend"
          hint="interview.recorded.hint"
          choices={[
            { value: 'yes', label: tr.attr('interview.recorded.yes') },
            { value: 'no', label: tr.attr('interview.recorded.no') },
          ]}
          value={value('recorded')}
          error={error('recorded')}
        />
        <TextField
          tr={tr}
          id="recordingSha256"
          label="interview.recordingSha256"
          hint="interview.recordingSha256.hint"
          value={value('recordingSha256')}
          error={error('recordingSha256')}
          autocomplete="off"
          spellcheck={false}
          maxlength={64}
        />
        <TextField
          tr={tr}
          id="recordingSize"
          label="interview.recordingSize"
          value={value('recordingSize')}
          error={error('recordingSize')}
          autocomplete="off"
          width="medium"
          inputmode="numeric"
          maxlength={20}
        />
        <TextField
          tr={tr}
          id="recordingMediaType"
          label="interview.recordingMediaType"
          hint="interview.recordingMediaType.hint"
          value={value('recordingMediaType')}
          error={error('recordingMediaType')}
          autocomplete="off"
          spellcheck={false}
          width="medium"
          maxlength={127}
        />
        <TextAreaField
          tr={tr}
          id="noRecordingReason"
          label="interview.noRecordingReason"
          hint="interview.noRecordingReason.hint"
          value={value('noRecordingReason')}
          error={error('noRecordingReason')}
          maxlength={1000}
        />
        <TextField
          tr={tr}
          id="caseNumber"
          label="interview.caseNumber.label"
          hint="interview.caseNumber.hint"
          value={value('caseNumber')}
          error={error('caseNumber')}
          autocomplete="off"
          width="medium"
          maxlength={64}
        />
        <button class="button" type="submit">
          {tr.t('interview.form.submit')}
        </button>
      </form>
      <p>
        <a href={`${paths.custodyEpisode(custody.id)}#interviews`}>{tr.t('interview.form.back')}</a>
      </p>
    </Layout>
  );
}
