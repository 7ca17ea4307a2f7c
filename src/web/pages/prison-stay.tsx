import type { ExaminationSummary } from '../../app/medical.js';
import type { StayView } from '../../app/prison-views.js';
import { ReadAuditLink } from '../components/audit-link.js';
import { Clock, ClockTexts } from '../components/clock.js';
import { Layout } from '../components/layout.js';
import { MedicalExaminationsSection } from '../components/medical-examinations.js';
import { RuleTags } from '../components/rule-tag.js';
import {
  LifeSentenceTag,
  RegimeTag,
  SeparationCounter,
  StayStatusTag,
  StayTimeline,
  WarningIcon,
  stayDetailText,
  type StayNames,
} from '../components/prison-parts.js';
import type { FailedForm } from '../components/safeguard-forms.js';
import { StayForms } from '../components/stay-forms.js';
import { FindingsTable } from '../components/timeline.js';
import type { PageContext } from '../context.js';
import { languageName, ruleName } from '../custody-labels.js';
import { formatMoment } from '../custody-time.js';
import { formatDate } from '../format.js';
import { kzCalendarDate } from '../../rules/custody-checks.js';
import type { MessageKey, Translator } from '../i18n.js';
import { paths } from '../paths.js';
import { OpenReferralNotice } from './prison-referrals.js';
import type { StayForm } from '../prison-forms.js';
import {
  appealOutcomeName,
  measureName,
  staffSexName,
  stayEventName,
  vulnerabilityName,
} from '../prison-labels.js';
import { JuvenileTag } from './custody-desk.js';

export interface StayPageProps {
  ctx: PageContext;
  stay: StayView;
  /** The server's time at rendering. */
  now: string;
  prolongedDays: number;
  /** The forms the reader may use now (prison-forms.ts `stayFormsFor`); empty: reading only. */
  forms: readonly StayForm[];
  /** Facility names by id (every facility of the register), for transfers and the register entry. */
  facilities: Readonly<Record<string, string>>;
  /** Remand centres and prisons a person may be transferred to. */
  transferTo: readonly { id: string; name: string }[];
  /** Whether the reader decides discipline here (the governor of the facility). */
  canDecide: boolean;
  /** Whether the reader may open the police custody episode the person came from. */
  canOpenCustody: boolean;
  failed: FailedForm | null;
  /** After POST-redirect-GET: what was just recorded (an event type, or `admitted`). */
  recorded: string | null;
  /** The doctors' examinations of the stay, without clinical content; null when the reader may not see them. */
  examinations?: readonly ExaminationSummary[] | null;
}

export function stayPersonName(person: StayView['person']): string {
  return [person.familyName, person.givenNames, person.patronymic ?? '']
    .filter((part) => part !== '')
    .join(' ');
}

/** Decisions and breach reports by id, described in the reader's language, and facility names. */
export function stayNames(
  tr: Translator,
  stay: StayView,
  facilities: Readonly<Record<string, string>>,
): StayNames {
  const decisions: Record<string, string> = {};
  for (const decision of stay.discipline) {
    const measure = measureName(tr, decision.measure);
    decisions[decision.decisionId] = tr.attr(
      decision.days === null ? 'prison.decision.describe' : 'prison.decision.describe.days',
      { measure, days: decision.days ?? 0, when: formatMoment(tr.lang, decision.decidedAt) },
    );
  }
  const reports: Record<string, string> = {};
  for (const entry of stay.timeline)
    if (entry.type === 'breach-reported' && typeof entry.details.reportId === 'string')
      reports[entry.details.reportId] = tr.attr('prison.report.describe', {
        when: formatMoment(tr.lang, entry.at ?? entry.recordedAt),
        seq: entry.seq,
      });
  return { facilities, decisions, reports };
}

/**
 * One stay in a remand centre or prison: the register entry (intl.register.minimum), the regime
 * and its day counter, the vulnerabilities in force, clocks, findings, disciplinary decisions with
 * their appeals and the attempts national law refused, the forms for what staff record, and the
 * timeline of every entry. Clinical results reach this page only for medical staff (the service
 * withholds them from everyone else, kz.medical.system).
 */
export function StayPage(props: StayPageProps): JSX.Element {
  const { ctx, stay } = props;
  const { tr } = ctx;
  const name = stayPersonName(stay.person);
  const errors = props.failed?.errors ?? [];
  const names = stayNames(tr, stay, props.facilities);
  // Open clocks (running, or overdue and not yet met) first; those that ended, late or not, below.
  const open = (clock: StayView['clocks'][number]) =>
    clock.endedAt === null || Date.parse(clock.endedAt) > Date.parse(props.now);
  const running = stay.clocks.filter(open);
  const ended = stay.clocks.filter((clock) => !open(clock));
  const refused = stay.timeline.filter((entry) => entry.type === 'discipline-refused');
  return (
    <Layout ctx={ctx} title={name} errors={errors}>
      {props.recorded ? <RecordedNotice tr={tr} recorded={props.recorded} /> : ''}
      <p class="caption">{tr.t('prison.stay.caption')}</p>
      <h1 class="heading-xl" safe>
        {name}
      </h1>
      <p class="episode__tags">
        <RegimeTag tr={tr} regime={stay.regime} />
        {stay.lifeSentence ? <LifeSentenceTag tr={tr} /> : ''}
        {stay.juvenile ? <JuvenileTag tr={tr} /> : ''}
        <StayStatusTag tr={tr} status={stay.status} />
      </p>
      <ReadAuditLink ctx={ctx} kind="prison" record={stay.id} />
      <OpenReferralNotice ctx={ctx} stay={stay} />

      <section class="section" aria-labelledby="register-title">
        <h2 class="heading-l" id="register-title">
          {tr.t('prison.stay.register')}
        </h2>
        <p>
          {tr.t('prison.stay.register.lead')} <RuleTags rules={['intl.register.minimum']} />
        </p>
        <RegisterEntry {...props} names={names} />
      </section>

      <section class="section" aria-labelledby="regime-title">
        <h2 class="heading-l" id="regime-title">
          {tr.t('prison.stay.regime')}
        </h2>
        <p>
          <RegimeTag tr={tr} regime={stay.regime} />
        </p>
        <SeparationCounter tr={tr} regime={stay.regime} prolongedDays={props.prolongedDays} />
        {props.canDecide && stay.status === 'held' ? (
          <p>
            <a class="button" href={paths.prisonDiscipline(stay.id)}>
              {tr.t('discipline.title')}
            </a>
          </p>
        ) : (
          ''
        )}
      </section>

      <section class="section" aria-labelledby="vulnerabilities-title">
        <h2 class="heading-l" id="vulnerabilities-title">
          {tr.t('prison.stay.vulnerabilities')}
        </h2>
        {stay.vulnerabilities.length === 0 && !stay.juvenile ? (
          <p>{tr.t('prison.stay.vulnerabilities.none')}</p>
        ) : (
          <ul class="list">
            {stay.juvenile && !stay.vulnerabilities.some((item) => item.kind === 'juvenile') ? (
              <li>{tr.t('prison.stay.juvenileByAge')}</li>
            ) : (
              ''
            )}
            {stay.vulnerabilities.map((vulnerability) => (
              <li>
                <span safe>{vulnerabilityName(tr, vulnerability.kind)}</span>
                {vulnerability.worsenedBySeparation ? <> — {tr.t('prison.stay.worsened')}</> : ''}
              </li>
            ))}
          </ul>
        )}
        <p class="muted">
          {tr.t('prison.stay.vulnerabilities.lead')}{' '}
          <RuleTags rules={['kz.discipline.exempt', 'intl.solitary.exempt']} />
        </p>
      </section>

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

      <MedicalExaminationsSection
        ctx={ctx}
        examinations={props.examinations ?? null}
        personId={stay.personId}
        episode={{ context: 'prison', id: stay.id }}
      />

      <section class="section" aria-labelledby="findings-title">
        <h2 class="heading-l" id="findings-title">
          {tr.t('episode.findings')}
        </h2>
        {stay.findings.length === 0 ? (
          <p>{tr.t('episode.findings.none')}</p>
        ) : (
          <FindingsTable
            tr={tr}
            findings={stay.findings}
            id="findings"
            caption={tr.attr('episode.findings.caption', { count: stay.findings.length })}
          />
        )}
      </section>

      <section class="section" aria-labelledby="discipline-title">
        <h2 class="heading-l" id="discipline-title">
          {tr.t('prison.stay.discipline')}
        </h2>
        <DisciplineTable tr={tr} stay={stay} names={names} />
        {refused.length > 0 ? (
          <div class="refused-attempts">
            <h3 class="heading-m">{tr.t('prison.stay.refused', { count: refused.length })}</h3>
            <p>{tr.t('prison.stay.refused.lead')}</p>
            <ul class="list list--plain">
              {refused.map((entry) => (
                <li class="refused-attempt">
                  <WarningIcon class="entry__icon" />
                  <a href={`#entry-${entry.seq}`} safe>
                    {typeof entry.details.days === 'number'
                      ? tr.attr('prison.refusedAttempt.days', {
                          measure: measureName(tr, String(entry.details.measure ?? '')),
                          days: entry.details.days,
                        })
                      : tr.attr('prison.refusedAttempt', {
                          measure: measureName(tr, String(entry.details.measure ?? '')),
                        })}
                  </a>
                  {entry.at !== null ? (
                    <>
                      {' ('}
                      <time datetime={entry.at} safe>
                        {formatMoment(tr.lang, entry.at)}
                      </time>
                      {')'}
                    </>
                  ) : (
                    ''
                  )}
                  <br />
                  <span safe>
                    {tr.attr('prison.refusedAttempt.rule', {
                      name: ruleName(tr, String(entry.details.rule ?? '')),
                    })}
                  </span>{' '}
                  <code class="rule-id" safe>
                    {String(entry.details.rule ?? '')}
                  </code>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          ''
        )}
      </section>

      {props.forms.length > 0 ? (
        <section class="section" aria-labelledby="record-title">
          <h2 class="heading-l" id="record-title">
            {tr.t('prison.stay.record')}
          </h2>
          <p>
            {stay.status === 'held' ? tr.t('prison.stay.record.lead') : tr.t('prison.stay.record.closed')}
          </p>
          <StayForms
            tr={tr}
            stay={stay}
            forms={props.forms}
            csrfToken={ctx.csrfToken ?? ''}
            facilities={props.transferTo}
            decisions={names.decisions}
            failed={props.failed}
          />
        </section>
      ) : (
        ''
      )}

      {stay.exercise.length > 0 ? (
        <section class="section" aria-labelledby="exercise-title">
          <h2 class="heading-l" id="exercise-title">
            {tr.t('prison.stay.exercise.title')}
          </h2>
          <p>{tr.t('prison.stay.exercise.lead')}</p>
          <div class="table-wrap" role="region" aria-labelledby="exercise-title" tabindex="0">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{tr.t('prison.stay.exercise.date')}</th>
                  <th scope="col">{tr.t('prison.stay.exercise.minutes')}</th>
                </tr>
              </thead>
              <tbody>
                {stay.exercise.map((day) => (
                  <tr>
                    <td>
                      <time datetime={day.date} safe>
                        {formatDate(tr.lang, day.date)}
                      </time>
                    </td>
                    <td>
                      {day.minutes >= 60 ? (
                        <span safe>{String(day.minutes)}</span>
                      ) : day.date === kzCalendarDate(props.now) ? (
                        // Today is not over: what is logged so far, not yet a shortfall.
                        <span safe>{tr.attr('prison.stay.exercise.today', { minutes: day.minutes })}</span>
                      ) : (
                        <strong safe>
                          {tr.attr('prison.stay.exercise.short', { minutes: day.minutes })}
                        </strong>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : (
        ''
      )}

      <section class="section" aria-labelledby="timeline-title">
        <h2 class="heading-l" id="timeline-title">
          {tr.t('episode.timeline')}
        </h2>
        <p>{tr.t('prison.stay.timeline.lead')}</p>
        <StayTimeline tr={tr} entries={stay.timeline} names={names} canOpenCustody={props.canOpenCustody} />
      </section>
      <script src={paths.custodyScript} defer></script>
    </Layout>
  );
}

/** The register's entry (intl.register.minimum): who, by whose order, since when, where, and how it ended. */
function RegisterEntry(props: StayPageProps & { names: StayNames }): JSX.Element {
  const { ctx, stay, names } = props;
  const { tr } = ctx;
  const none = tr.attr('custody.value.none');
  const order = stay.commitmentOrder;
  const endings = stay.timeline.filter(
    (entry) => entry.type === 'released' || entry.type === 'transferred' || entry.type === 'died',
  );
  const rows: { key: MessageKey; value: JSX.Element | string }[] = [
    {
      key: 'prison.person',
      value: (
        <>
          <span safe>{stayPersonName(stay.person)}</span>
          {', '}
          <span safe>{formatDate(tr.lang, stay.person.birthDate)}</span>{' '}
          <a href={paths.person(stay.personId)}>{tr.t('custody.personLink')}</a>
        </>
      ),
    },
    { key: 'person.sex', value: <span safe>{staffSexName(tr, stay.sex)}</span> },
    {
      key: 'custody.detail.languages',
      value: <span safe>{stay.person.languages.map((tag) => languageName(tr, tag)).join(', ') || none}</span>,
    },
    {
      key: 'prison.stay.facilityNow',
      value: <span safe>{stay.facility.name}</span>,
    },
    {
      key: 'prison.stay.deprivedAt',
      value: (
        <time datetime={stay.deprivedOfLiberty.at} safe>
          {formatMoment(tr.lang, stay.deprivedOfLiberty.at)}
        </time>
      ),
    },
    { key: 'prison.stay.deprivedPlace', value: <span safe>{stay.deprivedOfLiberty.place}</span> },
    {
      key: 'prison.stay.deprivedAuthority',
      value: <span safe>{stay.deprivedOfLiberty.authority ?? none}</span>,
    },
    {
      key: 'prison.admittedAt',
      value: (
        <time datetime={stay.admittedAt} safe>
          {formatMoment(tr.lang, stay.admittedAt)}
        </time>
      ),
    },
    {
      key: 'custody.recordedAt',
      value: (
        <time datetime={stay.recordedAt} safe>
          {formatMoment(tr.lang, stay.recordedAt)}
        </time>
      ),
    },
    { key: 'admit.order.reference', value: <span safe>{order.reference}</span> },
    { key: 'admit.order.authority', value: <span safe>{order.authority ?? none}</span> },
    {
      key: 'prison.stay.orderIssuedOn',
      value: <span safe>{order.issuedOn === null ? none : formatDate(tr.lang, order.issuedOn)}</span>,
    },
    { key: 'admit.order.grounds', value: <span safe>{order.grounds ?? none}</span> },
    {
      key: 'prison.detail.custodyId',
      value:
        stay.custodyId === null ? (
          none
        ) : props.canOpenCustody ? (
          <a href={paths.custodyEpisode(stay.custodyId)}>{tr.t('prison.stay.custodyLink')}</a>
        ) : (
          <code safe>{stay.custodyId}</code>
        ),
    },
    {
      key: 'prison.detail.lifeSentence',
      value: tr.t(stay.lifeSentence ? 'custody.value.yes' : 'custody.value.no'),
    },
    {
      key: 'prison.stay.endings',
      value:
        endings.length === 0 ? (
          none
        ) : (
          <ul class="list list--plain">
            {endings.map((entry) => (
              <li>
                <a href={`#entry-${entry.seq}`} safe>
                  {stayEventName(tr, entry.type)}
                </a>
                {entry.at !== null ? (
                  <>
                    {', '}
                    <time datetime={entry.at} safe>
                      {formatMoment(tr.lang, entry.at)}
                    </time>
                  </>
                ) : (
                  ''
                )}
                {entry.type === 'transferred' ? (
                  <span safe>
                    {`: ${stayDetailText(tr, entry.type, 'destinationFacilityId', entry.details.destinationFacilityId, names)} (${stayDetailText(tr, entry.type, 'reason', entry.details.reason, names)})`}
                  </span>
                ) : entry.type === 'died' ? (
                  <span
                    safe
                  >{`: ${stayDetailText(tr, entry.type, 'circumstances', entry.details.circumstances, names)}`}</span>
                ) : typeof entry.details.reason === 'string' ? (
                  <span safe>{`: ${entry.details.reason}`}</span>
                ) : (
                  ''
                )}
              </li>
            ))}
          </ul>
        ),
    },
  ];
  return (
    <dl class="summary">
      {rows.map((row) => (
        <div class="summary__row">
          <dt class="summary__key">{tr.t(row.key)}</dt>
          <dd class="summary__value">{row.value}</dd>
        </div>
      ))}
      <div class="summary__row">
        <dt class="summary__key">{tr.t('episode.version')}</dt>
        <dd class="summary__value">{String(stay.version)}</dd>
      </div>
    </dl>
  );
}

/** The governor's decisions: measure, days, from and until, the reason, and where each appeal stands. */
function DisciplineTable(props: { tr: Translator; stay: StayView; names: StayNames }): JSX.Element {
  const { tr, stay } = props;
  if (stay.discipline.length === 0) return <p>{tr.t('prison.stay.discipline.none')}</p>;
  return (
    <div class="table-wrap" role="region" aria-labelledby="discipline-caption" tabindex="0">
      <table class="table">
        <caption class="table__caption" id="discipline-caption">
          {tr.t('prison.stay.discipline.caption', { count: stay.discipline.length })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{tr.t('prison.stay.decidedAt')}</th>
            <th scope="col">{tr.t('prison.detail.measure')}</th>
            <th scope="col">{tr.t('prison.stay.period')}</th>
            <th scope="col">{tr.t('prison.detail.reason')}</th>
            <th scope="col">{tr.t('prison.stay.appeal')}</th>
          </tr>
        </thead>
        <tbody>
          {stay.discipline.map((decision) => (
            <tr>
              <td>
                <time datetime={decision.decidedAt} safe>
                  {formatMoment(tr.lang, decision.decidedAt)}
                </time>
              </td>
              <td>
                <span safe>{measureName(tr, decision.measure)}</span>
                {decision.days !== null ? (
                  <>
                    <br />
                    {tr.t('prison.stay.days', { count: decision.days })}
                  </>
                ) : (
                  ''
                )}
              </td>
              <td>
                <time datetime={decision.startsAt} safe>
                  {formatMoment(tr.lang, decision.startsAt)}
                </time>
                {decision.endsAt !== null ? (
                  <>
                    {' — '}
                    <time datetime={decision.endsAt} safe>
                      {formatMoment(tr.lang, decision.endsAt)}
                    </time>
                  </>
                ) : (
                  ''
                )}
              </td>
              <td safe>{decision.reason}</td>
              <td>
                {!decision.appealed
                  ? tr.t('prison.stay.appeal.none')
                  : decision.appealOutcome === null
                    ? tr.t('prison.stay.appeal.pending')
                    : tr.t('prison.stay.appeal.decided', {
                        outcome: appealOutcomeName(tr, decision.appealOutcome),
                      })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RecordedNotice(props: { tr: Translator; recorded: string }): JSX.Element {
  const { tr } = props;
  const text =
    props.recorded === 'admitted'
      ? tr.t('prison.stay.admitted')
      : tr.t('episode.recorded', { what: stayEventName(tr, props.recorded) });
  return (
    <div class="notice notice--success" role="status">
      <p class="notice__text">{text}</p>
    </div>
  );
}
