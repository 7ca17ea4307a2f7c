import { statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { startWalCheckpointer } from '../../src/store/wal-checkpointer.js';
import { fresh, reopen } from './fixtures.js';

/**
 * SQLite checkpoints run on a thread of their own, so no request waits while the WAL is copied
 * back into the database file (wal-checkpointer.ts). The writer's own automatic checkpoint is set
 * at 16 MiB of WAL; below that, only the thread moves pages into the database file.
 */
test('WAL checkpoints: past 1 MiB of WAL the thread copies committed pages into the database file, and every append survives reopening', async () => {
  const f = await fresh('sqlite');
  const note = 'x'.repeat(2000);
  // ~3 MiB of WAL: well past where the thread starts, well below the writer's own 16 MiB.
  for (let round = 0; round < 12; round++) {
    await f.store.appendAll(
      Array.from({ length: 64 }, (_, i) => ({
        stream: `notes/${round}-${i}`,
        expectedVersion: 0,
        actor: 'acct_test',
        events: [{ type: 'note', payload: { note, round, i } }],
      })),
    );
  }
  const database = join(f.dataDir, 'habeas.sqlite');
  const before = statSync(database).size;
  expect(before).toBeLessThan(1024 * 1024); // nothing checkpointed yet when the thread starts
  // A few more commits: the thread starts on one of them and checkpoints within ~100 ms.
  for (let round = 0; round < 64; round++) {
    await f.store.append({
      stream: `more/${round}`,
      expectedVersion: 0,
      actor: 'acct_test',
      events: [{ type: 'note', payload: { round } }],
    });
  }
  const deadline = Date.now() + 5000;
  while (statSync(database).size < 1.5 * 1024 * 1024 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(statSync(database).size).toBeGreaterThanOrEqual(1.5 * 1024 * 1024);

  await f.store.close();
  const store = await reopen(f);
  f.store = store;
  expect(await store.size()).toBe(12 * 64 + 64);
  expect((await store.verify()).ok).toBe(true);
});

test('WAL checkpoints: a thread that cannot checkpoint reports why (the writer then checkpoints itself) and stops cleanly', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'habeas-wal-'));
  try {
    const path = join(dir, 'not-a-database');
    await writeFile(path, 'this is not an SQLite database file, whatever its name says'.repeat(100));
    let reported: (error: Error) => void = () => undefined;
    const failure = new Promise<Error>((resolve) => (reported = resolve));
    const checkpointer = startWalCheckpointer({
      path,
      intervalMs: 10,
      busyTimeoutMs: 100,
      onFailure: (error) => reported(error),
    });
    await failure.finally(() => checkpointer.stop());
    expect((await failure).message).toMatch(/not a database|stopped/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
