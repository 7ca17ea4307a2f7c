import { afterEach, describe, expect, test } from 'vitest';
import pg from 'pg';
import { createToken } from '../../src/app/accounts.js';
import { registerArrest } from '../../src/app/custody.js';
import { createFacility, createPerson } from '../../src/app/registry.js';
import { ClockScheduler, SCHEDULER_LOCK } from '../../src/clocks/scheduler.js';
import { buildApp } from '../../src/http/app.js';
import { authenticateToken } from '../../src/app/accounts.js';
import { DEFAULT_CUSTODY_RULES } from '../../src/rules/custody-rules.js';
import { allProjections } from '../../src/store/projections/index.js';
import type { Store } from '../../src/store/types.js';
import { ENGINES, freshStore, pgTestUrl, type FreshStore } from '../support/engines.js';

/*
 * The clock scheduler in a running server (issue 3 "Clocks"): a deadline becomes a finding in the
 * log with no request to trigger it; a deadline that passed while the server was down is recorded
 * when it starts; on PostgreSQL one instance at a time holds the scheduler.
 */

const HOUR = 3_600_000;

async function custodyFixture(store: Store) {
  const facilityId = (
    await createFacility(
      store,
      { name: 'ИВС Караганды', kind: 'police-custody', population: 'mixed', region: 'KZ-KAR' },
      'test',
    )
  ).id;
  const personId = (
    await createPerson(
      store,
      { familyName: 'Жумабаев', givenNames: 'Серик', birthDate: '1979-05-05', sex: 'male', facilityId },
      'test',
    )
  ).id;
  const { token } = await createToken(
    store,
    { role: 'custody-officer', name: 'desk', facilities: [facilityId], regions: [] },
    'test',
  );
  const officer = await authenticateToken(store, token);
  if (!officer) throw new Error('token did not authenticate');
  return { facilityId, personId, officer };
}

async function limitFindings(store: Store, custodyId: string) {
  return store.db
    .selectFrom('custody_findings')
    .select(['rule', 'kind', 'at'])
    .where('custody_id', '=', custodyId)
    .where('rule', '=', 'kz.custody.limit')
    .execute();
}

for (const engine of ENGINES) {
  describe(`clock scheduler (${engine})`, () => {
    let fresh: FreshStore | undefined;
    afterEach(async () => {
      await fresh?.cleanup();
      fresh = undefined;
    });

    test('kz.custody.limit: a running server records the breach within seconds, with no request', async () => {
      fresh = await freshStore(engine, { projections: allProjections });
      const { store } = fresh;
      const clock = () => new Date();
      const { facilityId, personId, officer } = await custodyFixture(store);
      const app = await buildApp({ store, dataDir: fresh.dataDir, clock, scheduler: { intervalMs: 200 } });
      try {
        const apprehendedAt = new Date(Date.now() - 48 * HOUR + 1500).toISOString();
        const view = await registerArrest(
          { store, rules: DEFAULT_CUSTODY_RULES },
          officer,
          {
            personId,
            facilityId,
            apprehendedAt,
            place: 'вокзал',
            grounds: 'розыск',
            arrestingOfficer: 'капитан Ли',
          },
          clock(),
        );
        expect(await limitFindings(store, view.id)).toEqual([]);
        const deadline = Date.now() + 15_000;
        let found: Awaited<ReturnType<typeof limitFindings>> = [];
        while (found.length === 0 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          found = await limitFindings(store, view.id);
        }
        expect(found).toEqual([
          {
            rule: 'kz.custody.limit',
            kind: 'breach',
            at: new Date(Date.parse(apprehendedAt) + 48 * HOUR).toISOString(),
          },
        ]);
      } finally {
        await app.close();
      }
    });

    test('catch-up: a deadline that passed while the server was down is recorded when it starts', async () => {
      let now = Date.parse('2026-06-01T00:00:00.000Z');
      const clock = () => new Date(now);
      fresh = await freshStore(engine, { projections: allProjections, clock });
      const { store } = fresh;
      const { facilityId, personId, officer } = await custodyFixture(store);
      const view = await registerArrest(
        { store, rules: DEFAULT_CUSTODY_RULES },
        officer,
        {
          personId,
          facilityId,
          apprehendedAt: new Date(now - HOUR).toISOString(),
          place: 'рынок',
          grounds: 'драка',
          arrestingOfficer: 'сержант Ким',
        },
        clock(),
      );
      // Three days pass with no server running.
      now += 72 * HOUR;
      expect(await limitFindings(store, view.id)).toEqual([]);
      const app = await buildApp({ store, dataDir: fresh.dataDir, clock, scheduler: { intervalMs: 60_000 } });
      try {
        const deadline = Date.now() + 10_000;
        while ((await limitFindings(store, view.id)).length === 0 && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 50));
        expect(await limitFindings(store, view.id)).toHaveLength(1);
      } finally {
        await app.close();
      }
    });

    if (engine === 'postgres') {
      test('one scheduler at a time: while another instance holds the lock, a tick does nothing', async () => {
        let now = Date.parse('2026-06-01T00:00:00.000Z');
        const clock = () => new Date(now);
        fresh = await freshStore(engine, { projections: allProjections, clock });
        const { store } = fresh;
        const { facilityId, personId, officer } = await custodyFixture(store);
        const view = await registerArrest(
          { store, rules: DEFAULT_CUSTODY_RULES },
          officer,
          {
            personId,
            facilityId,
            apprehendedAt: new Date(now).toISOString(),
            place: 'парк',
            grounds: 'розыск',
            arrestingOfficer: 'сержант Ким',
          },
          clock(),
        );
        now += 49 * HOUR;
        const services = { store, rules: DEFAULT_CUSTODY_RULES };
        const other = new pg.Client({ connectionString: pgTestUrl() });
        await other.connect();
        try {
          await other.query('select pg_advisory_lock($1, hashtext($2))', [SCHEDULER_LOCK, fresh.pgSchema]);
          expect(await new ClockScheduler(services, { clock }).tick()).toEqual({
            episodes: 0,
            findings: 0,
            ran: false,
          });
          expect(await limitFindings(store, view.id)).toEqual([]);
          await other.query('select pg_advisory_unlock($1, hashtext($2))', [SCHEDULER_LOCK, fresh.pgSchema]);
          const result = await new ClockScheduler(services, { clock }).tick();
          expect(result.ran).toBe(true);
          expect(await limitFindings(store, view.id)).toHaveLength(1);
        } finally {
          await other.end();
        }
      });
    }
  });
}
