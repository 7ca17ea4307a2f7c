import type { ClockView, ComplaintSummary, ProtectionRequestView } from '../../app/complaint-views.js';
import {
  CATEGORY_ICON,
  categoryName,
  complaintStatusName,
  isCategory,
  protectionKindName,
  protectionStatusName,
} from '../complaint-labels.js';
import { formatMoment } from '../custody-time.js';
import type { Translator } from '../i18n.js';
import type { ListColumn, ListFilter } from './register-list.js';
import { Clock } from './clock.js';
import { Icon } from './kiosk-icons.js';

/*
 * Small parts of the complaint pages: a complaint's category with the kiosk's picture and its
 * words (never the picture alone), its status, what the complainant asked for, and the clocks of
 * intl.complaint.answer and kz.transfer.protection, drawn by the custody pages' clock (so that
 * public/custody.js ticks them the same way).
 */

export function CategoryTag(props: { tr: Translator; category: string }): JSX.Element {
  const { tr, category } = props;
  return (
    <strong class={['tag', 'tag--category', category === 'torture-or-ill-treatment' && 'tag--torture']}>
      {isCategory(category) ? <Icon name={CATEGORY_ICON[category]} class="tag__icon" /> : ''}
      <span safe>{categoryName(tr, category)}</span>
    </strong>
  );
}

/** A complaint's status; a torture allegation with the procurator stands out. */
export function ComplaintStatusTag(props: { tr: Translator; status: string }): JSX.Element {
  const { tr, status } = props;
  return (
    <strong class={['tag', `tag--complaint-${/^[a-z-]{1,40}$/.test(status) ? status : 'other'}`]} safe>
      {complaintStatusName(tr, status)}
    </strong>
  );
}

export function ProtectionStatusTag(props: { tr: Translator; status: string }): JSX.Element {
  const { tr, status } = props;
  return (
    <strong class={['tag', `tag--protection-${/^[a-z-]{1,40}$/.test(status) ? status : 'other'}`]} safe>
      {protectionStatusName(tr, status)}
    </strong>
  );
}

/** What the complainant asked for besides the answer (kz.transfer.protection), or "None". */
export function RequestsText(props: {
  tr: Translator;
  protectionRequested: boolean;
  transferRequested: boolean;
}): JSX.Element {
  const { tr } = props;
  const asked = [
    ...(props.protectionRequested
      ? [{ icon: 'protection' as const, text: tr.t('complaint.requests.protection') }]
      : []),
    ...(props.transferRequested
      ? [{ icon: 'transfer' as const, text: tr.t('complaint.requests.transfer') }]
      : []),
  ];
  if (asked.length === 0) return <>{tr.t('complaint.requests.none')}</>;
  return (
    <>
      {asked.map((item, index) => (
        <>
          {index > 0 ? <br /> : ''}
          <span class="complaint__request">
            <Icon name={item.icon} class="tag__icon" /> {item.text}
          </span>
        </>
      ))}
    </>
  );
}

/** The complainant's name as registered, or "Anonymous". */
export function ComplainantText(props: {
  tr: Translator;
  complainant: ComplaintSummary['complainant'];
}): JSX.Element {
  const { tr, complainant } = props;
  if (!complainant) return <em>{tr.t('complaint.anonymous')}</em>;
  return <span safe>{complainant.name}</span>;
}

/** A complaint clock (intl.complaint.answer, kz.transfer.protection): custody-labels.ts names its rule. */
export function ComplaintClock(props: {
  tr: Translator;
  clock: ClockView;
  now: string;
  compact?: boolean;
  headingLevel?: 3 | 4;
}): JSX.Element {
  return (
    <Clock
      tr={props.tr}
      clock={props.clock}
      now={props.now}
      compact={props.compact}
      headingLevel={props.headingLevel}
    />
  );
}

/** The answer clock of a complaint; undefined for a torture allegation, which has none. */
export function answerClock(item: Pick<ComplaintSummary, 'clocks'>): ClockView | undefined {
  return item.clocks.find((clock) => clock.rule === 'intl.complaint.answer');
}

/**
 * kz.transfer.protection's clock for a request as the governor sees it (the request carries its
 * times, not a clock): running until the decision, breached once the 24 hours have passed.
 */
export function protectionClock(
  request: Pick<ProtectionRequestView, 'requestedAt' | 'dueAt' | 'status' | 'decidedAt'>,
  now: string,
): ClockView {
  const started = Date.parse(request.requestedAt);
  const due = Date.parse(request.dueAt);
  const at = Date.parse(now);
  const allowed = due - started;
  const elapsed = allowed > 0 ? Math.min(1, Math.max(0, (at - started) / allowed)) : 1;
  const decided = request.status !== 'pending';
  const passed = at >= due;
  return {
    rule: 'kz.transfer.protection',
    dueAt: request.dueAt,
    state: decided ? 'met' : passed ? 'breached' : 'running',
    kind: 'breach',
    pack: 'kz',
    packVersion: '',
    startedAt: request.requestedAt,
    endedAt: decided ? request.decidedAt : null,
    warning: decided || passed ? null : elapsed >= 0.9 ? 90 : elapsed >= 0.75 ? 75 : null,
    elapsed,
  };
}

/** A request's kind with its picture and words. */
export function ProtectionKindText(props: { tr: Translator; kind: string }): JSX.Element {
  return (
    <>
      <Icon name={props.kind === 'transfer' ? 'transfer' : 'protection'} class="tag__icon" />{' '}
      <span safe>{protectionKindName(props.tr, props.kind)}</span>
    </>
  );
}

/** What every list of complaints shows alike: the facility, when it was received, its status. */
type ComplaintRow = { facilityName: string; submittedAt: string; status: string };

/** The columns every list of complaints shows alike (the inbox, the allegations), cell and CSV. */
export function complaintColumns<Row extends ComplaintRow>(
  tr: Translator,
): Record<'facility' | 'submitted' | 'status', ListColumn<Row>> {
  return {
    facility: {
      key: 'facility',
      header: tr.attr('complaint.facility'),
      cell: (item) => <span safe>{item.facilityName}</span>,
      csv: (item) => item.facilityName,
    },
    submitted: {
      key: 'submitted',
      header: tr.attr('complaint.submittedAt'),
      cell: (item) => (
        <time datetime={item.submittedAt} safe>
          {formatMoment(tr.lang, item.submittedAt)}
        </time>
      ),
      csv: (item) => formatMoment(tr.lang, item.submittedAt),
    },
    status: {
      key: 'status',
      header: tr.attr('complaint.status'),
      cell: (item) => <ComplaintStatusTag tr={tr} status={item.status} />,
      csv: (item) => complaintStatusName(tr, item.status),
    },
  };
}

/** The range of days a complaint was received (`submittedFrom`, `submittedTo`). */
export const submittedFilter = (tr: Translator, range: { from: string; to: string }): ListFilter => ({
  kind: 'date-range',
  name: 'submitted',
  label: tr.attr('complaint.submittedAt'),
  from: range.from,
  to: range.to,
});
