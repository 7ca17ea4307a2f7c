import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  ACCEPTED_REGION_CODES,
  LEGACY_REGION_CODES,
  REGION_CODES,
  REGIONS,
  RegionInput,
  canonicalRegion,
  isRegionCode,
  regionSpellings,
  regionsIntersect,
  sameRegion,
} from '../../src/domain/registry/regions.js';

const legacy = Object.keys(LEGACY_REGION_CODES);
const anyCode = fc.oneof(fc.constantFrom(...ACCEPTED_REGION_CODES), fc.string({ maxLength: 12 }));

describe('regions of Kazakhstan (ISO 3166-2:KZ after the 2022 reform)', () => {
  test('3 cities of republican significance and 17 regions, each code once', () => {
    expect(REGIONS.filter((region) => region.kind === 'city').map((r) => r.code)).toEqual([
      'KZ-71',
      'KZ-75',
      'KZ-79',
    ]);
    expect(REGIONS.filter((region) => region.kind === 'region')).toHaveLength(17);
    expect(new Set(REGION_CODES).size).toBe(20);
    // The regions formed in 2022: Abai, Zhetisu, Ulytau.
    for (const code of ['KZ-10', 'KZ-33', 'KZ-62']) expect(isRegionCode(code)).toBe(true);
  });

  test('every legacy alpha code has a listed current code, and no two name the same region', () => {
    expect(legacy).toHaveLength(17);
    for (const code of legacy) expect(isRegionCode(canonicalRegion(code)), code).toBe(true);
    expect(new Set(legacy.map(canonicalRegion)).size).toBe(17);
  });

  test('a legacy code maps to the region it named, not to the region split from it in 2022', () => {
    expect(canonicalRegion('KZ-VOS')).toBe('KZ-63'); // East Kazakhstan, not Abai (KZ-10)
    expect(canonicalRegion('KZ-ALM')).toBe('KZ-19'); // Almaty region, not Zhetisu (KZ-33)
    expect(canonicalRegion('KZ-KAR')).toBe('KZ-35'); // Karaganda, not Ulytau (KZ-62)
    expect(canonicalRegion('KZ-ALA')).toBe('KZ-75');
    expect(canonicalRegion('KZ-AST')).toBe('KZ-71');
    expect(canonicalRegion('KZ-SHY')).toBe('KZ-79');
    expect(canonicalRegion('KZ-YUZ')).toBe('KZ-61');
  });

  test('property: canonical(legacy) is listed, and canonical is idempotent on any text', () => {
    fc.assert(fc.property(fc.constantFrom(...legacy), (code) => isRegionCode(canonicalRegion(code))));
    fc.assert(
      fc.property(anyCode, (code) => canonicalRegion(canonicalRegion(code)) === canonicalRegion(code)),
    );
  });

  test('property: an unlisted text is its own canonical form and never the same region as a listed code', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }).filter((text) => !(ACCEPTED_REGION_CODES as string[]).includes(text)),
        fc.constantFrom(...ACCEPTED_REGION_CODES),
        (text, code) => canonicalRegion(text) === text && !sameRegion(text, code),
      ),
    );
  });

  test('property: the spellings of some regions are exactly the codes that name one of them', () => {
    fc.assert(
      fc.property(fc.array(anyCode, { maxLength: 4 }), anyCode, (scope, code) => {
        expect(regionSpellings(scope).includes(code)).toBe(regionsIntersect(scope, [code]));
      }),
    );
  });

  test('input: listed and legacy codes are accepted and come out current; anything else is refused', () => {
    for (const code of ACCEPTED_REGION_CODES) expect(RegionInput.parse(code)).toBe(canonicalRegion(code));
    for (const text of ['KZ-BAY', 'kz-ala', 'KZ-75 ', 'KZ-1', 'Алматы', '']) {
      const parsed = RegionInput.safeParse(text);
      expect(parsed.success, text).toBe(false);
    }
  });
});
