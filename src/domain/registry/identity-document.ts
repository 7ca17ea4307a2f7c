import { z } from 'zod';
import { textLine } from './text.js';

/*
 * Identity documents of a person (issue 17 item 5): what an officer holds in front of them when a
 * person is brought in. A document identifies a person already in the register, so that an
 * officer of another facility can reach their record without seeing anything else of it
 * (src/app/person-reach.ts). Numbers are kept normalised, for an exact lookup by (kind, number).
 */

export const IDENTITY_DOCUMENT_KINDS = [
  /** Kazakhstan's individual identification number (ИИН / ЖСН): 12 digits with a check digit. */
  'iin',
  'passport',
  'id-card',
  'birth-certificate',
  'residence-permit',
  'other',
] as const;
export type IdentityDocumentKind = (typeof IDENTITY_DOCUMENT_KINDS)[number];

/** A document as it stands in the register: `number` normalised (normaliseDocumentNumber). */
export type IdentityDocument = {
  kind: IdentityDocumentKind;
  number: string;
  issuedBy: string | null;
};

/** The most documents one person's registration carries. */
export const MAX_IDENTITY_DOCUMENTS = 10;

/**
 * A document number as the register keeps it: letters upper case, digits, nothing else. Spaces,
 * hyphens, slashes and the like are how numbers are printed, not part of them ("N 1234-567" and
 * "n1234567" are one number).
 */
export function normaliseDocumentNumber(number: string): string {
  return number
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

const IIN_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const IIN_WEIGHTS_AGAIN = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/**
 * Kazakhstan's IIN: 12 digits, the last a check digit — the first 11 weighted 1..11, modulo 11;
 * a remainder of 10 is weighed again with 3..11, 1, 2, and a second 10 means no IIN is issued with
 * these digits (Government Decree No. 565 of 11 June 2003, the IIN's structure).
 */
export function isValidIin(iin: string): boolean {
  if (!/^\d{12}$/.test(iin)) return false;
  const digits = [...iin].map(Number);
  const sum = (weights: number[]) =>
    weights.reduce((total, weight, i) => total + weight * (digits[i] ?? 0), 0);
  let check = sum(IIN_WEIGHTS) % 11;
  if (check === 10) check = sum(IIN_WEIGHTS_AGAIN) % 11;
  return check !== 10 && check === digits[11];
}

const documentNumber = z
  .string()
  .max(200, { message: 'at most 50 letters and digits' })
  .transform(normaliseDocumentNumber)
  .pipe(
    z
      .string()
      .min(1, { message: 'must have letters or digits' })
      .max(50, { message: 'at most 50 letters and digits' }),
  );

/** Refines a document with the check its kind has (the IIN's check digit). */
function checkNumber(document: { kind: IdentityDocumentKind; number: string }, ctx: z.RefinementCtx): void {
  if (document.kind === 'iin' && !isValidIin(document.number))
    ctx.addIssue({
      code: 'custom',
      path: ['number'],
      message: 'not a valid IIN: 12 digits whose last is the check digit',
    });
}

/** One document on POST /people: its kind, number and, optionally, who issued it. */
export const IdentityDocumentInput = z
  .strictObject({
    kind: z.enum(IDENTITY_DOCUMENT_KINDS),
    number: documentNumber.describe('As printed; spaces and hyphens are ignored. An IIN has 12 digits.'),
    issuedBy: textLine(200).optional().describe('The issuing authority or country'),
  })
  .superRefine(checkNumber);

/**
 * The document an officer holds in front of them, on POST /custody and POST /prison/admissions
 * and in the look-up (POST /people/lookup): kind and number only.
 */
export const IdentityDocumentRef = z
  .strictObject({
    kind: z.enum(IDENTITY_DOCUMENT_KINDS),
    number: documentNumber.describe('As printed; spaces and hyphens are ignored'),
  })
  .superRefine(checkNumber);
export type IdentityDocumentRef = z.output<typeof IdentityDocumentRef>;
