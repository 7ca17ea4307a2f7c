import { deepFreeze } from '../freeze.js';
import type { RulePack } from '../types.js';
import { INTL_COMPLAINT_RULES } from './complaints.js';
import { INTL_CUSTODY_RULES } from './custody.js';
import { INTL_MEDICAL_RULES } from './medical.js';
import { INTL_PRISON_RULES } from './prison.js';

export * from './complaints.js';
export * from './custody.js';
export * from './medical.js';
export * from './prison.js';

/** The `intl` pack's version, recorded with every finding it decides. */
export const INTL_PACK_VERSION = '2026.1';

/**
 * International standards (RULES.md "pack `intl`"): never refuses; flags, or records a breach when
 * a deadline it sets passes (intl.complaint.answer).
 */
export const INTL_PACK: RulePack = deepFreeze({
  id: 'intl',
  version: INTL_PACK_VERSION,
  rules: { ...INTL_CUSTODY_RULES, ...INTL_PRISON_RULES, ...INTL_COMPLAINT_RULES, ...INTL_MEDICAL_RULES },
});
