import { z } from 'zod';
import { COUNTRY_CODES } from './country-codes.js';
import type { IdentityDocument } from './identity-document.js';

/*
 * The identity fields of a person (intl.register.minimum) as the registration states them and a
 * correction replaces them (issue 18 item 2): shared by the registration's and the correction's
 * schemas, the decider and the read model.
 */

export const SEXES = ['female', 'male'] as const;
export type PersonSex = (typeof SEXES)[number];

/** A BCP 47 language tag, canonicalised (`kk-cyrl` → `kk-Cyrl`). */
export const languageTag = z
  .string()
  .max(35)
  .transform((tag, ctx) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical) return canonical;
    } catch {
      // RangeError: not a well-formed tag; reported below.
    }
    ctx.addIssue({ code: 'custom', message: 'not a BCP 47 language tag (e.g. kk, ru, uz-Cyrl)' });
    return z.NEVER;
  });

/** An ISO 3166-1 alpha-2 country code, upper case. */
export const citizenshipCode = z
  .string()
  .transform((code) => code.toUpperCase())
  .refine((code) => COUNTRY_CODES.has(code), { message: 'must be an ISO 3166-1 alpha-2 country code' });

/** A person's details as they stand in the register: the registration, then each correction. */
export interface PersonDetails {
  familyName: string;
  givenNames: string;
  patronymic: string | null;
  birthDate: string;
  sex: PersonSex;
  /** null: stateless. */
  citizenship: string | null;
  languages: string[];
  identityDocuments: IdentityDocument[];
}

/** The details a correction may change: all of them, each replaced whole. */
export const CORRECTABLE_PERSON_FIELDS = [
  'familyName',
  'givenNames',
  'patronymic',
  'birthDate',
  'sex',
  'citizenship',
  'languages',
  'identityDocuments',
] as const satisfies readonly (keyof PersonDetails)[];
export type CorrectablePersonField = (typeof CORRECTABLE_PERSON_FIELDS)[number];

/**
 * One detail corrected: its value before and after, and the entry (log seq) that stated the value
 * replaced — the registration or an earlier correction; null only when the stream was folded
 * without the log's positions (tests).
 */
export type PersonChange = {
  [Field in CorrectablePersonField]: {
    field: Field;
    from: PersonDetails[Field];
    to: PersonDetails[Field];
    correctsSeq: number | null;
  };
}[CorrectablePersonField];

/** Two values of a detail are the same statement (documents and languages as sets). */
export function sameDetail<Field extends CorrectablePersonField>(
  field: Field,
  a: PersonDetails[Field],
  b: PersonDetails[Field],
): boolean {
  if (field === 'identityDocuments') {
    const key = (documents: IdentityDocument[]) =>
      JSON.stringify(
        documents
          .map((document) => [document.kind, document.number, document.issuedBy ?? null])
          .sort((x, y) => `${x[0]} ${x[1]}`.localeCompare(`${y[0]} ${y[1]}`)),
      );
    return key(a as IdentityDocument[]) === key(b as IdentityDocument[]);
  }
  if (field === 'languages')
    return JSON.stringify([...(a as string[])].sort()) === JSON.stringify([...(b as string[])].sort());
  return a === b;
}
