import type { DisciplineMeasure } from '../rules/kz/prison.js';

/*
 * What a finding says, as data (issue 18 item 3): besides its rule, the parameters its sentence is
 * made of — numbers, moments (ISO 8601 UTC), dates (YYYY-MM-DD), ids and closed-list codes — so
 * that every page says it in its reader's language, with times on the local clock. The English
 * `detail` stays beside them: the operator's words in the log and the API, and all that the
 * findings recorded before this have (pages then say a sentence of the rule's own).
 * Shared by every context; pure.
 */

/** Who may never be held in solitary or close confinement (intl.solitary.exempt, SMR 45(2), BR 22). */
export const SOLITARY_EXEMPT_GROUPS = ['child', 'pregnant', 'infant', 'breastfeeding', 'disability'] as const;
export type SolitaryExemptGroup = (typeof SOLITARY_EXEMPT_GROUPS)[number];

/** Who noted an injury that a doctor must document (kz.medical.report-duty). */
export const INJURY_NOTE_SOURCES = [
  'custody-injury',
  'custody-examination',
  'prison-examination',
  'medical-examination',
] as const;
export type InjuryNoteSource = (typeof INJURY_NOTE_SOURCES)[number];

/** Why a court outcome on a torture allegation is flagged (kz.torture.sentencing). */
export const SENTENCING_CONCERNS = ['reclassified', 'suspended-sentence', 'plea-bargain'] as const;
export type SentencingConcern = (typeof SENTENCING_CONCERNS)[number];

/** What is wrong with an interview of a detained suspect (kz.custody.interview). */
export const INTERVIEW_CONCERNS = ['before-rights', 'counsel-absent', 'not-recorded'] as const;
export type InterviewConcern = (typeof INTERVIEW_CONCERNS)[number];

/** The parameters of each rule's findings; a rule whose findings say different things has one shape per case. */
export interface FindingParamsByRule {
  /** Custody without a court's approval ran past its limit. */
  'kz.custody.limit': { juvenile: boolean; hours: number; apprehendedAt: string };
  /** The arrest was recorded long after the apprehension stated. */
  'kz.custody.actual-time': { apprehendedAt: string; recordedAt: string; maxHours: number };
  'kz.custody.rights': { hours: number; apprehendedAt: string };
  'kz.custody.medical': { hours: number; apprehendedAt: string };
  'kz.custody.family': { hours: number; apprehendedAt: string };
  'kz.custody.counsel': { hours: number; requestedAt: string };
  'kz.custody.deposition': {
    hours: number;
    requestId: string;
    request: 'deposition' | 'protection-order' | 'suspension';
    requestedAt: string;
  };
  /**
   * An interview (by its id, begun at `startedAt`) before the rights were explained (when they
   * were, or null: not before the interview was recorded), while counsel requested at
   * `requestedAt` had not arrived (what the interview's record said of counsel beside it), or
   * without a video recording.
   */
  'kz.custody.interview':
    | { concern: 'before-rights'; interviewId: string; startedAt: string; rightsExplainedAt: string | null }
    | {
        concern: 'counsel-absent';
        interviewId: string;
        startedAt: string;
        requestedAt: string;
        counsel: 'present' | 'not-requested';
      }
    | { concern: 'not-recorded'; interviewId: string; startedAt: string };
  'intl.custody.consular': { hours: number; apprehendedAt: string; notificationRequested: boolean };
  'intl.custody.transfer-notice': { hours: number; transferredAt: string };
  /** Rights explained in `language` (BCP 47) to a person who understands `understood`. */
  'intl.custody.interpreter': { language: string; understood: string[] };
  'kz.admission.medical': { hours: number; arrival: 'admission' | 'transfer'; arrivedAt: string };
  /** A placement of `hoursWithoutContact` a day without contact, in the unit the facility calls `place`. */
  'intl.solitary.definition': { place: string; hoursWithoutContact: number };
  'intl.solitary.exempt':
    | { groups: SolitaryExemptGroup[]; place: string }
    | { groups: SolitaryExemptGroup[]; measure: DisciplineMeasure };
  'intl.solitary.prolonged':
    | { limitDays: number; since: string }
    | { limitDays: number; measure: DisciplineMeasure; days: number; nationalMaxMonths: number };
  'intl.search.women': { search: 'personal' | 'strip'; searchedBy: string };
  'intl.exercise': { date: string; minutes: number; requiredMinutes: number };
  'kz.life.exercise': { date: string; minutes: number; requiredMinutes: number };
  'intl.solitary.health-visits': { date: string };
  /**
   * An injury noted (by whom: `noted`) that no doctor's report documented within `hours`; or signs
   * a doctor documented that were not referred to the procurator. Nothing clinical.
   */
  'kz.medical.report-duty':
    | { duty: 'document'; noted: InjuryNoteSource; notedAt: string; hours: number }
    | { duty: 'refer'; documentedAt: string };
  'intl.complaint.answer': { days: number; receivedAt: string };
  'kz.transfer.protection': { hours: number; request: 'protection' | 'transfer'; requestedAt: string };
  'kz.torture.suspension': { hours: number; official: string; identifiedAt: string };
  'kz.torture.sentencing': { article: string; decidedAt: string; concerns: SentencingConcern[] };
  /** No order of the investigating judge within `hours` of a complaint about an office reaching them. */
  'kz.allegation.conflict': {
    hours: number;
    routedAt: string;
    office: 'procurator' | 'investigator';
    region: string;
  };
  /**
   * A sanction or a transfer not asked for within `watchDays` after the person complained (flagged
   * by the read model, not recorded by a decider): the complaint named by its receipt only.
   */
  'kz.complaint.reprisal':
    | (ReprisalCommon & { action: 'discipline'; measure: string; days: number | null })
    | (ReprisalCommon & { action: 'transfer'; reason: string });
}

type ReprisalCommon = {
  actionAt: string;
  complainedAt: string;
  watchDays: number;
  reference: string | null;
};

export type FindingRule = keyof FindingParamsByRule;
export type FindingParams = FindingParamsByRule[FindingRule];

/** Every rule that makes findings, in the order of docs/rules.md. */
export const FINDING_RULES = [
  'kz.custody.limit',
  'kz.custody.actual-time',
  'kz.custody.rights',
  'kz.custody.counsel',
  'kz.custody.medical',
  'kz.custody.family',
  'kz.custody.deposition',
  'kz.custody.interview',
  'intl.custody.transfer-notice',
  'intl.custody.consular',
  'intl.custody.interpreter',
  'kz.admission.medical',
  'kz.life.exercise',
  'intl.solitary.definition',
  'intl.solitary.prolonged',
  'intl.solitary.exempt',
  'intl.solitary.health-visits',
  'intl.exercise',
  'intl.search.women',
  'kz.complaint.reprisal',
  'kz.torture.sentencing',
  'kz.torture.suspension',
  'kz.allegation.conflict',
  'kz.transfer.protection',
  'intl.complaint.answer',
  'kz.medical.report-duty',
] as const satisfies readonly FindingRule[];

// Every rule of FindingParamsByRule is in FINDING_RULES (a rule added there and not here fails to compile).
const everyRuleListed: Record<Exclude<FindingRule, (typeof FINDING_RULES)[number]>, never> = {};
void everyRuleListed;

export function isFindingRule(rule: string): rule is FindingRule {
  return (FINDING_RULES as readonly string[]).includes(rule);
}

/** A finding's rule and parameters, typed together: what a page needs to say it. */
export type FindingStatement = {
  [R in FindingRule]: { rule: R; params: FindingParamsByRule[R] };
}[FindingRule];

/** The parameters of a finding of `rule`, checked against the rule at compile time. */
export const findingParams = <R extends FindingRule>(
  _rule: R,
  params: FindingParamsByRule[R],
): FindingParamsByRule[R] => params;
