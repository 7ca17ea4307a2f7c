import type { RuleDefinition } from '../types.js';

/*
 * The `kz` pack's complaint rules (RULES.md "Complaints and allegations", and kz.transfer.protection
 * from "Prisons and remand centres"): national law as the delegation described it (seed ¶5, ¶20, ¶36,
 * ¶41, ¶47, ¶55; ¶7, ¶31, ¶37, ¶38). Numbers RULES.md marks *(default, configurable)* may be overridden in habeas.json
 * (src/rules/complaint-rules.ts).
 */

export const KZ_COMPLAINT_RULES = {
  'kz.complaint.channel': {
    id: 'kz.complaint.channel',
    pack: 'kz',
    source: 'seed ¶20',
    summary:
      'Complaints, including video messages, may be submitted at electronic terminals and go straight to the central authority; the facility’s staff and database cannot read them (sealed to the authority’s key).',
    kind: 'refuse',
    parameters: {},
  },
  'kz.torture.referral': {
    id: 'kz.torture.referral',
    pack: 'kz',
    source: 'seed ¶55, ¶41',
    summary:
      'Allegations of torture are registered immediately and referred to the procurator, not to any other body; no other role can answer or close them.',
    kind: 'refuse',
    parameters: {},
  },
  // Seed ¶5: the investigating judge "considered complaints about the actions of procurators,
  // including the use of unauthorized investigation methods", and courts "immediately ordered an
  // investigation". "At once" is our reading as 24 h (configurable): the time from the complaint's
  // routing to the judge's recorded order, a breach when it passes without one.
  'kz.allegation.conflict': {
    id: 'kz.allegation.conflict',
    pack: 'kz',
    source: 'seed ¶5',
    summary:
      'Complaints about the actions of procurators or investigators (including unauthorised investigation methods) go to the investigating judge, never to the office complained of; the judge orders an investigation at once.',
    kind: 'refuse',
    parameters: { hours: { value: 24, unit: 'hours', configurable: true } },
  },
  'kz.cases.joined': {
    id: 'kz.cases.joined',
    pack: 'kz',
    source: 'seed ¶36',
    summary:
      'Complaints about the same suspects may be joined in one criminal case; complaints and cases are both counted, so joining never makes a complaint disappear.',
    kind: 'record',
    parameters: {},
  },
  'kz.torture.suspension': {
    id: 'kz.torture.suspension',
    pack: 'kz',
    source: 'seed ¶37',
    summary:
      'Officials identified as suspected perpetrators are suspended; an official not suspended within 24 h of being identified is flagged.',
    kind: 'flag',
    parameters: { hours: { value: 24, unit: 'hours', configurable: true } },
  },
  'kz.torture.sentencing': {
    id: 'kz.torture.sentencing',
    pack: 'kz',
    source: 'seed ¶55, ¶38',
    summary:
      'Torture cannot be reclassified as a lesser offence; no suspended sentences; no plea bargains. Such a court outcome is recorded as decided and flagged.',
    kind: 'flag',
    parameters: {},
  },
  'kz.evidence.inadmissible': {
    id: 'kz.evidence.inadmissible',
    pack: 'kz',
    source: 'seed ¶7, ¶31',
    summary: 'Evidence obtained under torture is inadmissible; its exclusion is recorded on the case.',
    kind: 'record',
    parameters: {},
  },
  'kz.torture.nullity': {
    id: 'kz.torture.nullity',
    pack: 'kz',
    source: 'seed ¶7',
    summary:
      'A violation of the prohibition of torture or ill-treatment of a participant makes the procedural decisions in that case null and void; the decisions voided are recorded on the case and shown as such.',
    kind: 'record',
    parameters: {},
  },
  'kz.defence.file': {
    id: 'kz.defence.file',
    pack: 'kz',
    source: 'seed ¶7',
    summary:
      'Evidence the defence submits must be included in the case file; the file lists the defence’s submissions with their digests.',
    kind: 'record',
    parameters: {},
  },
  'kz.redress.fund': {
    id: 'kz.redress.fund',
    pack: 'kz',
    source: 'seed ¶53, ¶63',
    summary:
      'Victims receive compensation: the victims’ fund pays initial assistance before trial, courts award compensation; amounts in tenge, category and dates are recorded, and never more paid than decided.',
    kind: 'record',
    parameters: {},
  },
  'kz.transfer.protection': {
    id: 'kz.transfer.protection',
    pack: 'kz',
    source: 'seed ¶20',
    summary:
      'A prisoner who receives threats may request special protection or a transfer; the governor answers the request within 24 h.',
    kind: 'breach',
    parameters: { hours: { value: 24, unit: 'hours', configurable: true } },
  },
  'kz.complaint.reprisal': {
    id: 'kz.complaint.reprisal',
    pack: 'kz',
    source: 'seed ¶20, SMR 57',
    summary:
      'Complainants are protected from reprisals: any sanction, unrequested transfer or loss of privileges affecting a complainant within 90 days is flagged to the complaints authority and the monitor.',
    kind: 'flag',
    parameters: { days: { value: 90, unit: 'days', configurable: true } },
  },
} as const satisfies Record<string, RuleDefinition>;

export type KzComplaintRuleId = keyof typeof KZ_COMPLAINT_RULES;
