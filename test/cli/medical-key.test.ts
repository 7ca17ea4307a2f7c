import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { createFacility } from '../../src/app/registry.js';
import { withStore } from '../../src/cli/common.js';
import { main } from '../../src/cli/main.js';
import { CLINICIAN_KEY_TYPE, clinicianKeyStream } from '../../src/domain/medical/key-events.js';
import { unlockClinicianKey, WrongClinicianPassphraseError } from '../../src/medical/clinician-key.js';

/*
 * A clinician's signing key made at the terminal (issue 19 item 4: "created at account set-up …
 * never readable by an administrator"): `habeas user create --role medical --signing-key` and
 * `habeas medical key --user NAME` hand the keyboard to the clinician for their own passphrase,
 * create the key as POST /api/v1/medical/key does and register it in the log under the
 * clinician's account. Run in-process through the same `main` that bin/habeas.js calls, with
 * standard input piped (two lines: password, passphrase) or a terminal that answers the prompts.
 */

const PASSWORD = 'correct horse battery staple';
const PASSPHRASE = 'медсестра помнит свою фразу наизусть';

let dir: string;
let dataDir: string;
let facilityId: string;

/** Standard input for the command: piped text, or a terminal that types each answer when asked. */
type Input = { piped: string } | { terminal: string[] };

async function habeas(
  input: Input,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  let stdin: NodeJS.ReadableStream;
  let answer = (_question: string) => undefined as void;
  if ('piped' in input) stdin = Readable.from([Buffer.from(input.piped)]);
  else {
    const terminal = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => terminal });
    const answers = [...input.terminal];
    answer = (question) => {
      if (!question.endsWith(': ')) return;
      const next = answers.shift();
      if (next !== undefined) setImmediate(() => terminal.write(`${next}\r`));
    };
    stdin = terminal;
  }
  const descriptor = Object.getOwnPropertyDescriptor(process, 'stdin') as PropertyDescriptor;
  Object.defineProperty(process, 'stdin', { configurable: true, get: () => stdin });
  vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(parts.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void err.push(parts.join(' ')));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    answer(String(chunk));
    return true;
  });
  process.exitCode = undefined;
  try {
    await main(['node', 'habeas', ...args, '--data', dataDir]);
  } finally {
    Object.defineProperty(process, 'stdin', descriptor);
    vi.restoreAllMocks();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { code, stdout: out.join('\n'), stderr: err.join('') };
}

const createMedical = (username: string, input: Input, ...more: string[]) =>
  habeas(
    input,
    'user',
    'create',
    '--username',
    username,
    '--role',
    'medical',
    '--facility',
    facilityId,
    ...more,
  );

/** The account, its registered key (log and read model) and its stored wrap. */
async function keyOf(username: string) {
  return withStore(dataDir, async (store) => {
    const account = await store.db
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirst();
    if (!account) return null;
    const registered = await store.db
      .selectFrom('clinician_keys')
      .selectAll()
      .where('account_id', '=', account.id)
      .executeTakeFirst();
    const wrap = await store.db
      .selectFrom('clinician_key_wraps')
      .selectAll()
      .where('account_id', '=', account.id)
      .executeTakeFirst();
    const entries = await store.readStream(clinicianKeyStream(account.id));
    return { accountId: account.id, registered, wrap, entries };
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'habeas-medical-key-'));
  dataDir = join(dir, 'data');
  const init = await habeas({ piped: '' }, 'init', '--origin', 'medical-key.habeas/log');
  expect(init.code, init.stderr).toBe(0);
  facilityId = await withStore(dataDir, async (store) => {
    const { id } = await createFacility(
      store,
      { name: 'СИЗО-1 г. Астаны', kind: 'remand-centre', population: 'men', region: 'KZ-AST' },
      'test',
    );
    return id;
  });
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a clinician’s signing key at account set-up', () => {
  test('user create --signing-key: the key is the clinician’s, registered in the log under their account, opened by their passphrase only', async () => {
    const created = await createMedical(
      'dr.akhmetova',
      { piped: `${PASSWORD}\n${PASSPHRASE}\n` },
      '--signing-key',
    );
    expect(created, created.stderr).toMatchObject({ code: 0 });
    expect(created.stdout).toMatch(/Created user dr\.akhmetova \(medical\)/);
    expect(created.stdout).toMatch(
      /Created the signing key of dr\.akhmetova: key [0-9a-f]{16}, public key \S+, registered in the log\./,
    );
    const key = await keyOf('dr.akhmetova');
    expect(key?.registered).toBeTruthy();
    // Its one entry registers the key, appended as the clinician's act, not the operator's.
    expect(key?.entries).toHaveLength(1);
    expect(key?.entries[0]?.entry).toMatchObject({ type: CLINICIAN_KEY_TYPE, actor: key?.accountId });
    expect(key?.entries[0]?.payload).toMatchObject({ publicKey: key?.registered?.public_key });
    // The stored private key opens with the clinician's passphrase, not with the password the operator typed.
    const wrapped = JSON.parse(key?.wrap?.wrapped ?? 'null') as unknown;
    const unlocked = await unlockClinicianKey(wrapped, PASSPHRASE);
    expect(unlocked.keyId).toBe(key?.registered?.key_id);
    unlocked.lock();
    await expect(unlockClinicianKey(wrapped, PASSWORD)).rejects.toBeInstanceOf(WrongClinicianPassphraseError);
  }, 60_000);

  test('at a terminal the clinician is asked for the passphrase twice, after the password, and told it is theirs alone', async () => {
    const created = await createMedical(
      'dr.seitkali',
      { terminal: [PASSWORD, PASSWORD, PASSPHRASE, PASSPHRASE] },
      '--name',
      'Сейткали Б.',
      '--signing-key',
    );
    expect(created, created.stderr).toMatchObject({ code: 0 });
    expect(created.stderr).toContain('Now Сейткали Б. chooses the passphrase of their signing key');
    expect(created.stderr).toContain('Only they may type it or know it');
    expect(created.stderr.indexOf('Password: ')).toBeLessThan(created.stderr.indexOf('Signing passphrase: '));
    expect((await keyOf('dr.seitkali'))?.registered).toBeTruthy();
  }, 60_000);

  test('refused before anything is written: the password as passphrase, a weak passphrase, one line, another role', async () => {
    const same = await createMedical('dr.same', { piped: `${PASSWORD}\n${PASSWORD}\n` }, '--signing-key');
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('must not be the password');
    const weak = await createMedical('dr.weak', { piped: `${PASSWORD}\n1234567890123\n` }, '--signing-key');
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/signing passphrase: .*too easy to guess/);
    const oneLine = await createMedical('dr.one', { piped: `${PASSWORD}\n` }, '--signing-key');
    expect(oneLine.code).toBe(2);
    expect(oneLine.stderr).toContain('two lines on standard input');
    const monitor = await habeas(
      { piped: `${PASSWORD}\n${PASSPHRASE}\n` },
      'user',
      'create',
      '--username',
      'monitor.one',
      '--role',
      'monitor',
      '--signing-key',
    );
    expect(monitor.code).toBe(2);
    expect(monitor.stderr).toContain('--signing-key is for medical staff');
    for (const username of ['dr.same', 'dr.weak', 'dr.one', 'monitor.one'])
      expect(await keyOf(username)).toBeNull();
  }, 60_000);

  test('medical key --user: a clinician set up without a key makes it later, once; only medical staff have one', async () => {
    const plain = await createMedical('dr.later', { piped: `${PASSWORD}\n` });
    expect(plain, plain.stderr).toMatchObject({ code: 0 });
    expect((await keyOf('dr.later'))?.registered).toBeUndefined();
    const made = await habeas({ piped: `${PASSPHRASE}\n` }, 'medical', 'key', '--user', 'DR.Later');
    expect(made, made.stderr).toMatchObject({ code: 0 });
    expect(made.stdout).toContain('Created the signing key of dr.later');
    expect((await keyOf('dr.later'))?.entries).toHaveLength(1);
    const again = await habeas({ piped: `${PASSPHRASE} снова\n` }, 'medical', 'key', '--user', 'dr.later');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already has a signing key');
    expect((await keyOf('dr.later'))?.entries).toHaveLength(1);

    const monitor = await habeas(
      { piped: `${PASSWORD}\n` },
      'user',
      'create',
      '--username',
      'monitor.two',
      '--role',
      'monitor',
    );
    expect(monitor.code, monitor.stderr).toBe(0);
    const refused = await habeas({ piped: `${PASSPHRASE}\n` }, 'medical', 'key', '--user', 'monitor.two');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('only medical staff');
    const nobody = await habeas({ piped: `${PASSPHRASE}\n` }, 'medical', 'key', '--user', 'nobody');
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toContain('there is no user nobody');
  }, 60_000);
});
