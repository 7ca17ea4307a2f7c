import { can } from '../../access/policy.js';
import type { MedicalRecordView, ReportView } from '../../app/medical.js';
import type { MedicalPersonView } from '../../app/medical-person.js';
import type { Episode } from '../../domain/medical/events.js';
import { TextField } from '../components/fields.js';
import { Layout } from '../components/layout.js';
import { textColumn } from '../components/list-columns.js';
import { SecondOpinionCompare } from '../components/medical-report-parts.js';
import { RegisterList, type ListColumn } from '../components/register-list.js';
import { RuleTags } from '../components/rule-tag.js';
import type { PageContext } from '../context.js';
import { languageName } from '../custody-labels.js';
import { formatMoment } from '../custody-time.js';
import { formatDate } from '../format.js';
import { errorFor, type FieldError } from '../forms.js';
import type { Translator } from '../i18n.js';
import {
  examinationKindName,
  fitnessName,
  legalBasisName,
  presentRoleName,
  recipientName,
  referralOutcomeName,
} from '../medical-labels.js';
import { paths } from '../paths.js';

/** Characters of a stated purpose (src/app/audit.ts Purpose: one line). */
const PURPOSE_MAX = 200;

type ExaminationRow = MedicalRecordView['examinations'][number];

export interface MedicalRecordPageProps {
  ctx: PageContext;
  person: MedicalPersonView;
  record: MedicalRecordView;
  /** Facility names by id. */
  facilities: Readonly<Record<string, string>>;
  /** The purpose this read was recorded with, as stated ('' for the role's duty). */
  purpose: string;
  errors: readonly FieldError[];
  /** After an examination was recorded (POST-redirect-GET): its id. */
  recordedExamination: string | null;
  /** The reader may record examinations and write reports in this record. */
  canWrite: boolean;
}

/** Where an examination took place: the facility, and the stay's page where the reader may open it. */
export function EpisodeText(props: {
  ctx: PageContext;
  episode: Episode;
  facilityName: string;
}): JSX.Element {
  const { ctx, episode } = props;
  const { tr } = ctx;
  const what = tr.attr(episode.context === 'custody' ? 'medical.episode.custody' : 'medical.episode.prison');
  const link =
    episode.context === 'custody'
      ? can(ctx.principal, 'custody.read')
        ? paths.custodyEpisode(episode.id)
        : null
      : can(ctx.principal, 'prison.read')
        ? paths.prisonStay(episode.id)
        : null;
  return (
    <>
      <span safe>{props.facilityName}</span>
      {' ('}
      {link === null ? (
        <span safe>{what}</span>
      ) : (
        <a href={link} safe>
          {what}
        </a>
      )}
      {')'}
    </>
  );
}

export function reportTitle(tr: Translator, report: Pick<ReportView, 'secondOpinionOf'>): string {
  return tr.attr(report.secondOpinionOf === null ? 'medical.report' : 'medical.secondOpinion');
}

function examinationColumns(props: MedicalRecordPageProps): ListColumn<ExaminationRow>[] {
  const { ctx, record, person } = props;
  const { tr } = ctx;
  return [
    {
      key: 'at',
      header: tr.attr('medical.examination.at'),
      rowHeader: true,
      cell: (row) => (
        <time datetime={row.at} safe>
          {formatMoment(tr.lang, row.at)}
        </time>
      ),
    },
    textColumn('kind', tr.attr('medical.examination.kind'), (row) =>
      examinationKindName(tr, row.examination),
    ),
    {
      key: 'where',
      header: tr.attr('medical.facility'),
      cell: (row) => (
        <EpisodeText ctx={ctx} episode={row.episode} facilityName={props.facilities[row.facilityId] ?? '—'} />
      ),
    },
    textColumn('clinician', tr.attr('medical.clinician'), (row) => row.clinician.name),
    {
      key: 'present',
      header: tr.attr('medical.examination.present'),
      cell: (row) =>
        row.present.length === 0 ? (
          <>{tr.t('medical.examination.presentNobody')}</>
        ) : (
          <>
            <ul class="medical-list">
              {row.present.map((presence) => (
                <li>
                  <span safe>{presentRoleName(tr, presence.role)}</span>
                  {': '}
                  <span safe>{presence.name}</span>
                </li>
              ))}
            </ul>
            {row.staffPresenceReason !== null ? (
              <p class="field__hint">
                {tr.t('medical.examination.staffReason')} <span safe>{row.staffPresenceReason}</span>
              </p>
            ) : (
              ''
            )}
          </>
        ),
    },
    {
      key: 'findings',
      header: tr.attr('medical.examination.outcome'),
      cell: (row) => (
        <>
          {row.injuriesNoted ? (
            <strong class="tag tag--flag">{tr.t('medical.examination.injuries')}</strong>
          ) : (
            <span>{tr.t('medical.examination.noInjuries')}</span>
          )}
          {row.fitness !== null ? (
            <>
              {' '}
              <strong class="tag tag--inactive" safe>
                {fitnessName(tr, row.fitness)}
              </strong>
            </>
          ) : (
            ''
          )}
          {row.notes !== null ? (
            <p class="medical-text" safe>
              {row.notes}
            </p>
          ) : (
            ''
          )}
        </>
      ),
    },
    {
      key: 'reports',
      header: tr.attr('medical.examination.reports'),
      cell: (row) => {
        const reports = record.reports.filter((report) => row.reportIds.includes(report.reportId));
        return (
          <>
            {reports.length > 0 ? (
              <ul class="medical-list">
                {reports.map((report) => (
                  <li>
                    <a href={paths.medicalReport(person.personId, report.reportId)} safe>
                      {`${reportTitle(tr, report)} — ${report.author.name}`}
                    </a>
                  </li>
                ))}
              </ul>
            ) : (
              ''
            )}
            {row.injuriesNoted && reports.length === 0 ? (
              props.canWrite ? (
                <a href={paths.medicalReportNew(person.personId, row.examinationId)}>
                  {tr.t('medical.writeReport')}
                </a>
              ) : (
                <strong class="tag tag--flag">{tr.t('medical.examination.reportDue')}</strong>
              )
            ) : reports.length === 0 ? (
              <>{tr.t('medical.examination.noReport')}</>
            ) : (
              ''
            )}
          </>
        );
      },
    },
  ];
}

/** A report's referral to the procurator, in words. */
export function ReferralText(props: { tr: Translator; referral: ReportView['referral'] }): JSX.Element {
  const { tr, referral } = props;
  if (referral === null) return <>{tr.t('medical.referral.notAssessed')}</>;
  return (
    <>
      <span safe>{referralOutcomeName(tr, referral.outcome)}</span>
      {referral.reference !== null ? (
        <>
          {' '}
          <span class="reference" safe>
            {referral.reference}
          </span>
        </>
      ) : (
        ''
      )}
    </>
  );
}

function reportColumns(props: MedicalRecordPageProps): ListColumn<ReportView>[] {
  const { ctx, person, record } = props;
  const { tr } = ctx;
  return [
    {
      key: 'report',
      header: tr.attr('medical.report.kind'),
      rowHeader: true,
      cell: (report) => {
        const reviewed =
          report.secondOpinionOf === null
            ? undefined
            : record.reports.find((other) => other.reportId === report.secondOpinionOf?.reportId);
        return (
          <>
            <a href={paths.medicalReport(person.personId, report.reportId)} safe>
              {reportTitle(tr, report)}
            </a>
            {reviewed !== undefined ? (
              <p class="field__hint">{tr.t('medical.secondOpinion.of', { name: reviewed.author.name })}</p>
            ) : (
              ''
            )}
          </>
        );
      },
    },
    textColumn('author', tr.attr('medical.report.author'), (report) => report.author.name),
    {
      key: 'versions',
      header: tr.attr('medical.report.versions'),
      cell: (report) => (
        <ol class="medical-list">
          {report.versions.map((version) => (
            <li>
              <a href={paths.medicalReport(person.personId, report.reportId, version.version)} safe>
                {tr.attr('medical.versionN', { version: version.version })}
              </a>
              {', '}
              <time datetime={version.finishedAt} safe>
                {formatMoment(tr.lang, version.finishedAt)}
              </time>
              {version.amends !== null ? (
                <>
                  {' — '}
                  <span safe>
                    {tr.attr('medical.report.amendedBecause', { reason: version.amends.reason })}
                  </span>
                </>
              ) : (
                ''
              )}
              <br />
              {version.digest !== null ? (
                <span class="field__hint">
                  {tr.t('medical.report.signedWith')} <code safe>{version.keyId ?? ''}</code>
                  {', '}
                  <code class="code--break" safe>
                    {version.digest}
                  </code>
                </span>
              ) : (
                <strong class="tag tag--flag">{tr.t('medicalReport.signature.none')}</strong>
              )}
            </li>
          ))}
        </ol>
      ),
    },
    {
      key: 'referral',
      header: tr.attr('medical.referral'),
      cell: (report) => <ReferralText tr={tr} referral={report.referral} />,
    },
    {
      key: 'disclosures',
      header: tr.attr('medical.disclosures'),
      cell: (report) =>
        report.disclosures.length === 0 ? (
          <>{tr.t('medical.disclosures.none')}</>
        ) : (
          <ul class="medical-list">
            {report.disclosures.map((disclosure) => (
              <li>
                <span safe>
                  {`${recipientName(tr, disclosure.recipient)}${disclosure.recipientName ? ` (${disclosure.recipientName})` : ''}`}
                </span>
                {', '}
                <span safe>{legalBasisName(tr, disclosure.legalBasis)}</span>
                {', '}
                <time datetime={disclosure.disclosedAt} safe>
                  {formatMoment(tr.lang, disclosure.disclosedAt)}
                </time>
              </li>
            ))}
          </ul>
        ),
    },
  ];
}

/** The second opinions of the record, each beside the version of the report it reviews. */
export function SecondOpinions(props: {
  ctx: PageContext;
  reports: readonly ReportView[];
  /** Only those involving this report (as the reviewed one or the review); all when absent. */
  of?: string;
}): JSX.Element {
  const { tr } = props.ctx;
  const pairs = props.reports.flatMap((second) => {
    const reviewed = second.secondOpinionOf;
    if (reviewed === null) return [];
    if (props.of !== undefined && props.of !== second.reportId && props.of !== reviewed.reportId) return [];
    const first = props.reports.find((report) => report.reportId === reviewed.reportId);
    const firstVersion = first?.versions.find((version) => version.version === reviewed.version);
    const secondVersion = second.versions.at(-1);
    return first && firstVersion && secondVersion ? [{ first, firstVersion, second, secondVersion }] : [];
  });
  if (pairs.length === 0) return '';
  return (
    <section class="section" aria-labelledby="second-opinions-title">
      <h2 class="heading-l" id="second-opinions-title">
        {tr.t('medical.secondOpinions')}
      </h2>
      <p>
        {tr.t('medical.secondOpinions.lead')} <RuleTags rules={['kz.medical.second-opinion']} />
      </p>
      {pairs.map((pair, index) => (
        <SecondOpinionCompare
          tr={tr}
          id={`compare-${index + 1}`}
          first={{
            title: tr.attr('medical.compare.first', {
              name: pair.first.author.name,
              version: pair.firstVersion.version,
            }),
            content: pair.firstVersion.content,
          }}
          second={{
            title: tr.attr('medical.compare.second', {
              name: pair.second.author.name,
              version: pair.secondVersion.version,
            }),
            content: pair.secondVersion.content,
          }}
        />
      ))}
    </section>
  );
}

/** The purpose of this read: recorded in the log with it (kz.medical.system). */
export function PurposeForm(props: {
  ctx: PageContext;
  action: string;
  purpose: string;
  errors: readonly FieldError[];
  /** Other query parameters the page keeps (a report's version). */
  keep?: Readonly<Record<string, string>>;
}): JSX.Element {
  const { ctx } = props;
  const { tr } = ctx;
  return (
    <div class="warning-box medical-read">
      <p class="warning-box__text">
        <strong>{tr.t('medical.read.logged')}</strong>{' '}
        {props.purpose === '' ? (
          tr.t('medical.read.duty')
        ) : (
          <span safe>{tr.attr('medical.read.stated', { purpose: props.purpose })}</span>
        )}
      </p>
      <form class="form form--inline" method="get" action={props.action} novalidate>
        {Object.entries(props.keep ?? {}).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <TextField
          tr={tr}
          id="purpose"
          label="medical.read.purpose"
          hint="medical.read.purpose.hint"
          value={props.purpose}
          error={errorFor(props.errors, 'purpose')}
          maxlength={PURPOSE_MAX}
        />
        <button class="button button--secondary" type="submit">
          {tr.t('medical.read.submit')}
        </button>
      </form>
    </div>
  );
}

/**
 * A person's medical record (issue 19 item 7; kz.medical.system): every examination, every report
 * with every version (the first never lost), its signature, its referral to the procurator and its
 * disclosures, and each second opinion beside the report it reviews. Health officials only; the
 * read is recorded in the log with its purpose.
 */
export function MedicalRecordPage(props: MedicalRecordPageProps): JSX.Element {
  const { ctx, person, record } = props;
  const { tr } = ctx;
  const recorded =
    props.recordedExamination === null
      ? undefined
      : record.examinations.find((exam) => exam.examinationId === props.recordedExamination);
  return (
    <Layout ctx={ctx} title={tr.attr('medical.record.title', { name: person.name })} errors={props.errors}>
      {recorded !== undefined ? (
        <div class="notice notice--success" role="status">
          <p class="notice__text">
            {tr.t('medical.examination.recorded')}
            {recorded.injuriesNoted && props.canWrite ? (
              <>
                {' '}
                {tr.t('medical.examination.recordedInjuries')}{' '}
                <a href={paths.medicalReportNew(person.personId, recorded.examinationId)}>
                  {tr.t('medical.writeReport')}
                </a>
              </>
            ) : (
              ''
            )}
          </p>
        </div>
      ) : (
        ''
      )}
      <p class="caption">{tr.t('medical.record.caption')}</p>
      <h1 class="heading-xl" safe>
        {person.name}
      </h1>
      <dl class="summary">
        <div class="summary__row">
          <dt class="summary__key">{tr.t('person.birthDate')}</dt>
          <dd class="summary__value" safe>
            {formatDate(tr.lang, person.birthDate)}
          </dd>
        </div>
        <div class="summary__row">
          <dt class="summary__key">{tr.t('custody.detail.languages')}</dt>
          <dd class="summary__value" safe>
            {person.languages.map((tag) => languageName(tr, tag)).join(', ') || tr.attr('custody.value.none')}
          </dd>
        </div>
      </dl>
      <p>
        {props.canWrite ? (
          <>
            <a class="button" href={paths.medicalExaminationNew(person.personId)}>
              {tr.t('medical.examination.new')}
            </a>{' '}
          </>
        ) : (
          ''
        )}
        <a href={paths.person(person.personId)}>{tr.t('medical.record.registerLink')}</a>
      </p>
      <PurposeForm
        ctx={ctx}
        action={paths.medicalRecord(person.personId)}
        purpose={props.purpose}
        errors={props.errors}
      />

      <section class="section" aria-labelledby="examinations-title">
        <h2 class="heading-l" id="examinations-title">
          {tr.t('medical.examinations')}
        </h2>
        <div class="whole-words">
          <RegisterList
            ctx={ctx}
            id="examinations"
            action={paths.medicalRecord(person.personId)}
            caption={tr.attr('medical.examinations')}
            empty={tr.attr('medical.examinations.empty')}
            columns={examinationColumns(props)}
            rows={record.examinations}
            total={record.examinations.length}
            nextPage={null}
          />
        </div>
      </section>

      <section class="section" aria-labelledby="reports-title">
        <h2 class="heading-l" id="reports-title">
          {tr.t('medical.reports')}
        </h2>
        <p>
          {tr.t('medical.reports.lead')}{' '}
          <RuleTags rules={['intl.medical.report', 'intl.medical.disclosure']} />
        </p>
        <div class="whole-words">
          <RegisterList
            ctx={ctx}
            id="reports"
            action={paths.medicalRecord(person.personId)}
            caption={tr.attr('medical.reports')}
            empty={tr.attr('medical.reports.empty')}
            columns={reportColumns(props)}
            rows={record.reports}
            total={record.reports.length}
            nextPage={null}
          />
        </div>
      </section>

      <SecondOpinions ctx={ctx} reports={record.reports} />
    </Layout>
  );
}
