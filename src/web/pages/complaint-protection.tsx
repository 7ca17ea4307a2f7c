import type { ProtectionRequestView } from '../../app/complaint-views.js';
import { ClockTexts } from '../components/clock.js';
import {
  ComplaintClock,
  protectionClock,
  ProtectionKindText,
  ProtectionStatusTag,
} from '../components/complaint-parts.js';
import { TextAreaField } from '../components/custody-fields.js';
import { RadioField } from '../components/fields.js';
import { Layout } from '../components/layout.js';
import { RuleTags } from '../components/rule-tag.js';
import { PROTECTION_DECISIONS } from '../complaint-labels.js';
import type { PageContext } from '../context.js';
import { formatMoment } from '../custody-time.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import type { MessageKey, Translator } from '../i18n.js';
import { paths } from '../paths.js';

/** The form that came back with errors: which request, and what it held. */
export interface FailedDecision {
  requestId: string;
  values: FormValues;
  errors: readonly FieldError[];
}

export interface ProtectionPageProps {
  ctx: PageContext;
  requests: readonly ProtectionRequestView[];
  failed: FailedDecision | null;
  /** After POST-redirect-GET: a decision was just recorded. */
  recorded: boolean;
  /** The server's time at rendering. */
  now: string;
}

const DECISION_TEXT: Record<(typeof PROTECTION_DECISIONS)[number], MessageKey> = {
  granted: 'protection.decision.granted',
  refused: 'protection.decision.refused',
};

/** A form field's id on this page: one form per request, so each input is prefixed with it. */
export const decisionFieldId = (requestId: string, field: string): string => `${field}-${requestId}`;

/**
 * The governor's requests for protection or transfer (kz.transfer.protection): the kind, who (unless
 * the complainant stayed anonymous), when, the 24-hour countdown and the decision, and nothing of
 * the complaint behind it — no reference, no category, no text.
 */
export function ProtectionPage(props: ProtectionPageProps): JSX.Element {
  const { ctx } = props;
  const { tr } = ctx;
  const pending = props.requests.filter((request) => request.status === 'pending');
  const decided = props.requests.filter((request) => request.status !== 'pending');
  return (
    <Layout ctx={ctx} title={tr.attr('protection.title')} errors={props.failed?.errors ?? []}>
      {props.recorded ? (
        <div class="notice notice--success" role="status">
          <p class="notice__text">{tr.t('protection.recorded')}</p>
        </div>
      ) : (
        ''
      )}
      <h1 class="heading-xl">{tr.t('protection.title')}</h1>
      <p class="lead">
        {tr.t('protection.lead')} <RuleTags rules={['kz.transfer.protection']} />
      </p>
      <ClockTexts tr={tr} now={props.now} />
      {props.requests.length === 0 ? (
        <p class="empty">{tr.t('protection.empty')}</p>
      ) : (
        <>
          <h2 class="heading-m" id="requests-title">
            {tr.t('protection.count', { count: props.requests.length })}
          </h2>
          <ol class="episodes" aria-labelledby="requests-title">
            {[...pending, ...decided].map((request) => (
              <RequestCard
                ctx={ctx}
                request={request}
                now={props.now}
                failed={props.failed?.requestId === request.id ? props.failed : null}
              />
            ))}
          </ol>
        </>
      )}
      <script src={paths.custodyScript} defer></script>
    </Layout>
  );
}

function RequestCard(props: {
  ctx: PageContext;
  request: ProtectionRequestView;
  now: string;
  failed: FailedDecision | null;
}): JSX.Element {
  const { ctx, request } = props;
  const { tr } = ctx;
  const titleId = `request-${request.id}`;
  return (
    <li class="episode protection-request" aria-labelledby={titleId}>
      <div class="episode__who">
        <h3 class="episode__name" id={titleId}>
          <ProtectionKindText tr={tr} kind={request.kind} />
        </h3>
        <p class="episode__tags">
          <ProtectionStatusTag tr={tr} status={request.status} />
        </p>
        <dl class="episode__facts">
          <div>
            <dt>{tr.t('protection.person')}</dt>
            <dd>
              {request.person ? (
                <a href={paths.person(request.person.personId)} safe>
                  {request.person.name}
                </a>
              ) : (
                <em>{tr.t('protection.person.anonymous')}</em>
              )}
            </dd>
          </div>
          <div>
            <dt>{tr.t('complaint.facility')}</dt>
            <dd safe>{request.facilityName}</dd>
          </div>
          <div>
            <dt>{tr.t('protection.requestedAt')}</dt>
            <dd>
              <time datetime={request.requestedAt} safe>
                {formatMoment(tr.lang, request.requestedAt)}
              </time>
            </dd>
          </div>
          {request.decidedAt !== null ? (
            <div>
              <dt>{tr.t('protection.decidedAt')}</dt>
              <dd>
                <time datetime={request.decidedAt} safe>
                  {formatMoment(tr.lang, request.decidedAt)}
                </time>
              </dd>
            </div>
          ) : (
            ''
          )}
          {request.reason !== null ? (
            <div>
              <dt>{tr.t('protection.reason')}</dt>
              <dd safe>{request.reason}</dd>
            </div>
          ) : (
            ''
          )}
        </dl>
      </div>
      <div class="episode__limit">
        <ComplaintClock
          tr={tr}
          clock={protectionClock(request, props.now)}
          now={props.now}
          headingLevel={4}
        />
      </div>
      {request.status === 'pending' ? (
        <div class="episode__others">
          <DecisionForm ctx={ctx} request={request} failed={props.failed} />
        </div>
      ) : (
        ''
      )}
    </li>
  );
}

function DecisionForm(props: {
  ctx: PageContext;
  request: ProtectionRequestView;
  failed: FailedDecision | null;
}): JSX.Element {
  const { ctx, request, failed } = props;
  const tr: Translator = ctx.tr;
  const values = failed?.values ?? {};
  const errors = failed?.errors ?? [];
  const id = (field: string) => decisionFieldId(request.id, field);
  return (
    <form
      class="protection-request__form"
      method="post"
      action={paths.protectionDecision(request.id)}
      novalidate
    >
      <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
      <RadioField
        tr={tr}
        name={id('decision')}
        legend="protection.decide"
        choices={PROTECTION_DECISIONS.map((decision) => ({
          value: decision,
          label: tr.attr(DECISION_TEXT[decision]),
        }))}
        value={values.decision ?? ''}
        error={errorFor(errors, id('decision'))}
      />
      <TextAreaField
        tr={tr}
        id={id('reason')}
        label="protection.reason"
        hint="protection.reason.hint"
        value={values.reason ?? ''}
        error={errorFor(errors, id('reason'))}
        rows={3}
        maxlength={2000}
      />
      <button class="button" type="submit">
        {tr.t('protection.submit')}
      </button>
    </form>
  );
}
