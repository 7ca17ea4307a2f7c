import { afterEach, describe, expect, test } from 'vitest';
import { INTEGRITY_STREAM } from '../../src/app/integrity.js';
import { ENGINES } from '../support/engines.js';
import { startHarness, problemOf, type Harness } from './harness.js';

/**
 * Issue 17: the server's own integrity watch as the oversight bodies and load balancers see it —
 * GET /api/v1/integrity, POST /api/v1/integrity/check, GET /readyz — and what it leaves in the log.
 */

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function checked(h: Harness, role: 'monitor' | 'admin' = 'monitor') {
  const started = await h.app.inject({
    method: 'POST',
    url: '/api/v1/integrity/check',
    headers: h.bearer(role),
  });
  expect(started.statusCode).toBe(202);
  await h.app.habeas.integrity.check();
  const report = await h.app.inject({ method: 'GET', url: '/api/v1/integrity', headers: h.bearer(role) });
  expect(report.statusCode).toBe(200);
  return report.json() as {
    ok: boolean;
    alarm: { kind: string } | null;
    lastCheck: {
      size: number;
      log: { ok: boolean };
      readModels: { ok: boolean; differences?: { table: string }[] };
    };
  };
}

for (const engine of ENGINES) {
  describe(engine, () => {
    test('integrity.read: the monitor, the procurator and the administrator see the report; facility staff do not', async () => {
      harness = await startHarness(engine);
      for (const role of ['monitor', 'procurator', 'admin'] as const)
        expect(
          (
            await harness.app.inject({
              method: 'GET',
              url: '/api/v1/integrity',
              headers: harness.bearer(role),
            })
          ).statusCode,
        ).toBe(200);
      for (const role of ['custody-officer', 'prison-officer', 'statistician', 'kiosk'] as const)
        expect(
          (
            await harness.app.inject({
              method: 'GET',
              url: '/api/v1/integrity',
              headers: harness.bearer(role),
            })
          ).statusCode,
        ).toBe(403);
      expect((await harness.app.inject({ method: 'GET', url: '/api/v1/integrity' })).statusCode).toBe(401);
      expect(
        (
          await harness.app.inject({
            method: 'POST',
            url: '/api/v1/integrity/check',
            headers: harness.bearer('procurator'),
          })
        ).statusCode,
      ).toBe(403);
    });

    test('a read model edited in the database: the check names it, /readyz answers 503, the failure is written into the log; a rebuild clears it', async () => {
      harness = await startHarness(engine);
      expect((await checked(harness)).ok).toBe(true);
      expect((await harness.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);

      await harness.store.db
        .updateTable('people')
        .set({ family_name: 'Подменов' })
        .where('id', '=', harness.personId)
        .execute();
      const report = await checked(harness);
      expect(report.ok).toBe(false);
      expect(report.lastCheck.readModels.differences?.map((d) => d.table)).toEqual(['people']);
      const ready = await harness.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(problemOf(ready).detail).toMatch(/1 read model table\(s\) not as the log says/);
      // Public: the kind of failure only, never the record.
      expect(ready.body).not.toContain(harness.personId);
      const recorded = await harness.store.readStream(INTEGRITY_STREAM);
      expect(recorded.map((e) => e.entry.type)).toEqual(['integrity-check-failed']);
      expect(recorded[0]?.payload).toMatchObject({ readModels: [{ table: 'people', altered: 1 }] });

      await harness.store.rebuild();
      expect((await checked(harness, 'admin')).ok).toBe(true);
      expect((await harness.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
      expect((await harness.store.readStream(INTEGRITY_STREAM)).map((e) => e.entry.type)).toEqual([
        'integrity-check-failed',
        'integrity-check-passed',
      ]);
    });

    test('a head moved without the key: writes answer 503, /readyz and the report name the alarm', async () => {
      harness = await startHarness(engine);
      await harness.store.db
        .updateTable('log_state')
        .set({ mac: '0'.repeat(64) })
        .execute();
      const write = await harness.app.inject({
        method: 'POST',
        url: '/api/v1/facilities',
        headers: harness.bearer('admin'),
        payload: { name: 'ИВС г. Караганды', kind: 'police-custody', population: 'mixed', region: 'KZ-KAR' },
      });
      expect(write.statusCode).toBe(503);
      expect(problemOf(write).detail).toMatch(/moved without this server's integrity key/);
      const ready = await harness.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(problemOf(ready).detail).toMatch(/integrity is broken \(head-moved\)/);
      const report = await harness.app.inject({
        method: 'GET',
        url: '/api/v1/integrity',
        headers: harness.bearer('monitor'),
      });
      expect(report.json()).toMatchObject({ ok: false, alarm: { kind: 'head-moved' } });
    });
  });
}
