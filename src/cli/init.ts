import { join } from 'node:path';
import { initDataDir } from '../store/datadir.js';
import { withStore } from './common.js';

export async function runInit(opts: { data: string; origin?: string }): Promise<void> {
  await initDataDir(opts.data, { ...(opts.origin ? { origin: opts.origin } : {}) });
  // Opening once creates the tables (migrations) and binds the database to this log's key.
  const origin = await withStore(opts.data, async (store) => store.origin);
  console.log(`Initialised ${opts.data} for log "${origin}".`);
  console.log(`Verifier key: ${join(opts.data, 'log.vkey')} — give it to auditors and witnesses.`);
}
