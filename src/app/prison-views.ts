import type { StayStatus } from '../domain/prison/state.js';
import type { FindingParams, FindingParamsByRule } from '../domain/findings.js';
import type { RefusalCode, RefusalReason } from '../domain/refusals.js';
import type { ClockView, FindingView } from './custody-views.js';

/*
 * What the prison services answer (src/app/prison.ts): the API's views (issue 5 item 5: GET
 * /prison/stays/{id} → {…, clocks, findings} like custody) and what the pages render.
 */

export type { ClockView, FindingView };

/** The regime the person is under at the moment of the view. */
export interface RegimeView {
  kind: 'general' | 'punishment-block' | 'solitary' | 'separation';
  /** The local name of a placement counted as separation (intl.solitary.definition). */
  localName: string | null;
  /** Start of the run of consecutive days in separation; null under the general regime. */
  since: string | null;
  /** Planned end of the run; null while open-ended or under the general regime. */
  until: string | null;
  /** Consecutive days in separation counted so far (day 1 is the first), 0 under the general regime. */
  consecutiveDays: number;
  /** Planned length of the run in days, when it has a planned end. */
  plannedDays: number | null;
}

export interface StayTimelineEntry {
  seq: number;
  version: number;
  type: string;
  at: string | null;
  recordedAt: string;
  actor: string;
  actorName: string | null;
  /** The payload for display; clinical results only for the `medical` role. */
  details: Record<string, unknown>;
}

export interface DisciplineView {
  decisionId: string;
  measure: string;
  days: number | null;
  startsAt: string;
  endsAt: string | null;
  reason: string;
  decidedAt: string;
  appealed: boolean;
  appealOutcome: string | null;
}

export interface StayView {
  id: string;
  personId: string;
  facilityId: string;
  status: StayStatus;
  admittedAt: string;
  recordedAt: string;
  lifeSentence: boolean;
  juvenile: boolean;
  sex: string;
  commitmentOrder: {
    reference: string;
    authority: string | null;
    issuedOn: string | null;
    grounds: string | null;
  };
  custodyId: string | null;
  deprivedOfLiberty: { at: string; place: string; authority: string | null };
  person: {
    familyName: string;
    givenNames: string;
    patronymic: string | null;
    birthDate: string;
    languages: string[];
  };
  facility: { id: string; name: string; kind: string; population: string };
  regime: RegimeView;
  vulnerabilities: { kind: string; worsenedBySeparation: boolean }[];
  clocks: ClockView[];
  findings: FindingView[];
  discipline: DisciplineView[];
  /** Minutes outdoors on each of the last 14 days of the stay (0: nothing logged), oldest first. */
  exercise: { date: string; minutes: number }[];
  timeline: StayTimelineEntry[];
  version: number;
}

export interface StaySummary {
  id: string;
  personId: string;
  personName: string;
  facilityId: string;
  facilityName: string;
  status: string;
  admittedAt: string;
  lifeSentence: boolean;
  regime: RegimeView;
  /** Clocks not yet ended: running, or overdue and still open (not met or stopped). */
  openClocks: ClockView[];
  findings: { rule: string; kind: string }[];
}

export interface StayPage {
  items: StaySummary[];
  next: string | null;
}

export interface PrisonFindingView extends FindingView {
  stayId: string;
  facilityId: string;
  facilityName: string;
}

export interface ReprisalFlagView {
  seq: number;
  stayId: string;
  personId: string;
  personName: string;
  facilityId: string;
  facilityName: string;
  action: string;
  /** What was done, in the operator's English (the read model's words). */
  detail: string;
  /** The same as data, when it can be read (src/domain/findings.ts, kz.complaint.reprisal). */
  params?: FindingParamsByRule['kz.complaint.reprisal'];
  actionAt: string;
  complainedAt: string;
  /** The complaint's receipt reference (never its content). */
  complaintReference: string | null;
  recordedAt: string;
}

/** A medical referral opened by an examination that noted bodily harm (kz.admission.medical), for the `medical` role. */
export interface PrisonReferralView {
  stayId: string;
  /** The examination's entry in the log. */
  examSeq: number;
  facilityId: string;
  facilityName: string;
  personName: string;
  openedAt: string;
  status: 'open' | 'examined';
}

/** What the discipline form shows before submission: would national law refuse, and what would be flagged. */
/** One rule a proposed measure breaks: its id, the operator's English, and the reason as data. */
export interface DisciplineBreach {
  rule: string | null;
  detail: string;
  code: RefusalCode | null;
  params: RefusalReason['params'] | null;
}

export interface DisciplineCheckView {
  allowed: boolean;
  rule: string | null;
  /** Why national law refuses, in the operator's English. */
  detail: string | null;
  /** The same as data (src/domain/refusals.ts): what the pages say in their reader's language. */
  code: RefusalCode | null;
  params: RefusalReason['params'] | null;
  /** Every rule the measure breaks, the first (rule, detail, code, params above) included. */
  breaches: DisciplineBreach[];
  /** The findings the decision would add (intl rules), with their details and parameters. */
  flags: { rule: string; detail: string; params?: FindingParams }[];
  startsAt: string | null;
  endsAt: string | null;
}
