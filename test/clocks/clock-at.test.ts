import { describe, expect, test } from 'vitest';
import { clockAt } from '../../src/clocks/clock-at.js';
import type { Clock } from '../../src/clocks/types.js';

const T0 = '2026-03-10T06:00:00.000Z';
const at = (hours: number) => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();

const limit: Clock = {
  key: 'kz.custody.limit',
  rule: 'kz.custody.limit',
  pack: 'kz',
  packVersion: '2026.1',
  kind: 'breach',
  startedAt: T0,
  dueAt: at(48),
  outcome: 'running',
  endedAt: null,
};

describe('clockAt', () => {
  test('kz.custody.limit: warnings at 75% and 90% of the allowed time', () => {
    expect(clockAt(limit, at(35.9))).toMatchObject({ state: 'running', warning: null });
    expect(clockAt(limit, at(36))).toEqual({ state: 'running', warning: 75, elapsed: 0.75 });
    expect(clockAt(limit, at(43.1))).toMatchObject({ state: 'running', warning: 75 });
    expect(clockAt(limit, at(43.2))).toMatchObject({ state: 'running', warning: 90 });
    expect(clockAt(limit, new Date(at(47.9)))).toMatchObject({ state: 'running', warning: 90 });
  });

  test('kz.custody.limit: breached at the due time while running', () => {
    expect(clockAt(limit, at(48))).toEqual({ state: 'breached', warning: null, elapsed: 1 });
    expect(clockAt(limit, at(100))).toEqual({ state: 'breached', warning: null, elapsed: 1 });
  });

  test('a clock that ended in time is met or stopped, with the share used; after its due time it is breached', () => {
    expect(clockAt({ ...limit, outcome: 'met', endedAt: at(12) }, at(60))).toEqual({
      state: 'met',
      warning: null,
      elapsed: 0.25,
    });
    expect(clockAt({ ...limit, outcome: 'stopped', endedAt: at(48) }, at(60)).state).toBe('stopped');
    expect(clockAt({ ...limit, outcome: 'met', endedAt: at(49) }, at(60)).state).toBe('breached');
  });

  test('an end later than now has not happened yet at now', () => {
    expect(clockAt({ ...limit, outcome: 'met', endedAt: at(40) }, at(24))).toMatchObject({
      state: 'running',
      elapsed: 0.5,
    });
  });

  test('elapsed is clamped to 0..1', () => {
    expect(clockAt(limit, at(-5)).elapsed).toBe(0);
  });
});
