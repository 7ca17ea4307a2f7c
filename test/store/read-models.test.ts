import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { DEMO_SEALING_PASSPHRASE, seedDemo } from '../../src/demo/seed.js';
import { DEFAULT_CUSTODY_RULES } from '../../src/rules/custody-rules.js';
import { initSealing } from '../../src/sealing/keystore.js';
import { allProjections } from '../../src/store/projections/index.js';
import { describeDifferences } from '../../src/store/read-model-check.js';
import { ENGINES, freshStore, type FreshStore } from '../support/engines.js';

/**
 * Issue 17 item 3: the read models every page reads are checked against the log. The demonstration
 * data (every context, every kind of event) replays into exactly the read models the server kept;
 * an edit made directly in the database is named by table, kind and key — never by its values.
 */

const TEST_KDF = { kdf: { memoryKiB: 19_456, iterations: 2, parallelism: 1 } };

for (const engine of ENGINES) {
  describe(`read models checked against the log (${engine})`, () => {
    let fresh: FreshStore;
    beforeAll(async () => {
      fresh = await freshStore(engine, { projections: allProjections });
      await initSealing(fresh.dataDir, DEMO_SEALING_PASSPHRASE, TEST_KDF);
      const now = new Date();
      await seedDemo(fresh.store, () => now, DEFAULT_CUSTODY_RULES, { dataDir: fresh.dataDir });
    });
    afterAll(async () => {
      await fresh?.cleanup();
    });

    test('the demonstration data’s read models are exactly what a replay of its log gives', async () => {
      const progress: number[] = [];
      const report = await fresh.store.checkReadModels((done) => progress.push(done));
      expect(report).toMatchObject({ ok: true, size: await fresh.store.size() });
      expect(report.tables).toBeGreaterThanOrEqual(19);
      expect(progress.at(-1)).toBe(await fresh.store.size());
    });

    test('a scheduler hint kept outside the log (prison_stays.next_check_at) is not a difference', async () => {
      await fresh.store.db
        .updateTable('prison_stays')
        .set({ next_check_at: '2030-01-01T00:00:00.000Z' })
        .execute();
      expect((await fresh.store.checkReadModels()).ok).toBe(true);
    });

    test('a family name edited, findings deleted and a row added directly in the database are each named', async () => {
      const { db } = fresh.store;
      const person = await db
        .selectFrom('people')
        .select(['id', 'family_name'])
        .orderBy('id')
        .executeTakeFirstOrThrow();
      await db.updateTable('people').set({ family_name: 'Подменов' }).where('id', '=', person.id).execute();
      const findings = await db
        .selectFrom('custody_findings')
        .select('seq')
        .orderBy('seq')
        .limit(2)
        .execute();
      await db
        .deleteFrom('custody_findings')
        .where(
          'seq',
          'in',
          findings.map((f) => f.seq),
        )
        .execute();
      await sql`insert into facilities (id, name, kind, population, region, registered_at)
        values ('fac_ghost', 'Ghost unit', 'police-custody', 'mixed', 'KZ-AST', '2026-01-01T00:00:00.000Z')`.execute(
        db,
      );

      const report = await fresh.store.checkReadModels();
      expect(report.ok).toBe(false);
      if (report.ok) return;
      const byTable = new Map(report.differences.map((d) => [d.table, d]));
      expect(byTable.get('people')).toMatchObject({
        altered: 1,
        added: 0,
        removed: 0,
        rows: [{ change: 'altered', key: { id: person.id }, columns: ['family_name'] }],
      });
      expect(byTable.get('custody_findings')).toMatchObject({ removed: 2, added: 0, altered: 0 });
      expect(byTable.get('facilities')).toMatchObject({
        added: 1,
        rows: [{ change: 'added', key: { id: 'fac_ghost' } }],
      });
      const lines = describeDifferences(report).join('\n');
      expect(lines).toMatch(
        /read model people differs from the log: 1 altered rows \(altered id=\S+ \(family_name\)\)/,
      );
      // Never the values: the message is read by operators and goes to logs.
      expect(lines).not.toContain('Подменов');
      expect(lines).not.toContain(person.family_name);

      // And the database itself was not touched by the check: the edits are still there.
      const still = await db
        .selectFrom('people')
        .select('family_name')
        .where('id', '=', person.id)
        .executeTakeFirstOrThrow();
      expect(still.family_name).toBe('Подменов');
      // A rebuild mends them; the check agrees.
      await fresh.store.rebuild();
      expect((await fresh.store.checkReadModels()).ok).toBe(true);
    });
  });
}
