/*
 * The body diagram of an injury report (intl.medical.report; Istanbul Protocol annex III): a
 * front and a back view, each a closed list of named regions, so that a finding's site is data a
 * page can draw, a keyboard can reach as a list, and a reviewer can compare between two reports.
 * Left and right are the person's own. Every region's name is unique across both views (the back
 * of a limb is `back-of-…`), so a region alone says where it is and which view shows it.
 */

export const BODY_VIEWS = ['front', 'back'] as const;
export type BodyView = (typeof BODY_VIEWS)[number];

const LIMBS = [
  'shoulder',
  'upper-arm',
  'elbow',
  'forearm',
  'wrist',
  'hand',
  'hip',
  'thigh',
  'knee',
  'lower-leg',
  'ankle',
  'foot',
] as const;

type Limb = (typeof LIMBS)[number];
type Sided<Part extends string> = `${Part}-left` | `${Part}-right`;
const sided = <Part extends string>(parts: readonly Part[]): Sided<Part>[] =>
  parts.flatMap((part) => [`${part}-left` as const, `${part}-right` as const]);

/** The regions seen from the front. */
export const FRONT_REGIONS = [
  'head-front',
  'face',
  'eye-left',
  'eye-right',
  'ear-left',
  'ear-right',
  'mouth',
  'neck-front',
  'chest-left',
  'chest-right',
  'abdomen',
  'groin',
  'genitals',
  ...sided(LIMBS.filter((limb): limb is Exclude<Limb, 'hip'> => limb !== 'hip')),
  'palm-left',
  'palm-right',
] as const satisfies readonly string[];

/** The regions seen from the back. */
export const BACK_REGIONS = [
  'head-back',
  'neck-back',
  'upper-back-left',
  'upper-back-right',
  'lower-back-left',
  'lower-back-right',
  'buttock-left',
  'buttock-right',
  ...sided(
    LIMBS.filter(
      (limb): limb is Exclude<Limb, 'hip' | 'hand' | 'foot'> => !['hip', 'hand', 'foot'].includes(limb),
    ).map((limb) => `back-of-${limb}` as const),
  ),
  'back-of-hand-left',
  'back-of-hand-right',
  'sole-left',
  'sole-right',
] as const satisfies readonly string[];

export type FrontRegion = (typeof FRONT_REGIONS)[number];
export type BackRegion = (typeof BACK_REGIONS)[number];
export type BodyRegion = FrontRegion | BackRegion;

/** Where on the diagram a finding is: a view and one of its regions, with words for more precision. */
export type BodySite =
  | { view: 'front'; region: FrontRegion; detail: string | null }
  | { view: 'back'; region: BackRegion; detail: string | null };

const FRONT: ReadonlySet<string> = new Set(FRONT_REGIONS);
const BACK: ReadonlySet<string> = new Set(BACK_REGIONS);

/** Whether a region is on a view's diagram. */
export function isRegionOf(view: BodyView, region: string): boolean {
  return (view === 'front' ? FRONT : BACK).has(region);
}
