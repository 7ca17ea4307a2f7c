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
import { RegisterList, type ListColumn } from '../components/register-list.js';
import { RuleTags } from '../components/rule-tag.js';
import {
  PROTECTION_DECISIONS,
  PROTECTION_STATUSES,
  protectionKindName,
  protectionStatusName,
} from '../complaint-labels.js';
import type { PageContext } from '../context.js';
import { formatMoment } from '../custody-time.js';
import { errorFor, type FieldError, type FormValues } from '../forms.js';
import type { MessageKey, Translator } from '../i18n.js';
import type { ListState } from '../list-export.js';
import { paths } from '../paths.js';

/** The form that came back with errors: which request, and what it held. */
export interface FailedDecision {
  requestId: string;
  values: FormValues;
  errors: readonly FieldError[];
}

/** The requests list's filters, as the GET form sends them (empty: any). */
export interface ProtectionFilters {
  status: '' | (typeof PROTECTION_STATUSES)[number];
  requestedFrom: string;
  requestedTo: string;
}

export interface ProtectionPageProps {
  ctx: PageContext;
  requests: readonly ProtectionRequestView[];
  filters: ProtectionFilters;
  list: ListState;
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

/** The person a request names, or that the complainant stays anonymous, as text. */
const personText = (tr: Translator, request: ProtectionRequestView): string =>
  request.person?.name ?? tr.attr('protection.person.anonymous');

/**
 * The requests' columns, for the CSV download and the print view (the page shows cards with their
 * forms): what a card shows, as text — nothing of the complaint behind a request.
 */
export function protectionColumns(tr: Translator): ListColumn<ProtectionRequestView>[] {
  const moment = (at: string | null) => (at === null ? '' : formatMoment(tr.lang, at));
  return [
    {
      key: 'kind',
      header: tr.attr('protection.kind'),
      rowHeader: true,
      cell: (request) => <ProtectionKindText tr={tr} kind={request.kind} />,
      csv: (request) => protectionKindName(tr, request.kind),
    },
    {
      key: 'person',
      header: tr.attr('protection.person'),
      cell: (request) => <span safe>{personText(tr, request)}</span>,
      csv: (request) => personText(tr, request),
    },
    {
      key: 'facility',
      header: tr.attr('complaint.facility'),
      cell: (request) => <span safe>{request.facilityName}</span>,
      csv: (request) => request.facilityName,
    },
    {
      key: 'requested',
      header: tr.attr('protection.requestedAt'),
      cell: (request) => <span safe>{moment(request.requestedAt)}</span>,
      csv: (request) => moment(request.requestedAt),
    },
    {
      key: 'due',
      header: tr.attr('protection.dueAt'),
      cell: (request) => <span safe>{moment(request.dueAt)}</span>,
      csv: (request) => moment(request.dueAt),
    },
    {
      key: 'status',
      header: tr.attr('complaint.status'),
      cell: (request) => <ProtectionStatusTag tr={tr} status={request.status} />,
      csv: (request) => protectionStatusName(tr, request.status),
    },
    {
      key: 'decided',
      header: tr.attr('protection.decidedAt'),
      cell: (request) => <span safe>{moment(request.decidedAt)}</span>,
      csv: (request) => moment(request.decidedAt),
    },
    {
      key: 'reason',
      header: tr.attr('protection.reason'),
      cell: (request) => <span safe>{request.reason ?? ''}</span>,
      csv: (request) => request.reason ?? '',
    },
  ];
}

/**
 * The governor's requests for protection or transfer (kz.transfer.protection): the kind, who (unless
 * the complainant stayed anonymous), when, the 24-hour countdown and the decision, and nothing of
 * the complaint behind it — no reference, no category, no text. A register list: the cards with
 * their forms on the page (those awaiting a decision first), the columns in the CSV and print view.
 */
export function ProtectionPage(props: ProtectionPageProps): JSX.Element {
  const { ctx } = props;
  const { tr } = ctx;
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
      {props.list.printing ? (
        ''
      ) : (
        <p class="lead">
          {tr.t('protection.lead')} <RuleTags rules={['kz.transfer.protection']} />
        </p>
      )}
      <ClockTexts tr={tr} now={props.now} />
      <RegisterList
        ctx={ctx}
        id="requests"
        action={paths.protectionRequests}
        caption={tr.attr('protection.caption')}
        empty={tr.attr('protection.empty')}
        columns={protectionColumns(tr)}
        rows={props.requests}
        {...props.list}
        filters={[
          {
            kind: 'select',
            name: 'status',
            label: tr.attr('complaint.status'),
            value: props.filters.status,
            options: [
              { value: '', label: tr.attr('complaints.filter.any') },
              ...PROTECTION_STATUSES.map((status) => ({
                value: status,
                label: protectionStatusName(tr, status),
              })),
            ],
          },
          {
            kind: 'date-range',
            name: 'requested',
            label: tr.attr('protection.requestedAt'),
            from: props.filters.requestedFrom,
            to: props.filters.requestedTo,
          },
        ]}
        body={(requests) => (
          <ol class="episodes" aria-labelledby="requests-summary">
            {[
              ...requests.filter((request) => request.status === 'pending'),
              ...requests.filter((request) => request.status !== 'pending'),
            ].map((request) => (
              <RequestCard
                ctx={ctx}
                request={request}
                now={props.now}
                failed={props.failed?.requestId === request.id ? props.failed : null}
              />
            ))}
          </ol>
        )}
      />
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
