/**
 * The HTTP clients of bench/custody.ts, in a child process of their own, as real clients are: their
 * JavaScript shares neither an event loop nor a process with the server they measure. Each job is a
 * list of requests worked through by `concurrency` loops over keep-alive connections (node:http,
 * one socket per loop); the process answers with every request's latency in milliseconds.
 *
 * Why node:http and not fetch: on this 2-core machine the clients take CPU from the server. Against
 * one server, in one session, 32 closed loops of `fetch` (undici) from a separate process got
 * 1,285–1,295 arrests/s at p99 58 ms, where 32 loops of node:http got 1,883–1,924/s at p99 30–44 ms
 * (bench/RESULTS.md, sixth session): the measurement was of the client as much as of the server.
 */
import { Agent, request as httpRequest } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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

interface Answer {
  status: number;
  text: string;
}

function send(agent: Agent, url: URL, headers: Record<string, string>, method: string, body?: string) {
  return new Promise<Answer>((resolve, reject) => {
    const outgoing = httpRequest(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        headers:
          body === undefined
            ? headers
            : { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({ status: incoming.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/**
 * Connections stay open from one job to the next (per origin and number of loops), so that only the
 * warm-up pays for connecting: a round that opened 32 connections first measured the handshakes too.
 */
const agents = new Map<string, Agent>();

function agentFor(origin: string, concurrency: number): Agent {
  const key = `${origin} ${concurrency}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
    agents.set(key, agent);
  }
  return agent;
}

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const base = new URL(job.baseUrl);
  const agent = agentFor(base.origin, job.concurrency);
  // Bodies serialised before the clock starts: the loops measure the server, not JSON.stringify.
  const requests = job.requests.map((request) => ({
    method: request.method,
    url: new URL(request.path, base),
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  }));
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
        const request = requests[next++];
        if (!request) return;
        if (interval !== undefined) {
          const wait = due - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          due += interval;
        }
        const sent = performance.now();
        const answer = await send(agent, request.url, job.headers, request.method, request.body);
        latencies.push(performance.now() - sent);
        if (answer.status !== job.expect) {
          failures += 1;
          firstFailure ??= `${answer.status} ${answer.text.slice(0, 300)}`;
        }
      }
    }),
  );
  return { latencies, elapsedMs: performance.now() - started, failures, firstFailure };
}

// Run as a child process (bench/custody.ts forks it): one job per message, one result per job.
if (process.send && process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.on('message', (job: LoadJob) => {
    runLoad(job).then(
      (result) => process.send?.(result),
      (error: unknown) =>
        process.send?.({
          latencies: [],
          elapsedMs: 0,
          failures: job.requests.length,
          firstFailure: error instanceof Error ? error.message : String(error),
        } satisfies LoadResult),
    );
  });
  // The parent going away ends the clients too.
  process.on('disconnect', () => {
    for (const agent of agents.values()) agent.destroy();
    process.exit(0);
  });
}
