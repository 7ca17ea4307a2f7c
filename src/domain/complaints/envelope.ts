import type { ComplaintEvent } from './events.js';

/*
 * What the public log shows of a complaint (kz.complaint.channel). Entries' types are public, so a
 * complaint stream whose later entries said `allegation-decision` or `protection-decided` would
 * tell anyone who saw a prisoner at a terminal at 10:03 what became of that complaint. Every entry
 * of a complaint stream therefore has the same public type; the event's own type travels inside
 * the payload, under the entry's salted digest, readable only through the application.
 */

/** The one public type of every entry of a complaint stream. */
export const COMPLAINT_ENTRY_TYPE = 'complaint-entry';

/** The payload of a complaint entry: the event's type and its payload. */
export type ComplaintEnvelope = {
  event: ComplaintEvent['type'];
  data: ComplaintEvent['payload'];
};

/** A complaint event as it is appended to the log. */
export function toEntry(event: ComplaintEvent): {
  type: typeof COMPLAINT_ENTRY_TYPE;
  payload: ComplaintEnvelope;
} {
  return { type: COMPLAINT_ENTRY_TYPE, payload: { event: event.type, data: event.payload } };
}

/**
 * A stored entry of a complaint stream back into its event. An erased payload (null) stays an
 * entry without an event (the decider counts it for the version and reads nothing from it).
 */
export function fromEntry(stored: { type: string; payload: unknown }): ComplaintEvent {
  const { type, payload } = stored;
  if (
    type === COMPLAINT_ENTRY_TYPE &&
    payload !== null &&
    typeof payload === 'object' &&
    !Array.isArray(payload)
  ) {
    const envelope = payload as Partial<ComplaintEnvelope>;
    if (typeof envelope.event === 'string')
      return { type: envelope.event, payload: envelope.data } as ComplaintEvent;
  }
  return { type, payload } as ComplaintEvent;
}
