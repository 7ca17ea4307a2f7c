import { describe, expect, test } from 'vitest';
import type { FindingView, TimelineEntryView } from '../../src/app/custody-views.js';
import type { DisciplineCheckView, StayTimelineEntry } from '../../src/app/prison-views.js';
import type { FindingParamsByRule, FindingRule } from '../../src/domain/findings.js';
import type { RefusalCode, RefusalParamsByCode } from '../../src/domain/refusals.js';
import { ErrorSummary } from '../../src/web/components/error-summary.js';
import { DisciplineVerdict, StayTimeline } from '../../src/web/components/prison-parts.js';
import { FindingsTable, Timeline } from '../../src/web/components/timeline.js';
import type { FieldError } from '../../src/web/forms.js';
import { translator, type Lang } from '../../src/web/i18n.js';
import { RULE_NUMBERS } from './prison-fixtures.js';

/*
 * Issue 18 item 3: a Kazakh or Russian page says every finding and every refusal in its reader's
 * language, with its times on the local clock — never the register's English, never a raw UTC
 * stamp, never an internal code. Every rule that makes findings and every reason a rule refuses
 * for (src/domain/findings.ts, src/domain/refusals.ts) has a representative here, typed so that
 * one added there and not here fails to compile; each is rendered by the components the pages
 * use, in kk and ru, and the words shown are checked.
 */

const AT = '2026-12-06T07:25:00.000Z';
const LATER = '2026-12-07T10:09:00.000Z';
/** The English a decider records beside the parameters: what a kk or ru page must never show. */
const ENGLISH = `record drawn up 3.5 h after the apprehension at ${AT} (more than 3 h)`;

/** One instance of each case of each rule's findings, with the free text a person would type, in Russian. */
const FINDING_EXAMPLES: { [R in FindingRule]: FindingParamsByRule[R][] } = {
  'kz.custody.limit': [
    { juvenile: true, hours: 24, apprehendedAt: AT },
    { juvenile: false, hours: 48, apprehendedAt: AT },
  ],
  'kz.custody.actual-time': [{ apprehendedAt: AT, recordedAt: LATER, maxHours: 3 }],
  'kz.custody.rights': [{ hours: 1, apprehendedAt: AT }],
  'kz.custody.medical': [{ hours: 6, apprehendedAt: AT }],
  'kz.custody.family': [{ hours: 3, apprehendedAt: AT }],
  'kz.custody.counsel': [{ hours: 3, requestedAt: AT }],
  'kz.custody.deposition': [
    { hours: 24, requestId: 'jr4', request: 'deposition', requestedAt: AT },
    { hours: 24, requestId: 'jr5', request: 'protection-order', requestedAt: AT },
    { hours: 24, requestId: 'jr6', request: 'suspension', requestedAt: AT },
  ],
  'kz.custody.interview': [
    { concern: 'before-rights', interviewId: 'iv1', startedAt: AT, rightsExplainedAt: LATER },
    { concern: 'before-rights', interviewId: 'iv1', startedAt: AT, rightsExplainedAt: null },
    {
      concern: 'counsel-absent',
      interviewId: 'iv1',
      startedAt: AT,
      requestedAt: AT,
      counsel: 'not-requested',
    },
    { concern: 'counsel-absent', interviewId: 'iv1', startedAt: AT, requestedAt: AT, counsel: 'present' },
    { concern: 'not-recorded', interviewId: 'iv1', startedAt: AT },
  ],
  'intl.custody.transfer-notice': [{ hours: 3, transferredAt: AT }],
  'intl.custody.consular': [
    { hours: 24, apprehendedAt: AT, notificationRequested: false },
    { hours: 24, apprehendedAt: AT, notificationRequested: true },
  ],
  'intl.custody.interpreter': [{ language: 'ru', understood: ['uz', 'ky'] }],
  'kz.admission.medical': [
    { hours: 24, arrival: 'admission', arrivedAt: AT },
    { hours: 24, arrival: 'transfer', arrivedAt: AT },
  ],
  'kz.life.exercise': [{ date: '2026-12-05', minutes: 20, requiredMinutes: 60 }],
  'intl.solitary.definition': [{ place: 'карантинное отделение', hoursWithoutContact: 23 }],
  'intl.solitary.prolonged': [
    { limitDays: 15, since: AT },
    { limitDays: 15, measure: 'solitary', days: 40, nationalMaxMonths: 4 },
  ],
  'intl.solitary.exempt': [
    { groups: ['child', 'pregnant', 'infant', 'breastfeeding', 'disability'], place: 'карантин' },
    { groups: ['breastfeeding'], measure: 'punishment-block' },
  ],
  'intl.solitary.health-visits': [{ date: '2026-12-05' }],
  'intl.exercise': [{ date: '2026-12-05', minutes: 0, requiredMinutes: 60 }],
  'intl.search.women': [
    { search: 'personal', searchedBy: 'прапорщик Ж. Ахметов' },
    { search: 'strip', searchedBy: 'прапорщик Ж. Ахметов' },
  ],
  'kz.complaint.reprisal': [
    {
      action: 'discipline',
      measure: 'punishment-block',
      days: 10,
      actionAt: LATER,
      complainedAt: AT,
      watchDays: 90,
      reference: 'XDTR-P8B2-PB9Q',
    },
    {
      action: 'discipline',
      measure: 'reprimand',
      days: null,
      actionAt: LATER,
      complainedAt: AT,
      watchDays: 90,
      reference: null,
    },
    {
      action: 'transfer',
      reason: 'gang-influence',
      actionAt: LATER,
      complainedAt: AT,
      watchDays: 90,
      reference: 'XDTR-P8B2-PB9Q',
    },
  ],
  'kz.torture.sentencing': [
    {
      article: 'ст. 146 УК РК',
      decidedAt: AT,
      concerns: ['reclassified', 'suspended-sentence', 'plea-bargain'],
    },
  ],
  'kz.torture.suspension': [{ hours: 24, official: 'майор полиции Б. Садыков', identifiedAt: AT }],
  'kz.allegation.conflict': [
    { hours: 24, routedAt: AT, office: 'procurator', region: 'KZ-71' },
    { hours: 24, routedAt: AT, office: 'investigator', region: 'KZ-AST' },
  ],
  'kz.transfer.protection': [
    { hours: 24, request: 'protection', requestedAt: AT },
    { hours: 24, request: 'transfer', requestedAt: AT },
  ],
  'intl.complaint.answer': [{ days: 30, receivedAt: AT }],
  'kz.medical.report-duty': [
    { duty: 'document', noted: 'custody-injury', notedAt: AT, hours: 24 },
    { duty: 'document', noted: 'custody-examination', notedAt: AT, hours: 24 },
    { duty: 'document', noted: 'prison-examination', notedAt: AT, hours: 24 },
    { duty: 'document', noted: 'medical-examination', notedAt: AT, hours: 24 },
    { duty: 'refer', documentedAt: AT },
  ],
};

/** One instance of each reason a rule refuses for, with the rule that refuses it. */
const REFUSAL_EXAMPLES: { [C in RefusalCode]: { rule: string; params: RefusalParamsByCode[C] }[] } = {
  'moment.future': [{ rule: 'kz.custody.actual-time', params: { at: LATER } }],
  'moment.before-apprehension': [
    { rule: 'kz.custody.actual-time', params: { at: AT, apprehendedAt: LATER } },
  ],
  'admission.future': [{ rule: 'intl.register.minimum', params: { admittedAt: LATER } }],
  'admission.deprived-after': [
    { rule: 'intl.register.minimum', params: { deprivedAt: LATER, admittedAt: AT } },
  ],
  'placement.child': [
    { rule: 'kz.placement.separation', params: { date: '2026-12-06', population: 'men' } },
    { rule: 'kz.placement.separation', params: { date: '2026-12-06', population: 'women' } },
  ],
  'placement.adult': [{ rule: 'kz.placement.separation', params: { date: '2026-12-06' } }],
  'placement.woman': [{ rule: 'kz.placement.separation', params: {} }],
  'placement.man': [{ rule: 'kz.placement.separation', params: {} }],
  'family.contact': [{ rule: 'kz.custody.family', params: {} }],
  'family.delay-reason': [{ rule: 'kz.custody.family', params: {} }],
  'family.delay-authoriser': [{ rule: 'kz.custody.family', params: {} }],
  'court.already-approved': [{ rule: 'kz.custody.limit', params: { seq: 57 } }],
  'judicial.unknown-request': [{ rule: 'kz.custody.deposition', params: { requestId: 'jr4' } }],
  'judicial.already-ruled': [{ rule: 'kz.custody.deposition', params: { requestId: 'jr4' } }],
  'interview.end-before-start': [{ rule: 'kz.custody.interview', params: { startedAt: LATER, endedAt: AT } }],
  'interview.after-custody': [{ rule: 'kz.custody.interview', params: { startedAt: LATER, leftAt: AT } }],
  'interview.counsel-name': [{ rule: 'kz.custody.interview', params: {} }],
  'interview.counsel-name-without-counsel': [
    { rule: 'kz.custody.interview', params: { counsel: 'waived-in-writing' } },
    { rule: 'kz.custody.interview', params: { counsel: 'not-requested' } },
  ],
  'interview.no-recording-reason': [{ rule: 'kz.custody.interview', params: {} }],
  'interview.reason-with-recording': [{ rule: 'kz.custody.interview', params: {} }],
  'discipline.prohibited': [
    { rule: 'intl.sanction.prohibited', params: { sanction: 'dark-cell' } },
    { rule: 'intl.sanction.prohibited', params: { sanction: 'family-contact-ban' } },
  ],
  'discipline.unknown-measure': [{ rule: 'kz.discipline.measures', params: { measure: 'flogging' } }],
  'discipline.open-prison-only': [
    { rule: 'kz.discipline.measures', params: { measure: 'dormitory-removal' } },
  ],
  'discipline.strict-conditions-first': [{ rule: 'kz.discipline.measures', params: {} }],
  'discipline.exempt': [
    { rule: 'kz.discipline.exempt', params: { person: 'minor' } },
    { rule: 'kz.discipline.exempt', params: { person: 'pregnant' } },
    { rule: 'kz.discipline.exempt', params: { person: 'infant-in-facility' } },
    { rule: 'kz.discipline.exempt', params: { person: 'released-from-work-pregnancy-childbirth' } },
  ],
  'discipline.days-needed': [{ rule: 'kz.discipline.solitary', params: { measure: 'solitary' } }],
  'discipline.punishment-block-too-long': [
    { rule: 'kz.discipline.punishment-block', params: { maxDays: 15, days: 20 } },
  ],
  'discipline.solitary-too-long': [
    { rule: 'kz.discipline.solitary', params: { maxMonths: 4, maxDays: 122, from: '2026-12-06', days: 200 } },
  ],
  'discipline.solitary-prior': [{ rule: 'kz.discipline.solitary-prior', params: {} }],
  'discipline.medical-before': [
    { rule: 'kz.discipline.medical-before', params: { hours: 24, placementAt: AT } },
  ],
  'discipline.medical-unfit': [
    { rule: 'kz.discipline.medical-before', params: { examinedAt: AT, placementAt: LATER } },
  ],
  'allegation.procurator-only': [{ rule: 'kz.torture.referral', params: {} }],
  'allegation.not-an-allegation': [{ rule: 'kz.torture.referral', params: {} }],
  'allegation.decision-final': [{ rule: 'kz.torture.referral', params: { last: 'sent-to-court' } }],
  'allegation.decision-order': [
    {
      rule: 'kz.torture.referral',
      params: { last: 'investigation-opened', allowed: ['joined', 'sent-to-court', 'discontinued'] },
    },
    { rule: 'kz.torture.referral', params: { last: 'none', allowed: ['investigation-opened'] } },
  ],
  'allegation.case-needed': [{ rule: 'kz.cases.joined', params: {} }],
  'allegation.join-unknown': [{ rule: 'kz.cases.joined', params: { reference: 'XDTR-P8B2-PB9Q' } }],
  'allegation.reason-needed': [{ rule: 'kz.torture.referral', params: {} }],
  'allegation.conflict': [
    { rule: 'kz.allegation.conflict', params: { office: 'procurator', region: 'KZ-71' } },
    { rule: 'kz.allegation.conflict', params: { office: 'investigator', region: 'KZ-75' } },
  ],
  'allegation.judge-only': [{ rule: 'kz.allegation.conflict', params: {} }],
  'allegation.already-with-judge': [{ rule: 'kz.allegation.conflict', params: {} }],
  'allegation.not-with-judge': [{ rule: 'kz.allegation.conflict', params: {} }],
  'judge-order.body-needed': [{ rule: 'kz.allegation.conflict', params: {} }],
  'judge-order.future': [{ rule: 'kz.allegation.conflict', params: { orderedAt: LATER } }],
  'suspects.name-each': [{ rule: 'kz.torture.suspension', params: {} }],
  'suspects.already-identified': [
    { rule: 'kz.torture.suspension', params: { official: 'майор полиции Б. Садыков' } },
  ],
  'suspects.named-twice': [
    { rule: 'kz.torture.suspension', params: { official: 'майор полиции Б. Садыков' } },
  ],
  'suspects.none': [{ rule: 'kz.torture.suspension', params: {} }],
  'suspension.not-identified': [
    { rule: 'kz.torture.suspension', params: { official: 'майор полиции Б. Садыков' } },
  ],
  'suspension.already': [{ rule: 'kz.torture.suspension', params: { official: 'майор полиции Б. Садыков' } }],
  'suspension.before-identification': [{ rule: 'kz.torture.suspension', params: { identifiedAt: LATER } }],
  'suspension.ordered-by': [{ rule: 'kz.torture.suspension', params: {} }],
  'court-outcome.sentence-needed': [{ rule: 'kz.torture.sentencing', params: {} }],
  'court-outcome.acquittal-sentence': [{ rule: 'kz.torture.sentencing', params: {} }],
  'court-outcome.article-needed': [{ rule: 'kz.torture.sentencing', params: {} }],
  'evidence.description-needed': [{ rule: 'kz.evidence.inadmissible', params: {} }],
  'protection.already-decided': [
    { rule: 'kz.transfer.protection', params: { decision: 'granted', decidedAt: AT } },
    { rule: 'kz.transfer.protection', params: { decision: 'refused', decidedAt: AT } },
  ],
  'footage.held': [{ rule: 'intl.death.report', params: { holds: 2 } }],
  'hold.procurator-only': [
    { rule: 'intl.death.report', params: { basis: 'death' } },
    { rule: 'kz.torture.referral', params: { basis: 'allegation' } },
  ],
  'medical.section-missing': [
    { rule: 'intl.medical.report', params: { section: 'consent' } },
    { rule: 'intl.medical.report', params: { section: 'circumstances' } },
    { rule: 'intl.medical.report', params: { section: 'account' } },
    { rule: 'intl.medical.report', params: { section: 'physical-findings' } },
    { rule: 'intl.medical.report', params: { section: 'psychological-findings' } },
    { rule: 'intl.medical.report', params: { section: 'opinion' } },
    { rule: 'intl.medical.report', params: { section: 'treatment' } },
  ],
  'medical.finding-incomplete': [
    { rule: 'intl.medical.report', params: { finding: 2, part: 'type' } },
    { rule: 'intl.medical.report', params: { finding: 2, part: 'site' } },
    { rule: 'intl.medical.report', params: { finding: 2, part: 'size' } },
    { rule: 'intl.medical.report', params: { finding: 2, part: 'shape' } },
    { rule: 'intl.medical.report', params: { finding: 2, part: 'colour' } },
    { rule: 'intl.medical.report', params: { finding: 2, part: 'estimated-age' } },
    { rule: 'intl.medical.report', params: { finding: 2, part: 'consistency' } },
  ],
  'medical.staff-present-reason': [{ rule: 'intl.medical.report', params: {} }],
  'medical.findings-without-consent': [{ rule: 'intl.medical.report', params: {} }],
  'medical.photographs-without-consent': [{ rule: 'intl.medical.report', params: {} }],
  'medical.amend-latest-only': [{ rule: 'intl.medical.report', params: { latest: 3 } }],
  'medical.amend-author-only': [{ rule: 'kz.medical.second-opinion', params: {} }],
  'medical.second-opinion-same-clinician': [{ rule: 'kz.medical.second-opinion', params: {} }],
  'medical.disclosure-basis': [
    { rule: 'intl.medical.disclosure', params: { recipient: 'procurator' } },
    { rule: 'intl.medical.disclosure', params: { recipient: 'other' } },
    { rule: 'intl.medical.disclosure', params: { recipient: 'person' } },
  ],
  'medical.fitness-needed': [{ rule: 'kz.discipline.medical-before', params: {} }],
  'case.already-opened': [{ rule: 'kz.cases.joined', params: {} }],
  'case.number-taken': [{ rule: 'kz.cases.joined', params: { number: '227500031000052' } }],
  'case.source-needed': [{ rule: 'kz.cases.joined', params: {} }],
  'case.source-twice': [{ rule: 'kz.cases.joined', params: { reference: '7KQ2-M9XD-4HTA' } }],
  'case.unknown-allegation': [{ rule: 'kz.torture.referral', params: { reference: '7KQ2-M9XD-4HTA' } }],
  'case.allegation-in-case': [{ rule: 'kz.cases.joined', params: { reference: '7KQ2-M9XD-4HTA' } }],
  'case.allegation-in-other-case': [
    { rule: 'kz.cases.joined', params: { reference: '7KQ2-M9XD-4HTA', number: '227500031000052' } },
  ],
  'case.unknown-official': [{ rule: 'kz.torture.suspension', params: { officialId: 'o1' } }],
  'case.date-future': [{ rule: 'kz.cases.joined', params: { date: '2026-05-01' } }],
  'case.date-before-opening': [
    { rule: 'kz.cases.joined', params: { date: '2026-04-01', openedOn: '2026-04-10' } },
  ],
  'case.step-before': [
    {
      rule: 'kz.torture.sentencing',
      params: { date: '2026-04-01', earlier: '2026-04-10', step: 'sent-to-court' },
    },
    {
      rule: 'kz.redress.fund',
      params: { date: '2026-04-01', earlier: '2026-04-10', step: 'redress-decided' },
    },
  ],
  'case.not-a-suspect': [{ rule: 'kz.torture.suspension', params: { officialId: 'o1' } }],
  'case.named-twice': [{ rule: 'kz.torture.sentencing', params: { officialId: 'o1' } }],
  'case.defendants-needed': [{ rule: 'kz.torture.sentencing', params: {} }],
  'case.defendant-decided': [{ rule: 'kz.torture.sentencing', params: { stage: 'convicted' } }],
  'case.not-charged': [{ rule: 'kz.torture.sentencing', params: { officialId: 'o1' } }],
  'case.not-in-court': [{ rule: 'kz.torture.sentencing', params: { officialId: 'o1' } }],
  'case.verdict-standing': [{ rule: 'kz.torture.sentencing', params: { officialId: 'o1' } }],
  'case.no-verdict': [{ rule: 'kz.torture.sentencing', params: { officialId: 'o1' } }],
  'case.appeal-open': [{ rule: 'kz.torture.sentencing', params: { officialId: 'o1' } }],
  'case.no-appeal': [{ rule: 'kz.torture.sentencing', params: { officialId: 'o1' } }],
  'case.appeal-outcome-needed': [{ rule: 'kz.torture.sentencing', params: {} }],
  'case.appeal-no-outcome': [{ rule: 'kz.torture.sentencing', params: { result: 'upheld' } }],
  'case.discontinued': [{ rule: 'kz.torture.sentencing', params: { discontinuedOn: '2026-04-10' } }],
  'case.before-court': [{ rule: 'kz.torture.sentencing', params: {} }],
  'case.not-discontinued': [{ rule: 'kz.torture.sentencing', params: {} }],
  'case.unknown-document': [{ rule: 'kz.torture.nullity', params: { documentId: 'd1' } }],
  'case.already-excluded': [{ rule: 'kz.evidence.inadmissible', params: { documentId: 'd1' } }],
  'case.decisions-needed': [{ rule: 'kz.torture.nullity', params: {} }],
  'case.not-a-decision': [{ rule: 'kz.torture.nullity', params: { documentId: 'd1' } }],
  'case.already-void': [{ rule: 'kz.torture.nullity', params: { documentId: 'd1' } }],
  'case.unknown-victim': [{ rule: 'kz.redress.fund', params: { victimId: 'v1' } }],
  'case.victim-already': [{ rule: 'kz.redress.fund', params: {} }],
  'case.unknown-redress': [{ rule: 'kz.redress.fund', params: { redressId: 'r1' } }],
  'redress.overpaid': [
    { rule: 'kz.redress.fund', params: { decidedKzt: 500000, paidKzt: 300000, amountKzt: 250000 } },
  ],
};

const findings = (withParams: boolean): FindingView[] =>
  Object.entries(FINDING_EXAMPLES).flatMap(([rule, cases]) =>
    (cases as Record<string, unknown>[]).map((params, index): FindingView => ({
      seq: 100 + index,
      rule,
      kind: rule === 'kz.custody.limit' ? 'breach' : 'flag',
      at: AT,
      detail: ENGLISH,
      ...(withParams ? { params: params as FindingView['params'] } : {}),
      pack: rule.split('.')[0] ?? 'kz',
      packVersion: '2026.1',
      recordedAt: LATER,
    })),
  );

const refusals = Object.entries(REFUSAL_EXAMPLES).flatMap(([code, cases]) =>
  cases.map((example) => ({ code, ...example })),
);

/** A complaint's receipt reference (src/domain/complaints/reference.ts): the complainant's own code, shown as it is. */
const RECEIPT = /\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b/g;

/** The words a reader sees: tags (and their attributes) gone, rule ids shown as code tags and receipts left out. */
function shownText(html: string): string {
  return html
    .replace(/<code\b[^>]*>[\s\S]*?<\/code>/g, ' ')
    .replace(RECEIPT, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#?\w+;/g, ' ')
    .replace(/\s+/g, ' ');
}

/** What must not be on a kk or ru page: English words, raw ISO 8601 moments or dates, internal codes. */
function foreignIn(html: string): string[] {
  const text = shownText(html);
  const found = [
    ...[...text.matchAll(/[A-Za-z][A-Za-z'’-]*/g)].map((match) => match[0]).filter((word) => word !== 'UTC'),
    ...[...text.matchAll(/\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?/g)].map((match) => match[0]),
  ];
  return [...new Set(found)];
}

const NON_ENGLISH: readonly Lang[] = ['kk', 'ru'];

const timelineEntry = (
  seq: number,
  type: TimelineEntryView['type'],
  details: TimelineEntryView['details'],
): TimelineEntryView => ({
  seq,
  version: seq,
  type,
  at: AT,
  recordedAt: LATER,
  actor: 'acc1',
  actorName: 'Капитан А. Сапаров',
  details,
  corrections: [],
});

const stayEntry = (seq: number, type: string, details: Record<string, unknown>): StayTimelineEntry =>
  ({
    seq,
    version: seq,
    type,
    at: AT,
    recordedAt: LATER,
    actor: 'acc1',
    actorName: 'Капитан А. Сапаров',
    details,
  }) as StayTimelineEntry;

const NAMES = { facilities: {}, decisions: {}, reports: {} };

describe('issue 18 item 3: every finding and every refusal is said in the reader’s language', () => {
  test('the examples cover every rule that makes findings and every reason a rule refuses for', async () => {
    const { FINDING_RULES } = await import('../../src/domain/findings.js');
    const { REFUSAL_CODES } = await import('../../src/domain/refusals.js');
    expect(Object.keys(FINDING_EXAMPLES).sort()).toEqual([...FINDING_RULES].sort());
    expect(Object.keys(REFUSAL_EXAMPLES).sort()).toEqual([...REFUSAL_CODES].sort());
  });

  for (const lang of NON_ENGLISH) {
    const tr = translator(lang);

    test(`${lang}: every finding kind, in the findings table, has no English, no raw UTC and no code`, async () => {
      const html = await (
        <FindingsTable tr={tr} findings={findings(true)} caption="Замечания" id="findings" />
      );
      expect(foreignIn(html)).toEqual([]);
      // Times on the local clock, saying which.
      expect(html).toContain('(UTC+05:00)');
    });

    test(`${lang}: a finding recorded before its parameters were says its rule’s sentence, not the log’s English`, async () => {
      const html = await (
        <FindingsTable tr={tr} findings={findings(false)} caption="Замечания" id="findings" />
      );
      expect(foreignIn(html)).toEqual([]);
    });

    test(`${lang}: every custody finding on the episode’s timeline is said from its parameters`, async () => {
      const custodyFindings = findings(true).filter(
        (finding) => finding.rule.startsWith('kz.custody') || finding.rule.startsWith('intl.custody'),
      );
      const entries = custodyFindings.map((finding, index) =>
        timelineEntry(200 + index, 'finding-recorded', {
          key: finding.rule,
          rule: finding.rule,
          kind: finding.kind,
          detail: finding.detail,
          pack: finding.pack,
          packVersion: finding.packVersion,
        }),
      );
      const html = await (
        <Timeline
          tr={tr}
          entries={[
            timelineEntry(190, 'judicial-requested', { requestId: 'jr4', kind: 'deposition' }),
            timelineEntry(191, 'judicial-ruled', {
              requestId: 'jr4',
              ruling: 'granted',
              court: 'Суд г. Астаны',
            }),
            ...entries,
          ]}
          findings={custodyFindings.map((finding, index) => ({ ...finding, seq: 200 + index }))}
        />
      );
      expect(foreignIn(html)).toEqual([]);
    });

    test(`${lang}: every finding and every refused disciplinary decision on a stay’s timeline`, async () => {
      const entries = [
        ...findings(true).map((finding, index) =>
          stayEntry(300 + index, 'finding-recorded', {
            key: finding.rule,
            rule: finding.rule,
            kind: finding.kind,
            detail: finding.detail,
            params: finding.params,
            pack: finding.pack,
            packVersion: finding.packVersion,
          }),
        ),
        ...refusals.map((refusal, index) =>
          stayEntry(400 + index, 'discipline-refused', {
            measure: 'punishment-block',
            days: 20,
            rule: refusal.rule,
            detail: ENGLISH,
            reason: { code: refusal.code, params: refusal.params },
          }),
        ),
        // Refused before its reason was kept: the rule's name says it.
        stayEntry(500, 'discipline-refused', {
          measure: 'solitary',
          days: 200,
          rule: 'kz.discipline.solitary',
          detail: ENGLISH,
        }),
      ];
      const html = await (<StayTimeline tr={tr} entries={entries} names={NAMES} />);
      expect(foreignIn(html)).toEqual([]);
    });

    test(`${lang}: the discipline form’s verdict says every refusal and its flags from their parameters`, async () => {
      for (const refusal of refusals) {
        const verdict = {
          allowed: false,
          rule: refusal.rule,
          detail: ENGLISH,
          code: refusal.code,
          params: refusal.params,
          breaches: [],
          flags: [],
          startsAt: null,
          endsAt: null,
        } as DisciplineCheckView;
        const html = await (<DisciplineVerdict tr={tr} verdict={verdict} numbers={RULE_NUMBERS} />);
        expect(foreignIn(html), refusal.code).toEqual([]);
      }
      const flagged = {
        allowed: true,
        rule: null,
        detail: null,
        code: null,
        params: null,
        flags: findings(true)
          .filter((finding) => finding.rule.startsWith('intl.solitary'))
          .map((finding) => ({ rule: finding.rule, detail: ENGLISH, params: finding.params })),
        startsAt: AT,
        endsAt: LATER,
      } as DisciplineCheckView;
      const html = await (<DisciplineVerdict tr={tr} verdict={flagged} numbers={RULE_NUMBERS} />);
      expect(foreignIn(html)).toEqual([]);
    });

    test(`${lang}: a form’s error summary says why a rule refused, in the reader’s language`, async () => {
      const errors = refusals.map(
        (refusal): FieldError =>
          ({
            field: 'at',
            message: 'errors.refused',
            refusal: { code: refusal.code, params: refusal.params },
          }) as FieldError,
      );
      const html = await (<ErrorSummary tr={tr} errors={errors} />);
      expect(foreignIn(html)).toEqual([]);
    });
  }
});
