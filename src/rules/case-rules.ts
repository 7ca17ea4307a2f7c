import { PACK_VERSIONS, ruleValues, type PackVersions } from './custody-rules.js';
import { deepFreeze } from './freeze.js';
import type { RuleOverrides } from './types.js';

export { packOf, RuleConfigError } from './custody-rules.js';

/**
 * The Criminal Code of the Republic of Kazakhstan (2014), art. 146 "Torture": the article a charge
 * or a verdict must stay under (kz.torture.sentencing: torture cannot be reclassified as a lesser
 * offence, seed ¶55, ¶38). Fixed by law, not configurable.
 */
export const TORTURE_ARTICLES: readonly string[] = Object.freeze(['146']);

/**
 * The article number an article as written names: "146", "ст. 146 ч. 2 УК РК", "ч. 2 ст. 146",
 * "146-бап 2-бөлік", "2-бөлігі 146-бабы", "art. 146(2)" and "part 2 of article 146" all name 146;
 * "107-1-бап" names 107-1. The number after "ст."/"статья" (in any case: "статьи", "статье") or
 * "art."/"article" (a word of its own, not the end of "part"), or before "бап" (or "бабы",
 * "бабының"), wins; otherwise the first number. Null when the text names no number.
 */
export function articleNumber(article: string): string | null {
  const number = String.raw`(\d+(?:-\d+)?)`;
  const marked =
    new RegExp(String.raw`(?<![\p{L}\p{N}])(?:ст(?:ат\p{L}*|\.)?|art(?:icle|\.)?)\s*` + number, 'iu').exec(
      article,
    ) ??
    new RegExp(number + String.raw`\s*-?\s*ба[пб]`, 'iu').exec(article) ??
    new RegExp(number, 'u').exec(article);
  return marked?.[1] ?? null;
}

export const isTortureArticle = (article: string): boolean => {
  const number = articleNumber(article);
  return number !== null && TORTURE_ARTICLES.includes(number);
};

/**
 * Every number the case decider and its clock use (RULES.md "Complaints and allegations"),
 * resolved from the packs and the deployment's overrides, with the packs that decided. Frozen.
 */
export interface CaseRules extends PackVersions {
  /** kz.torture.suspension: hours from identifying a suspected official to their suspension (default 24). */
  readonly suspensionHours: number;
}

export function resolveCaseRules(overrides?: RuleOverrides): CaseRules {
  const value = ruleValues(overrides);
  return deepFreeze({
    ...PACK_VERSIONS,
    suspensionHours: value('kz.torture.suspension', 'hours'),
  } satisfies CaseRules);
}

export const DEFAULT_CASE_RULES: CaseRules = resolveCaseRules();
