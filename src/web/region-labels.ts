import { canonicalRegion, isRegionCode, REGION_CODES, type RegionCode } from '../domain/registry/regions.js';
import type { Translator } from './i18n.js';

/**
 * A region's name in the reader's language (ISO 3166-2:KZ, src/domain/registry/regions.ts): a
 * legacy code is named as the region it maps to; a code outside the list (text an earlier version
 * accepted) is shown as it is.
 */
export function regionName(tr: Translator, code: string): string {
  const current = canonicalRegion(code);
  return isRegionCode(current) ? tr.attr(`region.${current}`) : code;
}

/** The name with the current code beside it: "Алматы қаласы (KZ-75)". */
export function regionLabel(tr: Translator, code: string): string {
  const current = canonicalRegion(code);
  return isRegionCode(current) ? `${tr.attr(`region.${current}`)} (${current})` : code;
}

/** Every region as a choice, by name in the reader's language. */
export function regionChoices(tr: Translator): { value: RegionCode; label: string }[] {
  const collator = new Intl.Collator(tr.lang);
  return REGION_CODES.map((code) => ({ value: code, label: tr.attr(`region.${code}`) })).sort((a, b) =>
    collator.compare(a.label, b.label),
  );
}
