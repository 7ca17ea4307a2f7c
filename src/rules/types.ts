/*
 * Rule packs (DESIGN.md "rules/"): versioned parameters and pure checks, each citing its RULES.md
 * id. The `kz` pack holds national law and refuses what it forbids; the `intl` pack holds
 * international norms and only flags. A finding records the pack and version that decided.
 */

export type PackId = 'kz' | 'intl';

/** A numeric parameter of a rule, with whether RULES.md marks it *default, configurable*. */
export interface RuleParameter {
  value: number;
  unit: 'hours' | 'days' | 'months' | 'minutes' | 'percent' | 'count';
  configurable: boolean;
}

export interface RuleDefinition {
  /** The RULES.md id, e.g. `kz.custody.limit`. */
  id: string;
  pack: PackId;
  /** Where the rule comes from (RULES.md "source"), e.g. `seed ¶7`. */
  source: string;
  /** One line: what the rule requires. */
  summary: string;
  kind: 'refuse' | 'breach' | 'flag' | 'record';
  parameters: Record<string, RuleParameter>;
}

export interface RulePack {
  id: PackId;
  version: string;
  rules: Record<string, RuleDefinition>;
}

/**
 * Overrides of configurable parameters, by rule id then parameter name, as written under `rules`
 * in the data directory's habeas.json, e.g. `{"kz.custody.rights": {"hours": 2}}`.
 */
export type RuleOverrides = Record<string, Record<string, number>>;
