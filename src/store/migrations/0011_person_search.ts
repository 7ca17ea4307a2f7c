/* eslint-disable @typescript-eslint/no-explicit-any -- a migration is frozen in time: it sees Kysely<any>, never the app's Database type (STYLE.md "SQL") */
import type { Kysely } from 'kysely';

/*
 * Search in the register by name (issue 18 item 10): `people.name_key`, the words of a person's
 * family name, given names and patronymic as the search compares them (letter case, accents and
 * punctuation aside), each preceded by a space — so that `name_key LIKE '% word%'` finds a word
 * typed at the start of any of them, on both engines. Filled here for the people already in the
 * read model, with a frozen copy of src/domain/registry/name-key.ts as it was written; the
 * projection keeps it from then on (and a rebuild from the log gives the same keys).
 *
 * Frozen in time: no application imports.
 */

function nameWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((word) => word !== '');
}

function nameKey(familyName: string, givenNames: string, patronymic: string | null): string {
  const words = [familyName, givenNames, patronymic ?? ''].flatMap(nameWords);
  return words.length === 0 ? ' ' : ` ${words.join(' ')} `;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('people').addColumn('name_key', 'text').execute();
  const people = (await db
    .selectFrom('people')
    .select(['id', 'family_name', 'given_names', 'patronymic'])
    .execute()) as { id: string; family_name: string; given_names: string; patronymic: string | null }[];
  for (const person of people)
    await db
      .updateTable('people')
      .set({ name_key: nameKey(person.family_name, person.given_names, person.patronymic) })
      .where('id', '=', person.id)
      .execute();
  // A search by birth date, and the name search within a birth date, start here.
  await db.schema.createIndex('people_birth_date').on('people').column('birth_date').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('people_birth_date').ifExists().execute();
  await db.schema.alterTable('people').dropColumn('name_key').execute();
}
