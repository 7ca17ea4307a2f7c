import { copyFile, rm, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { ANCHOR_FILE } from '../../src/store/anchor.js';
import { StoreIntegrityError } from '../../src/store/head-check.js';
import { INTEGRITY_KEY_FILE } from '../../src/store/integrity-key.js';
import type { Engine } from '../../src/store/types.js';
import { ENGINES, type FreshStore } from '../support/engines.js';
import { recomputeTree } from '../support/forge.js';
import { fresh, reopen, request } from './fixtures.js';

/**
 * Issue 17: the promise that no record can be quietly changed, held against an operator with write
 * access to the database (and, where said, to the data directory). Each attack is the one the
 * probe reproduced; each must be refused by the server or named by `verify`, on both engines.
 */

/** 700 entries in 100 streams, checkpoints at 400 and 700 (the second one anchored last). */
async function seeded(engine: Engine, options: { clock?: () => Date } = {}): Promise<FreshStore> {
  const f = await fresh(engine, { checkpointDelayMs: 60_000, ...options });
  await f.store.appendAll(Array.from({ length: 100 }, (_, i) => request(`people/${i}`, 0, 4)));
  await f.store.checkpoint();
  await f.store.appendAll(Array.from({ length: 100 }, (_, i) => request(`people/${i}`, 4, 3)));
  await f.store.checkpoint();
  expect(await f.store.verify()).toMatchObject({ ok: true, size: 700, checkpoints: 2 });
  return f;
}

/** The store's own verification, as `habeas verify --data` runs it: a store opened to inspect. */
async function verifyAfresh(f: FreshStore) {
  const inspector = await reopen(f, { signing: false });
  try {
    return await inspector.verify();
  } finally {
    await inspector.close();
  }
}

for (const engine of ENGINES) {
  describe(engine, () => {
    test('a rewritten entry with its tree recomputed and the checkpoints deleted is refused on restart and named by verify', async () => {
      const f = await seeded(engine);
      await f.store.close();
      const db = (await reopen(f, { signing: false })).db;
      // The probe's attack: change an entry, delete the checkpoints, recompute tiles and head.
      await sql`update entries set actor = 'acct_forger' where seq = 100`.execute(db);
      await db.deleteFrom('checkpoints').execute();
      await recomputeTree(db, engine);

      await expect(reopen(f)).rejects.toBeInstanceOf(StoreIntegrityError);
      const report = await verifyAfresh(f);
      expect(report.ok).toBe(false);
      if (!report.ok)
        expect(report.problem).toMatch(
          /entries do not reproduce the root of the tree of 700 entries that this server signed and anchored/,
        );
    });

    test('a rollback (the newest entries and checkpoints deleted, tiles and head recomputed) is refused on restart and named by verify', async () => {
      const f = await seeded(engine);
      await f.store.close();
      const db = (await reopen(f, { signing: false })).db;
      await db.deleteFrom('entries').where('seq', '>=', 318).execute();
      await db.deleteFrom('payloads').where('seq', '>=', 318).execute();
      await db.deleteFrom('checkpoints').where('size', '>', 318).execute();
      await sql`delete from streams`.execute(db);
      await sql`insert into streams (name, version, last_seq) select stream, max(version) + 1, max(seq) from entries group by stream order by min(seq)`.execute(
        db,
      );
      await recomputeTree(db, engine);

      const reopening = reopen(f);
      await expect(reopening).rejects.toBeInstanceOf(StoreIntegrityError);
      await expect(reopening).rejects.toThrow(/signed a tree of 700.*rollback/);
      const report = await verifyAfresh(f);
      expect(report).toMatchObject({ ok: false, seq: 318 });
      if (!report.ok) expect(report.problem).toMatch(/tree of 700 entries .* now has 318.*rollback/);
    });

    test('the checkpoints table emptied behind the log: verify names the anchored checkpoint that is missing', async () => {
      const f = await seeded(engine);
      await f.store.db.deleteFrom('checkpoints').execute();
      const report = await f.store.verify();
      expect(report.ok).toBe(false);
      if (!report.ok)
        expect(report.problem).toMatch(/checkpoint of 700 entries .* is missing from the database/);
    });

    test('without its anchor, a log whose checkpoints were deleted fails verify once its entries are older than a minute', async () => {
      let now = Date.parse('2026-12-07T10:00:00.000Z');
      const f = await seeded(engine, { clock: () => new Date(now) });
      await f.store.close();
      await rm(join(f.dataDir, ANCHOR_FILE));
      const inspector = await reopen(f, { signing: false, clock: () => new Date(now) });
      try {
        await inspector.db.deleteFrom('checkpoints').execute();
        expect((await inspector.verify()).ok).toBe(true); // a serving store signs within a second
        now += 61_000;
        const report = await inspector.verify();
        expect(report).toMatchObject({ ok: false, seq: 0 });
        if (!report.ok)
          expect(report.problem).toMatch(/entries 0 to 699 .* are not covered by any signed checkpoint/);
      } finally {
        await inspector.close();
      }
    });

    test('an entry appended directly in the database (head moved without the key) stops appends and fails verify', async () => {
      const f = await seeded(engine);
      const signedBefore = await f.store.latestCheckpoint();
      const db = f.store.db;
      await db
        .insertInto('entries')
        .values({
          seq: 700,
          at: '2026-12-07T10:00:00.000Z',
          stream: 'people/0',
          version: 7,
          type: 'rights-explained',
          actor: 'acct_forger',
          digest: '0'.repeat(64),
          prev: 600,
        })
        .execute();
      await db.insertInto('payloads').values({ seq: 700, payload: null, salt: null, erased: 1 }).execute();
      await db
        .updateTable('streams')
        .set({ version: 8, last_seq: 700 })
        .where('name', '=', 'people/0')
        .execute();
      await recomputeTree(db, engine);

      await expect(f.store.append(request('people/1', 7))).rejects.toBeInstanceOf(StoreIntegrityError);
      expect(f.store.integrity()?.problem).toMatch(/moved without this server's integrity key/);
      // Nothing is signed over the moved head: the last good checkpoint stays the one published.
      expect(await f.store.checkpoint()).toBe(signedBefore);
      const report = await f.store.verify();
      expect(report.ok).toBe(false);
    });

    test('kz data protection: a payload erased without an erasure entry fails verify, naming the entry', async () => {
      const f = await seeded(engine);
      await sql`update payloads set payload = null, salt = null, erased = 1 where seq = 100`.execute(
        f.store.db,
      );
      const report = await f.store.verify();
      expect(report).toMatchObject({ ok: false, seq: 100 });
      if (!report.ok) expect(report.problem).toMatch(/no erasure entry \(stream erasure\/100\)/);
    });

    test('an erasure made through the log verifies; the erasure’s own record cannot be erased, nor its payload put back', async () => {
      const f = await seeded(engine);
      const erasure = await f.store.erase(100, 'acct_dpo', 'retention period over');
      const record = erasure.entries[0]?.seq as number;
      await f.store.checkpoint();
      expect((await f.store.verify()).ok).toBe(true);
      await expect(f.store.erase(record, 'acct_dpo', 'hide the erasure')).rejects.toThrow(
        /record of an erasure/,
      );

      await sql`update payloads set payload = null, salt = null, erased = 1 where seq = ${record}`.execute(
        f.store.db,
      );
      const report = await f.store.verify();
      expect(report).toMatchObject({ ok: false, seq: record });
    });

    test('a data directory whose integrity key is lost after anchoring refuses to open', async () => {
      const f = await seeded(engine);
      await f.store.close();
      await rm(join(f.dataDir, INTEGRITY_KEY_FILE));
      await expect(reopen(f)).rejects.toThrow(/integrity.key is missing/);
    });

    test('the anchor holds the newest signed checkpoint, and a forged anchor is refused', async () => {
      const f = await seeded(engine);
      const anchor = await readFile(join(f.dataDir, ANCHOR_FILE), 'utf8');
      expect(anchor).toBe(await f.store.latestCheckpoint());
      await f.store.close();
      // Another log's checkpoint in its place.
      const other = await fresh(engine);
      await other.store.checkpoint();
      await copyFile(join(other.dataDir, ANCHOR_FILE), join(f.dataDir, ANCHOR_FILE));
      await expect(reopen(f)).rejects.toThrow(/did not sign/);
    });
  });
}

describe('sqlite', () => {
  test('an older copy of the database file put back is refused on restart and named by verify', async () => {
    const f = await fresh('sqlite', { checkpointDelayMs: 60_000 });
    await f.store.appendAll(Array.from({ length: 50 }, (_, i) => request(`people/${i}`, 0, 2)));
    await f.store.close();
    const database = join(f.dataDir, 'habeas.sqlite');
    await copyFile(database, `${database}.copy`);
    const later = await reopen(f);
    f.store = later;
    await later.appendAll(Array.from({ length: 50 }, (_, i) => request(`people/${i}`, 2, 2)));
    await later.close();
    await copyFile(`${database}.copy`, database);
    await rm(`${database}-wal`, { force: true });
    await rm(`${database}-shm`, { force: true });

    await expect(reopen(f)).rejects.toThrow(/signed a tree of 200.*rollback/);
    const report = await verifyAfresh(f);
    expect(report).toMatchObject({ ok: false, seq: 100 });
  });
});
