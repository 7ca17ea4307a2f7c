import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../../src/access/principal.js';
import { ENGINES } from '../support/engines.js';
import { startHarness, type Harness } from './harness.js';

/*
 * Never a 500 for bad input (DESIGN.md "Interfaces"): garbage bodies, wrong content types, huge
 * numbers, odd Unicode and hostile JSON, to every endpoint, as the public and as the roles that
 * get past authorisation. Every answer is below 500, and every error is a problem document.
 */

const ENDPOINTS: { method: 'GET' | 'POST'; url: (h: Harness, junk: string) => string }[] = [
  { method: 'GET', url: () => '/healthz' },
  { method: 'POST', url: () => '/api/v1/facilities' },
  { method: 'GET', url: () => '/api/v1/facilities' },
  { method: 'GET', url: (_h, junk) => `/api/v1/facilities/${junk}` },
  { method: 'POST', url: () => '/api/v1/people' },
  { method: 'GET', url: (_h, junk) => `/api/v1/people/${junk}` },
  { method: 'GET', url: (h, junk) => `/api/v1/people/${h.personId}?purpose=${junk}` },
  { method: 'GET', url: (_h, junk) => `/api/v1/audit?subject=${junk}` },
  { method: 'GET', url: () => '/api/v1/log/checkpoint' },
  {
    method: 'GET',
    url: (_h, junk) => `/api/v1/log/proof/inclusion?index=${junk}&size=${junk}`,
  },
  { method: 'GET', url: (_h, junk) => `/api/v1/log/proof/consistency?from=${junk}&to=2` },
  {
    method: 'GET',
    url: (_h, junk) => `/api/v1/log/entries?start=${junk}&end=${junk}`,
  },
];

const CALLERS: (Role | 'public')[] = ['public', 'admin', 'custody-officer', 'monitor'];

const HOSTILE_BODIES: { type: string; body: string }[] = [
  { type: 'application/json', body: '' },
  { type: 'application/json', body: 'null' },
  { type: 'application/json', body: '[]' },
  { type: 'application/json', body: '"string"' },
  { type: 'application/json', body: '1e999999' },
  { type: 'application/json', body: '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}' },
  {
    type: 'application/json',
    body: '{"name":"\\ud800","kind":"prison","population":"men","region":"\\udfff"}',
  },
  {
    type: 'application/json',
    body: '{"familyName":"\u202eevil","givenNames":"\u0000","birthDate":"9999-99-99","sex":"male"}',
  },
  {
    type: 'application/json',
    body: '{"familyName":"a","givenNames":"b","birthDate":"1990-01-01","sex":"male","languages":"kk"}',
  },
  {
    type: 'application/json',
    body: '{"familyName":"a","givenNames":"b","birthDate":"1990-01-01","sex":"male","languages":[1e308,null,{}]}',
  },
  {
    type: 'application/json',
    body: '{"familyName":"a","givenNames":"b","birthDate":"1990-01-01","sex":"male","facilityId":{"$ne":1}}',
  },
  { type: 'application/json', body: '{"name":' + '['.repeat(5000) + ']'.repeat(5000) + '}' },
  {
    type: 'application/json',
    body: '{"name":' + JSON.stringify('𝕳'.repeat(5000)) + ',"kind":"prison","population":"men","region":"R"}',
  },
  { type: 'application/json', body: '\u0000\u0001\u0002' },
  { type: 'application/json; charset=utf-16', body: '{}' },
  { type: 'application/x-www-form-urlencoded', body: 'name=%ZZ&kind[]=1&kind[]=2' },
  { type: 'application/x-www-form-urlencoded', body: 'a=1&'.repeat(2000) },
  { type: 'text/plain', body: 'hello' },
  { type: 'multipart/form-data; boundary=x', body: '--x\r\n\r\n--x--' },
  { type: 'application/octet-stream', body: '\u00ff\u00fe' },
  { type: '', body: '{}' },
  {
    type: 'application/json',
    body: '{"birthDate":"2024-02-29T00:00:00Z","sex":"male","familyName":"a","givenNames":"b"}',
  },
];

/** Raw URL text: percent-encodings of odd Unicode, invalid UTF-8 (%ED%A0%80 is a lone surrogate, %FF no character), a bare %. */
const ODD_SEGMENTS = [
  '',
  '%20',
  '-1',
  '1e3',
  '0x10',
  '9'.repeat(400),
  'NaN',
  '..%2F..',
  '%00',
  '%F0%9F%98%80',
  '%EF%BD%86',
  '%ED%A0%80',
  '%FF',
  '%',
  'a%2Fb',
  '%3F%26%3D',
  '%E2%80%AE',
];

for (const engine of ENGINES) {
  describe(`no 5xx on garbage (${engine})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(engine);
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

    test('hostile bodies and content types to every endpoint, as every kind of caller', async () => {
      for (const caller of CALLERS) {
        const headers = caller === 'public' ? {} : h.bearer(caller);
        for (const endpoint of ENDPOINTS) {
          for (const { type, body } of HOSTILE_BODIES) {
            const url = endpoint.url(h, 'x');
            const response = await h.app.inject({
              method: 'POST',
              url,
              headers: { ...headers, ...(type ? { 'content-type': type } : {}) },
              payload: body,
            });
            check(response, `${caller} POST ${url} ${type}`);
          }
        }
      }
    });

    test('odd strings in every path and query parameter', async () => {
      for (const caller of CALLERS) {
        const headers = caller === 'public' ? {} : h.bearer(caller);
        for (const endpoint of ENDPOINTS)
          for (const junk of ODD_SEGMENTS) {
            const url = endpoint.url(h, junk);
            check(await h.app.inject({ method: 'GET', url, headers }), `${caller} GET ${url}`);
          }
      }
    });

    test('random JSON values as bodies (property)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...ENDPOINTS.filter((e) => e.method === 'POST')),
          fc.jsonValue(),
          async (endpoint, value) => {
            for (const role of ['admin', 'custody-officer'] as const) {
              const response = await h.app.inject({
                method: 'POST',
                url: endpoint.url(h, 'x'),
                headers: { ...h.bearer(role), 'content-type': 'application/json' },
                payload: JSON.stringify(value),
              });
              check(response, `${role} ${JSON.stringify(value).slice(0, 100)}`);
            }
          },
        ),
        { numRuns: 150 },
      );
    });

    test('random records that almost fit (property)', async () => {
      const text = fc.oneof(
        fc.string(),
        fc.string({ unit: 'binary' }),
        fc.constant(''),
        fc.string({ unit: 'grapheme', maxLength: 300 }),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.record(
            {
              familyName: text,
              givenNames: text,
              patronymic: text,
              birthDate: fc.oneof(
                text,
                fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
              ),
              sex: fc.constantFrom('male', 'female', 'other', ''),
              citizenship: fc.oneof(text, fc.constantFrom('KZ', 'kz', 'XK', 'ZZ')),
              languages: fc.array(text, { maxLength: 25 }),
              facilityId: fc.oneof(text, fc.constant(h.facilities.astana)),
            },
            { requiredKeys: [] },
          ),
          async (body) => {
            const response = await h.app.inject({
              method: 'POST',
              url: '/api/v1/people',
              headers: h.bearer('custody-officer'),
              payload: body,
            });
            check(response, JSON.stringify(body).slice(0, 200));
          },
        ),
        { numRuns: 200 },
      );
    });

    test('odd headers: long, non-ASCII, repeated', async () => {
      const cases: Record<string, string | string[]>[] = [
        { authorization: 'Bearer ' + 'x'.repeat(10_000) },
        { authorization: ['Bearer a', 'Bearer b'] },
        { cookie: 'habeas_session=' + 'x'.repeat(4000) },
        { cookie: 'habeas_session=s%3Agarbage.sig; lang=zz' },
        { 'accept-language': 'kk;q=abc, ru;q=-1, *;q=0.5, ' + 'en,'.repeat(500) },
        { 'x-habeas-purpose': 'x'.repeat(5000) },
        { 'x-csrf-token': '\u00ff' },
      ];
      for (const headers of cases) {
        for (const endpoint of ENDPOINTS) {
          const url = endpoint.url(h, 'x');
          check(
            await h.app.inject({
              method: endpoint.method,
              url,
              headers,
              payload: endpoint.method === 'POST' ? {} : undefined,
            }),
            `${url} ${Object.keys(headers)}`,
          );
        }
      }
    });
  });
}
