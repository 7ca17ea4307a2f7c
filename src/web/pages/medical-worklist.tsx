import type { ClinicianKeyStatus } from '../../app/clinician-keys.js';
import {
  DUE_REASONS,
  type DueExamination,
  type DueReport,
  type MedicalWorklist,
  type RecentReport,
} from '../../app/medical-worklist.js';
import { Layout } from '../components/layout.js';
import { momentColumn, textColumn } from '../components/list-columns.js';
import { RegisterList, type ListColumn } from '../components/register-list.js';
import { RuleTags } from '../components/rule-tag.js';
import type { PageContext } from '../context.js';
import { formatMoment } from '../custody-time.js';
import type { Translator } from '../i18n.js';
import { examinationKindName } from '../medical-labels.js';
import { paths } from '../paths.js';
import { KeyBanner } from './medical-key.js';

/** A person named in a list, linked to their medical record. */
function personColumn<Row extends { personId: string; personName: string }>(tr: Translator): ListColumn<Row> {
  return {
    key: 'person',
    header: tr.attr('medical.person'),
    rowHeader: true,
    cell: (row) => (
      <a href={paths.medicalRecord(row.personId)} safe>
        {row.personName}
      </a>
    ),
  };
}

/** A deadline, saying when it has passed. */
function DueText(props: { tr: Translator; dueAt: string | null; now: string }): JSX.Element {
  const { tr, dueAt } = props;
  if (dueAt === null) return <>{tr.t('medicalWorklist.noDeadline')}</>;
  return (
    <>
      <time datetime={dueAt} safe>
        {formatMoment(tr.lang, dueAt)}
      </time>
      {dueAt <= props.now ? (
        <>
          {' '}
          <strong class="tag tag--breach">{tr.t('medicalWorklist.overdue')}</strong>
        </>
      ) : (
        ''
      )}
    </>
  );
}

/** An action on a row, naming the person for screen readers. */
function RowAction(props: { href: string; text: string; person: string }): JSX.Element {
  return (
    <a href={props.href}>
      <span safe>{props.text}</span>
      <span class="visually-hidden">
        {' — '}
        <span safe>{props.person}</span>
      </span>
    </a>
  );
}

function examinationColumns(tr: Translator, now: string): ListColumn<DueExamination>[] {
  return [
    personColumn(tr),
    textColumn('facility', tr.attr('medical.facility'), (row) => row.facilityName),
    {
      key: 'reason',
      header: tr.attr('medicalWorklist.reason'),
      cell: (row) => (
        <>
          <span safe>{tr.attr(`medicalWorklist.reason.${row.reason}`)}</span>{' '}
          <RuleTags rules={[DUE_REASONS[row.reason].rule]} />
        </>
      ),
    },
    momentColumn(tr, 'since', tr.attr('medicalWorklist.since'), (row) => row.since),
    {
      key: 'due',
      header: tr.attr('medicalWorklist.due'),
      cell: (row) => <DueText tr={tr} dueAt={row.dueAt} now={now} />,
    },
    {
      key: 'action',
      header: tr.attr('medicalWorklist.action'),
      cell: (row) => (
        <RowAction
          href={paths.medicalExaminationNew(
            row.personId,
            `${row.episode.context}:${row.episode.id}`,
            DUE_REASONS[row.reason].kind,
          )}
          text={tr.attr('medicalWorklist.examine')}
          person={row.personName}
        />
      ),
    },
  ];
}

function reportColumns(tr: Translator, now: string): ListColumn<DueReport>[] {
  return [
    personColumn(tr),
    textColumn('facility', tr.attr('medical.facility'), (row) => row.facilityName),
    {
      key: 'examination',
      header: tr.attr('medical.examination'),
      cell: (row) => (
        <>
          <span safe>{examinationKindName(tr, row.kind)}</span>
          {', '}
          <time datetime={row.examinedAt} safe>
            {formatMoment(tr.lang, row.examinedAt)}
          </time>
        </>
      ),
    },
    textColumn('clinician', tr.attr('medical.clinician'), (row) => row.clinicianName),
    {
      key: 'due',
      header: tr.attr('medicalWorklist.due'),
      cell: (row) => <DueText tr={tr} dueAt={row.dueAt} now={now} />,
    },
    {
      key: 'action',
      header: tr.attr('medicalWorklist.action'),
      cell: (row) => (
        <RowAction
          href={paths.medicalReportNew(row.personId, row.examinationId)}
          text={tr.attr('medical.writeReport')}
          person={row.personName}
        />
      ),
    },
  ];
}

function recentColumns(tr: Translator): ListColumn<RecentReport>[] {
  return [
    personColumn(tr),
    textColumn('facility', tr.attr('medical.facility'), (row) => row.facilityName),
    textColumn('clinician', tr.attr('medical.clinician'), (row) => row.clinicianName),
    momentColumn(tr, 'finished', tr.attr('medical.finishedAt'), (row) => row.finishedAt),
    {
      key: 'kind',
      header: tr.attr('medical.report.kind'),
      cell: (row) => (
        <>
          <span safe>{tr.attr(row.secondOpinion ? 'medical.secondOpinion' : 'medical.report')}</span>
          {', '}
          <span safe>{tr.attr('medical.versionN', { version: row.version })}</span>
        </>
      ),
    },
    {
      key: 'referral',
      header: tr.attr('medical.referral'),
      cell: (row) =>
        row.reference === null ? (
          <>{tr.t('medical.referral.none')}</>
        ) : (
          <>
            {tr.t('medical.referral.referred')}{' '}
            <span class="reference" safe>
              {row.reference}
            </span>
          </>
        ),
    },
    {
      key: 'action',
      header: tr.attr('medicalWorklist.action'),
      cell: (row) => (
        <RowAction
          href={paths.medicalReport(row.personId, row.reportId)}
          text={tr.attr('medical.openReport')}
          person={row.personName}
        />
      ),
    },
  ];
}

/** One section of the worklist: a heading, a sentence, the list (never paged: it is what is due now). */
function Part<Row>(props: {
  ctx: PageContext;
  id: string;
  title: string;
  lead: JSX.Element;
  empty: string;
  columns: ListColumn<Row>[];
  rows: readonly Row[];
}): JSX.Element {
  const { ctx } = props;
  return (
    <section class="section" aria-labelledby={`${props.id}-title`}>
      <h2 class="heading-l" id={`${props.id}-title`} safe>
        {props.title}
      </h2>
      <p>{props.lead}</p>
      <div class="whole-words">
        <RegisterList
          ctx={ctx}
          id={props.id}
          action={paths.medical}
          caption={props.title}
          empty={props.empty}
          columns={props.columns}
          rows={props.rows}
          total={props.rows.length}
          nextPage={null}
        />
      </div>
    </section>
  );
}

/**
 * The doctor's home (issue 19 item 7): the examinations the clocks of their facilities ask for,
 * the injury reports they owe (kz.medical.report-duty) and the reports written lately.
 */
export function MedicalWorklistPage(props: {
  ctx: PageContext;
  worklist: MedicalWorklist;
  keyStatus: ClinicianKeyStatus;
  now: string;
}): JSX.Element {
  const { ctx, worklist, now } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('medicalWorklist.title')}>
      <KeyBanner ctx={ctx} status={props.keyStatus} />
      <h1 class="heading-xl">{tr.t('medicalWorklist.title')}</h1>
      <p class="lead">
        {tr.t('medicalWorklist.lead')} <RuleTags rules={['kz.medical.system']} />
      </p>
      <Part
        ctx={ctx}
        id="due-examinations"
        title={tr.attr('medicalWorklist.examinations')}
        lead={<>{tr.t('medicalWorklist.examinations.lead')}</>}
        empty={tr.attr('medicalWorklist.examinations.empty')}
        columns={examinationColumns(tr, now)}
        rows={worklist.examinations}
      />
      <Part
        ctx={ctx}
        id="due-reports"
        title={tr.attr('medicalWorklist.reports')}
        lead={
          <>
            {tr.t('medicalWorklist.reports.lead')} <RuleTags rules={['kz.medical.report-duty']} />
          </>
        }
        empty={tr.attr('medicalWorklist.reports.empty')}
        columns={reportColumns(tr, now)}
        rows={worklist.reports}
      />
      <Part
        ctx={ctx}
        id="recent-reports"
        title={tr.attr('medicalWorklist.recent')}
        lead={<>{tr.t('medicalWorklist.recent.lead')}</>}
        empty={tr.attr('medicalWorklist.recent.empty')}
        columns={recentColumns(tr)}
        rows={worklist.recent}
      />
    </Layout>
  );
}
