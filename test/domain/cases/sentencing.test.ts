import { describe, expect, test } from 'vitest';
import { KZ_PACK } from '../../../src/rules/kz/index.js';
import {
  ABENOV,
  acquittal,
  appeal,
  appealDecided,
  charge,
  given,
  identify,
  open,
  prison,
  sendToCourt,
  SERIKOV,
  suspended,
  T0,
  verdict,
} from './given.js';

/*
 * kz.torture.sentencing (seed ¶55, ¶38): torture cannot be reclassified as a lesser offence, and
 * neither a suspended sentence nor a plea agreement is right for it. What the investigator or the
 * court decided is recorded as decided, and flagged in the same append; never refused.
 */

const ID = SERIKOV.officialId;
const inCourt = () => given([open(), identify(SERIKOV, T0), charge(ID), sendToCourt([ID])]);
const flag = (article: string, decidedOn: string, concerns: string[], n = 1) => ({
  key: `kz.torture.sentencing#${n}`,
  rule: 'kz.torture.sentencing',
  kind: 'flag',
  at: new Date(`${decidedOn}T00:00:00+05:00`).toISOString(),
  params: { article, decidedAt: new Date(`${decidedOn}T00:00:00+05:00`).toISOString(), concerns },
  pack: 'kz',
  packVersion: KZ_PACK.version,
});

describe('kz.torture.sentencing', () => {
  test('kz.torture.sentencing: a charge under another article is recorded, and flagged as a reclassification', () => {
    const events = given([open(), identify(SERIKOV, T0)])
      .when(charge(ID, 'ст. 362 ч. 4 УК РК'))
      .events();
    expect(events[0]).toEqual({
      type: 'defendant-charged',
      payload: { officialId: ID, article: 'ст. 362 ч. 4 УК РК', chargedOn: '2026-03-10', recordedAt: T0 },
    });
    expect(events[1]?.payload).toMatchObject(flag('ст. 362 ч. 4 УК РК', '2026-03-10', ['reclassified']));
    expect(events[1]?.payload).toMatchObject({ detail: expect.stringContaining('torture reclassified') });
    const state = given([open(), identify(SERIKOV, T0), charge(ID, 'ст. 362 ч. 4 УК РК')]).state;
    expect(state.defendants[0]).toMatchObject({
      stage: 'charged',
      charges: [{ article: 'ст. 362 ч. 4 УК РК' }],
    });
    expect(state.findings).toMatchObject([{ key: 'kz.torture.sentencing#1', rule: 'kz.torture.sentencing' }]);
  });

  test('kz.torture.sentencing: a charge under 146, however written, is not flagged', () => {
    for (const article of ['146', '146 ч. 2', 'ч. 2 ст. 146 УК РК', '146-бап 2-бөлік', 'art. 146(2)'])
      expect(
        given([open(), identify(SERIKOV, T0)])
          .when(charge(ID, article))
          .events(),
      ).toHaveLength(1);
  });

  test('kz.torture.sentencing: a clean conviction under 146 with a prison term is recorded without a flag', () => {
    const events = inCourt().when(verdict(ID)).events();
    expect(events).toEqual([
      {
        type: 'verdict-recorded',
        payload: {
          officialId: ID,
          court: expect.objectContaining({ region: 'KZ-75' }),
          outcome: 'convicted',
          article: '146 ч. 2',
          sentence: prison(),
          pleaAgreement: false,
          decidedOn: '2026-04-10',
          recordedAt: T0,
        },
      },
    ]);
    // An acquittal under the torture article is not flagged either.
    expect(inCourt().when(acquittal(ID)).events()).toHaveLength(1);
  });

  test('kz.torture.sentencing: a suspended sentence is recorded and flagged', () => {
    const events = inCourt()
      .when(verdict(ID, { sentence: suspended() }))
      .events();
    expect(events.map((event) => event.type)).toEqual(['verdict-recorded', 'finding-recorded']);
    expect(events[1]?.payload).toMatchObject(flag('146 ч. 2', '2026-04-10', ['suspended-sentence']));
  });

  test('kz.torture.sentencing: a plea agreement is recorded and flagged', () => {
    const events = inCourt()
      .when(verdict(ID, { pleaAgreement: true, sentence: prison(24) }))
      .events();
    expect(events[0]?.payload).toMatchObject({ pleaAgreement: true });
    expect(events[1]?.payload).toMatchObject(flag('146 ч. 2', '2026-04-10', ['plea-bargain']));
  });

  test('kz.torture.sentencing: a conviction under another article is recorded and flagged as a reclassification', () => {
    const events = inCourt()
      .when(verdict(ID, { article: '362 ч. 4' }))
      .events();
    expect(events[1]?.payload).toMatchObject(flag('362 ч. 4', '2026-04-10', ['reclassified']));
    // All three at once, each named.
    const all = inCourt()
      .when(verdict(ID, { article: '362 ч. 4', sentence: suspended(), pleaAgreement: true }))
      .findings();
    expect(all).toMatchObject([
      flag('362 ч. 4', '2026-04-10', ['reclassified', 'suspended-sentence', 'plea-bargain']),
    ]);
  });

  test('kz.torture.sentencing: each flag of a case is a finding of its own', () => {
    const file = given([
      open(),
      identify(SERIKOV, T0),
      identify(ABENOV, T0),
      charge(ID, '362 ч. 4'),
      charge(ABENOV.officialId),
      sendToCourt([ID, ABENOV.officialId]),
    ]);
    expect(file.state.findings.map((finding) => finding.key)).toEqual(['kz.torture.sentencing#1']);
    const after = file.then(verdict(ABENOV.officialId, { sentence: suspended() }));
    expect(after.state.findings.map((finding) => finding.key)).toEqual([
      'kz.torture.sentencing#1',
      'kz.torture.sentencing#2',
    ]);
  });

  test('kz.torture.sentencing: a conviction without a sentence, or an acquittal with one, is refused naming the rule', () => {
    inCourt()
      .when(verdict(ID, { sentence: null }))
      .thenRefuses({
        rule: 'kz.torture.sentencing',
        field: 'sentence',
        code: 'court-outcome.sentence-needed',
      });
    inCourt()
      .when(verdict(ID, { sentence: { penalties: [], suspended: false, probationMonths: null } }))
      .thenRefuses({
        rule: 'kz.torture.sentencing',
        field: 'sentence',
        code: 'court-outcome.sentence-needed',
      });
    inCourt()
      .when(acquittal(ID, { sentence: prison() }))
      .thenRefuses({
        rule: 'kz.torture.sentencing',
        field: 'sentence',
        code: 'court-outcome.acquittal-sentence',
      });
  });

  test('kz.torture.sentencing: an appeal that changes the sentence to a suspended one is flagged, under the article that stands', () => {
    const appealed = inCourt().then(verdict(ID)).then(appeal(ID));
    const events = appealed
      .when(appealDecided(ID, 'changed', { outcome: 'convicted', sentence: suspended() }))
      .events();
    expect(events[0]).toMatchObject({
      type: 'appeal-decided',
      payload: { result: 'changed', outcome: 'convicted', article: '146 ч. 2', sentence: suspended() },
    });
    expect(events[1]?.payload).toMatchObject(flag('146 ч. 2', '2026-04-25', ['suspended-sentence']));
    const state = appealed.then(
      appealDecided(ID, 'changed', { outcome: 'convicted', sentence: suspended() }),
    ).state;
    expect(state.defendants[0]).toMatchObject({
      stage: 'convicted',
      final: { outcome: 'convicted', article: '146 ч. 2', sentence: suspended(), pleaAgreement: false },
    });
    // Changed to a lesser article: a reclassification by the appeal court.
    expect(
      appealed
        .when(
          appealDecided(ID, 'changed', { outcome: 'convicted', article: '362 ч. 4', sentence: prison(36) }),
        )
        .findings(),
    ).toMatchObject([flag('362 ч. 4', '2026-04-25', ['reclassified'])]);
    // Changed to a shorter prison term under 146: not flagged.
    expect(
      appealed.when(appealDecided(ID, 'changed', { outcome: 'convicted', sentence: prison(36) })).findings(),
    ).toEqual([]);
  });

  test('kz.torture.sentencing: an appeal that changes the outcome says what stands, with a sentence only for a conviction', () => {
    const appealed = inCourt().then(verdict(ID)).then(appeal(ID));
    appealed
      .when(appealDecided(ID, 'changed'))
      .thenRefuses({ field: 'outcome', code: 'case.appeal-outcome-needed' });
    appealed.when(appealDecided(ID, 'changed', { outcome: 'convicted' })).thenRefuses({
      rule: 'kz.torture.sentencing',
      field: 'sentence',
      code: 'court-outcome.sentence-needed',
    });
    appealed.when(appealDecided(ID, 'changed', { outcome: 'acquitted', sentence: prison() })).thenRefuses({
      rule: 'kz.torture.sentencing',
      field: 'sentence',
      code: 'court-outcome.acquittal-sentence',
    });
    appealed
      .when(appealDecided(ID, 'upheld', { outcome: 'acquitted' }))
      .thenRefuses({ field: 'outcome', code: 'case.appeal-no-outcome', params: { result: 'upheld' } });
    appealed
      .when(appealDecided(ID, 'retrial', { sentence: prison() }))
      .thenRefuses({ field: 'outcome', code: 'case.appeal-no-outcome', params: { result: 'retrial' } });
    const acquitted = appealed.then(appealDecided(ID, 'changed', { outcome: 'acquitted' })).state
      .defendants[0];
    expect(acquitted).toMatchObject({ stage: 'acquitted', final: { outcome: 'acquitted', sentence: null } });
  });
});
