import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import { login, logout, SESSION_ABSOLUTE_MS, type LoginResult } from '../app/sessions.js';
import { deviceSecretFor, setDeviceCookie } from './device-cookie.js';

/*
 * The page session cookie, for the pages' login and logout (src/web). Signed with the key in
 * DIR/session.key, HttpOnly (no script reads it), SameSite=Strict (no other site sends it),
 * Secure behind TLS. CSRF is checked by src/http/plugins/auth.ts for every unsafe request a
 * cookie authenticates: forms carry `request.pageSession.csrfToken` in the field `_csrf`.
 */

export const SESSION_COOKIE = 'habeas_session';
/** The form field and header that carry the CSRF token. */
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function setSessionCookie(reply: FastifyReply, sessionId: string): void {
  reply.setCookie(SESSION_COOKIE, sessionId, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: reply.server.habeas.secureCookies,
    signed: true,
    maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: reply.server.habeas.secureCookies,
  });
}

/** The session id from the signed cookie, or null when absent or its signature fails. */
export function readSessionCookie(request: FastifyRequest): string | null {
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : null;
}

/**
 * Logs in with a name and password and sets the session cookie and the device cookie; null when
 * the login fails (the caller shows one message for every failure: wrong name, wrong password or
 * locked out). A device cookie of this browser for this name makes it a trusted client.
 */
export async function startPageSession(
  request: FastifyRequest,
  reply: FastifyReply,
  credentials: { username: string; password: string },
): Promise<LoginResult | null> {
  const { store, clock } = request.server.habeas;
  const device = deviceSecretFor(request, credentials.username);
  const result = await login(store, { ...credentials, ip: request.ip, device }, clock());
  if (result) {
    setSessionCookie(reply, result.sessionId);
    // This browser is now trusted for this account (src/http/device-cookie.ts), with a fresh secret.
    setDeviceCookie(reply, credentials.username, result.device);
  }
  return result;
}

/** Ends the request's page session (if any) and clears the cookie. */
export async function endPageSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const sessionId = readSessionCookie(request);
  if (sessionId) await logout(request.server.habeas.store, sessionId);
  clearSessionCookie(reply);
}
