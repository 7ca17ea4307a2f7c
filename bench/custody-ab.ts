/**
 * Before/after for arrests over HTTP, interleaved, for a machine whose speed drifts by half within
 * minutes (bench/RESULTS.md, fourth session): runs of bench/custody.ts one after another cannot tell
 * a 30% change from the drift. Each checkout to compare serves its own store, built the same way, and
 * one load generator in a process of its own — the custody bench's clients (node:http keep-alive, 32
 * closed loops; the default) or autocannon (`client=autocannon`) — takes the servers in turn, round
 * after round, in reversed order every other round; the first round is a warm-up and is not counted.
 *
 *   # in each checkout (into an older one, copy this file and custody.ts, custody-load.ts, stats.ts):
 *   node --import tsx bench/custody-ab.ts serve /tmp/before.json [episodes=100000] [people=25000]
 *   # when every server has written its file, from any checkout:
 *   node --import tsx bench/custody-ab.ts load before=/tmp/before.json after=/tmp/after.json [rounds=3] [amount=3000] [client=http|autocannon] [from=0]
 *
 * A server runs until SIGTERM or SIGINT. Each arrest is of a different pre-registered person, so a
 * server needs at least (rounds + 1) × amount people; to load the same servers again, pass `from=`
 * the number of arrests the earlier loads made. Each round also reports the server's CPU time per
 * arrest (Linux /proc), which drifts far less than the rates; `kill -USR2` on a server prints how
 * many appends each transaction carried since the last report.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { initDataDir } from '../src/store/datadir.js';
import { allProjections } from '../src/store/projections/index.js';
import { openStore } from '../src/store/store.js';
import { arrestOf, arrestServer, buildEpisodes } from './custody.js';
import { runLoad } from './custody-load.js';
import { fmt, median, quantile } from './stats.js';

/** Closed loops, as in issue 3's "32 concurrent clients". */
const CONNECTIONS = 32;

interface Served {
  port: number;
  /** The server's process, whose CPU time each round reads (Linux /proc; absent in older files). */
  pid?: number;
  token: string;
  facilityId: string;
  people: string[];
}

/** `name=value` arguments after the positional ones, as numbers with defaults. */
function numbers<K extends string>(args: string[], defaults: Record<K, number>): Record<K, number> {
  const out: Record<K, number> = { ...defaults };
  for (const arg of args) {
    const [name, value] = arg.split('=');
    if (
      name === undefined ||
      !(name in defaults) ||
      !Number.isSafeInteger(Number(value)) ||
      Number(value) <= 0
    )
      throw new Error(
        `unknown or bad argument ${arg}; expected one of ${Object.keys(defaults).join(', ')}=N`,
      );
    out[name as K] = Number(value);
  }
  return out;
}

async function serve(outFile: string, args: string[]): Promise<void> {
  const { episodes, people: peopleCount } = numbers(args, { episodes: 100_000, people: 25_000 });
  const dataDir = await mkdtemp(join(tmpdir(), 'habeas-bench-ab-'));
  await initDataDir(dataDir, { origin: 'bench.habeas/log' });
  const store = await openStore({ dataDir, projections: allProjections });
  const built = await buildEpisodes(store, episodes, Date.now());
  const { app, port, token, facilityId, people } = await arrestServer(store, dataDir, peopleCount);
  writeFileSync(
    outFile,
    JSON.stringify({ port, pid: process.pid, token, facilityId, people } satisfies Served),
  );
  console.log(
    `serving ${fmt(episodes)} episodes (built in ${fmt(built.ms / 1000, 1)} s) and ${fmt(peopleCount)} people on port ${port}; ${outFile} written`,
  );
  const stop = () => {
    void app
      .close()
      .then(() => store.close())
      .then(() => rm(dataDir, { recursive: true, force: true }))
      .then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // `kill -USR2 PID`: appends per transaction since the last report (group commit's batch size).
  let last = store.stats();
  process.on('SIGUSR2', () => {
    const now = store.stats();
    const appends = now.appends - last.appends;
    const transactions = now.transactions - last.transactions;
    console.log(
      `${fmt(appends)} appends in ${fmt(transactions)} transactions (${fmt(appends / Math.max(transactions, 1), 1)} each) since the last report`,
    );
    last = now;
  });
}

/** One round against one server: latencies at p50 and p99 and the slowest, and arrests a second. */
interface Round {
  p50: number;
  p99: number;
  max: number;
  rate: number;
}

/** A round with autocannon (in this process), as the fourth session measured. */
async function autocannonRound(
  target: Served & { name: string; next: number },
  amount: number,
): Promise<Round> {
  const result = await autocannon({
    url: `http://127.0.0.1:${target.port}`,
    connections: CONNECTIONS,
    amount,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/custody',
        headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify(arrestOf(target.people[target.next++] as string, target.facilityId)),
        }),
      },
    ],
  });
  const failed = result.errors + result.timeouts + result.non2xx;
  if (failed > 0)
    throw new Error(
      `${target.name}: ${failed} of ${amount} arrests were not registered (each person is arrested once: restart the servers before loading them again)`,
    );
  // By Little's law: 32 closed loops, each one request in flight, complete 32 / mean latency a
  // second. (autocannon in `amount` mode ends on its one-second tick, so its wall time is not it.)
  const { p50, p99, max, average } = result.latency;
  return { p50, p99, max, rate: CONNECTIONS / (average / 1000) };
}

/** A round with the custody bench's own clients (node:http, keep-alive; bench/custody-load.ts). */
async function httpRound(target: Served & { name: string; next: number }, amount: number): Promise<Round> {
  const result = await runLoad({
    baseUrl: `http://127.0.0.1:${target.port}`,
    headers: { authorization: `Bearer ${target.token}` },
    concurrency: CONNECTIONS,
    expect: 201,
    requests: Array.from({ length: amount }, () => ({
      method: 'POST' as const,
      path: '/api/v1/custody',
      body: arrestOf(target.people[target.next++] as string, target.facilityId),
    })),
  });
  if (result.failures > 0)
    throw new Error(
      `${target.name}: ${result.failures} of ${amount} arrests were not registered (first: ${result.firstFailure}; each person is arrested once: restart the servers before loading them again)`,
    );
  const { latencies } = result;
  return {
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: Math.max(...latencies),
    rate: latencies.length / (result.elapsedMs / 1000),
  };
}

/**
 * Nanoseconds a process has run on a CPU: its main thread, and all its threads (Linux schedstat);
 * undefined where /proc cannot tell (another OS, a server file without its pid).
 */
function cpuOf(pid: number | undefined): { main: number; all: number } | undefined {
  if (pid === undefined) return undefined;
  try {
    const ran = (task: string) =>
      Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    let all = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) all += ran(task);
    return { main: ran(String(pid)), all };
  } catch {
    return undefined;
  }
}

async function load(args: string[]): Promise<void> {
  const options = /^(rounds|amount|client|from)=/;
  // Loading a server again: start after the people the earlier loads arrested (each is arrested once).
  const fromArg = args.find((arg) => arg.startsWith('from='))?.slice('from='.length) ?? '0';
  const from = Number(fromArg);
  if (!Number.isSafeInteger(from) || from < 0)
    throw new Error(`from=${fromArg}: expected a person index, 0 or more`);
  const targets = args
    .filter((arg) => arg.includes('=') && !options.test(arg))
    .map((arg) => {
      const [name, file] = arg.split('=') as [string, string];
      return { name, ...(JSON.parse(readFileSync(file, 'utf8')) as Served), next: from };
    });
  const client = args.find((arg) => arg.startsWith('client='))?.slice('client='.length) ?? 'http';
  if (client !== 'http' && client !== 'autocannon')
    throw new Error(`client=${client}: expected client=http (the custody bench's) or client=autocannon`);
  const { rounds, amount } = numbers(
    args.filter((arg) => /^(rounds|amount)=/.test(arg)),
    { rounds: 3, amount: 3000 },
  );
  if (targets.length === 0) throw new Error('name at least one server: NAME=FILE');
  for (const target of targets) {
    if (target.people.length < from + (rounds + 1) * amount)
      throw new Error(
        `${target.name} has ${target.people.length} people; ${(rounds + 1) * amount} arrests from person ${from} need ${from + (rounds + 1) * amount}`,
      );
  }
  const results = new Map<
    string,
    { p50: number[]; p99: number[]; rate: number[]; main: number[]; all: number[] }
  >();
  for (let round = 0; round <= rounds; round++) {
    for (const target of round % 2 === 0 ? targets : [...targets].reverse()) {
      const before = cpuOf(target.pid);
      const result =
        client === 'http' ? await httpRound(target, amount) : await autocannonRound(target, amount);
      const after = cpuOf(target.pid);
      // CPU per arrest moves far less with the machine's drift than the rates do.
      const cpu =
        before && after
          ? {
              main: (after.main - before.main) / 1000 / amount,
              all: (after.all - before.all) / 1000 / amount,
            }
          : undefined;
      console.log(
        `round ${round}${round === 0 ? ' (warm-up)' : ''} ${target.name}: p50 ${fmt(result.p50, 1)} ms, p99 ${fmt(result.p99, 1)} ms, max ${fmt(result.max, 1)} ms, ${fmt(result.rate)} arrests/s` +
          (cpu
            ? `; server CPU per arrest ${fmt(cpu.main)} µs main thread, ${fmt(cpu.all)} µs all threads`
            : ''),
      );
      if (round === 0) continue;
      const entry = results.get(target.name) ?? { p50: [], p99: [], rate: [], main: [], all: [] };
      entry.p50.push(result.p50);
      entry.p99.push(result.p99);
      entry.rate.push(result.rate);
      if (cpu) {
        entry.main.push(cpu.main);
        entry.all.push(cpu.all);
      }
      results.set(target.name, entry);
    }
  }
  for (const [name, entry] of results) {
    console.log(
      `${name}: medians of ${rounds} rounds — p50 ${fmt(median(entry.p50), 1)} ms, p99 ${fmt(median(entry.p99), 1)} ms, ${fmt(median(entry.rate))} arrests/s` +
        (entry.main.length > 0
          ? `; server CPU per arrest ${fmt(median(entry.main))} µs main thread, ${fmt(median(entry.all))} µs all threads`
          : ''),
    );
  }
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'serve' && rest[0]) await serve(rest[0], rest.slice(1));
else if (mode === 'load') await load(rest);
else {
  console.error(
    'usage: bench/custody-ab.ts serve OUT.json [episodes=N] [people=N] | load NAME=FILE… [rounds=N] [amount=N] [client=http|autocannon] [from=N]',
  );
  process.exitCode = 2;
}
