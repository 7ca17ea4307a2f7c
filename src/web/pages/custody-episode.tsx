import type { CustodyView } from '../../app/custody-views.js';
import type { ExaminationSummary } from '../../app/medical.js';
import { ReadAuditLink } from '../components/audit-link.js';
import { Clock, ClockTexts } from '../components/clock.js';
import { Layout } from '../components/layout.js';
import { MedicalExaminationsSection } from '../components/medical-examinations.js';
import { CorrectionForm, SafeguardForms, type FailedForm } from '../components/safeguard-forms.js';
import { FindingsTable, Timeline } from '../components/timeline.js';
import type { PageContext } from '../context.js';
import type { SafeguardForm } from '../custody-forms.js';
import { eventName, languageName } from '../custody-labels.js';
import { formatMoment } from '../custody-time.js';
import { formatDate } from '../format.js';
import type { MessageKey } from '../i18n.js';
import { paths } from '../paths.js';
import { JuvenileTag, StatusTag } from './custody-desk.js';
import { InterviewsSection } from './custody-interview.js';

export interface EpisodePageProps {
  ctx: PageContext;
  custody: CustodyView;
  /** The server's time at rendering. */
  now: string;
  /** Who the reader records as here (the custody unit or a judge), or null: reading only. */
  recorder: 'unit' | 'judge' | null;
  /** The safeguard forms the reader may use now (custody-forms.ts `formsFor`). */
  forms: readonly SafeguardForm[];
  /** Facilities a person may be transferred to. */
  facilities: readonly { id: string; name: string }[];
  /** The form that came back with errors, if any. */
  failed: FailedForm | null;
  /** After POST-redirect-GET: what was just recorded (an event type, `corrected` or `registered`). */
  recorded: string | null;
  /** The doctors' examinations of the episode, without clinical content; null when the reader may not see them. */
  examinations?: readonly ExaminationSummary[] | null;
}

export function personName(person: CustodyView['person']): string {
  return [person.familyName, person.givenNames, person.patronymic ?? '']
    .filter((part) => part !== '')
    .join(' ');
}

/**
 * One custody episode: who, where, since when (the moment of apprehension and the moment the record
 * was drawn up, both kept: kz.custody.actual-time), its clocks, findings, the safeguards to record
 * and the timeline of every entry.
 */
export function EpisodePage(props: EpisodePageProps): JSX.Element {
  const { ctx, custody } = props;
  const { tr } = ctx;
  const name = personName(custody.person);
  const errors = props.failed?.errors ?? [];
  const running = custody.clocks.filter((clock) => clock.state === 'running' || clock.state === 'breached');
  const ended = custody.clocks.filter((clock) => clock.state !== 'running' && clock.state !== 'breached');
  const openReferrals = custody.referrals.filter((referral) => referral.status === 'open');
  // A field of the arrest record that was corrected says so, and points to the original in the timeline.
  const opened = custody.timeline.find((entry) => entry.type === 'custody-opened');
  const correctedNote = (field: string): JSX.Element | string =>
    opened?.corrections.some((correction) => correction.field === field) ? (
      <>
        {' '}
        <a href={`#entry-${opened.seq}`}>{tr.t('episode.correctedNote')}</a>
      </>
    ) : (
      ''
    );
  const rows: { key: MessageKey; value: JSX.Element | string }[] = [
    {
      key: 'custody.person',
      value: (
        <>
          <span safe>{name}</span>
          {', '}
          <span safe>{formatDate(tr.lang, custody.person.birthDate)}</span>{' '}
          <a href={paths.person(custody.personId)}>{tr.t('custody.personLink')}</a>
        </>
      ),
    },
    { key: 'custody.facility', value: <span safe>{custody.facility.name}</span> },
    {
      key: 'custody.apprehendedAt',
      value: (
        <>
          <time datetime={custody.apprehendedAt} safe>
            {formatMoment(tr.lang, custody.apprehendedAt)}
          </time>
          {correctedNote('apprehendedAt')}
        </>
      ),
    },
    {
      key: 'custody.recordedAt',
      value: (
        <time datetime={custody.recordedAt} safe>
          {formatMoment(tr.lang, custody.recordedAt)}
        </time>
      ),
    },
    {
      key: 'custody.detail.place',
      value: (
        <>
          <span safe>{custody.place}</span>
          {correctedNote('place')}
        </>
      ),
    },
    {
      key: 'custody.detail.grounds',
      value: (
        <>
          <span safe>{custody.grounds}</span>
          {correctedNote('grounds')}
        </>
      ),
    },
    {
      key: 'custody.detail.arrestingOfficer',
      value: (
        <>
          <span safe>{custody.arrestingOfficer}</span>
          {correctedNote('arrestingOfficer')}
        </>
      ),
    },
    {
      key: 'custody.detail.orderingAuthority',
      value: <span safe>{custody.orderingAuthority ?? tr.attr('custody.value.none')}</span>,
    },
    {
      key: 'custody.detail.languages',
      value: (
        <span safe>
          {custody.person.languages.map((tag) => languageName(tr, tag)).join(', ') ||
            tr.attr('custody.value.none')}
        </span>
      ),
    },
    {
      key: 'person.citizenship.short',
      value: <span safe>{custody.person.citizenship ?? tr.attr('person.citizenship.none')}</span>,
    },
  ];
  return (
    <Layout ctx={ctx} title={name} errors={errors}>
      {props.recorded ? <RecordedNotice ctx={ctx} recorded={props.recorded} /> : ''}
      <p class="caption">{tr.t('episode.caption')}</p>
      <h1 class="heading-xl" safe>
        {name}
      </h1>
      <p class="episode__tags">
        {custody.juvenile ? <JuvenileTag tr={tr} /> : ''}
        {custody.foreignNational ? (
          <strong class="tag tag--foreign">{tr.t('custody.foreignNational')}</strong>
        ) : (
          ''
        )}
        <StatusTag tr={tr} status={custody.status} />
      </p>
      <dl class="summary">
        {rows.map((row) => (
          <div class="summary__row">
            <dt class="summary__key">{tr.t(row.key)}</dt>
            <dd class="summary__value">{row.value}</dd>
          </div>
        ))}
        <div class="summary__row">
          <dt class="summary__key">{tr.t('episode.version')}</dt>
          <dd class="summary__value">{String(custody.version)}</dd>
        </div>
      </dl>
      <p>
        <a class="button button--secondary" href={paths.custodyRecord(custody.id)}>
          {tr.t('episode.recordLink')}
        </a>
      </p>
      <ReadAuditLink ctx={ctx} kind="custody" record={custody.id} />
      {openReferrals.length > 0 ? (
        <div class="notice notice--warning">
          <p class="notice__text">{tr.t('episode.referralsOpen', { count: openReferrals.length })}</p>
        </div>
      ) : (
        ''
      )}

      <section class="section" aria-labelledby="clocks-title">
        <h2 class="heading-l" id="clocks-title">
          {tr.t('episode.clocks')}
        </h2>
        <ClockTexts tr={tr} now={props.now} />
        {running.length === 0 ? <p>{tr.t('episode.clocks.none')}</p> : ''}
        <ul class="clock-grid">
          {running.map((clock) => (
            <li>
              <Clock tr={tr} clock={clock} now={props.now} headingLevel={3} />
            </li>
          ))}
        </ul>
        {ended.length > 0 ? (
          <details class="details">
            <summary class="details__summary">
              {tr.t('episode.clocks.ended', { count: ended.length })}
            </summary>
            <ul class="clock-grid">
              {ended.map((clock) => (
                <li>
                  <Clock tr={tr} clock={clock} now={props.now} headingLevel={3} />
                </li>
              ))}
            </ul>
          </details>
        ) : (
          ''
        )}
      </section>

      {props.recorder !== null ? (
        <section class="section" aria-labelledby="record-title">
          <h2 class="heading-l" id="record-title">
            {tr.t('episode.record')}
          </h2>
          {custody.status === 'in-custody' ? (
            <p>{tr.t('episode.record.lead')}</p>
          ) : (
            <p>{tr.t('episode.record.closed')}</p>
          )}
          <SafeguardForms
            tr={tr}
            custody={custody}
            forms={props.forms}
            csrfToken={ctx.csrfToken ?? ''}
            facilities={props.facilities}
            failed={props.failed}
          />
          {/* Corrections are the custody unit's (src/app/custody.ts). */}
          {props.recorder === 'unit' ? (
            <CorrectionForm
              tr={tr}
              custody={custody}
              csrfToken={ctx.csrfToken ?? ''}
              facilities={props.facilities}
              failed={props.failed}
            />
          ) : (
            ''
          )}
        </section>
      ) : (
        ''
      )}

      <MedicalExaminationsSection
        ctx={ctx}
        examinations={props.examinations ?? null}
        personId={custody.personId}
        episode={{ context: 'custody', id: custody.id }}
      />

      <InterviewsSection ctx={ctx} custody={custody} canRecord={props.recorder === 'unit'} />

      <section class="section" aria-labelledby="findings-title">
        <h2 class="heading-l" id="findings-title">
          {tr.t('episode.findings')}
        </h2>
        {custody.findings.length === 0 ? (
          <p>{tr.t('episode.findings.none')}</p>
        ) : (
          <FindingsTable
            tr={tr}
            findings={custody.findings}
            id="findings"
            caption={tr.attr('episode.findings.caption', { count: custody.findings.length })}
          />
        )}
      </section>

      <section class="section" aria-labelledby="timeline-title">
        <h2 class="heading-l" id="timeline-title">
          {tr.t('episode.timeline')}
        </h2>
        <p>{tr.t('episode.timeline.lead')}</p>
        <Timeline
          tr={tr}
          entries={custody.timeline}
          findings={custody.findings}
          facilities={Object.fromEntries(props.facilities.map((facility) => [facility.id, facility.name]))}
        />
      </section>
      <script src={paths.custodyScript} defer></script>
    </Layout>
  );
}

function RecordedNotice(props: { ctx: PageContext; recorded: string }): JSX.Element {
  const { tr } = props.ctx;
  const text =
    props.recorded === 'registered'
      ? tr.t('episode.registered')
      : props.recorded === 'corrected'
        ? tr.t('episode.corrected')
        : tr.t('episode.recorded', { what: eventName(tr, props.recorded) });
  return (
    <div class="notice notice--success" role="status">
      <p class="notice__text">{text}</p>
    </div>
  );
}
