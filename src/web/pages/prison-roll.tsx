import type { StaySummary } from '../../app/prison-views.js';
import { Clock, ClockTexts } from '../components/clock.js';
import { Layout } from '../components/layout.js';
import { LifeSentenceTag, RegimeTag, SeparationCounter, StayStatusTag } from '../components/prison-parts.js';
import type { PageContext } from '../context.js';
import { formatMoment } from '../custody-time.js';
import { paths } from '../paths.js';
import { STAY_STATUSES, stayStatusName } from '../prison-labels.js';
import type { FacilityChoice } from './person-form.js';

/** The roll's filters, as the GET form sends them. */
export interface RollFilters {
  status: (typeof STAY_STATUSES)[number];
  facilityId: string;
}

export interface RollPageProps {
  ctx: PageContext;
  items: readonly StaySummary[];
  filters: RollFilters;
  /** Remand centres and prisons to filter by; the select is shown only when there is more than one. */
  facilities: readonly FacilityChoice[];
  nextPage: string | null;
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

/**
 * The facility's roll (issue 5 item 6): everyone held, with their regime, the separation day
 * counter and its mark past 15 consecutive days (intl.solitary.prolonged), a life sentence, the
 * clocks still open with their due times, and how many findings their stay carries.
 */
export function RollPage(props: RollPageProps): JSX.Element {
  const { ctx, filters } = props;
  const { tr } = ctx;
  const items = byRegime(props.items);
  return (
    <Layout ctx={ctx} title={tr.attr('prison.roll.title')}>
      <h1 class="heading-xl">{tr.t('prison.roll.title')}</h1>
      <p class="lead">{tr.t('prison.roll.lead')}</p>
      {props.canAdmit ? (
        <p>
          <a class="button" href={paths.prisonAdmit}>
            {tr.t('nav.prison.admit')}
          </a>
        </p>
      ) : (
        ''
      )}
      <form class="filters" method="get" action={paths.prison} aria-labelledby="filters-title">
        <h2 class="filters__title" id="filters-title">
          {tr.t('desk.filter.title')}
        </h2>
        <div class="filters__fields">
          <div class="field field--inline">
            <label class="field__label" for="status">
              {tr.t('desk.filter.status')}
            </label>
            <select class="select" id="status" name="status">
              {STAY_STATUSES.map((status) => (
                <option value={status} selected={filters.status === status} safe>
                  {stayStatusName(tr, status)}
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
        <p class="empty">{tr.t('prison.roll.empty')}</p>
      ) : (
        <>
          <h2 class="heading-m" id="roll-title">
            {tr.t('prison.roll.count', { count: items.length })}
          </h2>
          <ol class="episodes" aria-labelledby="roll-title">
            {items.map((item) => (
              <StayCard ctx={ctx} item={item} now={props.now} prolongedDays={props.prolongedDays} />
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
