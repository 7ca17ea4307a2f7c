import { deepFreeze } from '../freeze.js';
import type { RulePack } from '../types.js';
import { INTL_CUSTODY_RULES } from './custody.js';

export * from './custody.js';

/** The `intl` pack's version, recorded with every finding it decides. */
export const INTL_PACK_VERSION = '2026.1';

/** International standards (RULES.md "pack `intl`"): only ever flags. */
export const INTL_PACK: RulePack = deepFreeze({
  id: 'intl',
  version: INTL_PACK_VERSION,
  rules: { ...INTL_CUSTODY_RULES },
});
