import type { Principal } from '../access/principal.js';
import { personStream } from '../domain/registry/person.js';
import type { Store } from '../store/types.js';
import { requireAccess } from './access.js';
import { appendRead } from './audit.js';
import { InvalidInputError } from './errors.js';

/*
 * Finding the person named on a commitment order, for the admission form (issue 5 item 6). Data
 * minimisation: an exact match on the family name and the date of birth (both written on the
 * order), never a browse of the register; at most a few matches; and every answer that names
 * someone is a read of personal data, recorded in the log before it is given. Only staff who
 * may admit (policy `prison.admit`) may look.
 */

/** The most matches one look-up answers: namesakes born the same day are rare. */
export const MATCH_LIMIT = 10;

export interface PersonMatch {
  id: string;
  familyName: string;
  givenNames: string;
  patronymic: string | null;
  birthDate: string;
  sex: string;
  /** A stay in a remand centre or prison that is still open (the person cannot be admitted twice). */
  heldStayId: string | null;
  /** A police custody episode still open: the admission can carry it over (its transfer is recorded). */
  custody: { id: string; facilityName: string } | null;
}

const collator = new Intl.Collator('ru', { sensitivity: 'base' });

/**
 * The people of the register with this family name (letter case and accents aside) born on this
 * date. Refused for any role that may not admit; the read is audited as `person-lookup`.
 */
export async function findPeopleToAdmit(
  store: Store,
  principal: Principal | null,
  query: { familyName: string; birthDate: string },
): Promise<PersonMatch[]> {
  const reader = requireAccess(principal, 'prison.admit');
  const familyName = query.familyName.trim();
  const issues: { field: string; message: string }[] = [];
  if (familyName === '' || familyName.length > 200)
    issues.push({ field: 'familyName', message: 'enter the family name, up to 200 characters' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(query.birthDate))
    issues.push({ field: 'birthDate', message: 'must be a date, YYYY-MM-DD' });
  if (issues.length > 0) throw new InvalidInputError(issues);
  const rows = await store.db
    .selectFrom('people')
    .select(['id', 'family_name', 'given_names', 'patronymic', 'birth_date', 'sex'])
    .where('birth_date', '=', query.birthDate)
    .orderBy('id')
    .execute();
  const people = rows
    .filter((row) => collator.compare(row.family_name, familyName) === 0)
    .slice(0, MATCH_LIMIT);
  if (people.length === 0) return [];
  const ids = people.map((row) => row.id);
  const [stays, episodes] = await Promise.all([
    store.db
      .selectFrom('prison_stays')
      .select(['id', 'person_id'])
      .where('person_id', 'in', ids)
      .where('status', '=', 'held')
      .execute(),
    store.db
      .selectFrom('custody_episodes as e')
      .innerJoin('facilities as f', 'f.id', 'e.facility_id')
      .select(['e.id', 'e.person_id', 'f.name as facility_name'])
      .where('e.person_id', 'in', ids)
      .where('e.status', '=', 'in-custody')
      .execute(),
  ]);
  await appendRead(
    store,
    reader,
    'person-lookup',
    'admission: the person named on a commitment order',
    ids.map(personStream),
  );
  return people.map((row) => {
    const episode = episodes.find((item) => item.person_id === row.id);
    return {
      id: row.id,
      familyName: row.family_name,
      givenNames: row.given_names,
      patronymic: row.patronymic,
      birthDate: row.birth_date,
      sex: row.sex,
      heldStayId: stays.find((stay) => stay.person_id === row.id)?.id ?? null,
      custody: episode ? { id: episode.id, facilityName: episode.facility_name } : null,
    };
  });
}
