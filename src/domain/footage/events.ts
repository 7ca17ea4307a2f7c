/*
 * Camera footage references and evidence holds (issue 5 item 3; RULES.md kz.cctv.women,
 * intl.death.report). Habeas never stores the images: a reference says which camera filmed which
 * place over which time window at a facility, and how long the video system keeps it. Viewing the
 * footage is an act the access policy decides (kz.cctv.women) and the log records. An evidence hold
 * keeps the footage of a place and time from deletion while an allegation or a death refers to it.
 *
 * Two kinds of stream: `footage/<id>` (one reference) and `evidence-hold/<id>` (one hold).
 */

export const footageStream = (footageId: string): string => `footage/${footageId}`;
export const evidenceHoldStream = (holdId: string): string => `evidence-hold/${holdId}`;

export const footageIdOfStream = (stream: string): string | null =>
  stream.startsWith('footage/') ? stream.slice('footage/'.length) : null;
export const holdIdOfStream = (stream: string): string | null =>
  stream.startsWith('evidence-hold/') ? stream.slice('evidence-hold/'.length) : null;

/** What a hold refers to: an allegation of torture or ill-treatment, a death in custody, or another reason. */
export const HOLD_BASES = ['allegation', 'death', 'other'] as const;
export type HoldBasis = (typeof HOLD_BASES)[number];

/** A reference to recorded footage. Times are ISO 8601 UTC with milliseconds. */
export type FootageRegistered = {
  type: 'footage-registered';
  payload: {
    footageId: string;
    facilityId: string;
    /** The camera as the facility names it, e.g. "CAM-12". */
    camera: string;
    /** Where the camera looks, e.g. "corridor, block 2". */
    place: string;
    /** The window the recording covers: [from, to). */
    from: string;
    to: string;
    /** Until when the video system keeps the recording. */
    retainUntil: string;
    /** Server time of registration. */
    registeredAt: string;
  };
};

/** The recording was deleted from the video system; the reference (and this entry) stays. */
export type FootageDeleted = {
  type: 'footage-deleted';
  payload: { reason: string; deletedAt: string };
};

/**
 * A hold on the footage of a facility (one place, or every place when `place` is null) over a
 * time window: no recording it covers may be deleted until the hold is released.
 */
export type EvidenceHoldPlaced = {
  type: 'evidence-hold-placed';
  payload: {
    holdId: string;
    facilityId: string;
    place: string | null;
    from: string;
    to: string;
    basis: HoldBasis;
    /** A complaint reference, an allegation, a stay or custody id, or a case number. */
    reference: string;
    reason: string;
    placedAt: string;
    /** The placing actor's role, or `system` when Habeas placed it on a recorded event. */
    placedByRole: string;
  };
};

export type EvidenceHoldReleased = {
  type: 'evidence-hold-released';
  payload: { reason: string; releasedAt: string; releasedByRole: string };
};

export type FootageEvent = FootageRegistered | FootageDeleted;
export type EvidenceHoldEvent = EvidenceHoldPlaced | EvidenceHoldReleased;

export const FOOTAGE_EVENT_TYPES = [
  'footage-registered',
  'footage-deleted',
] as const satisfies readonly FootageEvent['type'][];
export const EVIDENCE_HOLD_EVENT_TYPES = [
  'evidence-hold-placed',
  'evidence-hold-released',
] as const satisfies readonly EvidenceHoldEvent['type'][];
