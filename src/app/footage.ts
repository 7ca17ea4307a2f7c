import type { z } from 'zod';
import { POLICY, type Action, type Grant, type Resource } from '../access/policy.js';
import type { Principal, Role } from '../access/principal.js';
import type { EvidenceHoldCommand, FootageCommand } from '../domain/footage/commands.js';
import { deathHoldWindow, holdCovers, placeKey, type HoldCoverage } from '../domain/footage/coverage.js';
import { evidenceHoldStream, footageStream, type HoldBasis } from '../domain/footage/events.js';
import { footageDecider } from '../domain/footage/footage-decider.js';
import { evidenceHoldDecider } from '../domain/footage/hold-decider.js';
import {
  EvidenceHoldInput,
  EvidenceHoldReleaseInput,
  FootageDeletionInput,
  FootageInput,
} from '../domain/footage/inputs.js';
import type { EvidenceHoldRow, FootageRefRow } from '../store/schema/footage.js';
import type { Store } from '../store/types.js';
import { requireAccess } from './access.js';
import { appendRead } from './audit.js';
import { SCHEDULER_ACTOR } from './custody.js';
import { AccessDeniedError, InvalidInputError, NotFoundError, RefusedError } from './errors.js';
import { decideAndAppendWithState } from './execute.js';
import { newId } from './ids.js';
import { getFacility, type FacilityView } from './registry.js';
import { parseInput } from './validate.js';
import { decodeCursor, DEFAULT_PAGE, encodeCursor, MAX_PAGE, pageSize } from './paging.js';

/*
 * Footage references and evidence holds (issue 5 item 3): the application services behind the
 * API routes. Every write goes through the one write path (src/app/execute.ts) on the record's own
 * stream. Viewing a recording is `cctv.view` (kz.cctv.women) and every allowed view is an entry of
 * the log (src/app/audit.ts). Whether a hold covers a recording is decided by the pure core
 * (src/domain/footage/coverage.ts) from the holds the read model has when the deletion is asked for.
 */

export interface FootageServices {
  store: Store;
}

/**
 * Habeas itself, acting on an event another context recorded (a death in a prison stay, an
 * allegation registered): not a person, named so in the log, and never subject to a role's grants.
 */
export interface SystemActor {
  kind: 'system';
  id: `habeas:${string}`;
}

/** The scheduler's actor (src/app/custody.ts), for holds Habeas places by itself. */
export const HABEAS_SYSTEM: SystemActor = { kind: 'system', id: SCHEDULER_ACTOR as `habeas:${string}` };

export interface FootageView {
  id: string;
  facilityId: string;
  facilityName: string;
  camera: string;
  place: string;
  from: string;
  to: string;
  retainUntil: string;
  registeredAt: string;
  registeredBy: string;
  status: 'kept' | 'deleted';
  deletedAt: string | null;
  deletionReason: string | null;
  /** An active evidence hold covers the recording (still kept): it cannot be deleted. */
  held: boolean;
  version: number;
}

/** A view of the recording: the reference and the log entry that records who viewed it. */
export interface FootageViewing extends FootageView {
  readSeq: number;
}

export interface EvidenceHoldView {
  id: string;
  facilityId: string;
  facilityName: string;
  place: string | null;
  from: string;
  to: string;
  basis: HoldBasis;
  reference: string;
  reason: string;
  placedAt: string;
  placedBy: string;
  placedByRole: string;
  status: 'active' | 'released';
  releasedAt: string | null;
  releasedBy: string | null;
  releasedByRole: string | null;
  releaseReason: string | null;
  version: number;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}

export { DEFAULT_PAGE, MAX_PAGE };

// ---------------------------------------------------------------------------------------------
// Scope

function facilityResource(facility: FacilityView): Resource {
  return { facilities: [facility.id], regions: [facility.region], populations: [facility.population] };
}

async function facilityOrRefuse(store: Store, facilityId: string): Promise<FacilityView> {
  const facility = await getFacility(store, facilityId);
  if (!facility)
    throw new RefusedError({ detail: `there is no facility ${facilityId}`, field: 'facilityId' });
  return facility;
}

/** The principal's grant for an action (the policy has already allowed the role). */
function grantOf(principal: Principal, action: Action): Grant {
  const grants: Partial<Record<Role, Grant>> = POLICY[action].grants;
  return grants[principal.role] ?? 'facility';
}

/** Facilities whose records the principal sees under its grant; null: every facility. */
async function facilitiesInScope(store: Store, principal: Principal, grant: Grant): Promise<string[] | null> {
  if (grant === 'any') return null;
  if (grant === 'facility') return principal.facilities;
  if (principal.regions.length === 0) return null;
  const rows = await store.db
    .selectFrom('facilities')
    .select('id')
    .where('region', 'in', principal.regions)
    .execute();
  return rows.map((row) => row.id);
}

// ---------------------------------------------------------------------------------------------
// Reading the read models

async function footageRow(store: Store, footageId: string): Promise<FootageRefRow | undefined> {
  return store.db.selectFrom('footage_refs').selectAll().where('id', '=', footageId).executeTakeFirst();
}

async function holdRow(store: Store, holdId: string): Promise<EvidenceHoldRow | undefined> {
  return store.db.selectFrom('evidence_holds').selectAll().where('id', '=', holdId).executeTakeFirst();
}

const coverageOf = (row: EvidenceHoldRow): HoldCoverage => ({
  holdId: row.id,
  facilityId: row.facility_id,
  place: row.place,
  from: row.from_at,
  to: row.to_at,
  basis: row.basis as HoldBasis,
});

/**
 * The active holds of a facility whose window overlaps [from, to) — at one place (or every place)
 * when `place` is given, at any place otherwise. The decider makes the final call (holdCovers).
 */
async function activeHolds(
  store: Store,
  facilityId: string,
  window: { from: string; to: string },
  place?: string,
): Promise<HoldCoverage[]> {
  let select = store.db
    .selectFrom('evidence_holds')
    .selectAll()
    .where('facility_id', '=', facilityId)
    .where('status', '=', 'active')
    .where('from_at', '<', window.to)
    .where('to_at', '>', window.from);
  if (place !== undefined) {
    const key = placeKey(place);
    select = select.where((eb) => eb.or([eb('place_key', 'is', null), eb('place_key', '=', key)]));
  }
  return (await select.orderBy('placed_at').execute()).map(coverageOf);
}

const footageWindow = (row: FootageRefRow) => ({
  facilityId: row.facility_id,
  place: row.place,
  from: row.from_at,
  to: row.to_at,
});

function footageView(row: FootageRefRow, facilityName: string, holds: readonly HoldCoverage[]): FootageView {
  const window = footageWindow(row);
  return {
    id: row.id,
    facilityId: row.facility_id,
    facilityName,
    camera: row.camera,
    place: row.place,
    from: row.from_at,
    to: row.to_at,
    retainUntil: row.retain_until,
    registeredAt: row.registered_at,
    registeredBy: row.registered_by,
    status: row.status === 'deleted' ? 'deleted' : 'kept',
    deletedAt: row.deleted_at,
    deletionReason: row.deletion_reason,
    // A deleted recording is gone: a hold placed afterwards cannot keep it.
    held: row.status !== 'deleted' && holds.some((hold) => holdCovers(hold, window)),
    version: row.version,
  };
}

async function footageViewOf(
  store: Store,
  row: FootageRefRow,
  facility?: FacilityView,
): Promise<FootageView> {
  const name = facility?.name ?? (await getFacility(store, row.facility_id))?.name ?? row.facility_id;
  return footageView(row, name, await activeHolds(store, row.facility_id, footageWindow(row), row.place));
}

function holdView(row: EvidenceHoldRow, facilityName: string): EvidenceHoldView {
  return {
    id: row.id,
    facilityId: row.facility_id,
    facilityName,
    place: row.place,
    from: row.from_at,
    to: row.to_at,
    basis: row.basis as HoldBasis,
    reference: row.reference,
    reason: row.reason,
    placedAt: row.placed_at,
    placedBy: row.placed_by,
    placedByRole: row.placed_by_role,
    status: row.status === 'released' ? 'released' : 'active',
    releasedAt: row.released_at,
    releasedBy: row.released_by,
    releasedByRole: row.released_by_role,
    releaseReason: row.release_reason,
    version: row.version,
  };
}

/** A row the append just wrote (the projection runs in the append's transaction). */
function written<T>(row: T | undefined, what: string): T {
  if (row === undefined) throw new Error(`${what} is missing from the read model after its append`);
  return row;
}

async function decideFootage(store: Store, footageId: string, command: FootageCommand, fresh = false) {
  return decideAndAppendWithState(store, footageStream(footageId), footageDecider, command, { fresh });
}

async function decideHold(store: Store, holdId: string, command: EvidenceHoldCommand, fresh = false) {
  return decideAndAppendWithState(store, evidenceHoldStream(holdId), evidenceHoldDecider, command, { fresh });
}

// ---------------------------------------------------------------------------------------------
// Footage references

/** Registers a reference to a recording (a prison officer or the governor of the facility). */
export async function registerFootage(
  services: FootageServices,
  principal: Principal | null,
  input: z.input<typeof FootageInput>,
  now: Date,
): Promise<FootageView> {
  requireAccess(principal, 'footage.register');
  const footage = parseInput(FootageInput, input);
  const { store } = services;
  const officer = requireAccess(principal, 'footage.register', { facilities: [footage.facilityId] });
  const facility = await facilityOrRefuse(store, footage.facilityId);
  const footageId = newId();
  await decideFootage(
    store,
    footageId,
    { type: 'register-footage', footageId, ...footage, now: now.toISOString(), actor: officer.id },
    true,
  );
  return footageViewOf(store, written(await footageRow(store, footageId), 'the footage reference'), facility);
}

export interface FootageQuery {
  facilityId: string;
  /** Only recordings overlapping [from, to). */
  from?: string | undefined;
  to?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/**
 * The references of the facility that match the query, as a query to select from or count, after
 * `footage.list` in the facility's scope; a facility unknown is a 404, a backwards window a 422.
 */
async function footageMatching(store: Store, principal: Principal | null, query: FootageQuery) {
  requireAccess(principal, 'footage.list');
  const facility = await getFacility(store, query.facilityId);
  if (!facility) throw new NotFoundError(`there is no facility ${query.facilityId}`);
  requireAccess(principal, 'footage.list', facilityResource(facility));
  if (query.from !== undefined && query.to !== undefined && Date.parse(query.to) <= Date.parse(query.from))
    throw new InvalidInputError([{ field: 'to', message: 'must be after from' }]);
  let select = store.db.selectFrom('footage_refs').where('facility_id', '=', facility.id);
  if (query.to !== undefined) select = select.where('from_at', '<', query.to);
  if (query.from !== undefined) select = select.where('to_at', '>', query.from);
  return { facility, select };
}

/**
 * The references of a facility, newest recording first, each with whether a hold covers it. No
 * read audit: a reference names a camera, a place and a time, not a person, and shows no image
 * (viewing the recording is the audited act).
 */
export async function listFootage(
  services: FootageServices,
  principal: Principal | null,
  query: FootageQuery,
): Promise<Page<FootageView>> {
  const { store } = services;
  const matching = await footageMatching(store, principal, query);
  const { facility } = matching;
  const limit = pageSize(query.limit);
  let select = matching.select.selectAll();
  if (query.cursor !== undefined) {
    const [from, id] = decodeCursor<[string, string]>(query.cursor, ['string', 'string']);
    select = select.where((eb) =>
      eb.or([eb('from_at', '<', from), eb.and([eb('from_at', '=', from), eb('id', '<', id)])]),
    );
  }
  const rows = await select
    .orderBy('from_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  if (page.length === 0) return { items: [], next: null };
  // One query for the holds that may cover anything on the page.
  const earliest = page.reduce((min, row) => (row.from_at < min ? row.from_at : min), page[0]!.from_at);
  const latest = page.reduce((max, row) => (row.to_at > max ? row.to_at : max), page[0]!.to_at);
  const holds = await activeHolds(store, facility.id, { from: earliest, to: latest });
  const last = page.at(-1);
  return {
    items: page.map((row) => footageView(row, facility.name, holds)),
    next: rows.length > limit && last ? encodeCursor([last.from_at, last.id]) : null,
  };
}

/** How many references of the facility match the query (the list's "n of N"): one COUNT. */
export async function countFootage(
  services: FootageServices,
  principal: Principal | null,
  query: Omit<FootageQuery, 'cursor' | 'limit'>,
): Promise<number> {
  const { select } = await footageMatching(services.store, principal, query);
  const row = await select.select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirst();
  return Number(row?.total ?? 0);
}

/**
 * Views a recording: `cctv.view`, so in a women's facility only a female official may
 * (kz.cctv.women). The view is recorded in the log before it is answered; a refused one is not a view.
 */
export async function viewFootage(
  services: FootageServices,
  principal: Principal | null,
  footageId: string,
  purpose?: string,
): Promise<FootageViewing> {
  requireAccess(principal, 'cctv.view');
  const { store } = services;
  const row = await footageRow(store, footageId);
  if (!row) throw new NotFoundError(`there is no footage reference ${footageId}`);
  const facility = await getFacility(store, row.facility_id);
  const viewer = requireAccess(
    principal,
    'cctv.view',
    facility ? facilityResource(facility) : { facilities: [row.facility_id] },
  );
  const read = await appendRead(store, viewer, footageStream(footageId), purpose);
  const view = await footageViewOf(store, row, facility ?? undefined);
  return { ...view, readSeq: read.entries[0]?.seq ?? -1 };
}

/**
 * One reference, for the page that records its deletion (`footage.delete`, in the facility's scope):
 * camera, place, time and whether a hold covers it — not the recording, so not kz.cctv.women's
 * (a male governor of a women's facility manages its retention) and not a read of personal data.
 */
export async function footageForDeletion(
  services: FootageServices,
  principal: Principal | null,
  footageId: string,
): Promise<FootageView> {
  requireAccess(principal, 'footage.delete');
  const { store } = services;
  const row = await footageRow(store, footageId);
  if (!row) throw new NotFoundError(`there is no footage reference ${footageId}`);
  const facility = await getFacility(store, row.facility_id);
  requireAccess(
    principal,
    'footage.delete',
    facility ? facilityResource(facility) : { facilities: [row.facility_id] },
  );
  return footageViewOf(store, row, facility ?? undefined);
}

/**
 * Deletes a recording (the governor of the facility): refused while an active evidence hold covers
 * it. The holds are read from the read model and handed to the decider; a hold placed in the same
 * instant as the deletion may miss it, as a hold served a moment after a deletion would.
 */
export async function deleteFootage(
  services: FootageServices,
  principal: Principal | null,
  footageId: string,
  input: z.input<typeof FootageDeletionInput>,
  now: Date,
): Promise<FootageView> {
  requireAccess(principal, 'footage.delete');
  const { store } = services;
  const row = await footageRow(store, footageId);
  if (!row) throw new NotFoundError(`there is no footage reference ${footageId}`);
  const facility = await getFacility(store, row.facility_id);
  const governor = requireAccess(
    principal,
    'footage.delete',
    facility ? facilityResource(facility) : { facilities: [row.facility_id] },
  );
  const { reason } = parseInput(FootageDeletionInput, input);
  const holds = await activeHolds(store, row.facility_id, footageWindow(row), row.place);
  await decideFootage(store, footageId, {
    type: 'delete-footage',
    reason,
    holds,
    now: now.toISOString(),
    actor: governor.id,
  });
  return footageViewOf(
    store,
    written(await footageRow(store, footageId), 'the footage reference'),
    facility ?? undefined,
  );
}

// ---------------------------------------------------------------------------------------------
// Evidence holds

/**
 * Places an evidence hold. A principal needs `evidence-hold.place` in the facility's scope; Habeas
 * itself (a SystemActor) places the holds the law requires on its own, e.g. on a recorded death
 * (intl.death.report: see `deathHoldInput`) or an allegation.
 */
export async function placeEvidenceHold(
  services: FootageServices,
  actor: Principal | SystemActor | null,
  input: z.input<typeof EvidenceHoldInput>,
  now: Date,
): Promise<EvidenceHoldView> {
  const system = actor !== null && actor.kind === 'system' ? actor : null;
  const principal = system === null ? (actor as Principal | null) : null;
  if (system === null) requireAccess(principal, 'evidence-hold.place');
  const hold = parseInput(EvidenceHoldInput, input);
  const { store } = services;
  const facility = await facilityOrRefuse(store, hold.facilityId);
  const placer = system ?? requireAccess(principal, 'evidence-hold.place', facilityResource(facility));
  const holdId = newId();
  await decideHold(
    store,
    holdId,
    {
      type: 'place-evidence-hold',
      holdId,
      facilityId: hold.facilityId,
      place: hold.place ?? null,
      from: hold.from,
      to: hold.to,
      basis: hold.basis,
      reference: hold.reference,
      reason: hold.reason,
      placedByRole: 'role' in placer ? placer.role : 'system',
      now: now.toISOString(),
      actor: placer.id,
    },
    true,
  );
  return holdView(written(await holdRow(store, holdId), 'the evidence hold'), facility.name);
}

/**
 * The hold Habeas places when a death is recorded (intl.death.report): every camera of the
 * facility, from DEATH_HOLD_LOOKBACK_HOURS before the death until it was recorded.
 */
export function deathHoldInput(death: {
  facilityId: string;
  diedAt: string;
  recordedAt: string;
  /** The stay or custody id, or a case number. */
  reference: string;
  reason?: string;
}): z.input<typeof EvidenceHoldInput> {
  return {
    facilityId: death.facilityId,
    ...deathHoldWindow(death.diedAt, death.recordedAt),
    basis: 'death',
    reference: death.reference,
    reason: death.reason ?? 'death in custody: all evidence is preserved (intl.death.report)',
  };
}

/** The hold for an allegation about a place (or every place) and time at a facility. */
export function allegationHoldInput(allegation: {
  facilityId: string;
  place?: string;
  from: string;
  to: string;
  /** The complaint reference or the allegation's case number. */
  reference: string;
  reason?: string;
}): z.input<typeof EvidenceHoldInput> {
  return {
    facilityId: allegation.facilityId,
    ...(allegation.place !== undefined ? { place: allegation.place } : {}),
    from: allegation.from,
    to: allegation.to,
    basis: 'allegation',
    reference: allegation.reference,
    reason: allegation.reason ?? 'allegation of torture or ill-treatment: the footage is evidence',
  };
}

/** Releases a hold; one on a death or an allegation only by the procurator (the decider says why). */
export async function releaseEvidenceHold(
  services: FootageServices,
  principal: Principal | null,
  holdId: string,
  input: z.input<typeof EvidenceHoldReleaseInput>,
  now: Date,
): Promise<EvidenceHoldView> {
  requireAccess(principal, 'evidence-hold.release');
  const { store } = services;
  const row = await holdRow(store, holdId);
  if (!row) throw new NotFoundError(`there is no evidence hold ${holdId}`);
  const facility = await getFacility(store, row.facility_id);
  const releaser = requireAccess(
    principal,
    'evidence-hold.release',
    facility ? facilityResource(facility) : { facilities: [row.facility_id] },
  );
  const { reason } = parseInput(EvidenceHoldReleaseInput, input);
  await decideHold(store, holdId, {
    type: 'release-evidence-hold',
    reason,
    releasedByRole: releaser.role,
    now: now.toISOString(),
    actor: releaser.id,
  });
  return holdView(
    written(await holdRow(store, holdId), 'the evidence hold'),
    facility?.name ?? row.facility_id,
  );
}

/**
 * One hold, for its page (`evidence-hold.read`, in the facility's scope). Its reason may name
 * people, so the read is recorded like the list's: an entry naming the hold.
 */
export async function readEvidenceHold(
  services: FootageServices,
  principal: Principal | null,
  holdId: string,
): Promise<EvidenceHoldView> {
  requireAccess(principal, 'evidence-hold.read');
  const { store } = services;
  const row = await holdRow(store, holdId);
  if (!row) throw new NotFoundError(`there is no evidence hold ${holdId}`);
  const facility = await getFacility(store, row.facility_id);
  const reader = requireAccess(
    principal,
    'evidence-hold.read',
    facility ? facilityResource(facility) : { facilities: [row.facility_id] },
  );
  await appendRead(store, reader, 'evidence-holds', undefined, [evidenceHoldStream(holdId)]);
  return holdView(row, facility?.name ?? row.facility_id);
}

export interface EvidenceHoldQuery {
  facilityId?: string | undefined;
  status?: 'active' | 'released' | undefined;
  /** Only holds placed in [placedFrom, placedTo) (instants). */
  placedFrom?: string | undefined;
  placedTo?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
  /** Why the list is read (a CSV download, a print view), for the read's log entry. */
  purpose?: string | undefined;
}

/**
 * The holds a reader may see that match the filters, as a query to select from or count; null
 * when the reader's scope holds no facility (deny by default). A facility outside it is a 403.
 */
async function holdsMatching(store: Store, reader: Principal, query: EvidenceHoldQuery) {
  let facilities = await facilitiesInScope(store, reader, grantOf(reader, 'evidence-hold.read'));
  if (query.facilityId !== undefined) {
    if (facilities !== null && !facilities.includes(query.facilityId))
      throw new AccessDeniedError(403, 'this facility is outside your scope');
    facilities = [query.facilityId];
  }
  if (facilities !== null && facilities.length === 0) return null;
  let select = store.db.selectFrom('evidence_holds as h');
  if (facilities !== null) select = select.where('h.facility_id', 'in', facilities);
  if (query.status !== undefined) select = select.where('h.status', '=', query.status);
  if (query.placedFrom !== undefined) select = select.where('h.placed_at', '>=', query.placedFrom);
  if (query.placedTo !== undefined) select = select.where('h.placed_at', '<', query.placedTo);
  return select;
}

/**
 * Holds in the reader's scope, newest first. A hold's reason may name people, so the list is
 * read-audited like the custody list: one entry naming every hold shown.
 */
export async function listEvidenceHolds(
  services: FootageServices,
  principal: Principal | null,
  query: EvidenceHoldQuery,
): Promise<Page<EvidenceHoldView>> {
  const reader = requireAccess(principal, 'evidence-hold.read');
  const { store } = services;
  const matching = await holdsMatching(store, reader, query);
  if (matching === null) return { items: [], next: null };
  const limit = pageSize(query.limit);
  let select = matching
    .innerJoin('facilities as f', 'f.id', 'h.facility_id')
    .selectAll('h')
    .select('f.name as facility_name');
  if (query.cursor !== undefined) {
    const [placedAt, id] = decodeCursor<[string, string]>(query.cursor, ['string', 'string']);
    select = select.where((eb) =>
      eb.or([
        eb('h.placed_at', '<', placedAt),
        eb.and([eb('h.placed_at', '=', placedAt), eb('h.id', '<', id)]),
      ]),
    );
  }
  const rows = await select
    .orderBy('h.placed_at', 'desc')
    .orderBy('h.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  if (page.length > 0)
    await appendRead(
      store,
      reader,
      'evidence-holds',
      query.purpose,
      page.map((row) => evidenceHoldStream(row.id)),
    );
  const last = page.at(-1);
  return {
    items: page.map((row) => holdView(row, row.facility_name)),
    next: rows.length > limit && last ? encodeCursor([last.placed_at, last.id]) : null,
  };
}

/**
 * How many holds match the filters in the reader's scope (the list's "n of N"): one COUNT, no
 * hold read, so not a read of the log.
 */
export async function countEvidenceHolds(
  services: FootageServices,
  principal: Principal | null,
  query: Omit<EvidenceHoldQuery, 'cursor' | 'limit' | 'purpose'>,
): Promise<number> {
  const reader = requireAccess(principal, 'evidence-hold.read');
  const matching = await holdsMatching(services.store, reader, query);
  if (matching === null) return 0;
  const row = await matching.select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirst();
  return Number(row?.total ?? 0);
}
