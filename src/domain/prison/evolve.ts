import type { EventMeta } from '../decision.js';
import { PRISON_EVENT_TYPES, type PrisonEvent } from './events.js';
import type { StayState } from './state.js';

const TYPES: ReadonlySet<string> = new Set(PRISON_EVENT_TYPES);

/** An event of this context with its payload; erased payloads and other types only count for the version. */
function isPrisonEvent(event: { type: unknown; payload: unknown }): event is PrisonEvent {
  return (
    typeof event.type === 'string' &&
    TYPES.has(event.type) &&
    event.payload !== null &&
    typeof event.payload === 'object' &&
    !Array.isArray(event.payload)
  );
}

/** Folds one entry of a stay's stream into the state (STYLE.md "Deciders"); pure. */
export function evolveStay(state: StayState, event: PrisonEvent, meta: EventMeta): StayState {
  const version = Math.max(state.version, meta.version + 1);
  if (!isPrisonEvent(event)) return { ...state, version };
  if (event.type === 'exercise-logged') {
    const exercise = state.exercise ?? {};
    const { date, minutes } = event.payload;
    return { ...state, version, exercise: { ...exercise, [date]: (exercise[date] ?? 0) + minutes } };
  }
  const next: StayState = { ...state, timeline: [...state.timeline, { ...meta, event }], version };
  switch (event.type) {
    case 'prison-admitted':
      return state.admitted
        ? next
        : { ...next, admitted: { ...event.payload, seq: meta.seq }, facilityId: event.payload.facilityId };
    case 'transferred':
      return { ...next, facilityId: event.payload.destinationFacilityId };
    case 'released':
      return state.status === 'held' ? { ...next, status: 'released' } : next;
    case 'died':
      return state.status === 'held' ? { ...next, status: 'died' } : next;
    case 'finding-recorded':
      return { ...next, findings: [...state.findings, { ...meta, finding: event.payload }] };
    default:
      return next;
  }
}
