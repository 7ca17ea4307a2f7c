import type { Principal } from '../access/principal.js';
import {
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
import { NotFoundError, RefusedError } from './errors.js';
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
  input: FacilityInputType,
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
  region: row.region,
  registeredAt: row.registered_at,
});

export async function listFacilities(store: Store): Promise<FacilityView[]> {
  const rows = await store.db.selectFrom('facilities').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(facilityView);
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
