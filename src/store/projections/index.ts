import { DEFAULT_CUSTODY_RULES, type CustodyRules } from '../../rules/custody-rules.js';
import type { Projection } from '../types.js';
import { accountsProjection } from './accounts.js';
import { custodyProjection } from './custody.js';
import { registryProjection } from './registry.js';

/** Every read model kept by the append transaction (and rebuilt by `habeas rebuild`), with the rules in force. */
export function projectionsFor(rules: CustodyRules): Projection[] {
  return [accountsProjection, registryProjection, custodyProjection(rules)];
}

/** The read models under the default rule parameters (tests, tools that take no configuration). */
export const allProjections: Projection[] = projectionsFor(DEFAULT_CUSTODY_RULES);
