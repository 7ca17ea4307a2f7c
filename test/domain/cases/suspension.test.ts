import { describe, expect, test } from 'vitest';
import { clockAt } from '../../../src/clocks/clock-at.js';
import { caseClocks, caseDueFindings, suspensionKey } from '../../../src/clocks/cases.js';
import { KZ_PACK } from '../../../src/rules/kz/index.js';
import { DEFAULT_CASE_RULES, RuleConfigError, resolveCaseRules } from '../../../src/rules/case-rules.js';
import { ABENOV, document, dueAt, given, hoursAfter, identify, open, SERIKOV, suspend, T0 } from './given.js';

/*
 * kz.torture.suspension (seed ¶37): an official identified as a suspected perpetrator is suspended;
 * one not suspended within 24 h (by default) of identification is flagged, per official per case.
 */

const rules = DEFAULT_CASE_RULES;
const KEY = suspensionKey(SERIKOV.officialId);
const identified = () => given([open(), identify(SERIKOV, T0)]);

const missed = (hours = 24) => ({
  key: KEY,
  rule: 'kz.torture.suspension',
  kind: 'flag',
  at: hoursAfter(hours),
  detail: `Serikov A. B., identified as a suspected perpetrator at ${T0}, was not suspended within ${hours} hours`,
  params: { hours, official: 'Serikov A. B.', identifiedAt: T0 },
  pack: 'kz',
  packVersion: KZ_PACK.version,
});

describe('kz.torture.suspension', () => {
  test('kz.torture.suspension: the rule pack holds it with its source, 24 h by default, configurable', () => {
    expect(KZ_PACK.rules['kz.torture.suspension']).toMatchObject({
      source: 'seed ¶37',
      kind: 'flag',
      parameters: { hours: { value: 24, configurable: true } },
    });
    expect(rules.suspensionHours).toBe(24);
    expect(resolveCaseRules({ 'kz.torture.suspension': { hours: 12 } }).suspensionHours).toBe(12);
    expect(() => resolveCaseRules({ 'kz.torture.suspension': { hours: 0 } })).toThrow(RuleConfigError);
    expect(() => resolveCaseRules({ 'kz.torture.suspension': { days: 1 } })).toThrow(RuleConfigError);
  });

  test('kz.torture.suspension: a past case entered later, its suspension given with the identification, is judged on the times it states', () => {
    const suspendedAt = hoursAfter(19);
    const later = hoursAfter(24 * 400);
    const events = given([open()])
      .when(identify(SERIKOV, T0, { now: later, suspension: { suspendedAt, orderedBy: 'приказ' } }))
      .events();
    expect(events.map((event) => event.type)).toEqual(['suspect-identified', 'suspect-suspended']);
    // Late by the calendar but suspended within 24 h: no finding, now or from the scheduler.
    const state = given([
      open(),
      identify(SERIKOV, T0, { now: later, suspension: { suspendedAt, orderedBy: 'приказ' } }),
    ]).state;
    expect(caseDueFindings(state, rules, hoursAfter(24 * 500))).toEqual([]);
    // The same suspension a day and a half after the identification is flagged in the same append.
    const flagged = given([open()])
      .when(
        identify(SERIKOV, T0, {
          now: later,
          suspension: { suspendedAt: hoursAfter(36), orderedBy: 'приказ' },
        }),
      )
      .events();
    expect(flagged.map((event) => event.type)).toEqual([
      'suspect-identified',
      'suspect-suspended',
      'finding-recorded',
    ]);
  });

  test('kz.torture.suspension: a suspension given with the identification cannot precede it', () => {
    given([open()])
      .when(
        identify(SERIKOV, T0, {
          now: hoursAfter(48),
          suspension: { suspendedAt: hoursAfter(-1), orderedBy: 'приказ' },
        }),
      )
      .thenRefuses({
        rule: 'kz.torture.suspension',
        field: 'suspension.suspendedAt',
        code: 'suspension.before-identification',
      });
  });

  test('kz.torture.suspension: identifying an official as a suspect records them and starts their clock', () => {
    expect(given([open()]).when(identify(SERIKOV, T0)).events()).toEqual([
      {
        type: 'suspect-identified',
        payload: { officialId: SERIKOV.officialId, name: SERIKOV.name, identifiedAt: T0, recordedAt: T0 },
      },
    ]);
    const state = identified().state;
    expect(state.defendants).toMatchObject([
      {
        officialId: SERIKOV.officialId,
        name: SERIKOV.name,
        identifiedAt: T0,
        stage: 'suspect',
        suspension: null,
      },
    ]);
    const [clock] = caseClocks(state, rules);
    expect(clock).toMatchObject({
      key: KEY,
      rule: 'kz.torture.suspension',
      kind: 'flag',
      pack: 'kz',
      startedAt: T0,
      dueAt: hoursAfter(24),
      outcome: 'running',
      endedAt: null,
    });
    expect(clockAt(clock!, hoursAfter(23)).state).toBe('running');
    expect(clockAt(clock!, hoursAfter(24)).state).toBe('breached');
  });

  test('kz.torture.suspension: a suspension within 24 h meets the clock, with no finding', () => {
    const file = identified();
    expect(file.when(suspend(SERIKOV.officialId, hoursAfter(23))).events()).toEqual([
      {
        type: 'suspect-suspended',
        payload: {
          officialId: SERIKOV.officialId,
          suspendedAt: hoursAfter(23),
          orderedBy: 'Head of the Almaty police department',
          recordedAt: hoursAfter(23),
        },
      },
    ]);
    const suspended = file.then(suspend(SERIKOV.officialId, hoursAfter(23)));
    expect(caseClocks(suspended.state, rules)[0]).toMatchObject({ outcome: 'met', endedAt: hoursAfter(23) });
    expect(suspended.when(dueAt(hoursAfter(100))).events()).toEqual([]);
    // Recorded late, but dated within the 24 h: met, no finding.
    expect(
      file.when(suspend(SERIKOV.officialId, hoursAfter(20), { now: hoursAfter(30) })).findings(),
    ).toEqual([]);
  });

  test('kz.torture.suspension: a suspension after 24 h is recorded, and its append carries the finding', () => {
    const events = identified()
      .when(suspend(SERIKOV.officialId, hoursAfter(30)))
      .events();
    expect(events.map((event) => event.type)).toEqual(['suspect-suspended', 'finding-recorded']);
    expect(events[1]?.payload).toEqual(missed());
  });

  test('kz.torture.suspension: record-due-findings after 24 h records the finding exactly once', () => {
    const file = identified();
    expect(file.when(dueAt(hoursAfter(23.9))).events()).toEqual([]);
    expect(file.when(dueAt(hoursAfter(24))).findings()).toEqual([missed()]);
    const flagged = file.then(dueAt(hoursAfter(25)));
    expect(flagged.state.findings).toEqual([
      {
        seq: 103,
        actor: 'habeas:scheduler',
        key: KEY,
        rule: 'kz.torture.suspension',
        at: hoursAfter(24),
        detail: missed().detail,
      },
    ]);
    expect(flagged.when(dueAt(hoursAfter(48))).events()).toEqual([]);
    // The late suspension that follows adds no second finding.
    expect(flagged.when(suspend(SERIKOV.officialId, hoursAfter(50))).findings()).toEqual([]);
    expect(caseDueFindings(flagged.state, rules, hoursAfter(1000))).toEqual([]);
  });

  test('kz.torture.suspension: any entry appended after the due time carries the missed finding', () => {
    const events = identified()
      .when(document('d1', 'forensic-report', { now: hoursAfter(26) }))
      .events();
    expect(events.map((event) => event.type)).toEqual(['document-added', 'finding-recorded']);
    expect(events[1]?.payload).toMatchObject({ key: KEY, at: hoursAfter(24) });
  });

  test('kz.torture.suspension: each official of the case has a clock of their own', () => {
    const file = given([open(), identify(SERIKOV, T0), identify(ABENOV, hoursAfter(10))]).then(
      suspend(ABENOV.officialId, hoursAfter(12)),
    );
    expect(caseClocks(file.state, rules).map(({ key, dueAt, outcome }) => ({ key, dueAt, outcome }))).toEqual(
      [
        { key: KEY, dueAt: hoursAfter(24), outcome: 'running' },
        { key: suspensionKey(ABENOV.officialId), dueAt: hoursAfter(34), outcome: 'met' },
      ],
    );
    expect(
      file
        .when(dueAt(hoursAfter(40)))
        .findings()
        .map((finding) => finding.key),
    ).toEqual([KEY]);
    // Two officials missed: one finding each, by due time.
    const both = given([open(), identify(ABENOV, hoursAfter(1)), identify(SERIKOV, T0)]);
    expect(
      both
        .when(dueAt(hoursAfter(30)))
        .findings()
        .map((finding) => finding.key),
    ).toEqual([KEY, suspensionKey(ABENOV.officialId)]);
  });

  test('kz.torture.suspension: the same official in two cases is suspended, or flagged, in each', () => {
    const first = given([
      open({ caseId: 'k1' }),
      identify(SERIKOV, T0),
      suspend(SERIKOV.officialId, hoursAfter(2)),
    ]);
    const second = given([
      open({ caseId: 'k2', number: '261500031000124' }),
      identify(SERIKOV, hoursAfter(72)),
    ]);
    expect(first.when(dueAt(hoursAfter(200))).events()).toEqual([]);
    expect(second.when(dueAt(hoursAfter(200))).findings()).toMatchObject([
      { key: KEY, at: hoursAfter(96), params: { identifiedAt: hoursAfter(72) } },
    ]);
  });

  test('kz.torture.suspension: an official is identified once per case', () => {
    identified()
      .when(identify(SERIKOV, hoursAfter(1)))
      .thenRefuses({
        rule: 'kz.torture.suspension',
        field: 'officialId',
        code: 'suspects.already-identified',
        params: { official: SERIKOV.name },
      });
  });

  test('kz.torture.suspension: only an identified official is suspended, once, and not before identification', () => {
    given([open()])
      .when(suspend(SERIKOV.officialId, T0))
      .thenRefuses({
        rule: 'kz.torture.suspension',
        field: 'officialId',
        code: 'suspension.not-identified',
        params: { official: SERIKOV.officialId },
      });
    identified()
      .when(suspend(SERIKOV.officialId, hoursAfter(-1), { now: hoursAfter(1) }))
      .thenRefuses({
        rule: 'kz.torture.suspension',
        field: 'suspendedAt',
        code: 'suspension.before-identification',
        params: { identifiedAt: T0 },
      });
    identified()
      .then(suspend(SERIKOV.officialId, hoursAfter(1)))
      .when(suspend(SERIKOV.officialId, hoursAfter(2)))
      .thenRefuses({ rule: 'kz.torture.suspension', field: 'officialId', code: 'suspension.already' });
  });

  test('kz.torture.suspension: identification and suspension are moments that have happened', () => {
    given([open()])
      .when(identify(SERIKOV, hoursAfter(1), { now: T0 }))
      .thenRefuses({ field: 'identifiedAt', code: 'moment.future' });
    identified()
      .when(suspend(SERIKOV.officialId, hoursAfter(3), { now: hoursAfter(2) }))
      .thenRefuses({ field: 'suspendedAt', code: 'moment.future' });
  });

  test('kz.torture.suspension: a deployment that allows 12 h flags at 12 h, saying 12 hours', () => {
    const twelve = resolveCaseRules({ 'kz.torture.suspension': { hours: 12 } });
    const file = given([open(), identify(SERIKOV, T0)], twelve);
    expect(caseClocks(file.state, twelve)[0]?.dueAt).toBe(hoursAfter(12));
    expect(file.when(dueAt(hoursAfter(11.9))).events()).toEqual([]);
    expect(file.when(dueAt(hoursAfter(12))).findings()).toEqual([missed(12)]);
    expect(file.when(suspend(SERIKOV.officialId, hoursAfter(13))).findings()).toEqual([missed(12)]);
    expect(file.when(suspend(SERIKOV.officialId, hoursAfter(11))).findings()).toEqual([]);
  });
});
