import type { Resource } from '../access/policy.js';
import type { Store } from '../store/types.js';

/** Where a person sits for access checks: their facilities, those facilities' regions and populations. */
export async function personResource(store: Store, personId: string): Promise<Resource> {
  const rows = await store.db
    .selectFrom('person_facilities')
    .innerJoin('facilities', 'facilities.id', 'person_facilities.facility_id')
    .select(['facilities.id', 'facilities.region', 'facilities.population'])
    .where('person_facilities.person_id', '=', personId)
    .execute();
  return {
    facilities: [...new Set(rows.map((row) => row.id))],
    regions: [...new Set(rows.map((row) => row.region))],
    populations: [...new Set(rows.map((row) => row.population))],
  };
}
