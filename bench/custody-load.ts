/**
 * The HTTP clients of bench/custody.ts, run in a worker thread so that their own JavaScript
 * (fetch, JSON) does not share an event loop with the server they measure. Each job is a list of
 * requests worked through by `concurrency` closed loops (each sends its next request when the
 * previous one answered); the worker answers with every request's latency in milliseconds.
 */
import { parentPort } from 'node:worker_threads';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

export interface LoadJob {
  baseUrl: string;
  headers: Record<string, string>;
  concurrency: number;
  /** Status every answer must have (e.g. 201 for a registration). */
  expect: number;
  /**
   * Paced (open) loops: each loop sends a request every `intervalMs` on a fixed schedule (at once
   * when it is behind), instead of as soon as the previous one answered. Absent: closed loops.
   */
  intervalMs?: number;
  requests: LoadRequest[];
}

export interface LoadResult {
  latencies: number[];
  elapsedMs: number;
  /** Answers with another status than `expect`, with the first such answer's status and body. */
  failures: number;
  firstFailure: string | null;
}

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | null = null;
  let next = 0;
  const started = performance.now();
  const interval = job.intervalMs;
  await Promise.all(
    Array.from({ length: job.concurrency }, async (_, loop) => {
      // Paced loops start spread over one interval, so that their requests do not arrive together.
      let due = started + (interval === undefined ? 0 : (interval * loop) / job.concurrency);
      for (;;) {
        const request = job.requests[next++];
        if (!request) return;
        if (interval !== undefined) {
          const wait = due - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          due += interval;
        }
        const sent = performance.now();
        const response = await fetch(job.baseUrl + request.path, {
          method: request.method,
          headers:
            request.body === undefined ? job.headers : { ...job.headers, 'content-type': 'application/json' },
          ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        });
        const text = await response.text();
        latencies.push(performance.now() - sent);
        if (response.status !== job.expect) {
          failures += 1;
          firstFailure ??= `${response.status} ${text.slice(0, 300)}`;
        }
      }
    }),
  );
  return { latencies, elapsedMs: performance.now() - started, failures, firstFailure };
}

parentPort?.on('message', (job: LoadJob) => {
  runLoad(job).then(
    (result) => parentPort?.postMessage(result),
    (error: unknown) =>
      parentPort?.postMessage({
        latencies: [],
        elapsedMs: 0,
        failures: job.requests.length,
        firstFailure: error instanceof Error ? error.message : String(error),
      } satisfies LoadResult),
  );
});
