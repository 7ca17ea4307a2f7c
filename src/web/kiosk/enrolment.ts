import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import type { Principal } from '../../access/principal.js';
import { authenticateToken } from '../../app/accounts.js';
import { paths } from '../paths.js';

/*
 * How a terminal becomes a complaint kiosk (issue 4 item 2). The kiosk acts with the bearer token
 * of a service account of role `kiosk`, scoped to exactly one facility (src/access/scopes.ts). An
 * administrator enrols the terminal at /kiosk/enrol; the token then lives in this cookie:
 *
 *   - HttpOnly: no script on the page (nor anything injected into it) can read the token;
 *   - SameSite=Strict and Path=/kiosk: only the kiosk's own pages and calls ever send it;
 *   - signed with the server's cookie key (like the session cookie, src/http/session-cookie.ts),
 *     so a cookie that was not set by this server is ignored before any lookup;
 *   - Secure behind TLS; kept a year, because enrolment is a property of the terminal.
 *
 * The cookie holds the token itself, not an account id: revoking the token (the Accounts page,
 * `habeas token revoke --id ID --reason …`, or POST /api/v1/tokens/{id}/revoke) stops the kiosk at
 * once, and the signing key alone cannot mint a kiosk. The
 * kiosk's browser never holds a staff session: enrolling ends the administrator's session, and the
 * kiosk refuses to run beside one. The person at the terminal never signs in.
 */

export const KIOSK_COOKIE = 'habeas_kiosk';
const KIOSK_COOKIE_SECONDS = 365 * 24 * 3600;

function cookieOptions(reply: FastifyReply) {
  return {
    path: paths.kiosk,
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: reply.server.habeas.secureCookies,
  };
}

export function setKioskCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(KIOSK_COOKIE, token, {
    ...cookieOptions(reply),
    signed: true,
    maxAge: KIOSK_COOKIE_SECONDS,
  });
}

export function clearKioskCookie(reply: FastifyReply): void {
  reply.clearCookie(KIOSK_COOKIE, cookieOptions(reply));
}

/** The kiosk token from the signed cookie, or null when absent or its signature fails. */
export function readKioskToken(request: FastifyRequest): string | null {
  const raw = request.cookies[KIOSK_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : null;
}

/** Whether a principal can act as a kiosk: the role, and exactly one facility (the terminal's). */
export function isKiosk(principal: Principal | null): principal is Principal & { facilities: [string] } {
  return principal !== null && principal.role === 'kiosk' && principal.facilities.length === 1;
}

/**
 * The terminal behind this request: its token (to call the API with) and the kiosk principal, or
 * null when the cookie is missing, forged, or names an unknown, revoked or non-kiosk token.
 */
export async function kioskOf(
  request: FastifyRequest,
): Promise<{ token: string; principal: Principal & { facilities: [string] } } | null> {
  const token = readKioskToken(request);
  if (token === null) return null;
  const principal = await authenticateToken(request.server.habeas.store, token);
  return isKiosk(principal) ? { token, principal } : null;
}
