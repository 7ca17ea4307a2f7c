/*
 * Names as the search compares them (issue 18 item 10): letter case, accents and punctuation aside,
 * so that "Сейткали", "сейткали" and "СЕЙТКАЛИ" are one name, "Алёна" is found as "алена" and a
 * double family name "Иванова-Петрова" by either part. Kazakh letters (ә, ғ, қ, ң, ө, ұ, ү, һ, і)
 * are letters of their own and stay as they are. The read model keeps each person's key
 * (`people.name_key`, migration 0011, which holds a frozen copy of this function): the words of
 * the family name, given names and patronymic, each preceded by a space, so that a word typed is
 * found at the start of any of them.
 */

/** The words of a text, compared as the search compares them. */
export function nameWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((word) => word !== '');
}

/** A person's key: ` word word word ` (a space before each word and at the end). */
export function nameKey(familyName: string, givenNames: string, patronymic: string | null): string {
  const words = [familyName, givenNames, patronymic ?? ''].flatMap(nameWords);
  return words.length === 0 ? ' ' : ` ${words.join(' ')} `;
}
