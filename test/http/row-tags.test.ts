import { afterEach, describe, expect, test } from 'vitest';
import { hashPassword } from '../../src/app/passwords.js';
import { login } from '../../src/app/sessions.js';
import { tokenHash } from '../../src/app/accounts.js';
import { initSealing } from '../../src/sealing/keystore.js';
import { sealedToWire, sealTo } from '../../src/sealing/seal.js';
import { fromBase64 } from '../../src/ledger/hash.js';
import { ENGINES } from '../support/engines.js';
import { PASSWORD, startHarness, type Harness } from './harness.js';

/**
 * Issue 17, an operator with write access to the database but not the data directory: the rows
 * that decide who someone is carry the server's tag (src/store/row-tags.ts), so none of these lets
 * them act as somebody else — each is refused as if the row were absent, and reported.
 */

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const SESSION_PAGE = '/';
const KNOWN = 'a known passphrase of the forger 2026';

for (const engine of ENGINES) {
  describe(engine, () => {
    test('a password hash swapped in the database does not sign anyone in as that official', async () => {
      h = await startHarness(engine);
      await h.session('procurator'); // user1, password PASSWORD
      const forged = await hashPassword(KNOWN);
      await h.store.db
        .updateTable('credentials')
        .set({ password_hash: forged })
        .where('username', '=', 'user1')
        .execute();
      expect(await login(h.store, { username: 'user1', password: KNOWN, ip: '127.0.0.1' })).toBeNull();
      // Nor with the official's own password: the row is not the server's any more.
      expect(await login(h.store, { username: 'user1', password: PASSWORD, ip: '127.0.0.1' })).toBeNull();
      expect(h.store.tamperedRows()).toMatchObject([{ table: 'credentials', count: 2 }]);
      const report = await h.app.inject({ url: '/api/v1/integrity', headers: h.bearer('monitor') });
      expect(report.json()).toMatchObject({ ok: false, tamperedRows: [{ table: 'credentials' }] });
    });

    test('a token row added for the monitor’s account in the database opens nothing', async () => {
      h = await startHarness(engine);
      const monitor = await h.store.db
        .selectFrom('accounts')
        .select('id')
        .where('role', '=', 'monitor')
        .executeTakeFirstOrThrow();
      const token = `hbs_${'A'.repeat(43)}`;
      await h.store.db.deleteFrom('tokens').where('account_id', '=', monitor.id).execute();
      await h.store.db
        .insertInto('tokens')
        .values({
          account_id: monitor.id,
          token_hash: tokenHash(token),
          created_at: new Date().toISOString(),
          tag: null,
        })
        .execute();
      const response = await h.app.inject({
        url: '/api/v1/custody-findings',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode).toBe(401);
      expect(h.store.tamperedRows().map((r) => r.table)).toEqual(['tokens']);
    });

    test('a session moved to another account in the database ends instead of acting as that account', async () => {
      h = await startHarness(engine);
      const admin = await h.session('admin');
      expect((await h.app.inject({ url: '/accounts', headers: { cookie: admin.cookie } })).statusCode).toBe(
        200,
      );
      const procurator = await h.store.db
        .selectFrom('accounts')
        .select('id')
        .where('role', '=', 'procurator')
        .executeTakeFirstOrThrow();
      await h.store.db.updateTable('sessions').set({ account_id: procurator.id }).execute();
      const response = await h.app.inject({ url: '/allegations', headers: { cookie: admin.cookie } });
      expect([302, 303, 401]).toContain(response.statusCode);
      expect(h.store.tamperedRows().map((r) => r.table)).toContain('sessions');
    });

    test('a role or scope raised in the accounts table is not trusted: the token stops working', async () => {
      h = await startHarness(engine);
      const before = await h.app.inject({
        url: '/api/v1/custody-findings',
        headers: h.bearer('custody-officer'),
      });
      expect(before.statusCode).toBe(403); // a custody officer may not see findings across facilities
      await h.store.db
        .updateTable('accounts')
        .set({ role: 'monitor', facilities: '[]' })
        .where('role', '=', 'custody-officer')
        .execute();
      const after = await h.app.inject({
        url: '/api/v1/custody-findings',
        headers: h.bearer('custody-officer'),
      });
      expect(after.statusCode).toBe(401);
      expect(h.store.tamperedRows().map((r) => r.table)).toEqual(['accounts']);
      // The log still says what the account is: a rebuild restores the row and its tag.
      await h.store.rebuild();
      expect(
        (await h.app.inject({ url: '/api/v1/custody-findings', headers: h.bearer('custody-officer') }))
          .statusCode,
      ).toBe(403);
    });

    test('a complaint’s PIN hash replaced in the database does not show its status to the forger', async () => {
      h = await startHarness(engine);
      await initSealing(h.dataDir, 'жалобы идут прямо в центр', {
        kdf: { memoryKiB: 19_456, iterations: 2, parallelism: 1 },
      });
      const key = (await h.app.inject({ url: '/api/v1/sealing/key' })).json() as { publicKey: string };
      const sealed = sealedToWire(
        await sealTo(
          fromBase64(key.publicKey),
          new TextEncoder().encode(
            JSON.stringify({ v: 1, text: 'холодно', writtenAt: new Date().toISOString(), media: [] }),
          ),
        ),
      );
      const submitted = await h.app.inject({
        method: 'POST',
        url: '/api/v1/complaints',
        headers: h.bearer('kiosk'),
        payload: { facilityId: h.facilities.astana, category: 'conditions', sealed, pin: '2468' },
      });
      expect(submitted.statusCode, submitted.body).toBe(201);
      const { reference } = submitted.json() as { reference: string };
      const status = (pin: string) =>
        h!.app.inject({
          url: `/api/v1/complaints/${reference}/status?pin=${pin}`,
          headers: h!.bearer('kiosk'),
        });
      expect((await status('2468')).statusCode).toBe(200);
      await h.store.db
        .updateTable('complaint_pins')
        .set({ pin_hash: await hashPassword('1357') })
        .where('reference', '=', reference)
        .execute();
      expect((await status('1357')).statusCode).toBe(404);
      expect(h.store.tamperedRows().map((r) => r.table)).toEqual(['complaint_pins']);
    });

    test('the honest paths carry their tags: sign-in, a session, a token, a PIN', async () => {
      h = await startHarness(engine);
      const session = await h.session('monitor');
      expect(
        (await h.app.inject({ url: SESSION_PAGE, headers: { cookie: session.cookie } })).statusCode,
      ).toBe(200);
      expect(
        (await h.app.inject({ url: '/api/v1/custody-findings', headers: h.bearer('monitor') })).statusCode,
      ).toBe(200);
      const tags = await h.store.db.selectFrom('credentials').select('tag').execute();
      expect(tags.every((row) => typeof row.tag === 'string' && row.tag.length === 64)).toBe(true);
      expect(h.store.tamperedRows()).toEqual([]);
      void PASSWORD;
    });
  });
}

describe('row tags of a database from before them', () => {
  for (const engine of ENGINES) {
    test(`${engine}: rows without tags are tagged once, when a store that never anchored opens it; after that, an untagged row is refused`, async () => {
      const { fresh, reopen } = await import('../store/fixtures.js');
      const { createUser } = await import('../../src/app/accounts.js');
      const { rm } = await import('node:fs/promises');
      const { join } = await import('node:path');
      const f = await fresh(engine, {
        projections: (await import('../../src/store/projections/index.js')).allProjections,
      });
      await createUser(
        f.store,
        {
          username: 'ivanova',
          password: PASSWORD,
          name: 'Иванова',
          role: 'monitor',
          facilities: [],
          regions: [],
        },
        'test',
      );
      await f.store.checkpoint();
      await f.store.close();
      // As written before migrations 0009 and 0010: no tags, no head HMAC, no anchor, no integrity key.
      const projections = (await import('../../src/store/projections/index.js')).allProjections;
      const old = await reopen(f, { signing: false, projections });
      for (const table of ['accounts', 'credentials'] as const)
        await old.db.updateTable(table).set({ tag: null }).execute();
      await old.db.updateTable('log_state').set({ mac: null }).execute();
      await old.close();
      await rm(join(f.dataDir, 'checkpoint'));
      await rm(join(f.dataDir, 'integrity.key'));
      await old.db.destroy().catch(() => undefined);

      f.store = await reopen(f, { projections });
      expect(
        await login(f.store, { username: 'ivanova', password: PASSWORD, ip: '127.0.0.1' }),
      ).not.toBeNull();
      // Now anchored: a tag removed again is a row the server did not write.
      await f.store.checkpoint();
      await f.store.db.updateTable('credentials').set({ tag: null }).execute();
      await f.store.close();
      f.store = await reopen(f, { projections });
      expect(await login(f.store, { username: 'ivanova', password: PASSWORD, ip: '127.0.0.1' })).toBeNull();
    });
  }
});
