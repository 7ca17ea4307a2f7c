import { KZ_CUSTODY_RULES } from '../rules/kz/custody.js';
import type { Clock, ClockReading, ClockWarning } from './types.js';

const limitParameters = KZ_CUSTODY_RULES['kz.custody.limit'].parameters;
/** kz.custody.limit: warnings at 75% and 90% of the allowed time (fixed in the pack, and in ClockWarning). */
const FIRST_WARNING = limitParameters.firstWarningPercent.value;
const SECOND_WARNING = limitParameters.secondWarningPercent.value;

function warningAt(elapsed: number): ClockWarning {
  if (elapsed >= SECOND_WARNING / 100) return SECOND_WARNING;
  if (elapsed >= FIRST_WARNING / 100) return FIRST_WARNING;
  return null;
}

/**
 * A clock as it stands at `now`. Breached when the due time passed before the clock ended
 * (still running at or after the due time, or met/stopped after it); met or stopped when it ended
 * in time; otherwise running, with a warning at 75% and 90% of the allowed time. An end later
 * than `now` has not happened yet at `now`.
 */
export function clockAt(clock: Clock, now: Date | string): ClockReading {
  const nowMs = typeof now === 'string' ? Date.parse(now) : now.getTime();
  const start = Date.parse(clock.startedAt);
  const due = Date.parse(clock.dueAt);
  const ended = clock.outcome !== 'running' && clock.endedAt !== null ? Date.parse(clock.endedAt) : null;
  const endedByNow = ended !== null && ended <= nowMs ? ended : null;
  const until = endedByNow ?? nowMs;
  const allowed = due - start;
  const elapsed = allowed > 0 ? Math.min(1, Math.max(0, (until - start) / allowed)) : until >= due ? 1 : 0;
  if (endedByNow === null) {
    if (nowMs >= due) return { state: 'breached', warning: null, elapsed: 1 };
    return { state: 'running', warning: warningAt(elapsed), elapsed };
  }
  if (endedByNow > due) return { state: 'breached', warning: null, elapsed: 1 };
  return { state: clock.outcome === 'met' ? 'met' : 'stopped', warning: null, elapsed };
}
