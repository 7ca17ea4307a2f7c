/**
 * Read models of facilities and people (migration 0002): projections of the registry events,
 * rebuildable from the log. Times are ISO 8601 UTC strings.
 */
export interface RegistryTables {
  facilities: FacilityRow;
  people: PersonRow;
  person_facilities: PersonFacilityRow;
  person_documents: PersonDocumentRow;
  person_reach: PersonReachRow;
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
  /**
   * The words of the names as the search compares them, each after a space (migration 0011;
   * src/domain/registry/name-key.ts); null only in a row written by hand.
   */
  name_key: string | null;
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

/** A person's identity document (migration 0008), for an exact look-up by (kind, normalised number). */
export interface PersonDocumentRow {
  kind: string;
  /** Normalised: letters upper case and digits only (src/domain/registry/identity-document.ts). */
  number: string;
  person_id: string;
  issued_by: string | null;
}

/**
 * An arrest or admission that brought a person into a facility's reach by an identity document or
 * a hand-over (migration 0008; src/domain/registry/reach.ts), for oversight.
 */
export interface PersonReachRow {
  seq: number;
  person_id: string;
  facility_id: string;
  record: 'arrest' | 'admission';
  record_id: string;
  reached_by: string;
  document_kind: string | null;
  at: string;
  recorded_at: string;
  actor: string;
}
