import { expect } from 'vitest';
import { isRefusal, type EventMeta, type Refusal } from '../../../src/domain/decision.js';
import type {
  AmendReport,
  DiscloseReport,
  FinishReport,
  MedicalCommand,
  RecordExamination,
} from '../../../src/domain/medical/commands.js';
import { medicalDecider } from '../../../src/domain/medical/decide.js';
import type { Clinician, MedicalChange, MedicalEvent } from '../../../src/domain/medical/events.js';
import { evolveMedicalRecord } from '../../../src/domain/medical/evolve.js';
import type {
  AmendmentInput,
  DisclosureInput,
  ExaminationInput,
  ReportInput,
} from '../../../src/domain/medical/inputs.js';
import { initialMedicalRecord, type MedicalRecordState } from '../../../src/domain/medical/state.js';

/*
 * Specifications for the medical decider read as given / when / then, as test/domain/prison/given.ts
 * reads the prison decider: the history is made by the decider itself and folded as the append
 * path folds a stream, with fake log seqs (100 + version).
 */

/** The arrest examination of every scenario: 11:00 in Astana on 10 March 2026. */
export const T0 = '2026-03-10T06:00:00.000Z';
export const HOUR_MS = 3_600_000;
export const hoursAfter = (hours: number, from: string = T0): string =>
  new Date(Date.parse(from) + hours * HOUR_MS).toISOString();

export const DOCTOR: Clinician = { accountId: 'doctor-1', name: 'Д-р А. Нурланова' };
export const FORENSIC: Clinician = { accountId: 'doctor-2', name: 'Д-р Б. Сейткали' };

export const PHOTO = { sha256: 'ab'.repeat(32), withScale: true, takenAt: hoursAfter(1) };

export function examine(
  input: Partial<ExaminationInput> = {},
  options: { id?: string; now?: string; clinician?: Clinician; personId?: string } = {},
): RecordExamination {
  return {
    type: 'record-examination',
    examinationId: options.id ?? 'e1',
    personId: options.personId ?? 'p1',
    facilityId: 'f-ivs',
    input: {
      examination: 'on-arrest',
      episode: { context: 'custody', id: 'c1' },
      at: hoursAfter(1),
      place: 'ИВС УП г. Астаны, медицинский кабинет',
      present: [{ role: 'nurse', name: 'Медсестра Г. Омарова' }],
      ...input,
    },
    clinician: options.clinician ?? DOCTOR,
    now: options.now ?? hoursAfter(1.5),
    actor: (options.clinician ?? DOCTOR).accountId,
  };
}

/** Every section of an Istanbul Protocol report, the person alleging the police beat them. */
export function fullReport(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    examinationId: 'e1',
    consent: { examination: 'given', photographs: 'given', sharingWithProcurator: 'refused' },
    circumstances: { description: 'Осмотр в медицинском кабинете ИВС, без конвоя.' },
    account: {
      text: 'Меня били дубинкой по спине в кабинете оперативников.',
      language: 'ru',
      attributedTo: 'officials',
    },
    physicalFindings: [
      {
        type: 'bruise',
        site: { view: 'back', region: 'upper-back-left' },
        size: { lengthMm: 120, widthMm: 30 },
        shape: 'linear, tram-line',
        colour: 'red-purple',
        estimatedAge: '1–2 days',
        photographs: [PHOTO],
        consistency: 'highly-consistent',
      },
    ],
    psychologicalFindings: { text: 'Anxious, hypervigilant; sleep disturbed since the arrest.' },
    opinion: { overall: 'highly-consistent', interpretation: 'Baton blows.' },
    treatment: { given: 'Cold compress, analgesia.' },
    ...overrides,
  };
}

export function finish(
  input: ReportInput = fullReport(),
  options: { id?: string; now?: string; clinician?: Clinician } = {},
): FinishReport {
  const clinician = options.clinician ?? DOCTOR;
  return {
    type: 'finish-report',
    reportId: options.id ?? 'r1',
    referralReference: `REF-${options.id ?? 'r1'}`,
    input,
    clinician,
    now: options.now ?? hoursAfter(3),
    actor: clinician.accountId,
  };
}

export function amend(
  amends: number,
  sections: Partial<ReportInput> = {},
  options: { id?: string; now?: string; clinician?: Clinician; reason?: string } = {},
): AmendReport {
  const clinician = options.clinician ?? DOCTOR;
  const { examinationId: _examination, secondOpinionOf: _reviewed, ...rest } = fullReport(sections);
  const input: AmendmentInput = { amends, reason: options.reason ?? 'Size measured again', ...rest };
  return {
    type: 'amend-report',
    reportId: options.id ?? 'r1',
    referralReference: `REF-${options.id ?? 'r1'}`,
    input,
    clinician,
    now: options.now ?? hoursAfter(5),
    actor: clinician.accountId,
  };
}

export function disclose(
  input: DisclosureInput,
  options: { reportId?: string; now?: string } = {},
): DiscloseReport {
  return {
    type: 'disclose-report',
    disclosureId: 'd1',
    reportId: options.reportId ?? 'r1',
    input,
    clinician: DOCTOR,
    now: options.now ?? hoursAfter(6),
    actor: DOCTOR.accountId,
  };
}

export const SEQ_BASE = 100;

export interface Stored {
  event: MedicalEvent;
  meta: EventMeta;
}

export function fold(stored: readonly Stored[]): MedicalRecordState {
  return stored.reduce(
    (state, { event, meta }) => evolveMedicalRecord(state, event, meta),
    initialMedicalRecord,
  );
}

export function append(
  stored: readonly Stored[],
  events: readonly MedicalEvent[],
  recordedAt: string,
): Stored[] {
  return [
    ...stored,
    ...events.map((event, index) => {
      const version = stored.length + index;
      return { event, meta: { seq: SEQ_BASE + version, version, recordedAt, actor: 'doctor-1' } };
    }),
  ];
}

export interface Then {
  decision: MedicalEvent[] | Refusal;
  events(): MedicalEvent[];
  /** The changes decided (the payloads), in order. */
  changes(): MedicalChange[];
  thenRefuses(expected: { rule?: string; field?: string; reason?: unknown }): Refusal;
  and(): Given;
}

export interface Given {
  stored: Stored[];
  state: MedicalRecordState;
  when(command: MedicalCommand): Then;
  then(command: MedicalCommand): Given;
}

const decider = medicalDecider();

export function given(commands: readonly MedicalCommand[] = []): Given {
  let scenario = from([]);
  for (const command of commands) scenario = scenario.then(command);
  return scenario;
}

export function from(stored: Stored[]): Given {
  const state = fold(stored);
  const scenario: Given = {
    stored,
    state,
    when(command) {
      const decision = decider.decide(command, state);
      const events = (): MedicalEvent[] => {
        if (isRefusal(decision))
          throw new Error(`refused (${decision.rule ?? 'no rule'}): ${decision.detail}`);
        return decision;
      };
      return {
        decision,
        events,
        changes: () => events().map((event) => event.payload),
        thenRefuses(expected) {
          expect(decision).toMatchObject({ refused: true, ...expected });
          return decision as Refusal;
        },
        and: () => from(append(stored, events(), command.now)),
      };
    },
    then(command) {
      return scenario.when(command).and();
    },
  };
  return scenario;
}
