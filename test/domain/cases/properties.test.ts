import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { suspensionKey } from '../../../src/clocks/cases.js';
import type { CaseCommand } from '../../../src/domain/cases/commands.js';
import { isRefusal } from '../../../src/domain/decision.js';
import {
  dueAt,
  given,
  hoursAfter,
  identify,
  join,
  open,
  pay,
  redress,
  suspend,
  T0,
  victim,
} from './given.js';

/* Properties of the case decider over generated histories (fast-check). */

/** The moment `minutes` after T0, in whole milliseconds. */
const minutesAfter = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

describe('properties of a case file', () => {
  test('kz.cases.joined: however allegations are joined, each is in the case once and none disappears', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('A', 'B', 'C', 'D', '7KQ2-M9XD-4HTA'), { maxLength: 12 }),
        (references) => {
          let file = given([open()]);
          const expected = ['7KQ2-M9XD-4HTA', 'MR-0001'];
          for (const reference of references) {
            const decision = file.when(join(reference)).decision;
            const known = file.state.sources.some(
              ({ source }) => source.kind === 'complaint' && source.reference === reference,
            );
            expect(isRefusal(decision)).toBe(known);
            if (!known) {
              file = file.then(join(reference));
              expected.push(reference);
            }
          }
          expect(file.state.sources.map(({ source }) => source.reference)).toEqual(expected);
          expect(file.state.sources.filter((source) => source.joined)).toHaveLength(expected.length - 2);
        },
      ),
    );
  });

  test('kz.redress.fund: whatever is paid, never more than decided is recorded as paid', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000_000 }),
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 8 }),
        (decided, payments) => {
          let file = given([open(), victim('v1'), redress('r1', decided)]);
          let paid = 0;
          for (const amount of payments) {
            const decision = file.when(pay('r1', amount)).decision;
            if (paid + amount > decided)
              expect(decision).toMatchObject({
                refused: true,
                rule: 'kz.redress.fund',
                reason: {
                  code: 'redress.overpaid',
                  params: { decidedKzt: decided, paidKzt: paid, amountKzt: amount },
                },
              });
            else {
              expect(isRefusal(decision)).toBe(false);
              file = file.then(pay('r1', amount));
              paid += amount;
            }
          }
          const recorded = file.state.redress[0]!.payments.reduce(
            (sum, payment) => sum + payment.amountKzt,
            0,
          );
          expect(recorded).toBe(paid);
          expect(recorded).toBeLessThanOrEqual(decided);
        },
      ),
    );
  });

  test('kz.torture.suspension: one finding for each official not suspended within 24 h, whenever the scheduler runs', () => {
    const official = fc.record({
      identifiedMinute: fc.integer({ min: 0, max: 72 * 60 }),
      // Minutes from identification to suspension; null: never suspended.
      suspendedAfter: fc.option(fc.integer({ min: 0, max: 48 * 60 }), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.array(official, { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 150 * 60 }), { maxLength: 6 }),
        (officials, checks) => {
          const timeline: { at: number; order: number; command: CaseCommand }[] = [];
          officials.forEach(({ identifiedMinute, suspendedAfter }, i) => {
            const who = { officialId: `o${i}`, name: `Official ${i}` };
            const identifiedAt = minutesAfter(identifiedMinute);
            timeline.push({ at: identifiedMinute, order: 0, command: identify(who, identifiedAt) });
            if (suspendedAfter !== null) {
              const at = identifiedMinute + suspendedAfter;
              timeline.push({ at, order: 1, command: suspend(who.officialId, minutesAfter(at)) });
            }
          });
          for (const minute of checks)
            timeline.push({ at: minute, order: 2, command: dueAt(minutesAfter(minute)) });
          timeline.sort((a, b) => a.at - b.at || a.order - b.order);
          let file = given([open()]);
          for (const { command } of timeline) file = file.then(command);
          file = file.then(dueAt(hoursAfter(1000)));
          const keys = file.state.findings.map((finding) => finding.key);
          expect(new Set(keys).size).toBe(keys.length);
          const missed = officials.flatMap(({ suspendedAfter }, i) =>
            suspendedAfter === null || suspendedAfter > 24 * 60 ? [suspensionKey(`o${i}`)] : [],
          );
          expect([...keys].sort()).toEqual(missed.sort());
          for (const finding of file.state.findings) {
            const i = Number(finding.key.slice(suspensionKey('o').length));
            expect(finding.at).toBe(minutesAfter(officials[i]!.identifiedMinute + 24 * 60));
          }
        },
      ),
    );
  });
});
