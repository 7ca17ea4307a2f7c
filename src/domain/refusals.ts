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

/** The step of a case a later one cannot precede. */
type CaseStep = 'charged' | 'sent-to-court' | 'verdict' | 'appeal-filed' | 'discontinued' | 'redress-decided';

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
  // kz.custody.interview: an interview's record must be whole and possible.
  'interview.end-before-start': { startedAt: string; endedAt: string };
  'interview.after-custody': { startedAt: string; leftAt: string };
  'interview.counsel-name': Record<string, never>;
  'interview.counsel-name-without-counsel': { counsel: 'waived-in-writing' | 'not-requested' };
  'interview.no-recording-reason': Record<string, never>;
  'interview.reason-with-recording': Record<string, never>;
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
  // kz.allegation.conflict: a complaint about a procurator's or an investigator's own office.
  'allegation.conflict': { office: 'procurator' | 'investigator'; region: string };
  'allegation.judge-only': Record<string, never>;
  'allegation.already-with-judge': Record<string, never>;
  'allegation.not-with-judge': Record<string, never>;
  'judge-order.body-needed': Record<string, never>;
  'judge-order.future': { orderedAt: string };
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
  // Case files (issue 20): kz.cases.joined, kz.torture.suspension, kz.torture.sentencing, kz.torture.nullity,
  // kz.evidence.inadmissible, kz.redress.fund, and a file that must hold together.
  'case.already-opened': Record<string, never>;
  'case.number-taken': { number: string };
  'case.source-needed': Record<string, never>;
  'case.source-twice': { reference: string };
  'case.unknown-allegation': { reference: string };
  'case.allegation-in-case': { reference: string };
  'case.allegation-in-other-case': { reference: string; number: string };
  'case.unknown-official': { officialId: string };
  'case.date-future': { date: string };
  'case.date-before-opening': { date: string; openedOn: string };
  'case.step-before': { date: string; earlier: string; step: CaseStep };
  'case.not-a-suspect': { officialId: string };
  'case.named-twice': { officialId: string };
  'case.defendants-needed': Record<string, never>;
  'case.defendant-decided': {
    stage: 'in-court' | 'convicted' | 'acquitted' | 'discontinued' | 'suspect' | 'charged';
  };
  'case.not-charged': { officialId: string };
  'case.not-in-court': { officialId: string };
  'case.verdict-standing': { officialId: string };
  'case.no-verdict': { officialId: string };
  'case.appeal-open': { officialId: string };
  'case.no-appeal': { officialId: string };
  'case.appeal-outcome-needed': Record<string, never>;
  'case.appeal-no-outcome': { result: 'upheld' | 'changed' | 'retrial' };
  'case.discontinued': { discontinuedOn: string };
  'case.before-court': Record<string, never>;
  'case.not-discontinued': Record<string, never>;
  'case.unknown-document': { documentId: string };
  'case.already-excluded': { documentId: string };
  'case.decisions-needed': Record<string, never>;
  'case.not-a-decision': { documentId: string };
  'case.already-void': { documentId: string };
  'case.unknown-victim': { victimId: string };
  'case.victim-already': Record<string, never>;
  'case.unknown-redress': { redressId: string };
  'redress.overpaid': { decidedKzt: number; paidKzt: number; amountKzt: number };
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
  'interview.end-before-start',
  'interview.after-custody',
  'interview.counsel-name',
  'interview.counsel-name-without-counsel',
  'interview.no-recording-reason',
  'interview.reason-with-recording',
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
  'allegation.conflict',
  'allegation.judge-only',
  'allegation.already-with-judge',
  'allegation.not-with-judge',
  'judge-order.body-needed',
  'judge-order.future',
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
  'case.already-opened',
  'case.number-taken',
  'case.source-needed',
  'case.source-twice',
  'case.unknown-allegation',
  'case.allegation-in-case',
  'case.allegation-in-other-case',
  'case.unknown-official',
  'case.date-future',
  'case.date-before-opening',
  'case.step-before',
  'case.not-a-suspect',
  'case.named-twice',
  'case.defendants-needed',
  'case.defendant-decided',
  'case.not-charged',
  'case.not-in-court',
  'case.verdict-standing',
  'case.no-verdict',
  'case.appeal-open',
  'case.no-appeal',
  'case.appeal-outcome-needed',
  'case.appeal-no-outcome',
  'case.discontinued',
  'case.before-court',
  'case.not-discontinued',
  'case.unknown-document',
  'case.already-excluded',
  'case.decisions-needed',
  'case.not-a-decision',
  'case.already-void',
  'case.unknown-victim',
  'case.victim-already',
  'case.unknown-redress',
  'redress.overpaid',
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
