import type { Role } from './principal.js';

/**
 * Why someone reads personal data when they do not say (DESIGN.md "Who uses it": every read is
 * recorded with who, what, when and why): the duty of their role. A stated purpose
 * (`X-Habeas-Purpose` or `?purpose=`) replaces it.
 */
export const DUTY_PURPOSE: Record<Role, string> = {
  'custody-officer': 'custody duties',
  'prison-officer': 'detention duties',
  governor: 'facility management',
  medical: 'health care',
  'complaints-officer': 'complaint handling',
  procurator: 'procuratorial supervision',
  judge: 'judicial review',
  monitor: 'preventive monitoring',
  statistician: 'statistics',
  admin: 'administration',
  kiosk: 'complaint status',
};
