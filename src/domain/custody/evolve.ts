import type { EventMeta } from '../decision.js';
import type { CustodyEvent, CustodyEventType } from './events.js';
import type { CustodyState } from './state.js';

const CUSTODY_EVENT_TYPES: ReadonlySet<string> = new Set<CustodyEventType>([
  'custody-opened',
  'rights-explained',
  'counsel-requested',
  'counsel-arrived',
  'family-notified',
  'medical-examined',
  'injury-recorded',
  'court-decision',
  'released',
  'transferred',
  'consular-rights-explained',
  'consulate-notified',
  'judicial-requested',
  'judicial-ruled',
  'interview-recorded',
  'custody-corrected',
  'finding-recorded',
]);

/**
 * An event of this context with its payload: entries of other types (e.g. the store's notes) and
 * entries whose payload was erased (data protection: the payload is null) count for the stream
 * version but are kept out of the timeline, where nothing could read them safely.
 */
function isCustodyEvent(event: { type: unknown; payload: unknown }): event is CustodyEvent {
  return (
    typeof event.type === 'string' &&
    CUSTODY_EVENT_TYPES.has(event.type) &&
    event.payload !== null &&
    typeof event.payload === 'object' &&
    !Array.isArray(event.payload)
  );
}

/** Folds one entry of a custody stream into the state (STYLE.md "Deciders"); pure. */
export function evolveCustody(state: CustodyState, event: CustodyEvent, meta: EventMeta): CustodyState {
  const version = Math.max(state.version, meta.version + 1);
  if (!isCustodyEvent(event)) return { ...state, version };
  const timeline = [...state.timeline, { ...meta, event }];
  const next: CustodyState = { ...state, timeline, version };
  switch (event.type) {
    case 'custody-opened':
      return state.opened ? next : { ...next, opened: { ...event.payload, seq: meta.seq } };
    case 'released':
      return state.status === 'in-custody' ? { ...next, status: 'released' } : next;
    case 'transferred':
      return state.status === 'in-custody' ? { ...next, status: 'transferred' } : next;
    case 'finding-recorded':
      return { ...next, findings: [...state.findings, { ...meta, finding: event.payload }] };
    default:
      return next;
  }
}
