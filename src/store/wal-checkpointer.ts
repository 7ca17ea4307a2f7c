/**
 * SQLite WAL checkpoints on a thread of their own (DESIGN.md "Storage": SQLite, WAL).
 *
 * With SQLite's automatic checkpoint, the commit that crosses the threshold copies the whole WAL
 * back into the database file and syncs it, on the committing connection — for the server, the
 * event loop's thread: every few hundred appends one request waited tens of milliseconds while
 * every other request queued behind it (the custody benchmark's p99, issue 3).
 *
 * Here a worker thread with its own connection runs PASSIVE checkpoints every `intervalMs`: it
 * copies what is committed without ever blocking a writer or a reader. The writer keeps an
 * automatic checkpoint too, at `boundPages`, as the bound on the WAL: if the worker falls behind
 * (or cannot run), the writer copies the rest itself and the WAL starts over. Durability is the
 * writer's: every commit is synced into the WAL (`synchronous=FULL`) before it is acknowledged;
 * a checkpoint only moves committed pages from the WAL to the database file, and syncs both.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface WalCheckpointerOptions {
  /** The SQLite database file. */
  path: string;
  /** Milliseconds between passive checkpoints. */
  intervalMs: number;
  /** How long a checkpoint waits for a lock it needs (it never takes the write lock). */
  busyTimeoutMs: number;
  /** The worker failed or stopped unasked: the caller falls back to checkpointing on the writer. */
  onFailure: (error: Error) => void;
}

export interface WalCheckpointer {
  /** Stops the worker after its current checkpoint and closes its connection. */
  stop(): Promise<void>;
}

/*
 * The worker's code, as CommonJS text run with `eval` (so it needs no file of its own, in the
 * compiled build or under the TypeScript loader alike); the driver is required by absolute path.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let db;
let timer;
const finish = () => {
  clearTimeout(timer);
  try { if (db) db.close(); } catch {}
  parentPort.close();
};
const failed = (error) => {
  parentPort.postMessage({ failed: (error && error.message) || (error && error.code) || String(error) });
  finish();
};
try {
  const Database = require(workerData.driver);
  db = new Database(workerData.path);
  db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
  db.pragma('synchronous = FULL');
  const checkpoint = db.prepare('pragma wal_checkpoint(PASSIVE)');
  const tick = () => {
    try {
      checkpoint.get();
      timer = setTimeout(tick, workerData.intervalMs);
    } catch (error) {
      failed(error);
    }
  };
  parentPort.on('message', (message) => {
    if (message === 'stop') finish();
  });
  timer = setTimeout(tick, workerData.intervalMs);
} catch (error) {
  failed(error);
}
`;

export function startWalCheckpointer(options: WalCheckpointerOptions): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver,
      path: options.path,
      intervalMs: options.intervalMs,
      busyTimeoutMs: options.busyTimeoutMs,
    },
  });
  // A checkpointer must never keep the process alive by itself.
  worker.unref();
  let stopping = false;
  let failed = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const fail = (error: Error) => {
    if (failed || stopping) return;
    failed = true;
    options.onFailure(error);
  };
  worker.on('error', (error) => fail(error instanceof Error ? error : new Error(String(error))));
  worker.on('message', (message: { failed?: string }) => {
    if (message.failed !== undefined) fail(new Error(message.failed));
  });
  worker.once('exit', (code) => fail(new Error(`the WAL checkpoint thread stopped (exit code ${code})`)));
  return {
    stop: async () => {
      if (stopping) return exited;
      stopping = true;
      worker.ref(); // waiting for it to finish must keep the process alive
      if (!failed) worker.postMessage('stop');
      await exited;
    },
  };
}
