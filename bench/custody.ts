/**
 * Police custody at national scale (issue 3 "How it will be checked"):
 *
 * 1. 100,000 open episodes, a scheduler tick under 100 ms. A SQLite store is filled with 100,000
 *    open custody episodes whose streams are exactly what the services would have appended (the
 *    decider builds them: arrest record, rights, medical examination, family notified), with
 *    apprehensions 1 to 40 hours ago, so that no clock is due. Then `ClockScheduler.tick()` is
 *    timed when nothing is due (the target) and when 1,000 episodes have just become due (the
 *    injected clock moved forward), against a primary-key read of one custody_episodes row in the
 *    same run; the tick's own due query is timed and its SQLite plan printed, to show where the
 *    time goes.
 * 2. Registering an arrest under 20 ms at p99 with 32 concurrent clients: POST /api/v1/custody
 *    through the real HTTP server on that same 100,000-episode store, for distinct pre-registered
 *    people, against GET /healthz (the floor of a round trip) and POST /api/v1/people (a plain
 *    registration) with the same 32 closed-loop clients; then with one client (the time one
 *    registration takes) and with 32 paced clients (latency below saturation). The clients run in
 *    a child process over node:http keep-alive connections (bench/custody-load.ts says why).
 *
 * BENCH_CUSTODY_EPISODES overrides the 100,000 (e.g. for a quick look).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CompiledQuery, sql } from 'kysely';
import { authenticateToken, createToken } from '../src/app/accounts.js';
import { newId } from '../src/app/ids.js';
import { createFacility, createPerson } from '../src/app/registry.js';
import { ClockScheduler } from '../src/clocks/scheduler.js';
import type { CustodyCommand } from '../src/domain/custody/commands.js';
import { custodyDecider } from '../src/domain/custody/decide.js';
import { custodyStream, type CustodyEvent } from '../src/domain/custody/events.js';
import { isRefusal } from '../src/domain/decision.js';
import { DEFAULT_CUSTODY_RULES } from '../src/rules/custody-rules.js';
import { initDataDir } from '../src/store/datadir.js';
import { allProjections } from '../src/store/projections/index.js';
import { openStore } from '../src/store/store.js';
import type { AppendRequest, Store } from '../src/store/types.js';
import type { LoadJob, LoadRequest, LoadResult } from './custody-load.js';
import { fmt, median, quantile, type BenchResult } from './stats.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const RULES = DEFAULT_CUSTODY_RULES;
const FACILITIES = 300;
/** Juveniles among the arrested (apprehended within their 24 h, like everyone else here, so nothing is due). */
const JUVENILE_SHARE = 0.03;
const CHUNK = 2_000;
const STEADY_TICKS = 50;
const DUE_PER_TICK = 1_000;
const DUE_TICKS = 3;
const CLIENTS = 32;
/**
 * Requests per closed-loop round. Each round starts with all 32 loops sending at once; that first
 * wave waits for one another (20–30 ms at 100,000 episodes) and was 3.2% of a round of 1,000 (1.1% of
 * 3,000), so the p99 of such rounds measured the burst at each round's start, not the sustained load
 * of 32 clients (bench/RESULTS.md, sixth session). At 6,000 it is 0.5% of the samples: still in them.
 */
const ARRESTS_PER_ROUND = 6_000;
const ROUNDS = 3;
/** Arrests per round with one client: the time a registration takes when nothing else is running. */
const SOLO_PER_ROUND = 300;
/** Paced clients: each of the 32 registers one arrest every 100 ms (320 arrests/s), for 2 s per round. */
const PACED_INTERVAL_MS = 100;
const PACED_PER_ROUND = 640;

const iso = (ms: number): string => new Date(ms).toISOString();

/** A deterministic generator (mulberry32), so that every run builds the same spread of episodes. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The events the services would append for one episode, decided one command after another by the
 * decider: the arrest record, then rights, medical examination and family notification where
 * their time has come by `now`. Refusals or findings would mean the input is wrong: they throw.
 */
function episodeEvents(
  command: Extract<CustodyCommand, { type: 'open-custody' }>,
  nowMs: number,
): CustodyEvent[] {
  const decider = custodyDecider(RULES);
  const apprehended = Date.parse(command.apprehendedAt);
  const commands: CustodyCommand[] = [command];
  const safeguards = [
    { after: 20, input: { type: 'rights-explained', language: 'ru', method: 'oral-and-written' } },
    { after: 40, input: { type: 'medical-examined', examinedBy: 'фельдшер ИВС', injuriesSeen: false } },
    {
      after: 55,
      input: {
        type: 'family-notified',
        outcome: 'notified',
        contact: 'супруга, по телефону',
        means: 'phone',
      },
    },
  ] as const;
  for (const { after, input } of safeguards) {
    const at = apprehended + after * MINUTE;
    if (at > nowMs) break;
    commands.push({
      type: 'record-safeguard',
      input: { ...input, at: iso(at) },
      now: iso(Math.min(at + 3 * MINUTE, nowMs)),
      actor: command.actor,
    });
  }
  let state = decider.initialState;
  const events: CustodyEvent[] = [];
  for (const next of commands) {
    const decision = decider.decide(next, state);
    if (isRefusal(decision)) throw new Error(`the decider refused a bench episode: ${decision.detail}`);
    for (const event of decision) {
      if (event.type === 'finding-recorded')
        throw new Error(`a bench episode has a finding due: ${event.payload.rule}`);
      state = decider.evolve(state, event, {
        seq: -1 - events.length,
        version: events.length,
        recordedAt: next.now,
        actor: next.actor,
      });
      events.push(event);
    }
  }
  return events;
}

/** Fills the store with `count` open episodes; returns the kz.custody.limit due times, sorted. */
export async function buildEpisodes(
  store: Store,
  count: number,
  nowMs: number,
): Promise<{ dueTimes: number[]; events: number; ms: number }> {
  const next = random(0x4861_6265);
  const facilities = Array.from({ length: FACILITIES }, () => newId());
  const actor = newId();
  const dueTimes: number[] = [];
  let events = 0;
  const started = performance.now();
  for (let start = 0; start < count; start += CHUNK) {
    const requests: AppendRequest[] = [];
    for (let i = start; i < Math.min(count, start + CHUNK); i++) {
      const juvenile = next() < JUVENILE_SHARE;
      // Apprehended 1 to 40 h ago (adults, 48 h limit) or 1 to 20 h ago (juveniles, 24 h): every
      // safeguard recorded (within the hour), no clock due; only kz.custody.limit is pending.
      const apprehended = Math.floor(nowMs - HOUR - next() * (juvenile ? 19 : 39) * HOUR);
      const custodyId = newId();
      const decided = episodeEvents(
        {
          type: 'open-custody',
          custodyId,
          personId: newId(),
          facilityId: facilities[i % FACILITIES] as string,
          apprehendedAt: iso(apprehended),
          place: 'г. Алматы, пр. Абая, 150',
          grounds: 'подозрение в краже (ст. 188 ч. 1 УК РК)',
          arrestingOfficer: 'лейтенант полиции А. Нуров',
          orderingAuthority: null,
          person: {
            birthDate: juvenile ? iso(apprehended - 16.5 * 365.25 * 24 * HOUR).slice(0, 10) : '1990-04-12',
            citizenship: 'KZ',
            languages: ['ru', 'kk'],
          },
          placement: { population: 'mixed', sex: 'male' },
          reachedBy: 'scope',
          identityDocument: null,
          now: iso(Math.min(apprehended + 15 * MINUTE, nowMs)),
          actor,
        },
        nowMs,
      );
      dueTimes.push(apprehended + (juvenile ? RULES.limitJuvenileHours : RULES.limitAdultHours) * HOUR);
      events += decided.length;
      requests.push({ stream: custodyStream(custodyId), expectedVersion: 0, actor, events: decided });
    }
    const results = await store.appendAll(requests);
    const failed = results.find((result) => result instanceof Error);
    if (failed) throw failed;
    if (process.stderr.isTTY)
      process.stderr.write(`\r  built ${fmt(Math.min(count, start + CHUNK))} / ${fmt(count)} episodes`);
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  return { dueTimes: dueTimes.sort((a, b) => a - b), events, ms: performance.now() - started };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** The HTTP clients in a child process (bench/custody-load.ts, TypeScript through tsx's loader). */
class LoadClients {
  private readonly child: ChildProcess;

  constructor() {
    this.child = fork(fileURLToPath(new URL('./custody-load.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
  }

  run(job: LoadJob): Promise<LoadResult> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`the load process ended (exit code ${code}) before answering`));
      this.child.once('exit', onExit);
      this.child.once('message', (message) => {
        this.child.off('exit', onExit);
        const result = message as LoadResult;
        if (result.failures > 0)
          reject(
            new Error(
              `${result.failures} of ${job.requests.length} requests failed; first: ${result.firstFailure}`,
            ),
          );
        else resolve(result);
      });
      this.child.send(job);
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.disconnect();
    await exited;
  }
}

interface Series {
  latencies: number[];
  /** Requests per second of each round. */
  rates: number[];
}

const summary = (label: string, series: Series): string =>
  `${label}: median ${fmt(median(series.latencies), 2)} ms, p95 ${fmt(quantile(series.latencies, 0.95), 2)} ms, ` +
  `p99 ${fmt(quantile(series.latencies, 0.99), 2)} ms; ${fmt(median(series.rates))} requests/s`;

/** The body of POST /api/v1/custody for one arrest, apprehended 25 minutes ago. */
export const arrestOf = (personId: string, facilityId: string) => ({
  personId,
  facilityId,
  apprehendedAt: iso(Date.now() - 25 * MINUTE),
  place: 'г. Алматы, ул. Толе би, 101',
  grounds: 'подозрение в краже (ст. 188 ч. 1 УК РК)',
  arrestingOfficer: 'лейтенант полиции А. Нуров',
});

/**
 * The HTTP server of the arrest measurements, listening on a free port of 127.0.0.1: a police custody
 * unit, a custody officer's token for it, and `count` registered people to arrest, one each.
 */
export async function arrestServer(store: Store, dataDir: string, count: number) {
  const facilityId = (
    await createFacility(
      store,
      { name: 'ИВС ДП г. Алматы', kind: 'police-custody', population: 'mixed', region: 'KZ-ALA' },
      'bench',
    )
  ).id;
  const { token } = await createToken(
    store,
    { role: 'custody-officer', name: 'bench desk', facilities: [facilityId], regions: [] },
    'bench',
  );
  if (!(await authenticateToken(store, token))) throw new Error('the bench token does not authenticate');
  const people: string[] = [];
  for (let i = 0; i < count; i += 64) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(64, count - i) }, (_, j) =>
        createPerson(
          store,
          {
            familyName: 'Сейткали',
            givenNames: `Арман ${i + j}`,
            birthDate: '1991-08-30',
            sex: 'male',
            facilityId,
          },
          'bench',
        ),
      ),
    );
    people.push(...batch.map((person) => person.id));
  }
  // Loaded here, so that the scheduler part of benchCustody runs without the web layer.
  const { buildApp } = await import('../src/http/app.js');
  const app = await buildApp({
    store,
    dataDir,
    rules: RULES,
    scheduler: false,
    rateLimit: { max: 100_000_000, timeWindowMs: 60_000 },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the server has no TCP address');
  return { app, port: address.port, token, facilityId, people };
}

export async function benchCustody(): Promise<BenchResult> {
  const count = Number(process.env.BENCH_CUSTODY_EPISODES ?? 100_000);
  const dataDir = await mkdtemp(join(tmpdir(), 'habeas-bench-custody-'));
  await initDataDir(dataDir, { origin: 'bench.habeas/log' });
  const store = await openStore({ dataDir, projections: allProjections });
  const services = { store, rules: RULES };
  const lines: string[] = [];
  try {
    // ── 1. The scheduler over 100,000 open episodes ──────────────────────────────────────────
    const base = Date.now();
    const built = await buildEpisodes(store, count, base);
    const pending = await store.db
      .selectFrom('custody_clocks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('pending_due_at', 'is not', null)
      .executeTakeFirstOrThrow();
    const clockRows = await store.db
      .selectFrom('custody_clocks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    lines.push(
      `SQLite store with ${fmt(count)} open custody episodes (${fmt(built.events)} entries: arrest record, rights, medical, family, ` +
        `decided by the custody decider; apprehensions spread over 1–40 h ago, ${fmt(JUVENILE_SHARE * 100)}% juveniles within their 24 h; ` +
        `${fmt(FACILITIES)} facility ids), built with \`appendAll\` in chunks of ${fmt(CHUNK)} in ${fmt(built.ms / 1000, 1)} s; ` +
        `${fmt(Number(pending.n))} clocks pending; load average at start ${loadavg()
          .map((load) => fmt(load, 2))
          .join(' / ')} (the machine is shared)`,
    );

    let shift = 0;
    const scheduler = new ClockScheduler(services, { clock: () => new Date(Date.now() + shift) });
    for (let i = 0; i < 5; i++) await scheduler.tick(); // warm-up
    const steady: number[] = [];
    for (let i = 0; i < STEADY_TICKS; i++) {
      const { ms, value } = await timed(() => scheduler.tick());
      if (value.findings !== 0) throw new Error(`a steady tick recorded ${value.findings} findings`);
      steady.push(ms);
    }

    // Why a tick costs what it costs: the query that finds the episodes due (as src/clocks/scheduler.ts
    // builds it), its SQLite plan, and the same question ordered by the pending index instead.
    const nowIso = new Date().toISOString();
    const schedulerQuery = store.db
      .selectFrom('custody_clocks')
      .select('custody_id')
      .distinct()
      .where('pending_due_at', '<=', nowIso)
      .orderBy('custody_id')
      .limit(500);
    const byPendingIndex = store.db
      .selectFrom('custody_clocks')
      .select('custody_id')
      .where('pending_due_at', '<=', nowIso)
      .orderBy('pending_due_at')
      .orderBy('custody_id')
      .limit(500);
    const planOf = async (query: typeof byPendingIndex): Promise<string> => {
      const compiled = query.compile();
      const plan = await store.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
      );
      return plan.rows.map((row) => row.detail).join('; ');
    };
    const schedulerQueryMs: number[] = [];
    const byPendingIndexMs: number[] = [];
    for (let i = 0; i < 10; i++) {
      schedulerQueryMs.push((await timed(() => schedulerQuery.execute())).ms);
      byPendingIndexMs.push((await timed(() => byPendingIndex.execute())).ms);
    }

    // Baselines in the same run: one custody_episodes row by primary key, and `select 1`.
    const ids = (await store.db.selectFrom('custody_episodes').select('id').limit(1_000).execute()).map(
      (row) => row.id,
    );
    const lookup: number[] = [];
    const selectOne: number[] = [];
    for (let i = 0; i < 2_000; i++) {
      const id = ids[i % ids.length] as string;
      lookup.push(
        (
          await timed(() =>
            store.db
              .selectFrom('custody_episodes')
              .select(['id', 'status'])
              .where('id', '=', id)
              .executeTakeFirst(),
          )
        ).ms,
      );
      selectOne.push((await timed(() => sql`select 1`.execute(store.db))).ms);
    }

    // 1,000 episodes become due: the clock jumps to the 1,000th next kz.custody.limit due time.
    const due: { ms: number; findings: number; episodes: number }[] = [];
    for (let k = 1; k <= DUE_TICKS; k++) {
      const dueAt = built.dueTimes[k * DUE_PER_TICK - 1];
      if (dueAt === undefined) break;
      shift = dueAt - Date.now() + 1;
      const { ms, value } = await timed(() => scheduler.tick());
      due.push({ ms, findings: value.findings, episodes: value.episodes });
    }
    const afterDue: number[] = [];
    for (let i = 0; i < 20; i++) afterDue.push((await timed(() => scheduler.tick())).ms);

    const steadyMedian = median(steady);
    const steadyP99 = quantile(steady, 0.99);
    lines.push(
      `scheduler tick with nothing due, ${STEADY_TICKS} ticks: median ${fmt(steadyMedian, 2)} ms, p99 ${fmt(steadyP99, 2)} ms ` +
        `(after the due ticks below, ${afterDue.length} more: median ${fmt(median(afterDue), 2)} ms)`,
    );
    lines.push(
      `baseline, one custody_episodes row by primary key: median ${fmt(median(lookup), 3)} ms, p99 ${fmt(quantile(lookup, 0.99), 3)} ms; ` +
        `\`select 1\`: median ${fmt(median(selectOne), 3)} ms → a steady tick costs ${fmt(steadyMedian / median(lookup), 1)}× a row read (median)`,
    );
    lines.push(
      `why: the tick's due-episode query alone (\`select distinct custody_id … where pending_due_at <= ? order by custody_id limit 500\`) ` +
        `takes median ${fmt(median(schedulerQueryMs), 2)} ms; SQLite plans it as "${await planOf(schedulerQuery)}", a walk of the whole ` +
        `primary-key index (${fmt(Number(clockRows.n))} clock rows) to return them in custody_id order. The same question ordered by the pending ` +
        `index (\`… order by pending_due_at, custody_id\`, duplicates dropped in JavaScript): median ${fmt(median(byPendingIndexMs), 3)} ms, ` +
        `plan "${await planOf(byPendingIndex)}"`,
    );
    lines.push(
      `tick when ${fmt(DUE_PER_TICK)} episodes have just become due (clock moved to the ${fmt(DUE_PER_TICK)}th next kz.custody.limit), ${due.length} times: ` +
        due
          .map(
            (d) =>
              `${fmt(d.ms)} ms for ${fmt(d.findings)} findings (${fmt(d.ms / Math.max(1, d.findings), 2)} ms per finding)`,
          )
          .join('; '),
    );

    // ── 2. Registering arrests over HTTP, 32 concurrent clients ──────────────────────────────
    const warmUp = 200;
    const arrests = ROUNDS * (ARRESTS_PER_ROUND + SOLO_PER_ROUND + PACED_PER_ROUND) + warmUp;
    const { app, port, token, facilityId, people } = await arrestServer(store, dataDir, arrests);
    const baseUrl = `http://127.0.0.1:${port}`;
    const clients = new LoadClients();
    const headers = { authorization: `Bearer ${token}` };
    let nextPerson = 0;
    const arrest = (): LoadRequest => ({
      method: 'POST',
      path: '/api/v1/custody',
      body: arrestOf(people[nextPerson++] as string, facilityId),
    });
    let registered = 0;
    const registration = (): LoadRequest => ({
      method: 'POST',
      path: '/api/v1/people',
      body: {
        familyName: 'Ахметова',
        givenNames: `Айгуль ${registered++}`,
        birthDate: '1993-01-17',
        sex: 'female',
      },
    });
    const health = (): LoadRequest => ({ method: 'GET', path: '/healthz' });
    const job = (
      make: () => LoadRequest,
      n: number,
      expect: number,
      concurrency = CLIENTS,
      intervalMs?: number,
    ): LoadJob => ({
      baseUrl,
      headers,
      concurrency,
      expect,
      requests: Array.from({ length: n }, make),
      ...(intervalMs === undefined ? {} : { intervalMs }),
    });
    const healthz: Series = { latencies: [], rates: [] };
    const plain: Series = { latencies: [], rates: [] };
    const custody: Series = { latencies: [], rates: [] };
    const solo: Series = { latencies: [], rates: [] };
    const paced: Series = { latencies: [], rates: [] };
    // How many appends each transaction carried under the closed loops (the scheduler's included).
    const grouped = { appends: 0, transactions: 0 };
    const measure = async (series: Series, work: LoadJob) => {
      const result = await clients.run(work);
      series.latencies.push(...result.latencies);
      series.rates.push(result.latencies.length / (result.elapsedMs / 1000));
    };
    try {
      // Warm-up: JIT, statement caches, connection pool.
      await clients.run(job(health, warmUp, 200));
      await clients.run(job(registration, warmUp, 201));
      await clients.run(job(arrest, warmUp, 201));
      for (let round = 0; round < ROUNDS; round++) {
        await measure(healthz, job(health, ARRESTS_PER_ROUND, 200));
        await measure(plain, job(registration, ARRESTS_PER_ROUND, 201));
        const before = store.stats();
        await measure(custody, job(arrest, ARRESTS_PER_ROUND, 201));
        const after = store.stats();
        grouped.appends += after.appends - before.appends;
        grouped.transactions += after.transactions - before.transactions;
        await measure(solo, job(arrest, SOLO_PER_ROUND, 201, 1));
        await measure(paced, job(arrest, PACED_PER_ROUND, 201, CLIENTS, PACED_INTERVAL_MS));
      }
    } finally {
      await clients.close();
      await app.close();
    }
    const p99 = quantile(custody.latencies, 0.99);
    lines.push(
      `HTTP on the same ${fmt(count)}-episode store (SQLite; the server in this process, its ${CLIENTS} closed-loop clients — node:http, keep-alive — in a child process), ` +
        `${ROUNDS} rounds of ${fmt(ARRESTS_PER_ROUND)} requests per endpoint after ${warmUp} warm-up each:`,
    );
    lines.push(summary('GET /healthz (baseline: the round trip)', healthz));
    lines.push(summary('POST /api/v1/people (baseline: a plain registration)', plain));
    lines.push(
      `${summary('POST /api/v1/custody (registering an arrest)', custody)} → p99 ${fmt(p99 / quantile(healthz.latencies, 0.99), 1)}× /healthz, ` +
        `${fmt(p99 / quantile(plain.latencies, 0.99), 1)}× /people; median ${fmt(median(custody.latencies) / median(plain.latencies), 1)}× /people; ` +
        `${fmt(grouped.appends / grouped.transactions, 1)} appends per transaction`,
    );
    lines.push(
      `${summary('POST /api/v1/custody with 1 client (the time one registration takes)', solo)}; ` +
        `${CLIENTS} clients at ${fmt(median(custody.rates))} requests/s wait ${fmt(median(custody.latencies), 1)} ms at the median, ` +
        `≈ ${CLIENTS} / throughput (${fmt((CLIENTS / median(custody.rates)) * 1000, 1)} ms): the server is saturated and requests queue`,
    );
    lines.push(
      summary(
        `POST /api/v1/custody, ${CLIENTS} paced clients (each one arrest every ${PACED_INTERVAL_MS} ms, ${fmt((CLIENTS * 1000) / PACED_INTERVAL_MS)}/s offered)`,
        paced,
      ),
    );
    const tickMet = steadyP99 < 100;
    const arrestMet = p99 < 20;
    return {
      name: `Police custody: scheduler tick over ${fmt(count)} open episodes; arrests over HTTP with ${CLIENTS} clients`,
      lines,
      target:
        `steady tick under 100 ms at ${fmt(count)} episodes (p99 ${fmt(steadyP99, 2)} ms: ${tickMet ? 'met' : 'not met'}) and ` +
        `POST /api/v1/custody p99 under 20 ms with ${CLIENTS} concurrent clients (closed loops at saturation ${fmt(p99, 2)} ms: ${arrestMet ? 'met' : 'not met'}, ` +
        `against a round-trip floor of ${fmt(quantile(healthz.latencies, 0.99), 2)} ms for /healthz under the same loops; ` +
        `${CLIENTS} paced clients at ${fmt((CLIENTS * 1000) / PACED_INTERVAL_MS)}/s ${fmt(quantile(paced.latencies, 0.99), 2)} ms: ${quantile(paced.latencies, 0.99) < 20 ? 'under' : 'over'} 20 ms)`,
      met: tickMet && arrestMet,
    };
  } finally {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
