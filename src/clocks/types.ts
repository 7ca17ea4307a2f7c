import type { FindingKind } from '../domain/custody/events.js';

/*
 * A clock is a deadline derived from state (DESIGN.md "clocks/"): it starts with an event, is met
 * or stopped by another, and is breached when its due time passes first. Clocks carry no `now`;
 * their state at a moment is `clockAt(clock, now)`.
 */

/** The state of a clock at a moment, as the API reports it (DESIGN.md GET /custody/{id}). */
export type ClockState = 'running' | 'met' | 'breached' | 'stopped';

/** The warnings shown in views and pages (issue 3: at 75% and 90% of the allowed time). */
export type ClockWarning = 75 | 90 | null;

export interface Clock {
  /** Identifies this clock instance within its episode, e.g. `kz.custody.limit` or `kz.custody.counsel@<seq>`; findings carry it. */
  key: string;
  /** The RULES.md id. */
  rule: string;
  /** The rule pack and version whose parameters set the deadline. */
  pack: string;
  packVersion: string;
  /** `breach` for national limits (kz.custody.limit, kz.custody.deposition), `flag` otherwise. */
  kind: FindingKind;
  startedAt: string;
  dueAt: string;
  /** Without `now`: still running, met (the safeguard happened), or stopped (no longer applies). */
  outcome: 'running' | 'met' | 'stopped';
  /** When it was met or stopped; null while running. */
  endedAt: string | null;
}

export interface ClockReading {
  state: ClockState;
  warning: ClockWarning;
  /** Elapsed share of the allowed time, 0..1 (1 once due). */
  elapsed: number;
}
