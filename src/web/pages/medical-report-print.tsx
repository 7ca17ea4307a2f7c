import type { MedicalRecordView, ReportVersionView, ReportView } from '../../app/medical.js';
import type { MedicalPersonView } from '../../app/medical-person.js';
import { Layout } from '../components/layout.js';
import { ReportSections, SignatureRows, SummaryRow } from '../components/medical-report-parts.js';
import type { PageContext } from '../context.js';
import { languageName } from '../custody-labels.js';
import { formatMoment } from '../custody-time.js';
import { formatDate } from '../format.js';
import { examinationKindName } from '../medical-labels.js';
import { paths } from '../paths.js';
import { reportTitle } from './medical-record.js';

export interface MedicalReportPrintProps {
  /** The page in the copy's language (the person's, or `?lang=`). */
  ctx: PageContext;
  person: MedicalPersonView;
  record: MedicalRecordView;
  report: ReportView;
  version: ReportVersionView;
  facilities: Readonly<Record<string, string>>;
  /** The public key the log registered for the clinician, when it is the key that signed. */
  publicKey: string | null;
  /** The server's time at printing, and who prints. */
  now: string;
  printedBy: string;
}

/**
 * The printed copy of a signed report (intl.medical.disclosure: the person's own copy), in the
 * person's language unless another is chosen: every section, the signature's digest and key, and
 * how to check it. On paper it prints without the site's header, menu or footer (`@media print`).
 */
export function MedicalReportPrintPage(props: MedicalReportPrintProps): JSX.Element {
  const { ctx, person, report, version, record } = props;
  const { tr } = ctx;
  const examination = record.examinations.find((exam) => exam.examinationId === report.examinationId);
  const title = reportTitle(tr, report);
  return (
    <Layout ctx={ctx} title={`${title} — ${person.name}`}>
      <div class="record">
        <p class="no-print">
          <a href={paths.medicalReport(person.personId, report.reportId, version.version)}>
            {tr.t('medicalPrint.back')}
          </a>
        </p>
        <div class="no-print record__actions">
          <button class="button" type="button" data-print hidden>
            {tr.t('record.print')}
          </button>
          <p class="field__hint">{tr.t('medicalPrint.hint')}</p>
        </div>
        <header class="record__head">
          <p class="caption">{tr.t('medicalPrint.caption')}</p>
          <h1 class="heading-xl" safe>
            {`${title}, ${tr.attr('medical.versionN', { version: version.version })}`}
          </h1>
          <p class="record__basis">{tr.t('medicalPrint.basis')}</p>
        </header>
        <section class="record__section" aria-labelledby="print-person">
          <h2 class="heading-m" id="print-person">
            {tr.t('medicalPrint.person')}
          </h2>
          <dl class="summary summary--record">
            <SummaryRow label={tr.attr('medical.person')}>
              <span safe>{person.name}</span>
            </SummaryRow>
            <SummaryRow label={tr.attr('person.birthDate')}>
              <span safe>{formatDate(tr.lang, person.birthDate)}</span>
            </SummaryRow>
            <SummaryRow label={tr.attr('custody.detail.languages')}>
              <span safe>
                {person.languages.map((tag) => languageName(tr, tag)).join(', ') ||
                  tr.attr('custody.value.none')}
              </span>
            </SummaryRow>
          </dl>
        </section>
        <section class="record__section" aria-labelledby="print-examination">
          <h2 class="heading-m" id="print-examination">
            {tr.t('medicalPrint.examination')}
          </h2>
          <dl class="summary summary--record">
            {examination !== undefined ? (
              <>
                <SummaryRow label={tr.attr('medical.examination')}>
                  <span safe>{examinationKindName(tr, examination.examination)}</span>
                </SummaryRow>
                <SummaryRow label={tr.attr('medical.examination.at')}>
                  <span safe>{formatMoment(tr.lang, examination.at)}</span>
                </SummaryRow>
                <SummaryRow label={tr.attr('medical.facility')}>
                  <span
                    safe
                  >{`${props.facilities[examination.facilityId] ?? '—'}, ${examination.place}`}</span>
                </SummaryRow>
              </>
            ) : (
              ''
            )}
            <SummaryRow label={tr.attr('medical.report.author')}>
              <span safe>{version.clinician.name}</span>
            </SummaryRow>
            <SummaryRow label={tr.attr('medical.finishedAt')}>
              <span safe>{formatMoment(tr.lang, version.finishedAt)}</span>
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
          </dl>
        </section>
        <ReportSections tr={tr} content={version.content} id="print" print />
        <section class="record__section" aria-labelledby="print-signature">
          <h2 class="heading-m" id="print-signature">
            {tr.t('medicalReport.signature.title')}
          </h2>
          <dl class="summary summary--record">
            <SignatureRows tr={tr} version={version} registered={null} />
            {props.publicKey !== null ? (
              <SummaryRow label={tr.attr('medicalKey.publicKey')}>
                <code class="code--break" safe>
                  {props.publicKey}
                </code>
              </SummaryRow>
            ) : (
              ''
            )}
          </dl>
          <p>{tr.t('medicalPrint.verify')}</p>
        </section>
        <footer class="record__foot">
          <p>{tr.t('record.printed', { when: formatMoment(tr.lang, props.now), who: props.printedBy })}</p>
        </footer>
        <div class="no-print notice">
          <p class="notice__text">
            {tr.t('medicalPrint.recordIt')}{' '}
            <a
              href={`${paths.medicalReport(person.personId, report.reportId, version.version)}#disclosures-title`}
            >
              {tr.t('medicalPrint.recordLink')}
            </a>
          </p>
        </div>
      </div>
      <script src={paths.custodyScript} defer></script>
    </Layout>
  );
}
