import type { ClockView, CustodySummary } from '../../app/custody-views.js';
import { Clock, ClockTexts, clockLevel, LEVEL_TEXT } from '../components/clock.js';
import { Layout } from '../components/layout.js';
import { momentColumn, textColumn } from '../components/list-columns.js';
import { RegisterList, type ListColumn } from '../components/register-list.js';
import type { PageContext } from '../context.js';
import { ruleName, statusName } from '../custody-labels.js';
import { formatMoment } from '../custody-time.js';
import type { MessageKey, Translator } from '../i18n.js';
import type { ListState } from '../list-export.js';
import { facilityFilter } from '../list-filters.js';
import { paths } from '../paths.js';
import type { FacilityChoice } from './person-form.js';

/** The desk's filters, as the GET form sends them (empty: any; the status's "any" is `any` in an address). */
export interface DeskFilters {
  status: '' | 'in-custody' | 'released' | 'transferred';
  clock: '' | 'running' | 'warning' | 'breached';
  facilityId: string;
  /** Apprehended within these calendar days (YYYY-MM-DD, either may be empty). */
  apprehendedFrom: string;
  apprehendedTo: string;
}

export const DESK_STATUSES = ['in-custody', 'released', 'transferred'] as const;
export const DESK_CLOCK_STATES = ['running', 'warning', 'breached'] as const;
/** The status filter's value for "any status": without a status the desk shows who is held now. */
export const ANY_STATUS = 'any';

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
  /** The total, the next page, the CSV and print links, and whether this is the print view. */
  list: ListState;
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

/** The status, and "juvenile" when the 24-hour limit applies: as the card's tags say it. */
const statusText = (tr: Translator, item: CustodySummary): string =>
  [statusName(tr, item.status), item.juvenile ? tr.attr('custody.juvenile') : '']
    .filter((part) => part !== '')
    .join('; ');

/**
 * The desk's columns: its print view's table and its CSV (the page shows cards). The custody limit
 * as of `now`: its state in words and its due time on the custody unit's clock, one column in
 * print (seven would not fit a page in Russian), two in the CSV.
 */
export function deskColumns(tr: Translator, options: { csv?: boolean } = {}): ListColumn<CustodySummary>[] {
  const limitLevel = (item: CustodySummary) =>
    item.limit === null ? tr.attr('desk.noLimit') : tr.attr(LEVEL_TEXT[clockLevel(item.limit)]);
  const limitDue = (item: CustodySummary) =>
    item.limit === null ? '' : formatMoment(tr.lang, item.limit.dueAt);
  const limit: ListColumn<CustodySummary>[] = options.csv
    ? [
        { key: 'limit', header: ruleName(tr, 'kz.custody.limit'), cell: limitLevel, csv: limitLevel },
        { key: 'limit-due', header: tr.attr('desk.limitDue'), cell: limitDue, csv: limitDue },
      ]
    : [
        {
          key: 'limit',
          header: ruleName(tr, 'kz.custody.limit'),
          cell: (item) =>
            item.limit === null ? (
              <span safe>{limitLevel(item)}</span>
            ) : (
              <>
                <strong safe>{limitLevel(item)}</strong>
                <br />
                {tr.t('clock.dueAt')}{' '}
                <time datetime={item.limit.dueAt} safe>
                  {limitDue(item)}
                </time>
              </>
            ),
        },
      ];
  return [
    textColumn('person', tr.attr('custody.person'), (item) => item.personName, { rowHeader: true }),
    textColumn('facility', tr.attr('custody.facility'), (item) => item.facilityName),
    {
      key: 'status',
      header: tr.attr('desk.filter.status'),
      // In words, not the cards' tags: the juvenile's long tag would widen the printed table.
      cell: (item) => (
        <>
          <span safe>{statusName(tr, item.status)}</span>
          {item.juvenile ? (
            <>
              <br />
              {tr.t('custody.juvenile')}
            </>
          ) : (
            ''
          )}
        </>
      ),
      csv: (item) => statusText(tr, item),
    },
    momentColumn(tr, 'apprehended', tr.attr('custody.apprehendedAt'), (item) => item.apprehendedAt),
    ...limit,
    {
      key: 'findings',
      header: tr.attr('custody.findings'),
      numeric: true,
      cell: (item) => String(item.findings.length),
      csv: (item) => item.findings.length,
    },
  ];
}

/** The custody desk: open episodes of the officer's facilities with live countdowns to their limits. */
export function CustodyDeskPage(props: CustodyDeskProps): JSX.Element {
  const { ctx, filters, list } = props;
  const { tr } = ctx;
  const items = byUrgency(props.items);
  return (
    <Layout ctx={ctx} title={tr.attr('desk.title')}>
      <h1 class="heading-xl">{tr.t('desk.title')}</h1>
      {list.printing ? '' : <p class="lead">{tr.t('desk.lead')}</p>}
      {props.canRegister && !list.printing ? (
        <p>
          <a class="button" href={paths.newCustody}>
            {tr.t('nav.custody.new')}
          </a>
        </p>
      ) : (
        ''
      )}
      {list.printing ? '' : <ClockTexts tr={tr} now={props.now} />}
      <div class="whole-words">
        <RegisterList
          ctx={ctx}
          id="desk"
          action={paths.custody}
          caption={tr.attr('desk.episodes')}
          empty={tr.attr('desk.empty')}
          columns={deskColumns(tr)}
          rows={items}
          {...list}
          filters={[
            {
              kind: 'select',
              name: 'status',
              label: tr.attr('desk.filter.status'),
              value: filters.status === '' ? ANY_STATUS : filters.status,
              options: [
                ...DESK_STATUSES.map((status) => ({ value: status, label: statusName(tr, status) })),
                { value: ANY_STATUS, label: tr.attr('desk.filter.any') },
              ],
            },
            {
              kind: 'select',
              name: 'clock',
              label: tr.attr('desk.filter.clock'),
              value: filters.clock,
              options: [
                { value: '', label: tr.attr('desk.filter.any') },
                ...DESK_CLOCK_STATES.map((state) => ({
                  value: state,
                  label: tr.attr(CLOCK_FILTER_TEXT[state]),
                })),
              ],
            },
            ...(props.facilities.length > 1
              ? [facilityFilter(tr, props.facilities, filters.facilityId)]
              : []),
            {
              kind: 'date-range',
              name: 'apprehended',
              label: tr.attr('custody.apprehendedAt'),
              from: filters.apprehendedFrom,
              to: filters.apprehendedTo,
            },
          ]}
          body={(shown) => (
            <>
              <h2 class="heading-m" id="episodes-title">
                {tr.t('desk.episodes')}
              </h2>
              <ol class="episodes" aria-labelledby="episodes-title">
                {shown.map((item) => (
                  <EpisodeCard ctx={ctx} item={item} now={props.now} />
                ))}
              </ol>
            </>
          )}
        />
      </div>
      {list.printing ? '' : <script src={paths.custodyScript} defer></script>}
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
