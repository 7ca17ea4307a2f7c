import { describe, expect, test } from 'vitest';
import { clockAt, complaintClocks } from '../../src/clocks/complaints.js';
import { DEFAULT_COMPLAINT_RULES, resolveComplaintRules } from '../../src/rules/complaint-rules.js';
import {
  answer,
  daysAfter,
  given,
  hoursAfter,
  protect,
  submit,
  T0,
  torture,
} from '../domain/complaints/given.js';

/* The clocks of a complaint, derived from its state (src/clocks/complaints.ts). */

const rules = DEFAULT_COMPLAINT_RULES;

describe('complaint clocks', () => {
  test('intl.complaint.answer: 30 days from arrival, met by the first answer, with warnings at 75% and 90%', () => {
    const [clock] = complaintClocks(given([submit()]).state, rules);
    expect(clock).toEqual({
      key: 'intl.complaint.answer',
      rule: 'intl.complaint.answer',
      pack: 'intl',
      packVersion: '2026.1',
      kind: 'breach',
      startedAt: T0,
      dueAt: daysAfter(30),
      outcome: 'running',
      endedAt: null,
    });
    expect(clockAt(clock!, daysAfter(23))).toMatchObject({ state: 'running', warning: 75 });
    expect(clockAt(clock!, daysAfter(27.5))).toMatchObject({ state: 'running', warning: 90 });
    expect(clockAt(clock!, daysAfter(30))).toMatchObject({ state: 'breached' });
    const [answered] = complaintClocks(
      given([submit(), answer(daysAfter(3)), answer(daysAfter(5))]).state,
      rules,
    );
    expect(answered).toMatchObject({ outcome: 'met', endedAt: daysAfter(3) });
    expect(clockAt(answered!, daysAfter(40)).state).toBe('met');
  });

  test('intl.complaint.answer: a late answer leaves the clock breached', () => {
    const [clock] = complaintClocks(given([submit(), answer(daysAfter(31))]).state, rules);
    expect(clockAt(clock!, daysAfter(40)).state).toBe('breached');
  });

  test('kz.torture.referral: an allegation has no answer clock; kz.transfer.protection runs for each request', () => {
    const state = given([
      torture({ protectionRequests: [{ kind: 'transfer', requestId: 'r9' }] }),
      protect('r9', hoursAfter(5)),
    ]).state;
    expect(complaintClocks(state, rules)).toEqual([
      {
        key: 'kz.transfer.protection@r9',
        rule: 'kz.transfer.protection',
        pack: 'kz',
        packVersion: '2026.1',
        kind: 'breach',
        startedAt: T0,
        dueAt: hoursAfter(24),
        outcome: 'met',
        endedAt: hoursAfter(5),
      },
    ]);
  });

  test('configurable deadlines move the due times', () => {
    const custom = resolveComplaintRules({
      'intl.complaint.answer': { days: 15 },
      'kz.transfer.protection': { hours: 12 },
    });
    const clocks = complaintClocks(
      given([submit({ protectionRequests: [{ kind: 'protection', requestId: 'r1' }] })]).state,
      custom,
    );
    expect(clocks.map((clock) => clock.dueAt)).toEqual([daysAfter(15), hoursAfter(12)]);
  });

  test('no complaint, no clocks', () => {
    expect(complaintClocks(given().state, rules)).toEqual([]);
  });
});
