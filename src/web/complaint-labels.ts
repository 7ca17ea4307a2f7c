import {
  ALLEGATION_DECISIONS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  CONCERNED_OFFICES,
  PROTECTION_DECISIONS,
  PROTECTION_KINDS,
  RECEIVED_CHANNELS,
  type AllegationDecisionKind,
  type ComplaintCategory,
  type ComplaintChannel,
  type ConcernedOffice,
  type ProtectionKind,
} from '../domain/complaints/events.js';
import { COMPLAINT_STATUSES, type ComplaintStatus } from '../domain/complaints/state.js';
import type { IconName } from './components/kiosk-icons.js';
import type { MessageKey, Translator } from './i18n.js';

/*
 * The words of the complaint pages for the register's codes (src/domain/complaints/events.ts and
 * state.ts): categories, channels, statuses, the procurator's decisions and the governor's. As in
 * custody-labels.ts, a code the pages do not know yet is shown as it is rather than hidden.
 */

export {
  ALLEGATION_DECISIONS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_STATUSES,
  CONCERNED_OFFICES,
  PROTECTION_DECISIONS,
  RECEIVED_CHANNELS,
};

const known = <Value extends string>(list: readonly Value[], value: string): value is Value =>
  (list as readonly string[]).includes(value);

export const CATEGORY_TEXT: Record<ComplaintCategory, MessageKey> = {
  'torture-or-ill-treatment': 'complaint.category.torture-or-ill-treatment',
  conditions: 'complaint.category.conditions',
  health: 'complaint.category.health',
  discipline: 'complaint.category.discipline',
  reprisal: 'complaint.category.reprisal',
  other: 'complaint.category.other',
};

/** The kiosk's pictures (components/kiosk-icons.tsx): the same picture the complainant chose. */
export const CATEGORY_ICON: Record<ComplaintCategory, IconName> = {
  'torture-or-ill-treatment': 'torture-or-ill-treatment',
  conditions: 'conditions',
  health: 'health',
  discipline: 'discipline',
  reprisal: 'reprisal',
  other: 'other',
};

export const CHANNEL_TEXT: Record<ComplaintChannel, MessageKey> = {
  kiosk: 'complaint.channel.kiosk',
  paper: 'complaint.channel.paper',
  lawyer: 'complaint.channel.lawyer',
  family: 'complaint.channel.family',
  ombudsman: 'complaint.channel.ombudsman',
  hotline: 'complaint.channel.hotline',
};

export const STATUS_TEXT: Record<ComplaintStatus, MessageKey> = {
  received: 'complaint.status.received',
  'referred-to-procurator': 'complaint.status.referred-to-procurator',
  'referred-to-investigating-judge': 'complaint.status.referred-to-investigating-judge',
  'under-investigation': 'complaint.status.under-investigation',
  answered: 'complaint.status.answered',
  closed: 'complaint.status.closed',
};

/** kz.allegation.conflict: whose own office a complaint is about. */
export const OFFICE_TEXT: Record<ConcernedOffice, MessageKey> = {
  procurator: 'complaint.office.procurator',
  investigator: 'complaint.office.investigator',
};

export const DECISION_TEXT: Record<AllegationDecisionKind, MessageKey> = {
  'investigation-opened': 'allegation.decision.investigation-opened',
  joined: 'allegation.decision.joined',
  'sent-to-court': 'allegation.decision.sent-to-court',
  discontinued: 'allegation.decision.discontinued',
};

export const DECISION_HINT: Record<AllegationDecisionKind, MessageKey> = {
  'investigation-opened': 'allegation.decision.investigation-opened.hint',
  joined: 'allegation.decision.joined.hint',
  'sent-to-court': 'allegation.decision.sent-to-court.hint',
  discontinued: 'allegation.decision.discontinued.hint',
};

export const PROTECTION_KIND_TEXT: Record<ProtectionKind, MessageKey> = {
  protection: 'protection.kind.protection',
  transfer: 'protection.kind.transfer',
};

/** What the governor decides (kz.transfer.protection), and the state of a request. */
export const PROTECTION_STATUSES = ['pending', 'granted', 'refused'] as const;
export type ProtectionStatus = (typeof PROTECTION_STATUSES)[number];

export const PROTECTION_STATUS_TEXT: Record<ProtectionStatus, MessageKey> = {
  pending: 'protection.status.pending',
  granted: 'protection.status.granted',
  refused: 'protection.status.refused',
};

/** The rules whose clocks and findings the complaint pages show. */
export const COMPLAINT_RULES = [
  'intl.complaint.answer',
  'kz.transfer.protection',
  'kz.torture.referral',
] as const;

const RULE_TEXT: Record<(typeof COMPLAINT_RULES)[number], MessageKey> = {
  'intl.complaint.answer': 'complaint.rule.intl.complaint.answer',
  'kz.transfer.protection': 'complaint.rule.kz.transfer.protection',
  'kz.torture.referral': 'complaint.rule.kz.torture.referral',
};

/* Plain text (for attributes and `safe` content), as custody-labels.ts. */

export function categoryName(tr: Translator, category: string): string {
  return known(COMPLAINT_CATEGORIES, category) ? tr.attr(CATEGORY_TEXT[category]) : category;
}

export function channelName(tr: Translator, channel: string): string {
  return known(COMPLAINT_CHANNELS, channel) ? tr.attr(CHANNEL_TEXT[channel]) : channel;
}

export function complaintStatusName(tr: Translator, status: string): string {
  return known(COMPLAINT_STATUSES, status) ? tr.attr(STATUS_TEXT[status]) : status;
}

export function officeName(tr: Translator, office: string): string {
  return known(CONCERNED_OFFICES, office) ? tr.attr(OFFICE_TEXT[office]) : office;
}

export function decisionName(tr: Translator, decision: string): string {
  return known(ALLEGATION_DECISIONS, decision) ? tr.attr(DECISION_TEXT[decision]) : decision;
}

export function protectionKindName(tr: Translator, kind: string): string {
  return known(PROTECTION_KINDS, kind) ? tr.attr(PROTECTION_KIND_TEXT[kind]) : kind;
}

export function protectionStatusName(tr: Translator, status: string): string {
  return known(PROTECTION_STATUSES, status) ? tr.attr(PROTECTION_STATUS_TEXT[status]) : status;
}

export function complaintRuleName(tr: Translator, rule: string): string {
  return known(COMPLAINT_RULES, rule) ? tr.attr(RULE_TEXT[rule]) : rule;
}

export const isCategory = (value: string): value is ComplaintCategory => known(COMPLAINT_CATEGORIES, value);
export const isComplaintStatus = (value: string): value is ComplaintStatus =>
  known(COMPLAINT_STATUSES, value);
export const isProtectionDecision = (value: string): value is (typeof PROTECTION_DECISIONS)[number] =>
  known(PROTECTION_DECISIONS, value);
