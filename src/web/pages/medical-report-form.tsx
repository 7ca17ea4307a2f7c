import type { PropsWithChildren } from '@kitajs/html';
import { MAX_MEDICAL_PHOTO_BYTES, MEDICAL_PHOTO_TYPES } from '../../app/medical-photos.js';
import {
  ATTRIBUTIONS,
  CONSENT_ANSWERS,
  CONSISTENCY_SCALE,
  FINDING_TYPES,
  PRESENT_ROLES,
} from '../../domain/medical/events.js';
import { BodyDiagram, BodyDiagramPatterns } from '../components/body-diagram.js';
import { CheckboxField, MomentField, SelectField, TextAreaField } from '../components/custody-fields.js';
import { FieldMessage } from '../components/error-summary.js';
import { RadioField, TextField, type Choice } from '../components/fields.js';
import { Layout } from '../components/layout.js';
import { RuleTags } from '../components/rule-tag.js';
import type { PageContext } from '../context.js';
import { languageName } from '../custody-labels.js';
import { formatMoment } from '../custody-time.js';
import { errorFor, type FieldError } from '../forms.js';
import type { MessageKey, Translator } from '../i18n.js';
import {
  attributionName,
  consentName,
  consistencyName,
  examinationKindName,
  findingTypeName,
  presentRoleName,
} from '../medical-labels.js';
import type { FindingDraft, PhotographDraft, ReportDraft } from '../medical-report-draft.js';
import { MAX_FINDINGS, MAX_PHOTOGRAPHS, MAX_PRESENT } from '../medical-report-draft.js';
import { paths } from '../paths.js';
import { COMMON_LANGUAGES } from './person-form.js';

/*
 * The Istanbul Protocol report's form (issue 19 items 3 and 7; intl.medical.report), for a first
 * report on an examination, a second opinion on another clinician's report
 * (kz.medical.second-opinion) and an amendment of one's own (a new version, prefilled with the
 * latest). Every section the Protocol requires, in its order: itemised consent, the circumstances
 * and who was present, the person's own account, each physical finding placed on the body diagram
 * with its photographs, the psychological findings, the opinion on the Protocol's scale, treatment
 * and referral. It works without JavaScript: "add another finding", "add another person" and
 * "attach the photograph" are buttons that send the form back with what was typed and show it
 * again, one more finding or person or the photograph's hash added; the photographs are sent with
 * the form (multipart) and sealed on arrival. Finishing signs the report with the clinician's
 * unlocked key; a locked key keeps the draft and says where to unlock it.
 */

export interface ExaminationSummary {
  examinationId: string;
  kind: string;
  at: string;
  place: string;
  clinicianName: string;
}

export type ReportFormMode =
  | {
      kind: 'new';
      /** The report a second opinion reviews, with its author and when it was finished. */
      secondOpinionOf: { reportId: string; authorName: string; finishedAt: string } | null;
    }
  | { kind: 'amend'; reportId: string; version: number; finishedAt: string };

export interface ReportFormProps {
  ctx: PageContext;
  personId: string;
  examination: ExaminationSummary;
  mode: ReportFormMode;
  draft: ReportDraft;
  errors: readonly FieldError[];
  /** The signing key is locked or not yet created: the draft is kept, the clinician sees to the key first. */
  signingKey: 'locked' | 'missing' | null;
}

/** The purpose the form's reads of the record, and its photographs' viewings, are recorded with. */
export const reportPurpose = (tr: Translator): string => tr.attr('reportForm.purpose');

const choicesOf = <Value extends string>(
  values: readonly Value[],
  name: (value: Value) => string,
): Choice[] => values.map((value) => ({ value, label: name(value) }));

function Section(props: PropsWithChildren<{ id: string; title: MessageKey; tr: Translator }>): JSX.Element {
  return (
    <section class="report-form__section" aria-labelledby={`${props.id}-title`}>
      <h2 class="heading-m" id={`${props.id}-title`}>
        {props.tr.t(props.title)}
      </h2>
      {props.children}
    </section>
  );
}

export function ReportFormPage(props: ReportFormProps): JSX.Element {
  const { ctx, draft, errors, mode, examination, personId } = props;
  const { tr } = ctx;
  const title =
    mode.kind === 'amend'
      ? tr.attr('reportForm.title.amend', { version: mode.version })
      : mode.secondOpinionOf
        ? tr.attr('reportForm.title.secondOpinion')
        : tr.attr('reportForm.title.new');
  const action =
    mode.kind === 'amend'
      ? paths.medicalReportAmendments(personId, mode.reportId)
      : paths.medicalReports(personId);
  const error = (field: string) => errorFor(errors, field);
  return (
    <Layout ctx={ctx} title={title} errors={errors}>
      <p>
        <a href={paths.medicalRecord(personId)}>{tr.t('reportForm.back')}</a>
      </p>
      <h1 class="heading-xl" safe>
        {title}
      </h1>
      <p class="lead">{tr.t('reportForm.lead')}</p>
      <dl class="summary">
        <div class="summary__row">
          <dt class="summary__key">{tr.t('reportForm.examination')}</dt>
          <dd class="summary__value" safe>
            {examinationKindName(tr, examination.kind)}
          </dd>
        </div>
        <div class="summary__row">
          <dt class="summary__key">{tr.t('reportForm.examination.at')}</dt>
          <dd class="summary__value" safe>
            {formatMoment(tr.lang, examination.at)}
          </dd>
        </div>
        <div class="summary__row">
          <dt class="summary__key">{tr.t('reportForm.examination.place')}</dt>
          <dd class="summary__value" safe>
            {examination.place}
          </dd>
        </div>
        <div class="summary__row">
          <dt class="summary__key">{tr.t('reportForm.examination.clinician')}</dt>
          <dd class="summary__value" safe>
            {examination.clinicianName}
          </dd>
        </div>
      </dl>
      {mode.kind === 'new' && mode.secondOpinionOf ? (
        <div class="notice" role="note">
          <p class="notice__text">
            {tr.t('reportForm.secondOpinion.of', {
              author: mode.secondOpinionOf.authorName,
              at: formatMoment(tr.lang, mode.secondOpinionOf.finishedAt),
            })}{' '}
            <RuleTags rules={['kz.medical.second-opinion']} />{' '}
            <a href={paths.medicalReport(personId, mode.secondOpinionOf.reportId)}>
              {tr.t('reportForm.secondOpinion.open')}
            </a>
          </p>
        </div>
      ) : (
        ''
      )}
      {mode.kind === 'amend' ? (
        <div class="notice" role="note">
          <p class="notice__text">
            {tr.t('reportForm.amend.note', {
              version: mode.version,
              at: formatMoment(tr.lang, mode.finishedAt),
            })}
          </p>
        </div>
      ) : (
        ''
      )}
      {props.signingKey ? <KeyNotice tr={tr} state={props.signingKey} /> : ''}

      <form
        class="form report-form"
        method="post"
        action={action}
        enctype="multipart/form-data"
        novalidate
        id="report"
      >
        <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
        <input type="hidden" name="examinationId" value={examination.examinationId} />
        {mode.kind === 'new' && mode.secondOpinionOf ? (
          <input type="hidden" name="secondOpinionOf" value={mode.secondOpinionOf.reportId} />
        ) : (
          ''
        )}
        {mode.kind === 'amend' ? (
          <>
            <input type="hidden" name="amends" value={draft.amends} />
            <TextAreaField
              tr={tr}
              id="reason"
              label="reportForm.reason"
              hint="reportForm.reason.hint"
              value={draft.reason}
              error={error('reason')}
              maxlength={4000}
            />
          </>
        ) : (
          ''
        )}

        <Section id="consent" title="reportForm.consent" tr={tr}>
          <p class="field__hint">{tr.t('reportForm.consent.hint')}</p>
          {(
            [
              ['consent-examination', 'reportForm.consent.examination', draft.consentExamination],
              ['consent-photographs', 'reportForm.consent.photographs', draft.consentPhotographs],
              ['consent-sharing', 'reportForm.consent.sharing', draft.consentSharing],
            ] as const
          ).map(([name, legend, value]) => (
            <RadioField
              tr={tr}
              name={name}
              legend={legend}
              choices={choicesOf(CONSENT_ANSWERS, (answer) => consentName(tr, answer))}
              value={value}
              error={error(name)}
            />
          ))}
          <TextAreaField
            tr={tr}
            id="consent-note"
            label="reportForm.consent.note"
            hint="reportForm.consent.note.hint"
            value={draft.consentNote}
            error={error('consent-note')}
            maxlength={4000}
          />
        </Section>

        <Section id="circumstances-section" title="reportForm.circumstances" tr={tr}>
          <TextAreaField
            tr={tr}
            id="circumstances"
            label="reportForm.circumstances.description"
            hint="reportForm.circumstances.description.hint"
            value={draft.circumstances}
            error={error('circumstances')}
            rows={4}
            maxlength={4000}
          />
          <Present tr={tr} draft={draft} errors={errors} />
          <TextAreaField
            tr={tr}
            id="staff-reason"
            label="reportForm.staffReason"
            hint="reportForm.staffReason.hint"
            value={draft.staffPresenceReason}
            error={error('staff-reason')}
            maxlength={4000}
          />
        </Section>

        <Section id="account" title="reportForm.account" tr={tr}>
          <TextAreaField
            tr={tr}
            id="account-text"
            label="reportForm.account.text"
            hint="reportForm.account.text.hint"
            value={draft.accountText}
            error={error('account-text')}
            rows={8}
            maxlength={20000}
          />
          <SelectField
            tr={tr}
            id="account-language"
            label="reportForm.account.language"
            choices={[...new Set([...COMMON_LANGUAGES, draft.accountLanguage].filter(Boolean))].map(
              (tag) => ({
                value: tag,
                label: languageName(tr, tag),
              }),
            )}
            value={draft.accountLanguage}
            error={error('account-language')}
            placeholder="reportForm.choose"
          />
          <TextField
            tr={tr}
            id="account-interpreter"
            label="reportForm.account.interpreter"
            hint="reportForm.account.interpreter.hint"
            value={draft.interpreter}
            error={error('account-interpreter')}
            maxlength={200}
          />
          <RadioField
            tr={tr}
            name="account-attributed"
            legend="reportForm.account.attributed"
            choices={choicesOf(ATTRIBUTIONS, (attribution) => attributionName(tr, attribution))}
            value={draft.attributedTo}
            error={error('account-attributed')}
          />
        </Section>

        <Section id="findings" title="reportForm.findings" tr={tr}>
          <p class="field__hint">{tr.t('reportForm.findings.hint')}</p>
          <FieldMessage tr={tr} id="findings" error={error('findings')} />
          <input type="hidden" name="finding-count" value={String(draft.findings.length)} />
          {draft.findings.map((finding, index) => (
            <Finding
              tr={tr}
              personId={personId}
              finding={finding}
              index={index}
              errors={errors}
              removable={draft.findings.length > 1}
            />
          ))}
          {draft.findings.length < MAX_FINDINGS ? (
            <button class="button button--secondary" type="submit" name="action" value="add-finding">
              {tr.t('reportForm.findings.add')}
            </button>
          ) : (
            ''
          )}
        </Section>

        <Section id="psychological-section" title="reportForm.psychological" tr={tr}>
          <TextAreaField
            tr={tr}
            id="psychological"
            label="reportForm.psychological.text"
            hint="reportForm.psychological.text.hint"
            value={draft.psychological}
            error={error('psychological')}
            rows={5}
            maxlength={4000}
          />
          <SelectField
            tr={tr}
            id="psychological-consistency"
            label="reportForm.psychological.consistency"
            hint="reportForm.psychological.consistency.hint"
            choices={choicesOf(CONSISTENCY_SCALE, (opinion) => consistencyName(tr, opinion))}
            value={draft.psychologicalConsistency}
            error={error('psychological-consistency')}
            placeholder="reportForm.notStated"
          />
        </Section>

        <Section id="opinion" title="reportForm.opinion" tr={tr}>
          <RadioField
            tr={tr}
            name="overall"
            legend="reportForm.opinion.overall"
            hint="reportForm.opinion.overall.hint"
            choices={CONSISTENCY_SCALE.map((opinion) => ({
              value: opinion,
              label: consistencyName(tr, opinion),
              hint: tr.attr(`reportForm.scale.${opinion}`),
            }))}
            value={draft.overall}
            error={error('overall')}
          />
          <TextAreaField
            tr={tr}
            id="interpretation"
            label="reportForm.opinion.interpretation"
            hint="reportForm.opinion.interpretation.hint"
            value={draft.interpretation}
            error={error('interpretation')}
            rows={5}
            maxlength={4000}
          />
        </Section>

        <Section id="treatment-section" title="reportForm.treatment" tr={tr}>
          <TextAreaField
            tr={tr}
            id="treatment"
            label="reportForm.treatment.given"
            value={draft.treatment}
            error={error('treatment')}
            maxlength={4000}
          />
          <TextAreaField
            tr={tr}
            id="referral"
            label="reportForm.treatment.referral"
            hint="reportForm.treatment.referral.hint"
            value={draft.referral}
            error={error('referral')}
            maxlength={4000}
          />
        </Section>

        <div class="report-form__finish">
          <p class="field__hint" id="finish-hint">
            {tr.t('reportForm.finish.hint')}
          </p>
          <button class="button" type="submit" name="action" value="finish" aria-describedby="finish-hint">
            {tr.t(mode.kind === 'amend' ? 'reportForm.finish.amend' : 'reportForm.finish')}
          </button>
        </div>
      </form>
      <BodyDiagramPatterns />
      <script src={paths.medicalBodyScript} defer></script>
    </Layout>
  );
}

/** The signing key is locked or missing: where to see to it, the draft kept meanwhile. */
function KeyNotice(props: { tr: Translator; state: 'locked' | 'missing' }): JSX.Element {
  const { tr } = props;
  return (
    <div class="notice notice--warning" role="alert" id="key">
      <p class="notice__text">
        {tr.t(props.state === 'locked' ? 'reportForm.key.locked' : 'reportForm.key.missing')}
      </p>
      <p>
        <a href={paths.medicalKey} target="_blank" rel="noopener">
          {tr.t(props.state === 'locked' ? 'reportForm.key.unlock' : 'reportForm.key.create')}
        </a>{' '}
        {tr.t('reportForm.key.kept')}
      </p>
    </div>
  );
}

/** Who was in the room, one person a row; police or prison staff need the reason below. */
function Present(props: { tr: Translator; draft: ReportDraft; errors: readonly FieldError[] }): JSX.Element {
  const { tr, draft, errors } = props;
  return (
    <div class="field">
      <fieldset class="fieldset" aria-describedby="present-hint">
        <legend class="fieldset__legend">{tr.t('reportForm.present')}</legend>
        <p class="field__hint" id="present-hint">
          {tr.t('reportForm.present.hint')}
        </p>
        <input type="hidden" name="present-count" value={String(draft.present.length)} />
        {draft.present.length === 0 ? <p>{tr.t('reportForm.present.none')}</p> : ''}
        {draft.present.map((person, index) => (
          <div class="report-form__person">
            <SelectField
              tr={tr}
              id={`present-${index}-role`}
              label="reportForm.present.role"
              choices={choicesOf(PRESENT_ROLES, (role) => presentRoleName(tr, role))}
              value={person.role}
              error={errorFor(errors, `present-${index}-role`)}
              placeholder="reportForm.choose"
            />
            <TextField
              tr={tr}
              id={`present-${index}-name`}
              label="reportForm.present.name"
              value={person.name}
              error={errorFor(errors, `present-${index}-name`)}
              maxlength={200}
            />
          </div>
        ))}
        {draft.present.length < MAX_PRESENT ? (
          <button class="button button--secondary" type="submit" name="action" value="add-person">
            {tr.t('reportForm.present.add')}
          </button>
        ) : (
          ''
        )}
      </fieldset>
    </div>
  );
}

/** One physical finding: what, where on the diagram, how large, its look and age, photographs, opinion. */
function Finding(props: {
  tr: Translator;
  personId: string;
  finding: FindingDraft;
  index: number;
  errors: readonly FieldError[];
  removable: boolean;
}): JSX.Element {
  const { tr, finding, index, errors } = props;
  const id = (part: string) => `finding-${index}-${part}`;
  const error = (part: string) => errorFor(errors, id(part));
  return (
    <fieldset class="fieldset report-form__finding" id={id('fieldset')}>
      <legend class="fieldset__legend">{tr.t('reportForm.finding', { number: index + 1 })}</legend>
      <SelectField
        tr={tr}
        id={id('type')}
        label="reportForm.finding.type"
        choices={choicesOf(FINDING_TYPES, (type) => findingTypeName(tr, type))}
        value={finding.type}
        error={error('type')}
        placeholder="reportForm.choose"
      />
      <BodyDiagram
        tr={tr}
        id={id('site')}
        label="reportForm.finding.site"
        value={finding.site}
        error={error('site')}
      />
      <TextField
        tr={tr}
        id={id('detail')}
        label="reportForm.finding.detail"
        hint="reportForm.finding.detail.hint"
        value={finding.detail}
        error={error('detail')}
        maxlength={200}
      />
      <div class="field">
        <fieldset class="fieldset" role="group" aria-describedby={`${id('size')}-hint`}>
          <legend class="fieldset__legend">{tr.t('reportForm.finding.size')}</legend>
          <p class="field__hint" id={`${id('size')}-hint`}>
            {tr.t('reportForm.finding.size.hint')}
          </p>
          <div class="report-form__size">
            <TextField
              tr={tr}
              id={id('length')}
              label="reportForm.finding.length"
              value={finding.length}
              error={error('length')}
              width="short"
              inputmode="numeric"
              maxlength={8}
            />
            <TextField
              tr={tr}
              id={id('width')}
              label="reportForm.finding.width"
              value={finding.width}
              error={error('width')}
              width="short"
              inputmode="numeric"
              maxlength={8}
            />
          </div>
        </fieldset>
      </div>
      <TextField
        tr={tr}
        id={id('shape')}
        label="reportForm.finding.shape"
        hint="reportForm.finding.shape.hint"
        value={finding.shape}
        error={error('shape')}
        maxlength={200}
      />
      <TextField
        tr={tr}
        id={id('colour')}
        label="reportForm.finding.colour"
        value={finding.colour}
        error={error('colour')}
        maxlength={200}
      />
      <TextField
        tr={tr}
        id={id('age')}
        label="reportForm.finding.age"
        hint="reportForm.finding.age.hint"
        value={finding.estimatedAge}
        error={error('age')}
        maxlength={200}
      />
      <SelectField
        tr={tr}
        id={id('consistency')}
        label="reportForm.finding.consistency"
        hint="reportForm.finding.consistency.hint"
        choices={choicesOf(CONSISTENCY_SCALE, (opinion) => consistencyName(tr, opinion))}
        value={finding.consistency}
        error={error('consistency')}
        placeholder="reportForm.choose"
      />
      <Photographs tr={tr} personId={props.personId} finding={finding} index={index} errors={errors} />
      {props.removable ? (
        <button
          class="button button--secondary"
          type="submit"
          name="action"
          value={`remove-finding-${index}`}
        >
          {tr.t('reportForm.finding.remove', { number: index + 1 })}
        </button>
      ) : (
        ''
      )}
    </fieldset>
  );
}

/** A finding's photographs: those attached (their hash kept in the form) and the next one to send. */
function Photographs(props: {
  tr: Translator;
  personId: string;
  finding: FindingDraft;
  index: number;
  errors: readonly FieldError[];
}): JSX.Element {
  const { tr, finding, index, errors } = props;
  const id = (part: string) => `finding-${index}-${part}`;
  return (
    <div class="field report-form__photographs">
      <fieldset class="fieldset" aria-describedby={`${id('file')}-intro`}>
        <legend class="fieldset__legend">{tr.t('reportForm.photo')}</legend>
        <p class="field__hint" id={`${id('file')}-intro`}>
          {tr.t('reportForm.photo.hint', { mib: MAX_MEDICAL_PHOTO_BYTES / 1024 / 1024 })}
        </p>
        <input type="hidden" name={id('photo-count')} value={String(finding.photographs.length)} />
        {finding.photographs.length > 0 ? (
          <ul class="report-form__photo-list">
            {finding.photographs.map((photograph, number) => (
              <Photograph
                tr={tr}
                personId={props.personId}
                photograph={photograph}
                finding={index}
                number={number}
              />
            ))}
          </ul>
        ) : (
          ''
        )}
        {finding.photographs.length < MAX_PHOTOGRAPHS ? (
          <>
            <div class={['field', errorFor(errors, id('file')) && 'field--error']}>
              <label class="field__label" for={id('file')}>
                {tr.t('reportForm.photo.file')}
              </label>
              <FieldMessage tr={tr} id={id('file')} error={errorFor(errors, id('file'))} />
              <input
                class="file-input"
                type="file"
                id={id('file')}
                name={id('file')}
                accept={MEDICAL_PHOTO_TYPES.join(',')}
                aria-describedby={errorFor(errors, id('file')) ? `${id('file')}-error` : undefined}
                aria-invalid={errorFor(errors, id('file')) ? 'true' : undefined}
              />
            </div>
            <CheckboxField
              tr={tr}
              id={id('file-scale')}
              label="reportForm.photo.scale"
              hint="reportForm.photo.scale.hint"
              checked={finding.nextPhoto.withScale}
              error={errorFor(errors, id('file-scale'))}
            />
            <MomentField
              tr={tr}
              id={id('file-taken')}
              legend="reportForm.photo.takenAt"
              hint="reportForm.photo.takenAt.hint"
              value={{ local: finding.nextPhoto.local, offset: finding.nextPhoto.offset }}
              error={errorFor(errors, id('file-taken'))}
            />
            <button class="button button--secondary" type="submit" name="action" value={`attach-${index}`}>
              {tr.t('reportForm.photo.attach')}
            </button>
          </>
        ) : (
          ''
        )}
      </fieldset>
    </div>
  );
}

function Photograph(props: {
  tr: Translator;
  personId: string;
  photograph: PhotographDraft;
  finding: number;
  number: number;
}): JSX.Element {
  const { tr, photograph, finding, number } = props;
  const name = `finding-${finding}-photo-${number}`;
  const url = `${paths.medicalPhoto(props.personId, photograph.sha256)}?purpose=${encodeURIComponent(reportPurpose(tr))}`;
  const label = tr.attr('reportForm.photo.name', { number: number + 1, finding: finding + 1 });
  return (
    <li class="report-form__photo">
      <input type="hidden" name={`${name}-sha256`} value={photograph.sha256} />
      <input type="hidden" name={`${name}-taken`} value={photograph.takenAt} />
      <input type="hidden" name={`${name}-scale`} value={photograph.withScale ? 'yes' : 'no'} />
      <img class="report-form__thumbnail" src={url} alt={label} width="160" height="120" loading="lazy" />
      <div>
        <p class="report-form__photo-name">
          <a href={url} target="_blank" rel="noopener" safe>
            {label}
          </a>
        </p>
        <p class="report-form__photo-meta" safe>
          {tr.attr(photograph.withScale ? 'reportForm.photo.withScale' : 'reportForm.photo.withoutScale')}
          {' · '}
          {tr.attr('reportForm.photo.taken', { at: formatMoment(tr.lang, photograph.takenAt) })}
        </p>
        <p class="report-form__photo-meta">
          {tr.t('reportForm.photo.sha256')} <code class="code--break">{photograph.sha256}</code>
        </p>
        <button
          class="button button--secondary"
          type="submit"
          name="action"
          value={`remove-photograph-${finding}-${number}`}
        >
          {tr.t('reportForm.photo.remove', { number: number + 1 })}
        </button>
      </div>
    </li>
  );
}
