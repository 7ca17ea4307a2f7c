import { InvalidInputError, RefusedError } from '../app/errors.js';
import type { RefusalReason } from '../domain/refusals.js';
import type { MessageKey } from './i18n.js';

/**
 * A problem with one form field, as validators return it (STYLE.md "Government service pages"):
 * `field` is the id of the input to link to, `message` a translation key that says what to do.
 * When a rule refused, `refusal` is why, as data: the page says that instead, with its numbers and
 * times in the reader's language (src/web/refusal-text.ts).
 */
export interface FieldError {
  field: string;
  message: MessageKey;
  refusal?: RefusalReason;
}

/** A submitted form: each field's first value as text, so that a repeated or missing field is just text. */
export type FormValues = Record<string, string>;

/** Parses an urlencoded body (as @fastify/formbody leaves it) into text values; anything else is empty. */
export function formValues(body: unknown, fields: readonly string[]): FormValues {
  const values: FormValues = {};
  const source = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  for (const field of fields) {
    const raw = Object.hasOwn(source, field) ? source[field] : undefined;
    const first = Array.isArray(raw) ? raw[0] : raw;
    values[field] = typeof first === 'string' ? first : '';
  }
  return values;
}

/** The error for `field`, if any: shown beside the field as well as in the summary. */
export function errorFor(errors: readonly FieldError[], field: string): FieldError | undefined {
  return errors.find((error) => error.field === field);
}

/** Every text value of a repeated field (checkboxes), in the order sent. */
export function formList(body: unknown, field: string): string[] {
  const source = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const raw = Object.hasOwn(source, field) ? source[field] : undefined;
  const list: unknown[] = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter((value): value is string => typeof value === 'string');
}

/** What to say about one field: when it was left empty, when it is wrong, when a rule refused it. */
export interface FieldMessages {
  required?: MessageKey;
  invalid: MessageKey;
  refused?: MessageKey;
}

/**
 * The application's verdict on a form as field errors, in the order of the form: an issue of the
 * schema (InvalidInputError) or a decider's refusal naming a field (RefusedError). `filled` says
 * which fields were not empty, to choose between "enter …" and "… must be …".
 */
export function fieldErrors(
  issues: readonly { field: string; refused?: boolean; refusal?: RefusalReason | undefined }[],
  messages: Readonly<Record<string, FieldMessages>>,
  filled: (field: string) => boolean,
): FieldError[] {
  const fields = Object.keys(messages);
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const field = issue.field.split('.')[0] ?? '';
    const known = messages[field];
    if (!known) {
      // Not a field of this form: one general message, at the first field.
      const first = fields[0] ?? field;
      if (!errors.some((error) => error.message === 'errors.refused'))
        errors.push({
          field: first,
          message: 'errors.refused',
          ...(issue.refused && issue.refusal ? { refusal: issue.refusal } : {}),
        });
      continue;
    }
    if (errors.some((error) => error.field === field)) continue;
    const message = issue.refused
      ? (known.refused ?? known.invalid)
      : !filled(field) && known.required
        ? known.required
        : known.invalid;
    // A field's own words for a refusal say what to do there; without them, the rule's reason says why.
    const unworded = issue.refused && !known.refused && issue.refusal;
    errors.push({ field, message, ...(unworded ? { refusal: issue.refusal } : {}) });
  }
  return inFormOrder(errors, fields);
}

/** One error per field, in the order the fields appear on the form (the summary reads top to bottom). */
export function inFormOrder(errors: readonly FieldError[], fields: readonly string[]): FieldError[] {
  const unique = errors.filter(
    (error, index) => errors.findIndex((other) => other.field === error.field) === index,
  );
  const position = (field: string) => (fields.includes(field) ? fields.indexOf(field) : fields.length);
  return unique.sort((a, b) => position(a.field) - position(b.field));
}

/**
 * The service's verdict on a form as field errors (`formField` names the form's field for an API
 * field, when they differ); any other error is not the form's fault and is thrown again.
 */
export function verdictAsFieldErrors(
  error: unknown,
  messages: Readonly<Record<string, FieldMessages>>,
  filled: (field: string) => boolean,
  formField: (field: string) => string = (field) => field,
): FieldError[] {
  if (error instanceof InvalidInputError)
    return fieldErrors(
      error.issues.map((issue) => ({ field: formField(issue.field) })),
      messages,
      filled,
    );
  if (error instanceof RefusedError)
    return fieldErrors(
      [{ field: formField(error.field ?? ''), refused: true, refusal: error.reason }],
      messages,
      filled,
    );
  throw error;
}
