import { sql, type Kysely, type Transaction } from 'kysely';
import type { CustodyOpened } from '../../domain/custody/events.js';
import type { PrisonAdmitted } from '../../domain/prison/events.js';
import type { FacilityEvent } from '../../domain/registry/facility.js';
import { nameKey } from '../../domain/registry/name-key.js';
import type { PersonEvent } from '../../domain/registry/person.js';
import type { PersonDetails } from '../../domain/registry/person-fields.js';
import type { ReachDocument, ReachedBy } from '../../domain/registry/reach.js';
import type { Database } from '../database.js';
import type { PersonReachRow } from '../schema/registry.js';
import type { Projection, StoredEvent } from '../types.js';

type Db = Transaction<Database> | Kysely<Database>;

/**
 * `facilities`, `people`, `person_facilities` and `person_documents`, from the registry events of the
 * log (and the custody episodes and stays that hold people); `person_reach`, from the arrests and
 * admissions that reached a person by an identity document or a hand-over (issue 17).
 */
export const registryProjection: Projection = {
  name: 'registry',
  tables: ['facilities', 'people', 'person_facilities', 'person_documents', 'person_reach'],
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
            name_key: nameKey(p.familyName, p.givenNames, p.patronymic),
          })
          .execute();
        if (p.facilityId !== null) {
          await db
            .insertInto('person_facilities')
            .values({ person_id: p.personId, facility_id: p.facilityId, relation: 'registered' })
            .execute();
        }
        await keepDocuments(db, p.personId, p.identityDocuments ?? []);
        return;
      }
      case 'person-corrected':
        return keepCorrection(db, change.payload);
      default:
        break;
    }
    if (event.entry.type === 'custody-opened') {
      // A person held in a custody unit belongs to that facility for access (src/app/person-scope.ts).
      const p = event.payload as CustodyOpened['payload'];
      await db
        .insertInto('person_facilities')
        .values({ person_id: p.personId, facility_id: p.facilityId, relation: 'custody' })
        .onConflict((conflict) => conflict.doNothing())
        .execute();
      await keepReach(db, event, 'arrest', {
        ...p,
        recordId: p.custodyId,
        at: p.apprehendedAt,
      });
    }
    if (event.entry.type === 'prison-admitted' && event.entry.stream.startsWith('prison/')) {
      // A person admitted to a remand centre or prison belongs to it for access (and the kiosk's roll).
      const p = event.payload as PrisonAdmitted['payload'];
      await db
        .insertInto('person_facilities')
        .values({ person_id: p.personId, facility_id: p.facilityId, relation: 'prison' })
        .onConflict((conflict) => conflict.doNothing())
        .execute();
      await keepReach(db, event, 'admission', { ...p, recordId: p.stayId, at: p.admittedAt });
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

async function keepDocuments(
  db: Db,
  personId: string,
  documents: PersonDetails['identityDocuments'],
): Promise<void> {
  if (documents.length > 0)
    await db
      .insertInto('person_documents')
      .values(
        documents.map((document) => ({
          kind: document.kind,
          number: document.number,
          person_id: personId,
          issued_by: document.issuedBy,
        })),
      )
      .execute();
}

/**
 * Issue 18 item 2: a correction replaces the details it names; the row shows the details in force
 * (the log keeps the registration and every correction). A person the read model no longer has
 * (erased) stays absent.
 */
async function keepCorrection(
  db: Db,
  p: Extract<PersonEvent, { type: 'person-corrected' }>['payload'],
): Promise<void> {
  const row = await db.selectFrom('people').selectAll().where('id', '=', p.personId).executeTakeFirst();
  if (!row) return;
  const details = {
    familyName: row.family_name,
    givenNames: row.given_names,
    patronymic: row.patronymic,
  };
  const set: Record<string, string | null> = {};
  for (const change of p.changes) {
    switch (change.field) {
      case 'familyName':
        details.familyName = change.to;
        set.family_name = change.to;
        break;
      case 'givenNames':
        details.givenNames = change.to;
        set.given_names = change.to;
        break;
      case 'patronymic':
        details.patronymic = change.to;
        set.patronymic = change.to;
        break;
      case 'birthDate':
        set.birth_date = change.to;
        break;
      case 'sex':
        set.sex = change.to;
        break;
      case 'citizenship':
        set.citizenship = change.to;
        break;
      case 'languages':
        set.languages = JSON.stringify(change.to);
        break;
      case 'identityDocuments':
        await db.deleteFrom('person_documents').where('person_id', '=', p.personId).execute();
        await keepDocuments(db, p.personId, change.to);
        break;
    }
  }
  set.name_key = nameKey(details.familyName, details.givenNames, details.patronymic);
  await db.updateTable('people').set(set).where('id', '=', p.personId).execute();
}

/**
 * Issue 17: an arrest or admission that reached the person by an identity document or a hand-over
 * (not from within the officer's scope) is listed for oversight. Entries written before issue 17
 * say nothing of how the person was reached and are not listed.
 */
async function keepReach(
  db: Db,
  event: StoredEvent,
  record: PersonReachRow['record'],
  p: {
    personId: string;
    facilityId: string;
    recordId: string;
    at: string;
    reachedBy?: ReachedBy | undefined;
    identityDocument?: ReachDocument | undefined;
  },
): Promise<void> {
  if (p.reachedBy === undefined || p.reachedBy === 'scope') return;
  await db
    .insertInto('person_reach')
    .values({
      seq: event.entry.seq,
      person_id: p.personId,
      facility_id: p.facilityId,
      record,
      record_id: p.recordId,
      reached_by: p.reachedBy,
      document_kind: p.identityDocument?.kind ?? null,
      at: p.at,
      recorded_at: event.entry.at,
      actor: event.entry.actor,
    })
    .execute();
}

/**
 * DESIGN.md "Erasure without breaking the log": when the payload of a person's registration is
 * erased (the store appends `payload-erased` naming its seq), the read model forgets the person
 * as well, so no query serves the data the log no longer holds.
 */
async function forgetErased(db: Db, payload: StoredEvent['payload']): Promise<void> {
  const seq = (payload as { seq?: unknown } | null)?.seq;
  if (typeof seq !== 'number') return;
  // An arrest or admission whose payload is erased is no longer listed for oversight either.
  await db.deleteFrom('person_reach').where('seq', '=', seq).execute();
  // The log's own table, named as the connection finds it (not through the schema the projection
  // writes to): in the read-model check that is the scratch copy, which holds no entries.
  const { rows } = await sql<{
    stream: string;
    type: string;
  }>`select stream, type from entries where seq = ${seq}`.execute(db);
  const erased = rows[0];
  // A registration or a correction erased: the register forgets the person (data protection
  // erases a person's identity, not half of it), so a replay of the log gives the same tables.
  if (
    (erased?.type !== 'person-registered' && erased?.type !== 'person-corrected') ||
    !erased.stream.startsWith('person/')
  )
    return;
  const personId = erased.stream.slice('person/'.length);
  await db.deleteFrom('people').where('id', '=', personId).execute();
  await db.deleteFrom('person_documents').where('person_id', '=', personId).execute();
}
