import type { EventMeta } from '../decision.js';
import type { CustodyEvent, CustodyOpened, FindingRecorded } from './events.js';

export type { EventMeta };

/*
 * The state a custody decider folds from its stream. Every entry keeps its log seq, so that a
 * correction can name the entry it corrects and the timeline can show both side by side.
 */

export interface TimelineItem extends EventMeta {
  event: CustodyEvent;
}

export type CustodyStatus = 'in-custody' | 'released' | 'transferred';

export interface RecordedFinding extends EventMeta {
  finding: FindingRecorded['payload'];
}

export interface CustodyState {
  /** The arrest record as first stated (null before `custody-opened`). */
  opened: (CustodyOpened['payload'] & { seq: number }) | null;
  /** Every entry of the stream in order, corrections and findings included. */
  timeline: TimelineItem[];
  status: CustodyStatus;
  findings: RecordedFinding[];
  /**
   * The stream version folded so far: the number of entries, including those this decider keeps
   * out of the timeline (an erased payload, an unknown type). The next event gets this version.
   */
  version: number;
}

export const initialCustodyState: CustodyState = {
  opened: null,
  timeline: [],
  status: 'in-custody',
  findings: [],
  version: 0,
};
