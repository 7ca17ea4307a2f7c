import { describe, expect, test } from 'vitest';
import { complaintClocks } from '../../../src/clocks/complaints.js';
import type { ComplaintCommand } from '../../../src/domain/complaints/commands.js';
import type { ComplaintConcerns } from '../../../src/domain/complaints/events.js';
import { isAllegation, isWithJudge } from '../../../src/domain/complaints/evolve.js';
import { DEFAULT_COMPLAINT_RULES, resolveComplaintRules } from '../../../src/rules/complaint-rules.js';
import {
  answer,
  close,
  decide,
  dueAt,
  given,
  hoursAfter,
  outcome,
  PROCURATOR_COPY,
  route,
  SEALED,
  submit,
  T0,
  torture,
} from './given.js';

/*
 * kz.allegation.conflict (seed ¶5): a complaint about the actions of a procurator's or an
 * investigator's own office goes to the investigating judge, never to the office complained of;
 * the judge orders an investigation at once (24 h by default), and no procurator decides it.
 */

const PROCURATORS: ComplaintConcerns = { office: 'procurator', region: 'KZ-71' };
const INVESTIGATORS: ComplaintConcerns = { office: 'investigator', region: 'KZ-75' };

const toJudge = (now: string, concerns: ComplaintConcerns = PROCURATORS): ComplaintCommand => ({
  type: 'route-to-judge',
  concerns,
  reason: 'the complaint describes the investigator’s threats during questioning',
  now,
  actor: 'officer-1',
});

const order = (
  now: string,
  orderedAt: string = now,
  extra: { investigateBy?: string; caseNumber?: string | null } = {},
): ComplaintCommand => ({
  type: 'record-judge-order',
  orderedAt,
  investigateBy: extra.investigateBy ?? 'Anti-Corruption Agency, Astana',
  caseNumber: extra.caseNumber ?? null,
  now,
  actor: 'judge-1',
});

describe('kz.allegation.conflict', () => {
  test('kz.allegation.conflict: a torture allegation about the procurator’s office is routed to the investigating judge, never the procurator, by the same entry type', () => {
    const events = given()
      .when(torture({ concerns: PROCURATORS }))
      .events();
    expect(events.map((event) => event.type)).toEqual(['complaint-submitted', 'complaint-routed']);
    expect(events[1]).toEqual({
      type: 'complaint-routed',
      payload: {
        to: 'investigating-judge',
        rule: 'kz.allegation.conflict',
        routedAt: T0,
        concerns: PROCURATORS,
      },
    });
    const state = given([torture({ concerns: PROCURATORS })]).state;
    expect(isWithJudge(state)).toBe(true);
    expect(isAllegation(state)).toBe(false);
    expect(state).toMatchObject({
      referredAt: null,
      status: 'referred-to-investigating-judge',
      statusAt: T0,
      judge: { concerns: PROCURATORS, routedAt: T0, rerouted: null },
    });
  });

  test('kz.allegation.conflict: any complaint about an investigator goes to the judge, whatever its category', () => {
    const [, routed] = given()
      .when(submit({ category: 'other', concerns: INVESTIGATORS }))
      .events();
    expect(routed?.payload).toMatchObject({ to: 'investigating-judge', concerns: INVESTIGATORS });
  });

  test('kz.allegation.conflict: a complaint about the procurator’s office is never sealed to the procurator’s key', () => {
    given()
      .when(torture({ concerns: PROCURATORS, sealedFor: { procurator: PROCURATOR_COPY } }))
      .thenRefuses({
        rule: 'kz.allegation.conflict',
        field: 'sealedFor',
        reason: { code: 'allegation.conflict', params: { office: 'procurator', region: 'KZ-71' } },
      } as never);
    // Nor a recording sealed for the procurator afterwards.
    given([torture({ concerns: PROCURATORS })])
      .when({
        type: 'add-media',
        sha256: 'd'.repeat(64),
        size: 100,
        enc: 'ZW5j',
        recipient: 'procurator',
        now: hoursAfter(0.05),
        actor: 'kiosk-1',
      })
      .thenRefuses({});
  });

  test('kz.allegation.conflict: no procurator decides or records anything on it — refused naming the rule and the office', () => {
    const withJudge = given([torture({ concerns: PROCURATORS })]);
    const refusal = withJudge.when(decide('investigation-opened', hoursAfter(1))).thenRefuses({
      rule: 'kz.allegation.conflict',
    });
    expect(refusal.reason).toEqual({
      code: 'allegation.conflict',
      params: { office: 'procurator', region: 'KZ-71' },
    });
    withJudge
      .when(
        outcome(
          { kind: 'suspects-identified', officials: ['прокурор А.'], at: hoursAfter(1) },
          hoursAfter(1),
        ),
      )
      .thenRefuses({ rule: 'kz.allegation.conflict' });
    // Nor is it routed (back) to the procurator.
    withJudge.when(route(hoursAfter(1))).thenRefuses({ rule: 'kz.allegation.conflict' });
  });

  test('kz.allegation.conflict: the complaints authority neither answers nor closes it', () => {
    const withJudge = given([submit({ concerns: INVESTIGATORS })]);
    expect(
      withJudge.when(answer(hoursAfter(1))).thenRefuses({ rule: 'kz.allegation.conflict' }).reason,
    ).toEqual({
      code: 'allegation.judge-only',
      params: {},
    });
    withJudge.when(close(hoursAfter(1))).thenRefuses({ rule: 'kz.allegation.conflict' });
  });

  test('kz.allegation.conflict: the complaints authority reroutes a complaint it read — even one that first went to the procurator — and the procurator loses it', () => {
    const atProcurator = given([torture({ sealedFor: { procurator: PROCURATOR_COPY } })]);
    expect(isAllegation(atProcurator.state)).toBe(true);
    const [routed, ...rest] = atProcurator.when(toJudge(hoursAfter(2))).events();
    expect(rest).toEqual([]);
    expect(routed).toEqual({
      type: 'complaint-routed',
      payload: {
        to: 'investigating-judge',
        rule: 'kz.allegation.conflict',
        routedAt: hoursAfter(2),
        concerns: PROCURATORS,
        rerouted: {
          from: 'torture-or-ill-treatment',
          reason: 'the complaint describes the investigator’s threats during questioning',
        },
      },
    });
    const after = atProcurator.then(toJudge(hoursAfter(2)));
    expect(isAllegation(after.state)).toBe(false);
    expect(after.state.status).toBe('referred-to-investigating-judge');
    after.when(decide('investigation-opened', hoursAfter(3))).thenRefuses({ rule: 'kz.allegation.conflict' });
    // Once with the judge, it stays there.
    after.when(toJudge(hoursAfter(3), INVESTIGATORS)).thenRefuses({ rule: 'kz.allegation.conflict' });
    // An ordinary complaint too, and the authority's answer clock gives way to the judge's.
    const ordinary = given([submit()]).then(toJudge(hoursAfter(1), INVESTIGATORS));
    expect(complaintClocks(ordinary.state, DEFAULT_COMPLAINT_RULES).map((clock) => clock.rule)).toEqual([
      'kz.allegation.conflict',
    ]);
    given([submit()])
      .when({ ...toJudge(hoursAfter(1)), reason: ' ' } as ComplaintCommand)
      .thenRefuses({
        field: 'reason',
      });
  });

  test('kz.allegation.conflict: the judge’s order is recorded, puts it under investigation, and meets the clock', () => {
    const withJudge = given([torture({ concerns: PROCURATORS })]);
    const [recorded] = withJudge
      .when(order(hoursAfter(3), hoursAfter(2), { caseNumber: '267100031000123' }))
      .events();
    expect(recorded).toEqual({
      type: 'judge-order',
      payload: {
        orderedAt: hoursAfter(2),
        investigateBy: 'Anti-Corruption Agency, Astana',
        caseNumber: '267100031000123',
        recordedAt: hoursAfter(3),
      },
    });
    const ordered = withJudge.then(order(hoursAfter(3), hoursAfter(2)));
    expect(ordered.state).toMatchObject({
      status: 'under-investigation',
      statusAt: hoursAfter(2),
      judgeOrders: [
        { orderedAt: hoursAfter(2), investigateBy: 'Anti-Corruption Agency, Astana', actor: 'judge-1' },
      ],
    });
    expect(complaintClocks(ordered.state, DEFAULT_COMPLAINT_RULES)).toEqual([
      expect.objectContaining({
        key: 'kz.allegation.conflict',
        kind: 'breach',
        startedAt: T0,
        dueAt: hoursAfter(24),
        outcome: 'met',
        endedAt: hoursAfter(2),
      }),
    ]);
    // No finding when the order came in time.
    expect(ordered.when(dueAt(hoursAfter(30))).events()).toEqual([]);
  });

  test('kz.allegation.conflict: an order on a complaint that is not with the judge, in the future, or naming no body is refused naming the rule', () => {
    given([torture()])
      .when(order(hoursAfter(1)))
      .thenRefuses({ rule: 'kz.allegation.conflict' });
    given([submit()])
      .when(order(hoursAfter(1)))
      .thenRefuses({ rule: 'kz.allegation.conflict' });
    const withJudge = given([torture({ concerns: PROCURATORS })]);
    const future = withJudge
      .when(order(hoursAfter(1), hoursAfter(2)))
      .thenRefuses({ rule: 'kz.allegation.conflict', field: 'orderedAt' });
    expect(future.reason).toEqual({ code: 'judge-order.future', params: { orderedAt: hoursAfter(2) } });
    withJudge
      .when(order(hoursAfter(1), hoursAfter(1), { investigateBy: '  ' }))
      .thenRefuses({ rule: 'kz.allegation.conflict', field: 'investigateBy' });
  });

  test('kz.allegation.conflict: no order within 24 h ("at once", our reading) is a breach, recorded once, with its parameters', () => {
    const withJudge = given([submit({ concerns: INVESTIGATORS })]);
    expect(withJudge.when(dueAt(hoursAfter(23.9))).events()).toEqual([]);
    const findings = withJudge.when(dueAt(hoursAfter(24))).findings();
    expect(findings).toEqual([
      {
        key: 'kz.allegation.conflict',
        rule: 'kz.allegation.conflict',
        kind: 'breach',
        at: hoursAfter(24),
        detail: expect.stringContaining('investigator’s office (KZ-75) within 24 hours'),
        params: { hours: 24, routedAt: T0, office: 'investigator', region: 'KZ-75' },
        pack: 'kz',
        packVersion: '2026.1',
      },
    ]);
    expect(
      withJudge
        .then(dueAt(hoursAfter(24)))
        .when(dueAt(hoursAfter(48)))
        .events(),
    ).toEqual([]);
    // A late order does not undo the breach; the deployment may set another number of hours.
    const quicker = given(
      [submit({ concerns: INVESTIGATORS })],
      resolveComplaintRules({ 'kz.allegation.conflict': { hours: 6 } }),
    );
    expect(quicker.when(dueAt(hoursAfter(6))).findings()).toHaveLength(1);
  });

  test('kz.allegation.conflict: the sealed text stays the complaints authority’s alone', () => {
    const [submitted] = given()
      .when(torture({ concerns: PROCURATORS }))
      .events();
    expect(submitted?.payload).toMatchObject({ sealed: SEALED });
    expect(submitted?.payload).not.toHaveProperty('sealedFor');
  });
});
