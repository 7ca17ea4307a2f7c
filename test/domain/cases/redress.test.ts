import { describe, expect, test } from 'vitest';
import type { ProvideRehabilitation } from '../../../src/domain/cases/commands.js';
import { given, open, pay, PROCURATOR, redress, T0, TODAY, victim } from './given.js';

/*
 * kz.redress.fund (seed ¶53, ¶63): compensation decided for a victim of the case — by the victims'
 * fund before trial or by a court — and paid, in tenge, never more than decided.
 */

const file = () => given([open(), victim('v1')]);
const awarded = () => file().then(redress('r1', 500_000));

describe('kz.redress.fund', () => {
  test('kz.redress.fund: compensation is decided for a victim of the case, with its body, category, purpose and amount', () => {
    expect(file().when(redress('r1', 500_000)).events()).toEqual([
      {
        type: 'redress-decided',
        payload: {
          redressId: 'r1',
          victimId: 'v1',
          by: 'victims-fund',
          category: 'torture-victim',
          purpose: 'treatment',
          amountKzt: 500_000,
          decidedOn: '2026-03-25',
          recordedAt: T0,
        },
      },
    ]);
    expect(awarded().state.redress).toEqual([
      {
        seq: 103,
        actor: PROCURATOR,
        redressId: 'r1',
        victimId: 'v1',
        by: 'victims-fund',
        category: 'torture-victim',
        purpose: 'treatment',
        amountKzt: 500_000,
        decidedOn: '2026-03-25',
        payments: [],
      },
    ]);
  });

  test('kz.redress.fund: compensation for someone who is not a victim of the case is refused naming the rule', () => {
    given([open()])
      .when(redress('r1', 500_000))
      .thenRefuses({
        rule: 'kz.redress.fund',
        field: 'victimId',
        code: 'case.unknown-victim',
        params: { victimId: 'v1' },
      });
    file()
      .when(redress('r1', 500_000, { victimId: 'v2' }))
      .thenRefuses({
        rule: 'kz.redress.fund',
        field: 'victimId',
        code: 'case.unknown-victim',
        params: { victimId: 'v2' },
      });
    file()
      .when(redress('r1', 500_000, { decidedOn: '2026-05-05' }))
      .thenRefuses({ field: 'decidedOn', code: 'case.date-future' });
  });

  test('kz.redress.fund: payments up to the amount decided are recorded, each with its date', () => {
    const paid = awarded()
      .then(pay('r1', 200_000))
      .then(pay('r1', 300_000, { paidOn: '2026-04-20' }));
    expect(paid.state.redress[0]?.payments).toEqual([
      { seq: 104, actor: PROCURATOR, amountKzt: 200_000, paidOn: '2026-04-02' },
      { seq: 105, actor: PROCURATOR, amountKzt: 300_000, paidOn: '2026-04-20' },
    ]);
  });

  test('kz.redress.fund: a payment that would make more paid than decided is refused, with the numbers', () => {
    awarded()
      .when(pay('r1', 500_001))
      .thenRefuses({
        rule: 'kz.redress.fund',
        field: 'amountKzt',
        code: 'redress.overpaid',
        params: { decidedKzt: 500_000, paidKzt: 0, amountKzt: 500_001 },
      });
    awarded()
      .then(pay('r1', 400_000))
      .when(pay('r1', 150_000))
      .thenRefuses({
        rule: 'kz.redress.fund',
        field: 'amountKzt',
        code: 'redress.overpaid',
        params: { decidedKzt: 500_000, paidKzt: 400_000, amountKzt: 150_000 },
      });
  });

  test('kz.redress.fund: a payment follows its decision, is not dated after today, and is of a decided compensation', () => {
    awarded()
      .when(pay('r1', 100_000, { paidOn: '2026-03-24' }))
      .thenRefuses({
        rule: 'kz.redress.fund',
        field: 'paidOn',
        code: 'case.step-before',
        params: { date: '2026-03-24', earlier: '2026-03-25', step: 'redress-decided' },
      });
    expect(
      awarded()
        .when(pay('r1', 100_000, { paidOn: '2026-03-25' }))
        .events(),
    ).toHaveLength(1);
    awarded()
      .when(pay('r1', 100_000, { paidOn: '2026-05-05' }))
      .thenRefuses({ field: 'paidOn', code: 'case.date-future' });
    awarded()
      .when(pay('r2', 100_000))
      .thenRefuses({
        rule: 'kz.redress.fund',
        field: 'redressId',
        code: 'case.unknown-redress',
        params: { redressId: 'r2' },
      });
  });

  test('kz.redress.fund: each award is paid against its own amount', () => {
    const two = awarded()
      .then(
        redress('r2', 1_000_000, {
          by: 'court',
          category: 'other',
          purpose: 'damages',
          decidedOn: '2026-04-28',
        }),
      )
      .then(pay('r1', 500_000))
      .then(pay('r2', 1_000_000, { paidOn: '2026-04-30' }));
    expect(two.state.redress.map((award) => award.payments.map((payment) => payment.amountKzt))).toEqual([
      [500_000],
      [1_000_000],
    ]);
    two.when(pay('r1', 1)).thenRefuses({
      code: 'redress.overpaid',
      params: { decidedKzt: 500_000, paidKzt: 500_000, amountKzt: 1 },
    });
  });

  test('rehabilitation is provided to a victim of the case', () => {
    const rehabilitation: ProvideRehabilitation = {
      type: 'provide-rehabilitation',
      victimId: 'v1',
      measure: 'psychological',
      description: 'ten sessions with a psychologist of the rehabilitation centre',
      providedOn: '2026-04-05',
      now: T0,
      today: TODAY,
      actor: PROCURATOR,
    };
    expect(file().then(rehabilitation).state.rehabilitation).toEqual([
      {
        seq: 103,
        actor: PROCURATOR,
        victimId: 'v1',
        measure: 'psychological',
        description: 'ten sessions with a psychologist of the rehabilitation centre',
        providedOn: '2026-04-05',
      },
    ]);
    file()
      .when({ ...rehabilitation, victimId: 'v2' })
      .thenRefuses({ field: 'victimId', code: 'case.unknown-victim' });
    file()
      .when({ ...rehabilitation, providedOn: '2026-05-05' })
      .thenRefuses({ field: 'providedOn', code: 'case.date-future' });
  });
});
