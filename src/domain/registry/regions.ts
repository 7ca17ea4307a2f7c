import { z } from 'zod';

/*
 * The regions of Kazakhstan a facility lies in and an account may be scoped to (issue 18, minor):
 * the first-level subdivisions of ISO 3166-2:KZ after the 2022 reform — 3 cities of republican
 * significance and 17 regions (oblystar).
 *
 * Sources:
 * - ISO 3166-2:KZ as the ISO Online Browsing Platform lists it (https://www.iso.org/obp/ui/#iso:code:3166:KZ),
 *   changed by the ISO 3166 Maintenance Agency after the reform (its newsletters / OBP change
 *   history): the new regions KZ-10, KZ-33 and KZ-62 were added, and every alpha code
 *   (KZ-AKM, KZ-ALA, …) was replaced by the numeric one, the first two digits of the region's code
 *   in the national classifier of administrative-territorial objects (KATO).
 * - Decree of the President of the Republic of Kazakhstan No. 887 of 3 May 2022 "On some questions
 *   of the administrative-territorial structure": Abai region formed from part of East Kazakhstan,
 *   Zhetisu region from part of Almaty region, Ulytau region from part of Karaganda region.
 *
 * Legacy codes. Entries written before this list existed, accounts, the demo and tests carry the
 * alpha codes; the log cannot change, so `canonicalRegion` maps each one to the current code of
 * the region it named when it was written. A legacy code names the region as it was before the
 * 2022 split (KZ-VOS, East Kazakhstan, then included what is now Abai region), but it maps to the
 * region that kept the name and the code's successor (KZ-VOS → KZ-63, East Kazakhstan), never to
 * the new region: which of the two a facility registered as KZ-VOS lies in is not known from the
 * code, and a facility of the new region is re-registered with KZ-10 rather than guessed at. The
 * same holds for KZ-ALM (Almaty region → KZ-19; Zhetisu is KZ-33) and KZ-KAR (Karaganda → KZ-35;
 * Ulytau is KZ-62). KZ-YUZ (South Kazakhstan, renamed Turkistan region in 2018) maps to KZ-61;
 * KZ-AST (Astana, called Nur-Sultan from 2019 to 2022) to KZ-71; KZ-SHY (Shymkent, a city of
 * republican significance since 2018) to KZ-79.
 */

export const REGIONS = [
  { code: 'KZ-10', kind: 'region' },
  { code: 'KZ-11', kind: 'region' },
  { code: 'KZ-15', kind: 'region' },
  { code: 'KZ-19', kind: 'region' },
  { code: 'KZ-23', kind: 'region' },
  { code: 'KZ-27', kind: 'region' },
  { code: 'KZ-31', kind: 'region' },
  { code: 'KZ-33', kind: 'region' },
  { code: 'KZ-35', kind: 'region' },
  { code: 'KZ-39', kind: 'region' },
  { code: 'KZ-43', kind: 'region' },
  { code: 'KZ-47', kind: 'region' },
  { code: 'KZ-55', kind: 'region' },
  { code: 'KZ-59', kind: 'region' },
  { code: 'KZ-61', kind: 'region' },
  { code: 'KZ-62', kind: 'region' },
  { code: 'KZ-63', kind: 'region' },
  { code: 'KZ-71', kind: 'city' },
  { code: 'KZ-75', kind: 'city' },
  { code: 'KZ-79', kind: 'city' },
] as const;

export type RegionCode = (typeof REGIONS)[number]['code'];

/** The current codes, in code order. */
export const REGION_CODES: readonly RegionCode[] = REGIONS.map((region) => region.code);

/** Every alpha code ISO 3166-2:KZ had before the reform, and the current code of the region it named. */
export const LEGACY_REGION_CODES = {
  'KZ-AKM': 'KZ-11', // Akmola region
  'KZ-AKT': 'KZ-15', // Aktobe region
  'KZ-ALA': 'KZ-75', // Almaty (city)
  'KZ-ALM': 'KZ-19', // Almaty region (before Zhetisu was split from it)
  'KZ-AST': 'KZ-71', // Astana (city)
  'KZ-ATY': 'KZ-23', // Atyrau region
  'KZ-KAR': 'KZ-35', // Karaganda region (before Ulytau was split from it)
  'KZ-KUS': 'KZ-39', // Kostanay region
  'KZ-KZY': 'KZ-43', // Kyzylorda region
  'KZ-MAN': 'KZ-47', // Mangystau region
  'KZ-PAV': 'KZ-55', // Pavlodar region
  'KZ-SEV': 'KZ-59', // North Kazakhstan region
  'KZ-SHY': 'KZ-79', // Shymkent (city)
  'KZ-VOS': 'KZ-63', // East Kazakhstan region (before Abai was split from it)
  'KZ-YUZ': 'KZ-61', // South Kazakhstan, since 2018 Turkistan region
  'KZ-ZAP': 'KZ-27', // West Kazakhstan region
  'KZ-ZHA': 'KZ-31', // Zhambyl region
} as const satisfies Record<string, RegionCode>;

export type LegacyRegionCode = keyof typeof LEGACY_REGION_CODES;

/** What an input may say: a current code, or a legacy one (stored as its current code). */
export const ACCEPTED_REGION_CODES = [
  ...REGION_CODES,
  ...(Object.keys(LEGACY_REGION_CODES) as LegacyRegionCode[]),
] as [RegionCode, ...(RegionCode | LegacyRegionCode)[]];

const CURRENT: ReadonlySet<string> = new Set(REGION_CODES);

export function isRegionCode(code: string): code is RegionCode {
  return CURRENT.has(code);
}

export function isLegacyRegionCode(code: string): code is LegacyRegionCode {
  return Object.hasOwn(LEGACY_REGION_CODES, code);
}

/**
 * The current code of a region code: a legacy code's successor, a current code itself. Anything
 * else (text an earlier version accepted) is returned as it is, so comparing two unknown values
 * stays plain equality and never matches a listed region.
 */
export function canonicalRegion(code: string): string {
  return isLegacyRegionCode(code) ? LEGACY_REGION_CODES[code] : code;
}

/** Whether two codes name the same region, whichever spelling each uses. */
export const sameRegion = (a: string, b: string): boolean => canonicalRegion(a) === canonicalRegion(b);

/** Whether any region of `a` is one of `b`, whichever spelling each uses. */
export function regionsIntersect(a: readonly string[], b: readonly string[]): boolean {
  const canonical = new Set(b.map(canonicalRegion));
  return a.some((code) => canonical.has(canonicalRegion(code)));
}

/**
 * Every spelling of these regions (the current code and the legacy codes that map to it), for a
 * query over read models that keep the code as the log has it: `where region in (…)`.
 */
export function regionSpellings(codes: readonly string[]): string[] {
  const canonical = new Set(codes.map(canonicalRegion));
  const legacy = (Object.keys(LEGACY_REGION_CODES) as LegacyRegionCode[]).filter((code) =>
    canonical.has(LEGACY_REGION_CODES[code]),
  );
  return [...canonical, ...legacy];
}

/** A region as an input names it: one of the listed codes, legacy ones accepted and made current. */
export const RegionInput = z
  .enum(ACCEPTED_REGION_CODES, {
    message:
      'not a region of ISO 3166-2:KZ: one of KZ-10 … KZ-79 (the alpha codes before 2022 are accepted too)',
  })
  .transform((code): RegionCode => canonicalRegion(code) as RegionCode)
  .describe(
    'Region (ISO 3166-2:KZ, as after the 2022 reform): KZ-10 … KZ-63 for the 17 regions, KZ-71 Astana, ' +
      'KZ-75 Almaty, KZ-79 Shymkent. The alpha codes used before (KZ-ALA, KZ-AST, …) are accepted and ' +
      'stored as the current code of the region they named.',
  );
