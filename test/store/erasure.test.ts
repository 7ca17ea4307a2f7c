import { describe, expect, test } from 'vitest';
import { openCheckpoint } from '../../src/ledger/checkpoint.js';
import { entryLeafHash } from '../../src/ledger/entry.js';
import { verifyInclusion } from '../../src/ledger/tree.js';
import { AlreadyErasedError, EntryNotFoundError, InvalidAppendError } from '../../src/store/types.js';
import { ENGINES } from '../support/engines.js';
import { fresh, person, request } from './fixtures.js';

for (const engine of ENGINES) {
  describe(engine, () => {
    test('erasure: the payload and salt are removed while the entry, its digest, verify and every proof stay valid', async () => {
      const { store } = await fresh(engine, { checkpointDelayMs: 60_000 });
      await store.appendAll(Array.from({ length: 5 }, (_, i) => request(`people/${i}`, 0, 2)));
      const before = await store.checkpoint();
      const [target] = await store.entries(3, 4);
      if (!target) throw new Error('entry 3 missing');

      const erasure = await store.erase(3, 'acct_dpo', 'retention period over (test)');
      expect(erasure.stream).toBe('erasure/3');
      expect(erasure.entries[0]).toMatchObject({ seq: 10, type: 'payload-erased', actor: 'acct_dpo' });
      expect((await store.readStream('erasure/3')).map((e) => e.payload)).toEqual([
        { seq: 3, reason: 'retention period over (test)' },
      ]);

      const [erased] = await store
        .readStream(target.stream)
        .then((events) => events.filter((e) => e.entry.seq === 3));
      expect(erased).toEqual({ entry: target, payload: null, erased: true });
      const [withSalt] = await store.events(3, 4);
      expect(withSalt).toMatchObject({ entry: target, payload: null, erased: true, salt: null });
      // The neighbour in the same stream keeps its payload.
      expect((await store.events(2, 3))[0]?.payload).toEqual(person(0));

      expect(await store.verify()).toMatchObject({ ok: true, size: 11, digestsChecked: 10 });
      const after = await store.checkpoint();
      for (const note of [before, after]) {
        const { size, root } = openCheckpoint(note, store.verifierKey, store.origin);
        verifyInclusion(3, size, entryLeafHash(target), await store.inclusionProof(3, size), root);
      }
    });

    test('erasure: an unknown seq, an erased one or a missing reason is refused, and nothing is appended', async () => {
      const { store } = await fresh(engine);
      await store.append(request('people/1', 0, 2));
      await expect(store.erase(2, 'acct_dpo', 'reason')).rejects.toBeInstanceOf(EntryNotFoundError);
      await expect(store.erase(99, 'acct_dpo', 'reason')).rejects.toBeInstanceOf(EntryNotFoundError);
      await expect(store.erase(-1, 'acct_dpo', 'reason')).rejects.toThrow(RangeError);
      await expect(store.erase(0, 'acct_dpo', '  ')).rejects.toBeInstanceOf(InvalidAppendError);
      expect(await store.size()).toBe(2);
      await store.erase(0, 'acct_dpo', 'reason');
      await expect(store.erase(0, 'acct_dpo', 'again')).rejects.toBeInstanceOf(AlreadyErasedError);
      // Two erasures of one seq racing in one batch: exactly one wins.
      const raced = await Promise.allSettled([store.erase(1, 'a', 'r'), store.erase(1, 'b', 'r')]);
      expect(raced.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(await store.size()).toBe(4);
      expect((await store.verify()).ok).toBe(true);
    });
  });
}
