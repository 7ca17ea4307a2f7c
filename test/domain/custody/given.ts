import { expect } from 'vitest';
import type {
  CorrectEntry,
  CustodyCommand,
  OpenCustody,
  RecordSafeguard,
} from '../../../src/domain/custody/commands.js';
import { custodyDecider } from '../../../src/domain/custody/decide.js';
import type { CustodyEvent, FindingRecorded } from '../../../src/domain/custody/events.js';
import { evolveCustody } from '../../../src/domain/custody/evolve.js';
import type { CustodyEventInput } from '../../../src/domain/custody/inputs.js';
import { initialCustodyState, type CustodyState } from '../../../src/domain/custody/state.js';
import { isRefusal, type EventMeta, type Refusal } from '../../../src/domain/decision.js';
import { DEFAULT_CUSTODY_RULES, type CustodyRules } from '../../../src/rules/custody-rules.js';

/*
 * Specifications for the custody decider read as given / when / then (STYLE.md "Deciders"): the
 * history is made by the decider itself, folded the way src/app/execute.ts folds a stream, with
 * fake log seqs that differ from the stream versions (seq = 100 + version).
 */

/** The apprehension of every scenario: 11:00 in Astana on 10 March 2026. */
export const T0 = '2026-03-10T06:00:00.000Z';
export const hoursAfter = (hours: number, from: string = T0): string =>
  new Date(Date.parse(from) + hours * 3_600_000).toISOString();

export const SEQ_BASE = 100;

export function openCustody(overrides: Partial<OpenCustody> = {}): OpenCustody {
  return {
    type: 'open-custody',
    custodyId: 'c1',
    personId: 'p1',
    facilityId: 'f1',
    apprehendedAt: T0,
    place: 'Астана, пр. Республики 12',
    grounds: 'suspected theft (Criminal Code art. 188)',
    arrestingOfficer: 'Lt. Серіков А.',
    orderingAuthority: null,
    person: { birthDate: '1988-04-17', citizenship: 'KZ', languages: ['kk', 'ru'] },
    placement: { population: 'mixed', sex: 'male' },
    reachedBy: 'scope',
    identityDocument: null,
    now: hoursAfter(0.5),
    actor: 'officer-1',
    ...overrides,
  };
}

/** Someone born 1 June 2010: 15 at T0. */
export const juvenile = { birthDate: '2010-06-01', citizenship: 'KZ', languages: ['kk'] };

export function record(input: CustodyEventInput, now: string, actor = 'officer-1'): RecordSafeguard {
  return { type: 'record-safeguard', input, now, actor };
}

export function correct(
  correctsSeq: number,
  field: CorrectEntry['field'],
  to: string,
  now: string,
  reason = 'typing error',
): CorrectEntry {
  return { type: 'correct-entry', correctsSeq, field, to, reason, now, actor: 'officer-1' };
}

export function dueAt(now: string): CustodyCommand {
  return { type: 'record-due-findings', now, actor: 'habeas:scheduler' };
}

export interface Stored {
  event: CustodyEvent;
  meta: EventMeta;
}

/** Folds stored entries as the append path does. */
export function fold(stored: readonly Stored[], from: CustodyState = initialCustodyState): CustodyState {
  return stored.reduce((state, { event, meta }) => evolveCustody(state, event, meta), from);
}

/** Appends events after `stored`, with the next versions and fake seqs. */
export function append(
  stored: readonly Stored[],
  events: readonly CustodyEvent[],
  recordedAt: string,
): Stored[] {
  return [
    ...stored,
    ...events.map((event, index) => {
      const version = stored.length + index;
      return { event, meta: { seq: SEQ_BASE + version, version, recordedAt, actor: 'officer-1' } };
    }),
  ];
}

export interface Then {
  decision: CustodyEvent[] | Refusal;
  /** The events decided (fails the test on a refusal). */
  events(): CustodyEvent[];
  findings(): FindingRecorded['payload'][];
  thenRefuses(expected: { rule?: string; field?: string }): Refusal;
  /** Continues the scenario with the decided events appended. */
  and(): Given;
}

export interface Given {
  stored: Stored[];
  state: CustodyState;
  /** The seq the entry at this stream version has. */
  seqOf(version: number): number;
  when(command: CustodyCommand): Then;
  /** Decides and appends (fails on a refusal). */
  then(command: CustodyCommand): Given;
}

export function given(
  commands: readonly CustodyCommand[] = [],
  rules: CustodyRules = DEFAULT_CUSTODY_RULES,
): Given {
  let scenario = from([], rules);
  for (const command of commands) scenario = scenario.then(command);
  return scenario;
}

export function from(stored: Stored[], rules: CustodyRules = DEFAULT_CUSTODY_RULES): Given {
  const decider = custodyDecider(rules);
  const state = fold(stored);
  const given: Given = {
    stored,
    state,
    seqOf: (version) => SEQ_BASE + version,
    when(command) {
      const decision = decider.decide(command, state);
      const events = (): CustodyEvent[] => {
        if (isRefusal(decision)) throw new Error(`refused: ${decision.detail}`);
        return decision;
      };
      return {
        decision,
        events,
        findings: () =>
          events().flatMap((event) => (event.type === 'finding-recorded' ? [event.payload] : [])),
        thenRefuses(expected) {
          expect(decision).toMatchObject({ refused: true, ...expected });
          return decision as Refusal;
        },
        and: () => from(append(stored, events(), command.now), rules),
      };
    },
    then(command) {
      return given.when(command).and();
    },
  };
  return given;
}

/** The last entry of a type in the timeline. */
export function lastOf<T extends CustodyEvent['type']>(
  state: CustodyState,
  type: T,
): (Extract<CustodyEvent, { type: T }> & { seq: number }) | undefined {
  const item = state.timeline.findLast((entry) => entry.event.type === type);
  return item
    ? ({ ...item.event, seq: item.seq } as Extract<CustodyEvent, { type: T }> & { seq: number })
    : undefined;
}
