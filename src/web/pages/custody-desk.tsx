import type { ClockView, CustodySummary } from '../../app/custody-views.js';
import { Clock, ClockTexts } from '../components/clock.js';
import { Layout } from '../components/layout.js';
import type { PageContext } from '../context.js';
import { statusName } from '../custody-labels.js';
import { formatMoment } from '../custody-time.js';
import type { MessageKey } from '../i18n.js';
import { paths } from '../paths.js';
import type { FacilityChoice } from './person-form.js';

/** The desk's filters, as the GET form sends them (empty: any). */
export interface DeskFilters {
  status: '' | 'in-custody' | 'released' | 'transferred';
  clock: '' | 'running' | 'warning' | 'breached';
  facilityId: string;
}

export const DESK_STATUSES = ['in-custody', 'released', 'transferred'] as const;
export const DESK_CLOCK_STATES = ['running', 'warning', 'breached'] as const;

const CLOCK_FILTER_TEXT: Record<(typeof DESK_CLOCK_STATES)[number], MessageKey> = {
  running: 'desk.filter.clock.running',
  warning: 'desk.filter.clock.warning',
  breached: 'desk.filter.clock.breached',
};

export interface CustodyDeskProps {
  ctx: PageContext;
  items: readonly CustodySummary[];
  filters: DeskFilters;
  /** Facilities to filter by; the select is shown only when there is more than one. */
  facilities: readonly FacilityChoice[];
  /** The next page's address, or null on the last page. */
  nextPage: string | null;
  /** The server's time at rendering. */
  now: string;
  canRegister: boolean;
}

/**
 * Most urgent first: the episode whose custody limit falls due soonest (a breached one is the most
 * overdue), then the others by their earliest running clock, then the rest by apprehension time.
 */
export function byUrgency(items: readonly CustodySummary[]): CustodySummary[] {
  const ticking = (clock: ClockView | null) =>
    clock !== null && (clock.state === 'running' || clock.state === 'breached');
  const key = (item: CustodySummary): [number, number] => {
    if (ticking(item.limit)) return [0, Date.parse(item.limit?.dueAt ?? '')];
    const due = item.clocks.filter(ticking).map((clock) => Date.parse(clock.dueAt));
    if (due.length > 0) return [1, Math.min(...due)];
    return [2, -Date.parse(item.apprehendedAt)];
  };
  return [...items].sort((a, b) => {
    const [groupA, timeA] = key(a);
    const [groupB, timeB] = key(b);
    return groupA - groupB || timeA - timeB || a.id.localeCompare(b.id);
  });
}

/** The custody desk: open episodes of the officer's facilities with live countdowns to their limits. */
export function CustodyDeskPage(props: CustodyDeskProps): JSX.Element {
  const { ctx, filters } = props;
  const { tr } = ctx;
  const items = byUrgency(props.items);
  return (
    <Layout ctx={ctx} title={tr.attr('desk.title')}>
      <h1 class="heading-xl">{tr.t('desk.title')}</h1>
      <p class="lead">{tr.t('desk.lead')}</p>
      {props.canRegister ? (
        <p>
          <a class="button" href={paths.newCustody}>
            {tr.t('nav.custody.new')}
          </a>
        </p>
      ) : (
        ''
      )}
      <form class="filters" method="get" action={paths.custody} aria-labelledby="filters-title">
        <h2 class="filters__title" id="filters-title">
          {tr.t('desk.filter.title')}
        </h2>
        <div class="filters__fields">
          <div class="field field--inline">
            <label class="field__label" for="status">
              {tr.t('desk.filter.status')}
            </label>
            <select class="select" id="status" name="status">
              {DESK_STATUSES.map((status) => (
                <option value={status} selected={filters.status === status}>
                  {statusName(tr, status)}
                </option>
              ))}
              <option value="" selected={filters.status === ''}>
                {tr.t('desk.filter.any')}
              </option>
            </select>
          </div>
          <div class="field field--inline">
            <label class="field__label" for="clock">
              {tr.t('desk.filter.clock')}
            </label>
            <select class="select" id="clock" name="clock">
              <option value="" selected={filters.clock === ''}>
                {tr.t('desk.filter.any')}
              </option>
              {DESK_CLOCK_STATES.map((state) => (
                <option value={state} selected={filters.clock === state}>
                  {tr.t(CLOCK_FILTER_TEXT[state])}
                </option>
              ))}
            </select>
          </div>
          {props.facilities.length > 1 ? (
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
          ) : (
            ''
          )}
          <button class="button button--secondary filters__button" type="submit">
            {tr.t('desk.filter.apply')}
          </button>
        </div>
      </form>
      <ClockTexts tr={tr} now={props.now} />
      {items.length === 0 ? (
        <p class="empty">{tr.t('desk.empty')}</p>
      ) : (
        <>
          <h2 class="heading-m" id="episodes-title">
            {tr.t('desk.count', { count: items.length })}
          </h2>
          <ol class="episodes" aria-labelledby="episodes-title">
            {items.map((item) => (
              <EpisodeCard ctx={ctx} item={item} now={props.now} />
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

function EpisodeCard(props: { ctx: PageContext; item: CustodySummary; now: string }): JSX.Element {
  const { item } = props;
  const { tr } = props.ctx;
  const others = item.clocks.filter(
    (clock) => clock.rule !== 'kz.custody.limit' && (clock.state === 'running' || clock.state === 'breached'),
  );
  const flags = item.findings.length;
  return (
    <li class="episode">
      <div class="episode__who">
        <h3 class="episode__name">
          <a href={paths.custodyEpisode(item.id)} safe>
            {item.personName}
          </a>
        </h3>
        <p class="episode__tags">
          {item.juvenile ? <JuvenileTag tr={tr} /> : ''}
          <StatusTag tr={tr} status={item.status} />
        </p>
        <dl class="episode__facts">
          <div>
            <dt>{tr.t('custody.facility')}</dt>
            <dd safe>{item.facilityName}</dd>
          </div>
          <div>
            <dt>{tr.t('custody.apprehendedAt')}</dt>
            <dd>
              <time datetime={item.apprehendedAt} safe>
                {formatMoment(tr.lang, item.apprehendedAt)}
              </time>
            </dd>
          </div>
          {flags > 0 ? (
            <div>
              <dt>{tr.t('custody.findings')}</dt>
              <dd>{tr.t('desk.findings', { count: flags })}</dd>
            </div>
          ) : (
            ''
          )}
        </dl>
      </div>
      <div class="episode__limit">
        {item.limit ? (
          <Clock tr={tr} clock={item.limit} now={props.now} headingLevel={4} />
        ) : (
          <p>{tr.t('desk.noLimit')}</p>
        )}
      </div>
      {others.length > 0 ? (
        <div class="episode__others">
          <h4 class="episode__others-title">{tr.t('desk.otherClocks')}</h4>
          <ul class="clock-list">
            {others.map((clock) => (
              <li>
                <Clock tr={tr} clock={clock} now={props.now} compact />
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

/** Under 18 at arrest: the 24-hour limit applies (kz.custody.limit). */
export function JuvenileTag(props: { tr: PageContext['tr'] }): JSX.Element {
  return <strong class="tag tag--juvenile">{props.tr.t('custody.juvenile')}</strong>;
}

export function StatusTag(props: { tr: PageContext['tr']; status: string }): JSX.Element {
  return (
    <strong class={['tag', `tag--${props.status}`]} safe>
      {statusName(props.tr, props.status)}
    </strong>
  );
}
