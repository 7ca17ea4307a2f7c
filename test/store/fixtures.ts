import { afterEach } from 'vitest';
import type { Engine } from '../../src/store/types.js';
import type { AppendRequest, AppendResult } from '../../src/store/types.js';
import { openStore, type StoreOptions } from '../../src/store/store.js';
import { freshStore, type FreshStore, type FreshStoreOptions } from '../support/engines.js';

/** Stores opened by a test, cleaned up after it whatever happened. */
const opened: FreshStore[] = [];
afterEach(async () => {
  for (const f of opened.splice(0)) await f.cleanup();
});

export async function fresh(engine: Engine, options: FreshStoreOptions = {}): Promise<FreshStore> {
  const f = await freshStore(engine, options);
  opened.push(f);
  return f;
}

/** Another store on the same database and data directory, as a second process would open it. */
export function reopen(f: FreshStore, options: Partial<StoreOptions> = {}) {
  return openStore({
    dataDir: f.dataDir,
    ...(f.databaseUrl ? { databaseUrl: f.databaseUrl, pgSchema: f.pgSchema } : {}),
    ...options,
  });
}

export const person = (n: number) => ({
  familyName: 'Абенов',
  givenNames: 'Ерлан',
  birthDate: '1988-04-17',
  n,
});

export function request(stream: string, expectedVersion: number | 'any', events = 1): AppendRequest {
  return {
    stream,
    expectedVersion,
    actor: 'acct_test',
    events: Array.from({ length: events }, (_, i) => ({ type: 'person-registered', payload: person(i) })),
  };
}

export const isError = (r: AppendResult | Error): r is Error => r instanceof Error;
