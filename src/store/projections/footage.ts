import type { Kysely, Transaction } from 'kysely';
import { placeKey } from '../../domain/footage/coverage.js';
import {
  footageIdOfStream,
  holdIdOfStream,
  type EvidenceHoldEvent,
  type FootageEvent,
} from '../../domain/footage/events.js';
import type { Database } from '../database.js';
import type { Projection, StoredEvent } from '../types.js';

type Db = Transaction<Database> | Kysely<Database>;

/** A payload that survived erasure; an erased one is null. */
const present = <T>(payload: unknown): T | null =>
  payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? (payload as T) : null;

async function applyFootage(db: Db, footageId: string, stored: StoredEvent): Promise<void> {
  const { entry } = stored;
  const event = { type: entry.type, payload: stored.payload } as FootageEvent;
  switch (event.type) {
    case 'footage-registered': {
      const payload = present<typeof event.payload>(event.payload);
      if (!payload) return;
      await db
        .insertInto('footage_refs')
        .values({
          id: footageId,
          facility_id: payload.facilityId,
          camera: payload.camera,
          place: payload.place,
          place_key: placeKey(payload.place),
          from_at: payload.from,
          to_at: payload.to,
          retain_until: payload.retainUntil,
          registered_at: payload.registeredAt,
          registered_by: entry.actor,
          status: 'kept',
          deleted_at: null,
          deleted_by: null,
          deletion_reason: null,
          version: entry.version + 1,
        })
        .execute();
      return;
    }
    case 'footage-deleted': {
      // Deleted even if the reason was later erased: the entry's type and time say so.
      const payload = present<typeof event.payload>(event.payload);
      await db
        .updateTable('footage_refs')
        .set({
          status: 'deleted',
          deleted_at: payload?.deletedAt ?? entry.at,
          deleted_by: entry.actor,
          deletion_reason: payload?.reason ?? null,
          version: entry.version + 1,
        })
        .where('id', '=', footageId)
        .execute();
      return;
    }
    default:
      await db
        .updateTable('footage_refs')
        .set({ version: entry.version + 1 })
        .where('id', '=', footageId)
        .execute();
  }
}

async function applyHold(db: Db, holdId: string, stored: StoredEvent): Promise<void> {
  const { entry } = stored;
  const event = { type: entry.type, payload: stored.payload } as EvidenceHoldEvent;
  switch (event.type) {
    case 'evidence-hold-placed': {
      const payload = present<typeof event.payload>(event.payload);
      if (!payload) return;
      await db
        .insertInto('evidence_holds')
        .values({
          id: holdId,
          facility_id: payload.facilityId,
          place: payload.place,
          place_key: payload.place === null ? null : placeKey(payload.place),
          from_at: payload.from,
          to_at: payload.to,
          basis: payload.basis,
          reference: payload.reference,
          reason: payload.reason,
          placed_at: payload.placedAt,
          placed_by: entry.actor,
          placed_by_role: payload.placedByRole,
          status: 'active',
          released_at: null,
          released_by: null,
          released_by_role: null,
          release_reason: null,
          version: entry.version + 1,
        })
        .execute();
      return;
    }
    case 'evidence-hold-released': {
      const payload = present<typeof event.payload>(event.payload);
      await db
        .updateTable('evidence_holds')
        .set({
          status: 'released',
          released_at: payload?.releasedAt ?? entry.at,
          released_by: entry.actor,
          released_by_role: payload?.releasedByRole ?? null,
          release_reason: payload?.reason ?? null,
          version: entry.version + 1,
        })
        .where('id', '=', holdId)
        .execute();
      return;
    }
    default:
      await db
        .updateTable('evidence_holds')
        .set({ version: entry.version + 1 })
        .where('id', '=', holdId)
        .execute();
  }
}

/**
 * `footage_refs` and `evidence_holds` from the `footage/<id>` and `evidence-hold/<id>` streams.
 * Each event is one insert or one update; no folded state is kept, the rows are the state.
 */
export const footageProjection: Projection = {
  name: 'footage',
  tables: ['footage_refs', 'evidence_holds'],
  async apply(db: Db, stored: StoredEvent): Promise<void> {
    const footageId = footageIdOfStream(stored.entry.stream);
    if (footageId !== null) return applyFootage(db, footageId, stored);
    const holdId = holdIdOfStream(stored.entry.stream);
    if (holdId !== null) return applyHold(db, holdId, stored);
  },
};
