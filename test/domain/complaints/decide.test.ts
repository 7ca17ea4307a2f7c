import { describe, expect, test } from 'vitest';
import { NEXT_DECISIONS } from '../../../src/domain/complaints/decide.js';
import { evolveComplaint } from '../../../src/domain/complaints/evolve.js';
import type { ComplaintState } from '../../../src/domain/complaints/state.js';
import { resolveComplaintRules } from '../../../src/rules/complaint-rules.js';
import {
  answer,
  close,
  daysAfter,
  decide,
  dueAt,
  given,
  hoursAfter,
  KIOSK,
  outcome,
  PROCURATOR_COPY,
  protect,
  route,
  SEALED,
  submit,
  T0,
  torture,
} from './given.js';

/* The complaint decider (issue 4), specified rule by rule. */

describe('kz.complaint.channel', () => {
  test('kz.complaint.channel: a complaint is recorded sealed, as it came, with its reference', () => {
    const [submitted, ...rest] = given().when(submit()).events();
    expect(submitted).toEqual({
      type: 'complaint-submitted',
      payload: {
        complaintId: 'c1',
        reference: '7KQ2-M9XD-4HTA',
        facilityId: 'f1',
        channel: 'kiosk',
        category: 'conditions',
        sealed: SEALED,
        complainantId: 'p1',
        protectionRequested: false,
        transferRequested: false,
        submittedAt: T0,
        recordedAt: T0,
      },
    });
    // Routed to the complaints authority by an entry of the same type a torture allegation gets.
    expect(rest).toEqual([
      { type: 'complaint-routed', payload: { to: 'complaints-authority', rule: null, routedAt: T0 } },
    ]);
  });

  test('kz.complaint.channel: the folded state keeps no sealed bytes (the read model stores it)', () => {
    const state = given([submit(), answer(hoursAfter(1))]).state;
    expect(JSON.stringify(state)).not.toContain(SEALED.ciphertext);
    expect(state).toMatchObject({ status: 'answered', submitted: { seq: 100, submittedBy: KIOSK } });
  });

  test('a complaint is recorded once', () => {
    given([submit()]).when(submit()).thenRefuses({});
  });

  test('a complaint received by another channel counts from when it was received, never from the future', () => {
    const [submitted] = given()
      .when(submit({ channel: 'paper', receivedAt: daysAfter(-3), actor: 'officer-1' }))
      .events();
    expect(submitted?.payload).toMatchObject({ submittedAt: daysAfter(-3), recordedAt: T0 });
    given()
      .when(submit({ channel: 'paper', receivedAt: hoursAfter(1) }))
      .thenRefuses({ field: 'receivedAt' });
  });

  test('recordings follow from the same terminal within 10 minutes, each once, at most 10', () => {
    const media = (sha: string, now: string, actor = KIOSK) =>
      ({
        type: 'add-media',
        sha256: sha.repeat(64),
        size: 100,
        enc: 'ZW5j',
        recipient: 'complaints-authority',
        now,
        actor,
      }) as const;
    const base = given([submit()]);
    expect(base.when(media('a', hoursAfter(0.1))).events()).toEqual([
      {
        type: 'complaint-media-added',
        payload: { sha256: 'a'.repeat(64), size: 100, enc: 'ZW5j', addedAt: hoursAfter(0.1) },
      },
    ]);
    base.when(media('a', hoursAfter(0.1), 'kiosk-2')).thenRefuses({});
    base.when(media('a', new Date(Date.parse(T0) + 10 * 60_000 + 1).toISOString())).thenRefuses({});
    expect(
      base
        .then(media('a', hoursAfter(0.1)))
        .when(media('a', hoursAfter(0.12)))
        .events(),
    ).toEqual([]);
    let full = base;
    for (const sha of '0123456789') full = full.then(media(sha, hoursAfter(0.1)));
    full.when(media('b', hoursAfter(0.1))).thenRefuses({});
    given([submit({ channel: 'paper', actor: KIOSK })])
      .when(media('a', hoursAfter(0.1)))
      .thenRefuses({});
  });
});

describe('kz.torture.referral', () => {
  test('kz.torture.referral: a torture allegation is referred to the procurator in the same decision that records it', () => {
    const events = given().when(torture()).events();
    expect(events.map((event) => event.type)).toEqual(['complaint-submitted', 'complaint-routed']);
    expect(events[1]?.payload).toEqual({ to: 'procurator', rule: 'kz.torture.referral', routedAt: T0 });
    expect(given([torture()]).state).toMatchObject({ status: 'referred-to-procurator', statusAt: T0 });
  });

  test('kz.torture.referral: the complaints authority neither answers nor closes an allegation', () => {
    const allegation = given([torture()]);
    allegation.when(answer(hoursAfter(1))).thenRefuses({ rule: 'kz.torture.referral' });
    allegation.when(close(hoursAfter(1))).thenRefuses({ rule: 'kz.torture.referral' });
  });

  test('kz.torture.referral: the procurator decides as the procedure goes, never on an ordinary complaint', () => {
    given([submit()])
      .when(decide('investigation-opened', hoursAfter(1)))
      .thenRefuses({ rule: 'kz.torture.referral' });
    const opened = given([torture()]).then(decide('investigation-opened', hoursAfter(1)));
    expect(opened.state).toMatchObject({ status: 'under-investigation', statusAt: hoursAfter(1) });
    given([torture()])
      .when(decide('sent-to-court', hoursAfter(1)))
      .thenRefuses({
        rule: 'kz.torture.referral',
        field: 'decision',
      });
    const court = opened.then(decide('sent-to-court', daysAfter(40)));
    expect(court.state.status).toBe('closed');
    court.when(decide('investigation-opened', daysAfter(41))).thenRefuses({ rule: 'kz.torture.referral' });
  });

  test('kz.torture.referral: a discontinued investigation needs its reason, and may be reopened', () => {
    const allegation = given([torture(), decide('investigation-opened', hoursAfter(1))]);
    allegation.when(decide('discontinued', hoursAfter(2))).thenRefuses({ field: 'reason' });
    const discontinued = allegation.then(
      decide('discontinued', hoursAfter(2), { reason: 'no corpus delicti' }),
    );
    expect(discontinued.state.status).toBe('closed');
    expect(discontinued.then(decide('investigation-opened', daysAfter(3))).state.status).toBe(
      'under-investigation',
    );
  });

  test('the procedure as data: every decision may follow the start or another decision, and sent-to-court ends it', () => {
    const reachable = new Set(Object.values(NEXT_DECISIONS).flat());
    expect([...reachable].sort()).toEqual([
      'discontinued',
      'investigation-opened',
      'joined',
      'sent-to-court',
    ]);
    expect(NEXT_DECISIONS['sent-to-court']).toEqual([]);
  });

  test('kz.torture.referral: an allegation has no answer clock — the procurator decides on it instead', () => {
    expect(
      given([torture()])
        .when(dueAt(daysAfter(365)))
        .events(),
    ).toEqual([]);
  });
});

describe('kz.torture.referral: the procurator’s own key, and routing (issue 18 items 5 and 9)', () => {
  test('kz.complaint.channel: a torture allegation may carry the procurator’s copy; no other complaint may', () => {
    const [submitted] = given()
      .when(torture({ sealedFor: { procurator: PROCURATOR_COPY } }))
      .events();
    expect(submitted?.payload).toMatchObject({ sealed: SEALED, sealedFor: { procurator: PROCURATOR_COPY } });
    expect(given([torture({ sealedFor: { procurator: PROCURATOR_COPY } })]).state.sealedForProcurator).toBe(
      true,
    );
    // The folded state (the read model) keeps neither copy.
    expect(
      JSON.stringify(given([torture({ sealedFor: { procurator: PROCURATOR_COPY } })]).state),
    ).not.toContain(PROCURATOR_COPY.ciphertext);
    given()
      .when(submit({ sealedFor: { procurator: PROCURATOR_COPY } }))
      .thenRefuses({ field: 'sealedFor' });
    expect(given([torture()]).state.sealedForProcurator).toBe(false);
    const [plain] = given().when(torture()).events();
    expect(Object.keys(plain?.payload ?? {})).not.toContain('sealedFor');
  });

  test('kz.torture.referral: a complaint filed under another category is routed to the procurator with its reason; the submission keeps its category', () => {
    const answered = given([submit(), answer(hoursAfter(2))]);
    const events = answered.when(route(hoursAfter(3))).events();
    expect(events.map((event) => event.type)).toEqual(['complaint-routed', 'complaint-resealed']);
    expect(events[0]?.payload).toEqual({
      to: 'procurator',
      rule: 'kz.torture.referral',
      routedAt: hoursAfter(3),
      rerouted: { from: 'conditions', reason: 'describes a beating by a guard' },
    });
    expect(events[1]?.payload).toEqual({
      recipient: 'procurator',
      sealed: PROCURATOR_COPY,
      media: [{ sha256: 'c'.repeat(64), size: 116, enc: 'ZW5j' }],
      resealedAt: hoursAfter(3),
    });
    const routed = answered.then(route(hoursAfter(3)));
    expect(routed.state).toMatchObject({
      submitted: { category: 'conditions' },
      referredAt: hoursAfter(3),
      rerouted: { from: 'conditions', reason: 'describes a beating by a guard', routedAt: hoursAfter(3) },
      sealedForProcurator: true,
      status: 'referred-to-procurator',
    });
    expect(routed.state.media).toContainEqual(
      expect.objectContaining({ sha256: 'c'.repeat(64), recipient: 'procurator' }),
    );
    // From now on the procurator's alone: the authority neither answers nor closes it.
    routed.when(answer(hoursAfter(4))).thenRefuses({ rule: 'kz.torture.referral' });
    routed.when(close(hoursAfter(4))).thenRefuses({ rule: 'kz.torture.referral' });
    expect(routed.then(decide('investigation-opened', hoursAfter(5))).state.status).toBe(
      'under-investigation',
    );
    // Once with the procurator, it is not routed again; and routing says why.
    routed.when(route(hoursAfter(6))).thenRefuses({});
    given([submit()])
      .when(route(hoursAfter(1), '  '))
      .thenRefuses({ field: 'reason' });
    given()
      .when(route(hoursAfter(1)))
      .thenRefuses({});
  });

  test('kz.torture.referral: an allegation sealed before the procurator’s office had a key gets its copy, once, without being routed again', () => {
    const legacy = given([torture()]);
    expect(
      legacy
        .when(route(hoursAfter(1)))
        .events()
        .map((event) => event.type),
    ).toEqual(['complaint-resealed']);
    const copied = legacy.then(route(hoursAfter(1)));
    expect(copied.state).toMatchObject({ referredAt: T0, rerouted: null, sealedForProcurator: true });
    copied.when(route(hoursAfter(2))).thenRefuses({});
    given([torture({ sealedFor: { procurator: PROCURATOR_COPY } })])
      .when(route(hoursAfter(1)))
      .thenRefuses({});
  });

  test('kz.complaint.channel: an allegation’s recordings are sealed once for each recipient; an ordinary complaint’s only for the authority', () => {
    const media = (sha: string, recipient: 'complaints-authority' | 'procurator') =>
      ({
        type: 'add-media',
        sha256: sha.repeat(64),
        size: 100,
        enc: 'ZW5j',
        recipient,
        now: hoursAfter(0.1),
        actor: KIOSK,
      }) as const;
    const allegation = given([torture({ sealedFor: { procurator: PROCURATOR_COPY } })]);
    expect(allegation.when(media('a', 'procurator')).events()[0]?.payload).toMatchObject({
      recipient: 'procurator',
    });
    expect(allegation.when(media('a', 'complaints-authority')).events()[0]?.payload).not.toHaveProperty(
      'recipient',
    );
    let full = allegation;
    for (const sha of '0123456789') full = full.then(media(sha, 'complaints-authority'));
    expect(full.when(media('p', 'procurator')).events()).toHaveLength(1);
    given([submit()]).when(media('a', 'procurator')).thenRefuses({});
  });
});

describe('kz.cases.joined', () => {
  test('kz.cases.joined: joining names the case; the allegation stays, with its decision', () => {
    const allegation = given([torture()]);
    allegation
      .when(decide('joined', hoursAfter(1)))
      .thenRefuses({ rule: 'kz.cases.joined', field: 'caseNumber' });
    const joined = allegation.then(
      decide('joined', hoursAfter(1), { caseNumber: '231500031000123', joinedWith: '7KQ2-M9XD-4HTB' }),
    );
    expect(joined.state).toMatchObject({
      status: 'under-investigation',
      submitted: { reference: '7KQ2-M9XD-4HTA' },
      decisions: [{ decision: 'joined', caseNumber: '231500031000123', joinedWith: '7KQ2-M9XD-4HTB' }],
    });
    allegation
      .when(decide('joined', hoursAfter(1), { caseNumber: '1', joinedWith: '7KQ2-M9XD-4HTA' }))
      .thenRefuses({ field: 'joinedWith' });
  });
});

describe('kz.torture.suspension', () => {
  const identify = (officials: string[], at = hoursAfter(2), now = hoursAfter(3)) =>
    outcome({ kind: 'suspects-identified', officials, at }, now);
  const suspend = (official: string, at: string, now = at) =>
    outcome({ kind: 'official-suspended', official, at, by: 'Начальник ДП г. Астаны' }, now);

  test('kz.torture.suspension: identified officials are recorded on the allegation, each once, never on an ordinary complaint', () => {
    const identified = given([torture()]).when(identify(['Иванов И.И., старший инспектор', 'Петров П.П.']));
    expect(identified.events()).toEqual([
      {
        type: 'suspects-identified',
        payload: {
          officials: ['Иванов И.И., старший инспектор', 'Петров П.П.'],
          at: hoursAfter(2),
          recordedAt: hoursAfter(3),
        },
      },
    ]);
    expect(identified.and().state.suspects).toMatchObject([
      { official: 'Иванов И.И., старший инспектор', identifiedAt: hoursAfter(2), suspended: null },
      { official: 'Петров П.П.', suspended: null },
    ]);
    identified
      .and()
      .when(identify(['Петров П.П.'], hoursAfter(3), hoursAfter(4)))
      .thenRefuses({ rule: 'kz.torture.suspension', field: 'officials' });
    given([torture()])
      .when(identify(['Петров П.П.', 'Петров П.П.']))
      .thenRefuses({ rule: 'kz.torture.suspension', field: 'officials' });
    given([submit()])
      .when(identify(['Петров П.П.']))
      .thenRefuses({ rule: 'kz.torture.referral' });
    given([torture()])
      .when(identify(['Петров П.П.'], hoursAfter(5), hoursAfter(4)))
      .thenRefuses({ field: 'at' });
  });

  test('kz.torture.suspension: only an identified official is suspended, once, not before being identified', () => {
    const identified = given([torture(), identify(['Петров П.П.'])]);
    identified
      .when(suspend('Сидоров С.С.', hoursAfter(4)))
      .thenRefuses({ rule: 'kz.torture.suspension', field: 'official' });
    identified
      .when(suspend('Петров П.П.', hoursAfter(1), hoursAfter(4)))
      .thenRefuses({ rule: 'kz.torture.suspension', field: 'at' });
    const suspended = identified.then(suspend('Петров П.П.', hoursAfter(10)));
    expect(suspended.state.suspects[0]?.suspended).toMatchObject({
      at: hoursAfter(10),
      by: 'Начальник ДП г. Астаны',
      actor: 'procurator-1',
    });
    suspended
      .when(suspend('Петров П.П.', hoursAfter(11)))
      .thenRefuses({ rule: 'kz.torture.suspension', field: 'official' });
  });

  test('kz.torture.suspension: not suspended within 24 h of identification is a flag, one per official, once', () => {
    const identified = given([torture(), identify(['Иванов И.И.', 'Петров П.П.'])]).then(
      suspend('Иванов И.И.', hoursAfter(20)),
    );
    expect(identified.when(dueAt(hoursAfter(25.9))).events()).toEqual([]);
    const late = identified.when(dueAt(hoursAfter(26)));
    expect(late.findings()).toEqual([
      {
        key: 'kz.torture.suspension#2',
        rule: 'kz.torture.suspension',
        kind: 'flag',
        at: hoursAfter(26),
        detail: `Петров П.П., identified as a suspected perpetrator at ${hoursAfter(2)}, was not suspended within 24 hours`,
        params: { hours: 24, official: 'Петров П.П.', identifiedAt: hoursAfter(2) },
        pack: 'kz',
        packVersion: '2026.1',
      },
    ]);
    expect(
      late
        .and()
        .when(dueAt(hoursAfter(100)))
        .events(),
    ).toEqual([]);
    // A late suspension is recorded, and records the flag with it.
    const lateSuspension = given([torture(), identify(['Петров П.П.'])])
      .when(suspend('Петров П.П.', hoursAfter(30)))
      .events();
    expect(lateSuspension.map((event) => event.type)).toEqual(['official-suspended', 'finding-recorded']);
  });

  test('kz.torture.suspension: the 24 h are configurable (habeas.json rules)', () => {
    const twelve = resolveComplaintRules({ 'kz.torture.suspension': { hours: 12 } });
    expect(twelve.suspensionHours).toBe(12);
    expect(
      given([torture(), identify(['Петров П.П.'])], twelve)
        .when(dueAt(hoursAfter(14)))
        .findings()
        .map((finding) => finding.rule),
    ).toEqual(['kz.torture.suspension']);
  });
});

describe('kz.torture.sentencing', () => {
  const court = (
    extra: Partial<{
      outcome: 'convicted' | 'acquitted';
      article: string;
      reclassified: boolean;
      sentence: { kind: 'imprisonment' | 'suspended' | 'fine' | 'other'; months: number | null } | null;
      pleaBargain: boolean;
    }> = {},
    now = daysAfter(100),
  ) =>
    outcome(
      {
        kind: 'court-outcome',
        at: daysAfter(99),
        outcome: 'convicted',
        article: 'ст. 146 УК РК',
        reclassified: false,
        sentence: { kind: 'imprisonment', months: 60 },
        pleaBargain: false,
        ...extra,
      },
      now,
    );
  const inCourt = () =>
    given([torture(), decide('investigation-opened', hoursAfter(1)), decide('sent-to-court', daysAfter(40))]);

  test('kz.torture.sentencing: a conviction for torture with imprisonment is recorded without a flag', () => {
    const events = inCourt().when(court()).events();
    expect(events).toEqual([
      {
        type: 'court-outcome',
        payload: {
          at: daysAfter(99),
          outcome: 'convicted',
          article: 'ст. 146 УК РК',
          reclassified: false,
          sentence: { kind: 'imprisonment', months: 60 },
          pleaBargain: false,
          recordedAt: daysAfter(100),
        },
      },
    ]);
  });

  test('kz.torture.sentencing: reclassified, suspended or plea-bargained is recorded as decided and flagged, never refused', () => {
    const flagged = inCourt().when(
      court({
        article: 'ст. 362 УК РК',
        reclassified: true,
        sentence: { kind: 'suspended', months: 24 },
        pleaBargain: true,
      }),
    );
    expect(flagged.events().map((event) => event.type)).toEqual(['court-outcome', 'finding-recorded']);
    expect(flagged.findings()).toEqual([
      {
        key: 'kz.torture.sentencing#1',
        rule: 'kz.torture.sentencing',
        kind: 'flag',
        at: daysAfter(99),
        detail: `the court's outcome (ст. 362 УК РК) of ${daysAfter(99)}: torture reclassified as a lesser offence; a suspended sentence; a plea bargain`,
        params: {
          article: 'ст. 362 УК РК',
          decidedAt: daysAfter(99),
          concerns: ['reclassified', 'suspended-sentence', 'plea-bargain'],
        },
        pack: 'kz',
        packVersion: '2026.1',
      },
    ]);
    for (const extra of [
      { reclassified: true },
      { sentence: { kind: 'suspended' as const, months: 12 } },
      { pleaBargain: true },
    ])
      expect(inCourt().when(court(extra)).findings()).toHaveLength(1);
    // A second outcome (an appeal) gets its own flag.
    const appeal = flagged.and().when(court({ pleaBargain: true }, daysAfter(200)));
    expect(appeal.findings().map((finding) => finding.key)).toEqual(['kz.torture.sentencing#2']);
    expect(appeal.and().state.courtOutcomes).toHaveLength(2);
  });

  test('kz.torture.sentencing: a conviction names its sentence, an acquittal has none', () => {
    inCourt()
      .when(court({ sentence: null }))
      .thenRefuses({ rule: 'kz.torture.sentencing', field: 'sentence' });
    inCourt()
      .when(court({ outcome: 'acquitted' }))
      .thenRefuses({ rule: 'kz.torture.sentencing', field: 'sentence' });
    expect(
      inCourt()
        .when(court({ outcome: 'acquitted', sentence: null }))
        .events(),
    ).toHaveLength(1);
    given([submit()]).when(court()).thenRefuses({ rule: 'kz.torture.referral' });
  });
});

describe('kz.evidence.inadmissible', () => {
  test('kz.evidence.inadmissible: evidence excluded as obtained under torture is recorded on the case', () => {
    const excluded = given([torture()]).when(
      outcome(
        { kind: 'evidence-excluded', at: daysAfter(10), description: 'Протокол допроса от 02.05.2026' },
        daysAfter(11),
      ),
    );
    expect(excluded.events()).toEqual([
      {
        type: 'evidence-excluded',
        payload: {
          at: daysAfter(10),
          description: 'Протокол допроса от 02.05.2026',
          recordedAt: daysAfter(11),
        },
      },
    ]);
    expect(excluded.and().state.evidenceExcluded).toMatchObject([
      { at: daysAfter(10), description: 'Протокол допроса от 02.05.2026', actor: 'procurator-1' },
    ]);
    given([submit()])
      .when(outcome({ kind: 'evidence-excluded', at: daysAfter(1), description: 'x' }, daysAfter(1)))
      .thenRefuses({ rule: 'kz.torture.referral' });
  });

  test('states stored before these records read as empty lists', () => {
    const { suspects: _s, courtOutcomes: _c, evidenceExcluded: _e, ...old } = given([torture()]).state;
    const state = evolveComplaint(
      old as ComplaintState,
      { type: 'evidence-excluded', payload: { at: T0, description: 'x', recordedAt: T0 } },
      { seq: 200, version: 2, recordedAt: T0, actor: 'procurator-1' },
    );
    expect(state.evidenceExcluded).toHaveLength(1);
  });
});

describe('intl.complaint.answer', () => {
  test('intl.complaint.answer: no finding before 30 days; a breach at exactly 30 days, once', () => {
    const received = given([submit()]);
    expect(received.when(dueAt(daysAfter(30, T0).replace('06:00:00.000', '05:59:59.999'))).events()).toEqual(
      [],
    );
    const late = received.when(dueAt(daysAfter(30)));
    expect(late.findings()).toEqual([
      {
        key: 'intl.complaint.answer',
        rule: 'intl.complaint.answer',
        kind: 'breach',
        at: daysAfter(30),
        detail: `complaint received at ${T0} not answered within 30 days`,
        params: { days: 30, receivedAt: T0 },
        pack: 'intl',
        packVersion: '2026.1',
      },
    ]);
    expect(
      late
        .and()
        .when(dueAt(daysAfter(60)))
        .events(),
    ).toEqual([]);
  });

  test('intl.complaint.answer: an answer in time meets it; a late answer records the breach with it', () => {
    expect(
      given([submit(), answer(daysAfter(29))])
        .when(dueAt(daysAfter(90)))
        .events(),
    ).toEqual([]);
    const late = given([submit()])
      .when(answer(daysAfter(31)))
      .events();
    expect(late.map((event) => event.type)).toEqual(['complaint-answered', 'finding-recorded']);
  });

  test('intl.complaint.answer: closing without an answer does not meet it', () => {
    const closed = given([submit(), close(daysAfter(1))]);
    expect(closed.state.status).toBe('closed');
    expect(
      closed
        .when(dueAt(daysAfter(31)))
        .findings()
        .map((finding) => finding.rule),
    ).toEqual(['intl.complaint.answer']);
    closed.when(answer(daysAfter(2))).thenRefuses({});
    closed.when(close(daysAfter(2))).thenRefuses({});
  });

  test('intl.complaint.answer: the deadline is configurable (habeas.json rules)', () => {
    const twenty = resolveComplaintRules({ 'intl.complaint.answer': { days: 20 } });
    expect(
      given([submit()], twenty)
        .when(dueAt(daysAfter(20)))
        .findings(),
    ).toHaveLength(1);
  });

  test('a complaint received 31 days ago is late the moment it is recorded', () => {
    const events = given()
      .when(submit({ channel: 'ombudsman', receivedAt: daysAfter(-31), actor: 'officer-1' }))
      .events();
    expect(events.map((event) => event.type)).toEqual([
      'complaint-submitted',
      'complaint-routed',
      'finding-recorded',
    ]);
  });
});

describe('kz.transfer.protection', () => {
  const withRequests = () =>
    torture({
      protectionRequests: [
        { kind: 'protection', requestId: 'r1' },
        { kind: 'transfer', requestId: 'r2' },
      ],
    });

  test('kz.transfer.protection: each request goes to the governor with the person, without the complaint', () => {
    const events = given().when(withRequests()).events();
    expect(events.map((event) => event.type)).toEqual([
      'complaint-submitted',
      'complaint-routed',
      'protection-requested',
      'protection-requested',
    ]);
    expect(events[2]?.payload).toEqual({
      requestId: 'r1',
      kind: 'protection',
      facilityId: 'f1',
      personId: 'p1',
      requestedAt: T0,
    });
    expect(events[0]?.payload).toMatchObject({ protectionRequested: true, transferRequested: true });
  });

  test('kz.transfer.protection: 24 h without the governor’s decision is a breach, one per request', () => {
    const requested = given([withRequests(), protect('r2', hoursAfter(23))]);
    expect(requested.when(dueAt(hoursAfter(23.9))).events()).toEqual([]);
    const findings = requested.when(dueAt(hoursAfter(24))).findings();
    expect(findings).toEqual([
      expect.objectContaining({
        key: 'kz.transfer.protection@r1',
        rule: 'kz.transfer.protection',
        kind: 'breach',
        pack: 'kz',
        at: hoursAfter(24),
      }),
    ]);
  });

  test('kz.transfer.protection: a request is decided once, with a reason', () => {
    const decided = given([withRequests(), protect('r1', hoursAfter(2))]);
    decided.when(protect('r1', hoursAfter(3), 'refused')).thenRefuses({ rule: 'kz.transfer.protection' });
    decided.when(protect('nope', hoursAfter(3))).thenRefuses({});
    expect(decided.state.protection.find((request) => request.requestId === 'r1')?.decided).toMatchObject({
      decision: 'granted',
      decidedAt: hoursAfter(2),
      actor: 'governor-1',
    });
  });
});

describe('evolve', () => {
  test('entries of other types and erased payloads count for the version and change nothing else', () => {
    const state = given([submit()]).state;
    const meta = { seq: 200, version: 1, recordedAt: T0, actor: 'x' };
    const erased = evolveComplaint(state, { type: 'complaint-answered', payload: null } as never, meta);
    const other = evolveComplaint(erased, { type: 'payload-erased', payload: { seq: 1 } } as never, {
      ...meta,
      seq: 201,
      version: 2,
    });
    expect(other).toEqual({ ...state, version: 3 });
  });
});
