import {
  isRefusalCode,
  type RefusalCode,
  type RefusalParamsByCode,
  type RefusalReason,
} from '../domain/refusals.js';
import { ruleName } from './custody-labels.js';
import { date, formatNumber, hasMessage, list, moment } from './finding-text.js';
import type { Translator } from './i18n.js';
import { measureName } from './prison-labels.js';
import { regionName } from './region-labels.js';

/*
 * Why the register refused, in the reader's language (issue 18 item 3): the sentence of the
 * refusal's code (src/domain/refusals.ts) made from its parameters, moments on the local clock and
 * codes as their words. A refusal with no reason as data (recorded before issue 18, or from a rule
 * the pages do not know yet) says that the rule refused, by its name. Plain text, for attributes
 * and `safe` content.
 */

/** What a page knows of a refusal: its reason as data, if any, the rule that refused, and its English. */
export interface RefusalView {
  reason?: { code: string; params?: unknown } | null | undefined;
  rule?: string | null | undefined;
  detail?: string | null | undefined;
}

export function refusalText(tr: Translator, refusal: RefusalView): string {
  const reason = refusal.reason;
  if (reason && isRefusalCode(reason.code) && typeof reason.params === 'object' && reason.params !== null) {
    const text = sentence(tr, reason as RefusalReason);
    if (text !== null) return text;
  }
  // With no reason as data, an English page has the register's own English, which says more.
  if (tr.lang === 'en' && refusal.detail) return refusal.detail;
  const rule = refusal.rule ?? '';
  return rule === '' ? tr.attr('errors.refused') : tr.attr('refusal.generic', { name: ruleName(tr, rule) });
}

/** The words of a closed-list code, or null when the pages know none (the general sentence then). */
function words(tr: Translator, key: string): string | null {
  return hasMessage(key) ? tr.attr(key) : null;
}

type Sentence<C extends RefusalCode> = (tr: Translator, params: RefusalParamsByCode[C]) => string | null;

const key = (code: RefusalCode) => `refusal.${code}` as const;

/** A sentence with no parameters, or with parameters that need no formatting. */
const plain =
  <C extends RefusalCode>(code: C): Sentence<C> =>
  (tr) =>
    tr.attr(key(code));

const SENTENCES: { [C in RefusalCode]: Sentence<C> } = {
  'moment.future': (tr, p) => tr.attr(key('moment.future'), { at: moment(tr, p.at) }),
  'moment.before-apprehension': (tr, p) =>
    tr.attr(key('moment.before-apprehension'), {
      at: moment(tr, p.at),
      apprehendedAt: moment(tr, p.apprehendedAt),
    }),
  'admission.future': (tr, p) => tr.attr(key('admission.future'), { admittedAt: moment(tr, p.admittedAt) }),
  'admission.deprived-after': (tr, p) =>
    tr.attr(key('admission.deprived-after'), {
      deprivedAt: moment(tr, p.deprivedAt),
      admittedAt: moment(tr, p.admittedAt),
    }),
  'placement.child': (tr, p) => {
    const population = words(tr, `facility.population.${p.population}`);
    return population === null
      ? null
      : tr.attr(key('placement.child'), { date: date(tr, p.date), population });
  },
  'placement.adult': (tr, p) => tr.attr(key('placement.adult'), { date: date(tr, p.date) }),
  'placement.woman': plain('placement.woman'),
  'placement.man': plain('placement.man'),
  'family.contact': plain('family.contact'),
  'family.delay-reason': plain('family.delay-reason'),
  'family.delay-authoriser': plain('family.delay-authoriser'),
  'court.already-approved': (tr, p) =>
    tr.attr(key('court.already-approved'), { seq: formatNumber(tr, p.seq) }),
  'judicial.unknown-request': plain('judicial.unknown-request'),
  'judicial.already-ruled': plain('judicial.already-ruled'),
  'interview.end-before-start': (tr, p) =>
    tr.attr(key('interview.end-before-start'), {
      startedAt: moment(tr, p.startedAt),
      endedAt: moment(tr, p.endedAt),
    }),
  'interview.after-custody': (tr, p) =>
    tr.attr(key('interview.after-custody'), {
      startedAt: moment(tr, p.startedAt),
      leftAt: moment(tr, p.leftAt),
    }),
  'interview.counsel-name': plain('interview.counsel-name'),
  'interview.counsel-name-without-counsel': (tr, p) => {
    const counsel = words(tr, `interview.counsel.${p.counsel}`);
    return counsel === null ? null : tr.attr(key('interview.counsel-name-without-counsel'), { counsel });
  },
  'interview.no-recording-reason': plain('interview.no-recording-reason'),
  'interview.reason-with-recording': plain('interview.reason-with-recording'),
  'discipline.prohibited': (tr, p) => {
    const sanction = words(tr, `prison.sanction.${p.sanction}`);
    return sanction === null
      ? tr.attr(key('discipline.unknown-measure'))
      : tr.attr(key('discipline.prohibited'), { sanction });
  },
  'discipline.unknown-measure': plain('discipline.unknown-measure'),
  'discipline.open-prison-only': (tr, p) =>
    tr.attr(key('discipline.open-prison-only'), { measure: measureName(tr, p.measure) }),
  'discipline.strict-conditions-first': plain('discipline.strict-conditions-first'),
  'discipline.exempt': (tr, p) => {
    const person = words(tr, `refusal.exempt.${p.person}`);
    return person === null ? null : tr.attr(key('discipline.exempt'), { person });
  },
  'discipline.days-needed': (tr, p) =>
    tr.attr(key('discipline.days-needed'), { measure: measureName(tr, p.measure) }),
  'discipline.punishment-block-too-long': (tr, p) =>
    tr.attr(key('discipline.punishment-block-too-long'), {
      maxDays: formatNumber(tr, p.maxDays),
      days: formatNumber(tr, p.days),
    }),
  'discipline.solitary-too-long': (tr, p) =>
    tr.attr(key('discipline.solitary-too-long'), {
      maxMonths: formatNumber(tr, p.maxMonths),
      maxDays: formatNumber(tr, p.maxDays),
      from: date(tr, p.from),
      days: formatNumber(tr, p.days),
    }),
  'discipline.solitary-prior': plain('discipline.solitary-prior'),
  'discipline.medical-before': (tr, p) =>
    tr.attr(key('discipline.medical-before'), {
      hours: formatNumber(tr, p.hours),
      placementAt: moment(tr, p.placementAt),
    }),
  'discipline.medical-unfit': (tr, p) =>
    tr.attr(key('discipline.medical-unfit'), {
      examinedAt: moment(tr, p.examinedAt),
      placementAt: moment(tr, p.placementAt),
    }),
  'allegation.procurator-only': plain('allegation.procurator-only'),
  'allegation.not-an-allegation': plain('allegation.not-an-allegation'),
  'allegation.decision-final': (tr, p) => {
    const last = words(tr, `allegation.decision.${p.last}`);
    return last === null ? null : tr.attr(key('allegation.decision-final'), { last });
  },
  'allegation.decision-order': (tr, p) => {
    const allowed = p.allowed.map((decision) => words(tr, `allegation.decision.${decision}`));
    if (allowed.length === 0 || allowed.some((decision) => decision === null)) return null;
    // "one of: joined with a case, sent to court or discontinued": each decision's words in lower case.
    const next = list(
      tr,
      (allowed as string[]).map((decision) =>
        decision.replace(/^./, (first) => first.toLocaleLowerCase(tr.lang)),
      ),
      'disjunction',
    );
    if (p.last === 'none') return tr.attr('refusal.allegation.decision-order.first', { allowed: next });
    const last = words(tr, `allegation.decision.${p.last}`);
    return last === null ? null : tr.attr(key('allegation.decision-order'), { last, allowed: next });
  },
  'allegation.case-needed': plain('allegation.case-needed'),
  'allegation.join-unknown': (tr, p) =>
    tr.attr(key('allegation.join-unknown'), { reference: String(p.reference) }),
  'allegation.reason-needed': plain('allegation.reason-needed'),
  // kz.allegation.conflict: the office said by its own sentence, its region by name.
  'allegation.conflict': (tr, p) =>
    tr.attr(
      p.office === 'investigator' ? 'refusal.allegation.conflict.investigator' : key('allegation.conflict'),
      { region: regionName(tr, p.region) },
    ),
  'allegation.judge-only': plain('allegation.judge-only'),
  'allegation.already-with-judge': plain('allegation.already-with-judge'),
  'allegation.not-with-judge': plain('allegation.not-with-judge'),
  'judge-order.body-needed': plain('judge-order.body-needed'),
  'judge-order.future': (tr, p) => tr.attr(key('judge-order.future'), { orderedAt: moment(tr, p.orderedAt) }),
  'suspects.name-each': plain('suspects.name-each'),
  'suspects.already-identified': (tr, p) =>
    tr.attr(key('suspects.already-identified'), { official: String(p.official) }),
  'suspects.named-twice': (tr, p) => tr.attr(key('suspects.named-twice'), { official: String(p.official) }),
  'suspects.none': plain('suspects.none'),
  'suspension.not-identified': (tr, p) =>
    tr.attr(key('suspension.not-identified'), { official: String(p.official) }),
  'suspension.already': (tr, p) => tr.attr(key('suspension.already'), { official: String(p.official) }),
  'suspension.before-identification': (tr, p) =>
    tr.attr(key('suspension.before-identification'), { identifiedAt: moment(tr, p.identifiedAt) }),
  'suspension.ordered-by': plain('suspension.ordered-by'),
  'court-outcome.sentence-needed': plain('court-outcome.sentence-needed'),
  'court-outcome.acquittal-sentence': plain('court-outcome.acquittal-sentence'),
  'court-outcome.article-needed': plain('court-outcome.article-needed'),
  'evidence.description-needed': plain('evidence.description-needed'),
  'protection.already-decided': (tr, p) => {
    const decision = words(tr, `refusal.protection.${p.decision}`);
    return decision === null
      ? null
      : tr.attr(key('protection.already-decided'), { decision, decidedAt: moment(tr, p.decidedAt) });
  },
  'footage.held': (tr, p) => tr.attr(key('footage.held'), { holds: formatNumber(tr, p.holds) }),
  'hold.procurator-only': (tr, p) =>
    tr.attr(p.basis === 'death' ? 'refusal.hold.procurator-only.death' : 'refusal.hold.procurator-only'),
  'medical.section-missing': (tr, p) => {
    const section = words(tr, `medical.section.${p.section}`);
    return section === null ? null : tr.attr(key('medical.section-missing'), { section });
  },
  'medical.finding-incomplete': (tr, p) => {
    const part = words(tr, `medical.findingPart.${p.part}`);
    return part === null
      ? null
      : tr.attr(key('medical.finding-incomplete'), { finding: formatNumber(tr, p.finding), part });
  },
  'medical.staff-present-reason': plain('medical.staff-present-reason'),
  'medical.findings-without-consent': plain('medical.findings-without-consent'),
  'medical.photographs-without-consent': plain('medical.photographs-without-consent'),
  'medical.amend-latest-only': (tr, p) =>
    tr.attr(key('medical.amend-latest-only'), { latest: formatNumber(tr, p.latest) }),
  'medical.amend-author-only': plain('medical.amend-author-only'),
  'medical.second-opinion-same-clinician': plain('medical.second-opinion-same-clinician'),
  'medical.disclosure-basis': (tr, p) =>
    tr.attr(
      p.recipient === 'person'
        ? 'refusal.medical.disclosure-basis.person'
        : p.recipient === 'other'
          ? 'refusal.medical.disclosure-basis.other'
          : 'refusal.medical.disclosure-basis',
    ),
  'medical.fitness-needed': plain('medical.fitness-needed'),
  'case.already-opened': plain('case.already-opened'),
  'case.number-taken': (tr, p) => tr.attr(key('case.number-taken'), { number: p.number }),
  'case.source-needed': plain('case.source-needed'),
  'case.source-twice': (tr, p) => tr.attr(key('case.source-twice'), { reference: p.reference }),
  'case.unknown-allegation': (tr, p) => tr.attr(key('case.unknown-allegation'), { reference: p.reference }),
  'case.allegation-in-case': (tr, p) => tr.attr(key('case.allegation-in-case'), { reference: p.reference }),
  'case.allegation-in-other-case': (tr, p) =>
    tr.attr(key('case.allegation-in-other-case'), { reference: p.reference, number: p.number }),
  'case.unknown-official': plain('case.unknown-official'),
  'case.date-future': (tr, p) => tr.attr(key('case.date-future'), { date: date(tr, p.date) }),
  'case.date-before-opening': (tr, p) =>
    tr.attr(key('case.date-before-opening'), { date: date(tr, p.date), openedOn: date(tr, p.openedOn) }),
  'case.step-before': (tr, p) => {
    const step = words(tr, `case.step.${p.step}`);
    return step === null
      ? null
      : tr.attr(key('case.step-before'), { date: date(tr, p.date), earlier: date(tr, p.earlier), step });
  },
  'case.not-a-suspect': plain('case.not-a-suspect'),
  'case.named-twice': plain('case.named-twice'),
  'case.defendants-needed': plain('case.defendants-needed'),
  'case.defendant-decided': (tr, p) => {
    const stage = words(tr, `case.stage.${p.stage}`);
    return stage === null ? null : tr.attr(key('case.defendant-decided'), { stage });
  },
  'case.not-charged': plain('case.not-charged'),
  'case.not-in-court': plain('case.not-in-court'),
  'case.verdict-standing': plain('case.verdict-standing'),
  'case.no-verdict': plain('case.no-verdict'),
  'case.appeal-open': plain('case.appeal-open'),
  'case.no-appeal': plain('case.no-appeal'),
  'case.appeal-outcome-needed': plain('case.appeal-outcome-needed'),
  'case.appeal-no-outcome': plain('case.appeal-no-outcome'),
  'case.discontinued': (tr, p) => tr.attr(key('case.discontinued'), { date: date(tr, p.discontinuedOn) }),
  'case.before-court': plain('case.before-court'),
  'case.not-discontinued': plain('case.not-discontinued'),
  'case.unknown-document': plain('case.unknown-document'),
  'case.already-excluded': plain('case.already-excluded'),
  'case.decisions-needed': plain('case.decisions-needed'),
  'case.not-a-decision': plain('case.not-a-decision'),
  'case.already-void': plain('case.already-void'),
  'case.unknown-victim': plain('case.unknown-victim'),
  'case.victim-already': plain('case.victim-already'),
  'case.unknown-redress': plain('case.unknown-redress'),
  'redress.overpaid': (tr, p) =>
    tr.attr(key('redress.overpaid'), {
      decided: formatNumber(tr, p.decidedKzt),
      paid: formatNumber(tr, p.paidKzt),
      amount: formatNumber(tr, p.amountKzt),
    }),
};

function sentence(tr: Translator, reason: RefusalReason): string | null {
  try {
    return (SENTENCES[reason.code] as Sentence<RefusalCode>)(tr, reason.params as never);
  } catch {
    // Parameters that do not fit the code (a hand-made API call, an entry of another version).
    return null;
  }
}
