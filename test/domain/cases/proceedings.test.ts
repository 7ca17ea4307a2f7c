import { describe, expect, test } from 'vitest';
import { caseDiscontinued } from '../../../src/domain/cases/state.js';
import {
  ABENOV,
  acquittal,
  appeal,
  appealDecided,
  charge,
  COURT,
  discontinue,
  document,
  given,
  identify,
  open,
  OPENED_ON,
  PROCURATOR,
  resume,
  sendToCourt,
  SERIKOV,
  T0,
  TODAY,
  verdict,
} from './given.js';

/*
 * The proceedings per defendant (issue 20 item 3): identified, charged, sent to court, convicted or
 * acquitted, appealed; discontinued and resumed, for one defendant or the whole case. Refusals are
 * for a file that does not hold together, with the step or date it contradicts.
 */

const ID = SERIKOV.officialId;
const OTHER = ABENOV.officialId;
const suspects = () => given([open(), identify(SERIKOV, T0), identify(ABENOV, T0)]);
const inCourt = () => given([open(), identify(SERIKOV, T0), charge(ID), sendToCourt([ID])]);
const stages = (file: ReturnType<typeof given>) => file.state.defendants.map((defendant) => defendant.stage);

describe('the proceedings per defendant', () => {
  test('each defendant moves from suspect to charged, in court, and convicted or acquitted, every step kept', () => {
    let file = suspects();
    expect(stages(file)).toEqual(['suspect', 'suspect']);
    file = file.then(charge(ID)).then(charge(OTHER, '146 ч. 1', { chargedOn: '2026-03-12' }));
    expect(stages(file)).toEqual(['charged', 'charged']);
    file = file.then(sendToCourt([ID, OTHER]));
    expect(stages(file)).toEqual(['in-court', 'in-court']);
    expect(file.state.defendants[0]?.court).toEqual({
      seq: 106,
      actor: PROCURATOR,
      court: COURT,
      sentOn: '2026-03-20',
    });
    file = file.then(verdict(ID)).then(acquittal(OTHER, { article: '146 ч. 1' }));
    expect(stages(file)).toEqual(['convicted', 'acquitted']);
    expect(file.state.defendants[0]).toMatchObject({
      verdicts: [{ seq: 107, outcome: 'convicted', decidedOn: '2026-04-10' }],
      final: { outcome: 'convicted', article: '146 ч. 2' },
    });
    expect(file.state.defendants[1]?.final).toEqual({
      outcome: 'acquitted',
      article: '146 ч. 1',
      sentence: null,
      pleaAgreement: false,
    });
  });

  test('a later charge replaces the article; a defendant whose prosecution is decided is not charged again', () => {
    const file = given([
      open(),
      identify(SERIKOV, T0),
      charge(ID),
      charge(ID, '146 ч. 3', { chargedOn: '2026-03-11' }),
    ]);
    expect(file.state.defendants[0]?.charges.map((entry) => entry.article)).toEqual(['146 ч. 2', '146 ч. 3']);
    inCourt()
      .when(charge(ID, '146 ч. 3'))
      .thenRefuses({ field: 'officialId', code: 'case.defendant-decided', params: { stage: 'in-court' } });
    given([open()])
      .when(charge(ID))
      .thenRefuses({ field: 'officialId', code: 'case.not-a-suspect', params: { officialId: ID } });
  });

  test('only charged defendants of the case go to court, each named once, not before their charge', () => {
    const file = given([open(), identify(SERIKOV, T0), identify(ABENOV, T0), charge(ID)]);
    file
      .when(sendToCourt([ID, OTHER]))
      .thenRefuses({ field: 'officialIds', code: 'case.not-charged', params: { officialId: OTHER } });
    file
      .when(sendToCourt([ID, ID]))
      .thenRefuses({ field: 'officialIds', code: 'case.named-twice', params: { officialId: ID } });
    file
      .when(sendToCourt(['o-unknown']))
      .thenRefuses({ field: 'officialIds', code: 'case.not-a-suspect', params: { officialId: 'o-unknown' } });
    file.when(sendToCourt([])).thenRefuses({ field: 'officialIds', code: 'case.defendants-needed' });
    file.when(sendToCourt([ID], { sentOn: '2026-03-09' })).thenRefuses({
      field: 'sentOn',
      code: 'case.step-before',
      params: { date: '2026-03-09', earlier: '2026-03-10', step: 'charged' },
    });
    inCourt()
      .when(sendToCourt([ID]))
      .thenRefuses({ field: 'officialIds', code: 'case.defendant-decided', params: { stage: 'in-court' } });
  });

  test('a verdict is for a defendant before a court, on or after the day they were sent there', () => {
    given([open(), identify(SERIKOV, T0), charge(ID)])
      .when(verdict(ID))
      .thenRefuses({ field: 'officialId', code: 'case.not-in-court', params: { officialId: ID } });
    given([open(), identify(SERIKOV, T0)])
      .when(verdict(OTHER))
      .thenRefuses({ field: 'officialId', code: 'case.not-a-suspect', params: { officialId: OTHER } });
    inCourt()
      .when(verdict(ID, { decidedOn: '2026-03-19' }))
      .thenRefuses({
        field: 'decidedOn',
        code: 'case.step-before',
        params: { date: '2026-03-19', earlier: '2026-03-20', step: 'sent-to-court' },
      });
    expect(
      inCourt()
        .when(verdict(ID, { decidedOn: '2026-03-20' }))
        .events(),
    ).toHaveLength(1);
  });

  test('while a verdict stands, a second one is refused; an appeal upheld keeps it', () => {
    const convicted = inCourt().then(verdict(ID));
    convicted
      .when(verdict(ID, { decidedOn: '2026-04-11' }))
      .thenRefuses({ field: 'officialId', code: 'case.verdict-standing', params: { officialId: ID } });
    const upheld = convicted.then(appeal(ID)).then(appealDecided(ID, 'upheld'));
    expect(upheld.state.defendants[0]).toMatchObject({
      stage: 'convicted',
      final: { outcome: 'convicted', article: '146 ч. 2' },
      appeals: [
        { by: 'defendant', filedOn: '2026-04-15', decided: { result: 'upheld', decidedOn: '2026-04-25' } },
      ],
    });
    upheld.when(verdict(ID, { decidedOn: '2026-04-30' })).thenRefuses({ code: 'case.verdict-standing' });
  });

  test('an appeal ordering a retrial clears the verdict that stood and allows a new one', () => {
    const retrial = inCourt()
      .then(verdict(ID))
      .then(appeal(ID, { by: 'procurator' }))
      .then(appealDecided(ID, 'retrial'));
    expect(retrial.state.defendants[0]).toMatchObject({ stage: 'in-court', final: null });
    const again = retrial.then(acquittal(ID, { decidedOn: '2026-05-02' }));
    expect(again.state.defendants[0]).toMatchObject({
      stage: 'acquitted',
      final: { outcome: 'acquitted' },
      verdicts: [{ outcome: 'convicted' }, { outcome: 'acquitted', decidedOn: '2026-05-02' }],
    });
    // No appeal of a verdict that no longer stands.
    retrial.when(appeal(ID, { filedOn: '2026-04-26' })).thenRefuses({ code: 'case.no-verdict' });
  });

  test('an appeal follows a verdict, one at a time, and is decided after it was filed', () => {
    inCourt()
      .when(appeal(ID))
      .thenRefuses({ field: 'officialId', code: 'case.no-verdict', params: { officialId: ID } });
    const convicted = inCourt().then(verdict(ID));
    convicted.when(appeal(ID, { filedOn: '2026-04-09' })).thenRefuses({
      field: 'filedOn',
      code: 'case.step-before',
      params: { date: '2026-04-09', earlier: '2026-04-10', step: 'verdict' },
    });
    convicted
      .when(appealDecided(ID, 'upheld'))
      .thenRefuses({ field: 'officialId', code: 'case.no-appeal', params: { officialId: ID } });
    const appealed = convicted.then(appeal(ID));
    appealed
      .when(appeal(ID, { by: 'victim' }))
      .thenRefuses({ field: 'officialId', code: 'case.appeal-open', params: { officialId: ID } });
    appealed.when(appealDecided(ID, 'upheld', { decidedOn: '2026-04-14' })).thenRefuses({
      field: 'decidedOn',
      code: 'case.step-before',
      params: { date: '2026-04-14', earlier: '2026-04-15', step: 'appeal-filed' },
    });
    // After one appeal is decided another may be filed.
    expect(
      appealed
        .then(appealDecided(ID, 'upheld'))
        .when(appeal(ID, { by: 'victim', filedOn: '2026-04-26' }))
        .events(),
    ).toHaveLength(1);
  });

  test('one defendant’s prosecution is discontinued and resumed, the others go on', () => {
    const file = suspects().then(charge(ID)).then(charge(OTHER));
    const discontinued = file.then(discontinue(OTHER));
    expect(stages(discontinued)).toEqual(['charged', 'discontinued']);
    expect(discontinued.state.defendants[1]?.discontinuations).toEqual([
      {
        seq: 106,
        actor: PROCURATOR,
        ground: 'no-elements',
        evidence: [],
        reason: 'the forensic examination found no injuries consistent with the account',
        discontinuedOn: '2026-03-15',
        resumed: null,
      },
    ]);
    discontinued
      .when(charge(OTHER))
      .thenRefuses({ code: 'case.defendant-decided', params: { stage: 'discontinued' } });
    discontinued
      .when(sendToCourt([OTHER]))
      .thenRefuses({ code: 'case.defendant-decided', params: { stage: 'discontinued' } });
    discontinued
      .when(discontinue(OTHER))
      .thenRefuses({ code: 'case.defendant-decided', params: { stage: 'discontinued' } });
    expect(discontinued.when(sendToCourt([ID])).events()).toHaveLength(1);
    discontinued.when(resume(ID)).thenRefuses({ code: 'case.not-discontinued' });
    discontinued.when(resume(OTHER, { resumedOn: '2026-03-14' })).thenRefuses({
      field: 'resumedOn',
      code: 'case.step-before',
      params: { date: '2026-03-14', earlier: '2026-03-15', step: 'discontinued' },
    });
    const resumed = discontinued.then(resume(OTHER));
    expect(stages(resumed)).toEqual(['charged', 'charged']);
    expect(resumed.state.defendants[1]?.discontinuations[0]?.resumed).toEqual({
      seq: 107,
      actor: PROCURATOR,
      by: 'procurator',
      reason: 'the discontinuation was premature: the interview recording was not examined',
      resumedOn: '2026-03-18',
    });
  });

  test('a decided prosecution is not discontinued; a discontinued one gets no verdict', () => {
    inCourt()
      .then(verdict(ID))
      .when(discontinue(ID, { discontinuedOn: '2026-04-20' }))
      .thenRefuses({ code: 'case.defendant-decided', params: { stage: 'convicted' } });
    inCourt()
      .then(discontinue(ID, { discontinuedOn: '2026-03-25', ground: 'reconciliation' }))
      .when(verdict(ID))
      .thenRefuses({ field: 'officialId', code: 'case.not-in-court' });
  });

  test('the whole case is discontinued and resumed; while it stands no one is charged or sent to court', () => {
    const file = suspects().then(charge(ID));
    const discontinued = file.then(discontinue(null, { ground: 'no-crime' }));
    expect(caseDiscontinued(discontinued.state)).toMatchObject({
      ground: 'no-crime',
      discontinuedOn: '2026-03-15',
    });
    discontinued
      .when(discontinue(null))
      .thenRefuses({ code: 'case.discontinued', params: { discontinuedOn: '2026-03-15' } });
    discontinued.when(discontinue(ID)).thenRefuses({ code: 'case.discontinued' });
    discontinued
      .when(charge(OTHER, '146', { chargedOn: '2026-03-16' }))
      .thenRefuses({ code: 'case.discontinued' });
    discontinued.when(sendToCourt([ID])).thenRefuses({ code: 'case.discontinued' });
    const resumed = discontinued.then(resume(null, { by: 'investigating-judge' }));
    expect(caseDiscontinued(resumed.state)).toBeNull();
    expect(resumed.state.discontinuations[0]?.resumed).toMatchObject({
      by: 'investigating-judge',
      resumedOn: '2026-03-18',
    });
    expect(resumed.when(sendToCourt([ID])).events()).toHaveLength(1);
    resumed.when(resume(null)).thenRefuses({ code: 'case.not-discontinued' });
  });

  test('the whole case is not discontinued while defendants are before a court', () => {
    inCourt()
      .when(discontinue(null, { discontinuedOn: '2026-03-25' }))
      .thenRefuses({ code: 'case.before-court' });
    expect(
      inCourt()
        .then(verdict(ID))
        .when(discontinue(null, { discontinuedOn: '2026-04-20' }))
        .events(),
    ).toHaveLength(1);
  });

  test('a discontinuation rests on documents of the file: a forensic examination, an interview recording', () => {
    const file = given([
      open(),
      identify(SERIKOV, T0),
      document('fx-1', 'forensic-report'),
      document('vr-1', 'interview-recording'),
    ]);
    file
      .when(discontinue(ID, { evidence: ['fx-1', 'nope'] }))
      .thenRefuses({ field: 'evidence', code: 'case.unknown-document', params: { documentId: 'nope' } });
    const [event] = file.when(discontinue(ID, { evidence: ['fx-1', 'vr-1'] })).events();
    expect(event?.payload).toMatchObject({
      officialId: ID,
      ground: 'no-elements',
      evidence: ['fx-1', 'vr-1'],
    });
  });

  test('no date of a case is after today (case.date-future) nor before its opening (case.date-before-opening)', () => {
    const file = given([open(), identify(SERIKOV, T0)]);
    file
      .when(charge(ID, '146', { chargedOn: '2026-05-05' }))
      .thenRefuses({ field: 'chargedOn', code: 'case.date-future', params: { date: '2026-05-05' } });
    file.when(charge(ID, '146', { chargedOn: '2026-03-01' })).thenRefuses({
      field: 'chargedOn',
      code: 'case.date-before-opening',
      params: { date: '2026-03-01', openedOn: OPENED_ON },
    });
    expect(file.when(charge(ID, '146', { chargedOn: OPENED_ON })).events()).toHaveLength(1);
    expect(file.when(charge(ID, '146', { chargedOn: TODAY })).events()).toHaveLength(1);
    const charged = file.then(charge(ID));
    charged
      .when(sendToCourt([ID], { sentOn: '2026-05-05' }))
      .thenRefuses({ field: 'sentOn', code: 'case.date-future' });
    inCourt()
      .when(verdict(ID, { decidedOn: '2026-05-05' }))
      .thenRefuses({ field: 'decidedOn', code: 'case.date-future' });
    inCourt()
      .then(verdict(ID))
      .when(appeal(ID, { filedOn: '2026-05-05' }))
      .thenRefuses({ field: 'filedOn', code: 'case.date-future' });
    charged
      .when(discontinue(ID, { discontinuedOn: '2026-05-05' }))
      .thenRefuses({ field: 'discontinuedOn', code: 'case.date-future' });
    charged
      .when(discontinue(null, { discontinuedOn: '2026-02-01' }))
      .thenRefuses({ field: 'discontinuedOn', code: 'case.date-before-opening' });
  });
});
