import type {
  AllegationDecisionKind,
  ComplaintCategory,
  ComplaintChannel,
  ComplaintConcerns,
  CourtOutcomeKind,
  SentenceKind,
  ProtectionDecisionKind,
  ProtectionKind,
  ResealedMedia,
  SealedFor,
  SealedPayload,
} from './events.js';

/*
 * The commands of the complaint decider. Time (`now`, server time as ISO 8601 UTC), the actor and
 * anything random (ids) come in with the command, never from inside the core (STYLE.md "Deciders").
 */

/** A complaint arrives, sealed (kz.complaint.channel). */
export type SubmitComplaint = {
  type: 'submit-complaint';
  complaintId: string;
  reference: string;
  facilityId: string;
  channel: ComplaintChannel;
  category: ComplaintCategory;
  sealed: SealedPayload;
  /** The procurator's copy of a torture allegation (issue 18 item 5), or null. */
  sealedFor: SealedFor | null;
  /**
   * kz.allegation.conflict: the procurator's or investigator's office the complaint is about, or
   * null. Such a complaint goes to the investigating judge, and is never sealed to the procurator.
   */
  concerns: ComplaintConcerns | null;
  complainantId: string | null;
  /** The random id of each request for protection or transfer asked for (kz.transfer.protection). */
  protectionRequests: { kind: ProtectionKind; requestId: string }[];
  /** When the authority received it, for other channels (default `now`); never after `now`. */
  receivedAt: string | null;
  now: string;
  actor: string;
};

/** The authority's answer, sealed (intl.complaint.answer). */
export type AnswerComplaint = {
  type: 'answer-complaint';
  sealed: SealedPayload;
  /** The answer sealed to the complainant's answer key (issue 18 item 6), or null when there is none. */
  forComplainant: SealedPayload | null;
  now: string;
  actor: string;
};

export type CloseComplaint = {
  type: 'close-complaint';
  reason: string;
  now: string;
  actor: string;
};

/**
 * The complaints authority routes a complaint to the procurator (issue 18 item 9: filed under
 * another category, it describes torture or ill-treatment), or seals the procurator's copy of an
 * allegation made before the procurator's office had a key (item 5): either way with the content
 * sealed again, by the authority, to the procurator's key.
 */
export type RouteToProcurator = {
  type: 'route-to-procurator';
  reason: string;
  sealed: SealedPayload;
  media: ResealedMedia[];
  now: string;
  actor: string;
};

/**
 * kz.allegation.conflict: the complaints authority, having read a complaint, routes it to the
 * investigating judge: it is about a procurator's or an investigator's own office. Nothing is
 * sealed again (the judge holds no key: the authority provides the text on request).
 */
export type RouteToJudge = {
  type: 'route-to-judge';
  concerns: ComplaintConcerns;
  reason: string;
  now: string;
  actor: string;
};

/** kz.allegation.conflict: the investigating judge's order to investigate; `orderedAt` is stated. */
export type RecordJudgeOrder = {
  type: 'record-judge-order';
  orderedAt: string;
  investigateBy: string;
  caseNumber: string | null;
  now: string;
  actor: string;
};

/** The procurator's decision on an allegation (kz.torture.referral, kz.cases.joined). */
export type RecordAllegationDecision = {
  type: 'record-allegation-decision';
  decision: AllegationDecisionKind;
  caseNumber: string | null;
  /** Another allegation's reference, already checked to exist by the caller. */
  joinedWith: string | null;
  reason: string | null;
  now: string;
  actor: string;
};

/** What the procurator records on an allegation besides its decisions; `at` is the stated time. */
export type AllegationOutcome =
  | { kind: 'suspects-identified'; officials: string[]; at: string }
  | { kind: 'official-suspended'; official: string; at: string; by: string }
  | {
      kind: 'court-outcome';
      at: string;
      outcome: CourtOutcomeKind;
      article: string;
      reclassified: boolean;
      sentence: { kind: SentenceKind; months: number | null } | null;
      pleaBargain: boolean;
    }
  | { kind: 'evidence-excluded'; at: string; description: string };

/** kz.torture.suspension, kz.torture.sentencing, kz.evidence.inadmissible (procurator). */
export type RecordAllegationOutcome = {
  type: 'record-allegation-outcome';
  outcome: AllegationOutcome;
  now: string;
  actor: string;
};

/** The governor's decision on a request for protection or transfer (kz.transfer.protection). */
export type DecideProtection = {
  type: 'decide-protection';
  requestId: string;
  decision: ProtectionDecisionKind;
  reason: string;
  now: string;
  actor: string;
};

/** A sealed recording or file added by the kiosk that submitted the complaint, shortly after. */
export type AddMedia = {
  type: 'add-media';
  sha256: string;
  size: number;
  enc: string;
  /** Whose key it is sealed to: the procurator's copy of an allegation's recording, or the authority's. */
  recipient: 'complaints-authority' | 'procurator';
  now: string;
  actor: string;
};

/** Records the findings of every clock due at `now` (the scheduler's command). */
export type RecordComplaintDueFindings = {
  type: 'record-due-findings';
  now: string;
  actor: string;
};

export type ComplaintCommand =
  | SubmitComplaint
  | AnswerComplaint
  | CloseComplaint
  | RouteToProcurator
  | RouteToJudge
  | RecordJudgeOrder
  | RecordAllegationDecision
  | RecordAllegationOutcome
  | DecideProtection
  | AddMedia
  | RecordComplaintDueFindings;
