import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { apprehensionInForce, clockAt, custodyClocks, dueFindings } from '../../../src/clocks/custody.js';
import type { CustodyCommand } from '../../../src/domain/custody/commands.js';
import { custodyDecider } from '../../../src/domain/custody/decide.js';
import type { CustodyEventInput } from '../../../src/domain/custody/inputs.js';
import { isRefusal } from '../../../src/domain/decision.js';
import { DEFAULT_CUSTODY_RULES } from '../../../src/rules/custody-rules.js';
import { append, fold, hoursAfter, openCustody, T0, type Stored } from './given.js';

const rules = DEFAULT_CUSTODY_RULES;
const decider = custodyDecider(rules);

const safeguard: fc.Arbitrary<CustodyEventInput> = fc.oneof(
  fc.constant<CustodyEventInput>({ type: 'rights-explained', language: 'ru', method: 'oral' }),
  fc.constant<CustodyEventInput>({ type: 'counsel-requested' }),
  fc.constant<CustodyEventInput>({ type: 'counsel-arrived', counsel: 'A' }),
  fc.constant<CustodyEventInput>({ type: 'family-notified', outcome: 'declined' }),
  fc.constant<CustodyEventInput>({ type: 'medical-examined', examinedBy: 'Dr', injuriesSeen: false }),
  fc.constant<CustodyEventInput>({ type: 'court-decision', decision: 'approved', court: 'C' }),
  fc.constant<CustodyEventInput>({ type: 'consular-rights-explained', notificationRequested: true }),
  fc.constant<CustodyEventInput>({ type: 'consulate-notified', consulate: 'Consulate' }),
  fc.constant<CustodyEventInput>({ type: 'judicial-requested', kind: 'deposition' }),
);

/** Release and transfer close the episode: rarer, so that histories grow. */
const closing: fc.Arbitrary<CustodyEventInput> = fc.constantFrom<CustodyEventInput>(
  { type: 'released' },
  { type: 'transferred', destinationFacilityId: 'f2' },
);

/** One step: time passes, then something is recorded, corrected, or the scheduler runs. */
const step = fc.record({
  advanceHours: fc.double({ min: 0, max: 8, noNaN: true }),
  agoHours: fc.option(fc.double({ min: 0, max: 4, noNaN: true }), { nil: undefined }),
  action: fc.oneof(
    { arbitrary: safeguard.map((input) => ({ kind: 'record' as const, input })), weight: 12 },
    { arbitrary: closing.map((input) => ({ kind: 'record' as const, input })), weight: 1 },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('correct' as const),
        pick: fc.nat(),
        agoHours: fc.double({ min: 0.01, max: 20, noNaN: true }),
      }),
    },
    { arbitrary: fc.constant({ kind: 'ruling' as const }), weight: 1 },
    { arbitrary: fc.constant({ kind: 'due' as const }), weight: 3 },
  ),
});

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function run(steps: Step[], gapHours: number, foreign: boolean) {
  let now = hoursAfter(gapHours);
  const open = openCustody({
    now,
    person: { birthDate: '2009-01-01', citizenship: foreign ? 'UZ' : 'KZ', languages: ['uz'] },
  });
  let stored: Stored[] = [];
  const apply = (command: CustodyCommand) => {
    const decision = decider.decide(command, fold(stored));
    if (!isRefusal(decision)) stored = append(stored, decision, command.now);
  };
  apply(open);
  for (const { advanceHours, agoHours, action } of steps) {
    now = hoursAfter(advanceHours, now);
    const at = agoHours === undefined ? undefined : hoursAfter(-agoHours, now);
    const actor = 'officer-1';
    const state = fold(stored);
    if (action.kind === 'record')
      apply({ type: 'record-safeguard', input: { ...action.input, at }, now, actor });
    else if (action.kind === 'ruling') {
      const request = state.timeline.find((item) => item.event.type === 'judicial-requested');
      if (request?.event.type === 'judicial-requested')
        apply({
          type: 'record-safeguard',
          input: {
            type: 'judicial-ruled',
            requestId: request.event.payload.requestId,
            ruling: 'granted',
            court: 'C',
            at,
          },
          now,
          actor,
        });
    } else if (action.kind === 'correct') {
      const target = state.timeline[action.pick % state.timeline.length];
      if (target)
        apply({
          type: 'correct-entry',
          correctsSeq: target.seq,
          field: target.event.type === 'custody-opened' ? 'apprehendedAt' : 'at',
          to: hoursAfter(-action.agoHours, now),
          reason: 'r',
          now,
          actor,
        });
    } else apply({ type: 'record-due-findings', now, actor: 'habeas:scheduler' });
  }
  return { stored, now };
}

describe('custody properties', () => {
  test('for any history, dueFindings after folding its own output is empty, and no clock is found twice', () => {
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 3, maxLength: 40 }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        fc.boolean(),
        (steps, gap, foreign) => {
          const { stored, now } = run(steps, gap, foreign);
          const state = fold(stored);
          const due = dueFindings(state, rules, now);
          const after = fold(append(stored, due, now));
          expect(dueFindings(after, rules, now)).toEqual([]);
          const keys = after.findings.map(({ finding }) => finding.key);
          expect(new Set(keys).size).toBe(keys.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('kz.custody.actual-time: for any corrections, the limit never runs from later than the first stated apprehension', () => {
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 3, maxLength: 40 }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        (steps, gap) => {
          const { stored } = run(steps, gap, false);
          const state = fold(stored);
          const inForce = apprehensionInForce(state);
          expect(inForce).not.toBeNull();
          expect(Date.parse(inForce as string)).toBeLessThanOrEqual(Date.parse(T0));
          const limit = custodyClocks(state, rules).find((clock) => clock.key === 'kz.custody.limit');
          expect(Date.parse(limit?.dueAt ?? '')).toBeLessThanOrEqual(Date.parse(hoursAfter(24)));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('kz.custody.actual-time: for any history, its corrections never turn a breached clock into one kept', () => {
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 3, maxLength: 40 }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        (steps, gap) => {
          const { stored, now } = run(steps, gap, true);
          const breached = (entries: Stored[]) =>
            custodyClocks(fold(entries), rules)
              .filter((clock) => clockAt(clock, now).state === 'breached')
              .map((clock) => clock.key);
          const uncorrected = stored.filter(({ event }) => event.type !== 'custody-corrected');
          const withCorrections = new Set(breached(stored));
          for (const key of breached(uncorrected)) expect(withCorrections.has(key), key).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
