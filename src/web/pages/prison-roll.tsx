import type { ClockView, RegimeView, StaySummary } from '../../app/prison-views.js';
import { Clock, ClockTexts } from '../components/clock.js';
import { Layout } from '../components/layout.js';
import {
  LifeSentenceTag,
  RegimeTag,
  SeparationCounter,
  StayStatusTag,
  isProlonged,
} from '../components/prison-parts.js';
import { momentColumn, textColumn } from '../components/list-columns.js';
import { RegisterList, type ListColumn } from '../components/register-list.js';
import type { PageContext } from '../context.js';
import { ruleName } from '../custody-labels.js';
import { formatMoment } from '../custody-time.js';
import type { Translator } from '../i18n.js';
import type { ListState } from '../list-export.js';
import { facilityFilter } from '../list-filters.js';
import { paths } from '../paths.js';
import { STAY_STATUSES, regimeText, separationDaysText, stayStatusName } from '../prison-labels.js';
import type { FacilityChoice } from './person-form.js';

/** The roll's filters, as the GET form sends them. */
export interface RollFilters {
  status: (typeof STAY_STATUSES)[number];
  facilityId: string;
  /** Admitted on or after this day, on or before that one (YYYY-MM-DD, the pages' calendar). */
  admittedFrom: string;
  admittedTo: string;
}

export interface RollPageProps {
  ctx: PageContext;
  items: readonly StaySummary[];
  filters: RollFilters;
  /** Remand centres and prisons to filter by; the select is shown only when there is more than one. */
  facilities: readonly FacilityChoice[];
  /** The total, the next page and the CSV and print links (src/web/list-export.ts). */
  list: ListState;
  /** The server's time at rendering. */
  now: string;
  /** intl.solitary.prolonged: more consecutive days than this in separation is prolonged solitary. */
  prolongedDays: number;
  canAdmit: boolean;
}

const collator = new Intl.Collator('ru', { sensitivity: 'base', numeric: true });

/** Separation first, the longest run first; then everyone else by name. */
export function byRegime(items: readonly StaySummary[]): StaySummary[] {
  return [...items].sort((a, b) => {
    const separatedA = a.regime.kind === 'general' ? 0 : 1;
    const separatedB = b.regime.kind === 'general' ? 0 : 1;
    return (
      separatedB - separatedA ||
      b.regime.consecutiveDays - a.regime.consecutiveDays ||
      collator.compare(a.personName, b.personName) ||
      a.id.localeCompare(b.id)
    );
  });
}

/** The separation day counter in words, with the prolonged mark past the Mandela Rules' days. */
export function separationCell(tr: Translator, regime: RegimeView, prolongedDays: number): string {
  const days = separationDaysText(tr, regime);
  return isProlonged(regime, prolongedDays) ? `${days}. ${tr.attr('prison.separation.prolonged')}` : days;
}

/**
 * The person of a stay by name: a link to the stay when `link` (a reader who may open it, prison.read,
 * and not the print view, which has no links).
 */
export function personColumn<Row>(
  tr: Translator,
  stayOf: (row: Row) => { id: string; name: string },
  link: boolean,
): ListColumn<Row> {
  return {
    key: 'person',
    header: tr.attr('prison.person'),
    rowHeader: true,
    cell: (row) => {
      const stay = stayOf(row);
      return link ? (
        <a href={paths.prisonStay(stay.id)} safe>
          {stay.name}
        </a>
      ) : (
        <span safe>{stay.name}</span>
      );
    },
    csv: (row) => stayOf(row).name,
  };
}

/** A clock still open, in words: its rule and when it is due. */
const clockText = (tr: Translator, clock: ClockView): string =>
  `${ruleName(tr, clock.rule)}: ${tr.attr('clock.dueAt')} ${formatMoment(tr.lang, clock.dueAt)}`;

/** The roll's columns: the print view's table and the CSV (the page shows each stay as a card). */
export function rollColumns(tr: Translator, prolongedDays: number): ListColumn<StaySummary>[] {
  return [
    // Only the print view and the CSV show the table: no links.
    personColumn(tr, (item) => ({ id: item.id, name: item.personName }), false),
    textColumn('facility', tr.attr('prison.facility'), (item) => item.facilityName),
    momentColumn(tr, 'admitted', tr.attr('prison.admittedAt'), (item) => item.admittedAt),
    {
      key: 'regime',
      header: tr.attr('separation.regime'),
      cell: (item) => (
        <>
          <span safe>{regimeText(tr, item.regime)}</span>
          {item.lifeSentence ? (
            <>
              <br />
              <LifeSentenceTag tr={tr} />
            </>
          ) : (
            ''
          )}
          {item.status !== 'held' ? (
            <>
              <br />
              <StayStatusTag tr={tr} status={item.status} />
            </>
          ) : (
            ''
          )}
        </>
      ),
      csv: (item) => regimeText(tr, item.regime),
    },
    {
      key: 'status',
      header: tr.attr('desk.filter.status'),
      csvOnly: true,
      cell: (item) => stayStatusName(tr, item.status),
      csv: (item) => stayStatusName(tr, item.status),
    },
    {
      key: 'separation',
      header: tr.attr('prison.separation.label'),
      cell: (item) => <span safe>{separationCell(tr, item.regime, prolongedDays)}</span>,
      csv: (item) => separationCell(tr, item.regime, prolongedDays),
    },
    {
      key: 'life',
      header: tr.attr('prison.lifeSentence'),
      csvOnly: true,
      cell: (item) => tr.t(item.lifeSentence ? 'custody.value.yes' : 'custody.value.no'),
      csv: (item) => tr.attr(item.lifeSentence ? 'custody.value.yes' : 'custody.value.no'),
    },
    {
      key: 'clocks',
      header: tr.attr('prison.clocks.open'),
      cell: (item) =>
        item.openClocks.length === 0 ? (
          tr.t('prison.clocks.none')
        ) : (
          <ul>
            {item.openClocks.map((clock) => (
              <li safe>{clockText(tr, clock)}</li>
            ))}
          </ul>
        ),
      csv: (item) => item.openClocks.map((clock) => clockText(tr, clock)).join('; '),
    },
    {
      key: 'findings',
      header: tr.attr('custody.findings'),
      numeric: true,
      cell: (item) => String(item.findings.length),
      csv: (item) => item.findings.length,
    },
  ];
}

/**
 * The facility's roll (issue 5 item 6): everyone held, with their regime, the separation day
 * counter and its mark past 15 consecutive days (intl.solitary.prolonged), a life sentence, the
 * clocks still open with their due times, and how many findings their stay carries. On the page
 * each stay is a card with live clocks; the print view and the CSV are the columns above.
 */
export function RollPage(props: RollPageProps): JSX.Element {
  const { ctx, filters, list } = props;
  const { tr } = ctx;
  const items = byRegime(props.items);
  const caption = tr.attr('prison.roll.count', { count: list.total ?? items.length });
  return (
    <Layout ctx={ctx} title={tr.attr('prison.roll.title')}>
      <h1 class="heading-xl">{tr.t('prison.roll.title')}</h1>
      <p class="lead">{tr.t('prison.roll.lead')}</p>
      {props.canAdmit && !list.printing ? (
        <p>
          <a class="button" href={paths.prisonAdmit}>
            {tr.t('nav.prison.admit')}
          </a>
        </p>
      ) : (
        ''
      )}
      <ClockTexts tr={tr} now={props.now} />
      <RegisterList
        ctx={ctx}
        id="roll"
        action={paths.prison}
        caption={caption}
        empty={tr.attr('prison.roll.empty')}
        columns={rollColumns(tr, props.prolongedDays)}
        rows={items}
        {...list}
        filters={[
          {
            kind: 'select',
            name: 'status',
            label: tr.attr('desk.filter.status'),
            value: filters.status,
            options: STAY_STATUSES.map((status) => ({ value: status, label: stayStatusName(tr, status) })),
          },
          ...(props.facilities.length > 1 ? [facilityFilter(tr, props.facilities, filters.facilityId)] : []),
          {
            kind: 'date-range',
            name: 'admitted',
            label: tr.attr('prison.admittedAt'),
            from: filters.admittedFrom,
            to: filters.admittedTo,
          },
        ]}
        body={(rows) => (
          <>
            <h2 class="heading-m" id="roll-title" safe>
              {caption}
            </h2>
            <ol class="episodes" aria-labelledby="roll-title">
              {rows.map((item) => (
                <StayCard ctx={ctx} item={item} now={props.now} prolongedDays={props.prolongedDays} />
              ))}
            </ol>
          </>
        )}
      />
      <script src={paths.custodyScript} defer></script>
    </Layout>
  );
}

function StayCard(props: {
  ctx: PageContext;
  item: StaySummary;
  now: string;
  prolongedDays: number;
}): JSX.Element {
  const { item } = props;
  const { tr } = props.ctx;
  const findings = item.findings.length;
  return (
    <li class={['episode', 'stay', item.regime.kind !== 'general' && 'stay--separated']}>
      <div class="episode__who">
        <h3 class="episode__name">
          <a href={paths.prisonStay(item.id)} safe>
            {item.personName}
          </a>
        </h3>
        <p class="episode__tags">
          <RegimeTag tr={tr} regime={item.regime} />
          {item.lifeSentence ? <LifeSentenceTag tr={tr} /> : ''}
          {item.status !== 'held' ? <StayStatusTag tr={tr} status={item.status} /> : ''}
        </p>
        <dl class="episode__facts">
          <div>
            <dt>{tr.t('prison.facility')}</dt>
            <dd safe>{item.facilityName}</dd>
          </div>
          <div>
            <dt>{tr.t('prison.admittedAt')}</dt>
            <dd>
              <time datetime={item.admittedAt} safe>
                {formatMoment(tr.lang, item.admittedAt)}
              </time>
            </dd>
          </div>
          <div>
            <dt>{tr.t('custody.findings')}</dt>
            <dd>
              {findings > 0 ? tr.t('desk.findings', { count: findings }) : tr.t('prison.findings.none')}
            </dd>
          </div>
        </dl>
      </div>
      <div class="episode__limit">
        <p class="separation__label">{tr.t('prison.separation.label')}</p>
        <SeparationCounter tr={tr} regime={item.regime} prolongedDays={props.prolongedDays} compact />
      </div>
      <div class="episode__others">
        <h4 class="episode__others-title">{tr.t('prison.clocks.open')}</h4>
        {item.openClocks.length === 0 ? (
          <p>{tr.t('prison.clocks.none')}</p>
        ) : (
          <ul class="clock-list">
            {item.openClocks.map((clock) => (
              <li>
                <Clock tr={tr} clock={clock} now={props.now} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </li>
  );
}
