import { describe, expect, test } from 'vitest';
import { deleteFootage, givenFootage, hold, minutesAfter, registerFootage, T0 } from './given.js';

describe('footage references', () => {
  test('a reference records camera, place, window and retention, with the server time of registration', () => {
    const [event] = givenFootage().when(registerFootage()).events();
    expect(event).toEqual({
      type: 'footage-registered',
      payload: {
        footageId: 'v1',
        facilityId: 'f1',
        camera: 'CAM-12',
        place: 'Коридор, блок 2',
        from: T0,
        to: minutesAfter(30),
        retainUntil: minutesAfter(30 * 24 * 60),
        registeredAt: minutesAfter(60),
      },
    });
  });

  test('a window that does not end after it starts is refused', () => {
    givenFootage()
      .when(registerFootage({ to: T0 }))
      .thenRefuses({ field: 'to' });
    givenFootage()
      .when(registerFootage({ to: minutesAfter(-1) }))
      .thenRefuses({ field: 'to' });
  });

  test('a recording that ends in the future is refused: it has not been made yet', () => {
    const refusal = givenFootage()
      .when(registerFootage({ to: minutesAfter(90), now: minutesAfter(60) }))
      .thenRefuses({ field: 'to' });
    expect(refusal.detail).toContain('future');
  });

  test('retention that ends before the recording does is refused', () => {
    givenFootage()
      .when(registerFootage({ retainUntil: minutesAfter(29) }))
      .thenRefuses({ field: 'retainUntil' });
  });

  test('a reference is registered once', () => {
    givenFootage([registerFootage()]).when(registerFootage()).thenRefuses({});
  });

  test('without a hold the recording is deleted with the reason and the time; the reference stays', () => {
    const scenario = givenFootage([registerFootage()]).when(deleteFootage()).and();
    expect(scenario.state.deletedAt).toBe(minutesAfter(31 * 24 * 60));
    expect(scenario.state.registered?.camera).toBe('CAM-12');
    scenario.when(deleteFootage()).thenRefuses({});
  });

  test('nothing registered, nothing to delete', () => {
    givenFootage().when(deleteFootage()).thenRefuses({});
  });
});

describe('evidence holds at deletion', () => {
  test('intl.death.report: a hold on a death refuses deletion, naming the hold and the rule', () => {
    const refusal = givenFootage([registerFootage()])
      .when(deleteFootage([hold({ holdId: 'death-hold', basis: 'death' })]))
      .thenRefuses({ rule: 'intl.death.report' });
    expect(refusal.detail).toContain('evidence hold death-hold');
  });

  test('a hold on an allegation refuses deletion, naming the hold but not what it refers to', () => {
    const refusal = givenFootage([registerFootage()])
      .when(deleteFootage([hold({ holdId: 'h7', basis: 'allegation' })]))
      .thenRefuses({});
    expect(refusal.rule).toBeUndefined();
    expect(refusal.detail).toContain('evidence hold h7');
    expect(refusal.detail).not.toMatch(/allegation|torture/);
  });

  test('every covering hold is named', () => {
    const refusal = givenFootage([registerFootage()])
      .when(deleteFootage([hold({ holdId: 'a' }), hold({ holdId: 'b', basis: 'other' })]))
      .thenRefuses({});
    expect(refusal.detail).toContain('evidence hold a, evidence hold b');
  });

  test('a hold on the same place covers it whatever the case and spacing of the name', () => {
    givenFootage([registerFootage()])
      .when(deleteFootage([hold({ place: '  коридор,   БЛОК 2 ' })]))
      .thenRefuses({});
  });

  test('holds on another place, another facility or a window that only touches do not cover it', () => {
    const scenario = givenFootage([registerFootage()]);
    for (const other of [
      hold({ place: 'Прогулочный двор' }),
      hold({ facilityId: 'f2' }),
      hold({ from: minutesAfter(-60), to: T0 }),
      hold({ from: minutesAfter(30), to: minutesAfter(90) }),
    ])
      expect(scenario.when(deleteFootage([other])).events()[0]?.type).toBe('footage-deleted');
  });

  test('a hold overlapping one minute of the recording covers it', () => {
    givenFootage([registerFootage()])
      .when(deleteFootage([hold({ from: minutesAfter(29), to: minutesAfter(200) })]))
      .thenRefuses({});
  });
});
