import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import { loginName } from '../app/sessions.js';
import { paths } from '../web/paths.js';

/*
 * Device cookies (OWASP "Slow Down Online Guessing Attacks with Device Cookies"): a browser that
 * has signed in to an account receives a cookie that lets it keep signing in to that account while
 * untrusted clients are locked out of it (src/app/sessions.ts LOCKOUT). So an attacker who types
 * wrong passwords for an official's name — even from behind the same proxy — locks out only
 * themself, never the official at their usual desk.
 *
 * One cookie per login name (a shared terminal in a custody unit serves several officials), named
 * after a tag of the name, holding `tag.secret`, signed with the server's cookie key: the
 * signature covers the tag, so a device cookie of one account cannot be renamed into another's.
 * HttpOnly, SameSite=Strict, sent to the sign-in page only, Secure behind TLS. A new secret is
 * given on every successful sign-in; the lockout list is keyed by the secret's hash, so a device
 * that itself fails too often is locked out like anyone else.
 */

export const DEVICE_COOKIE_PREFIX = 'habeas_device_';
/** How long a browser stays trusted for an account after its last successful sign-in. */
export const DEVICE_COOKIE_SECONDS = 90 * 24 * 3600;

const SECRET = /^[A-Za-z0-9_-]{43}$/;
const VALUE = /^([0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/;

/** A short tag of a login name: names the cookie and is signed inside it. */
function tagOf(username: string): string {
  return createHash('sha256')
    .update(`habeas device cookie\u0000${loginName(username)}`, 'utf8')
    .digest('hex')
    .slice(0, 16);
}

function cookieOptions(reply: FastifyReply) {
  return {
    path: paths.login,
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: reply.server.habeas.secureCookies,
  };
}

/** Gives this browser the device cookie of `username` (after a successful sign-in). */
export function setDeviceCookie(reply: FastifyReply, username: string, secret: string): void {
  if (!SECRET.test(secret)) return;
  const tag = tagOf(username);
  reply.setCookie(`${DEVICE_COOKIE_PREFIX}${tag}`, `${tag}.${secret}`, {
    ...cookieOptions(reply),
    signed: true,
    maxAge: DEVICE_COOKIE_SECONDS,
  });
}

/** The secret of a valid device cookie as signed by this server, with its tag; null otherwise. */
function unsigned(request: FastifyRequest, raw: string | undefined): { tag: string; secret: string } | null {
  if (!raw) return null;
  const value = request.unsignCookie(raw);
  if (!value.valid || value.value === null) return null;
  const match = VALUE.exec(value.value);
  return match ? { tag: match[1] as string, secret: match[2] as string } : null;
}

/** This browser's device secret for `username`, or null when it has none (an untrusted client). */
export function deviceSecretFor(request: FastifyRequest, username: string): string | null {
  const tag = tagOf(username);
  const cookie = unsigned(request, request.cookies[`${DEVICE_COOKIE_PREFIX}${tag}`]);
  return cookie !== null && cookie.tag === tag ? cookie.secret : null;
}

/**
 * Whom a request's rate limit counts against when nobody is signed in: a browser with a valid
 * device cookie has a budget of its own, every other client that of its address. So a flood from
 * behind a shared proxy address does not take the sign-in page away from the officials there.
 */
export function clientKey(request: FastifyRequest): string {
  for (const [name, raw] of Object.entries(request.cookies)) {
    if (!name.startsWith(DEVICE_COOKIE_PREFIX)) continue;
    const cookie = unsigned(request, raw);
    if (cookie !== null && name === `${DEVICE_COOKIE_PREFIX}${cookie.tag}`)
      return `device:${createHash('sha256').update(cookie.secret).digest('hex')}`;
  }
  return `ip:${request.ip}`;
}
