import { access, copyFile, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, test } from 'vitest';
import { DataDirError, DEFAULT_ORIGIN, initDataDir, readDataDir } from '../../src/store/datadir.js';
import { openStore, StoreIdentityError } from '../../src/store/store.js';
import { ENGINES, pgTestUrl } from '../support/engines.js';
import { fresh, reopen, request } from './fixtures.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'habeas-datadir-'));
  dirs.push(dir);
  return dir;
}

describe('data directory', () => {
  test('init writes the signer key (mode 0600), the one-line verifier key and habeas.json, with the default origin', async () => {
    const dir = join(await tempDir(), 'data');
    const created = await initDataDir(dir);
    expect(created.origin).toBe(DEFAULT_ORIGIN);
    expect((await stat(join(dir, 'log.key'))).mode & 0o777).toBe(0o600);
    const read = await readDataDir(dir);
    expect(read).toEqual(created);
    expect(read.verifierKey).toMatch(
      new RegExp(`^${DEFAULT_ORIGIN.replace('.', '\\.')}\\+[0-9a-f]{8}\\+[A-Za-z0-9+/]+=*$`),
    );
    expect(read.signerKey.startsWith('PRIVATE+KEY+')).toBe(true);
  });

  test('init refuses a directory that is already initialised, and keeps its key', async () => {
    const dir = await tempDir();
    const first = await initDataDir(dir, { origin: 'a.example/log' });
    await expect(initDataDir(dir, { origin: 'b.example/log' })).rejects.toThrow(
      /already a Habeas data directory/,
    );
    expect(await readDataDir(dir)).toEqual(first);
  });

  test('init refuses an origin that cannot name a key', async () => {
    await expect(initDataDir(await tempDir(), { origin: 'has space' })).rejects.toBeInstanceOf(DataDirError);
    await expect(initDataDir(await tempDir(), { origin: 'a+b' })).rejects.toBeInstanceOf(DataDirError);
  });

  test('reading a directory that was never initialised says how to initialise it', async () => {
    const dir = join(await tempDir(), 'nothing-here');
    await expect(readDataDir(dir)).rejects.toThrow(
      `${dir} is not a Habeas data directory: run habeas init --data ${dir}`,
    );
    await expect(openStore({ dataDir: dir })).rejects.toThrow(/run habeas init/);
  });

  test('a signer key that does not match the verifier key is refused', async () => {
    const dir = await tempDir();
    const other = await tempDir();
    await initDataDir(dir, { origin: 'a.example/log' });
    await initDataDir(other, { origin: 'a.example/log' });
    await copyFile(join(other, 'log.vkey'), join(dir, 'log.vkey'));
    await expect(openStore({ dataDir: dir })).rejects.toBeInstanceOf(StoreIdentityError);
  });
});

for (const engine of ENGINES) {
  describe(engine, () => {
    test("identity: reopening a store's database with another data directory's key is refused", async () => {
      const f = await fresh(engine);
      await f.store.append(request('people/1', 0));
      await f.store.close();
      const other = await tempDir();
      await initDataDir(other, { origin: 'test.habeas/log' });
      // The same origin but a different key: an operator pointing the wrong key at this database.
      for (const file of ['log.key', 'log.vkey', 'habeas.json'])
        await copyFile(join(other, file), join(f.dataDir, file));
      await expect(reopen(f)).rejects.toThrow(
        /belongs to the log "test.habeas\/log" with key .* refusing to open it/,
      );
      await expect(reopen(f)).rejects.toBeInstanceOf(StoreIdentityError);
    });

    test('identity: another origin is refused too', async () => {
      const f = await fresh(engine);
      await f.store.close();
      await writeFile(
        join(f.dataDir, 'habeas.json'),
        JSON.stringify({ origin: 'other.example/log', createdAt: new Date().toISOString() }),
      );
      await expect(reopen(f)).rejects.toBeInstanceOf(StoreIdentityError);
    });
  });
}

describe('a data directory records which store its log lives in (issue 18 item 7)', () => {
  test.runIf(ENGINES.includes('postgres'))(
    'identity: a PostgreSQL directory served without DATABASE_URL is refused, naming PostgreSQL, and no SQLite log is started',
    async () => {
      const f = await fresh('postgres');
      await f.store.append(request('people/1', 0));
      await f.store.close();
      await expect(openStore({ dataDir: f.dataDir })).rejects.toThrow(
        /belongs to a log in PostgreSQL \(test\/test_\w+\): set DATABASE_URL/,
      );
      await expect(access(join(f.dataDir, 'habeas.sqlite'))).rejects.toThrow();
    },
  );

  test.runIf(ENGINES.includes('postgres'))(
    'identity: a SQLite directory opened with DATABASE_URL is refused, naming its SQLite file',
    async () => {
      const f = await fresh('sqlite');
      await f.store.close();
      await expect(
        openStore({ dataDir: f.dataDir, databaseUrl: pgTestUrl(), pgSchema: 'never_created_here' }),
      ).rejects.toThrow(/belongs to a log in its SQLite file \(habeas.sqlite\): unset DATABASE_URL/);
    },
  );

  test.runIf(ENGINES.includes('postgres'))(
    'identity: a PostgreSQL directory pointed at another schema is refused, naming the one it belongs to',
    async () => {
      const f = await fresh('postgres');
      await f.store.close();
      await expect(
        openStore({
          dataDir: f.dataDir,
          databaseUrl: f.databaseUrl as string,
          pgSchema: `${f.pgSchema as string}_other`,
        }),
      ).rejects.toThrow(
        /belongs to the log in PostgreSQL database and schema test\/test_\w+, not test\/test_\w+_other/,
      );
      // The refused open created the schema it was pointed at (the adapter does); drop it.
      const client = new pg.Client({ connectionString: pgTestUrl() });
      await client.connect();
      await client.query(`drop schema if exists ${f.pgSchema as string}_other cascade`);
      await client.end();
    },
  );
});
