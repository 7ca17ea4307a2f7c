import type { Entry } from '../ledger/entry.js';
import type {
  AllegationDecisionKind,
  ComplaintCategory,
  ComplaintChannel,
  ComplaintConcerns,
  CourtOutcomeKind,
  ProtectionKind,
  SentenceKind,
} from '../domain/complaints/events.js';
import type { ComplaintStatus } from '../domain/complaints/state.js';
import type { ClockView, FindingView } from './custody-views.js';

export type { ClockView, FindingView };

/*
 * What the complaint services answer (src/app/complaints.ts): the API's views (issue 4, the
 * /complaints, /allegations and /protection-requests rows) and what the pages render. Times are
 * ISO 8601 UTC. Only ComplaintView carries a complaint's content, and only once it was opened.
 */

/** What a kiosk prints and encodes in the receipt's QR code. */
export interface ComplaintReceipt {
  reference: string;
  /** The complaint's entry in the log. */
  seq: number;
  /** A signed checkpoint (C2SP signed note) whose tree contains `seq`. */
  checkpoint: string;
  /** RFC 9162 inclusion proof of `seq` in that checkpoint's tree. */
  inclusionProof: { index: number; size: number; hashes: string[] };
  /**
   * The complaint's entry (its envelope, the leaf input): with it the receipt is checked offline —
   * the log's entries are not public (issue 17), but the holder of the receipt has their own.
   */
  entry: Entry;
}

/** The complaint recorded by an officer for another channel. */
export interface ReceivedComplaint {
  reference: string;
  seq: number;
}

/** What reference and PIN show at any kiosk: never the content. */
export interface ComplaintStatusView {
  reference: string;
  status: ComplaintStatus;
  updatedAt: string;
}

/**
 * What reference and PIN show at any kiosk once answers can be read there (issue 18 item 6): the
 * status, and the authority's answers opened with the complainant's answer key — never the content.
 */
export interface ComplaintAnswersView extends ComplaintStatusView {
  answers: { answeredAt: string; text: string }[];
  /** Answers that cannot be opened at a kiosk: given before they were sealed to the complainant. */
  unreadableAnswers: number;
}

export interface PersonRef {
  personId: string;
  /** Family name, given names and patronymic as registered; '—' once the registration was erased. */
  name: string;
}

/** A row of the authority's inbox (no content). */
export interface ComplaintSummary {
  reference: string;
  facilityId: string;
  facilityName: string;
  category: ComplaintCategory;
  channel: ComplaintChannel;
  status: ComplaintStatus;
  submittedAt: string;
  complainant: PersonRef | null;
  protectionRequested: boolean;
  transferRequested: boolean;
  /** Due time of intl.complaint.answer; null for torture allegations (the procurator decides them). */
  answerDueAt: string | null;
  clocks: ClockView[];
  findings: FindingView[];
  /**
   * Routed to the procurator after it was filed under another category (issue 18 item 9): the
   * category it was filed under (the submission keeps it), why, and when. `category` is then the
   * one it is handled under now, torture-or-ill-treatment.
   */
  rerouted: ReroutedView | null;
  /** Whether a copy is sealed to the procurator's office's own key (issue 18 item 5); allegations only. */
  sealedForProcurator: boolean;
  /**
   * kz.allegation.conflict: about a procurator's or an investigator's own office, so with the
   * investigating judge (never the procurator); null otherwise.
   */
  withJudge: JudgeRoutingView | null;
}

/** kz.allegation.conflict: the office a complaint is about, and when (and why, if rerouted) it went to the judge. */
export interface JudgeRoutingView {
  concerns: ComplaintConcerns;
  routedAt: string;
  /** Rerouted by the complaints authority after submission: the category it was filed under, and why. */
  rerouted: { from: ComplaintCategory; reason: string } | null;
}

export interface ReroutedView {
  from: ComplaintCategory;
  reason: string;
  routedAt: string;
}

export interface ComplaintPage {
  items: ComplaintSummary[];
  next: string | null;
}

export interface DecisionView {
  seq: number;
  decision: AllegationDecisionKind;
  caseNumber: string | null;
  joinedWith: string | null;
  reason: string | null;
  decidedAt: string;
  actorName: string | null;
}

export interface AnswerView {
  seq: number;
  answeredAt: string;
  actorName: string | null;
  /** The opened answer; null when it could not be opened. */
  text: string | null;
}

export interface ProtectionStateView {
  id: string;
  kind: ProtectionKind;
  requestedAt: string;
  dueAt: string;
  status: 'pending' | 'granted' | 'refused';
  decidedAt: string | null;
  reason: string | null;
}

export interface MediaView {
  sha256: string;
  size: number;
  addedAt: string;
}

/** A complaint opened with the authority's key (every opening is in the read audit). */
export interface ComplaintView extends ComplaintSummary {
  recordedAt: string;
  statusAt: string;
  caseNumber: string | null;
  /** The sealed plaintext as the kiosk (or the server, for other channels) sealed it; null if it did not open. */
  content: Record<string, unknown> | null;
  /** Why the content could not be opened, when it could not. */
  contentError: string | null;
  /** The same as a code, for pages to say in their reader's language. */
  contentProblem: 'erased' | 'no-procurator-copy' | 'does-not-open' | 'not-json' | null;
  /** Who routed it to the procurator, when it was routed after submission. */
  reroutedBy: string | null;
  answers: AnswerView[];
  closed: { reason: string; closedAt: string } | null;
  decisions: DecisionView[];
  protectionRequests: ProtectionStateView[];
  media: MediaView[];
}

/** kz.torture.suspension: an official identified as a suspected perpetrator. */
export interface SuspectView {
  official: string;
  identifiedAt: string;
  /** When the suspension is due (24 h by default). */
  dueAt: string;
  suspendedAt: string | null;
  suspendedBy: string | null;
}

/** kz.torture.sentencing: the court's outcome, with what it is flagged for (empty: nothing). */
export interface CourtOutcomeView {
  seq: number;
  at: string;
  outcome: CourtOutcomeKind;
  article: string;
  reclassified: boolean;
  sentence: { kind: SentenceKind; months: number | null } | null;
  pleaBargain: boolean;
  concerns: ('reclassified' | 'suspended-sentence' | 'plea-bargain')[];
  actorName: string | null;
}

/** kz.evidence.inadmissible: evidence excluded from the case. */
export interface EvidenceExcludedView {
  seq: number;
  at: string;
  description: string;
  actorName: string | null;
}

/** A torture allegation on the procurator's list, named by its source complaint's reference. */
export interface AllegationSummary {
  reference: string;
  /**
   * Where the allegation came from: the complaint's channel, or `medical` for a report a clinician
   * referred (kz.torture.referral; issue 19), which the procurator reads as disclosed
   * (GET /api/v1/medical/referrals/{reference}).
   */
  source: ComplaintChannel | 'medical';
  /** For a medical referral: when the person was examined, by whom, and whether the report was disclosed to the procurator. */
  medical: { examinedAt: string; clinicianName: string; disclosed: boolean } | null;
  facilityId: string;
  facilityName: string;
  submittedAt: string;
  status: ComplaintStatus;
  caseNumber: string | null;
  complainant: PersonRef | null;
  protectionRequested: boolean;
  transferRequested: boolean;
  /** Filed under another category and routed here by the complaints authority (issue 18 item 9). */
  rerouted: ReroutedView | null;
  /** Whether the procurator can open it with the procurator's office's own key (issue 18 item 5). */
  sealedForProcurator: boolean;
  decisions: DecisionView[];
  suspects: SuspectView[];
  courtOutcomes: CourtOutcomeView[];
  evidenceExcluded: EvidenceExcludedView[];
  /** Flags of kz.torture.suspension and kz.torture.sentencing recorded on it. */
  findings: FindingView[];
  /** The criminal case file it is in (issue 20; kz.cases.joined: joined after the case was opened), or null. */
  caseFile: { id: string; number: string; status: string; joined: boolean } | null;
}

export interface AllegationPage {
  items: AllegationSummary[];
  next: string | null;
}

/** kz.allegation.conflict: the investigating judge's order to investigate. */
export interface JudgeOrderView {
  seq: number;
  orderedAt: string;
  investigateBy: string;
  caseNumber: string | null;
  actorName: string | null;
}

/**
 * A complaint about a procurator's or an investigator's own office, as the investigating judge sees
 * it (kz.allegation.conflict): the facts the procurator would see of an allegation, without the
 * sealed text (the judge holds no key: the complaints authority provides it on request).
 */
export interface JudgeAllegationSummary extends JudgeRoutingView {
  reference: string;
  /** The complaint's channel. */
  source: ComplaintChannel;
  facilityId: string;
  facilityName: string;
  /** The facility's region: the investigating judges of that region see it. */
  facilityRegion: string;
  /** The category it was filed under. */
  category: ComplaintCategory;
  submittedAt: string;
  status: ComplaintStatus;
  caseNumber: string | null;
  complainant: PersonRef | null;
  protectionRequested: boolean;
  transferRequested: boolean;
  /** When the order is due ("at once": the pack's hours after `routedAt`). */
  orderDueAt: string;
  orders: JudgeOrderView[];
  clocks: ClockView[];
  /** Breaches of kz.allegation.conflict recorded on it. */
  findings: FindingView[];
}

export interface JudgeAllegationPage {
  items: JudgeAllegationSummary[];
  next: string | null;
}

/** A request for protection or transfer as the governor sees it: no reference, no category, no content. */
export interface ProtectionRequestView {
  id: string;
  facilityId: string;
  facilityName: string;
  kind: ProtectionKind;
  requestedAt: string;
  dueAt: string;
  status: 'pending' | 'granted' | 'refused';
  decidedAt: string | null;
  reason: string | null;
  /** Whom to protect; null when the complainant stayed anonymous. */
  person: PersonRef | null;
}
