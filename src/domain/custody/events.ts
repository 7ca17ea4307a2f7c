/*
 * The events of a custody episode (DESIGN.md "Interfaces", /custody rows; RULES.md "Police
 * custody"). One stream per episode, `custody/<id>`. Every safeguard event carries `at`, the
 * moment it happened as stated by the officer; the entry's own `at` is the server time it was
 * recorded. Both are kept (kz.custody.actual-time), and nothing is changed in place: a correction
 * is an event naming the entry (by its log seq) it corrects.
 */
import type { FindingParams } from '../findings.js';
import type { ReachDocument, ReachedBy } from '../registry/reach.js';

export const custodyStream = (custodyId: string): string => `custody/${custodyId}`;

export const custodyIdOfStream = (stream: string): string | null =>
  stream.startsWith('custody/') ? stream.slice('custody/'.length) : null;

export const RIGHTS_METHODS = ['oral', 'written', 'oral-and-written'] as const;
export const FAMILY_OUTCOMES = ['notified', 'declined', 'delayed'] as const;
export const FAMILY_MEANS = ['phone', 'in-person', 'message', 'other'] as const;
export const COURT_DECISIONS = ['approved', 'refused'] as const;
export const JUDICIAL_REQUEST_KINDS = ['deposition', 'protection-order', 'suspension'] as const;
export const JUDICIAL_RULINGS = ['granted', 'refused'] as const;
export const FINDING_KINDS = ['flag', 'breach'] as const;
/** Who else was in the room at an interview (kz.custody.interview). */
export const INTERVIEW_ROLES = [
  'investigator',
  'procurator',
  'counsel',
  'interpreter',
  'legal-representative',
  'psychologist',
  'teacher',
  'other',
] as const;
/** Counsel at an interview: present, waived by the suspect in writing, or not asked for. */
export const INTERVIEW_COUNSEL = ['present', 'waived-in-writing', 'not-requested'] as const;

export type InterviewRole = (typeof INTERVIEW_ROLES)[number];
export type InterviewCounsel = (typeof INTERVIEW_COUNSEL)[number];

export type FindingKind = (typeof FINDING_KINDS)[number];

/** The episode is opened: the arrest record (intl.register.minimum, kz.custody.actual-time). */
export type CustodyOpened = {
  type: 'custody-opened';
  payload: {
    custodyId: string;
    personId: string;
    facilityId: string;
    /** The moment of apprehension as stated (UTC ISO 8601 with milliseconds). */
    apprehendedAt: string;
    /** The moment the record was drawn up: server time, never from the client. */
    recordedAt: string;
    place: string;
    grounds: string;
    arrestingOfficer: string;
    /** The authority that ordered the deprivation of liberty, when not the arresting officer's own. */
    orderingAuthority: string | null;
    /** Under 18 at the moment of apprehension (from the person's birth date). */
    juvenile: boolean;
    /** Citizenship known and not the State's own (intl.custody.consular). */
    foreignNational: boolean;
    /** Languages the person understands (BCP 47), from the register (intl.custody.interpreter). */
    languages: string[];
    /** How the officer reached the person (issue 17); absent in arrests recorded before. */
    reachedBy?: ReachedBy;
    /** The identity document that identified the person, when that is how (`reachedBy: document`). */
    identityDocument?: ReachDocument;
  };
};

/** kz.custody.rights, intl.custody.interpreter. */
export type RightsExplained = {
  type: 'rights-explained';
  payload: {
    at: string;
    /** The language the rights were explained in (BCP 47). */
    language: string;
    method: (typeof RIGHTS_METHODS)[number];
    /** The interpreter used, if any (name or service). */
    interpreter: string | null;
  };
};

/** kz.custody.counsel: a request opens a clock, counsel's arrival meets it. */
export type CounselRequested = { type: 'counsel-requested'; payload: { at: string } };
export type CounselArrived = { type: 'counsel-arrived'; payload: { at: string; counsel: string } };

/**
 * kz.custody.family: notified (who, how), declined by the detainee, or delayed (reason and who
 * authorised the delay are required). Also meets intl.custody.transfer-notice after a transfer.
 */
export type FamilyNotified = {
  type: 'family-notified';
  payload: {
    at: string;
    outcome: (typeof FAMILY_OUTCOMES)[number];
    /** Who was told (e.g. "mother, Айгуль Н."); null when declined or delayed. */
    contact: string | null;
    means: (typeof FAMILY_MEANS)[number] | null;
    reason: string | null;
    authorisedBy: string | null;
  };
};

/**
 * kz.custody.medical: the examination, by whom, and only whether injuries were seen; the clinical
 * detail belongs to the medical record, which only the `medical` role reads. Recorded by the
 * officer, or by the doctor's own record of the examination on arrest (issue 19), which names it
 * by `examinationId` — an opaque id, nothing of what was found.
 */
export type MedicalExamined = {
  type: 'medical-examined';
  payload: { at: string; examinedBy: string; injuriesSeen: boolean; examinationId?: string };
};

/** kz.custody.injury-log: the detainee arrived injured; opens a referral for the medical role. */
export type InjuryRecorded = {
  type: 'injury-recorded';
  payload: { at: string; observedBy: string; description: string };
};

/** Stops kz.custody.limit. */
export type CourtDecision = {
  type: 'court-decision';
  payload: { at: string; decision: (typeof COURT_DECISIONS)[number]; court: string };
};

export type Released = { type: 'released'; payload: { at: string; reason: string | null } };

export type Transferred = {
  type: 'transferred';
  payload: { at: string; destinationFacilityId: string; reason: string | null };
};

/** intl.custody.consular: the foreign national told of the right; whether they asked for the consulate to be notified. */
export type ConsularRightsExplained = {
  type: 'consular-rights-explained';
  payload: { at: string; notificationRequested: boolean };
};

export type ConsulateNotified = {
  type: 'consulate-notified';
  payload: { at: string; consulate: string };
};

/** kz.custody.deposition: a matter only a judge decides, within 24 h of the request. */
export type JudicialRequested = {
  type: 'judicial-requested';
  payload: { at: string; requestId: string; kind: (typeof JUDICIAL_REQUEST_KINDS)[number] };
};

export type JudicialRuled = {
  type: 'judicial-ruled';
  payload: { at: string; requestId: string; ruling: (typeof JUDICIAL_RULINGS)[number]; court: string };
};

/**
 * kz.custody.interview (seed ¶7, ¶39): an interview of the detained suspect — when it began and
 * ended, who interviewed and who else was present, counsel, the interpreter's language, and the
 * video recording by its digest (the recording itself is kept by the investigating body; the
 * digest lets anyone check later that a copy is that recording). An interview before the rights
 * were explained, while requested counsel had not arrived, or without a recording is recorded all
 * the same, with its findings: what happened is the record. No `at`: its times are its own, and
 * it is not a safeguard a correction's `at` could move.
 */
export type InterviewRecorded = {
  type: 'interview-recorded';
  payload: {
    /** Server-made, opaque; names the interview in its findings. */
    interviewId: string;
    startedAt: string;
    endedAt: string;
    interviewer: { name: string; position: string };
    /** Everyone else present, by role. */
    present: { name: string; role: InterviewRole }[];
    counsel: InterviewCounsel;
    /** Counsel's name when present; null otherwise. */
    counselName: string | null;
    /** The language interpreted into and from (BCP 47); null when there was no interpreter. */
    interpreter: string | null;
    /** The video recording, by its SHA-256 (lowercase hex), its size in bytes and media type; null when none. */
    recording: { sha256: string; size: number; mediaType: string } | null;
    /** Why there is no recording (required when `recording` is null). */
    noRecordingReason: string | null;
    /** The criminal case the interview belongs to, as the investigating body numbers it. */
    caseNumber: string | null;
    /** Server time the interview was recorded. */
    recordedAt: string;
  };
};

/** Fields a correction may change: of the arrest record, and the stated `at` of any safeguard event. */
export const CORRECTABLE_FIELDS = ['apprehendedAt', 'place', 'grounds', 'arrestingOfficer', 'at'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** A correction: names the entry it corrects by its log seq; the original stays (kz.custody.actual-time). */
export type CustodyCorrected = {
  type: 'custody-corrected';
  payload: {
    correctsSeq: number;
    field: CorrectableField;
    from: string;
    to: string;
    reason: string;
    /** Server time of the correction. */
    correctedAt: string;
  };
};

/**
 * A finding: a breach of a national limit or a flag against a national or international norm,
 * recorded in the log with the rule pack and version that decided (issue 3 "Rule packs").
 * `key` identifies the clock or check instance, so each finding is recorded exactly once.
 */
export type FindingRecorded = {
  type: 'finding-recorded';
  payload: {
    key: string;
    rule: string;
    kind: FindingKind;
    /** When the norm was missed: the clock's due time, or the moment of the event checked. */
    at: string;
    /** What was missed, in the operator's English. */
    detail: string;
    /** The same as data, for pages to say in their language (src/domain/findings.ts); absent before issue 18. */
    params?: FindingParams;
    pack: string;
    packVersion: string;
  };
};

export type CustodyEvent =
  | CustodyOpened
  | RightsExplained
  | CounselRequested
  | CounselArrived
  | FamilyNotified
  | MedicalExamined
  | InjuryRecorded
  | CourtDecision
  | Released
  | Transferred
  | ConsularRightsExplained
  | ConsulateNotified
  | JudicialRequested
  | JudicialRuled
  | InterviewRecorded
  | CustodyCorrected
  | FindingRecorded;

export type CustodyEventType = CustodyEvent['type'];

/** Every event type of a custody stream. */
export const CUSTODY_EVENT_TYPES_ALL = [
  'custody-opened',
  'rights-explained',
  'counsel-requested',
  'counsel-arrived',
  'family-notified',
  'medical-examined',
  'injury-recorded',
  'court-decision',
  'released',
  'transferred',
  'consular-rights-explained',
  'consulate-notified',
  'judicial-requested',
  'judicial-ruled',
  'interview-recorded',
  'custody-corrected',
  'finding-recorded',
] as const satisfies readonly CustodyEventType[];

/** Safeguard events an officer records through POST /custody/{id}/events (the API's `type`). */
export const SAFEGUARD_EVENT_TYPES = [
  'rights-explained',
  'counsel-requested',
  'counsel-arrived',
  'family-notified',
  'medical-examined',
  'injury-recorded',
  'court-decision',
  'released',
  'transferred',
  'consular-rights-explained',
  'consulate-notified',
  'judicial-requested',
  'judicial-ruled',
] as const satisfies readonly CustodyEventType[];
export type SafeguardEventType = (typeof SAFEGUARD_EVENT_TYPES)[number];
