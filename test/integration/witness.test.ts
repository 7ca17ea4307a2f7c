import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { verifyBundle } from '../../src/ledger/bundle.js';
import { ANCHOR_FILE } from '../../src/store/anchor.js';
import { writeWitnesses } from '../../src/store/datadir.js';
import { exportBundle } from '../../src/store/export.js';
import { StoreIntegrityError } from '../../src/store/head-check.js';
import { loadIntegrityKey } from '../../src/store/integrity-key.js';
import type { Engine, Store } from '../../src/store/types.js';
import { initWitnessDir, trustLog } from '../../src/witness/directory.js';
import { startCliWitness, type RunningServer } from '../support/cli.js';
import { ENGINES, type FreshStore } from '../support/engines.js';
import { recomputeTree } from '../support/forge.js';
import { fresh, reopen, request } from '../store/fixtures.js';

/**
 * log.witness (issue 17): a witness running from its own directory, in a process of its own
 * (`habeas witness serve`), cosigns the log's checkpoints; an operator who holds the database *and*
 * the data directory — the signing key, the integrity key, the anchor — can rewrite the log and have
 * the server sign the forgery, but the witness refuses it, the server raises the alarm, and an
 * export no longer verifies against the witness's key.
 */

interface Witness {
  dir: string;
  key: string;
  server: RunningServer;
}

const witnesses: Witness[] = [];
afterAll(async () => {
  for (const w of witnesses.splice(0)) {
    await w.server.stop();
    await rm(w.dir, { recursive: true, force: true });
  }
});

async function startWitness(logKey: string): Promise<Witness> {
  const dir = await mkdtemp(join(tmpdir(), 'habeas-witness-'));
  const { verifierKey } = await initWitnessDir(dir, 'ombudsman.example/witness');
  await trustLog(dir, logKey);
  const server = await startCliWitness(dir);
  const witness = { dir, key: verifierKey, server };
  witnesses.push(witness);
  return witness;
}

/** A store that asks `witness` to cosign, with it written in habeas.json so that a restart asks it too. */
async function witnessedStore(engine: Engine): Promise<{ f: FreshStore; witness: Witness }> {
  const f = await fresh(engine, { checkpointDelayMs: 60_000 });
  const witness = await startWitness(f.store.verifierKey);
  await f.store.close();
  await writeWitnesses(f.dataDir, [{ url: witness.server.url, key: witness.key }], 1);
  f.store = await reopen(f);
  return { f, witness };
}

async function bundleOf(store: Store): Promise<string[]> {
  const lines: string[] = [];
  await exportBundle(store, (line) => void lines.push(line), { payloads: false, witnessWaitMs: 5000 });
  return lines;
}

async function grow(store: Store, from: number, streams = 60): Promise<void> {
  await store.appendAll(Array.from({ length: streams }, (_, i) => request(`people/${i}`, from, 3)));
  await store.witnessed(await store.checkpoint(), 5000);
}

for (const engine of ENGINES) {
  describe(engine, () => {
    let built = false;
    beforeAll(() => {
      built = true; // the CLI witness needs dist/, which `npm test` builds first
    });

    test('log.witness: every checkpoint is cosigned by the witness, published with its cosignature, and an export verifies against its key', async () => {
      expect(built).toBe(true);
      const { f, witness } = await witnessedStore(engine);
      await grow(f.store, 0);
      await grow(f.store, 3);
      const published = await f.store.publishedCheckpoint();
      expect(published.size).toBe(360);
      expect(published.cosignatures).toHaveLength(1);
      expect(published.note).toContain('— ombudsman.example/witness ');
      expect(f.store.witnessStatus()).toMatchObject({ quorum: 1, witnesses: [{ cosignedSize: 360 }] });

      const report = await verifyBundle(await bundleOf(f.store), {
        key: f.store.verifierKey,
        witnessKeys: [witness.key],
        witnessQuorum: 1,
      });
      expect(report).toMatchObject({ ok: true, size: 360, cosignatures: 1 });
      expect(await f.store.verify(undefined, { keys: [witness.key], quorum: 1 })).toMatchObject({
        ok: true,
        witnessed: { size: 360, cosignatures: 1 },
      });
    });

    test('log.witness: a log rewritten and re-signed with the operator’s own keys is refused by the witness; the server stops and the export fails', async () => {
      const { f, witness } = await witnessedStore(engine);
      await grow(f.store, 0);
      await f.store.close();

      // The attacker holds everything the operator holds: database, signing key, integrity key.
      const inspector = await reopen(f, { signing: false });
      const db = inspector.db;
      await sql`update entries set actor = 'acct_forger' where seq = 100`.execute(db);
      await db.deleteFrom('checkpoints').execute();
      await db.deleteFrom('cosignatures').execute();
      const head = await recomputeTree(db, engine);
      const { key } = await loadIntegrityKey(f.dataDir, { create: false });
      await db
        .updateTable('log_state')
        .set({ mac: key.headMac(inspector.origin, head.size, head.root) })
        .execute();
      await inspector.close();
      await rm(join(f.dataDir, ANCHOR_FILE));

      // The server restarts and signs the forged root: nothing local can tell any more…
      f.store = await reopen(f);
      const forged = await f.store.checkpoint();
      await f.store.witnessed(forged, 5000);
      // …but the witness refuses it, and the server raises the alarm and stops.
      expect(f.store.integrity()?.problem).toMatch(
        /witness ombudsman.example\/witness cosigned a different tree of 180 entries .*rewritten/,
      );
      await expect(f.store.append(request('people/0', 3))).rejects.toBeInstanceOf(StoreIntegrityError);
      const report = await verifyBundle(await bundleOf(f.store), {
        witnessKeys: [witness.key],
        witnessQuorum: 1,
      });
      expect(report).toMatchObject({ ok: false });
      if (!report.ok) expect(report.problem).toMatch(/only 0 of the 1 given witnesses cosigned/);
      // The witness kept the log-signed forgery: proof of the log's misbehaviour.
      expect(await readdir(join(witness.dir, 'evidence'))).toHaveLength(1);
      expect(witness.server.output()).toMatch(/refused a checkpoint of test.habeas\/log \(409\).*split view/);
    });

    test('log.witness: a rollback re-signed with the operator’s keys is refused: the witness has seen the larger tree', async () => {
      const { f, witness } = await witnessedStore(engine);
      await grow(f.store, 0);
      await f.store.close();

      const inspector = await reopen(f, { signing: false });
      const db = inspector.db;
      await db.deleteFrom('entries').where('seq', '>=', 100).execute();
      await db.deleteFrom('payloads').where('seq', '>=', 100).execute();
      await db.deleteFrom('checkpoints').execute();
      await db.deleteFrom('cosignatures').execute();
      await sql`delete from streams`.execute(db);
      await sql`insert into streams (name, version, last_seq) select stream, max(version) + 1, max(seq) from entries group by stream order by min(seq)`.execute(
        db,
      );
      const head = await recomputeTree(db, engine);
      const { key } = await loadIntegrityKey(f.dataDir, { create: false });
      await db
        .updateTable('log_state')
        .set({ mac: key.headMac(inspector.origin, head.size, head.root) })
        .execute();
      await inspector.close();
      await rm(join(f.dataDir, ANCHOR_FILE));

      f.store = await reopen(f);
      await f.store.witnessed(await f.store.checkpoint(), 5000);
      expect(f.store.integrity()?.problem).toMatch(
        /cosigned a tree of 180 entries of this log, which now has 100.*rollback/,
      );
      const report = await verifyBundle(await bundleOf(f.store), { witnessKeys: [witness.key] });
      expect(report.ok).toBe(false);
    });
  });
}
