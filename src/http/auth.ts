import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticateToken } from '../app/accounts.js';
import { sessionPrincipal } from '../app/sessions.js';
import { HttpProblem } from './problem.js';
import { CSRF_FIELD, CSRF_HEADER, readSessionCookie } from './session-cookie.js';

/*
 * Who is asking (DESIGN.md "Interfaces": bearer tokens for service accounts, sessions with CSRF
 * protection for people). One hook for the whole server, so no handler can forget it:
 *   Authorization: Bearer <token>  → the service principal, or 401 (never a fallback to the cookie)
 *   the signed session cookie       → the person's principal and `request.pageSession`
 *   neither                         → the public (principal null); the policy decides what it may do
 */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const BEARER = /^Bearer +([\x21-\x7e]+) *$/i;

const sameSecret = (a: string, b: string): boolean => {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
};

async function authenticate(request: FastifyRequest): Promise<void> {
  const { store, clock } = request.server.habeas;
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const token = BEARER.exec(authorization)?.[1];
    const principal = token === undefined ? null : await authenticateToken(store, token);
    if (!principal)
      throw new HttpProblem(401, 'the bearer token is missing, malformed, unknown or revoked', {
        headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
      });
    request.principal = principal;
    return;
  }
  const sessionId = readSessionCookie(request);
  if (sessionId === null) return;
  const session = await sessionPrincipal(store, sessionId, clock());
  if (!session) return; // expired or ended: the public, and the pages ask to log in again
  request.principal = session.principal;
  request.pageSession = { id: sessionId, csrfToken: session.csrfToken };
}

/**
 * OWASP synchronizer token: an unsafe request authenticated by the cookie must carry the session's
 * token in the form field `_csrf` or the header `X-CSRF-Token`. Runs after the body is parsed.
 */
async function checkCsrf(request: FastifyRequest): Promise<void> {
  if (!request.pageSession || SAFE_METHODS.has(request.method)) return;
  const header = request.headers[CSRF_HEADER];
  const body = request.body;
  const field =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)[CSRF_FIELD]
      : undefined;
  const sent = typeof header === 'string' ? header : typeof field === 'string' ? field : undefined;
  if (sent === undefined || !sameSecret(sent, request.pageSession.csrfToken))
    throw new HttpProblem(
      403,
      'this form is out of date or did not come from this site (CSRF check): reload the page and try again',
    );
  // The token has done its work; the route's own schema does not know it.
  if (typeof field === 'string') delete (body as Record<string, unknown>)[CSRF_FIELD];
}

const LANGUAGES = ['kk', 'ru', 'en'] as const;
type Language = (typeof LANGUAGES)[number];
const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

/** `?lang=`, then the `lang` cookie, then Accept-Language; English for the API otherwise. */
export function chooseLanguage(request: FastifyRequest): Language {
  const query = request.query as Record<string, unknown> | undefined;
  const fromQuery = query?.lang;
  if (isLanguage(fromQuery)) return fromQuery;
  const fromCookie = request.cookies.lang;
  if (isLanguage(fromCookie)) return fromCookie;
  const accepted = (request.headers['accept-language'] ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { language: tag.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q) };
    })
    .filter((entry) => isLanguage(entry.language) && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return (accepted[0]?.language as Language | undefined) ?? 'en';
}

/** Tier 2: decorations and hooks on the root instance, so they apply to every route, pages included. */
export function registerAuth(app: FastifyInstance): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('pageSession', null);
  app.decorateRequest('lang', 'en');
  app.addHook('onRequest', async (request) => {
    request.lang = chooseLanguage(request);
    await authenticate(request);
  });
  app.addHook('preValidation', checkCsrf);
}
