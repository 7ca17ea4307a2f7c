import type { Principal, Role } from './principal.js';

/**
 * How each role is scoped (DESIGN.md "Who uses it"): staff of a facility act only there; the
 * monitor, procurator and judge work nationally or in some regions; the rest are national.
 */
export type ScopeKind = 'facility' | 'region' | 'national';

export const ROLE_SCOPE: Record<Role, ScopeKind> = {
  'custody-officer': 'facility',
  'prison-officer': 'facility',
  governor: 'facility',
  medical: 'facility',
  kiosk: 'facility',
  monitor: 'region',
  procurator: 'region',
  judge: 'region',
  'complaints-officer': 'national',
  statistician: 'national',
  admin: 'national',
};

/**
 * Whether an account's scope fits its role, or what is wrong with it: a facility role needs its
 * facilities (a kiosk exactly one, the terminal's), a regional role no facilities, a national
 * role neither facilities nor regions.
 */
export function scopeProblem(
  role: Role,
  facilities: readonly string[],
  regions: readonly string[],
): { field: 'facilities' | 'regions'; detail: string } | null {
  switch (ROLE_SCOPE[role]) {
    case 'facility':
      if (facilities.length === 0)
        return { field: 'facilities', detail: `a ${role} account needs at least one facility` };
      if (role === 'kiosk' && facilities.length !== 1)
        return { field: 'facilities', detail: 'a kiosk belongs to exactly one facility' };
      if (regions.length > 0)
        return { field: 'regions', detail: `a ${role} account is scoped by facility, not region` };
      return null;
    case 'region':
      if (facilities.length > 0)
        return { field: 'facilities', detail: `a ${role} account is scoped by region, not facility` };
      return null;
    case 'national':
      if (facilities.length > 0) return { field: 'facilities', detail: `a ${role} account is national` };
      if (regions.length > 0) return { field: 'regions', detail: `a ${role} account is national` };
      return null;
  }
}

/**
 * The facility a facility-scoped principal acts for: the requested one if it is in scope, else
 * their only facility; with several and none requested, the caller must say which.
 */
export function actingFacility(
  principal: Principal,
  requested: string | undefined,
): { facilityId: string } | { problem: 'out-of-scope' | 'ambiguous' | 'no-facility'; detail: string } {
  if (requested !== undefined) {
    return principal.facilities.includes(requested)
      ? { facilityId: requested }
      : { problem: 'out-of-scope', detail: `facility ${requested} is not in your scope` };
  }
  const [only, ...others] = principal.facilities;
  if (only === undefined) return { problem: 'no-facility', detail: 'your account has no facility' };
  if (others.length > 0)
    return { problem: 'ambiguous', detail: 'you work at several facilities: name one in facilityId' };
  return { facilityId: only };
}
