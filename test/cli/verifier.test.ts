import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';

/**
 * The stand-alone verifier (issue 18 item 8): built into one file, copied into an empty folder far
 * from the project (no node_modules anywhere above it), it verifies an export exactly as `habeas
 * verify` does, narrows a changed entry with the exported checkpoints, and answers bad usage with 2.
 */

let dir: string;
let alone: string;
let bundle: string;
let checkpoints: string;
let dataDir: string;

function runAlone(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(alone, 'habeas-verify.mjs'), ...args], {
      cwd: alone,
      env: { PATH: process.env.PATH ?? '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'habeas-verifier-'));
  alone = await mkdtemp(join(tmpdir(), 'auditor-'));
  // @ts-expect-error — a build script in JavaScript, without types
  const { buildVerifier } = (await import('../../scripts/build-verifier.mjs')) as {
    buildVerifier(out: string): Promise<string>;
  };
  const digest = await buildVerifier(join(dir, 'habeas-verify.mjs'));
  await copyFile(join(dir, 'habeas-verify.mjs'), join(alone, 'habeas-verify.mjs'));
  expect(await readFile(join(dir, 'habeas-verify.mjs.sha256'), 'utf8')).toBe(
    `${digest}  habeas-verify.mjs\n`,
  );

  dataDir = join(dir, 'data');
  expect((await runCli(['init', '--data', dataDir, '--origin', 'test.habeas/log'])).code).toBe(0);
  // Several checkpoints: each `token create` appends and closes the store, which signs.
  for (let i = 0; i < 6; i++)
    expect(
      (await runCli(['token', 'create', '--data', dataDir, '--role', 'admin', '--name', `a${i}`])).code,
    ).toBe(0);
  bundle = join(dir, 'log.jsonl');
  checkpoints = join(dir, 'checkpoints.jsonl');
  const exported = await runCli(['export', '--data', dataDir, '--out', bundle, '--checkpoints', checkpoints]);
  expect(exported.code, exported.stderr).toBe(0);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(alone, { recursive: true, force: true });
});

describe('habeas-verify.mjs, alone', () => {
  test('verifies an export with the log’s key and the exported checkpoints, needing nothing beside it', async () => {
    const result = await runAlone([bundle, '--key', join(dataDir, 'log.vkey'), '--checkpoints', checkpoints]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^OK: 6 entries of log "test.habeas\/log"/);
    expect((await readFile(checkpoints, 'utf8')).trim().split('\n').length).toBeGreaterThanOrEqual(6);
  });

  test('names the range of a changed entry with the checkpoints, and says 1', async () => {
    const lines = (await readFile(bundle, 'utf8')).split('\n');
    // Line 5 is entry 3 (line 1 is the header).
    lines[4] = (lines[4] as string).replace('"token-issued"', '"token-revoked"');
    const changed = join(dir, 'changed.jsonl');
    await writeFile(changed, lines.join('\n'));
    const result = await runAlone([
      changed,
      '--key',
      join(dataDir, 'log.vkey'),
      '--checkpoints',
      checkpoints,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /FAILED: seq 3: .*checkpoint of 3 entries holds and its checkpoint of 4 does not/,
    );
  });

  test('bad usage is 2: a malformed key, a missing file, no file, an unknown option; --help is 0', async () => {
    expect((await runAlone([bundle, '--key', 'not+a+key'])).code).toBe(2);
    expect((await runAlone([join(dir, 'missing.jsonl')])).code).toBe(2);
    expect((await runAlone([])).code).toBe(2);
    expect((await runAlone([bundle, '--frobnicate'])).code).toBe(2);
    const help = await runAlone(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: node habeas-verify.mjs FILE/);
  });

  test('habeas verify answers the same with the checkpoints', async () => {
    const result = await runCli([
      'verify',
      bundle,
      '--key',
      join(dataDir, 'log.vkey'),
      '--checkpoints',
      checkpoints,
    ]);
    expect(result.code, result.stderr).toBe(0);
  });
});
