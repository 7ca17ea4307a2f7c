/**
 * Prison stays at the midnight check (issue 5, for capacity planning: the issue sets no number).
 * Every held stay is looked at after each Kazakhstan midnight (intl.exercise, kz.life.exercise,
 * intl.solitary.health-visits are day-by-day checks), and each look reads and folds the stay's
 * stream. A SQLite store is filled with BENCH_PRISON_STAYS stays (default 2,000), each admitted
 * BENCH_PRISON_DAYS days ago (default 60) with an examination and an hour outdoors logged every
 * day, exactly as the prison decider would have recorded them; then the scheduler's tick just after
 * the next midnight is timed (every stay due, nothing to record), against the same-run baselines of
 * reading one stay's stream and a tick with nothing due.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '../src/app/ids.js';
import { ClockScheduler } from '../src/clocks/scheduler.js';
import type { PrisonCommand } from '../src/domain/prison/commands.js';
import { prisonDecider } from '../src/domain/prison/decide.js';
import { prisonStream, type PrisonEvent } from '../src/domain/prison/events.js';
import { addDays, kzCalendarDate, kzDayStart } from '../src/domain/prison/facts.js';
import type { StayState } from '../src/domain/prison/state.js';
import { isRefusal } from '../src/domain/decision.js';
import { DEFAULT_CUSTODY_RULES } from '../src/rules/custody-rules.js';
import { DEFAULT_PRISON_RULES } from '../src/rules/prison-rules.js';
import { initDataDir } from '../src/store/datadir.js';
import { allProjections } from '../src/store/projections/index.js';
import { openStore } from '../src/store/store.js';
import type { AppendRequest } from '../src/store/types.js';
import { fmt, median, quantile, type BenchResult } from './stats.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CHUNK = 200;
const iso = (ms: number) => new Date(ms).toISOString();

/** The entries of one stay, decided by the prison decider as the services would have. */
function stayEvents(stayId: string, admittedAt: number, nowMs: number, actor: string): PrisonEvent[] {
  const decider = prisonDecider(DEFAULT_PRISON_RULES);
  let state: StayState = decider.initialState;
  const events: PrisonEvent[] = [];
  const decide = (command: PrisonCommand) => {
    const decided = decider.decide(command, state);
    if (isRefusal(decided)) throw new Error(decided.detail);
    for (const event of decided) {
      state = decider.evolve(state, event, {
        seq: events.length,
        version: events.length,
        recordedAt: command.now,
        actor,
      });
      events.push(event);
    }
  };
  decide({
    type: 'admit',
    stayId,
    personId: newId(),
    facilityId: 'bench-prison',
    admittedAt: iso(admittedAt),
    commitmentOrder: {
      reference: '1-204/2026',
      authority: 'районный суд',
      issuedOn: null,
      grounds: 'приговор',
    },
    custodyId: null,
    deprivedOfLiberty: { at: iso(admittedAt - 3 * DAY), place: 'г. Караганда', authority: null },
    lifeSentence: false,
    person: { sex: 'male', birthDate: '1985-06-01', languages: ['ru'] },
    facilityPopulation: 'men',
    reachedBy: 'scope',
    identityDocument: null,
    now: iso(admittedAt + 10 * 60_000),
    actor,
  });
  const record = (input: PrisonCommand & { type: 'record' }) => decide(input);
  record({
    type: 'record',
    input: {
      type: 'medical-examined',
      at: iso(admittedAt + HOUR),
      hivScreening: 'done',
      tbScreening: 'done',
    },
    facilityKind: 'prison',
    actorName: 'врач',
    now: iso(admittedAt + 2 * HOUR),
    actor,
  });
  const today = kzCalendarDate(iso(nowMs));
  for (let day = addDays(kzCalendarDate(iso(admittedAt)), 1); day <= today; day = addDays(day, 1)) {
    const evening = Math.min(kzDayStart(day) + 18 * HOUR, nowMs);
    record({
      type: 'record',
      input: { type: 'exercise-logged', date: day, minutes: 60 },
      facilityKind: 'prison',
      actorName: 'дежурный',
      now: iso(evening),
      actor,
    });
  }
  return events;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

export async function benchPrison(): Promise<BenchResult> {
  const count = Number(process.env.BENCH_PRISON_STAYS ?? 2_000);
  const days = Number(process.env.BENCH_PRISON_DAYS ?? 60);
  const dataDir = await mkdtemp(join(tmpdir(), 'habeas-bench-prison-'));
  await initDataDir(dataDir, { origin: 'bench.habeas/log' });
  const store = await openStore({ dataDir, projections: allProjections });
  const lines: string[] = [];
  try {
    const nowMs = Date.now();
    const actor = newId();
    const ids: string[] = [];
    let entries = 0;
    const built = await timed(async () => {
      for (let start = 0; start < count; start += CHUNK) {
        const requests: AppendRequest[] = [];
        for (let i = start; i < Math.min(count, start + CHUNK); i++) {
          const stayId = newId();
          ids.push(stayId);
          const events = stayEvents(stayId, nowMs - days * DAY - (i % 24) * HOUR, nowMs, actor);
          entries += events.length;
          requests.push({ stream: prisonStream(stayId), expectedVersion: 0, actor, events });
        }
        const results = await store.appendAll(requests);
        const failed = results.find((result) => result instanceof Error);
        if (failed) throw failed;
        if (process.stderr.isTTY)
          process.stderr.write(`\r  built ${fmt(Math.min(count, start + CHUNK))} / ${fmt(count)} stays`);
      }
      if (process.stderr.isTTY) process.stderr.write('\n');
    });
    lines.push(
      `SQLite store with ${fmt(count)} held stays, each admitted ${fmt(days)} days ago with an examination and an hour outdoors logged every day ` +
        `(${fmt(entries)} entries, ~${fmt(entries / count)} per stay), built with \`appendAll\` in ${fmt(built.ms / 1000, 1)} s; ` +
        `load average at start ${loadavg()
          .map((load) => fmt(load, 2))
          .join(' / ')}`,
    );

    let clockMs = nowMs;
    const services = { store, rules: DEFAULT_CUSTODY_RULES, prisonRules: DEFAULT_PRISON_RULES };
    const scheduler = new ClockScheduler(services, { clock: () => new Date(clockMs) });
    // Baselines: a tick with nothing due, and reading one stay's stream.
    await scheduler.tick();
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) idle.push((await timed(() => scheduler.tick())).ms);
    const reads: number[] = [];
    for (let i = 0; i < 200; i++)
      reads.push(
        (await timed(() => store.readStream(prisonStream(ids[(i * 7919) % ids.length] as string)))).ms,
      );

    // Just after the next midnight in Kazakhstan: every stay is due, nothing is to be recorded.
    const passes: { ms: number; stays: number; findings: number }[] = [];
    for (let night = 1; night <= 3; night++) {
      clockMs = kzDayStart(addDays(kzCalendarDate(iso(nowMs)), night)) + 60_000;
      // The day that just ended had its hour outdoors too (logged before midnight).
      const day = addDays(kzCalendarDate(iso(nowMs)), night - 1);
      if (night > 1)
        for (let start = 0; start < ids.length; start += CHUNK) {
          const requests: AppendRequest[] = ids.slice(start, start + CHUNK).map((stayId) => ({
            stream: prisonStream(stayId),
            expectedVersion: 'any',
            actor,
            events: [{ type: 'exercise-logged', payload: { date: day, minutes: 60 } }],
          }));
          const results = await store.appendAll(requests);
          const failed = results.find((result) => result instanceof Error);
          if (failed) throw failed;
        }
      const pass = await timed(() => scheduler.tick());
      passes.push({ ms: pass.ms, stays: pass.value.stays ?? 0, findings: pass.value.findings });
    }
    const after: number[] = [];
    for (let i = 0; i < 20; i++) after.push((await timed(() => scheduler.tick())).ms);
    const perStay = passes.map((pass) => pass.ms / Math.max(pass.stays, 1));
    lines.push(
      `baselines: a tick with nothing due, 20 ticks: median ${fmt(median(idle), 2)} ms; reading one stay's stream (${fmt(entries / count)} entries), 200 reads: median ${fmt(median(reads), 2)} ms, p99 ${fmt(quantile(reads, 0.99), 2)} ms`,
    );
    lines.push(
      `the midnight check, 3 nights: ` +
        passes
          .map((pass) => `${fmt(pass.ms)} ms for ${fmt(pass.stays)} stays (${fmt(pass.findings)} findings)`)
          .join('; ') +
        ` → median ${fmt(median(perStay), 2)} ms per stay, ${fmt(median(perStay) / median(reads), 1)}× reading its stream; the next tick: median ${fmt(median(after), 2)} ms`,
    );
    const nationalStays = 30_000;
    return {
      name: `Prison stays: the midnight check over ${fmt(count)} held stays of ${fmt(days)} days`,
      lines,
      target: `no number in issue 5; at this rate a prison population of ${fmt(nationalStays)} would take about ${fmt((median(perStay) * nationalStays) / 1000)} s each night, and every pass records nothing twice (${passes.every((pass) => pass.findings === 0) ? 'none recorded' : 'findings recorded!'})`,
      met: passes.every((pass) => pass.findings === 0 && pass.stays === count),
    };
  } finally {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
