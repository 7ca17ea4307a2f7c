import { describe, expect, test } from 'vitest';
import { caseStream, caseIdOfStream } from '../../../src/domain/cases/events.js';
import { given, join, open, OPENED_ON, PROCURATOR, T0, TODAY, victim } from './given.js';

/* Opening a case file and joining allegations into it (issue 20 item 1; kz.cases.joined, seed ¶36). */

describe('kz.cases.joined', () => {
  test('kz.cases.joined: a case opened from allegations records each as a source, on the opening date, not joined', () => {
    const events = given().when(open()).events();
    expect(events).toEqual([
      {
        type: 'case-opened',
        payload: {
          caseId: 'k1',
          number: '261500031000123',
          article: '146 ч. 2',
          openedOn: OPENED_ON,
          investigatingBody: 'Anti-Corruption Agency, Almaty',
          region: 'KZ-75',
          tags: ['january-2022'],
          sources: [
            { kind: 'complaint', reference: '7KQ2-M9XD-4HTA' },
            { kind: 'medical-referral', reference: 'MR-0001' },
          ],
          exOfficioBasis: null,
          recordedAt: T0,
        },
      },
    ]);
    const state = given([open()]).state;
    expect(state.opened).toMatchObject({
      caseId: 'k1',
      number: '261500031000123',
      seq: 101,
      actor: PROCURATOR,
    });
    expect(state.sources).toEqual([
      {
        seq: 101,
        actor: PROCURATOR,
        source: { kind: 'complaint', reference: '7KQ2-M9XD-4HTA' },
        on: OPENED_ON,
        joined: false,
      },
      {
        seq: 101,
        actor: PROCURATOR,
        source: { kind: 'medical-referral', reference: 'MR-0001' },
        on: OPENED_ON,
        joined: false,
      },
    ]);
    expect(state.version).toBe(1);
  });

  test('kz.cases.joined: a case opened ex officio states its basis; with neither allegations nor basis it is refused', () => {
    given()
      .when(open({ sources: [] }))
      .thenRefuses({ field: 'sources', code: 'case.source-needed', params: {} });
    const state = given([
      open({ sources: [], exOfficioBasis: 'a press report of beatings in the Almaty IVS' }),
    ]).state;
    expect(state.sources).toEqual([]);
    expect(state.opened?.exOfficioBasis).toBe('a press report of beatings in the Almaty IVS');
  });

  test('kz.cases.joined: an allegation named twice at opening is refused, naming the rule and the reference', () => {
    const twice = { kind: 'complaint', reference: '7KQ2-M9XD-4HTA' } as const;
    given()
      .when(open({ sources: [twice, { kind: 'death', reference: 'D-7' }, twice] }))
      .thenRefuses({
        rule: 'kz.cases.joined',
        field: 'sources',
        code: 'case.source-twice',
        params: { reference: '7KQ2-M9XD-4HTA' },
      });
  });

  test('kz.cases.joined: joining keeps every allegation of the case, each joined one flagged with its date', () => {
    const opened = given([open()]);
    expect(opened.when(join('7KQ2-M9XD-4HTB')).events()).toEqual([
      {
        type: 'allegation-joined',
        payload: {
          source: { kind: 'complaint', reference: '7KQ2-M9XD-4HTB' },
          joinedOn: '2026-04-01',
          recordedAt: T0,
        },
      },
    ]);
    const state = opened
      .then(join('7KQ2-M9XD-4HTB'))
      .then(join('D-12', { source: { kind: 'death', reference: 'D-12' }, joinedOn: '2026-04-20' })).state;
    expect(
      state.sources.map(({ source, on, joined }) => ({ reference: source.reference, on, joined })),
    ).toEqual([
      { reference: '7KQ2-M9XD-4HTA', on: OPENED_ON, joined: false },
      { reference: 'MR-0001', on: OPENED_ON, joined: false },
      { reference: '7KQ2-M9XD-4HTB', on: '2026-04-01', joined: true },
      { reference: 'D-12', on: '2026-04-20', joined: true },
    ]);
    expect(state.sources[2]).toMatchObject({ seq: 102, actor: PROCURATOR });
  });

  test('kz.cases.joined: an allegation already in the case, opened with it or joined since, is not joined again', () => {
    const file = given([open(), join('7KQ2-M9XD-4HTB')]);
    for (const reference of ['7KQ2-M9XD-4HTA', '7KQ2-M9XD-4HTB'])
      file.when(join(reference)).thenRefuses({
        rule: 'kz.cases.joined',
        field: 'reference',
        code: 'case.allegation-in-case',
        params: { reference },
      });
    // The same reference of another kind of source is another allegation.
    expect(
      file.when(join('MR-0001', { source: { kind: 'complaint', reference: 'MR-0001' } })).events(),
    ).toHaveLength(1);
  });

  test('kz.cases.joined: an allegation is joined on a day between the opening and today', () => {
    const opened = given([open()]);
    opened.when(join('7KQ2-M9XD-4HTB', { joinedOn: '2026-03-01' })).thenRefuses({
      field: 'joinedOn',
      code: 'case.date-before-opening',
      params: { date: '2026-03-01', openedOn: OPENED_ON },
    });
    opened
      .when(join('7KQ2-M9XD-4HTB', { joinedOn: '2026-05-05' }))
      .thenRefuses({ field: 'joinedOn', code: 'case.date-future', params: { date: '2026-05-05' } });
    expect(opened.when(join('7KQ2-M9XD-4HTB', { joinedOn: TODAY })).events()).toHaveLength(1);
  });
});

describe('the case file', () => {
  test('a case is opened once, on a day not after today; nothing is recorded in a case never opened', () => {
    given([open()]).when(open()).thenRefuses({ code: 'case.already-opened' });
    given()
      .when(open({ openedOn: '2026-05-05' }))
      .thenRefuses({ field: 'openedOn', code: 'case.date-future', params: { date: '2026-05-05' } });
    // Historical cases are entered with their real dates.
    expect(
      given()
        .when(open({ openedOn: '2019-11-20' }))
        .events(),
    ).toHaveLength(1);
    expect(given().when(join('7KQ2-M9XD-4HTB')).decision).toMatchObject({ refused: true });
    expect(given().when(victim()).decision).toMatchObject({ refused: true });
    expect(
      given().when({ type: 'record-due-findings', now: T0, actor: 'habeas:scheduler' }).events(),
    ).toEqual([]);
  });

  test('a tag named twice is kept once; an update that changes nothing records nothing', () => {
    const [opened] = given()
      .when(open({ tags: ['january-2022', 'almaty', 'january-2022'] }))
      .events();
    expect(opened?.payload).toMatchObject({ tags: ['january-2022', 'almaty'] });
    const file = given([open()]);
    const update = {
      type: 'update-case',
      investigatingBody: null,
      tags: null,
      reason: 'no change',
      now: T0,
      today: TODAY,
      actor: PROCURATOR,
    } as const;
    expect(file.when(update).events()).toEqual([]);
    expect(
      file
        .when({ ...update, investigatingBody: 'Anti-Corruption Agency, Almaty', tags: ['january-2022'] })
        .events(),
    ).toEqual([]);
    const changed = file.then({
      ...update,
      investigatingBody: 'Procuracy of Almaty',
      reason: 'transferred',
    }).state;
    expect(changed).toMatchObject({ investigatingBody: 'Procuracy of Almaty', tags: ['january-2022'] });
  });

  test('a case stream is named by its opaque id alone', () => {
    expect(caseStream('k1')).toBe('case/k1');
    expect(caseIdOfStream('case/k1')).toBe('k1');
    expect(caseIdOfStream('official/k1')).toBeNull();
  });

  test('a victim is recognised once per person, on a day of the case', () => {
    const file = given([open(), victim('v1')]);
    expect(file.state.victims).toEqual([
      {
        victimId: 'v1',
        personId: 'p1',
        name: 'Zhaksylykov D.',
        recognisedOn: '2026-03-03',
        seq: 102,
        actor: PROCURATOR,
      },
    ]);
    file.when(victim('v2')).thenRefuses({ field: 'personId', code: 'case.victim-already' });
    expect(file.when(victim('v2', { personId: null, name: 'Unknown detainee' })).events()).toHaveLength(1);
    file
      .when(victim('v2', { personId: 'p2', recognisedOn: '2026-03-01' }))
      .thenRefuses({ field: 'recognisedOn', code: 'case.date-before-opening' });
  });
});
