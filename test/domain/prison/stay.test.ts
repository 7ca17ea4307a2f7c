import { describe, expect, test } from 'vitest';
import { prisonClocks } from '../../../src/clocks/prison.js';
import { prisonStream, stayIdOfStream, STAY_EVENT_TYPES } from '../../../src/domain/prison/events.js';
import { vulnerabilitiesOn } from '../../../src/domain/prison/facts.js';
import { AdmissionInput, StayEventInput } from '../../../src/domain/prison/inputs.js';
import { DEFAULT_PRISON_RULES, resolvePrisonRules } from '../../../src/rules/prison-rules.js';
import {
  admit,
  daysAfter,
  dueAt,
  given,
  hoursAfter,
  man,
  nearlyAdult,
  ofRule,
  record,
  T0,
  woman,
} from './given.js';

/*
 * A stay from admission to release (issue 5 item 1): the register entry, the admission
 * examination, transfers with the family told, searches, and what can no longer be recorded once
 * the stay has ended.
 */

const rules = DEFAULT_PRISON_RULES;

describe('intl.register.minimum', () => {
  test('intl.register.minimum: the admission holds the commitment order, the deprivation of liberty, and the register person', () => {
    const [admitted] = given()
      .when(admit({ custodyId: 'c7', now: hoursAfter(1) }))
      .events();
    expect(admitted).toEqual({
      type: 'prison-admitted',
      payload: {
        stayId: 's1',
        personId: 'p1',
        facilityId: 'prison-1',
        admittedAt: T0,
        recordedAt: hoursAfter(1),
        commitmentOrder: {
          reference: '2-1234/2026',
          authority: 'Astana city court',
          issuedOn: '2026-03-05',
          grounds: 'Criminal Code art. 188',
        },
        custodyId: 'c7',
        deprivedOfLiberty: { at: hoursAfter(-72), place: 'Астана, пр. Республики 12', authority: 'police' },
        lifeSentence: false,
        sex: 'male',
        birthDate: '1985-07-21',
        languages: ['kk', 'ru'],
        reachedBy: 'scope',
        identityDocument: null,
      },
    });
    expect(prisonStream('s1')).toBe('prison/s1');
    expect(stayIdOfStream('prison/s1')).toBe('s1');
    expect(stayIdOfStream('custody/s1')).toBeNull();
  });

  test('intl.register.minimum: an admission in the future, or before the deprivation of liberty, is refused', () => {
    given()
      .when(admit({ admittedAt: hoursAfter(2), now: hoursAfter(1) }))
      .thenRefuses({ rule: 'intl.register.minimum', field: 'admittedAt' });
    given()
      .when(admit({ deprivedOfLiberty: { at: hoursAfter(1), place: 'x', authority: null } }))
      .thenRefuses({ rule: 'intl.register.minimum', field: 'deprivedOfLiberty' });
    given()
      .when(admit({ person: { ...man, birthDate: '2026-03-11' } }))
      .thenRefuses({ field: 'admittedAt' });
  });

  test('intl.register.minimum: a stay is admitted once; events need an admission', () => {
    given([admit()]).when(admit()).thenRefuses({});
    given()
      .when(record({ type: 'health-visit', at: hoursAfter(1) }, hoursAfter(1)))
      .thenRefuses({});
  });

  test('intl.register.minimum: the admission body needs the order and the time with an offset; times come out in UTC', () => {
    const body = {
      personId: 'p1',
      facilityId: 'prison-1',
      admittedAt: '2026-03-10T11:00:00+05:00',
      commitmentOrder: '2-1234/2026',
    };
    expect(AdmissionInput.parse(body)).toMatchObject({ admittedAt: T0, commitmentOrder: '2-1234/2026' });
    for (const field of ['personId', 'facilityId', 'admittedAt', 'commitmentOrder']) {
      const { [field]: _omitted, ...without } = body as Record<string, string>;
      expect(AdmissionInput.safeParse(without).success, field).toBe(false);
    }
    expect(AdmissionInput.safeParse({ ...body, admittedAt: '2026-03-10T11:00:00' }).success).toBe(false);
  });

  test('a recorded event stated in the future or before the admission is refused', () => {
    const scenario = given([admit()]);
    scenario
      .when(record({ type: 'health-visit', at: hoursAfter(3) }, hoursAfter(2)))
      .thenRefuses({ field: 'at' });
    scenario
      .when(record({ type: 'health-visit', at: hoursAfter(-1) }, hoursAfter(2)))
      .thenRefuses({ field: 'at' });
  });
});

describe('kz.admission.medical', () => {
  test('kz.admission.medical: an examination with HIV and TB screening within 24 h meets it; the results stay with the event', () => {
    const scenario = given([
      admit(),
      record(
        {
          type: 'medical-examined',
          at: hoursAfter(20),
          hivScreening: 'done',
          tbScreening: 'done',
          results: { hiv: 'negative', tb: 'negative' },
        },
        hoursAfter(20),
        { actor: 'doctor-1' },
      ),
    ]);
    const exam = scenario.state.timeline.find((item) => item.event.type === 'medical-examined');
    expect(exam?.event).toMatchObject({
      payload: {
        examinedBy: 'Officer Ахметов',
        purpose: 'admission',
        bodilyHarm: false,
        results: { hiv: 'negative', tb: 'negative', notes: null },
      },
    });
    expect(prisonClocks(scenario.state, rules)).toEqual([
      expect.objectContaining({ key: 'kz.admission.medical@v0', outcome: 'met', endedAt: hoursAfter(20) }),
    ]);
    expect(scenario.when(dueAt(hoursAfter(100))).rules()).not.toContain('kz.admission.medical');
  });

  test('kz.admission.medical: an examination without the screenings leaves the clock running; found after 24 h', () => {
    const scenario = given([
      admit(),
      record({ type: 'medical-examined', at: hoursAfter(2), bodilyHarm: true }, hoursAfter(2)),
    ]);
    expect(scenario.state.timeline[1]?.event).toMatchObject({
      payload: { hivScreening: 'not-done', tbScreening: 'not-done', bodilyHarm: true, results: null },
    });
    expect(scenario.when(dueAt(hoursAfter(23.9))).rules()).not.toContain('kz.admission.medical');
    expect(ofRule(scenario.when(dueAt(hoursAfter(24))).findings(), 'kz.admission.medical')).toEqual([
      {
        key: 'kz.admission.medical@v0',
        rule: 'kz.admission.medical',
        kind: 'flag',
        at: hoursAfter(24),
        detail: `no medical examination with HIV and TB screening within 24 h of the admission at ${T0}`,
        params: { hours: 24, arrival: 'admission', arrivedAt: T0 },
        pack: 'kz',
        packVersion: '2026.1',
      },
    ]);
  });

  test('kz.admission.medical: each transfer opens a new clock, due 24 h after the transfer', () => {
    const scenario = given([
      admit(),
      record(
        { type: 'medical-examined', at: hoursAfter(3), hivScreening: 'done', tbScreening: 'done' },
        hoursAfter(3),
      ),
      record(
        {
          type: 'transferred',
          at: hoursAfter(10),
          destinationFacilityId: 'prison-2',
          reason: 'overcrowding',
        },
        hoursAfter(10),
      ),
    ]);
    const medical = prisonClocks(scenario.state, rules).filter(
      (clock) => clock.rule === 'kz.admission.medical',
    );
    expect(medical).toEqual([
      expect.objectContaining({ key: 'kz.admission.medical@v0', outcome: 'met' }),
      expect.objectContaining({
        key: 'kz.admission.medical@v2',
        startedAt: hoursAfter(10),
        dueAt: hoursAfter(34),
        outcome: 'running',
      }),
    ]);
    expect(ofRule(scenario.when(dueAt(hoursAfter(34))).findings(), 'kz.admission.medical')).toEqual([
      expect.objectContaining({ key: 'kz.admission.medical@v2', at: hoursAfter(34) }),
    ]);
    const examinedThere = scenario.then(
      record(
        { type: 'medical-examined', at: hoursAfter(12), hivScreening: 'done', tbScreening: 'declined' },
        hoursAfter(12),
      ),
    );
    expect(examinedThere.state.timeline.at(-1)?.event).toMatchObject({ payload: { purpose: 'admission' } });
    expect(examinedThere.when(dueAt(hoursAfter(100))).rules()).not.toContain('kz.admission.medical');
  });

  test('kz.admission.medical: a deployment may set the hours ({"kz.admission.medical": {"hours": 12}})', () => {
    const twelve = resolvePrisonRules({ 'kz.admission.medical': { hours: 12 } });
    const scenario = given([admit()], twelve);
    expect(prisonClocks(scenario.state, twelve)[0]).toMatchObject({ dueAt: hoursAfter(12) });
    expect(scenario.when(dueAt(hoursAfter(12))).rules()).toContain('kz.admission.medical');
  });
});

describe('intl.custody.transfer-notice', () => {
  const transferred = () =>
    given([
      admit(),
      record(
        {
          type: 'transferred',
          at: hoursAfter(5),
          destinationFacilityId: 'prison-2',
          reason: 'gang-influence',
          detail: 'threats from another prisoner',
        },
        hoursAfter(5),
      ),
    ]);

  test('intl.custody.transfer-notice: a transfer without the family told is found after 3 h', () => {
    const scenario = transferred();
    expect(scenario.state.facilityId).toBe('prison-2');
    expect(scenario.state.timeline[1]?.event).toMatchObject({
      payload: { fromFacilityId: 'prison-1', requestedByPrisoner: false, reason: 'gang-influence' },
    });
    expect(scenario.when(dueAt(hoursAfter(7.9))).rules()).not.toContain('intl.custody.transfer-notice');
    expect(ofRule(scenario.when(dueAt(hoursAfter(8))).findings(), 'intl.custody.transfer-notice')).toEqual([
      expect.objectContaining({
        key: 'intl.custody.transfer-notice@v1',
        at: hoursAfter(8),
        pack: 'intl',
        detail: `family not notified within 3 h of the transfer at ${hoursAfter(5)}`,
      }),
    ]);
  });

  test('intl.custody.transfer-notice: the family told after the transfer meets it; a notice before it does not', () => {
    const told = transferred().then(
      record({ type: 'family-notified', at: hoursAfter(6), contact: 'wife', means: 'phone' }, hoursAfter(6)),
    );
    expect(told.when(dueAt(hoursAfter(50))).rules()).not.toContain('intl.custody.transfer-notice');
    const toldBefore = given([
      admit(),
      record({ type: 'family-notified', at: hoursAfter(1), contact: 'wife', means: 'phone' }, hoursAfter(1)),
      record(
        { type: 'transferred', at: hoursAfter(5), destinationFacilityId: 'prison-2', reason: 'other' },
        hoursAfter(5),
      ),
    ]);
    expect(toldBefore.when(dueAt(hoursAfter(8))).rules()).toContain('intl.custody.transfer-notice');
  });

  test('kz.transfer.protection: a transfer on a protection request counts as asked for by the prisoner', () => {
    const scenario = given([
      admit(),
      record(
        {
          type: 'transferred',
          at: hoursAfter(5),
          destinationFacilityId: 'prison-2',
          reason: 'protection-request',
        },
        hoursAfter(5),
      ),
    ]);
    expect(scenario.state.timeline[1]?.event).toMatchObject({ payload: { requestedByPrisoner: true } });
    given([admit()])
      .when(
        record(
          { type: 'transferred', at: hoursAfter(5), destinationFacilityId: 'prison-1', reason: 'other' },
          hoursAfter(5),
        ),
      )
      .thenRefuses({ field: 'destinationFacilityId' });
  });
});

describe('intl.search.women', () => {
  const search = (kind: 'personal' | 'strip' | 'cell', searcherSex: 'female' | 'male') =>
    record(
      { type: 'search-recorded', at: hoursAfter(4), kind, searchedBy: 'Sgt. Омаров', searcherSex },
      hoursAfter(4),
    );

  test('intl.search.women: a personal search of a woman by a male officer is flagged', () => {
    const then = given([admit({ person: woman })]).when(search('personal', 'male'));
    expect(then.events()[0]).toEqual({
      type: 'search-recorded',
      payload: { at: hoursAfter(4), kind: 'personal', searchedBy: 'Sgt. Омаров', searcherSex: 'male' },
    });
    expect(then.findings()).toEqual([
      {
        key: 'intl.search.women@v1',
        rule: 'intl.search.women',
        kind: 'flag',
        at: hoursAfter(4),
        detail:
          'personal search of a woman by a male officer (Sgt. Омаров); BR 19: only women staff search women',
        params: { search: 'personal', searchedBy: 'Sgt. Омаров' },
        pack: 'intl',
        packVersion: '2026.1',
      },
    ]);
    expect(
      given([admit({ person: woman })])
        .when(search('strip', 'male'))
        .rules(),
    ).toEqual(['intl.search.women']);
  });

  test('intl.search.women: a woman searched by a woman, a cell search, or a man searched by a man is not flagged', () => {
    expect(
      given([admit({ person: woman })])
        .when(search('personal', 'female'))
        .rules(),
    ).toEqual([]);
    expect(
      given([admit({ person: woman })])
        .when(search('cell', 'male'))
        .rules(),
    ).toEqual([]);
    expect(
      given([admit({ person: man })])
        .when(search('strip', 'male'))
        .rules(),
    ).toEqual([]);
  });
});

describe('vulnerabilities', () => {
  test('kz.discipline.exempt: vulnerabilities are dated facts; the end is checked against the start and today', () => {
    const scenario = given([
      admit({ person: woman }),
      record(
        { type: 'vulnerability-recorded', kind: 'pregnant', from: '2026-02-01', to: '2026-08-30' },
        hoursAfter(1),
      ),
    ]);
    expect(vulnerabilitiesOn(scenario.state, '2026-03-10')).toEqual([
      { kind: 'pregnant', worsenedBySeparation: false },
    ]);
    expect(vulnerabilitiesOn(scenario.state, '2026-08-31')).toEqual([]);
    expect(vulnerabilitiesOn(scenario.state, '2026-01-31')).toEqual([]);
    given([admit()])
      .when(
        record(
          { type: 'vulnerability-recorded', kind: 'disability', from: '2026-03-05', to: '2026-03-01' },
          hoursAfter(1),
        ),
      )
      .thenRefuses({ field: 'to' });
    given([admit()])
      .when(record({ type: 'vulnerability-recorded', kind: 'disability', from: '2026-03-11' }, hoursAfter(1)))
      .thenRefuses({ field: 'from' });
    scenario
      .when(
        record({ type: 'vulnerability-ended', kind: 'infant-in-facility', on: '2026-03-10' }, hoursAfter(2)),
      )
      .thenRefuses({ field: 'kind' });
    scenario
      .when(record({ type: 'vulnerability-ended', kind: 'pregnant', on: '2026-03-12' }, hoursAfter(2)))
      .thenRefuses({});
    const ended = scenario.then(
      record({ type: 'vulnerability-ended', kind: 'pregnant', on: '2026-03-10' }, hoursAfter(2)),
    );
    expect(vulnerabilitiesOn(ended.state, '2026-03-09')).toHaveLength(1);
    expect(vulnerabilitiesOn(ended.state, '2026-03-10')).toEqual([]);
  });

  test('the event body is a closed list by type: the vulnerability kinds of issue 5, a date for exercise', () => {
    for (const kind of [
      'pregnant',
      'infant-in-facility',
      'released-from-work-pregnancy-childbirth',
      'disability',
    ])
      expect(
        StayEventInput.safeParse({ type: 'vulnerability-recorded', kind, from: '2026-03-01' }).success,
        kind,
      ).toBe(true);
    expect(
      StayEventInput.safeParse({ type: 'vulnerability-recorded', kind: 'tall', from: '2026-03-01' }).success,
    ).toBe(false);
    expect(
      StayEventInput.safeParse({ type: 'exercise-logged', date: '2026-02-30', minutes: 60 }).success,
    ).toBe(false);
    expect(
      StayEventInput.safeParse({ type: 'exercise-logged', date: '2026-03-11', minutes: -1 }).success,
    ).toBe(false);
    expect(StayEventInput.safeParse({ type: 'prison-admitted' }).success).toBe(false);
    // The decider, not the schema, refuses an unknown measure, so that the refusal names its rule.
    expect(
      StayEventInput.safeParse({ type: 'discipline-decided', measure: 'reduced-diet', days: 3, reason: 'r' })
        .success,
    ).toBe(true);
    expect([...STAY_EVENT_TYPES]).toEqual(
      expect.arrayContaining([
        'medical-examined',
        'vulnerability-recorded',
        'discipline-decided',
        'separation-ended',
        'health-visit',
        'exercise-logged',
        'incentive-granted',
        'transferred',
        'released',
      ]),
    );
    expect(STAY_EVENT_TYPES).not.toContain('finding-recorded');
  });
});

describe('the end of a stay', () => {
  test('intl.register.minimum: after release only the family notice can be recorded; death ends the stay too', () => {
    const released = given([
      admit(),
      record({ type: 'released', at: daysAfter(2), reason: 'sentence served' }, daysAfter(2)),
    ]);
    expect(released.state.status).toBe('released');
    released
      .when(record({ type: 'exercise-logged', date: '2026-03-12', minutes: 60 }, daysAfter(2.1)))
      .thenRefuses({});
    released.when(record({ type: 'released', at: daysAfter(2.1) }, daysAfter(2.1))).thenRefuses({});
    expect(
      released
        .when(
          record(
            { type: 'family-notified', at: daysAfter(2.1), contact: 'mother', means: 'letter' },
            daysAfter(2.1),
          ),
        )
        .events()[0]?.type,
    ).toBe('family-notified');
    const died = given([
      admit(),
      record(
        { type: 'died', at: daysAfter(1), circumstances: 'found unresponsive in cell', cause: 'unknown' },
        daysAfter(1),
      ),
    ]);
    expect(died.state.status).toBe('died');
    expect(died.state.timeline[1]?.event).toMatchObject({ payload: { remainsTo: null, cause: 'unknown' } });
  });

  test('intl.exercise: exercise is logged for a day of the stay, not before the admission day or in the future', () => {
    const scenario = given([admit()]);
    scenario
      .when(record({ type: 'exercise-logged', date: '2026-03-09', minutes: 60 }, daysAfter(1)))
      .thenRefuses({ field: 'date' });
    scenario
      .when(record({ type: 'exercise-logged', date: '2026-03-12', minutes: 60 }, daysAfter(1)))
      .thenRefuses({ field: 'date' });
    expect(
      scenario
        .when(record({ type: 'exercise-logged', date: '2026-03-11', minutes: 75 }, daysAfter(1)))
        .events()[0],
    ).toEqual({ type: 'exercise-logged', payload: { date: '2026-03-11', minutes: 75 } });
  });
});

describe('kz.placement.separation', () => {
  test('kz.placement.separation: a juvenile is never admitted to an adult facility, a woman never to a men’s, a man never to a women’s', () => {
    given()
      .when(admit({ person: nearlyAdult, facilityPopulation: 'men' }))
      .thenRefuses({ rule: 'kz.placement.separation', field: 'facilityId' });
    given()
      .when(admit({ person: woman, facilityPopulation: 'men' }))
      .thenRefuses({ rule: 'kz.placement.separation', field: 'facilityId' });
    given()
      .when(admit({ person: man, facilityPopulation: 'women' }))
      .thenRefuses({ rule: 'kz.placement.separation', field: 'facilityId' });
    given()
      .when(admit({ person: man, facilityPopulation: 'juveniles' }))
      .thenRefuses({ rule: 'kz.placement.separation', field: 'facilityId' });
    expect(
      given()
        .when(admit({ person: nearlyAdult, facilityPopulation: 'juveniles' }))
        .events()[0]?.type,
    ).toBe('prison-admitted');
  });

  test('kz.placement.separation: a transfer between prisons is checked on the day of the transfer (18 on 12 March)', () => {
    const held = given([admit({ person: nearlyAdult, facilityPopulation: 'juveniles' })]);
    const transfer = (at: string) => ({
      ...record({ type: 'transferred', at, destinationFacilityId: 'prison-2', reason: 'other' }, at),
      destinationPopulation: 'men' as const,
    });
    // T0 is 10 March, 11:00 in Astana: the 18th birthday is two days later.
    held
      .when(transfer(hoursAfter(24)))
      .thenRefuses({ rule: 'kz.placement.separation', field: 'destinationFacilityId' });
    expect(
      held
        .when(transfer(hoursAfter(48)))
        .events()
        .map((event) => event.type),
    ).toContain('transferred');
  });

  test('issue 17: the admission says how the officer reached the person', () => {
    const [admitted] = given()
      .when(admit({ reachedBy: 'hand-over' }))
      .events();
    expect(admitted?.payload).toMatchObject({ reachedBy: 'hand-over', identityDocument: null });
  });
});
