import type { DisciplineMeasure } from '../rules/kz/prison.js';
import type { PlacementPopulation } from '../rules/placement-checks.js';
import type { DisclosureRecipient } from './medical/events.js';
import type { FindingPart, ReportSection } from './medical/sections.js';

/*
 * Why a decider refused, as data (issue 18 item 3): a code naming what was refused and the
 * parameters its sentence is made of (numbers, moments as ISO 8601 UTC, dates, ids, closed-list
 * codes), so that a page says it in its reader's language with local times. The refusal's English
 * `detail` stays: the operator's words in the API's problem details. Every refusal that names a
 * rule carries one; pure.
 */

/** Whom national law never separates (kz.discipline.exempt). */
export const KZ_EXEMPT_PERSONS = [
  'minor',
  'pregnant',
  'infant-in-facility',
  'released-from-work-pregnancy-childbirth',
] as const;
export type KzExemptPerson = (typeof KZ_EXEMPT_PERSONS)[number];

/** The procurator's decisions on an allegation (as src/domain/complaints/events.ts ALLEGATION_DECISIONS). */
type AllegationDecision = 'investigation-opened' | 'joined' | 'sent-to-court' | 'discontinued';

export interface RefusalParamsByCode {
  // kz.custody.actual-time: a stated moment is checked against the server's clock and the apprehension.
  'moment.future': { at: string };
  'moment.before-apprehension': { at: string; apprehendedAt: string };
  // intl.register.minimum: an admission states when the person was deprived of liberty and admitted.
  'admission.future': { admittedAt: string };
  'admission.deprived-after': { deprivedAt: string; admittedAt: string };
  // kz.placement.separation: men, women and children held apart (`date` is Kazakhstan's calendar day).
  'placement.child': { date: string; population: Exclude<PlacementPopulation, 'juveniles' | 'mixed'> };
  'placement.adult': { date: string };
  'placement.woman': Record<string, never>;
  'placement.man': Record<string, never>;
  // kz.custody.family
  'family.contact': Record<string, never>;
  'family.delay-reason': Record<string, never>;
  'family.delay-authoriser': Record<string, never>;
  // kz.custody.limit
  'court.already-approved': { seq: number };
  // kz.custody.deposition
  'judicial.unknown-request': { requestId: string };
  'judicial.already-ruled': { requestId: string };
  // kz.discipline.*, intl.sanction.prohibited
  'discipline.prohibited': { sanction: string };
  'discipline.unknown-measure': { measure: string };
  'discipline.open-prison-only': { measure: DisciplineMeasure };
  'discipline.strict-conditions-first': Record<string, never>;
  'discipline.exempt': { person: KzExemptPerson };
  'discipline.days-needed': { measure: DisciplineMeasure };
  'discipline.punishment-block-too-long': { maxDays: number; days: number };
  'discipline.solitary-too-long': { maxMonths: number; maxDays: number; from: string; days: number };
  'discipline.solitary-prior': Record<string, never>;
  'discipline.medical-before': { hours: number; placementAt: string };
  'discipline.medical-unfit': { examinedAt: string; placementAt: string };
  // kz.torture.referral, kz.cases.joined
  'allegation.procurator-only': Record<string, never>;
  'allegation.not-an-allegation': Record<string, never>;
  'allegation.decision-final': { last: AllegationDecision };
  'allegation.decision-order': { last: AllegationDecision | 'none'; allowed: AllegationDecision[] };
  'allegation.case-needed': Record<string, never>;
  'allegation.join-unknown': { reference: string };
  'allegation.reason-needed': Record<string, never>;
  // kz.torture.suspension
  'suspects.name-each': Record<string, never>;
  'suspects.already-identified': { official: string };
  'suspects.named-twice': { official: string };
  'suspects.none': Record<string, never>;
  'suspension.not-identified': { official: string };
  'suspension.already': { official: string };
  'suspension.before-identification': { identifiedAt: string };
  'suspension.ordered-by': Record<string, never>;
  // kz.torture.sentencing
  'court-outcome.sentence-needed': Record<string, never>;
  'court-outcome.acquittal-sentence': Record<string, never>;
  'court-outcome.article-needed': Record<string, never>;
  // kz.evidence.inadmissible
  'evidence.description-needed': Record<string, never>;
  // kz.transfer.protection
  'protection.already-decided': { decision: 'granted' | 'refused'; decidedAt: string };
  // intl.death.report: footage under an evidence hold stays.
  'footage.held': { holds: number };
  // intl.death.report, kz.torture.referral: only the procurator releases these holds.
  'hold.procurator-only': { basis: 'death' | 'allegation' };
  // intl.medical.report: a required section, or a part of a physical finding (numbered from 1), is missing.
  'medical.section-missing': { section: ReportSection };
  'medical.finding-incomplete': { finding: number; part: FindingPart };
  'medical.staff-present-reason': Record<string, never>;
  'medical.findings-without-consent': Record<string, never>;
  'medical.photographs-without-consent': Record<string, never>;
  // intl.medical.report: a finished report is immutable; an amendment follows its latest version.
  'medical.amend-latest-only': { latest: number };
  // kz.medical.second-opinion: another clinician's view is a second opinion, never an amendment.
  'medical.amend-author-only': Record<string, never>;
  'medical.second-opinion-same-clinician': Record<string, never>;
  // intl.medical.disclosure
  'medical.disclosure-basis': { recipient: DisclosureRecipient };
  // kz.discipline.medical-before: the examination before separation says fit or unfit.
  'medical.fitness-needed': Record<string, never>;
}

export type RefusalCode = keyof RefusalParamsByCode;

/** A refusal's code and parameters, typed together. */
export type RefusalReason = { [C in RefusalCode]: { code: C; params: RefusalParamsByCode[C] } }[RefusalCode];

/** Every code, for pages and tests that must know them all. */
export const REFUSAL_CODES = [
  'moment.future',
  'moment.before-apprehension',
  'admission.future',
  'admission.deprived-after',
  'placement.child',
  'placement.adult',
  'placement.woman',
  'placement.man',
  'family.contact',
  'family.delay-reason',
  'family.delay-authoriser',
  'court.already-approved',
  'judicial.unknown-request',
  'judicial.already-ruled',
  'discipline.prohibited',
  'discipline.unknown-measure',
  'discipline.open-prison-only',
  'discipline.strict-conditions-first',
  'discipline.exempt',
  'discipline.days-needed',
  'discipline.punishment-block-too-long',
  'discipline.solitary-too-long',
  'discipline.solitary-prior',
  'discipline.medical-before',
  'discipline.medical-unfit',
  'allegation.procurator-only',
  'allegation.not-an-allegation',
  'allegation.decision-final',
  'allegation.decision-order',
  'allegation.case-needed',
  'allegation.join-unknown',
  'allegation.reason-needed',
  'suspects.name-each',
  'suspects.already-identified',
  'suspects.named-twice',
  'suspects.none',
  'suspension.not-identified',
  'suspension.already',
  'suspension.before-identification',
  'suspension.ordered-by',
  'court-outcome.sentence-needed',
  'court-outcome.acquittal-sentence',
  'court-outcome.article-needed',
  'evidence.description-needed',
  'protection.already-decided',
  'footage.held',
  'hold.procurator-only',
  'medical.section-missing',
  'medical.finding-incomplete',
  'medical.staff-present-reason',
  'medical.findings-without-consent',
  'medical.photographs-without-consent',
  'medical.amend-latest-only',
  'medical.amend-author-only',
  'medical.second-opinion-same-clinician',
  'medical.disclosure-basis',
  'medical.fitness-needed',
] as const satisfies readonly RefusalCode[];

// Every code of RefusalParamsByCode is in REFUSAL_CODES (one added there and not here fails to compile).
const everyCodeListed: Record<Exclude<RefusalCode, (typeof REFUSAL_CODES)[number]>, never> = {};
void everyCodeListed;

export function isRefusalCode(code: string): code is RefusalCode {
  return (REFUSAL_CODES as readonly string[]).includes(code);
}

/** A reason, typed by its code. */
export const reason = <C extends RefusalCode>(code: C, params: RefusalParamsByCode[C]): RefusalReason =>
  ({ code, params }) as RefusalReason;

/** For a reason without parameters. */
export const NO_PARAMS: Record<string, never> = {};
