import type { z } from 'zod';
import type { InterviewInput } from '../domain/custody/inputs.js';
import { INTERVIEW_COUNSEL, INTERVIEW_ROLES } from '../domain/custody/events.js';
import { momentFromLocal } from './custody-time.js';
import { inFormOrder, type FieldError, type FieldMessages, type FormValues } from './forms.js';

/*
 * The interview form (kz.custody.interview, POST /custody/{id}/interviews) as data: its fields in
 * the order of the page, the page's values turned into the API's input (InterviewInput), and the
 * API's field names turned back into the page's, so that a refusal lands on the field it is about.
 * A form without JavaScript has a fixed number of rows for the others present: unused rows stay
 * empty and are left out.
 */

/** Rows for the others present (an interviewer, counsel, an interpreter, a procurator, one more). */
export const PRESENT_ROWS = 5;

const rowNumbers = Array.from({ length: PRESENT_ROWS }, (_, index) => index + 1);
export const presentField = (row: number, part: 'name' | 'role'): string => `present-${row}-${part}`;

/** Every field the form sends, in the order of the page. */
export const INTERVIEW_FIELDS: readonly string[] = [
  'startedAt',
  'startedAt-offset',
  'endedAt',
  'endedAt-offset',
  'interviewerName',
  'interviewerPosition',
  ...rowNumbers.flatMap((row) => [presentField(row, 'name'), presentField(row, 'role')]),
  'counsel',
  'counselName',
  'interpreter',
  'recorded',
  'recordingSha256',
  'recordingSize',
  'recordingMediaType',
  'noRecordingReason',
  'caseNumber',
];

/** The recording's media type the form offers first: what custody units' systems write. */
export const DEFAULT_MEDIA_TYPE = 'video/mp4';

const invalid = 'custody.field.invalid' as const;

/** What to say about each field, in the order of the page (the error summary reads top to bottom). */
export const INTERVIEW_MESSAGES: Record<string, FieldMessages> = {
  startedAt: { required: 'interview.field.startedAt.required', invalid: 'interview.field.startedAt.invalid' },
  endedAt: { required: 'interview.field.endedAt.required', invalid: 'interview.field.endedAt.invalid' },
  interviewerName: { required: 'interview.field.interviewerName.required', invalid },
  interviewerPosition: { required: 'interview.field.interviewerPosition.required', invalid },
  ...Object.fromEntries(
    rowNumbers.flatMap((row) => [
      [presentField(row, 'name'), { required: 'interview.field.presentName.required', invalid }],
      [
        presentField(row, 'role'),
        {
          required: 'interview.field.presentRole.required',
          invalid: 'interview.field.presentRole.required',
        },
      ],
    ]),
  ),
  counsel: { required: 'interview.field.counsel.required', invalid: 'interview.field.counsel.required' },
  counselName: { required: 'interview.field.counselName.required', invalid },
  interpreter: { invalid: 'interview.field.interpreter.invalid' },
  recorded: { required: 'interview.field.recorded.required', invalid: 'interview.field.recorded.required' },
  recordingSha256: {
    required: 'interview.field.sha256.required',
    invalid: 'interview.field.sha256.invalid',
  },
  recordingSize: { required: 'interview.field.size.required', invalid: 'interview.field.size.invalid' },
  recordingMediaType: {
    required: 'interview.field.mediaType.required',
    invalid: 'interview.field.mediaType.invalid',
  },
  noRecordingReason: { required: 'interview.field.noRecordingReason.required', invalid },
  caseNumber: { invalid: 'interview.field.caseNumber.invalid' },
};

const text = (values: FormValues, field: string): string => (values[field] ?? '').trim();

/**
 * The page's values as the API's input, with the rows of the others present that were filled in
 * (`rows`: the page's row of each item of `present`); or the errors the page finds on its own — a
 * time that is not one, a row half filled, whether a recording was made left unsaid.
 */
export function interviewInput(
  values: FormValues,
): { input: z.input<typeof InterviewInput>; rows: number[] } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const moment = (field: 'startedAt' | 'endedAt'): string => {
    const at = momentFromLocal(values[field] ?? '', values[`${field}-offset`] ?? '');
    if (at === '') errors.push({ field, message: INTERVIEW_MESSAGES[field]!.required! });
    else if (at === null) errors.push({ field, message: INTERVIEW_MESSAGES[field]!.invalid });
    return at ?? '';
  };
  const startedAt = moment('startedAt');
  const endedAt = moment('endedAt');

  const present: { name: string; role: string }[] = [];
  const rows: number[] = [];
  for (const row of rowNumbers) {
    const name = text(values, presentField(row, 'name'));
    const role = text(values, presentField(row, 'role'));
    if (name === '' && role === '') continue;
    if (name === '')
      errors.push({ field: presentField(row, 'name'), message: 'interview.field.presentName.required' });
    else if (!(INTERVIEW_ROLES as readonly string[]).includes(role))
      errors.push({ field: presentField(row, 'role'), message: 'interview.field.presentRole.required' });
    present.push({ name, role });
    rows.push(row);
  }

  const counsel = text(values, 'counsel');
  if (!(INTERVIEW_COUNSEL as readonly string[]).includes(counsel))
    errors.push({ field: 'counsel', message: 'interview.field.counsel.required' });

  const recorded = text(values, 'recorded');
  let recording: { sha256: string; size: number; mediaType: string } | null = null;
  if (recorded === 'yes') {
    const sha256 = text(values, 'recordingSha256').toLowerCase();
    const size = text(values, 'recordingSize').replace(/[\s\u00a0\u202f]/g, '');
    const mediaType = text(values, 'recordingMediaType').toLowerCase();
    if (sha256 === '') errors.push({ field: 'recordingSha256', message: 'interview.field.sha256.required' });
    if (size === '') errors.push({ field: 'recordingSize', message: 'interview.field.size.required' });
    else if (!/^\d{1,16}$/.test(size))
      errors.push({ field: 'recordingSize', message: 'interview.field.size.invalid' });
    if (mediaType === '')
      errors.push({ field: 'recordingMediaType', message: 'interview.field.mediaType.required' });
    recording = { sha256, size: Number(size), mediaType };
  } else if (recorded !== 'no')
    errors.push({ field: 'recorded', message: 'interview.field.recorded.required' });

  if (errors.length > 0) return { errors: inFormOrder(errors, Object.keys(INTERVIEW_MESSAGES)) };
  const optional = (field: string): string | undefined => {
    const value = text(values, field);
    return value === '' ? undefined : value;
  };
  const interpreter = optional('interpreter');
  const counselName = optional('counselName');
  const noRecordingReason = recorded === 'no' ? optional('noRecordingReason') : undefined;
  const caseNumber = optional('caseNumber');
  return {
    input: {
      startedAt,
      endedAt,
      interviewer: {
        name: values.interviewerName ?? '',
        position: values.interviewerPosition ?? '',
      },
      present: present as z.input<typeof InterviewInput>['present'],
      counsel: counsel as z.input<typeof InterviewInput>['counsel'],
      ...(counselName !== undefined ? { counselName } : {}),
      interpreter: interpreter ?? null,
      recording,
      ...(noRecordingReason !== undefined ? { noRecordingReason } : {}),
      ...(caseNumber !== undefined ? { caseNumber } : {}),
    },
    rows,
  };
}

/** The page's field for a field the API names (`interviewer.name`, `present.1.role`, `recording.sha256`). */
export function interviewFormField(field: string, rows: readonly number[]): string {
  const present = /^present\.(\d+)\.(name|role)/.exec(field);
  if (present) {
    const row = rows[Number(present[1])];
    return row === undefined ? 'present-1-name' : presentField(row, present[2] as 'name' | 'role');
  }
  switch (field.split('.').slice(0, 2).join('.')) {
    case 'interviewer.name':
      return 'interviewerName';
    case 'interviewer.position':
      return 'interviewerPosition';
    case 'recording.sha256':
      return 'recordingSha256';
    case 'recording.size':
      return 'recordingSize';
    case 'recording.mediaType':
      return 'recordingMediaType';
    default:
      return field === 'recording' ? 'recorded' : (field.split('.')[0] ?? field);
  }
}
