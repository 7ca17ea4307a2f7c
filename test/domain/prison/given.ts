import { expect } from 'vitest';
import { isRefusal, type EventMeta, type Refusal } from '../../../src/domain/decision.js';
import type { AdmitPrisoner, PrisonCommand, RecordStayEvent } from '../../../src/domain/prison/commands.js';
import { prisonDecider } from '../../../src/domain/prison/decide.js';
import type { PrisonEvent, PrisonFindingRecorded } from '../../../src/domain/prison/events.js';
import { evolveStay } from '../../../src/domain/prison/evolve.js';
import type { StayEventInput } from '../../../src/domain/prison/inputs.js';
import { initialStayState, type StayState } from '../../../src/domain/prison/state.js';
import type { FacilityKind } from '../../../src/domain/registry/facility.js';
import { DEFAULT_PRISON_RULES, type PrisonRules } from '../../../src/rules/prison-rules.js';

/*
 * Specifications for the prison decider read as given / when / then (STYLE.md "Deciders"), the
 * way test/domain/custody/given.ts reads the custody decider: the history is made by the decider
 * itself and folded the way src/app/execute.ts folds a stream, with fake log seqs (100 + version).
 */

/** The admission of every scenario: 11:00 in Astana on 10 March 2026. */
export const T0 = '2026-03-10T06:00:00.000Z';
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const hoursAfter = (hours: number, from: string = T0): string =>
  new Date(Date.parse(from) + hours * HOUR_MS).toISOString();
export const daysAfter = (days: number, from: string = T0): string => hoursAfter(days * 24, from);

export const SEQ_BASE = 100;

export const man = { sex: 'male' as const, birthDate: '1985-07-21', languages: ['kk', 'ru'] };
export const woman = { sex: 'female' as const, birthDate: '1990-02-14', languages: ['ru'] };
/** Turns 18 on 12 March 2026 (Kazakhstan calendar): a minor on T0's day and the day after. */
export const nearlyAdult = { sex: 'male' as const, birthDate: '2008-03-12', languages: ['kk'] };

export function admit(overrides: Partial<AdmitPrisoner> = {}): AdmitPrisoner {
  return {
    type: 'admit',
    stayId: 's1',
    personId: 'p1',
    facilityId: 'prison-1',
    admittedAt: T0,
    commitmentOrder: {
      reference: '2-1234/2026',
      authority: 'Astana city court',
      issuedOn: '2026-03-05',
      grounds: 'Criminal Code art. 188',
    },
    custodyId: null,
    deprivedOfLiberty: { at: hoursAfter(-72), place: 'Астана, пр. Республики 12', authority: 'police' },
    lifeSentence: false,
    person: man,
    facilityPopulation: 'mixed',
    reachedBy: 'scope',
    identityDocument: null,
    now: hoursAfter(0.5),
    actor: 'officer-1',
    ...overrides,
  };
}

export function record(
  input: StayEventInput,
  now: string,
  options: { facilityKind?: FacilityKind | null; actor?: string } = {},
): RecordStayEvent {
  return {
    type: 'record',
    input,
    facilityKind: options.facilityKind === undefined ? 'prison' : options.facilityKind,
    actorName: 'Officer Ахметов',
    now,
    actor: options.actor ?? 'officer-1',
  };
}

export function dueAt(now: string): PrisonCommand {
  return { type: 'record-due-findings', now, actor: 'habeas:scheduler' };
}

/** A medical examination with both screenings, stated at `at` and recorded then. */
export const examined = (at: string): RecordStayEvent =>
  record({ type: 'medical-examined', at, hivScreening: 'done', tbScreening: 'done' }, at, {
    actor: 'doctor-1',
  });

/** The governor's decision, stated at `at` (and recorded then unless `now` is given). */
export function decide(
  measure: string,
  days: number | undefined,
  at: string,
  extra: { startsAt?: string; now?: string; facilityKind?: FacilityKind | null } = {},
): RecordStayEvent {
  return record(
    {
      type: 'discipline-decided',
      at,
      measure,
      ...(days === undefined ? {} : { days }),
      reason: 'fight in the canteen',
      informedLanguage: 'kk',
      ...(extra.startsAt === undefined ? {} : { startsAt: extra.startsAt }),
    },
    extra.now ?? at,
    { facilityKind: extra.facilityKind, actor: 'governor-1' },
  );
}

export interface Stored {
  event: PrisonEvent;
  meta: EventMeta;
}

/** Folds stored entries as the append path does. */
export function fold(stored: readonly Stored[], from: StayState = initialStayState): StayState {
  return stored.reduce((state, { event, meta }) => evolveStay(state, event, meta), from);
}

/** Appends events after `stored`, with the next versions and fake seqs. */
export function append(
  stored: readonly Stored[],
  events: readonly PrisonEvent[],
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

export type Finding = PrisonFindingRecorded['payload'];

export interface Then {
  decision: PrisonEvent[] | Refusal;
  /** The events decided (fails the test on a refusal). */
  events(): PrisonEvent[];
  findings(): Finding[];
  /** The rules of the findings decided, in order. */
  rules(): string[];
  thenRefuses(expected: { rule?: string; field?: string }): Refusal;
  /** Continues the scenario with the decided events appended. */
  and(): Given;
}

export interface Given {
  stored: Stored[];
  state: StayState;
  rules: PrisonRules;
  when(command: PrisonCommand): Then;
  /** Decides and appends (fails on a refusal). */
  then(command: PrisonCommand): Given;
  /** Every finding recorded so far. */
  findings(): Finding[];
}

export function given(
  commands: readonly PrisonCommand[] = [],
  rules: PrisonRules = DEFAULT_PRISON_RULES,
): Given {
  let scenario = from([], rules);
  for (const command of commands) scenario = scenario.then(command);
  return scenario;
}

export function from(stored: Stored[], rules: PrisonRules = DEFAULT_PRISON_RULES): Given {
  const decider = prisonDecider(rules);
  const state = fold(stored);
  const scenario: Given = {
    stored,
    state,
    rules,
    when(command) {
      const decision = decider.decide(command, state);
      const events = (): PrisonEvent[] => {
        if (isRefusal(decision))
          throw new Error(`refused (${decision.rule ?? 'no rule'}): ${decision.detail}`);
        return decision;
      };
      const findings = () =>
        events().flatMap((event) => (event.type === 'finding-recorded' ? [event.payload] : []));
      return {
        decision,
        events,
        findings,
        rules: () => findings().map((finding) => finding.rule),
        thenRefuses(expected) {
          expect(decision).toMatchObject({ refused: true, ...expected });
          return decision as Refusal;
        },
        and: () => from(append(stored, events(), command.now), rules),
      };
    },
    then(command) {
      return scenario.when(command).and();
    },
    findings: () => state.findings.map((item) => item.finding),
  };
  return scenario;
}

/** The findings of one rule among some. */
export const ofRule = (findings: readonly Finding[], rule: string): Finding[] =>
  findings.filter((finding) => finding.rule === rule);
