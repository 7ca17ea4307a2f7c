/**
 * Both engines for the test suites (DESIGN.md "Storage": one test suite over every engine):
 * `for (const engine of ENGINES) describe(engine, …)`, with `freshStore(engine)` giving each test
 * its own store — SQLite in a temporary directory, PostgreSQL in a fresh schema dropped afterwards.
 *
 * PostgreSQL is at HABEAS_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test). If it
 * cannot be reached, CI fails loudly; elsewhere the PostgreSQL suites are skipped with a warning.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { initDataDir } from '../../src/store/datadir.js';
import type { StoreLogger } from '../../src/store/sequencer.js';
import { openStore } from '../../src/store/store.js';
import type { Engine, Projection, Store } from '../../src/store/types.js';

export const ALL_ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

export function pgTestUrl(): string {
  return process.env.HABEAS_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
}

let probe: Promise<boolean> | undefined;

/** Whether PostgreSQL answers; in CI an unreachable server is an error, not a skip. */
export function postgresAvailable(): Promise<boolean> {
  probe ??= (async () => {
    const client = new pg.Client({ connectionString: pgTestUrl(), connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch (error) {
      const reason = `PostgreSQL at ${redact(pgTestUrl())} is unreachable (${(error as Error).message})`;
      if (process.env.CI) throw new Error(`${reason}: CI runs every store test on PostgreSQL too`);
      console.warn(
        `WARNING: ${reason}; skipping the PostgreSQL suites. Set HABEAS_TEST_DATABASE_URL to run them.`,
      );
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return probe;
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** The engines these tests run on: both, or SQLite alone (with a warning) when PostgreSQL is away outside CI. */
export const ENGINES: readonly Engine[] = (await postgresAvailable()) ? ALL_ENGINES : ['sqlite'];

export interface FreshStoreOptions {
  projections?: Projection[];
  clock?: () => Date;
  checkpointDelayMs?: number;
  origin?: string;
  logger?: StoreLogger;
  gatherMs?: number;
  maxBatchEvents?: number;
  /** Witnesses the store asks to cosign its checkpoints, and the quorum. */
  witnesses?: { url: string; key: string }[];
  witnessQuorum?: number;
}

export interface FreshStore {
  store: Store;
  dataDir: string;
  databaseUrl?: string;
  pgSchema?: string;
  /** Closes the store (if still open) and removes its directory and schema. */
  cleanup(): Promise<void>;
}

export async function freshStore(engine: Engine, options: FreshStoreOptions = {}): Promise<FreshStore> {
  const dataDir = await mkdtemp(join(tmpdir(), `habeas-test-${engine}-`));
  await initDataDir(dataDir, { origin: options.origin ?? 'test.habeas/log' });
  const target =
    engine === 'postgres'
      ? { databaseUrl: pgTestUrl(), pgSchema: `test_${process.pid}_${randomBytes(6).toString('hex')}` }
      : {};
  let store: Store;
  try {
    store = await openStore({
      dataDir,
      ...target,
      ...(options.projections ? { projections: options.projections } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.gatherMs !== undefined ? { gatherMs: options.gatherMs } : {}),
      ...(options.maxBatchEvents !== undefined ? { maxBatchEvents: options.maxBatchEvents } : {}),
      ...(options.witnesses ? { witnesses: options.witnesses } : {}),
      ...(options.witnessQuorum !== undefined ? { witnessQuorum: options.witnessQuorum } : {}),
      checkpointDelayMs: options.checkpointDelayMs ?? 1000,
    });
  } catch (error) {
    await removeAll(dataDir, target.pgSchema);
    throw error;
  }
  return {
    store,
    dataDir,
    ...target,
    cleanup: async () => {
      try {
        await store.close();
      } finally {
        await removeAll(dataDir, target.pgSchema);
      }
    },
  };
}

async function removeAll(dataDir: string, pgSchema: string | undefined): Promise<void> {
  await rm(dataDir, { recursive: true, force: true });
  if (pgSchema === undefined) return;
  const client = new pg.Client({ connectionString: pgTestUrl() });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${pgSchema} cascade`);
  } finally {
    await client.end();
  }
}
