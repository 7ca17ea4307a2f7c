import type { PlacedPerson, PlacementPopulation } from '../../rules/placement-checks.js';
import type { ReachDocument, ReachedBy } from '../registry/reach.js';
import type { CorrectableField, FindingRecorded } from './events.js';
import type { CustodyEventInput, InterviewInput } from './inputs.js';

/*
 * The commands of the custody decider. Time (`now`, server time as ISO 8601 UTC) and the actor
 * come in with the command, never from a clock inside the core (STYLE.md "Deciders").
 */

/** Opens the episode with the arrest record; `person` is what the register says about the person. */
export type OpenCustody = {
  type: 'open-custody';
  custodyId: string;
  personId: string;
  facilityId: string;
  apprehendedAt: string;
  place: string;
  grounds: string;
  arrestingOfficer: string;
  orderingAuthority: string | null;
  person: { birthDate: string; citizenship: string | null; languages: string[] };
  /** kz.placement.separation: whom the custody unit holds, and the person's sex (the birth date is in `person`). */
  placement: { population: PlacementPopulation; sex: PlacedPerson['sex'] };
  /** How the officer reached the person (src/app/person-reach.ts): in scope, or by a document. */
  reachedBy: Exclude<ReachedBy, 'hand-over'>;
  identityDocument: ReachDocument;
  now: string;
  actor: string;
};

/** Records one safeguard event (POST /custody/{id}/events). */
export type RecordSafeguard = {
  type: 'record-safeguard';
  input: CustodyEventInput;
  /** For a transfer: whom the destination holds, and the person (kz.placement.separation). */
  placement?: { population: PlacementPopulation; person: PlacedPerson };
  now: string;
  actor: string;
};

/** Corrects a field of an entry; `to` of a time field is ISO 8601 with an offset. */
export type CorrectEntry = {
  type: 'correct-entry';
  correctsSeq: number;
  field: CorrectableField;
  to: string;
  reason: string;
  now: string;
  actor: string;
};

/** Records the findings of every clock due at `now` (the scheduler's command). */
export type RecordDueFindings = {
  type: 'record-due-findings';
  now: string;
  actor: string;
};

/**
 * The doctor's own record of the examination on arrest (issue 19, src/app/medical-episode.ts): the
 * fact that meets kz.custody.medical and answers injury referrals, with nothing clinical. The
 * examination is recorded here once, whatever the number of tries.
 */
export type RecordDoctorsExamination = {
  type: 'record-doctors-examination';
  examinationId: string;
  /** When the examination took place, as the clinician states it (UTC). */
  at: string;
  clinicianName: string;
  injuriesNoted: boolean;
  now: string;
  actor: string;
};

/**
 * A finding decided from what other contexts hold (kz.medical.report-duty: the scheduler reads the
 * medical read models), recorded in the episode once per key.
 */
export type RecordFinding = {
  type: 'record-finding';
  finding: Omit<FindingRecorded['payload'], 'pack' | 'packVersion'>;
  now: string;
  actor: string;
};

/**
 * Records an interview of the detained suspect (POST /custody/{id}/interviews, kz.custody.interview);
 * `interviewId` is made by the server.
 */
export type RecordInterview = {
  type: 'record-interview';
  interviewId: string;
  input: InterviewInput;
  now: string;
  actor: string;
};

export type CustodyCommand =
  | OpenCustody
  | RecordSafeguard
  | CorrectEntry
  | RecordDueFindings
  | RecordDoctorsExamination
  | RecordFinding
  | RecordInterview;
