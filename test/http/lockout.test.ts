import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUser } from '../../src/app/accounts.js';
import { LOCKOUT, login } from '../../src/app/sessions.js';
import { DEVICE_COOKIE_PREFIX } from '../../src/http/device-cookie.js';
import { parseTrustProxy } from '../../src/http/trust-proxy.js';
import { ENGINES } from '../support/engines.js';
import { CookieJar, csrfField, form } from '../web/jar.js';
import { PASSWORD, startHarness, type Harness } from './harness.js';

/*
 * Issue 17 item 9: five wrong passwords locked an account for 15 minutes, each failure restarted
 * the lock, and behind a proxy every client shared one address — so anyone could keep an official
 * out. Now a browser that has signed in before (device cookie) is counted on its own, a lock is
 * never extended, and X-Forwarded-For is believed only from the proxies named in --trust-proxy.
 * Brute force stays bounded: untrusted clients per name and per address, each device on its own.
 */

const MINUTE = 60_000;
const PROXY = '10.0.0.5';

for (const engine of ENGINES) {
  describe(`sign-in lockout (${engine})`, () => {
    let h: Harness;
    let users = 0;
    beforeAll(async () => {
      h = await startHarness(engine);
    });
    afterAll(async () => h?.close());

    async function official(): Promise<string> {
      const username = `officer${++users}`;
      await createUser(h.store, { username, password: PASSWORD, name: username, role: 'judge' }, 'test');
      return username;
    }

    test("an attacker's failures, from the official's own address, do not stop a sign-in from the official's device", async () => {
      const username = await official();
      const t0 = new Date('2031-03-01T08:00:00.000Z');
      const at = (ms: number) => new Date(t0.getTime() + ms);
      const first = await login(h.store, { username, password: PASSWORD, ip: PROXY }, t0);
      expect(first).not.toBeNull();
      // The attacker sits behind the same proxy and tries more than every limit allows.
      for (let i = 0; i < LOCKOUT.addressFailures + 5; i++)
        expect(
          await login(h.store, { username, password: `guess number ${i} here`, ip: PROXY }, at(MINUTE)),
        ).toBeNull();
      // Untrusted clients are locked out of the name and the address, the right password included…
      expect(await login(h.store, { username, password: PASSWORD, ip: PROXY }, at(2 * MINUTE))).toBeNull();
      // …but the official's browser, which signed in before, is not.
      const trusted = await login(
        h.store,
        { username, password: PASSWORD, ip: PROXY, device: first!.device },
        at(2 * MINUTE),
      );
      expect(trusted?.principal.username).toBe(username);
    });

    test('a lock runs its time and is not extended by failures during it', async () => {
      const username = await official();
      const t0 = new Date('2031-04-01T08:00:00.000Z');
      const at = (ms: number) => new Date(t0.getTime() + ms);
      for (let i = 0; i < LOCKOUT.userFailures; i++)
        await login(h.store, { username, password: 'not the password at all', ip: `10.2.0.${i}` }, t0);
      expect(await login(h.store, { username, password: PASSWORD, ip: '10.2.1.1' }, at(MINUTE))).toBeNull();
      // Failures during the lock (the attacker keeps going) …
      for (const minutes of [2, 5, 10, 14])
        await login(
          h.store,
          { username, password: 'still not it, sorry', ip: '10.2.2.2' },
          at(minutes * MINUTE),
        );
      // … do not move its end: right after it, the official signs in from anywhere.
      expect(
        await login(h.store, { username, password: PASSWORD, ip: '10.2.1.1' }, at(LOCKOUT.lockMs + 1000)),
      ).not.toBeNull();
    });

    test('brute force stays bounded: a device that fails too often is locked out itself', async () => {
      const username = await official();
      const t0 = new Date('2031-05-01T08:00:00.000Z');
      const at = (ms: number) => new Date(t0.getTime() + ms);
      const first = await login(h.store, { username, password: PASSWORD, ip: '10.3.0.1' }, t0);
      const device = first!.device;
      for (let i = 0; i < LOCKOUT.deviceFailures; i++)
        await login(
          h.store,
          { username, password: `wrong ${i} wrong wrong`, ip: '10.3.0.1', device },
          at(MINUTE),
        );
      expect(
        await login(h.store, { username, password: PASSWORD, ip: '10.3.0.1', device }, at(2 * MINUTE)),
      ).toBeNull();
      // The device's failures did not lock the name for the official's other browsers.
      expect(
        await login(h.store, { username, password: PASSWORD, ip: '10.3.0.9' }, at(2 * MINUTE)),
      ).not.toBeNull();
      // And untrusted clients still get only LOCKOUT.userFailures tries per lock.
      const other = await official();
      for (let i = 0; i < LOCKOUT.userFailures; i++)
        await login(h.store, { username: other, password: `wrong ${i} wrong wrong`, ip: `10.3.1.${i}` }, t0);
      expect(
        await login(h.store, { username: other, password: PASSWORD, ip: '10.3.2.1' }, at(MINUTE)),
      ).toBeNull();
    });

    test('through the sign-in page: the device cookie of one account does not make a browser trusted for another', async () => {
      const username = await official();
      const victim = await official();
      const sharedAddress = '10.4.0.1'; // a proxy of its own: the tests above locked PROXY in 2031
      const signIn = async (jar: CookieJar, name: string, password: string) => {
        const page = await h.app.inject({ url: '/login', headers: jar.header() });
        jar.take(page);
        const response = await h.app.inject({
          method: 'POST',
          url: '/login',
          remoteAddress: sharedAddress,
          ...form({ _csrf: csrfField(page.body), next: '/', username: name, password }),
          headers: { ...form({}).headers, ...jar.header() },
        });
        jar.take(response);
        return response;
      };
      const desk = new CookieJar();
      expect((await signIn(desk, username, PASSWORD)).statusCode).toBe(303);
      const deviceLine = desk
        .header()
        .cookie.split('; ')
        .find((c) => c.startsWith(DEVICE_COOKIE_PREFIX));
      expect(deviceLine).toBeDefined();

      // The attacker, behind the same proxy, fails for both names until both are locked.
      const attacker = new CookieJar();
      for (let i = 0; i < LOCKOUT.userFailures; i++) {
        expect((await signIn(attacker, username, `bad guess ${i} zz`)).statusCode).toBe(401);
        expect((await signIn(attacker, victim, `bad guess ${i} zz`)).statusCode).toBe(401);
      }
      // The official's browser (only its device cookie kept) signs in all the same.
      const again = new CookieJar();
      again.take({ headers: { 'set-cookie': [`${deviceLine};`] } });
      expect((await signIn(again, username, PASSWORD)).statusCode).toBe(303);

      // The same cookie renamed to the victim's name is not trusted: the signature covers the name.
      const [, value] = (deviceLine as string).split('=');
      const forged = new CookieJar();
      const victimPage = await h.app.inject({ url: '/login' });
      forged.take(victimPage);
      forged.take({ headers: { 'set-cookie': [`${DEVICE_COOKIE_PREFIX}${'0'.repeat(16)}=${value};`] } });
      expect((await signIn(forged, victim, PASSWORD)).statusCode).toBe(401);
    });
  });
}

describe('X-Forwarded-For', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('sqlite', {
      trustProxy: [PROXY],
      loginRateLimit: { max: 2, timeWindowMs: 60_000 },
    });
  });
  afterAll(async () => h?.close());

  const attempt = (remoteAddress: string, forwardedFor: string) =>
    h.app.inject({
      method: 'POST',
      url: '/login',
      remoteAddress,
      headers: { 'x-forwarded-for': forwardedFor, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=nobody&password=x',
    });

  test('is honoured only from a trusted proxy: behind it each client has its own budget', async () => {
    expect((await attempt(PROXY, '203.0.113.1')).statusCode).not.toBe(429);
    expect((await attempt(PROXY, '203.0.113.1')).statusCode).not.toBe(429);
    expect((await attempt(PROXY, '203.0.113.1')).statusCode).toBe(429);
    // Another client behind the same proxy is not held back by the first.
    expect((await attempt(PROXY, '203.0.113.2')).statusCode).not.toBe(429);
  });

  test('a client that writes the header itself is counted by its own address', async () => {
    const direct = '198.51.100.7';
    expect((await attempt(direct, '203.0.113.50')).statusCode).not.toBe(429);
    expect((await attempt(direct, '203.0.113.51')).statusCode).not.toBe(429);
    expect((await attempt(direct, '203.0.113.52')).statusCode).toBe(429);
    // Through the proxy, the right-most address that is not a trusted proxy is the client.
    expect((await attempt(PROXY, '203.0.113.60, 203.0.113.3')).statusCode).not.toBe(429);
  });

  test('the lockout counts the client behind the proxy, not the proxy', async () => {
    await createUser(
      h.store,
      { username: 'behindproxy', password: PASSWORD, name: 'B', role: 'judge' },
      'test',
    );
    const jar = new CookieJar();
    const page = await h.app.inject({
      url: '/login',
      remoteAddress: PROXY,
      headers: { 'x-forwarded-for': '203.0.113.77' },
    });
    jar.take(page);
    const response = await h.app.inject({
      method: 'POST',
      url: '/login',
      remoteAddress: PROXY,
      ...form({
        _csrf: csrfField(page.body),
        next: '/',
        username: 'behindproxy',
        password: 'a wrong password here',
      }),
      headers: { ...form({}).headers, ...jar.header(), 'x-forwarded-for': '203.0.113.77' },
    });
    expect(response.statusCode).toBe(401);
    const keys = (await h.store.db.selectFrom('login_throttle').select('key').execute()).map(
      (row) => row.key,
    );
    expect(keys).toContain('ip:203.0.113.77');
    expect(keys).not.toContain(`ip:${PROXY}`);
  });

  test('--trust-proxy takes addresses and CIDR ranges, and refuses anything else', () => {
    expect(parseTrustProxy('10.0.0.5, 192.168.0.0/16 ::1 fd00::/8,loopback')).toEqual([
      '10.0.0.5',
      '192.168.0.0/16',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    for (const bad of ['', 'true', '*', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/8', '::1/129'])
      expect(() => parseTrustProxy(bad), bad).toThrow();
  });
});
