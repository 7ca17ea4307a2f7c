import {
  COURT_DECISIONS,
  FAMILY_MEANS,
  FAMILY_OUTCOMES,
  FINDING_KINDS,
  INTERVIEW_COUNSEL,
  INTERVIEW_ROLES,
  JUDICIAL_REQUEST_KINDS,
  JUDICIAL_RULINGS,
  RIGHTS_METHODS,
  type CorrectableField,
  type CustodyEventType,
  type InterviewCounsel,
  type InterviewRole,
} from '../domain/custody/events.js';
import type { CustodyStatus } from '../domain/custody/state.js';
import { REACHES } from '../domain/registry/reach.js';
import { complaintRuleName } from './complaint-labels.js';
import { MESSAGES, type MessageKey, type Translator } from './i18n.js';
import { isPrisonRule, prisonRuleName } from './prison-labels.js';
import { COMMON_LANGUAGES, languageKey, type CommonLanguage } from './pages/person-form.js';

/*
 * The words of the custody pages for the register's codes: rule ids, event types, statuses and
 * the closed lists of the events (src/domain/custody/events.ts). A code the pages do not know yet
 * (a newer rule) is shown as it is rather than hidden.
 */

/** The police-custody rules of RULES.md that the pages name. */
export const CUSTODY_RULES = [
  'kz.custody.limit',
  'kz.custody.actual-time',
  'kz.custody.rights',
  'kz.custody.counsel',
  'kz.custody.medical',
  'kz.custody.family',
  'kz.custody.injury-log',
  'kz.custody.deposition',
  'kz.custody.interview',
  'intl.register.minimum',
  'intl.custody.transfer-notice',
  'intl.custody.consular',
  'intl.custody.interpreter',
  'intl.custody.record-copy',
] as const;
export type CustodyRule = (typeof CUSTODY_RULES)[number];

export const isCustodyRule = (rule: string): rule is CustodyRule =>
  (CUSTODY_RULES as readonly string[]).includes(rule);

/** A rule's name in the reader's language (plain text, for attributes and `safe` text). */
export function ruleName(tr: Translator, rule: string): string {
  if (isCustodyRule(rule)) return tr.attr(`rule.${rule}`);
  // kz.placement.separation: arrests, admissions and transfers alike (issue 17).
  if (rule === 'kz.placement.separation') return tr.attr('rule.kz.placement.separation');
  // The prison rules (prison-labels.ts) and the complaint channel's (complaint-labels.ts) are named there.
  if (isPrisonRule(rule)) return prisonRuleName(tr, rule);
  const named = complaintRuleName(tr, rule);
  if (named !== rule) return named;
  // Any other rule the pages have a name for (the allegations', footage's); an unknown id as it is.
  const key = `rule.${rule}`;
  return Object.hasOwn(MESSAGES.en, key) ? tr.attr(key as MessageKey) : rule;
}

export function eventName(tr: Translator, type: CustodyEventType | string): string {
  const key = `event.${type}` as MessageKey;
  return EVENT_TYPES.has(type) ? tr.attr(key) : type;
}

const EVENT_TYPES = new Set<string>([
  'custody-opened',
  'rights-explained',
  'counsel-requested',
  'counsel-arrived',
  'family-notified',
  'medical-examined',
  'injury-recorded',
  'court-decision',
  'released',
  'transferred',
  'consular-rights-explained',
  'consulate-notified',
  'judicial-requested',
  'judicial-ruled',
  'interview-recorded',
  'custody-corrected',
  'finding-recorded',
] satisfies CustodyEventType[]);

export function statusName(tr: Translator, status: CustodyStatus | string): string {
  switch (status) {
    case 'in-custody':
    case 'released':
    case 'transferred':
      return tr.attr(`custody.status.${status}`);
    default:
      return status;
  }
}

export function findingKindName(tr: Translator, kind: string): string {
  return (FINDING_KINDS as readonly string[]).includes(kind)
    ? tr.attr(`finding.kind.${kind as (typeof FINDING_KINDS)[number]}`)
    : kind;
}

/** A language tag as its name when the pages know it (`kk` → Kazakh), else the tag itself. */
export function languageName(tr: Translator, tag: string): string {
  const primary = tag.split('-')[0]?.toLowerCase() ?? '';
  if ((COMMON_LANGUAGES as readonly string[]).includes(primary)) {
    const name = tr.attr(languageKey(primary as CommonLanguage));
    return primary === tag ? name : `${name} (${tag})`;
  }
  return tag;
}

/**
 * A citizenship (ISO 3166-1 alpha-2) as the country's name in the reader's language, from the
 * runtime's CLDR data (`KZ` → Қазақстан), with the code beside it; an unknown code as itself.
 */
export function countryName(tr: Translator, code: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return code;
  const name = new Intl.DisplayNames([tr.lang], { type: 'region', fallback: 'none' }).of(code);
  return name === undefined ? code : `${name} (${code})`;
}

export const CORRECTABLE_LABELS: Record<CorrectableField, MessageKey> = {
  apprehendedAt: 'custody.detail.apprehendedAt',
  place: 'custody.detail.place',
  grounds: 'custody.detail.grounds',
  arrestingOfficer: 'custody.detail.arrestingOfficer',
  at: 'custody.detail.at',
};

/** Fields of an entry shown on the timeline and the record, in this order; others are not shown. */
export const DETAIL_FIELDS: Record<CustodyEventType, readonly DetailField[]> = {
  'custody-opened': [
    'apprehendedAt',
    'place',
    'grounds',
    'arrestingOfficer',
    'orderingAuthority',
    'juvenile',
    'foreignNational',
    'languages',
    'reachedBy',
  ],
  'rights-explained': ['language', 'method', 'interpreter'],
  'counsel-requested': [],
  'counsel-arrived': ['counsel'],
  'family-notified': ['outcome', 'contact', 'means', 'reason', 'authorisedBy'],
  'medical-examined': ['examinedBy', 'injuriesSeen'],
  'injury-recorded': ['observedBy', 'description'],
  'court-decision': ['decision', 'court'],
  released: ['reason'],
  transferred: ['destinationFacilityId', 'reason'],
  'consular-rights-explained': ['notificationRequested'],
  'consulate-notified': ['consulate'],
  // A request's id is the register's code: the entry itself is the request (its number is shown).
  'judicial-requested': ['kind'],
  'judicial-ruled': ['ruling', 'court', 'requestId'],
  // The interview's details are in the episode's interviews, beside its findings (kz.custody.interview).
  'interview-recorded': [],
  'custody-corrected': ['field', 'from', 'to', 'reason'],
  'finding-recorded': ['rule', 'kind', 'detail'],
};

export type DetailField =
  | 'apprehendedAt'
  | 'place'
  | 'grounds'
  | 'arrestingOfficer'
  | 'orderingAuthority'
  | 'juvenile'
  | 'foreignNational'
  | 'languages'
  | 'language'
  | 'method'
  | 'interpreter'
  | 'counsel'
  | 'outcome'
  | 'contact'
  | 'means'
  | 'reason'
  | 'authorisedBy'
  | 'examinedBy'
  | 'injuriesSeen'
  | 'observedBy'
  | 'description'
  | 'decision'
  | 'court'
  | 'destinationFacilityId'
  | 'notificationRequested'
  | 'consulate'
  | 'kind'
  | 'requestId'
  | 'ruling'
  | 'field'
  | 'from'
  | 'to'
  | 'rule'
  | 'detail'
  | 'reachedBy';

export const DETAIL_LABELS: Record<DetailField, MessageKey> = {
  apprehendedAt: 'custody.detail.apprehendedAt',
  place: 'custody.detail.place',
  grounds: 'custody.detail.grounds',
  arrestingOfficer: 'custody.detail.arrestingOfficer',
  orderingAuthority: 'custody.detail.orderingAuthority',
  juvenile: 'custody.detail.juvenile',
  foreignNational: 'custody.detail.foreignNational',
  languages: 'custody.detail.languages',
  language: 'custody.detail.language',
  method: 'custody.detail.method',
  interpreter: 'custody.detail.interpreter',
  counsel: 'custody.detail.counsel',
  outcome: 'custody.detail.outcome',
  contact: 'custody.detail.contact',
  means: 'custody.detail.means',
  reason: 'custody.detail.reason',
  authorisedBy: 'custody.detail.authorisedBy',
  examinedBy: 'custody.detail.examinedBy',
  injuriesSeen: 'custody.detail.injuriesSeen',
  observedBy: 'custody.detail.observedBy',
  description: 'custody.detail.description',
  decision: 'custody.detail.decision',
  court: 'custody.detail.court',
  destinationFacilityId: 'custody.detail.destination',
  notificationRequested: 'custody.detail.notificationRequested',
  consulate: 'custody.detail.consulate',
  kind: 'custody.detail.kind',
  requestId: 'custody.detail.requestId',
  ruling: 'custody.detail.ruling',
  field: 'custody.detail.field',
  from: 'custody.detail.from',
  to: 'custody.detail.to',
  rule: 'custody.detail.rule',
  detail: 'custody.detail.detail',
  reachedBy: 'reach.detail',
};

/** The closed lists of the events, each value with its words. */
export const ENUM_LABELS: Partial<Record<DetailField, Record<string, MessageKey>>> = {
  method: Object.fromEntries(RIGHTS_METHODS.map((value) => [value, `rights.method.${value}` as const])),
  outcome: Object.fromEntries(FAMILY_OUTCOMES.map((value) => [value, `family.outcome.${value}` as const])),
  means: Object.fromEntries(FAMILY_MEANS.map((value) => [value, `family.means.${value}` as const])),
  decision: Object.fromEntries(COURT_DECISIONS.map((value) => [value, `court.decision.${value}` as const])),
  ruling: Object.fromEntries(JUDICIAL_RULINGS.map((value) => [value, `judicial.ruling.${value}` as const])),
  reachedBy: Object.fromEntries(REACHES.map((value) => [value, `reach.by.${value}` as const])),
};

/** Who else was present at an interview, in words (kz.custody.interview). */
export const INTERVIEW_ROLE_LABELS: Record<InterviewRole, MessageKey> = Object.fromEntries(
  INTERVIEW_ROLES.map((value) => [value, `interview.role.${value}` as const]),
) as Record<InterviewRole, MessageKey>;

/** Counsel at an interview, in words. */
export const INTERVIEW_COUNSEL_LABELS: Record<InterviewCounsel, MessageKey> = Object.fromEntries(
  INTERVIEW_COUNSEL.map((value) => [value, `interview.counsel.${value}` as const]),
) as Record<InterviewCounsel, MessageKey>;

/** `kind` is a judicial request's kind on one event and a finding's on another. */
export const JUDICIAL_KIND_LABELS: Record<string, MessageKey> = Object.fromEntries(
  JUDICIAL_REQUEST_KINDS.map((value) => [value, `judicial.kind.${value}` as const]),
);
