import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sealingHolder, sealingOf } from '../../app/sealing-session.js';
import { endPageSession, startPageSession } from '../../http/session-cookie.js';
import type { Store } from '../../store/types.js';
import { formValues, type FieldError } from '../forms.js';
import { pageContext, sendPage } from '../page.js';
import { LoginPage } from '../pages/login.js';
import { localPath, paths } from '../paths.js';

/*
 * Sign in and sign out. The auth hook checks CSRF only for requests that already have a session,
 * so the sign-in form protects itself (login CSRF, OWASP CSRF Prevention Cheat Sheet, "signed
 * double-submit cookie"): GET /login puts a random token in a signed, HttpOnly, SameSite=Strict
 * cookie and in a hidden field; POST /login accepts only when both match. Another site can neither
 * read the cookie nor make the browser send it, so it cannot sign a victim into its own account.
 */

export const LOGIN_COOKIE = 'habeas_login';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const LOGIN_FIELDS = ['_csrf', 'next', 'username', 'password'] as const;

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

function loginToken(request: FastifyRequest): string | null {
  const raw = request.cookies[LOGIN_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value !== null && TOKEN_PATTERN.test(unsigned.value)
    ? unsigned.value
    : null;
}

function issueLoginToken(reply: FastifyReply): string {
  const token = randomBytes(32).toString('base64url');
  reply.setCookie(LOGIN_COOKIE, token, {
    path: paths.login,
    httpOnly: true,
    sameSite: 'strict',
    secure: reply.server.habeas.secureCookies,
    signed: true,
  });
  return token;
}

function queryValue(request: FastifyRequest, name: string): unknown {
  const query = request.query as Record<string, unknown> | undefined;
  return query?.[name];
}

export function authRoutes(app: FastifyInstance, store: Store): void {
  const showLogin = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: { next: string; username: string; errors: FieldError[]; signedOut: boolean; token?: string },
    status: number,
  ) => {
    const token = form.token ?? loginToken(request) ?? issueLoginToken(reply);
    const ctx = await pageContext(store, request);
    return sendPage(
      reply,
      <LoginPage
        ctx={ctx}
        loginToken={token}
        next={form.next}
        username={form.username}
        errors={form.errors}
        signedOut={form.signedOut}
      />,
      status,
    );
  };

  app.get(paths.login, async (request, reply) => {
    const next = localPath(queryValue(request, 'next'));
    if (request.principal) return reply.redirect(next, 303);
    return showLogin(
      request,
      reply,
      { next, username: '', errors: [], signedOut: queryValue(request, 'signedout') === '1' },
      200,
    );
  });

  app.post(paths.login, async (request, reply) => {
    const values = formValues(request.body, LOGIN_FIELDS);
    const next = localPath(values.next);
    const username = (values.username ?? '').slice(0, 200);
    const password = values.password ?? '';
    const expected = loginToken(request);
    if (expected === null || !sameSecret(expected, values._csrf ?? '')) {
      const errors: FieldError[] = [{ field: 'username', message: 'login.expired' }];
      return showLogin(
        request,
        reply,
        { next, username, errors, signedOut: false, token: issueLoginToken(reply) },
        403,
      );
    }
    const errors: FieldError[] = [];
    if (username.trim() === '') errors.push({ field: 'username', message: 'login.username.required' });
    if (password === '') errors.push({ field: 'password', message: 'login.password.required' });
    if (errors.length > 0)
      return showLogin(request, reply, { next, username, errors, signedOut: false }, 400);

    const session = await startPageSession(request, reply, { username, password });
    if (!session) {
      // One message for an unknown name, a wrong password, a disabled account and a lockout.
      const failed: FieldError[] = [{ field: 'username', message: 'login.failed' }];
      return showLogin(request, reply, { next, username, errors: failed, signedOut: false }, 401);
    }
    reply.clearCookie(LOGIN_COOKIE, { path: paths.login });
    return reply.redirect(next, 303);
  });

  app.post(paths.logout, async (request, reply) => {
    // The auth hook has checked this form's CSRF token against the session before we get here;
    // without a session there is nothing to end (and a cross-site form must not clear cookies).
    if (request.pageSession) {
      // A sealing key unlocked in this session is forgotten with it (src/app/sealing-session.ts):
      // the complaints authority's or the procurator's office's.
      if (request.principal)
        sealingOf(app.habeas, request.principal).lock(
          sealingHolder(request.principal, request.pageSession.id),
        );
      await endPageSession(request, reply);
    }
    return reply.redirect(`${paths.login}?signedout=1`, 303);
  });
}
