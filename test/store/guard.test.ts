import type { Kysely } from 'kysely';
import { describe, expect, test } from 'vitest';
import type { Database } from '../../src/store/database.js';
import { InvalidAppendError, type AppendGuard, type Store } from '../../src/store/types.js';
import { ENGINES } from '../support/engines.js';
import { fresh, reopen, request } from './fixtures.js';

/*
 * AppendGuard: a rule across streams checked inside the append's write transaction, under the log
 * head's lock. The rule used here: at most one stream named `claims/<name>/…` per name — the shape
 * of "one open custody episode per person", without the custody projection.
 */

class TakenError extends Error {}

const claim = (name: string): AppendGuard => ({
  key: `claims/${name}`,
  check: async (trx: Kysely<Database>) => {
    const taken = await trx
      .selectFrom('streams')
      .select('name')
      .where('name', 'like', `claims/${name}/%`)
      .executeTakeFirst();
    return taken ? new TakenError(`${name} is taken by ${taken.name}`) : undefined;
  },
});

const claimAs = (name: string, holder: string) => ({
  ...request(`claims/${name}/${holder}`, 0),
  guard: claim(name),
});

async function holders(store: Store, name: string): Promise<string[]> {
  const rows = await store.db
    .selectFrom('streams')
    .select('name')
    .where('name', 'like', `claims/${name}/%`)
    .execute();
  return rows.map((row) => row.name);
}

for (const engine of ENGINES) {
  describe(engine, () => {
    test('guard: of appends arriving together with one key, the first wins and each other one is refused by its check', async () => {
      const { store } = await fresh(engine);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => store.append(claimAs('alice', `h${i}`))),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as Error] : []));
      expect(won).toHaveLength(1);
      expect(refused).toHaveLength(7);
      for (const error of refused) {
        expect(error).toBeInstanceOf(TakenError);
        expect(error.message).toMatch(/^alice is taken by claims\/alice\/h\d$/);
      }
      // Nothing of a refused append is in the log.
      expect(await holders(store, 'alice')).toHaveLength(1);
      expect(await store.size()).toBe(1);
      expect((await store.verify()).ok).toBe(true);
    });

    test('guard: appends with different keys still share one transaction, and a refusal sinks only its own append', async () => {
      const { store } = await fresh(engine);
      await store.append(claimAs('taken', 'first'));
      const before = store.stats().transactions;
      const outcomes = await Promise.allSettled([
        ...Array.from({ length: 6 }, (_, i) => store.append(claimAs(`name${i}`, 'h'))),
        store.append(claimAs('taken', 'second')),
        store.append(request('unguarded', 0)),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual([
        ...Array.from({ length: 6 }, () => 'fulfilled'),
        'rejected',
        'fulfilled',
      ]);
      expect(store.stats().transactions - before).toBe(1);
      expect(store.stats().retriedBatches).toBe(0);
      expect(await store.size()).toBe(1 + 7);
      expect((await store.verify()).ok).toBe(true);
    });

    test('guard: two stores on one database (two servers) cannot both pass one key', async () => {
      const first = await fresh(engine);
      const second = await reopen(first);
      try {
        const outcomes = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) =>
            (i % 2 === 0 ? first.store : second).append(claimAs('bob', `h${i}`)),
          ),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
          expect(outcome.reason).toBeInstanceOf(TakenError);
        }
        expect(await holders(second, 'bob')).toHaveLength(1);
        expect((await second.verify()).ok).toBe(true);
      } finally {
        await second.close();
      }
    });

    test('guard: a malformed guard is refused at the edge with InvalidAppendError', async () => {
      const { store } = await fresh(engine);
      await expect(
        store.append({ ...request('g', 0), guard: { key: '', check: async () => undefined } }),
      ).rejects.toBeInstanceOf(InvalidAppendError);
      await expect(
        store.append({ ...request('g', 0), guard: { key: 'k' } as unknown as AppendGuard }),
      ).rejects.toBeInstanceOf(InvalidAppendError);
      expect(await store.size()).toBe(0);
    });
  });
}
