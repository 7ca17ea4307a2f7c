import type { ReportVersionView } from '../../app/medical.js';
import type { PhysicalFinding, ReportContent } from '../../domain/medical/events.js';
import { languageName } from '../custody-labels.js';
import type { MessageKey, Translator } from '../i18n.js';
import {
  attributionName,
  consentName,
  consistencyName,
  findingTypeName,
  presentRoleName,
  siteText,
} from '../medical-labels.js';

/*
 * The parts of a finished Istanbul Protocol report (intl.medical.report) as the medical pages show
 * it: its sections, its physical findings, and a second opinion beside the report it reviews
 * (kz.medical.second-opinion) with where the two disagree. Used by the report's page, its printed
 * copy and the procurator's view of a disclosed report; everything a clinician wrote is text,
 * never markup.
 */

function Row(props: { label: string; children: JSX.Element | string }): JSX.Element {
  return (
    <div class="summary__row">
      <dt class="summary__key" safe>
        {props.label}
      </dt>
      <dd class="summary__value">{props.children}</dd>
    </div>
  );
}

/** Text as written, or "Not stated". */
function Written(props: { tr: Translator; text: string | null }): JSX.Element {
  if (props.text === null || props.text.trim() === '') return <>{props.tr.t('medicalReport.notStated')}</>;
  return (
    <span class="medical-text" safe>
      {props.text}
    </span>
  );
}

/** The size of a finding in millimetres: "120 × 30 mm". */
export function sizeText(tr: Translator, size: PhysicalFinding['size']): string {
  return tr.attr('medicalReport.size', { length: size.lengthMm, width: size.widthMm });
}

/** A finding's photographs: how many, and how many with a scale; their digests. */
function Photographs(props: {
  tr: Translator;
  finding: PhysicalFinding;
  photoHref?: ((sha256: string) => string) | undefined;
}): JSX.Element {
  const { tr, finding, photoHref } = props;
  if (finding.photographs.length === 0) return <>{tr.t('medicalReport.photographs.none')}</>;
  return (
    <>
      {tr.t('medicalReport.photographs.count', {
        count: finding.photographs.length,
        withScale: finding.photographs.filter((photo) => photo.withScale).length,
      })}
      <ul class="medical-photos">
        {finding.photographs.map((photo) => (
          <li>
            {photoHref ? (
              <a href={photoHref(photo.sha256)}>
                <code class="code--break" safe>
                  {photo.sha256}
                </code>
              </a>
            ) : (
              <code class="code--break" safe>
                {photo.sha256}
              </code>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The physical findings as a table: one row each, numbered as the report numbers them. */
export function FindingsTable(props: {
  tr: Translator;
  id: string;
  findings: readonly PhysicalFinding[];
  /** Where a photograph is served to the reader (health officials only); its digest alone otherwise. */
  photoHref?: ((sha256: string) => string) | undefined;
}): JSX.Element {
  const { tr, findings } = props;
  if (findings.length === 0) return <p>{tr.t('medicalReport.findings.none')}</p>;
  const headers: MessageKey[] = [
    'medicalReport.finding.number',
    'medicalReport.finding.type',
    'medicalReport.finding.site',
    'medicalReport.finding.size',
    'medicalReport.finding.shape',
    'medicalReport.finding.colour',
    'medicalReport.finding.age',
    'medicalReport.finding.photographs',
    'medicalReport.finding.consistency',
  ];
  return (
    <div class="whole-words">
      <div
        class="table-wrap register-list__wrap"
        role="region"
        aria-labelledby={`${props.id}-caption`}
        tabindex="0"
      >
        <table class="table register-list__table">
          <caption class="table__caption" id={`${props.id}-caption`}>
            {tr.t('medicalReport.findings.caption', { count: findings.length })}
          </caption>
          <thead>
            <tr>
              {headers.map((header) => (
                <th scope="col">{tr.t(header)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {findings.map((finding, index) => {
              const cells: (JSX.Element | string)[] = [
                <span safe>{findingTypeName(tr, finding.type)}</span>,
                <span safe>{siteText(tr, finding.site)}</span>,
                <span safe>{sizeText(tr, finding.size)}</span>,
                <span safe>{finding.shape}</span>,
                <span safe>{finding.colour}</span>,
                <span safe>{finding.estimatedAge}</span>,
                <Photographs tr={tr} finding={finding} photoHref={props.photoHref} />,
                <strong safe>{consistencyName(tr, finding.consistency)}</strong>,
              ];
              return (
                <tr>
                  <th scope="row" data-label={tr.attr('medicalReport.finding.number')}>
                    {String(index + 1)}
                  </th>
                  {cells.map((cell, column) => (
                    <td data-label={tr.attr(headers[column + 1] as MessageKey)}>{cell}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Every section of a report (intl.medical.report), in the Protocol's order. */
export function ReportSections(props: {
  tr: Translator;
  content: ReportContent;
  /** Heading level of the sections (2 on a page of its own, 3 inside a section). */
  level?: 2 | 3;
  /** Unique on the page: ids of the sections' headings derive from it. */
  id?: string;
  /** On the printed copy: the record's sections (headings underlined, no links), as the custody record's. */
  print?: boolean;
  /** Where a photograph is served to the reader (health officials only). */
  photoHref?: (sha256: string) => string;
}): JSX.Element {
  const { tr, content } = props;
  const id = props.id ?? 'report';
  const sectionClass = props.print ? 'record__section' : 'section';
  const summaryClass = props.print ? 'summary summary--record' : 'summary';
  const Heading = (heading: { text: MessageKey; part: string }): JSX.Element =>
    props.level === 3 || props.print ? (
      props.print ? (
        <h2 class="heading-m" id={`${id}-${heading.part}`}>
          {tr.t(heading.text)}
        </h2>
      ) : (
        <h3 class="heading-m" id={`${id}-${heading.part}`}>
          {tr.t(heading.text)}
        </h3>
      )
    ) : (
      <h2 class="heading-l" id={`${id}-${heading.part}`}>
        {tr.t(heading.text)}
      </h2>
    );
  const { consent, circumstances, account } = content;
  return (
    <div class="medical-report">
      <section class={sectionClass} aria-labelledby={`${id}-consent`}>
        <Heading text="medicalReport.consent" part="consent" />
        <dl class={summaryClass}>
          <Row label={tr.attr('medicalReport.consent.examination')}>
            <span safe>{consentName(tr, consent.examination)}</span>
          </Row>
          <Row label={tr.attr('medicalReport.consent.photographs')}>
            <span safe>{consentName(tr, consent.photographs)}</span>
          </Row>
          <Row label={tr.attr('medicalReport.consent.sharing')}>
            <span safe>{consentName(tr, consent.sharingWithProcurator)}</span>
          </Row>
          {consent.note !== null ? (
            <Row label={tr.attr('medicalReport.consent.note')}>
              <Written tr={tr} text={consent.note} />
            </Row>
          ) : (
            ''
          )}
        </dl>
      </section>

      <section class={sectionClass} aria-labelledby={`${id}-circumstances`}>
        <Heading text="medicalReport.circumstances" part="circumstances" />
        <dl class={summaryClass}>
          <Row label={tr.attr('medicalReport.circumstances.description')}>
            <Written tr={tr} text={circumstances.description} />
          </Row>
          <Row label={tr.attr('medicalReport.circumstances.present')}>
            {circumstances.present.length === 0 ? (
              <>{tr.t('medicalReport.circumstances.nobody')}</>
            ) : (
              <ul class="medical-list">
                {circumstances.present.map((presence) => (
                  <li>
                    <span safe>{presentRoleName(tr, presence.role)}</span>
                    {': '}
                    <span safe>{presence.name}</span>
                  </li>
                ))}
              </ul>
            )}
          </Row>
          {circumstances.staffPresenceReason !== null ? (
            <Row label={tr.attr('medicalReport.circumstances.staffReason')}>
              <Written tr={tr} text={circumstances.staffPresenceReason} />
            </Row>
          ) : (
            ''
          )}
        </dl>
      </section>

      <section class={sectionClass} aria-labelledby={`${id}-account`}>
        <Heading text="medicalReport.account" part="account" />
        <dl class={summaryClass}>
          <Row label={tr.attr('medicalReport.account.text')}>
            <Written tr={tr} text={account.text} />
          </Row>
          <Row label={tr.attr('medicalReport.account.language')}>
            <span safe>{languageName(tr, account.language)}</span>
          </Row>
          <Row label={tr.attr('medicalReport.account.interpreter')}>
            <Written tr={tr} text={account.interpreter} />
          </Row>
          <Row label={tr.attr('medicalReport.account.attributedTo')}>
            <span safe>{attributionName(tr, account.attributedTo)}</span>
          </Row>
        </dl>
      </section>

      <section class={sectionClass} aria-labelledby={`${id}-physical`}>
        <Heading text="medicalReport.physical" part="physical" />
        <FindingsTable
          tr={tr}
          id={`${id}-findings`}
          findings={content.physicalFindings}
          photoHref={props.photoHref}
        />
      </section>

      <section class={sectionClass} aria-labelledby={`${id}-psychological`}>
        <Heading text="medicalReport.psychological" part="psychological" />
        <dl class={summaryClass}>
          <Row label={tr.attr('medicalReport.psychological.text')}>
            <Written tr={tr} text={content.psychologicalFindings.text} />
          </Row>
          <Row label={tr.attr('medicalReport.finding.consistency')}>
            {content.psychologicalFindings.consistency === null ? (
              <>{tr.t('medicalReport.notStated')}</>
            ) : (
              <span safe>{consistencyName(tr, content.psychologicalFindings.consistency)}</span>
            )}
          </Row>
        </dl>
      </section>

      <section class={sectionClass} aria-labelledby={`${id}-opinion`}>
        <Heading text="medicalReport.opinion" part="opinion" />
        <dl class={summaryClass}>
          <Row label={tr.attr('medicalReport.opinion.overall')}>
            <strong safe>{consistencyName(tr, content.opinion.overall)}</strong>
          </Row>
          <Row label={tr.attr('medicalReport.opinion.interpretation')}>
            <Written tr={tr} text={content.opinion.interpretation} />
          </Row>
        </dl>
      </section>

      <section class={sectionClass} aria-labelledby={`${id}-treatment`}>
        <Heading text="medicalReport.treatment" part="treatment" />
        <dl class={summaryClass}>
          <Row label={tr.attr('medicalReport.treatment.given')}>
            <Written tr={tr} text={content.treatment.given} />
          </Row>
          <Row label={tr.attr('medicalReport.treatment.referral')}>
            <Written tr={tr} text={content.treatment.referral} />
          </Row>
        </dl>
      </section>
    </div>
  );
}

// --- A second opinion beside the report it reviews (kz.medical.second-opinion) -------------------

/** One reading of the two reports: what, each one's answer, and whether they agree. */
export interface ComparedRow {
  what: string;
  first: string | null;
  second: string | null;
  agree: boolean;
}

/**
 * Where a second opinion agrees with the report it reviews and where it does not: the overall
 * opinion, the psychological findings' consistency, and each physical finding, paired by its place
 * on the body diagram and its type (a finding only one of them records is a disagreement too).
 */
export function compareReports(tr: Translator, first: ReportContent, second: ReportContent): ComparedRow[] {
  const rows: ComparedRow[] = [
    {
      what: tr.attr('medicalReport.opinion.overall'),
      first: consistencyName(tr, first.opinion.overall),
      second: consistencyName(tr, second.opinion.overall),
      agree: first.opinion.overall === second.opinion.overall,
    },
  ];
  const psychological = (content: ReportContent) =>
    content.psychologicalFindings.consistency === null
      ? tr.attr('medicalReport.notStated')
      : consistencyName(tr, content.psychologicalFindings.consistency);
  rows.push({
    what: tr.attr('medicalReport.compare.psychological'),
    first: psychological(first),
    second: psychological(second),
    agree: first.psychologicalFindings.consistency === second.psychologicalFindings.consistency,
  });
  const keyOf = (finding: PhysicalFinding) => `${finding.site.view}/${finding.site.region}/${finding.type}`;
  const unpaired = [...second.physicalFindings];
  const findingName = (finding: PhysicalFinding) =>
    `${findingTypeName(tr, finding.type)}: ${siteText(tr, { ...finding.site, detail: null })}`;
  for (const finding of first.physicalFindings) {
    const index = unpaired.findIndex((other) => keyOf(other) === keyOf(finding));
    const other = index >= 0 ? unpaired.splice(index, 1)[0] : undefined;
    rows.push({
      what: findingName(finding),
      first: consistencyName(tr, finding.consistency),
      second: other ? consistencyName(tr, other.consistency) : null,
      agree: other !== undefined && other.consistency === finding.consistency,
    });
  }
  for (const other of unpaired)
    rows.push({
      what: findingName(other),
      first: null,
      second: consistencyName(tr, other.consistency),
      agree: false,
    });
  return rows;
}

export interface ComparedReport {
  /** Whose report, which version: "Report by Dr … (version 1)". */
  title: string;
  content: ReportContent;
}

/**
 * The report and its second opinion side by side (kz.medical.second-opinion, seed ¶42): the
 * readings in two columns with a third saying whether they agree, then each one's interpretation.
 */
export function SecondOpinionCompare(props: {
  tr: Translator;
  id: string;
  first: ComparedReport;
  second: ComparedReport;
}): JSX.Element {
  const { tr, first, second } = props;
  const rows = compareReports(tr, first.content, second.content);
  const disagreements = rows.filter((row) => !row.agree).length;
  const missing = tr.attr('medicalReport.compare.notRecorded');
  return (
    <div class="medical-compare" id={props.id}>
      <p>
        {disagreements === 0 ? (
          <strong class="tag tag--active">{tr.t('medicalReport.compare.allAgree')}</strong>
        ) : (
          <strong class="tag tag--flag">
            {tr.t('medicalReport.compare.disagreements', { count: disagreements })}
          </strong>
        )}
      </p>
      <div class="whole-words">
        <div
          class="table-wrap register-list__wrap"
          role="region"
          aria-labelledby={`${props.id}-caption`}
          tabindex="0"
        >
          <table class="table register-list__table">
            <caption class="table__caption" id={`${props.id}-caption`}>
              {tr.t('medicalReport.compare.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{tr.t('medicalReport.compare.what')}</th>
                <th scope="col" safe>
                  {first.title}
                </th>
                <th scope="col" safe>
                  {second.title}
                </th>
                <th scope="col">{tr.t('medicalReport.compare.agree')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr class={row.agree ? undefined : 'medical-compare__disagree'}>
                  <th scope="row" data-label={tr.attr('medicalReport.compare.what')} safe>
                    {row.what}
                  </th>
                  <td data-label={first.title} safe>
                    {row.first ?? missing}
                  </td>
                  <td data-label={second.title} safe>
                    {row.second ?? missing}
                  </td>
                  <td data-label={tr.attr('medicalReport.compare.agree')}>
                    {row.agree ? (
                      <strong class="tag tag--active">{tr.t('medicalReport.compare.agrees')}</strong>
                    ) : (
                      <strong class="tag tag--flag">{tr.t('medicalReport.compare.disagrees')}</strong>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div class="medical-compare__columns">
        {[first, second].map((report) => (
          <div class="medical-compare__column">
            <h3 class="heading-m" safe>
              {report.title}
            </h3>
            <p class="field__hint">{tr.t('medicalReport.opinion.interpretation')}</p>
            <p>
              <Written tr={tr} text={report.content.opinion.interpretation} />
            </p>
          </div>
        ))}
      </div>
    </div>
  );
}

/** A version's signature: its digest and the key that signed it, or that it is not signed. */
export function SignatureRows(props: {
  tr: Translator;
  version: Pick<ReportVersionView, 'digest' | 'keyId'>;
  /** Whether the key is the one the log registered for the clinician (null: not known here). */
  registered: boolean | null;
}): JSX.Element {
  const { tr, version } = props;
  if (version.digest === null)
    return (
      <Row label={tr.attr('medicalReport.signature')}>
        <strong class="tag tag--flag">{tr.t('medicalReport.signature.none')}</strong>
      </Row>
    );
  return (
    <>
      <Row label={tr.attr('medicalReport.signature')}>
        {props.registered === false ? (
          <strong class="tag tag--breach">{tr.t('medicalReport.signature.unregistered')}</strong>
        ) : (
          <strong class="tag tag--active">{tr.t('medicalReport.signature.signed')}</strong>
        )}
      </Row>
      <Row label={tr.attr('medicalReport.digest')}>
        <code class="code--break" safe>
          {version.digest}
        </code>
      </Row>
      <Row label={tr.attr('medicalReport.keyId')}>
        <code safe>{version.keyId ?? ''}</code>
      </Row>
    </>
  );
}

export { Row as SummaryRow };
