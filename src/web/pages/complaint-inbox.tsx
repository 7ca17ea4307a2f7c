import type { ComplaintSummary } from '../../app/complaint-views.js';
import { ClockTexts } from '../components/clock.js';
import {
  answerClock,
  CategoryTag,
  complaintColumns,
  ComplainantText,
  ComplaintClock,
  ComplaintStatusTag,
  RequestsText,
  submittedFilter,
} from '../components/complaint-parts.js';
import { Layout } from '../components/layout.js';
import { RegisterList, type ListColumn } from '../components/register-list.js';
import {
  channelName,
  COMPLAINT_CATEGORIES,
  COMPLAINT_STATUSES,
  categoryName,
  complaintStatusName,
} from '../complaint-labels.js';
import type { PageContext } from '../context.js';
import { formatMoment } from '../custody-time.js';
import type { Translator } from '../i18n.js';
import type { ListState } from '../list-export.js';
import { paths } from '../paths.js';
import type { FacilityChoice } from './person-form.js';

/** The inbox's filters, as the GET form sends them (empty: any). */
export interface InboxFilters {
  status: '' | (typeof COMPLAINT_STATUSES)[number];
  category: '' | (typeof COMPLAINT_CATEGORIES)[number];
  facilityId: string;
  submittedFrom: string;
  submittedTo: string;
}

export interface ComplaintInboxProps {
  ctx: PageContext;
  items: readonly ComplaintSummary[];
  filters: InboxFilters;
  facilities: readonly FacilityChoice[];
  list: ListState;
  /** The server's time at rendering. */
  now: string;
  /** Whether the complaints key is unlocked in this session (src/app/sealing-session.ts). */
  unlocked: boolean;
  /** Whether the reader may record complaints of other channels (complaint.receive). */
  canReceive: boolean;
  /** After POST-redirect-GET: the key was just locked. */
  justLocked: boolean;
}

/** What the complainant asked for, as text. */
function requestsText(tr: Translator, item: ComplaintSummary): string {
  const asked = [
    ...(item.protectionRequested ? [tr.attr('complaint.requests.protection')] : []),
    ...(item.transferRequested ? [tr.attr('complaint.requests.transfer')] : []),
  ];
  return asked.length === 0 ? tr.attr('complaint.requests.none') : asked.join('; ');
}

/**
 * The inbox's columns, for the CSV download and the print view (the page shows cards): what a
 * card shows, as text — never the complaint's content, which the inbox does not have.
 */
export function inboxColumns(tr: Translator): ListColumn<ComplaintSummary>[] {
  const shared = complaintColumns<ComplaintSummary>(tr);
  return [
    {
      key: 'reference',
      header: tr.attr('complaint.reference'),
      rowHeader: true,
      cell: (item) => (
        <span class="reference" safe>
          {item.reference}
        </span>
      ),
      csv: (item) => item.reference,
    },
    {
      key: 'category',
      header: tr.attr('complaint.category'),
      cell: (item) => <CategoryTag tr={tr} category={item.category} />,
      csv: (item) => categoryName(tr, item.category),
    },
    shared.status,
    shared.facility,
    {
      key: 'channel',
      header: tr.attr('complaint.channel'),
      cell: (item) => <span safe>{channelName(tr, item.channel)}</span>,
      csv: (item) => channelName(tr, item.channel),
    },
    shared.submitted,
    {
      key: 'complainant',
      header: tr.attr('complaint.complainant'),
      cell: (item) => <ComplainantText tr={tr} complainant={item.complainant} />,
      csv: (item) => item.complainant?.name ?? tr.attr('complaint.anonymous'),
    },
    {
      key: 'requests',
      header: tr.attr('complaint.requests'),
      cell: (item) => (
        <RequestsText
          tr={tr}
          protectionRequested={item.protectionRequested}
          transferRequested={item.transferRequested}
        />
      ),
      csv: (item) => requestsText(tr, item),
    },
    {
      key: 'answer',
      header: tr.attr('complaint.answerDue'),
      cell: (item) => <span safe>{answerDueText(tr, item)}</span>,
      csv: (item) => answerDueText(tr, item),
    },
    {
      key: 'findings',
      header: tr.attr('complaint.findings.title'),
      numeric: true,
      cell: (item) => String(item.findings.length),
      csv: (item) => item.findings.length,
    },
  ];
}

/** When the answer is due, or that the procurator decides (an allegation has no answer clock). */
function answerDueText(tr: Translator, item: ComplaintSummary): string {
  return answerClock(item) === undefined || item.answerDueAt === null
    ? tr.attr('complaint.noAnswerClock')
    : formatMoment(tr.lang, item.answerDueAt);
}

/**
 * The complaints authority's inbox (issue 4): every complaint without its content, newest first
 * as the service pages them, with the answer's countdown (intl.complaint.answer) and what the
 * complainant asked for. Opening one needs the key unlocked; every opening is in the log. A
 * register list: the cards on the page, the same rows as columns in the CSV and the print view.
 */
export function ComplaintInboxPage(props: ComplaintInboxProps): JSX.Element {
  const { ctx, filters } = props;
  const { tr } = ctx;
  const printing = props.list.printing;
  return (
    <Layout ctx={ctx} title={tr.attr('complaints.title')}>
      <h1 class="heading-xl">{tr.t('complaints.title')}</h1>
      {printing ? '' : <p class="lead">{tr.t('complaints.lead')}</p>}
      {printing ? '' : <KeyState ctx={ctx} unlocked={props.unlocked} justLocked={props.justLocked} />}
      {props.canReceive && !printing ? (
        <p>
          <a class="button button--secondary" href={paths.newComplaint}>
            {tr.t('nav.complaints.new')}
          </a>
        </p>
      ) : (
        ''
      )}
      <ClockTexts tr={tr} now={props.now} />
      <RegisterList
        ctx={ctx}
        id="complaints"
        action={paths.complaints}
        caption={tr.attr('complaints.caption')}
        empty={tr.attr('complaints.empty')}
        columns={inboxColumns(tr)}
        rows={props.items}
        {...props.list}
        filters={[
          {
            kind: 'select',
            name: 'status',
            label: tr.attr('complaint.status'),
            value: filters.status,
            options: [
              { value: '', label: tr.attr('complaints.filter.any') },
              ...COMPLAINT_STATUSES.map((status) => ({
                value: status,
                label: complaintStatusName(tr, status),
              })),
            ],
          },
          {
            kind: 'select',
            name: 'category',
            label: tr.attr('complaint.category'),
            value: filters.category,
            options: [
              { value: '', label: tr.attr('complaints.filter.any') },
              ...COMPLAINT_CATEGORIES.map((category) => ({
                value: category,
                label: categoryName(tr, category),
              })),
            ],
          },
          {
            kind: 'select',
            name: 'facilityId',
            label: tr.attr('complaint.facility'),
            value: filters.facilityId,
            options: [
              { value: '', label: tr.attr('complaints.filter.allFacilities') },
              ...props.facilities.map((facility) => ({ value: facility.id, label: facility.name })),
            ],
          },
          submittedFilter(tr, { from: filters.submittedFrom, to: filters.submittedTo }),
        ]}
        body={(rows) => (
          <ol class="episodes complaints" aria-labelledby="complaints-summary">
            {rows.map((item) => (
              <ComplaintCard tr={tr} item={item} now={props.now} />
            ))}
          </ol>
        )}
      />
      <script src={paths.custodyScript} defer></script>
    </Layout>
  );
}

/** Whether the key is unlocked here, with the button to lock it or the link to unlock it. */
export function KeyState(props: { ctx: PageContext; unlocked: boolean; justLocked?: boolean }): JSX.Element {
  const { tr, csrfToken } = props.ctx;
  if (props.unlocked)
    return (
      <div class="notice notice--success key-state" role="status">
        <p class="notice__text">{tr.t('complaints.key.unlocked')}</p>
        <form class="key-state__form" method="post" action={paths.complaintsLock}>
          <input type="hidden" name="_csrf" value={csrfToken ?? ''} />
          <button class="button button--secondary key-state__button" type="submit">
            {tr.t('complaints.key.lock')}
          </button>
        </form>
      </div>
    );
  return (
    <div class="notice notice--warning key-state" role={props.justLocked ? 'status' : undefined}>
      <p class="notice__text">
        {props.justLocked ? tr.t('complaints.key.lockedNow') + ' ' : ''}
        {tr.t('complaints.key.locked')}
      </p>
      <p class="key-state__form">
        <a class="button key-state__button" href={paths.complaintsUnlock}>
          {tr.t('complaints.key.unlock')}
        </a>
      </p>
    </div>
  );
}

function ComplaintCard(props: { tr: Translator; item: ComplaintSummary; now: string }): JSX.Element {
  const { tr, item } = props;
  const answer = answerClock(item);
  const others = item.clocks.filter(
    (clock) =>
      clock.rule !== 'intl.complaint.answer' && (clock.state === 'running' || clock.state === 'breached'),
  );
  const breaches = item.findings.length;
  return (
    <li class="episode complaint">
      <div class="episode__who">
        <h3 class="episode__name complaint__reference">
          <a href={paths.complaint(item.reference)}>
            <span class="visually-hidden">{tr.t('complaint.caption')} </span>
            <span class="reference" safe>
              {item.reference}
            </span>
          </a>
        </h3>
        <p class="episode__tags">
          <CategoryTag tr={tr} category={item.category} />
          <ComplaintStatusTag tr={tr} status={item.status} />
        </p>
        <dl class="episode__facts">
          <div>
            <dt>{tr.t('complaint.facility')}</dt>
            <dd safe>{item.facilityName}</dd>
          </div>
          <div>
            <dt>{tr.t('complaint.channel')}</dt>
            <dd safe>{channelName(tr, item.channel)}</dd>
          </div>
          <div>
            <dt>{tr.t('complaint.submittedAt')}</dt>
            <dd>
              <time datetime={item.submittedAt} safe>
                {formatMoment(tr.lang, item.submittedAt)}
              </time>
            </dd>
          </div>
          <div>
            <dt>{tr.t('complaint.complainant')}</dt>
            <dd>
              <ComplainantText tr={tr} complainant={item.complainant} />
            </dd>
          </div>
          <div>
            <dt>{tr.t('complaint.requests')}</dt>
            <dd>
              <RequestsText
                tr={tr}
                protectionRequested={item.protectionRequested}
                transferRequested={item.transferRequested}
              />
            </dd>
          </div>
          {breaches > 0 ? (
            <div>
              <dt>{tr.t('complaint.findings.title')}</dt>
              <dd>
                <strong class="tag tag--breach">{tr.t('complaint.findings', { count: breaches })}</strong>
              </dd>
            </div>
          ) : (
            ''
          )}
        </dl>
      </div>
      <div class="episode__limit">
        {answer ? (
          <ComplaintClock tr={tr} clock={answer} now={props.now} headingLevel={4} />
        ) : (
          <p>{tr.t('complaint.noAnswerClock')}</p>
        )}
      </div>
      {others.length > 0 ? (
        <div class="episode__others">
          <h4 class="episode__others-title">{tr.t('complaint.otherClocks')}</h4>
          <ul class="clock-list">
            {others.map((clock) => (
              <li>
                <ComplaintClock tr={tr} clock={clock} now={props.now} compact />
              </li>
            ))}
          </ul>
        </div>
      ) : (
        ''
      )}
    </li>
  );
}
