import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localPath } from '../../src/web/paths.js';
import { PASSWORD, startHarness, type Harness } from '../http/harness.js';
import { createUser } from '../../src/app/accounts.js';
import { CookieJar, csrfField, form } from './jar.js';

/*
 * Issue 17 item 7: `next` after signing in is judged after it is normalised, so dot segments,
 * encoded dots, backslashes and control characters cannot turn it into another host.
 */

const ORIGINS = ['http://habeas.test', 'https://register.example.kz:8443'];

/** What a browser does with a Location header: resolved against the page's own address. */
function staysOnOrigin(location: string): boolean {
  return ORIGINS.every((origin) => new URL(location, `${origin}/login`).origin === origin);
}

/** A local path as localPath may answer it: one slash, no control characters, no backslash, a fixed point. */
function isSafeLocalPath(path: string): boolean {
  return (
    path.startsWith('/') &&
    !path.startsWith('//') &&
    ![...path].some((char) => char < ' ' || char === '\u007f' || char === '\\') &&
    staysOnOrigin(path) &&
    localPath(path) === path
  );
}

/** Pieces an attacker strings together: slashes, dot segments raw and encoded, backslashes, whitespace, hosts. */
const PIECES = [
  '/',
  '//',
  '\\',
  '.',
  '..',
  '%2e',
  '%2E',
  '%2e%2e',
  '%2f',
  '%2F',
  '%5c',
  '%5C',
  '%09',
  '%0a',
  '\t',
  '\n',
  '\r',
  ' ',
  '\u0000',
  '\u3002',
  '\uff0f',
  '@',
  ':',
  '?',
  '#',
  'http:',
  'https:',
  'javascript:',
  'evil.example',
  'people',
  'login',
];
const crafted = fc
  .array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 10 })
  .map((parts) => parts.join(''));

describe('localPath: an open redirect after sign-in is impossible', () => {
  test('dot segments, raw or encoded, cannot make a path another host', () => {
    for (const attack of [
      '/.//evil.example/phish',
      '/..//evil.example/phish',
      '/%2e//evil.example/phish',
      '/%2E%2E//evil.example/phish',
      '/a/..//evil.example',
      '/./\\evil.example',
      '/.%2f/evil.example',
      '/\\/evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/.\r//evil.example',
    ]) {
      const result = localPath(attack);
      expect(result, attack).not.toMatch(/^\/\//);
      expect(staysOnOrigin(result), attack).toBe(true);
    }
    expect(localPath('/.//evil.example/phish')).toBe('/');
  });

  test('our own paths are kept as they are', () => {
    expect(localPath('/people/new')).toBe('/people/new');
    expect(localPath('/custody?status=open#list')).toBe('/custody?status=open#list');
    expect(localPath('/./people/new')).toBe('/people/new');
  });

  test('property: any string in gives either a safe local path or the home page', () => {
    const anyInput = fc.oneof(crafted, fc.string({ unit: 'binary' }), fc.webUrl(), fc.webPath());
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = localPath(input);
        expect(result === '/' || isSafeLocalPath(result), JSON.stringify({ input, result })).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('POST /login with a crafted next', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('sqlite');
    await createUser(
      h.store,
      { username: 'redirected', password: PASSWORD, name: 'R', role: 'judge' },
      'test',
    );
  });
  afterAll(async () => h?.close());

  test('answers 303 to a path of this site, never to //evil.example', async () => {
    for (const next of ['/.//evil.example/phish', '/..//evil.example/phish', '/%2e//evil.example/phish']) {
      const jar = new CookieJar();
      const page = await h.app.inject({ method: 'GET', url: `/login?next=${encodeURIComponent(next)}` });
      jar.take(page);
      const response = await h.app.inject({
        method: 'POST',
        url: '/login',
        ...form({ _csrf: csrfField(page.body), next, username: 'redirected', password: PASSWORD }),
        headers: { ...form({}).headers, ...jar.header() },
      });
      expect(response.statusCode, next).toBe(303);
      expect(response.headers.location, next).toBe('/');
    }
  });
});
