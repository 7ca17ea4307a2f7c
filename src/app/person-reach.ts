import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { can } from '../access/policy.js';
import type { Principal } from '../access/principal.js';
import { custodyStream } from '../domain/custody/events.js';
import { prisonStream } from '../domain/prison/events.js';
import type { IdentityDocumentRef } from '../domain/registry/identity-document.js';
import type { ReachDocument, ReachedBy } from '../domain/registry/reach.js';
import type { Database } from '../store/database.js';
import type { PersonReachRow } from '../store/schema/registry.js';
import type { Store } from '../store/types.js';
import { requireAccess } from './access.js';
import { appendRead } from './audit.js';
import { AccessDeniedError, RefusedError } from './errors.js';
import { decodeCursor, encodeCursor, pageSize } from './paging.js';
import { accountNames } from './record-views.js';
import { getPerson, type PersonView } from './registry.js';

/*
 * Who may bring a person into their facility's reach (issue 17 item 5). Registering an arrest or
 * an admission links the person to the facility (person_facilities), and from then on its staff
 * read the person's record and history. So the officer must already have the person within reach:
 *
 *   scope     — the person is within the officer's person.read scope (registered at, or held by,
 *               one of the officer's facilities);
 *   hand-over — (admissions) a police custody unit recorded the person's transfer to this facility;
 *   document  — the officer holds an identity document of the person, on record in the register.
 *
 * Anything else is refused with one answer, the same whether the person exists or not and
 * wherever they are. A person with no document on record can be reached only in scope or by a
 * hand-over: an officer elsewhere registers them anew with the documents they hold (the record
 * elsewhere stays out of their reach). Every arrest or admission that reached a person by a
 * document or a hand-over is listed for oversight (listReached; `reach.read`).
 */

/** How the person was reached, with their register entry. */
export interface Reached {
  person: PersonView;
  reachedBy: ReachedBy;
  identityDocument: ReachDocument;
}

/** Whether an identity document of this kind and (normalised) number is on record for the person. */
async function documentOnRecord(
  store: Store,
  personId: string,
  document: IdentityDocumentRef,
): Promise<boolean> {
  const row = await store.db
    .selectFrom('person_documents')
    .select('person_id')
    .where('kind', '=', document.kind)
    .where('number', '=', document.number)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Within the officer's person.read scope. The roles that register arrests and admissions hold
 * person.read by facility (src/access/policy.ts), so the person's facility links decide.
 */
function inScope(officer: Principal, person: PersonView): boolean {
  return can(officer, 'person.read', { facilities: person.facilities.map((link) => link.facilityId) });
}

/**
 * The person `personId` as `officer` may reach them to register an arrest or admission, or the
 * refusal (422 naming `identityDocument`) that says what to do and nothing about the person.
 * `handedOver`: a police custody episode of this person was transferred to the admitting facility.
 */
export async function reachPerson(
  store: Store,
  officer: Principal,
  personId: string,
  document: IdentityDocumentRef | undefined,
  handedOver = false,
): Promise<Reached> {
  const person = await getPerson(store, personId);
  if (person && inScope(officer, person)) return { person, reachedBy: 'scope', identityDocument: null };
  if (person && handedOver) return { person, reachedBy: 'hand-over', identityDocument: null };
  if (person && document !== undefined && (await documentOnRecord(store, personId, document)))
    return {
      person,
      reachedBy: 'document',
      identityDocument: { kind: document.kind, number: document.number },
    };
  throw new RefusedError(
    document === undefined
      ? {
          detail:
            'this person is not registered at or held by your facility: identify them by an identity document they carry ' +
            '(identityDocument: find them with the identity-document look-up), or register them',
          field: 'identityDocument',
        }
      : {
          detail:
            'this identity document does not identify this person in the register: check its kind and number, ' +
            'find the person with the identity-document look-up, or register them',
          field: 'identityDocument',
        },
  );
}

// ---------------------------------------------------------------------------------------------
// Oversight

/** An arrest or admission that reached a person by an identity document or a hand-over. */
export interface ReachedView {
  seq: number;
  record: 'arrest' | 'admission';
  /** The custody episode or prison stay. */
  recordId: string;
  personId: string;
  personName: string;
  facilityId: string;
  facilityName: string;
  reachedBy: ReachedBy;
  documentKind: string | null;
  /** The apprehension or admission as stated. */
  at: string;
  recordedAt: string;
  actor: string;
  actorName: string | null;
}

export interface ReachedQuery {
  facilityId?: string | undefined;
  /** Recorded at or after `from` and before `before` (ISO 8601 instants). */
  recorded?: { from?: string | undefined; to?: string | undefined } | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
  purpose?: string | undefined;
}

/**
 * The facilities whose reaches `reader` sees (`reach.read`, by region): null for every facility; a
 * facility asked for outside them is refused.
 */
async function reachScope(
  store: Store,
  reader: Principal,
  facilityId: string | undefined,
): Promise<string[] | null> {
  let facilities: string[] | null = null;
  if (reader.regions.length > 0)
    facilities = (
      await store.db.selectFrom('facilities').select('id').where('region', 'in', reader.regions).execute()
    ).map((row) => row.id);
  if (facilityId !== undefined) {
    if (facilities !== null && !facilities.includes(facilityId))
      throw new AccessDeniedError(403, 'this facility is outside your scope');
    facilities = [facilityId];
  }
  return facilities;
}

/** The reaches `query` asks for within `facilities` (null: all), as one condition for the page and its count. */
function reachConditions(facilities: string[] | null, query: ReachedQuery) {
  return (eb: ExpressionBuilder<Database & { r: PersonReachRow }, 'r'>) => {
    const conditions: Expression<SqlBool>[] = [];
    if (facilities !== null) conditions.push(eb('r.facility_id', 'in', facilities));
    if (query.recorded?.from !== undefined) conditions.push(eb('r.recorded_at', '>=', query.recorded.from));
    if (query.recorded?.to !== undefined) conditions.push(eb('r.recorded_at', '<', query.recorded.to));
    return eb.and(conditions);
  };
}

/**
 * How many arrests and admissions `query` asks for reached a person registered elsewhere, within
 * the reader's regions (`reach.read`), in one count. A number names nobody: no read is recorded.
 */
export async function countReached(
  store: Store,
  principal: Principal | null,
  query: ReachedQuery,
): Promise<number> {
  const reader = requireAccess(principal, 'reach.read');
  const facilities = await reachScope(store, reader, query.facilityId);
  if (facilities !== null && facilities.length === 0) return 0;
  const row = await store.db
    .selectFrom('person_reach as r')
    .select((eb) => eb.fn.countAll().as('count'))
    .where(reachConditions(facilities, query))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * For the monitor and the procurator (`reach.read`, by region): every arrest and admission that
 * brought a person registered elsewhere into a facility's reach, newest first. The list names
 * people, so it is read-audited like every other.
 */
export async function listReached(
  store: Store,
  principal: Principal | null,
  query: ReachedQuery,
): Promise<{ items: ReachedView[]; next: string | null }> {
  const reader = requireAccess(principal, 'reach.read');
  const facilities = await reachScope(store, reader, query.facilityId);
  if (facilities !== null && facilities.length === 0) return { items: [], next: null };
  const limit = pageSize(query.limit);
  let select = store.db
    .selectFrom('person_reach as r')
    .innerJoin('facilities as f', 'f.id', 'r.facility_id')
    .leftJoin('people as p', 'p.id', 'r.person_id')
    .select([
      'r.seq',
      'r.record',
      'r.record_id',
      'r.person_id',
      'r.facility_id',
      'r.reached_by',
      'r.document_kind',
      'r.at',
      'r.recorded_at',
      'r.actor',
      'f.name as facility_name',
      'p.family_name',
      'p.given_names',
      'p.patronymic',
    ]);
  select = select.where(reachConditions(facilities, query));
  if (query.cursor !== undefined) {
    const [seq] = decodeCursor<[number]>(query.cursor, ['number']);
    select = select.where('r.seq', '<', seq);
  }
  const rows = await select
    .orderBy('r.seq', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const names = await accountNames(
    store,
    page.map((row) => row.actor),
  );
  const items: ReachedView[] = page.map((row) => ({
    seq: Number(row.seq),
    record: row.record === 'admission' ? 'admission' : 'arrest',
    recordId: row.record_id,
    personId: row.person_id,
    personName:
      row.family_name === null
        ? '—'
        : [row.family_name, row.given_names, row.patronymic].filter((part) => part).join(' '),
    facilityId: row.facility_id,
    facilityName: row.facility_name,
    reachedBy: row.reached_by === 'hand-over' ? 'hand-over' : 'document',
    documentKind: row.document_kind,
    at: row.at,
    recordedAt: row.recorded_at,
    actor: row.actor,
    actorName: names.get(row.actor) ?? null,
  }));
  if (items.length > 0)
    await appendRead(
      store,
      reader,
      'person-reach',
      query.purpose,
      items.map((item) => (item.record === 'arrest' ? custodyStream : prisonStream)(item.recordId)),
    );
  const last = page.at(-1);
  return { items, next: rows.length > limit && last ? encodeCursor([Number(last.seq)]) : null };
}
