import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { KZ_PACK } from '../../src/rules/kz/index.js';
import { placementConflict, type PlacementPopulation } from '../../src/rules/placement-checks.js';

/* kz.placement.separation (SMR 11, CRC art. 37(c)): the pure check every placement path uses. */

const man = { sex: 'male' as const, birthDate: '1985-07-21' };
const woman = { sex: 'female' as const, birthDate: '1990-02-14' };
/** Turns 18 on 12 March 2026 on Kazakhstan's calendar. */
const boy = { sex: 'male' as const, birthDate: '2008-03-12' };
const girl = { sex: 'female' as const, birthDate: '2009-01-01' };
/** 11 March 2026, 23:30 in Kazakhstan (18:30 UTC): the boy is still 17. */
const EVE = '2026-03-11T18:30:00.000Z';
/** 12 March 2026, 00:30 in Kazakhstan (11 March 19:30 UTC): the boy is 18. */
const BIRTHDAY = '2026-03-11T19:30:00.000Z';

describe('kz.placement.separation', () => {
  test('kz.placement.separation: in the kz pack, a refusal citing SMR 11 and CRC art. 37(c)', () => {
    expect(KZ_PACK.rules['kz.placement.separation']).toMatchObject({
      id: 'kz.placement.separation',
      pack: 'kz',
      source: 'SMR 11, CRC art. 37(c)',
      kind: 'refuse',
      parameters: {},
    });
  });

  test('kz.placement.separation: a juvenile is never placed in an adult facility, of either sex', () => {
    expect(placementConflict('men', boy, EVE)).toMatch(/under 18 on 2026-03-11/);
    expect(placementConflict('women', girl, EVE)).toMatch(/under 18/);
    expect(placementConflict('juveniles', boy, EVE)).toBeNull();
    expect(placementConflict('juveniles', girl, EVE)).toBeNull();
  });

  test('kz.placement.separation: an adult is never placed in a juveniles’ facility', () => {
    expect(placementConflict('juveniles', man, EVE)).toMatch(/adult/);
    expect(placementConflict('juveniles', woman, EVE)).toMatch(/adult/);
  });

  test('kz.placement.separation: age is counted on Kazakhstan’s calendar, the 18th birthday included', () => {
    expect(placementConflict('men', boy, EVE)).not.toBeNull();
    expect(placementConflict('men', boy, BIRTHDAY)).toBeNull();
    expect(placementConflict('juveniles', boy, BIRTHDAY)).toMatch(/adult on 2026-03-12/);
  });

  test('kz.placement.separation: a woman is never in a men’s facility, a man never in a women’s', () => {
    expect(placementConflict('men', woman, EVE)).toMatch(/woman/);
    expect(placementConflict('women', man, EVE)).toMatch(/man/);
    expect(placementConflict('men', man, EVE)).toBeNull();
    expect(placementConflict('women', woman, EVE)).toBeNull();
  });

  test('kz.placement.separation: a mixed facility takes anyone (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('female' as const, 'male' as const),
        fc.date({ min: new Date('1920-01-01'), max: new Date('2026-03-01'), noInvalidDate: true }),
        (sex, born) => {
          expect(
            placementConflict('mixed', { sex, birthDate: born.toISOString().slice(0, 10) }, EVE),
          ).toBeNull();
        },
      ),
    );
  });

  test('kz.placement.separation: every person fits exactly the facilities of their sex or age, and mixed ones (property)', () => {
    const populations: PlacementPopulation[] = ['men', 'women', 'juveniles', 'mixed'];
    fc.assert(
      fc.property(
        fc.constantFrom('female' as const, 'male' as const),
        fc.date({ min: new Date('1950-01-01'), max: new Date('2025-12-31'), noInvalidDate: true }),
        (sex, born) => {
          const person = { sex, birthDate: born.toISOString().slice(0, 10) };
          const allowed = populations.filter(
            (population) => placementConflict(population, person, EVE) === null,
          );
          expect(allowed).toContain('mixed');
          expect(allowed).toHaveLength(2);
        },
      ),
    );
  });
});
