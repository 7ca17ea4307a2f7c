import { can } from '../../access/policy.js';
import { DEFENDANT_STEPS, type CaseView, type DefendantView } from '../../app/cases.js';
import type { ClockView } from '../../app/custody-views.js';
import { isTortureArticle } from '../../rules/case-rules.js';
import {
  agencyName,
  allegationSourceName,
  appealPartyName,
  appealResultName,
  CASE_PAGE_STEPS,
  caseStepName,
  decidingBodyName,
  defendantStageName,
  defendantStepName,
  discontinuationGroundName,
  documentAuthorName,
  documentKindName,
  redressBodyName,
  redressCategoryName,
  redressPurposeName,
  rehabilitationMeasureName,
  sentenceText,
  tengeText,
  verdictOutcomeName,
} from '../case-labels.js';
import { Layout } from '../components/layout.js';
import { RuleTags } from '../components/rule-tag.js';
import type { PageContext } from '../context.js';
import { formatMoment, localFromMoment } from '../custody-time.js';
import { findingText } from '../finding-text.js';
import { formatDate } from '../format.js';
import type { MessageKey, Translator } from '../i18n.js';
import { paths } from '../paths.js';
import { regionName } from '../region-labels.js';
import { CaseStatusTag } from './cases.js';

export interface CaseFilePageProps {
  ctx: PageContext;
  file: CaseView;
  /** The server's time at rendering (a suspension clock is overdue or not). */
  now: string;
  /** The procurator of the case's region: the links to each step's form. */
  canWrite: boolean;
  /** After POST-redirect-GET: the case was opened, or a step recorded. */
  recorded: 'opened' | 'step' | null;
}

type Documents = CaseView['documents'];

/** A date of the file (YYYY-MM-DD) as the reader's language writes it. */
function Day(props: { tr: Translator; date: string }): JSX.Element {
  return (
    <time datetime={props.date} safe>
      {formatDate(props.tr.lang, props.date)}
    </time>
  );
}

/** A moment on Kazakhstan's clock, saying which (never raw UTC). */
function Moment(props: { tr: Translator; at: string }): JSX.Element {
  return (
    <time datetime={props.at} safe>
      {formatMoment(props.tr.lang, props.at)}
    </time>
  );
}

/**
 * When a finding's norm was missed: a moment, or the day alone when it is a day's start on
 * Kazakhstan's clock (a sentence is flagged from the midnight of its date).
 */
function FindingWhen(props: { tr: Translator; at: string }): JSX.Element {
  const local = localFromMoment(props.at);
  return local.endsWith('T00:00') ? <Day tr={props.tr} date={local.slice(0, 10)} /> : <Moment {...props} />;
}

/** The entry of the log that recorded a step: its sequence number. */
function Entry(props: { tr: Translator; seq: number; short?: boolean }): JSX.Element {
  return (
    <span class="entry__seq">
      {props.tr.t(props.short === true ? 'caseFile.entryNo' : 'caseFile.entry', { seq: props.seq })}
    </span>
  );
}

/** A document of the file by its title, linked to its row of the documents table. */
function DocumentLink(props: { documents: Documents; documentId: string }): JSX.Element {
  const document = props.documents.find((candidate) => candidate.documentId === props.documentId);
  return (
    <a href={`#document-${props.documentId}`} safe>
      {document?.title ?? props.documentId}
    </a>
  );
}

function Table(props: {
  id: string;
  caption: string;
  headers: readonly string[];
  children: JSX.Element | JSX.Element[];
}): JSX.Element {
  return (
    <div class="table-wrap" role="region" aria-labelledby={`${props.id}-caption`} tabindex="0">
      <table class="table">
        <caption class="table__caption" id={`${props.id}-caption`} safe>
          {props.caption}
        </caption>
        <thead>
          <tr>
            {props.headers.map((header) => (
              <th scope="col" safe>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

function Section(props: {
  id: string;
  title: string;
  lead?: string;
  rules?: readonly string[];
  children: JSX.Element | JSX.Element[] | string;
}): JSX.Element {
  return (
    <section class="section" aria-labelledby={`${props.id}-title`}>
      <h2 class="heading-l" id={`${props.id}-title`} safe>
        {props.title}
      </h2>
      {props.lead !== undefined ? (
        <p>
          <span safe>{props.lead}</span> {props.rules !== undefined ? <RuleTags rules={props.rules} /> : ''}
        </p>
      ) : (
        ''
      )}
      {props.children}
    </section>
  );
}

/**
 * A criminal case file read whole (issue 20): its header and status; the allegations it was opened
 * on or joined (kz.cases.joined: joined ones still count); victims; every document by its digest,
 * void or excluded ones marked (kz.torture.nullity, kz.evidence.inadmissible); each defendant with
 * their suspension clock (kz.torture.suspension), charges, court, verdicts and sentences in words
 * (kz.torture.sentencing), appeals and discontinuations with the documents they rest on; exclusions,
 * nullities, compensation paid (kz.redress.fund), rehabilitation and the findings. The procurator
 * of its region has a link to each step's form; the judge reads the same page without them.
 */
export function CaseFilePage(props: CaseFilePageProps): JSX.Element {
  const { ctx, file } = props;
  const { tr } = ctx;
  const write = props.canWrite;
  const discontinuedCase = file.discontinuations.at(-1);
  const caseIsDiscontinued = discontinuedCase !== undefined && discontinuedCase.resumed === null;
  const anyDiscontinued =
    caseIsDiscontinued ||
    file.defendants.some((defendant) => defendant.discontinuations.some((d) => d.resumed === null));
  const steps = CASE_PAGE_STEPS.filter((step) => step !== 'resumptions' || anyDiscontinued);
  return (
    <Layout ctx={ctx} title={tr.attr('caseFile.title', { number: file.number })}>
      {props.recorded !== null ? (
        <div class="notice notice--success" role="status">
          <p class="notice__text">
            {tr.t(props.recorded === 'opened' ? 'caseFile.recorded.opened' : 'caseFile.recorded.step')}
          </p>
        </div>
      ) : (
        ''
      )}
      <p class="caption">
        <a href={paths.cases}>{tr.t('cases.title')}</a>
      </p>
      <h1 class="heading-xl">
        {tr.t('caseFile.heading')}{' '}
        <span class="reference" safe>
          {file.number}
        </span>
      </h1>
      <p class="episode__tags">
        <CaseStatusTag tr={tr} status={file.status} />
      </p>
      <dl class="summary">
        <SummaryRow label={tr.attr('cases.article')}>
          <span safe>{file.article}</span>
          {isTortureArticle(file.article) ? '' : <Flag tr={tr} text="caseFile.notTortureArticle" />}
        </SummaryRow>
        <SummaryRow label={tr.attr('cases.openedOn')}>
          <Day tr={tr} date={file.openedOn} />
        </SummaryRow>
        <SummaryRow label={tr.attr('cases.investigatingBody')}>
          <span safe>{file.investigatingBody}</span>
        </SummaryRow>
        <SummaryRow label={tr.attr('cases.region')}>
          <span safe>{regionName(tr, file.region)}</span>
        </SummaryRow>
        <SummaryRow label={tr.attr('cases.tags')}>
          {file.tags.length === 0 ? (
            '—'
          ) : (
            <>
              {file.tags.map((tag, index) => (
                <>
                  {index > 0 ? ' ' : ''}
                  <code class="case-tag" safe>
                    {tag}
                  </code>
                </>
              ))}
            </>
          )}
        </SummaryRow>
        {file.exOfficioBasis !== null ? (
          <SummaryRow label={tr.attr('caseFile.exOfficio')}>
            <span safe>{file.exOfficioBasis}</span>
          </SummaryRow>
        ) : (
          ''
        )}
      </dl>

      {write ? (
        <nav class="section" aria-labelledby="steps-title">
          <h2 class="heading-m" id="steps-title">
            {tr.t('caseFile.steps')}
          </h2>
          <ul class="list medical-actions">
            {steps.map((step) => (
              <li>
                <a href={paths.caseStep(file.id, step)} safe>
                  {caseStepName(tr, step)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : (
        <p class="muted">{tr.t('caseFile.readOnly')}</p>
      )}

      <Allegations ctx={ctx} file={file} />

      <Section id="victims" title={tr.attr('caseFile.victims')}>
        {file.victims.length === 0 ? (
          <p>{tr.t('caseFile.victims.none')}</p>
        ) : (
          <ul class="list">
            {file.victims.map((victim) => (
              <li>
                <strong safe>{victim.name}</strong> —{' '}
                <span safe>
                  {tr.attr('caseFile.victims.recognised', { date: formatDate(tr.lang, victim.recognisedOn) })}
                </span>{' '}
                <Entry tr={tr} seq={victim.seq} />
              </li>
            ))}
          </ul>
        )}
      </Section>

      <DocumentsSection tr={tr} file={file} />

      <Section
        id="defendants"
        title={tr.attr('caseFile.defendants')}
        lead={tr.attr('caseFile.defendants.lead')}
        rules={['kz.torture.suspension', 'kz.torture.sentencing']}
      >
        {file.defendants.length === 0 ? (
          <p>{tr.t('caseFile.defendants.none')}</p>
        ) : (
          <>
            {file.defendants.map((defendant, index) => (
              <Defendant
                ctx={ctx}
                file={file}
                defendant={defendant}
                clock={clockOf(file.clocks, defendant, index)}
                now={props.now}
                write={write}
              />
            ))}
          </>
        )}
      </Section>

      {file.discontinuations.length > 0 ? (
        <Section id="case-discontinuations" title={tr.attr('caseFile.caseDiscontinued')}>
          <Discontinuations tr={tr} list={file.discontinuations} documents={file.documents} />
        </Section>
      ) : (
        ''
      )}

      <Section
        id="exclusions"
        title={tr.attr('caseFile.exclusions')}
        lead={tr.attr('caseFile.exclusions.lead')}
        rules={['kz.evidence.inadmissible']}
      >
        {file.exclusions.length === 0 ? (
          <p>{tr.t('caseFile.exclusions.none')}</p>
        ) : (
          <ul class="list">
            {file.exclusions.map((exclusion) => (
              <li>
                <span safe>{exclusion.description}</span>
                {exclusion.documentId !== null ? (
                  <>
                    {' ('}
                    <DocumentLink documents={file.documents} documentId={exclusion.documentId} />
                    {')'}
                  </>
                ) : (
                  ''
                )}{' '}
                —{' '}
                <span safe>
                  {tr.attr('caseFile.decidedBy', {
                    body: decidingBodyName(tr, exclusion.by),
                    date: formatDate(tr.lang, exclusion.excludedOn),
                  })}
                </span>{' '}
                <Entry tr={tr} seq={exclusion.seq} />
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section
        id="nullities"
        title={tr.attr('caseFile.nullities')}
        lead={tr.attr('caseFile.nullities.lead')}
        rules={['kz.torture.nullity']}
      >
        {file.nullities.length === 0 ? (
          <p>{tr.t('caseFile.nullities.none')}</p>
        ) : (
          <ul class="list">
            {file.nullities.map((nullity) => (
              <li>
                <span safe>
                  {tr.attr('caseFile.decidedBy', {
                    body: decidingBodyName(tr, nullity.by),
                    date: formatDate(tr.lang, nullity.voidedOn),
                  })}
                </span>
                : <span safe>{nullity.basis}</span>. {tr.t('caseFile.nullities.void')}{' '}
                {nullity.documentIds.map((documentId, index) => (
                  <>
                    {index > 0 ? ', ' : ''}
                    <DocumentLink documents={file.documents} documentId={documentId} />
                  </>
                ))}{' '}
                <Entry tr={tr} seq={nullity.seq} />
              </li>
            ))}
          </ul>
        )}
      </Section>

      <RedressSection ctx={ctx} file={file} write={write} />

      <Section id="rehabilitation" title={tr.attr('caseFile.rehabilitation')}>
        {file.rehabilitation.length === 0 ? (
          <p>{tr.t('caseFile.rehabilitation.none')}</p>
        ) : (
          <ul class="list">
            {file.rehabilitation.map((measure) => (
              <li>
                <strong safe>{rehabilitationMeasureName(tr, measure.measure)}</strong>
                {' — '}
                <span safe>{victimName(file, measure.victimId)}</span>,{' '}
                <Day tr={tr} date={measure.providedOn} />: <span safe>{measure.description}</span>{' '}
                <Entry tr={tr} seq={measure.seq} />
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="findings" title={tr.attr('caseFile.findings')} lead={tr.attr('caseFile.findings.lead')}>
        {file.findings.length === 0 ? (
          <p>{tr.t('caseFile.findings.none')}</p>
        ) : (
          <ul class="list findings">
            {file.findings.map((finding) => (
              <li>
                <strong class="tag tag--flag">{tr.t('caseFile.finding.flag')}</strong>{' '}
                <span safe>{findingText(tr, finding)}</span> <RuleTags rules={[finding.rule]} />
                <br />
                <span class="muted">
                  <FindingWhen tr={tr} at={finding.at} /> · <Entry tr={tr} seq={finding.seq} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </Layout>
  );
}

function SummaryRow(props: { label: string; children: JSX.Element | JSX.Element[] | string }): JSX.Element {
  return (
    <div class="summary__row">
      <dt class="summary__key" safe>
        {props.label}
      </dt>
      <dd class="summary__value">{props.children}</dd>
    </div>
  );
}

/** A flag beside a fact: a word and a colour, with the rule that raises it. */
function Flag(props: { tr: Translator; text: MessageKey; rule?: string }): JSX.Element {
  return (
    <>
      {' '}
      <strong class="tag tag--flag">{props.tr.t(props.text)}</strong>
      {props.rule !== undefined ? (
        <>
          {' '}
          <RuleTags rules={[props.rule]} />
        </>
      ) : (
        ''
      )}
    </>
  );
}

const victimName = (file: CaseView, victimId: string): string =>
  file.victims.find((victim) => victim.victimId === victimId)?.name ?? '—';

/** The suspension clock of a defendant: the case's clocks are one per defendant, in the same order. */
function clockOf(clocks: readonly ClockView[], defendant: DefendantView, index: number): ClockView | null {
  const same = (clock: ClockView | undefined) =>
    clock !== undefined && Date.parse(clock.startedAt) === Date.parse(defendant.identifiedAt);
  const candidate = clocks[index];
  if (same(candidate)) return candidate ?? null;
  return clocks.find((clock) => same(clock)) ?? null;
}

function Allegations(props: { ctx: PageContext; file: CaseView }): JSX.Element {
  const { ctx, file } = props;
  const { tr } = ctx;
  const canOpenComplaint = can(ctx.principal, 'allegation.read');
  const canOpenReferral = can(ctx.principal, 'medical.referral');
  return (
    <Section
      id="allegations"
      title={tr.attr('caseFile.allegations')}
      lead={tr.attr('caseFile.allegations.lead')}
      rules={['kz.cases.joined']}
    >
      {file.allegations.length === 0 ? (
        <p>{tr.t('caseFile.allegations.none')}</p>
      ) : (
        <Table
          id="allegations-table"
          caption={tr.attr('caseFile.allegations.caption', { count: file.allegations.length })}
          headers={[
            tr.attr('caseFile.allegation.source'),
            tr.attr('caseFile.allegation.reference'),
            tr.attr('caseFile.allegation.allegedAt'),
            tr.attr('caseFile.allegation.inCase'),
            tr.attr('caseFile.entryColumn'),
          ]}
        >
          {file.allegations.map((allegation) => {
            const { kind, reference } = allegation.source;
            const href =
              kind === 'complaint' && canOpenComplaint
                ? paths.allegation(reference)
                : kind === 'medical-referral' && canOpenReferral
                  ? paths.medicalReferral(reference)
                  : null;
            return (
              <tr>
                <td safe>{allegationSourceName(tr, kind)}</td>
                <td>
                  {href !== null ? (
                    <a href={href}>
                      <span class="reference" safe>
                        {reference}
                      </span>
                    </a>
                  ) : (
                    <span class="reference" safe>
                      {reference}
                    </span>
                  )}
                </td>
                <td>{allegation.allegedAt !== null ? <Moment tr={tr} at={allegation.allegedAt} /> : '—'}</td>
                <td>
                  <Day tr={tr} date={allegation.on} />
                  {allegation.joined ? (
                    <>
                      {' '}
                      <strong class="tag tag--active">{tr.t('caseFile.allegation.joined')}</strong>
                    </>
                  ) : (
                    ''
                  )}
                </td>
                <td>
                  <Entry tr={tr} seq={allegation.seq} short />
                </td>
              </tr>
            );
          })}
        </Table>
      )}
    </Section>
  );
}

function DocumentsSection(props: { tr: Translator; file: CaseView }): JSX.Element {
  const { tr, file } = props;
  return (
    <Section
      id="documents"
      title={tr.attr('caseFile.documents')}
      lead={tr.attr('caseFile.documents.lead')}
      rules={['kz.defence.file']}
    >
      {file.documents.length === 0 ? (
        <p>{tr.t('caseFile.documents.none')}</p>
      ) : (
        <Table
          id="documents-table"
          caption={tr.attr('caseFile.documents.caption', { count: file.documents.length })}
          headers={[
            tr.attr('caseFile.document.kind'),
            tr.attr('caseFile.document.title'),
            tr.attr('caseFile.document.dated'),
            tr.attr('caseFile.document.submittedBy'),
            tr.attr('caseFile.document.digest'),
            tr.attr('caseFile.entryColumn'),
          ]}
        >
          {file.documents.map((document) => {
            const voided = document.voidedBy !== null;
            const excluded = document.excludedBy !== null;
            return (
              <tr id={`document-${document.documentId}`}>
                <td safe>{documentKindName(tr, document.kind)}</td>
                <td>
                  {voided ? <del safe>{document.title}</del> : <span safe>{document.title}</span>}
                  {voided ? (
                    <>
                      <br />
                      <strong class="tag tag--breach">{tr.t('caseFile.document.void')}</strong>{' '}
                      <RuleTags rules={['kz.torture.nullity']} />
                    </>
                  ) : (
                    ''
                  )}
                  {excluded ? (
                    <>
                      <br />
                      <strong class="tag tag--breach">{tr.t('caseFile.document.excluded')}</strong>{' '}
                      <RuleTags rules={['kz.evidence.inadmissible']} />
                    </>
                  ) : (
                    ''
                  )}
                </td>
                <td>
                  <Day tr={tr} date={document.dated} />
                </td>
                <td safe>{documentAuthorName(tr, document.submittedBy)}</td>
                <td>
                  <code class="case-digest" title={document.digest.sha256} safe>
                    {`${document.digest.sha256.slice(0, 12)}…`}
                  </code>
                </td>
                <td>
                  <Entry tr={tr} seq={document.seq} short />
                </td>
              </tr>
            );
          })}
        </Table>
      )}
    </Section>
  );
}

/** Which steps of one defendant make sense now (the service still decides). */
function defendantSteps(defendant: DefendantView): (typeof DEFENDANT_STEPS)[number][] {
  const pendingAppeal = defendant.appeals.some((appeal) => appeal.decided === null);
  return DEFENDANT_STEPS.filter((step) => {
    switch (step) {
      case 'suspension':
        return defendant.suspension === null;
      case 'charges':
        return defendant.stage === 'suspect' || defendant.stage === 'charged';
      case 'verdicts':
        return defendant.stage === 'in-court';
      case 'appeals':
        return defendant.verdicts.length > 0 && !pendingAppeal;
      case 'appeal-decisions':
        return pendingAppeal;
    }
  });
}

function Defendant(props: {
  ctx: PageContext;
  file: CaseView;
  defendant: DefendantView;
  clock: ClockView | null;
  now: string;
  write: boolean;
}): JSX.Element {
  const { ctx, file, defendant, clock } = props;
  const { tr } = ctx;
  const id = `defendant-${defendant.officialId}`;
  const canOpenOfficial = can(ctx.principal, 'official.read');
  const changedOnAppeal = defendant.appeals.some((appeal) => appeal.decided?.result === 'changed');
  return (
    <article class="card case-defendant" aria-labelledby={`${id}-name`}>
      <div>
        <h3 class="heading-m" id={`${id}-name`}>
          {canOpenOfficial ? (
            <a href={paths.official(defendant.officialId)} safe>
              {defendant.name}
            </a>
          ) : (
            <span safe>{defendant.name}</span>
          )}{' '}
          <strong class="tag tag--active" safe>
            {defendantStageName(tr, defendant.stage)}
          </strong>
        </h3>
        {defendant.position !== null || defendant.agency !== null ? (
          <p class="muted" safe>
            {[defendant.position, defendant.agency !== null ? agencyName(tr, defendant.agency) : null]
              .filter((part): part is string => part !== null)
              .join(', ')}
          </p>
        ) : (
          ''
        )}
        <dl class="summary">
          <SummaryRow label={tr.attr('caseFile.identifiedAt')}>
            <Moment tr={tr} at={defendant.identifiedAt} />
          </SummaryRow>
          <SummaryRow label={tr.attr('caseFile.suspension')}>
            <Suspension tr={tr} defendant={defendant} clock={clock} now={props.now} />
          </SummaryRow>
          <SummaryRow label={tr.attr('caseFile.charges')}>
            {defendant.charges.length === 0 ? (
              tr.t('caseFile.charges.none')
            ) : (
              <ul class="list list--plain">
                {defendant.charges.map((charge, index) => (
                  <li>
                    <span safe>
                      {tr.attr('caseFile.charge', {
                        article: charge.article,
                        date: formatDate(tr.lang, charge.chargedOn),
                      })}
                    </span>
                    {index > 0 ? <Flag tr={tr} text="caseFile.charge.changed" /> : ''}
                    {isTortureArticle(charge.article) ? (
                      ''
                    ) : (
                      <Flag tr={tr} text="caseFile.reclassified" rule="kz.torture.sentencing" />
                    )}
                  </li>
                ))}
              </ul>
            )}
          </SummaryRow>
          {defendant.court !== null ? (
            <SummaryRow label={tr.attr('caseFile.court')}>
              <span safe>
                {tr.attr('caseFile.court.sent', {
                  court: defendant.court.name,
                  region: regionName(tr, defendant.court.region),
                  date: formatDate(tr.lang, defendant.court.sentOn),
                })}
              </span>
            </SummaryRow>
          ) : (
            ''
          )}
        </dl>
        {defendant.verdicts.length > 0 ? (
          <>
            <h4 class="heading-m">{tr.t('caseFile.verdicts')}</h4>
            <ul class="list">
              {defendant.verdicts.map((verdict) => (
                <li>
                  <Verdict
                    tr={tr}
                    outcome={verdict.outcome}
                    article={verdict.article}
                    sentence={verdict.sentence}
                    pleaAgreement={verdict.pleaAgreement}
                  />
                  <br />
                  <span class="muted">
                    <span safe>
                      {tr.attr('caseFile.verdict.by', {
                        court: verdict.court.name,
                        date: formatDate(tr.lang, verdict.decidedOn),
                      })}
                    </span>{' '}
                    · <Entry tr={tr} seq={verdict.seq} />
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          ''
        )}
        {defendant.appeals.length > 0 ? (
          <>
            <h4 class="heading-m">{tr.t('caseFile.appeals')}</h4>
            <ul class="list">
              {defendant.appeals.map((appeal) => (
                <li>
                  <span safe>
                    {tr.attr('caseFile.appeal.filed', {
                      party: appealPartyName(tr, appeal.by),
                      date: formatDate(tr.lang, appeal.filedOn),
                    })}
                  </span>
                  {': '}
                  {appeal.decided === null ? (
                    <strong class="tag tag--flag">{tr.t('caseFile.appeal.pending')}</strong>
                  ) : (
                    <>
                      <strong safe>{appealResultName(tr, appeal.decided.result)}</strong>{' '}
                      <span safe>
                        {tr.attr('caseFile.verdict.by', {
                          court: appeal.decided.court.name,
                          date: formatDate(tr.lang, appeal.decided.decidedOn),
                        })}
                      </span>
                      {appeal.decided.result === 'changed' ? (
                        <Flag tr={tr} text="caseFile.appeal.changedFlag" rule="kz.torture.sentencing" />
                      ) : (
                        ''
                      )}{' '}
                      <Entry tr={tr} seq={appeal.decided.seq} />
                    </>
                  )}
                </li>
              ))}
            </ul>
          </>
        ) : (
          ''
        )}
        {changedOnAppeal && defendant.final !== null ? (
          <p>
            <strong>{tr.t('caseFile.final')}</strong>{' '}
            <Verdict
              tr={tr}
              outcome={defendant.final.outcome}
              article={defendant.final.article}
              sentence={defendant.final.sentence}
              pleaAgreement={defendant.final.pleaAgreement}
            />
          </p>
        ) : (
          ''
        )}
        {defendant.discontinuations.length > 0 ? (
          <>
            <h4 class="heading-m">{tr.t('caseFile.discontinuations')}</h4>
            <Discontinuations tr={tr} list={defendant.discontinuations} documents={file.documents} />
          </>
        ) : (
          ''
        )}
        {props.write && defendantSteps(defendant).length > 0 ? (
          <ul
            class="list medical-actions"
            aria-label={tr.attr('caseFile.defendantSteps', { name: defendant.name })}
          >
            {defendantSteps(defendant).map((step) => (
              <li>
                <a href={paths.caseDefendantStep(file.id, defendant.officialId, step)}>
                  <span safe>{defendantStepName(tr, step)}</span>
                  <span class="visually-hidden">
                    {' '}
                    <span safe>{`(${defendant.name})`}</span>
                  </span>
                </a>
              </li>
            ))}
          </ul>
        ) : (
          ''
        )}
      </div>
    </article>
  );
}

/**
 * kz.torture.suspension: whether and when the official was suspended from office, against the
 * clock from their identification. A missed deadline is said plainly, in words and a tag.
 */
function Suspension(props: {
  tr: Translator;
  defendant: DefendantView;
  clock: ClockView | null;
  now: string;
}): JSX.Element {
  const { tr, defendant, clock } = props;
  const due = clock?.dueAt ?? null;
  const dueText = due !== null ? formatMoment(tr.lang, due) : '';
  if (defendant.suspension !== null) {
    const late = due !== null && Date.parse(defendant.suspension.suspendedAt) > Date.parse(due);
    return (
      <>
        <strong class={['tag', late ? 'tag--breach' : 'tag--released']}>
          {tr.t(late ? 'caseFile.suspension.late' : 'caseFile.suspension.done')}
        </strong>{' '}
        <span safe>
          {tr.attr('caseFile.suspension.at', {
            at: formatMoment(tr.lang, defendant.suspension.suspendedAt),
            by: defendant.suspension.orderedBy,
          })}
        </span>
        {late ? (
          <>
            {' '}
            <span safe>{tr.attr('caseFile.suspension.wasDue', { due: dueText })}</span>
          </>
        ) : (
          ''
        )}{' '}
        <RuleTags rules={['kz.torture.suspension']} />
      </>
    );
  }
  if (defendant.stage === 'discontinued' || defendant.stage === 'acquitted')
    return <span>{tr.t('caseFile.suspension.none')}</span>;
  const overdue = due !== null && Date.parse(due) <= Date.parse(props.now);
  return (
    <>
      <strong class={['tag', overdue ? 'tag--breach' : 'tag--flag']}>
        {tr.t(overdue ? 'caseFile.suspension.overdue' : 'caseFile.suspension.pending')}
      </strong>{' '}
      {due !== null ? (
        <span safe>
          {tr.attr(overdue ? 'caseFile.suspension.wasDue' : 'caseFile.suspension.due', { due: dueText })}
        </span>
      ) : (
        ''
      )}{' '}
      <RuleTags rules={['kz.torture.suspension']} />
    </>
  );
}

/** A verdict in words: outcome, article, sentence; what kz.torture.sentencing flags beside it. */
function Verdict(props: {
  tr: Translator;
  outcome: string;
  article: string;
  sentence: CaseView['defendants'][number]['verdicts'][number]['sentence'];
  pleaAgreement: boolean;
}): JSX.Element {
  const { tr, sentence } = props;
  const reclassified = props.outcome === 'convicted' && !isTortureArticle(props.article);
  const suspended = sentence !== null && sentence.suspended;
  return (
    <>
      <strong safe>{verdictOutcomeName(tr, props.outcome)}</strong>{' '}
      <span safe>{tr.attr('caseFile.verdict.article', { article: props.article })}</span>
      {sentence !== null ? (
        <>
          {': '}
          <span safe>{sentenceText(tr, sentence)}</span>
        </>
      ) : (
        ''
      )}
      {reclassified || suspended || props.pleaAgreement ? (
        <>
          <br />
          {reclassified ? <Flag tr={tr} text="caseFile.reclassified" /> : ''}
          {suspended ? <Flag tr={tr} text="caseFile.suspendedSentence" /> : ''}
          {props.pleaAgreement ? <Flag tr={tr} text="caseFile.pleaAgreement" /> : ''}{' '}
          <RuleTags rules={['kz.torture.sentencing']} />
        </>
      ) : (
        ''
      )}
    </>
  );
}

function Discontinuations(props: {
  tr: Translator;
  list: CaseView['discontinuations'];
  documents: Documents;
}): JSX.Element {
  const { tr } = props;
  return (
    <ul class="list">
      {props.list.map((discontinuation) => (
        <li>
          <strong safe>{discontinuationGroundName(tr, discontinuation.ground)}</strong>
          {' — '}
          <Day tr={tr} date={discontinuation.discontinuedOn} />: <span safe>{discontinuation.reason}</span>{' '}
          <Entry tr={tr} seq={discontinuation.seq} />
          {discontinuation.evidence.length > 0 ? (
            <>
              <br />
              {tr.t('caseFile.discontinuation.restsOn')}{' '}
              {discontinuation.evidence.map((documentId, index) => (
                <>
                  {index > 0 ? ', ' : ''}
                  <DocumentLink documents={props.documents} documentId={documentId} />
                </>
              ))}
            </>
          ) : (
            ''
          )}
          {discontinuation.resumed !== null ? (
            <>
              <br />
              <strong class="tag tag--active">{tr.t('caseFile.discontinuation.resumed')}</strong>{' '}
              <span safe>
                {tr.attr('caseFile.decidedBy', {
                  body: decidingBodyName(tr, discontinuation.resumed.by),
                  date: formatDate(tr.lang, discontinuation.resumed.resumedOn),
                })}
              </span>
              : <span safe>{discontinuation.resumed.reason}</span>
            </>
          ) : (
            ''
          )}
        </li>
      ))}
    </ul>
  );
}

/** kz.redress.fund: each award, who decided it, what it is for, what was paid and how long it took. */
function RedressSection(props: { ctx: PageContext; file: CaseView; write: boolean }): JSX.Element {
  const { ctx, file } = props;
  const { tr } = ctx;
  return (
    <Section
      id="redress"
      title={tr.attr('caseFile.redress')}
      lead={tr.attr('caseFile.redress.lead')}
      rules={['kz.redress.fund']}
    >
      {file.redress.length === 0 ? (
        <p>{tr.t('caseFile.redress.none')}</p>
      ) : (
        <Table
          id="redress-table"
          caption={tr.attr('caseFile.redress.caption', { count: file.redress.length })}
          headers={[
            tr.attr('caseFile.redress.victim'),
            tr.attr('caseFile.redress.decided'),
            tr.attr('caseFile.redress.amount'),
            tr.attr('caseFile.redress.paid'),
            tr.attr('caseFile.redress.days'),
          ]}
        >
          {file.redress.map((redress) => (
            <tr>
              <td>
                <span safe>{victimName(file, redress.victimId)}</span>
                <br />
                <span class="muted" safe>
                  {`${redressCategoryName(tr, redress.category)}; ${redressPurposeName(tr, redress.purpose)}`}
                </span>
              </td>
              <td>
                <span safe>{redressBodyName(tr, redress.by)}</span>
                <br />
                <Day tr={tr} date={redress.decidedOn} /> · <Entry tr={tr} seq={redress.seq} />
              </td>
              <td class="register-list__numeric" safe>
                {tengeText(tr, redress.amountKzt)}
              </td>
              <td>
                <strong safe>{tengeText(tr, redress.paidKzt)}</strong>
                {redress.paidKzt >= redress.amountKzt ? (
                  <>
                    {' '}
                    <strong class="tag tag--released">{tr.t('caseFile.redress.paidInFull')}</strong>
                  </>
                ) : (
                  ''
                )}
                {redress.payments.length > 0 ? (
                  <ul class="list list--plain">
                    {redress.payments.map((payment) => (
                      <li>
                        <span safe>{tengeText(tr, payment.amountKzt)}</span> —{' '}
                        <Day tr={tr} date={payment.paidOn} />
                      </li>
                    ))}
                  </ul>
                ) : (
                  ''
                )}
                {props.write && redress.paidKzt < redress.amountKzt ? (
                  <p>
                    <a href={paths.casePayment(file.id, redress.redressId)}>
                      {tr.t('caseFile.redress.pay')}
                      <span class="visually-hidden">
                        {' '}
                        <span safe>{`(${victimName(file, redress.victimId)})`}</span>
                      </span>
                    </a>
                  </p>
                ) : (
                  ''
                )}
              </td>
              <td>
                {redress.daysFromAllegation !== null
                  ? tr.t('caseFile.redress.daysValue', { count: redress.daysFromAllegation })
                  : '—'}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Section>
  );
}
