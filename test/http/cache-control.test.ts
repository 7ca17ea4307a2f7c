import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from '../support/engines.js';
import { startHarness, type Harness } from './harness.js';

/*
 * Issue 17 item 11: API answers with personal data had no `Cache-Control: no-store`. Every answer
 * to someone signed in (a token or a session) is now no-store; what is public by nature (the
 * stylesheet, the sealing public key) may still be cached.
 */

for (const engine of ENGINES) {
  describe(`Cache-Control (${engine})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(engine);
    });
    afterAll(async () => h?.close());

    test('a person read through the API is no-store', async () => {
      const response = await h.app.inject({
        url: `/api/v1/people/${h.personId}`,
        headers: h.bearer('judge'),
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
    });

    test('every authenticated API answer is no-store, refusals and lists included', async () => {
      for (const [url, role] of [
        ['/api/v1/facilities', 'admin'],
        ['/api/v1/users', 'admin'],
        [`/api/v1/audit?subject=person/${h.personId}`, 'monitor'],
        [`/api/v1/people/${h.personId}`, 'statistician'],
        ['/api/v1/people/nosuchperson', 'judge'],
        ['/api/v1/log/checkpoint', 'monitor'],
      ] as const) {
        const response = await h.app.inject({ url, headers: h.bearer(role) });
        expect(response.headers['cache-control'], `${url} as ${role}`).toBe('no-store');
      }
    });

    test('a signed-in page is no-store, through the session cookie', async () => {
      const session = await h.session('custody-officer');
      const home = await h.app.inject({ url: '/', headers: { cookie: session.cookie } });
      expect(home.statusCode).toBe(200);
      expect(home.headers['cache-control']).toBe('no-store');
      const api = await h.app.inject({
        url: `/api/v1/people/${h.personId}`,
        headers: { cookie: session.cookie },
      });
      expect(api.statusCode).toBe(200);
      expect(api.headers['cache-control']).toBe('no-store');
    });

    test('public material keeps its caching, signed in or not', async () => {
      const session = await h.session('monitor');
      for (const headers of [{}, { cookie: session.cookie }]) {
        const style = await h.app.inject({ url: '/static/style.css', headers });
        expect(style.statusCode).toBe(200);
        expect(style.headers['cache-control']).toMatch(/public/);
      }
      const checkpoint = await h.app.inject({ url: '/api/v1/log/checkpoint' });
      expect(checkpoint.statusCode).toBe(200);
      expect(checkpoint.headers['cache-control'] ?? '').not.toBe('no-store');
    });
  });
}
