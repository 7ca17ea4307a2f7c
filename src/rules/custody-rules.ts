import { deepFreeze } from './freeze.js';
import { INTL_PACK } from './intl/index.js';
import { KZ_PACK } from './kz/index.js';
import type { RuleDefinition, RuleOverrides, RulePack } from './types.js';

/**
 * Every number the custody decider and its clocks use, resolved from the `kz` and `intl` packs
 * and the deployment's overrides (habeas.json `rules`), with the packs that decided. Frozen.
 */
export interface CustodyRules {
  readonly kzPack: 'kz';
  readonly kzPackVersion: string;
  readonly intlPack: 'intl';
  readonly intlPackVersion: string;
  /** kz.custody.limit: hours without court approval, adult (fixed by law). */
  readonly limitAdultHours: number;
  /** kz.custody.limit: hours without court approval, under 18 at arrest (fixed by law). */
  readonly limitJuvenileHours: number;
  /** kz.custody.limit: the warnings shown at these shares of the limit (fixed, see ClockWarning). */
  readonly limitFirstWarningPercent: number;
  readonly limitSecondWarningPercent: number;
  /** kz.custody.actual-time: a record drawn up more than this after the apprehension is flagged. */
  readonly actualTimeMaxGapHours: number;
  /** kz.custody.rights: rights explained within this many hours of apprehension. */
  readonly rightsHours: number;
  /** kz.custody.counsel: a request for counsel answered within this many hours. */
  readonly counselHours: number;
  /** kz.custody.medical: examined within this many hours of apprehension. */
  readonly medicalHours: number;
  /** kz.custody.family: family notified within this many hours of apprehension. */
  readonly familyHours: number;
  /** kz.custody.deposition: a judge rules within this many hours of the request (fixed by law). */
  readonly depositionHours: number;
  /** intl.custody.transfer-notice: family notified within this many hours of a transfer. */
  readonly transferNoticeHours: number;
  /** intl.custody.consular: consular rights (and a requested notification) within this many hours. */
  readonly consularHours: number;
}

/** A rules configuration that cannot be applied; the message says which rule and parameter, and why. */
export class RuleConfigError extends Error {
  override name = 'RuleConfigError';
  constructor(
    message: string,
    readonly ruleId: string,
    readonly parameter?: string,
  ) {
    super(message);
  }
}

const PACKS: readonly RulePack[] = [KZ_PACK, INTL_PACK];

function findRule(ruleId: string): RuleDefinition | undefined {
  for (const pack of PACKS) if (Object.hasOwn(pack.rules, ruleId)) return pack.rules[ruleId];
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Checks every override against the packs (custody and complaint rules alike: habeas.json has one
 * `rules` object); throws RuleConfigError on the first that cannot apply.
 */
export function validateOverrides(overrides: unknown): RuleOverrides {
  if (overrides === undefined || overrides === null) return {};
  if (!isPlainObject(overrides))
    throw new RuleConfigError('the rules configuration must be an object of rule ids', '');
  for (const [ruleId, parameters] of Object.entries(overrides)) {
    const rule = findRule(ruleId);
    if (!rule)
      throw new RuleConfigError(
        `unknown rule "${ruleId}" in the rules configuration: use an id from RULES.md, e.g. "kz.custody.rights"`,
        ruleId,
      );
    if (!isPlainObject(parameters))
      throw new RuleConfigError(
        `the configuration of "${ruleId}" must be an object of parameters, e.g. {"hours": 2}`,
        ruleId,
      );
    for (const [name, value] of Object.entries(parameters)) {
      const parameter = Object.hasOwn(rule.parameters, name) ? rule.parameters[name] : undefined;
      if (!parameter) {
        const known = Object.keys(rule.parameters);
        throw new RuleConfigError(
          `rule "${ruleId}" has no parameter "${name}"` +
            (known.length > 0 ? ` (its parameters: ${known.join(', ')})` : ' (it has no parameters)'),
          ruleId,
          name,
        );
      }
      if (!parameter.configurable)
        throw new RuleConfigError(
          `"${ruleId}" ${name} is fixed by law (${rule.source}) and cannot be configured`,
          ruleId,
          name,
        );
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
        throw new RuleConfigError(
          `"${ruleId}" ${name} must be a positive number of ${parameter.unit}, not ${typeof value === 'number' ? String(value) : JSON.stringify(value)}`,
          ruleId,
          name,
        );
    }
  }
  return overrides as RuleOverrides;
}

/**
 * The numbers in force, read one rule parameter at a time: the deployment's override (habeas.json
 * `rules`, the whole object checked first) or else the pack's value. Every context's rules resolve
 * through it.
 */
export function ruleValues(overrides?: RuleOverrides): (ruleId: string, name: string) => number {
  const checked = validateOverrides(overrides);
  return (ruleId, name) => {
    const override = checked[ruleId]?.[name];
    if (override !== undefined) return override;
    const parameter = findRule(ruleId)?.parameters[name];
    if (!parameter) throw new Error(`rule pack lacks ${ruleId} ${name}`);
    return parameter.value;
  };
}

/** The packs that decide every context's rules, and their versions. */
export const PACK_VERSIONS = {
  kzPack: 'kz',
  kzPackVersion: KZ_PACK.version,
  intlPack: 'intl',
  intlPackVersion: INTL_PACK.version,
} as const;

/**
 * The custody rules in force: the packs' values with the deployment's overrides of configurable
 * parameters. Throws RuleConfigError for an unknown rule or parameter, a parameter fixed by law,
 * or a value that is not a positive finite number.
 */
export function resolveCustodyRules(overrides?: RuleOverrides): CustodyRules {
  const value = ruleValues(overrides);
  return deepFreeze({
    ...PACK_VERSIONS,
    limitAdultHours: value('kz.custody.limit', 'adultHours'),
    limitJuvenileHours: value('kz.custody.limit', 'juvenileHours'),
    limitFirstWarningPercent: value('kz.custody.limit', 'firstWarningPercent'),
    limitSecondWarningPercent: value('kz.custody.limit', 'secondWarningPercent'),
    actualTimeMaxGapHours: value('kz.custody.actual-time', 'maxGapHours'),
    rightsHours: value('kz.custody.rights', 'hours'),
    counselHours: value('kz.custody.counsel', 'hours'),
    medicalHours: value('kz.custody.medical', 'hours'),
    familyHours: value('kz.custody.family', 'hours'),
    depositionHours: value('kz.custody.deposition', 'hours'),
    transferNoticeHours: value('intl.custody.transfer-notice', 'hours'),
    consularHours: value('intl.custody.consular', 'hours'),
  } satisfies CustodyRules);
}

/** The custody rules with no overrides: the packs as published. */
export const DEFAULT_CUSTODY_RULES: CustodyRules = resolveCustodyRules();

/** The packs and versions a set of resolved rules was built from (custody or complaint rules). */
export type PackVersions = Pick<CustodyRules, 'kzPack' | 'kzPackVersion' | 'intlPack' | 'intlPackVersion'>;

/** The pack and version that decide a rule, by its id's prefix (`kz.` or `intl.`). */
export function packOf(rules: PackVersions, ruleId: string): { pack: string; packVersion: string } {
  return ruleId.startsWith('intl.')
    ? { pack: rules.intlPack, packVersion: rules.intlPackVersion }
    : { pack: rules.kzPack, packVersion: rules.kzPackVersion };
}
