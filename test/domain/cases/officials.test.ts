import { describe, expect, test } from 'vitest';
import { isRefusal } from '../../../src/domain/decision.js';
import {
  decideOfficial,
  evolveOfficial,
  initialOfficialState,
  officialIdOfStream,
  officialStream,
  type OfficialCommand,
  type OfficialDetails,
  type OfficialEvent,
  type OfficialState,
} from '../../../src/domain/cases/officials.js';
import { T0 } from './given.js';

/*
 * The register of officials (issue 20 item 2): one official named in several cases is one person;
 * a change of post keeps the earlier details in the stream.
 */

const DETAILS: OfficialDetails = {
  name: 'Serikov A. B.',
  position: 'Senior operative',
  agency: 'police',
  facilityId: 'f-ivs-almaty',
  unit: null,
  region: 'KZ-75',
};

const register: OfficialCommand = {
  type: 'register-official',
  officialId: 'o1',
  details: DETAILS,
  now: T0,
  actor: 'procurator-1',
};
const update = (details: Partial<OfficialDetails>, now = T0): OfficialCommand => ({
  type: 'update-official',
  details: { ...DETAILS, ...details },
  reason: 'transferred to another unit',
  now,
  actor: 'procurator-1',
});

/** Decide and fold each command in turn (seq = 200 + version). */
function run(commands: OfficialCommand[]): { state: OfficialState; events: OfficialEvent[][] } {
  let state = initialOfficialState;
  const events: OfficialEvent[][] = [];
  for (const command of commands) {
    const decision = decideOfficial(command, state);
    if (isRefusal(decision)) throw new Error(decision.detail);
    events.push(decision);
    for (const event of decision) {
      const version = state.version + 1;
      state = evolveOfficial(state, event, {
        seq: 200 + version,
        version,
        recordedAt: command.now,
        actor: command.actor,
      });
    }
  }
  return { state, events };
}

describe('the register of officials', () => {
  test('an official is registered once, with name, position, agency and facility', () => {
    const { state, events } = run([register]);
    expect(events[0]).toEqual([
      { type: 'official-registered', payload: { ...DETAILS, officialId: 'o1', recordedAt: T0 } },
    ]);
    expect(state).toEqual({
      officialId: 'o1',
      details: DETAILS,
      history: [{ ...DETAILS, seq: 201, at: T0 }],
      version: 1,
    });
    expect(decideOfficial(register, state)).toMatchObject({ refused: true });
  });

  test('an update that changes nothing records nothing; a change keeps the earlier details in the history', () => {
    const later = '2026-05-10T06:00:00.000Z';
    const { state, events } = run([
      register,
      update({}),
      update({ position: 'Head of unit', facilityId: null, unit: 'Criminal police' }, later),
    ]);
    expect(events[1]).toEqual([]);
    expect(events[2]).toEqual([
      {
        type: 'official-updated',
        payload: {
          ...DETAILS,
          position: 'Head of unit',
          facilityId: null,
          unit: 'Criminal police',
          reason: 'transferred to another unit',
          recordedAt: later,
        },
      },
    ]);
    expect(state.officialId).toBe('o1');
    expect(state.details).toMatchObject({
      position: 'Head of unit',
      unit: 'Criminal police',
      facilityId: null,
    });
    expect(state.history.map((entry) => [entry.position, entry.seq, entry.at])).toEqual([
      ['Senior operative', 201, T0],
      ['Head of unit', 202, later],
    ]);
  });

  test('an official not in the register is not updated', () => {
    expect(decideOfficial(update({ position: 'Head of unit' }), initialOfficialState)).toMatchObject({
      refused: true,
    });
  });

  test('an official’s stream is named by their opaque id alone', () => {
    expect(officialStream('o1')).toBe('official/o1');
    expect(officialIdOfStream('official/o1')).toBe('o1');
    expect(officialIdOfStream('case/o1')).toBeNull();
  });
});
