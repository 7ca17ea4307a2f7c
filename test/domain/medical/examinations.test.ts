import { describe, expect, test } from 'vitest';
import { BACK_REGIONS, FRONT_REGIONS, isRegionOf } from '../../../src/domain/medical/body.js';
import {
  EXAMINATION_KINDS,
  MEDICAL_ENTRY_TYPE,
  medicalStream,
  recordIdOfStream,
} from '../../../src/domain/medical/events.js';
import { ExaminationInput } from '../../../src/domain/medical/inputs.js';
import { examine, given, hoursAfter, T0 } from './given.js';

/*
 * Examinations (issue 19 item 2): every kind, each with its clinician, time, place and who was
 * present, linked to the custody episode or prison stay it belongs to.
 */

describe('examinations', () => {
  test('kz.medical.system: an examination on arrest is the doctor’s record, linked to its custody episode', () => {
    const [examination] = given()
      .when(examine({ injuriesNoted: true, notes: 'Ссадина на лбу' }))
      .changes();
    expect(examination).toEqual({
      kind: 'examination-recorded',
      examinationId: 'e1',
      personId: 'p1',
      facilityId: 'f-ivs',
      examination: 'on-arrest',
      episode: { context: 'custody', id: 'c1' },
      at: hoursAfter(1),
      place: 'ИВС УП г. Астаны, медицинский кабинет',
      clinician: { accountId: 'doctor-1', name: 'Д-р А. Нурланова' },
      present: [{ role: 'nurse', name: 'Медсестра Г. Омарова' }],
      staffPresenceReason: null,
      injuriesNoted: true,
      fitness: null,
      notes: 'Ссадина на лбу',
      recordedAt: hoursAfter(1.5),
    });
    expect(medicalStream('m1')).toBe('medical/m1');
    expect(recordIdOfStream('medical/m1')).toBe('m1');
    expect(recordIdOfStream('prison/m1')).toBeNull();
  });

  test('every kind of examination the issue lists is recorded, in its episode', () => {
    const prisonKinds = new Set([
      'on-admission',
      'on-return-from-police-custody',
      'before-separation',
      'separation-health-visit',
    ]);
    let scenario = given();
    EXAMINATION_KINDS.forEach((kind, index) => {
      scenario = scenario.then(
        examine(
          {
            examination: kind,
            episode: prisonKinds.has(kind)
              ? { context: 'prison', id: 's1' }
              : { context: 'custody', id: 'c1' },
            ...(kind === 'before-separation' ? { fitness: 'fit' as const } : {}),
          },
          { id: `e${index}` },
        ),
      );
    });
    expect(Object.values(scenario.state.examinations).map((item) => item.examination)).toEqual([
      ...EXAMINATION_KINDS,
    ]);
  });

  test('an examination on admission belongs to a prison stay; on arrest to a custody episode', () => {
    given()
      .when(examine({ examination: 'on-admission', episode: { context: 'custody', id: 'c1' } }))
      .thenRefuses({ field: 'episode' });
    given()
      .when(examine({ examination: 'on-arrest', episode: { context: 'prison', id: 's1' } }))
      .thenRefuses({ field: 'episode' });
  });

  test('kz.discipline.medical-before: the examination before separation says fit or unfit', () => {
    const beforeSeparation = {
      examination: 'before-separation' as const,
      episode: { context: 'prison' as const, id: 's1' },
    };
    given()
      .when(examine(beforeSeparation))
      .thenRefuses({
        rule: 'kz.discipline.medical-before',
        field: 'fitness',
        reason: { code: 'medical.fitness-needed', params: {} },
      });
    const [examination] = given()
      .when(examine({ ...beforeSeparation, fitness: 'unfit' }))
      .changes();
    expect(examination).toMatchObject({ fitness: 'unfit' });
  });

  test('intl.medical.report: police or prison staff in the room only with the clinician’s recorded reason', () => {
    const present = [{ role: 'police' as const, name: 'Сержант Д. Алиев' }];
    given()
      .when(examine({ present }))
      .thenRefuses({
        rule: 'intl.medical.report',
        field: 'staffPresenceReason',
        reason: { code: 'medical.staff-present-reason', params: {} },
      });
    const [examination] = given()
      .when(
        examine({ present, staffPresenceReason: 'The person was violent towards the nurse an hour before.' }),
      )
      .changes();
    expect(examination).toMatchObject({ present, staffPresenceReason: expect.stringContaining('violent') });
  });

  test('an examination in the future, another person’s record, or a second record of one examination is refused', () => {
    given()
      .when(examine({ at: hoursAfter(2) }, { now: hoursAfter(1) }))
      .thenRefuses({ field: 'at', reason: { code: 'moment.future', params: { at: hoursAfter(2) } } });
    given([examine()])
      .when(examine({}, { id: 'e2', personId: 'p2' }))
      .thenRefuses({ field: 'personId' });
    given([examine()]).when(examine()).thenRefuses({});
  });

  test('the body diagram: closed lists of front and back regions, each on its own view', () => {
    expect(FRONT_REGIONS).toContain('face');
    expect(FRONT_REGIONS).toContain('palm-left');
    expect(BACK_REGIONS).toContain('upper-back-left');
    expect(BACK_REGIONS).toContain('sole-right');
    expect(new Set(FRONT_REGIONS).size).toBe(FRONT_REGIONS.length);
    expect(FRONT_REGIONS.filter((region) => (BACK_REGIONS as readonly string[]).includes(region))).toEqual(
      [],
    );
    expect(isRegionOf('front', 'face')).toBe(true);
    expect(isRegionOf('back', 'face')).toBe(false);
  });

  test('the examination’s body: times with an offset come out in UTC; an unknown kind is malformed', () => {
    const parsed = ExaminationInput.parse({
      examination: 'after-use-of-force',
      episode: { context: 'prison', id: 's1' },
      at: '2026-03-10T11:00:00+05:00',
      place: 'СИЗО-1, медчасть',
    });
    expect(parsed.at).toBe(T0);
    expect(ExaminationInput.safeParse({ ...parsed, examination: 'routine' }).success).toBe(false);
  });

  test('every entry of a medical record has the one neutral type', () => {
    const events = given().when(examine()).events();
    expect(events.map((event) => event.type)).toEqual([MEDICAL_ENTRY_TYPE, MEDICAL_ENTRY_TYPE]);
  });
});
