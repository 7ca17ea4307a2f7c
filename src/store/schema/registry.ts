/**
 * Read models of facilities and people (migration 0002): projections of the registry events,
 * rebuildable from the log. Times are ISO 8601 UTC strings.
 */
export interface RegistryTables {
  facilities: FacilityRow;
  people: PersonRow;
  person_facilities: PersonFacilityRow;
}

export interface FacilityRow {
  id: string;
  name: string;
  kind: string;
  population: string;
  region: string;
  registered_at: string;
}

export interface PersonRow {
  id: string;
  family_name: string;
  given_names: string;
  patronymic: string | null;
  birth_date: string;
  sex: string;
  citizenship: string | null;
  /** JSON array of BCP 47 tags. */
  languages: string;
  registered_at: string;
}

/**
 * Which facilities a person is linked to, for scoped access (DESIGN.md "Who uses it"):
 * `registered` for the facility whose staff registered them; later contexts (custody, prison)
 * add `holds` rows while the person is held there.
 */
export interface PersonFacilityRow {
  person_id: string;
  facility_id: string;
  relation: string;
}
