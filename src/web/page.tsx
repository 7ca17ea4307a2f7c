import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { authorize, type Action } from '../access/policy.js';
import { getFacility } from '../app/registry.js';
import type { Store } from '../store/types.js';
import type { PageContext } from './context.js';
import { isLang, translator } from './i18n.js';
import { navigationFor } from './navigation.js';
import { localPath, paths } from './paths.js';
import { ProblemPage, type Problem } from './pages/problem.js';

/** The shell's data for this request: language, principal, menu, the log's size. */
export async function pageContext(store: Store, request: FastifyRequest): Promise<PageContext> {
  // The auth hook (src/http/auth.ts) sets these; the fallbacks cover an error raised before it ran.
  const principal = request.principal ?? null;
  const lang = isLang(request.lang) ? request.lang : 'ru';
  const facilityNames: string[] = [];
  for (const id of principal?.facilities ?? []) {
    const facility = await getFacility(store, id);
    facilityNames.push(facility ? facility.name : id);
  }
  return {
    tr: translator(lang),
    principal,
    facilityNames,
    csrfToken: request.pageSession?.csrfToken ?? null,
    path: request.method === 'GET' ? localPath(request.url) : localPath(request.routeOptions.url ?? '/'),
    navigation: navigationFor(principal),
    treeSize: await store.size(),
  };
}

/** Sends a rendered page. Pages are personal and change with every entry: never cached. */
export async function sendPage(reply: FastifyReply, page: JSX.Element, status = 200): Promise<FastifyReply> {
  const html = '<!doctype html>' + (await page);
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('vary', 'Cookie, Accept-Language')
    .type('text/html; charset=utf-8')
    .send(html);
}

const PROBLEM_STATUS: Record<Problem, number> = {
  forbidden: 403,
  expired: 403,
  'not-found': 404,
  'too-many': 429,
  'bad-request': 400,
  unavailable: 503,
  error: 500,
};

export async function sendProblemPage(
  store: Store,
  request: FastifyRequest,
  reply: FastifyReply,
  problem: Problem,
  status = PROBLEM_STATUS[problem],
): Promise<FastifyReply> {
  const ctx = await pageContext(store, request).catch(() => fallbackContext(request));
  return sendPage(reply, <ProblemPage ctx={ctx} problem={problem} />, status);
}

/** A shell without the store, for when the store itself is what failed. */
function fallbackContext(request: FastifyRequest): PageContext {
  return {
    tr: translator(isLang(request.lang) ? request.lang : 'ru'),
    principal: null,
    facilityNames: [],
    csrfToken: null,
    path: paths.home,
    navigation: navigationFor(null),
    treeSize: 0,
  };
}

/** The sign-in page, with the page to come back to (a local path only). */
export function loginRedirect(request: FastifyRequest): string {
  const back = request.method === 'GET' ? localPath(request.url) : localPath(request.routeOptions.url ?? '/');
  return back === paths.home ? paths.login : `${paths.login}?next=${encodeURIComponent(back)}`;
}

/**
 * The page's guard, at the router (STYLE.md "Government service pages"): the same policy decision
 * as the API (src/access/policy.ts). Not signed in → the sign-in page, then back; not allowed → 403.
 */
export function requireAction(store: Store, action: Action): preHandlerAsyncHookHandler {
  return async function guard(request, reply) {
    const decision = authorize(request.principal, action);
    if (decision.allowed) return;
    if (decision.status === 401) {
      return reply.redirect(loginRedirect(request), 303);
    }
    return sendProblemPage(store, request, reply, 'forbidden');
  };
}
