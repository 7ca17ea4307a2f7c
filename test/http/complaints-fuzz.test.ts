import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../../src/access/principal.js';
import { initSealing } from '../../src/sealing/keystore.js';
import { ENGINES } from '../support/engines.js';
import { startHarness, type Harness } from './harness.js';

/*
 * Never a 500 for bad input (DESIGN.md "Interfaces"), on the complaint channel's endpoints, as the
 * roles that get past its authorisation (test/http/fuzz.test.ts does the rest of the API as the
 * public, the administrator, a custody officer and a monitor).
 */

const REFERENCE = 'ABCD-EFGH-JKMN';

const ENDPOINTS: { method: 'GET' | 'POST'; url: (junk: string) => string }[] = [
  { method: 'POST', url: () => '/api/v1/complaints' },
  { method: 'POST', url: () => '/api/v1/complaints/received' },
  { method: 'GET', url: (junk) => `/api/v1/complaints/${junk}/status?pin=1234` },
  { method: 'GET', url: (junk) => `/api/v1/complaints/${REFERENCE}/status?pin=${junk}` },
  { method: 'GET', url: (junk) => `/api/v1/complaints?status=${junk}&cursor=${junk}&limit=${junk}` },
  { method: 'GET', url: (junk) => `/api/v1/complaints/${junk}` },
  { method: 'POST', url: (junk) => `/api/v1/complaints/${junk}/answer` },
  { method: 'POST', url: (junk) => `/api/v1/complaints/${junk}/close` },
  { method: 'POST', url: (junk) => `/api/v1/complaints/${junk}/media` },
  { method: 'GET', url: (junk) => `/api/v1/complaints/${REFERENCE}/media/${junk}` },
  { method: 'GET', url: (junk) => `/api/v1/allegations?cursor=${junk}` },
  { method: 'POST', url: (junk) => `/api/v1/allegations/${junk}/decisions` },
  { method: 'GET', url: (junk) => `/api/v1/protection-requests?status=${junk}` },
  { method: 'POST', url: (junk) => `/api/v1/protection-requests/${junk}/decision` },
  { method: 'POST', url: () => '/api/v1/sealing/unlock' },
  { method: 'POST', url: () => '/api/v1/sealing/lock' },
  { method: 'GET', url: (junk) => `/api/v1/audit?subject=complaint/${junk}` },
];

const CALLERS: Role[] = ['kiosk', 'complaints-officer', 'procurator', 'governor', 'monitor'];

const HOSTILE_BODIES: { type: string; body: string }[] = [
  { type: 'application/json', body: '' },
  { type: 'application/json', body: 'null' },
  { type: 'application/json', body: '[]' },
  { type: 'application/json', body: '{"__proto__":{"x":1}}' },
  {
    type: 'application/json',
    body: '{"facilityId":"x","category":"conditions","sealed":{"enc":"====","ciphertext":"\\ud800"},"pin":"1234"}',
  },
  {
    type: 'application/json',
    body: '{"facilityId":"x","category":"other","sealed":{"enc":"AAAA","ciphertext":"AAAA"},"pin":"12345678901"}',
  },
  {
    type: 'application/json',
    body: '{"facilityId":"x","channel":"paper","category":"other","text":"\\u0000","receivedAt":"9999-99-99T00:00:00Z"}',
  },
  { type: 'application/json', body: '{"answer":' + JSON.stringify('я'.repeat(200_001)) + '}' },
  { type: 'application/json', body: '{"decision":"joined","caseNumber":{},"joinedWith":"OOOO-IIII-LLLL"}' },
  { type: 'application/json', body: '{"decision":"granted","reason":"' + '\\t'.repeat(10) + '"}' },
  { type: 'application/json', body: '{"passphrase":' + JSON.stringify('x'.repeat(5000)) + '}' },
  { type: 'multipart/form-data; boundary=x', body: '--x\r\n\r\n--x--' },
  {
    type: 'multipart/form-data; boundary=x',
    body: '--x\r\nContent-Disposition: form-data; name="__proto__"\r\n\r\n1\r\n--x--\r\n',
  },
  {
    type: 'multipart/form-data; boundary=x',
    body:
      '--x\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\nabc\r\n' +
      '--x\r\nContent-Disposition: form-data; name="file"; filename="b"\r\n\r\nabc\r\n--x--\r\n',
  },
  { type: 'multipart/form-data', body: 'no boundary' },
  { type: 'text/plain', body: 'hello' },
  { type: 'application/octet-stream', body: '\u00ff\u00fe' },
];

const ODD_SEGMENTS = [
  '',
  '%20',
  '-1',
  '9'.repeat(400),
  '%00',
  '%ED%A0%80',
  '%FF',
  '%',
  'a%2Fb',
  'OOOO-IIII-LLLL',
  'abcd efgh jkmn',
];

for (const engine of ENGINES) {
  describe(`complaint endpoints: no 5xx on garbage (${engine})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(engine);
      await initSealing(h.dataDir, 'the complaints authority passphrase', {
        kdf: { memoryKiB: 19_456, iterations: 2, parallelism: 1 },
      });
    });
    afterAll(async () => h?.close());

    function check(
      response: { statusCode: number; headers: Record<string, unknown>; body: string },
      label: string,
    ) {
      expect(response.statusCode, `${label}: ${response.body.slice(0, 200)}`).toBeLessThan(500);
      if (response.statusCode >= 400)
        expect(String(response.headers['content-type']), label).toMatch(/^application\/problem\+json/);
    }

    test('hostile bodies and content types, as every role that may use the channel', async () => {
      for (const caller of CALLERS)
        for (const endpoint of ENDPOINTS.filter((e) => e.method === 'POST'))
          for (const { type, body } of HOSTILE_BODIES) {
            const url = endpoint.url(REFERENCE);
            const response = await h.app.inject({
              method: 'POST',
              url,
              headers: { ...h.bearer(caller), 'content-type': type },
              payload: body,
            });
            check(response, `${caller} POST ${url} ${type}`);
          }
    });

    test('odd strings in every path and query parameter', async () => {
      for (const caller of CALLERS)
        for (const endpoint of ENDPOINTS)
          for (const junk of ODD_SEGMENTS) {
            const url = endpoint.url(junk);
            const response = await h.app.inject({
              method: endpoint.method,
              url,
              headers: h.bearer(caller),
              ...(endpoint.method === 'POST' ? { payload: {} } : {}),
            });
            check(response, `${caller} ${endpoint.method} ${url}`);
          }
    });

    test('random JSON values as complaint bodies (property)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...ENDPOINTS.filter((e) => e.method === 'POST')),
          fc.constantFrom(...CALLERS),
          fc.jsonValue(),
          async (endpoint, caller, value) => {
            const response = await h.app.inject({
              method: 'POST',
              url: endpoint.url(REFERENCE),
              headers: { ...h.bearer(caller), 'content-type': 'application/json' },
              payload: JSON.stringify(value),
            });
            check(response, `${caller} ${JSON.stringify(value).slice(0, 100)}`);
          },
        ),
        { numRuns: 150 },
      );
    });
  });
}
