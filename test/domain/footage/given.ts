import { expect } from 'vitest';
import type {
  DeleteFootage,
  EvidenceHoldCommand,
  FootageCommand,
  PlaceEvidenceHold,
  RegisterFootage,
  ReleaseEvidenceHold,
} from '../../../src/domain/footage/commands.js';
import type { HoldCoverage } from '../../../src/domain/footage/coverage.js';
import type { EvidenceHoldEvent, FootageEvent } from '../../../src/domain/footage/events.js';
import { footageDecider } from '../../../src/domain/footage/footage-decider.js';
import { evidenceHoldDecider } from '../../../src/domain/footage/hold-decider.js';
import { isRefusal, type Refusal } from '../../../src/domain/decision.js';

/*
 * Specifications for the footage and evidence-hold deciders as given / when / then (STYLE.md
 * "Deciders"): the history is made by the deciders themselves, folded as src/app/execute.ts folds
 * a stream, with fake log seqs (100 + version).
 */

/** The recording of every scenario: 10:00–10:30 on 10 March 2026 (UTC). */
export const T0 = '2026-03-10T10:00:00.000Z';
export const minutesAfter = (minutes: number, from: string = T0): string =>
  new Date(Date.parse(from) + minutes * 60_000).toISOString();

export function registerFootage(overrides: Partial<RegisterFootage> = {}): RegisterFootage {
  return {
    type: 'register-footage',
    footageId: 'v1',
    facilityId: 'f1',
    camera: 'CAM-12',
    place: 'Коридор, блок 2',
    from: T0,
    to: minutesAfter(30),
    retainUntil: minutesAfter(30 * 24 * 60),
    now: minutesAfter(60),
    actor: 'officer-1',
    ...overrides,
  };
}

export function deleteFootage(
  holds: HoldCoverage[] = [],
  overrides: Partial<DeleteFootage> = {},
): DeleteFootage {
  return {
    type: 'delete-footage',
    reason: 'retention period ended',
    holds,
    now: minutesAfter(31 * 24 * 60),
    actor: 'governor-1',
    ...overrides,
  };
}

export function hold(overrides: Partial<HoldCoverage> = {}): HoldCoverage {
  return {
    holdId: 'h1',
    facilityId: 'f1',
    place: null,
    from: minutesAfter(-60),
    to: minutesAfter(120),
    basis: 'allegation',
    ...overrides,
  };
}

export function placeHold(overrides: Partial<PlaceEvidenceHold> = {}): PlaceEvidenceHold {
  return {
    type: 'place-evidence-hold',
    holdId: 'h1',
    facilityId: 'f1',
    place: null,
    from: minutesAfter(-60),
    to: minutesAfter(120),
    basis: 'allegation',
    reference: '7KQ2-M9XD-4HTA',
    reason: 'the complainant says he was beaten in the corridor',
    placedByRole: 'complaints-officer',
    now: minutesAfter(24 * 60),
    actor: 'co-1',
    ...overrides,
  };
}

export function releaseHold(
  releasedByRole: string,
  overrides: Partial<ReleaseEvidenceHold> = {},
): ReleaseEvidenceHold {
  return {
    type: 'release-evidence-hold',
    reason: 'investigation closed, decision final',
    releasedByRole,
    now: minutesAfter(10 * 24 * 60),
    actor: `${releasedByRole}-1`,
    ...overrides,
  };
}

interface Decider<C, E, S> {
  initialState: S;
  evolve(state: S, event: E, meta: { seq: number; version: number; recordedAt: string; actor: string }): S;
  decide(command: C, state: S): E[] | Refusal;
}

export interface Then<C, E, S> {
  decision: E[] | Refusal;
  events(): E[];
  thenRefuses(expected: { rule?: string; field?: string }): Refusal;
  and(): Given<C, E, S>;
}

export interface Given<C, E, S> {
  state: S;
  when(command: C): Then<C, E, S>;
  then(command: C): Given<C, E, S>;
}

function scenario<C extends { now: string; actor: string }, E, S>(
  decider: Decider<C, E, S>,
  state: S,
  version: number,
): Given<C, E, S> {
  const given: Given<C, E, S> = {
    state,
    when(command) {
      const decision = decider.decide(command, state);
      const events = (): E[] => {
        if (isRefusal(decision)) throw new Error(`refused: ${decision.detail}`);
        return decision;
      };
      return {
        decision,
        events,
        thenRefuses(expected) {
          expect(decision).toMatchObject({ refused: true, ...expected });
          return decision as Refusal;
        },
        and() {
          const decided = events();
          const next = decided.reduce(
            (current, event, index) =>
              decider.evolve(current, event, {
                seq: 100 + version + index,
                version: version + index,
                recordedAt: command.now,
                actor: command.actor,
              }),
            state,
          );
          return scenario(decider, next, version + decided.length);
        },
      };
    },
    then(command) {
      return given.when(command).and();
    },
  };
  return given;
}

export function givenFootage(commands: FootageCommand[] = []) {
  let current = scenario(footageDecider, footageDecider.initialState, 0);
  for (const command of commands) current = current.then(command);
  return current;
}

export function givenHold(commands: EvidenceHoldCommand[] = []) {
  let current = scenario(evidenceHoldDecider, evidenceHoldDecider.initialState, 0);
  for (const command of commands) current = current.then(command);
  return current;
}

export type { EvidenceHoldEvent, FootageEvent };
