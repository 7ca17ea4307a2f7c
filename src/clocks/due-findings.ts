import type { FindingKind } from '../domain/custody/events.js';
import type { FindingParams } from '../domain/findings.js';
import { clockAt } from './clock-at.js';
import type { Clock } from './types.js';

/** A clock with what its finding says when it is missed (the English detail and the parameters). */
export interface ScheduledClock {
  clock: Clock;
  missed: string;
  params: FindingParams;
}

/** A finding as the complaint and case streams record it. */
export interface DueFinding {
  type: 'finding-recorded';
  payload: {
    key: string;
    rule: string;
    kind: FindingKind;
    at: string;
    detail: string;
    params: FindingParams;
    pack: string;
    packVersion: string;
  };
}

const ms = (iso: string): number => Date.parse(iso);

/**
 * The findings due at `now`: one for every clock breached at `now` whose key has no finding yet
 * (`recorded`), by due time then key. Exactly once: folding them in makes the next call return
 * nothing for them. Shared by the complaint and case clocks.
 */
export function dueFindings(
  scheduled: readonly ScheduledClock[],
  recorded: ReadonlySet<string>,
  now: Date | string,
): DueFinding[] {
  return scheduled
    .filter(({ clock }) => !recorded.has(clock.key) && clockAt(clock, now).state === 'breached')
    .sort(
      (a, b) =>
        ms(a.clock.dueAt) - ms(b.clock.dueAt) ||
        (a.clock.key < b.clock.key ? -1 : a.clock.key > b.clock.key ? 1 : 0),
    )
    .map(({ clock, missed, params }) => ({
      type: 'finding-recorded',
      payload: {
        key: clock.key,
        rule: clock.rule,
        kind: clock.kind,
        at: clock.dueAt,
        detail: missed,
        params,
        pack: clock.pack,
        packVersion: clock.packVersion,
      },
    }));
}
