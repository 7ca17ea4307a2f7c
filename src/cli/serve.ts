import { startServer } from '../http/server.js';
import { StoreIntegrityError } from '../store/head-check.js';
import { loadCaseRules, loadComplaintRules, loadPrisonRules, loadRules, openDataStore } from './common.js';

export interface ServeOptions {
  data: string;
  port: number;
  host: string;
  secureCookies?: boolean;
  /** Reverse proxies whose X-Forwarded-For is believed (src/http/trust-proxy.ts); none when unset. */
  trustProxy?: string[];
  /** Log every request (pino, JSON lines on standard output); default true. */
  log?: boolean;
}

/** Serves until SIGINT/SIGTERM, then stops taking requests, signs a final checkpoint and exits. */
export async function runServe(opts: ServeOptions, banner?: (url: string) => void): Promise<void> {
  const rules = await loadRules(opts.data);
  let store: Awaited<ReturnType<typeof openDataStore>>;
  try {
    store = await openDataStore(opts.data, rules);
  } catch (error) {
    if (error instanceof StoreIntegrityError)
      throw new Error(
        `refusing to serve: ${error.message}. Nothing was signed. Run habeas verify --data ${opts.data} to see ` +
          'what differs, restore the database from a backup that verifies, and tell the oversight body (docs/security.md).',
      );
    throw error;
  }
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      store,
      dataDir: opts.data,
      rules,
      complaintRules: await loadComplaintRules(opts.data),
      caseRules: await loadCaseRules(opts.data),
      prisonRules: await loadPrisonRules(opts.data),
      port: opts.port,
      host: opts.host,
      secureCookies: opts.secureCookies ?? false,
      logger: opts.log ?? true,
      ...(opts.trustProxy ? { trustProxy: opts.trustProxy } : {}),
      ...rateLimitFromEnv(),
      ...integrityFromEnv(),
    });
  } catch (error) {
    await store.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new Error(`port ${opts.port} on ${opts.host} is in use: choose another with --port`);
    throw error;
  }
  if (banner) banner(server.url);
  else console.log(`Habeas (${store.engine}) serving ${server.url}`);

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      console.log(`\n${signal}: stopping; signing the final checkpoint…`);
      server
        .close()
        .then(() => store.close())
        .then(resolve, (error: unknown) => {
          console.error(
            `habeas: error while stopping: ${error instanceof Error ? error.message : String(error)}`,
          );
          process.exitCode = 1;
          resolve();
        });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/**
 * HABEAS_RATE_LIMIT_MAX / HABEAS_RATE_LIMIT_WINDOW_MS override the per-client request budget
 * (load tests and large integrations); unset, the server's defaults apply.
 */
function rateLimitFromEnv(): { rateLimit?: { max: number; timeWindowMs: number } } {
  const max = process.env.HABEAS_RATE_LIMIT_MAX;
  if (!max) return {};
  const windowMs = Number(process.env.HABEAS_RATE_LIMIT_WINDOW_MS ?? 60_000);
  if (!Number.isInteger(Number(max)) || Number(max) < 1 || !Number.isInteger(windowMs) || windowMs < 1) {
    throw new Error('HABEAS_RATE_LIMIT_MAX and HABEAS_RATE_LIMIT_WINDOW_MS must be positive integers');
  }
  return { rateLimit: { max: Number(max), timeWindowMs: windowMs } };
}

/** HABEAS_INTEGRITY_CHECK_HOURS: hours between the server's checks of the log and read models (default 6). */
function integrityFromEnv(): { integrityWatch?: { intervalMs: number } } {
  const hours = process.env.HABEAS_INTEGRITY_CHECK_HOURS;
  if (!hours) return {};
  const value = Number(hours);
  if (!Number.isFinite(value) || value <= 0 || value > 24 * 30)
    throw new Error('HABEAS_INTEGRITY_CHECK_HOURS must be a number of hours above 0, at most 720');
  return { integrityWatch: { intervalMs: Math.round(value * 3_600_000) } };
}
