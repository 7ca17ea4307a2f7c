import type { FindingListItem, ReferralView } from '../../app/custody-views.js';
import { Layout } from '../components/layout.js';
import {
  findingRecordColumn,
  momentColumn,
  referralStatusColumn,
  ruleCodeColumn,
  textColumn,
} from '../components/list-columns.js';
import { RegisterList, type ListColumn } from '../components/register-list.js';
import { FindingKindTag } from '../components/timeline.js';
import type { PageContext } from '../context.js';
import { CUSTODY_RULES, ruleName } from '../custody-labels.js';
import { findingText } from '../finding-text.js';
import type { Translator } from '../i18n.js';
import type { ListState } from '../list-export.js';
import {
  facilityFilter,
  onlyWaiting,
  referralFilters,
  ruleFilter,
  type ReferralFilters,
} from '../list-filters.js';
import { paths } from '../paths.js';
import { JuvenileTag } from './custody-desk.js';
import type { FacilityChoice } from './person-form.js';

export interface FindingFilters {
  rule: string;
  kind: '' | 'flag' | 'breach';
  facilityId: string;
  /** Found within these calendar days (YYYY-MM-DD, either may be empty). */
  foundFrom: string;
  foundTo: string;
}

export interface FindingsPageProps {
  ctx: PageContext;
  items: readonly FindingListItem[];
  filters: FindingFilters;
  facilities: readonly FacilityChoice[];
  /** The total, the next page, the CSV and print links, and whether this is the print view. */
  list: ListState;
  /** Whether the reader may open the episodes (custody.read). */
  canOpen: boolean;
}

/** Whether a finding is a breach or a flag, and the juvenile's 24-hour limit: as tags. */
function KindTags(props: { tr: Translator; finding: FindingListItem }): JSX.Element {
  return (
    <>
      <FindingKindTag tr={props.tr} kind={props.finding.kind} />
      {props.finding.juvenile ? (
        <>
          {' '}
          <JuvenileTag tr={props.tr} />
        </>
      ) : (
        ''
      )}
    </>
  );
}

/**
 * The findings' columns: the rule by its name, its code in a column of its own; what was missed in
 * the reader's words. On the page and in print the kind stands under the rule's name (seven
 * columns would not fit a page in Russian); the CSV has it in a column of its own. The episode is
 * a link only on the page and for a reader who may open it.
 */
export function findingColumns(
  tr: Translator,
  options: { canOpen: boolean; printing: boolean; csv?: boolean },
): ListColumn<FindingListItem>[] {
  const kindText = (finding: FindingListItem) =>
    [tr.attr(`finding.kind.${finding.kind}`), finding.juvenile ? tr.attr('custody.juvenile') : '']
      .filter((part) => part !== '')
      .join('; ');
  const kind: ListColumn<FindingListItem> = {
    key: 'kind',
    header: tr.attr('finding.kind'),
    cell: (finding) => <KindTags tr={tr} finding={finding} />,
    csv: kindText,
  };
  return [
    momentColumn(tr, 'at', tr.attr('finding.at'), (finding) => finding.at),
    {
      key: 'rule',
      header: tr.attr('finding.rule'),
      rowHeader: true,
      cell: (finding) => (
        <>
          <span safe>{ruleName(tr, finding.rule)}</span>
          <br />
          <KindTags tr={tr} finding={finding} />
        </>
      ),
      csv: (finding) => ruleName(tr, finding.rule),
    },
    ruleCodeColumn(tr, (finding) => finding.rule),
    ...(options.csv ? [kind] : []),
    textColumn('detail', tr.attr('finding.detail'), (finding) => findingText(tr, finding)),
    textColumn('facility', tr.attr('custody.facility'), (finding) => finding.facilityName),
    findingRecordColumn(
      tr,
      'episode',
      tr.attr('findings.episode'),
      (finding) => ({ id: finding.custodyId, href: paths.custodyEpisode(finding.custodyId) }),
      options.canOpen && !options.printing,
    ),
  ];
}

/**
 * Every finding across facilities, for the monitor and the procurator: the national limits that
 * were breached and the national and international norms that were missed (RULES.md, pack kz and
 * intl), newest first as the service pages them.
 */
export function FindingsPage(props: FindingsPageProps): JSX.Element {
  const { ctx, filters, list } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('findings.title')}>
      <h1 class="heading-xl">{tr.t('findings.title')}</h1>
      {list.printing ? '' : <p class="lead">{tr.t('findings.lead')}</p>}
      <div class="whole-words">
        <RegisterList
          ctx={ctx}
          id="findings"
          action={paths.custodyFindings}
          caption={tr.attr('findings.title')}
          empty={tr.attr('findings.empty')}
          columns={findingColumns(tr, { canOpen: props.canOpen, printing: list.printing })}
          rows={props.items}
          {...list}
          filters={[
            ruleFilter(tr, CUSTODY_RULES, filters.rule),
            {
              kind: 'select',
              name: 'kind',
              label: tr.attr('finding.kind'),
              value: filters.kind,
              options: [
                { value: '', label: tr.attr('desk.filter.any') },
                { value: 'breach', label: tr.attr('finding.kind.breach') },
                { value: 'flag', label: tr.attr('finding.kind.flag') },
              ],
            },
            facilityFilter(tr, props.facilities, filters.facilityId),
            {
              kind: 'date-range',
              name: 'found',
              label: tr.attr('finding.at'),
              from: filters.foundFrom,
              to: filters.foundTo,
            },
          ]}
        />
      </div>
    </Layout>
  );
}

/** The referrals' columns: when the injury entry opened it, whom, where, which entry, and its state. */
export function referralColumns(tr: Translator): ListColumn<ReferralView>[] {
  return [
    momentColumn(tr, 'opened', tr.attr('referrals.openedAt'), (referral) => referral.openedAt),
    textColumn('person', tr.attr('custody.person'), (referral) => referral.personName, { rowHeader: true }),
    textColumn('facility', tr.attr('custody.facility'), (referral) => referral.facilityName),
    textColumn('entry', tr.attr('referrals.entry'), (referral) =>
      tr.attr('timeline.seq', { seq: referral.injurySeq }),
    ),
    referralStatusColumn(tr),
  ];
}

/** Medical referrals of kz.custody.injury-log, for the health officials of the facility: the waiting ones first. */
export function ReferralsPage(props: {
  ctx: PageContext;
  referrals: readonly ReferralView[];
  filters: ReferralFilters;
  list: ListState;
}): JSX.Element {
  const { ctx, filters, list } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('referrals.title')}>
      <h1 class="heading-xl">{tr.t('referrals.title')}</h1>
      {list.printing ? '' : <p class="lead">{tr.t('referrals.lead')}</p>}
      <div class="whole-words">
        <RegisterList
          ctx={ctx}
          id="referrals"
          action={paths.custodyReferrals}
          caption={tr.attr('referrals.title')}
          empty={tr.attr(onlyWaiting(filters) ? 'referrals.empty' : 'desk.empty')}
          columns={referralColumns(tr)}
          rows={props.referrals}
          {...list}
          filters={referralFilters(tr, filters)}
        />
      </div>
    </Layout>
  );
}
