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
  input: ExaminationInput;
  clinician: Clinician;
  now: string;
  actor: string;
};

/** A first report on an examination, or a second opinion on another clinician's report. */
export type FinishReport = {
  type: 'finish-report';
  reportId: string;
  input: ReportInput;
  clinician: Clinician;
  now: string;
  actor: string;
};

export type AmendReport = {
  type: 'amend-report';
  reportId: string;
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
