import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from '../support/engines.js';
import { problemOf, startHarness, type Harness } from './harness.js';

/* Rate limits answer 429 problem+json with Retry-After, per principal (or address), and stricter on POST /login. */

for (const engine of ENGINES) {
  describe(`rate limits (${engine})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(engine, {
        rateLimit: { max: 5, timeWindowMs: 60_000 },
        loginRateLimit: { max: 3, timeWindowMs: 60_000 },
      });
    });
    afterAll(async () => h?.close());

    test('the sixth request in a window is 429 problem+json with Retry-After', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++)
        statuses.push(
          (await h.app.inject({ url: '/api/v1/log/checkpoint', remoteAddress: '10.9.0.1' })).statusCode,
        );
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const response = await h.app.inject({ url: '/api/v1/log/checkpoint', remoteAddress: '10.9.0.1' });
      expect(problemOf(response)).toMatchObject({ status: 429 });
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    });

    test('each principal has its own budget, apart from its address', async () => {
      for (let i = 0; i < 5; i++)
        expect(
          (
            await h.app.inject({
              url: '/api/v1/facilities',
              headers: h.bearer('monitor'),
              remoteAddress: '10.9.0.2',
            })
          ).statusCode,
        ).toBe(200);
      expect(
        (
          await h.app.inject({
            url: '/api/v1/facilities',
            headers: h.bearer('monitor'),
            remoteAddress: '10.9.0.3',
          })
        ).statusCode,
      ).toBe(429);
      expect(
        (
          await h.app.inject({
            url: '/api/v1/facilities',
            headers: h.bearer('judge'),
            remoteAddress: '10.9.0.2',
          })
        ).statusCode,
      ).toBe(200);
    });

    test('unknown routes count too', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++)
        statuses.push((await h.app.inject({ url: '/nothing', remoteAddress: '10.9.0.4' })).statusCode);
      expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
    });

    test('POST /login has a stricter limit per address', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const response = await h.app.inject({
          method: 'POST',
          url: '/login',
          remoteAddress: '10.9.0.5',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: 'username=nobody&password=wrong-password-here',
        });
        statuses.push(response.statusCode);
      }
      expect(statuses.slice(0, 3).every((status) => status !== 429)).toBe(true);
      expect(statuses[3]).toBe(429);
    });
  });
}
