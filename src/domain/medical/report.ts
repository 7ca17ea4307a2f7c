import { refuse, type Refusal } from '../decision.js';
import { NO_PARAMS, reason } from '../refusals.js';
import type { BodySite } from './body.js';
import {
  STAFF_ROLES,
  type ExaminationRecorded,
  type PhysicalFinding,
  type Presence,
  type ReportContent,
} from './events.js';
import type { ReportInput } from './inputs.js';
import type { FindingPart, ReportSection } from './sections.js';

/*
 * intl.medical.report: the required sections of an Istanbul Protocol report, checked in the order
 * the Protocol sets them out. A missing one is refused naming the rule, the field and the section;
 * what the sections say together is checked too (no physical findings without consent to the
 * examination, no photographs without consent to them, no police or prison staff in the room
 * without the clinician's reason). Pure.
 */

const RULE = 'intl.medical.report';

type Sections = Omit<ReportInput, 'examinationId' | 'secondOpinionOf'>;

const missing = (section: ReportSection, field: string): Refusal =>
  refuse(`the report lacks its ${section.replace('-', ' ')} (${field}): the Istanbul Protocol requires it`, {
    rule: RULE,
    field,
    reason: reason('medical.section-missing', { section }),
  });

const incomplete = (index: number, part: FindingPart, field: string): Refusal =>
  refuse(`physical finding ${index + 1} lacks its ${part.replace('-', ' ')}: state it`, {
    rule: RULE,
    field: `physicalFindings.${index}.${field}`,
    reason: reason('medical.finding-incomplete', { finding: index + 1, part }),
  });

/** Police or prison staff in the room need the clinician's recorded reason (IP §§ 123-126). */
export function staffPresenceRefusal(
  present: readonly Presence[],
  reasonGiven: string | null | undefined,
  field: string,
): Refusal | null {
  if (!present.some((person) => STAFF_ROLES.includes(person.role))) return null;
  if (reasonGiven) return null;
  return refuse('police or prison staff were present: record why, or examine the person without them', {
    rule: RULE,
    field,
    reason: reason('medical.staff-present-reason', NO_PARAMS),
  });
}

/** The report's content with every required section, or the refusal naming the first missing. */
export function completeReport(
  sections: Sections,
  examination: ExaminationRecorded,
): ReportContent | Refusal {
  const { consent, circumstances, account, physicalFindings, psychologicalFindings, opinion, treatment } =
    sections;
  if (!consent) return missing('consent', 'consent');
  if (!consent.examination) return missing('consent', 'consent.examination');
  if (!consent.photographs) return missing('consent', 'consent.photographs');
  if (!consent.sharingWithProcurator) return missing('consent', 'consent.sharingWithProcurator');
  if (!circumstances?.description) return missing('circumstances', 'circumstances.description');
  const present = circumstances.present ?? examination.present;
  const staffPresenceReason =
    circumstances.staffPresenceReason ??
    (circumstances.present === undefined ? examination.staffPresenceReason : null);
  const staff = staffPresenceRefusal(present, staffPresenceReason, 'circumstances.staffPresenceReason');
  if (staff) return staff;
  if (!account?.text) return missing('account', 'account.text');
  if (!account.language) return missing('account', 'account.language');
  if (!account.attributedTo) return missing('account', 'account.attributedTo');
  if (!physicalFindings) return missing('physical-findings', 'physicalFindings');
  if (consent.examination === 'refused' && physicalFindings.length > 0)
    return refuse('the person refused the examination: no physical findings can be recorded', {
      rule: RULE,
      field: 'physicalFindings',
      reason: reason('medical.findings-without-consent', NO_PARAMS),
    });
  const findings: PhysicalFinding[] = [];
  for (const [index, finding] of physicalFindings.entries()) {
    if (!finding.type) return incomplete(index, 'type', 'type');
    if (!finding.site) return incomplete(index, 'site', 'site');
    if (!finding.size) return incomplete(index, 'size', 'size');
    if (!finding.shape) return incomplete(index, 'shape', 'shape');
    if (!finding.colour) return incomplete(index, 'colour', 'colour');
    if (!finding.estimatedAge) return incomplete(index, 'estimated-age', 'estimatedAge');
    if (!finding.consistency) return incomplete(index, 'consistency', 'consistency');
    const photographs = finding.photographs ?? [];
    if (photographs.length > 0 && consent.photographs !== 'given')
      return refuse('the person did not consent to photographs: none can be referenced', {
        rule: RULE,
        field: `physicalFindings.${index}.photographs`,
        reason: reason('medical.photographs-without-consent', NO_PARAMS),
      });
    findings.push({
      type: finding.type,
      site: { ...finding.site, detail: finding.site.detail ?? null } as BodySite,
      size: finding.size,
      shape: finding.shape,
      colour: finding.colour,
      estimatedAge: finding.estimatedAge,
      photographs,
      consistency: finding.consistency,
    });
  }
  if (!psychologicalFindings?.text) return missing('psychological-findings', 'psychologicalFindings.text');
  if (!opinion?.overall) return missing('opinion', 'opinion.overall');
  if (!treatment) return missing('treatment', 'treatment');
  return {
    consent: {
      examination: consent.examination,
      photographs: consent.photographs,
      sharingWithProcurator: consent.sharingWithProcurator,
      note: consent.note ?? null,
    },
    circumstances: {
      description: circumstances.description,
      present: present.map((person) => ({ role: person.role, name: person.name })),
      staffPresenceReason: staffPresenceReason ?? null,
    },
    account: {
      text: account.text,
      language: account.language,
      interpreter: account.interpreter ?? null,
      attributedTo: account.attributedTo,
    },
    physicalFindings: findings,
    psychologicalFindings: {
      text: psychologicalFindings.text,
      consistency: psychologicalFindings.consistency ?? null,
    },
    opinion: { overall: opinion.overall, interpretation: opinion.interpretation ?? null },
    treatment: { given: treatment.given ?? null, referral: treatment.referral ?? null },
  };
}
