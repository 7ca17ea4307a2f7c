import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import type {
  FastifyError,
  FastifyInstance,
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import { AccessDeniedError, NotFoundError } from '../app/errors.js';
import { HttpProblem } from '../http/problem.js';
import { StoreBusyError, VersionConflictError, type Store } from '../store/types.js';
import { loadHtmx, PUBLIC_DIR } from './assets.js';
import { isLang } from './i18n.js';
import { loginRedirect, sendProblemPage } from './page.js';
import { paths } from './paths.js';
import { accountRoutes } from './routes/accounts.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import { caseFileRoutes } from './routes/cases.js';
import { caseFormRoutes } from './routes/case-forms.js';
import { complaintRoutes } from './routes/complaints.js';
import { custodyRoutes, RECORD_ROUTE } from './routes/custody.js';
import { footageRoutes } from './routes/footage.js';
import { integrityRoutes } from './routes/integrity.js';
import { kioskRoutes } from './routes/kiosk.js';
import { medicalReportRoutes } from './routes/medical-report.js';
import { MEDICAL_PRINT_ROUTE, medicalRoutes } from './routes/medical.js';
import { prisonRoutes } from './routes/prison.js';
import { prisonReferralRoutes } from './routes/prison-referrals.js';
import { publicRoutes } from './routes/public.js';
import { registryRoutes } from './routes/registry.js';

export interface WebPluginOptions {
  store: Store;
  dataDir: string;
}

/** The language cookie lives a year: a choice made once is remembered (DESIGN.md "Pages"). */
const LANG_COOKIE_SECONDS = 365 * 24 * 3600;

/**
 * The server-rendered pages (DESIGN.md "Pages"), registered by src/http/app.ts after the auth hook:
 * `request.principal`, `request.pageSession` and `request.lang` are set before any route here runs.
 * Encapsulated: its form parser, static files, hooks and error pages apply to the pages only.
 */
export const webPlugin: FastifyPluginAsync<WebPluginOptions> = async (app, options) => {
  // The app's shared store when the options leave it out (src/http/app.ts registers us either way).
  const store: Store = (options as Partial<WebPluginOptions>).store ?? app.habeas.store;
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(formbody);

  // Our own stylesheet and icon; `wildcard: false` makes one route per file, nothing else is served.
  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: '/static/',
    wildcard: false,
    index: false,
    decorateReply: false,
    maxAge: '1h',
  });

  const htmx = await loadHtmx();
  app.get(paths.htmx, async (request, reply) => {
    reply.header('etag', htmx.etag).header('cache-control', 'public, max-age=86400');
    if (request.headers['if-none-match'] === htmx.etag) return reply.code(304).send();
    return reply.type('text/javascript; charset=utf-8').send(htmx.body);
  });

  // The language switch is a plain link with ?lang=: remember the choice (the auth hook reads the cookie).
  app.addHook('onRequest', async (request, reply) => {
    const lang = (request.query as Record<string, unknown> | undefined)?.lang;
    // A custody record's or a medical report copy's ?lang= is the person's language, not the official's choice.
    if (request.routeOptions.url === RECORD_ROUTE || request.routeOptions.url === MEDICAL_PRINT_ROUTE) return;
    if (isLang(lang) && request.cookies.lang !== lang) {
      reply.setCookie('lang', lang, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: app.habeas.secureCookies,
        maxAge: LANG_COOKIE_SECONDS,
      });
    }
  });

  app.setErrorHandler(pageErrorHandler(app, store));

  authRoutes(app, store);
  publicRoutes(app, store);
  registryRoutes(app, store);
  custodyRoutes(app, store);
  complaintRoutes(app, store);
  kioskRoutes(app, store);
  footageRoutes(app, store);
  prisonRoutes(app, store);
  prisonReferralRoutes(app, store);
  medicalReportRoutes(app, store);
  medicalRoutes(app, store);
  caseFileRoutes(app, store);
  accountRoutes(app, store);
  integrityRoutes(app, store);
  auditRoutes(app, store);
  caseFormRoutes(app, store);
};

/**
 * Errors on pages become pages, in the reader's language: not signed in → the sign-in page (and
 * back afterwards), refused → 403, unknown record → 404, a stale form (CSRF) → "expired", busy → 503.
 * Bad input never gives a 500; a fault of ours is logged without the request's content.
 */
function pageErrorHandler(app: FastifyInstance, store: Store) {
  return async function handle(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
    if (error instanceof AccessDeniedError) {
      if (error.status === 401) return reply.redirect(loginRedirect(request), 303);
      return sendProblemPage(store, request, reply, 'forbidden');
    }
    if (error instanceof NotFoundError) return sendProblemPage(store, request, reply, 'not-found');
    if (error instanceof StoreBusyError || error instanceof VersionConflictError) {
      reply.header('retry-after', '1');
      return sendProblemPage(store, request, reply, 'unavailable');
    }
    if (error instanceof HttpProblem) {
      for (const [name, value] of Object.entries(error.extra.headers ?? {})) reply.header(name, value);
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status === 401) return reply.redirect(loginRedirect(request), 303);
    if (status === 403) {
      // On a form, a 403 from the auth hook is the CSRF check: the form is out of date.
      const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
      return sendProblemPage(store, request, reply, unsafe ? 'expired' : 'forbidden');
    }
    if (status === 404) return sendProblemPage(store, request, reply, 'not-found');
    if (status === 429) return sendProblemPage(store, request, reply, 'too-many');
    if (status === 503) return sendProblemPage(store, request, reply, 'unavailable');
    if (status >= 400 && status < 500) return sendProblemPage(store, request, reply, 'bad-request', status);
    app.log.error(
      { err: { type: error.name, code: error.code, message: error.message, stack: error.stack } },
      'page failed',
    );
    return sendProblemPage(store, request, reply, 'error');
  };
}
