import { SCHEDULER_ACTOR } from '../../app/custody.js';
import type { CorrectionView, FindingView, TimelineEntryView } from '../../app/custody-views.js';
import {
  CORRECTABLE_LABELS,
  DETAIL_FIELDS,
  DETAIL_LABELS,
  ENUM_LABELS,
  JUDICIAL_KIND_LABELS,
  eventName,
  findingKindName,
  languageName,
  ruleName,
  type DetailField,
} from '../custody-labels.js';
import { formatMoment } from '../custody-time.js';
import { findingText } from '../finding-text.js';
import type { MessageKey, Translator } from '../i18n.js';

/*
 * The episode's timeline: every entry of its stream in log order, with the time stated for it and
 * the time it was recorded (kz.custody.actual-time), and who recorded it. Nothing is changed in
 * place: a correction is shown beside the entry it corrects, the original struck through but
 * readable, with the reason, who and when.
 */

type DetailValue = TimelineEntryView['details'][string];

/** Facility names by id, to name a transfer's destination. */
export type FacilityNames = Readonly<Record<string, string>>;

/** Requests to a judge by their id (`jr4`), in words: what was asked, when, and its entry. */
export type RequestNames = Readonly<Record<string, string>>;

/** A request to a judge as the pages name it: "Deposition of testimony, 5 May 2026, 10:00 (UTC+05:00) (No. 57)". */
export function requestName(
  tr: Translator,
  entry: Pick<TimelineEntryView, 'seq' | 'at' | 'details'>,
): string {
  const kind = JUDICIAL_KIND_LABELS[String(entry.details.kind)];
  const what = kind ? tr.attr(kind) : tr.attr('custody.detail.requestId');
  const when = entry.at ? `, ${formatMoment(tr.lang, entry.at)}` : '';
  return `${what}${when} (${tr.attr('timeline.seq', { seq: entry.seq })})`;
}

/** The episode's requests to a judge by id, named (for a ruling's `requestId`). */
export function requestNames(tr: Translator, entries: readonly TimelineEntryView[]): RequestNames {
  const names: Record<string, string> = {};
  for (const entry of entries)
    if (entry.type === 'judicial-requested' && typeof entry.details.requestId === 'string')
      names[entry.details.requestId] = requestName(tr, entry);
  return names;
}

const TIME_FIELDS = new Set<string>(['apprehendedAt', 'at']);

/** A value as the reader should see it (plain text). */
export function detailText(
  tr: Translator,
  field: DetailField | string,
  value: DetailValue | undefined,
  facilities: FacilityNames = {},
  entry?: Pick<TimelineEntryView, 'type' | 'details'>,
  requests: RequestNames = {},
): string {
  if (value === null || value === undefined || value === '') return tr.attr('custody.value.none');
  if (typeof value === 'boolean') return tr.attr(value ? 'custody.value.yes' : 'custody.value.no');
  if (Array.isArray(value))
    return value.length === 0
      ? tr.attr('custody.value.none')
      : value.map((item) => (field === 'languages' ? languageName(tr, item) : item)).join(', ');
  const text = String(value);
  if (TIME_FIELDS.has(field)) return formatMoment(tr.lang, text);
  // A correction's values are times when the field corrected is one.
  if ((field === 'from' || field === 'to') && TIME_FIELDS.has(String(entry?.details.field ?? '')))
    return formatMoment(tr.lang, text);
  if (field === 'field' && text in CORRECTABLE_LABELS)
    return tr.attr(CORRECTABLE_LABELS[text as keyof typeof CORRECTABLE_LABELS]);
  if (field === 'language') return languageName(tr, text);
  if (field === 'destinationFacilityId') return facilities[text] ?? text;
  // A request's id is the register's own code: the request is named by what, when and its entry.
  if (field === 'requestId') return requests[text] ?? tr.attr('custody.value.none');
  if (field === 'rule') return ruleName(tr, text);
  if (field === 'kind') {
    if (entry?.type === 'finding-recorded') return findingKindName(tr, text);
    const key = JUDICIAL_KIND_LABELS[text];
    return key ? tr.attr(key) : text;
  }
  const labels = ENUM_LABELS[field as DetailField];
  const key: MessageKey | undefined = labels?.[text];
  return key ? tr.attr(key) : text;
}

/** The value of `field` on `entry`, with the corrections of that field after it: older values struck. */
export function CorrectedValue<Value>(props: {
  tr: Translator;
  field: string;
  original: Value;
  corrections: readonly CorrectionView[];
  format: (value: Value | string) => string;
}): JSX.Element {
  const { tr } = props;
  const chain = props.corrections.filter((correction) => correction.field === props.field);
  if (chain.length === 0) return <span safe>{props.format(props.original)}</span>;
  const values: (Value | string)[] = [props.original, ...chain.map((correction) => correction.to)];
  return (
    <span class="corrected">
      {values.map((value, index) =>
        index < values.length - 1 ? (
          <>
            <span class="visually-hidden">
              {tr.t(index === 0 ? 'correction.original' : 'correction.replaced')}
            </span>
            <del class="corrected__old" safe>
              {props.format(value)}
            </del>{' '}
          </>
        ) : (
          <>
            <span class="visually-hidden">{tr.t('correction.current')}</span>
            <ins class="corrected__new" safe>
              {props.format(value)}
            </ins>
          </>
        ),
      )}
    </span>
  );
}

/** The corrections of an entry, beside it: field, old and new value, reason, who and when. */
export function Corrections(props: {
  tr: Translator;
  corrections: readonly CorrectionView[];
  entry: Pick<TimelineEntryView, 'type' | 'details'>;
  names?: Readonly<Record<string, string>>;
}): JSX.Element {
  const { tr } = props;
  if (props.corrections.length === 0) return '';
  return (
    <div class="corrections">
      <p class="corrections__title">
        <strong>{tr.t('correction.title', { count: props.corrections.length })}</strong>
      </p>
      <ul class="corrections__list">
        {props.corrections.map((correction) => {
          const format = (value: string) =>
            TIME_FIELDS.has(correction.field) ? formatMoment(tr.lang, value) : value;
          const field =
            correction.field in CORRECTABLE_LABELS
              ? tr.attr(CORRECTABLE_LABELS[correction.field as keyof typeof CORRECTABLE_LABELS])
              : correction.field;
          return (
            <li class="correction" id={`correction-${correction.seq}`}>
              <p class="correction__change">
                <span safe>{field}</span>: <span class="visually-hidden">{tr.t('correction.original')}</span>
                <del class="corrected__old" safe>
                  {format(correction.from)}
                </del>{' '}
                <span aria-hidden="true">→</span>{' '}
                <span class="visually-hidden">{tr.t('correction.current')}</span>
                <ins class="corrected__new" safe>
                  {format(correction.to)}
                </ins>
              </p>
              <p class="correction__reason">
                {tr.t('correction.reason')} <span safe>{correction.reason}</span>
              </p>
              <p class="correction__meta">
                {tr.t('correction.by', {
                  who: props.names?.[correction.actor] ?? correction.actor,
                  when: formatMoment(tr.lang, correction.correctedAt),
                  seq: correction.seq,
                })}
              </p>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The fields of an entry as a description list, corrected values shown with their originals. */
export function EntryDetails(props: {
  tr: Translator;
  entry: TimelineEntryView;
  facilities?: FacilityNames;
  requests?: RequestNames;
  /** The finding this entry records, with its parameters: what it says, in the reader's language. */
  finding?: FindingView | undefined;
  /** Fields to leave out (the record shows some of them elsewhere). */
  omit?: readonly string[];
}): JSX.Element {
  const { tr, entry } = props;
  const fields = (DETAIL_FIELDS[entry.type] ?? []).filter(
    (field) => !(props.omit ?? []).includes(field) && (field in entry.details || isArrestField(entry, field)),
  );
  if (fields.length === 0) return '';
  return (
    <dl class="entry__details">
      {fields.map((field) => {
        const value = entry.details[field];
        if (entry.type === 'finding-recorded' && field === 'detail')
          return (
            <div class="entry__detail">
              <dt>{tr.t(DETAIL_LABELS[field])}</dt>
              <dd safe>
                {findingText(
                  tr,
                  props.finding ?? { rule: String(entry.details.rule ?? ''), detail: String(value ?? '') },
                )}
              </dd>
            </div>
          );
        return (
          <div class="entry__detail">
            <dt>{tr.t(DETAIL_LABELS[field])}</dt>
            <dd>
              <CorrectedValue
                tr={tr}
                field={field}
                original={value}
                corrections={typeof value === 'string' ? entry.corrections : []}
                format={(text) => detailText(tr, field, text, props.facilities, entry, props.requests)}
              />
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/** The arrest record always shows its mandatory fields (intl.register.minimum), even when empty. */
function isArrestField(entry: TimelineEntryView, field: DetailField): boolean {
  return entry.type === 'custody-opened' && field !== 'languages';
}

export interface TimelineProps {
  tr: Translator;
  entries: readonly TimelineEntryView[];
  /** The episode's findings: what each finding entry says, from its parameters. */
  findings?: readonly FindingView[];
  facilities?: FacilityNames;
  /** Account names by id, for the corrections' authors. */
  names?: Readonly<Record<string, string>>;
}

/** Every entry in log order: what, when stated, when recorded, by whom, its corrections beside it. */
export function Timeline(props: TimelineProps): JSX.Element {
  const { tr } = props;
  const names: Record<string, string> = { ...props.names };
  for (const entry of props.entries) if (entry.actorName) names[entry.actor] = entry.actorName;
  const requests = requestNames(tr, props.entries);
  const findings = new Map((props.findings ?? []).map((finding) => [finding.seq, finding]));
  return (
    <ol class="timeline">
      {props.entries.map((entry) => {
        const corrected = entry.corrections.length > 0;
        if (entry.type === 'custody-corrected')
          return <CorrectionEntry tr={tr} entry={entry} names={names} />;
        return (
          <li
            class={['timeline__entry', corrected && 'timeline__entry--corrected']}
            id={`entry-${entry.seq}`}
          >
            <article class="entry" aria-labelledby={`entry-${entry.seq}-title`}>
              <h3 class="entry__title" id={`entry-${entry.seq}-title`}>
                <span safe>{entryTitle(tr, entry)}</span>{' '}
                <span class="entry__seq">{tr.t('timeline.seq', { seq: entry.seq })}</span>
              </h3>
              <dl class="entry__times">
                <div class="entry__time">
                  <dt>{tr.t('timeline.statedAt')}</dt>
                  <dd>
                    {entry.at === null ? (
                      tr.t('custody.value.none')
                    ) : (
                      <time datetime={entry.at}>
                        <CorrectedValue
                          tr={tr}
                          field={entry.type === 'custody-opened' ? 'apprehendedAt' : 'at'}
                          original={entry.at}
                          corrections={entry.corrections}
                          format={(value) => formatMoment(tr.lang, value)}
                        />
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
              {/* The arrest's time of apprehension is its stated time; a finding's rule and kind are its title. */}
              <EntryDetails
                tr={tr}
                entry={entry}
                facilities={props.facilities}
                requests={requests}
                finding={findings.get(entry.seq)}
                omit={['apprehendedAt', ...(entry.type === 'finding-recorded' ? ['rule', 'kind'] : [])]}
              />
              <Corrections tr={tr} corrections={entry.corrections} entry={entry} names={names} />
            </article>
          </li>
        );
      })}
    </ol>
  );
}

/** Who made an entry: the official's name, or the deadline check of the clock scheduler. */
function actorName(tr: Translator, entry: Pick<TimelineEntryView, 'actor' | 'actorName'>): string {
  if (entry.actorName) return entry.actorName;
  return entry.actor === SCHEDULER_ACTOR ? tr.attr('timeline.scheduler') : entry.actor;
}

/** An entry's heading: what it records; for a finding, its kind and rule ("Breach: Custody time limit"). */
function entryTitle(tr: Translator, entry: TimelineEntryView): string {
  if (entry.type !== 'finding-recorded') return eventName(tr, entry.type);
  const rule = typeof entry.details.rule === 'string' ? ruleName(tr, entry.details.rule) : '';
  return `${findingKindName(tr, String(entry.details.kind ?? ''))}: ${rule}`;
}

/** A correction in its own place in the log: a short line that points to the entry it corrects. */
function CorrectionEntry(props: {
  tr: Translator;
  entry: TimelineEntryView;
  names: Readonly<Record<string, string>>;
}): JSX.Element {
  const { tr, entry } = props;
  const corrects = Number(entry.details.correctsSeq);
  return (
    <li class="timeline__entry timeline__entry--correction">
      <p class="entry__title entry__title--small">
        <span>{tr.t('event.custody-corrected')}</span>{' '}
        <span class="entry__seq">{tr.t('timeline.seq', { seq: entry.seq })}</span>
      </p>
      <p class="entry__note">
        {Number.isInteger(corrects) ? (
          <a href={`#entry-${corrects}`}>{tr.t('timeline.correctsEntry', { seq: corrects })}</a>
        ) : (
          ''
        )}{' '}
        {tr.t('timeline.recordedBy', {
          who: actorName(tr, entry),
          when: formatMoment(tr.lang, entry.recordedAt),
        })}
      </p>
    </li>
  );
}

/** Findings: rule, flag or breach, what was missed, when, and when it was recorded. */
export function FindingsTable(props: {
  tr: Translator;
  findings: readonly FindingView[];
  caption: string;
  id: string;
}): JSX.Element {
  const { tr } = props;
  return (
    <div class="table-wrap" role="region" aria-labelledby={`${props.id}-caption`} tabindex="0">
      <table class="table findings">
        <caption class="table__caption" id={`${props.id}-caption`} safe>
          {props.caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">{tr.t('finding.rule')}</th>
            <th scope="col">{tr.t('finding.kind')}</th>
            <th scope="col">{tr.t('finding.detail')}</th>
            <th scope="col">{tr.t('finding.at')}</th>
          </tr>
        </thead>
        <tbody>
          {props.findings.map((finding) => (
            <tr>
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
              <td>
                <time datetime={finding.at} safe>
                  {formatMoment(tr.lang, finding.at)}
                </time>
                <br />
                <span class="muted">
                  {tr.t('finding.recordedAt', { when: formatMoment(tr.lang, finding.recordedAt) })}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A breach is a strong tag with a warning icon; a flag a plain one: the word always says which. */
export function FindingKindTag(props: { tr: Translator; kind: string }): JSX.Element {
  const breach = props.kind === 'breach';
  return (
    <strong class={['tag', breach ? 'tag--breach' : 'tag--flag']}>
      {breach ? (
        <svg
          class="tag__icon"
          viewBox="0 0 24 24"
          width="16"
          height="16"
          aria-hidden="true"
          focusable="false"
        >
          <path fill="currentColor" fill-rule="evenodd" d="M12 1.5 0.5 21.5h23zM11 8.5h2v7h-2zm0 9h2v2h-2z" />
        </svg>
      ) : (
        ''
      )}
      <span safe>{findingKindName(props.tr, props.kind)}</span>
    </strong>
  );
}
