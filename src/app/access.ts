import { authorize, type Action, type Resource } from '../access/policy.js';
import type { Principal } from '../access/principal.js';
import { AccessDeniedError } from './errors.js';

/** Throws AccessDeniedError (401/403) unless the policy allows a logged-in principal; returns that principal. */
export function requireAccess(principal: Principal | null, action: Action, resource?: Resource): Principal {
  const decision = authorize(principal, action, resource);
  if (!decision.allowed) throw new AccessDeniedError(decision.status, decision.detail, decision.rule);
  if (!principal) throw new AccessDeniedError(401, 'log in first');
  return principal;
}
