import { describe, expect, test } from 'vitest';
import { dueStayFindings, prisonClocks, prolongedKey } from '../../../src/clocks/prison.js';
import {
  runAt,
  runDays,
  separationIntervals,
  separationRuns,
} from '../../../src/domain/discipline/separation.js';
import { DEFAULT_PRISON_RULES } from '../../../src/rules/prison-rules.js';
import {
  admit,
  daysAfter,
  decide,
  dueAt,
  examined,
  given,
  type Given,
  hoursAfter,
  ofRule,
  record,
  woman,
} from './given.js';

/*
 * Separation as SMR 43-46 count it (intl.solitary.*): consecutive days in a punishment block, in
 * solitary, or in any placement of 22 h or more without meaningful contact, across back-to-back
 * measures; the Mandela Rules flag what national law allows. S is the start of the first
 * placement: 12:00 on 11 March 2026 in Astana, the day after admission.
 */

const rules = DEFAULT_PRISON_RULES;
const S = hoursAfter(25);
const at = (days: number) => daysAfter(days, S);
const admitted = admit();
const PROLONGED = 'intl.solitary.prolonged';

const prolongedDue = (scenario: Given, now: string) =>
  ofRule(
    dueStayFindings(scenario.state, rules, now).map((finding) => finding.payload),
    PROLONGED,
  );

/** A 10-day punishment block from S, then another 10-day one decided on day 10 to start when the first ends. */
const backToBack = () =>
  given([
    admitted,
    examined(hoursAfter(-1, S)),
    decide('punishment-block', 10, S),
    examined(at(9.5)),
    decide('punishment-block', 10, at(9.6)),
  ]);

describe('intl.solitary.prolonged', () => {
  test('intl.solitary.prolonged: a lawful 30-day solitary placement has the finding in the very decision that makes it', () => {
    const scenario = given([
      admitted,
      examined(hoursAfter(-1, S)),
      decide('punishment-block', 5, S),
      examined(at(4.9)),
    ]);
    const then = scenario.when(decide('solitary', 30, at(4.95)));
    expect(then.events()[0]).toMatchObject({
      type: 'discipline-decided',
      payload: { measure: 'solitary', days: 30, startsAt: at(5), endsAt: at(35) },
    });
    // Back-to-back with the block: one run from S, keyed by the block's decision (version 2).
    expect(ofRule(then.findings(), PROLONGED)).toEqual([
      {
        key: prolongedKey(2),
        rule: PROLONGED,
        kind: 'flag',
        at: at(4.95),
        detail:
          'solitary of 30 days decided: more than 15 consecutive days in separation is prolonged solitary confinement (SMR 43-44), lawful under national law for up to 4 months',
        params: { limitDays: 15, measure: 'solitary', days: 30, nationalMaxMonths: 4 },
        pack: 'intl',
        packVersion: '2026.1',
      },
    ]);
    const after = then.and();
    expect(prolongedDue(after, at(15))).toEqual([]);
    expect(prolongedDue(after, at(60))).toEqual([]);
    expect(ofRule(after.findings(), PROLONGED)).toHaveLength(1);
  });

  test('intl.solitary.prolonged: a 30-day solitary placement after a break is its own run, flagged at once', () => {
    const scenario = given([
      admitted,
      examined(hoursAfter(-1, S)),
      decide('punishment-block', 5, S),
      examined(at(7.9)),
    ]);
    const version = scenario.state.version;
    const findings = scenario.when(decide('solitary', 30, at(8))).findings();
    expect(ofRule(findings, PROLONGED).map((finding) => finding.key)).toEqual([prolongedKey(version)]);
  });

  test('intl.solitary.prolonged: back-to-back 10-day measures have no finding on day 15 and one on day 16, exactly once', () => {
    const scenario = backToBack();
    const second = scenario.state.timeline.findLast((item) => item.event.type === 'discipline-decided');
    expect(second?.event).toMatchObject({ payload: { startsAt: at(10), endsAt: at(20) } });
    expect(ofRule(scenario.findings(), PROLONGED)).toEqual([]);
    expect(separationRuns(scenario.state, rules)).toHaveLength(1);

    expect(prolongedDue(scenario, at(14.99))).toEqual([]);
    expect(scenario.when(dueAt(at(14.99))).rules()).not.toContain(PROLONGED);
    const day16 = scenario.when(dueAt(at(15)));
    expect(ofRule(day16.findings(), PROLONGED)).toEqual([
      expect.objectContaining({ key: prolongedKey(2), at: at(15), kind: 'flag' }),
    ]);
    const after = day16.and();
    expect(prolongedDue(after, at(15))).toEqual([]);
    expect(prolongedDue(after, at(40))).toEqual([]);
    expect(after.when(dueAt(at(25))).rules()).not.toContain(PROLONGED);
  });

  test('intl.solitary.prolonged: placements less than a day apart are one run (a 20-hour gap)', () => {
    const scenario = given([
      admitted,
      examined(hoursAfter(-1, S)),
      decide('punishment-block', 10, S),
      examined(hoursAfter(19, at(10))),
      decide('punishment-block', 10, hoursAfter(20, at(10))),
    ]);
    expect(separationRuns(scenario.state, rules)).toHaveLength(1);
    expect(prolongedDue(scenario, at(15)).map((finding) => finding.key)).toEqual([prolongedKey(2)]);
  });

  test('intl.solitary.prolonged: a run with a 2-day break is two runs, and neither is prolonged', () => {
    const scenario = given([
      admitted,
      examined(hoursAfter(-1, S)),
      decide('punishment-block', 10, S),
      examined(at(11.9)),
      decide('punishment-block', 10, at(12)),
    ]);
    const runs = separationRuns(scenario.state, rules);
    expect(runs.map((run) => runDays(run, null))).toEqual([10, 10]);
    expect(prolongedDue(scenario, at(60))).toEqual([]);
    const clocks = prisonClocks(scenario.state, rules).filter((clock) => clock.rule === PROLONGED);
    expect(clocks.map((clock) => clock.outcome)).toEqual(['stopped', 'stopped']);
  });

  test('intl.solitary.prolonged: separation-ended on day 12 stops the clock', () => {
    const scenario = backToBack().then(
      record({ type: 'separation-ended', at: at(11.5), reason: 'lifted by the governor' }, at(11.5)),
    );
    const clock = prisonClocks(scenario.state, rules).find((candidate) => candidate.rule === PROLONGED);
    expect(clock).toMatchObject({ key: prolongedKey(2), outcome: 'stopped', endedAt: at(11.5) });
    expect(prolongedDue(scenario, at(40))).toEqual([]);
    expect(runAt(scenario.state, rules, Date.parse(at(12)))).toBeNull();
  });

  test('intl.solitary.prolonged: release ends the separation (and the run) in progress', () => {
    const scenario = backToBack().then(record({ type: 'released', at: at(13) }, at(13)));
    expect(separationRuns(scenario.state, rules).map((run) => run.end)).toEqual([Date.parse(at(13))]);
    expect(prolongedDue(scenario, at(40))).toEqual([]);
  });
});

describe('intl.solitary.definition', () => {
  const quarantine = (hoursWithoutContact: number) =>
    record(
      { type: 'placed', at: hoursAfter(2), unit: 'K-3', localName: 'quarantine cell', hoursWithoutContact },
      hoursAfter(2),
    );

  test('intl.solitary.definition: a placement with 22 h a day without contact is solitary whatever its local name', () => {
    const then = given([admitted]).when(quarantine(22));
    expect(then.events()[0]).toEqual({
      type: 'placed',
      payload: { at: hoursAfter(2), unit: 'K-3', localName: 'quarantine cell', hoursWithoutContact: 22 },
    });
    expect(ofRule(then.findings(), 'intl.solitary.definition')).toEqual([
      {
        key: 'intl.solitary.definition@v1',
        rule: 'intl.solitary.definition',
        kind: 'flag',
        at: hoursAfter(2),
        detail:
          'placement in "quarantine cell" with 22 h a day without meaningful human contact is solitary confinement (SMR 44), whatever its name',
        params: { place: 'quarantine cell', hoursWithoutContact: 22 },
        pack: 'intl',
        packVersion: '2026.1',
      },
    ]);
    expect(separationIntervals(then.and().state, rules)).toMatchObject([
      { source: 'placement', localName: 'quarantine cell', start: Date.parse(hoursAfter(2)), end: null },
    ]);
  });

  test('intl.solitary.definition: 20 h without contact is not solitary and does not count toward a run', () => {
    const then = given([admitted]).when(quarantine(20));
    expect(then.rules()).toEqual([]);
    expect(separationIntervals(then.and().state, rules)).toEqual([]);
  });

  test('intl.solitary.definition: 10 days in a "quarantine cell" then a 10-day punishment block are prolonged on day 16', () => {
    const P = hoursAfter(2);
    const scenario = given([
      admitted,
      quarantine(22),
      examined(daysAfter(9.9, P)),
      decide('punishment-block', 10, daysAfter(10, P)),
      record(
        { type: 'placed', at: daysAfter(20, P), unit: 'block 2, cell 14', hoursWithoutContact: 4 },
        daysAfter(20, P),
      ),
    ]);
    const runs = separationRuns(scenario.state, rules);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ start: Date.parse(P), end: Date.parse(daysAfter(20, P)) });
    expect(prolongedDue(given([admitted, quarantine(22)]), daysAfter(14.9, P))).toEqual([]);
    // Day 16 of the run: found when the clock passes, keyed by the placement (version 1).
    const history = given([
      admitted,
      quarantine(22),
      examined(daysAfter(9.9, P)),
      decide('punishment-block', 10, daysAfter(10, P)),
    ]);
    expect(prolongedDue(history, daysAfter(14.99, P))).toEqual([]);
    expect(prolongedDue(history, daysAfter(15, P)).map((finding) => finding.key)).toEqual([prolongedKey(1)]);
    // Recorded by the later placement's decision, once.
    expect(ofRule(scenario.findings(), PROLONGED).map((finding) => finding.key)).toEqual([prolongedKey(1)]);
  });

  test('intl.solitary.definition: the same history with 20 h in the "quarantine cell" is never prolonged', () => {
    const P = hoursAfter(2);
    const scenario = given([
      admitted,
      quarantine(20),
      examined(daysAfter(9.9, P)),
      decide('punishment-block', 10, daysAfter(10, P)),
    ]);
    expect(prolongedDue(scenario, daysAfter(40, P))).toEqual([]);
  });
});

describe('intl.solitary.exempt', () => {
  const withVulnerability = (kind: 'breastfeeding' | 'disability', worsenedBySeparation: boolean) =>
    given([
      admit({ person: woman }),
      record(
        { type: 'vulnerability-recorded', kind, from: '2026-03-10', worsenedBySeparation },
        hoursAfter(1),
        {
          actor: 'doctor-1',
        },
      ),
      examined(hoursAfter(-1, S)),
    ]);

  test('intl.solitary.exempt: a breastfeeding mother in a punishment block is accepted by kz and flagged', () => {
    const then = withVulnerability('breastfeeding', false).when(decide('punishment-block', 5, S));
    expect(then.events()[0]?.type).toBe('discipline-decided');
    expect(ofRule(then.findings(), 'intl.solitary.exempt')).toEqual([
      expect.objectContaining({
        kind: 'flag',
        at: S,
        detail: 'a breastfeeding mother placed in punishment-block (SMR 45(2), BR 22)',
        pack: 'intl',
      }),
    ]);
  });

  test('intl.solitary.exempt: a person whose disability separation would worsen is flagged; another disability is not', () => {
    const worsened = withVulnerability('disability', true).when(decide('punishment-block', 5, S));
    expect(ofRule(worsened.findings(), 'intl.solitary.exempt')).toHaveLength(1);
    expect(ofRule(worsened.findings(), 'intl.solitary.exempt')[0]?.detail).toContain(
      'a person whose disability separation would worsen',
    );
    const other = withVulnerability('disability', false).when(decide('punishment-block', 5, S));
    expect(other.events()[0]?.type).toBe('discipline-decided');
    expect(other.rules()).not.toContain('intl.solitary.exempt');
  });

  test('intl.solitary.exempt: a pregnant woman placed 22 h a day alone (not refusable: no measure) is flagged twice over', () => {
    const then = given([
      admit({ person: woman }),
      record({ type: 'vulnerability-recorded', kind: 'pregnant', from: '2026-02-01' }, hoursAfter(1)),
    ]).when(
      record(
        {
          type: 'placed',
          at: hoursAfter(3),
          unit: 'M-1',
          localName: 'medical observation',
          hoursWithoutContact: 23,
        },
        hoursAfter(3),
      ),
    );
    expect(then.rules()).toEqual(['intl.solitary.definition', 'intl.solitary.exempt']);
    expect(ofRule(then.findings(), 'intl.solitary.exempt')[0]?.detail).toBe(
      'a pregnant woman placed in "medical observation", which is solitary confinement under SMR 44',
    );
  });

  test('intl.solitary.exempt: a warning for a breastfeeding mother is no separation and not flagged', () => {
    expect(
      withVulnerability('breastfeeding', false)
        .when(decide('warning', undefined, S))
        .rules(),
    ).toEqual([]);
  });
});

describe('appeals', () => {
  const appealed = () =>
    given([
      admitted,
      examined(hoursAfter(-1, S)),
      decide('punishment-block', 10, S),
      record({ type: 'discipline-appealed', at: at(1), decisionId: 'd2', to: 'procurator' }, at(1)),
    ]);

  test('kz.discipline.measures: a quashed measure ends the separation at the moment of the appeal decision', () => {
    const quashed = appealed().then(
      record({ type: 'appeal-decided', at: at(3), decisionId: 'd2', outcome: 'quashed' }, at(3)),
    );
    expect(separationIntervals(quashed.state, rules)).toMatchObject([
      { source: 'punishment-block', decisionId: 'd2', start: Date.parse(S), end: Date.parse(at(3)) },
    ]);
    quashed.when(record({ type: 'separation-ended', at: at(4) }, at(4))).thenRefuses({ field: 'at' });
  });

  test('kz.discipline.measures: a reduced measure lasts the new number of days (health visits are owed only for those)', () => {
    const reduced = appealed().then(
      record({ type: 'appeal-decided', at: at(2), decisionId: 'd2', outcome: 'reduced', days: 5 }, at(2)),
    );
    expect(separationIntervals(reduced.state, rules)).toMatchObject([
      { start: Date.parse(S), end: Date.parse(at(5)) },
    ]);
    const visitsOwed = dueStayFindings(reduced.state, rules, at(12))
      .map((finding) => finding.payload)
      .filter((finding) => finding.rule === 'intl.solitary.health-visits')
      .concat(ofRule(reduced.findings(), 'intl.solitary.health-visits'))
      .map((finding) => finding.key)
      .sort();
    // 11 to 16 March (the fifth day ends at 12:00 on 16 March).
    expect(visitsOwed).toEqual(
      ['11', '12', '13', '14', '15', '16'].map((day) => `intl.solitary.health-visits@2026-03-${day}`),
    );
  });

  test('kz.discipline.measures: a reduced measure needs fewer days; an appeal is decided once, after it was lodged', () => {
    appealed()
      .when(
        record({ type: 'appeal-decided', at: at(2), decisionId: 'd2', outcome: 'reduced', days: 10 }, at(2)),
      )
      .thenRefuses({ field: 'days' });
    appealed()
      .when(record({ type: 'appeal-decided', at: at(2), decisionId: 'd2', outcome: 'reduced' }, at(2)))
      .thenRefuses({ field: 'days' });
    appealed()
      .when(record({ type: 'discipline-appealed', at: at(2), decisionId: 'd2' }, at(2)))
      .thenRefuses({ field: 'decisionId' });
    given([admitted, examined(hoursAfter(-1, S)), decide('punishment-block', 10, S)])
      .when(record({ type: 'appeal-decided', at: at(2), decisionId: 'd2', outcome: 'upheld' }, at(2)))
      .thenRefuses({ field: 'decisionId' });
    const upheld = appealed().then(
      record({ type: 'appeal-decided', at: at(2), decisionId: 'd2', outcome: 'upheld' }, at(2)),
    );
    expect(separationIntervals(upheld.state, rules)).toMatchObject([{ end: Date.parse(at(10)) }]);
    upheld
      .when(record({ type: 'appeal-decided', at: at(3), decisionId: 'd2', outcome: 'quashed' }, at(3)))
      .thenRefuses({ field: 'decisionId' });
  });

  test('intl.solitary.prolonged: separation-ended is refused when the person is not in separation', () => {
    given([admitted])
      .when(record({ type: 'separation-ended', at: hoursAfter(3) }, hoursAfter(3)))
      .thenRefuses({ field: 'at' });
    given([admitted, examined(hoursAfter(-1, S)), decide('punishment-block', 3, S)])
      .when(record({ type: 'separation-ended', at: at(4) }, at(4)))
      .thenRefuses({ field: 'at' });
    const ended = given([admitted, examined(hoursAfter(-1, S)), decide('punishment-block', 3, S)]).when(
      record({ type: 'separation-ended', at: at(1), reason: 'doctor' }, at(1)),
    );
    expect(ended.events()[0]).toEqual({ type: 'separation-ended', payload: { at: at(1), reason: 'doctor' } });
  });

  test('intl.solitary.prolonged: a transfer ends the separation in progress', () => {
    const scenario = given([
      admitted,
      examined(hoursAfter(-1, S)),
      decide('punishment-block', 10, S),
      record(
        { type: 'transferred', at: at(2), destinationFacilityId: 'prison-2', reason: 'overcrowding' },
        at(2),
      ),
    ]);
    expect(separationIntervals(scenario.state, rules)).toMatchObject([{ end: Date.parse(at(2)) }]);
  });
});

describe('placements in time order', () => {
  test('intl.solitary.definition: a placement recorded late ends when the next placement in time began, not never', () => {
    // At 14:00 the officer records the ordinary cell the person entered at 11:00 (5 h after
    // admission), then records that from 08:00 to then they were in a quarantine cell.
    const scenario = given([
      admitted,
      record(
        { type: 'placed', at: hoursAfter(5), unit: 'block 2, cell 14', hoursWithoutContact: 4 },
        hoursAfter(8),
      ),
      record(
        {
          type: 'placed',
          at: hoursAfter(2),
          unit: 'K-3',
          localName: 'quarantine cell',
          hoursWithoutContact: 23,
        },
        hoursAfter(8.5),
      ),
    ]);
    expect(separationIntervals(scenario.state, rules)).toMatchObject([
      { source: 'placement', start: Date.parse(hoursAfter(2)), end: Date.parse(hoursAfter(5)) },
    ]);
    expect(runAt(scenario.state, rules, Date.parse(hoursAfter(6)))).toBeNull();
    expect(keysOfRule(dueStayFindings(scenario.state, rules, at(30)), 'intl.solitary.health-visits')).toEqual(
      [],
    );
    expect(prolongedDue(scenario, at(30))).toEqual([]);
  });

  test('intl.solitary.prolonged: separation-ended is refused in the gap between two measures of one run (nothing to end)', () => {
    const scenario = given([
      admitted,
      examined(hoursAfter(-1, S)),
      decide('punishment-block', 10, S),
      examined(hoursAfter(19, at(10))),
      decide('punishment-block', 10, hoursAfter(20, at(10))),
    ]);
    scenario
      .when(record({ type: 'separation-ended', at: hoursAfter(10, at(10)) }, hoursAfter(21, at(10))))
      .thenRefuses({ field: 'at' });
  });
});

const keysOfRule = (found: ReturnType<typeof dueStayFindings>, rule: string) =>
  found.filter((finding) => finding.payload.rule === rule).map((finding) => finding.payload.key);

describe('intl.solitary.prolonged: one finding per run', () => {
  test('intl.solitary.prolonged: a run flagged when decided is not flagged again when a placement recorded later joins it in front', () => {
    const solitaryAt = at(8);
    const scenario = given([
      admitted,
      examined(hoursAfter(-1, S)),
      decide('punishment-block', 5, S),
      examined(hoursAfter(-2, solitaryAt)),
    ]);
    const solitary = scenario.when(decide('solitary', 30, solitaryAt));
    expect(ofRule(solitary.findings(), PROLONGED).map((finding) => finding.key)).toEqual([
      prolongedKey(scenario.state.version),
    ]);
    // Recorded afterwards: from 10 hours before the solitary placement the person was held in a
    // "quarantine cell" 23 hours a day; the run now begins there.
    const joined = solitary
      .and()
      .then(
        record(
          {
            type: 'placed',
            at: hoursAfter(-10, solitaryAt),
            unit: 'K-3',
            localName: 'quarantine cell',
            hoursWithoutContact: 23,
          },
          hoursAfter(12, solitaryAt),
        ),
      )
      .then(
        record(
          { type: 'placed', at: solitaryAt, unit: 'S-1', hoursWithoutContact: 23 },
          hoursAfter(13, solitaryAt),
        ),
      );
    expect(separationRuns(joined.state, rules)).toHaveLength(2);
    const later = joined.when(dueAt(at(60))).and();
    expect(ofRule(later.findings(), PROLONGED)).toHaveLength(1);
  });
});
