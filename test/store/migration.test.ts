import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Migrator } from 'kysely';
import { ANCHOR_FILE } from '../../src/store/anchor.js';
import { INTEGRITY_KEY_FILE } from '../../src/store/integrity-key.js';
import { describe, expect, test } from 'vitest';
import { openAdapter } from '../../src/store/dialect.js';
import { migrationProvider } from '../../src/store/migrations/index.js';
import { ENGINES } from '../support/engines.js';
import { fresh, reopen, request } from './fixtures.js';

/**
 * Migration 0007 turns the unique (stream, version) index into stream chains (`prev`, `streams`).
 * A data directory written before it must come through with every link and stream head right:
 * the store is filled, taken back down to 0006 (the old shape), and opened again.
 */
for (const engine of ENGINES) {
  describe(engine, () => {
    test('migration 0007: a log written before stream chains gets every link and stream head, and verifies', async () => {
      const f = await fresh(engine, { checkpointDelayMs: 60_000 });
      // Interleaved streams of different lengths, some begun and continued in the same batch.
      await f.store.appendAll(Array.from({ length: 30 }, (_, i) => request(`people/${i}`, 0, 1 + (i % 3))));
      await f.store.appendAll(Array.from({ length: 10 }, (_, i) => request(`people/${i * 3}`, 1)));
      await f.store.checkpoint();
      const before = await Promise.all(
        ['people/0', 'people/1', 'people/2', 'people/27'].map((s) => f.store.readStream(s)),
      );
      await f.store.close();

      const adapter = await openAdapter({
        dataDir: f.dataDir,
        ...(f.databaseUrl ? { databaseUrl: f.databaseUrl, pgSchema: f.pgSchema } : {}),
      });
      try {
        const migrator = new Migrator({
          db: adapter.db,
          provider: migrationProvider,
          ...(adapter.migrationSchema !== undefined ? { migrationTableSchema: adapter.migrationSchema } : {}),
        });
        const { error } = await migrator.migrateTo('0006_footage');
        expect(error).toBeUndefined();
        const columns = (await adapter.db.introspection.getTables()).find(
          // PostgreSQL lists every schema's tables: other tests' stores live beside this one.
          (t) =>
            t.name === 'entries' &&
            (adapter.migrationSchema === undefined || t.schema === adapter.migrationSchema),
        )?.columns;
        expect(columns?.map((c) => c.name)).not.toContain('prev');
      } finally {
        await adapter.close();
      }
      // A data directory of that time had neither the anchored checkpoint nor the integrity key.
      await rm(join(f.dataDir, ANCHOR_FILE));
      await rm(join(f.dataDir, INTEGRITY_KEY_FILE));

      const store = await reopen(f);
      f.store = store; // cleanup closes this one
      expect(await store.verify()).toMatchObject({ ok: true, size: 70 });
      const after = await Promise.all(
        ['people/0', 'people/1', 'people/2', 'people/27'].map((s) => store.readStream(s)),
      );
      expect(after).toEqual(before);
      expect(await store.streamVersion('people/2')).toBe(3);
      // Appends go on from where each stream stood.
      await store.append(request('people/2', 3));
      expect((await store.readStream('people/2')).map((e) => e.entry.version)).toEqual([0, 1, 2, 3]);
      expect((await store.verify()).ok).toBe(true);
    });
  });
}
