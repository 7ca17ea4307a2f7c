import { describe, expect, test } from 'vitest';
import { apprehensionInForce, custodyClocks, dueFindings, statedAt } from '../../src/clocks/custody.js';
import { DEFAULT_CUSTODY_RULES } from '../../src/rules/custody-rules.js';
import {
  correct,
  dueAt,
  fold,
  given,
  hoursAfter,
  juvenile,
  openCustody,
  record,
  T0,
} from '../domain/custody/given.js';

const rules = DEFAULT_CUSTODY_RULES;

describe('custody clocks', () => {
  test('an opened episode has the limit, rights, medical and family clocks, from the apprehension', () => {
    const clocks = custodyClocks(given([openCustody()]).state, rules);
    expect(
      clocks.map(({ key, dueAt, kind, pack, packVersion }) => ({ key, dueAt, kind, pack, packVersion })),
    ).toEqual([
      { key: 'kz.custody.limit', dueAt: hoursAfter(48), kind: 'breach', pack: 'kz', packVersion: '2026.1' },
      { key: 'kz.custody.rights', dueAt: hoursAfter(1), kind: 'flag', pack: 'kz', packVersion: '2026.1' },
      { key: 'kz.custody.medical', dueAt: hoursAfter(6), kind: 'flag', pack: 'kz', packVersion: '2026.1' },
      { key: 'kz.custody.family', dueAt: hoursAfter(3), kind: 'flag', pack: 'kz', packVersion: '2026.1' },
    ]);
    expect(clocks.every((clock) => clock.startedAt === T0 && clock.outcome === 'running')).toBe(true);
    expect(custodyClocks(fold([]), rules)).toEqual([]);
  });

  test('release or transfer stops the clocks still running, and not those already met', () => {
    const scenario = given([
      openCustody(),
      record({ type: 'rights-explained', language: 'kk', method: 'oral' }, hoursAfter(0.7)),
      record({ type: 'transferred', destinationFacilityId: 'sizo-1' }, hoursAfter(0.8)),
    ]);
    const byKey = Object.fromEntries(custodyClocks(scenario.state, rules).map((clock) => [clock.key, clock]));
    expect(byKey['kz.custody.rights']).toMatchObject({ outcome: 'met', endedAt: hoursAfter(0.7) });
    for (const key of ['kz.custody.limit', 'kz.custody.medical', 'kz.custody.family'])
      expect(byKey[key], key).toMatchObject({ outcome: 'stopped', endedAt: hoursAfter(0.8) });
    expect(byKey['intl.custody.transfer-notice@v2']).toMatchObject({
      outcome: 'running',
      dueAt: hoursAfter(3.8),
    });
  });

  test('kz.custody.actual-time: the apprehension in force is the earliest ever stated; a safeguard counts at its latest', () => {
    const scenario = given([
      openCustody(),
      record({ type: 'rights-explained', language: 'kk', method: 'oral' }, hoursAfter(0.7)),
    ]);
    const opened = scenario.seqOf(0);
    const rights = scenario.seqOf(1);
    const corrected = scenario
      .then(correct(opened, 'apprehendedAt', hoursAfter(0.2), hoursAfter(0.9)))
      .then(correct(rights, 'at', hoursAfter(0.9), hoursAfter(0.95)))
      .then(correct(rights, 'at', hoursAfter(0.3), hoursAfter(0.96)));
    expect(apprehensionInForce(corrected.state)).toBe(T0);
    expect(statedAt(corrected.state, rights)).toBe(hoursAfter(0.9));
    expect(statedAt(corrected.state, 12345)).toBeNull();
    expect(statedAt(corrected.state, opened)).toBeNull();
    const earlier = corrected.then(correct(opened, 'apprehendedAt', hoursAfter(-1), hoursAfter(1)));
    expect(apprehensionInForce(earlier.state)).toBe(hoursAfter(-1));
  });

  test('dueFindings is exactly once: after folding its own output it yields nothing', () => {
    const scenario = given([openCustody({ person: juvenile })]);
    const first = scenario.when(dueAt(hoursAfter(30)));
    expect(first.findings().map((f) => f.key)).toEqual([
      'kz.custody.rights',
      'kz.custody.family',
      'kz.custody.medical',
      'kz.custody.limit',
    ]);
    const after = first.and();
    expect(dueFindings(after.state, rules, hoursAfter(30))).toEqual([]);
    expect(dueFindings(after.state, rules, hoursAfter(300))).toEqual([]);
    expect(after.when(dueAt(hoursAfter(31))).events()).toEqual([]);
  });

  test('a clock met after its due time is found; one met in time never is', () => {
    const scenario = given([openCustody({ now: hoursAfter(0.1) })]);
    // Recorded at 0.5 h but stated at 0.4 h: in time. Counsel requested late then arrives late.
    const state = scenario
      .then(
        record(
          { type: 'rights-explained', at: hoursAfter(0.4), language: 'kk', method: 'oral' },
          hoursAfter(0.5),
        ),
      )
      .then(record({ type: 'family-notified', outcome: 'declined' }, hoursAfter(0.6))).state;
    expect(dueFindings(state, rules, hoursAfter(5.9))).toEqual([]);
    const found = dueFindings(state, rules, hoursAfter(7)).map((f) => f.payload.key);
    expect(found).toEqual(['kz.custody.medical']);
  });
});
