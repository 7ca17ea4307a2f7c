import { POLICY, can, type Grant } from '../access/policy.js';
import type { Principal } from '../access/principal.js';
import type { CustodyState } from '../domain/custody/state.js';
import type { StayState } from '../domain/prison/state.js';
import { IdentityDocumentRef } from '../domain/registry/identity-document.js';
import { nameWords } from '../domain/registry/name-key.js';
import { personStream } from '../domain/registry/person.js';
import { PersonSearchInput } from '../domain/registry/search.js';
import type { Store } from '../store/types.js';
import { requireAccess } from './access.js';
import { appendRead } from './audit.js';
import { personResource } from './person-scope.js';
import { parseInput } from './validate.js';

/*
 * Finding a person in the register without browsing it (issue 18 item 10; issue 17 item 5): by
 * name, birth date and identity document, for the arrest and admission forms, paper complaints and
 * every desk that reads people's records. What a search answers is bounded by who asks:
 *
 *   - by name or birth date, only people within the searcher's `person.read` scope (registered at,
 *     or held by, one of their facilities; in their regions; nationwide for national roles) — and,
 *     for staff who admit, the people a police custody unit handed over to their facility;
 *   - by identity document, also a person registered elsewhere, but only for the staff who may
 *     reach them by it (`person.lookup`: who registers arrests and admissions), and then with
 *     nothing but their name, birth date and sex — never where they are or were;
 *   - at most SEARCH_LIMIT people, and every answer that names someone is a read of personal
 *     data, recorded in the log (`audit/person-lookup`) before it is given.
 */

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

/** The most people one search answers; more means the search must say more. */
export const SEARCH_LIMIT = 20;

/**
 * How the searcher reaches a person found:
 *   scope     — within their `person.read` scope: they may open the record;
 *   hand-over — a police custody unit transferred the person to one of their facilities;
 *   document  — only by the identity document searched for (a person registered elsewhere).
 */
export type SearchReach = 'scope' | 'hand-over' | 'document';

/** A person found: enough to tell them from a namesake, and how the searcher reaches them. */
export interface PersonSearchMatch {
  id: string;
  familyName: string;
  givenNames: string;
  patronymic: string | null;
  birthDate: string;
  sex: string;
  reach: SearchReach;
  /** A stay open in one of the searcher's own facilities (a person cannot be admitted twice). */
  heldStayId: string | null;
  /** The custody episode handed over to one of the searcher's facilities, awaiting admission. */
  handOver: { custodyId: string; facilityName: string } | null;
}

export interface PersonSearchResult {
  matches: PersonSearchMatch[];
  /** More people match than SEARCH_LIMIT: the search must say more (a birth date, the given names). */
  more: boolean;
}

type PersonRow = {
  id: string;
  family_name: string;
  given_names: string;
  patronymic: string | null;
  birth_date: string;
  sex: string;
};

const PERSON_COLUMNS = [
  'p.id',
  'p.family_name',
  'p.given_names',
  'p.patronymic',
  'p.birth_date',
  'p.sex',
] as const;

const collator = new Intl.Collator('ru', { sensitivity: 'base' });

/**
 * The facilities whose people the searcher may read under their `person.read` grant; null: every
 * facility (a national grant).
 */
async function facilitiesInReadScope(store: Store, searcher: Principal): Promise<string[] | null> {
  const grants: Partial<Record<Principal['role'], Grant>> = POLICY['person.read'].grants;
  const grant = grants[searcher.role];
  if (grant === 'any') return null;
  if (grant === 'facility') return searcher.facilities;
  if (grant === 'region') {
    if (searcher.regions.length === 0) return null;
    const rows = await store.db
      .selectFrom('facilities')
      .select('id')
      .where('region', 'in', searcher.regions)
      .execute();
    return rows.map((row) => row.id);
  }
  return [];
}

/**
 * What narrows a search further without being one (the search page's days registered): it never
 * makes a search of its own, so nobody lists the register by it.
 */
export interface SearchRefinement {
  /** Registered at or after `from` and before `to` (ISO 8601 instants). */
  registered?: { from?: string | undefined; to?: string | undefined } | undefined;
}

/**
 * Searches the register as `principal` may (`person.search`; see the top of this file). The
 * answer names people, so it is recorded in the log first; an answer naming nobody is not.
 */
export async function searchPeople(
  store: Store,
  principal: Principal | null,
  input: unknown,
  purpose?: string,
  refine: SearchRefinement = {},
): Promise<PersonSearchResult> {
  const searcher = requireAccess(principal, 'person.search');
  const query = parseInput(PersonSearchInput, input);
  const words = nameWords(query.name ?? '');
  const scope = await facilitiesInReadScope(store, searcher);

  // The people the query describes, within `where` (a query builder's refinement).
  const described = () => {
    let select = store.db.selectFrom('people as p').select(PERSON_COLUMNS);
    for (const word of words) select = select.where('p.name_key', 'like', `% ${word}%`);
    if (query.birthDate !== undefined) select = select.where('p.birth_date', '=', query.birthDate);
    const registered = refine.registered;
    if (registered?.from !== undefined) select = select.where('p.registered_at', '>=', registered.from);
    if (registered?.to !== undefined) select = select.where('p.registered_at', '<', registered.to);
    if (query.identityDocument !== undefined) {
      const { kind, number } = query.identityDocument;
      select = select.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('person_documents as d')
            .select('d.person_id')
            .whereRef('d.person_id', '=', 'p.id')
            .where('d.kind', '=', kind)
            .where('d.number', '=', number),
        ),
      );
    }
    return select;
  };

  // Within the read scope: the searcher's own people.
  let inScope: PersonRow[] = [];
  if (scope === null || scope.length > 0) {
    let select = described();
    if (scope !== null)
      select = select.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('person_facilities as pf')
            .select('pf.person_id')
            .whereRef('pf.person_id', '=', 'p.id')
            .where('pf.facility_id', 'in', scope),
        ),
      );
    inScope = await select
      .orderBy('p.family_name')
      .orderBy('p.given_names')
      .orderBy('p.id')
      .limit(SEARCH_LIMIT + 1)
      .execute();
  }
  const found = new Map<string, { row: PersonRow; reach: SearchReach }>(
    inScope.map((row) => [row.id, { row, reach: 'scope' }]),
  );

  // Beyond it, only what reach allows: hand-overs to the searcher's facilities (for whoever
  // admits), and a document held in front of them (for whoever registers arrests and admissions).
  let handOvers = new Map<string, { id: string; facilityName: string }>();
  if (scope !== null && can(searcher, 'prison.admit')) {
    const transferred = await described()
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('custody_episodes as e')
            .select('e.person_id')
            .whereRef('e.person_id', '=', 'p.id')
            .where('e.status', '=', 'transferred'),
        ),
      )
      .orderBy('p.id')
      .limit(10 * SEARCH_LIMIT)
      .execute();
    handOvers = await handOversTo(
      store,
      searcher.facilities,
      transferred.map((row) => row.id),
    );
    for (const row of transferred)
      if (!found.has(row.id) && handOvers.has(row.id)) found.set(row.id, { row, reach: 'hand-over' });
  }
  if (scope !== null && query.identityDocument !== undefined && can(searcher, 'person.lookup')) {
    const holders = await described().orderBy('p.id').limit(DOCUMENT_MATCH_LIMIT).execute();
    for (const row of holders) if (!found.has(row.id)) found.set(row.id, { row, reach: 'document' });
  }

  const people = [...found.values()].sort(
    (a, b) =>
      collator.compare(a.row.family_name, b.row.family_name) ||
      collator.compare(a.row.given_names, b.row.given_names) ||
      a.row.birth_date.localeCompare(b.row.birth_date) ||
      a.row.id.localeCompare(b.row.id),
  );
  const shown = people.slice(0, SEARCH_LIMIT);
  if (shown.length === 0) return { matches: [], more: false };
  const ids = shown.map((person) => person.row.id);
  const held =
    searcher.facilities.length === 0
      ? []
      : await store.db
          .selectFrom('prison_stays')
          .select(['id', 'person_id'])
          .where('person_id', 'in', ids)
          .where('status', '=', 'held')
          .where('facility_id', 'in', searcher.facilities)
          .execute();
  await appendRead(store, searcher, 'person-lookup', purpose, ids.map(personStream));
  return {
    matches: shown.map(({ row, reach }) => {
      const handOver = handOvers.get(row.id);
      return {
        id: row.id,
        familyName: row.family_name,
        givenNames: row.given_names,
        patronymic: row.patronymic,
        birthDate: row.birth_date,
        sex: row.sex,
        reach,
        heldStayId: held.find((stay) => stay.person_id === row.id)?.id ?? null,
        handOver: handOver ? { custodyId: handOver.id, facilityName: handOver.facilityName } : null,
      };
    }),
    more: people.length > SEARCH_LIMIT || inScope.length > SEARCH_LIMIT,
  };
}

/**
 * The person an arrest or admission form names (chosen with the search, or by a link from their
 * record), as a match — if `principal` reaches them: in scope, by a hand-over to their facility,
 * or by the identity document the form carries. Null otherwise, saying nothing about anyone. The
 * answer names the person, so it is a read, recorded in the log.
 */
export async function chosenPerson(
  store: Store,
  principal: Principal | null,
  chosen: { personId: string; identityDocument?: unknown },
  purpose = 'the person named on an arrest or admission form',
): Promise<PersonSearchMatch | null> {
  const searcher = requireAccess(principal, 'person.search');
  const row = await store.db
    .selectFrom('people as p')
    .select(PERSON_COLUMNS)
    .where('p.id', '=', chosen.personId)
    .executeTakeFirst();
  if (!row) return null;
  let reach: SearchReach | null = can(searcher, 'person.read', await personResource(store, row.id))
    ? 'scope'
    : null;
  const handOver = can(searcher, 'prison.admit')
    ? (await handOversTo(store, searcher.facilities, [row.id])).get(row.id)
    : undefined;
  if (reach === null && handOver !== undefined) reach = 'hand-over';
  const document = IdentityDocumentRef.safeParse(chosen.identityDocument);
  if (reach === null && document.success && can(searcher, 'person.lookup')) {
    const held = await store.db
      .selectFrom('person_documents')
      .select('person_id')
      .where('person_id', '=', row.id)
      .where('kind', '=', document.data.kind)
      .where('number', '=', document.data.number)
      .executeTakeFirst();
    if (held) reach = 'document';
  }
  if (reach === null) return null;
  const stay =
    searcher.facilities.length === 0
      ? undefined
      : await store.db
          .selectFrom('prison_stays')
          .select('id')
          .where('person_id', '=', row.id)
          .where('status', '=', 'held')
          .where('facility_id', 'in', searcher.facilities)
          .executeTakeFirst();
  await appendRead(store, searcher, 'person-lookup', purpose, [personStream(row.id)]);
  return {
    id: row.id,
    familyName: row.family_name,
    givenNames: row.given_names,
    patronymic: row.patronymic,
    birthDate: row.birth_date,
    sex: row.sex,
    reach,
    heldStayId: stay?.id ?? null,
    handOver: handOver ? { custodyId: handOver.id, facilityName: handOver.facilityName } : null,
  };
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
