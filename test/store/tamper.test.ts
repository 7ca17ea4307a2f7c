import { sql, type Kysely } from 'kysely';
import { describe, expect, test } from 'vitest';
import type { Database } from '../../src/store/database.js';
import { StreamIntegrityError } from '../../src/store/types.js';
import type { FreshStore } from '../support/engines.js';
import { ENGINES } from '../support/engines.js';
import { fresh, request } from './fixtures.js';

/**
 * DESIGN.md "Quality bars": changing, deleting, reordering or truncating entries in the database is
 * detected. Each case tampers with the tables directly in SQL, as an operator with database access
 * could, and `verify` must name the first bad seq (or the checkpoint or tile) in plain words.
 */

/** 310 entries in 100 streams, checkpoints at 300 and 310: full and partial tiles at levels 0 and 1. */
async function seeded(engine: (typeof ENGINES)[number]): Promise<FreshStore> {
  const f = await fresh(engine, { checkpointDelayMs: 60_000 });
  await f.store.appendAll(Array.from({ length: 100 }, (_, i) => request(`people/${i}`, 0, 3)));
  await f.store.checkpoint();
  await f.store.appendAll(Array.from({ length: 10 }, (_, i) => request(`people/${i}`, 3)));
  await f.store.checkpoint();
  expect(await f.store.verify()).toEqual({ ok: true, size: 310, checkpoints: 2, digestsChecked: 310 });
  return f;
}

async function flipTileByte(db: Kysely<Database>, level: number, idx: number, byte: number): Promise<void> {
  const tile = await db
    .selectFrom('tiles')
    .select('hashes')
    .where('level', '=', level)
    .where('idx', '=', idx)
    .executeTakeFirstOrThrow();
  const hashes = Buffer.from(tile.hashes);
  hashes[byte] = (hashes[byte] as number) ^ 0x01;
  await db.updateTable('tiles').set({ hashes }).where('level', '=', level).where('idx', '=', idx).execute();
}

interface TamperCase {
  name: string;
  tamper: (db: Kysely<Database>, f: FreshStore) => Promise<void>;
  seq?: number;
  problem: RegExp;
}

const cases: TamperCase[] = [
  {
    name: "changing one character of an entry's stream",
    tamper: async (db) =>
      void (await sql`update entries set stream = 'X' || substr(stream, 2) where seq = 42`.execute(db)),
    seq: 42,
    problem: /entry 42/,
  },
  {
    name: "changing one character of an entry's type",
    tamper: async (db) =>
      void (await sql`update entries set type = 'P' || substr(type, 2) where seq = 43`.execute(db)),
    seq: 43,
    problem: /entry 43 does not match its leaf hash/,
  },
  {
    name: "changing one character of an entry's actor",
    tamper: async (db) =>
      void (await sql`update entries set actor = 'b' || substr(actor, 2) where seq = 44`.execute(db)),
    seq: 44,
    problem: /entry 44 does not match its leaf hash/,
  },
  {
    name: "changing one character of an entry's time (back-dating it)",
    tamper: async (db) =>
      void (await sql`update entries set at = '1' || substr(at, 2) where seq = 45`.execute(db)),
    seq: 45,
    problem: /entry 45 does not match its leaf hash/,
  },
  {
    name: 'changing a payload',
    tamper: async (db) =>
      void (await sql`update payloads set payload = replace(payload, 'Ерлан', 'Ерлаm') where seq = 7`.execute(
        db,
      )),
    seq: 7,
    problem: /payload of entry 7 does not match its digest/,
  },
  {
    name: "changing a payload's salt",
    tamper: async (db) => {
      const row = await db
        .selectFrom('payloads')
        .select('salt')
        .where('seq', '=', 8)
        .executeTakeFirstOrThrow();
      const salt = Buffer.from(row.salt as Uint8Array);
      salt[0] = (salt[0] as number) ^ 0xff;
      await db.updateTable('payloads').set({ salt }).where('seq', '=', 8).execute();
    },
    seq: 8,
    problem: /payload of entry 8 does not match its digest/,
  },
  {
    name: "cutting a payload's salt short (a malformed salt)",
    tamper: async (db) =>
      void (await db
        .updateTable('payloads')
        .set({ salt: Buffer.alloc(5) })
        .where('seq', '=', 11)
        .execute()),
    seq: 11,
    problem: /the salt of entry 11 is malformed/,
  },
  {
    name: 'cutting a level-0 tile short by a few bytes (a malformed tile)',
    tamper: async (db) => {
      const tile = await db
        .selectFrom('tiles')
        .select('hashes')
        .where('level', '=', 0)
        .where('idx', '=', 1)
        .executeTakeFirstOrThrow();
      await db
        .updateTable('tiles')
        .set({ hashes: Buffer.from(tile.hashes).subarray(0, tile.hashes.length - 3) })
        .where('level', '=', 0)
        .where('idx', '=', 1)
        .execute();
    },
    seq: 256,
    problem: /tile 0\/1, which holds the leaf hashes of entries 256 to 511, is malformed/,
  },
  {
    name: 'deleting a payload without an erasure',
    tamper: async (db) => void (await db.deleteFrom('payloads').where('seq', '=', 9).execute()),
    seq: 9,
    problem: /entry 9 has no payload/,
  },
  {
    name: 'deleting an entry',
    tamper: async (db) => void (await db.deleteFrom('entries').where('seq', '=', 100).execute()),
    seq: 100,
    problem: /entry 100 is missing/,
  },
  {
    name: "swapping two entries' seq",
    tamper: async (db) => {
      for (const table of ['entries', 'payloads'] as const) {
        await db.updateTable(table).set({ seq: -1 }).where('seq', '=', 20).execute();
        await db.updateTable(table).set({ seq: 20 }).where('seq', '=', 30).execute();
        await db.updateTable(table).set({ seq: 30 }).where('seq', '=', -1).execute();
      }
    },
    seq: 20,
    problem: /entry 20/,
  },
  {
    name: 'deleting the last entry',
    tamper: async (db) => void (await db.deleteFrom('entries').where('seq', '=', 309).execute()),
    seq: 309,
    problem: /entry 309 is missing/,
  },
  {
    name: 'truncating the log and rolling its head back',
    tamper: async (db, f) => {
      const root = await f.store.rootAt(300);
      await db.deleteFrom('entries').where('seq', '>=', 300).execute();
      await db.deleteFrom('payloads').where('seq', '>=', 300).execute();
      await db.updateTable('log_state').set({ size: 300, root }).execute();
    },
    seq: 300,
    problem: /checkpoint signed the log at 310 entries but it now has 300.*truncation/,
  },
  {
    name: 'inserting an entry beyond the head',
    tamper: async (db) =>
      void (await db
        .insertInto('entries')
        .values({
          seq: 310,
          at: '2026-01-01T00:00:00.000Z',
          stream: 'x',
          version: 0,
          type: 't',
          actor: 'a',
          digest: '0'.repeat(64),
        })
        .execute()),
    seq: 310,
    problem: /entry 310 lies outside the log/,
  },
  {
    // people/0 is seq 0, 1, 2, 300; seq 299 ends people/99 and has no successor.
    name: "relinking an entry to another stream's entry (the chain a stream is read by)",
    tamper: async (db) =>
      void (await db.updateTable('entries').set({ prev: 299 }).where('seq', '=', 2).execute()),
    seq: 2,
    problem: /entry 2 links to entry 299 .* but that is entry 1: the stream's chain was altered/,
  },
  {
    name: "altering a stream's version in the streams table",
    tamper: async (db) =>
      void (await db.updateTable('streams').set({ version: 3 }).where('name', '=', 'people/5').execute()),
    seq: 305,
    problem: /streams table says people\/5 has 3 events ending at entry 305, but the log has 4/,
  },
  {
    name: "deleting a stream's row from the streams table",
    tamper: async (db) => void (await db.deleteFrom('streams').where('name', '=', 'people/50').execute()),
    problem: /stream people\/50 is in the log but missing from the streams table/,
  },
  {
    name: "altering a checkpoint row's root",
    tamper: async (db) =>
      void (await db
        .updateTable('checkpoints')
        .set({ root: Buffer.alloc(32, 7) })
        .where('size', '=', 300)
        .execute()),
    problem: /checkpoint at tree size 300 is filed with a size or root other than the ones it signs/,
  },
  {
    name: "altering a checkpoint's signed note",
    tamper: async (db) =>
      void (await sql`update checkpoints set note = replace(note, ${'\n300\n'}, ${'\n299\n'}) where size = 300`.execute(
        db,
      )),
    problem: /checkpoint at tree size 300 is not validly signed/,
  },
  {
    name: 'altering a leaf hash in a level-0 tile',
    tamper: (db) => flipTileByte(db, 0, 0, 5 * 32 + 3),
    seq: 5,
    problem: /entry 5 does not match its leaf hash/,
  },
  {
    name: 'altering an interior hash in a level-1 tile',
    tamper: (db) => flipTileByte(db, 1, 0, 0),
    problem: /tile 1\/0 holds a wrong hash at position 0/,
  },
  {
    name: 'adding a tile the tree does not have',
    tamper: async (db) =>
      void (await db
        .insertInto('tiles')
        .values({ level: 0, idx: 9, hashes: Buffer.alloc(32) })
        .execute()),
    problem: /tiles at level 0 do not fit a log of 310 entries/,
  },
  {
    name: "rewriting the log head's root",
    tamper: async (db) =>
      void (await db
        .updateTable('log_state')
        .set({ root: Buffer.alloc(32, 1) })
        .execute()),
    problem: /log head's root does not match/,
  },
];

for (const engine of ENGINES) {
  describe(engine, () => {
    for (const c of cases) {
      test(`tamper: ${c.name} is detected by verify`, async () => {
        const f = await seeded(engine);
        await c.tamper(f.store.db, f);
        const report = await f.store.verify();
        expect(report.ok).toBe(false);
        if (report.ok) return;
        expect(report.problem).toMatch(c.problem);
        expect(report.seq).toBe(c.seq);
      });
    }
  });
}

for (const engine of ENGINES) {
  describe(engine, () => {
    test('tamper: a stream whose chain was relinked is refused on read, not served as its history', async () => {
      const f = await seeded(engine);
      await f.store.db.updateTable('entries').set({ prev: 299 }).where('seq', '=', 2).execute();
      await expect(f.store.readStream('people/0')).rejects.toBeInstanceOf(StreamIntegrityError);
      expect((await f.store.readStream('people/1')).map((e) => e.entry.seq)).toEqual([3, 4, 5, 301]);
    });
  });
}
