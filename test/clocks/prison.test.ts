import { describe, expect, test } from 'vitest';
import { clockAt, dueStayFindings, nextStayCheck, prisonClocks } from '../../src/clocks/prison.js';
import { DEFAULT_PRISON_RULES } from '../../src/rules/prison-rules.js';
import {
  admit,
  decide,
  dueAt,
  examined,
  type Finding,
  given,
  type Given,
  hoursAfter,
  ofRule,
  record,
  T0,
} from '../domain/prison/given.js';

/*
 * The clocks and day-by-day checks of a stay (src/clocks/prison.ts). Days are Kazakhstan calendar
 * days: the admission at 11:00 on 10 March 2026 in Astana is 06:00 UTC, and each day there begins
 * at 19:00 UTC the day before.
 */

const rules = DEFAULT_PRISON_RULES;
/** A moment in Astana (+05:00), as stored (UTC). */
const astana = (local: string): string => new Date(`${local}+05:00`).toISOString();
/** Midnight at the start of a day in Astana. */
const midnight = (date: string): string => astana(`${date}T00:00:00`);

/** What has been recorded plus what is due at `now`: the findings a stay has by then. */
const findingsBy = (scenario: Given, now: string): Finding[] => scenario.when(dueAt(now)).and().findings();
const keysOf = (findings: Finding[], rule: string): string[] => ofRule(findings, rule).map((f) => f.key);

const exercised = (date: string, minutes: number, at: string) =>
  record({ type: 'exercise-logged', date, minutes }, at);

describe('prison clocks', () => {
  test('kz.admission.medical: an admitted stay has one clock, due 24 h after the admission', () => {
    const clocks = prisonClocks(given([admit()]).state, rules);
    expect(clocks).toEqual([
      {
        key: 'kz.admission.medical@v0',
        rule: 'kz.admission.medical',
        pack: 'kz',
        packVersion: '2026.1',
        kind: 'flag',
        startedAt: T0,
        dueAt: hoursAfter(24),
        outcome: 'running',
        endedAt: null,
      },
    ]);
    expect(clockAt(clocks[0]!, hoursAfter(20))).toMatchObject({ state: 'running', warning: 75 });
    expect(prisonClocks(given().state, rules)).toEqual([]);
  });

  test('kz.admission.medical: release stops a clock still running', () => {
    const scenario = given([admit(), record({ type: 'released', at: hoursAfter(5) }, hoursAfter(5))]);
    expect(prisonClocks(scenario.state, rules)).toEqual([
      expect.objectContaining({ outcome: 'stopped', endedAt: hoursAfter(5) }),
    ]);
    expect(dueStayFindings(scenario.state, rules, hoursAfter(100))).toEqual([]);
  });

  test('findings due at once are ordered by time, then key', () => {
    const found = dueStayFindings(
      given([admit({ lifeSentence: true })]).state,
      rules,
      midnight('2026-03-13'),
    );
    // The admission clock fell due at 11:00 on 11 March, before that day ended.
    expect(found.map((finding) => finding.payload.key)).toEqual([
      'kz.admission.medical@v0',
      'intl.exercise@2026-03-11',
      'kz.life.exercise@2026-03-11',
      'intl.exercise@2026-03-12',
      'kz.life.exercise@2026-03-12',
    ]);
  });
});

describe('intl.exercise and kz.life.exercise', () => {
  /** Admitted on 10 March; 59 min on the 11th, 30 + 30 on the 12th, 90 on the 13th, each logged that evening. */
  const week = (lifeSentence: boolean) =>
    given([
      admit({ lifeSentence }),
      examined(hoursAfter(2)),
      exercised('2026-03-11', 59, astana('2026-03-11T18:00:00')),
      exercised('2026-03-12', 30, astana('2026-03-12T10:00:00')),
      exercised('2026-03-12', 30, astana('2026-03-12T16:00:00')),
      exercised('2026-03-13', 90, astana('2026-03-13T15:00:00')),
    ]);

  test('intl.exercise: a day with 59 minutes is found; 60 minutes (logged in parts) is not; the admission day is not checked', () => {
    const findings = findingsBy(week(false), astana('2026-03-14T12:00:00'));
    expect(ofRule(findings, 'intl.exercise')).toEqual([
      {
        key: 'intl.exercise@2026-03-11',
        rule: 'intl.exercise',
        kind: 'flag',
        at: midnight('2026-03-12'),
        detail: '59 min of open-air exercise on 2026-03-11 (at least 60 min a day)',
        params: { date: '2026-03-11', minutes: 59, requiredMinutes: 60 },
        pack: 'intl',
        packVersion: '2026.1',
      },
    ]);
    expect(keysOf(findings, 'kz.life.exercise')).toEqual([]);
  });

  test('kz.life.exercise: a life-sentenced prisoner with 59 minutes also has the national finding', () => {
    const findings = findingsBy(week(true), astana('2026-03-14T12:00:00'));
    expect(keysOf(findings, 'intl.exercise')).toEqual(['intl.exercise@2026-03-11']);
    expect(ofRule(findings, 'kz.life.exercise')).toEqual([
      {
        key: 'kz.life.exercise@2026-03-11',
        rule: 'kz.life.exercise',
        kind: 'flag',
        at: midnight('2026-03-12'),
        detail: 'life-sentenced prisoner had 59 min outdoors on 2026-03-11 (at least 60 min a day)',
        params: { date: '2026-03-11', minutes: 59, requiredMinutes: 60 },
        pack: 'kz',
        packVersion: '2026.1',
      },
    ]);
  });

  test('intl.exercise: today is not checked before it ends (midnight in Astana, not in UTC)', () => {
    const scenario = given([admit(), examined(hoursAfter(2))]);
    const lastMoment = new Date(Date.parse(midnight('2026-03-12')) - 1).toISOString();
    expect(keysOf(findingsBy(scenario, lastMoment), 'intl.exercise')).toEqual([]);
    expect(keysOf(findingsBy(scenario, midnight('2026-03-12')), 'intl.exercise')).toEqual([
      'intl.exercise@2026-03-11',
    ]);
    // 23:00 UTC on 11 March is already 04:00 on 12 March in Astana.
    expect(keysOf(findingsBy(scenario, '2026-03-11T23:00:00.000Z'), 'intl.exercise')).toEqual([
      'intl.exercise@2026-03-11',
    ]);
  });

  test('intl.exercise: the day of release and the days after it are not checked', () => {
    const scenario = given([
      admit({ lifeSentence: true }),
      examined(hoursAfter(2)),
      record({ type: 'released', at: astana('2026-03-14T10:00:00') }, astana('2026-03-14T10:00:00')),
    ]);
    const findings = findingsBy(scenario, astana('2026-03-20T12:00:00'));
    expect(keysOf(findings, 'intl.exercise')).toEqual([
      'intl.exercise@2026-03-11',
      'intl.exercise@2026-03-12',
      'intl.exercise@2026-03-13',
    ]);
    expect(keysOf(findings, 'kz.life.exercise')).toHaveLength(3);
  });

  test('intl.exercise: a day is found once, however often the scheduler asks', () => {
    const first = given([admit(), examined(hoursAfter(2))])
      .when(dueAt(midnight('2026-03-12')))
      .and();
    expect(dueStayFindings(first.state, rules, midnight('2026-03-12'))).toEqual([]);
    expect(dueStayFindings(first.state, rules, astana('2026-03-12T23:59:00'))).toEqual([]);
    expect(
      dueStayFindings(first.state, rules, midnight('2026-03-13')).map((finding) => finding.payload.key),
    ).toEqual(['intl.exercise@2026-03-12']);
  });
});

describe('intl.solitary.health-visits', () => {
  /** A 3-day punishment block from 12:00 on 11 March to 12:00 on 14 March; visits on the 11th and 12th. */
  const block = () =>
    given([
      admit(),
      examined(hoursAfter(24)),
      decide('punishment-block', 3, hoursAfter(25)),
      record({ type: 'health-visit', at: astana('2026-03-11T14:00:00') }, astana('2026-03-11T14:00:00')),
      record({ type: 'health-visit', at: astana('2026-03-12T10:00:00') }, astana('2026-03-12T10:00:00')),
    ]);

  test('intl.solitary.health-visits: a day in separation without a visit is one finding, after the day ends; days with a visit are none', () => {
    const scenario = block();
    expect(
      keysOf(findingsBy(scenario, astana('2026-03-13T23:59:00')), 'intl.solitary.health-visits'),
    ).toEqual([]);
    // The last, partial day (the block ends at 12:00 on the 14th) has its visit too.
    const visitedOnTheLastDay = scenario.then(
      record({ type: 'health-visit', at: astana('2026-03-14T09:00:00') }, astana('2026-03-14T09:00:00')),
    );
    const findings = findingsBy(visitedOnTheLastDay, astana('2026-03-20T12:00:00'));
    expect(ofRule(findings, 'intl.solitary.health-visits')).toEqual([
      {
        key: 'intl.solitary.health-visits@2026-03-13',
        rule: 'intl.solitary.health-visits',
        kind: 'flag',
        at: midnight('2026-03-14'),
        detail: 'no visit by health staff on 2026-03-13, a day in separation',
        params: { date: '2026-03-13' },
        pack: 'intl',
        packVersion: '2026.1',
      },
    ]);
    expect(
      keysOf(findingsBy(scenario, astana('2026-03-20T12:00:00')), 'intl.solitary.health-visits'),
    ).toEqual(['intl.solitary.health-visits@2026-03-13', 'intl.solitary.health-visits@2026-03-14']);
  });

  test('intl.solitary.health-visits: the visit recorded by health staff names the visitor', () => {
    const visit = block().state.timeline.find((item) => item.event.type === 'health-visit');
    expect(visit?.event).toEqual({
      type: 'health-visit',
      payload: { at: astana('2026-03-11T14:00:00'), visitedBy: 'Officer Ахметов' },
    });
  });

  test('intl.solitary.health-visits: days outside separation need no visit', () => {
    const scenario = given([admit(), examined(hoursAfter(2))]);
    expect(
      keysOf(findingsBy(scenario, astana('2026-03-20T12:00:00')), 'intl.solitary.health-visits'),
    ).toEqual([]);
  });
});

describe('nextStayCheck', () => {
  test('a held stay is checked next at the coming midnight in Astana when no clock is due sooner', () => {
    const scenario = given([admit(), examined(hoursAfter(2))]);
    expect(nextStayCheck(scenario.state, rules, hoursAfter(3))).toBe(midnight('2026-03-11'));
    // Before the examination, the admission clock (11:00 on 11 March) is later than midnight.
    expect(nextStayCheck(given([admit()]).state, rules, hoursAfter(3))).toBe(midnight('2026-03-11'));
    expect(nextStayCheck(scenario.state, rules, astana('2026-03-11T00:00:00'))).toBe(midnight('2026-03-12'));
  });

  test('a held stay is checked next at an earlier pending clock (the family notice after a late transfer)', () => {
    const transferAt = astana('2026-03-10T20:00:00');
    const scenario = given([
      admit(),
      examined(hoursAfter(2)),
      record(
        { type: 'transferred', at: transferAt, destinationFacilityId: 'prison-2', reason: 'overcrowding' },
        transferAt,
      ),
    ]);
    expect(nextStayCheck(scenario.state, rules, transferAt)).toBe(astana('2026-03-10T23:00:00'));
  });

  test('a released stay with nothing pending is never checked again', () => {
    const scenario = given([
      admit(),
      examined(hoursAfter(2)),
      record({ type: 'released', at: hoursAfter(5) }, hoursAfter(5)),
    ]);
    expect(nextStayCheck(scenario.state, rules, hoursAfter(6))).toBeNull();
    expect(nextStayCheck(given().state, rules, hoursAfter(6))).toBeNull();
  });

  test('a released stay is still checked for the family notice of a transfer that preceded the release', () => {
    const scenario = given([
      admit(),
      examined(hoursAfter(1)),
      record(
        { type: 'transferred', at: hoursAfter(2), destinationFacilityId: 'prison-2', reason: 'other' },
        hoursAfter(2),
      ),
      examined(hoursAfter(2.5)),
      record({ type: 'released', at: hoursAfter(3) }, hoursAfter(3)),
    ]);
    expect(nextStayCheck(scenario.state, rules, hoursAfter(3))).toBe(hoursAfter(5));
  });
});
