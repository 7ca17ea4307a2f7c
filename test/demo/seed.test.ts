import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { principalFromAccount } from '../../src/app/accounts.js';
import { listCustody } from '../../src/app/custody.js';
import type { CustodySummary } from '../../src/app/custody-views.js';
import { seedDemo, type DemoAccounts } from '../../src/demo/seed.js';
import { DEFAULT_CUSTODY_RULES } from '../../src/rules/custody-rules.js';
import { allProjections } from '../../src/store/projections/index.js';
import type { Store } from '../../src/store/types.js';
import { ENGINES, freshStore, type FreshStore } from '../support/engines.js';

/*
 * `habeas demo` data (issue 3 item 7): custody episodes through the real services, in several
 * police custody units, adults and juveniles, in every clock state and with every finding of the
 * custody section of RULES.md, on a log that verifies.
 */

const CUSTODY_FINDINGS = [
  'kz.custody.limit',
  'kz.custody.actual-time',
  'kz.custody.rights',
  'kz.custody.counsel',
  'kz.custody.medical',
  'kz.custody.family',
  'kz.custody.deposition',
  'intl.custody.consular',
  'intl.custody.interpreter',
  'intl.custody.transfer-notice',
];

async function monitor(store: Store) {
  const row = await store.db
    .selectFrom('accounts')
    .selectAll()
    .where('role', '=', 'monitor')
    .executeTakeFirstOrThrow();
  return principalFromAccount(row);
}

/** Every episode as the monitor's list shows it at `now`. */
async function allEpisodes(store: Store, now: Date): Promise<CustodySummary[]> {
  const page = await listCustody(
    { store, rules: DEFAULT_CUSTODY_RULES },
    await monitor(store),
    { limit: 200, purpose: 'test of the demonstration data' },
    now,
  );
  return page.items;
}

const limitOf = (episode: CustodySummary) => {
  if (!episode.limit) throw new Error(`episode ${episode.id} has no kz.custody.limit clock`);
  return episode.limit;
};

for (const engine of ENGINES) {
  describe(`demonstration data (${engine})`, () => {
    const now = new Date();
    const nowIso = now.toISOString();
    let fresh: FreshStore;
    let store: Store;
    let seeded: DemoAccounts;
    let seconds: number;

    beforeAll(async () => {
      fresh = await freshStore(engine, { projections: allProjections });
      store = fresh.store;
      const started = performance.now();
      seeded = await seedDemo(store, () => now);
      seconds = (performance.now() - started) / 1000;
    });
    afterAll(async () => {
      await fresh?.cleanup();
    });

    test('every finding of the custody section is recorded at least once', async () => {
      const rows = await store.db.selectFrom('custody_findings').select('rule').distinct().execute();
      const rules = rows.map((row) => row.rule);
      for (const rule of CUSTODY_FINDINGS) expect(rules, rule).toContain(rule);
      expect(seeded.custody.findings).toBeGreaterThanOrEqual(CUSTODY_FINDINGS.length);
    });

    test('kz.custody.limit is breached for a juvenile and for an adult', async () => {
      const rows = await store.db
        .selectFrom('custody_findings as f')
        .innerJoin('custody_episodes as e', 'e.id', 'f.custody_id')
        .select('e.juvenile')
        .where('f.rule', '=', 'kz.custody.limit')
        .execute();
      expect(new Set(rows.map((row) => Number(row.juvenile)))).toEqual(new Set([0, 1]));
    });

    test('custody_clocks hold running, warning, breached and met clocks', async () => {
      const clocks = await store.db
        .selectFrom('custody_clocks')
        .select(['rule', 'outcome', 'warn_at', 'due_at', 'ended_at'])
        .execute();
      const running = clocks.filter((c) => c.outcome === 'running' && c.due_at > nowIso);
      const warning = running.filter((c) => c.warn_at <= nowIso);
      const breached = clocks.filter(
        (c) =>
          (c.outcome === 'running' && c.due_at <= nowIso) || (c.ended_at !== null && c.ended_at > c.due_at),
      );
      const met = clocks.filter((c) => c.outcome === 'met' && c.ended_at !== null && c.ended_at <= c.due_at);
      expect(running.filter((c) => c.warn_at > nowIso).length).toBeGreaterThan(0);
      expect(warning.filter((c) => c.rule === 'kz.custody.limit').length).toBeGreaterThanOrEqual(2);
      expect(breached.filter((c) => c.rule === 'kz.custody.limit').length).toBeGreaterThanOrEqual(2);
      expect(met.filter((c) => c.rule === 'kz.custody.limit').length).toBeGreaterThanOrEqual(1);
    });

    test('the desk shows kz.custody.limit in every state: running, 75% and 90% warnings, breached, met, stopped', async () => {
      const episodes = await allEpisodes(store, now);
      const limits = episodes.map(limitOf);
      expect(limits.some((limit) => limit.state === 'running' && limit.warning === null)).toBe(true);
      expect(limits.some((limit) => limit.state === 'running' && limit.warning === 75)).toBe(true);
      expect(limits.some((limit) => limit.state === 'running' && limit.warning === 90)).toBe(true);
      expect(limits.some((limit) => limit.state === 'breached')).toBe(true);
      expect(limits.some((limit) => limit.state === 'met')).toBe(true);
      expect(limits.some((limit) => limit.state === 'stopped')).toBe(true);
      const statuses = new Set(episodes.map((episode) => episode.status));
      expect(statuses).toEqual(new Set(['in-custody', 'released', 'transferred']));
    });

    test('adults and juveniles, in at least two police custody units', async () => {
      const episodes = await allEpisodes(store, now);
      expect(episodes.length).toBe(seeded.custody.episodes);
      expect(episodes.some((episode) => episode.juvenile)).toBe(true);
      expect(episodes.some((episode) => !episode.juvenile)).toBe(true);
      const units = new Set(episodes.map((episode) => episode.facilityId));
      expect(units.size).toBeGreaterThanOrEqual(2);
      for (const unit of units) {
        const facility = await store.db
          .selectFrom('facilities')
          .select('kind')
          .where('id', '=', unit)
          .executeTakeFirstOrThrow();
        expect(facility.kind).toBe('police-custody');
        const here = episodes.filter((episode) => episode.facilityId === unit);
        expect(here.some((episode) => episode.juvenile)).toBe(true);
        expect(here.some((episode) => !episode.juvenile)).toBe(true);
      }
    });

    test('kz.custody.injury-log: an injury entry with an open medical referral', async () => {
      const referrals = await store.db.selectFrom('custody_referrals').select('status').execute();
      expect(referrals.some((referral) => referral.status === 'open')).toBe(true);
    });

    test('kz.custody.actual-time: a corrected apprehension time, original kept beside the correction', async () => {
      const entries = await store.entries(0, await store.size());
      const corrections = entries.filter((entry) => entry.type === 'custody-corrected');
      expect(corrections.length).toBeGreaterThanOrEqual(1);
      const [correction] = await store.events(corrections[0]!.seq, corrections[0]!.seq + 1);
      const payload = correction?.payload as { field: string; from: string; to: string };
      expect(payload.field).toBe('apprehendedAt');
      expect(Date.parse(payload.to)).toBeLessThan(Date.parse(payload.from));
    });

    test('the log verifies, and the seed is fast', async () => {
      const report = await store.verify();
      expect(report.ok).toBe(true);
      // Generous for a loaded CI machine; it takes well under a second here.
      expect(seconds).toBeLessThan(10);
    });
  });
}

describe('demonstration data on another day', () => {
  test('juveniles stay juveniles and every state is there whenever the demo runs', async () => {
    const fresh = await freshStore('sqlite', { projections: allProjections });
    try {
      // A leap day, years from now: ages are counted from the demo's own `now`.
      const later = new Date('2032-02-29T02:30:00.000Z');
      await seedDemo(fresh.store, () => later);
      const episodes = await allEpisodes(fresh.store, later);
      expect(episodes.filter((episode) => episode.juvenile).length).toBe(2);
      const states = new Set(episodes.map((episode) => limitOf(episode).state));
      expect(states).toEqual(new Set(['running', 'breached', 'met', 'stopped']));
      const rows = await fresh.store.db.selectFrom('custody_findings').select('rule').distinct().execute();
      expect(rows.map((row) => row.rule).sort()).toEqual([...CUSTODY_FINDINGS].sort());
    } finally {
      await fresh.cleanup();
    }
  });
});
