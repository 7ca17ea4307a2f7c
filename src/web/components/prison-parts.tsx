import { SCHEDULER_ACTOR } from '../../app/custody.js';
import type {
  DisciplineBreach,
  DisciplineCheckView,
  RegimeView,
  StayTimelineEntry,
} from '../../app/prison-views.js';
import type { PrisonRules } from '../../rules/prison-rules.js';
import { REACHES, type ReachedBy } from '../../domain/registry/reach.js';
import { KZ_EXEMPT_PERSONS, type RefusalCode, type RefusalReason } from '../../domain/refusals.js';
import { SOLITARY_EXEMPT_GROUPS } from '../../domain/findings.js';
import { KZ_DISCIPLINE_MEASURES } from '../../rules/kz/prison.js';
import { PROHIBITED_SANCTIONS } from '../../rules/intl/prison.js';
import { findingKindName, languageName, ruleName } from '../custody-labels.js';
import { formatMoment } from '../custody-time.js';
import { findingText } from '../finding-text.js';
import { formatDate } from '../format.js';
import { MESSAGES, type MessageKey, type Translator } from '../i18n.js';
import { paths } from '../paths.js';
import { refusalText } from '../refusal-text.js';
import {
  FLAGGING_RULES,
  REFUSING_RULES,
  appealOutcomeName,
  familyMeansName,
  incentiveName,
  measureName,
  purposeName,
  regimeName,
  ruleExplanation,
  screeningName,
  searchKindName,
  staffSexName,
  stayEventName,
  stayStatusName,
  transferReasonName,
  vulnerabilityName,
} from '../prison-labels.js';

/*
 * The pieces the prison pages share: the regime and its day counter (intl.solitary.definition,
 * intl.solitary.prolonged), the tags, the timeline of a stay with refused attempts shown as
 * such, and the discipline form's verdict (which rule would refuse, which would flag). A level is
 * never shown by colour alone: a word, and for a warning an icon, always say it.
 */

/** The numbers of the rules the pages state (from the packs in force, src/rules/prison-rules.ts). */
export type RuleNumbers = Pick<
  PrisonRules,
  'punishmentBlockMaxDays' | 'solitaryMaxMonths' | 'medicalBeforeHours' | 'prolongedDays'
>;

const WARNING_ICON = 'M12 1.5 0.5 21.5h23zM11 8.5h2v7h-2zm0 9h2v2h-2z';

export function WarningIcon(props: { class?: string }): JSX.Element {
  return (
    <svg
      class={props.class ?? 'tag__icon'}
      viewBox="0 0 24 24"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      <path fill="currentColor" fill-rule="evenodd" d={WARNING_ICON} />
    </svg>
  );
}

/** The regime as a tag: the general regime plainly, any separation strongly, with its local name. */
export function RegimeTag(props: { tr: Translator; regime: RegimeView }): JSX.Element {
  const { tr, regime } = props;
  return (
    <>
      <strong class={['tag', `tag--regime-${regime.kind}`]} safe>
        {regimeName(tr, regime.kind)}
      </strong>
      {regime.localName !== null && regime.kind === 'separation' ? (
        <span class="regime__local" safe>
          {tr.attr('prison.regime.localName', { name: regime.localName })}
        </span>
      ) : (
        ''
      )}
    </>
  );
}

export function LifeSentenceTag(props: { tr: Translator }): JSX.Element {
  return <strong class="tag tag--life">{props.tr.t('prison.lifeSentence')}</strong>;
}

export function StayStatusTag(props: { tr: Translator; status: string }): JSX.Element {
  return (
    <strong class={['tag', props.status === 'held' ? 'tag--in-custody' : 'tag--released']} safe>
      {stayStatusName(props.tr, props.status)}
    </strong>
  );
}

/** More than the Mandela Rules allow (SMR 43-44): said in words, with a warning icon. */
export function ProlongedMark(props: { tr: Translator; days: number }): JSX.Element {
  return (
    <p class="prolonged">
      <strong class="tag tag--prolonged">
        <WarningIcon />
        <span>{props.tr.t('prison.separation.prolonged')}</span>
      </strong>{' '}
      <span class="prolonged__text">
        {props.tr.t('prison.separation.prolongedText', { days: props.days })}
      </span>
    </p>
  );
}

export const isProlonged = (regime: RegimeView, prolongedDays: number): boolean =>
  regime.kind !== 'general' && regime.consecutiveDays > prolongedDays;

/**
 * The separation day counter: "day 12 of 30", since when, until when, and the mark once the run
 * is past the Mandela Rules' 15 consecutive days, or a note when it is planned to go past them.
 */
export function SeparationCounter(props: {
  tr: Translator;
  regime: RegimeView;
  prolongedDays: number;
  /** `compact`: for a card or a table cell, without the dates. */
  compact?: boolean;
}): JSX.Element {
  const { tr, regime, prolongedDays } = props;
  if (regime.kind === 'general')
    return <p class="separation separation--none">{tr.t('prison.separation.none')}</p>;
  const prolonged = isProlonged(regime, prolongedDays);
  const planned = regime.plannedDays;
  const willProlong = !prolonged && planned !== null && planned > prolongedDays;
  return (
    <div class={['separation', prolonged && 'separation--prolonged']}>
      <p class="separation__count">
        <strong>
          {planned !== null
            ? tr.t('prison.separation.dayOf', { day: regime.consecutiveDays, planned })
            : tr.t('prison.separation.dayOpen', { day: regime.consecutiveDays })}
        </strong>
      </p>
      {planned !== null ? (
        <progress
          class="separation__bar"
          max={String(planned)}
          value={String(Math.min(regime.consecutiveDays, planned))}
          aria-hidden="true"
        ></progress>
      ) : (
        ''
      )}
      {props.compact ? (
        ''
      ) : (
        <dl class="separation__dates">
          {regime.since !== null ? (
            <div>
              <dt>{tr.t('prison.separation.since')}</dt>
              <dd>
                <time datetime={regime.since} safe>
                  {formatMoment(tr.lang, regime.since)}
                </time>
              </dd>
            </div>
          ) : (
            ''
          )}
          <div>
            <dt>{tr.t('prison.separation.until')}</dt>
            <dd>
              {regime.until !== null ? (
                <time datetime={regime.until} safe>
                  {formatMoment(tr.lang, regime.until)}
                </time>
              ) : (
                tr.t('prison.separation.noEnd')
              )}
            </dd>
          </div>
        </dl>
      )}
      {prolonged ? <ProlongedMark tr={tr} days={prolongedDays} /> : ''}
      {willProlong ? (
        <p class="separation__note">
          {tr.t('prison.separation.willProlong', { days: prolongedDays, next: prolongedDays + 1 })}
        </p>
      ) : (
        ''
      )}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// The timeline of a stay

/** Names the timeline needs: facilities, disciplinary decisions and breach reports by id. */
export interface StayNames {
  facilities: Readonly<Record<string, string>>;
  decisions: Readonly<Record<string, string>>;
  reports: Readonly<Record<string, string>>;
}

/** Fields of an entry shown on the timeline, in this order; others are not shown. */
const STAY_DETAIL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'prison-admitted': [
    'facilityId',
    'commitmentOrder',
    'deprivedOfLiberty',
    'custodyId',
    'lifeSentence',
    'reachedBy',
  ],
  'medical-examined': ['examinedBy', 'purpose', 'hivScreening', 'tbScreening', 'bodilyHarm', 'results'],
  'vulnerability-recorded': ['kind', 'from', 'to', 'worsenedBySeparation', 'note'],
  'vulnerability-ended': ['kind', 'on'],
  placed: ['unit', 'localName', 'hoursWithoutContact'],
  'breach-reported': ['description', 'reportedBy'],
  'discipline-decided': ['measure', 'days', 'startsAt', 'endsAt', 'reason', 'reportId', 'informedLanguage'],
  'discipline-refused': ['measure', 'days', 'rule', 'detail'],
  'discipline-appealed': ['decisionId', 'to'],
  'appeal-decided': ['decisionId', 'outcome', 'days'],
  'separation-ended': ['reason'],
  'health-visit': ['visitedBy'],
  'exercise-logged': ['date', 'minutes'],
  'incentive-granted': ['incentive', 'note'],
  'search-recorded': ['kind', 'searchedBy', 'searcherSex'],
  transferred: ['fromFacilityId', 'destinationFacilityId', 'reason', 'requestedByPrisoner', 'detail'],
  'family-notified': ['contact', 'means'],
  released: ['reason'],
  died: ['circumstances', 'cause', 'remainsTo'],
  'finding-recorded': ['detail'],
};

const DETAIL_LABELS: Readonly<Record<string, MessageKey>> = {
  facilityId: 'prison.detail.facilityId',
  commitmentOrder: 'prison.detail.commitmentOrder',
  deprivedOfLiberty: 'prison.detail.deprivedOfLiberty',
  custodyId: 'prison.detail.custodyId',
  lifeSentence: 'prison.detail.lifeSentence',
  examinedBy: 'prison.detail.examinedBy',
  purpose: 'prison.detail.purpose',
  hivScreening: 'prison.detail.hivScreening',
  tbScreening: 'prison.detail.tbScreening',
  bodilyHarm: 'prison.detail.bodilyHarm',
  results: 'prison.detail.results',
  kind: 'prison.detail.vulnerability',
  from: 'prison.detail.from',
  to: 'prison.detail.to',
  worsenedBySeparation: 'prison.detail.worsenedBySeparation',
  note: 'prison.detail.note',
  on: 'prison.detail.on',
  unit: 'prison.detail.unit',
  localName: 'prison.detail.localName',
  hoursWithoutContact: 'prison.detail.hoursWithoutContact',
  description: 'prison.detail.description',
  reportedBy: 'prison.detail.reportedBy',
  measure: 'prison.detail.measure',
  days: 'prison.detail.days',
  startsAt: 'prison.detail.startsAt',
  endsAt: 'prison.detail.endsAt',
  reason: 'prison.detail.reason',
  reportId: 'prison.detail.reportId',
  informedLanguage: 'prison.detail.informedLanguage',
  rule: 'prison.detail.rule',
  detail: 'prison.detail.detail',
  decisionId: 'prison.detail.decision',
  outcome: 'prison.detail.outcome',
  visitedBy: 'prison.detail.visitedBy',
  date: 'prison.detail.date',
  minutes: 'prison.detail.minutes',
  incentive: 'prison.detail.incentive',
  searchedBy: 'prison.detail.searchedBy',
  searcherSex: 'prison.detail.searcherSex',
  fromFacilityId: 'prison.detail.fromFacility',
  destinationFacilityId: 'prison.detail.destination',
  requestedByPrisoner: 'prison.detail.requestedByPrisoner',
  contact: 'prison.detail.contact',
  means: 'prison.detail.means',
  circumstances: 'prison.detail.circumstances',
  cause: 'prison.detail.cause',
  remainsTo: 'prison.detail.remainsTo',
  reachedBy: 'reach.detail',
};

/** The same field names another thing on some events. */
const LABEL_OVERRIDES: Readonly<Record<string, MessageKey>> = {
  'search-recorded kind': 'prison.detail.searchKind',
  'discipline-appealed to': 'prison.detail.appealTo',
  'transferred reason': 'prison.detail.transferReason',
  'transferred detail': 'prison.detail.transferDetail',
  'released reason': 'prison.detail.releaseReason',
};

export function stayDetailLabel(type: string, field: string): MessageKey | undefined {
  return LABEL_OVERRIDES[`${type} ${field}`] ?? DETAIL_LABELS[field];
}

const MOMENTS = new Set(['startsAt', 'endsAt']);
const DATES = new Set(['from', 'to', 'on', 'date']);

/** A value of an entry as the reader should see it (plain text). */
export function stayDetailText(
  tr: Translator,
  type: string,
  field: string,
  value: unknown,
  names: StayNames,
): string {
  const none = tr.attr('custody.value.none');
  if (value === null || value === undefined || value === '') return none;
  if (typeof value === 'boolean') return tr.attr(value ? 'custody.value.yes' : 'custody.value.no');
  if (field === 'commitmentOrder' && typeof value === 'object') {
    const order = value as Record<string, unknown>;
    return [
      order.reference,
      order.authority,
      typeof order.issuedOn === 'string' ? formatDate(tr.lang, order.issuedOn) : null,
      order.grounds,
    ]
      .filter((part): part is string => typeof part === 'string' && part !== '')
      .join(', ');
  }
  if (field === 'deprivedOfLiberty' && typeof value === 'object') {
    const deprived = value as Record<string, unknown>;
    return [
      typeof deprived.at === 'string' ? formatMoment(tr.lang, deprived.at) : '',
      deprived.place,
      deprived.authority,
    ]
      .filter((part): part is string => typeof part === 'string' && part !== '')
      .join(', ');
  }
  if (field === 'results' && typeof value === 'object') {
    const results = value as Record<string, unknown>;
    const parts: [MessageKey, unknown][] = [
      ['prison.form.resultHiv', results.hiv],
      ['prison.form.resultTb', results.tb],
      ['prison.form.resultNotes', results.notes],
    ];
    const shown = parts
      .filter(([, part]) => typeof part === 'string' && part !== '')
      .map(([label, part]) => `${tr.attr(label)}: ${String(part)}`);
    return shown.length > 0 ? shown.join('; ') : none;
  }
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return JSON.stringify(value);
  if (MOMENTS.has(field)) return formatMoment(tr.lang, value);
  if (DATES.has(field)) return formatDate(tr.lang, value);
  switch (field) {
    case 'facilityId':
    case 'fromFacilityId':
    case 'destinationFacilityId':
      return names.facilities[value] ?? value;
    case 'decisionId':
      return names.decisions[value] ?? value;
    case 'reportId':
      return names.reports[value] ?? value;
    case 'measure':
      return measureName(tr, value);
    case 'incentive':
      return incentiveName(tr, value);
    case 'purpose':
      return purposeName(tr, value);
    case 'hivScreening':
    case 'tbScreening':
      return screeningName(tr, value);
    case 'outcome':
      return appealOutcomeName(tr, value);
    case 'means':
      return familyMeansName(tr, value);
    case 'searcherSex':
      return staffSexName(tr, value);
    case 'informedLanguage':
      return languageName(tr, value);
    case 'rule':
      return ruleName(tr, value);
    case 'kind':
      if (type === 'search-recorded') return searchKindName(tr, value);
      if (type === 'finding-recorded') return findingKindName(tr, value);
      return vulnerabilityName(tr, value);
    case 'reason':
      return type === 'transferred' ? transferReasonName(tr, value) : value;
    case 'reachedBy':
      return (REACHES as readonly string[]).includes(value)
        ? tr.attr(`reach.by.${value as ReachedBy}`)
        : value;
    default:
      return value;
  }
}

/**
 * A field of a timeline entry: a finding's and a refused attempt's `detail` say what they record
 * in the reader's language (from their parameters), every other field as stayDetailText says it.
 */
function entryDetailText(tr: Translator, entry: StayTimelineEntry, field: string, names: StayNames): string {
  const details = entry.details;
  if (field === 'detail' && entry.type === 'finding-recorded')
    return findingText(tr, {
      rule: String(details.rule ?? ''),
      params: details.params,
      detail: typeof details.detail === 'string' ? details.detail : '',
    });
  if (field === 'detail' && entry.type === 'discipline-refused')
    return refusalText(tr, {
      reason: details.reason as RefusalReason | undefined,
      rule: typeof details.rule === 'string' ? details.rule : null,
      detail: typeof details.detail === 'string' ? details.detail : null,
    });
  return stayDetailText(tr, entry.type, field, details[field], names);
}

/** Who made an entry: the official's name, or the daily check of the clock scheduler. */
function actorName(tr: Translator, entry: Pick<StayTimelineEntry, 'actor' | 'actorName'>): string {
  if (entry.actorName) return entry.actorName;
  return entry.actor === SCHEDULER_ACTOR ? tr.attr('timeline.scheduler') : entry.actor;
}

/**
 * An entry's heading: what it records; a finding by its kind and rule; a refused disciplinary
 * decision plainly as a refused attempt, with the measure and its days.
 */
export function stayEntryTitle(tr: Translator, entry: StayTimelineEntry): string {
  const details = entry.details;
  if (entry.type === 'finding-recorded') {
    const rule = typeof details.rule === 'string' ? ruleName(tr, details.rule) : '';
    return `${findingKindName(tr, String(details.kind ?? ''))}: ${rule}`;
  }
  if (entry.type === 'discipline-refused') {
    const measure = measureName(tr, String(details.measure ?? ''));
    return typeof details.days === 'number'
      ? tr.attr('prison.refusedAttempt.days', { measure, days: details.days })
      : tr.attr('prison.refusedAttempt', { measure });
  }
  if (entry.type === 'discipline-decided') {
    const measure = measureName(tr, String(details.measure ?? ''));
    return typeof details.days === 'number'
      ? tr.attr('prison.decided.days', { measure, days: details.days })
      : tr.attr('prison.decided', { measure });
  }
  return stayEventName(tr, entry.type);
}

/** Every entry of the stay in log order: what, when stated, when recorded, by whom, and its fields. */
export function StayTimeline(props: {
  tr: Translator;
  entries: readonly StayTimelineEntry[];
  names: StayNames;
  /** Whether the reader may open the police custody episode the person came from (a link, else its number). */
  canOpenCustody?: boolean;
}): JSX.Element {
  const { tr } = props;
  return (
    <ol class="timeline">
      {props.entries.map((entry) => {
        const refused = entry.type === 'discipline-refused';
        const fields = (STAY_DETAIL_FIELDS[entry.type] ?? []).filter((field) => field in entry.details);
        return (
          <li class={['timeline__entry', refused && 'timeline__entry--refused']} id={`entry-${entry.seq}`}>
            <article class="entry" aria-labelledby={`entry-${entry.seq}-title`}>
              <h3 class="entry__title" id={`entry-${entry.seq}-title`}>
                {refused ? <WarningIcon class="entry__icon" /> : ''}
                <span safe>{stayEntryTitle(tr, entry)}</span>{' '}
                <span class="entry__seq">{tr.t('timeline.seq', { seq: entry.seq })}</span>
              </h3>
              {refused ? (
                <p class="entry__refused">
                  <strong>{tr.t('prison.refusedAttempt.lead')}</strong>{' '}
                  {typeof entry.details.rule === 'string' ? (
                    <>
                      <span safe>
                        {tr.attr('prison.refusedAttempt.rule', { name: ruleName(tr, entry.details.rule) })}
                      </span>{' '}
                      <code class="rule-id" safe>
                        {entry.details.rule}
                      </code>
                    </>
                  ) : (
                    ''
                  )}
                </p>
              ) : (
                ''
              )}
              <dl class="entry__times">
                <div class="entry__time">
                  <dt>{tr.t('timeline.statedAt')}</dt>
                  <dd>
                    {entry.at === null ? (
                      tr.t('custody.value.none')
                    ) : (
                      <time datetime={entry.at} safe>
                        {formatMoment(tr.lang, entry.at)}
                      </time>
                    )}
                  </dd>
                </div>
                <div class="entry__time">
                  <dt>{tr.t('timeline.recordedAt')}</dt>
                  <dd>
                    <time datetime={entry.recordedAt} safe>
                      {formatMoment(tr.lang, entry.recordedAt)}
                    </time>
                  </dd>
                </div>
                <div class="entry__time">
                  <dt>{tr.t('timeline.by')}</dt>
                  <dd safe>{actorName(tr, entry)}</dd>
                </div>
              </dl>
              {fields.length > 0 ? (
                <dl class="entry__details">
                  {fields.map((field) => {
                    const label = stayDetailLabel(entry.type, field);
                    return (
                      <div class="entry__detail">
                        <dt safe>{label ? tr.attr(label) : field}</dt>
                        {field === 'custodyId' && typeof entry.details.custodyId === 'string' ? (
                          <dd>
                            {props.canOpenCustody ? (
                              <a href={paths.custodyEpisode(entry.details.custodyId)}>
                                {tr.t('prison.stay.custodyLink')}
                              </a>
                            ) : (
                              <code safe>{entry.details.custodyId}</code>
                            )}
                          </dd>
                        ) : (
                          <dd safe>{entryDetailText(tr, entry, field, props.names)}</dd>
                        )}
                      </div>
                    );
                  })}
                </dl>
              ) : (
                ''
              )}
            </article>
          </li>
        );
      })}
    </ol>
  );
}

// ---------------------------------------------------------------------------------------------
// The discipline form's verdict

/**
 * The verdict on a proposed measure, as the check (src/app/prison.ts checkDiscipline) or a
 * refused decision gave it: which national rule refuses it and why, or lawful with the
 * international findings it would add. The same markup public/prison.js writes (keep in step).
 */
export function DisciplineVerdict(props: {
  tr: Translator;
  verdict: DisciplineCheckView | null;
  numbers: RuleNumbers;
}): JSX.Element {
  const { tr, verdict } = props;
  return (
    <div
      class={[
        'verdict',
        verdict === null
          ? 'verdict--empty'
          : !verdict.allowed
            ? 'verdict--refused'
            : verdict.flags.length > 0
              ? 'verdict--flagged'
              : 'verdict--lawful',
      ]}
      id="discipline-verdict"
      role="status"
      aria-live="polite"
      aria-atomic="true"
      data-verdict={verdict === null ? 'empty' : verdict.allowed ? 'lawful' : 'refused'}
    >
      {verdict === null ? <p class="verdict__empty">{tr.t('discipline.verdict.empty')}</p> : ''}
      {verdict !== null && !verdict.allowed ? <Refusal {...props} verdict={verdict} /> : ''}
      {verdict !== null && verdict.allowed ? <Lawful {...props} verdict={verdict} /> : ''}
    </div>
  );
}

/** A breach's reason as data, when the check gave one. */
function breachReason(breach: DisciplineBreach): RefusalReason | null {
  return breach.code === null ? null : ({ code: breach.code, params: breach.params ?? {} } as RefusalReason);
}

/** Every rule a refused measure breaks (a verdict from before `breaches` names its one rule). */
function breachesOf(verdict: DisciplineCheckView): DisciplineBreach[] {
  if (verdict.breaches.length > 0) return verdict.breaches;
  return [{ rule: verdict.rule, detail: verdict.detail ?? '', code: verdict.code, params: verdict.params }];
}

function Refusal(props: { tr: Translator; verdict: DisciplineCheckView; numbers: RuleNumbers }): JSX.Element {
  const { tr } = props;
  const breaches = breachesOf(props.verdict);
  return (
    <>
      <h3 class="verdict__title">
        <WarningIcon class="verdict__icon" />
        <span>{tr.t('discipline.verdict.refused')}</span>
      </h3>
      {breaches.length > 1 ? (
        <>
          <p class="verdict__count">{tr.t('discipline.verdict.breaches', { count: breaches.length })}</p>
          <ol class="verdict__breaches">
            {breaches.map((breach) => (
              <li class="verdict__breach">
                <Breach tr={tr} breach={breach} numbers={props.numbers} />
              </li>
            ))}
          </ol>
        </>
      ) : (
        <Breach tr={tr} breach={breaches[0] as DisciplineBreach} numbers={props.numbers} />
      )}
    </>
  );
}

/** One rule the measure breaks: its name and id, what it says, and why this measure breaks it. */
function Breach(props: { tr: Translator; breach: DisciplineBreach; numbers: RuleNumbers }): JSX.Element {
  const { tr, breach } = props;
  const rule = breach.rule ?? '';
  const why = ruleExplanation(tr, rule, props.numbers);
  return (
    <>
      <p class="verdict__rule">
        {tr.t('discipline.verdict.rule')}{' '}
        <span safe>{rule === '' ? tr.attr('custody.value.none') : ruleName(tr, rule)}</span>{' '}
        {rule !== '' ? (
          <code class="rule-id" safe>
            {rule}
          </code>
        ) : (
          ''
        )}
      </p>
      {why !== '' ? (
        <p class="verdict__why" safe>
          {why}
        </p>
      ) : (
        ''
      )}
      {breach.detail !== '' || breach.code !== null ? (
        <p class="verdict__detail">
          {tr.t('discipline.verdict.detail')}{' '}
          <span safe>
            {refusalText(tr, { reason: breachReason(breach), rule: breach.rule, detail: breach.detail })}
          </span>
        </p>
      ) : (
        ''
      )}
    </>
  );
}

function Lawful(props: { tr: Translator; verdict: DisciplineCheckView; numbers: RuleNumbers }): JSX.Element {
  const { tr, verdict } = props;
  return (
    <>
      <h3 class="verdict__title">
        <span>{tr.t('discipline.verdict.lawful')}</span>
      </h3>
      <dl class="verdict__dates">
        {verdict.startsAt !== null ? (
          <div>
            <dt>{tr.t('prison.detail.startsAt')}</dt>
            <dd>
              <time datetime={verdict.startsAt} safe>
                {formatMoment(tr.lang, verdict.startsAt)}
              </time>
            </dd>
          </div>
        ) : (
          ''
        )}
        <div>
          <dt>{tr.t('prison.detail.endsAt')}</dt>
          <dd>
            {verdict.endsAt !== null ? (
              <time datetime={verdict.endsAt} safe>
                {formatMoment(tr.lang, verdict.endsAt)}
              </time>
            ) : (
              tr.t('discipline.verdict.noEnd')
            )}
          </dd>
        </div>
      </dl>
      {verdict.flags.length === 0 ? (
        <p class="verdict__flags-none">{tr.t('discipline.verdict.noFlags')}</p>
      ) : (
        <>
          <p class="verdict__flags-title">
            <WarningIcon class="verdict__icon" />
            <strong>{tr.t('discipline.verdict.flags')}</strong>
          </p>
          <ul class="verdict__flags">
            {verdict.flags.map((flag) => (
              <li>
                <span class="verdict__flag-name" safe>
                  {ruleName(tr, flag.rule)}
                </span>{' '}
                <code class="rule-id" safe>
                  {flag.rule}
                </code>
                <span class="verdict__why" safe>
                  {ruleExplanation(tr, flag.rule, props.numbers)}
                </span>
                <span class="verdict__detail">
                  {tr.t('discipline.verdict.detail')} <span safe>{findingText(tr, flag)}</span>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/**
 * The words public/prison.js needs to write a verdict in the reader's language, once per
 * discipline form: titles, and each rule's name and explanation with the numbers in force.
 */
export function VerdictTexts(props: { tr: Translator; numbers: RuleNumbers }): JSX.Element {
  const { tr } = props;
  const rules = [...REFUSING_RULES, ...FLAGGING_RULES];
  return (
    <div
      id="verdict-texts"
      hidden
      data-empty={tr.attr('discipline.verdict.empty')}
      data-needs-days={tr.attr('discipline.verdict.needsDays')}
      data-checking={tr.attr('discipline.verdict.checking')}
      data-refused={tr.attr('discipline.verdict.refused')}
      data-breaches={template(tr, 'discipline.verdict.breaches')}
      data-rule={tr.attr('discipline.verdict.rule')}
      data-detail={tr.attr('discipline.verdict.detail')}
      data-lawful={tr.attr('discipline.verdict.lawful')}
      data-starts={tr.attr('prison.detail.startsAt')}
      data-ends={tr.attr('prison.detail.endsAt')}
      data-no-end={tr.attr('discipline.verdict.noEnd')}
      data-flags={tr.attr('discipline.verdict.flags')}
      data-no-flags={tr.attr('discipline.verdict.noFlags')}
      data-failed={tr.attr('discipline.verdict.failed')}
      data-invalid={tr.attr('discipline.verdict.invalid')}
      data-none={tr.attr('custody.value.none')}
      data-lang={tr.lang}
    >
      <ul>
        {rules.map((rule) => (
          <li
            data-rule-id={rule}
            data-name={ruleName(tr, rule)}
            data-explain={ruleExplanation(tr, rule, props.numbers)}
            data-finding={FLAG_SENTENCES[rule] ? template(tr, FLAG_SENTENCES[rule]) : undefined}
          ></li>
        ))}
      </ul>
      <ul>
        {DISCIPLINE_REFUSALS.map((code) => (
          <li data-code={code} data-text={template(tr, `refusal.${code}`)}></li>
        ))}
      </ul>
      <ul>
        {verdictLabels(tr).map(([name, text]) => (
          <li data-label={name} data-text={text}></li>
        ))}
      </ul>
    </div>
  );
}

/*
 * What public/prison.js needs to say a verdict's reason and its flags in the reader's language:
 * each sentence with its parameters left as {{name}} (the names of src/domain/refusals.ts and
 * src/domain/findings.ts), and the words of the codes they take (src/web/refusal-text.ts and
 * finding-text.ts say the same on the server).
 */

/** The refusals a disciplinary decision can meet. */
const DISCIPLINE_REFUSALS = [
  'discipline.prohibited',
  'discipline.unknown-measure',
  'discipline.open-prison-only',
  'discipline.strict-conditions-first',
  'discipline.exempt',
  'discipline.days-needed',
  'discipline.punishment-block-too-long',
  'discipline.solitary-too-long',
  'discipline.solitary-prior',
  'discipline.medical-before',
] as const satisfies readonly RefusalCode[];

/** The sentences of the findings a disciplinary decision can add (the measure's cases). */
const FLAG_SENTENCES: Readonly<Record<string, MessageKey>> = {
  'intl.solitary.prolonged': 'finding.text.intl.solitary.prolonged.decided',
  'intl.solitary.exempt': 'finding.text.intl.solitary.exempt.measure',
};

/** A sentence with each {{placeholder}} left for the page's script to fill. */
function template(tr: Translator, key: MessageKey): string {
  const names = [...(MESSAGES.en[key] ?? '').matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? '');
  // Markers no translation holds, turned back into placeholders after i18next has filled them in.
  const marked = tr.attr(key, Object.fromEntries(names.map((name) => [name, `⟦${name}⟧`])));
  return marked.replace(/⟦(\w+)⟧/g, '{{$1}}');
}

/** The words of the codes the sentences take: measures, sanctions, people national law exempts, protected groups. */
function verdictLabels(tr: Translator): [string, string][] {
  return [
    ...KZ_DISCIPLINE_MEASURES.map((measure): [string, string] => [
      `measure.${measure}`,
      measureName(tr, measure),
    ]),
    ...PROHIBITED_SANCTIONS.map((sanction): [string, string] => [
      `sanction.${sanction}`,
      tr.attr(`prison.sanction.${sanction}`),
    ]),
    ...KZ_EXEMPT_PERSONS.map((person): [string, string] => [
      `person.${person}`,
      tr.attr(`refusal.exempt.${person}`),
    ]),
    ...SOLITARY_EXEMPT_GROUPS.map((group): [string, string] => [
      `group.${group}`,
      tr.attr(`finding.group.${group}`),
    ]),
  ];
}
