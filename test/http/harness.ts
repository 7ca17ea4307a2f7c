import type { FastifyInstance } from 'fastify';
import { ROLES, type Role } from '../../src/access/principal.js';
import { ROLE_SCOPE } from '../../src/access/scopes.js';
import { createToken, createUser } from '../../src/app/accounts.js';
import { createFacility, createPerson } from '../../src/app/registry.js';
import { login } from '../../src/app/sessions.js';
import { buildApp, type AppOptions } from '../../src/http/app.js';
import { SESSION_COOKIE } from '../../src/http/session-cookie.js';
import { allProjections } from '../../src/store/projections/index.js';
import type { Engine, Store } from '../../src/store/types.js';
import { startCliServer, type RunningServer } from '../support/cli.js';
import { freshStore } from '../support/engines.js';

/*
 * A real server on a real store: two facilities in two regions, and one bearer token per role
 * scoped to the first facility (or national), so tests speak to the API as each role would.
 */

export const PASSWORD = 'correct horse battery staple';

export interface Harness {
  app: FastifyInstance;
  store: Store;
  dataDir: string;
  /** Astana police custody (mixed) and the Almaty women's prison. */
  facilities: { astana: string; almatyWomen: string };
  /** A token per role, scoped to Astana for facility roles, national otherwise. */
  tokens: Record<Role, string>;
  /** A person registered at Astana. */
  personId: string;
  bearer(role: Role): { authorization: string };
  /** A logged-in person's cookie and CSRF token. */
  session(
    role: Role,
    scope?: { facilities?: string[]; regions?: string[] },
  ): Promise<{ cookie: string; csrfToken: string }>;
  /**
   * `habeas serve` in a process of its own on the same database and data directory (the built
   * command: npm test builds dist/ first); stopped with the harness.
   */
  anotherServer(): Promise<RunningServer>;
  close(): Promise<void>;
}

export async function startHarness(engine: Engine, options: Partial<AppOptions> = {}): Promise<Harness> {
  const fresh = await freshStore(engine, {
    projections: allProjections,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const store = fresh.store;
  let app: FastifyInstance | undefined;
  try {
    const astana = (
      await createFacility(
        store,
        { name: 'ИВС г. Астаны', kind: 'police-custody', population: 'mixed', region: 'KZ-AST' },
        'test',
      )
    ).id;
    const almatyWomen = (
      await createFacility(
        store,
        { name: 'Женская колония', kind: 'prison', population: 'women', region: 'KZ-ALA' },
        'test',
      )
    ).id;
    const scopeOf = (role: Role) => (ROLE_SCOPE[role] === 'facility' ? [astana] : []);
    const tokens = {} as Record<Role, string>;
    for (const role of ROLES) {
      tokens[role] = (
        await createToken(
          store,
          { role, name: `${role} test`, facilities: scopeOf(role), regions: [] },
          'test',
        )
      ).token;
    }
    const personId = (
      await createPerson(
        store,
        {
          familyName: 'Абенов',
          givenNames: 'Ерлан',
          birthDate: '1988-04-17',
          sex: 'male',
          facilityId: astana,
        },
        'test',
      )
    ).id;
    app = await buildApp({
      store,
      dataDir: fresh.dataDir,
      rateLimit: { max: 1_000_000, timeWindowMs: 60_000 },
      loginRateLimit: { max: 1_000_000, timeWindowMs: 60_000 },
      ...options,
    });
    const built = app;
    const others: RunningServer[] = [];
    let users = 0;
    return {
      app: built,
      store,
      dataDir: fresh.dataDir,
      facilities: { astana, almatyWomen },
      tokens,
      personId,
      bearer: (role) => ({ authorization: `Bearer ${tokens[role]}` }),
      async session(role, scope = {}) {
        const username = `user${++users}`;
        await createUser(
          store,
          {
            username,
            password: PASSWORD,
            name: username,
            role,
            facilities: scope.facilities ?? scopeOf(role),
            regions: scope.regions ?? [],
          },
          'test',
        );
        const result = await login(store, { username, password: PASSWORD, ip: '127.0.0.1' });
        if (!result) throw new Error('login failed');
        return {
          cookie: `${SESSION_COOKIE}=${built.signCookie(result.sessionId)}`,
          csrfToken: result.csrfToken,
        };
      },
      async anotherServer() {
        let env: NodeJS.ProcessEnv = {};
        if (fresh.databaseUrl && fresh.pgSchema) {
          const url = new URL(fresh.databaseUrl);
          url.searchParams.set('options', `-c search_path=${fresh.pgSchema}`);
          env = { DATABASE_URL: url.toString() };
        }
        const other = await startCliServer(fresh.dataDir, env);
        others.push(other);
        return other;
      },
      async close() {
        for (const other of others.splice(0)) await other.stop();
        await built.close();
        await fresh.cleanup();
      },
    };
  } catch (error) {
    await app?.close();
    await fresh.cleanup();
    throw error;
  }
}

/** Asserts the RFC 9457 shape and returns the problem. */
export function problemOf(response: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  const type = String(response.headers['content-type']);
  if (!type.startsWith('application/problem+json'))
    throw new Error(
      `expected application/problem+json, got ${type} (${response.statusCode}): ${response.body.slice(0, 200)}`,
    );
  return JSON.parse(response.body) as {
    type: string;
    title: string;
    status: number;
    detail: string;
    rule?: string;
    issues?: { field: string; message: string }[];
  };
}

/** The store with some methods replaced, to make it fail on purpose (busy, conflicts, lost audit writes). */
export function faultyStore(store: Store, overrides: Partial<Store>): Store {
  return new Proxy(store, {
    get(target, property, _receiver) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof Store];
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
