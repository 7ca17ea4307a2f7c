import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Store } from '../store/types.js';
import { sendProblemPage } from '../web/page.js';
import { webPlugin } from '../web/plugin.js';
import { registerAuth } from './auth.js';
import { registerNoStore } from './cache-control.js';
import { clientKey } from './device-cookie.js';
import { registerSecurityHeaders } from './security-headers.js';
import { errorHandler, notFoundHandler } from './errors.js';
import './fastify-types.js';
import { HttpProblem } from './problem.js';
import { ClockScheduler } from '../clocks/scheduler.js';
import { IntegrityWatch } from '../app/integrity.js';
import { SealingSessions } from '../app/sealing-session.js';
import { DEFAULT_CASE_RULES, type CaseRules } from '../rules/case-rules.js';
import { DEFAULT_COMPLAINT_RULES, type ComplaintRules } from '../rules/complaint-rules.js';
import { DEFAULT_CUSTODY_RULES, type CustodyRules } from '../rules/custody-rules.js';
import { DEFAULT_PRISON_RULES, type PrisonRules } from '../rules/prison-rules.js';
import { prisonRoutes } from './routes/prison.js';
import { ClinicianKeySessions } from '../app/clinician-keys.js';
import type { KdfParameters } from '../crypto/passphrase-wrap.js';
import { accountRoutes } from './routes/accounts.js';
import { auditRoutes } from './routes/audit.js';
import { complaintRoutes } from './routes/complaints.js';
import { custodyRoutes } from './routes/custody.js';
import { facilityRoutes } from './routes/facilities.js';
import { footageRoutes } from './routes/footage.js';
import { healthRoutes, readinessRoutes } from './routes/health.js';
import { integrityRoutes } from './routes/integrity.js';
import { logRoutes } from './routes/log.js';
import { peopleRoutes } from './routes/people.js';
import { medicalRoutes } from './routes/medical.js';
import { caseRoutes } from './routes/cases.js';
import { sealingRoutes } from './routes/sealing.js';
import { SESSION_COOKIE } from './session-cookie.js';
import { loadSessionKey } from './session-key.js';

export interface AppOptions {
  store: Store;
  dataDir: string;
  /** Rule parameters; the store's projections must have been built with the same (default: RULES.md). */
  rules?: CustodyRules;
  /** Complaint rule parameters; the store's projections must have been built with the same (default: RULES.md). */
  complaintRules?: ComplaintRules;
  /** Prison rule parameters; the store's projections must have been built with the same (default: RULES.md). */
  prisonRules?: PrisonRules;
  /** Case rule parameters; the store's projections must have been built with the same (default: RULES.md). */
  caseRules?: CaseRules;
  /** argon2id parameters of clinicians' new signing keys (default: the sealing keystore's; tests use small ones). */
  clinicianKdf?: KdfParameters;
  /** Unlocks of the complaints key per principal per minute (POST /api/v1/sealing/unlock; default 5). */
  unlockRateLimit?: { max: number; timeWindowMs: number };
  /**
   * Run the clock scheduler (src/clocks/scheduler.ts) while the app is up: on by default in
   * `startServer`, off for `buildApp` unless asked (tests tick it themselves).
   */
  scheduler?: boolean | { intervalMs: number };
  clock?: () => Date;
  /** Log requests with pino (never bodies, tokens, cookies or query strings). */
  logger?: boolean;
  /** Where the log lines go when `logger` is on (default: standard output). */
  logStream?: NodeJS.WritableStream;
  /** Requests per principal (or per address for the public) per window. */
  rateLimit?: { max: number; timeWindowMs: number };
  /** Login attempts per address per window (POST /login). */
  loginRateLimit?: { max: number; timeWindowMs: number };
  /** Cookies with `Secure`, HSTS and upgrade-insecure-requests: set when served over TLS. */
  secureCookies?: boolean;
  /**
   * Behind a reverse proxy: which X-Forwarded-For hops to believe (Fastify's `trustProxy`: the
   * proxies' addresses or CIDRs, e.g. ['10.0.0.5', '192.168.0.0/16']), so that rate limits and
   * lockouts count the client's address, not the proxy's. Unset, X-Forwarded-For is ignored.
   */
  trustProxy?: boolean | string | string[];
  /**
   * Check the log and the read models at start and periodically (src/app/integrity.ts): on by
   * default in `startServer`, off for `buildApp` unless asked (tests run checks themselves).
   */
  integrityWatch?: boolean | { intervalMs: number; firstDelayMs?: number };
}

/** JSON bodies up to 1 MiB; larger ones are a 413. */
export const BODY_LIMIT = 1024 * 1024;
/** CSP hash of the one inline style that Swagger UI (as bundled with @fastify/swagger-ui 6) adds at run time, as Chromium reports it. */
const SWAGGER_UI_STYLE_HASH = 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w=';
const DEFAULT_RATE_LIMIT = { max: 600, timeWindowMs: 60_000 };
const DEFAULT_LOGIN_RATE_LIMIT = { max: 10, timeWindowMs: 60_000 };
/** Passphrase guesses against the complaints key: 5 a minute per principal (issue 4). */
const DEFAULT_UNLOCK_RATE_LIMIT = { max: 5, timeWindowMs: 60_000 };

/** The request as pino logs it: method, path without query (queries may carry a purpose or a PIN), and the client address. */
const requestForLog = (request: FastifyRequest) => ({
  method: request.method,
  url: request.url.split('?')[0],
  remoteAddress: request.ip,
});

/** A browser's GET for a page (not the API, not a file): it accepts HTML. */
function wantsPage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0] ?? '';
  if (path.startsWith('/api/') || path.startsWith('/static/')) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

/**
 * The Habeas server, in three tiers (STYLE.md "HTTP, as in Fastify's demo"): infrastructure
 * plugins (errors, security headers, cookies, forms, rate limits, OpenAPI), shared services
 * (`app.habeas`, authentication, CSRF, language), and routes (API, health, pages).
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const secure = options.secureCookies ?? false;
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    return503OnClosing: true,
    trustProxy: options.trustProxy ?? false,
    // Errors of the router itself (a malformed URL, a path segment over 100 characters) are problems too.
    frameworkErrors: errorHandler,
    logger: options.logger
      ? {
          level: 'info',
          redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
          serializers: { req: requestForLog },
          ...(options.logStream ? { stream: options.logStream } : {}),
        }
      : false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Tier 1: infrastructure.
  app.setErrorHandler(errorHandler);
  registerSecurityHeaders(app, {
    // Strict CSP: everything from this server, nothing inline, nothing from other hosts (DESIGN.md "Pages").
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        mediaSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    // The same as the CSP's frame-ancestors 'none', for browsers that know only this header.
    xFrameOptions: { action: 'deny' },
  });
  await app.register(cookie, { secret: await loadSessionKey(options.dataDir) });
  await app.register(formbody, { bodyLimit: BODY_LIMIT });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Habeas API',
        version: '1',
        description:
          'Register of people deprived of liberty, every record in a tamper-evident RFC 6962 log. ' +
          'Errors are RFC 9457 problem details (application/problem+json).',
      },
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description: 'Service-account token (habeas token create)',
          },
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description: 'Page session; unsafe methods need X-CSRF-Token',
          },
        },
      },
    },
    // The API and health check only; the pages are not an API.
    transform: (document) =>
      document.url.startsWith('/api/v1/') || document.url === '/healthz' || document.url === '/readyz'
        ? jsonSchemaTransform(document)
        : { schema: { ...document.schema, hide: true }, url: document.url },
  });
  // Swagger UI's own files, served from this server (no CDN), under the strict CSP.
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { deepLinking: true },
    // Swagger UI injects one fixed <style> element; allow exactly it (by hash) on the docs pages only.
    transformStaticCSP: (header) =>
      header.replace("style-src 'self'", `style-src 'self' '${SWAGGER_UI_STYLE_HASH}'`),
  });

  // Tier 2: shared services, then who is asking, then how often.
  const clock = options.clock ?? (() => new Date());
  const sealing = new SealingSessions(options.dataDir, clock);
  const procuratorSealing = new SealingSessions(options.dataDir, clock, 'procurator');
  const clinicianKeys = new ClinicianKeySessions(clock, options.clinicianKdf);
  app.decorate('habeas', {
    store: options.store,
    dataDir: options.dataDir,
    rules: options.rules ?? DEFAULT_CUSTODY_RULES,
    complaintRules: options.complaintRules ?? DEFAULT_COMPLAINT_RULES,
    prisonRules: options.prisonRules ?? DEFAULT_PRISON_RULES,
    caseRules: options.caseRules ?? DEFAULT_CASE_RULES,
    sealing,
    procuratorSealing,
    clinicianKeys,
    clock,
    secureCookies: secure,
    integrity: new IntegrityWatch(options.store, {
      clock,
      ...(typeof options.integrityWatch === 'object' ? options.integrityWatch : {}),
      logger: app.log,
    }),
  });
  // Unlocked complaint keys live in memory only: forget them all when the server stops.
  app.addHook('onClose', async () => {
    sealing.lockAll();
    procuratorSealing.lockAll();
    clinicianKeys.lockAll();
  });
  registerAuth(app);
  registerNoStore(app);
  const login = options.loginRateLimit ?? DEFAULT_LOGIN_RATE_LIMIT;
  app.addHook('onRoute', (route) => {
    // A stricter limit for password guessing, per address (OWASP Authentication Cheat Sheet).
    const methods = [route.method].flat();
    if (route.url === '/login' && methods.includes('POST')) {
      route.config = {
        ...route.config,
        rateLimit: {
          max: login.max,
          timeWindow: login.timeWindowMs,
          // Per device cookie where the browser has one for some account, else per address.
          keyGenerator: (request: FastifyRequest) => `login:${clientKey(request)}`,
        },
      } as typeof route.config;
    }
  });
  const limit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  await app.register(rateLimit, {
    global: true,
    max: limit.max,
    timeWindow: limit.timeWindowMs,
    // Runs after authentication: a principal has its own budget, the public one per address (or device cookie).
    keyGenerator: (request) => (request.principal ? `principal:${request.principal.id}` : clientKey(request)),
    errorResponseBuilder: (_request, context) =>
      new HttpProblem(429, `too many requests: wait ${Math.ceil(context.ttl / 1000)} s and try again`, {
        headers: { 'retry-after': String(Math.max(1, Math.ceil(context.ttl / 1000))) },
      }),
  });
  // A browser asking for an address that does not exist gets the page in its language; API
  // clients (and anything under /api) the problem+json (issue 18, "Minor and polish").
  app.setNotFoundHandler({ preHandler: app.rateLimit() }, (request, reply) =>
    wantsPage(request)
      ? sendProblemPage(options.store, request, reply, 'not-found')
      : notFoundHandler(request, reply),
  );

  // Tier 3: routes.
  await app.register(healthRoutes);
  await app.register(readinessRoutes);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(
    async (api) => {
      await api.register(facilityRoutes);
      await api.register(peopleRoutes);
      await api.register(auditRoutes);
      await api.register(logRoutes);
      await api.register(custodyRoutes);
      await api.register(sealingRoutes, {
        unlockRateLimit: options.unlockRateLimit ?? DEFAULT_UNLOCK_RATE_LIMIT,
      });
      await api.register(complaintRoutes);
      await api.register(prisonRoutes);
      await api.register(footageRoutes);
      await api.register(medicalRoutes, {
        unlockRateLimit: options.unlockRateLimit ?? DEFAULT_UNLOCK_RATE_LIMIT,
      });
      await api.register(caseRoutes);
      await api.register(accountRoutes);
      await api.register(integrityRoutes);
    },
    { prefix: '/api/v1' },
  );
  await app.register(webPlugin, { store: options.store, dataDir: options.dataDir });

  if (options.scheduler) {
    const scheduler = new ClockScheduler(app.habeas, {
      clock: app.habeas.clock,
      intervalMs: options.scheduler === true ? 1000 : options.scheduler.intervalMs,
      logger: app.log,
    });
    app.addHook('onReady', async () => scheduler.start());
    app.addHook('onClose', async () => scheduler.stop());
  }
  if (options.integrityWatch) {
    app.addHook('onReady', async () => app.habeas.integrity.start());
  }
  app.addHook('onClose', async () => app.habeas.integrity.stop());

  await app.ready();
  return app;
}
