import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from '../support/engines.js';
import { problemOf, startHarness, type Harness } from './harness.js';

/*
 * CSRF (OWASP synchronizer token): an unsafe request that a session cookie authenticates must
 * carry the session's token; a bearer token needs none (no browser sends it by itself).
 */

const person = { familyName: 'Омарова', givenNames: 'Салтанат', birthDate: '1993-09-27', sex: 'female' };

for (const engine of ENGINES) {
  describe(`CSRF (${engine})`, () => {
    let h: Harness;
    let officer: { cookie: string; csrfToken: string };
    beforeAll(async () => {
      h = await startHarness(engine);
      officer = await h.session('custody-officer');
    });
    afterAll(async () => h?.close());

    test('a cookie session without the token is refused with 403', async () => {
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/v1/people',
        headers: { cookie: officer.cookie },
        payload: person,
      });
      expect(response.statusCode).toBe(403);
      expect(problemOf(response).detail).toMatch(/CSRF/);
    });

    test('a cookie session with a wrong token is refused with 403', async () => {
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/v1/people',
        headers: {
          cookie: officer.cookie,
          'x-csrf-token': officer.csrfToken.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
        },
        payload: person,
      });
      expect(response.statusCode).toBe(403);
    });

    test('a cookie session with the token in X-CSRF-Token is accepted', async () => {
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/v1/people',
        headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrfToken },
        payload: person,
      });
      expect(response.statusCode, response.body).toBe(201);
    });

    test('a form with the token in the field _csrf is accepted', async () => {
      const form = new URLSearchParams({ ...person, _csrf: officer.csrfToken }).toString();
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/v1/people',
        headers: { cookie: officer.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: form,
      });
      expect(response.statusCode, response.body).toBe(201);
    });

    test('the token of another session does not do', async () => {
      const other = await h.session('custody-officer');
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/v1/people',
        headers: { cookie: officer.cookie, 'x-csrf-token': other.csrfToken },
        payload: person,
      });
      expect(response.statusCode).toBe(403);
    });

    test('a bearer token needs no CSRF token', async () => {
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/v1/people',
        headers: h.bearer('custody-officer'),
        payload: person,
      });
      expect(response.statusCode).toBe(201);
    });

    test('safe methods need none', async () => {
      const response = await h.app.inject({
        url: `/api/v1/people/${h.personId}`,
        headers: { cookie: officer.cookie },
      });
      expect(response.statusCode).toBe(200);
    });

    test('a cookie with a forged signature is the public', async () => {
      const forged = officer.cookie.replace(/\.[^.]+$/, '.forgedsignature');
      const response = await h.app.inject({
        url: `/api/v1/people/${h.personId}`,
        headers: { cookie: forged },
      });
      expect(response.statusCode).toBe(401);
    });
  });
}
