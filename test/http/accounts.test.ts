import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  authenticateToken,
  changeUserAccess,
  createToken,
  createUser,
  disableUser,
  revokeToken,
} from '../../src/app/accounts.js';
import { ConflictError } from '../../src/app/errors.js';
import {
  LOCKOUT,
  login,
  logout,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  sessionPrincipal,
} from '../../src/app/sessions.js';
import { ENGINES } from '../support/engines.js';
import { PASSWORD, startHarness, type Harness } from './harness.js';

/*
 * Secrets stay out of the log and out of the database in clear: tokens as SHA-256, passwords as
 * argon2id; the log records who was given access and when. Sessions expire; logins lock out.
 */

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

for (const engine of ENGINES) {
  describe(`accounts and sessions (${engine})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(engine);
    });
    afterAll(async () => h?.close());

    async function logText(): Promise<string> {
      const events = await h.store.events(0, await h.store.size());
      return JSON.stringify(events.map(({ entry, payload }) => ({ entry, payload })));
    }

    test('a token is stored only as its SHA-256, and neither token nor hash is in the log', async () => {
      const { id, token } = await createToken(
        h.store,
        { role: 'kiosk', name: 'Kiosk A', facilities: [h.facilities.astana] },
        'cli:root',
      );
      const rows = await h.store.db.selectFrom('tokens').selectAll().execute();
      const row = rows.find((r) => r.account_id === id);
      expect(row?.token_hash).toBe(sha256(token));
      expect(JSON.stringify(rows)).not.toContain(token);
      const log = await logText();
      expect(log).not.toContain(token);
      expect(log).not.toContain(sha256(token));
      // What the log does record: the issue, its role and scope, and who issued it.
      const [issued] = await h.store.readStream(`service-account/${id}`);
      expect(issued?.entry).toMatchObject({ type: 'token-issued', actor: 'cli:root' });
      expect(issued?.payload).toMatchObject({ role: 'kiosk', facilities: [h.facilities.astana] });
      expect(await authenticateToken(h.store, token)).toMatchObject({ id, kind: 'service', role: 'kiosk' });
    });

    test('a revoked token stops working at once', async () => {
      const { id, token } = await createToken(h.store, { role: 'monitor', name: 'Witness' }, 'cli:root');
      expect(
        (await h.app.inject({ url: '/api/v1/facilities', headers: { authorization: `Bearer ${token}` } }))
          .statusCode,
      ).toBe(200);
      await revokeToken(h.store, id, 'rotated', 'admin-1');
      expect(await authenticateToken(h.store, token)).toBeNull();
      expect(
        (await h.app.inject({ url: '/api/v1/facilities', headers: { authorization: `Bearer ${token}` } }))
          .statusCode,
      ).toBe(401);
    });

    test('a password is stored as argon2id, never in clear, and never in the log', async () => {
      const password = 'a long passphrase nobody guesses';
      const { id } = await createUser(
        h.store,
        { username: 'Gulnara', password, name: 'Гульнара', role: 'monitor', sex: 'female' },
        'cli:root',
      );
      const row = await h.store.db
        .selectFrom('credentials')
        .selectAll()
        .where('account_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.username).toBe('gulnara');
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(row.password_hash).not.toContain(password);
      const log = await logText();
      expect(log).not.toContain(password);
      expect(log).not.toContain(row.password_hash);
      const [created] = await h.store.readStream(`account/${id}`);
      expect(created?.entry).toMatchObject({ type: 'user-created', actor: 'cli:root' });
      expect(await login(h.store, { username: 'GULNARA', password, ip: '10.0.0.1' })).toMatchObject({
        principal: { id, role: 'monitor', kind: 'user', sex: 'female' },
      });
    });

    test('login names are unique', async () => {
      await createUser(
        h.store,
        { username: 'unique', password: PASSWORD, name: 'U', role: 'statistician' },
        'cli:root',
      );
      await expect(
        createUser(
          h.store,
          { username: 'Unique', password: PASSWORD, name: 'U2', role: 'statistician' },
          'cli:root',
        ),
      ).rejects.toBeInstanceOf(ConflictError);
    });

    test('a wrong password and an unknown name both fail the same way', async () => {
      await createUser(
        h.store,
        { username: 'dana', password: PASSWORD, name: 'D', role: 'judge' },
        'cli:root',
      );
      expect(
        await login(h.store, { username: 'dana', password: 'wrong password!', ip: '10.0.0.2' }),
      ).toBeNull();
      expect(await login(h.store, { username: 'nobody', password: PASSWORD, ip: '10.0.0.2' })).toBeNull();
    });

    test(`${LOCKOUT.userFailures} failed logins lock the account for ${LOCKOUT.lockMs / 60_000} minutes`, async () => {
      await createUser(
        h.store,
        { username: 'locked', password: PASSWORD, name: 'L', role: 'judge' },
        'cli:root',
      );
      const t0 = new Date('2030-01-01T10:00:00.000Z');
      for (let i = 0; i < LOCKOUT.userFailures; i++)
        expect(
          await login(h.store, { username: 'locked', password: 'not the password', ip: `10.1.0.${i}` }, t0),
        ).toBeNull();
      expect(
        await login(
          h.store,
          { username: 'locked', password: PASSWORD, ip: '10.1.1.1' },
          new Date(t0.getTime() + 60_000),
        ),
      ).toBeNull();
      const later = new Date(t0.getTime() + LOCKOUT.lockMs + 120_000);
      expect(
        await login(h.store, { username: 'locked', password: PASSWORD, ip: '10.1.1.1' }, later),
      ).not.toBeNull();
    });

    test(`sessions end after ${SESSION_IDLE_MS / 60_000} idle minutes and after ${SESSION_ABSOLUTE_MS / 3_600_000} hours in any case`, async () => {
      await createUser(
        h.store,
        { username: 'sessions', password: PASSWORD, name: 'S', role: 'judge' },
        'cli:root',
      );
      const t0 = new Date('2030-02-01T08:00:00.000Z');
      const at = (ms: number) => new Date(t0.getTime() + ms);
      const idle = await login(h.store, { username: 'sessions', password: PASSWORD, ip: '10.2.0.1' }, t0);
      expect(await sessionPrincipal(h.store, idle!.sessionId, at(SESSION_IDLE_MS - 1000))).not.toBeNull();
      // The use above renewed it; idle from then on.
      expect(await sessionPrincipal(h.store, idle!.sessionId, at(2 * SESSION_IDLE_MS - 2000))).not.toBeNull();
      expect(await sessionPrincipal(h.store, idle!.sessionId, at(3 * SESSION_IDLE_MS))).toBeNull();

      const busy = await login(h.store, { username: 'sessions', password: PASSWORD, ip: '10.2.0.1' }, t0);
      let now = 0;
      while (now + 20 * 60_000 < SESSION_ABSOLUTE_MS) {
        now += 20 * 60_000;
        expect(await sessionPrincipal(h.store, busy!.sessionId, at(now))).not.toBeNull();
      }
      expect(await sessionPrincipal(h.store, busy!.sessionId, at(SESSION_ABSOLUTE_MS + 1000))).toBeNull();
    });

    test('logout ends the session; the session id is stored only as a hash', async () => {
      await createUser(
        h.store,
        { username: 'leaving', password: PASSWORD, name: 'L', role: 'judge' },
        'cli:root',
      );
      const session = await login(h.store, { username: 'leaving', password: PASSWORD, ip: '10.3.0.1' });
      const rows = await h.store.db.selectFrom('sessions').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(session!.sessionId);
      expect(rows.some((row) => row.id_hash === sha256(session!.sessionId))).toBe(true);
      await logout(h.store, session!.sessionId);
      expect(await sessionPrincipal(h.store, session!.sessionId)).toBeNull();
    });

    test('an administrator’s changes to an account are in the log, and disabling ends its sessions', async () => {
      const { id } = await createUser(
        h.store,
        {
          username: 'moved',
          password: PASSWORD,
          name: 'M',
          role: 'custody-officer',
          facilities: [h.facilities.astana],
        },
        'admin-7',
      );
      const session = await login(h.store, { username: 'moved', password: PASSWORD, ip: '10.4.0.1' });
      await changeUserAccess(
        h.store,
        id,
        { role: 'prison-officer', facilities: [h.facilities.almatyWomen] },
        'admin-7',
      );
      expect((await sessionPrincipal(h.store, session!.sessionId))?.principal).toMatchObject({
        role: 'prison-officer',
        facilities: [h.facilities.almatyWomen],
      });
      await disableUser(h.store, id, 'left the service', 'admin-7');
      expect(await sessionPrincipal(h.store, session!.sessionId)).toBeNull();
      expect(await login(h.store, { username: 'moved', password: PASSWORD, ip: '10.4.0.1' })).toBeNull();
      const types = (await h.store.readStream(`account/${id}`)).map((event) => [
        event.entry.type,
        event.entry.actor,
      ]);
      expect(types).toEqual([
        ['user-created', 'admin-7'],
        ['user-access-changed', 'admin-7'],
        ['user-disabled', 'admin-7'],
      ]);
    });

    test('accounts naming an unknown facility are refused', async () => {
      await expect(
        createToken(h.store, { role: 'kiosk', name: 'K', facilities: ['nosuchfacility'] }, 'cli:root'),
      ).rejects.toMatchObject({ name: 'RefusedError', field: 'facilities' });
    });
  });
}
