import { describe, expect, test } from 'vitest';
import { solitaryMaxDays } from '../../../src/domain/discipline/checks.js';
import type { VulnerabilityKind } from '../../../src/domain/prison/events.js';
import { PROHIBITED_SANCTIONS } from '../../../src/rules/intl/prison.js';
import { KZ_INCENTIVES } from '../../../src/rules/kz/prison.js';
import { DEFAULT_PRISON_RULES, resolvePrisonRules } from '../../../src/rules/prison-rules.js';
import {
  admit,
  daysAfter,
  decide,
  examined,
  given,
  hoursAfter,
  man,
  nearlyAdult,
  record,
  woman,
} from './given.js';

/*
 * kz.discipline.* (seed ¶17): national law refuses, naming the rule, in the order a governor needs
 * to hear it — the measure, the person, the duration, the earlier punishment block, the examination.
 * Scenarios start with a man admitted at 11:00 on 10 March 2026 (Astana).
 */

const admitted = admit();
const admittedWoman = admit({ person: woman });

describe('kz.discipline.punishment-block', () => {
  test('kz.discipline.punishment-block: 15 days are accepted, with the measure, its start and end recorded', () => {
    const [decision, ...rest] = given([admitted, examined(hoursAfter(24))])
      .when(decide('punishment-block', 15, hoursAfter(25)))
      .events();
    expect(decision).toEqual({
      type: 'discipline-decided',
      payload: {
        at: hoursAfter(25),
        decisionId: 'd2',
        reportId: null,
        measure: 'punishment-block',
        days: 15,
        startsAt: hoursAfter(25),
        endsAt: daysAfter(15, hoursAfter(25)),
        reason: 'fight in the canteen',
        informedLanguage: 'kk',
      },
    });
    expect(rest.map((event) => event.type)).not.toContain('discipline-decided');
  });

  test('kz.discipline.punishment-block: 16 days are refused', () => {
    const refusal = given([admitted, examined(hoursAfter(24))])
      .when(decide('punishment-block', 16, hoursAfter(25)))
      .thenRefuses({ rule: 'kz.discipline.punishment-block', field: 'days' });
    expect(refusal.detail).toBe('a punishment block lasts at most 15 days, not 16');
  });

  test('kz.discipline.punishment-block: a placement without its number of days is refused', () => {
    given([admitted, examined(hoursAfter(24))])
      .when(decide('punishment-block', undefined, hoursAfter(25)))
      .thenRefuses({ rule: 'kz.discipline.punishment-block', field: 'days' });
  });
});

describe('kz.discipline.solitary', () => {
  /** A 5-day punishment block from 11 March, then solitary decided at 11:00 on 20 March (Astana). */
  const afterABlock = () =>
    given([
      admitted,
      examined(hoursAfter(24)),
      decide('punishment-block', 5, hoursAfter(25)),
      examined(daysAfter(10, hoursAfter(-2))),
    ]);

  test('kz.discipline.solitary: four calendar months are accepted (20 March to 20 July: 122 days), one day more is refused', () => {
    expect(solitaryMaxDays('2026-03-20', DEFAULT_PRISON_RULES)).toBe(122);
    const accepted = afterABlock()
      .when(decide('solitary', 122, daysAfter(10)))
      .events();
    expect(accepted[0]).toMatchObject({
      type: 'discipline-decided',
      payload: { measure: 'solitary', days: 122, startsAt: daysAfter(10), endsAt: daysAfter(132) },
    });
    const refusal = afterABlock()
      .when(decide('solitary', 123, daysAfter(10)))
      .thenRefuses({ rule: 'kz.discipline.solitary', field: 'days' });
    expect(refusal.detail).toContain('122 days from 2026-03-20');
  });

  test('kz.discipline.solitary: the four months are calendar months, clamped to the month end (31 October + 4 months = 28 February)', () => {
    expect(solitaryMaxDays('2026-10-31', DEFAULT_PRISON_RULES)).toBe(120);
    expect(solitaryMaxDays('2027-10-31', DEFAULT_PRISON_RULES)).toBe(121); // to 29 February 2028
    expect(solitaryMaxDays('2026-01-15', DEFAULT_PRISON_RULES)).toBe(120);
  });

  test('kz.discipline.solitary: a solitary placement without its number of days is refused', () => {
    afterABlock()
      .when(decide('solitary', undefined, daysAfter(10)))
      .thenRefuses({ rule: 'kz.discipline.solitary', field: 'days' });
  });
});

describe('kz.discipline.solitary-prior', () => {
  test('kz.discipline.solitary-prior: solitary without an earlier punishment block is refused', () => {
    given([admitted, examined(hoursAfter(24))])
      .when(decide('solitary', 30, hoursAfter(25)))
      .thenRefuses({ rule: 'kz.discipline.solitary-prior', field: 'measure' });
  });

  test('kz.discipline.solitary-prior: a warning or a reprimand is not a punishment block', () => {
    given([
      admitted,
      decide('warning', undefined, hoursAfter(2)),
      decide('reprimand', undefined, hoursAfter(3)),
      examined(hoursAfter(24)),
    ])
      .when(decide('solitary', 30, hoursAfter(25)))
      .thenRefuses({ rule: 'kz.discipline.solitary-prior' });
  });

  test('kz.discipline.solitary-prior: after a punishment block, solitary is accepted', () => {
    const events = given([
      admitted,
      examined(hoursAfter(24)),
      decide('punishment-block', 5, hoursAfter(25)),
      examined(daysAfter(10, hoursAfter(-1))),
    ])
      .when(decide('solitary', 10, daysAfter(10)))
      .events();
    expect(events[0]).toMatchObject({ type: 'discipline-decided', payload: { measure: 'solitary' } });
  });

  test('kz.discipline.solitary-prior: a punishment block quashed on appeal does not count', () => {
    const quashed = given([
      admitted,
      examined(hoursAfter(24)),
      decide('punishment-block', 5, hoursAfter(25)),
      record({ type: 'discipline-appealed', at: hoursAfter(30), decisionId: 'd2' }, hoursAfter(30)),
      record(
        { type: 'appeal-decided', at: hoursAfter(50), decisionId: 'd2', outcome: 'quashed' },
        hoursAfter(50),
      ),
      examined(daysAfter(10, hoursAfter(-1))),
    ]);
    quashed.when(decide('solitary', 10, daysAfter(10))).thenRefuses({ rule: 'kz.discipline.solitary-prior' });
  });

  test('kz.discipline.solitary-prior: a block reduced on appeal still counts', () => {
    const reduced = given([
      admitted,
      examined(hoursAfter(24)),
      decide('punishment-block', 5, hoursAfter(25)),
      record({ type: 'discipline-appealed', at: hoursAfter(30), decisionId: 'd2' }, hoursAfter(30)),
      record(
        { type: 'appeal-decided', at: hoursAfter(50), decisionId: 'd2', outcome: 'reduced', days: 2 },
        hoursAfter(50),
      ),
      examined(daysAfter(10, hoursAfter(-1))),
    ]);
    expect(reduced.when(decide('solitary', 10, daysAfter(10))).events()[0]?.type).toBe('discipline-decided');
  });
});

describe('kz.discipline.medical-before', () => {
  test('kz.discipline.medical-before: a person never examined by a doctor is refused a punishment block', () => {
    const refusal = given([admitted])
      .when(decide('punishment-block', 10, hoursAfter(25)))
      .thenRefuses({ rule: 'kz.discipline.medical-before', field: 'measure' });
    expect(refusal.detail).toContain('24 hours before the placement');
  });

  test('kz.discipline.medical-before: an examination 25 h before the placement is refused, 23 h and 24 h before are accepted', () => {
    const placementAt = hoursAfter(50);
    const examinedBefore = (hours: number) => given([admitted, examined(hoursAfter(-hours, placementAt))]);
    examinedBefore(25)
      .when(decide('punishment-block', 10, placementAt))
      .thenRefuses({ rule: 'kz.discipline.medical-before' });
    expect(
      examinedBefore(23)
        .when(decide('punishment-block', 10, placementAt))
        .events()[0]?.type,
    ).toBe('discipline-decided');
    expect(
      examinedBefore(24)
        .when(decide('punishment-block', 10, placementAt))
        .events()[0]?.type,
    ).toBe('discipline-decided');
  });

  test('kz.discipline.medical-before: the examination must precede the placement, not follow it', () => {
    // Decided at 14:00 for a placement that began at 12:00; the doctor saw the person at 13:00.
    given([admitted, examined(hoursAfter(27))])
      .when(decide('punishment-block', 10, hoursAfter(28), { startsAt: hoursAfter(25) }))
      .thenRefuses({ rule: 'kz.discipline.medical-before' });
  });

  test('kz.discipline.medical-before: the examination counts against a later start (back-to-back), not the decision', () => {
    // A placement decided now to start in 30 hours: today's examination is too early for it.
    given([admitted, examined(hoursAfter(24))])
      .when(decide('punishment-block', 10, hoursAfter(25), { startsAt: hoursAfter(55) }))
      .thenRefuses({ rule: 'kz.discipline.medical-before' });
  });

  test('kz.discipline.medical-before: a deployment may allow 48 hours ({"kz.discipline.medical-before": {"hours": 48}})', () => {
    const rules = resolvePrisonRules({ 'kz.discipline.medical-before': { hours: 48 } });
    const events = given([admitted, examined(hoursAfter(1))], rules)
      .when(decide('punishment-block', 10, hoursAfter(40)))
      .events();
    expect(events[0]?.type).toBe('discipline-decided');
  });

  test('kz.discipline.medical-before: a warning needs no examination', () => {
    expect(
      given([admitted])
        .when(decide('warning', undefined, hoursAfter(2)))
        .events()[0],
    ).toMatchObject({
      type: 'discipline-decided',
      payload: { measure: 'warning', days: null, endsAt: null },
    });
  });
});

describe('kz.discipline.exempt', () => {
  const WOMEN_EXEMPT: VulnerabilityKind[] = [
    'pregnant',
    'infant-in-facility',
    'released-from-work-pregnancy-childbirth',
  ];

  /** A woman in her second week, with a 5-day block behind her, examined, with `kind` recorded from 17 March. */
  const exemptWoman = (kind: VulnerabilityKind) =>
    given([
      admittedWoman,
      examined(hoursAfter(24)),
      decide('punishment-block', 5, hoursAfter(25)),
      record({ type: 'vulnerability-recorded', kind, from: '2026-03-17' }, daysAfter(7), {
        actor: 'doctor-1',
      }),
      examined(daysAfter(9)),
    ]);

  for (const kind of WOMEN_EXEMPT) {
    test(`kz.discipline.exempt: a woman recorded as ${kind} is never placed in a punishment block`, () => {
      const refusal = exemptWoman(kind)
        .when(decide('punishment-block', 5, daysAfter(9, hoursAfter(1))))
        .thenRefuses({ rule: 'kz.discipline.exempt', field: 'measure' });
      expect(refusal.detail).toMatch(/may never be placed in a punishment block or solitary confinement/);
    });

    test(`kz.discipline.exempt: a woman recorded as ${kind} is never placed in solitary, even after a punishment block`, () => {
      exemptWoman(kind)
        .when(decide('solitary', 30, daysAfter(9, hoursAfter(1))))
        .thenRefuses({ rule: 'kz.discipline.exempt' });
    });
  }

  test('kz.discipline.exempt: a minor by birth date, on the start day in Kazakhstan, is never separated', () => {
    const minor = given([admit({ person: nearlyAdult }), examined(hoursAfter(2))]);
    minor
      .when(decide('punishment-block', 3, hoursAfter(3)))
      .thenRefuses({ rule: 'kz.discipline.exempt', field: 'measure' });
    minor.when(decide('solitary', 30, hoursAfter(3))).thenRefuses({ rule: 'kz.discipline.exempt' });
  });

  test('kz.discipline.exempt: the 18th birthday is counted in Kazakhstan time (23:30 on 11 March refused, 00:30 on 12 March accepted)', () => {
    // Both starts fall on 11 March in UTC; in Astana (+05:00) the second is the 18th birthday.
    const scenario = given([admit({ person: nearlyAdult }), examined('2026-03-11T17:00:00.000Z')]);
    scenario
      .when(
        decide('punishment-block', 3, '2026-03-11T18:00:00.000Z', { startsAt: '2026-03-11T18:30:00.000Z' }),
      )
      .thenRefuses({ rule: 'kz.discipline.exempt' });
    const accepted = scenario
      .when(
        decide('punishment-block', 3, '2026-03-11T18:00:00.000Z', { startsAt: '2026-03-11T19:30:00.000Z' }),
      )
      .events();
    expect(accepted[0]).toMatchObject({
      type: 'discipline-decided',
      payload: { startsAt: '2026-03-11T19:30:00.000Z' },
    });
  });

  test('kz.discipline.exempt: a recorded juvenile vulnerability exempts whatever the register birth date says', () => {
    const scenario = given([
      admitted,
      record({ type: 'vulnerability-recorded', kind: 'juvenile', from: '2026-03-10' }, hoursAfter(1)),
      examined(hoursAfter(24)),
    ]);
    scenario
      .when(decide('punishment-block', 5, hoursAfter(25)))
      .thenRefuses({ rule: 'kz.discipline.exempt' });
    scenario.when(decide('solitary', 30, hoursAfter(25))).thenRefuses({ rule: 'kz.discipline.exempt' });
  });

  test('kz.discipline.exempt: a vulnerability that ended (vulnerability-ended) no longer exempts', () => {
    const scenario = given([
      admittedWoman,
      record({ type: 'vulnerability-recorded', kind: 'pregnant', from: '2026-01-05' }, hoursAfter(1)),
      record({ type: 'vulnerability-ended', kind: 'pregnant', on: '2026-03-12' }, daysAfter(2)),
      examined(daysAfter(3)),
    ]);
    expect(scenario.when(decide('punishment-block', 5, daysAfter(3, hoursAfter(1)))).events()[0]?.type).toBe(
      'discipline-decided',
    );
    // On a day before the end it still exempted: a back-dated start on 11 March is refused.
    scenario
      .when(
        decide('punishment-block', 5, daysAfter(3, hoursAfter(1)), { startsAt: '2026-03-11T06:00:00.000Z' }),
      )
      .thenRefuses({ rule: 'kz.discipline.exempt' });
  });

  test('kz.discipline.exempt: a vulnerability whose `to` date has passed no longer exempts; one still running does', () => {
    const recorded = (to: string) =>
      given([
        admittedWoman,
        record(
          { type: 'vulnerability-recorded', kind: 'infant-in-facility', from: '2025-09-01', to },
          hoursAfter(1),
        ),
        examined(daysAfter(3)),
      ]);
    expect(
      recorded('2026-03-12')
        .when(decide('punishment-block', 5, daysAfter(3, hoursAfter(1))))
        .events()[0]?.type,
    ).toBe('discipline-decided');
    recorded('2026-03-13')
      .when(decide('punishment-block', 5, daysAfter(3, hoursAfter(1))))
      .thenRefuses({ rule: 'kz.discipline.exempt' });
  });

  test('kz.discipline.exempt: a breastfeeding mother or a disabled person is not exempt under national law (intl flags them instead)', () => {
    for (const kind of ['breastfeeding', 'disability'] as const) {
      const events = given([
        admittedWoman,
        record(
          { type: 'vulnerability-recorded', kind, from: '2026-03-10', worsenedBySeparation: true },
          hoursAfter(1),
        ),
        examined(hoursAfter(24)),
      ])
        .when(decide('punishment-block', 5, hoursAfter(25)))
        .events();
      expect(events[0]?.type, kind).toBe('discipline-decided');
    }
  });
});

describe('the order of the kz.discipline refusals', () => {
  const pregnantWoman = given([
    admittedWoman,
    record({ type: 'vulnerability-recorded', kind: 'pregnant', from: '2026-02-01' }, hoursAfter(1)),
  ]);

  test('kz.discipline.exempt: a pregnant woman never examined is refused as exempt, not for the examination', () => {
    pregnantWoman
      .when(decide('punishment-block', 10, hoursAfter(25)))
      .thenRefuses({ rule: 'kz.discipline.exempt' });
  });

  test('kz.discipline.exempt: a pregnant woman is refused as exempt before the duration or the missing days', () => {
    pregnantWoman
      .when(decide('punishment-block', 16, hoursAfter(25)))
      .thenRefuses({ rule: 'kz.discipline.exempt' });
    pregnantWoman
      .when(decide('punishment-block', undefined, hoursAfter(25)))
      .thenRefuses({ rule: 'kz.discipline.exempt' });
    pregnantWoman.when(decide('solitary', 200, hoursAfter(25))).thenRefuses({ rule: 'kz.discipline.exempt' });
  });

  test('kz.discipline.punishment-block: a 16-day block for someone never examined is refused for its duration', () => {
    given([admitted])
      .when(decide('punishment-block', 16, hoursAfter(25)))
      .thenRefuses({ rule: 'kz.discipline.punishment-block' });
  });

  test('kz.discipline.solitary: over four months, with no earlier block and no examination, is refused for its duration', () => {
    given([admitted])
      .when(decide('solitary', 200, hoursAfter(25)))
      .thenRefuses({ rule: 'kz.discipline.solitary' });
  });

  test('kz.discipline.solitary-prior: solitary with no earlier block and no examination is refused for the missing block', () => {
    given([admitted])
      .when(decide('solitary', 30, hoursAfter(25)))
      .thenRefuses({ rule: 'kz.discipline.solitary-prior' });
  });

  test('intl.sanction.prohibited: a prohibited sanction is refused as such, before anything about the person', () => {
    pregnantWoman
      .when(decide('reduced-diet', 5, hoursAfter(25)))
      .thenRefuses({ rule: 'intl.sanction.prohibited' });
  });
});

describe('kz.discipline.measures', () => {
  test('kz.discipline.measures: a measure outside the closed list is refused with that rule', () => {
    const refusal = given([admitted])
      .when(decide('hard-labour', 5, hoursAfter(2)))
      .thenRefuses({ rule: 'kz.discipline.measures', field: 'measure' });
    expect(refusal.detail).toContain('warning, reprimand, punishment-block, solitary');
  });

  test('kz.discipline.measures: removal of dormitory accommodation or of leave exists only in open prisons', () => {
    for (const measure of ['dormitory-removal', 'leave-removal']) {
      for (const facilityKind of ['prison', 'remand-centre', 'life-prison', null] as const)
        given([admitted])
          .when(decide(measure, 30, hoursAfter(2), { facilityKind }))
          .thenRefuses({ rule: 'kz.discipline.measures', field: 'measure' });
      const events = given([admitted])
        .when(decide(measure, 30, hoursAfter(2), { facilityKind: 'open-prison' }))
        .events();
      expect(events[0], measure).toMatchObject({ type: 'discipline-decided', payload: { measure } });
    }
  });

  test('kz.discipline.measures: strict conditions only for a persistent offender (after an earlier measure)', () => {
    const refusal = given([admitted])
      .when(decide('strict-conditions', 90, hoursAfter(2)))
      .thenRefuses({ rule: 'kz.discipline.measures', field: 'measure' });
    expect(refusal.detail).toContain('persistent offenders');
    const events = given([admitted, decide('reprimand', undefined, hoursAfter(2))])
      .when(decide('strict-conditions', 90, hoursAfter(3)))
      .events();
    expect(events[0]).toMatchObject({ payload: { measure: 'strict-conditions', days: 90 } });
  });

  test('kz.discipline.measures: a warning and a reprimand are recorded with no days, no examination, no separation', () => {
    const scenario = given([admitted]);
    for (const measure of ['warning', 'reprimand']) {
      const then = scenario.when(decide(measure, undefined, hoursAfter(2)));
      expect(then.events()[0], measure).toMatchObject({
        type: 'discipline-decided',
        payload: { measure, days: null, startsAt: hoursAfter(2), endsAt: null },
      });
      expect(then.rules()).toEqual([]);
    }
  });

  test('kz.discipline.measures: a decision names an existing breach report, or none', () => {
    const reported = given([
      admitted,
      record(
        { type: 'breach-reported', at: hoursAfter(1), description: 'refused to stand for the count' },
        hoursAfter(1),
      ),
    ]);
    const report = reported.state.timeline.find((item) => item.event.type === 'breach-reported');
    expect(report?.event).toMatchObject({ payload: { reportId: 'br1', reportedBy: 'Officer Ахметов' } });
    expect(
      reported
        .when(
          record(
            {
              type: 'discipline-decided',
              at: hoursAfter(2),
              measure: 'warning',
              reason: 'r',
              reportId: 'br1',
            },
            hoursAfter(2),
          ),
        )
        .events()[0],
    ).toMatchObject({ payload: { reportId: 'br1' } });
    reported
      .when(
        record(
          { type: 'discipline-decided', at: hoursAfter(2), measure: 'warning', reason: 'r', reportId: 'br9' },
          hoursAfter(2),
        ),
      )
      .thenRefuses({ field: 'reportId' });
  });
});

describe('intl.sanction.prohibited', () => {
  test('intl.sanction.prohibited: a reduced diet is refused with that rule', () => {
    const refusal = given([admitted, examined(hoursAfter(24))])
      .when(decide('reduced-diet', 5, hoursAfter(25)))
      .thenRefuses({ rule: 'intl.sanction.prohibited', field: 'measure' });
    expect(refusal.detail).toContain('prohibited sanction (SMR 43)');
  });

  test('intl.sanction.prohibited: every prohibited sanction of SMR 43 is refused with that rule, none with kz.discipline.measures', () => {
    expect(PROHIBITED_SANCTIONS).toEqual(
      expect.arrayContaining(['dark-cell', 'constantly-lit-cell', 'reduced-water', 'corporal-punishment']),
    );
    for (const sanction of PROHIBITED_SANCTIONS)
      given([admitted])
        .when(decide(sanction, 5, hoursAfter(2)))
        .thenRefuses({ rule: 'intl.sanction.prohibited' });
  });
});

describe('kz.incentives', () => {
  test('kz.incentives: each reward of the closed list is recorded', () => {
    expect([...KZ_INCENTIVES]).toEqual([
      'commendation',
      'gift',
      'prize',
      'extra-purchases',
      'early-lifting',
      'extra-visits',
      'extra-parcels',
    ]);
    const scenario = given([admitted]);
    for (const incentive of KZ_INCENTIVES) {
      const then = scenario.when(
        record(
          { type: 'incentive-granted', at: hoursAfter(3), incentive, note: 'good conduct' },
          hoursAfter(3),
        ),
      );
      expect(then.events(), incentive).toEqual([
        { type: 'incentive-granted', payload: { at: hoursAfter(3), incentive, note: 'good conduct' } },
      ]);
    }
  });
});

describe('a disciplinary decision', () => {
  test('kz.discipline.punishment-block: the decision is refused once the stay has ended', () => {
    given([
      admitted,
      examined(hoursAfter(24)),
      record({ type: 'released', at: hoursAfter(30) }, hoursAfter(30)),
    ])
      .when(decide('warning', undefined, hoursAfter(31)))
      .thenRefuses({});
  });

  test('kz.discipline.exempt: the same state and command give the same refusal (the decider is pure)', () => {
    const scenario = given([admit({ person: { ...man, birthDate: '2010-01-01' } }), examined(hoursAfter(1))]);
    const command = decide('punishment-block', 3, hoursAfter(2));
    expect(scenario.when(command).decision).toEqual(scenario.when(command).decision);
    expect(scenario.when(command).decision).toMatchObject({ refused: true, rule: 'kz.discipline.exempt' });
  });
});

describe('kz.discipline.measures: persistent offenders', () => {
  test('kz.discipline.measures: a measure quashed on appeal does not make a persistent offender', () => {
    given([
      admitted,
      decide('reprimand', undefined, hoursAfter(2)),
      record({ type: 'discipline-appealed', at: hoursAfter(3), decisionId: 'd1' }, hoursAfter(3)),
      record(
        { type: 'appeal-decided', at: hoursAfter(4), decisionId: 'd1', outcome: 'quashed' },
        hoursAfter(4),
      ),
    ])
      .when(decide('strict-conditions', 90, hoursAfter(5)))
      .thenRefuses({ rule: 'kz.discipline.measures', field: 'measure' });
  });
});

describe('every rule a measure breaks', () => {
  test('a minor placed in solitary for 200 days, with no earlier block and no examination, breaks four rules, all named in order', () => {
    const refusal = given([admit({ person: nearlyAdult })])
      .when(decide('solitary', 200, hoursAfter(3)))
      .thenRefuses({ rule: 'kz.discipline.exempt', field: 'measure' });
    expect((refusal.also ?? []).map((each) => [each.rule, each.field, each.reason?.code])).toEqual([
      ['kz.discipline.solitary', 'days', 'discipline.solitary-too-long'],
      ['kz.discipline.solitary-prior', 'measure', 'discipline.solitary-prior'],
      ['kz.discipline.medical-before', 'measure', 'discipline.medical-before'],
    ]);
  });

  test('a punishment block of 16 days without an examination names the duration first, then the examination', () => {
    const refusal = given([admitted])
      .when(decide('punishment-block', 16, hoursAfter(25)))
      .thenRefuses({ rule: 'kz.discipline.punishment-block', field: 'days' });
    expect((refusal.also ?? []).map((each) => each.rule)).toEqual(['kz.discipline.medical-before']);
  });

  test('a measure that breaks one rule carries no others, and a measure that does not exist ends the list', () => {
    const one = given([admitted, examined(hoursAfter(24))])
      .when(decide('punishment-block', 16, hoursAfter(25)))
      .thenRefuses({ rule: 'kz.discipline.punishment-block' });
    expect(one.also).toBeUndefined();
    const unknown = given([admit({ person: nearlyAdult })])
      .when(decide('dungeon', 400, hoursAfter(3)))
      .thenRefuses({ rule: 'kz.discipline.measures' });
    expect(unknown.also).toBeUndefined();
  });
});
