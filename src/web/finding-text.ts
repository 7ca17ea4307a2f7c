import { KZ_UTC_OFFSET_MINUTES } from '../rules/kz/custody.js';
import {
  INJURY_NOTE_SOURCES,
  isFindingRule,
  type FindingParamsByRule,
  type InjuryNoteSource,
  type FindingRule,
  type SentencingConcern,
  type SolitaryExemptGroup,
} from '../domain/findings.js';
import { JUDICIAL_KIND_LABELS, languageName, ruleName } from './custody-labels.js';
import { formatMoment } from './custody-time.js';
import { formatDate } from './format.js';
import { MESSAGES, type MessageKey, type Translator } from './i18n.js';
import { measureName, searchKindName, transferReasonName } from './prison-labels.js';
import { regionName } from './region-labels.js';

/*
 * What a finding says, in the reader's language (issue 18 item 3): the rule's sentence made from
 * the finding's parameters (src/domain/findings.ts), moments on the local clock (formatMoment),
 * dates, numbers and lists as the language writes them, codes as their words. A finding recorded
 * before its parameters were (or whose parameters do not fit the rule) says the rule's own general
 * sentence — on an English page its recorded English instead, which says more. Plain text, for
 * attributes and `safe` content.
 */

/** What a page knows of a finding: its rule, its parameters if it has them, and its English. */
export interface FindingStatementView {
  rule: string;
  params?: unknown;
  detail?: string;
}

/** The finding's sentence. */
export function findingText(tr: Translator, finding: FindingStatementView): string {
  if (isFindingRule(finding.rule) && isRecord(finding.params)) {
    try {
      return SENTENCES[finding.rule](tr, finding.params as never);
    } catch (error) {
      if (!(error instanceof ParameterError)) throw error;
    }
  }
  if (tr.lang === 'en' && finding.detail) return finding.detail;
  return genericFindingText(tr, finding.rule);
}

/** The general sentence of a rule's findings (for entries without parameters). */
export function genericFindingText(tr: Translator, rule: string): string {
  const key = `finding.generic.${rule}`;
  return hasMessage(key)
    ? tr.attr(key as MessageKey)
    : tr.attr('finding.generic', { name: ruleName(tr, rule) });
}

// ---------------------------------------------------------------------------------------------
// Formatting the parameters: each helper refuses a value of the wrong kind (ParameterError), so a
// finding whose parameters do not fit says the general sentence instead of a broken one.

class ParameterError extends Error {}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const hasMessage = (key: string): key is MessageKey => Object.hasOwn(MESSAGES.en, key);

function numberValue(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ParameterError('not a number');
  return value;
}

function textValue(value: unknown): string {
  if (typeof value !== 'string') throw new ParameterError('not text');
  return value;
}

/** A number as the language writes it: `1,5` in Russian and Kazakh. */
export function formatNumber(tr: Translator, value: unknown): string {
  return new Intl.NumberFormat(tr.lang, { maximumFractionDigits: 2 }).format(numberValue(value));
}

/** A moment (ISO 8601) on the local clock, saying which. */
export function moment(tr: Translator, value: unknown): string {
  const text = textValue(value);
  if (Number.isNaN(Date.parse(text))) throw new ParameterError('not a moment');
  return formatMoment(tr.lang, text);
}

/**
 * A moment that stands for a day — a dated decision counted from that day's Kazakhstan midnight
 * (case files, issue 20) — as the day; any other moment with its time.
 */
function dayOrMoment(tr: Translator, value: unknown): string {
  const text = textValue(value);
  const millis = Date.parse(text);
  if (Number.isNaN(millis)) throw new ParameterError('not a moment');
  const local = new Date(millis + KZ_OFFSET_MS).toISOString();
  return local.endsWith('T00:00:00.000Z')
    ? formatDate(tr.lang, local.slice(0, 10))
    : formatMoment(tr.lang, text);
}

/** Kazakhstan's clock, as the register keeps its days. */
const KZ_OFFSET_MS = KZ_UTC_OFFSET_MINUTES * 60_000;

/** A calendar date (YYYY-MM-DD) in words. */
export function date(tr: Translator, value: unknown): string {
  const text = textValue(value);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new ParameterError('not a date');
  return formatDate(tr.lang, text);
}

/** Items joined as the language joins a list ("a, b and c"; with `disjunction`, "a, b or c"). */
export function list(
  tr: Translator,
  items: readonly string[],
  type: 'conjunction' | 'disjunction' = 'conjunction',
): string {
  return new Intl.ListFormat(tr.lang, { style: 'long', type }).format(items);
}

function listOf<Item>(value: unknown, each: (item: unknown) => Item): Item[] {
  if (!Array.isArray(value) || value.length === 0) throw new ParameterError('not a list');
  return value.map(each);
}

/** A code of a closed list as its words (a code the pages do not know makes the sentence general). */
function label(tr: Translator, prefix: string, value: unknown): string {
  const key = `${prefix}.${textValue(value)}`;
  if (!hasMessage(key)) throw new ParameterError(`no words for ${key}`);
  return tr.attr(key);
}

/** A length of time in hours and minutes: "3 h 20 min". */
export function duration(tr: Translator, milliseconds: number): string {
  const minutesTotal = Math.max(0, Math.round(milliseconds / 60_000));
  const hours = Math.floor(minutesTotal / 60);
  const minutes = minutesTotal % 60;
  if (hours === 0) return tr.attr('duration.minutes', { minutes });
  return minutes === 0
    ? tr.attr('duration.hours', { hours })
    : tr.attr('duration.hoursMinutes', { hours, minutes });
}

const measure = (tr: Translator, value: unknown): string => {
  const code = textValue(value);
  const name = measureName(tr, code);
  if (name === code) throw new ParameterError('unknown measure');
  return name;
};

const groupName = (tr: Translator, group: unknown): string => label(tr, 'finding.group', group);
const concernName = (tr: Translator, concern: unknown): string => label(tr, 'finding.concern', concern);

// ---------------------------------------------------------------------------------------------
// The sentences, one per rule (a rule added to src/domain/findings.ts and not here fails to compile).

type Sentence<R extends FindingRule> = (tr: Translator, params: Partial<FindingParamsByRule[R]>) => string;

const SENTENCES: { [R in FindingRule]: Sentence<R> } = {
  'kz.custody.limit': (tr, p) =>
    tr.attr(
      p.juvenile === true ? 'finding.text.kz.custody.limit.juvenile' : 'finding.text.kz.custody.limit',
      {
        hours: formatNumber(tr, p.hours),
        apprehendedAt: moment(tr, p.apprehendedAt),
      },
    ),
  'kz.custody.actual-time': (tr, p) =>
    tr.attr('finding.text.kz.custody.actual-time', {
      recordedAt: moment(tr, p.recordedAt),
      apprehendedAt: moment(tr, p.apprehendedAt),
      gap: duration(tr, Date.parse(textValue(p.recordedAt)) - Date.parse(textValue(p.apprehendedAt))),
      maxHours: formatNumber(tr, p.maxHours),
    }),
  'kz.custody.rights': (tr, p) =>
    tr.attr('finding.text.kz.custody.rights', {
      hours: formatNumber(tr, p.hours),
      apprehendedAt: moment(tr, p.apprehendedAt),
    }),
  'kz.custody.medical': (tr, p) =>
    tr.attr('finding.text.kz.custody.medical', {
      hours: formatNumber(tr, p.hours),
      apprehendedAt: moment(tr, p.apprehendedAt),
    }),
  'kz.custody.family': (tr, p) =>
    tr.attr('finding.text.kz.custody.family', {
      hours: formatNumber(tr, p.hours),
      apprehendedAt: moment(tr, p.apprehendedAt),
    }),
  'kz.custody.counsel': (tr, p) =>
    tr.attr('finding.text.kz.custody.counsel', {
      hours: formatNumber(tr, p.hours),
      requestedAt: moment(tr, p.requestedAt),
    }),
  'kz.custody.deposition': (tr, p) => {
    const kind = JUDICIAL_KIND_LABELS[textValue(p.request)];
    if (!kind) throw new ParameterError('unknown request');
    return tr.attr('finding.text.kz.custody.deposition', {
      hours: formatNumber(tr, p.hours),
      request: tr.attr(kind),
      requestedAt: moment(tr, p.requestedAt),
    });
  },
  'kz.custody.interview': (tr, p) => {
    const startedAt = moment(tr, p.startedAt);
    const q = p as { rightsExplainedAt?: unknown; requestedAt?: unknown; counsel?: unknown };
    switch (p.concern) {
      case 'before-rights':
        return q.rightsExplainedAt === null
          ? tr.attr('finding.text.kz.custody.interview.before-rights.none', { startedAt })
          : tr.attr('finding.text.kz.custody.interview.before-rights', {
              startedAt,
              rightsExplainedAt: moment(tr, q.rightsExplainedAt),
            });
      case 'counsel-absent':
        return tr.attr(
          q.counsel === 'present'
            ? 'finding.text.kz.custody.interview.counsel-absent.present'
            : 'finding.text.kz.custody.interview.counsel-absent',
          { startedAt, requestedAt: moment(tr, q.requestedAt) },
        );
      case 'not-recorded':
        return tr.attr('finding.text.kz.custody.interview.not-recorded', { startedAt });
      default:
        throw new ParameterError('unknown concern');
    }
  },
  'intl.custody.consular': (tr, p) =>
    tr.attr(
      p.notificationRequested === true
        ? 'finding.text.intl.custody.consular.requested'
        : 'finding.text.intl.custody.consular',
      { hours: formatNumber(tr, p.hours), apprehendedAt: moment(tr, p.apprehendedAt) },
    ),
  'intl.custody.transfer-notice': (tr, p) =>
    tr.attr('finding.text.intl.custody.transfer-notice', {
      hours: formatNumber(tr, p.hours),
      transferredAt: moment(tr, p.transferredAt),
    }),
  'intl.custody.interpreter': (tr, p) =>
    tr.attr('finding.text.intl.custody.interpreter', {
      language: languageName(tr, textValue(p.language)),
      understood: list(
        tr,
        listOf(p.understood, (tag) => languageName(tr, textValue(tag))),
      ),
    }),
  'kz.admission.medical': (tr, p) =>
    tr.attr(
      p.arrival === 'transfer'
        ? 'finding.text.kz.admission.medical.transfer'
        : 'finding.text.kz.admission.medical',
      { hours: formatNumber(tr, p.hours), arrivedAt: moment(tr, p.arrivedAt) },
    ),
  'intl.solitary.definition': (tr, p) =>
    tr.attr('finding.text.intl.solitary.definition', {
      place: textValue(p.place),
      hours: formatNumber(tr, p.hoursWithoutContact),
    }),
  'intl.solitary.exempt': (tr, p) => {
    const groups = list(
      tr,
      listOf(p.groups, (group) => groupName(tr, group as SolitaryExemptGroup)),
    );
    return 'measure' in p
      ? tr.attr('finding.text.intl.solitary.exempt.measure', { groups, measure: measure(tr, p.measure) })
      : tr.attr('finding.text.intl.solitary.exempt', {
          groups,
          place: textValue((p as { place?: unknown }).place),
        });
  },
  'intl.solitary.prolonged': (tr, p) =>
    'measure' in p
      ? tr.attr('finding.text.intl.solitary.prolonged.decided', {
          measure: measure(tr, p.measure),
          days: formatNumber(tr, p.days),
          limitDays: formatNumber(tr, p.limitDays),
          nationalMaxMonths: formatNumber(tr, p.nationalMaxMonths),
        })
      : tr.attr('finding.text.intl.solitary.prolonged', {
          limitDays: formatNumber(tr, p.limitDays),
          since: moment(tr, (p as { since?: unknown }).since),
        }),
  'intl.search.women': (tr, p) => {
    const search = searchKindName(tr, textValue(p.search));
    if (search === p.search) throw new ParameterError('unknown search');
    return tr.attr('finding.text.intl.search.women', { search, searchedBy: textValue(p.searchedBy) });
  },
  'intl.exercise': (tr, p) =>
    tr.attr('finding.text.intl.exercise', {
      date: date(tr, p.date),
      minutes: formatNumber(tr, p.minutes),
      required: formatNumber(tr, p.requiredMinutes),
    }),
  'kz.life.exercise': (tr, p) =>
    tr.attr('finding.text.kz.life.exercise', {
      date: date(tr, p.date),
      minutes: formatNumber(tr, p.minutes),
      required: formatNumber(tr, p.requiredMinutes),
    }),
  'intl.solitary.health-visits': (tr, p) =>
    tr.attr('finding.text.intl.solitary.health-visits', { date: date(tr, p.date) }),
  'intl.complaint.answer': (tr, p) =>
    tr.attr('finding.text.intl.complaint.answer', {
      days: formatNumber(tr, p.days),
      receivedAt: moment(tr, p.receivedAt),
    }),
  'kz.transfer.protection': (tr, p) =>
    tr.attr(
      p.request === 'transfer'
        ? 'finding.text.kz.transfer.protection.transfer'
        : 'finding.text.kz.transfer.protection',
      { hours: formatNumber(tr, p.hours), requestedAt: moment(tr, p.requestedAt) },
    ),
  // kz.allegation.conflict: no order of the investigating judge in time; the office's region by name.
  'kz.allegation.conflict': (tr, p) =>
    tr.attr(
      textValue(p.office) === 'investigator'
        ? 'finding.text.kz.allegation.conflict.investigator'
        : 'finding.text.kz.allegation.conflict',
      {
        hours: formatNumber(tr, p.hours),
        routedAt: moment(tr, p.routedAt),
        region: regionName(tr, textValue(p.region)),
      },
    ),
  'kz.torture.suspension': (tr, p) =>
    tr.attr('finding.text.kz.torture.suspension', {
      official: textValue(p.official),
      identifiedAt: moment(tr, p.identifiedAt),
      hours: formatNumber(tr, p.hours),
    }),
  'kz.torture.sentencing': (tr, p) =>
    tr.attr('finding.text.kz.torture.sentencing', {
      decidedAt: dayOrMoment(tr, p.decidedAt),
      article: textValue(p.article),
      concerns: list(
        tr,
        listOf(p.concerns, (concern) => concernName(tr, concern as SentencingConcern)),
      ),
    }),
  'kz.complaint.reprisal': (tr, p) => {
    const common = {
      actionAt: moment(tr, p.actionAt),
      complainedAt: moment(tr, p.complainedAt),
      watchDays: formatNumber(tr, p.watchDays),
    };
    const said =
      p.action === 'transfer'
        ? tr.attr('finding.text.kz.complaint.reprisal.transfer', {
            ...common,
            reason: transferReason(tr, (p as { reason?: unknown }).reason),
          })
        : typeof (p as { days?: unknown }).days === 'number'
          ? tr.attr('finding.text.kz.complaint.reprisal.days', {
              ...common,
              measure: measure(tr, (p as { measure?: unknown }).measure),
              days: formatNumber(tr, (p as { days?: unknown }).days),
            })
          : tr.attr('finding.text.kz.complaint.reprisal', {
              ...common,
              measure: measure(tr, (p as { measure?: unknown }).measure),
            });
    const reference = typeof p.reference === 'string' ? p.reference : null;
    return reference === null
      ? said
      : `${said} ${tr.attr('finding.text.kz.complaint.reprisal.reference', { reference })}`;
  },
  'kz.medical.report-duty': (tr, p) => {
    if (p.duty === 'refer')
      return tr.attr('finding.text.kz.medical.report-duty.refer', {
        documentedAt: moment(tr, (p as { documentedAt?: unknown }).documentedAt),
      });
    if (p.duty !== 'document') throw new ParameterError('unknown duty');
    const { noted, notedAt, hours } = p as { noted?: unknown; notedAt?: unknown; hours?: unknown };
    return tr.attr(undocumentedKey(noted), { notedAt: moment(tr, notedAt), hours: formatNumber(tr, hours) });
  },
};

/** The sentence of an injury noted by `noted` and not documented in time (kz.medical.report-duty). */
function undocumentedKey(noted: unknown): MessageKey {
  if (!(INJURY_NOTE_SOURCES as readonly unknown[]).includes(noted))
    throw new ParameterError('unknown source of an injury note');
  return `finding.text.kz.medical.report-duty.${noted as InjuryNoteSource}`;
}

function transferReason(tr: Translator, value: unknown): string {
  const code = textValue(value);
  const name = transferReasonName(tr, code);
  if (name === code) throw new ParameterError('unknown transfer reason');
  return name;
}
