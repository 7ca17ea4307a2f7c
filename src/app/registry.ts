import type { Principal } from '../access/principal.js';
import {
  FACILITY_KINDS,
  FacilityInput,
  facilityDecider,
  facilityStream,
  POPULATIONS,
  type FacilityInput as FacilityInputType,
} from '../domain/registry/facility.js';
import type { PlacementPopulation } from '../rules/placement-checks.js';
import type { IdentityDocument } from '../domain/registry/identity-document.js';
import {
  PersonCorrectionInput,
  PersonInput,
  personDecider,
  personStream,
} from '../domain/registry/person.js';
import type { z } from 'zod';
import { prepared } from '../store/prepared.js';
import type { Store } from '../store/types.js';
import { appendRead } from './audit.js';
import { requireAccess } from './access.js';
import { canonicalRegion, isRegionCode, regionSpellings } from '../domain/registry/regions.js';
import { InvalidInputError, NotFoundError, RefusedError } from './errors.js';
import { decodeCursor, encodeCursor, pageSize } from './paging.js';
import { execute } from './execute.js';
import { newId } from './ids.js';
import { correctionsOf, historyFor, type PersonCorrectionView, type PersonHistory } from './person-record.js';
import { personResource } from './person-scope.js';
import { custodyStream } from '../domain/custody/events.js';
import { prisonStream } from '../domain/prison/events.js';
import { parseInput } from './validate.js';

export interface FacilityView {
  id: string;
  name: string;
  kind: string;
  population: string;
  region: string;
  registeredAt: string;
}

export interface PersonView {
  id: string;
  familyName: string;
  givenNames: string;
  patronymic: string | null;
  birthDate: string;
  sex: string;
  citizenship: string | null;
  languages: string[];
  registeredAt: string;
  /** The facilities the person is linked to and how (`registered`, later `holds`). */
  facilities: { facilityId: string; relation: string }[];
}

/**
 * A person's record as GET /people/{id} answers it: with the identity documents on record, the
 * corrections of the details (issue 18 item 2) and the custody episodes and prison stays the
 * reader may open (issue 18 item 10).
 */
export interface PersonRecordView extends PersonView {
  identityDocuments: IdentityDocument[];
  corrections: PersonCorrectionView[];
  history: PersonHistory;
}

/** Registers a facility; the actor is an account id or, for the CLI, `cli:<os user>`. */
export async function createFacility(
  store: Store,
  input: Omit<FacilityInputType, 'region'> & { region: string },
  actor: string,
  now: Date = new Date(),
): Promise<{ id: string }> {
  const facility = parseInput(FacilityInput, input);
  const id = newId();
  await execute(store, facilityStream(id), facilityDecider, {
    type: 'register-facility',
    facilityId: id,
    ...facility,
    at: now.toISOString(),
    actor,
  });
  return { id };
}

/**
 * Registers a person (intl.register.minimum identity fields). `facilityId`, when given, must be a
 * registered facility; who may name which facility is the caller's policy check (src/access).
 */
export async function createPerson(
  store: Store,
  input: z.input<typeof PersonInput>,
  actor: string,
  now: Date = new Date(),
): Promise<{ id: string }> {
  const person = parseInput(PersonInput, input);
  if (person.facilityId !== undefined && !(await getFacility(store, person.facilityId)))
    throw new RefusedError({ detail: `there is no facility ${person.facilityId}`, field: 'facilityId' });
  const id = newId();
  await execute(store, personStream(id), personDecider, {
    type: 'register-person',
    personId: id,
    ...person,
    facilityId: person.facilityId ?? null,
    at: now.toISOString(),
    actor,
  });
  return { id };
}

/**
 * A facility as the services answer it, its region as the current ISO 3166-2:KZ code (a facility
 * registered with a legacy alpha code is shown with the code of the region that code named).
 */
const facilityView = (row: {
  id: string;
  name: string;
  kind: string;
  population: string;
  region: string;
  registered_at: string;
}): FacilityView => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  population: row.population,
  region: canonicalRegion(row.region),
  registeredAt: row.registered_at,
});

export async function listFacilities(store: Store): Promise<FacilityView[]> {
  const rows = await store.db.selectFrom('facilities').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(facilityView);
}

/** The filters of the register of facilities (the facilities page): all optional. */
export interface FacilityQuery {
  /** A region, in any spelling (src/domain/registry/regions.ts). */
  region?: string;
  kind?: string;
  /** Registered at or after `from`, before `to` (instants, ISO 8601 UTC; `to` exclusive). */
  registered?: { from?: string; to?: string };
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

/**
 * The facilities matching the filters, as a query to page or count; a filter that cannot be one
 * (an unlisted region or kind, a time that is not an instant) is a 422 naming it. Every staff role
 * reads every facility (`facility.read` is granted `any`: names and kinds are not personal data),
 * so the policy check is the whole scope.
 */
function facilitiesMatching(store: Store, reader: Principal | null, query: FacilityQuery) {
  requireAccess(reader, 'facility.read');
  const issues: { field: string; message: string }[] = [];
  if (query.region !== undefined && !isRegionCode(canonicalRegion(query.region)))
    issues.push({ field: 'region', message: 'not a region of ISO 3166-2:KZ' });
  if (query.kind !== undefined && !(FACILITY_KINDS as readonly string[]).includes(query.kind))
    issues.push({ field: 'kind', message: 'not a kind of facility' });
  const { from, to } = query.registered ?? {};
  for (const [field, value] of [
    ['registered.from', from],
    ['registered.to', to],
  ] as const)
    if (value !== undefined && (!ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value))))
      issues.push({ field, message: 'not an instant (ISO 8601, UTC)' });
  if (issues.length > 0) throw new InvalidInputError(issues);
  let select = store.db.selectFrom('facilities');
  if (query.region !== undefined) select = select.where('region', 'in', regionSpellings([query.region]));
  if (query.kind !== undefined) select = select.where('kind', '=', query.kind);
  // Registered times are ISO 8601 UTC text of one length: compared as text, they compare as times.
  if (from !== undefined) select = select.where('registered_at', '>=', new Date(from).toISOString());
  if (to !== undefined) select = select.where('registered_at', '<', new Date(to).toISOString());
  return select;
}

/** One page of the register of facilities, by name, with the cursor of the next (keyset paging). */
export async function listFacilityPage(
  store: Store,
  reader: Principal | null,
  query: FacilityQuery & { cursor?: string; limit?: number },
): Promise<{ items: FacilityView[]; next: string | null }> {
  let select = facilitiesMatching(store, reader, query).selectAll();
  const limit = pageSize(query.limit);
  if (query.cursor !== undefined) {
    const [name, id] = decodeCursor<[string, string]>(query.cursor, ['string', 'string']);
    select = select.where((eb) =>
      eb.or([eb('name', '>', name), eb.and([eb('name', '=', name), eb('id', '>', id)])]),
    );
  }
  const rows = await select
    .orderBy('name')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(facilityView),
    next: rows.length > limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}

/** How many facilities match the filters (the list's "n of N"): one COUNT. */
export async function countFacilities(
  store: Store,
  reader: Principal | null,
  query: FacilityQuery,
): Promise<number> {
  const row = await facilitiesMatching(store, reader, query)
    .select((eb) => eb.fn.countAll<number | string>().as('total'))
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

// Asked on every arrest, admission and record read: prepared once (src/store/prepared.ts).
const facilityById = prepared((db, id: string) =>
  db.selectFrom('facilities').selectAll().where('id', '=', id),
);
const personById = prepared((db, id: string) => db.selectFrom('people').selectAll().where('id', '=', id));
const facilitiesOfPerson = prepared((db, id: string) =>
  db
    .selectFrom('person_facilities')
    .select(['facility_id', 'relation'])
    .where('person_id', '=', id)
    .orderBy('facility_id')
    .orderBy('relation'),
);

/** Whom a facility holds, for kz.placement.separation (the registry accepts only these four). */
export function populationOf(facility: FacilityView): PlacementPopulation {
  if (!(POPULATIONS as readonly string[]).includes(facility.population))
    throw new Error(`facility ${facility.id} has no known population`);
  return facility.population as PlacementPopulation;
}

/** A person's sex as the register has it (`female` or `male`, PersonInput). */
export const sexOf = (person: PersonView): 'female' | 'male' => (person.sex === 'female' ? 'female' : 'male');

export async function getFacility(store: Store, id: string): Promise<FacilityView | null> {
  const row = await facilityById.first(store.db, id);
  return row ? facilityView(row) : null;
}

/** A person's record from the read model, without any access check or audit: for internal use only. */
export async function getPerson(store: Store, id: string): Promise<PersonView | null> {
  const row = await personById.first(store.db, id);
  if (!row) return null;
  const links = await facilitiesOfPerson.all(store.db, id);
  return {
    id: row.id,
    familyName: row.family_name,
    givenNames: row.given_names,
    patronymic: row.patronymic,
    birthDate: row.birth_date,
    sex: row.sex,
    citizenship: row.citizenship,
    languages: JSON.parse(row.languages) as string[],
    registeredAt: row.registered_at,
    facilities: links.map((link) => ({ facilityId: link.facility_id, relation: link.relation })),
  };
}

/**
 * Reads a person's record for `principal`: checks the policy, records the read in the log (who,
 * what, when, why) and only then answers. If the audit entry cannot be written, the read fails.
 */
export async function readPerson(
  store: Store,
  principal: Principal | null,
  personId: string,
  purpose?: string,
): Promise<PersonRecordView> {
  requireAccess(principal, 'person.read');
  const person = await getPerson(store, personId);
  if (!person) throw new NotFoundError(`there is no person ${personId}`);
  const reader = requireAccess(principal, 'person.read', await personResource(store, personId));
  const history = await historyFor(store, reader, personId);
  // One entry for the read, naming the episodes and stays the answer lists.
  const records = [
    ...history.custody.map((item) => custodyStream(item.id)),
    ...history.stays.map((item) => prisonStream(item.id)),
  ];
  await appendRead(store, reader, personStream(personId), purpose, records.length > 0 ? records : undefined);
  const corrections = await correctionsOf(store, personId);
  const documents = await store.db
    .selectFrom('person_documents')
    .select(['kind', 'number', 'issued_by'])
    .where('person_id', '=', personId)
    .orderBy('kind')
    .orderBy('number')
    .execute();
  return {
    ...person,
    identityDocuments: documents.map((row) => ({
      kind: row.kind as IdentityDocument['kind'],
      number: row.number,
      issuedBy: row.issued_by,
    })),
    corrections,
    history,
  };
}

/**
 * Corrects a person's details (issue 18 item 2): the staff who register people, for a person
 * within their facilities' reach (`person.correct`). The correction is an entry of the person's
 * stream naming each detail it replaces, the value it had and the entry that stated it, and why;
 * the registration stays as it was made. Returns the correction's entry.
 */
export async function correctPerson(
  store: Store,
  principal: Principal | null,
  personId: string,
  input: z.input<typeof PersonCorrectionInput>,
  now: Date = new Date(),
): Promise<{ id: string; seq: number }> {
  requireAccess(principal, 'person.correct');
  const correction = parseInput(PersonCorrectionInput, input);
  if (!(await getPerson(store, personId))) throw new NotFoundError(`there is no person ${personId}`);
  const officer = requireAccess(principal, 'person.correct', await personResource(store, personId));
  const result = await execute(store, personStream(personId), personDecider, {
    type: 'correct-person',
    personId,
    ...correction,
    at: now.toISOString(),
    actor: officer.id,
  });
  const entry = result.entries[0];
  if (!entry) throw new Error('a correction was decided but not appended');
  return { id: personId, seq: entry.seq };
}
