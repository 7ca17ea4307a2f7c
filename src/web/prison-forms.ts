import type { Role } from '../access/principal.js';
import type { StayView } from '../app/prison-views.js';
import {
  APPEAL_OUTCOMES,
  EXAMINATION_PURPOSES,
  FAMILY_MEANS,
  SCREENING_OUTCOMES,
  SEARCH_KINDS,
  TRANSFER_REASONS,
  VULNERABILITY_KINDS,
  type StayEventType,
} from '../domain/prison/events.js';
import { KZ_INCENTIVES } from '../rules/kz/prison.js';
import { momentFromLocal } from './custody-time.js';
import type { FieldError, FieldMessages, FormValues } from './forms.js';
import type { MessageKey } from './i18n.js';
import { FAMILY_MEANS_TEXT } from './prison-labels.js';

/*
 * The forms of the stay page as data, as custody-forms.ts does for custody: one small form per
 * event staff record (POST /prison/stays/{id}/events), each field with its kind and its words.
 * The page draws them from this table and the route turns a submitted one back into the
 * service's input (src/domain/prison/inputs.ts), so a new event is one row here.
 */

interface FieldBase {
  name: string;
  label: MessageKey;
  hint?: MessageKey;
  required: boolean;
}

export type StayFormField =
  | (FieldBase & { kind: 'text' | 'textarea'; maxlength: number })
  | (FieldBase & { kind: 'radio' | 'select'; choices: readonly { value: string; label: MessageKey }[] })
  /** A yes-or-no question, sent to the service as a boolean. */
  | (FieldBase & { kind: 'yesno' })
  /** A number typed as text (inputmode numeric): whole unless `decimal`. */
  | (FieldBase & { kind: 'number'; min: number; max: number; decimal?: boolean })
  /** A calendar date, YYYY-MM-DD (Kazakhstan's calendar). */
  | (FieldBase & { kind: 'date' })
  /** Another remand centre or prison of the register. */
  | (FieldBase & { kind: 'facility' })
  /** A disciplinary decision of the stay: one not yet appealed, or one under appeal. */
  | (FieldBase & { kind: 'decision'; which: 'appealable' | 'appealed' });

/**
 * Who records an event (src/app/prison.ts): the health officials (`medical`), the facility's staff
 * (prison officers and the governor), the governor alone, or both medical and prison staff.
 */
export type StayRecorder = 'medical' | 'staff' | 'governor' | 'any';

export interface StayForm {
  type: StayEventType;
  /** The rule the entry serves (RULES.md), shown beside the form. */
  rule: string;
  fields: readonly StayFormField[];
  recorder: StayRecorder;
  /** Whether it has a time (empty: now); the dated facts and the exercise log have dates instead. */
  timed: boolean;
  /** Only while the person is in separation (a health visit is also recorded at other times). */
  inSeparation?: boolean;
  /** Still recorded once the stay has ended (the family's notification, after a death say). */
  afterStay?: boolean;
}

const choices = <Value extends string>(values: readonly Value[], prefix: string) =>
  values.map((value) => ({ value, label: `${prefix}.${value}` as MessageKey }));

const text = (name: string, label: MessageKey, required: boolean, hint?: MessageKey): StayFormField => ({
  name,
  kind: 'text',
  label,
  required,
  maxlength: 200,
  ...(hint ? { hint } : {}),
});

const note = (name: string, label: MessageKey, required: boolean, hint?: MessageKey): StayFormField => ({
  name,
  kind: 'textarea',
  label,
  required,
  maxlength: 1000,
  ...(hint ? { hint } : {}),
});

/** The fields of the medical examination's clinical results: read by the medical role only. */
export const RESULT_FIELDS: Readonly<Record<string, 'hiv' | 'tb' | 'notes'>> = {
  resultHiv: 'hiv',
  resultTb: 'tb',
  resultNotes: 'notes',
};

export const STAY_FORMS: readonly StayForm[] = [
  {
    type: 'medical-examined',
    rule: 'kz.admission.medical',
    recorder: 'medical',
    timed: true,
    fields: [
      text('examinedBy', 'prison.detail.examinedBy', false, 'prison.form.examinedBy.hint'),
      {
        name: 'purpose',
        kind: 'radio',
        label: 'prison.detail.purpose',
        hint: 'prison.form.purpose.hint',
        required: false,
        choices: choices(EXAMINATION_PURPOSES, 'prison.purpose'),
      },
      {
        name: 'hivScreening',
        kind: 'radio',
        label: 'prison.detail.hivScreening',
        required: true,
        choices: choices(SCREENING_OUTCOMES, 'prison.screening'),
      },
      {
        name: 'tbScreening',
        kind: 'radio',
        label: 'prison.detail.tbScreening',
        required: true,
        choices: choices(SCREENING_OUTCOMES, 'prison.screening'),
      },
      {
        name: 'bodilyHarm',
        kind: 'yesno',
        label: 'prison.detail.bodilyHarm',
        hint: 'prison.form.bodilyHarm.hint',
        required: true,
      },
      text('resultHiv', 'prison.form.resultHiv', false, 'prison.form.results.hint'),
      text('resultTb', 'prison.form.resultTb', false),
      note('resultNotes', 'prison.form.resultNotes', false),
    ],
  },
  {
    type: 'health-visit',
    rule: 'intl.solitary.health-visits',
    recorder: 'medical',
    timed: true,
    fields: [text('visitedBy', 'prison.detail.visitedBy', false, 'prison.form.visitedBy.hint')],
  },
  {
    type: 'vulnerability-recorded',
    rule: 'kz.discipline.exempt',
    recorder: 'any',
    timed: false,
    fields: [
      {
        name: 'kind',
        kind: 'radio',
        label: 'prison.detail.vulnerability',
        hint: 'prison.form.vulnerability.hint',
        required: true,
        choices: choices(VULNERABILITY_KINDS, 'prison.vulnerability'),
      },
      { name: 'from', kind: 'date', label: 'prison.detail.from', required: true },
      { name: 'to', kind: 'date', label: 'prison.detail.to', hint: 'prison.form.to.hint', required: false },
      {
        name: 'worsenedBySeparation',
        kind: 'yesno',
        label: 'prison.detail.worsenedBySeparation',
        hint: 'prison.form.worsenedBySeparation.hint',
        required: false,
      },
      note('note', 'prison.detail.note', false),
    ],
  },
  {
    type: 'vulnerability-ended',
    rule: 'kz.discipline.exempt',
    recorder: 'any',
    timed: false,
    fields: [
      {
        name: 'kind',
        kind: 'radio',
        label: 'prison.detail.vulnerability',
        required: true,
        choices: choices(VULNERABILITY_KINDS, 'prison.vulnerability'),
      },
      { name: 'on', kind: 'date', label: 'prison.detail.on', required: true },
    ],
  },
  {
    type: 'exercise-logged',
    rule: 'intl.exercise',
    recorder: 'staff',
    timed: false,
    fields: [
      { name: 'date', kind: 'date', label: 'prison.detail.date', required: true },
      {
        name: 'minutes',
        kind: 'number',
        label: 'prison.detail.minutes',
        hint: 'prison.form.minutes.hint',
        required: true,
        min: 0,
        max: 1440,
      },
    ],
  },
  {
    type: 'placed',
    rule: 'intl.solitary.definition',
    recorder: 'staff',
    timed: true,
    fields: [
      text('unit', 'prison.detail.unit', true, 'prison.form.unit.hint'),
      text('localName', 'prison.detail.localName', false, 'prison.form.localName.hint'),
      {
        name: 'hoursWithoutContact',
        kind: 'number',
        label: 'prison.detail.hoursWithoutContact',
        hint: 'prison.form.hoursWithoutContact.hint',
        required: true,
        min: 0,
        max: 24,
        decimal: true,
      },
    ],
  },
  {
    type: 'search-recorded',
    rule: 'intl.search.women',
    recorder: 'staff',
    timed: true,
    fields: [
      {
        name: 'kind',
        kind: 'radio',
        label: 'prison.detail.searchKind',
        required: true,
        choices: choices(SEARCH_KINDS, 'prison.search'),
      },
      text('searchedBy', 'prison.detail.searchedBy', true),
      {
        name: 'searcherSex',
        kind: 'radio',
        label: 'prison.detail.searcherSex',
        hint: 'prison.form.searcherSex.hint',
        required: true,
        choices: [
          { value: 'female', label: 'person.sex.female' },
          { value: 'male', label: 'person.sex.male' },
        ],
      },
    ],
  },
  {
    type: 'incentive-granted',
    rule: 'kz.incentives',
    recorder: 'staff',
    timed: true,
    fields: [
      {
        name: 'incentive',
        kind: 'radio',
        label: 'prison.detail.incentive',
        required: true,
        choices: choices(KZ_INCENTIVES, 'prison.incentive'),
      },
      note('note', 'prison.detail.note', false),
    ],
  },
  {
    type: 'breach-reported',
    rule: 'kz.discipline.measures',
    recorder: 'staff',
    timed: true,
    fields: [
      note('description', 'prison.detail.description', true, 'prison.form.description.hint'),
      text('reportedBy', 'prison.detail.reportedBy', false, 'prison.form.reportedBy.hint'),
    ],
  },
  {
    type: 'discipline-appealed',
    rule: 'kz.discipline.measures',
    recorder: 'staff',
    timed: true,
    fields: [
      {
        name: 'decisionId',
        kind: 'decision',
        which: 'appealable',
        label: 'prison.detail.decision',
        required: true,
      },
      text('to', 'prison.detail.appealTo', false, 'prison.form.appealTo.hint'),
    ],
  },
  {
    type: 'appeal-decided',
    rule: 'kz.discipline.measures',
    recorder: 'governor',
    timed: true,
    fields: [
      {
        name: 'decisionId',
        kind: 'decision',
        which: 'appealed',
        label: 'prison.detail.decision',
        required: true,
      },
      {
        name: 'outcome',
        kind: 'radio',
        label: 'prison.detail.outcome',
        required: true,
        choices: choices(APPEAL_OUTCOMES, 'prison.appeal'),
      },
      {
        name: 'days',
        kind: 'number',
        label: 'prison.detail.days',
        hint: 'prison.form.reducedDays.hint',
        required: false,
        min: 1,
        max: 3660,
      },
    ],
  },
  {
    type: 'separation-ended',
    rule: 'intl.solitary.prolonged',
    recorder: 'staff',
    timed: true,
    inSeparation: true,
    fields: [text('reason', 'prison.detail.reason', false, 'prison.form.separationEnded.hint')],
  },
  {
    type: 'transferred',
    rule: 'intl.register.minimum',
    recorder: 'staff',
    timed: true,
    fields: [
      { name: 'destinationFacilityId', kind: 'facility', label: 'prison.detail.destination', required: true },
      {
        name: 'reason',
        kind: 'radio',
        label: 'prison.detail.transferReason',
        required: true,
        choices: choices(TRANSFER_REASONS, 'prison.transfer'),
      },
      {
        name: 'requestedByPrisoner',
        kind: 'yesno',
        label: 'prison.detail.requestedByPrisoner',
        hint: 'prison.form.requested.hint',
        required: false,
      },
      note('detail', 'prison.detail.transferDetail', false),
    ],
  },
  {
    type: 'family-notified',
    rule: 'intl.custody.transfer-notice',
    recorder: 'staff',
    timed: true,
    afterStay: true,
    fields: [
      text('contact', 'prison.detail.contact', true, 'prison.form.contact.hint'),
      {
        name: 'means',
        kind: 'radio',
        label: 'prison.detail.means',
        required: true,
        choices: FAMILY_MEANS.map((value) => ({ value, label: FAMILY_MEANS_TEXT[value] })),
      },
    ],
  },
  {
    type: 'released',
    rule: 'intl.register.minimum',
    recorder: 'staff',
    timed: true,
    fields: [text('reason', 'prison.detail.releaseReason', false, 'prison.form.releaseReason.hint')],
  },
  {
    type: 'died',
    rule: 'intl.register.minimum',
    recorder: 'staff',
    timed: true,
    fields: [
      note('circumstances', 'prison.detail.circumstances', true),
      note('cause', 'prison.detail.cause', false),
      text('remainsTo', 'prison.detail.remainsTo', false),
    ],
  },
];

export const stayForm = (type: string): StayForm | undefined => STAY_FORMS.find((form) => form.type === type);

/** Who a reader records as, by role: medical staff, the facility's staff, the governor; others read only. */
export function stayRecorderOf(role: Role): Exclude<StayRecorder, 'any'> | null {
  switch (role) {
    case 'medical':
      return 'medical';
    case 'prison-officer':
      return 'staff';
    case 'governor':
      return 'governor';
    default:
      return null;
  }
}

/** The forms a reader may use on a stay now: by who they are, whether it is open, and the regime. */
export function stayFormsFor(
  stay: Pick<StayView, 'status' | 'regime'>,
  recorder: Exclude<StayRecorder, 'any'>,
): StayForm[] {
  return STAY_FORMS.filter((form) => {
    const who =
      form.recorder === 'any' ||
      form.recorder === recorder ||
      (recorder === 'governor' && form.recorder === 'staff');
    return (
      who &&
      (stay.status === 'held' || form.afterStay === true) &&
      (!form.inSeparation || stay.regime.kind !== 'general')
    );
  });
}

/** The id of a field of one of the stay's forms: every form's fields are unique on the page. */
export const stayFieldId = (form: string, field: string): string => `${form}-${field}`;

/** The names a submitted stay form may carry. */
export function stayFieldNames(form: StayForm): string[] {
  return [...(form.timed ? ['at', 'at-offset'] : []), ...form.fields.map((field) => field.name)];
}

/** What to say about each field of the stay's forms, by its name on the form. */
export const STAY_MESSAGES: Record<string, FieldMessages> = {
  at: { invalid: 'prison.field.at.invalid', refused: 'prison.field.at.refused' },
  examinedBy: { invalid: 'prison.field.name.invalid' },
  purpose: { invalid: 'prison.field.purpose.required' },
  hivScreening: { required: 'prison.field.screening.required', invalid: 'prison.field.screening.required' },
  tbScreening: { required: 'prison.field.screening.required', invalid: 'prison.field.screening.required' },
  bodilyHarm: { required: 'prison.field.bodilyHarm.required', invalid: 'prison.field.bodilyHarm.required' },
  resultHiv: { invalid: 'prison.field.name.invalid' },
  resultTb: { invalid: 'prison.field.name.invalid' },
  resultNotes: { invalid: 'prison.field.note.invalid' },
  visitedBy: { invalid: 'prison.field.name.invalid' },
  kind: {
    required: 'prison.field.kind.required',
    invalid: 'prison.field.kind.required',
    refused: 'prison.field.kind.refused',
  },
  from: {
    required: 'prison.field.date.required',
    invalid: 'prison.field.date.invalid',
    refused: 'prison.field.date.refused',
  },
  to: { invalid: 'prison.field.date.invalid', refused: 'prison.field.to.refused' },
  on: {
    required: 'prison.field.date.required',
    invalid: 'prison.field.date.invalid',
    refused: 'prison.field.date.refused',
  },
  date: {
    required: 'prison.field.date.required',
    invalid: 'prison.field.date.invalid',
    refused: 'prison.field.date.refused',
  },
  worsenedBySeparation: { invalid: 'prison.field.bodilyHarm.required' },
  note: { invalid: 'prison.field.note.invalid' },
  minutes: { required: 'prison.field.minutes.required', invalid: 'prison.field.minutes.required' },
  unit: { required: 'prison.field.unit.required', invalid: 'prison.field.name.invalid' },
  localName: { invalid: 'prison.field.name.invalid' },
  hoursWithoutContact: { required: 'prison.field.hours.required', invalid: 'prison.field.hours.required' },
  searchedBy: { required: 'prison.field.searchedBy.required', invalid: 'prison.field.name.invalid' },
  searcherSex: {
    required: 'prison.field.searcherSex.required',
    invalid: 'prison.field.searcherSex.required',
  },
  incentive: { required: 'prison.field.incentive.required', invalid: 'prison.field.incentive.required' },
  description: { required: 'prison.field.description.required', invalid: 'prison.field.note.invalid' },
  reportedBy: { invalid: 'prison.field.name.invalid' },
  decisionId: {
    required: 'prison.field.decisionId.required',
    invalid: 'prison.field.decisionId.required',
    refused: 'prison.field.decisionId.refused',
  },
  outcome: { required: 'prison.field.outcome.required', invalid: 'prison.field.outcome.required' },
  days: { invalid: 'prison.field.days.invalid', refused: 'prison.field.days.refused' },
  reason: { required: 'prison.field.transferReason.required', invalid: 'prison.field.note.invalid' },
  destinationFacilityId: {
    required: 'prison.field.destination.required',
    invalid: 'prison.field.destination.required',
    refused: 'prison.field.destination.refused',
  },
  requestedByPrisoner: { invalid: 'prison.field.bodilyHarm.required' },
  detail: { invalid: 'prison.field.note.invalid' },
  contact: { required: 'prison.field.contact.required', invalid: 'prison.field.name.invalid' },
  means: { required: 'prison.field.means.required', invalid: 'prison.field.means.required' },
  circumstances: { required: 'prison.field.circumstances.required', invalid: 'prison.field.note.invalid' },
  cause: { invalid: 'prison.field.note.invalid' },
  remainsTo: { invalid: 'prison.field.name.invalid' },
};

/** A reason is a closed list on a transfer and free text elsewhere: its message follows the form. */
export function messagesFor(form: StayForm, field: string): FieldMessages {
  if (field === 'reason' && form.type !== 'transferred') return { invalid: 'prison.field.note.invalid' };
  // Ending a separation at a moment the person was not in one.
  if (field === 'at' && form.type === 'separation-ended')
    return { invalid: 'prison.field.at.invalid', refused: 'prison.field.at.notSeparated' };
  return STAY_MESSAGES[field] ?? { invalid: 'prison.field.invalid' };
}

const optional = (value: string | undefined): string | undefined => {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? undefined : trimmed;
};

/** A number as typed: whole (or with a decimal point where allowed) and within its bounds, or null. */
export function numberFrom(
  text: string,
  field: { min: number; max: number; decimal?: boolean },
): number | null {
  const pattern = field.decimal ? /^\d{1,4}([.,]\d{1,2})?$/ : /^\d{1,5}$/;
  if (!pattern.test(text)) return null;
  const value = Number(text.replace(',', '.'));
  return value >= field.min && value <= field.max ? value : null;
}

/**
 * A submitted stay form as the service's input (`{type, at?, …fields}`), or the problems the page
 * can see by itself: a time or a number that is not one. Empty optional fields are left out, as an
 * API client would; the clinical results go into `results`; the rest is the service's to judge.
 */
export function stayEventInput(
  form: StayForm,
  values: FormValues,
): { input: Record<string, unknown> } | { errors: FieldError[] } {
  const input: Record<string, unknown> = { type: form.type };
  const errors: FieldError[] = [];
  if (form.timed) {
    const at = momentFromLocal(values.at ?? '', values['at-offset'] ?? '');
    if (at === null) errors.push({ field: 'at', message: 'prison.field.at.invalid' });
    else if (at !== '') input.at = at;
  }
  const results: Record<string, string> = {};
  for (const field of form.fields) {
    const value = optional(values[field.name]);
    if (value === undefined) continue;
    const result = RESULT_FIELDS[field.name];
    if (result !== undefined) {
      results[result] = value;
      continue;
    }
    if (field.kind === 'yesno') input[field.name] = value === 'yes';
    else if (field.kind === 'number') {
      const number = numberFrom(value, field);
      if (number === null) errors.push({ field: field.name, message: messagesFor(form, field.name).invalid });
      else input[field.name] = number;
    } else input[field.name] = value;
  }
  if (Object.keys(results).length > 0) input.results = results;
  if (errors.length > 0) return { errors };
  return { input };
}

/** A service's issue path as the form's field: `results.hiv` is typed in `resultHiv`. */
export function formFieldOf(path: string): string {
  if (path.startsWith('results.')) {
    const part = path.slice('results.'.length);
    const found = Object.entries(RESULT_FIELDS).find(([, name]) => name === part);
    return found ? found[0] : 'resultNotes';
  }
  return path.split('.')[0] ?? path;
}
