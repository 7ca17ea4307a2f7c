import { can } from '../../access/policy.js';
import type { PrisonReferralView, StayView } from '../../app/prison-views.js';
import { Layout } from '../components/layout.js';
import { momentColumn, referralStatusColumn, textColumn } from '../components/list-columns.js';
import { RegisterList, type ListColumn } from '../components/register-list.js';
import { RuleTags } from '../components/rule-tag.js';
import type { PageContext } from '../context.js';
import type { Translator } from '../i18n.js';
import type { ListState } from '../list-export.js';
import { onlyWaiting, referralFilters, type ReferralFilters } from '../list-filters.js';
import { paths } from '../paths.js';
import { personColumn } from './prison-roll.js';

/**
 * The referrals' columns: when the examination opened it, whom (a link to the stay where the
 * reader may follow it), where, which examination, and its state. What the API shows the medical
 * staff and nothing more: never a clinical result.
 */
export function prisonReferralColumns(tr: Translator, link: boolean): ListColumn<PrisonReferralView>[] {
  return [
    momentColumn(tr, 'opened', tr.attr('referrals.openedAt'), (referral) => referral.openedAt),
    personColumn(tr, (referral) => ({ id: referral.stayId, name: referral.personName }), link),
    textColumn('facility', tr.attr('prison.facility'), (referral) => referral.facilityName),
    textColumn('entry', tr.attr('prisonReferrals.entry'), (referral) =>
      tr.attr('timeline.seq', { seq: referral.examSeq }),
    ),
    referralStatusColumn(tr),
  ];
}

/**
 * Medical referrals of kz.admission.medical, for the medical staff of the remand centre or
 * prison: people whose examination noted bodily harm, the longest waiting first.
 */
export function PrisonReferralsPage(props: {
  ctx: PageContext;
  referrals: readonly PrisonReferralView[];
  filters: ReferralFilters;
  list: ListState;
  /** Whether the reader may open the stays (prison.read). */
  canOpen: boolean;
}): JSX.Element {
  const { ctx, filters, list } = props;
  const { tr } = ctx;
  return (
    <Layout ctx={ctx} title={tr.attr('prisonReferrals.title')}>
      <h1 class="heading-xl">{tr.t('prisonReferrals.title')}</h1>
      {list.printing ? (
        ''
      ) : (
        <p class="lead">
          {tr.t('prisonReferrals.lead')} <RuleTags rules={['kz.admission.medical']} />
        </p>
      )}
      <div class="whole-words">
        <RegisterList
          ctx={ctx}
          id="prison-referrals"
          action={paths.prisonReferrals}
          caption={tr.attr('prisonReferrals.title')}
          empty={tr.attr(onlyWaiting(filters) ? 'referrals.empty' : 'desk.empty')}
          columns={prisonReferralColumns(tr, props.canOpen && !list.printing)}
          rows={props.referrals}
          {...list}
          filters={referralFilters(tr, filters)}
        />
      </div>
    </Layout>
  );
}

/** Whether an examination of the stay noted bodily harm and no later examination answered it (as the referral's read model). */
export function hasOpenReferral(stay: Pick<StayView, 'timeline'>): boolean {
  const exams = stay.timeline.filter((entry) => entry.type === 'medical-examined' && entry.at !== null);
  return exams.some(
    (exam) =>
      exam.details.bodilyHarm === true &&
      !exams.some((later) => Date.parse(later.at ?? '') > Date.parse(exam.at ?? '')),
  );
}

/**
 * On a stay's page, for the facility's medical staff (`referral.read`, as the list's policy): an
 * examination noted bodily harm and waits for the next, with the link to the referrals' list.
 */
export function OpenReferralNotice(props: {
  ctx: PageContext;
  stay: Pick<StayView, 'facilityId' | 'timeline'>;
}): JSX.Element {
  const { ctx, stay } = props;
  if (!can(ctx.principal, 'referral.read', { facilities: [stay.facilityId] }) || !hasOpenReferral(stay))
    return '';
  return (
    <div class="notice notice--warning">
      <p class="notice__text">
        {ctx.tr.t('prisonReferrals.stayOpen')}{' '}
        <a href={paths.prisonReferrals}>{ctx.tr.t('nav.prison.referrals')}</a>
      </p>
    </div>
  );
}
