import { expect } from 'vitest';
import type {
  AllegationOutcome,
  ComplaintCommand,
  SubmitComplaint,
} from '../../../src/domain/complaints/commands.js';
import { complaintDecider } from '../../../src/domain/complaints/decide.js';
import type { ComplaintEvent, ComplaintFindingRecorded } from '../../../src/domain/complaints/events.js';
import { evolveComplaint } from '../../../src/domain/complaints/evolve.js';
import { initialComplaintState, type ComplaintState } from '../../../src/domain/complaints/state.js';
import { isRefusal, type EventMeta, type Refusal } from '../../../src/domain/decision.js';
import { DEFAULT_COMPLAINT_RULES, type ComplaintRules } from '../../../src/rules/complaint-rules.js';

/*
 * Specifications for the complaint decider read as given / when / then (STYLE.md "Deciders"), as
 * test/domain/custody/given.ts does for custody: the history is made by the decider itself, with
 * fake log seqs (seq = 100 + version).
 */

/** A complaint arrives at 11:00 in Astana on 4 May 2026. */
export const T0 = '2026-05-04T06:00:00.000Z';
export const hoursAfter = (hours: number, from: string = T0): string =>
  new Date(Date.parse(from) + hours * 3_600_000).toISOString();
export const daysAfter = (days: number, from: string = T0): string => hoursAfter(days * 24, from);

export const KIOSK = 'kiosk-1';
export const SEALED = { enc: 'ZW5j', ciphertext: 'Y2lwaGVydGV4dA==' };

export function submit(overrides: Partial<SubmitComplaint> = {}): SubmitComplaint {
  return {
    type: 'submit-complaint',
    complaintId: 'c1',
    reference: '7KQ2-M9XD-4HTA',
    facilityId: 'f1',
    channel: 'kiosk',
    category: 'conditions',
    sealed: SEALED,
    sealedFor: null,
    concerns: null,
    complainantId: 'p1',
    protectionRequests: [],
    receivedAt: null,
    now: T0,
    actor: KIOSK,
    ...overrides,
  };
}

export const torture = (overrides: Partial<SubmitComplaint> = {}) =>
  submit({ category: 'torture-or-ill-treatment', ...overrides });

export const answer = (now: string, actor = 'officer-1'): ComplaintCommand => ({
  type: 'answer-complaint',
  sealed: SEALED,
  forComplainant: null,
  now,
  actor,
});

/** The procurator's copy, sealed by the complaints authority (issue 18 items 5 and 9). */
export const PROCURATOR_COPY = { enc: 'cHJvYw==', ciphertext: 'Zm9yIHRoZSBwcm9jdXJhdG9y' };

export const route = (now: string, reason = 'describes a beating by a guard'): ComplaintCommand => ({
  type: 'route-to-procurator',
  reason,
  sealed: PROCURATOR_COPY,
  media: [{ sha256: 'c'.repeat(64), size: 116, enc: 'ZW5j' }],
  now,
  actor: 'officer-1',
});

export const close = (now: string, reason = 'duplicate of 7KQ2-M9XD-4HTB'): ComplaintCommand => ({
  type: 'close-complaint',
  reason,
  now,
  actor: 'officer-1',
});

export const decide = (
  decision: 'investigation-opened' | 'joined' | 'sent-to-court' | 'discontinued',
  now: string,
  extra: { caseNumber?: string; joinedWith?: string; reason?: string } = {},
): ComplaintCommand => ({
  type: 'record-allegation-decision',
  decision,
  caseNumber: extra.caseNumber ?? null,
  joinedWith: extra.joinedWith ?? null,
  reason: extra.reason ?? null,
  now,
  actor: 'procurator-1',
});

export const outcome = (
  recorded: AllegationOutcome,
  now: string,
  actor = 'procurator-1',
): ComplaintCommand => ({ type: 'record-allegation-outcome', outcome: recorded, now, actor });

export const protect = (
  requestId: string,
  now: string,
  decision: 'granted' | 'refused' = 'granted',
): ComplaintCommand => ({
  type: 'decide-protection',
  requestId,
  decision,
  reason: 'moved to another unit',
  now,
  actor: 'governor-1',
});

export const dueAt = (now: string): ComplaintCommand => ({
  type: 'record-due-findings',
  now,
  actor: 'habeas:scheduler',
});

interface Stored {
  event: ComplaintEvent;
  meta: EventMeta;
}

export interface Then {
  decision: ComplaintEvent[] | Refusal;
  events(): ComplaintEvent[];
  findings(): ComplaintFindingRecorded['payload'][];
  thenRefuses(expected: { rule?: string; field?: string }): Refusal;
  and(): Given;
}

export interface Given {
  state: ComplaintState;
  when(command: ComplaintCommand): Then;
  then(command: ComplaintCommand): Given;
}

export function given(
  commands: readonly ComplaintCommand[] = [],
  rules: ComplaintRules = DEFAULT_COMPLAINT_RULES,
): Given {
  let scenario = from([], rules);
  for (const command of commands) scenario = scenario.then(command);
  return scenario;
}

function from(stored: Stored[], rules: ComplaintRules): Given {
  const decider = complaintDecider(rules);
  const state = stored.reduce(
    (current, { event, meta }) => evolveComplaint(current, event, meta),
    initialComplaintState,
  );
  const scenario: Given = {
    state,
    when(command) {
      const decision = decider.decide(command, state);
      const events = (): ComplaintEvent[] => {
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
        and: () =>
          from(
            [
              ...stored,
              ...events().map((event, index) => {
                const version = stored.length + index;
                return {
                  event,
                  meta: { seq: 100 + version, version, recordedAt: command.now, actor: command.actor },
                };
              }),
            ],
            rules,
          ),
      };
    },
    then(command) {
      return scenario.when(command).and();
    },
  };
  return scenario;
}
