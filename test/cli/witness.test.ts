import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli, startCliServer, startCliWitness, type RunningServer } from '../support/cli.js';

/**
 * The witness and its configuration at the command line, as an ombudsman's office and an operator
 * would use them: `habeas witness init|trust|serve` in a directory of its own, `habeas witnesses
 * add|list|remove` on the log's side, a server whose checkpoints the witness cosigns, and
 * `habeas verify --witness --quorum` on an export (issue 17).
 */
let dir: string;
let dataDir: string;
let witnessDir: string;
let witnessKey: string;
const processes: RunningServer[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'habeas-cli-witness-'));
  dataDir = join(dir, 'data');
  witnessDir = join(dir, 'witness');
  expect((await runCli(['init', '--data', dataDir, '--origin', 'test.habeas/log'])).code).toBe(0);
});
afterAll(async () => {
  for (const p of processes.splice(0)) await p.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('habeas witness and habeas witnesses', () => {
  test('witness init prints the witness key; trust follows the log by its log.vkey; a second init is refused', async () => {
    const init = await runCli([
      'witness',
      'init',
      '--data',
      witnessDir,
      '--name',
      'ombudsman.example/witness',
    ]);
    expect(init.code, init.stderr).toBe(0);
    witnessKey = init.stdout.trim();
    expect(witnessKey).toMatch(/^ombudsman\.example\/witness\+[0-9a-f]{8}\+/);
    expect(witnessKey).toBe((await readFile(join(witnessDir, 'witness.vkey'), 'utf8')).trim());
    const again = await runCli(['witness', 'init', '--data', witnessDir, '--name', 'x.example/w']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already a witness directory/);
    const trust = await runCli([
      'witness',
      'trust',
      '--data',
      witnessDir,
      '--log-key',
      join(dataDir, 'log.vkey'),
    ]);
    expect(trust.code, trust.stderr).toBe(0);
    expect(trust.stdout).toMatch(/now follows test\.habeas\/log/);
  });

  test('witnesses add refuses a key that is not a witness key, and a quorum above the witnesses', async () => {
    const logKey = (await readFile(join(dataDir, 'log.vkey'), 'utf8')).trim();
    const wrong = await runCli([
      'witnesses',
      'add',
      '--data',
      dataDir,
      '--url',
      'http://127.0.0.1:1/',
      '--key',
      logKey,
    ]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/not a witness's cosignature key/);
    const quorum = await runCli([
      'witnesses',
      'add',
      '--data',
      dataDir,
      '--url',
      'http://127.0.0.1:1/',
      '--key',
      witnessKey,
      '--quorum',
      '2',
    ]);
    expect(quorum.code).toBe(2);
  });

  test('a server asks its witness: the published checkpoint carries the cosignature, and an export verifies only with it', async () => {
    const witness = await startCliWitness(witnessDir);
    processes.push(witness);
    const add = await runCli([
      'witnesses',
      'add',
      '--data',
      dataDir,
      '--url',
      witness.url,
      '--key',
      witnessKey,
      '--quorum',
      '1',
    ]);
    expect(add.code, add.stderr).toBe(0);
    const list = await runCli(['witnesses', 'list', '--data', dataDir]);
    expect(list.stdout).toContain('ombudsman.example/witness');
    expect(list.stdout).toMatch(/quorum 1 of 1/);

    const token = (
      await runCli(['token', 'create', '--data', dataDir, '--role', 'admin', '--name', 'admin'])
    ).stdout.trim();
    const server = await startCliServer(dataDir);
    processes.push(server);
    const created = await fetch(`${server.url}/api/v1/facilities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'ИВС', kind: 'police-custody', population: 'mixed', region: 'KZ-AST' }),
    });
    expect(created.status).toBe(201);
    const checkpoint = await (await fetch(`${server.url}/api/v1/log/checkpoint`)).text();
    expect(checkpoint).toMatch(/^— ombudsman\.example\/witness /m);
    expect(await server.stop()).toBe(0);
    processes.splice(processes.indexOf(server), 1);

    const bundle = join(dir, 'log.jsonl');
    expect((await runCli(['export', '--data', dataDir, '--out', bundle])).code).toBe(0);
    const witnessFile = join(witnessDir, 'witness.vkey');
    const ok = await runCli([
      'verify',
      bundle,
      '--key',
      join(dataDir, 'log.vkey'),
      '--witness',
      witnessFile,
      '--quorum',
      '1',
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/1 cosignatures/);
    // Another witness's key, required: the bundle does not have its cosignature.
    const otherDir = join(dir, 'other-witness');
    const other = (
      await runCli(['witness', 'init', '--data', otherDir, '--name', 'npm.example/witness'])
    ).stdout.trim();
    const missing = await runCli(['verify', bundle, '--witness', other]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/only 0 of the 1 given witnesses cosigned/);
    const live = await runCli(['verify', '--data', dataDir, '--witness', witnessFile]);
    expect(live.code, live.stderr).toBe(0);
    expect(live.stdout).toMatch(/Cosigned by 1 of the given witnesses/);
    expect(live.stdout).toMatch(/read model tables are what the log says/);
  });

  test('verify: a malformed --key or --witness is bad usage (exit 2), not a failed log', async () => {
    const bundle = join(dir, 'log.jsonl');
    expect((await runCli(['verify', bundle, '--key', 'nope+00000000+AAAA'])).code).toBe(2);
    expect((await runCli(['verify', bundle, '--witness', 'not a key'])).code).toBe(2);
    expect((await runCli(['verify', bundle, '--witness', witnessKey, '--quorum', '3'])).code).toBe(2);
  });
});
