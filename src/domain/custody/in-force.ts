import type { CorrectableField, CustodyCorrected } from './events.js';
import { isoOfMillis } from '../iso-time.js';
import type { CustodyState, TimelineItem } from './state.js';

/*
 * Which stated values are in force when a record has been corrected (kz.custody.actual-time).
 * A correction never makes the record look more compliant to the clocks: the apprehension in
 * force is the earliest ever stated (a later correction cannot extend the limit), a safeguard
 * meets a clock at the latest time ever stated for it (a correction cannot make a late safeguard
 * look in time), and a clock that an event starts runs from the earliest time stated for it.
 */

const ms = (iso: string): number => Date.parse(iso);
const iso = isoOfMillis;

function corrections(
  state: CustodyState,
  seq: number,
  field: CorrectableField,
): CustodyCorrected['payload'][] {
  const found: CustodyCorrected['payload'][] = [];
  for (const item of state.timeline)
    if (
      item.event.type === 'custody-corrected' &&
      item.event.payload.correctsSeq === seq &&
      item.event.payload.field === field
    )
      found.push(item.event.payload);
  return found;
}

/** Every time ever stated for the moment a field records, the original first. */
function statedTimesOf(
  state: CustodyState,
  seq: number,
  field: 'apprehendedAt' | 'at',
  original: string,
): string[] {
  return [original, ...corrections(state, seq, field).map((correction) => correction.to)];
}

/** The entry of the stream with this log seq, if any. */
export function entryAt(state: CustodyState, seq: number): TimelineItem | undefined {
  return state.timeline.find((item) => item.seq === seq);
}

/** The earliest and latest of every time stated for the moment an entry records (its `at`, or the apprehension). */
export interface StatedTimes {
  earliest: string;
  latest: string;
}

export function statedTimes(state: CustodyState, seq: number): StatedTimes | null {
  const item = entryAt(state, seq);
  if (!item) return null;
  let times: string[];
  if (item.event.type === 'custody-opened')
    times = statedTimesOf(state, seq, 'apprehendedAt', item.event.payload.apprehendedAt);
  else if ('at' in item.event.payload && typeof item.event.payload.at === 'string')
    times = statedTimesOf(state, seq, 'at', item.event.payload.at);
  else return null;
  const millis = times.map(ms);
  return { earliest: iso(Math.min(...millis)), latest: iso(Math.max(...millis)) };
}

/**
 * kz.custody.limit, kz.custody.actual-time: the apprehension time the clocks run from, the
 * earliest ever stated (original or corrected); null before the episode is opened.
 */
export function apprehensionInForce(state: CustodyState): string | null {
  if (!state.opened) return null;
  return statedTimes(state, state.opened.seq)?.earliest ?? state.opened.apprehendedAt;
}

/**
 * The `at` of a safeguard event for meeting a clock: the latest value ever stated for it
 * (original or corrected); null for an entry that is not in the stream or states no time.
 */
export function statedAt(state: CustodyState, seq: number): string | null {
  const item = entryAt(state, seq);
  if (!item || item.event.type === 'custody-opened') return null;
  return statedTimes(state, seq)?.latest ?? null;
}

/** The value a field of an entry states now: the last correction's `to`, or the original (for `from` of a correction). */
export function currentStatement(state: CustodyState, seq: number, field: CorrectableField): string | null {
  const item = entryAt(state, seq);
  if (!item) return null;
  const payload = item.event.payload as Record<string, unknown>;
  const original = payload[field];
  if (typeof original !== 'string') return null;
  return corrections(state, seq, field).at(-1)?.to ?? original;
}
