import { expect } from 'vitest';
import type {
  AddDocument,
  CaseCommand,
  ChargeDefendant,
  DecideAppeal,
  DecideRedress,
  Discontinue,
  FileAppeal,
  IdentifySuspect,
  JoinAllegation,
  OpenCase,
  PayRedress,
  RecogniseVictim,
  RecordVerdict,
  Resume,
  SendToCourt,
  SuspendSuspect,
} from '../../../src/domain/cases/commands.js';
import { caseDecider } from '../../../src/domain/cases/decide.js';
import type { CaseEvent, CaseFindingRecorded, Court, Sentence } from '../../../src/domain/cases/events.js';
import { evolveCase } from '../../../src/domain/cases/evolve.js';
import { initialCaseState, type CaseState } from '../../../src/domain/cases/state.js';
import { isRefusal, type EventMeta, type Refusal } from '../../../src/domain/decision.js';
import type { RefusalCode } from '../../../src/domain/refusals.js';
import { DEFAULT_CASE_RULES, type CaseRules } from '../../../src/rules/case-rules.js';

/*
 * Specifications for the case decider (issue 20) read as given / when / then, as
 * test/domain/complaints/given.ts does for complaints: the history is made by the decider itself,
 * folded through evolveCase with fake log seqs (seq = 100 + version).
 */

/** Today is 4 May 2026, 11:00 in Astana; the case was opened on 2 March 2026. */
export const T0 = '2026-05-04T06:00:00.000Z';
export const TODAY = '2026-05-04';
export const OPENED_ON = '2026-03-02';
export const hoursAfter = (hours: number, from: string = T0): string =>
  new Date(Date.parse(from) + hours * 3_600_000).toISOString();

export const PROCURATOR = 'procurator-1';
export const COURT: Court = { name: 'Specialised inter-district criminal court of Almaty', region: 'KZ-75' };
export const APPEAL_COURT: Court = { name: 'Almaty city court', region: 'KZ-75' };

/** Two officials of the register. */
export const SERIKOV = { officialId: 'o-serikov', name: 'Serikov A. B.' };
export const ABENOV = { officialId: 'o-abenov', name: 'Abenov K. M.' };

const common = { now: T0, today: TODAY, actor: PROCURATOR };

export function open(overrides: Partial<OpenCase> = {}): OpenCase {
  return {
    ...common,
    type: 'open-case',
    caseId: 'k1',
    number: '261500031000123',
    article: '146 ч. 2',
    openedOn: OPENED_ON,
    investigatingBody: 'Anti-Corruption Agency, Almaty',
    region: 'KZ-75',
    tags: ['january-2022'],
    sources: [
      { kind: 'complaint', reference: '7KQ2-M9XD-4HTA' },
      { kind: 'medical-referral', reference: 'MR-0001' },
    ],
    exOfficioBasis: null,
    ...overrides,
  };
}

export const join = (reference: string, overrides: Partial<JoinAllegation> = {}): JoinAllegation => ({
  ...common,
  type: 'join-allegation',
  source: { kind: 'complaint', reference },
  joinedOn: '2026-04-01',
  ...overrides,
});

export const identify = (
  official: { officialId: string; name: string } = SERIKOV,
  identifiedAt: string = T0,
  overrides: Partial<IdentifySuspect> = {},
): IdentifySuspect => ({
  ...common,
  type: 'identify-suspect',
  ...official,
  identifiedAt,
  suspension: null,
  now: identifiedAt,
  ...overrides,
});

export const suspend = (
  officialId: string,
  suspendedAt: string,
  overrides: Partial<SuspendSuspect> = {},
): SuspendSuspect => ({
  ...common,
  type: 'suspend-suspect',
  officialId,
  suspendedAt,
  orderedBy: 'Head of the Almaty police department',
  now: suspendedAt,
  ...overrides,
});

export const charge = (
  officialId: string,
  article = '146 ч. 2',
  overrides: Partial<ChargeDefendant> = {},
): ChargeDefendant => ({
  ...common,
  type: 'charge-defendant',
  officialId,
  article,
  chargedOn: '2026-03-10',
  ...overrides,
});

export const sendToCourt = (officialIds: string[], overrides: Partial<SendToCourt> = {}): SendToCourt => ({
  ...common,
  type: 'send-to-court',
  officialIds,
  court: COURT,
  sentOn: '2026-03-20',
  ...overrides,
});

export const prison = (months = 60): Sentence => ({
  penalties: [{ kind: 'imprisonment', months, amountKzt: null }],
  suspended: false,
  probationMonths: null,
});

export const suspended = (months = 36): Sentence => ({
  penalties: [{ kind: 'imprisonment', months, amountKzt: null }],
  suspended: true,
  probationMonths: 24,
});

export const verdict = (officialId: string, overrides: Partial<RecordVerdict> = {}): RecordVerdict => ({
  ...common,
  type: 'record-verdict',
  officialId,
  court: COURT,
  outcome: 'convicted',
  article: '146 ч. 2',
  sentence: prison(),
  pleaAgreement: false,
  decidedOn: '2026-04-10',
  ...overrides,
});

export const acquittal = (officialId: string, overrides: Partial<RecordVerdict> = {}): RecordVerdict =>
  verdict(officialId, { outcome: 'acquitted', sentence: null, ...overrides });

export const appeal = (officialId: string, overrides: Partial<FileAppeal> = {}): FileAppeal => ({
  ...common,
  type: 'file-appeal',
  officialId,
  by: 'defendant',
  filedOn: '2026-04-15',
  ...overrides,
});

export const appealDecided = (
  officialId: string,
  result: DecideAppeal['result'],
  overrides: Partial<DecideAppeal> = {},
): DecideAppeal => ({
  ...common,
  type: 'decide-appeal',
  officialId,
  court: APPEAL_COURT,
  result,
  outcome: null,
  article: null,
  sentence: null,
  decidedOn: '2026-04-25',
  ...overrides,
});

export const discontinue = (
  officialId: string | null,
  overrides: Partial<Discontinue> = {},
): Discontinue => ({
  ...common,
  type: 'discontinue',
  officialId,
  ground: 'no-elements',
  evidence: [],
  reason: 'the forensic examination found no injuries consistent with the account',
  discontinuedOn: '2026-03-15',
  ...overrides,
});

export const resume = (officialId: string | null, overrides: Partial<Resume> = {}): Resume => ({
  ...common,
  type: 'resume',
  officialId,
  by: 'procurator',
  reason: 'the discontinuation was premature: the interview recording was not examined',
  resumedOn: '2026-03-18',
  ...overrides,
});

export const SHA = 'a'.repeat(64);

export const document = (
  documentId: string,
  kind: AddDocument['kind'] = 'decision',
  overrides: Partial<AddDocument> = {},
): AddDocument => ({
  ...common,
  type: 'add-document',
  documentId,
  kind,
  title: `${kind} ${documentId}`,
  dated: '2026-03-05',
  submittedBy: 'investigator',
  digest: { sha256: SHA, size: 20_480, mediaType: 'application/pdf' },
  stored: false,
  ...overrides,
});

export const victim = (victimId = 'v1', overrides: Partial<RecogniseVictim> = {}): RecogniseVictim => ({
  ...common,
  type: 'recognise-victim',
  victimId,
  personId: 'p1',
  name: 'Zhaksylykov D.',
  recognisedOn: '2026-03-03',
  ...overrides,
});

export const redress = (
  redressId: string,
  amountKzt: number,
  overrides: Partial<DecideRedress> = {},
): DecideRedress => ({
  ...common,
  type: 'decide-redress',
  redressId,
  victimId: 'v1',
  by: 'victims-fund',
  category: 'torture-victim',
  purpose: 'treatment',
  amountKzt,
  decidedOn: '2026-03-25',
  ...overrides,
});

export const pay = (
  redressId: string,
  amountKzt: number,
  overrides: Partial<PayRedress> = {},
): PayRedress => ({
  ...common,
  type: 'pay-redress',
  redressId,
  amountKzt,
  paidOn: '2026-04-02',
  ...overrides,
});

export const dueAt = (now: string): CaseCommand => ({
  type: 'record-due-findings',
  now,
  actor: 'habeas:scheduler',
});

export interface Stored {
  event: CaseEvent;
  meta: EventMeta;
}

export interface Then {
  decision: CaseEvent[] | Refusal;
  events(): CaseEvent[];
  findings(): CaseFindingRecorded['payload'][];
  /** The refusal, checked to carry what is expected (rule, field, reason code and params). */
  thenRefuses(expected: {
    rule?: string;
    field?: string;
    code?: RefusalCode;
    params?: Record<string, unknown>;
  }): Refusal;
  and(): Given;
}

export interface Given {
  state: CaseState;
  stored: readonly Stored[];
  when(command: CaseCommand): Then;
  then(command: CaseCommand): Given;
}

export function given(commands: readonly CaseCommand[] = [], rules: CaseRules = DEFAULT_CASE_RULES): Given {
  let scenario = from([], rules);
  for (const command of commands) scenario = scenario.then(command);
  return scenario;
}

/** The case file folded from its entries, as the projection and src/app/execute.ts fold it. */
export const fold = (stored: readonly Stored[]): CaseState =>
  stored.reduce((current, { event, meta }) => evolveCase(current, event, meta), initialCaseState);

function from(stored: Stored[], rules: CaseRules): Given {
  const decider = caseDecider(rules);
  const state = fold(stored);
  const scenario: Given = {
    state,
    stored,
    when(command) {
      const decision = decider.decide(command, state);
      const events = (): CaseEvent[] => {
        if (isRefusal(decision)) throw new Error(`refused: ${decision.detail}`);
        return decision;
      };
      return {
        decision,
        events,
        findings: () =>
          events().flatMap((event) => (event.type === 'finding-recorded' ? [event.payload] : [])),
        thenRefuses({ rule, field, code, params }) {
          expect(isRefusal(decision), 'refused').toBe(true);
          const refusal = decision as Refusal;
          if (rule !== undefined) expect(refusal.rule).toBe(rule);
          if (field !== undefined) expect(refusal.field).toBe(field);
          if (code !== undefined) expect(refusal.reason?.code).toBe(code);
          if (params !== undefined) expect(refusal.reason?.params).toEqual(params);
          // Every refusal that names a rule says why as data (src/domain/refusals.ts).
          if (refusal.rule !== undefined) expect(refusal.reason).toBeDefined();
          return refusal;
        },
        and: () =>
          from(
            [
              ...stored,
              ...events().map((event, index) => {
                const version = stored.length + index + 1;
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
