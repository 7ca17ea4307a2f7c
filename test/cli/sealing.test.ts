import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';

/** `habeas sealing …` end to end, as the complaints authority's administrator uses it. */
let dir: string;
let dataDir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'habeas-cli-sealing-'));
  dataDir = join(dir, 'data');
  const init = await runCli(['init', '--data', dataDir]);
  expect(init.code, init.stderr).toBe(0);
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('habeas sealing', () => {
  test('--help of the group and of each command exits 0', async () => {
    const group = await runCli(['sealing', '--help']);
    expect(group.code).toBe(0);
    for (const command of ['init', 'rekey', 'key']) expect(group.stdout).toContain(command);
    for (const command of ['init', 'rekey', 'key']) {
      const help = await runCli(['sealing', command, '--help']);
      expect(help.code, command).toBe(0);
      expect(help.stdout, command).toContain('--data');
    }
    expect((await runCli(['--help'])).stdout).toContain('sealing');
  });

  test('before init, sealing key fails (exit 1) and says to run habeas sealing init', async () => {
    const result = await runCli(['sealing', 'key', '--data', dataDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('habeas sealing init');
  });

  test('sealing init reads the passphrase from standard input; sealing key prints the same public key', async () => {
    const init = await runCli(['sealing', 'init', '--data', dataDir], {
      input: 'пароль комиссии по жалобам\n',
    });
    expect(init.code, init.stderr).toBe(0);
    const printed = /Public key \(X25519, base64\): (\S+)/.exec(init.stdout)?.[1];
    expect(printed).toBeDefined();
    expect(init.stdout).toContain(join(dataDir, 'sealing.json'));
    expect((await stat(join(dataDir, 'sealing.json'))).mode & 0o777).toBe(0o600);

    const key = await runCli(['sealing', 'key', '--data', dataDir]);
    expect(key.code, key.stderr).toBe(0);
    expect(JSON.parse(key.stdout)).toEqual({
      suite: { kem: 32, kdf: 1, aead: 2 },
      info: 'habeas/complaint/v1',
      publicKey: printed,
    });
    expect(Buffer.from(printed as string, 'base64')).toHaveLength(32);
  });

  test('a second sealing init refuses (exit 1) and leaves the key as it was', async () => {
    const before = await readFile(join(dataDir, 'sealing.json'), 'utf8');
    const again = await runCli(['sealing', 'init', '--data', dataDir], {
      input: 'another long passphrase\n',
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already has a sealing key/);
    expect(await readFile(join(dataDir, 'sealing.json'), 'utf8')).toBe(before);
  });

  test('sealing rekey takes the current and the new passphrase as two lines; a wrong one exits 1', async () => {
    const before = JSON.parse(await readFile(join(dataDir, 'sealing.json'), 'utf8')) as { publicKey: string };
    const wrong = await runCli(['sealing', 'rekey', '--data', dataDir], {
      input: 'not the passphrase at all\nновая фраза для ключа\n',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/wrong passphrase/);

    const ok = await runCli(['sealing', 'rekey', '--data', dataDir], {
      input: 'пароль комиссии по жалобам\nновая фраза для ключа\n',
    });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(before.publicKey);
    // The old passphrase no longer works; the new one does.
    const old = await runCli(['sealing', 'rekey', '--data', dataDir], {
      input: 'пароль комиссии по жалобам\nещё одна новая фраза\n',
    });
    expect(old.code).toBe(1);
    const back = await runCli(['sealing', 'rekey', '--data', dataDir], {
      input: 'новая фраза для ключа\nпароль комиссии по жалобам\n',
    });
    expect(back.code, back.stderr).toBe(0);
  });

  test('kz.complaint.channel: --for procurator makes the procurator’s office its own key, file and passphrase; neither passphrase works on the other’s key', async () => {
    const authority = JSON.parse(await readFile(join(dataDir, 'sealing.json'), 'utf8')) as {
      publicKey: string;
    };
    const before = await runCli(['sealing', 'key', '--for', 'procurator', '--data', dataDir]);
    expect(before.code).toBe(1);
    expect(before.stderr).toContain('habeas sealing init --for procurator');
    const init = await runCli(['sealing', 'init', '--for', 'procurator', '--data', dataDir], {
      input: 'ключ прокуратуры, свой собственный\n',
    });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain("procurator's office's sealing key");
    const path = join(dataDir, 'procurator-sealing.json');
    expect(init.stdout).toContain(path);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const file = JSON.parse(await readFile(path, 'utf8')) as { recipient: string; publicKey: string };
    expect(file.recipient).toBe('procurator');
    expect(file.publicKey).not.toBe(authority.publicKey);
    const key = await runCli(['sealing', 'key', '--for', 'procurator', '--data', dataDir]);
    expect(JSON.parse(key.stdout)).toEqual({
      suite: { kem: 32, kdf: 1, aead: 2 },
      info: 'habeas/complaint/v1',
      publicKey: file.publicKey,
    });
    // The authority's key is untouched, and each passphrase opens its own key only.
    expect(JSON.parse((await runCli(['sealing', 'key', '--data', dataDir])).stdout)).toMatchObject({
      publicKey: authority.publicKey,
    });
    const crossed = await runCli(['sealing', 'rekey', '--for', 'procurator', '--data', dataDir], {
      input: 'пароль комиссии по жалобам\nпрокуратура меняет пароль\n',
    });
    expect(crossed.code).toBe(1);
    expect(crossed.stderr).toMatch(/wrong passphrase/);
    const again = await runCli(['sealing', 'init', '--for', 'procurator', '--data', dataDir], {
      input: 'another long passphrase\n',
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already has a sealing key of the procurator's office/);
    const rekey = await runCli(['sealing', 'rekey', '--for', 'procurator', '--data', dataDir], {
      input: 'ключ прокуратуры, свой собственный\nпрокуратура меняет пароль\n',
    });
    expect(rekey.code, rekey.stderr).toBe(0);
    expect(rekey.stdout).toContain(file.publicKey);
    expect((await runCli(['sealing', 'key', '--for', 'nobody', '--data', dataDir])).code).toBe(2);
  });

  test('bad usage exits 2: a short passphrase, the wrong number of lines, no --data', async () => {
    const fresh = join(dir, 'fresh');
    expect((await runCli(['init', '--data', fresh])).code).toBe(0);
    const short = await runCli(['sealing', 'init', '--data', fresh], { input: 'short\n' });
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/at least 12 characters/);
    expect(
      (await runCli(['sealing', 'init', '--data', fresh], { input: 'one long line\nand another\n' })).code,
    ).toBe(2);
    expect(
      (await runCli(['sealing', 'rekey', '--data', dataDir], { input: 'only one line here\n' })).code,
    ).toBe(2);
    expect(
      (
        await runCli(['sealing', 'rekey', '--data', dataDir], {
          input: 'пароль комиссии по жалобам\nshort\n',
        })
      ).code,
    ).toBe(2);
    expect((await runCli(['sealing', 'key'], { env: { HABEAS_DATA: undefined } })).code).toBe(2);
  });
});
