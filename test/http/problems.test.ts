import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RefusedError } from '../../src/app/errors.js';
import { buildApp } from '../../src/http/app.js';
import { StoreBusyError, VersionConflictError } from '../../src/store/types.js';
import { ENGINES } from '../support/engines.js';
import { faultyStore, problemOf, startHarness, type Harness } from './harness.js';

/* RFC 9457 problem details for every status the API gives (DESIGN.md "Interfaces": errors). */

const facility = { name: 'Изолятор', kind: 'remand-centre', population: 'men', region: 'KZ-KAR' };
const person = { familyName: 'Ким', givenNames: 'Виктор', birthDate: '1984-12-05', sex: 'male' };

for (const engine of ENGINES) {
  describe(`problem details (${engine})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(engine);
    });
    afterAll(async () => h?.close());

    function expectProblem(response: Awaited<ReturnType<Harness['app']['inject']>>, status: number) {
      expect(response.statusCode, response.body).toBe(status);
      const problem = problemOf(response);
      expect(problem).toMatchObject({ type: 'about:blank', status });
      expect(problem.title.length).toBeGreaterThan(0);
      expect(problem.detail.length).toBeGreaterThan(0);
      return problem;
    }

    test('400: malformed JSON', async () => {
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/v1/facilities',
        headers: { ...h.bearer('admin'), 'content-type': 'application/json' },
        payload: '{"name": "unterminated',
      });
      expectProblem(response, 400);
    });

    test('400: a malformed query names the field', async () => {
      const problem = expectProblem(
        await h.app.inject({ url: '/api/v1/log/proof/inclusion?index=x&size=1' }),
        400,
      );
      expect(problem.issues?.map((issue) => issue.field)).toContain('query.index');
    });

    test('401: no credentials, with WWW-Authenticate', async () => {
      const response = await h.app.inject({ method: 'POST', url: '/api/v1/facilities', payload: facility });
      expectProblem(response, 401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    });

    test('401: an unknown or malformed token is refused, never treated as the public', async () => {
      for (const authorization of [
        'Bearer hbs_' + 'A'.repeat(43),
        'Bearer',
        'Basic dXNlcjpwYXNz',
        'Bearer \u0000',
      ])
        expectProblem(await h.app.inject({ url: '/api/v1/log/checkpoint', headers: { authorization } }), 401);
    });

    test('403: a role without the right', async () => {
      const problem = expectProblem(
        await h.app.inject({ url: `/api/v1/people/${h.personId}`, headers: h.bearer('statistician') }),
        403,
      );
      expect(problem.detail).toContain('statistician');
    });

    test('404: unknown route and unknown record', async () => {
      expectProblem(await h.app.inject({ url: '/api/v1/nothing-here' }), 404);
      expectProblem(await h.app.inject({ method: 'DELETE', url: `/api/v1/people/${h.personId}` }), 404);
      expectProblem(
        await h.app.inject({ url: '/api/v1/people/unknownperson', headers: h.bearer('monitor') }),
        404,
      );
      expectProblem(
        await h.app.inject({ url: '/api/v1/facilities/unknownfacility', headers: h.bearer('admin') }),
        404,
      );
    });

    test('413: a body over 1 MiB', async () => {
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/v1/facilities',
        headers: h.bearer('admin'),
        payload: { ...facility, name: 'x'.repeat(1024 * 1024 + 10) },
      });
      expectProblem(response, 413);
    });

    test('415: a content type the API does not take', async () => {
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/v1/facilities',
        headers: { ...h.bearer('admin'), 'content-type': 'application/xml' },
        payload: '<facility/>',
      });
      expectProblem(response, 415);
    });

    test('422: validation lists each field', async () => {
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/v1/people',
        headers: h.bearer('custody-officer'),
        payload: { ...person, birthDate: '1984-02-30', sex: 'unknown', familyName: undefined },
      });
      const problem = expectProblem(response, 422);
      expect(problem.issues?.map((issue) => issue.field).sort()).toEqual([
        'body.birthDate',
        'body.familyName',
        'body.sex',
      ]);
    });

    test('422: a refusal by the decider names the field', async () => {
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/v1/people',
        headers: h.bearer('custody-officer'),
        payload: { ...person, birthDate: '2999-01-01' },
      });
      const problem = expectProblem(response, 422);
      expect(problem.issues).toEqual([
        { field: 'body.birthDate', message: 'the birth date is in the future' },
      ]);
    });

    test('422: an officer with several facilities must say which; one out of scope is 403', async () => {
      const { createToken } = await import('../../src/app/accounts.js');
      const { token } = await createToken(
        h.store,
        {
          role: 'prison-officer',
          name: 'two sites',
          facilities: [h.facilities.astana, h.facilities.almatyWomen],
        },
        'test',
      );
      const headers = { authorization: `Bearer ${token}` };
      const ambiguous = await h.app.inject({
        method: 'POST',
        url: '/api/v1/people',
        headers,
        payload: person,
      });
      expect(expectProblem(ambiguous, 422).issues?.[0]?.field).toBe('body.facilityId');
      const chosen = await h.app.inject({
        method: 'POST',
        url: '/api/v1/people',
        headers,
        payload: { ...person, facilityId: h.facilities.almatyWomen },
      });
      expect(chosen.statusCode).toBe(201);
      const outside = await h.app.inject({
        method: 'POST',
        url: '/api/v1/people',
        headers: h.bearer('custody-officer'),
        payload: { ...person, facilityId: h.facilities.almatyWomen },
      });
      expectProblem(outside, 403);
    });

    describe('errors of the store', () => {
      async function appWith(overrides: Parameters<typeof faultyStore>[1]) {
        return buildApp({ store: faultyStore(h.store, overrides), dataDir: h.dataDir });
      }

      test('409: a concurrent change of the same stream (VersionConflictError)', async () => {
        const app = await appWith({
          append: async (request) => {
            throw new VersionConflictError(request.stream, 0, 1);
          },
        });
        try {
          const response = await app.inject({
            method: 'POST',
            url: '/api/v1/facilities',
            headers: h.bearer('admin'),
            payload: facility,
          });
          expectProblem(response, 409);
        } finally {
          await app.close();
        }
      });

      test('503 with Retry-After: the log is busy (StoreBusyError)', async () => {
        const app = await appWith({
          append: async () => {
            throw new StoreBusyError();
          },
        });
        try {
          const response = await app.inject({
            method: 'POST',
            url: '/api/v1/facilities',
            headers: h.bearer('admin'),
            payload: facility,
          });
          expectProblem(response, 503);
          expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
        } finally {
          await app.close();
        }
      });

      test('422 with the rule id when a rule refuses', async () => {
        const app = await appWith({
          append: async () => {
            throw new RefusedError({
              rule: 'kz.custody.limit',
              detail: 'police custody without court approval ended',
            });
          },
        });
        try {
          const response = await app.inject({
            method: 'POST',
            url: '/api/v1/facilities',
            headers: h.bearer('admin'),
            payload: facility,
          });
          expect(expectProblem(response, 422).rule).toBe('kz.custody.limit');
        } finally {
          await app.close();
        }
      });

      test('/healthz: 200 when the store answers, 503 when it does not', async () => {
        expect((await h.app.inject({ url: '/healthz' })).json()).toMatchObject({ status: 'ok' });
        const app = await appWith({
          size: async () => {
            throw new Error('connection refused');
          },
        });
        try {
          expectProblem(await app.inject({ url: '/healthz' }), 503);
        } finally {
          await app.close();
        }
      });
    });
  });
}
