import { deepFreeze } from '../freeze.js';
import type { RulePack } from '../types.js';
import { KZ_COMPLAINT_RULES } from './complaints.js';
import { KZ_CUSTODY_RULES } from './custody.js';
import { KZ_MEDICAL_RULES } from './medical.js';
import { KZ_PLACEMENT_RULES } from './placement.js';
import { KZ_PRISON_RULES } from './prison.js';

export * from './complaints.js';
export * from './custody.js';
export * from './medical.js';
export * from './placement.js';
export * from './prison.js';

/** The `kz` pack's version, recorded with every finding it decides. */
export const KZ_PACK_VERSION = '2026.1';

/** National law (RULES.md "pack `kz`"): refuses what it forbids, records a breach when a limit passes. */
export const KZ_PACK: RulePack = deepFreeze({
  id: 'kz',
  version: KZ_PACK_VERSION,
  rules: {
    ...KZ_CUSTODY_RULES,
    ...KZ_PRISON_RULES,
    ...KZ_COMPLAINT_RULES,
    ...KZ_PLACEMENT_RULES,
    ...KZ_MEDICAL_RULES,
  },
});
