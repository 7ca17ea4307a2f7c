import type { z } from 'zod';
import { BACK_REGIONS, FRONT_REGIONS } from '../domain/medical/body.js';
import type { Presence, ReportContent } from '../domain/medical/events.js';
import type { ReportInput } from '../domain/medical/inputs.js';
import { DEFAULT_OFFSET, localFromMoment, momentFromLocal } from './custody-time.js';
import { formList, type FieldError } from './forms.js';
import type { MessageKey } from './i18n.js';

/*
 * The injury report's form as data (issue 19 items 3 and 7; intl.medical.report): what the page
 * shows and the clinician sends back, read from the posted form (urlencoded, or multipart with
 * photographs), filled from a report version for an amendment, turned into the API's ReportInput,
 * and the service's verdict turned back into errors at the form's own fields. The form has as
 * many findings and people present as the clinician asks for; each finding's photographs travel as
 * their hashes once uploaded, so that nothing already sealed is sent twice and nothing typed is lost.
 */

/** A site on the body diagram as the form sends it: `front:face`, `back:sole-left`. */
export type SiteValue = `${'front' | 'back'}:${string}`;

export interface PresenceDraft {
  role: string;
  name: string;
}

export interface PhotographDraft {
  sha256: string;
  withScale: boolean;
  /** ISO 8601 UTC. */
  takenAt: string;
}

export interface FindingDraft {
  type: string;
  site: string;
  detail: string;
  length: string;
  width: string;
  shape: string;
  colour: string;
  estimatedAge: string;
  consistency: string;
  photographs: PhotographDraft[];
  /** The next photograph's own fields, beside its file input. */
  nextPhoto: { withScale: boolean; local: string; offset: string };
}

export interface ReportDraft {
  consentExamination: string;
  consentPhotographs: string;
  consentSharing: string;
  consentNote: string;
  circumstances: string;
  present: PresenceDraft[];
  staffPresenceReason: string;
  accountText: string;
  accountLanguage: string;
  interpreter: string;
  attributedTo: string;
  findings: FindingDraft[];
  psychological: string;
  psychologicalConsistency: string;
  overall: string;
  interpretation: string;
  treatment: string;
  referral: string;
  /** For an amendment: the version amended and why. */
  amends: string;
  reason: string;
}

/** The form's limits, within the API's (ReportInput: 20 people present, 200 findings, 50 photographs each). */
export const MAX_PRESENT = 20;
export const MAX_FINDINGS = 50;
export const MAX_PHOTOGRAPHS = 50;

/** Which button sent the form: sign and finish, or one that only changes the form. */
export type FormAction =
  | { kind: 'finish' }
  | { kind: 'add-finding' }
  | { kind: 'remove-finding'; finding: number }
  | { kind: 'add-person' }
  | { kind: 'attach'; finding: number }
  | { kind: 'remove-photograph'; finding: number; photograph: number };

export function actionOf(value: string): FormAction {
  if (value === 'add-finding') return { kind: 'add-finding' };
  if (value === 'add-person') return { kind: 'add-person' };
  const remove = /^remove-finding-(\d{1,3})$/.exec(value);
  if (remove) return { kind: 'remove-finding', finding: Number(remove[1]) };
  const attach = /^attach-(\d{1,3})$/.exec(value);
  if (attach) return { kind: 'attach', finding: Number(attach[1]) };
  const photograph = /^remove-photograph-(\d{1,3})-(\d{1,3})$/.exec(value);
  if (photograph)
    return { kind: 'remove-photograph', finding: Number(photograph[1]), photograph: Number(photograph[2]) };
  return { kind: 'finish' };
}

export const emptyFinding = (): FindingDraft => ({
  type: '',
  site: '',
  detail: '',
  length: '',
  width: '',
  shape: '',
  colour: '',
  estimatedAge: '',
  consistency: '',
  photographs: [],
  nextPhoto: { withScale: true, local: '', offset: DEFAULT_OFFSET },
});

export function emptyDraft(present: readonly Presence[]): ReportDraft {
  return {
    consentExamination: '',
    consentPhotographs: '',
    consentSharing: '',
    consentNote: '',
    circumstances: '',
    present: present.map((person) => ({ role: person.role, name: person.name })),
    staffPresenceReason: '',
    accountText: '',
    accountLanguage: '',
    interpreter: '',
    attributedTo: '',
    findings: [emptyFinding()],
    psychological: '',
    psychologicalConsistency: '',
    overall: '',
    interpretation: '',
    treatment: '',
    referral: '',
    amends: '',
    reason: '',
  };
}

/** A report version's content as the form, to amend it (every section as it was signed). */
export function draftOf(content: ReportContent, version: number): ReportDraft {
  return {
    consentExamination: content.consent.examination,
    consentPhotographs: content.consent.photographs,
    consentSharing: content.consent.sharingWithProcurator,
    consentNote: content.consent.note ?? '',
    circumstances: content.circumstances.description,
    present: content.circumstances.present.map((person) => ({ role: person.role, name: person.name })),
    staffPresenceReason: content.circumstances.staffPresenceReason ?? '',
    accountText: content.account.text,
    accountLanguage: content.account.language,
    interpreter: content.account.interpreter ?? '',
    attributedTo: content.account.attributedTo,
    findings: content.physicalFindings.map((finding) => ({
      type: finding.type,
      site: `${finding.site.view}:${finding.site.region}`,
      detail: finding.site.detail ?? '',
      length: String(finding.size.lengthMm),
      width: String(finding.size.widthMm),
      shape: finding.shape,
      colour: finding.colour,
      estimatedAge: finding.estimatedAge,
      consistency: finding.consistency,
      photographs: finding.photographs.map((photograph) => ({ ...photograph })),
      nextPhoto: { withScale: true, local: '', offset: DEFAULT_OFFSET },
    })),
    psychological: content.psychologicalFindings.text,
    psychologicalConsistency: content.psychologicalFindings.consistency ?? '',
    overall: content.opinion.overall,
    interpretation: content.opinion.interpretation ?? '',
    treatment: content.treatment.given ?? '',
    referral: content.treatment.referral ?? '',
    amends: String(version),
    reason: '',
  };
}

// ------------------------------------------------------------------------------------------------
// The posted form

const first = (body: unknown, name: string): string => formList(body, name)[0] ?? '';
const count = (body: unknown, name: string, max: number): number => {
  const value = Number(first(body, name));
  return Number.isInteger(value) && value >= 0 ? Math.min(value, max) : 0;
};
const SHA256 = /^[0-9a-f]{64}$/;

/** The draft the form sent (text fields as typed; files are the route's). */
export function draftFromBody(body: unknown): ReportDraft {
  const text = (name: string) => first(body, name);
  const present: PresenceDraft[] = [];
  for (let index = 0; index < count(body, 'present-count', MAX_PRESENT); index++)
    present.push({ role: text(`present-${index}-role`), name: text(`present-${index}-name`) });
  const findings: FindingDraft[] = [];
  for (let index = 0; index < count(body, 'finding-count', MAX_FINDINGS); index++) {
    const field = (name: string) => text(`finding-${index}-${name}`);
    const photographs: PhotographDraft[] = [];
    for (let photo = 0; photo < count(body, `finding-${index}-photo-count`, MAX_PHOTOGRAPHS); photo++) {
      const sha256 = field(`photo-${photo}-sha256`);
      const takenAt = field(`photo-${photo}-taken`);
      if (SHA256.test(sha256) && !Number.isNaN(Date.parse(takenAt)))
        photographs.push({ sha256, withScale: field(`photo-${photo}-scale`) === 'yes', takenAt });
    }
    findings.push({
      type: field('type'),
      site: field('site'),
      detail: field('detail'),
      length: field('length'),
      width: field('width'),
      shape: field('shape'),
      colour: field('colour'),
      estimatedAge: field('age'),
      consistency: field('consistency'),
      photographs,
      nextPhoto: {
        withScale: field('file-scale') === 'yes',
        local: field('file-taken'),
        offset: field('file-taken-offset') || DEFAULT_OFFSET,
      },
    });
  }
  return {
    consentExamination: text('consent-examination'),
    consentPhotographs: text('consent-photographs'),
    consentSharing: text('consent-sharing'),
    consentNote: text('consent-note'),
    circumstances: text('circumstances'),
    present,
    staffPresenceReason: text('staff-reason'),
    accountText: text('account-text'),
    accountLanguage: text('account-language'),
    interpreter: text('account-interpreter'),
    attributedTo: text('account-attributed'),
    findings,
    psychological: text('psychological'),
    psychologicalConsistency: text('psychological-consistency'),
    overall: text('overall'),
    interpretation: text('interpretation'),
    treatment: text('treatment'),
    referral: text('referral'),
    amends: text('amends'),
    reason: text('reason'),
  };
}

/** When the next photograph was taken: as stated, or now when left empty; null when not a time. */
export function takenAtOf(finding: FindingDraft, now: Date): string | null {
  const moment = momentFromLocal(finding.nextPhoto.local, finding.nextPhoto.offset);
  if (moment === null) return null;
  return moment === '' ? now.toISOString() : moment;
}

/** The `datetime-local` value of a photograph's time, to show it. */
export const photographLocal = (photograph: PhotographDraft): string =>
  localFromMoment(photograph.takenAt, DEFAULT_OFFSET);

// ------------------------------------------------------------------------------------------------
// The API's input

const optional = (value: string): string | undefined => {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
};

/** A size in millimetres as typed (a decimal comma too); undefined when empty, NaN when not a number. */
function millimetres(value: string): number | undefined {
  const text = value.trim().replace(',', '.');
  if (text === '') return undefined;
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}

const isBlank = (finding: FindingDraft): boolean =>
  [
    finding.type,
    finding.site,
    finding.detail,
    finding.length,
    finding.width,
    finding.shape,
    finding.colour,
    finding.estimatedAge,
    finding.consistency,
  ].every((value) => value.trim() === '') && finding.photographs.length === 0;

const REGIONS: ReadonlySet<string> = new Set([...FRONT_REGIONS, ...BACK_REGIONS]);

function siteOf(finding: FindingDraft) {
  const [view, region = ''] = finding.site.split(':');
  if ((view !== 'front' && view !== 'back') || !REGIONS.has(region)) return undefined;
  return { view, region, ...(optional(finding.detail) ? { detail: optional(finding.detail) } : {}) };
}

export type ReportSections = Omit<z.input<typeof ReportInput>, 'examinationId' | 'secondOpinionOf'>;

/**
 * The report's sections for the API (ReportInput, AmendmentInput). Every section is sent, so the
 * decider names the first one missing; a finding left wholly empty is not one (none found is an
 * empty list), and `findingIndex` maps each finding sent back to its place on the form.
 */
export function sectionsOf(draft: ReportDraft): { sections: ReportSections; findingIndex: number[] } {
  const findingIndex: number[] = [];
  const physicalFindings = draft.findings.flatMap((finding, index) => {
    if (isBlank(finding)) return [];
    findingIndex.push(index);
    const length = millimetres(finding.length);
    const width = millimetres(finding.width);
    const site = siteOf(finding);
    return [
      {
        type: optional(finding.type),
        site,
        size: length === undefined && width === undefined ? undefined : { lengthMm: length, widthMm: width },
        shape: optional(finding.shape),
        colour: optional(finding.colour),
        estimatedAge: optional(finding.estimatedAge),
        photographs: finding.photographs,
        consistency: optional(finding.consistency),
      },
    ];
  });
  const present = draft.present
    .filter((person) => person.role.trim() !== '' || person.name.trim() !== '')
    .map((person) => ({ role: person.role, name: person.name.trim() }));
  return {
    findingIndex,
    sections: {
      consent: {
        examination: optional(draft.consentExamination),
        photographs: optional(draft.consentPhotographs),
        sharingWithProcurator: optional(draft.consentSharing),
        note: optional(draft.consentNote),
      },
      circumstances: {
        description: optional(draft.circumstances),
        present,
        staffPresenceReason: optional(draft.staffPresenceReason),
      },
      account: {
        text: optional(draft.accountText),
        language: optional(draft.accountLanguage),
        interpreter: optional(draft.interpreter),
        attributedTo: optional(draft.attributedTo),
      },
      physicalFindings,
      psychologicalFindings: {
        text: optional(draft.psychological),
        consistency: optional(draft.psychologicalConsistency),
      },
      opinion: { overall: optional(draft.overall), interpretation: optional(draft.interpretation) },
      treatment: { given: optional(draft.treatment), referral: optional(draft.referral) },
    } as ReportSections,
  };
}

// ------------------------------------------------------------------------------------------------
// The service's verdict at the form's fields

/** A form field's id for a field of ReportInput (`physicalFindings.1.size.lengthMm` → `finding-3-length`). */
export function formFieldOf(apiField: string, findingIndex: readonly number[]): string {
  const parts = apiField.split('.');
  const [section = '', second = '', third = '', fourth = ''] = parts;
  switch (section) {
    case 'consent':
      return (
        {
          photographs: 'consent-photographs',
          sharingWithProcurator: 'consent-sharing',
          note: 'consent-note',
        }[second] ?? 'consent-examination'
      );
    case 'circumstances':
      if (second === 'staffPresenceReason') return 'staff-reason';
      if (second === 'present' && /^\d+$/.test(third))
        return `present-${third}-${fourth === 'role' ? 'role' : 'name'}`;
      return 'circumstances';
    case 'account':
      return (
        {
          language: 'account-language',
          interpreter: 'account-interpreter',
          attributedTo: 'account-attributed',
        }[second] ?? 'account-text'
      );
    case 'physicalFindings': {
      if (!/^\d+$/.test(second)) return 'findings';
      const index = findingIndex[Number(second)] ?? Number(second);
      const part =
        {
          type: 'type',
          site: 'site',
          size: fourth === 'widthMm' ? 'width' : 'length',
          shape: 'shape',
          colour: 'colour',
          estimatedAge: 'age',
          photographs: 'file',
          consistency: 'consistency',
        }[third] ?? 'type';
      return `finding-${index}-${part}`;
    }
    case 'psychologicalFindings':
      return second === 'consistency' ? 'psychological-consistency' : 'psychological';
    case 'opinion':
      return second === 'interpretation' ? 'interpretation' : 'overall';
    case 'treatment':
      return second === 'referral' ? 'referral' : 'treatment';
    case 'reason':
      return 'reason';
    default:
      return 'report';
  }
}

/** What to say at a field the schema refused (the rule's refusals say it in their own words). */
export function invalidMessage(field: string): MessageKey {
  if (/^finding-\d+-(length|width)$/.test(field)) return 'reportForm.error.size';
  if (/^finding-\d+-file$/.test(field)) return 'reportForm.error.photoUnknown';
  if (/^finding-\d+-(type|site|consistency)$/.test(field)) return 'reportForm.error.choice';
  if (/^present-\d+-role$/.test(field)) return 'reportForm.error.choice';
  if (field === 'account-language') return 'reportForm.error.language';
  if (
    [
      'consent-examination',
      'consent-photographs',
      'consent-sharing',
      'account-attributed',
      'psychological-consistency',
      'overall',
    ].includes(field)
  )
    return 'reportForm.error.choice';
  if (field === 'reason') return 'reportForm.error.reason';
  if (field === 'report') return 'errors.refused';
  return 'reportForm.error.text';
}

/** One error per field, in the order the page shows them (top to bottom). */
export function inPageOrder(errors: readonly FieldError[], draft: ReportDraft): FieldError[] {
  const order = [
    'report',
    'reason',
    'consent-examination',
    'consent-photographs',
    'consent-sharing',
    'consent-note',
    'circumstances',
    ...draft.present.flatMap((_, index) => [`present-${index}-role`, `present-${index}-name`]),
    'staff-reason',
    'account-text',
    'account-language',
    'account-interpreter',
    'account-attributed',
    'findings',
    ...draft.findings.flatMap((_, index) =>
      ['type', 'site', 'length', 'width', 'shape', 'colour', 'age', 'consistency', 'file', 'file-taken'].map(
        (part) => `finding-${index}-${part}`,
      ),
    ),
    'psychological',
    'psychological-consistency',
    'overall',
    'interpretation',
    'treatment',
    'referral',
  ];
  const unique = errors.filter(
    (error, index) => errors.findIndex((other) => other.field === error.field) === index,
  );
  const position = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  return unique.sort((a, b) => position(a.field) - position(b.field));
}
