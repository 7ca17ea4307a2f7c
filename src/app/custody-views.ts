import type { ClockState, ClockWarning } from '../clocks/types.js';
import type {
  CustodyEventType,
  FindingKind,
  InterviewCounsel,
  InterviewRole,
} from '../domain/custody/events.js';
import type { CustodyStatus } from '../domain/custody/state.js';
import type { FindingParams } from '../domain/findings.js';

/*
 * What the custody services answer (src/app/custody.ts): the API's views (DESIGN.md GET
 * /custody/{id}, grown, never broken) and what the pages render. Times are ISO 8601 UTC.
 */

export interface ClockView {
  rule: string;
  dueAt: string;
  state: ClockState;
  kind: FindingKind;
  pack: string;
  packVersion: string;
  startedAt: string;
  endedAt: string | null;
  /** 75 or 90 once that share of the allowed time has passed while running; null otherwise. */
  warning: ClockWarning;
  /** Elapsed share of the allowed time, 0..1. */
  elapsed: number;
}

export interface FindingView {
  seq: number;
  rule: string;
  kind: FindingKind;
  /** When the norm was missed. */
  at: string;
  /** What was missed, in the operator's English (the log's words). */
  detail: string;
  /** The same as data (src/domain/findings.ts), which pages say in their language; absent on findings recorded before issue 18. */
  params?: FindingParams;
  pack: string;
  packVersion: string;
  /** When the finding was appended to the log. */
  recordedAt: string;
}

export interface CorrectionView {
  seq: number;
  field: string;
  from: string;
  to: string;
  reason: string;
  correctedAt: string;
  actor: string;
}

/** One entry of the episode's stream, as the timeline shows it. */
export interface TimelineEntryView {
  seq: number;
  version: number;
  type: CustodyEventType;
  /** The moment stated for the event (null for entries that state none, e.g. corrections). */
  at: string | null;
  /** Server time the entry was appended. */
  recordedAt: string;
  actor: string;
  /** The account's display name, when known. */
  actorName: string | null;
  /** The event's payload fields (without `at`), for display. */
  details: Record<string, string | number | boolean | null | string[]>;
  /** Corrections that name this entry, oldest first (the original stays visible beside them). */
  corrections: CorrectionView[];
}

/** An interview of the detained suspect (kz.custody.interview), with the findings it made. */
export interface InterviewView {
  /** The log seq of its entry. */
  seq: number;
  interviewId: string;
  startedAt: string;
  endedAt: string;
  interviewer: { name: string; position: string };
  present: { name: string; role: InterviewRole }[];
  counsel: InterviewCounsel;
  counselName: string | null;
  /** The language interpreted (BCP 47), or null without an interpreter. */
  interpreter: string | null;
  recording: { sha256: string; size: number; mediaType: string } | null;
  noRecordingReason: string | null;
  caseNumber: string | null;
  /** Server time it was recorded. */
  recordedAt: string;
  actor: string;
  actorName: string | null;
  /** Its kz.custody.interview findings: before the rights, counsel absent, not recorded. */
  findings: FindingView[];
}

export interface CustodyPersonView {
  familyName: string;
  givenNames: string;
  patronymic: string | null;
  birthDate: string;
  sex: string;
  citizenship: string | null;
  languages: string[];
}

export interface CustodyView {
  id: string;
  personId: string;
  facilityId: string;
  juvenile: boolean;
  /** The apprehension time in force (the earliest ever stated: corrections never extend the limit). */
  apprehendedAt: string;
  /** Server time the arrest record was drawn up. */
  recordedAt: string;
  status: CustodyStatus;
  clocks: ClockView[];
  findings: FindingView[];
  /** Stream version: what a writer saw (for the pages' forms). */
  version: number;
  place: string;
  grounds: string;
  arrestingOfficer: string;
  orderingAuthority: string | null;
  foreignNational: boolean;
  person: CustodyPersonView;
  facility: { id: string; name: string };
  timeline: TimelineEntryView[];
  /** Injury referrals of kz.custody.injury-log: open until a medical examination after the injury entry. */
  referrals: { injurySeq: number; openedAt: string; status: 'open' | 'examined' }[];
  /** Interviews of the detained suspect, in the order recorded (kz.custody.interview). */
  interviews: InterviewView[];
}

/** A row of the custody desk and of the list endpoint. */
export interface CustodySummary {
  id: string;
  personId: string;
  personName: string;
  facilityId: string;
  facilityName: string;
  juvenile: boolean;
  apprehendedAt: string;
  recordedAt: string;
  status: CustodyStatus;
  /** kz.custody.limit as now (null only for an episode whose record lacks it). */
  limit: ClockView | null;
  /** Every clock as now, for the desk's countdowns. */
  clocks: ClockView[];
  findings: { rule: string; kind: FindingKind }[];
}

export interface CustodyPage {
  items: CustodySummary[];
  /** Opaque cursor for the next page; null on the last page. */
  next: string | null;
}

/** A finding across episodes, for the monitor's list. */
export interface FindingListItem extends FindingView {
  custodyId: string;
  facilityId: string;
  facilityName: string;
  juvenile: boolean;
}

export interface FindingPage {
  items: FindingListItem[];
  next: string | null;
}

/** A medical referral opened by an injury entry (kz.custody.injury-log), for the `medical` role. */
export interface ReferralView {
  custodyId: string;
  injurySeq: number;
  facilityId: string;
  facilityName: string;
  personName: string;
  openedAt: string;
  status: 'open' | 'examined';
}
