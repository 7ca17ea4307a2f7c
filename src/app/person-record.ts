import { can, type Resource } from '../access/policy.js';
import type { Principal } from '../access/principal.js';
import type { CustodyState } from '../domain/custody/state.js';
import type { StayState } from '../domain/prison/state.js';
import { personStream, type PersonCorrected } from '../domain/registry/person.js';
import type { PersonChange } from '../domain/registry/person-fields.js';
import type { Store } from '../store/types.js';
import { accountNames } from './record-views.js';

/*
 * What a person's record shows besides their details (issue 18 items 2 and 10): the corrections
 * of those details, read from the person's stream (each with what it replaced, why, who and when),
 * and their police custody episodes and prison stays — each only to a reader entitled to that
 * record (`custody.read`, `prison.read` in its facility's scope), as the records' own pages decide.
 */

/** One correction of a person's details, as its entry in the log states it. */
export interface PersonCorrectionView {
  /** The correction's entry in the log. */
  seq: number;
  /** Server time of the correction. */
  correctedAt: string;
  actor: string;
  actorName: string | null;
  reason: string;
  changes: PersonChange[];
}

/** A police custody episode of the person, as their record lists it. */
export interface CustodyHistoryItem {
  id: string;
  facilityId: string;
  facilityName: string;
  apprehendedAt: string;
  /** When the person was released or transferred, as stated; null while in custody. */
  endedAt: string | null;
  status: string;
}

/** A stay in a remand centre or prison, as the person's record lists it. */
export interface StayHistoryItem {
  id: string;
  /** The facility holding the person now, or when the stay ended. */
  facilityId: string;
  facilityName: string;
  admittedAt: string;
  /** When the person was released or died, as stated; null while held. */
  endedAt: string | null;
  status: string;
}

export interface PersonHistory {
  custody: CustodyHistoryItem[];
  stays: StayHistoryItem[];
}

/** The corrections of a person's details, oldest first (an erased one is left out: its content is gone). */
export async function correctionsOf(store: Store, personId: string): Promise<PersonCorrectionView[]> {
  const stream = await store.readStream(personStream(personId));
  const corrections = stream.filter(
    (stored) => stored.entry.type === 'person-corrected' && stored.payload !== null,
  );
  const names = await accountNames(
    store,
    corrections.map((stored) => stored.entry.actor),
  );
  return corrections.map((stored) => {
    const payload = stored.payload as PersonCorrected['payload'];
    return {
      seq: stored.entry.seq,
      correctedAt: stored.entry.at,
      actor: stored.entry.actor,
      actorName: names.get(stored.entry.actor) ?? null,
      reason: payload.reason,
      changes: payload.changes,
    };
  });
}

const resourceOf = (row: { facility_id: string; region: string; population: string }): Resource => ({
  facilities: [row.facility_id],
  regions: [row.region],
  populations: [row.population],
});

/** When an episode or stay ended, as its closing entry states it (the entry's time when it states none). */
function endedAt(
  timeline: readonly { recordedAt: string; event: { type: string; payload: unknown } }[],
  closing: readonly string[],
): string | null {
  const last = timeline.findLast((item) => closing.includes(item.event.type));
  if (!last) return null;
  const at = (last.event.payload as { at?: unknown } | null)?.at;
  return typeof at === 'string' ? at : last.recordedAt;
}

/**
 * The person's custody episodes and prison stays that `reader` may open, newest first. The caller
 * records the read (the streams listed are named in the person's read entry).
 */
export async function historyFor(store: Store, reader: Principal, personId: string): Promise<PersonHistory> {
  const [episodes, stays] = await Promise.all([
    can(reader, 'custody.read')
      ? store.db
          .selectFrom('custody_episodes as e')
          .innerJoin('facilities as f', 'f.id', 'e.facility_id')
          .select([
            'e.id',
            'e.facility_id',
            'e.apprehended_at',
            'e.status',
            'e.state',
            'f.name',
            'f.region',
            'f.population',
          ])
          .where('e.person_id', '=', personId)
          .execute()
      : [],
    can(reader, 'prison.read')
      ? store.db
          .selectFrom('prison_stays as s')
          .innerJoin('facilities as f', 'f.id', 's.facility_id')
          .select([
            's.id',
            's.facility_id',
            's.admitted_at',
            's.status',
            's.state',
            'f.name',
            'f.region',
            'f.population',
          ])
          .where('s.person_id', '=', personId)
          .execute()
      : [],
  ]);
  const custody = episodes
    .filter((row) => can(reader, 'custody.read', resourceOf(row)))
    .map((row) => ({
      id: row.id,
      facilityId: row.facility_id,
      facilityName: row.name,
      apprehendedAt: row.apprehended_at,
      endedAt: endedAt((JSON.parse(row.state) as CustodyState).timeline, ['released', 'transferred']),
      status: row.status,
    }))
    .sort((a, b) => b.apprehendedAt.localeCompare(a.apprehendedAt) || a.id.localeCompare(b.id));
  const held = stays
    .filter((row) => can(reader, 'prison.read', resourceOf(row)))
    .map((row) => ({
      id: row.id,
      facilityId: row.facility_id,
      facilityName: row.name,
      admittedAt: row.admitted_at,
      endedAt: endedAt((JSON.parse(row.state) as StayState).timeline, ['released', 'died']),
      status: row.status,
    }))
    .sort((a, b) => b.admittedAt.localeCompare(a.admittedAt) || a.id.localeCompare(b.id));
  return { custody, stays: held };
}
