import type { EventMeta } from '../decision.js';
import type { PrisonAdmitted, PrisonEvent, PrisonFindingRecorded } from './events.js';

export type { EventMeta };

/* The state a prison decider folds from a stay's stream (src/domain/prison/evolve.ts). */

export interface StayItem extends EventMeta {
  event: PrisonEvent;
}

export type StayStatus = 'held' | 'released' | 'died';

export interface StayFinding extends EventMeta {
  finding: PrisonFindingRecorded['payload'];
}

export interface StayState {
  admitted: (PrisonAdmitted['payload'] & { seq: number }) | null;
  /** The facility holding the person now (changes with each transfer). */
  facilityId: string | null;
  /** Every entry of the stream in order, findings included. */
  timeline: StayItem[];
  status: StayStatus;
  findings: StayFinding[];
  /**
   * Minutes outdoors by Kazakhstan date (kz.life.exercise, intl.exercise). Kept here rather than
   * in the timeline: one entry a day for the length of a sentence would make the folded state —
   * rewritten by the read model on every event — grow by a full timeline item a day.
   */
  exercise: Record<string, number>;
  /** Entries folded so far (the next event's stream version), including ones kept out of the timeline. */
  version: number;
}

export const initialStayState: StayState = {
  admitted: null,
  facilityId: null,
  timeline: [],
  status: 'held',
  findings: [],
  exercise: {},
  version: 0,
};
