import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';

/*
 * `habeas user …` and `habeas token …` as an operator runs them (issue 17 items 8 and 11, issue 18
 * item 4): secrets from standard input as one line, never a line break inside; the strength rule
 * with its reason; list, disable, enable, reset-password, revoke — each a log entry with the reason.
 */

let dir: string;
let dataDir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'habeas-cli-accounts-'));
  dataDir = join(dir, 'data');
  const init = await runCli(['init', '--data', dataDir, '--origin', 'accounts.habeas/log']);
  expect(init.code, init.stderr).toBe(0);
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const user = (...args: string[]) => ['user', ...args, '--data', dataDir];

interface Listed {
  id: string;
  username: string | null;
  name: string;
  role: string;
  state: string;
}

async function listed(kind: 'user' | 'token'): Promise<Listed[]> {
  const result = await runCli([kind, 'list', '--data', dataDir, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Listed[];
}

/** The log's entries with their payloads, as an auditor's export holds them. */
async function exported(): Promise<{ entry: { type: string; actor: string }; payload?: string }[]> {
  const out = join(dir, `log-${Date.now()}.jsonl`);
  const result = await runCli(['export', '--data', dataDir, '--out', out, '--payloads']);
  expect(result.code, result.stderr).toBe(0);
  return (await readFile(out, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { entry: { type: string; actor: string }; payload?: string })
    .filter((line) => line.entry !== undefined);
}

describe('habeas user and token administration', () => {
  test('user create refuses a password with a line break in it, as sealing init refuses a passphrase', async () => {
    const twoLines = await runCli(user('create', '--username', 'twolines', '--role', 'monitor'), {
      input: 'correct horse battery\nstaple and more words\n',
    });
    expect(twoLines.code).toBe(2);
    expect(twoLines.stderr).toMatch(/one line on standard input/);
    expect(await listed('user')).toEqual([]);
    const sealing = await runCli(['sealing', 'init', '--data', dataDir], {
      input: 'correct horse battery\nstaple and more words\n',
    });
    expect(sealing.code).toBe(2);
    expect(sealing.stderr).toMatch(/one line on standard input/);
  });

  test('user create refuses a password too easy to guess, and says why', async () => {
    const repeated = await runCli(user('create', '--username', 'weak', '--role', 'monitor'), {
      input: 'aaaaaaaaaaaa\n',
    });
    expect(repeated.code).toBe(2);
    expect(repeated.stderr).toMatch(/too easy to guess: it repeats/);
    const run = await runCli(user('create', '--username', 'weak', '--role', 'monitor'), {
      input: '1234567890123\n',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/run of neighbouring keys/);
    const sealing = await runCli(['sealing', 'init', '--data', dataDir], { input: 'qwertyuiopasdf\n' });
    expect(sealing.code).toBe(2);
    expect(sealing.stderr).toMatch(/too easy to guess/);
  });

  test('every account command answers --help with exit code 0', async () => {
    for (const command of [
      ['user', 'list'],
      ['user', 'disable'],
      ['user', 'enable'],
      ['user', 'reset-password'],
      ['token', 'list'],
      ['token', 'revoke'],
    ]) {
      const help = await runCli([...command, '--help']);
      expect(help.code, command.join(' ')).toBe(0);
      expect(help.stdout).toContain('--data');
    }
  });

  test('list, disable, enable and reset-password: each change in the log with the reason, the password never', async () => {
    const created = await runCli(
      user('create', '--username', 'aigerim', '--role', 'judge', '--name', 'Айгерим Садыкова'),
      { input: 'a long passphrase of the judge\n' },
    );
    expect(created.code, created.stderr).toBe(0);
    const table = await runCli(user('list'));
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/aigerim\s+judge\s+active\s+national\s+Айгерим Садыкова/);

    const disabled = await runCli(user('disable', '--username', 'Aigerim', '--reason', 'left the service'));
    expect(disabled.code, disabled.stderr).toBe(0);
    expect((await listed('user')).find((account) => account.username === 'aigerim')?.state).toBe('disabled');
    const enabled = await runCli(user('enable', '--username', 'aigerim', '--reason', 'came back'));
    expect(enabled.code, enabled.stderr).toBe(0);

    const weak = await runCli(user('reset-password', '--username', 'aigerim', '--reason', 'forgotten'), {
      input: 'bbbbbbbbbbbbbb\n',
    });
    expect(weak.code).toBe(2);
    const reset = await runCli(user('reset-password', '--username', 'aigerim', '--reason', 'forgotten'), {
      input: 'a temporary passphrase for Monday\n',
    });
    expect(reset.code, reset.stderr).toBe(0);
    const noReason = await runCli(user('disable', '--username', 'aigerim', '--reason', ' '));
    expect(noReason.code).toBe(2);
    const nobody = await runCli(user('disable', '--username', 'nobody', '--reason', 'x'));
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toMatch(/there is no user nobody/);

    const lines = await exported();
    const changes = lines
      .filter((line) => /^user-(disabled|enabled|password-reset)$/.test(line.entry.type))
      .map((line) => line.entry.type);
    expect(changes).toEqual(['user-disabled', 'user-enabled', 'user-password-reset']);
    for (const line of lines.filter((l) => l.entry.type.startsWith('user-')))
      expect(line.entry.actor).toMatch(/^cli:/);
    const bundle = JSON.stringify(lines);
    expect(bundle).not.toContain('a temporary passphrase');
    expect(bundle).not.toContain(Buffer.from('a temporary passphrase').toString('hex'));
  });

  test('token list shows service accounts without their tokens; token revoke stops one', async () => {
    const created = await runCli([
      'token',
      'create',
      '--data',
      dataDir,
      '--role',
      'monitor',
      '--name',
      'Witness',
    ]);
    expect(created.code, created.stderr).toBe(0);
    const token = created.stdout.trim();
    const table = await runCli(['token', 'list', '--data', dataDir]);
    expect(table.stdout).toMatch(/monitor\s+active\s+national\s+Witness/);
    expect(table.stdout).not.toContain(token);
    const witness = (await listed('token')).find((account) => account.name === 'Witness');
    const revoked = await runCli([
      'token',
      'revoke',
      '--data',
      dataDir,
      '--id',
      witness!.id,
      '--reason',
      'witness key rotated',
    ]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect((await listed('token')).find((account) => account.id === witness!.id)?.state).toBe('revoked');
    const unknown = await runCli(['token', 'revoke', '--data', dataDir, '--id', 'nosuch', '--reason', 'x']);
    expect(unknown.code).toBe(1);
  });
});
