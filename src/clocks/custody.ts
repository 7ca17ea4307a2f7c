import type { FindingRecorded } from '../domain/custody/events.js';
import { findingParams, type FindingParams } from '../domain/findings.js';
import { apprehensionInForce, statedTimes } from '../domain/custody/in-force.js';
import type { CustodyState, TimelineItem } from '../domain/custody/state.js';
import { isoOfMillis } from '../domain/iso-time.js';
import { custodyLimitHours } from '../rules/custody-checks.js';
import { packOf, type CustodyRules } from '../rules/custody-rules.js';
import { clockAt } from './clock-at.js';
import type { Clock } from './types.js';

export { apprehensionInForce, statedAt } from '../domain/custody/in-force.js';
export { clockAt } from './clock-at.js';

/*
 * The clocks of a custody episode (RULES.md "Police custody"), derived from its state alone: no
 * `now`, no I/O. Each clock starts with an event, is met by the safeguard it waits for or stopped
 * when it no longer applies (release, transfer), and is breached when its due time passes first
 * (`clockAt`). Corrections never help a record look compliant (src/domain/custody/in-force.ts):
 * clocks run from the earliest time stated for their start, safeguards count at the latest time
 * stated for them, and a safeguard answers a request only if every time stated for it is at or
 * after every time stated for the request.
 */

const HOUR_MS = 3_600_000;
const ms = (iso: string): number => Date.parse(iso);
const iso = isoOfMillis;

/** A clock and what its finding says if the clock is missed: in English, and as data for the pages. */
interface ScheduledClock {
  clock: Clock;
  missed: string;
  params: FindingParams;
}

/** How an event's stated time counts: from when it may have started, until when it may have ended. */
interface Stated {
  item: TimelineItem;
  earliest: number;
  latest: number;
}

function stated(state: CustodyState, item: TimelineItem): Stated | null {
  const times = statedTimes(state, item.seq);
  return times ? { item, earliest: ms(times.earliest), latest: ms(times.latest) } : null;
}

function eventsOf(state: CustodyState, ...types: TimelineItem['event']['type'][]): Stated[] {
  const found: Stated[] = [];
  for (const item of state.timeline) {
    if (!types.includes(item.event.type)) continue;
    const times = stated(state, item);
    if (times) found.push(times);
  }
  return found;
}

const earliestOf = (moments: number[]): number | null => (moments.length > 0 ? Math.min(...moments) : null);

/** Met at the first meeting moment unless stopped before it; running when neither happened. */
function ending(meets: number[], stops: number[]): Pick<Clock, 'outcome' | 'endedAt'> {
  const met = earliestOf(meets);
  const stopped = earliestOf(stops);
  if (met !== null && (stopped === null || met <= stopped)) return { outcome: 'met', endedAt: iso(met) };
  if (stopped !== null) return { outcome: 'stopped', endedAt: iso(stopped) };
  return { outcome: 'running', endedAt: null };
}

const hoursText = (hours: number): string => `${Number(hours.toFixed(2))} h`;

/** What a clock is made of before it gets its pack: the rest is derived. */
interface ClockSpec {
  key: string;
  rule: string;
  kind: Clock['kind'];
  startedAt: number;
  hours: number;
  end: Pick<Clock, 'outcome' | 'endedAt'>;
  missed: string;
  params: FindingParams;
}

/** Every clock of the episode, with what its finding would say; [] before the episode is opened. */
function scheduleCustodyClocks(state: CustodyState, rules: CustodyRules): ScheduledClock[] {
  const opened = state.opened;
  const apprehendedAt = apprehensionInForce(state);
  if (!opened || apprehendedAt === null) return [];
  const apprehended = ms(apprehendedAt);
  // A safeguard meets a clock at the latest time stated for it; the end of custody stops a clock
  // at the latest time stated for it too (an earlier corrected release cannot rescue a late one).
  const ends = eventsOf(state, 'released', 'transferred').map((event) => event.latest);
  const latestOf = (...types: TimelineItem['event']['type'][]) =>
    eventsOf(state, ...types).map((event) => event.latest);

  const scheduled: ScheduledClock[] = [];
  const add = ({ key, rule, kind, startedAt, hours, end, missed, params }: ClockSpec) =>
    scheduled.push({
      clock: {
        key,
        rule,
        ...packOf(rules, rule),
        kind,
        startedAt: iso(startedAt),
        dueAt: iso(startedAt + hours * HOUR_MS),
        ...end,
      },
      missed,
      params,
    });
  const since = `of apprehension at ${apprehendedAt}`;

  // kz.custody.limit: met by the first court decision (approved or refused), stopped at release or transfer.
  const limitHours = custodyLimitHours(rules, opened.juvenile);
  add({
    key: 'kz.custody.limit',
    rule: 'kz.custody.limit',
    kind: 'breach',
    startedAt: apprehended,
    hours: limitHours,
    end: ending(latestOf('court-decision'), ends),
    missed:
      `${opened.juvenile ? 'juvenile' : 'adult'} held ${hoursText(limitHours)} without court approval ` +
      `(limit ${hoursText(limitHours)} from apprehension at ${apprehendedAt})`,
    params: findingParams('kz.custody.limit', {
      juvenile: opened.juvenile,
      hours: limitHours,
      apprehendedAt,
    }),
  });

  // kz.custody.rights, kz.custody.medical, kz.custody.family: from the apprehension.
  add({
    key: 'kz.custody.rights',
    rule: 'kz.custody.rights',
    kind: 'flag',
    startedAt: apprehended,
    hours: rules.rightsHours,
    end: ending(latestOf('rights-explained'), ends),
    missed: `rights not explained within ${hoursText(rules.rightsHours)} ${since}`,
    params: findingParams('kz.custody.rights', { hours: rules.rightsHours, apprehendedAt }),
  });
  add({
    key: 'kz.custody.medical',
    rule: 'kz.custody.medical',
    kind: 'flag',
    startedAt: apprehended,
    hours: rules.medicalHours,
    end: ending(latestOf('medical-examined'), ends),
    missed: `no medical examination within ${hoursText(rules.medicalHours)} ${since}`,
    params: findingParams('kz.custody.medical', { hours: rules.medicalHours, apprehendedAt }),
  });
  add({
    key: 'kz.custody.family',
    rule: 'kz.custody.family',
    kind: 'flag',
    startedAt: apprehended,
    hours: rules.familyHours,
    // Any outcome meets it: notified, declined by the detainee, or a delay with reason and authoriser.
    end: ending(latestOf('family-notified'), ends),
    missed: `family not notified within ${hoursText(rules.familyHours)} ${since}`,
    params: findingParams('kz.custody.family', { hours: rules.familyHours, apprehendedAt }),
  });

  // kz.custody.counsel: one clock per request, met by counsel arriving at or after it.
  const arrivals = eventsOf(state, 'counsel-arrived');
  for (const request of eventsOf(state, 'counsel-requested')) {
    const answers = arrivals
      .filter((arrival) => arrival.earliest >= request.latest)
      .map((arrival) => arrival.latest);
    add({
      key: `kz.custody.counsel@v${request.item.version}`,
      rule: 'kz.custody.counsel',
      kind: 'flag',
      startedAt: request.earliest,
      hours: rules.counselHours,
      end: ending(answers, ends),
      missed: `counsel requested at ${iso(request.earliest)} had not arrived within ${hoursText(rules.counselHours)}`,
      params: findingParams('kz.custody.counsel', {
        hours: rules.counselHours,
        requestedAt: iso(request.earliest),
      }),
    });
  }

  // kz.custody.deposition: one clock per request to a judge; release does not stop it.
  const rulings = eventsOf(state, 'judicial-ruled');
  for (const request of eventsOf(state, 'judicial-requested')) {
    if (request.item.event.type !== 'judicial-requested') continue;
    const { requestId, kind } = request.item.event.payload;
    const answers = rulings
      .filter(
        ({ item }) => item.event.type === 'judicial-ruled' && item.event.payload.requestId === requestId,
      )
      .map((ruling) => ruling.latest);
    add({
      key: `kz.custody.deposition@${requestId}`,
      rule: 'kz.custody.deposition',
      kind: 'breach',
      startedAt: request.earliest,
      hours: rules.depositionHours,
      end: ending(answers, []),
      missed:
        `no ruling by a judge on the ${kind.replace('-', ' ')} request ${requestId} within ` +
        `${hoursText(rules.depositionHours)} of the request at ${iso(request.earliest)}`,
      params: findingParams('kz.custody.deposition', {
        hours: rules.depositionHours,
        requestId,
        request: kind,
        requestedAt: iso(request.earliest),
      }),
    });
  }

  // intl.custody.consular: a foreign national; once the person asks, only notifying the consulate meets it.
  if (opened.foreignNational) {
    const explained = eventsOf(state, 'consular-rights-explained');
    const requested = explained.some(
      ({ item }) =>
        item.event.type === 'consular-rights-explained' && item.event.payload.notificationRequested,
    );
    const hours = hoursText(rules.consularHours);
    add({
      key: 'intl.custody.consular',
      rule: 'intl.custody.consular',
      kind: 'flag',
      startedAt: apprehended,
      hours: rules.consularHours,
      end: ending(
        [...(requested ? [] : explained.map((event) => event.latest)), ...latestOf('consulate-notified')],
        ends,
      ),
      missed: requested
        ? `consulate not notified within ${hours} ${since}, although the detainee asked for it`
        : `foreign national not told of the right to contact the consulate within ${hours} ${since}`,
      params: findingParams('intl.custody.consular', {
        hours: rules.consularHours,
        apprehendedAt,
        notificationRequested: requested,
      }),
    });
  }

  // intl.custody.transfer-notice: the family is told after every transfer. Only a notice recorded
  // after the transfer tells them of it: one recorded before was about the arrest (kz.custody.family).
  const notices = eventsOf(state, 'family-notified');
  for (const transfer of eventsOf(state, 'transferred')) {
    const answers = notices
      .filter((notice) => notice.item.version > transfer.item.version && notice.earliest >= transfer.latest)
      .map((notice) => notice.latest);
    add({
      key: `intl.custody.transfer-notice@v${transfer.item.version}`,
      rule: 'intl.custody.transfer-notice',
      kind: 'flag',
      startedAt: transfer.earliest,
      hours: rules.transferNoticeHours,
      end: ending(answers, []),
      missed: `family not notified within ${hoursText(rules.transferNoticeHours)} of the transfer at ${iso(transfer.earliest)}`,
      params: findingParams('intl.custody.transfer-notice', {
        hours: rules.transferNoticeHours,
        transferredAt: iso(transfer.earliest),
      }),
    });
  }

  return scheduled;
}

/** The clocks of a custody episode, derived from its state (see the top of this file). */
export function custodyClocks(state: CustodyState, rules: CustodyRules): Clock[] {
  return scheduleCustodyClocks(state, rules).map(({ clock }) => clock);
}

const byDueThenKey = (a: ScheduledClock, b: ScheduledClock): number =>
  ms(a.clock.dueAt) - ms(b.clock.dueAt) ||
  (a.clock.key < b.clock.key ? -1 : a.clock.key > b.clock.key ? 1 : 0);

/**
 * The findings due at `now`: one for every clock whose due time came before it ended and is not
 * after `now`, and whose key has no finding yet, ordered by due time then key. Exactly once:
 * folding these findings into the state makes the next call return nothing for them.
 */
export function dueFindings(state: CustodyState, rules: CustodyRules, now: Date | string): FindingRecorded[] {
  const recorded = new Set(state.findings.map(({ finding }) => finding.key));
  return scheduleCustodyClocks(state, rules)
    .filter(({ clock }) => !recorded.has(clock.key) && clockAt(clock, now).state === 'breached')
    .sort(byDueThenKey)
    .map(({ clock, missed, params }) => ({
      type: 'finding-recorded',
      payload: {
        key: clock.key,
        rule: clock.rule,
        kind: clock.kind,
        at: clock.dueAt,
        detail: missed,
        params,
        pack: clock.pack,
        packVersion: clock.packVersion,
      },
    }));
}
