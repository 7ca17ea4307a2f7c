import { z } from 'zod';
import { IdentityDocumentRef } from './identity-document.js';
import { nameWords } from './name-key.js';

/*
 * A search of the register (issue 18 item 10): by name, birth date and identity document, any of
 * them, all given ones applying together. Too little to tell anyone apart is refused: a name needs
 * two letters, so that nobody lists a facility's people letter by letter.
 */

/** The fewest letters and digits a name searched for has. */
export const MIN_NAME_LETTERS = 2;

/** The body of POST /people/search. */
export const PersonSearchInput = z
  .strictObject({
    name: z
      .string()
      .max(200, { message: 'at most 200 characters' })
      .optional()
      .describe(
        'Words of the family name, given names or patronymic, each matched at the start of a name ' +
          '(letter case and accents aside), e.g. "сейтк нурл"',
      ),
    birthDate: z.iso.date({ message: 'must be a calendar date YYYY-MM-DD' }).optional(),
    identityDocument: IdentityDocumentRef.optional().describe(
      'An identity document the person holds: finds them exactly by its kind and number',
    ),
  })
  .superRefine((input, ctx) => {
    const letters = nameWords(input.name ?? '').join('').length;
    if (input.name !== undefined && input.name.trim() !== '' && letters < MIN_NAME_LETTERS)
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: `at least ${MIN_NAME_LETTERS} letters of a name`,
      });
    if (letters === 0 && input.birthDate === undefined && input.identityDocument === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: 'give a name, a date of birth or an identity document',
      });
  });
export type PersonSearchInput = z.output<typeof PersonSearchInput>;
