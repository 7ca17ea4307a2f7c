import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_PROCURATOR_PASSPHRASE, DEMO_SEALING_PASSPHRASE } from '../../src/demo/seed.js';
import { unlockSealing, WrongPassphraseError } from '../../src/sealing/keystore.js';
import { HABEAS_BIN, runCli } from '../support/cli.js';

/*
 * Issue 17 item 11: `habeas demo --data DIR` on a real data directory created the complaints
 * authority's key with the published demo passphrase. Now demo refuses a directory holding data
 * that is not a demonstration's, and a directory the operator names gets a random passphrase,
 * printed once: a published passphrase never protects a key anyone keeps. And (issue 18) it is
 * quiet by default and runs a witness of its own, so that what a new user meets is a cosigned log.
 */

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'habeas-cli-demo-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `habeas demo` until it prints its banner; then stopped (SIGTERM). Returns what it printed. */
function demoBanner(dataDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HABEAS_BIN, 'demo', '--data', dataDir, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`demo did not start:\n${out}`));
    }, 150_000);
    const onData = (data: string) => {
      out += data;
      if (/Stop with Ctrl\+C/.test(out)) child.kill('SIGTERM');
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (/Stop with Ctrl\+C/.test(out)) resolve(out);
      else reject(new Error(`demo exited with ${code}:\n${out}`));
    });
  });
}

describe('habeas demo --data', () => {
  test('refuses a data directory that holds a register that is not a demonstration', async () => {
    const real = join(dir, 'real');
    const init = await runCli(['init', '--data', real, '--origin', 'register.example.kz/log']);
    expect(init.code, init.stderr).toBe(0);
    const demo = await runCli(['demo', '--data', real, '--port', '0']);
    expect(demo.code).toBe(2);
    expect(demo.stderr).toMatch(/not a demonstration's \(origin register\.example\.kz\/log\)/);
    const sealing = await runCli(['sealing', 'key', '--data', real]);
    expect(sealing.code).not.toBe(0); // no key was made there
  });

  test('refuses a directory that is not empty and not a data directory', async () => {
    const other = join(dir, 'documents');
    await mkdir(other);
    await writeFile(join(other, 'notes.txt'), 'something of the operator’s');
    const demo = await runCli(['demo', '--data', other, '--port', '0']);
    expect(demo.code).toBe(2);
    expect(demo.stderr).toMatch(/not empty/);
  });

  test('a new directory gets a random complaints passphrase, printed once; the published one opens nothing', async () => {
    const fresh = join(dir, 'fresh');
    const banner = await demoBanner(fresh);
    const passphrase = /Complaints key passphrase .*: (\S+)\s*$/m.exec(banner)?.[1];
    expect(passphrase).toBeDefined();
    expect(passphrase).not.toBe(DEMO_SEALING_PASSPHRASE);
    expect(banner).not.toContain(DEMO_SEALING_PASSPHRASE);
    await expect(unlockSealing(fresh, DEMO_SEALING_PASSPHRASE)).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(await unlockSealing(fresh, passphrase!)).toBeDefined();
    // The procurator's office's own key, with its own passphrase (issue 18 item 5), also random here.
    const procurator = /Procurator’s office key passphrase .*: (\S+)\s*$/m.exec(banner)?.[1];
    expect(procurator).toBeDefined();
    expect(procurator).not.toBe(passphrase);
    expect(banner).not.toContain(DEMO_PROCURATOR_PASSPHRASE);
    expect(await unlockSealing(fresh, procurator!, 'procurator')).toBeDefined();
    await expect(unlockSealing(fresh, passphrase!, 'procurator')).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
    // A second run serves the same demonstration and does not show the passphrase again.
    const again = await demoBanner(fresh);
    expect(again).not.toContain(passphrase);
    expect(again).toMatch(/Store already seeded/);
  }, 300_000);

  test('the demonstration is quiet by default (the logins stay on screen) and a witness of its own cosigns its checkpoints', async () => {
    const quiet = join(dir, 'quiet');
    const banner = await demoBanner(quiet);
    // No request log lines (pino's JSON) between the banner's lines; --log brings them back.
    expect(banner.split('\n').filter((line) => line.startsWith('{'))).toEqual([]);
    expect(banner).toMatch(
      /Witness \(demonstration only, in .*demo-witness\): http:\/\/127\.0\.0\.1:\d+ — cosigns every checkpoint/,
    );
    // The log's export from the stopped demonstration verifies with the witness's key.
    const witnessKey = join(quiet, 'demo-witness', 'witness.vkey');
    const bundle = join(dir, 'quiet.jsonl');
    expect((await runCli(['export', '--data', quiet, '--out', bundle])).code).toBe(0);
    const verified = await runCli(['verify', bundle, '--witness', witnessKey, '--quorum', '1']);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/1 cosignatures/);
  }, 300_000);
});
