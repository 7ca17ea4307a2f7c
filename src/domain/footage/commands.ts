import type { HoldBasis } from './events.js';
import type { HoldCoverage } from './coverage.js';

/*
 * The commands of the footage and evidence-hold deciders. Time (`now`, server time as ISO 8601
 * UTC), the actor, ids and whatever the read models know (the holds that overlap a recording)
 * come in with the command, never from inside the core (STYLE.md "Deciders").
 */

export type RegisterFootage = {
  type: 'register-footage';
  footageId: string;
  facilityId: string;
  camera: string;
  place: string;
  from: string;
  to: string;
  retainUntil: string;
  now: string;
  actor: string;
};

/**
 * Deletes the recording. `holds` are the active holds of the facility that overlap the recording,
 * as the read model has them at the moment of the request; the decider refuses if any covers it.
 */
export type DeleteFootage = {
  type: 'delete-footage';
  reason: string;
  holds: readonly HoldCoverage[];
  now: string;
  actor: string;
};

export type FootageCommand = RegisterFootage | DeleteFootage;

export type PlaceEvidenceHold = {
  type: 'place-evidence-hold';
  holdId: string;
  facilityId: string;
  place: string | null;
  from: string;
  to: string;
  basis: HoldBasis;
  reference: string;
  reason: string;
  /** The placing principal's role, or `system`. */
  placedByRole: string;
  now: string;
  actor: string;
};

export type ReleaseEvidenceHold = {
  type: 'release-evidence-hold';
  reason: string;
  /** The releasing principal's role: holds on a death or an allegation are the procurator's. */
  releasedByRole: string;
  now: string;
  actor: string;
};

export type EvidenceHoldCommand = PlaceEvidenceHold | ReleaseEvidenceHold;
