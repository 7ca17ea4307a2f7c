import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { prepared } from '../../src/store/prepared.js';
import { ENGINES } from '../support/engines.js';
import { fresh } from './fixtures.js';

/*
 * Prepared queries (src/store/prepared.ts): built and compiled once per database handle, run with
 * each call's own arguments, on both engines.
 */

describe.each(ENGINES)('prepared queries on %s', (engine) => {
  test('each call binds its own arguments to the query compiled once per handle', async () => {
    const { store } = await fresh(engine);
    let builds = 0;
    const put = prepared((db, key: string, value: string) => {
      builds++;
      return db.insertInto('meta').values({ key, value });
    });
    const valueOf = prepared((db, key: string) => {
      builds++;
      return db.selectFrom('meta').select('value').where('key', '=', key);
    });
    await put.run(store.db, 'test/a', 'alpha');
    await put.run(store.db, 'test/b', 'beta');
    expect(await valueOf.first(store.db, 'test/a')).toEqual({ value: 'alpha' });
    expect(await valueOf.first(store.db, 'test/b')).toEqual({ value: 'beta' });
    expect(await valueOf.first(store.db, 'test/none')).toBeUndefined();
    expect(builds).toBe(2);
  });

  test('an argument bound twice takes the same value in both places; constants stay as written', async () => {
    const { store } = await fresh(engine);
    await store.db
      .insertInto('meta')
      .values([
        { key: 'test/x', value: 'one' },
        { key: 'test/y', value: 'test/x' },
        { key: 'test/z', value: 'two' },
      ])
      .execute();
    const keyOrValue = prepared((db, wanted: string) =>
      db
        .selectFrom('meta')
        .select('key')
        .where((eb) => eb.or([eb('key', '=', wanted), eb('value', '=', wanted)]))
        .where('key', 'like', 'test/%')
        .orderBy('key'),
    );
    expect(await keyOrValue.all(store.db, 'test/x')).toEqual([{ key: 'test/x' }, { key: 'test/y' }]);
    expect(await keyOrValue.all(store.db, 'two')).toEqual([{ key: 'test/z' }]);
  });

  test('inside a transaction the query is compiled for that handle and sees its uncommitted rows', async () => {
    const { store } = await fresh(engine);
    const valueOf = prepared((db, key: string) =>
      db.selectFrom('meta').select('value').where('key', '=', key),
    );
    expect(await valueOf.first(store.db, 'test/t')).toBeUndefined();
    await store.db.transaction().execute(async (trx) => {
      await trx.insertInto('meta').values({ key: 'test/t', value: 'inside' }).execute();
      expect(await valueOf.first(trx, 'test/t')).toEqual({ value: 'inside' });
    });
    expect(await valueOf.first(store.db, 'test/t')).toEqual({ value: 'inside' });
  });

  test('a builder that does not bind an argument as a value is refused when compiled', async () => {
    const { store } = await fresh(engine);
    const unbound = prepared((db, key: string) =>
      db
        .selectFrom('meta')
        .select('value')
        .where(sql.ref('key'), '=', sql.lit(`${key}`)),
    );
    await expect(unbound.first(store.db, 'origin')).rejects.toThrow(/must bind each of its 1 arguments/);
    const ignored = prepared((db, _key: string) => db.selectFrom('meta').select('value'));
    await expect(ignored.all(store.db, 'origin')).rejects.toThrow(/binds 0/);
  });
});
