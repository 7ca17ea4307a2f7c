import type { Principal } from '../access/principal.js';
import type { Store } from '../store/types.js';
import { requireAccess } from './access.js';
import { appendRead } from './audit.js';

/*
 * The kiosk's roll of names (issue 4 item 2): at a complaint terminal the prisoner may find their
 * own name instead of typing their number. Data minimisation: the family name and the initials of
 * the given names and patronymic only ("Абенов Е. К."), enough to find oneself and no more; no
 * birth date, no number shown. Only the terminal's own facility, only a kiosk (policy `roll.read`),
 * and every listing is a read of personal data, recorded in the log before the answer is given.
 */

/** The most names a roll holds: a facility's population, with room to spare. */
export const ROLL_LIMIT = 2000;

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

/**
 * The people linked to the kiosk's facility (any relation: registered there, in custody, held), by
 * family name; at most ROLL_LIMIT. Refused for every role but a kiosk, and for a kiosk without
 * exactly one facility. The read is audited as `roll/<facilityId>`; if that entry cannot be
 * written, nothing is answered.
 */
export async function listFacilityRoll(store: Store, principal: Principal | null): Promise<RollEntry[]> {
  requireAccess(principal, 'roll.read');
  const facilityId = principal?.facilities.length === 1 ? principal.facilities[0] : undefined;
  const reader = requireAccess(principal, 'roll.read', {
    facilities: facilityId === undefined ? [] : [facilityId],
  });
  if (facilityId === undefined) return [];
  const rows = await store.db
    .selectFrom('people')
    .innerJoin('person_facilities', 'person_facilities.person_id', 'people.id')
    .select(['people.id', 'people.family_name', 'people.given_names', 'people.patronymic'])
    .where('person_facilities.facility_id', '=', facilityId)
    .distinct()
    .execute();
  const roll = rows
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
    )
    .slice(0, ROLL_LIMIT);
  await appendRead(store, reader, `roll/${facilityId}`, 'kiosk roll');
  return roll;
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
