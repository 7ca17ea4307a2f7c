import type { FindingKind } from '../custody/events.js';
import type { FindingParams } from '../findings.js';
import type { RefusalReason } from '../refusals.js';
import type { DisciplineMeasure, Incentive } from '../../rules/kz/prison.js';
import type { ReachDocument, ReachedBy } from '../registry/reach.js';

/*
 * The events of a stay in a remand centre or prison (RULES.md "Prisons and remand centres";
 * issue 5). One stream per stay, `prison/<id>`, from admission to release (or death): a transfer
 * between prisons continues the stay at the destination. Every event carries `at`, the moment it
 * happened as the official states it; the entry's own `at` is the server time it was recorded.
 */

export const prisonStream = (stayId: string): string => `prison/${stayId}`;

export const stayIdOfStream = (stream: string): string | null =>
  stream.startsWith('prison/') ? stream.slice('prison/'.length) : null;

/** Dated facts that change what may be done to a person (kz.discipline.exempt, intl.solitary.exempt). */
export const VULNERABILITY_KINDS = [
  'pregnant',
  'infant-in-facility',
  'released-from-work-pregnancy-childbirth',
  'breastfeeding',
  'disability',
  'juvenile',
] as const;
export type VulnerabilityKind = (typeof VULNERABILITY_KINDS)[number];

export const SCREENING_OUTCOMES = ['done', 'declined', 'not-done'] as const;
export type ScreeningOutcome = (typeof SCREENING_OUTCOMES)[number];
export const EXAMINATION_PURPOSES = ['admission', 'pre-placement', 'routine'] as const;
export const TRANSFER_REASONS = ['protection-request', 'gang-influence', 'overcrowding', 'other'] as const;
export type TransferReason = (typeof TRANSFER_REASONS)[number];
export const SEARCH_KINDS = ['personal', 'strip', 'cell'] as const;
export const APPEAL_OUTCOMES = ['upheld', 'quashed', 'reduced'] as const;
export const FAMILY_MEANS = ['phone', 'in-person', 'message', 'letter', 'other'] as const;
export const STAFF_SEXES = ['female', 'male'] as const;

/** The commitment order: who ordered the person held, on what grounds (intl.register.minimum). */
export type CommitmentOrder = {
  reference: string;
  authority: string | null;
  issuedOn: string | null;
  grounds: string | null;
};

/** Admission to a remand centre or prison: the register's entry (intl.register.minimum). */
export type PrisonAdmitted = {
  type: 'prison-admitted';
  payload: {
    stayId: string;
    personId: string;
    facilityId: string;
    /** The moment of admission as stated (UTC). */
    admittedAt: string;
    /** Server time the register entry was drawn up. */
    recordedAt: string;
    commitmentOrder: CommitmentOrder;
    /** The police custody episode the person came from, carried over (issue 5 item 1). */
    custodyId: string | null;
    /** When, where and by whose authority the person was first deprived of liberty. */
    deprivedOfLiberty: { at: string; place: string; authority: string | null };
    lifeSentence: boolean;
    /** From the register: sex (intl.search.women) and birth date (juvenile, kz.discipline.exempt). */
    sex: 'female' | 'male';
    birthDate: string;
    languages: string[];
    /** How the officer reached the person (issue 17); absent in admissions recorded before. */
    reachedBy?: ReachedBy;
    /** The identity document that identified the person, when that is how (`reachedBy: document`). */
    identityDocument?: ReachDocument;
  };
};

/**
 * A medical examination (kz.admission.medical, kz.discipline.medical-before). `results` is the
 * clinical content (screening results, notes): only the `medical` role reads it. The doctor's own
 * record of an examination (issue 19, src/app/medical-episode.ts) appends one with no `results`,
 * naming it by `examinationId`, and, before separation, the doctor's verdict.
 */
export type PrisonMedicalExamined = {
  type: 'medical-examined';
  payload: {
    at: string;
    examinedBy: string;
    purpose: (typeof EXAMINATION_PURPOSES)[number];
    hivScreening: ScreeningOutcome;
    tbScreening: ScreeningOutcome;
    /** Signs of bodily harm noted in the report: opens a referral like a custody injury. */
    bodilyHarm: boolean;
    results: { hiv: string | null; tb: string | null; notes: string | null } | null;
    /** The examination in the person's medical record this entry states the fact of. */
    examinationId?: string;
    /** Fit or unfit for the separation (kz.discipline.medical-before): `unfit` refuses it. */
    fitness?: 'fit' | 'unfit';
  };
};

export type VulnerabilityRecorded = {
  type: 'vulnerability-recorded';
  payload: {
    kind: VulnerabilityKind;
    /** Dates (YYYY-MM-DD) in Kazakhstan; `to` inclusive, null while it lasts. */
    from: string;
    to: string | null;
    /** For a disability: whether separation would worsen it (intl.solitary.exempt). */
    worsenedBySeparation: boolean;
    note: string | null;
  };
};

export type VulnerabilityEnded = {
  type: 'vulnerability-ended';
  payload: { kind: VulnerabilityKind; on: string };
};

/** A placement in a unit or cell; 22 h or more a day without contact is solitary whatever its name (intl.solitary.definition). */
export type Placed = {
  type: 'placed';
  payload: { at: string; unit: string; localName: string | null; hoursWithoutContact: number };
};

export type BreachReported = {
  type: 'breach-reported';
  payload: { at: string; reportId: string; description: string; reportedBy: string };
};

/** The governor's decision with a measure from the closed list (kz.discipline.measures). */
export type DisciplineDecided = {
  type: 'discipline-decided';
  payload: {
    at: string;
    decisionId: string;
    reportId: string | null;
    measure: DisciplineMeasure;
    /** Days of the measure (required for a punishment block and solitary). */
    days: number | null;
    /** When the measure starts and ends (UTC); null for a warning or reprimand. */
    startsAt: string;
    endsAt: string | null;
    reason: string;
    /** The language the decision was explained to the prisoner in (BCP 47). */
    informedLanguage: string | null;
  };
};

/**
 * A disciplinary decision national law refused (422 to the governor): kept in the log, so that an
 * attempt to place an exempt person or to exceed a limit is visible to oversight.
 */
export type DisciplineRefused = {
  type: 'discipline-refused';
  payload: {
    at: string;
    measure: string;
    days: number | null;
    rule: string;
    /** Why, in the operator's English. */
    detail: string;
    /** Why, as data (src/domain/refusals.ts); absent before issue 18. */
    reason?: RefusalReason;
  };
};

export type DisciplineAppealed = {
  type: 'discipline-appealed';
  payload: { at: string; decisionId: string; to: string | null };
};

export type AppealDecided = {
  type: 'appeal-decided';
  payload: {
    at: string;
    decisionId: string;
    outcome: (typeof APPEAL_OUTCOMES)[number];
    /** For `reduced`: the new number of days. */
    days: number | null;
  };
};

/** The separation in progress ends early (lifted, quashed, ended by the governor or a doctor). */
export type SeparationEnded = {
  type: 'separation-ended';
  payload: { at: string; reason: string | null };
};

/** A visit by health staff (intl.solitary.health-visits); the doctor's own record names its examination. */
export type HealthVisit = {
  type: 'health-visit';
  payload: { at: string; visitedBy: string; examinationId?: string };
};

/** Outdoor exercise on a day (kz.life.exercise, intl.exercise). */
export type ExerciseLogged = { type: 'exercise-logged'; payload: { date: string; minutes: number } };

export type IncentiveGranted = {
  type: 'incentive-granted';
  payload: { at: string; incentive: Incentive; note: string | null };
};

/** A search of the person or their cell, with who searched (intl.search.women). */
export type SearchRecorded = {
  type: 'search-recorded';
  payload: {
    at: string;
    kind: (typeof SEARCH_KINDS)[number];
    searchedBy: string;
    searcherSex: 'female' | 'male';
  };
};

export type PrisonTransferred = {
  type: 'transferred';
  payload: {
    at: string;
    fromFacilityId: string;
    destinationFacilityId: string;
    reason: TransferReason;
    /** Whether the person asked for it (kz.complaint.reprisal watches transfers they did not ask for). */
    requestedByPrisoner: boolean;
    detail: string | null;
  };
};

export type PrisonFamilyNotified = {
  type: 'family-notified';
  payload: { at: string; contact: string; means: (typeof FAMILY_MEANS)[number] };
};

export type PrisonReleased = { type: 'released'; payload: { at: string; reason: string | null } };

/** A death in the facility (intl.register.minimum: circumstances, cause, destination of remains). */
export type PrisonDied = {
  type: 'died';
  payload: { at: string; circumstances: string; cause: string | null; remainsTo: string | null };
};

export type PrisonFindingRecorded = {
  type: 'finding-recorded';
  payload: {
    key: string;
    rule: string;
    kind: FindingKind;
    at: string;
    detail: string;
    /** As in a custody finding: the sentence's parameters; absent before issue 18. */
    params?: FindingParams;
    pack: string;
    packVersion: string;
  };
};

export type PrisonEvent =
  | PrisonAdmitted
  | PrisonMedicalExamined
  | VulnerabilityRecorded
  | VulnerabilityEnded
  | Placed
  | BreachReported
  | DisciplineDecided
  | DisciplineRefused
  | DisciplineAppealed
  | AppealDecided
  | SeparationEnded
  | HealthVisit
  | ExerciseLogged
  | IncentiveGranted
  | SearchRecorded
  | PrisonTransferred
  | PrisonFamilyNotified
  | PrisonReleased
  | PrisonDied
  | PrisonFindingRecorded;

export type PrisonEventType = PrisonEvent['type'];

export const PRISON_EVENT_TYPES = [
  'prison-admitted',
  'medical-examined',
  'vulnerability-recorded',
  'vulnerability-ended',
  'placed',
  'breach-reported',
  'discipline-decided',
  'discipline-refused',
  'discipline-appealed',
  'appeal-decided',
  'separation-ended',
  'health-visit',
  'exercise-logged',
  'incentive-granted',
  'search-recorded',
  'transferred',
  'family-notified',
  'released',
  'died',
  'finding-recorded',
] as const satisfies readonly PrisonEventType[];

/** Events recorded through POST /prison/stays/{id}/events (the API's `type`). */
export const STAY_EVENT_TYPES = PRISON_EVENT_TYPES.filter(
  (type): type is Exclude<PrisonEventType, 'prison-admitted' | 'finding-recorded' | 'discipline-refused'> =>
    type !== 'prison-admitted' && type !== 'finding-recorded' && type !== 'discipline-refused',
);
export type StayEventType = (typeof STAY_EVENT_TYPES)[number];
