import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HABEAS_BIN, runCli, startCliServer, type RunningServer } from '../support/cli.js';
import { keyIdOf, leafInputOf, mth, verifySignedNote } from '../support/independent-rfc6962.js';
import { createHash } from 'node:crypto';

/**
 * The `habeas` command end to end, as an operator and an auditor use it: a real data directory,
 * a real server taking a few hundred appends over HTTP, an export, and offline verification —
 * both by `habeas verify` and by an independent RFC 6962 implementation.
 */
let dir: string;
let dataDir: string;
let server: RunningServer | undefined;
let adminToken: string;
let bundlePath: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'habeas-cli-'));
  dataDir = join(dir, 'data');
  const init = await runCli(['init', '--data', dataDir, '--origin', 'test.habeas/log']);
  expect(init.code, init.stderr).toBe(0);
  const token = await runCli([
    'token',
    'create',
    '--data',
    dataDir,
    '--role',
    'admin',
    '--name',
    'CLI test admin',
  ]);
  expect(token.code, token.stderr).toBe(0);
  adminToken = token.stdout.trim();
  server = await startCliServer(dataDir);
  // A few hundred appends through the real HTTP API.
  const regions = ['KZ-AST', 'KZ-ALA', 'KZ-KAR'];
  for (let batch = 0; batch < 10; batch++) {
    await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const response = await fetch(`${server!.url}/api/v1/facilities`, {
          method: 'POST',
          headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            name: `ИВС №${batch * 30 + i}`,
            kind: 'police-custody',
            population: 'mixed',
            region: regions[i % 3],
          }),
        });
        expect(response.status).toBe(201);
      }),
    );
  }
  expect(await server.stop()).toBe(0);
  server = undefined;
  bundlePath = join(dir, 'log.jsonl');
  const exported = await runCli(['export', '--data', dataDir, '--out', bundlePath, '--payloads']);
  expect(exported.code, exported.stderr).toBe(0);
}, 180_000);

afterAll(async () => {
  if (server) await server.kill();
  await rm(dir, { recursive: true, force: true });
});

describe('habeas command', () => {
  test('--help answers with every command and exit code 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['init', 'serve', 'demo', 'token', 'user', 'export', 'verify', 'rebuild']) {
      expect(result.stdout).toContain(command);
    }
  });

  test('bad usage exits 2: unknown command, missing option, verify without a file', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    expect((await runCli(['export', '--data', dataDir])).code).toBe(2);
    expect((await runCli(['verify'])).code).toBe(2);
    expect((await runCli(['verify', join(dir, 'no-such-file.jsonl')])).code).toBe(2);
    expect((await runCli(['token', 'create', '--data', dataDir, '--role', 'emperor'])).code).toBe(2);
  });

  test('init refuses a directory that is already initialised', async () => {
    const again = await runCli(['init', '--data', dataDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already/i);
  });

  test('token create prints the bearer token and nothing else', async () => {
    const result = await runCli(['token', 'create', '--data', dataDir, '--role', 'monitor']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stdout.trim()).toMatch(/^\S{20,}$/);
  });

  test('token create takes regions of ISO 3166-2:KZ: a legacy code is stored as the current one, an unlisted one is bad usage', async () => {
    const legacy = await runCli([
      'token',
      'create',
      '--data',
      dataDir,
      '--role',
      'monitor',
      '--region',
      'KZ-ALA',
    ]);
    expect(legacy.code, legacy.stderr).toBe(0);
    const unlisted = await runCli([
      'token',
      'create',
      '--data',
      dataDir,
      '--role',
      'monitor',
      '--region',
      'KZ-BAY',
    ]);
    expect(unlisted.code).toBe(2);
    expect(unlisted.stderr).toContain('--region');
    expect(unlisted.stderr).toContain('KZ-75');
    const list = await runCli(['token', 'list', '--data', dataDir, '--json']);
    const accounts = JSON.parse(list.stdout) as { regions: string[] }[];
    expect(accounts.some((account) => account.regions.join() === 'KZ-75')).toBe(true);
    expect(accounts.some((account) => account.regions.includes('KZ-ALA'))).toBe(false);
  });

  test('user create reads the password from standard input and refuses a short one', async () => {
    const ok = await runCli(
      ['user', 'create', '--data', dataDir, '--username', 'monitor1', '--role', 'monitor'],
      {
        input: 'correct horse battery staple\n',
      },
    );
    expect(ok.code, ok.stderr).toBe(0);
    const short = await runCli(
      ['user', 'create', '--data', dataDir, '--username', 'monitor2', '--role', 'monitor'],
      {
        input: 'short\n',
      },
    );
    expect(short.code).toBe(2);
  });

  test('export then verify: a bundle of a few hundred entries verifies (exit 0)', async () => {
    const result = await runCli(['verify', bundlePath, '--key', join(dataDir, 'log.vkey')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^OK: \d+ entries/);
  });

  test('an independent RFC 6962 implementation computes the signed root and verifies the signature with log.vkey', async () => {
    const vkey = (await readFile(join(dataDir, 'log.vkey'), 'utf8')).trim();
    const lines = (await readFile(bundlePath, 'utf8')).trim().split('\n');
    const header = JSON.parse(lines[0] as string) as { format: string; origin: string; key: string };
    expect(header).toEqual({ format: 'habeas-log/1', origin: 'test.habeas/log', key: vkey });
    expect(vkey.split('+')[1]).toBe(keyIdOf(vkey)); // name+keyid+…: the key id is the second field
    const last = JSON.parse(lines.at(-1) as string) as { checkpoint: string; cosignatures: string[] };
    const body = verifySignedNote(last.checkpoint, vkey).split('\n');
    const entries = lines
      .slice(1, -1)
      .map(
        (line) =>
          JSON.parse(line) as { entry: { seq: number; digest: string }; payload?: unknown; salt?: string },
      );
    expect(body[0]).toBe('test.habeas/log');
    expect(Number(body[1])).toBe(entries.length);
    expect(entries.length).toBeGreaterThanOrEqual(300);
    const root = mth(entries.map((e) => leafInputOf(e.entry)));
    expect(root.toString('base64')).toBe(body[2]);
    entries.forEach((e, i) => expect(e.entry.seq).toBe(i));
    for (const e of entries.filter((x) => x.salt !== undefined)) {
      const digest = createHash('sha256')
        .update(Buffer.from(e.salt as string, 'hex'))
        .update(leafInputOf(e.payload))
        .digest('hex');
      expect(digest).toBe(e.entry.digest);
    }
  });

  test('tampering with the bundle makes verify exit 1 and name what failed', async () => {
    const lines = (await readFile(bundlePath, 'utf8')).trim().split('\n');
    const cases: Record<string, string[]> = {
      'one character of an entry': lines.map((l, i) =>
        i === 5 ? l.replace(/"at":"(\d)/, (_, d: string) => `"at":"${d === '1' ? '2' : '1'}`) : l,
      ),
      'one character of a payload': lines.map((l, i) => (i === 6 ? l.replace('ИВС', 'ИВЗ') : l)),
      'a deleted line': lines.filter((_, i) => i !== 7),
      'a duplicated line': [...lines.slice(0, 8), lines[7] as string, ...lines.slice(8)],
      'two swapped lines': lines.map((l, i) =>
        i === 3 ? (lines[4] as string) : i === 4 ? (lines[3] as string) : l,
      ),
      'the last entry dropped': [...lines.slice(0, -2), lines.at(-1) as string],
      'an altered checkpoint': lines.map((l, i) =>
        i === lines.length - 1 ? l.replace(/\\n(\d+)\\n/, (_, n: string) => `\\n${Number(n) + 1}\\n`) : l,
      ),
    };
    for (const [what, tampered] of Object.entries(cases)) {
      const path = join(dir, 'tampered.jsonl');
      await writeFile(path, tampered.join('\n') + '\n');
      const result = await runCli(['verify', path, '--key', join(dataDir, 'log.vkey')]);
      expect(result.code, `${what}: ${result.stdout}`).toBe(1);
      expect(result.stderr, what).toMatch(/^FAILED: /);
    }
  });

  test('verify --data checks the live store against its signed checkpoints', async () => {
    const result = await runCli(['verify', '--data', dataDir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^OK: \d+ entries; [1-9]\d* signed checkpoints match/);
  });

  test('rebuild replays the log into the read models', async () => {
    const result = await runCli(['rebuild', '--data', dataDir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Rebuilt the read models from \d+ log entries/);
  });

  test('the launcher is a plain node script', async () => {
    expect(await readFile(HABEAS_BIN, 'utf8')).toMatch(/^#!\/usr\/bin\/env node/);
  });
});
