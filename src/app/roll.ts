import type { Principal } from '../access/principal.js';
import type { Store } from '../store/types.js';
import { requireAccess } from './access.js';
import { appendRead } from './audit.js';
import { InvalidInputError } from './errors.js';

/*
 * The kiosk's roll of names (issue 4 item 2): at a complaint terminal the prisoner may find their
 * own name instead of typing their number. Data minimisation: the family name and the initials of
 * the given names and patronymic only ("Абенов Е. К."), enough to find oneself and no more; no
 * birth date, no number shown. Only the terminal's own facility, only a kiosk (policy `roll.read`),
 * and every listing is a read of personal data, recorded in the log before the answer is given.
 *
 * Never the whole roll (issue 18 item 11): the terminal stands in a shared corridor, so names are
 * given only for the first letters of a family name the person types — at least ROLL_MIN_LETTERS,
 * or a whole family name shorter than that (Ли, Ан, Ох). Why three: in a facility of a few hundred
 * to two thousand people one letter matches tens or hundreds of names and two letters still tens,
 * enough to read the roll over someone's shoulder; three letters leave a handful, among which a
 * person finds their own at a glance, while someone else sees a name only if they already know its
 * first three letters. Going through every three letters to rebuild the roll takes thousands of
 * tries, each an entry in the log that the oversight bodies read.
 */

/** The first letters of a family name the kiosk needs before it shows any name. */
export const ROLL_MIN_LETTERS = 3;
/** The most names one answer holds; more letters narrow the rest. */
export const ROLL_LIMIT = 60;

/** Letters compared as people type them: NFC, lower case, ё as е, no spaces at the ends. */
export function foldName(text: string): string {
  return text.normalize('NFC').trim().toLowerCase().replace(/ё/g, 'е');
}

export interface RollEntry {
  personId: string;
  familyName: string;
  /** Initials of the given names and the patronymic, e.g. "Е. К."; '' when there are none. */
  givenInitials: string;
}

/** "Ержан Кайратович" + null → "Е. К."; each name's first letter (hyphenated names: each part). */
export function initialsOf(givenNames: string, patronymic: string | null): string {
  const words = `${givenNames} ${patronymic ?? ''}`
    .split(/[\s-]+/u)
    .map((word) => word.trim())
    .filter((word) => word !== '');
  return words
    .map((word) => `${Array.from(word)[0]?.toLocaleUpperCase('ru') ?? ''}.`)
    .filter((initial) => initial !== '.')
    .join(' ');
}

const collator = new Intl.Collator('ru', { sensitivity: 'base', numeric: true });

/** What a kiosk's roll answers for the letters typed: the names, and whether more letters would show others. */
export interface RollMatch {
  people: RollEntry[];
  more: boolean;
}

/**
 * The people linked to the kiosk's facility (any relation: registered there, in custody, held)
 * whose family name starts with `typed` (at least ROLL_MIN_LETTERS letters) or is `typed` whole
 * (fewer letters), by family name; at most ROLL_LIMIT. Refused for every role but a kiosk, and for
 * a kiosk without exactly one facility; InvalidInputError for letters that are too few or too many.
 * The read is audited as `roll/<facilityId>`; if that entry cannot be written, nothing is answered.
 */
export async function listFacilityRoll(
  store: Store,
  principal: Principal | null,
  typed: string,
): Promise<RollMatch> {
  requireAccess(principal, 'roll.read');
  const facilityId = principal?.facilities.length === 1 ? principal.facilities[0] : undefined;
  const reader = requireAccess(principal, 'roll.read', {
    facilities: facilityId === undefined ? [] : [facilityId],
  });
  const letters = foldName(typeof typed === 'string' ? typed : '');
  const count = [...letters].length;
  if (count === 0 || count > 40 || !/^[\p{L}\p{M}' -]+$/u.test(letters))
    throw new InvalidInputError([
      { field: 'q', message: `the first letters of a family name (${ROLL_MIN_LETTERS} or more)` },
    ]);
  if (facilityId === undefined) return { people: [], more: false };
  const rows = await store.db
    .selectFrom('people')
    .innerJoin('person_facilities', 'person_facilities.person_id', 'people.id')
    .select(['people.id', 'people.family_name', 'people.given_names', 'people.patronymic'])
    .where('person_facilities.facility_id', '=', facilityId)
    .distinct()
    .execute();
  // Few enough letters to be a whole short name: that name only, never every name they begin.
  const matches = (familyName: string) =>
    count >= ROLL_MIN_LETTERS ? foldName(familyName).startsWith(letters) : foldName(familyName) === letters;
  const found = rows
    .filter((row) => matches(row.family_name))
    .map((row) => ({
      personId: row.id,
      familyName: row.family_name,
      givenInitials: initialsOf(row.given_names, row.patronymic),
    }))
    .sort(
      (a, b) =>
        collator.compare(a.familyName, b.familyName) ||
        collator.compare(a.givenInitials, b.givenInitials) ||
        (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0),
    );
  await appendRead(store, reader, `roll/${facilityId}`, 'kiosk roll');
  return { people: found.slice(0, ROLL_LIMIT), more: found.length > ROLL_LIMIT };
}

/**
 * Whether a person is on a facility's roll (linked to it in any relation: registered there, in
 * custody, held): the only people a kiosk of that facility may name as complainant.
 */
export async function isOnFacilityRoll(store: Store, facilityId: string, personId: string): Promise<boolean> {
  const row = await store.db
    .selectFrom('person_facilities')
    .select('person_id')
    .where('facility_id', '=', facilityId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row !== undefined;
}
