import type { EventMeta } from '../decision.js';
import type { EvidenceHoldEvent, FootageEvent } from './events.js';
import type { EvidenceHoldState, FootageState } from './state.js';

/*
 * Folds of the footage and evidence-hold streams (STYLE.md "Deciders"); pure. An entry whose
 * payload was erased (data protection: the payload is null) still counts for the stream version,
 * and a deletion or a release stays one even without its reason: the entry's type and time say so.
 */

const hasPayload = (event: { payload: unknown }): boolean =>
  event.payload !== null && typeof event.payload === 'object' && !Array.isArray(event.payload);

export function evolveFootage(state: FootageState, event: FootageEvent, meta: EventMeta): FootageState {
  const version = Math.max(state.version, meta.version + 1);
  switch (event.type) {
    case 'footage-registered':
      return state.registered || !hasPayload(event)
        ? { ...state, version }
        : { ...state, registered: { ...event.payload, registeredBy: meta.actor }, version };
    case 'footage-deleted':
      return { ...state, deletedAt: state.deletedAt ?? meta.recordedAt, version };
    default:
      return { ...state, version };
  }
}

export function evolveEvidenceHold(
  state: EvidenceHoldState,
  event: EvidenceHoldEvent,
  meta: EventMeta,
): EvidenceHoldState {
  const version = Math.max(state.version, meta.version + 1);
  switch (event.type) {
    case 'evidence-hold-placed':
      return state.placed || !hasPayload(event)
        ? { ...state, version }
        : { ...state, placed: { ...event.payload, placedBy: meta.actor }, version };
    case 'evidence-hold-released':
      return { ...state, releasedAt: state.releasedAt ?? meta.recordedAt, version };
    default:
      return { ...state, version };
  }
}
