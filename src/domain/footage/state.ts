import type { EventMeta } from '../decision.js';
import type { EvidenceHoldPlaced, FootageRegistered } from './events.js';

/* The states the footage and evidence-hold deciders fold from their streams. */

export interface FootageState {
  registered: (FootageRegistered['payload'] & { registeredBy: string }) | null;
  /** When the recording was deleted (server time), or null while it is kept. */
  deletedAt: string | null;
  /** The stream version folded so far (erased payloads included): the next event gets this version. */
  version: number;
}

export const initialFootageState: FootageState = { registered: null, deletedAt: null, version: 0 };

export interface EvidenceHoldState {
  placed: (EvidenceHoldPlaced['payload'] & { placedBy: string }) | null;
  releasedAt: string | null;
  version: number;
}

export const initialEvidenceHoldState: EvidenceHoldState = { placed: null, releasedAt: null, version: 0 };

export type { EventMeta };
