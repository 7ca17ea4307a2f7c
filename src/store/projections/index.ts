import { DEFAULT_CASE_RULES, type CaseRules } from '../../rules/case-rules.js';
import { DEFAULT_COMPLAINT_RULES, type ComplaintRules } from '../../rules/complaint-rules.js';
import { DEFAULT_CUSTODY_RULES, type CustodyRules } from '../../rules/custody-rules.js';
import { DEFAULT_MEDICAL_RULES, type MedicalRules } from '../../rules/medical-rules.js';
import { DEFAULT_PRISON_RULES, type PrisonRules } from '../../rules/prison-rules.js';
import type { Projection } from '../types.js';
import { accountsProjection } from './accounts.js';
import { casesProjection } from './cases.js';
import { complaintsProjection } from './complaints.js';
import { custodyProjection } from './custody.js';
import { footageProjection } from './footage.js';
import { medicalProjection } from './medical.js';
import { prisonProjection } from './prison.js';
import { registryProjection } from './registry.js';
import { reportDutyProjection } from './report-duty.js';

/**
 * Every read model kept by the append transaction (and rebuilt by `habeas rebuild`), with the rules
 * in force: the clocks' due times in the read models must be the ones the deciders use.
 */
export function projectionsFor(
  rules: CustodyRules,
  complaintRules: ComplaintRules = DEFAULT_COMPLAINT_RULES,
  prisonRules: PrisonRules = DEFAULT_PRISON_RULES,
  medicalRules: MedicalRules = DEFAULT_MEDICAL_RULES,
  caseRules: CaseRules = DEFAULT_CASE_RULES,
): Projection[] {
  return [
    accountsProjection,
    registryProjection,
    custodyProjection(rules),
    complaintsProjection(complaintRules),
    // After the complaints: a reprisal flag looks up the person's complaints in the same transaction.
    prisonProjection(prisonRules),
    footageProjection,
    medicalProjection,
    // Last: it reads the custody, prison and medical rows of the same transaction (kz.medical.report-duty).
    reportDutyProjection(medicalRules),
    casesProjection(caseRules),
  ];
}

/** The read models under the default rule parameters (tests, tools that take no configuration). */
export const allProjections: Projection[] = projectionsFor(
  DEFAULT_CUSTODY_RULES,
  DEFAULT_COMPLAINT_RULES,
  DEFAULT_PRISON_RULES,
  DEFAULT_MEDICAL_RULES,
  DEFAULT_CASE_RULES,
);
