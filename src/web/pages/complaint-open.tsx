import type { ComplaintView } from '../../app/complaint-views.js';
import { ReadAuditLink } from '../components/audit-link.js';
import { ClockTexts } from '../components/clock.js';
import {
  CategoryTag,
  ComplainantText,
  ComplaintClock,
  ComplaintStatusTag,
  protectionClock,
  ProtectionKindText,
  RequestsText,
} from '../components/complaint-parts.js';
import { ConcernsFields } from '../components/concerns-fields.js';
import { TextAreaField } from '../components/custody-fields.js';
import { TextField } from '../components/fields.js';
import { Layout } from '../components/layout.js';
import { RuleTags } from '../components/rule-tag.js';
import { FindingsTable } from '../components/timeline.js';
import { channelName, officeName } from '../complaint-labels.js';
import type { PageContext } from '../context.js';
import { formatMoment } from '../custody-time.js';
import { errorFor, type FieldError } from '../forms.js';
import { isLang, type MessageKey } from '../i18n.js';
import { paths } from '../paths.js';
import { regionName } from '../region-labels.js';
import { DecisionsTable } from './allegation.js';
import { KeyState } from './complaint-inbox.js';

/** Characters of a stated purpose (src/app/audit.ts Purpose: one line). */
export const PURPOSE_MAX = 200;
/** Characters of an answer (src/domain/complaints/inputs.ts MAX_TEXT_CHARACTERS). */
export const ANSWER_MAX = 100_000;
/** Characters of the reason a complaint is closed (src/domain/complaints/inputs.ts CloseInput). */
export const CLOSE_REASON_MAX = 1000;
/** Characters of the reason a complaint goes to the procurator (src/domain/complaints/inputs.ts RouteInput). */
export const ROUTE_REASON_MAX = 2000;

export interface ComplaintPageProps {
  ctx: PageContext;
  /** The complaint's reference as written on its receipt (normalised). */
  reference: string;
  /** The opened complaint, or null before it is opened (the purpose form). */
  view: ComplaintView | null;
  /** The purpose stated for this opening (kept for the answer form, which opens it again on errors). */
  purpose: string;
  errors: readonly FieldError[];
  /** The answer typed, when it came back with errors. */
  answer: string;
  /** The reason for closing typed, when it came back with errors. */
  closeReason?: string;
  /** The reason for routing to the procurator typed, when it came back with errors. */
  routeReason?: string;
  /** The office, region and reason for routing to the investigating judge typed, when they came back with errors. */
  judgeRoute?: { judgeOffice: string; judgeRegion: string; judgeReason: string } | undefined;
  /** After POST-redirect-GET: what was just recorded. */
  recorded: 'answered' | 'closed' | 'routed' | 'routed-judge' | null;
  /** Whether the reader answers and closes complaints (complaint.answer): the complaints officer. */
  canAnswer: boolean;
  /** Whether the reader decides on allegations (allegation.decide): the procurator. */
  canDecide: boolean;
  /** Whether the reader routes complaints to the procurator (complaint.route): the complaints officer. */
  canRoute?: boolean;
  /** The server's time at rendering. */
  now: string;
}

const RECORDED_NOTICE = {
  answered: 'complaint.answered',
  closed: 'complaint.closed.recorded',
  routed: 'complaint.route.recorded',
  'routed-judge': 'complaint.judge.recorded',
} as const satisfies Record<string, MessageKey>;

/**
 * One complaint, for the complaints authority (and the procurator, for an allegation). Before it
 * is opened the page says that every opening is recorded in the log, and asks for the purpose; the
 * opening itself is a POST (with the session's CSRF token) that the service records before it
 * opens anything. The opened text is shown as text, never as markup.
 */
export function ComplaintPage(props: ComplaintPageProps): JSX.Element {
  const { ctx, view } = props;
  const { tr } = ctx;
  const title = tr.attr('complaint.title', { reference: props.reference });
  return (
    <Layout ctx={ctx} title={title} errors={props.errors}>
      {props.recorded !== null ? (
        <div class="notice notice--success" role="status">
          <p class="notice__text">{tr.t(RECORDED_NOTICE[props.recorded])}</p>
        </div>
      ) : (
        ''
      )}
      <p class="caption">{tr.t('complaint.caption')}</p>
      <h1 class="heading-xl">
        <span class="reference" safe>
          {props.reference}
        </span>
      </h1>
      <KeyState ctx={ctx} unlocked />
      <ReadAuditLink ctx={ctx} kind="complaint" record={props.reference} />
      {view === null ? <OpenForm {...props} /> : <Opened {...props} view={view} />}
    </Layout>
  );
}

/** The purpose of this opening and the button that opens (and records the opening). */
function OpenForm(props: ComplaintPageProps): JSX.Element {
  const { ctx, errors } = props;
  const { tr } = ctx;
  return (
    <section class="section" aria-labelledby="open-title">
      <h2 class="heading-l" id="open-title">
        {tr.t('complaint.open.title')}
      </h2>
      <div class="warning-box">
        <p class="warning-box__text">
          <strong>{tr.t('complaint.open.logged')}</strong>
        </p>
      </div>
      <form class="form" method="post" action={paths.complaintOpen(props.reference)} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
        <TextField
          tr={tr}
          id="purpose"
          label="complaint.open.purpose"
          hint="complaint.open.purpose.hint"
          value={props.purpose}
          error={errorFor(errors, 'purpose')}
          maxlength={PURPOSE_MAX}
        />
        <button class="button" type="submit">
          {tr.t('complaint.open.submit')}
        </button>
      </form>
    </section>
  );
}

function Opened(props: ComplaintPageProps & { view: ComplaintView }): JSX.Element {
  const { ctx, view } = props;
  const { tr } = ctx;
  // kz.allegation.conflict: about a procurator's or an investigator's office, the investigating judge's.
  const judge = view.withJudge;
  const allegation = judge === null && view.category === 'torture-or-ill-treatment';
  const rows: { key: MessageKey; value: JSX.Element }[] = [
    { key: 'complaint.facility', value: <span safe>{view.facilityName}</span> },
    { key: 'complaint.channel', value: <span safe>{channelName(tr, view.channel)}</span> },
    {
      key: 'complaint.submittedAt',
      value: (
        <time datetime={view.submittedAt} safe>
          {formatMoment(tr.lang, view.submittedAt)}
        </time>
      ),
    },
    { key: 'complaint.complainant', value: <ComplainantText tr={tr} complainant={view.complainant} /> },
    {
      key: 'complaint.requests',
      value: (
        <RequestsText
          tr={tr}
          protectionRequested={view.protectionRequested}
          transferRequested={view.transferRequested}
        />
      ),
    },
  ];
  return (
    <>
      <p class="episode__tags">
        <CategoryTag tr={tr} category={view.category} />
        <ComplaintStatusTag tr={tr} status={view.status} />
      </p>
      <dl class="summary">
        {rows.map((row) => (
          <div class="summary__row">
            <dt class="summary__key">{tr.t(row.key)}</dt>
            <dd class="summary__value">{row.value}</dd>
          </div>
        ))}
      </dl>
      {view.rerouted !== null ? <ReroutedNotice tr={tr} view={view} /> : ''}
      {judge !== null ? <JudgeNotice tr={tr} judge={judge} /> : ''}
      {allegation ? (
        <div class="warning-box allegation-notice" role="note" aria-labelledby="allegation-title">
          <h2 class="heading-m" id="allegation-title">
            {tr.t('complaint.allegation.title')}
          </h2>
          <p class="warning-box__text">
            {tr.t('complaint.allegation.body')} <RuleTags rules={['kz.torture.referral']} />
          </p>
          {props.canDecide ? (
            <p class="warning-box__text">
              <a href={paths.allegation(view.reference)}>{tr.t('allegation.decide.title')}</a>
            </p>
          ) : (
            ''
          )}
        </div>
      ) : (
        ''
      )}
      {allegation && props.canRoute && !view.sealedForProcurator ? (
        <RouteForm {...props} view={view} copy />
      ) : (
        ''
      )}

      <section class="section" aria-labelledby="content-title">
        <h2 class="heading-l" id="content-title">
          {tr.t('complaint.opened.title')}
        </h2>
        <p class="muted">{tr.t('complaint.opened.recorded')}</p>
        <Content tr={tr} view={view} />
      </section>

      {view.clocks.length > 0 ? (
        <section class="section" aria-labelledby="clocks-title">
          <h2 class="heading-l" id="clocks-title">
            {tr.t('complaint.clocks')}
          </h2>
          <ClockTexts tr={tr} now={props.now} />
          <ul class="clock-grid complaint-clocks">
            {view.clocks
              .filter((clock) => clock.rule !== 'kz.transfer.protection')
              .map((clock) => (
                <li>
                  <ComplaintClock tr={tr} clock={clock} now={props.now} headingLevel={3} />
                </li>
              ))}
            {/* One per request for protection or transfer, said which (the governor's, kz.transfer.protection). */}
            {view.protectionRequests.map((request) => (
              <li>
                <p class="clock-caption">
                  <ProtectionKindText tr={tr} kind={request.kind} />
                </p>
                <ComplaintClock
                  tr={tr}
                  clock={protectionClock(request, props.now)}
                  now={props.now}
                  headingLevel={3}
                />
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}

      {allegation ? (
        <section class="section" aria-labelledby="decisions-title">
          <h2 class="heading-l" id="decisions-title">
            {tr.t('complaint.decisions.title')}
          </h2>
          {view.decisions.length === 0 ? (
            <p>{tr.t('allegation.decisions.none')}</p>
          ) : (
            <DecisionsTable tr={tr} decisions={view.decisions} id="decisions" />
          )}
        </section>
      ) : judge !== null ? (
        view.answers.length > 0 ? (
          <Answers {...props} canAnswer={false} />
        ) : (
          ''
        )
      ) : (
        <>
          <Answers {...props} />
          {props.canRoute ? <RouteForm {...props} view={view} copy={false} /> : ''}
          <Closure {...props} />
        </>
      )}
      {judge === null && props.canRoute ? <JudgeRouteForm {...props} view={view} /> : ''}
      {(allegation || judge !== null) && view.closed !== null ? <Closure {...props} /> : ''}

      {view.findings.length > 0 ? (
        <section class="section" aria-labelledby="findings-title">
          <h2 class="heading-l" id="findings-title">
            {tr.t('complaint.findings.title')}
          </h2>
          <FindingsTable
            tr={tr}
            findings={view.findings}
            id="findings"
            caption={tr.attr('complaint.findings', { count: view.findings.length })}
          />
        </section>
      ) : (
        ''
      )}
      <script src={paths.custodyScript} defer></script>
    </>
  );
}

/** Why the content is not shown, in the reader's language. */
const CONTENT_PROBLEM = {
  erased: 'complaint.content.erased',
  'no-procurator-copy': 'complaint.content.no-procurator-copy',
  'does-not-open': 'complaint.content.does-not-open',
  'not-json': 'complaint.content.not-json',
} as const satisfies Record<NonNullable<ComplaintView['contentProblem']>, MessageKey>;

/**
 * A complaint filed under another category and routed to the procurator by the complaints
 * authority (issue 18 item 9): what it was filed as, which its record keeps, when, by whom and why.
 */
function ReroutedNotice(props: { tr: PageContext['tr']; view: ComplaintView }): JSX.Element {
  const { tr, view } = props;
  const rerouted = view.rerouted;
  if (rerouted === null) return <></>;
  return (
    <div class="notice" role="note" aria-labelledby="rerouted-title">
      <h2 class="heading-m" id="rerouted-title">
        {tr.t('complaint.rerouted.title')}
      </h2>
      <dl class="summary">
        <div class="summary__row">
          <dt class="summary__key">{tr.t('complaint.rerouted.from')}</dt>
          <dd class="summary__value">
            <CategoryTag tr={tr} category={rerouted.from} />
          </dd>
        </div>
        <div class="summary__row">
          <dt class="summary__key">{tr.t('complaint.rerouted.at')}</dt>
          <dd class="summary__value">
            <time datetime={rerouted.routedAt} safe>
              {formatMoment(tr.lang, rerouted.routedAt)}
            </time>
            {view.reroutedBy !== null ? (
              <>
                {' — '}
                <span safe>{view.reroutedBy}</span>
              </>
            ) : (
              ''
            )}
          </dd>
        </div>
        <div class="summary__row">
          <dt class="summary__key">{tr.t('complaint.rerouted.reason')}</dt>
          <dd class="summary__value" safe>
            {rerouted.reason}
          </dd>
        </div>
      </dl>
    </div>
  );
}

/**
 * The complaints officer's form that sends a complaint to the procurator (issue 18 item 9), or,
 * for an allegation sealed before the procurator's office had its own key (`copy`), seals the
 * procurator's copy (item 5). Either way the content is sealed again from the authority's copy.
 */
function RouteForm(props: ComplaintPageProps & { view: ComplaintView; copy: boolean }): JSX.Element {
  const { ctx, view, errors } = props;
  const { tr } = ctx;
  return (
    <section class="section" aria-labelledby="route-title">
      <h2 class="heading-l" id="route-title">
        {tr.t(props.copy ? 'complaint.copy.title' : 'complaint.route.title')}
      </h2>
      <p>
        {tr.t(props.copy ? 'complaint.copy.lead' : 'complaint.route.lead')}{' '}
        <RuleTags rules={['kz.torture.referral']} />
      </p>
      <form class="form" method="post" action={paths.complaintRoute(view.reference)} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
        <input type="hidden" name="purpose" value={props.purpose} />
        <TextField
          tr={tr}
          id="routeReason"
          label="complaint.route.reason"
          hint={props.copy ? 'complaint.copy.reason.hint' : 'complaint.route.reason.hint'}
          value={props.routeReason ?? ''}
          error={errorFor(errors, 'routeReason')}
          maxlength={ROUTE_REASON_MAX}
        />
        <button class={['button', !props.copy && 'button--warning']} type="submit">
          {tr.t(props.copy ? 'complaint.copy.submit' : 'complaint.route.submit')}
        </button>
      </form>
    </section>
  );
}

/**
 * kz.allegation.conflict: the complaint is about a procurator's or an investigator's own office and
 * is with the investigating judge, who orders its investigation: no procurator sees it, and the
 * complaints authority neither answers nor closes it. The judge holds no key: the authority
 * provides the text when the judge asks.
 */
function JudgeNotice(props: {
  tr: PageContext['tr'];
  judge: NonNullable<ComplaintView['withJudge']>;
}): JSX.Element {
  const { tr, judge } = props;
  return (
    <div class="warning-box allegation-notice" role="note" aria-labelledby="judge-title">
      <h2 class="heading-m" id="judge-title">
        {tr.t('complaint.judge.title')}
      </h2>
      <p class="warning-box__text">
        {tr.t('complaint.judge.body', {
          office: officeName(tr, judge.concerns.office),
          region: regionName(tr, judge.concerns.region),
          date: formatMoment(tr.lang, judge.routedAt),
        })}{' '}
        <RuleTags rules={['kz.allegation.conflict']} />
      </p>
      {judge.rerouted !== null ? (
        <p class="warning-box__text">
          {tr.t('complaint.judge.rerouted')} <span safe>{judge.rerouted.reason}</span>
        </p>
      ) : (
        ''
      )}
    </div>
  );
}

/**
 * The complaints officer's form that sends a complaint they have read to the investigating judge
 * (kz.allegation.conflict): it is about a procurator's or an investigator's own office. Whatever its
 * category, and even if it went to the procurator when it arrived: from then on no procurator
 * lists, opens or decides it. Nothing is sealed again (the judge holds no key).
 */
function JudgeRouteForm(props: ComplaintPageProps & { view: ComplaintView }): JSX.Element {
  const { ctx, view, errors } = props;
  const { tr } = ctx;
  const typed = props.judgeRoute ?? { judgeOffice: '', judgeRegion: '', judgeReason: '' };
  return (
    <section class="section" aria-labelledby="judge-route-title">
      <h2 class="heading-l" id="judge-route-title">
        {tr.t('complaint.judge.route.title')}
      </h2>
      <p>
        {tr.t('complaint.judge.route.lead')} <RuleTags rules={['kz.allegation.conflict']} />
      </p>
      <form class="form" method="post" action={paths.complaintRoute(view.reference)} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
        <input type="hidden" name="purpose" value={props.purpose} />
        <input type="hidden" name="to" value="investigating-judge" />
        <ConcernsFields tr={tr} prefix="judge" values={typed} errors={errors} optional={false} />
        <TextField
          tr={tr}
          id="judgeReason"
          label="complaint.judge.reason"
          hint="complaint.judge.reason.hint"
          value={typed.judgeReason}
          error={errorFor(errors, 'judgeReason')}
          maxlength={ROUTE_REASON_MAX}
        />
        <button class="button button--warning" type="submit">
          {tr.t('complaint.judge.route.submit')}
        </button>
      </form>
    </section>
  );
}

/**
 * Whether and why the complaint was closed; for the complaints officer, the form that closes an
 * ordinary complaint with its reason (issue 18 item 4). Closing is not an answer: the answer's
 * clock keeps running for a complaint closed unanswered.
 */
function Closure(props: ComplaintPageProps & { view: ComplaintView }): JSX.Element {
  const { ctx, view, errors } = props;
  const { tr } = ctx;
  const allegation = view.withJudge !== null || view.category === 'torture-or-ill-treatment';
  if (view.closed === null && (!props.canAnswer || allegation)) return <></>;
  return (
    <section class="section" aria-labelledby="close-title">
      <h2 class="heading-l" id="close-title">
        {tr.t('complaint.close.title')}
      </h2>
      {view.closed !== null ? (
        <dl class="summary">
          <div class="summary__row">
            <dt class="summary__key">{tr.t('complaint.closed.at')}</dt>
            <dd class="summary__value">
              <time datetime={view.closed.closedAt} safe>
                {formatMoment(tr.lang, view.closed.closedAt)}
              </time>
            </dd>
          </div>
          <div class="summary__row">
            <dt class="summary__key">{tr.t('complaint.closed.reason')}</dt>
            <dd class="summary__value" safe>
              {view.closed.reason}
            </dd>
          </div>
        </dl>
      ) : (
        <form class="form" method="post" action={paths.complaintClose(view.reference)} novalidate>
          <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
          <input type="hidden" name="purpose" value={props.purpose} />
          <p>
            {tr.t(view.answers.length === 0 ? 'complaint.close.lead.unanswered' : 'complaint.close.lead')}{' '}
            {view.answers.length === 0 ? <RuleTags rules={['intl.complaint.answer']} /> : ''}
          </p>
          <TextField
            tr={tr}
            id="closeReason"
            label="complaint.close.reason"
            hint="complaint.close.reason.hint"
            value={props.closeReason ?? ''}
            error={errorFor(errors, 'closeReason')}
            maxlength={CLOSE_REASON_MAX}
          />
          <button class="button button--secondary" type="submit">
            {tr.t('complaint.close.submit')}
          </button>
        </form>
      )}
    </section>
  );
}

/** The opened text, as text: the sealed plaintext's `text`, language and time (issue 4's format). */
function Content(props: { tr: PageContext['tr']; view: ComplaintView }): JSX.Element {
  const { tr, view } = props;
  const content = view.content;
  if (content === null)
    return (
      <div class="notice notice--warning" role="alert">
        {view.contentProblem !== null ? (
          <p class="notice__text">{tr.t(CONTENT_PROBLEM[view.contentProblem])}</p>
        ) : (
          <p class="notice__text" safe>
            {view.contentError ?? ''}
          </p>
        )}
      </div>
    );
  const text = typeof content.text === 'string' ? content.text : null;
  const language = typeof content.language === 'string' ? content.language : null;
  const writtenAt = typeof content.writtenAt === 'string' ? content.writtenAt : null;
  const media = Array.isArray(content.media) ? (content.media as unknown[]) : [];
  const uploaded = new Map(view.media.map((item) => [item.sha256, item]));
  return (
    <>
      <dl class="summary">
        {language !== null ? (
          <div class="summary__row">
            <dt class="summary__key">{tr.t('complaint.opened.language')}</dt>
            <dd class="summary__value" safe>
              {isLang(language) ? tr.attr(`lang.${language}`) : language}
            </dd>
          </div>
        ) : (
          ''
        )}
        {writtenAt !== null ? (
          <div class="summary__row">
            <dt class="summary__key">{tr.t('complaint.opened.writtenAt')}</dt>
            <dd class="summary__value">
              <time datetime={writtenAt} safe>
                {formatMoment(tr.lang, writtenAt)}
              </time>
            </dd>
          </div>
        ) : (
          ''
        )}
      </dl>
      {text !== null ? (
        <div class="complaint-text" lang={language !== null && isLang(language) ? language : undefined} safe>
          {text}
        </div>
      ) : (
        <>
          <p>{tr.t('complaint.opened.unreadable')}</p>
          <pre class="code-block" safe>
            {JSON.stringify(content, null, 2)}
          </pre>
        </>
      )}
      {media.length > 0 ? (
        <section aria-labelledby="complaint-media">
          <h3 id="complaint-media">{tr.t('complaint.opened.media', { count: media.length })}</h3>
          <ul class="list">
            {media.map((item, index) => {
              const about = (item ?? {}) as Record<string, unknown>;
              const sha256 = typeof about.sha256 === 'string' ? about.sha256 : '';
              const stored = uploaded.get(sha256);
              const kind = about.kind === 'audio' || about.kind === 'video' ? about.kind : 'file';
              const label = tr.attr(`complaint.opened.media.${kind}`, {
                number: index + 1,
                name: typeof about.name === 'string' ? about.name : '',
                seconds: typeof about.seconds === 'number' ? Math.round(about.seconds) : 0,
              });
              return (
                <li>
                  {stored ? (
                    <a href={paths.complaintMedia(view.reference, sha256)} download="">
                      {label}
                    </a>
                  ) : (
                    <>
                      {label} — {tr.t('complaint.opened.media.missing')}
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ) : (
        ''
      )}
    </>
  );
}

/** The answers given so far and, for the complaints officer, the form for another (intl.complaint.answer). */
function Answers(props: ComplaintPageProps & { view: ComplaintView }): JSX.Element {
  const { ctx, view, errors } = props;
  const { tr } = ctx;
  return (
    <section class="section" aria-labelledby="answer-title">
      <h2 class="heading-l" id="answer-title">
        {tr.t('complaint.answer.title')}
      </h2>
      {view.answers.length === 0 ? (
        <p>{tr.t('complaint.answers.none')}</p>
      ) : (
        <>
          <p>{tr.t('complaint.answers', { count: view.answers.length })}</p>
          <ol class="answers">
            {view.answers.map((answer) => (
              <li class="answer">
                <p class="answer__meta">
                  <time datetime={answer.answeredAt} safe>
                    {formatMoment(tr.lang, answer.answeredAt)}
                  </time>
                  {answer.actorName !== null ? (
                    <>
                      {' — '}
                      <span safe>{answer.actorName}</span>
                    </>
                  ) : (
                    ''
                  )}
                </p>
                {answer.text !== null ? (
                  <div class="complaint-text" safe>
                    {answer.text}
                  </div>
                ) : (
                  ''
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      {props.canAnswer ? (
        <form class="form" method="post" action={paths.complaintAnswer(view.reference)} novalidate>
          <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
          <input type="hidden" name="purpose" value={props.purpose} />
          <p>
            {tr.t('complaint.answer.lead')} <RuleTags rules={['intl.complaint.answer']} />
          </p>
          <TextAreaField
            tr={tr}
            id="answer"
            label="complaint.answer.label"
            value={props.answer}
            error={errorFor(errors, 'answer')}
            rows={8}
            maxlength={ANSWER_MAX}
          />
          <button class="button" type="submit">
            {tr.t('complaint.answer.submit')}
          </button>
        </form>
      ) : (
        ''
      )}
    </section>
  );
}
