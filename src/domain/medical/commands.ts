import type { Clinician } from './events.js';
import type { AmendmentInput, DisclosureInput, ExaminationInput, ReportInput } from './inputs.js';

/*
 * The commands of the medical decider. Time (`now`) and the actor come in with the command; the
 * clinician is the account recording it (the application checks the `medical` role). Ids are
 * issued by the application (src/app/ids.ts).
 */

export type RecordExamination = {
  type: 'record-examination';
  examinationId: string;
  personId: string;
  /** The facility of the custody episode or prison stay, as the application found it. */
  facilityId: string;
  input: ExaminationInput;
  clinician: Clinician;
  now: string;
  actor: string;
};

/** A first report on an examination, or a second opinion on another clinician's report. */
export type FinishReport = {
  type: 'finish-report';
  reportId: string;
  /** The reference the procurator's list names the allegation by, should this version be referred. */
  referralReference: string;
  input: ReportInput;
  clinician: Clinician;
  now: string;
  actor: string;
};

export type AmendReport = {
  type: 'amend-report';
  reportId: string;
  /** As FinishReport's: used when an amendment makes the report referable for the first time. */
  referralReference: string;
  input: AmendmentInput;
  clinician: Clinician;
  now: string;
  actor: string;
};

export type DiscloseReport = {
  type: 'disclose-report';
  disclosureId: string;
  reportId: string;
  input: DisclosureInput;
  clinician: Clinician;
  now: string;
  actor: string;
};

export type MedicalCommand = RecordExamination | FinishReport | AmendReport | DiscloseReport;
