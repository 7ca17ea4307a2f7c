import type { FindingListItem, ReferralView } from '../../app/custody-views.js';
import { Layout } from '../components/layout.js';
import { FindingKindTag } from '../components/timeline.js';
import type { PageContext } from '../context.js';
import { CUSTODY_RULES, ruleName } from '../custody-labels.js';
import { formatMoment } from '../custody-time.js';
import { findingText } from '../finding-text.js';
import { paths } from '../paths.js';
import { JuvenileTag } from './custody-desk.js';
import type { FacilityChoice } from './person-form.js';

export interface FindingFilters {
  rule: string;
  kind: '' | 'flag' | 'breach';
  facilityId: string;
}

export interface FindingsPageProps {
  ctx: PageContext;
  items: readonly FindingListItem[];
  filters: FindingFilters;
  facilities: readonly FacilityChoice[];
  nextPage: string | null;
  /** Whether the reader may open the episodes (custody.read). */
  canOpen: boolean;
}

/**
 * Every finding across facilities, for the monitor and the procurator: the national limits that
 * were breached and the national and international norms that were missed (RULES.md, pack kz and
 * intl), newest first as the service pages them.
 */
export function FindingsPage(props: FindingsPageProps): JSX.Element {
  const { ctx, filters } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('findings.title')}>
      <h1 class="heading-xl">{tr.t('findings.title')}</h1>
      <p class="lead">{tr.t('findings.lead')}</p>
      <form class="filters" method="get" action={paths.custodyFindings} aria-labelledby="filters-title">
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
              {CUSTODY_RULES.map((rule) => (
                <option value={rule} selected={filters.rule === rule} safe>
                  {`${ruleName(tr, rule)} (${rule})`}
                </option>
              ))}
            </select>
          </div>
          <div class="field field--inline">
            <label class="field__label" for="kind">
              {tr.t('finding.kind')}
            </label>
            <select class="select" id="kind" name="kind">
              <option value="" selected={filters.kind === ''}>
                {tr.t('desk.filter.any')}
              </option>
              <option value="breach" selected={filters.kind === 'breach'}>
                {tr.t('finding.kind.breach')}
              </option>
              <option value="flag" selected={filters.kind === 'flag'}>
                {tr.t('finding.kind.flag')}
              </option>
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
                <th scope="col">{tr.t('custody.facility')}</th>
                <th scope="col">{tr.t('findings.episode')}</th>
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
                    {finding.juvenile ? (
                      <>
                        {' '}
                        <JuvenileTag tr={tr} />
                      </>
                    ) : (
                      ''
                    )}
                  </td>
                  <td safe>{findingText(tr, finding)}</td>
                  <td safe>{finding.facilityName}</td>
                  <td>
                    {props.canOpen ? (
                      <a href={paths.custodyEpisode(finding.custodyId)}>
                        {tr.t('findings.open')}
                        <span class="visually-hidden">
                          {' '}
                          {tr.t('findings.openWhich', { rule: ruleName(tr, finding.rule), seq: finding.seq })}
                        </span>
                      </a>
                    ) : (
                      <code safe>{finding.custodyId}</code>
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

/** Open medical referrals of kz.custody.injury-log, for the health officials of the facility. */
export function ReferralsPage(props: { ctx: PageContext; referrals: readonly ReferralView[] }): JSX.Element {
  const { ctx } = props;
  const { tr } = ctx;
  const open = props.referrals.filter((referral) => referral.status === 'open');
  const examined = props.referrals.filter((referral) => referral.status !== 'open');
  return (
    <Layout ctx={ctx} title={tr.attr('referrals.title')}>
      <h1 class="heading-xl">{tr.t('referrals.title')}</h1>
      <p class="lead">{tr.t('referrals.lead')}</p>
      {open.length === 0 ? <p class="empty">{tr.t('referrals.empty')}</p> : ''}
      {[
        { list: open, id: 'open', caption: tr.t('referrals.caption.open', { count: open.length }) },
        {
          list: examined,
          id: 'examined',
          caption: tr.t('referrals.caption.examined', { count: examined.length }),
        },
      ]
        .filter((group) => group.list.length > 0)
        .map((group) => (
          <div class="table-wrap" role="region" aria-labelledby={`referrals-${group.id}`} tabindex="0">
            <table class="table">
              <caption class="table__caption" id={`referrals-${group.id}`}>
                {group.caption}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{tr.t('referrals.openedAt')}</th>
                  <th scope="col">{tr.t('custody.person')}</th>
                  <th scope="col">{tr.t('custody.facility')}</th>
                  <th scope="col">{tr.t('referrals.entry')}</th>
                  <th scope="col">{tr.t('referrals.status')}</th>
                </tr>
              </thead>
              <tbody>
                {group.list.map((referral) => (
                  <tr>
                    <td>
                      <time datetime={referral.openedAt} safe>
                        {formatMoment(tr.lang, referral.openedAt)}
                      </time>
                    </td>
                    <td safe>{referral.personName}</td>
                    <td safe>{referral.facilityName}</td>
                    <td>{tr.t('timeline.seq', { seq: referral.injurySeq })}</td>
                    <td>
                      <strong class={['tag', referral.status === 'open' ? 'tag--breach' : 'tag--released']}>
                        {tr.t(
                          referral.status === 'open' ? 'referrals.status.open' : 'referrals.status.examined',
                        )}
                      </strong>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </Layout>
  );
}
