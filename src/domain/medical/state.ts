import type { EventMeta } from '../decision.js';
import type { DisclosureRecorded, ExaminationRecorded, ReferralAssessed, ReportFinished } from './events.js';

/* The state the medical decider folds from a person's record (src/domain/medical/evolve.ts). */

export type Recorded<Change> = Change & { seq: number; recordedAt: string };

export interface MedicalRecordState {
  /** The person whose record it is (from the first examination). */
  personId: string | null;
  /** Examinations by id, in the order recorded. */
  examinations: Record<string, Recorded<ExaminationRecorded>>;
  /** Every version of every report by report id, version 1 first; none is ever replaced. */
  reports: Record<string, Recorded<ReportFinished>[]>;
  referrals: Recorded<ReferralAssessed>[];
  disclosures: Recorded<DisclosureRecorded>[];
  /** Entries folded so far (the next event's stream version). */
  version: number;
}

export const initialMedicalRecord: MedicalRecordState = {
  personId: null,
  examinations: {},
  reports: {},
  referrals: [],
  disclosures: [],
  version: 0,
};

export type { EventMeta };
