import type { ScreeningOutcome } from '../prison/events.js';
import type { BodySite } from './body.js';

/*
 * The events of a person's medical record (issue 19; RULES.md "Medical documentation"), written by
 * health officials and read by them alone (kz.medical.system).
 *
 * One stream per PERSON, `medical/<recordId>`, not per custody episode or prison stay: a person's
 * medical history follows them from police custody to the remand centre and back (seed ¶25: the
 * examination on transfer back from police custody is compared with the one before), a second
 * opinion (kz.medical.second-opinion) may review a report written in an earlier episode, and the
 * versions of a report must stay in one stream for the decider to keep them immutable. Each
 * examination names the custody episode or prison stay it belongs to (`episode`), which is how the
 * clocks of those contexts (kz.custody.medical, kz.admission.medical, intl.solitary.health-visits,
 * kz.discipline.medical-before) will be met by the doctor's own record. The record id is opaque
 * and random (src/app/ids.ts), never the person's id: stream names are public in the log.
 *
 * Entry types are neutral: EVERY event of this stream has the one type `medical-record-updated`,
 * and what it is lives in the payload's `kind`, which the log never shows. The complaint channel's
 * lesson (src/domain/complaints/events.ts `complaint-routed`, docs/security.md): entry types,
 * streams and times are visible to whoever reads the envelopes, so a type such as
 * `injury-documented` or `referral-made` would tell a watcher that a detainee alleged torture on
 * the day of an arrest. A single type leaves them only what every arrest, admission and daily
 * visit already shows — that a doctor wrote in a record. For the same reason the NUMBER of entries
 * does not tell either: every examination and every report (first version, amendment or second
 * opinion) is followed by a `referral-assessed` entry, whether it referred or not, so an ordinary
 * examination and an injury report with a referral both append two entries.
 */

export const MEDICAL_ENTRY_TYPE = 'medical-record-updated';

export const medicalStream = (recordId: string): string => `medical/${recordId}`;

export const recordIdOfStream = (stream: string): string | null =>
  stream.startsWith('medical/') ? stream.slice('medical/'.length) : null;

/** Why the person is examined (issue 19 item 2; seed ¶7, ¶17, ¶25; SMR 30, 46). */
export const EXAMINATION_KINDS = [
  'on-arrest',
  'on-admission',
  'on-return-from-police-custody',
  'before-separation',
  'separation-health-visit',
  'on-request',
  'after-use-of-force',
  'at-release',
] as const;
export type ExaminationKind = (typeof EXAMINATION_KINDS)[number];

/** The examinations that belong to a prison stay; `on-arrest` belongs to a custody episode; the rest to either. */
export const PRISON_EXAMINATIONS: readonly ExaminationKind[] = [
  'on-admission',
  'on-return-from-police-custody',
  'before-separation',
  'separation-health-visit',
];
export const CUSTODY_EXAMINATIONS: readonly ExaminationKind[] = ['on-arrest'];

export const EPISODE_CONTEXTS = ['custody', 'prison'] as const;
/** The custody episode (`custody/<id>`) or prison stay (`prison/<id>`) an examination belongs to. */
export type Episode = { context: (typeof EPISODE_CONTEXTS)[number]; id: string };

/** Who was in the room. Police and prison staff only with the clinician's recorded reason (IP §§ 123-126). */
export const PRESENT_ROLES = [
  'clinician',
  'nurse',
  'interpreter',
  'lawyer',
  'police',
  'prison-staff',
  'other',
] as const;
export type PresentRole = (typeof PRESENT_ROLES)[number];
export const STAFF_ROLES: readonly PresentRole[] = ['police', 'prison-staff'];
export type Presence = { role: PresentRole; name: string };

export const FITNESS_VERDICTS = ['fit', 'unfit'] as const;
export type FitnessVerdict = (typeof FITNESS_VERDICTS)[number];

/** The clinician: the account and the name they sign with. */
export type Clinician = { accountId: string; name: string };

export const CONSENT_ANSWERS = ['given', 'refused'] as const;
export type ConsentAnswer = (typeof CONSENT_ANSWERS)[number];

/** The Istanbul Protocol's scale of consistency (IP § 187), weakest first. */
export const CONSISTENCY_SCALE = [
  'not-consistent',
  'consistent',
  'highly-consistent',
  'typical-of',
  'diagnostic-of',
] as const;
export type Consistency = (typeof CONSISTENCY_SCALE)[number];

/** "Consistent" or stronger: what a referral is made on (kz.torture.referral, kz.medical.report-duty). */
export const atLeastConsistent = (opinion: Consistency | null): boolean =>
  opinion !== null && CONSISTENCY_SCALE.indexOf(opinion) >= CONSISTENCY_SCALE.indexOf('consistent');

/** Whom the person says caused the injuries. */
export const ATTRIBUTIONS = ['officials', 'other-detainees', 'self', 'other', 'not-stated'] as const;
export type Attribution = (typeof ATTRIBUTIONS)[number];

export const FINDING_TYPES = [
  'bruise',
  'abrasion',
  'laceration',
  'incision',
  'puncture',
  'burn',
  'swelling',
  'fracture',
  'bite',
  'scar',
  'other',
] as const;
export type FindingType = (typeof FINDING_TYPES)[number];

/** A photograph, hashed at capture (lowercase hex SHA-256 of the file), with or without a scale. */
export type Photograph = { sha256: string; withScale: boolean; takenAt: string };

export type PhysicalFinding = {
  type: FindingType;
  site: BodySite;
  /** Millimetres. */
  size: { lengthMm: number; widthMm: number };
  shape: string;
  colour: string;
  /** The clinician's estimate, in words ("3–5 days", "fresh, under 24 h"). */
  estimatedAge: string;
  photographs: Photograph[];
  consistency: Consistency;
};

/** The sections of an Istanbul Protocol report (intl.medical.report), each required. */
export type ReportContent = {
  /** Itemised informed consent; a refusal is recorded as such. */
  consent: {
    examination: ConsentAnswer;
    photographs: ConsentAnswer;
    sharingWithProcurator: ConsentAnswer;
    note: string | null;
  };
  circumstances: {
    description: string;
    present: Presence[];
    /** Why police or prison staff were present, in the clinician's words; null when none were. */
    staffPresenceReason: string | null;
  };
  /** The person's own account, in their words, with the language and any interpreter. */
  account: { text: string; language: string; interpreter: string | null; attributedTo: Attribution };
  /** Empty when the examination found none (or the person refused it). */
  physicalFindings: PhysicalFinding[];
  psychologicalFindings: { text: string; consistency: Consistency | null };
  opinion: { overall: Consistency; interpretation: string | null };
  treatment: { given: string | null; referral: string | null };
};

export type ExaminationRecorded = {
  kind: 'examination-recorded';
  examinationId: string;
  personId: string;
  /** The facility of the episode: whose medical staff read the record (kz.medical.system). */
  facilityId: string;
  examination: ExaminationKind;
  episode: Episode;
  /** When it took place, as the clinician states it (UTC). */
  at: string;
  place: string;
  clinician: Clinician;
  present: Presence[];
  staffPresenceReason: string | null;
  /** Signs of injury seen: an injury report (intl.medical.report) is due (kz.medical.report-duty). */
  injuriesNoted: boolean;
  /** For `before-separation`: fit or unfit for the measure (kz.discipline.medical-before). */
  fitness: FitnessVerdict | null;
  /**
   * Whether HIV and TB screening were done, declined or not done (kz.admission.medical): the fact,
   * not the result (the results are clinical, in `notes`). Absent when the clinician did not say.
   */
  screening?: { hiv: ScreeningOutcome; tb: ScreeningOutcome };
  /** Clinical notes. */
  notes: string | null;
  recordedAt: string;
};

/**
 * A finished Istanbul Protocol report, immutable once recorded. Version 1 is the first; an
 * amendment is version n + 1 naming the version it amends, by the same clinician; a second opinion
 * is a new report (version 1 of its own id) by another clinician naming the report it reviews.
 */
export type ReportFinished = {
  kind: 'report-finished';
  reportId: string;
  version: number;
  examinationId: string;
  personId: string;
  clinician: Clinician;
  amends: { version: number; reason: string } | null;
  secondOpinionOf: { reportId: string; version: number } | null;
  content: ReportContent;
  finishedAt: string;
  /**
   * The clinician's signature over this object without `signed` (src/medical/signing.ts): added by
   * the application after the decider, so the log holds the signed report and its digest.
   */
  signed?: ReportSignature;
};

/** A report version's signature, as stored in its entry (the rest of the habeas-medical-report/1 envelope). */
export type ReportSignature = {
  digest: string;
  previous: string | null;
  keyId: string;
  publicKey: string;
  signature: string;
};

export const REFERRAL_OUTCOMES = ['referred', 'already-referred', 'not-required'] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

/**
 * Appended after every examination and every report version: whether it referred the person's
 * allegation to the procurator (kz.torture.referral, source `medical`). A report whose overall
 * opinion is "consistent" or stronger about injuries the person attributes to officials is
 * referred at once, without the person's consent to the fact of referral; the clinical content
 * still follows intl.medical.disclosure.
 */
export type ReferralAssessed = {
  kind: 'referral-assessed';
  examinationId: string;
  reportId: string | null;
  version: number | null;
  outcome: ReferralOutcome;
  /** The allegation's reference in the procurator's list, when `referred`; null otherwise. */
  reference: string | null;
  source: 'medical';
  rule: 'kz.torture.referral' | null;
  opinion: Consistency | null;
  attributedTo: Attribution | null;
  assessedAt: string;
};

export const DISCLOSURE_RECIPIENTS = ['person', 'procurator', 'other'] as const;
export type DisclosureRecipient = (typeof DISCLOSURE_RECIPIENTS)[number];
export const LEGAL_BASES = ['consent', 'court-order', 'own-copy'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** A copy of a report given to someone (intl.medical.disclosure), with its legal basis. */
export type DisclosureRecorded = {
  kind: 'disclosure-recorded';
  disclosureId: string;
  reportId: string;
  version: number;
  recipient: DisclosureRecipient;
  /** Who received it: the procurator's office, the nominee, the court… (null for the person). */
  recipientName: string | null;
  legalBasis: LegalBasis;
  /** For `court-order`: the order. */
  courtOrder: { reference: string; court: string } | null;
  /** For `consent` to anyone but the procurator with the report's itemised consent: the person's consent to this disclosure. */
  consent: { givenAt: string; statement: string } | null;
  clinician: Clinician;
  disclosedAt: string;
};

export type MedicalChange = ExaminationRecorded | ReportFinished | ReferralAssessed | DisclosureRecorded;
export type MedicalChangeKind = MedicalChange['kind'];

export const MEDICAL_CHANGE_KINDS = [
  'examination-recorded',
  'report-finished',
  'referral-assessed',
  'disclosure-recorded',
] as const satisfies readonly MedicalChangeKind[];

/** Every event of the medical context: one entry type, the change in the payload. */
export type MedicalEvent = { type: typeof MEDICAL_ENTRY_TYPE; payload: MedicalChange };
