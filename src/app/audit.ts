import { z } from 'zod';
import type { Resource } from '../access/policy.js';
import type { Principal, Role } from '../access/principal.js';
import { auditStream, RECORD_READ, recordRead, type RecordRead } from '../access/read-audit.js';
import { complaintStream } from '../domain/complaints/events.js';
import { medicalStream } from '../domain/medical/events.js';
import { normaliseReference } from '../domain/complaints/reference.js';
import { personStream } from '../domain/registry/person.js';
import { textLine } from '../domain/registry/text.js';
import { streamQuery } from '../store/events.js';
import { StreamIntegrityError, type AppendResult, type Store } from '../store/types.js';
import { requireAccess } from './access.js';
import { NotFoundError } from './errors.js';
import { recordResource, recordRowOf } from './medical.js';
import { decodeCursor, encodeCursor, pageSize } from './paging.js';
import { parseInput } from './validate.js';
import { personResource } from './person-scope.js';

/** A stated purpose: one line of text. */
export const Purpose = textLine(200);

/**
 * Appends the `record-read` entry for a read of `subject`. Through the log, expectedVersion
 * 'any' (reads never conflict); it throws when the entry is not durable, and the caller must
 * then not answer the read.
 */
export async function appendRead(
  store: Store,
  principal: Principal,
  subject: string,
  statedPurpose: string | undefined,
  records?: string[],
): Promise<AppendResult> {
  const { purpose } = parseInput(z.object({ purpose: Purpose.optional() }), { purpose: statedPurpose });
  return store.append({
    stream: auditStream(subject),
    expectedVersion: 'any',
    actor: principal.id,
    events: [recordRead(principal, subject, purpose, records)],
  });
}

export interface ReadRecord {
  seq: number;
  at: string;
  actorId: string;
  /** The account's current display name; null if the account is unknown to the read model. */
  actorName: string | null;
  actorRole: Role;
  purpose: string;
  purposeStated: boolean;
}

/**
 * Subjects whose reads can be listed: every kind of record whose reads are audited one by one —
 * people’s records, custody episodes, prison stays, footage references, complaints, the
 * kiosks’ listings of a facility’s roll, and people's medical records.
 */
const PERSON_SUBJECT = /^person\/([A-Za-z0-9_-]{1,64})$/;
const CUSTODY_SUBJECT = /^custody\/([A-Za-z0-9_-]{1,64})$/;
/** A footage reference: who viewed the recording (kz.cctv.women). */
const FOOTAGE_SUBJECT = /^footage\/([A-Za-z0-9_-]{1,64})$/;
/** A stay in a remand centre or prison (src/app/prison.ts readStay records its reads). */
const PRISON_SUBJECT = /^prison\/([A-Za-z0-9_-]{1,64})$/;
/** A facility's roll of names, as its kiosks list it (src/app/roll.ts). */
const ROLL_SUBJECT = /^roll\/([A-Za-z0-9_-]{1,64})$/;
/** A complaint by the reference on its receipt (its stream's id is not public: see src/domain/complaints/events.ts). */
const COMPLAINT_SUBJECT = /^complaint\/([A-Za-z0-9 -]{12,40})$/;
/**
 * A person's medical record, by the PERSON's id: its reads are recorded under its own opaque id
 * (`medical/<recordId>`, src/app/medical.ts), which nobody outside the health service knows, so
 * the monitor asks by person and the server finds the record. Only who read it, when and why are
 * listed — never what they read (kz.medical.system).
 */
const MEDICAL_SUBJECT = /^medical\/([A-Za-z0-9_-]{1,64})$/;
/** A criminal case file (issue 20; src/app/cases.ts readCase records its reads); lists of cases are in `audit/case-list`. */
const CASE_SUBJECT = /^case\/([A-Za-z0-9_-]{1,64})$/;

/** Where a subject sits for access and the stream its reads are in, or null when there is no such record. */
async function subjectResource(
  store: Store,
  subject: string,
): Promise<{ resource: Resource; readsIn: string } | null> {
  const personId = PERSON_SUBJECT.exec(subject)?.[1];
  if (personId !== undefined)
    return (await store.streamVersion(personStream(personId))) === 0
      ? null
      : { resource: await personResource(store, personId), readsIn: auditStream(subject) };
  const custodyId = CUSTODY_SUBJECT.exec(subject)?.[1];
  if (custodyId !== undefined) {
    const row = await store.db
      .selectFrom('custody_episodes as e')
      .innerJoin('facilities as f', 'f.id', 'e.facility_id')
      .select(['e.facility_id', 'f.region', 'f.population'])
      .where('e.id', '=', custodyId)
      .executeTakeFirst();
    return row
      ? {
          resource: { facilities: [row.facility_id], regions: [row.region], populations: [row.population] },
          readsIn: auditStream(subject),
        }
      : null;
  }
  const footageId = FOOTAGE_SUBJECT.exec(subject)?.[1];
  if (footageId !== undefined) {
    const row = await store.db
      .selectFrom('footage_refs as r')
      .innerJoin('facilities as f', 'f.id', 'r.facility_id')
      .select(['r.facility_id', 'f.region', 'f.population'])
      .where('r.id', '=', footageId)
      .executeTakeFirst();
    return row
      ? {
          resource: { facilities: [row.facility_id], regions: [row.region], populations: [row.population] },
          readsIn: auditStream(subject),
        }
      : null;
  }
  const stayId = PRISON_SUBJECT.exec(subject)?.[1];
  if (stayId !== undefined) {
    const row = await store.db
      .selectFrom('prison_stays as s')
      .innerJoin('facilities as f', 'f.id', 's.facility_id')
      .select(['s.facility_id', 'f.region', 'f.population'])
      .where('s.id', '=', stayId)
      .executeTakeFirst();
    return row
      ? {
          resource: { facilities: [row.facility_id], regions: [row.region], populations: [row.population] },
          readsIn: auditStream(subject),
        }
      : null;
  }
  const rollFacilityId = ROLL_SUBJECT.exec(subject)?.[1];
  if (rollFacilityId !== undefined) {
    const facility = await store.db
      .selectFrom('facilities')
      .select(['id', 'region', 'population'])
      .where('id', '=', rollFacilityId)
      .executeTakeFirst();
    return facility
      ? {
          resource: {
            facilities: [facility.id],
            regions: [facility.region],
            populations: [facility.population],
          },
          readsIn: auditStream(subject),
        }
      : null;
  }
  const medicalPersonId = MEDICAL_SUBJECT.exec(subject)?.[1];
  if (medicalPersonId !== undefined) {
    const record = await recordRowOf(store, medicalPersonId);
    return record
      ? {
          resource: await recordResource(store, medicalPersonId),
          readsIn: auditStream(medicalStream(record.id)),
        }
      : null;
  }
  const caseId = CASE_SUBJECT.exec(subject)?.[1];
  if (caseId !== undefined) {
    const row = await store.db
      .selectFrom('cases')
      .select(['region'])
      .where('id', '=', caseId)
      .executeTakeFirst();
    return row ? { resource: { regions: [row.region] }, readsIn: auditStream(subject) } : null;
  }
  const typed = COMPLAINT_SUBJECT.exec(subject)?.[1];
  const reference = typed === undefined ? null : normaliseReference(typed);
  if (reference !== null) {
    const row = await store.db
      .selectFrom('complaints as c')
      .innerJoin('facilities as f', 'f.id', 'c.facility_id')
      .select(['c.id', 'c.facility_id', 'f.region', 'f.population'])
      .where('c.reference', '=', reference)
      .executeTakeFirst();
    // Openings are recorded under the complaint's stream (src/app/complaints.ts readComplaint).
    return row
      ? {
          resource: { facilities: [row.facility_id], regions: [row.region], populations: [row.population] },
          readsIn: auditStream(complaintStream(row.id)),
        }
      : null;
  }
  return null;
}

/**
 * The stream the reads of `subject` are in, once the reader may see them: `audit.read` at all
 * (deny by default), the record exists (404 otherwise), and it lies in the reader's scope (403).
 */
async function readsInScope(store: Store, principal: Principal | null, subject: string): Promise<string> {
  requireAccess(principal, 'audit.read');
  const found = await subjectResource(store, subject);
  if (found === null) throw new NotFoundError(`there is no record ${subject}`);
  requireAccess(principal, 'audit.read', found.resource);
  return found.readsIn;
}

/**
 * Who read `subject` (`person/<id>`, `custody/<id>`, `prison/<id>`, `footage/<id>`, `roll/<facility id>`,
 * `complaint/<reference>`, `medical/<person id>` or `case/<id>`), oldest first, for
 * the oversight roles. Reads of lists that showed the record are in `audit/custody` (or
 * `audit/complaints`) with the record in `records`.
 */
export async function listReads(
  store: Store,
  principal: Principal | null,
  subject: string,
): Promise<{ subject: string; reads: ReadRecord[] }> {
  const readsIn = await readsInScope(store, principal, subject);
  const events = await store.readStream(readsIn);
  const actorIds = [...new Set(events.map((event) => event.entry.actor))];
  const names = new Map(
    actorIds.length === 0
      ? []
      : (
          await store.db.selectFrom('accounts').select(['id', 'name']).where('id', 'in', actorIds).execute()
        ).map((row) => [row.id, row.name] as const),
  );
  const reads: ReadRecord[] = [];
  for (const event of events) {
    if (event.entry.type !== 'record-read' || event.payload === null) continue;
    const payload = event.payload as RecordRead['payload'];
    reads.push({
      seq: event.entry.seq,
      at: event.entry.at,
      actorId: event.entry.actor,
      actorName: names.get(event.entry.actor) ?? null,
      actorRole: payload.actorRole,
      purpose: payload.purpose,
      purposeStated: payload.purposeStated,
    });
  }
  return { subject, reads };
}

/** The kinds of record whose reads can be listed: a subject is `<kind>/<id or reference>`. */
export const AUDIT_KINDS = [
  'person',
  'custody',
  'prison',
  'footage',
  'complaint',
  'roll',
  'medical',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** One page of a record's reads (the audit page, issue 18): the record, a range of instants, keyset paging. */
export interface ReadsQuery {
  subject: string;
  /** Reads at or after this instant (ISO 8601). */
  from?: string;
  /** Reads before this instant (ISO 8601). */
  to?: string;
  cursor?: string;
  limit?: number;
}

/**
 * The reads of one stream that `query` asks for, as a query over the stream's chain (the same walk
 * as Store.readStream, src/store/events.ts): audited reads whose payload is kept, in the range.
 */
function readsMatching(store: Store, readsIn: string, query: ReadsQuery) {
  let select = streamQuery(store.db, readsIn)
    .clearOrderBy()
    .where('e.type', '=', RECORD_READ)
    .where('p.erased', '=', 0)
    .where('p.payload', 'is not', null);
  if (query.from !== undefined) select = select.where('e.at', '>=', query.from);
  if (query.to !== undefined) select = select.where('e.at', '<', query.to);
  return select;
}

/**
 * Who read `query.subject`, newest first, one keyset page at a time (`audit.read`, the same checks
 * as listReads): the audit page's rows. The reader's name is the account's current one.
 */
export async function pageReads(
  store: Store,
  principal: Principal | null,
  query: ReadsQuery,
): Promise<{ items: ReadRecord[]; next: string | null }> {
  const readsIn = await readsInScope(store, principal, query.subject);
  const limit = pageSize(query.limit);
  let select = readsMatching(store, readsIn, query)
    .leftJoin('accounts as a', 'a.id', 'e.actor')
    .select('a.name as actorName');
  if (query.cursor !== undefined) {
    const [seq] = decodeCursor<[number]>(query.cursor, ['number']);
    select = select.where('e.seq', '<', seq);
  }
  const rows = await select
    .orderBy('c.seq', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const items = page.map((row): ReadRecord => {
    // A link of the chain altered in the tables: refused, as Store.readStream refuses it.
    if (row.stream !== readsIn) throw new StreamIntegrityError(readsIn);
    const payload = JSON.parse(row.payload as string) as RecordRead['payload'];
    return {
      seq: Number(row.seq),
      at: row.at,
      actorId: row.actor,
      actorName: row.actorName ?? null,
      actorRole: payload.actorRole,
      purpose: payload.purpose,
      purposeStated: payload.purposeStated,
    };
  });
  const last = page.at(-1);
  return { items, next: rows.length > limit && last ? encodeCursor([Number(last.seq)]) : null };
}

/** How many reads of `query.subject` fall in its range (`audit.read`, the same checks), in one count. */
export async function countReads(
  store: Store,
  principal: Principal | null,
  query: Omit<ReadsQuery, 'cursor' | 'limit'>,
): Promise<number> {
  const readsIn = await readsInScope(store, principal, query.subject);
  const row = await readsMatching(store, readsIn, query)
    .clearSelect()
    .select((eb) => eb.fn.countAll().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
