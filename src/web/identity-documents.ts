import { RefusedError } from '../app/errors.js';
import { IDENTITY_DOCUMENT_KINDS, type IdentityDocumentKind } from '../domain/registry/identity-document.js';
import type { FieldError, FieldMessages, FormValues } from './forms.js';
import type { MessageKey } from './i18n.js';

/*
 * Identity documents on the pages (issue 17 item 5): the rows of the person form (POST /people's
 * `identityDocuments`), the document an officer holds on the arrest and admission forms
 * (`identityDocument`), and the look-up by document. Forms name their inputs flatly; these
 * functions turn them into the API's input and the service's issues back into field errors.
 */

/** Rows of documents on the person form: enough for an IIN and a passport (more through the API). */
export const DOCUMENT_ROWS = 2;

/** The inputs of row `row` (1-based) of the person form. */
export const documentRowFields = (row: number) =>
  ({
    kind: `document${row}Kind`,
    number: `document${row}Number`,
    issuedBy: `document${row}IssuedBy`,
  }) as const;

/** Every input of `rows` document rows, for formValues. */
export const documentRowInputs = (rows: number): readonly string[] =>
  Array.from({ length: rows }, (_, i) => Object.values(documentRowFields(i + 1))).flat();

/** Every input of the person form's document rows, for formValues. */
export const DOCUMENT_ROW_FIELDS: readonly string[] = documentRowInputs(DOCUMENT_ROWS);

/** The inputs of the document held, on the arrest and admission forms. */
export const HELD_DOCUMENT_FIELDS = ['documentKind', 'documentNumber'] as const;
/** The inputs of the look-up by document. */
export const LOOKUP_DOCUMENT_FIELDS = ['lookupDocumentKind', 'lookupDocumentNumber', 'pick'] as const;

export const documentKindName = (kind: string): MessageKey | undefined =>
  (IDENTITY_DOCUMENT_KINDS as readonly string[]).includes(kind)
    ? `document.kind.${kind as IdentityDocumentKind}`
    : undefined;

const text = (value: string | undefined): string => (value ?? '').trim();

/**
 * The person form's rows as POST /people's `identityDocuments` (empty rows left out), or undefined;
 * `rows` when the form has more rows than the person form (the correction of a person's details).
 */
export function documentsFrom(
  values: FormValues,
  rows = DOCUMENT_ROWS,
): Record<string, string>[] | undefined {
  const documents: Record<string, string>[] = [];
  for (let row = 1; row <= rows; row++) {
    const fields = documentRowFields(row);
    const [kind, number, issuedBy] = [
      text(values[fields.kind]),
      text(values[fields.number]),
      text(values[fields.issuedBy]),
    ];
    if (kind === '' && number === '' && issuedBy === '') continue;
    documents.push({ kind, number, ...(issuedBy !== '' ? { issuedBy } : {}) });
  }
  return documents.length > 0 ? documents : undefined;
}

/**
 * The document held, as `identityDocument` of POST /custody and /prison/admissions, or undefined
 * when both inputs are empty. The kind is as typed: the service's schema judges it.
 */
export function heldDocumentFrom(
  values: FormValues,
): { kind: IdentityDocumentKind; number: string } | undefined {
  const kind = text(values.documentKind);
  const number = text(values.documentNumber);
  return kind === '' && number === '' ? undefined : { kind: kind as IdentityDocumentKind, number };
}

/** Messages of the document held; a refusal of reach says what to do (src/app/person-reach.ts). */
export const HELD_DOCUMENT_MESSAGES: Record<string, FieldMessages> = {
  documentKind: { required: 'document.kind.required', invalid: 'document.kind.required' },
  documentNumber: {
    required: 'document.number.required',
    invalid: 'document.number.invalid',
    refused: 'reach.mismatch',
  },
};

/**
 * Issues of the schema at `identityDocuments.N.field` (the person form) or `identityDocument.field`
 * (the arrest and admission forms) as the inputs that show them; null for any other path.
 */
export function documentFieldOf(path: string, rowCount = DOCUMENT_ROWS): string | null {
  const rows = /^identityDocuments(?:\.(\d+))?(?:\.(kind|number|issuedBy))?/.exec(path);
  if (rows) {
    const row = Number(rows[1] ?? 0) + 1;
    const fields = documentRowFields(Math.min(row, rowCount));
    return rows[2] === 'number' ? fields.number : rows[2] === 'issuedBy' ? fields.issuedBy : fields.kind;
  }
  const held = /^identityDocument(?:\.(kind|number))?$/.exec(path);
  if (held) return held[2] === 'kind' ? 'documentKind' : 'documentNumber';
  return null;
}

/** What to say beside each input of `rows` document rows. */
export const documentRowMessages = (rows: number): Record<string, FieldMessages> =>
  Object.fromEntries(
    Array.from({ length: rows }, (_, i) => {
      const fields = documentRowFields(i + 1);
      return [
        [
          fields.kind,
          {
            required: 'document.kind.required',
            invalid: 'document.kind.required',
            // The one refusal of the rows: the same document twice.
            refused: 'person.documents.duplicate',
          },
        ],
        [fields.number, { required: 'document.number.required', invalid: 'document.number.invalid' }],
        [fields.issuedBy, { invalid: 'document.issuedBy.invalid' }],
      ] as const;
    }).flat(),
  );

/** What to say beside each input of the person form's document rows. */
export const DOCUMENT_ROW_MESSAGES: Record<string, FieldMessages> = documentRowMessages(DOCUMENT_ROWS);

/** Issues whose paths name a document (`identityDocuments.0.number`, `identityDocument.kind`) as the form's inputs. */
export function onDocumentInputs<Issue extends { field: string }>(
  issues: readonly Issue[],
  rows = DOCUMENT_ROWS,
): Issue[] {
  return issues.map((issue) => ({ ...issue, field: documentFieldOf(issue.field, rows) ?? issue.field }));
}

/**
 * The refusal of reach (src/app/person-reach.ts) as the arrest or admission form shows it: beside
 * the document held, saying what to do — with no document, enter one; with one, it did not match.
 */
export function reachRefusal(error: unknown, values: FormValues): FieldError | null {
  if (!(error instanceof RefusedError) || error.field !== 'identityDocument') return null;
  return heldDocumentFrom(values) === undefined
    ? { field: 'documentNumber', message: 'reach.refused' }
    : { field: 'documentNumber', message: 'reach.mismatch' };
}
