import type { Principal } from '../access/principal.js';
import type { CustodyState } from '../domain/custody/state.js';
import type { StayState } from '../domain/prison/state.js';
import { IdentityDocumentRef } from '../domain/registry/identity-document.js';
import { personStream } from '../domain/registry/person.js';
import type { Store } from '../store/types.js';
import { requireAccess } from './access.js';
import { appendRead } from './audit.js';
import { InvalidInputError } from './errors.js';
import { parseInput } from './validate.js';

/*
 * Finding a person in the register without browsing it: the person named on a commitment order,
 * for the admission form (issue 5 item 6), and the person whose identity document the officer
 * holds, for the arrest and admission forms and POST /people/lookup (issue 17 item 5). Data
 * minimisation: an exact match (family name and date of birth, or document kind and number), at
 * most a few matches, nothing about where anyone is held beyond the officer's own facilities;
 * and every answer that names someone is a read of personal data, recorded in the log before it
 * is given. Only staff who may admit (`prison.admit`) or register arrests and admissions
 * (`person.lookup`) may look.
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
  /** A stay still open in one of the officer's own facilities (the person cannot be admitted twice). */
  heldStayId: string | null;
  /**
   * A police custody episode its unit transferred to one of the officer's facilities and not yet
   * admitted: the hand-over the admission carries over. Episodes anywhere else are never shown
   * (issue 17: the look-up does not tell where a person is held).
   */
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
  const [stays, handOvers] = await Promise.all([
    reader.facilities.length === 0
      ? []
      : store.db
          .selectFrom('prison_stays')
          .select(['id', 'person_id'])
          .where('person_id', 'in', ids)
          .where('status', '=', 'held')
          .where('facility_id', 'in', reader.facilities)
          .execute(),
    handOversTo(store, reader.facilities, ids),
  ]);
  await appendRead(
    store,
    reader,
    'person-lookup',
    'admission: the person named on a commitment order',
    ids.map(personStream),
  );
  return people.map((row) => ({
    id: row.id,
    familyName: row.family_name,
    givenNames: row.given_names,
    patronymic: row.patronymic,
    birthDate: row.birth_date,
    sex: row.sex,
    heldStayId: stays.find((stay) => stay.person_id === row.id)?.id ?? null,
    custody: handOvers.get(row.id) ?? null,
  }));
}

/**
 * The police custody episodes of these people that their units transferred to one of `facilities`
 * and that no stay carries over yet, by person: the hand-overs awaiting admission there.
 */
async function handOversTo(
  store: Store,
  facilities: readonly string[],
  personIds: readonly string[],
): Promise<Map<string, { id: string; facilityName: string }>> {
  const found = new Map<string, { id: string; facilityName: string }>();
  if (facilities.length === 0 || personIds.length === 0) return found;
  const [episodes, stays] = await Promise.all([
    store.db
      .selectFrom('custody_episodes as e')
      .innerJoin('facilities as f', 'f.id', 'e.facility_id')
      .select(['e.id', 'e.person_id', 'e.state', 'f.name as facility_name'])
      .where('e.person_id', 'in', personIds)
      .where('e.status', '=', 'transferred')
      .execute(),
    store.db.selectFrom('prison_stays').select('state').where('person_id', 'in', personIds).execute(),
  ]);
  const carried = new Set(stays.map((stay) => (JSON.parse(stay.state) as StayState).admitted?.custodyId));
  for (const episode of episodes) {
    if (carried.has(episode.id)) continue;
    const transfer = (JSON.parse(episode.state) as CustodyState).timeline.findLast(
      (item) => item.event.type === 'transferred',
    );
    const destination =
      transfer?.event.type === 'transferred' ? transfer.event.payload.destinationFacilityId : null;
    if (destination !== null && facilities.includes(destination))
      found.set(episode.person_id, { id: episode.id, facilityName: episode.facility_name });
  }
  return found;
}

/** The most people one identity-document look-up answers: a document names one person, rarely two. */
export const DOCUMENT_MATCH_LIMIT = 5;

/** What the identity-document look-up answers: enough to tell the person in front of you, nothing more. */
export interface DocumentMatch {
  id: string;
  familyName: string;
  givenNames: string;
  patronymic: string | null;
  birthDate: string;
  sex: string;
}

/**
 * Issue 17 item 5: the people of the register holding this identity document, for the staff who
 * register arrests and admissions (`person.lookup`). Only what the officer needs to tell the
 * person in front of them — no facility, no episode, no history; at most DOCUMENT_MATCH_LIMIT;
 * every answer that names someone is a read, recorded in the log before it is given.
 */
export async function findPeopleByDocument(
  store: Store,
  principal: Principal | null,
  input: unknown,
  purpose?: string,
): Promise<DocumentMatch[]> {
  const reader = requireAccess(principal, 'person.lookup');
  const document = parseInput(IdentityDocumentRef, input);
  const rows = await store.db
    .selectFrom('person_documents as d')
    .innerJoin('people as p', 'p.id', 'd.person_id')
    .select(['p.id', 'p.family_name', 'p.given_names', 'p.patronymic', 'p.birth_date', 'p.sex'])
    .where('d.kind', '=', document.kind)
    .where('d.number', '=', document.number)
    .orderBy('p.id')
    .limit(DOCUMENT_MATCH_LIMIT)
    .execute();
  if (rows.length === 0) return [];
  await appendRead(
    store,
    reader,
    'person-lookup',
    purpose ?? 'identity document shown by the person brought in',
    rows.map((row) => personStream(row.id)),
  );
  return rows.map((row) => ({
    id: row.id,
    familyName: row.family_name,
    givenNames: row.given_names,
    patronymic: row.patronymic,
    birthDate: row.birth_date,
    sex: row.sex,
  }));
}
