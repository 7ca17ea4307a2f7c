import type { MedicalReferralView, SignedReportExport } from '../../app/medical.js';
import type { ReportFinished } from '../../domain/medical/events.js';
import { AllegationCaseLinks, type AllegationCase } from '../components/case-links.js';
import { Layout } from '../components/layout.js';
import { ReportSections, SignatureRows, SummaryRow } from '../components/medical-report-parts.js';
import { RuleTags } from '../components/rule-tag.js';
import type { PageContext } from '../context.js';
import { formatMoment } from '../custody-time.js';
import type { FieldError } from '../forms.js';
import { paths } from '../paths.js';
import { PurposeForm } from './medical-record.js';

export interface MedicalReferralPageProps {
  ctx: PageContext;
  referral: MedicalReferralView & { report: SignedReportExport | null };
  purpose: string;
  errors: readonly FieldError[];
  /** The criminal case the referral is in (issue 20), if any. */
  inCase?: AllegationCase | null;
}

/**
 * A medical referral of a torture allegation as the procurator sees it (kz.torture.referral, source
 * `medical`): that signs of ill-treatment were documented, where, when and by whom, and whether the
 * report was disclosed to the procurator. The signed report itself only once it was, with the
 * person's consent or a court order (intl.medical.disclosure); its read is then recorded.
 */
export function MedicalReferralPage(props: MedicalReferralPageProps): JSX.Element {
  const { ctx, referral } = props;
  const { tr } = ctx;
  const signed = referral.report?.signed;
  const report = signed ? (signed.report as unknown as ReportFinished) : null;
  return (
    <Layout
      ctx={ctx}
      title={tr.attr('medicalReferral.title', { reference: referral.reference })}
      errors={props.errors}
    >
      <p class="caption">
        <a href={paths.allegations}>{tr.t('allegations.title')}</a>
      </p>
      <h1 class="heading-xl">
        {tr.t('medicalReferral.heading')}{' '}
        <span class="reference" safe>
          {referral.reference}
        </span>
      </h1>
      <p class="lead">
        {tr.t('medicalReferral.lead')} <RuleTags rules={['kz.torture.referral', 'intl.medical.disclosure']} />
      </p>
      <dl class="summary">
        <SummaryRow label={tr.attr('medical.facility')}>
          <span safe>{referral.facilityName ?? '—'}</span>
        </SummaryRow>
        <SummaryRow label={tr.attr('medicalReferral.examinedAt')}>
          <time datetime={referral.examinedAt} safe>
            {formatMoment(tr.lang, referral.examinedAt)}
          </time>
        </SummaryRow>
        <SummaryRow label={tr.attr('medical.clinician')}>
          <span safe>{referral.clinicianName}</span>
        </SummaryRow>
        <SummaryRow label={tr.attr('medicalReferral.referredAt')}>
          <time datetime={referral.referredAt} safe>
            {formatMoment(tr.lang, referral.referredAt)}
          </time>
        </SummaryRow>
        <SummaryRow label={tr.attr('medicalReferral.disclosed')}>
          {referral.disclosed ? (
            <strong class="tag tag--active">{tr.t('medicalReferral.disclosed.yes')}</strong>
          ) : (
            <strong class="tag tag--inactive">{tr.t('medicalReferral.disclosed.no')}</strong>
          )}
        </SummaryRow>
      </dl>
      <AllegationCaseLinks
        ctx={ctx}
        kind="medical-referral"
        reference={referral.reference}
        inCase={props.inCase ?? null}
      />
      {report === null || signed === undefined ? (
        <div class="notice">
          <p class="notice__text">{tr.t('medicalReferral.notDisclosed')}</p>
        </div>
      ) : (
        <>
          <PurposeForm
            ctx={ctx}
            action={paths.medicalReferral(referral.reference)}
            purpose={props.purpose}
            errors={props.errors}
          />
          <section class="section" aria-labelledby="referral-report-title">
            <h2 class="heading-l" id="referral-report-title">
              {tr.t('medicalReferral.report', { version: signed.version })}
            </h2>
            <dl class="summary">
              <SummaryRow label={tr.attr('medical.report.author')}>
                <span safe>{report.clinician.name}</span>
              </SummaryRow>
              <SummaryRow label={tr.attr('medical.finishedAt')}>
                <time datetime={report.finishedAt} safe>
                  {formatMoment(tr.lang, report.finishedAt)}
                </time>
              </SummaryRow>
              <SignatureRows
                tr={tr}
                version={{ digest: signed.digest, keyId: signed.signer.keyId }}
                registered={null}
              />
              <SummaryRow label={tr.attr('medicalKey.publicKey')}>
                <code class="code--break" safe>
                  {signed.signer.publicKey}
                </code>
              </SummaryRow>
            </dl>
            <p>
              <a
                href={paths.medicalReferralSigned(referral.reference)}
                download={`report-${referral.reference}.json`}
              >
                {tr.t('medicalReferral.download')}
              </a>
            </p>
            <p class="field__hint">{tr.t('medicalReport.verifyHint')}</p>
          </section>
          <ReportSections tr={tr} content={report.content} level={2} id="referral" />
        </>
      )}
    </Layout>
  );
}
