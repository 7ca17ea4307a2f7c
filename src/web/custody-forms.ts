import {
  CORRECTABLE_FIELDS,
  COURT_DECISIONS,
  FAMILY_MEANS,
  FAMILY_OUTCOMES,
  JUDICIAL_REQUEST_KINDS,
  JUDICIAL_RULINGS,
  RIGHTS_METHODS,
  type CorrectableField,
  type SafeguardEventType,
} from '../domain/custody/events.js';
import { momentFromLocal } from './custody-time.js';
import type { FieldError, FieldMessages, FormValues } from './forms.js';
import type { MessageKey } from './i18n.js';

/*
 * The safeguard forms of the episode page as data: one small form per event an officer records
 * (POST /custody/{id}/events, DESIGN.md "Interfaces"), each field with its kind and its words.
 * The page draws them from this table and the route turns a submitted one back into the
 * service's input, so a new safeguard is one row here.
 */

export type SafeguardField =
  | { name: string; kind: 'text'; label: MessageKey; hint?: MessageKey; required: boolean; maxlength: number }
  | {
      name: string;
      kind: 'textarea';
      label: MessageKey;
      hint?: MessageKey;
      required: boolean;
      maxlength: number;
    }
  | {
      name: string;
      kind: 'radio';
      label: MessageKey;
      hint?: MessageKey;
      required: boolean;
      choices: readonly { value: string; label: MessageKey }[];
    }
  /** A yes-or-no question, sent to the service as a boolean. */
  | { name: string; kind: 'yesno'; label: MessageKey; hint?: MessageKey; required: boolean }
  /** A language the person understands (their own first), as a BCP 47 tag. */
  | { name: string; kind: 'language'; label: MessageKey; hint?: MessageKey; required: boolean }
  /** Another facility of the register. */
  | { name: string; kind: 'facility'; label: MessageKey; hint?: MessageKey; required: boolean }
  /** A request to the investigating judge not yet ruled on (kz.custody.deposition). */
  | { name: string; kind: 'request'; label: MessageKey; hint?: MessageKey; required: boolean };

/**
 * Who records a safeguard (src/app/custody.ts): the custody unit, a judge (court decisions and
 * rulings), or either; and whether it may still be recorded after the person left the unit.
 */
export type Recorder = 'unit' | 'judge' | 'both';

export interface SafeguardForm {
  type: SafeguardEventType;
  /** The rule the safeguard meets (RULES.md), shown beside the form. */
  rule: string;
  fields: readonly SafeguardField[];
  /** Only for a foreign national (intl.custody.consular). */
  foreignOnly?: boolean;
  /** Who records it; the custody unit when not said. */
  recorder?: Recorder;
  /**
   * Still recorded once the person left the unit: the family's notification after a transfer
   * (intl.custody.transfer-notice) and a judge's ruling on a pending request (kz.custody.deposition).
   */
  afterCustody?: boolean;
}

const choices = <Value extends string>(values: readonly Value[], prefix: string) =>
  values.map((value) => ({ value, label: `${prefix}.${value}` as MessageKey }));

export const SAFEGUARD_FORMS: readonly SafeguardForm[] = [
  {
    type: 'rights-explained',
    rule: 'kz.custody.rights',
    fields: [
      {
        name: 'language',
        kind: 'language',
        label: 'custody.detail.language',
        hint: 'safeguard.language.hint',
        required: true,
      },
      {
        name: 'method',
        kind: 'radio',
        label: 'custody.detail.method',
        required: true,
        choices: choices(RIGHTS_METHODS, 'rights.method'),
      },
      {
        name: 'interpreter',
        kind: 'text',
        label: 'custody.detail.interpreter',
        hint: 'safeguard.interpreter.hint',
        required: false,
        maxlength: 200,
      },
    ],
  },
  { type: 'counsel-requested', rule: 'kz.custody.counsel', fields: [] },
  {
    type: 'counsel-arrived',
    rule: 'kz.custody.counsel',
    fields: [
      {
        name: 'counsel',
        kind: 'text',
        label: 'custody.detail.counsel',
        hint: 'safeguard.counsel.hint',
        required: true,
        maxlength: 200,
      },
    ],
  },
  {
    type: 'family-notified',
    rule: 'kz.custody.family',
    afterCustody: true,
    fields: [
      {
        name: 'outcome',
        kind: 'radio',
        label: 'custody.detail.outcome',
        required: true,
        choices: choices(FAMILY_OUTCOMES, 'family.outcome'),
      },
      {
        name: 'contact',
        kind: 'text',
        label: 'custody.detail.contact',
        hint: 'safeguard.contact.hint',
        required: false,
        maxlength: 200,
      },
      {
        name: 'means',
        kind: 'radio',
        label: 'custody.detail.means',
        required: false,
        choices: choices(FAMILY_MEANS, 'family.means'),
      },
      {
        name: 'reason',
        kind: 'text',
        label: 'custody.detail.reason',
        hint: 'safeguard.familyReason.hint',
        required: false,
        maxlength: 500,
      },
      {
        name: 'authorisedBy',
        kind: 'text',
        label: 'custody.detail.authorisedBy',
        hint: 'safeguard.authorisedBy.hint',
        required: false,
        maxlength: 200,
      },
    ],
  },
  {
    type: 'medical-examined',
    rule: 'kz.custody.medical',
    fields: [
      {
        name: 'examinedBy',
        kind: 'text',
        label: 'custody.detail.examinedBy',
        hint: 'safeguard.examinedBy.hint',
        required: true,
        maxlength: 200,
      },
      {
        name: 'injuriesSeen',
        kind: 'yesno',
        label: 'custody.detail.injuriesSeen',
        hint: 'safeguard.injuriesSeen.hint',
        required: true,
      },
    ],
  },
  {
    type: 'injury-recorded',
    rule: 'kz.custody.injury-log',
    fields: [
      {
        name: 'observedBy',
        kind: 'text',
        label: 'custody.detail.observedBy',
        required: true,
        maxlength: 200,
      },
      {
        name: 'description',
        kind: 'textarea',
        label: 'custody.detail.description',
        hint: 'safeguard.description.hint',
        required: true,
        maxlength: 2000,
      },
    ],
  },
  {
    type: 'court-decision',
    rule: 'kz.custody.limit',
    recorder: 'both',
    fields: [
      {
        name: 'decision',
        kind: 'radio',
        label: 'custody.detail.decision',
        required: true,
        choices: choices(COURT_DECISIONS, 'court.decision'),
      },
      { name: 'court', kind: 'text', label: 'custody.detail.court', required: true, maxlength: 200 },
    ],
  },
  {
    type: 'consular-rights-explained',
    rule: 'intl.custody.consular',
    foreignOnly: true,
    fields: [
      {
        name: 'notificationRequested',
        kind: 'yesno',
        label: 'custody.detail.notificationRequested',
        required: true,
      },
    ],
  },
  {
    type: 'consulate-notified',
    rule: 'intl.custody.consular',
    foreignOnly: true,
    fields: [
      {
        name: 'consulate',
        kind: 'text',
        label: 'custody.detail.consulate',
        hint: 'safeguard.consulate.hint',
        required: true,
        maxlength: 200,
      },
    ],
  },
  {
    type: 'judicial-requested',
    rule: 'kz.custody.deposition',
    fields: [
      {
        name: 'kind',
        kind: 'radio',
        label: 'custody.detail.kind',
        required: true,
        choices: choices(JUDICIAL_REQUEST_KINDS, 'judicial.kind'),
      },
    ],
  },
  {
    type: 'judicial-ruled',
    rule: 'kz.custody.deposition',
    recorder: 'judge',
    afterCustody: true,
    fields: [
      { name: 'requestId', kind: 'request', label: 'safeguard.request', required: true },
      {
        name: 'ruling',
        kind: 'radio',
        label: 'custody.detail.ruling',
        required: true,
        choices: choices(JUDICIAL_RULINGS, 'judicial.ruling'),
      },
      { name: 'court', kind: 'text', label: 'custody.detail.court', required: true, maxlength: 200 },
    ],
  },
  {
    type: 'released',
    rule: 'intl.register.minimum',
    fields: [
      {
        name: 'reason',
        kind: 'text',
        label: 'custody.detail.reason',
        hint: 'safeguard.releaseReason.hint',
        required: false,
        maxlength: 500,
      },
    ],
  },
  {
    type: 'transferred',
    rule: 'intl.register.minimum',
    fields: [
      {
        name: 'destinationFacilityId',
        kind: 'facility',
        label: 'custody.detail.destination',
        required: true,
      },
      { name: 'reason', kind: 'text', label: 'custody.detail.reason', required: false, maxlength: 500 },
    ],
  },
];

export const safeguardForm = (type: string): SafeguardForm | undefined =>
  SAFEGUARD_FORMS.find((form) => form.type === type);

/** The forms a reader records on an episode: by who they are, the person's status and nationality. */
export function formsFor(
  custody: { status: string; foreignNational: boolean },
  recorder: 'unit' | 'judge',
): SafeguardForm[] {
  return SAFEGUARD_FORMS.filter((form) => {
    const who = form.recorder ?? 'unit';
    return (
      (who === 'both' || who === recorder) &&
      (!form.foreignOnly || custody.foreignNational) &&
      (custody.status === 'in-custody' || form.afterCustody === true)
    );
  });
}

/** The id of a field of one of the episode's forms: every form's fields are unique on the page. */
export const fieldId = (form: string, field: string): string => `${form}-${field}`;

/** The names a submitted safeguard form may carry. */
export function safeguardFieldNames(form: SafeguardForm): string[] {
  return ['type', 'at', 'at-offset', ...form.fields.map((field) => field.name)];
}

/** The correction form (kz.custody.actual-time: corrections are new entries, originals remain). */
export const CORRECTION_FORM = 'correction';
export const CORRECTION_FIELDS = ['correctsSeq', 'field', 'to', 'toTime', 'toTime-offset', 'reason'] as const;
export const TIME_CORRECTABLE = new Set<string>(['apprehendedAt', 'at']);
export { CORRECTABLE_FIELDS };

/** What to say about each field of the custody forms, by the name the service gives it. */
export const SAFEGUARD_MESSAGES: Record<string, FieldMessages> = {
  at: { invalid: 'custody.field.at.invalid', refused: 'custody.field.at.refused' },
  language: { required: 'custody.field.language.required', invalid: 'custody.field.language.required' },
  method: { required: 'custody.field.method.required', invalid: 'custody.field.method.required' },
  interpreter: { invalid: 'custody.field.invalid' },
  counsel: { required: 'custody.field.counsel.required', invalid: 'custody.field.invalid' },
  outcome: { required: 'custody.field.outcome.required', invalid: 'custody.field.outcome.required' },
  contact: {
    required: 'custody.field.contact.required',
    invalid: 'custody.field.contact.required',
    refused: 'custody.field.contact.required',
  },
  means: {
    required: 'custody.field.means.required',
    invalid: 'custody.field.means.required',
    refused: 'custody.field.means.required',
  },
  reason: {
    required: 'custody.field.reason.required',
    invalid: 'custody.field.invalid',
    refused: 'custody.field.reason.required',
  },
  authorisedBy: {
    required: 'custody.field.authorisedBy.required',
    invalid: 'custody.field.invalid',
    refused: 'custody.field.authorisedBy.required',
  },
  examinedBy: { required: 'custody.field.examinedBy.required', invalid: 'custody.field.invalid' },
  injuriesSeen: {
    required: 'custody.field.injuriesSeen.required',
    invalid: 'custody.field.injuriesSeen.required',
  },
  observedBy: { required: 'custody.field.observedBy.required', invalid: 'custody.field.invalid' },
  description: { required: 'custody.field.description.required', invalid: 'custody.field.invalid' },
  decision: {
    required: 'custody.field.decision.required',
    invalid: 'custody.field.decision.required',
    refused: 'custody.field.decision.refused',
  },
  court: { required: 'custody.field.court.required', invalid: 'custody.field.invalid' },
  destinationFacilityId: {
    required: 'custody.field.destination.required',
    invalid: 'custody.field.destination.required',
    refused: 'custody.field.destination.refused',
  },
  notificationRequested: {
    required: 'custody.field.notificationRequested.required',
    invalid: 'custody.field.notificationRequested.required',
  },
  consulate: { required: 'custody.field.consulate.required', invalid: 'custody.field.invalid' },
  kind: { required: 'custody.field.kind.required', invalid: 'custody.field.kind.required' },
  requestId: {
    required: 'custody.field.requestId.required',
    invalid: 'custody.field.requestId.required',
    refused: 'custody.field.requestId.refused',
  },
  ruling: { required: 'custody.field.ruling.required', invalid: 'custody.field.ruling.required' },
  correctsSeq: {
    required: 'custody.field.correctsSeq.required',
    invalid: 'custody.field.correctsSeq.required',
    refused: 'custody.field.correctsSeq.refused',
  },
  field: {
    required: 'custody.field.field.required',
    invalid: 'custody.field.field.required',
    refused: 'custody.field.field.refused',
  },
  to: {
    required: 'custody.field.to.required',
    invalid: 'custody.field.to.invalid',
    refused: 'custody.field.to.refused',
  },
};

const optional = (value: string | undefined): string | undefined => {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? undefined : trimmed;
};

/**
 * A submitted safeguard form as the service's input (`{type, at?, …fields}`), or the problems the
 * page can see by itself: a time that is not a real one. Empty optional fields are left out, as
 * an API client would; everything else (required fields, lengths, rules) is the service's to judge.
 */
export function safeguardInput(
  form: SafeguardForm,
  values: FormValues,
): { input: Record<string, unknown> } | { errors: FieldError[] } {
  const input: Record<string, unknown> = { type: form.type };
  const at = momentFromLocal(values.at ?? '', values['at-offset'] ?? '');
  if (at === null) return { errors: [{ field: 'at', message: 'custody.field.at.invalid' }] };
  if (at !== '') input.at = at;
  for (const field of form.fields) {
    const value = optional(values[field.name]);
    if (value === undefined) continue;
    input[field.name] = field.kind === 'yesno' ? value === 'yes' : value;
  }
  return { input };
}

/** A submitted correction as the service's input `{correctsSeq, field, to, reason}`, or its problems. */
export function correctionInput(
  values: FormValues,
):
  | { input: { correctsSeq: number; field: CorrectableField; to: string; reason: string } }
  | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const seqText = (values.correctsSeq ?? '').trim();
  const correctsSeq = /^\d{1,15}$/.test(seqText) ? Number(seqText) : Number.NaN;
  if (Number.isNaN(correctsSeq))
    errors.push({ field: 'correctsSeq', message: 'custody.field.correctsSeq.required' });
  const field = (values.field ?? '').trim();
  if (!(CORRECTABLE_FIELDS as readonly string[]).includes(field))
    errors.push({ field: 'field', message: 'custody.field.field.required' });
  let to = (values.to ?? '').trim();
  if (TIME_CORRECTABLE.has(field)) {
    const moment = momentFromLocal(values.toTime ?? '', values['toTime-offset'] ?? '');
    if (moment === null || moment === '')
      errors.push({
        field: 'toTime',
        message: moment === '' ? 'custody.field.toTime.required' : 'custody.field.at.invalid',
      });
    else to = moment;
  } else if ((CORRECTABLE_FIELDS as readonly string[]).includes(field) && to === '')
    errors.push({ field: 'to', message: 'custody.field.to.required' });
  const reason = (values.reason ?? '').trim();
  if (reason === '') errors.push({ field: 'reason', message: 'custody.field.correctionReason.required' });
  if (errors.length > 0) return { errors };
  return { input: { correctsSeq, field: field as CorrectableField, to, reason } };
}
