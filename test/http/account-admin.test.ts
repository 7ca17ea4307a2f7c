import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createToken, createUser } from '../../src/app/accounts.js';
import { login, sessionPrincipal } from '../../src/app/sessions.js';
import { ENGINES } from '../support/engines.js';
import { PASSWORD, problemOf, startHarness, type Harness } from './harness.js';

/*
 * Account administration through the API (issue 17 item 8, issue 18 item 4): the administrator
 * lists accounts (role, scope, state; no secret, no case content), disables and enables a person,
 * resets a password and revokes a token. Each change is an entry in the log with the
 * administrator as actor and the reason; nobody else may do any of it.
 */

const TEMPORARY = 'temporary passphrase for Monday';

for (const engine of ENGINES) {
  describe(`account administration (${engine})`, () => {
    let h: Harness;
    let users = 0;
    beforeAll(async () => {
      h = await startHarness(engine);
    });
    afterAll(async () => h?.close());

    const admin = () => h.bearer('admin');
    const post = (url: string, payload: object, headers: Record<string, string> = admin()) =>
      h.app.inject({ method: 'POST', url, headers, payload });

    async function person(role: 'judge' | 'custody-officer' = 'judge') {
      const username = `official${++users}`;
      const facilities = role === 'custody-officer' ? [h.facilities.astana] : [];
      const { id } = await createUser(
        h.store,
        { username, password: PASSWORD, name: `Official ${users}`, role, facilities, regions: [] },
        'test',
      );
      return { id, username };
    }

    const signIn = (username: string, password = PASSWORD) =>
      login(h.store, { username, password, ip: `10.9.${users}.1` });

    async function entriesOf(stream: string) {
      return (await h.store.readStream(stream)).map(({ entry, payload }) => ({
        type: entry.type,
        actor: entry.actor,
        payload,
      }));
    }

    test('only the administrator lists accounts, with role, scope and state and no secret', async () => {
      const officer = await person('custody-officer');
      const response = await h.app.inject({ url: '/api/v1/users', headers: admin() });
      expect(response.statusCode, response.body).toBe(200);
      const items = (response.json() as { items: Record<string, unknown>[] }).items;
      expect(items.find((item) => item.id === officer.id)).toMatchObject({
        kind: 'user',
        username: officer.username,
        role: 'custody-officer',
        facilities: [{ id: h.facilities.astana, name: 'ИВС г. Астаны' }],
        state: 'active',
      });
      expect(response.body).not.toMatch(/argon2|password|hash/i);
      const tokens = await h.app.inject({ url: '/api/v1/tokens', headers: admin() });
      expect(tokens.statusCode).toBe(200);
      const services = (tokens.json() as { items: { role: string; kind: string }[] }).items;
      expect(services.map((item) => item.role)).toContain('kiosk');
      expect(services.every((item) => item.kind === 'service')).toBe(true);
      expect(tokens.body).not.toContain('hbs_');
      for (const role of ['monitor', 'custody-officer', 'kiosk'] as const) {
        expect((await h.app.inject({ url: '/api/v1/users', headers: h.bearer(role) })).statusCode).toBe(403);
      }
      expect((await h.app.inject({ url: '/api/v1/tokens' })).statusCode).toBe(401);
    });

    test('disabling a person ends their sessions at once; enabling is a new entry; both name the administrator and the reason', async () => {
      const official = await person();
      const session = await signIn(official.username);
      expect(session).not.toBeNull();
      const disabled = await post(`/api/v1/users/${official.id}/disable`, { reason: 'left the service' });
      expect(disabled.statusCode, disabled.body).toBe(200);
      expect(disabled.json()).toMatchObject({ id: official.id, state: 'disabled' });
      expect(await sessionPrincipal(h.store, session!.sessionId)).toBeNull();
      expect(await signIn(official.username)).toBeNull();

      const enabled = await post(`/api/v1/users/${official.id}/enable`, { reason: 'came back from leave' });
      expect(enabled.statusCode, enabled.body).toBe(200);
      expect(enabled.json()).toMatchObject({ state: 'active' });
      expect(await signIn(official.username)).not.toBeNull();

      const adminId = (await h.app.inject({ url: '/api/v1/tokens', headers: admin() }))
        .json()
        .items.find((item: { role: string }) => item.role === 'admin').id as string;
      expect((await entriesOf(`account/${official.id}`)).slice(1)).toEqual([
        {
          type: 'user-disabled',
          actor: adminId,
          payload: expect.objectContaining({ reason: 'left the service' }),
        },
        {
          type: 'user-enabled',
          actor: adminId,
          payload: expect.objectContaining({ reason: 'came back from leave' }),
        },
      ]);
    });

    test('a reset password replaces the old one, ends the sessions, and the log records the reset but never the password', async () => {
      const official = await person();
      const session = await signIn(official.username);
      const reset = await post(`/api/v1/users/${official.id}/password`, {
        password: TEMPORARY,
        reason: 'password forgotten',
      });
      expect(reset.statusCode, reset.body).toBe(204);
      expect(await sessionPrincipal(h.store, session!.sessionId)).toBeNull();
      expect(await signIn(official.username)).toBeNull();
      expect(await signIn(official.username, TEMPORARY)).not.toBeNull();
      const entries = await entriesOf(`account/${official.id}`);
      expect(entries.at(-1)).toMatchObject({
        type: 'user-password-reset',
        payload: { accountId: official.id, reason: 'password forgotten' },
      });
      const log = JSON.stringify(await h.store.events(0, await h.store.size()));
      expect(log).not.toContain(TEMPORARY);
    });

    test('a temporary password is held to the strength rule, and the refusal says why', async () => {
      const official = await person();
      const weak = await post(`/api/v1/users/${official.id}/password`, {
        password: 'aaaaaaaaaaaa',
        reason: 'password forgotten',
      });
      expect(weak.statusCode).toBe(422);
      expect(problemOf(weak).issues).toEqual([
        expect.objectContaining({ field: 'body.password', message: expect.stringMatching(/repeats/) }),
      ]);
      expect(await signIn(official.username)).not.toBeNull();
    });

    test('a revoked token stops working at once; the revocation names the administrator and the reason', async () => {
      const { id, token } = await createToken(
        h.store,
        { role: 'kiosk', name: 'Kiosk, block B', facilities: [h.facilities.astana] },
        'test',
      );
      const auth = { authorization: `Bearer ${token}` };
      expect((await h.app.inject({ url: '/api/v1/sealing/key', headers: auth })).statusCode).not.toBe(401);
      const revoked = await post(`/api/v1/tokens/${id}/revoke`, { reason: 'terminal replaced' });
      expect(revoked.statusCode, revoked.body).toBe(200);
      expect(revoked.json()).toMatchObject({ id, kind: 'service', state: 'revoked' });
      expect((await h.app.inject({ url: '/api/v1/facilities', headers: auth })).statusCode).toBe(401);
      expect((await entriesOf(`service-account/${id}`)).at(-1)).toMatchObject({
        type: 'token-revoked',
        payload: { reason: 'terminal replaced' },
      });
    });

    test('every change needs a reason; unknown accounts are 404; nobody else may change an account', async () => {
      const official = await person();
      const noReason = await post(`/api/v1/users/${official.id}/disable`, { reason: '   ' });
      expect(noReason.statusCode).toBe(422);
      expect((await post('/api/v1/users/nosuchaccount/disable', { reason: 'x' })).statusCode).toBe(404);
      expect((await post('/api/v1/tokens/nosuchaccount/revoke', { reason: 'x' })).statusCode).toBe(404);
      // A person's account is not a token, and a token is not a person's account.
      expect((await post(`/api/v1/tokens/${official.id}/revoke`, { reason: 'x' })).statusCode).toBe(404);
      for (const role of ['monitor', 'governor', 'procurator'] as const) {
        const refused = await post(
          `/api/v1/users/${official.id}/disable`,
          { reason: 'not theirs to do' },
          h.bearer(role),
        );
        expect(refused.statusCode).toBe(403);
      }
      expect(await signIn(official.username)).not.toBeNull();
    });

    test('an administrator cannot disable their own account', async () => {
      const own = await h.session('admin');
      const list = await h.app.inject({
        url: '/api/v1/users',
        headers: { cookie: own.cookie },
      });
      const me = (list.json() as { items: { id: string; username: string; role: string }[] }).items
        .filter((item) => item.role === 'admin')
        .at(-1);
      const response = await h.app.inject({
        method: 'POST',
        url: `/api/v1/users/${me!.id}/disable`,
        headers: { cookie: own.cookie, 'x-csrf-token': own.csrfToken },
        payload: { reason: 'testing' },
      });
      expect(response.statusCode).toBe(422);
      expect(problemOf(response).detail).toMatch(/your own account/);
    });
  });
}
