import { describe, expect, test } from 'vitest';
import { verifyBundle } from '../../src/ledger/bundle.js';
import { openCheckpoint } from '../../src/ledger/checkpoint.js';
import { exportBundle } from '../../src/store/export.js';
import { ENGINES } from '../support/engines.js';
import { fresh, request } from './fixtures.js';

for (const engine of ENGINES) {
  describe(engine, () => {
    test('export: the bundle ends in a freshly signed checkpoint over every entry and verifies offline', async () => {
      const { store } = await fresh(engine, { checkpointDelayMs: 60_000 });
      await store.appendAll(Array.from({ length: 1500 }, (_, i) => request(`people/${i}`, 0, 2)));
      await store.erase(5, 'acct_dpo', 'test');

      for (const payloads of [false, true]) {
        const lines: string[] = [];
        const progress: number[] = [];
        const { size } = await exportBundle(store, (line) => void lines.push(line), {
          payloads,
          onProgress: (done) => progress.push(done),
        });
        expect(size).toBe(3001);
        expect(lines).toHaveLength(size + 2);
        expect(JSON.parse(lines[0] as string)).toEqual({
          format: 'habeas-log/1',
          origin: store.origin,
          key: store.verifierKey,
        });
        const last = JSON.parse(lines.at(-1) as string) as { checkpoint: string; cosignatures: string[] };
        expect(last.cosignatures).toEqual([]);
        expect(openCheckpoint(last.checkpoint, store.verifierKey).size).toBe(size);
        expect(JSON.parse(lines[6] as string)).toMatchObject(payloads ? { erased: true } : {});
        expect(progress.at(-1)).toBe(size);

        const report = await verifyBundle(lines, { key: store.verifierKey });
        expect(report).toMatchObject({ ok: true, size, digestsChecked: payloads ? size - 1 : 0 });
      }
    });

    test('export: appends while the bundle is written do not disturb it', async () => {
      const { store } = await fresh(engine, { checkpointDelayMs: 60_000 });
      await store.appendAll(Array.from({ length: 50 }, (_, i) => request(`people/${i}`, 0)));
      const lines: string[] = [];
      let n = 0;
      await exportBundle(
        store,
        async (line) => {
          lines.push(line);
          if (n < 5) await store.append(request(`late/${n++}`, 0));
        },
        { payloads: true },
      );
      expect(await store.size()).toBe(55);
      expect(await verifyBundle(lines, { key: store.verifierKey })).toMatchObject({ ok: true, size: 50 });
    });
  });
}
