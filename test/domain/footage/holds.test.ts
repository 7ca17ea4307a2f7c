import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  DEATH_HOLD_LOOKBACK_HOURS,
  deathHoldWindow,
  holdCovers,
  placeKey,
} from '../../../src/domain/footage/coverage.js';
import { givenHold, minutesAfter, placeHold, releaseHold } from './given.js';

describe('evidence holds', () => {
  test('a hold records the facility, place, window, basis, reference and who placed it', () => {
    const [event] = givenHold()
      .when(placeHold({ place: 'Коридор, блок 2' }))
      .events();
    expect(event).toEqual({
      type: 'evidence-hold-placed',
      payload: {
        holdId: 'h1',
        facilityId: 'f1',
        place: 'Коридор, блок 2',
        from: minutesAfter(-60),
        to: minutesAfter(120),
        basis: 'allegation',
        reference: '7KQ2-M9XD-4HTA',
        reason: 'the complainant says he was beaten in the corridor',
        placedAt: minutesAfter(24 * 60),
        placedByRole: 'complaints-officer',
      },
    });
  });

  test('a window that does not end after it starts is refused', () => {
    givenHold()
      .when(placeHold({ to: minutesAfter(-60) }))
      .thenRefuses({ field: 'to' });
  });

  test('a hold cannot start in the future: it keeps footage that has been recorded', () => {
    givenHold()
      .when(placeHold({ from: minutesAfter(25 * 60), to: minutesAfter(26 * 60) }))
      .thenRefuses({ field: 'from' });
  });

  test('a hold may run past now, so that what is still being recorded is kept too', () => {
    expect(
      givenHold()
        .when(placeHold({ to: minutesAfter(48 * 60) }))
        .events(),
    ).toHaveLength(1);
  });

  test('a hold is placed once', () => {
    givenHold([placeHold()]).when(placeHold()).thenRefuses({});
  });

  test('intl.death.report: a hold on a death is released only by the procurator', () => {
    const scenario = givenHold([placeHold({ basis: 'death', reference: 'stay s1', placedByRole: 'system' })]);
    for (const role of ['monitor', 'complaints-officer', 'governor'])
      scenario.when(releaseHold(role)).thenRefuses({ rule: 'intl.death.report' });
    const [released] = scenario.when(releaseHold('procurator')).events();
    expect(released).toEqual({
      type: 'evidence-hold-released',
      payload: {
        reason: 'investigation closed, decision final',
        releasedAt: minutesAfter(10 * 24 * 60),
        releasedByRole: 'procurator',
      },
    });
  });

  test('kz.torture.referral: a hold on an allegation is released only by the procurator', () => {
    const scenario = givenHold([placeHold({ basis: 'allegation' })]);
    for (const role of ['monitor', 'complaints-officer'])
      scenario.when(releaseHold(role)).thenRefuses({ rule: 'kz.torture.referral' });
    expect(scenario.when(releaseHold('procurator')).events()).toHaveLength(1);
  });

  test('a hold on another basis is released by whoever may release holds', () => {
    for (const role of ['monitor', 'complaints-officer', 'procurator'])
      expect(
        givenHold([placeHold({ basis: 'other' })])
          .when(releaseHold(role))
          .events(),
      ).toHaveLength(1);
  });

  test('a hold is released once; nothing placed, nothing to release', () => {
    const released = givenHold([placeHold({ basis: 'other' }), releaseHold('monitor')]);
    expect(released.state.releasedAt).toBe(minutesAfter(10 * 24 * 60));
    released.when(releaseHold('monitor')).thenRefuses({});
    givenHold().when(releaseHold('procurator')).thenRefuses({});
  });
});

describe('coverage', () => {
  test(`intl.death.report: the hold on a death covers ${DEATH_HOLD_LOOKBACK_HOURS} h before it until it was recorded`, () => {
    expect(deathHoldWindow('2026-03-10T10:00:00.000Z', '2026-03-10T10:40:00.000Z')).toEqual({
      from: '2026-03-08T10:00:00.000Z',
      to: '2026-03-10T10:40:00.000Z',
    });
  });

  test('placeKey ignores case, spacing and Unicode composition', () => {
    expect(placeKey(' Двор  №1 ')).toBe(placeKey('двор №1'));
    expect(placeKey('Ул. Абая'.normalize('NFD'))).toBe(placeKey('ул. абая'));
  });

  const instant = fc.integer({ min: 0, max: 10_000 }).map((m) => minutesAfter(m));
  const window = fc
    .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 2_000 }))
    .map(([start, length]) => ({ from: minutesAfter(start), to: minutesAfter(start + length) }));

  test('a hold covers a recording exactly when their windows share an instant (property)', () => {
    fc.assert(
      fc.property(window, window, instant, (held, recorded, probe) => {
        const covers = holdCovers(
          { holdId: 'h', facilityId: 'f', place: null, basis: 'other', ...held },
          { facilityId: 'f', place: 'p', ...recorded },
        );
        const inBoth = (at: string) =>
          at >= held.from && at < held.to && at >= recorded.from && at < recorded.to;
        // An instant in both windows means coverage; coverage means the later start is in both.
        if (inBoth(probe)) expect(covers).toBe(true);
        if (covers) expect(inBoth(held.from > recorded.from ? held.from : recorded.from)).toBe(true);
      }),
    );
  });
});
