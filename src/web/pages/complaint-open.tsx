import type { ComplaintView } from '../../app/complaint-views.js';
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
import { TextAreaField } from '../components/custody-fields.js';
import { TextField } from '../components/fields.js';
import { Layout } from '../components/layout.js';
import { RuleTags } from '../components/rule-tag.js';
import { FindingsTable } from '../components/timeline.js';
import { channelName } from '../complaint-labels.js';
import type { PageContext } from '../context.js';
import { formatMoment } from '../custody-time.js';
import { errorFor, type FieldError } from '../forms.js';
import { isLang, type MessageKey } from '../i18n.js';
import { paths } from '../paths.js';
import { DecisionsTable } from './allegation.js';
import { KeyState } from './complaint-inbox.js';

/** Characters of a stated purpose (src/app/audit.ts Purpose: one line). */
export const PURPOSE_MAX = 200;
/** Characters of an answer (src/domain/complaints/inputs.ts MAX_TEXT_CHARACTERS). */
export const ANSWER_MAX = 100_000;

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
  /** After POST-redirect-GET: what was just recorded. */
  recorded: 'answered' | null;
  /** Whether the reader answers complaints (complaint.answer): the complaints officer. */
  canAnswer: boolean;
  /** Whether the reader decides on allegations (allegation.decide): the procurator. */
  canDecide: boolean;
  /** The server's time at rendering. */
  now: string;
}

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
      {props.recorded === 'answered' ? (
        <div class="notice notice--success" role="status">
          <p class="notice__text">{tr.t('complaint.answered')}</p>
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
  const allegation = view.category === 'torture-or-ill-treatment';
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
      ) : (
        <Answers {...props} />
      )}

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

/** The opened text, as text: the sealed plaintext's `text`, language and time (issue 4's format). */
function Content(props: { tr: PageContext['tr']; view: ComplaintView }): JSX.Element {
  const { tr, view } = props;
  const content = view.content;
  if (content === null)
    return (
      <div class="notice notice--warning" role="alert">
        <p class="notice__text" safe>
          {view.contentError ?? ''}
        </p>
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
