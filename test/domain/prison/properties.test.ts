import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { dueStayFindings, nextStayCheck, prolongedKey } from '../../../src/clocks/prison.js';
import { runAt, separationEndAfter, separationRuns } from '../../../src/domain/discipline/separation.js';
import { isRefusal } from '../../../src/domain/decision.js';
import type { PrisonCommand } from '../../../src/domain/prison/commands.js';
import { prisonDecider } from '../../../src/domain/prison/decide.js';
import { VULNERABILITY_KINDS } from '../../../src/domain/prison/events.js';
import { kzCalendarDate, vulnerabilitiesOn } from '../../../src/domain/prison/facts.js';
import type { StayEventInput } from '../../../src/domain/prison/inputs.js';
import { DEFAULT_PRISON_RULES } from '../../../src/rules/prison-rules.js';
import { admit, append, fold, hoursAfter, type Stored, T0 } from './given.js';

/*
 * Properties of the prison core over random histories made by the decider itself: whatever is
 * recorded, in whatever order, each finding is recorded exactly once, and the scheduler's next
 * look at a stay is never later than a finding falls due.
 */

const rules = DEFAULT_PRISON_RULES;
const decider = prisonDecider(rules);

/** The events stated at a moment (`at`): all but the dated ones (vulnerabilities, exercise). */
type Timed = Exclude<
  StayEventInput,
  { type: 'exercise-logged' | 'vulnerability-recorded' | 'vulnerability-ended' }
>;

type Action =
  | { kind: 'record'; input: Timed }
  | {
      kind: 'discipline';
      measure: string;
      days: number | undefined;
      /** Hours after the decision the measure starts; undefined: the default start. */
      laterHours: number | undefined;
      /** Hours before the start the doctor examined the person; undefined: no examination now. */
      examinedBefore: number | undefined;
    }
  /** Appeals the picked decision, or decides its appeal when it is already appealed. */
  | { kind: 'appeal'; pick: number; outcome: 'upheld' | 'quashed' | 'reduced'; days: number }
  | { kind: 'vulnerability'; index: number; to: number | null; endIt: boolean }
  | { kind: 'exercise'; yesterday: boolean; minutes: number }
  | { kind: 'transfer'; requested: boolean }
  | { kind: 'due' };

const discipline: fc.Arbitrary<Action> = fc.record({
  kind: fc.constant('discipline' as const),
  measure: fc.constantFrom(
    'punishment-block',
    'punishment-block',
    'punishment-block',
    'solitary',
    'solitary',
    'warning',
    'strict-conditions',
    'dormitory-removal',
    'reduced-diet',
  ),
  days: fc.option(
    fc.oneof(
      { arbitrary: fc.integer({ min: 1, max: 16 }), weight: 4 },
      { arbitrary: fc.integer({ min: 1, max: 130 }), weight: 1 },
    ),
    { nil: undefined, freq: 8 },
  ),
  laterHours: fc.option(fc.double({ min: 0, max: 30, noNaN: true }), { nil: undefined, freq: 2 }),
  examinedBefore: fc.option(fc.double({ min: 0, max: 30, noNaN: true }), { nil: undefined, freq: 5 }),
});

const recordable: fc.Arbitrary<Action> = fc.oneof(
  fc.boolean().map((screened) => ({
    kind: 'record' as const,
    input: {
      type: 'medical-examined' as const,
      hivScreening: screened ? ('done' as const) : ('not-done' as const),
      tbScreening: screened ? ('done' as const) : ('not-done' as const),
    },
  })),
  fc.record({ hours: fc.constantFrom(4, 20, 22, 24), named: fc.boolean() }).map(({ hours, named }) => ({
    kind: 'record' as const,
    input: {
      type: 'placed' as const,
      unit: 'K-3',
      hoursWithoutContact: hours,
      ...(named ? { localName: 'quarantine cell' } : {}),
    },
  })),
  fc.constant<Action>({ kind: 'record', input: { type: 'separation-ended' } }),
  fc.constant<Action>({ kind: 'record', input: { type: 'health-visit' } }),
  fc.constant<Action>({ kind: 'record', input: { type: 'incentive-granted', incentive: 'commendation' } }),
  fc.constant<Action>({
    kind: 'record',
    input: { type: 'search-recorded', kind: 'personal', searchedBy: 'S', searcherSex: 'male' },
  }),
  fc.constant<Action>({
    kind: 'record',
    input: { type: 'family-notified', contact: 'mother', means: 'phone' },
  }),
  fc
    .record({
      index: fc.nat({ max: VULNERABILITY_KINDS.length - 1 }),
      to: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
      endIt: fc.boolean(),
    })
    .map((value) => ({ kind: 'vulnerability' as const, ...value })),
  fc
    .record({ yesterday: fc.boolean(), minutes: fc.integer({ min: 0, max: 120 }) })
    .map((value) => ({ kind: 'exercise' as const, ...value })),
);

const appeal: fc.Arbitrary<Action> = fc.record({
  kind: fc.constant('appeal' as const),
  pick: fc.nat(),
  outcome: fc.constantFrom('upheld' as const, 'quashed' as const, 'reduced' as const),
  days: fc.integer({ min: 1, max: 10 }),
});

const step = fc.record({
  // Whole minutes, up to 30 hours: histories of days and weeks, not only of moments.
  advanceHours: fc.integer({ min: 0, max: 30 * 60 }).map((minutes) => minutes / 60),
  agoHours: fc.option(fc.double({ min: 0, max: 6, noNaN: true }), { nil: undefined }),
  action: fc.oneof(
    { arbitrary: recordable, weight: 24 },
    { arbitrary: discipline, weight: 14 },
    { arbitrary: appeal, weight: 4 },
    { arbitrary: fc.boolean().map((requested) => ({ kind: 'transfer' as const, requested })), weight: 2 },
    { arbitrary: fc.constant<Action>({ kind: 'record', input: { type: 'released' } }), weight: 1 },
    { arbitrary: fc.constant<Action>({ kind: 'due' }), weight: 8 },
  ),
});

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

const addDaysTo = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Plays the steps through the decider; refused commands leave the history as it was. */
export function play(steps: Step[], person: { female: boolean; minor: boolean; life: boolean }) {
  let now = hoursAfter(0.5);
  let stored: Stored[] = [];
  let transfers = 0;
  const apply = (command: PrisonCommand) => {
    const decision = decider.decide(command, fold(stored));
    if (!isRefusal(decision)) stored = append(stored, decision, command.now);
  };
  apply(
    admit({
      now,
      lifeSentence: person.life,
      person: {
        sex: person.female ? 'female' : 'male',
        birthDate: person.minor ? '2008-03-20' : '1980-01-01',
        languages: ['ru'],
      },
    }),
  );
  const recordInput = (input: StayEventInput) =>
    apply({ type: 'record', input, facilityKind: 'prison', actorName: 'A', now, actor: 'officer-1' });
  for (const { advanceHours, agoHours, action } of steps) {
    now = hoursAfter(advanceHours, now);
    const at = agoHours === undefined ? undefined : hoursAfter(-agoHours, now);
    const state = fold(stored);
    const today = kzCalendarDate(now);
    const decisions = state.timeline.flatMap((item) =>
      item.event.type === 'discipline-decided' ? [item.event.payload.decisionId] : [],
    );
    switch (action.kind) {
      case 'record':
        recordInput({ ...action.input, at });
        break;
      case 'discipline': {
        const startsAt = action.laterHours === undefined ? undefined : hoursAfter(action.laterHours, now);
        if (action.examinedBefore !== undefined) {
          // Before the start the decider will choose (back-to-back: when the separation in progress ends).
          const inProgressEnds = separationEndAfter(state, rules, Date.parse(at ?? now));
          const start =
            startsAt ?? new Date(Math.max(Date.parse(at ?? now), inProgressEnds ?? 0)).toISOString();
          const examinedAt = hoursAfter(-action.examinedBefore, start);
          recordInput({
            type: 'medical-examined',
            at: examinedAt <= now ? examinedAt : now,
            hivScreening: 'done',
            tbScreening: 'done',
          });
        }
        recordInput({
          type: 'discipline-decided',
          at,
          measure: action.measure,
          reason: 'r',
          ...(action.days === undefined ? {} : { days: action.days }),
          ...(startsAt === undefined ? {} : { startsAt }),
        });
        break;
      }
      case 'appeal': {
        const appealedOf = (type: 'discipline-appealed' | 'appeal-decided') =>
          state.timeline.flatMap((item) => (item.event.type === type ? [item.event.payload.decisionId] : []));
        const decided = appealedOf('appeal-decided');
        const pending = appealedOf('discipline-appealed').find((id) => !decided.includes(id));
        if (pending !== undefined)
          recordInput({
            type: 'appeal-decided',
            at,
            decisionId: pending,
            outcome: action.outcome,
            days: action.days,
          });
        else {
          const decisionId = decisions[action.pick % Math.max(1, decisions.length)];
          if (decisionId !== undefined) recordInput({ type: 'discipline-appealed', at, decisionId });
        }
        break;
      }
      case 'vulnerability': {
        const kind = VULNERABILITY_KINDS[action.index]!;
        if (action.endIt) recordInput({ type: 'vulnerability-ended', kind, on: today });
        else
          recordInput({
            type: 'vulnerability-recorded',
            kind,
            from: addDaysTo(today, -1),
            ...(action.to === null ? {} : { to: addDaysTo(today, action.to) }),
            worsenedBySeparation: action.index % 2 === 0,
          });
        break;
      }
      case 'exercise':
        recordInput({
          type: 'exercise-logged',
          date: action.yesterday ? addDaysTo(today, -1) : today,
          minutes: action.minutes,
        });
        break;
      case 'transfer':
        transfers += 1;
        recordInput({
          type: 'transferred',
          at,
          destinationFacilityId: `prison-${(transfers % 2) + 2}`,
          reason: action.requested ? 'protection-request' : 'overcrowding',
        });
        break;
      case 'due':
        apply({ type: 'record-due-findings', now, actor: 'habeas:scheduler' });
        break;
      default: {
        const unhandled: never = action;
        throw new Error(`unknown step ${String(unhandled)}`);
      }
    }
  }
  return { stored, now };
}

export const history = fc.record({
  steps: fc.array(step, { minLength: 3, maxLength: 45 }),
  female: fc.boolean(),
  minor: fc.nat({ max: 3 }).map((n) => n === 0),
  life: fc.boolean(),
  laterHours: fc.double({ min: 0, max: 400, noNaN: true }),
});

describe('prison properties', () => {
  test('exactly once: for any history and check time, folding dueStayFindings and asking again yields nothing, and no key repeats', () => {
    fc.assert(
      fc.property(history, ({ steps, female, minor, life, laterHours }) => {
        const { stored, now } = play(steps, { female, minor, life });
        for (const checkAt of [now, hoursAfter(laterHours, now)]) {
          const state = fold(stored);
          const due = dueStayFindings(state, rules, checkAt);
          const after = fold(append(stored, due, checkAt));
          expect(dueStayFindings(after, rules, checkAt)).toEqual([]);
          const keys = after.findings.map(({ finding }) => finding.key);
          expect(new Set(keys).size, keys.join(' ')).toBe(keys.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('exactly once: the scheduler asking at any later times never finds a key twice', () => {
    fc.assert(
      fc.property(
        history,
        fc.array(fc.double({ min: 0, max: 72, noNaN: true }), { minLength: 1, maxLength: 6 }),
        ({ steps, female, minor, life }, gaps) => {
          let { stored, now } = play(steps, { female, minor, life });
          for (const gap of gaps) {
            now = hoursAfter(gap, now);
            const decision = decider.decide(
              { type: 'record-due-findings', now, actor: 'habeas:scheduler' },
              fold(stored),
            );
            if (isRefusal(decision)) throw new Error(decision.detail);
            stored = append(stored, decision, now);
          }
          const keys = fold(stored).findings.map(({ finding }) => finding.key);
          expect(new Set(keys).size, keys.join(' ')).toBe(keys.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('nextStayCheck: never later than a finding falls due, and null only when nothing ever will', () => {
    fc.assert(
      fc.property(history, ({ steps, female, minor, life, laterHours }) => {
        const { stored, now } = play(steps, { female, minor, life });
        const state = fold(stored);
        const next = nextStayCheck(state, rules, now);
        if (dueStayFindings(state, rules, now).length > 0) {
          expect(next).not.toBeNull();
          expect(Date.parse(next!)).toBeLessThanOrEqual(Date.parse(now));
          return;
        }
        if (next === null) {
          expect(dueStayFindings(state, rules, hoursAfter(laterHours + 24 * 400, now))).toEqual([]);
          return;
        }
        const justBefore = new Date(Date.parse(next) - 1).toISOString();
        if (justBefore > now) expect(dueStayFindings(state, rules, justBefore)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  test('intl.solitary.prolonged: a run of consecutive days is flagged at most once, however its measures were recorded', () => {
    fc.assert(
      fc.property(history, ({ steps, female, minor, life, laterHours }) => {
        const { stored, now } = play(steps, { female, minor, life });
        const checkAt = hoursAfter(laterHours, now);
        const state = fold(append(stored, dueStayFindings(fold(stored), rules, checkAt), checkAt));
        const flagged = new Set(
          state.findings.flatMap(({ finding }) =>
            finding.rule === 'intl.solitary.prolonged' ? [finding.key] : [],
          ),
        );
        for (const run of separationRuns(state, rules)) {
          const keys = run.intervals
            .map((interval) => prolongedKey(interval.version))
            .filter((key) => flagged.has(key));
          expect(keys.length, keys.join(' ')).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('kz.discipline.*: every separation accepted in any history was lawful when decided', () => {
    fc.assert(
      fc.property(history, ({ steps, female, minor, life }) => {
        const { stored } = play(steps, { female, minor, life });
        stored.forEach(({ event }, index) => {
          if (event.type !== 'discipline-decided') return;
          const { measure, days, startsAt } = event.payload;
          if (measure !== 'punishment-block' && measure !== 'solitary') return;
          const before = fold(stored.slice(0, index));
          const start = Date.parse(startsAt);
          const startDate = kzCalendarDate(startsAt);
          // kz.discipline.punishment-block and kz.discipline.solitary
          expect(days).not.toBeNull();
          if (measure === 'punishment-block') expect(days).toBeLessThanOrEqual(15);
          else expect(days).toBeLessThanOrEqual(123);
          // kz.discipline.medical-before: a doctor within the 24 hours before the start — or, for a
          // measure that extends a separation already running (back-to-back), before that run began
          const examinations = before.timeline.flatMap((item) =>
            item.event.type === 'medical-examined' ? [Date.parse(item.event.payload.at)] : [],
          );
          const running = runAt(before, DEFAULT_PRISON_RULES, start - 1);
          const from =
            running !== null &&
            running.end !== null &&
            running.end >= start &&
            running.intervals.some((interval) => interval.source === measure && interval.end === running.end)
              ? Math.min(running.start, start) - 24 * 3_600_000
              : start - 24 * 3_600_000;
          expect(examinations.some((at) => at <= start && at >= from)).toBe(true);
          // kz.discipline.exempt: not a minor on the start day, and no exempting vulnerability in force
          if (minor) expect(startDate >= '2026-03-20').toBe(true);
          const exempting = vulnerabilitiesOn(before, startDate).filter((vulnerability) =>
            [
              'pregnant',
              'infant-in-facility',
              'released-from-work-pregnancy-childbirth',
              'juvenile',
            ].includes(vulnerability.kind),
          );
          expect(exempting).toEqual([]);
          // kz.discipline.solitary-prior: an earlier punishment block, not quashed
          if (measure === 'solitary') {
            const quashed = new Set(
              before.timeline.flatMap((item) =>
                item.event.type === 'appeal-decided' && item.event.payload.outcome === 'quashed'
                  ? [item.event.payload.decisionId]
                  : [],
              ),
            );
            const prior = before.timeline.some(
              (item) =>
                item.event.type === 'discipline-decided' &&
                item.event.payload.measure === 'punishment-block' &&
                Date.parse(item.event.payload.startsAt) < start &&
                !quashed.has(item.event.payload.decisionId),
            );
            expect(prior).toBe(true);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  test('intl.solitary.definition: runs never overlap and each starts after the one before ends, a day or more apart', () => {
    fc.assert(
      fc.property(history, ({ steps, female, minor, life }) => {
        const { stored } = play(steps, { female, minor, life });
        const runs = separationRuns(fold(stored), rules);
        for (let index = 1; index < runs.length; index += 1) {
          const before = runs[index - 1]!;
          expect(before.end).not.toBeNull();
          expect(runs[index]!.start - before.end!).toBeGreaterThanOrEqual(
            rules.separationBreakHours * 3_600_000,
          );
        }
        expect(Date.parse(T0)).toBeLessThanOrEqual(runs[0]?.start ?? Date.parse(T0));
      }),
      { numRuns: 200 },
    );
  });
});
