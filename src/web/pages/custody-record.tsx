import type { CustodyView, TimelineEntryView } from '../../app/custody-views.js';
import type { SafeguardEventType } from '../../domain/custody/events.js';
import { clockLevel, LEVEL_TEXT, LevelIcon } from '../components/clock.js';
import { Layout } from '../components/layout.js';
import {
  CorrectedValue,
  Corrections,
  detailText,
  EntryDetails,
  type FacilityNames,
  FindingKindTag,
  requestNames,
  type RequestNames,
} from '../components/timeline.js';
import type { PageContext } from '../context.js';
import { DETAIL_LABELS, eventName, languageName, ruleName, statusName } from '../custody-labels.js';
import { formatMoment } from '../custody-time.js';
import { findingText } from '../finding-text.js';
import { formatDate } from '../format.js';
import { paths } from '../paths.js';
import { personName } from './custody-episode.js';

/**
 * The safeguards the record lists, in the order of the custody (RULES.md "Police custody"), each
 * with the entries that record it or "not recorded": what the detainee or their counsel needs to
 * see that each was respected, and when.
 */
const RECORD_SAFEGUARDS: readonly SafeguardEventType[] = [
  'rights-explained',
  'counsel-requested',
  'counsel-arrived',
  'family-notified',
  'medical-examined',
  'injury-recorded',
  'consular-rights-explained',
  'consulate-notified',
  'court-decision',
  'transferred',
  'released',
];

const FOREIGN_ONLY = new Set<string>(['consular-rights-explained', 'consulate-notified']);

export interface RecordPageProps {
  /** The page in the record's language (the person's, or `?lang=`). */
  ctx: PageContext;
  custody: CustodyView;
  /** The server's time at printing. */
  now: string;
  facilities: FacilityNames;
  /** The official who prints it. */
  printedBy: string;
}

/**
 * The printable custody record (intl.custody.record-copy, BoP 12(2)): for the detainee or their
 * counsel, in the person's language, every safeguard with its time, the corrections beside what
 * they correct, the findings, the consular notification and the interpreter used. On paper (A4)
 * it prints without the site's header, menu or footer (public/style.css, `@media print`).
 */
export function RecordPage(props: RecordPageProps): JSX.Element {
  const { ctx, custody } = props;
  const { tr } = ctx;
  const name = personName(custody.person);
  const entries = (type: string) => custody.timeline.filter((entry) => entry.type === type);
  const rights = entries('rights-explained');
  const interpreters = rights
    .map((entry) => entry.details.interpreter)
    .filter((value): value is string => typeof value === 'string' && value !== '');
  const corrections = custody.timeline.flatMap((entry) =>
    entry.corrections.map((correction) => ({ entry, correction })),
  );
  const limit = custody.clocks.find((clock) => clock.rule === 'kz.custody.limit');
  const opened = custody.timeline.find((entry) => entry.type === 'custody-opened');
  const seqs = custody.timeline.map((entry) => entry.seq);
  const names: Record<string, string> = {};
  for (const entry of custody.timeline) if (entry.actorName) names[entry.actor] = entry.actorName;
  return (
    <Layout ctx={ctx} title={tr.attr('record.title', { name })}>
      <div class="record">
        <p class="no-print">
          <a href={paths.custodyEpisode(custody.id)}>{tr.t('record.back')}</a>
        </p>
        <div class="no-print record__actions">
          <button class="button" type="button" data-print hidden>
            {tr.t('record.print')}
          </button>
          <p class="field__hint">{tr.t('record.printHint')}</p>
        </div>
        <header class="record__head">
          <p class="caption">{tr.t('record.caption')}</p>
          <h1 class="heading-xl">{tr.t('record.heading')}</h1>
          <p class="record__basis">{tr.t('record.basis')}</p>
        </header>

        <section class="record__section" aria-labelledby="record-person">
          <h2 class="heading-m" id="record-person">
            {tr.t('record.person')}
          </h2>
          <dl class="summary summary--record">
            <Row label={tr.t('custody.person')} value={name} />
            <Row label={tr.t('person.birthDate')} value={formatDate(tr.lang, custody.person.birthDate)} />
            <Row
              label={tr.t('person.citizenship.short')}
              value={custody.person.citizenship ?? tr.attr('person.citizenship.none')}
            />
            <Row
              label={tr.t('custody.detail.languages')}
              value={
                custody.person.languages.map((tag) => languageName(tr, tag)).join(', ') ||
                tr.attr('custody.value.none')
              }
            />
            <Row
              label={tr.t('custody.juvenileQuestion')}
              value={tr.attr(custody.juvenile ? 'custody.value.yes' : 'custody.value.no')}
            />
          </dl>
        </section>

        <section class="record__section" aria-labelledby="record-arrest">
          <h2 class="heading-m" id="record-arrest">
            {tr.t('record.arrest')}
          </h2>
          <dl class="summary summary--record">
            <Row label={tr.t('custody.facility')} value={custody.facility.name} />
            <Row label={tr.t('custody.recordedAt')} value={formatMoment(tr.lang, custody.recordedAt)} />
            <Row label={tr.t('custody.status')} value={statusName(tr, custody.status)} />
            <Row label={tr.t('record.number')} value={custody.id} code />
          </dl>
          {opened ? (
            <dl class="summary summary--record">
              {(['apprehendedAt', 'place', 'grounds', 'arrestingOfficer', 'orderingAuthority'] as const).map(
                (field) => {
                  const value = opened.details[field];
                  return (
                    <div class="summary__row">
                      <dt class="summary__key">{tr.t(DETAIL_LABELS[field])}</dt>
                      <dd class="summary__value">
                        <CorrectedValue
                          tr={tr}
                          field={field}
                          original={value}
                          corrections={typeof value === 'string' ? opened.corrections : []}
                          format={(text) => detailText(tr, field, text, props.facilities, opened)}
                        />
                      </dd>
                    </div>
                  );
                },
              )}
            </dl>
          ) : (
            ''
          )}
          {limit ? (
            <p class="record__limit">
              <LevelIcon level={clockLevel(limit)} /> <strong>{tr.t(LEVEL_TEXT[clockLevel(limit)])}</strong>{' '}
              {tr.t(
                limit.state === 'running' || limit.state === 'breached'
                  ? 'record.limit.due'
                  : 'record.limit.ended',
                {
                  rule: ruleName(tr, limit.rule),
                  when: formatMoment(tr.lang, limit.endedAt ?? limit.dueAt),
                },
              )}
            </p>
          ) : (
            ''
          )}
        </section>

        <section class="record__section" aria-labelledby="record-safeguards">
          <h2 class="heading-m" id="record-safeguards">
            {tr.t('record.safeguards')}
          </h2>
          <table class="table record__table">
            <caption class="visually-hidden">{tr.t('record.safeguards')}</caption>
            <thead>
              <tr>
                <th scope="col">{tr.t('record.safeguard')}</th>
                <th scope="col">{tr.t('record.when')}</th>
                <th scope="col">{tr.t('record.details')}</th>
              </tr>
            </thead>
            <tbody>
              {RECORD_SAFEGUARDS.filter((type) => !FOREIGN_ONLY.has(type) || custody.foreignNational).map(
                (type) => {
                  const list = entries(type);
                  if (list.length === 0)
                    return (
                      <tr>
                        <th scope="row" safe>
                          {eventName(tr, type)}
                        </th>
                        <td colspan="2" class="record__missing">
                          {tr.t('record.notRecorded')}
                        </td>
                      </tr>
                    );
                  return list.map((entry) => (
                    <SafeguardRow
                      ctx={ctx}
                      entry={entry}
                      facilities={props.facilities}
                      requests={requestNames(tr, custody.timeline)}
                    />
                  ));
                },
              )}
            </tbody>
          </table>
          <dl class="summary summary--record">
            <Row
              label={tr.t('record.interpreter')}
              value={interpreters.length > 0 ? interpreters.join(', ') : tr.attr('record.interpreter.none')}
            />
            <Row
              label={tr.t('record.rightsLanguage')}
              value={
                rights
                  .map((entry) => entry.details.language)
                  .filter((value): value is string => typeof value === 'string')
                  .map((tag) => languageName(tr, tag))
                  .join(', ') || tr.attr('record.notRecorded')
              }
            />
            {custody.foreignNational ? (
              <Row label={tr.t('record.consular')} value={consularSummary(ctx, custody)} />
            ) : (
              ''
            )}
          </dl>
        </section>

        <section class="record__section" aria-labelledby="record-corrections">
          <h2 class="heading-m" id="record-corrections">
            {tr.t('record.corrections')}
          </h2>
          {corrections.length === 0 ? (
            <p>{tr.t('record.corrections.none')}</p>
          ) : (
            custody.timeline
              .filter((entry) => entry.corrections.length > 0)
              .map((entry) => (
                <div class="record__correction">
                  <p>
                    <strong safe>{eventName(tr, entry.type)}</strong> (
                    {tr.t('timeline.seq', { seq: entry.seq })})
                  </p>
                  <Corrections tr={tr} corrections={entry.corrections} entry={entry} names={names} />
                </div>
              ))
          )}
        </section>

        <section class="record__section" aria-labelledby="record-findings">
          <h2 class="heading-m" id="record-findings">
            {tr.t('record.findings')}
          </h2>
          {custody.findings.length === 0 ? (
            <p>{tr.t('record.findings.none')}</p>
          ) : (
            <ul class="record__findings">
              {custody.findings.map((finding) => (
                <li>
                  <FindingKindTag tr={tr} kind={finding.kind} />{' '}
                  <strong safe>{ruleName(tr, finding.rule)}</strong> (<code safe>{finding.rule}</code>),{' '}
                  <time datetime={finding.at} safe>
                    {formatMoment(tr.lang, finding.at)}
                  </time>
                  {'.'} <span safe>{findingText(tr, finding)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <footer class="record__foot">
          <p>
            {tr.t('record.printed', {
              when: formatMoment(tr.lang, props.now),
              who: props.printedBy,
            })}
          </p>
          <p>{tr.t('record.log', { count: seqs.length, seqs: seqs.join(', ') })}</p>
          <div class="record__signatures">
            <p>{tr.t('record.signature.detainee')}</p>
            <p>{tr.t('record.signature.officer')}</p>
          </div>
        </footer>
      </div>
      <script src={paths.custodyScript} defer></script>
    </Layout>
  );
}

function Row(props: { label: string; value: string; code?: boolean }): JSX.Element {
  return (
    <div class="summary__row">
      <dt class="summary__key">{props.label}</dt>
      <dd class="summary__value">
        {props.code ? <code safe>{props.value}</code> : <span safe>{props.value}</span>}
      </dd>
    </div>
  );
}

function SafeguardRow(props: {
  ctx: PageContext;
  entry: TimelineEntryView;
  facilities: FacilityNames;
  requests: RequestNames;
}): JSX.Element {
  const { tr } = props.ctx;
  const { entry } = props;
  const corrected = entry.corrections.filter((correction) => correction.field === 'at').at(-1);
  return (
    <tr>
      <th scope="row" safe>
        {eventName(tr, entry.type)}
      </th>
      <td>
        {entry.at === null ? (
          tr.t('custody.value.none')
        ) : corrected ? (
          <>
            <span class="visually-hidden">{tr.t('correction.original')}</span>
            <del class="corrected__old" safe>
              {formatMoment(tr.lang, entry.at)}
            </del>{' '}
            <span class="visually-hidden">{tr.t('correction.current')}</span>
            <ins class="corrected__new" safe>
              {formatMoment(tr.lang, corrected.to)}
            </ins>
          </>
        ) : (
          <time datetime={entry.at} safe>
            {formatMoment(tr.lang, entry.at)}
          </time>
        )}
        <br />
        <span class="muted">
          {tr.t('record.recorded', { when: formatMoment(tr.lang, entry.recordedAt) })}
        </span>
      </td>
      <td>
        <EntryDetails tr={tr} entry={entry} facilities={props.facilities} requests={props.requests} />
      </td>
    </tr>
  );
}

/** intl.custody.consular: told of the right, asked or not, and the consulate notified. */
function consularSummary(ctx: PageContext, custody: CustodyView): string {
  const { tr } = ctx;
  const told = custody.timeline.filter((entry) => entry.type === 'consular-rights-explained').at(-1);
  const notified = custody.timeline.filter((entry) => entry.type === 'consulate-notified').at(-1);
  const parts: string[] = [];
  parts.push(
    told?.at
      ? tr.attr(
          told.details.notificationRequested === true ? 'record.consular.requested' : 'record.consular.told',
          {
            when: formatMoment(tr.lang, told.at),
          },
        )
      : tr.attr('record.consular.notTold'),
  );
  if (notified?.at)
    parts.push(
      tr.attr('record.consular.notified', {
        consulate: String(notified.details.consulate ?? ''),
        when: formatMoment(tr.lang, notified.at),
      }),
    );
  return parts.join(' ');
}
