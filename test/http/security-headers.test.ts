import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { securityHeaders } from '../../src/http/security-headers.js';
import { startHarness, type Harness } from './harness.js';

/*
 * The security headers are worked out once by helmet and set on every answer (DESIGN.md "Pages":
 * strict CSP, nothing from other hosts). Headers do not depend on the engine: SQLite only.
 */

const CSP =
  "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self';" +
  "connect-src 'self';media-src 'self' blob:;object-src 'none';base-uri 'self';form-action 'self';" +
  "frame-ancestors 'none'";

const EVERY_ANSWER = {
  'content-security-policy': CSP,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

describe('security headers', () => {
  let h: Harness;
  let tls: Harness;
  beforeAll(async () => {
    h = await startHarness('sqlite');
    tls = await startHarness('sqlite', { secureCookies: true });
  });
  afterAll(async () => {
    await h?.close();
    await tls?.close();
  });

  const answers = (app: Harness) => [
    { name: 'health check', request: { url: '/healthz' }, status: 200 },
    { name: 'API read', request: { url: '/api/v1/log/checkpoint' }, status: 200 },
    { name: 'page', request: { url: '/login' }, status: 200 },
    { name: 'unknown route (404 problem)', request: { url: '/api/v1/nothing-here' }, status: 404 },
    { name: 'no credentials (401 problem)', request: { url: '/api/v1/custody' }, status: 401 },
    {
      name: 'malformed JSON (400 problem)',
      request: {
        method: 'POST' as const,
        url: '/api/v1/people',
        headers: { ...app.bearer('custody-officer'), 'content-type': 'application/json' },
        payload: '{"familyName":',
      },
      status: 400,
    },
  ];

  test('every kind of answer carries the whole set, with framing denied as the CSP says', async () => {
    for (const { name, request, status } of answers(h)) {
      const response = await h.app.inject(request);
      expect(response.statusCode, name).toBe(status);
      for (const [header, value] of Object.entries(EVERY_ANSWER)) {
        expect(response.headers[header], `${name}: ${header}`).toBe(value);
      }
      expect(response.headers['strict-transport-security'], name).toBeUndefined();
      expect(response.headers['x-powered-by'], name).toBeUndefined();
    }
  });

  test('over TLS: HSTS for a year with subdomains, and insecure requests upgraded', async () => {
    for (const { name, request, status } of answers(tls)) {
      const response = await tls.app.inject(request);
      expect(response.statusCode, name).toBe(status);
      expect(response.headers['strict-transport-security'], name).toBe('max-age=31536000; includeSubDomains');
      expect(response.headers['content-security-policy'], name).toBe(`${CSP};upgrade-insecure-requests`);
      expect(response.headers['x-frame-options'], name).toBe('DENY');
    }
  });

  test('options helmet refuses are refused when the server starts, not on the first request', () => {
    expect(() =>
      securityHeaders({ contentSecurityPolicy: { directives: { defaultSrc: ["'self'; script-src *"] } } }),
    ).toThrow(/Content-Security-Policy/);
  });
});
