import { describe, expect, test } from 'vitest';
import { isRefusal } from '../../src/domain/decision.js';
import { FacilityInput, facilityDecider, type FacilityCommand } from '../../src/domain/registry/facility.js';
import { PersonInput, personDecider, type RegisterPerson } from '../../src/domain/registry/person.js';

const at = '2026-03-10T09:00:00.000Z';

const registerFacility: FacilityCommand = {
  type: 'register-facility',
  facilityId: 'f1',
  name: 'ИВС г. Астаны',
  kind: 'police-custody',
  population: 'mixed',
  region: 'KZ-71',
  at,
  actor: 'admin-1',
};

const registerPerson: RegisterPerson = {
  type: 'register-person',
  personId: 'p1',
  familyName: 'Абенов',
  givenNames: 'Ерлан',
  birthDate: '1988-04-17',
  sex: 'male',
  facilityId: 'f1',
  at,
  actor: 'officer-1',
};

/** Folds events the way the append path does, then decides (STYLE.md "Deciders": given, when, then). */
function given<C, E, S>(
  decider: { initialState: S; evolve(s: S, e: E): S; decide(c: C, s: S): E[] | unknown },
  events: E[],
) {
  const state = events.reduce(decider.evolve, decider.initialState);
  return { when: (command: C) => decider.decide(command, state) };
}

describe('facilities', () => {
  test('registering a facility records every field and the time from the command', () => {
    const events = facilityDecider.decide(registerFacility, facilityDecider.initialState);
    expect(events).toEqual([
      {
        type: 'facility-registered',
        payload: {
          facilityId: 'f1',
          name: 'ИВС г. Астаны',
          kind: 'police-custody',
          population: 'mixed',
          region: 'KZ-71',
          registeredAt: at,
        },
      },
    ]);
  });

  test('a facility is registered once', () => {
    const first = facilityDecider.decide(registerFacility, facilityDecider.initialState) as never[];
    const decision = given(facilityDecider, first).when(registerFacility);
    expect(isRefusal(decision as never)).toBe(true);
  });

  test('the decision is pure: same state and command, same events', () => {
    expect(facilityDecider.decide(registerFacility, { registered: false })).toEqual(
      facilityDecider.decide(registerFacility, { registered: false }),
    );
  });

  test('input: kind and population come from the closed lists of DESIGN.md', () => {
    const base = { name: 'X', kind: 'prison', population: 'women', region: 'KZ-ALM' };
    expect(FacilityInput.safeParse(base).success).toBe(true);
    expect(FacilityInput.safeParse({ ...base, kind: 'gulag' }).success).toBe(false);
    expect(FacilityInput.safeParse({ ...base, population: 'everyone' }).success).toBe(false);
    expect(FacilityInput.safeParse({ ...base, extra: 1 }).success).toBe(false);
  });

  test('input: the region is a listed ISO 3166-2:KZ code; a legacy alpha code is stored as its current code', () => {
    const base = { name: 'X', kind: 'prison', population: 'women' };
    expect(FacilityInput.parse({ ...base, region: 'KZ-33' }).region).toBe('KZ-33');
    expect(FacilityInput.parse({ ...base, region: 'KZ-ALA' }).region).toBe('KZ-75');
    expect(FacilityInput.parse({ ...base, region: 'KZ-VOS' }).region).toBe('KZ-63');
    for (const region of ['R', 'KZ-BAY', 'kz-75', ' KZ-75', 'KZ-00', 'Almaty', ''])
      expect(FacilityInput.safeParse({ ...base, region }).success, region).toBe(false);
  });

  test('input: names are trimmed, NFC-normalised and free of control characters', () => {
    const parsed = FacilityInput.parse({
      name: '  Cafe\u0301 ',
      kind: 'prison',
      population: 'men',
      region: 'KZ-71',
    });
    expect(parsed.name).toBe('Café');
    expect(
      FacilityInput.safeParse({ name: 'a\u0000b', kind: 'prison', population: 'men', region: 'KZ-71' })
        .success,
    ).toBe(false);
    expect(
      FacilityInput.safeParse({ name: '   ', kind: 'prison', population: 'men', region: 'KZ-71' }).success,
    ).toBe(false);
    expect(
      FacilityInput.safeParse({ name: 'a\ud800b', kind: 'prison', population: 'men', region: 'KZ-71' })
        .success,
    ).toBe(false);
  });
});

describe('people', () => {
  test('intl.register.minimum: registering a person records the identity fields', () => {
    const events = personDecider.decide(
      { ...registerPerson, languages: ['kk', 'ru', 'kk'] },
      personDecider.initialState,
    );
    expect(events).toEqual([
      {
        type: 'person-registered',
        payload: {
          personId: 'p1',
          familyName: 'Абенов',
          givenNames: 'Ерлан',
          patronymic: null,
          birthDate: '1988-04-17',
          sex: 'male',
          citizenship: null,
          languages: ['kk', 'ru'],
          identityDocuments: [],
          facilityId: 'f1',
          registeredAt: at,
        },
      },
    ]);
  });

  test('a birth date in the future is refused, naming the field', () => {
    const decision = personDecider.decide(
      { ...registerPerson, birthDate: '2026-03-12' },
      personDecider.initialState,
    );
    expect(decision).toMatchObject({ refused: true, field: 'birthDate' });
  });

  test('a birth today is accepted in every time zone (the date east of UTC may already be tomorrow)', () => {
    const lateUtc = { ...registerPerson, at: '2026-03-10T20:00:00.000Z' };
    expect(
      isRefusal(personDecider.decide({ ...lateUtc, birthDate: '2026-03-11' }, personDecider.initialState)),
    ).toBe(false);
    expect(
      isRefusal(personDecider.decide({ ...lateUtc, birthDate: '2026-03-12' }, personDecider.initialState)),
    ).toBe(true);
  });

  test('a birth date before 1900 is refused as a typing error', () => {
    expect(
      personDecider.decide({ ...registerPerson, birthDate: '1899-12-31' }, personDecider.initialState),
    ).toMatchObject({
      refused: true,
      field: 'birthDate',
    });
  });

  test('a person is registered once', () => {
    const first = personDecider.decide(registerPerson, personDecider.initialState) as never[];
    expect(isRefusal(given(personDecider, first).when(registerPerson) as never)).toBe(true);
  });

  const valid = { familyName: 'Ким', givenNames: 'Виктор', birthDate: '1984-12-05', sex: 'male' };

  test('input: the birth date is a real calendar date YYYY-MM-DD', () => {
    expect(PersonInput.safeParse(valid).success).toBe(true);
    for (const birthDate of ['1984-02-30', '1984-13-01', '84-12-05', '1984-12-5', '2023-02-29', 'yesterday'])
      expect(PersonInput.safeParse({ ...valid, birthDate }).success, birthDate).toBe(false);
    expect(PersonInput.safeParse({ ...valid, birthDate: '2024-02-29' }).success).toBe(true);
  });

  test('input: citizenship is an assigned ISO 3166-1 alpha-2 code', () => {
    expect(PersonInput.parse({ ...valid, citizenship: 'uz' }).citizenship).toBe('UZ');
    for (const citizenship of ['XX', 'KAZ', 'SU', ''])
      expect(PersonInput.safeParse({ ...valid, citizenship }).success, citizenship).toBe(false);
  });

  test('input: languages are BCP 47 tags, canonicalised', () => {
    expect(PersonInput.parse({ ...valid, languages: ['KK', 'uz-cyrl'] }).languages).toEqual([
      'kk',
      'uz-Cyrl',
    ]);
    expect(PersonInput.safeParse({ ...valid, languages: ['not a tag'] }).success).toBe(false);
  });

  test('input: sex is female or male; unknown fields are refused', () => {
    expect(PersonInput.safeParse({ ...valid, sex: 'x' }).success).toBe(false);
    expect(PersonInput.safeParse({ ...valid, birthdate: '1984-12-05' }).success).toBe(false);
  });
});
