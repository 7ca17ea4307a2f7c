/** Read models of footage references and evidence holds (migration 0006), kept by src/store/projections/footage.ts. */
export interface FootageTables {
  footage_refs: FootageRefRow;
  evidence_holds: EvidenceHoldRow;
}

export interface FootageRefRow {
  id: string;
  facility_id: string;
  camera: string;
  place: string;
  /** The place as compared (src/domain/footage/coverage.ts placeKey). */
  place_key: string;
  from_at: string;
  to_at: string;
  retain_until: string;
  registered_at: string;
  registered_by: string;
  /** `kept` or `deleted`. */
  status: string;
  deleted_at: string | null;
  deleted_by: string | null;
  /** Null once the deletion entry's payload is erased. */
  deletion_reason: string | null;
  version: number;
}

export interface EvidenceHoldRow {
  id: string;
  facility_id: string;
  /** Null: every place of the facility. */
  place: string | null;
  place_key: string | null;
  from_at: string;
  to_at: string;
  basis: string;
  reference: string;
  reason: string;
  placed_at: string;
  placed_by: string;
  placed_by_role: string;
  /** `active` or `released`. */
  status: string;
  released_at: string | null;
  released_by: string | null;
  released_by_role: string | null;
  release_reason: string | null;
  version: number;
}
