import { reason, type RefusalReason } from '../domain/refusals.js';
import { isJuvenileAt, kzCalendarDate } from './custody-checks.js';

/*
 * kz.placement.separation (src/rules/kz/placement.ts): the pure check, shared by the custody
 * decider (arrests, transfers out of police custody) and the prison decider (admissions,
 * transfers between prisons). Ages are counted on Kazakhstan's calendar, as kz.custody.limit does.
 */

/** Whom a facility holds (DESIGN.md "Interfaces", POST /facilities). */
export type PlacementPopulation = 'men' | 'women' | 'juveniles' | 'mixed';

/** What the register says about the person placed. */
export interface PlacedPerson {
  sex: 'female' | 'male';
  /** YYYY-MM-DD. */
  birthDate: string;
}

/**
 * kz.placement.separation: why `person` may not be placed at `at` (ISO 8601) in a facility that
 * holds `population`, in words a person can act on; null when the placement is lawful. The
 * reason names the facility's population, never anything about another record.
 */
export function placementConflict(
  population: PlacementPopulation,
  person: PlacedPerson,
  at: string,
): string | null {
  return placementRefusal(population, person, at)?.detail ?? null;
}

/** kz.placement.separation: the conflict in English and as data (src/domain/refusals.ts), or null. */
export function placementRefusal(
  population: PlacementPopulation,
  person: PlacedPerson,
  at: string,
): { detail: string; reason: RefusalReason } | null {
  if (population === 'mixed') return null;
  const juvenile = isJuvenileAt(person.birthDate, at);
  const date = kzCalendarDate(at);
  if (juvenile && population !== 'juveniles')
    return {
      detail: `the person is under 18 on ${date}: a child is never placed in a facility for adult ${population} — choose a facility for juveniles or a mixed one`,
      reason: reason('placement.child', { date, population }),
    };
  if (!juvenile && population === 'juveniles')
    return {
      detail: `the person is an adult on ${date}: an adult is never placed in a facility for juveniles`,
      reason: reason('placement.adult', { date }),
    };
  if (person.sex === 'female' && population === 'men')
    return {
      detail: 'a woman is never placed in a men’s facility: choose a women’s or a mixed facility',
      reason: reason('placement.woman', {}),
    };
  if (person.sex === 'male' && population === 'women')
    return {
      detail: 'a man is never placed in a women’s facility: choose a men’s or a mixed facility',
      reason: reason('placement.man', {}),
    };
  return null;
}
