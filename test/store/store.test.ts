import { CompiledQuery, sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { openCheckpoint } from '../../src/ledger/checkpoint.js';
import { entryLeafHash } from '../../src/ledger/entry.js';
import { equalBytes } from '../../src/ledger/hash.js';
import { rootFromLeafHashes, verifyConsistency, verifyInclusion } from '../../src/ledger/tree.js';
import {
  InvalidAppendError,
  StoreBusyError,
  VersionConflictError,
  type AppendRequest,
  type AppendResult,
  type Store,
} from '../../src/store/types.js';
import { streamQuery } from '../../src/store/events.js';
import { ENGINES } from '../support/engines.js';
import { fresh, isError, person, reopen, request } from './fixtures.js';

for (const engine of ENGINES) {
  describe(engine, () => {
    test('append/read: an appended event reads back with its entry, payload and stream version', async () => {
      const { store } = await fresh(engine);
      const result = await store.append(request('people/p1', 0, 2));
      expect(result.stream).toBe('people/p1');
      expect(result.version).toBe(2);
      expect(result.entries.map((e) => [e.seq, e.version])).toEqual([
        [0, 0],
        [1, 1],
      ]);
      expect(result.entries[0]?.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(result.entries[0]?.digest).toMatch(/^[0-9a-f]{64}$/);

      const events = await store.readStream('people/p1');
      expect(events).toEqual([
        { entry: result.entries[0], payload: person(0), erased: false },
        { entry: result.entries[1], payload: person(1), erased: false },
      ]);
      expect(await store.streamVersion('people/p1')).toBe(2);
      expect(await store.streamVersion('people/none')).toBe(0);
      expect(await store.size()).toBe(2);
      expect(await store.entries(0, 2)).toEqual(result.entries);
      const withPayloads = await store.events(1, 2);
      expect(withPayloads).toHaveLength(1);
      expect(withPayloads[0]?.payload).toEqual(person(1));
      expect(withPayloads[0]?.salt).toHaveLength(16);

      const next = await store.append({ ...request('people/p1', 2), actor: 'acct_other' });
      expect(next.entries[0]).toMatchObject({ seq: 2, version: 2, actor: 'acct_other' });
    });

    test.runIf(engine === 'sqlite')(
      'sqlite: the database runs in WAL mode with synchronous=FULL, a busy timeout and foreign keys on',
      async () => {
        const { store } = await fresh(engine);
        const pragma = async (name: string) =>
          Object.values(
            (await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(store.db)).rows[0] ?? {},
          )[0];
        expect(await pragma('journal_mode')).toBe('wal');
        expect(await pragma('synchronous')).toBe(2); // FULL
        expect(await pragma('foreign_keys')).toBe(1);
        expect(await pragma('busy_timeout')).toBeGreaterThan(0);
      },
    );

    test.runIf(engine === 'postgres')(
      'postgres: int8 values read as JS numbers, and one beyond 2^53 is refused loudly',
      async () => {
        const { store } = await fresh(engine);
        const { rows } = await sql<{ n: number }>`select 9007199254740991::int8 as n`.execute(store.db);
        expect(rows[0]?.n).toBe(Number.MAX_SAFE_INTEGER);
        await expect(sql`select 9007199254740993::int8 as n`.execute(store.db)).rejects.toThrow(
          /beyond .*2\^53/,
        );
      },
    );

    test('append: malformed requests are refused at the edge with InvalidAppendError, before the log', async () => {
      const { store } = await fresh(engine);
      const bad: unknown[] = [
        { ...request('', 0) },
        { ...request('s', -1) },
        { ...request('s', 1.5) },
        { ...request('s', 0), actor: '' },
        { ...request('s', 0), events: [] },
        { ...request('s', 0), events: [{ type: '', payload: {} }] },
        { ...request('s', 0), events: [{ type: 't', payload: { n: Number.NaN } }] },
        { ...request('s', 0), events: [{ type: 't', payload: { d: new Date() } }] },
        { ...request('s', 0), events: [{ type: 't', payload: undefined }] },
      ];
      for (const b of bad) {
        await expect(store.append(b as AppendRequest)).rejects.toBeInstanceOf(InvalidAppendError);
      }
      expect(await store.size()).toBe(0);
    });

    test('version conflict: a stale expectedVersion gets VersionConflictError while concurrent others succeed', async () => {
      const { store } = await fresh(engine);
      await store.append(request('custody/c1', 0));
      const results = await Promise.all([
        ...Array.from({ length: 5 }, () =>
          store.append(request('custody/c1', 1)).catch((e: unknown) => e as Error),
        ),
        ...Array.from({ length: 5 }, (_, i) => store.append(request(`custody/other-${i}`, 0))),
      ]);
      const onC1 = results.slice(0, 5);
      expect(onC1.filter((r) => !isError(r))).toHaveLength(1);
      const conflicts = onC1.filter(isError);
      expect(conflicts).toHaveLength(4);
      for (const c of conflicts) {
        expect(c).toBeInstanceOf(VersionConflictError);
        expect(c).toMatchObject({ stream: 'custody/c1', expected: 1, actual: 2 });
      }
      expect(results.slice(5).every((r) => !isError(r))).toBe(true);
      expect(await store.streamVersion('custody/c1')).toBe(2);
      expect(await store.size()).toBe(7);
      await expect(store.append(request('custody/c1', 0))).rejects.toBeInstanceOf(VersionConflictError);
      expect(store.stats().conflicts).toBe(5);
      expect((await store.verify()).ok).toBe(true);
    });

    test("stream chain: each entry links to its stream's previous entry, and the database refuses a fork or a second beginning", async () => {
      const f = await fresh(engine);
      const { store } = f;
      // Two appends to one new stream and others in one batch, then more: versions and links agree.
      await Promise.all([
        store.append(request('custody/a', 0, 2)),
        store.append(request('custody/b', 0)),
        store.append(request('custody/a', 2)),
      ]);
      await store.append(request('custody/b', 1, 2));
      const links = await store.db
        .selectFrom('entries')
        .select(['seq', 'stream', 'version', 'prev'])
        .orderBy('seq')
        .execute();
      const last = new Map<string, number>();
      for (const row of links) {
        expect(row.prev).toBe(last.get(row.stream) ?? null);
        last.set(row.stream, row.seq);
      }
      const heads = await store.db
        .selectFrom('streams')
        .select(['name', 'version', 'last_seq'])
        .orderBy('name')
        .execute();
      expect(heads).toEqual([
        { name: 'custody/a', version: 3, last_seq: last.get('custody/a') },
        { name: 'custody/b', version: 3, last_seq: last.get('custody/b') },
      ]);
      expect((await store.readStream('custody/a')).map((e) => e.entry.version)).toEqual([0, 1, 2]);
      expect(await store.streamVersion('custody/b')).toBe(3);
      expect(await store.readStream('custody/none')).toEqual([]);
      expect(await store.streamVersion('custody/none')).toBe(0);

      // Whatever a buggy or hostile writer tries in SQL: a second entry after the same entry…
      const fork = {
        at: '2026-01-01T00:00:00.000Z',
        stream: 'custody/a',
        version: 1,
        type: 't',
        actor: 'a',
        digest: '0'.repeat(64),
      };
      await expect(
        store.db
          .insertInto('entries')
          .values({ ...fork, seq: 1000, prev: links[0]!.seq })
          .execute(),
      ).rejects.toThrow(/unique|UNIQUE/);
      // …or a second version 0 of a stream.
      await expect(
        store.db.insertInto('streams').values({ name: 'custody/a', version: 1, last_seq: 1000 }).execute(),
      ).rejects.toThrow(/unique|UNIQUE/);
      expect((await store.verify()).ok).toBe(true);
    });

    /**
     * Appends one at a time, each on the event-loop turn after the last, after a transaction that took
     * two appends together (company arriving); resolves to the transactions they took.
     */
    const arrivingOverTurns = async (f: { store: Store }, count: number) => {
      await Promise.all([
        f.store.append(request('people/warm-1', 0)),
        f.store.append(request('people/warm-2', 0)),
      ]);
      const before = f.store.stats().transactions;
      const pending: Promise<AppendResult>[] = [];
      for (let i = 0; i < count; i++) {
        pending.push(f.store.append(request(`people/turn-${i}`, 0)));
        await new Promise((resolve) => setImmediate(resolve));
      }
      await Promise.all(pending);
      return f.store.stats().transactions - before;
    };

    test('group commit gathers: appends still arriving, one event-loop turn after another, share one transaction', async () => {
      // A generous gathering time, so that only the "still arriving" rule decides, however slow the machine.
      expect(await arrivingOverTurns(await fresh(engine, { gatherMs: 60_000 }), 6)).toBe(1);
    });

    test('group commit without gathering (gatherMs 0): the same appends take a transaction each turn', async () => {
      expect(await arrivingOverTurns(await fresh(engine, { gatherMs: 0 }), 6)).toBeGreaterThan(1);
    });

    // Counted in event-loop turns, which only SQLite's synchronous driver makes exact (PostgreSQL's
    // answers arrive on turns of their own).
    test.runIf(engine === 'sqlite')(
      'group commit does not make a lone append wait: after a lone transaction it commits on the same turn as without gathering',
      async () => {
        const turnsUntilCommitted = async (gatherMs: number) => {
          const f = await fresh(engine, { gatherMs });
          await f.store.append(request('people/alone', 0));
          await new Promise((resolve) => setImmediate(resolve)); // the sequencer goes idle
          let committed = false;
          const next = f.store.append(request('people/next', 0)).then(() => {
            committed = true;
          });
          let turns = 0;
          while (!committed) {
            await new Promise((resolve) => setImmediate(resolve));
            turns++;
          }
          await next;
          return turns;
        };
        expect(await turnsUntilCommitted(60_000)).toBe(await turnsUntilCommitted(0));
      },
    );

    test('group commit gathers for a bounded time: appends arriving on every turn do not hold back the first', async () => {
      // Batches unbounded by size, so that only the time bound can end the gathering.
      const f = await fresh(engine, { gatherMs: 5, maxBatchEvents: 1_000_000 });
      await f.store.append(request('people/warm', 0));
      let firstDone = false;
      const first = f.store.append(request('people/first', 0)).then((result) => {
        firstDone = true;
        return result;
      });
      const more: Promise<AppendResult>[] = [];
      // Without the time bound this would gather until the store refuses appends (its queue is full).
      for (let i = 0; !firstDone && i < 100_000; i++) {
        more.push(f.store.append(request(`people/more-${i}`, 0)));
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(firstDone).toBe(true);
      expect((await first).entries).toHaveLength(1);
      await Promise.all(more);
      expect(more.length).toBeLessThan(100_000);
    });

    test('group commit: 200 concurrent appends take fewer transactions than appends, and all are durable after close and reopen', async () => {
      const f = await fresh(engine);
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) => f.store.append(request(`people/${i}`, 0))),
      );
      const seqs = results.map((r) => r.entries[0]?.seq).sort((a, b) => (a as number) - (b as number));
      expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i));
      const stats = f.store.stats();
      expect(stats.appends).toBe(200);
      expect(stats.transactions).toBeLessThan(200);
      expect(stats.largestBatch).toBeGreaterThan(1);
      await f.store.close();

      const reopened = await reopen(f);
      try {
        expect(await reopened.size()).toBe(200);
        for (const r of results) {
          expect((await reopened.readStream(r.stream)).map((e) => e.entry)).toEqual(r.entries);
        }
        const progress: [number, number][] = [];
        const report = await reopened.verify((done, total) => progress.push([done, total]));
        expect(report).toMatchObject({ ok: true, size: 200, digestsChecked: 200 });
        expect(progress.at(-1)).toEqual([200, 200]);
      } finally {
        await reopened.close();
      }
    });

    test('group commit: a request that fails in its batch (a projection throws) sinks only itself', async () => {
      const { store } = await fresh(engine, {
        projections: [
          {
            name: 'refuses-poison',
            tables: [],
            apply: async (_trx, event) => {
              if (event.entry.stream === 'poison') throw new Error('the projection refuses this event');
            },
          },
        ],
      });
      const results = await Promise.all([
        store.append(request('good/1', 0)),
        store.append(request('poison', 0)).catch((e: unknown) => e as Error),
        store.append(request('good/2', 0)),
      ]);
      expect(results[1]).toBeInstanceOf(Error);
      expect((results[1] as Error).message).toBe('the projection refuses this event');
      expect(isError(results[0] as AppendResult)).toBe(false);
      expect(isError(results[2] as AppendResult)).toBe(false);
      expect(await store.size()).toBe(2);
      expect(await store.streamVersion('poison')).toBe(0);
      expect(store.stats().retriedBatches).toBe(1);
      expect((await store.verify()).ok).toBe(true);
    });

    test('push back: beyond the queue bound appends get StoreBusyError, and the others still commit', async () => {
      const f = await fresh(engine);
      await f.store.close();
      const store = await reopen(f, { maxQueue: 10 });
      try {
        const results = await store.appendAll(Array.from({ length: 15 }, (_, i) => request(`s/${i}`, 0)));
        expect(results.filter((r) => r instanceof StoreBusyError)).toHaveLength(5);
        expect(results.filter((r) => !isError(r))).toHaveLength(10);
        expect(await store.size()).toBe(10);
      } finally {
        await store.close();
      }
      await expect(store.append(request('late', 0))).rejects.toBeInstanceOf(StoreBusyError);
    });

    test('time: entries are never earlier than the entry before, even when the clock steps back', async () => {
      let now = Date.parse('2026-03-01T10:00:00.000Z');
      const { store } = await fresh(engine, { clock: () => new Date(now) });
      const first = await store.append(request('a', 0));
      now -= 60_000;
      const second = await store.append(request('b', 0));
      now += 120_000;
      const third = await store.append(request('c', 0));
      expect(first.entries[0]?.at).toBe('2026-03-01T10:00:00.000Z');
      expect(second.entries[0]?.at).toBe('2026-03-01T10:00:00.000Z');
      expect(third.entries[0]?.at).toBe('2026-03-01T10:01:00.000Z');
    });

    test('proofs: inclusion and consistency proofs verify against rootAt, which is the root of the recomputed leaves', async () => {
      const { store } = await fresh(engine);
      // Several batches of different sizes, so the tree has full and partial tiles at two levels.
      for (const [batch, events] of [
        [1, 1],
        [7, 3],
        [100, 2],
        [40, 1],
        [300, 1],
      ] as const) {
        await store.appendAll(Array.from({ length: batch }, (_, i) => request(`s/${batch}-${i}`, 0, events)));
      }
      const size = await store.size();
      expect(size).toBe(1 + 21 + 200 + 40 + 300);
      const leaves = (await store.entries(0, size)).map(entryLeafHash);
      for (const n of [1, 2, 3, 255, 256, 257, 300, 511, 512, size]) {
        expect(equalBytes(await store.rootAt(n), rootFromLeafHashes(leaves.slice(0, n)))).toBe(true);
      }
      for (const [index, n] of [
        [0, 1],
        [0, size],
        [255, 256],
        [256, 300],
        [300, size],
        [size - 1, size],
        [17, 513],
      ] as const) {
        const proof = await store.inclusionProof(index, n);
        expect(() =>
          verifyInclusion(
            index,
            n,
            leaves[index] as Uint8Array,
            proof,
            rootFromLeafHashes(leaves.slice(0, n)),
          ),
        ).not.toThrow();
        verifyInclusion(index, n, leaves[index] as Uint8Array, proof, await store.rootAt(n));
      }
      for (const [from, to] of [
        [1, 2],
        [3, 7],
        [255, 256],
        [256, 513],
        [100, size],
        [size, size],
      ] as const) {
        const proof = await store.consistencyProof(from, to);
        verifyConsistency(from, to, proof, await store.rootAt(from), await store.rootAt(to));
      }
      await expect(store.inclusionProof(size, size)).rejects.toThrow(RangeError);
      await expect(store.inclusionProof(0, size + 1)).rejects.toThrow(RangeError);
      await expect(store.consistencyProof(0, 5)).rejects.toThrow(RangeError);
      await expect(store.rootAt(size + 1)).rejects.toThrow(RangeError);
      await expect(store.entries(5, 2)).rejects.toThrow(RangeError);
    });

    test('checkpoint: a signed checkpoint of the grown tree appears within the delay and verifies', async () => {
      const { store } = await fresh(engine, { checkpointDelayMs: 50 });
      expect(await store.latestCheckpoint()).toBeNull();
      await store.append(request('a', 0, 3));
      const started = Date.now();
      let note: string | null = null;
      while (Date.now() - started < 2000) {
        note = await store.latestCheckpoint();
        if (note) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(note).not.toBeNull();
      const checkpoint = openCheckpoint(note as string, store.verifierKey, store.origin);
      expect(checkpoint.size).toBe(3);
      expect(equalBytes(checkpoint.root, await store.rootAt(3))).toBe(true);

      // checkpoint() signs at once when the tree grew, and returns the same note when it did not.
      await store.append(request('b', 0));
      const signed = await store.checkpoint();
      expect(openCheckpoint(signed, store.verifierKey).size).toBe(4);
      expect(await store.checkpoint()).toBe(signed);
      expect(await store.latestCheckpoint()).toBe(signed);
    });

    test('checkpoint: a store opened on a log that grew past its newest checkpoint (a crash) signs one at once', async () => {
      const first = await fresh(engine, { checkpointDelayMs: 60_000 });
      await first.store.append(request('a', 0, 5));
      expect(await first.store.latestCheckpoint()).toBeNull();
      // A second process on the same database, as after a crash of the first before its timer fired.
      const second = await reopen(first);
      try {
        const note = await second.latestCheckpoint();
        expect(note).not.toBeNull();
        expect(openCheckpoint(note as string, second.verifierKey).size).toBe(5);
        // Both processes append to the one log; each re-reads the head under the lock.
        for (let i = 0; i < 3; i++) {
          await first.store.append(request(`one/${i}`, 0));
          await second.append(request(`two/${i}`, 0, 2));
        }
        await Promise.all([first.store.append(request('both', 0)), second.append(request('both2', 0))]);
        // One stream, written by turns: each process must see the other's versions, not its own memory.
        await first.store.append(request('shared', 0));
        await second.append(request('shared', 1));
        await expect(first.store.append(request('shared', 1))).rejects.toBeInstanceOf(VersionConflictError);
        const third = await first.store.append(request('shared', 2));
        expect(third.entries[0]).toMatchObject({ version: 2 });
        expect(await second.size()).toBe(5 + 3 + 6 + 2 + 3);
        expect(await second.verify()).toMatchObject({ ok: true, size: 19 });
      } finally {
        await second.close();
      }
    });
  });
}

test('stream chain: SQLite reads a stream link by link through primary keys, never by scanning the log', async () => {
  const { store } = await fresh('sqlite');
  await store.appendAll(Array.from({ length: 50 }, (_, i) => request(`custody/${i}`, 0, 3)));
  const query = streamQuery(store.db, 'custody/7').compile();
  const { rows } = await store.db.executeQuery<{ detail: string }>(
    CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
  );
  const plan = rows.map((r) => r.detail);
  expect(plan).toContain('SEARCH streams USING INDEX sqlite_autoindex_streams_1 (name=?)');
  expect(plan.filter((step) => /^SCAN (e|entries|p|payloads)\b/.test(step))).toEqual([]);
  expect(plan).toContain('SEARCH e USING INTEGER PRIMARY KEY (rowid=?)');
});
