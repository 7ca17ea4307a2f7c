import type { MedicalRecordView, ReportVersionView, ReportView } from '../../app/medical.js';
import type { MedicalPersonView } from '../../app/medical-person.js';
import { DISCLOSURE_RECIPIENTS, LEGAL_BASES } from '../../domain/medical/events.js';
import { MomentField, TextAreaField } from '../components/custody-fields.js';
import { RadioField, TextField } from '../components/fields.js';
import { Layout } from '../components/layout.js';
import { ReportSections, SignatureRows, SummaryRow } from '../components/medical-report-parts.js';
import { RuleTags } from '../components/rule-tag.js';
import type { PageContext } from '../context.js';
import { formatMoment } from '../custody-time.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import { examinationKindName, legalBasisName, recipientName } from '../medical-labels.js';
import { paths } from '../paths.js';
import { EpisodeText, PurposeForm, ReferralText, reportTitle, SecondOpinions } from './medical-record.js';

/** Every field the disclosure form sends, in its order. */
export const DISCLOSURE_FIELDS = [
  'version',
  'recipient',
  'recipientName',
  'legalBasis',
  'courtOrderReference',
  'courtOrderCourt',
  'consentGivenAt',
  'consentGivenAt-offset',
  'consentStatement',
] as const;

export interface RegisteredKey {
  keyId: string;
  publicKey: string;
  registeredAt: string;
}

export interface MedicalReportPageProps {
  ctx: PageContext;
  person: MedicalPersonView;
  record: MedicalRecordView;
  report: ReportView;
  version: ReportVersionView;
  facilities: Readonly<Record<string, string>>;
  /** The key the log registered for the version's clinician, if any. */
  registeredKey: RegisteredKey | null;
  purpose: string;
  errors: readonly FieldError[];
  /** The disclosure form as sent, when it came back with errors. */
  values: FormValues;
  /** After a disclosure was recorded (POST-redirect-GET). */
  disclosed: boolean;
  /** The reader may write in this record (disclose, amend, give a second opinion). */
  canWrite: boolean;
  /** The reader's account: the author amends, another clinician gives a second opinion. */
  readerId: string;
}

/**
 * A signed report (intl.medical.report) as its clinicians read it: the version asked for (the
 * latest by default) with every section, its signature and the signed export that `habeas medical
 * verify` checks offline, every other version, its referral to the procurator, its second opinions
 * side by side, and its disclosures with the form that records another (intl.medical.disclosure).
 */
export function MedicalReportPage(props: MedicalReportPageProps): JSX.Element {
  const { ctx, person, report, version, record } = props;
  const { tr } = ctx;
  const latest = report.versions.at(-1) ?? version;
  const examination = record.examinations.find((exam) => exam.examinationId === report.examinationId);
  const reviewed =
    report.secondOpinionOf === null
      ? undefined
      : record.reports.find((other) => other.reportId === report.secondOpinionOf?.reportId);
  const registered =
    version.keyId === null || props.registeredKey === null
      ? null
      : props.registeredKey.keyId === version.keyId;
  const title = reportTitle(tr, report);
  return (
    <Layout ctx={ctx} title={`${title} — ${person.name}`} errors={props.errors}>
      {props.disclosed ? (
        <div class="notice notice--success" role="status">
          <p class="notice__text">{tr.t('medicalReport.disclosed')}</p>
        </div>
      ) : (
        ''
      )}
      <p class="caption">
        <a href={paths.medicalRecord(person.personId)} safe>
          {person.name}
        </a>
      </p>
      <h1 class="heading-xl" safe>
        {`${title}, ${tr.attr('medical.versionN', { version: version.version })}`}
      </h1>
      {version.version !== latest.version ? (
        <div class="notice notice--warning">
          <p class="notice__text">
            {tr.t('medicalReport.olderVersion', { version: version.version, latest: latest.version })}{' '}
            <a href={paths.medicalReport(person.personId, report.reportId)}>
              {tr.t('medicalReport.toLatest')}
            </a>
          </p>
        </div>
      ) : (
        ''
      )}
      <dl class="summary">
        {examination !== undefined ? (
          <SummaryRow label={tr.attr('medical.examination')}>
            <>
              <span safe>{examinationKindName(tr, examination.examination)}</span>
              {', '}
              <time datetime={examination.at} safe>
                {formatMoment(tr.lang, examination.at)}
              </time>
              {', '}
              <EpisodeText
                ctx={ctx}
                episode={examination.episode}
                facilityName={props.facilities[examination.facilityId] ?? '—'}
              />
            </>
          </SummaryRow>
        ) : (
          ''
        )}
        <SummaryRow label={tr.attr('medical.report.author')}>
          <span safe>{version.clinician.name}</span>
        </SummaryRow>
        <SummaryRow label={tr.attr('medical.finishedAt')}>
          <time datetime={version.finishedAt} safe>
            {formatMoment(tr.lang, version.finishedAt)}
          </time>
        </SummaryRow>
        {version.amends !== null ? (
          <SummaryRow label={tr.attr('medicalReport.amends')}>
            <span safe>
              {tr.attr('medicalReport.amends.text', {
                version: version.amends.version,
                reason: version.amends.reason,
              })}
            </span>
          </SummaryRow>
        ) : (
          ''
        )}
        {reviewed !== undefined && report.secondOpinionOf !== null ? (
          <SummaryRow label={tr.attr('medicalReport.reviews')}>
            <a
              href={paths.medicalReport(person.personId, reviewed.reportId, report.secondOpinionOf.version)}
              safe
            >
              {tr.attr('medical.compare.first', {
                name: reviewed.author.name,
                version: report.secondOpinionOf.version,
              })}
            </a>
          </SummaryRow>
        ) : (
          ''
        )}
        <SummaryRow label={tr.attr('medical.referral')}>
          <ReferralText tr={tr} referral={report.referral} />
        </SummaryRow>
      </dl>

      <p class="medical-actions">
        <a
          class="button button--secondary"
          href={paths.medicalReportPrint(person.personId, report.reportId, version.version)}
        >
          {tr.t('medicalReport.print')}
        </a>{' '}
        {props.canWrite &&
        version.version === latest.version &&
        report.author.accountId === props.readerId ? (
          <>
            <a
              class="button button--secondary"
              href={paths.medicalReportAmend(person.personId, report.reportId)}
            >
              {tr.t('medicalReport.amend')}
            </a>{' '}
          </>
        ) : (
          ''
        )}
        {props.canWrite && report.author.accountId !== props.readerId ? (
          <a
            class="button button--secondary"
            href={paths.medicalReportNew(person.personId, report.examinationId, report.reportId)}
          >
            {tr.t('medicalReport.secondOpinion')}
          </a>
        ) : (
          ''
        )}
      </p>

      <PurposeForm
        ctx={ctx}
        action={paths.medicalReport(person.personId, report.reportId)}
        purpose={props.purpose}
        errors={props.errors.filter((error) => error.field === 'purpose')}
        keep={{ version: String(version.version) }}
      />

      <section class="section" aria-labelledby="signature-title">
        <h2 class="heading-l" id="signature-title">
          {tr.t('medicalReport.signature.title')}
        </h2>
        <dl class="summary">
          <SignatureRows tr={tr} version={version} registered={registered} />
          {props.registeredKey !== null && registered === true ? (
            <SummaryRow label={tr.attr('medicalKey.publicKey')}>
              <code class="code--break" safe>
                {props.registeredKey.publicKey}
              </code>
            </SummaryRow>
          ) : (
            ''
          )}
        </dl>
        {version.digest !== null ? (
          <>
            <p>
              <a
                href={paths.medicalReportSigned(person.personId, report.reportId, version.version)}
                download={`report-${report.reportId}-v${version.version}.json`}
              >
                {tr.t('medicalReport.download')}
              </a>
            </p>
            <p class="field__hint">{tr.t('medicalReport.verifyHint')}</p>
            <pre class="code-block">
              <code
                safe
              >{`habeas medical verify report-${report.reportId}-v${version.version}.json --key ${props.registeredKey?.publicKey ?? 'PUBLIC_KEY'}`}</code>
            </pre>
          </>
        ) : (
          ''
        )}
      </section>

      <section class="section" aria-labelledby="versions-title">
        <h2 class="heading-l" id="versions-title">
          {tr.t('medical.report.versions')}
        </h2>
        <ol class="medical-list">
          {report.versions.map((other) => (
            <li>
              <a
                href={paths.medicalReport(person.personId, report.reportId, other.version)}
                aria-current={other.version === version.version ? 'page' : undefined}
                safe
              >
                {tr.attr('medical.versionN', { version: other.version })}
              </a>
              {', '}
              <time datetime={other.finishedAt} safe>
                {formatMoment(tr.lang, other.finishedAt)}
              </time>
              {', '}
              <span safe>{other.clinician.name}</span>
              {other.amends !== null ? (
                <>
                  {' — '}
                  <span safe>
                    {tr.attr('medical.report.amendedBecause', { reason: other.amends.reason })}
                  </span>
                </>
              ) : (
                ''
              )}
            </li>
          ))}
        </ol>
      </section>

      <ReportSections
        tr={tr}
        content={version.content}
        photoHref={(sha256) => paths.medicalPhoto(person.personId, sha256)}
      />

      <SecondOpinions ctx={ctx} reports={record.reports} of={report.reportId} />

      <Disclosures {...props} />
    </Layout>
  );
}

/** Who received the report, on what basis, and the form that records another disclosure. */
function Disclosures(props: MedicalReportPageProps): JSX.Element {
  const { ctx, report, version, values, errors } = props;
  const { tr } = ctx;
  return (
    <section class="section" aria-labelledby="disclosures-title">
      <h2 class="heading-l" id="disclosures-title">
        {tr.t('medical.disclosures')}
      </h2>
      <p>
        {tr.t('medicalReport.disclosures.lead')} <RuleTags rules={['intl.medical.disclosure']} />
      </p>
      {report.disclosures.length === 0 ? (
        <p>{tr.t('medicalReport.disclosures.none')}</p>
      ) : (
        <ul class="medical-list">
          {report.disclosures.map((disclosure) => (
            <li>
              <time datetime={disclosure.disclosedAt} safe>
                {formatMoment(tr.lang, disclosure.disclosedAt)}
              </time>
              {': '}
              <span safe>
                {tr.attr('medicalReport.disclosures.item', {
                  version: disclosure.version,
                  recipient: `${recipientName(tr, disclosure.recipient)}${disclosure.recipientName ? ` (${disclosure.recipientName})` : ''}`,
                  basis: legalBasisName(tr, disclosure.legalBasis),
                  clinician: disclosure.clinician.name,
                })}
              </span>
              {disclosure.courtOrder !== null ? (
                <span safe>
                  {` — ${tr.attr('medicalReport.disclosures.order', {
                    reference: disclosure.courtOrder.reference,
                    court: disclosure.courtOrder.court,
                  })}`}
                </span>
              ) : (
                ''
              )}
            </li>
          ))}
        </ul>
      )}
      {props.canWrite ? (
        <form
          class="form"
          method="post"
          action={paths.medicalReportDisclosures(props.person.personId, report.reportId)}
          novalidate
        >
          <h3 class="heading-m">{tr.t('medicalReport.disclose.title', { version: version.version })}</h3>
          <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
          <input type="hidden" name="version" value={String(version.version)} />
          <RadioField
            tr={tr}
            name="recipient"
            legend="medicalReport.disclose.recipient"
            choices={DISCLOSURE_RECIPIENTS.map((recipient) => ({
              value: recipient,
              label: recipientName(tr, recipient),
            }))}
            value={values.recipient ?? ''}
            error={errorFor(errors, 'recipient')}
          />
          <TextField
            tr={tr}
            id="recipientName"
            label="medicalReport.disclose.recipientName"
            hint="medicalReport.disclose.recipientName.hint"
            value={values.recipientName ?? ''}
            error={errorFor(errors, 'recipientName')}
            maxlength={200}
          />
          <RadioField
            tr={tr}
            name="legalBasis"
            legend="medicalReport.disclose.legalBasis"
            hint="medicalReport.disclose.legalBasis.hint"
            choices={LEGAL_BASES.map((basis) => ({ value: basis, label: legalBasisName(tr, basis) }))}
            value={values.legalBasis ?? ''}
            error={errorFor(errors, 'legalBasis')}
          />
          <fieldset class="fieldset">
            <legend class="fieldset__legend">{tr.t('medicalReport.disclose.courtOrder')}</legend>
            <TextField
              tr={tr}
              id="courtOrderReference"
              label="medicalReport.disclose.courtOrderReference"
              value={values.courtOrderReference ?? ''}
              error={errorFor(errors, 'courtOrderReference')}
              maxlength={200}
            />
            <TextField
              tr={tr}
              id="courtOrderCourt"
              label="medicalReport.disclose.courtOrderCourt"
              value={values.courtOrderCourt ?? ''}
              error={errorFor(errors, 'courtOrderCourt')}
              maxlength={200}
            />
          </fieldset>
          <fieldset class="fieldset">
            <legend class="fieldset__legend">{tr.t('medicalReport.disclose.consent')}</legend>
            <p class="field__hint">{tr.t('medicalReport.disclose.consent.hint')}</p>
            <MomentField
              tr={tr}
              id="consentGivenAt"
              legend="medicalReport.disclose.consentGivenAt"
              value={{ local: values.consentGivenAt ?? '', offset: values['consentGivenAt-offset'] ?? '' }}
              error={errorFor(errors, 'consentGivenAt')}
            />
            <TextAreaField
              tr={tr}
              id="consentStatement"
              label="medicalReport.disclose.consentStatement"
              value={values.consentStatement ?? ''}
              error={errorFor(errors, 'consentStatement')}
              maxlength={4000}
            />
          </fieldset>
          <button class="button" type="submit">
            {tr.t('medicalReport.disclose.submit')}
          </button>
        </form>
      ) : (
        ''
      )}
    </section>
  );
}
