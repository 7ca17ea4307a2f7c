import type { ComplaintSummary } from '../../app/complaint-views.js';
import { ClockTexts } from '../components/clock.js';
import {
  answerClock,
  CategoryTag,
  ComplainantText,
  ComplaintClock,
  ComplaintStatusTag,
  RequestsText,
} from '../components/complaint-parts.js';
import { Layout } from '../components/layout.js';
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
import { paths } from '../paths.js';
import type { FacilityChoice } from './person-form.js';

/** The inbox's filters, as the GET form sends them (empty: any). */
export interface InboxFilters {
  status: '' | (typeof COMPLAINT_STATUSES)[number];
  category: '' | (typeof COMPLAINT_CATEGORIES)[number];
  facilityId: string;
}

export interface ComplaintInboxProps {
  ctx: PageContext;
  items: readonly ComplaintSummary[];
  filters: InboxFilters;
  facilities: readonly FacilityChoice[];
  nextPage: string | null;
  /** The server's time at rendering. */
  now: string;
  /** Whether the complaints key is unlocked in this session (src/app/sealing-session.ts). */
  unlocked: boolean;
  /** Whether the reader may record complaints of other channels (complaint.receive). */
  canReceive: boolean;
  /** After POST-redirect-GET: the key was just locked. */
  justLocked: boolean;
}

/**
 * The complaints authority's inbox (issue 4): every complaint without its content, newest first
 * as the service pages them, with the answer's countdown (intl.complaint.answer) and what the
 * complainant asked for. Opening one needs the key unlocked; every opening is in the log.
 */
export function ComplaintInboxPage(props: ComplaintInboxProps): JSX.Element {
  const { ctx, filters } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('complaints.title')}>
      <h1 class="heading-xl">{tr.t('complaints.title')}</h1>
      <p class="lead">{tr.t('complaints.lead')}</p>
      <KeyState ctx={ctx} unlocked={props.unlocked} justLocked={props.justLocked} />
      {props.canReceive ? (
        <p>
          <a class="button button--secondary" href={paths.newComplaint}>
            {tr.t('nav.complaints.new')}
          </a>
        </p>
      ) : (
        ''
      )}
      <form class="filters" method="get" action={paths.complaints} aria-labelledby="filters-title">
        <h2 class="filters__title" id="filters-title">
          {tr.t('desk.filter.title')}
        </h2>
        <div class="filters__fields">
          <div class="field field--inline">
            <label class="field__label" for="status">
              {tr.t('desk.filter.status')}
            </label>
            <select class="select" id="status" name="status">
              <option value="" selected={filters.status === ''}>
                {tr.t('complaints.filter.any')}
              </option>
              {COMPLAINT_STATUSES.map((status) => (
                <option value={status} selected={filters.status === status} safe>
                  {complaintStatusName(tr, status)}
                </option>
              ))}
            </select>
          </div>
          <div class="field field--inline">
            <label class="field__label" for="category">
              {tr.t('complaints.filter.category')}
            </label>
            <select class="select" id="category" name="category">
              <option value="" selected={filters.category === ''}>
                {tr.t('complaints.filter.any')}
              </option>
              {COMPLAINT_CATEGORIES.map((category) => (
                <option value={category} selected={filters.category === category} safe>
                  {categoryName(tr, category)}
                </option>
              ))}
            </select>
          </div>
          <div class="field field--inline">
            <label class="field__label" for="facilityId">
              {tr.t('desk.filter.facility')}
            </label>
            <select class="select" id="facilityId" name="facilityId">
              <option value="" selected={filters.facilityId === ''}>
                {tr.t('desk.filter.allFacilities')}
              </option>
              {props.facilities.map((facility) => (
                <option value={facility.id} selected={filters.facilityId === facility.id} safe>
                  {facility.name}
                </option>
              ))}
            </select>
          </div>
          <button class="button button--secondary filters__button" type="submit">
            {tr.t('desk.filter.apply')}
          </button>
        </div>
      </form>
      <ClockTexts tr={tr} now={props.now} />
      {props.items.length === 0 ? (
        <p class="empty">{tr.t('complaints.empty')}</p>
      ) : (
        <>
          <h2 class="heading-m" id="complaints-title">
            {tr.t('complaints.count', { count: props.items.length })}
          </h2>
          <ol class="episodes complaints" aria-labelledby="complaints-title">
            {props.items.map((item) => (
              <ComplaintCard tr={tr} item={item} now={props.now} />
            ))}
          </ol>
        </>
      )}
      {props.nextPage !== null ? (
        <p>
          <a href={props.nextPage}>{tr.t('pager.next')}</a>
        </p>
      ) : (
        ''
      )}
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
