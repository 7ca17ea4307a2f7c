import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openCheckpoint } from '../../src/ledger/checkpoint.js';
import { entryLeafHash, parseEntry } from '../../src/ledger/entry.js';
import { fromBase64 } from '../../src/ledger/hash.js';
import { verifyConsistency, verifyInclusion } from '../../src/ledger/tree.js';
import { MAX_ENTRIES_PER_PAGE } from '../../src/http/routes/log.js';
import { ENGINES } from '../support/engines.js';
import { problemOf, startHarness, type Harness } from './harness.js';

/*
 * The public log endpoints, checked the way an outside verifier would: the signed checkpoint
 * opens with the log's verifier key, and every proof the server gives verifies against it.
 */

for (const engine of ENGINES) {
  describe(`log endpoints (${engine})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(engine);
    });
    afterAll(async () => h?.close());

    const get = (url: string) => h.app.inject({ method: 'GET', url });
    /** Entries are for the national oversight bodies (issue 17 item 6). */
    const getEntries = (url: string) => h.app.inject({ method: 'GET', url, headers: h.bearer('monitor') });

    async function checkpoint() {
      const response = await get('/api/v1/log/checkpoint');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
      return openCheckpoint(response.body, h.store.verifierKey, h.store.origin);
    }

    async function leafHashes(size: number): Promise<Uint8Array[]> {
      const response = await getEntries(`/api/v1/log/entries?start=0&end=${size}`);
      return response.body
        .trim()
        .split('\n')
        .map((line) => entryLeafHash(parseEntry((JSON.parse(line) as { entry: unknown }).entry)));
    }

    test('the checkpoint is signed with the log key and covers the whole tree', async () => {
      const signed = await checkpoint();
      expect(signed.size).toBe(await h.store.size());
      expect(signed.origin).toBe(h.store.origin);
    });

    test('every inclusion proof verifies against the checkpoint root', async () => {
      const { size, root } = await checkpoint();
      const leaves = await leafHashes(size);
      expect(leaves).toHaveLength(size);
      for (let index = 0; index < size; index++) {
        const response = await get(`/api/v1/log/proof/inclusion?index=${index}&size=${size}`);
        expect(response.statusCode).toBe(200);
        const body = response.json() as { index: number; size: number; hashes: string[] };
        expect(body).toMatchObject({ index, size });
        expect(() =>
          verifyInclusion(index, size, leaves[index]!, body.hashes.map(fromBase64), root),
        ).not.toThrow();
      }
    });

    test('a proof for another leaf does not verify (the test can fail)', async () => {
      const { size, root } = await checkpoint();
      const leaves = await leafHashes(size);
      const body = (await get(`/api/v1/log/proof/inclusion?index=0&size=${size}`)).json() as {
        hashes: string[];
      };
      expect(() => verifyInclusion(0, size, leaves[1]!, body.hashes.map(fromBase64), root)).toThrow();
    });

    test('consistency proofs verify between every earlier size and the checkpoint', async () => {
      const before = await checkpoint();
      // Grow the log, then prove the new tree extends every earlier one.
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/facilities',
        headers: h.bearer('admin'),
        payload: { name: 'Later facility', kind: 'prison', population: 'men', region: 'KZ-KAR' },
      });
      const after = await checkpoint();
      expect(after.size).toBeGreaterThan(before.size);
      const leaves = await leafHashes(after.size);
      const { rootFromLeafHashes } = await import('../../src/ledger/tree.js');
      for (let from = 1; from <= after.size; from++) {
        const response = await get(`/api/v1/log/proof/consistency?from=${from}&to=${after.size}`);
        expect(response.statusCode).toBe(200);
        const body = response.json() as { from: number; to: number; hashes: string[] };
        const oldRoot = rootFromLeafHashes(leaves.slice(0, from));
        expect(() =>
          verifyConsistency(from, after.size, body.hashes.map(fromBase64), oldRoot, after.root),
        ).not.toThrow();
      }
    });

    test('entries are JSON Lines of {"entry":…} with the envelope only, no payloads', async () => {
      const response = await getEntries('/api/v1/log/entries?start=0&end=3');
      expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
      const lines = response.body.trim().split('\n');
      expect(lines).toHaveLength(3);
      lines.forEach((line, seq) => {
        const parsed = JSON.parse(line) as Record<string, Record<string, unknown>>;
        expect(Object.keys(parsed)).toEqual(['entry']);
        expect(Object.keys(parsed.entry!).sort()).toEqual([
          'actor',
          'at',
          'digest',
          'seq',
          'stream',
          'type',
          'version',
        ]);
        expect(parsed.entry!.seq).toBe(seq);
      });
      // No personal data: the person registered by the harness is not in the public entries.
      const all = await getEntries(`/api/v1/log/entries?start=0`);
      expect(all.body).not.toContain('Абенов');
    });

    test(`a page holds at most ${MAX_ENTRIES_PER_PAGE} entries, and stops at the end of the log`, async () => {
      const size = await h.store.size();
      const response = await getEntries(`/api/v1/log/entries?start=0&end=${size + 5000}`);
      expect(response.statusCode).toBe(200);
      expect(response.body.trim().split('\n')).toHaveLength(Math.min(size, MAX_ENTRIES_PER_PAGE));
      const empty = await getEntries(`/api/v1/log/entries?start=${size}`);
      expect(empty.statusCode).toBe(200);
      expect(empty.body).toBe('');
    });

    test('log.entries: the public log reveals nothing about people — entries only for the national monitor and procurator', async () => {
      const url = '/api/v1/log/entries?start=0';
      expect((await get(url)).statusCode).toBe(401);
      for (const role of [
        'custody-officer',
        'prison-officer',
        'governor',
        'medical',
        'complaints-officer',
        'judge',
        'statistician',
        'admin',
        'kiosk',
      ] as const)
        expect((await h.app.inject({ method: 'GET', url, headers: h.bearer(role) })).statusCode, role).toBe(
          403,
        );
      for (const role of ['monitor', 'procurator'] as const)
        expect((await h.app.inject({ method: 'GET', url, headers: h.bearer(role) })).statusCode, role).toBe(
          200,
        );
      // A regional monitor oversees its region's records, not the country's log.
      const regional = await h.session('monitor', { regions: ['KZ-ALA'] });
      const refused = await h.app.inject({ method: 'GET', url, headers: { cookie: regional.cookie } });
      expect(refused.statusCode).toBe(403);
      // Checkpoints and proofs stay public: witnesses and auditors need nothing else.
      expect((await get('/api/v1/log/checkpoint')).statusCode).toBe(200);
      expect((await get('/api/v1/log/proof/inclusion?index=0&size=1')).statusCode).toBe(200);
    });

    test('ranges outside the tree are 422, malformed numbers 400, never 500', async () => {
      const size = await h.store.size();
      const cases: [string, number][] = [
        [`/api/v1/log/proof/inclusion?index=${size}&size=${size}`, 422],
        [`/api/v1/log/proof/inclusion?index=0&size=${size + 1}`, 422],
        [`/api/v1/log/proof/inclusion?index=0&size=0`, 422],
        ['/api/v1/log/proof/inclusion?index=-1&size=1', 400],
        ['/api/v1/log/proof/inclusion?index=abc&size=1', 400],
        ['/api/v1/log/proof/inclusion?index=1e3&size=1', 400],
        ['/api/v1/log/proof/inclusion?index=&size=', 400],
        ['/api/v1/log/proof/inclusion?index=0', 400],
        ['/api/v1/log/proof/inclusion?index=99999999999999999999&size=1', 400],
        [`/api/v1/log/proof/consistency?from=0&to=${size}`, 422],
        [`/api/v1/log/proof/consistency?from=2&to=1`, 422],
        [`/api/v1/log/proof/consistency?from=1&to=${size + 1}`, 422],
        [`/api/v1/log/entries?start=${size + 1}`, 422],
        ['/api/v1/log/entries?start=5&end=2', 422],
        ['/api/v1/log/entries?start=x', 400],
      ];
      for (const [url, status] of cases) {
        const response = await getEntries(url);
        expect(response.statusCode, url).toBe(status);
        expect(problemOf(response).status).toBe(status);
      }
    });
  });
}
