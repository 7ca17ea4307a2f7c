import type { PlacementPopulation } from '../../rules/placement-checks.js';
import type { RefusalReason } from '../refusals.js';
import type { FacilityKind } from '../registry/facility.js';
import type { ReachDocument, ReachedBy } from '../registry/reach.js';
import type { CommitmentOrder, PrisonFindingRecorded, ScreeningOutcome } from './events.js';
import type { StayEventInput } from './inputs.js';

/*
 * The commands of the prison decider. Time (`now`) and the actor come in with the command, never
 * from a clock inside the core; what the decider needs from other contexts (the person's register
 * entry, the facility's kind) is loaded by the application and passed in.
 */

export type AdmitPrisoner = {
  type: 'admit';
  stayId: string;
  personId: string;
  facilityId: string;
  admittedAt: string;
  commitmentOrder: CommitmentOrder;
  custodyId: string | null;
  deprivedOfLiberty: { at: string; place: string; authority: string | null };
  lifeSentence: boolean;
  person: { sex: 'female' | 'male'; birthDate: string; languages: string[] };
  /** Whom the admitting facility holds (kz.placement.separation). */
  facilityPopulation: PlacementPopulation;
  /** How the officer reached the person (src/app/person-reach.ts). */
  reachedBy: ReachedBy;
  identityDocument: ReachDocument;
  now: string;
  actor: string;
};

export type RecordStayEvent = {
  type: 'record';
  input: StayEventInput;
  /** The kind of the facility holding the person (open-prison measures, kz.discipline.measures). */
  facilityKind: FacilityKind | null;
  /** For a transfer: whom the destination holds (kz.placement.separation). */
  destinationPopulation?: PlacementPopulation;
  /** The display name of the actor, the default for `examinedBy`, `visitedBy`, `reportedBy`. */
  actorName: string;
  now: string;
  actor: string;
};

/** Keeps a refused disciplinary decision in the log (the governor still gets the 422). */
export type RecordRefusedDiscipline = {
  type: 'record-refused-discipline';
  measure: string;
  days: number | null;
  rule: string;
  detail: string;
  /** Why, as data (src/domain/refusals.ts), when the refusal said. */
  reason?: RefusalReason;
  at: string;
  now: string;
  actor: string;
};

export type RecordDueStayFindings = { type: 'record-due-findings'; now: string; actor: string };

/** The doctor's examinations of a stay that its clocks and rules ask for (issue 19). */
export type DoctorsStayExamination =
  'on-admission' | 'on-return-from-police-custody' | 'before-separation' | 'separation-health-visit';

/**
 * The doctor's own record of an examination (issue 19, src/app/medical-episode.ts): the fact that
 * meets kz.admission.medical, kz.discipline.medical-before or intl.solitary.health-visits, with
 * nothing clinical. Recorded once per examination, whatever the number of tries.
 */
export type RecordDoctorsExamination = {
  type: 'record-doctors-examination';
  examinationId: string;
  examination: DoctorsStayExamination;
  /** When the examination took place, as the clinician states it (UTC). */
  at: string;
  clinicianName: string;
  injuriesNoted: boolean;
  /** Before separation: the doctor's verdict. */
  fitness: 'fit' | 'unfit' | null;
  /** On admission or return: whether HIV and TB screening were done (null: not said). */
  screening: { hiv: ScreeningOutcome; tb: ScreeningOutcome } | null;
  now: string;
  actor: string;
};

/** A finding decided from what other contexts hold (kz.medical.report-duty), recorded once per key. */
export type RecordStayFinding = {
  type: 'record-finding';
  finding: Omit<PrisonFindingRecorded['payload'], 'pack' | 'packVersion'>;
  now: string;
  actor: string;
};

export type PrisonCommand =
  | AdmitPrisoner
  | RecordStayEvent
  | RecordRefusedDiscipline
  | RecordDueStayFindings
  | RecordDoctorsExamination
  | RecordStayFinding;
