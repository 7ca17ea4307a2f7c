import type { HoldBasis } from './events.js';

/*
 * When a hold covers a recording: same facility, the hold's place (or every place, when it names
 * none) and overlapping time windows. One pure function, used by the deletion decider and by the
 * list's `held` flag, so that what the list shows and what deletion refuses cannot disagree.
 */

/** What the deletion decider needs to know of an active hold. */
export interface HoldCoverage {
  holdId: string;
  facilityId: string;
  /** null: every place of the facility. */
  place: string | null;
  from: string;
  to: string;
  basis: HoldBasis;
}

export interface FootageWindow {
  facilityId: string;
  place: string;
  from: string;
  to: string;
}

/**
 * A place as compared: Unicode NFC, trimmed, inner whitespace collapsed, lower case — so that
 * "Коридор, блок 2" and "коридор,  блок 2" are the same place. The read models index this key.
 */
export function placeKey(place: string): string {
  return place.normalize('NFC').trim().replace(/\s+/gu, ' ').toLowerCase();
}

/** Half-open windows [from, to) overlap. */
export function windowsOverlap(a: { from: string; to: string }, b: { from: string; to: string }): boolean {
  return Date.parse(a.from) < Date.parse(b.to) && Date.parse(b.from) < Date.parse(a.to);
}

export function holdCovers(hold: HoldCoverage, footage: FootageWindow): boolean {
  return (
    hold.facilityId === footage.facilityId &&
    (hold.place === null || placeKey(hold.place) === placeKey(footage.place)) &&
    windowsOverlap(hold, footage)
  );
}

/**
 * intl.death.report: all evidence of a death in custody is preserved, footage included. The hold
 * Habeas places on a recorded death covers every camera of the facility from this many hours
 * before the death *(default)* until the death was recorded.
 */
export const DEATH_HOLD_LOOKBACK_HOURS = 48;

/** The window of the hold on a death: from DEATH_HOLD_LOOKBACK_HOURS before it to when it was recorded. */
export function deathHoldWindow(diedAt: string, recordedAt: string): { from: string; to: string } {
  return {
    from: new Date(Date.parse(diedAt) - DEATH_HOLD_LOOKBACK_HOURS * 3_600_000).toISOString(),
    to: new Date(Math.max(Date.parse(recordedAt), Date.parse(diedAt) + 1)).toISOString(),
  };
}
