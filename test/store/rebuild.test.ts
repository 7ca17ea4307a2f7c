import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import type { Database } from '../../src/store/database.js';
import type { Projection } from '../../src/store/types.js';
import { ENGINES } from '../support/engines.js';
import { fresh, request } from './fixtures.js';

/** A projection used only here, on a table the test creates itself: events per stream and the last type. */
const streamCounts: Projection = {
  name: 'test-stream-counts',
  tables: ['test_stream_counts' as keyof Database & string],
  apply: async (trx, event) => {
    await sql`insert into test_stream_counts (stream, events, last_seq, last_type)
      values (${event.entry.stream}, 1, ${event.entry.seq}, ${event.entry.type})
      on conflict (stream) do update set events = test_stream_counts.events + 1,
        last_seq = excluded.last_seq, last_type = excluded.last_type`.execute(trx);
  },
};

for (const engine of ENGINES) {
  describe(engine, () => {
    test('rebuild: emptying the read model and replaying the log reproduces the same projection rows', async () => {
      const { store } = await fresh(engine, { projections: [streamCounts] });
      await sql`create table test_stream_counts (stream text primary key, events integer not null, last_seq integer not null, last_type text not null)`.execute(
        store.db,
      );
      const rows = async () =>
        (
          await sql<{ stream: string; events: number; last_seq: number; last_type: string }>`
            select stream, events, last_seq, last_type from test_stream_counts order by stream`.execute(
            store.db,
          )
        ).rows;

      await store.appendAll(
        Array.from({ length: 30 }, (_, i) => request(`people/${i % 7}`, 'any', 1 + (i % 3))),
      );
      await store.append({
        ...request('people/0', 'any'),
        events: [{ type: 'person-corrected', payload: { n: 1 } }],
      });
      await store.erase(0, 'acct_dpo', 'test');
      const built = await rows();
      expect(built).toHaveLength(8); // 7 people streams and erasure/0
      expect(built.find((r) => r.stream === 'people/0')?.last_type).toBe('person-corrected');

      // The read model drifts (a bug, a hand edit); the log is the truth.
      await sql`delete from test_stream_counts where stream = 'people/3'`.execute(store.db);
      await sql`update test_stream_counts set events = 99`.execute(store.db);
      await sql`insert into test_stream_counts values ('ghost', 1, 0, 'x')`.execute(store.db);

      const progress: [number, number][] = [];
      const size = await store.size();
      const { events } = await store.rebuild((done, total) => progress.push([done, total]));
      expect(events).toBe(size);
      expect(progress.at(0)).toEqual([0, size]);
      expect(progress.at(-1)).toEqual([size, size]);
      expect(await rows()).toEqual(built);

      // Appends after a rebuild keep the projection in step.
      await store.append(request('people/new', 0));
      expect((await rows()).find((r) => r.stream === 'people/new')).toMatchObject({ events: 1 });
    });
  });
}
