import { Migrator } from 'kysely';
import { describe, expect, test } from 'vitest';
import { createPerson } from '../../src/app/registry.js';
import { nameKey } from '../../src/domain/registry/name-key.js';
import { openAdapter } from '../../src/store/dialect.js';
import { migrationProvider } from '../../src/store/migrations/index.js';
import { allProjections } from '../../src/store/projections/index.js';
import { ENGINES } from '../support/engines.js';
import { fresh, reopen } from './fixtures.js';

/**
 * Migration 0011 adds `people.name_key` for the search by name (issue 18 item 10). A register
 * written before it must come through with every person's key filled — the same key the
 * projection gives, or the read-model check would call the table tampered with — and searchable.
 */
for (const engine of ENGINES) {
  describe(engine, () => {
    test('migration 0011: people registered before it get the name keys a replay of the log gives', async () => {
      const f = await fresh(engine, { projections: allProjections });
      const people = [
        ['Сейткали', 'Нурлан', 'Ерланович'],
        ['Иванова-Петрова', 'Алёна', null],
        ['Әбілқайыр', 'Ұлан', null],
      ] as const;
      for (const [familyName, givenNames, patronymic] of people)
        await createPerson(
          f.store,
          {
            familyName,
            givenNames,
            ...(patronymic ? { patronymic } : {}),
            birthDate: '1990-01-01',
            sex: 'male',
          },
          'test',
        );
      await f.store.close();

      // Back to the shape before 0011: no column, no index.
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
        expect((await migrator.migrateTo('0010_row_tags')).error).toBeUndefined();
      } finally {
        await adapter.close();
      }

      const store = await reopen(f, { projections: allProjections });
      f.store = store; // cleanup closes this one
      const rows = await store.db
        .selectFrom('people')
        .select(['family_name', 'given_names', 'patronymic', 'name_key'])
        .orderBy('family_name')
        .execute();
      expect(rows).toHaveLength(3);
      for (const row of rows)
        expect(row.name_key).toBe(nameKey(row.family_name, row.given_names, row.patronymic));
      expect(await store.checkReadModels()).toMatchObject({ ok: true });
    });
  });
}
