import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { signCheckpoint } from '../../src/ledger/checkpoint.js';
import { verifyCosignature } from '../../src/ledger/cosignature.js';
import { leafHash } from '../../src/ledger/hash.js';
import { generateKey, signerFromKey } from '../../src/ledger/note.js';
import { formatAddCheckpoint, TLOG_SIZE_TYPE } from '../../src/ledger/witness.js';
import { initWitnessDir, trustLog } from '../../src/witness/directory.js';
import { buildWitnessApp } from '../../src/witness/server.js';
import { consistency, mth } from '../ledger/oracle.js';

/**
 * `habeas witness serve` over HTTP (tlog-witness add-checkpoint): what it answers, that it writes
 * its state before answering and remembers it across restarts, that it keeps evidence of a log's
 * misbehaviour, and that one directory is served by one process only.
 */

const ORIGIN = 'habeas.example/log';
const log = generateKey(ORIGIN);
const signer = signerFromKey(log.signerKey);
const history = Array.from({ length: 30 }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));
const noteOf = (hashes: Uint8Array[]) =>
  signCheckpoint({ origin: ORIGIN, size: hashes.length, root: mth(hashes), extensions: [] }, signer);

const dirs: string[] = [];
const apps: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function witnessDir(): Promise<{ dir: string; key: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'habeas-witness-'));
  dirs.push(dir);
  const { verifierKey } = await initWitnessDir(dir, 'npm.example/witness');
  await trustLog(dir, log.verifierKey);
  return { dir, key: verifierKey };
}

async function serve(dir: string) {
  const app = await buildWitnessApp({ dir, clock: () => new Date('2026-12-07T12:00:00Z') });
  apps.push(app);
  return app;
}

const post = (app: Awaited<ReturnType<typeof serve>>, oldSize: number, proof: Uint8Array[], note: string) =>
  app.inject({
    method: 'POST',
    url: '/add-checkpoint',
    headers: { 'content-type': 'text/plain' },
    payload: formatAddCheckpoint({ oldSize, proof, note }),
  });

describe('log.witness: the witness server', () => {
  test('cosigns a followed log’s first checkpoint, then one that extends it; each answer is a verifying cosignature line', async () => {
    const { dir, key } = await witnessDir();
    const app = await serve(dir);
    const first = await post(app, 0, [], noteOf(history.slice(0, 10)));
    expect(first.statusCode).toBe(200);
    expect(first.body).toMatch(/^— npm\.example\/witness [A-Za-z0-9+/=]+\n$/);
    const body10 = `${ORIGIN}\n10\n${Buffer.from(mth(history.slice(0, 10))).toString('base64')}\n`;
    expect(verifyCosignature(body10, first.body, key).timestamp).toBe(
      Date.parse('2026-12-07T12:00:00Z') / 1000,
    );

    const second = await post(app, 10, consistency(10, history), noteOf(history));
    expect(second.statusCode).toBe(200);
    const state = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as {
      logs: Record<string, { size: number }>;
    };
    expect(state.logs[ORIGIN]?.size).toBe(30);
  });

  test('remembers what it cosigned across a restart: a request from old 0 is answered 409 with its size', async () => {
    const { dir } = await witnessDir();
    const app = await serve(dir);
    expect((await post(app, 0, [], noteOf(history))).statusCode).toBe(200);
    await app.close();
    apps.splice(0);
    const again = await serve(dir);
    const conflict = await post(again, 0, [], noteOf(history.slice(0, 5)));
    expect(conflict.statusCode).toBe(409);
    expect(conflict.headers['content-type']).toBe(TLOG_SIZE_TYPE);
    expect(conflict.body).toBe('30\n');
  });

  test('keeps a rewritten history it refused as evidence (the log-signed request), and refuses it with 422', async () => {
    const { dir } = await witnessDir();
    const app = await serve(dir);
    expect((await post(app, 0, [], noteOf(history.slice(0, 10)))).statusCode).toBe(200);
    const rewritten = [...history];
    rewritten[2] = leafHash(Buffer.from('forged'));
    const refused = await post(app, 10, consistency(10, rewritten), noteOf(rewritten));
    expect(refused.statusCode).toBe(422);
    const evidence = await readdir(join(dir, 'evidence'));
    expect(evidence).toHaveLength(1);
    const kept = await readFile(join(dir, 'evidence', evidence[0] as string), 'utf8');
    expect(kept).toContain(noteOf(rewritten));
    // And it still stands where it was.
    expect((await post(app, 10, consistency(10, history), noteOf(history))).statusCode).toBe(200);
    // A second root for the size it now holds (a split view) is kept beside it — once, however often
    // the log sends it again (a log retries its submissions).
    for (let attempt = 0; attempt < 3; attempt++)
      expect((await post(app, history.length, [], noteOf(rewritten))).statusCode).toBe(409);
    expect(await readdir(join(dir, 'evidence'))).toHaveLength(2);
  });

  test('an unknown log is 404, a checkpoint signed by another key 403, a malformed body 400', async () => {
    const { dir } = await witnessDir();
    const app = await serve(dir);
    const other = signerFromKey(generateKey('other.example/log').signerKey);
    const foreign = signCheckpoint(
      { origin: 'other.example/log', size: 1, root: mth(history.slice(0, 1)), extensions: [] },
      other,
    );
    expect((await post(app, 0, [], foreign)).statusCode).toBe(404);
    const impostor = signerFromKey(generateKey(ORIGIN).signerKey);
    const forged = signCheckpoint(
      { origin: ORIGIN, size: 1, root: mth(history.slice(0, 1)), extensions: [] },
      impostor,
    );
    expect((await post(app, 0, [], forged)).statusCode).toBe(403);
    const malformed = await app.inject({ method: 'POST', url: '/add-checkpoint', payload: 'hello' });
    expect(malformed.statusCode).toBe(400);
  });

  test('one directory, one serving process; a witness whose state is lost refuses to start', async () => {
    const { dir } = await witnessDir();
    await serve(dir);
    await expect(buildWitnessApp({ dir })).rejects.toThrow(/another witness process/);
    await apps.splice(0)[0]?.close();
    await rm(join(dir, 'state.json'));
    await expect(buildWitnessApp({ dir })).rejects.toThrow(/must be retired, not restarted/);
  });
});
