import type { FindingKind } from '../custody/events.js';
import type { FindingParams } from '../findings.js';

/*
 * The events of a criminal case file (issue 20; RULES.md "Complaints and allegations"). One stream
 * per case, `case/<id>`, where the id is opaque and random: stream names and entry types are
 * public in the log, and must not say whom a case is about. Everything the procurator, the
 * investigator, the defence and the court put in the file is an entry, documents by their digest
 * (seed ¶7: electronic case files that cannot be tampered with), so a file's history verifies like
 * every other record. Officials are people of their own register (`official/<id>`,
 * ./officials.ts): a suspect or defendant is named by the official's id, so one official named in
 * several cases is one person.
 */

export const caseStream = (caseId: string): string => `case/${caseId}`;

export const caseIdOfStream = (stream: string): string | null =>
  stream.startsWith('case/') ? stream.slice('case/'.length) : null;

/**
 * Where an allegation in a case comes from: a complaint (its receipt's reference), a doctor's
 * referral (the medical referral's reference, issue 19), or a death in custody (the deaths
 * register's reference, once it exists). A case opened ex officio has none.
 */
export const ALLEGATION_SOURCES = ['complaint', 'medical-referral', 'death'] as const;
export type AllegationSourceKind = (typeof ALLEGATION_SOURCES)[number];
export type AllegationSource = { kind: AllegationSourceKind; reference: string };

/** The documents of a file (seed ¶7, ¶39; kz.defence.file: what the defence submits is listed). */
export const DOCUMENT_KINDS = [
  'decision',
  'expert-report',
  'forensic-report',
  'interview-recording',
  'defence-submission',
  'victim-submission',
  'court-record',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Who put a document in the file. */
export const DOCUMENT_AUTHORS = [
  'investigator',
  'procurator',
  'defence',
  'victim',
  'expert',
  'court',
] as const;
export type DocumentAuthor = (typeof DOCUMENT_AUTHORS)[number];

/**
 * The penalties of the Criminal Code of the Republic of Kazakhstan (art. 40: fine, correctional
 * work, community work, restriction of freedom, imprisonment; deprivation of the right to hold
 * certain posts is an additional penalty, art. 50).
 */
export const PENALTY_KINDS = [
  'imprisonment',
  'restriction-of-freedom',
  'fine',
  'correctional-work',
  'community-work',
  'deprivation-of-right',
] as const;
export type PenaltyKind = (typeof PENALTY_KINDS)[number];

/** A penalty: a term in months, or an amount in tenge (a fine), or both where the law has both. */
export type Penalty = {
  kind: PenaltyKind;
  months: number | null;
  amountKzt: number | null;
};

export const VERDICT_OUTCOMES = ['convicted', 'acquitted'] as const;
export type VerdictOutcome = (typeof VERDICT_OUTCOMES)[number];

/** A verdict's sentence: its penalties, and whether it is suspended (conditional conviction, art. 63). */
export type Sentence = {
  penalties: Penalty[];
  suspended: boolean;
  /** The probation period of a suspended sentence. */
  probationMonths: number | null;
};

/** A court, by name and region (the judge's scope: judges see the cases before their court). */
export type Court = {
  name: string;
  /** ISO 3166-2:KZ code. */
  region: string;
};

export const APPEAL_PARTIES = ['defendant', 'procurator', 'victim'] as const;
export type AppealParty = (typeof APPEAL_PARTIES)[number];

/** What the appeal court did with a verdict. `changed` replaces the outcome and sentence. */
export const APPEAL_RESULTS = ['upheld', 'changed', 'retrial'] as const;
export type AppealResult = (typeof APPEAL_RESULTS)[number];

/**
 * Grounds for discontinuing a prosecution (Code of Criminal Procedure art. 35, in short): no event
 * of a crime, no elements of a crime in the act, death of the suspect, amnesty, limitation,
 * reconciliation, other.
 */
export const DISCONTINUATION_GROUNDS = [
  'no-crime',
  'no-elements',
  'death',
  'amnesty',
  'limitation',
  'reconciliation',
  'other',
] as const;
export type DiscontinuationGround = (typeof DISCONTINUATION_GROUNDS)[number];

/** Who decided to exclude evidence or void decisions. */
export const DECIDING_BODIES = ['investigator', 'procurator', 'investigating-judge', 'court'] as const;
export type DecidingBody = (typeof DECIDING_BODIES)[number];

/**
 * kz.redress.fund: who awards compensation — the victims' fund before trial (initial assistance:
 * treatment, rehabilitation, funeral costs, seed ¶63) or a court.
 */
export const REDRESS_BODIES = ['victims-fund', 'court'] as const;
export type RedressBody = (typeof REDRESS_BODIES)[number];

/**
 * The victims' fund's categories. The seed (¶63) says the law provides three categories of victim
 * without naming them; these codes are our reading of who the fund serves in a torture case — a
 * victim of torture, a victim of a crime against a minor, a family member of a victim who died —
 * and `other` for an award outside the fund's categories (a court's award).
 */
export const REDRESS_CATEGORIES = ['torture-victim', 'minor-victim', 'family-of-deceased', 'other'] as const;
export type RedressCategory = (typeof REDRESS_CATEGORIES)[number];

/** What compensation or assistance is for. */
export const REDRESS_PURPOSES = ['treatment', 'rehabilitation', 'funeral', 'damages', 'other'] as const;
export type RedressPurpose = (typeof REDRESS_PURPOSES)[number];

export const REHABILITATION_MEASURES = ['medical', 'psychological', 'social', 'legal', 'other'] as const;
export type RehabilitationMeasure = (typeof REHABILITATION_MEASURES)[number];

/** A document's digest: SHA-256 of its bytes (lowercase hex), size and media type. */
export type Digest = {
  sha256: string;
  size: number;
  mediaType: string;
};

/** The procurator opens a case: from allegations, or ex officio with the basis stated. */
export type CaseOpened = {
  type: 'case-opened';
  payload: {
    caseId: string;
    /** The case's number in the State's register of pre-trial investigations (ERDR), unique. */
    number: string;
    /** The Criminal Code article it is opened under, e.g. "146" or "146 ч.2". */
    article: string;
    /** The date the case was registered (YYYY-MM-DD); may be in the past (historical records). */
    openedOn: string;
    investigatingBody: string;
    /** ISO 3166-2:KZ: where the case is investigated (the procurator's scope). */
    region: string;
    /** Events that must be reported on together (e.g. `january-2022`, seed ¶33-37). */
    tags: string[];
    sources: AllegationSource[];
    /** Why a case was opened without an allegation (ex officio); null otherwise. */
    exOfficioBasis: string | null;
    recordedAt: string;
  };
};

/** kz.cases.joined: a later allegation joined into the case; it still counts as an allegation. */
export type AllegationJoined = {
  type: 'allegation-joined';
  payload: { source: AllegationSource; joinedOn: string; recordedAt: string };
};

/** The investigating body or the tags change. */
export type CaseUpdated = {
  type: 'case-updated';
  payload: { investigatingBody: string | null; tags: string[] | null; reason: string; recordedAt: string };
};

/** A victim of the offence recognised in the case (the person a redress is for). */
export type VictimRecognised = {
  type: 'victim-recognised';
  payload: {
    victimId: string;
    /** The person in the register, when known. */
    personId: string | null;
    name: string;
    recognisedOn: string;
    recordedAt: string;
  };
};

/** A document of the file, by its digest; the bytes stay where the file is kept (or sealed here). */
export type DocumentAdded = {
  type: 'document-added';
  payload: {
    documentId: string;
    kind: DocumentKind;
    title: string;
    /** The date on the document (YYYY-MM-DD). */
    dated: string;
    submittedBy: DocumentAuthor;
    digest: Digest;
    /** Whether Habeas keeps the bytes (sealed at rest); false: the digest alone. */
    stored: boolean;
    recordedAt: string;
  };
};

/** kz.torture.suspension: an official identified as a suspected perpetrator (starts a clock). */
export type SuspectIdentified = {
  type: 'suspect-identified';
  payload: {
    officialId: string;
    /** The official's name as the register gave it at identification (what a finding says). */
    name: string;
    identifiedAt: string;
    recordedAt: string;
  };
};

export type SuspectSuspended = {
  type: 'suspect-suspended';
  payload: { officialId: string; suspendedAt: string; orderedBy: string; recordedAt: string };
};

/** A charge against a defendant; a later charge replaces the article (a reclassification). */
export type DefendantCharged = {
  type: 'defendant-charged';
  payload: { officialId: string; article: string; chargedOn: string; recordedAt: string };
};

export type SentToCourt = {
  type: 'sent-to-court';
  payload: { officialIds: string[]; court: Court; sentOn: string; recordedAt: string };
};

/** kz.torture.sentencing: the verdict as the court gave it; never refused, flagged in the same append. */
export type VerdictRecorded = {
  type: 'verdict-recorded';
  payload: {
    officialId: string;
    court: Court;
    outcome: VerdictOutcome;
    /** The article of conviction (the charge's article when acquitted). */
    article: string;
    /** Null when acquitted. */
    sentence: Sentence | null;
    pleaAgreement: boolean;
    decidedOn: string;
    recordedAt: string;
  };
};

export type AppealFiled = {
  type: 'appeal-filed';
  payload: { officialId: string; by: AppealParty; filedOn: string; recordedAt: string };
};

export type AppealDecided = {
  type: 'appeal-decided';
  payload: {
    officialId: string;
    court: Court;
    result: AppealResult;
    /** When `changed`: the outcome, article and sentence that now stand. */
    outcome: VerdictOutcome | null;
    article: string | null;
    sentence: Sentence | null;
    decidedOn: string;
    recordedAt: string;
  };
};

/**
 * A prosecution discontinued: of one defendant, or of the whole case (officialId null), with the
 * ground and the documents of the file it rests on (a forensic examination, an interview
 * recording: seed ¶39).
 */
export type ProsecutionDiscontinued = {
  type: 'prosecution-discontinued';
  payload: {
    officialId: string | null;
    ground: DiscontinuationGround;
    evidence: string[];
    reason: string;
    discontinuedOn: string;
    recordedAt: string;
  };
};

/** A discontinuation quashed (by the procurator or a court): the prosecution resumes. */
export type ProsecutionResumed = {
  type: 'prosecution-resumed';
  payload: {
    officialId: string | null;
    by: DecidingBody;
    reason: string;
    resumedOn: string;
    recordedAt: string;
  };
};

/** kz.evidence.inadmissible: evidence excluded as obtained under torture. */
export type EvidenceExcluded = {
  type: 'evidence-excluded';
  payload: {
    description: string;
    /** The document excluded, when it is in the file. */
    documentId: string | null;
    by: DecidingBody;
    excludedOn: string;
    recordedAt: string;
  };
};

/** kz.torture.nullity: torture established, the procedural decisions named are void. */
export type DecisionsVoided = {
  type: 'decisions-voided';
  payload: {
    documentIds: string[];
    /** What was established (in short) and the decision that declared the nullity. */
    basis: string;
    by: DecidingBody;
    voidedOn: string;
    recordedAt: string;
  };
};

/** kz.redress.fund: compensation awarded to a victim. */
export type RedressDecided = {
  type: 'redress-decided';
  payload: {
    redressId: string;
    victimId: string;
    by: RedressBody;
    category: RedressCategory;
    purpose: RedressPurpose;
    amountKzt: number;
    decidedOn: string;
    recordedAt: string;
  };
};

export type RedressPaid = {
  type: 'redress-paid';
  payload: { redressId: string; amountKzt: number; paidOn: string; recordedAt: string };
};

export type RehabilitationProvided = {
  type: 'rehabilitation-provided';
  payload: {
    victimId: string;
    measure: RehabilitationMeasure;
    description: string;
    providedOn: string;
    recordedAt: string;
  };
};

/** A flag (kz.torture.sentencing) or a missed deadline (kz.torture.suspension), recorded once per `key`. */
export type CaseFindingRecorded = {
  type: 'finding-recorded';
  payload: {
    key: string;
    rule: string;
    kind: FindingKind;
    at: string;
    detail: string;
    params: FindingParams;
    pack: string;
    packVersion: string;
  };
};

export type CaseEvent =
  | CaseOpened
  | AllegationJoined
  | CaseUpdated
  | VictimRecognised
  | DocumentAdded
  | SuspectIdentified
  | SuspectSuspended
  | DefendantCharged
  | SentToCourt
  | VerdictRecorded
  | AppealFiled
  | AppealDecided
  | ProsecutionDiscontinued
  | ProsecutionResumed
  | EvidenceExcluded
  | DecisionsVoided
  | RedressDecided
  | RedressPaid
  | RehabilitationProvided
  | CaseFindingRecorded;

export type CaseEventType = CaseEvent['type'];

export const CASE_EVENT_TYPES = [
  'case-opened',
  'allegation-joined',
  'case-updated',
  'victim-recognised',
  'document-added',
  'suspect-identified',
  'suspect-suspended',
  'defendant-charged',
  'sent-to-court',
  'verdict-recorded',
  'appeal-filed',
  'appeal-decided',
  'prosecution-discontinued',
  'prosecution-resumed',
  'evidence-excluded',
  'decisions-voided',
  'redress-decided',
  'redress-paid',
  'rehabilitation-provided',
  'finding-recorded',
] as const satisfies readonly CaseEventType[];
