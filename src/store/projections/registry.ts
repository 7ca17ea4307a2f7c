import type { Kysely, Transaction } from 'kysely';
import type { FacilityEvent } from '../../domain/registry/facility.js';
import type { PersonEvent } from '../../domain/registry/person.js';
import type { Database } from '../database.js';
import type { Projection, StoredEvent } from '../types.js';

type Db = Transaction<Database> | Kysely<Database>;

/** `facilities`, `people` and `person_facilities`, from the registry events of the log (and the custody episodes that hold people). */
export const registryProjection: Projection = {
  name: 'registry',
  tables: ['facilities', 'people', 'person_facilities'],
  async apply(db: Db, event: StoredEvent): Promise<void> {
    if (event.payload === null) return; // erased: the personal data is gone from the read model too
    if (event.entry.type === 'payload-erased') return forgetErased(db, event.payload);
    const change = { type: event.entry.type, payload: event.payload } as FacilityEvent | PersonEvent;
    switch (change.type) {
      case 'facility-registered': {
        const p = change.payload;
        await db
          .insertInto('facilities')
          .values({
            id: p.facilityId,
            name: p.name,
            kind: p.kind,
            population: p.population,
            region: p.region,
            registered_at: p.registeredAt,
          })
          .execute();
        return;
      }
      case 'person-registered': {
        const p = change.payload;
        await db
          .insertInto('people')
          .values({
            id: p.personId,
            family_name: p.familyName,
            given_names: p.givenNames,
            patronymic: p.patronymic,
            birth_date: p.birthDate,
            sex: p.sex,
            citizenship: p.citizenship,
            languages: JSON.stringify(p.languages),
            registered_at: p.registeredAt,
          })
          .execute();
        if (p.facilityId !== null) {
          await db
            .insertInto('person_facilities')
            .values({ person_id: p.personId, facility_id: p.facilityId, relation: 'registered' })
            .execute();
        }
        return;
      }
      default:
        break;
    }
    if (event.entry.type === 'custody-opened') {
      // A person held in a custody unit belongs to that facility for access (src/app/person-scope.ts).
      const p = event.payload as { personId: string; facilityId: string };
      await db
        .insertInto('person_facilities')
        .values({ person_id: p.personId, facility_id: p.facilityId, relation: 'custody' })
        .onConflict((conflict) => conflict.doNothing())
        .execute();
    }
    if (event.entry.type === 'prison-admitted' && event.entry.stream.startsWith('prison/')) {
      // A person admitted to a remand centre or prison belongs to it for access (and the kiosk's roll).
      const p = event.payload as { personId: string; facilityId: string };
      await db
        .insertInto('person_facilities')
        .values({ person_id: p.personId, facility_id: p.facilityId, relation: 'prison' })
        .onConflict((conflict) => conflict.doNothing())
        .execute();
    }
    if (event.entry.type === 'transferred' && event.entry.stream.startsWith('prison/')) {
      // A transfer between prisons: the destination holds the person from now on.
      const destination = (event.payload as { destinationFacilityId?: unknown } | null)
        ?.destinationFacilityId;
      const stay = await db
        .selectFrom('prison_stays')
        .select('person_id')
        .where('id', '=', event.entry.stream.slice('prison/'.length))
        .executeTakeFirst();
      if (stay && typeof destination === 'string')
        await db
          .insertInto('person_facilities')
          .values({ person_id: stay.person_id, facility_id: destination, relation: 'prison' })
          .onConflict((conflict) => conflict.doNothing())
          .execute();
    }
  },
};

/**
 * DESIGN.md "Erasure without breaking the log": when the payload of a person's registration is
 * erased (the store appends `payload-erased` naming its seq), the read model forgets the person
 * as well, so no query serves the data the log no longer holds.
 */
async function forgetErased(db: Db, payload: StoredEvent['payload']): Promise<void> {
  const seq = (payload as { seq?: unknown } | null)?.seq;
  if (typeof seq !== 'number') return;
  const erased = await db
    .selectFrom('entries')
    .select(['stream', 'type'])
    .where('seq', '=', seq)
    .executeTakeFirst();
  if (erased?.type !== 'person-registered' || !erased.stream.startsWith('person/')) return;
  const personId = erased.stream.slice('person/'.length);
  await db.deleteFrom('people').where('id', '=', personId).execute();
}
