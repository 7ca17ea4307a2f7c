import { describe, expect, test } from 'vitest';
import { isRefusal, type EventMeta } from '../../src/domain/decision.js';
import { nameKey, nameWords } from '../../src/domain/registry/name-key.js';
import {
  PersonCorrectionInput,
  personDecider,
  type CorrectPerson,
  type Person,
  type PersonEvent,
  type RegisterPerson,
} from '../../src/domain/registry/person.js';
import { PersonSearchInput } from '../../src/domain/registry/search.js';

/*
 * Issue 18 item 2, as specifications: a correction of a person's details is an entry beside the
 * registration, naming each detail it replaces, the value it had and the entry that stated it,
 * and why; the registration is never changed. History is folded with fake log seqs (10 + index).
 */

const at = '2026-03-10T09:00:00.000Z';

const registration: RegisterPerson = {
  type: 'register-person',
  personId: 'p1',
  familyName: 'Юлдашева',
  givenNames: 'Мадина',
  birthDate: '1994-03-09',
  sex: 'female',
  facilityId: 'f1',
  at,
  actor: 'officer-1',
};

const correction = (fields: Partial<CorrectPerson>): CorrectPerson => ({
  type: 'correct-person',
  personId: 'p1',
  reason: 'гражданство и языки по паспорту',
  at: '2026-03-10T10:00:00.000Z',
  actor: 'officer-2',
  ...fields,
});

const meta = (index: number): EventMeta => ({
  seq: 10 + index,
  version: index,
  recordedAt: at,
  actor: 'officer-1',
});

/** The events of `commands`, each decided on the state the ones before it left (STYLE.md "Deciders"). */
function history(...commands: (RegisterPerson | CorrectPerson)[]): PersonEvent[] {
  const events: PersonEvent[] = [];
  for (const command of commands) {
    const decision = personDecider.decide(command, fold(events));
    if (isRefusal(decision)) throw new Error(decision.detail);
    events.push(...decision);
  }
  return events;
}

const fold = (events: PersonEvent[]): Person =>
  events.reduce<Person>(
    (state, event, index) => personDecider.evolve(state, event, meta(index)),
    personDecider.initialState,
  );

const given = (...commands: (RegisterPerson | CorrectPerson)[]) => ({
  when: (command: CorrectPerson) => personDecider.decide(command, fold(history(...commands))),
});

describe('corrections of a person’s details (issue 18 item 2)', () => {
  test('a correction names each detail it replaces, the value it had and the registration that stated it', () => {
    const decision = given(registration).when(
      correction({ citizenship: 'UZ', languages: ['uz', 'ru', 'uz'], familyName: 'Юлдашева' }),
    );
    expect(decision).toEqual([
      {
        type: 'person-corrected',
        payload: {
          personId: 'p1',
          // The family name is as registered: not a change, so not named.
          changes: [
            { field: 'citizenship', from: null, to: 'UZ', correctsSeq: 10 },
            { field: 'languages', from: [], to: ['uz', 'ru'], correctsSeq: 10 },
          ],
          reason: 'гражданство и языки по паспорту',
          correctedAt: '2026-03-10T10:00:00.000Z',
        },
      },
    ]);
  });

  test('a second correction of the same detail names the first correction as what it replaces', () => {
    const decision = given(registration, correction({ citizenship: 'KG' })).when(
      correction({ citizenship: 'UZ', reason: 'ошибка в коде страны' }),
    );
    expect(isRefusal(decision) ? decision : decision[0]?.payload).toMatchObject({
      changes: [{ field: 'citizenship', from: 'KG', to: 'UZ', correctsSeq: 11 }],
    });
  });

  test('the registration stays as it was made: the details in force are the fold of both', () => {
    const events = history(
      registration,
      correction({ citizenship: 'UZ', patronymic: 'Рустамовна', sex: 'female' }),
      correction({ patronymic: null }),
    );
    expect(events[0]).toMatchObject({ type: 'person-registered', payload: { citizenship: null } });
    expect(fold(events).details).toMatchObject({ citizenship: 'UZ', patronymic: null, sex: 'female' });
  });

  test('nothing to correct is refused: every detail stated is already on record', () => {
    const decision = given(registration).when(correction({ familyName: 'Юлдашева', languages: [] }));
    expect(decision).toMatchObject({ refused: true, field: 'changes' });
  });

  test('a person not registered cannot be corrected, nor one whose registration was erased', () => {
    expect(personDecider.decide(correction({ citizenship: 'UZ' }), personDecider.initialState)).toMatchObject(
      {
        refused: true,
      },
    );
    const erased = personDecider.evolve(
      personDecider.initialState,
      { type: 'person-registered', payload: null } as unknown as PersonEvent,
      meta(0),
    );
    expect(personDecider.decide(correction({ citizenship: 'UZ' }), erased)).toMatchObject({ refused: true });
  });

  test('a corrected birth date must be a past date from 1900; a document is listed once', () => {
    expect(given(registration).when(correction({ birthDate: '2999-01-01' }))).toMatchObject({
      refused: true,
      field: 'birthDate',
    });
    expect(given(registration).when(correction({ birthDate: '1899-12-31' }))).toMatchObject({
      field: 'birthDate',
    });
    const twice = { kind: 'passport' as const, number: 'FA1234567' };
    expect(given(registration).when(correction({ identityDocuments: [twice, twice] }))).toMatchObject({
      field: 'identityDocuments',
    });
  });

  test('documents are compared as a set: the same list in another order is no change', () => {
    const iin = { kind: 'iin' as const, number: '940309400123' };
    const passport = { kind: 'passport' as const, number: 'FA1234567' };
    const decision = given(registration, correction({ identityDocuments: [iin, passport] })).when(
      correction({ identityDocuments: [passport, iin] }),
    );
    expect(decision).toMatchObject({ refused: true, field: 'changes' });
  });

  test('the API’s body: null clears a patronymic and records a stateless person; a reason is required', () => {
    expect(
      PersonCorrectionInput.parse({ citizenship: null, patronymic: null, reason: 'лицо без гражданства' }),
    ).toEqual({
      citizenship: null,
      patronymic: null,
      reason: 'лицо без гражданства',
    });
    expect(PersonCorrectionInput.safeParse({ citizenship: 'uz', reason: ' ' }).success).toBe(false);
    expect(PersonCorrectionInput.parse({ citizenship: 'uz', reason: 'по паспорту' }).citizenship).toBe('UZ');
  });
});

describe('the search’s names (issue 18 item 10)', () => {
  test('letter case, accents and punctuation aside; each word found at the start of any name', () => {
    expect(nameWords('  СЕЙТКАЛИ-Нурлан ')).toEqual(['сеиткали', 'нурлан']);
    expect(nameWords('Алёна')).toEqual(['алена']);
    expect(nameKey('Иванова-Петрова', 'Алёна', null)).toBe(' иванова петрова алена ');
    // Kazakh letters are letters of their own.
    expect(nameKey('Әбілқайыр', 'Ұлан', 'Үмбетұлы')).toBe(' әбілқаиыр ұлан үмбетұлы ');
  });

  test('a search needs two letters of a name, a date of birth or a document', () => {
    expect(PersonSearchInput.safeParse({}).success).toBe(false);
    expect(PersonSearchInput.safeParse({ name: 'с' }).success).toBe(false);
    expect(PersonSearchInput.safeParse({ name: '-- ' }).success).toBe(false);
    expect(PersonSearchInput.safeParse({ name: 'се' }).success).toBe(true);
    expect(PersonSearchInput.safeParse({ birthDate: '1994-03-09' }).success).toBe(true);
    expect(
      PersonSearchInput.safeParse({ identityDocument: { kind: 'passport', number: 'FA 123' } }).success,
    ).toBe(true);
  });
});
