import type { ComplaintFindingRecorded } from '../domain/complaints/events.js';
import { findingParams } from '../domain/findings.js';
import { isAllegation, judgeOf, judgeOrdersOf, suspectsOf } from '../domain/complaints/evolve.js';
import type { ComplaintState } from '../domain/complaints/state.js';
import { packOf, type ComplaintRules } from '../rules/complaint-rules.js';
import { dueFindings, type ScheduledClock } from './due-findings.js';
import type { Clock } from './types.js';

export { clockAt } from './clock-at.js';

/*
 * The clocks of a complaint (RULES.md "Complaints and allegations", kz.transfer.protection),
 * derived from its state alone: no `now`, no I/O (as src/clocks/custody.ts).
 *
 *   intl.complaint.answer     from the complaint's arrival, met by the authority's first answer;
 *                             not for torture allegations, which the procurator decides instead,
 *                             nor for complaints with the investigating judge
 *   kz.allegation.conflict    from a complaint about a procurator's or an investigator's own
 *                             office reaching the investigating judge, met by the judge's first
 *                             order to investigate (at its stated time): "at once", read as 24 h
 *   kz.transfer.protection    one per request for protection or transfer, from the request, met
 *                             by the governor's decision
 *   kz.torture.suspension     one per official identified as a suspected perpetrator, from the
 *                             identification, met by that official's suspension (a flag)
 *
 * Closing a complaint without an answer does not stop its answer clock: a complaint dismissed
 * unanswered is exactly what the clock is there to show.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const ms = (iso: string): number => Date.parse(iso);
const iso = (millis: number): string => new Date(millis).toISOString();
const plural = (count: number, unit: string) =>
  `${Number(count.toFixed(2))} ${unit}${count === 1 ? '' : 's'}`;

function scheduleComplaintClocks(state: ComplaintState, rules: ComplaintRules): ScheduledClock[] {
  const submitted = state.submitted;
  if (!submitted) return [];
  const scheduled: ScheduledClock[] = [];

  const judge = judgeOf(state);
  if (judge !== null) {
    const startedAt = ms(judge.routedAt);
    const firstOrder = judgeOrdersOf(state)[0];
    scheduled.push({
      clock: {
        key: 'kz.allegation.conflict',
        rule: 'kz.allegation.conflict',
        ...packOf(rules, 'kz.allegation.conflict'),
        kind: 'breach',
        startedAt: iso(startedAt),
        dueAt: iso(startedAt + rules.judgeOrderHours * HOUR_MS),
        outcome: firstOrder ? 'met' : 'running',
        endedAt: firstOrder ? firstOrder.orderedAt : null,
      },
      missed:
        `the investigating judge ordered no investigation of the complaint about the ${judge.concerns.office}’s ` +
        `office (${judge.concerns.region}) within ${plural(rules.judgeOrderHours, 'hour')} of ${judge.routedAt}`,
      params: findingParams('kz.allegation.conflict', {
        hours: rules.judgeOrderHours,
        routedAt: judge.routedAt,
        office: judge.concerns.office,
        region: judge.concerns.region,
      }),
    });
  } else if (!isAllegation(state)) {
    const startedAt = ms(submitted.submittedAt);
    const firstAnswer = state.answers[0];
    scheduled.push({
      clock: {
        key: 'intl.complaint.answer',
        rule: 'intl.complaint.answer',
        ...packOf(rules, 'intl.complaint.answer'),
        kind: 'breach',
        startedAt: iso(startedAt),
        dueAt: iso(startedAt + rules.answerDays * DAY_MS),
        outcome: firstAnswer ? 'met' : 'running',
        endedAt: firstAnswer ? firstAnswer.answeredAt : null,
      },
      missed: `complaint received at ${submitted.submittedAt} not answered within ${plural(rules.answerDays, 'day')}`,
      params: findingParams('intl.complaint.answer', {
        days: rules.answerDays,
        receivedAt: submitted.submittedAt,
      }),
    });
  }

  for (const request of state.protection) {
    const startedAt = ms(request.requestedAt);
    scheduled.push({
      clock: {
        key: `kz.transfer.protection@${request.requestId}`,
        rule: 'kz.transfer.protection',
        ...packOf(rules, 'kz.transfer.protection'),
        kind: 'breach',
        startedAt: iso(startedAt),
        dueAt: iso(startedAt + rules.protectionHours * HOUR_MS),
        outcome: request.decided ? 'met' : 'running',
        endedAt: request.decided ? request.decided.decidedAt : null,
      },
      missed:
        `the governor did not decide the request for ${request.kind === 'transfer' ? 'a transfer' : 'special protection'} ` +
        `made at ${request.requestedAt} within ${plural(rules.protectionHours, 'hour')}`,
      params: findingParams('kz.transfer.protection', {
        hours: rules.protectionHours,
        request: request.kind === 'transfer' ? 'transfer' : 'protection',
        requestedAt: request.requestedAt,
      }),
    });
  }
  suspectsOf(state).forEach((suspect, index) => {
    const startedAt = ms(suspect.identifiedAt);
    scheduled.push({
      clock: {
        // By position: the list only grows, and names may hold any character.
        key: `kz.torture.suspension#${index + 1}`,
        rule: 'kz.torture.suspension',
        ...packOf(rules, 'kz.torture.suspension'),
        kind: 'flag',
        startedAt: iso(startedAt),
        dueAt: iso(startedAt + rules.suspensionHours * HOUR_MS),
        outcome: suspect.suspended ? 'met' : 'running',
        endedAt: suspect.suspended ? suspect.suspended.at : null,
      },
      missed:
        `${suspect.official}, identified as a suspected perpetrator at ${suspect.identifiedAt}, ` +
        `was not suspended within ${plural(rules.suspensionHours, 'hour')}`,
      params: findingParams('kz.torture.suspension', {
        hours: rules.suspensionHours,
        official: suspect.official,
        identifiedAt: suspect.identifiedAt,
      }),
    });
  });
  return scheduled;
}

/** The clocks of a complaint, derived from its state (see the top of this file). */
export function complaintClocks(state: ComplaintState, rules: ComplaintRules): Clock[] {
  return scheduleComplaintClocks(state, rules).map(({ clock }) => clock);
}

/**
 * The findings due at `now`: one for every clock breached at `now` whose key has no finding yet,
 * by due time then key. Exactly once: folding them in makes the next call return nothing for them.
 */
export function complaintDueFindings(
  state: ComplaintState,
  rules: ComplaintRules,
  now: Date | string,
): ComplaintFindingRecorded[] {
  return dueFindings(
    scheduleComplaintClocks(state, rules),
    new Set(state.findings.map(({ finding }) => finding.key)),
    now,
  );
}
