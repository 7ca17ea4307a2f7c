import type { PrisonFindingView, ReprisalFlagView, StaySummary } from '../../app/prison-views.js';
import { Layout } from '../components/layout.js';
import { RuleTags } from '../components/rule-tag.js';
import { RegimeTag, SeparationCounter, isProlonged } from '../components/prison-parts.js';
import { FindingKindTag } from '../components/timeline.js';
import type { PageContext } from '../context.js';
import { ruleName } from '../custody-labels.js';
import { formatMoment } from '../custody-time.js';
import { findingText } from '../finding-text.js';
import type { Translator } from '../i18n.js';
import { paths } from '../paths.js';
import {
  PRISON_FINDING_RULES,
  measureName,
  reprisalActionName,
  transferReasonName,
} from '../prison-labels.js';
import type { FacilityChoice } from './person-form.js';

/*
 * The oversight pages of issue 5: the monitor's view of everyone in separation nationwide with
 * the days counted (intl.solitary.definition, intl.solitary.prolonged), the prison findings for
 * the monitor and the procurator, and the reprisal flags (kz.complaint.reprisal) for the
 * complaints authority and the monitor, never for the facility.
 */

/** Longest run first (the service pages by the run's start; a page is sorted again by days). */
export function longestFirst(items: readonly StaySummary[]): StaySummary[] {
  return [...items].sort(
    (a, b) => b.regime.consecutiveDays - a.regime.consecutiveDays || a.id.localeCompare(b.id),
  );
}

export function SeparationPage(props: {
  ctx: PageContext;
  items: readonly StaySummary[];
  nextPage: string | null;
  prolongedDays: number;
  /** Whether the reader may open a stay (prison.read). */
  canOpen: boolean;
}): JSX.Element {
  const { ctx } = props;
  const { tr } = ctx;
  const items = longestFirst(props.items);
  const prolonged = items.filter((item) => isProlonged(item.regime, props.prolongedDays)).length;
  return (
    <Layout ctx={ctx} title={tr.attr('separation.title')}>
      <h1 class="heading-xl">{tr.t('separation.title')}</h1>
      <p class="lead">{tr.t('separation.lead', { days: props.prolongedDays })}</p>
      {items.length === 0 ? (
        <p class="empty">{tr.t('separation.empty')}</p>
      ) : (
        <>
          <p>
            <strong>
              {tr.t('separation.prolongedCount', { count: prolonged, days: props.prolongedDays })}
            </strong>
          </p>
          <div class="table-wrap" role="region" aria-labelledby="separation-caption" tabindex="0">
            <table class="table separation-table">
              <caption class="table__caption" id="separation-caption">
                {tr.t('separation.caption', { count: items.length })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{tr.t('prison.person')}</th>
                  <th scope="col">{tr.t('prison.facility')}</th>
                  <th scope="col">{tr.t('separation.regime')}</th>
                  <th scope="col">{tr.t('separation.days')}</th>
                  <th scope="col">{tr.t('prison.separation.since')}</th>
                  <th scope="col">{tr.t('separation.plannedEnd')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr class={isProlonged(item.regime, props.prolongedDays) ? 'row--prolonged' : undefined}>
                    <th scope="row">
                      {props.canOpen ? (
                        <a href={paths.prisonStay(item.id)} safe>
                          {item.personName}
                        </a>
                      ) : (
                        <span safe>{item.personName}</span>
                      )}
                    </th>
                    <td safe>{item.facilityName}</td>
                    <td>
                      <RegimeTag tr={tr} regime={item.regime} />
                    </td>
                    <td>
                      <SeparationCounter
                        tr={tr}
                        regime={item.regime}
                        prolongedDays={props.prolongedDays}
                        compact
                      />
                    </td>
                    <td>
                      {item.regime.since !== null ? (
                        <time datetime={item.regime.since} safe>
                          {formatMoment(tr.lang, item.regime.since)}
                        </time>
                      ) : (
                        tr.t('custody.value.none')
                      )}
                    </td>
                    <td>
                      {item.regime.until !== null ? (
                        <time datetime={item.regime.until} safe>
                          {formatMoment(tr.lang, item.regime.until)}
                        </time>
                      ) : (
                        tr.t('prison.separation.noEnd')
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {props.nextPage !== null ? (
        <p>
          <a href={props.nextPage}>{tr.t('pager.next')}</a>
        </p>
      ) : (
        ''
      )}
    </Layout>
  );
}

export interface PrisonFindingFilters {
  rule: string;
  facilityId: string;
}

/** Findings of every stay in the reader's regions, newest first, like the custody findings page. */
export function PrisonFindingsPage(props: {
  ctx: PageContext;
  items: readonly PrisonFindingView[];
  filters: PrisonFindingFilters;
  facilities: readonly FacilityChoice[];
  nextPage: string | null;
  canOpen: boolean;
}): JSX.Element {
  const { ctx, filters } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('prisonFindings.title')}>
      <h1 class="heading-xl">{tr.t('prisonFindings.title')}</h1>
      <p class="lead">{tr.t('prisonFindings.lead')}</p>
      <form class="filters" method="get" action={paths.prisonFindings} aria-labelledby="filters-title">
        <h2 class="filters__title" id="filters-title">
          {tr.t('desk.filter.title')}
        </h2>
        <div class="filters__fields">
          <div class="field field--inline">
            <label class="field__label" for="rule">
              {tr.t('finding.rule')}
            </label>
            <select class="select" id="rule" name="rule">
              <option value="" selected={filters.rule === ''}>
                {tr.t('findings.filter.allRules')}
              </option>
              {PRISON_FINDING_RULES.map((rule) => (
                <option value={rule} selected={filters.rule === rule} safe>
                  {`${ruleName(tr, rule)} (${rule})`}
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
      {props.items.length === 0 ? (
        <p class="empty">{tr.t('findings.empty')}</p>
      ) : (
        <div class="table-wrap" role="region" aria-labelledby="findings-caption" tabindex="0">
          <table class="table findings">
            <caption class="table__caption" id="findings-caption">
              {tr.t('findings.caption', { count: props.items.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{tr.t('finding.at')}</th>
                <th scope="col">{tr.t('finding.rule')}</th>
                <th scope="col">{tr.t('finding.kind')}</th>
                <th scope="col">{tr.t('finding.detail')}</th>
                <th scope="col">{tr.t('prison.facility')}</th>
                <th scope="col">{tr.t('prisonFindings.stay')}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((finding) => (
                <tr>
                  <td>
                    <time datetime={finding.at} safe>
                      {formatMoment(tr.lang, finding.at)}
                    </time>
                  </td>
                  <td>
                    <span safe>{ruleName(tr, finding.rule)}</span>
                    <br />
                    <code class="rule-id" safe>
                      {finding.rule}
                    </code>
                  </td>
                  <td>
                    <FindingKindTag tr={tr} kind={finding.kind} />
                  </td>
                  <td safe>{findingText(tr, finding)}</td>
                  <td safe>{finding.facilityName}</td>
                  <td>
                    {props.canOpen ? (
                      <a href={paths.prisonStay(finding.stayId)}>
                        {tr.t('findings.open')}
                        <span class="visually-hidden">
                          {' '}
                          {tr.t('findings.openWhich', { rule: ruleName(tr, finding.rule), seq: finding.seq })}
                        </span>
                      </a>
                    ) : (
                      <code safe>{finding.stayId}</code>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.nextPage !== null ? (
        <p>
          <a href={props.nextPage}>{tr.t('pager.next')}</a>
        </p>
      ) : (
        ''
      )}
    </Layout>
  );
}

/**
 * Reprisal flags (kz.complaint.reprisal): a measure or an unrequested transfer within the watch
 * period after the person complained. The complaint appears by its receipt reference only.
 */
export function ReprisalFlagsPage(props: {
  ctx: PageContext;
  items: readonly ReprisalFlagView[];
  reprisalDays: number;
  canOpen: boolean;
}): JSX.Element {
  const { ctx } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('reprisal.title')}>
      <h1 class="heading-xl">{tr.t('reprisal.title')}</h1>
      <p class="lead">
        {tr.t('reprisal.lead', { days: props.reprisalDays })} <RuleTags rules={['kz.complaint.reprisal']} />
      </p>
      <p>{tr.t('reprisal.confidential')}</p>
      {props.items.length === 0 ? (
        <p class="empty">{tr.t('reprisal.empty')}</p>
      ) : (
        <div class="table-wrap" role="region" aria-labelledby="reprisal-caption" tabindex="0">
          <table class="table">
            <caption class="table__caption" id="reprisal-caption">
              {tr.t('reprisal.caption', { count: props.items.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{tr.t('prison.person')}</th>
                <th scope="col">{tr.t('prison.facility')}</th>
                <th scope="col">{tr.t('reprisal.action')}</th>
                <th scope="col">{tr.t('reprisal.actionAt')}</th>
                <th scope="col">{tr.t('reprisal.complainedAt')}</th>
                <th scope="col">{tr.t('reprisal.reference')}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((flag) => (
                <tr>
                  <th scope="row">
                    {props.canOpen ? (
                      <a href={paths.prisonStay(flag.stayId)} safe>
                        {flag.personName}
                      </a>
                    ) : (
                      <span safe>{flag.personName}</span>
                    )}
                  </th>
                  <td safe>{flag.facilityName}</td>
                  <td>
                    <strong class="tag tag--flag" safe>
                      {reprisalActionName(tr, flag.action)}
                    </strong>
                    <br />
                    <span safe>{reprisalWhat(tr, flag)}</span>
                  </td>
                  <td>
                    <time datetime={flag.actionAt} safe>
                      {formatMoment(tr.lang, flag.actionAt)}
                    </time>
                  </td>
                  <td>
                    <time datetime={flag.complainedAt} safe>
                      {formatMoment(tr.lang, flag.complainedAt)}
                    </time>
                  </td>
                  <td>
                    {flag.complaintReference !== null ? (
                      <code safe>{flag.complaintReference}</code>
                    ) : (
                      tr.t('custody.value.none')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

/** What a reprisal flag reports beyond its kind, in the reader's words: the measure and its days, or why the person was moved. */
function reprisalWhat(tr: Translator, flag: ReprisalFlagView): string {
  const params = flag.params;
  if (!params) return '';
  if (params.action === 'transfer') return transferReasonName(tr, params.reason);
  const measure = measureName(tr, params.measure);
  return params.days === null ? measure : tr.attr('reprisal.what.days', { measure, days: params.days });
}
