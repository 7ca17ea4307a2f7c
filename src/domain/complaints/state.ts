import type { EventMeta } from '../decision.js';
import type {
  AllegationDecision,
  ComplaintCategory,
  ComplaintConcerns,
  ComplaintFindingRecorded,
  ComplaintSubmitted,
  CourtOutcomeRecorded,
  EvidenceExcluded,
  ProtectionRequested,
  ProtectionDecided,
} from './events.js';

export type { EventMeta };

/*
 * The state a complaint decider folds from its stream. It keeps no sealed bytes: the read model
 * stores this state, and the ciphertexts stay in the log's payloads, where opening reads them
 * (by the seq kept here).
 */

/** What the status check shows the complainant (issue 4), and the inbox shows the authority. */
export const COMPLAINT_STATUSES = [
  'received',
  'referred-to-procurator',
  // kz.allegation.conflict: a complaint about a procurator's or an investigator's own office.
  'referred-to-investigating-judge',
  'under-investigation',
  'answered',
  'closed',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** The submission without its sealed bytes, with its seq and who recorded it (the kiosk or the officer). */
export type Submission = Omit<ComplaintSubmitted['payload'], 'sealed' | 'sealedFor'> & {
  seq: number;
  submittedBy: string;
};

/** A complaint routed to the procurator after submission (issue 18 item 9); the submission keeps its category. */
export interface ReroutedRecord {
  /** The category it was filed under. */
  from: ComplaintCategory;
  reason: string;
  routedAt: string;
  seq: number;
  actor: string;
}

/**
 * kz.allegation.conflict: a complaint about a procurator's or an investigator's own office, with
 * the investigating judge (at submission, or rerouted by the complaints authority: `rerouted`).
 */
export interface JudgeRecord {
  concerns: ComplaintConcerns;
  routedAt: string;
  /** The category it was filed under and why it was rerouted; null when routed at submission. */
  rerouted: { from: ComplaintCategory; reason: string } | null;
  seq: number;
  actor: string;
}

/** The investigating judge's order to investigate (kz.allegation.conflict). */
export interface JudgeOrderRecord {
  orderedAt: string;
  investigateBy: string;
  caseNumber: string | null;
  seq: number;
  actor: string;
}

export interface AnswerRecord {
  seq: number;
  answeredAt: string;
  actor: string;
}

export type DecisionRecord = AllegationDecision['payload'] & { seq: number; actor: string };

export type ProtectionRecord = ProtectionRequested['payload'] & {
  seq: number;
  decided: (Omit<ProtectionDecided['payload'], 'requestId'> & { seq: number; actor: string }) | null;
};

/** kz.torture.suspension: an official identified as a suspected perpetrator, and their suspension. */
export interface SuspectRecord {
  official: string;
  identifiedAt: string;
  seq: number;
  actor: string;
  suspended: { at: string; by: string; seq: number; actor: string } | null;
}

/** kz.torture.sentencing: the court's outcome as recorded. */
export type CourtOutcomeRecord = Omit<CourtOutcomeRecorded['payload'], 'recordedAt'> & {
  seq: number;
  actor: string;
};

/** kz.evidence.inadmissible: evidence excluded from the case. */
export type EvidenceRecord = Omit<EvidenceExcluded['payload'], 'recordedAt'> & { seq: number; actor: string };

export interface MediaRecord {
  seq: number;
  sha256: string;
  size: number;
  addedAt: string;
  actor: string;
  /** Whose key it is sealed to; absent in states folded before issue 18: the authority's. */
  recipient?: 'complaints-authority' | 'procurator';
}

export interface ComplaintFinding extends EventMeta {
  finding: ComplaintFindingRecorded['payload'];
}

export interface ComplaintState {
  submitted: Submission | null;
  /** A torture allegation (kz.torture.referral): referred to the procurator at submission, or routed later. */
  referredAt: string | null;
  /** Routed to the procurator after submission, from another category (issue 18 item 9). */
  rerouted?: ReroutedRecord | null;
  /**
   * Whether a copy is sealed to the procurator's office's own key (at the kiosk, or sealed again by
   * the authority): without one, the procurator cannot open the allegation (issue 18 item 5).
   */
  sealedForProcurator?: boolean;
  /**
   * kz.allegation.conflict: with the investigating judge, never the procurator (absent unless it
   * is: read it with judgeOf).
   */
  judge?: JudgeRecord | null;
  /** The investigating judge's orders, oldest first (absent until the first: read with judgeOrdersOf). */
  judgeOrders?: JudgeOrderRecord[];
  answers: AnswerRecord[];
  closed: { seq: number; reason: string; closedAt: string; actor: string } | null;
  decisions: DecisionRecord[];
  /** kz.torture.suspension, in the order identified (a clock's key is its position here). */
  suspects: SuspectRecord[];
  courtOutcomes: CourtOutcomeRecord[];
  evidenceExcluded: EvidenceRecord[];
  protection: ProtectionRecord[];
  media: MediaRecord[];
  findings: ComplaintFinding[];
  status: ComplaintStatus;
  /** When the status last changed (the status check's `updatedAt`). */
  statusAt: string | null;
  /** The stream version folded so far, erased and unknown entries included. */
  version: number;
}

export const initialComplaintState: ComplaintState = {
  submitted: null,
  referredAt: null,
  rerouted: null,
  sealedForProcurator: false,
  // `judge` and `judgeOrders` (kz.allegation.conflict) are absent until a complaint goes to the
  // investigating judge: the state every other complaint folds to, and its read model, stay as they were.
  answers: [],
  closed: null,
  decisions: [],
  suspects: [],
  courtOutcomes: [],
  evidenceExcluded: [],
  protection: [],
  media: [],
  findings: [],
  status: 'received',
  statusAt: null,
  version: 0,
};
