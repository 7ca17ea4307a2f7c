import type { FindingKind } from '../custody/events.js';
import type { FindingParams } from '../findings.js';

/*
 * The events of a complaint (issue 4; RULES.md "Complaints and allegations"). One stream per
 * complaint, `complaint/<id>`, where the id is opaque and random: stream names are public in the
 * log (GET /log/entries), and the reference on the complainant's receipt must stay unguessable, so
 * the reference is only in the payload. The complaint's text (and an answer's) is sealed to the
 * complaints authority's key (kz.complaint.channel): the payload holds `{enc, ciphertext}` in
 * base64, and the entry's digest covers the ciphertext, so anyone can check it was recorded and
 * never changed without being able to read it.
 */

export const complaintStream = (complaintId: string): string => `complaint/${complaintId}`;

export const complaintIdOfStream = (stream: string): string | null =>
  stream.startsWith('complaint/') ? stream.slice('complaint/'.length) : null;

export const COMPLAINT_CATEGORIES = [
  'torture-or-ill-treatment',
  'conditions',
  'health',
  'discipline',
  'reprisal',
  'other',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/** The category that makes a complaint an allegation referred to the procurator (kz.torture.referral). */
export const TORTURE_CATEGORY = 'torture-or-ill-treatment' satisfies ComplaintCategory;

/**
 * kz.allegation.conflict (seed ¶5): a complaint about the actions of a procurator's or an
 * investigator's own office goes to the investigating judge, never to the office complained of.
 */
export const CONCERNED_OFFICES = ['procurator', 'investigator'] as const;
export type ConcernedOffice = (typeof CONCERNED_OFFICES)[number];

/** Whose office a complaint is about: the office, and its region (ISO 3166-2:KZ, current code). */
export type ComplaintConcerns = { office: ConcernedOffice; region: string };

/** `kiosk`: a terminal in the facility; the others are recorded by a complaints officer. */
export const COMPLAINT_CHANNELS = ['kiosk', 'paper', 'lawyer', 'family', 'ombudsman', 'hotline'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
/** The channels a complaints officer records (POST /complaints/received). */
export const RECEIVED_CHANNELS = ['paper', 'lawyer', 'family', 'ombudsman', 'hotline'] as const;

/** What the procurator records about an allegation (kz.torture.referral, kz.cases.joined). */
export const ALLEGATION_DECISIONS = [
  'investigation-opened',
  'joined',
  'sent-to-court',
  'discontinued',
] as const;
export type AllegationDecisionKind = (typeof ALLEGATION_DECISIONS)[number];

/** kz.transfer.protection: special protection, or a transfer to another facility. */
export const PROTECTION_KINDS = ['protection', 'transfer'] as const;
export type ProtectionKind = (typeof PROTECTION_KINDS)[number];
export const PROTECTION_DECISIONS = ['granted', 'refused'] as const;
export type ProtectionDecisionKind = (typeof PROTECTION_DECISIONS)[number];

/** HPKE output in standard base64 (src/sealing/seal.ts SealedWire). */
export type SealedPayload = {
  enc: string;
  ciphertext: string;
};

/**
 * Whom a sealed copy is for (issue 18 item 5): the complaints authority (every complaint), and the
 * procurator's office with its own key (torture allegations, kz.torture.referral).
 */
export const COMPLAINT_RECIPIENTS = ['complaints-authority', 'procurator'] as const;
export type ComplaintRecipient = (typeof COMPLAINT_RECIPIENTS)[number];

/** The copies sealed to other recipients than the complaints authority: the procurator's. */
export type SealedFor = { procurator: SealedPayload };

/** A recording or file sealed again for the procurator: the ciphertext blob and its `enc`. */
export type ResealedMedia = { sha256: string; size: number; enc: string };

/** A complaint arrives: from a kiosk (sealed in the terminal) or recorded by a complaints officer (sealed on arrival). */
export type ComplaintSubmitted = {
  type: 'complaint-submitted';
  payload: {
    complaintId: string;
    /** The receipt's reference, e.g. `7KQ2-M9XD-4HTA` (normalised). */
    reference: string;
    facilityId: string;
    channel: ComplaintChannel;
    category: ComplaintCategory;
    /** The complaint as sealed: `{"v":1,"text",…}` in UTF-8 JSON, readable only with the authority's key. */
    sealed: SealedPayload;
    /**
     * The same plaintext sealed to the procurator's office's own key: a torture allegation, once
     * that office has a key (issue 18 item 5). Absent otherwise, and in complaints recorded before.
     */
    sealedFor?: SealedFor;
    /** The complainant as identified in the register; null when anonymous. */
    complainantId: string | null;
    protectionRequested: boolean;
    transferRequested: boolean;
    /** When the complaint reached the authority: the server time for a kiosk, the stated time for other channels. */
    submittedAt: string;
    /** Server time of the record. */
    recordedAt: string;
  };
};

/**
 * Where a complaint went, appended with EVERY submission: to the investigating judge for a
 * complaint about a procurator's or an investigator's own office (kz.allegation.conflict), to the
 * procurator for any other torture allegation (kz.torture.referral), to the complaints authority
 * otherwise. The log is public
 * (anyone can read entry types, streams and times), so the entry's type must not say which: an
 * observer who knows when a prisoner used the kiosk must not learn that they alleged torture.
 * Only the payload, which the public log does not show, names the destination.
 */
export type ComplaintRouted = {
  type: 'complaint-routed';
  payload:
    | {
        to: 'procurator';
        rule: 'kz.torture.referral';
        routedAt: string;
        /**
         * A complaint filed under another category that the complaints authority found to allege
         * torture or ill-treatment (issue 18 item 9): what it was filed as, which the submission
         * keeps, and why it was routed. Absent when routed at submission.
         */
        rerouted?: { from: ComplaintCategory; reason: string };
      }
    | {
        /**
         * kz.allegation.conflict: a complaint about a procurator's or an investigator's own office,
         * at submission or rerouted by the complaints authority (then with `rerouted`): the
         * investigating judge orders its investigation; no procurator sees it.
         */
        to: 'investigating-judge';
        rule: 'kz.allegation.conflict';
        routedAt: string;
        concerns: ComplaintConcerns;
        rerouted?: { from: ComplaintCategory; reason: string };
      }
    | { to: 'complaints-authority'; rule: null; routedAt: string };
};

/**
 * The complaints authority seals its copy of a complaint again, to the procurator's office's key
 * (issue 18 items 5 and 9): a complaint routed to the procurator after submission, or an
 * allegation sealed before that office had a key of its own. The plaintext is the one the kiosk
 * sealed, its recordings and files sealed afresh (their new blobs named in it and listed here).
 */
export type ComplaintResealed = {
  type: 'complaint-resealed';
  payload: { recipient: 'procurator'; sealed: SealedPayload; media: ResealedMedia[]; resealedAt: string };
};

/** kz.transfer.protection: a request to the facility's governor, without the complaint's content. */
export type ProtectionRequested = {
  type: 'protection-requested';
  payload: {
    /** Opaque and random: the governor's handle on the request, unrelated to the complaint's id or reference. */
    requestId: string;
    kind: ProtectionKind;
    facilityId: string;
    /** The person to protect; null when the complaint is anonymous. */
    personId: string | null;
    requestedAt: string;
  };
};

export type ProtectionDecided = {
  type: 'protection-decided';
  payload: { requestId: string; decision: ProtectionDecisionKind; reason: string; decidedAt: string };
};

/** The authority's answer (intl.complaint.answer), sealed like the complaint. */
export type ComplaintAnswered = {
  type: 'complaint-answered';
  payload: {
    sealed: SealedPayload;
    /**
     * The same answer sealed to the complainant's answer key, which only reference and PIN derive
     * (issue 18 item 6, src/app/answer-keys.ts): read at a kiosk. Absent for complaints without one.
     */
    forComplainant?: SealedPayload;
    answeredAt: string;
  };
};

/** The authority closes an ordinary complaint; a torture allegation only the procurator closes. */
export type ComplaintClosed = {
  type: 'complaint-closed';
  payload: { reason: string; closedAt: string };
};

/** What the procurator decided on an allegation (kz.torture.referral, kz.cases.joined). */
export type AllegationDecision = {
  type: 'allegation-decision';
  payload: {
    decision: AllegationDecisionKind;
    /** The criminal case (e.g. the ERDR number); required when joined. */
    caseNumber: string | null;
    /** The reference of another allegation this one was joined with, when known. */
    joinedWith: string | null;
    /** Required when discontinued. */
    reason: string | null;
    decidedAt: string;
  };
};

/**
 * kz.allegation.conflict: the investigating judge's order to investigate a complaint about a
 * procurator's or an investigator's office — which body investigates, and the case if one is known.
 */
export type JudgeOrderRecorded = {
  type: 'judge-order';
  payload: {
    /** When the judge ordered it (stated; never after the record). */
    orderedAt: string;
    /** The body ordered to investigate, as the judge names it. */
    investigateBy: string;
    caseNumber: string | null;
    recordedAt: string;
  };
};

/** kz.torture.sentencing: what the court decided, as the procurator records it. */
export const COURT_OUTCOMES = ['convicted', 'acquitted'] as const;
export type CourtOutcomeKind = (typeof COURT_OUTCOMES)[number];
export const SENTENCE_KINDS = ['imprisonment', 'suspended', 'fine', 'other'] as const;
export type SentenceKind = (typeof SENTENCE_KINDS)[number];

/** kz.torture.suspension: officials identified as suspected perpetrators (each starts a 24 h clock). */
export type SuspectsIdentified = {
  type: 'suspects-identified';
  payload: {
    /** As the procurator names them (name, post); each one new on this allegation. */
    officials: string[];
    /** When they were identified (stated; never after the record). */
    at: string;
    recordedAt: string;
  };
};

/** kz.torture.suspension: an identified official suspended from duty; meets that official's clock. */
export type OfficialSuspended = {
  type: 'official-suspended';
  payload: {
    /** One of the officials identified, exactly as identified. */
    official: string;
    at: string;
    /** Who ordered the suspension (the body or official). */
    by: string;
    recordedAt: string;
  };
};

/**
 * kz.torture.sentencing: the court's outcome. Recorded as the court decided it, never refused; a
 * reclassification, a suspended sentence or a plea bargain is flagged in the same append.
 */
export type CourtOutcomeRecorded = {
  type: 'court-outcome';
  payload: {
    at: string;
    outcome: CourtOutcomeKind;
    /** The article the court applied, e.g. "ст. 146 УК РК". */
    article: string;
    /** Torture reclassified as a lesser offence. */
    reclassified: boolean;
    /** Null when acquitted. */
    sentence: { kind: SentenceKind; months: number | null } | null;
    pleaBargain: boolean;
    recordedAt: string;
  };
};

/** kz.evidence.inadmissible: evidence excluded from the case as obtained under torture. */
export type EvidenceExcluded = {
  type: 'evidence-excluded';
  payload: { at: string; description: string; recordedAt: string };
};

/** A sealed recording or file, stored content-addressed under DATA/blobs/ by SHA-256 of the ciphertext. */
export type ComplaintMediaAdded = {
  type: 'complaint-media-added';
  payload: {
    /** Lowercase hex SHA-256 of the ciphertext file. */
    sha256: string;
    /** Size of the ciphertext in bytes. */
    size: number;
    /** The HPKE `enc` of the blob (base64); the blob is the AEAD ciphertext. */
    enc: string;
    /** Sealed to the procurator's office's key (issue 18 item 5); absent: to the complaints authority's. */
    recipient?: 'procurator';
    addedAt: string;
  };
};

/**
 * A breach of a deadline (intl.complaint.answer, kz.transfer.protection), or a flag
 * (kz.torture.suspension, kz.torture.sentencing), recorded with the pack
 * and version that set it; `key` identifies the clock, so each finding is recorded once.
 */
export type ComplaintFindingRecorded = {
  type: 'finding-recorded';
  payload: {
    key: string;
    rule: string;
    kind: FindingKind;
    at: string;
    detail: string;
    /** As in a custody finding: the sentence's parameters (src/domain/findings.ts); absent before issue 18. */
    params?: FindingParams;
    pack: string;
    packVersion: string;
  };
};

export type ComplaintEvent =
  | ComplaintSubmitted
  | ComplaintRouted
  | ComplaintResealed
  | ProtectionRequested
  | ProtectionDecided
  | ComplaintAnswered
  | ComplaintClosed
  | AllegationDecision
  | JudgeOrderRecorded
  | SuspectsIdentified
  | OfficialSuspended
  | CourtOutcomeRecorded
  | EvidenceExcluded
  | ComplaintMediaAdded
  | ComplaintFindingRecorded;

export type ComplaintEventType = ComplaintEvent['type'];

/** Every event type of a complaint stream. */
export const COMPLAINT_EVENT_TYPES = [
  'complaint-submitted',
  'complaint-routed',
  'complaint-resealed',
  'protection-requested',
  'protection-decided',
  'complaint-answered',
  'complaint-closed',
  'allegation-decision',
  'judge-order',
  'suspects-identified',
  'official-suspended',
  'court-outcome',
  'evidence-excluded',
  'complaint-media-added',
  'finding-recorded',
] as const satisfies readonly ComplaintEventType[];
