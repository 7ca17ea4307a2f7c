import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fromEntry } from '../../src/domain/complaints/envelope.js';
import { createToken } from '../../src/app/accounts.js';
import type { ComplaintReceipt, ComplaintSummary, ComplaintView } from '../../src/app/complaint-views.js';
import { createPerson } from '../../src/app/registry.js';
import { ClockScheduler } from '../../src/clocks/scheduler.js';
import { buildApp } from '../../src/http/app.js';
import { openCheckpoint } from '../../src/ledger/checkpoint.js';
import { entryLeafHash, parseEntry } from '../../src/ledger/entry.js';
import { fromBase64 } from '../../src/ledger/hash.js';
import { verifyInclusion } from '../../src/ledger/tree.js';
import { hashPassword } from '../../src/app/passwords.js';
import { answerKeyText, deriveAnswerKey, openAnswer } from '../../src/sealing/answer-key.js';
import { initSealing } from '../../src/sealing/keystore.js';
import { sealedToWire, sealTo } from '../../src/sealing/seal.js';
import { SEALING_INFO } from '../../src/sealing/suite.js';
import { ENGINES } from '../support/engines.js';
import { findInDatabase } from '../support/plaintext-search.js';
import { AEAD_AES_256_GCM, sealBase } from '../sealing/independent-hpke.js';
import { problemOf, startHarness, type Harness } from './harness.js';

/*
 * The complaint channel through the real HTTP server on both engines (issue 4, items 3–5): sealed
 * complaints from a kiosk to the central authority, other channels sealed on arrival, the
 * complainant's status check, torture allegations to the procurator alone, answers and their
 * clock, requests for protection to the governor, and the read audit of every opening. Time is
 * the server's injected clock, moved forward by the tests.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse('2026-05-04T06:00:00.000Z');
const PASSPHRASE = 'жалобы идут прямо в центр';
/** The procurator's office's own passphrase (issue 18 item 5): never the authority's. */
const PROCURATOR_PASSPHRASE = 'прокуратура читает своим ключом';
/** The weakest argon2id a sealing.json may name: fast tests. */
const TEST_KDF = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
const REFERENCE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

const utf8 = (text: string) => new TextEncoder().encode(text);

/** A multipart/form-data body of text fields and files. */
function multipartBody(parts: ({ name: string; value: string } | { name: string; file: Uint8Array })[]) {
  const boundary = `habeas-${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const head =
      'value' in part
        ? `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="sealed.bin"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n';
    chunks.push(
      Buffer.from(head),
      'value' in part ? Buffer.from(part.value) : Buffer.from(part.file),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

for (const engine of ENGINES) {
  describe(`complaints (${engine})`, () => {
    let h: Harness;
    let now = START;
    let scheduler: ClockScheduler;
    let complainantId: string;
    const iso = (ms: number = now) => new Date(ms).toISOString();
    const advance = (ms: number) => {
      now += ms;
    };

    /** The plaintext a kiosk seals (issue 4 "Sealed plaintext format"). */
    const contentOf = (text: string) => ({ v: 1, text, language: 'ru', writtenAt: iso(), media: [] });

    /** Seals with src/sealing (as the kiosk page does) to the published key (or the procurator's). */
    async function sealOurs(text: string, recipient: 'authority' | 'procurator' = 'authority') {
      const url = recipient === 'procurator' ? '/api/v1/sealing/procurator-key' : '/api/v1/sealing/key';
      const key = (await h.app.inject({ url })).json() as { publicKey: string };
      return sealedToWire(await sealTo(fromBase64(key.publicKey), utf8(JSON.stringify(contentOf(text)))));
    }

    /** Whether the procurator's office has published its key (the kiosk then seals allegations to it too). */
    const procuratorKeyPublished = async () =>
      (await h.app.inject({ url: '/api/v1/sealing/procurator-key' })).statusCode === 200;

    async function submit(body: Record<string, unknown>, role: 'kiosk' = 'kiosk') {
      return h.app.inject({
        method: 'POST',
        url: '/api/v1/complaints',
        headers: h.bearer(role),
        payload: body,
      });
    }

    async function submitted(text: string, extra: Record<string, unknown> = {}): Promise<ComplaintReceipt> {
      // As the kiosk: an allegation is sealed to the procurator's office's key too, once there is one.
      const sealedFor =
        extra.category === 'torture-or-ill-treatment' && (await procuratorKeyPublished())
          ? { sealedFor: { procurator: await sealOurs(text, 'procurator') } }
          : {};
      const response = await submit({
        facilityId: h.facilities.astana,
        category: 'conditions',
        sealed: await sealOurs(text),
        pin: '2468',
        ...sealedFor,
        ...extra,
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json() as ComplaintReceipt;
    }

    /** The events a complaint stream carries, inside its entries' payloads (one public type outside). */
    const eventTypes = async (stream: string) =>
      (await h.store.readStream(stream)).map(
        (stored) => fromEntry({ type: stored.entry.type, payload: stored.payload }).type,
      );

    const status = (reference: string, pin: string, headers = h.bearer('kiosk')) =>
      h.app.inject({ url: `/api/v1/complaints/${encodeURIComponent(reference)}/status?pin=${pin}`, headers });

    const open = (reference: string, role: 'complaints-officer' | 'procurator' = 'complaints-officer') =>
      h.app.inject({ url: `/api/v1/complaints/${reference}`, headers: h.bearer(role) });

    const unlock = (
      role: 'complaints-officer' | 'procurator',
      passphrase = role === 'procurator' ? PROCURATOR_PASSPHRASE : PASSPHRASE,
    ) =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/sealing/unlock',
        headers: h.bearer(role),
        payload: { passphrase },
      });

    /** Opens with the key unlocked afresh (the tests move the clock past its 30 idle minutes). */
    async function openUnlocked(reference: string): Promise<ComplaintView> {
      expect((await unlock('complaints-officer')).statusCode).toBe(204);
      const response = await open(reference);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as ComplaintView;
    }

    /** A sealed recording sent after the complaint by the kiosk, for the authority or the procurator. */
    async function sendRecording(
      reference: string,
      sealed: { enc: Uint8Array; ciphertext: Uint8Array },
      recipient?: 'procurator',
    ) {
      const body = multipartBody([
        { name: 'enc', value: b64(sealed.enc) },
        ...(recipient ? [{ name: 'recipient', value: recipient }] : []),
        { name: 'file', file: sealed.ciphertext },
      ]);
      const response = await h.app.inject({
        method: 'POST',
        url: `/api/v1/complaints/${reference}/media`,
        headers: { ...h.bearer('kiosk'), 'content-type': body.contentType },
        payload: body.payload,
      });
      expect(response.statusCode, response.body).toBe(201);
      return (response.json() as { sha256: string }).sha256;
    }

    const post = (url: string, role: Parameters<Harness['bearer']>[0], payload: unknown) =>
      h.app.inject({ method: 'POST', url, headers: h.bearer(role), payload: payload as object });

    async function inbox(role: 'complaints-officer' | 'procurator' = 'complaints-officer', query = '') {
      const response = await h.app.inject({ url: `/api/v1/complaints${query}`, headers: h.bearer(role) });
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as { items: ComplaintSummary[] }).items;
    }

    beforeAll(async () => {
      // Unlocks are limited to 5 a minute per principal; the tests unlock often (tested on its own below).
      h = await startHarness(engine, {
        clock: () => new Date(now),
        unlockRateLimit: { max: 1_000_000, timeWindowMs: 60_000 },
      });
      scheduler = new ClockScheduler(h.app.habeas, { clock: () => new Date(now) });
      complainantId = (
        await createPerson(
          h.store,
          {
            familyName: 'Жумабаев',
            givenNames: 'Нурлан',
            birthDate: '1990-03-12',
            sex: 'male',
            facilityId: h.facilities.astana,
          },
          'test',
        )
      ).id;
    });
    afterAll(async () => h?.close());

    test('GET /sealing/key is 503 until the authority creates its key, then the suite, info and key', async () => {
      const before = await h.app.inject({ url: '/api/v1/sealing/key' });
      expect(before.statusCode).toBe(503);
      expect(problemOf(before).detail).toBe(
        'the complaints authority has not created its key (habeas sealing init)',
      );
      const refused = await submit({
        facilityId: h.facilities.astana,
        category: 'other',
        sealed: { enc: b64(randomBytes(32)), ciphertext: b64(randomBytes(40)) },
        pin: '1234',
      });
      // Nothing can have been sealed to a key that does not exist: the kiosk is told to wait.
      expect(refused.statusCode).toBe(503);

      await initSealing(h.dataDir, PASSPHRASE, { kdf: TEST_KDF });
      const after = await h.app.inject({ url: '/api/v1/sealing/key' });
      expect(after.statusCode).toBe(200);
      const key = after.json() as { suite: unknown; info: string; publicKey: string };
      expect(key).toMatchObject({ suite: { kem: 32, kdf: 1, aead: 2 }, info: 'habeas/complaint/v1' });
      expect(fromBase64(key.publicKey)).toHaveLength(32);
    });

    test('kz.complaint.channel: the procurator’s office reads allegations with its own key; an allegation sealed before that key existed waits for the authority to seal the procurator’s copy', async () => {
      // Before the procurator's office has a key, a kiosk seals an allegation to the authority alone.
      expect((await h.app.inject({ url: '/api/v1/sealing/procurator-key' })).statusCode).toBe(503);
      const earlier = await submitted('Избили в дежурной части до появления ключа прокуратуры', {
        category: 'torture-or-ill-treatment',
      });
      const authorityKey = (await h.app.inject({ url: '/api/v1/sealing/key' })).json() as {
        publicKey: string;
      };
      const recording = randomBytes(2_000);
      const recordingSha = await sendRecording(
        earlier.reference,
        await sealTo(fromBase64(authorityKey.publicKey), recording),
      );
      // The procurator can no longer borrow the authority's passphrase: it has a key of its own, or none.
      expect((await unlock('procurator', PASSPHRASE)).statusCode).toBe(503);

      await initSealing(h.dataDir, PROCURATOR_PASSPHRASE, { kdf: TEST_KDF, recipient: 'procurator' });
      const published = await h.app.inject({ url: '/api/v1/sealing/procurator-key' });
      expect(published.statusCode).toBe(200);
      const procuratorKey = published.json() as { suite: unknown; info: string; publicKey: string };
      expect(procuratorKey).toMatchObject({
        suite: { kem: 32, kdf: 1, aead: 2 },
        info: 'habeas/complaint/v1',
      });
      expect(procuratorKey.publicKey).not.toBe(authorityKey.publicKey);

      // Each institution unlocks its own key with its own passphrase, and not the other's.
      expect((await unlock('procurator', PASSPHRASE)).statusCode).toBe(403);
      expect((await unlock('complaints-officer', PROCURATOR_PASSPHRASE)).statusCode).toBe(403);
      expect((await unlock('procurator')).statusCode).toBe(204);

      // The earlier allegation: the procurator's opening is recorded, but there is no copy to open yet.
      const waiting = await open(earlier.reference, 'procurator');
      expect(waiting.statusCode, waiting.body).toBe(200);
      expect(waiting.json()).toMatchObject({
        content: null,
        contentProblem: 'no-procurator-copy',
        sealedForProcurator: false,
        media: [],
      });
      const listed = (
        (await h.app.inject({ url: '/api/v1/allegations', headers: h.bearer('procurator') })).json() as {
          items: { reference: string; sealedForProcurator: boolean }[];
        }
      ).items.find((item) => item.reference === earlier.reference);
      expect(listed?.sealedForProcurator).toBe(false);

      // The complaints authority seals the procurator's copy, recording included, from its own copy.
      expect((await unlock('complaints-officer')).statusCode).toBe(204);
      const copied = await post(`/api/v1/complaints/${earlier.reference}/route`, 'complaints-officer', {
        to: 'procurator',
        reason: 'копия для прокуратуры, получившей собственный ключ',
      });
      expect(copied.statusCode, copied.body).toBe(201);
      expect(copied.json()).toMatchObject({
        status: 'referred-to-procurator',
        category: 'torture-or-ill-treatment',
        rerouted: null,
        sealedForProcurator: true,
      });
      const read = await open(earlier.reference, 'procurator');
      const view = read.json() as ComplaintView;
      expect(view.content?.text).toBe('Избили в дежурной части до появления ключа прокуратуры');
      expect(view.contentProblem).toBeNull();
      expect(view.media).toHaveLength(1);
      const procuratorSha = view.media[0]?.sha256 ?? '';
      expect(procuratorSha).not.toBe(recordingSha);
      expect((view.content?.media as { sha256: string }[] | undefined) ?? []).toEqual([]);
      const played = await h.app.inject({
        url: `/api/v1/complaints/${earlier.reference}/media/${procuratorSha}`,
        headers: h.bearer('procurator'),
      });
      expect(played.statusCode, played.body).toBe(200);
      expect(played.rawPayload.equals(recording)).toBe(true);
      // … and not the authority's copy, which the procurator's key does not open.
      expect(
        (
          await h.app.inject({
            url: `/api/v1/complaints/${earlier.reference}/media/${recordingSha}`,
            headers: h.bearer('procurator'),
          })
        ).statusCode,
      ).toBe(404);
      // Given once: a second copy is refused.
      const again = await post(`/api/v1/complaints/${earlier.reference}/route`, 'complaints-officer', {
        to: 'procurator',
        reason: 'ещё раз',
      });
      expect(again.statusCode).toBe(422);
      expect(problemOf(again).rule).toBe('kz.torture.referral');

      // From now on the kiosk seals an allegation to both keys; without the procurator's copy it is refused,
      // and no other complaint may carry one.
      const bare = await submit({
        facilityId: h.facilities.astana,
        category: 'torture-or-ill-treatment',
        sealed: await sealOurs('Ударили'),
        pin: '2468',
      });
      expect(bare.statusCode).toBe(422);
      expect(problemOf(bare).detail).toMatch(/procurator-key/);
      const stray = await submit({
        facilityId: h.facilities.astana,
        category: 'health',
        sealed: await sealOurs('Не лечат'),
        sealedFor: { procurator: await sealOurs('Не лечат', 'procurator') },
        pin: '2468',
      });
      expect(stray.statusCode).toBe(422);
      expect(problemOf(stray).detail).toMatch(/only a torture allegation/);

      // Sealed by an independent RFC 9180 implementation to the procurator's published key: the procurator
      // opens exactly that, with the procurator's own key; the authority opens its own copy.
      const marker = `procurator-${randomBytes(6).toString('hex')}`;
      const content = contentOf(`Сотрудник ударил меня по лицу. ${marker}`);
      const seal = (publicKey: string) => {
        const sealed = sealBase(
          AEAD_AES_256_GCM,
          fromBase64(publicKey),
          utf8(SEALING_INFO),
          new Uint8Array(0),
          utf8(JSON.stringify(content)),
        );
        return { enc: b64(sealed.enc), ciphertext: b64(sealed.ct) };
      };
      const both = await submit({
        facilityId: h.facilities.astana,
        category: 'torture-or-ill-treatment',
        sealed: seal(authorityKey.publicKey),
        sealedFor: { procurator: seal(procuratorKey.publicKey) },
        pin: '2468',
      });
      expect(both.statusCode, both.body).toBe(201);
      const { reference } = both.json() as ComplaintReceipt;
      expect((await open(reference, 'procurator')).json()).toMatchObject({
        content,
        sealedForProcurator: true,
      });
      expect((await open(reference)).json()).toMatchObject({ content });
      // The database holds ciphertexts only.
      expect(await findInDatabase(h.store, marker)).toEqual([]);
      // Both keys locked again, as the next tests expect to find them.
      for (const role of ['complaints-officer', 'procurator'] as const)
        await h.app.inject({ method: 'POST', url: '/api/v1/sealing/lock', headers: h.bearer(role) });
    });

    test('kz.complaint.channel: sealed by an independent RFC 9180 implementation, receipt proven in a signed checkpoint, opened exactly, no plaintext in the database', async () => {
      const key = (await h.app.inject({ url: '/api/v1/sealing/key' })).json() as { publicKey: string };
      const marker = `marker-${randomBytes(6).toString('hex')}`;
      const text = `Меня избили в камере 4 мая, двое сотрудников. Мен азаптадым. ${marker}`;
      const content = contentOf(text);
      const sealed = sealBase(
        AEAD_AES_256_GCM,
        fromBase64(key.publicKey),
        utf8(SEALING_INFO),
        new Uint8Array(0),
        utf8(JSON.stringify(content)),
      );
      const response = await submit({
        facilityId: h.facilities.astana,
        category: 'conditions',
        sealed: { enc: b64(sealed.enc), ciphertext: b64(sealed.ct) },
        pin: '4821',
        complainant: { personId: complainantId },
      });
      expect(response.statusCode, response.body).toBe(201);
      const receipt = response.json() as ComplaintReceipt;
      expect(receipt.reference).toMatch(REFERENCE);

      // The receipt: the entry is in the tree of a checkpoint signed by the log's key.
      const checkpoint = openCheckpoint(receipt.checkpoint, h.store.verifierKey, h.store.origin);
      expect(receipt.inclusionProof).toMatchObject({ index: receipt.seq, size: checkpoint.size });
      expect(checkpoint.size).toBeGreaterThan(receipt.seq);
      // The receipt carries its own entry (the log's entries are not public, issue 17): it is the
      // one the oversight bodies read in the log at that position.
      const line = (
        await h.app.inject({
          url: `/api/v1/log/entries?start=${receipt.seq}&end=${receipt.seq + 1}`,
          headers: h.bearer('monitor'),
        })
      ).body.trim();
      expect((JSON.parse(line) as { entry: unknown }).entry).toEqual(receipt.entry);
      expect(
        (await h.app.inject({ url: `/api/v1/log/entries?start=${receipt.seq}&end=${receipt.seq + 1}` }))
          .statusCode,
      ).toBe(401);
      const entry = parseEntry(receipt.entry);
      // Every entry of a complaint stream has one public type; the event is inside the salted payload.
      expect(entry.type).toBe('complaint-entry');
      // The public log names the stream by an opaque id, never by the receipt's reference.
      expect(entry.stream).toMatch(/^complaint\/[a-z2-7]{26}$/);
      expect(line).not.toContain(receipt.reference);
      expect(() =>
        verifyInclusion(
          receipt.seq,
          checkpoint.size,
          entryLeafHash(entry),
          receipt.inclusionProof.hashes.map(fromBase64),
          checkpoint.root,
        ),
      ).not.toThrow();

      // Locked, the complaints officer sees nothing; with the passphrase, exactly what was sealed.
      const locked = await open(receipt.reference);
      expect(locked.statusCode).toBe(409);
      expect(problemOf(locked).detail).toMatch(/^unlock the complaints key first/);
      const wrong = await unlock('complaints-officer', 'not the passphrase at all');
      expect(wrong.statusCode).toBe(403);
      expect((await unlock('complaints-officer')).statusCode).toBe(204);
      const opened = await open(receipt.reference);
      expect(opened.statusCode, opened.body).toBe(200);
      const view = opened.json() as ComplaintView;
      expect(view.content).toEqual(content);
      expect(view.content?.text).toBe(text);
      expect(view).toMatchObject({
        reference: receipt.reference,
        channel: 'kiosk',
        category: 'conditions',
        status: 'received',
        complainant: { personId: complainantId, name: 'Жумабаев Нурлан' },
        contentError: null,
      });

      // The database holds the ciphertext only: no column of any table has the text or its bytes.
      expect(await findInDatabase(h.store, text)).toEqual([]);
      expect(await findInDatabase(h.store, marker)).toEqual([]);
      expect(await findInDatabase(h.store, 'Меня избили')).toEqual([]);
      // … and the search does find what is there (the facility's name, in its read model and the log).
      expect((await findInDatabase(h.store, 'ИВС г. Астаны')).map((hit) => hit.table)).toEqual(
        expect.arrayContaining(['facilities', 'payloads']),
      );
      // The PIN is not in the log: the payload has no such field; only its verifier is kept, elsewhere —
      // the public half of the answer key the PIN derives with the server's secret (issue 18 item 6).
      const [stored] = await h.store.readStream(entry.stream);
      expect(Object.keys(stored?.payload as object)).not.toContain('pin');
      expect(JSON.stringify(stored?.payload)).not.toContain('4821');
      const pin = await h.store.db
        .selectFrom('complaint_pins')
        .select('pin_hash')
        .where('reference', '=', receipt.reference)
        .executeTakeFirstOrThrow();
      expect(pin.pin_hash).toMatch(/^x25519:[A-Za-z0-9+/]{43}=$/);
      expect(pin.pin_hash).not.toContain('4821');
    });

    test('read audit: the monitor sees who opened a complaint, and why', async () => {
      const receipt = await submitted('Нет горячей воды третий месяц');
      const opened = await h.app.inject({
        url: `/api/v1/complaints/${receipt.reference}`,
        headers: { ...h.bearer('complaints-officer'), 'x-habeas-purpose': 'проверка жалобы' },
      });
      expect(opened.statusCode, opened.body).toBe(200);
      const audit = await h.app.inject({
        url: `/api/v1/audit?subject=complaint/${receipt.reference.toLowerCase()}`,
        headers: h.bearer('monitor'),
      });
      expect(audit.statusCode, audit.body).toBe(200);
      const { reads } = audit.json() as { reads: { actorRole: string; purpose: string }[] };
      expect(reads).toEqual([
        expect.objectContaining({ actorRole: 'complaints-officer', purpose: 'проверка жалобы' }),
      ]);
      // The facility's staff cannot see who read it either.
      const denied = await h.app.inject({
        url: `/api/v1/audit?subject=complaint/${receipt.reference}`,
        headers: h.bearer('governor'),
      });
      expect(denied.statusCode).toBe(403);
    });

    test('kz.complaint.channel: the log’s entries do not tell a torture allegation from any other complaint', async () => {
      // Read as the monitor does (entries are for the national oversight bodies, issue 17).
      const publicTypes = async (receipt: ComplaintReceipt) => {
        const response = await h.app.inject({
          url: `/api/v1/log/entries?start=${receipt.seq}&end=${receipt.seq + 3}`,
          headers: h.bearer('monitor'),
        });
        const lines = response.body
          .trim()
          .split('\n')
          .map((line) => (JSON.parse(line) as { entry: { stream: string; type: string } }).entry);
        const stream = lines[0]?.stream;
        return lines.filter((entry) => entry.stream === stream).map((entry) => entry.type);
      };
      const torture = await submitted('Надзиратель ударил меня', {
        category: 'torture-or-ill-treatment',
        protectionRequested: true,
      });
      const conditions = await submitted('В камере холодно', {
        category: 'conditions',
        protectionRequested: true,
      });
      expect(await publicTypes(torture)).toEqual(await publicTypes(conditions));
      expect(await publicTypes(torture)).toEqual(['complaint-entry', 'complaint-entry', 'complaint-entry']);
      // What happens later does not show either: the procurator's decision is one more such entry.
      const decided = await h.app.inject({
        method: 'POST',
        url: `/api/v1/allegations/${torture.reference}/decisions`,
        headers: h.bearer('procurator'),
        payload: { decision: 'investigation-opened', caseNumber: '261000031000123' },
      });
      expect(decided.statusCode, decided.body).toBe(201);
      const all = (
        await h.app.inject({
          url: `/api/v1/log/entries?start=0&end=${await h.store.size()}`,
          headers: h.bearer('monitor'),
        })
      ).body
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { entry: { stream: string; type: string } }).entry)
        .filter((entry) => entry.stream.startsWith('complaint/'));
      expect(all.length).toBeGreaterThan(6);
      expect(new Set(all.map((entry) => entry.type))).toEqual(new Set(['complaint-entry']));
    });

    test('kz.torture.referral: referred to the procurator at once, listed as an allegation, never answered or closed by the complaints authority', async () => {
      const receipt = await submitted('Били дубинкой на допросе', {
        category: 'torture-or-ill-treatment',
        pin: '1357',
      });
      // Referred in the same append as the submission.
      const entries = await h.store.entries(receipt.seq, receipt.seq + 2);
      expect(entries[1]?.stream).toBe(entries[0]?.stream);
      expect(await eventTypes(entries[0]?.stream ?? '')).toEqual(['complaint-submitted', 'complaint-routed']);

      const checked = await status(receipt.reference, '1357');
      expect(checked.statusCode, checked.body).toBe(200);
      expect(checked.json()).toEqual({
        reference: receipt.reference,
        status: 'referred-to-procurator',
        updatedAt: iso(),
        case: null,
      });

      const allegations = await h.app.inject({ url: '/api/v1/allegations', headers: h.bearer('procurator') });
      expect(allegations.statusCode, allegations.body).toBe(200);
      const items = (allegations.json() as { items: { reference: string; status: string }[] }).items;
      expect(items).toContainEqual(
        expect.objectContaining({ reference: receipt.reference, status: 'referred-to-procurator' }),
      );
      // The procurator's inbox holds allegations only; the complaints officer's holds everything.
      const procuratorInbox = await inbox('procurator');
      expect(procuratorInbox.every((item) => item.category === 'torture-or-ill-treatment')).toBe(true);
      expect(procuratorInbox.map((item) => item.reference)).toContain(receipt.reference);
      expect((await inbox()).some((item) => item.category === 'conditions')).toBe(true);
      expect((await inbox()).find((item) => item.reference === receipt.reference)?.answerDueAt).toBeNull();

      for (const action of ['answer', 'close'] as const) {
        const refused = await post(
          `/api/v1/complaints/${receipt.reference}/${action}`,
          'complaints-officer',
          action === 'answer' ? { answer: 'Жалоба не подтвердилась.' } : { reason: 'не подтвердилось' },
        );
        expect(refused.statusCode, refused.body).toBe(422);
        expect(problemOf(refused)).toMatchObject({
          rule: 'kz.torture.referral',
          detail: 'only the procurator decides on a torture allegation',
        });
      }
      const decisionUrl = `/api/v1/allegations/${receipt.reference}/decisions`;
      for (const role of ['complaints-officer', 'monitor', 'admin', 'governor', 'judge'] as const) {
        const refused = await post(decisionUrl, role, {
          decision: 'discontinued',
          reason: 'не подтвердилось',
        });
        expect(refused.statusCode, role).toBe(403);
        expect(problemOf(refused).rule, role).toBe('kz.torture.referral');
      }
      const opened = await post(decisionUrl, 'procurator', { decision: 'investigation-opened' });
      expect(opened.statusCode, opened.body).toBe(201);
      expect(opened.json()).toMatchObject({
        reference: receipt.reference,
        status: 'under-investigation',
        decisions: [{ decision: 'investigation-opened', actorName: 'procurator test' }],
      });
      expect((await status(receipt.reference, '1357')).json()).toMatchObject({
        status: 'under-investigation',
      });
      // The procurator opens the allegation with the key unlocked in their own session.
      expect((await open(receipt.reference, 'procurator')).statusCode).toBe(409);
      expect((await unlock('procurator')).statusCode).toBe(204);
      const read = await open(receipt.reference, 'procurator');
      expect(read.statusCode, read.body).toBe(200);
      expect((read.json() as ComplaintView).content?.text).toBe('Били дубинкой на допросе');
      // … but not an ordinary complaint, which is the complaints authority's.
      const ordinary = await submitted('Плохая еда');
      expect((await open(ordinary.reference, 'procurator')).statusCode).toBe(403);
    });

    test('kz.torture.referral: a complaint about conditions that describes a beating is routed to the procurator, keeping the category it was filed under', async () => {
      const receipt = await submitted('Жалоба на условия: и ещё дежурный избил меня в душевой', {
        category: 'conditions',
        pin: '8642',
      });
      const authorityKey = (await h.app.inject({ url: '/api/v1/sealing/key' })).json() as {
        publicKey: string;
      };
      const photo = randomBytes(4_000);
      const authoritySha = await sendRecording(
        receipt.reference,
        await sealTo(fromBase64(authorityKey.publicKey), photo),
      );
      // The procurator neither lists nor opens it yet: an ordinary complaint is the authority's.
      expect((await unlock('procurator')).statusCode).toBe(204);
      expect((await open(receipt.reference, 'procurator')).statusCode).toBe(403);
      const route = (
        role: Parameters<Harness['bearer']>[0],
        body: unknown = { to: 'procurator', reason: 'описано избиение сотрудником' },
      ) => post(`/api/v1/complaints/${receipt.reference}/route`, role, body);
      for (const role of ['procurator', 'governor', 'monitor', 'kiosk'] as const)
        expect((await route(role)).statusCode, role).toBe(403);
      expect((await route('complaints-officer', { to: 'procurator' })).statusCode).toBe(422);
      expect((await route('complaints-officer', { to: 'ombudsman', reason: 'x' })).statusCode).toBe(422);
      // The complaints officer needs the authority's key open: the content is sealed again from it.
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/sealing/lock',
        headers: h.bearer('complaints-officer'),
      });
      expect((await route('complaints-officer')).statusCode).toBe(409);
      expect((await unlock('complaints-officer')).statusCode).toBe(204);
      const routed = await route('complaints-officer');
      expect(routed.statusCode, routed.body).toBe(201);
      expect(routed.json()).toMatchObject({
        reference: receipt.reference,
        category: 'torture-or-ill-treatment',
        status: 'referred-to-procurator',
        answerDueAt: null,
        rerouted: { from: 'conditions', reason: 'описано избиение сотрудником', routedAt: iso() },
        sealedForProcurator: true,
      });

      // The record: the submission still says conditions; routing and the procurator's copy are new entries.
      const stream = (await h.store.entries(receipt.seq, receipt.seq + 1))[0]?.stream ?? '';
      const history = (await h.store.readStream(stream)).map((stored) =>
        fromEntry({ type: stored.entry.type, payload: stored.payload }),
      );
      expect(history[0]).toMatchObject({ type: 'complaint-submitted', payload: { category: 'conditions' } });
      expect(history.map((event) => event.type)).toEqual([
        'complaint-submitted',
        'complaint-routed',
        'complaint-media-added',
        'complaint-routed',
        'complaint-resealed',
      ]);
      expect(history[3]?.payload).toMatchObject({
        to: 'procurator',
        rule: 'kz.torture.referral',
        rerouted: { from: 'conditions', reason: 'описано избиение сотрудником' },
      });
      // The opening the routing needed is on record, as any other.
      const audit = await h.app.inject({
        url: `/api/v1/audit?subject=complaint/${receipt.reference}`,
        headers: h.bearer('monitor'),
      });
      expect((audit.json() as { reads: { actorRole: string }[] }).reads).toContainEqual(
        expect.objectContaining({ actorRole: 'complaints-officer' }),
      );

      // The procurator sees it as an allegation, and opens it — and its photograph — with the procurator's own key.
      const allegations = (
        (await h.app.inject({ url: '/api/v1/allegations', headers: h.bearer('procurator') })).json() as {
          items: { reference: string; status: string; rerouted: unknown }[];
        }
      ).items;
      expect(allegations.find((item) => item.reference === receipt.reference)).toMatchObject({
        status: 'referred-to-procurator',
        rerouted: { from: 'conditions' },
      });
      expect((await inbox('procurator')).map((item) => item.reference)).toContain(receipt.reference);
      const view = (await open(receipt.reference, 'procurator')).json() as ComplaintView;
      expect(view.content?.text).toBe('Жалоба на условия: и ещё дежурный избил меня в душевой');
      expect(view.reroutedBy).toBe('complaints-officer test');
      const [copy] = view.media;
      expect(copy?.sha256).not.toBe(authoritySha);
      const played = await h.app.inject({
        url: `/api/v1/complaints/${receipt.reference}/media/${copy?.sha256}`,
        headers: h.bearer('procurator'),
      });
      expect(played.rawPayload.equals(photo)).toBe(true);
      // The complaints authority keeps its own copy, and the routing is shown to it too.
      const officerView = (await open(receipt.reference)).json() as ComplaintView;
      expect(officerView.media.map((item) => item.sha256)).toEqual([authoritySha]);
      expect(officerView.rerouted?.from).toBe('conditions');

      // From now on it is the procurator's alone: the authority neither answers nor closes it.
      const answered = await post(`/api/v1/complaints/${receipt.reference}/answer`, 'complaints-officer', {
        answer: 'Проверено.',
      });
      expect(answered.statusCode).toBe(422);
      expect(problemOf(answered).rule).toBe('kz.torture.referral');
      const decided = await post(`/api/v1/allegations/${receipt.reference}/decisions`, 'procurator', {
        decision: 'investigation-opened',
      });
      expect(decided.statusCode, decided.body).toBe(201);
      expect((await status(receipt.reference, '8642')).json()).toMatchObject({
        status: 'under-investigation',
      });
      // Routed once: again is refused.
      expect((await route('complaints-officer')).statusCode).toBe(422);
      // Both keys locked again, as the next tests expect to find them.
      for (const role of ['complaints-officer', 'procurator'] as const)
        await h.app.inject({ method: 'POST', url: '/api/v1/sealing/lock', headers: h.bearer(role) });
    });

    test('kz.torture.referral: no facility role, administrator, statistician, medical officer or judge lists, reads or handles complaints', async () => {
      const receipt = await submitted('Угрозы со стороны сотрудника', {
        category: 'torture-or-ill-treatment',
      });
      const ordinary = await submitted('Нет прогулок');
      const requests = [
        { method: 'GET' as const, url: '/api/v1/complaints' },
        { method: 'GET' as const, url: `/api/v1/complaints/${receipt.reference}` },
        { method: 'GET' as const, url: `/api/v1/complaints/${ordinary.reference}` },
        { method: 'GET' as const, url: `/api/v1/complaints/${receipt.reference}/status?pin=2468` },
        { method: 'GET' as const, url: '/api/v1/allegations' },
        {
          method: 'POST' as const,
          url: `/api/v1/complaints/${ordinary.reference}/answer`,
          payload: { answer: 'Ответ' },
        },
        {
          method: 'POST' as const,
          url: `/api/v1/complaints/${ordinary.reference}/close`,
          payload: { reason: 'Причина' },
        },
        {
          method: 'POST' as const,
          url: `/api/v1/allegations/${receipt.reference}/decisions`,
          payload: { decision: 'investigation-opened' },
        },
        {
          method: 'POST' as const,
          url: `/api/v1/allegations/${receipt.reference}/outcomes`,
          payload: { kind: 'evidence-excluded', at: iso(), description: 'Протокол' },
        },
        {
          method: 'POST' as const,
          url: '/api/v1/complaints/received',
          payload: { facilityId: h.facilities.astana, channel: 'paper', category: 'other', text: 'Текст' },
        },
        { method: 'POST' as const, url: '/api/v1/sealing/unlock', payload: { passphrase: PASSPHRASE } },
      ];
      for (const role of [
        'custody-officer',
        'prison-officer',
        'governor',
        'admin',
        'statistician',
        'medical',
        'judge',
      ] as const)
        for (const request of requests) {
          const response = await h.app.inject({ ...request, headers: h.bearer(role) });
          expect(response.statusCode, `${role} ${request.method} ${request.url}`).toBe(403);
          expect(response.body).not.toContain('Угрозы');
        }
    });

    test('kz.cases.joined: a joined allegation still counts — listed, with its case', async () => {
      const first = await submitted('Избиение в ИВС, сотрудник А.', { category: 'torture-or-ill-treatment' });
      const second = await submitted('Избиение в ИВС, тот же сотрудник А.', {
        category: 'torture-or-ill-treatment',
      });
      const decide = (reference: string, body: Record<string, unknown>) =>
        post(`/api/v1/allegations/${reference}/decisions`, 'procurator', body);
      const noCase = await decide(second.reference, { decision: 'joined' });
      expect(noCase.statusCode).toBe(422);
      expect(problemOf(noCase)).toMatchObject({
        rule: 'kz.cases.joined',
        issues: [{ field: 'body.caseNumber' }],
      });
      const noReason = await decide(second.reference, { decision: 'discontinued' });
      expect(noReason.statusCode).toBe(422);
      expect(problemOf(noReason).issues?.[0]?.field).toBe('body.reason');
      const unknown = await decide(second.reference, {
        decision: 'joined',
        caseNumber: '231500031000123',
        joinedWith: '0000-0000-0000',
      });
      expect(unknown.statusCode).toBe(422);

      expect(
        (await decide(first.reference, { decision: 'investigation-opened', caseNumber: '231500031000123' }))
          .statusCode,
      ).toBe(201);
      const joined = await decide(second.reference, {
        decision: 'joined',
        caseNumber: '231500031000123',
        joinedWith: first.reference.toLowerCase(),
      });
      expect(joined.statusCode, joined.body).toBe(201);
      const list = (
        (await h.app.inject({ url: '/api/v1/allegations', headers: h.bearer('procurator') })).json() as {
          items: {
            reference: string;
            status: string;
            caseNumber: string | null;
            decisions: { decision: string; joinedWith: string | null }[];
          }[];
        }
      ).items;
      const joinedItem = list.find((item) => item.reference === second.reference);
      expect(joinedItem).toMatchObject({
        status: 'under-investigation',
        caseNumber: '231500031000123',
        decisions: [{ decision: 'joined', joinedWith: first.reference }],
      });
      // Two complaints, one case: both still listed.
      expect(
        list
          .filter((item) => item.caseNumber === '231500031000123')
          .map((item) => item.reference)
          .sort(),
      ).toEqual([first.reference, second.reference].sort());
      // Decisions follow the procedure: nothing after sent to court.
      expect((await decide(second.reference, { decision: 'sent-to-court' })).statusCode).toBe(201);
      const after = await decide(second.reference, { decision: 'discontinued', reason: 'x' });
      expect(after.statusCode).toBe(422);
      expect(problemOf(after).rule).toBe('kz.torture.referral');
      expect((await status(second.reference, '2468')).json()).toMatchObject({ status: 'closed' });
    });

    test('PIN: a wrong PIN answers exactly as an unknown reference; 5 wrong tries lock the reference, existing or not', async () => {
      const receipt = await submitted('Жалоба на условия', { pin: '90210' });
      const wrongPin = await status(receipt.reference, '11111');
      const unknownReference = await status('ZZZZ-ZZZZ-ZZZZ', '90210');
      const malformed = await status('not-a-reference', '90210');
      for (const response of [wrongPin, unknownReference, malformed]) {
        expect(response.statusCode).toBe(404);
        expect(problemOf(response)).toEqual({
          type: 'about:blank',
          title: 'Not Found',
          status: 404,
          detail: 'no complaint matches this reference and PIN',
        });
      }
      // Typed back by hand: lower case, spaces, O for 0 and I for 1 all work.
      const typed = receipt.reference
        .toLowerCase()
        .replaceAll('-', ' ')
        .replaceAll('0', 'o')
        .replaceAll('1', 'i');
      const right = await status(typed, '90210');
      expect(right.statusCode, right.body).toBe(200);
      expect(right.json()).toEqual({
        reference: receipt.reference,
        status: 'received',
        updatedAt: iso(),
        case: null,
      });
      expect(right.body).not.toContain('Жалоба');

      for (let i = 0; i < 5; i++) expect((await status(receipt.reference, '00000')).statusCode).toBe(404);
      const locked = await status(receipt.reference, '90210');
      expect(locked.statusCode).toBe(429);
      expect(problemOf(locked).detail).toMatch(/^locked: try again after /);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      for (let i = 0; i < 5; i++) expect((await status('ZZZZ-ZZZZ-ZZZY', '1234')).statusCode).toBe(404);
      expect((await status('zzzz zzzz zzzy', '1234')).statusCode).toBe(429);
      // Tries sent all at once are counted one by one: no more than 5 are ever checked.
      const parallel = await Promise.all(
        // Another reference than the (locked) receipt's: its last character changed, whatever it was.
        Array.from({ length: 20 }, (_, i) =>
          status(
            receipt.reference.replace(/.$/, receipt.reference.endsWith('X') ? 'Y' : 'X'),
            String(1000 + i),
          ),
        ),
      );
      expect(parallel.filter((response) => response.statusCode === 404)).toHaveLength(5);
      expect(parallel.filter((response) => response.statusCode === 429)).toHaveLength(15);

      // Any facility's kiosk checks a receipt, once the lock has passed.
      advance(15 * 60_000 + 1);
      const elsewhere = (
        await createToken(
          h.store,
          { role: 'kiosk', name: 'kiosk Almaty', facilities: [h.facilities.almatyWomen], regions: [] },
          'test',
        )
      ).token;
      const later = await status(receipt.reference, '90210', { authorization: `Bearer ${elsewhere}` });
      expect(later.statusCode, later.body).toBe(200);
      // A kiosk submits only for its own facility.
      const foreign = await h.app.inject({
        method: 'POST',
        url: '/api/v1/complaints',
        headers: { authorization: `Bearer ${elsewhere}` },
        payload: {
          facilityId: h.facilities.astana,
          category: 'other',
          sealed: await sealOurs('x'),
          pin: '1234',
        },
      });
      expect(foreign.statusCode).toBe(403);
    });

    test('kz.complaint.channel: the complainant reads the answer with reference and PIN at any kiosk; whoever holds the database cannot, nor test PINs offline', async () => {
      const receipt = await submitted('Нет матрасов в камере 12', { category: 'conditions', pin: '3579' });
      const answers = (reference: string, pin: string, headers = h.bearer('kiosk')) =>
        h.app.inject({
          method: 'POST',
          url: `/api/v1/complaints/${encodeURIComponent(reference)}/answers`,
          headers,
          payload: { pin },
        });
      // Before the answer: the status, and nothing to read.
      const before = await answers(receipt.reference, '3579');
      expect(before.statusCode, before.body).toBe(200);
      expect(before.json()).toEqual({
        reference: receipt.reference,
        status: 'received',
        updatedAt: iso(),
        answers: [],
        unreadableAnswers: 0,
        case: null,
      });

      const marker = `answer-${randomBytes(6).toString('hex')}`;
      const text = `Матрасы выданы 6 мая, начальник учреждения предупреждён. ${marker}`;
      expect((await unlock('complaints-officer')).statusCode).toBe(204);
      advance(HOUR);
      const answered = await post(`/api/v1/complaints/${receipt.reference}/answer`, 'complaints-officer', {
        answer: text,
      });
      expect(answered.statusCode, answered.body).toBe(201);
      const answeredAt = iso();

      // Any facility's kiosk, reference and PIN: the answer's text.
      const elsewhere = (
        await createToken(
          h.store,
          {
            role: 'kiosk',
            name: 'kiosk Almaty answers',
            facilities: [h.facilities.almatyWomen],
            regions: [],
          },
          'test',
        )
      ).token;
      const read = await answers(receipt.reference.toLowerCase(), '3579', {
        authorization: `Bearer ${elsewhere}`,
      });
      expect(read.statusCode, read.body).toBe(200);
      expect(read.json()).toEqual({
        reference: receipt.reference,
        status: 'answered',
        updatedAt: answeredAt,
        answers: [{ answeredAt, text }],
        unreadableAnswers: 0,
        case: null,
      });
      // A wrong PIN reads exactly as an unknown reference; nobody but a kiosk asks at all.
      for (const response of [
        await answers(receipt.reference, '3578'),
        await answers('ZZZZ-ZZZZ-ZZZW', '3579'),
      ]) {
        expect(response.statusCode).toBe(404);
        expect(problemOf(response).detail).toBe('no complaint matches this reference and PIN');
        expect(response.body).not.toContain(marker);
      }
      for (const role of ['governor', 'prison-officer', 'complaints-officer', 'procurator', 'admin'] as const)
        expect((await answers(receipt.reference, '3579', h.bearer(role))).statusCode, role).toBe(403);

      // The database holds the answer sealed twice (the authority's copy, the complainant's), never in clear.
      expect(await findInDatabase(h.store, marker)).toEqual([]);
      const stream = (await h.store.entries(receipt.seq, receipt.seq + 1))[0]?.stream ?? '';
      const event = (await h.store.readStream(stream))
        .map((stored) => fromEntry({ type: stored.entry.type, payload: stored.payload }))
        .find((item) => item.type === 'complaint-answered');
      const forComplainant = (event?.payload as { forComplainant?: { enc: string; ciphertext: string } })
        .forComplainant;
      expect(forComplainant).toBeDefined();
      // Whoever holds the database has the PIN's verifier, the reference and the sealed answer — but the
      // right PIN alone does not make the key: the server's answer secret (never in the database) is part of it.
      const verifier = (
        await h.store.db
          .selectFrom('complaint_pins')
          .select('pin_hash')
          .where('reference', '=', receipt.reference)
          .executeTakeFirstOrThrow()
      ).pin_hash;
      for (const guess of [new Uint8Array(32), randomBytes(32)]) {
        const guessed = await deriveAnswerKey(guess, receipt.reference, '3579');
        expect(answerKeyText(guessed.publicKey)).not.toBe(verifier);
        await expect(
          openAnswer(guessed.privateKey, {
            enc: fromBase64(forComplainant?.enc ?? ''),
            ciphertext: fromBase64(forComplainant?.ciphertext ?? ''),
          }),
        ).rejects.toThrow();
      }
      // … and a key of their own put in its place is refused: the next answer is not sealed to it.
      const attacker = await deriveAnswerKey(randomBytes(32), receipt.reference, '0000');
      await h.store.db
        .updateTable('complaint_pins')
        .set({ pin_hash: answerKeyText(attacker.publicKey) })
        .where('reference', '=', receipt.reference)
        .execute();
      expect((await unlock('complaints-officer')).statusCode).toBe(204);
      expect(
        (
          await post(`/api/v1/complaints/${receipt.reference}/answer`, 'complaints-officer', {
            answer: 'Второй ответ',
          })
        ).statusCode,
      ).toBe(201);
      const latest = (await h.store.readStream(stream))
        .map((stored) => fromEntry({ type: stored.entry.type, payload: stored.payload }))
        .filter((item) => item.type === 'complaint-answered')
        .at(-1);
      expect(latest?.payload).not.toHaveProperty('forComplainant');
      expect(h.store.tamperedRows().map((row) => row.table)).toContain('complaint_pins');
      expect((await answers(receipt.reference, '0000')).statusCode).toBe(404);
      await h.store.db
        .updateTable('complaint_pins')
        .set({ pin_hash: verifier })
        .where('reference', '=', receipt.reference)
        .execute();
      expect((await answers(receipt.reference, '3579')).json()).toMatchObject({
        answers: [{ text }],
        unreadableAnswers: 1,
      });

      // The lockout of the status check applies: 5 wrong PINs lock the reference, even for the right one.
      for (let i = 0; i < 5; i++)
        expect((await answers(receipt.reference, String(1000 + i))).statusCode).toBe(404);
      const locked = await answers(receipt.reference, '3579');
      expect(locked.statusCode).toBe(429);
      expect(locked.body).not.toContain(marker);
      advance(15 * 60_000 + 1);
      expect((await answers(receipt.reference, '3579')).statusCode).toBe(200);
    });

    test('a complaint whose PIN was kept as a hash (before answers were sealed to complainants) still shows its status; its answers are counted, not shown', async () => {
      const receipt = await submitted('Жалоба из прежних времён', { pin: '2468' });
      // As the store kept PINs before issue 18: an argon2id hash, tagged by the server.
      const row = { reference: receipt.reference, pin_hash: await hashPassword('2468') };
      await h.store.db
        .updateTable('complaint_pins')
        .set({ pin_hash: row.pin_hash, tag: h.store.rows.tag('complaint_pins', row) })
        .where('reference', '=', receipt.reference)
        .execute();
      expect((await unlock('complaints-officer')).statusCode).toBe(204);
      expect(
        (
          await post(`/api/v1/complaints/${receipt.reference}/answer`, 'complaints-officer', {
            answer: 'Ответ',
          })
        ).statusCode,
      ).toBe(201);
      expect((await status(receipt.reference, '2468')).json()).toMatchObject({ status: 'answered' });
      const read = await h.app.inject({
        method: 'POST',
        url: `/api/v1/complaints/${receipt.reference}/answers`,
        headers: h.bearer('kiosk'),
        payload: { pin: '2468' },
      });
      expect(read.json()).toMatchObject({ status: 'answered', answers: [], unreadableAnswers: 1 });
      expect(
        (
          await h.app.inject({
            method: 'POST',
            url: `/api/v1/complaints/${receipt.reference}/answers`,
            headers: h.bearer('kiosk'),
            payload: { pin: '2469' },
          })
        ).statusCode,
      ).toBe(404);
    });

    test('kz.torture.suspension, kz.torture.sentencing, kz.evidence.inadmissible: the procurator records them; the scheduler and the court outcome flag', async () => {
      const receipt = await submitted('Избиение при задержании, оперативники Б. и В.', {
        category: 'torture-or-ill-treatment',
      });
      const url = `/api/v1/allegations/${receipt.reference}/outcomes`;
      const record = (body: Record<string, unknown>, role: Parameters<Harness['bearer']>[0] = 'procurator') =>
        post(url, role, body);
      const identified = {
        kind: 'suspects-identified',
        officials: ['Б., оперуполномоченный', 'В.'],
        at: iso(),
      };
      for (const role of ['complaints-officer', 'monitor', 'admin', 'governor', 'judge'] as const) {
        const refused = await record(identified, role);
        expect(refused.statusCode, role).toBe(403);
        expect(problemOf(refused).rule, role).toBe('kz.torture.referral');
      }
      // Zod: an unknown kind, no officials, a time without an offset.
      for (const body of [
        { kind: 'acquittal', at: iso() },
        { kind: 'suspects-identified', officials: [], at: iso() },
        { kind: 'evidence-excluded', at: '2026-05-04 06:00', description: 'x' },
      ])
        expect((await record(body)).statusCode, JSON.stringify(body)).toBe(422);

      const first = await record(identified);
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toMatchObject({
        suspects: [
          {
            official: 'Б., оперуполномоченный',
            identifiedAt: iso(),
            dueAt: iso(now + 24 * HOUR),
            suspendedAt: null,
          },
          { official: 'В.', suspendedAt: null },
        ],
      });
      advance(2 * HOUR);
      const notIdentified = await record({ kind: 'official-suspended', official: 'Г.', at: iso(), by: 'ДП' });
      expect(notIdentified.statusCode).toBe(422);
      expect(problemOf(notIdentified)).toMatchObject({ rule: 'kz.torture.suspension' });
      const suspended = await record({
        kind: 'official-suspended',
        official: 'Б., оперуполномоченный',
        at: iso(),
        by: 'Начальник ДП г. Астаны',
      });
      expect(suspended.statusCode, suspended.body).toBe(201);

      advance(22 * HOUR);
      await scheduler.tick();
      const allegationOf = async () =>
        (
          (await h.app.inject({ url: '/api/v1/allegations', headers: h.bearer('procurator') })).json() as {
            items: { reference: string; findings: { rule: string; kind: string }[] }[];
          }
        ).items.find((item) => item.reference === receipt.reference);
      expect((await allegationOf())?.findings).toEqual([
        expect.objectContaining({ rule: 'kz.torture.suspension', kind: 'flag', pack: 'kz' }),
      ]);

      const excluded = await record({
        kind: 'evidence-excluded',
        at: iso(),
        description: 'Признательные показания от 4 мая',
      });
      expect(excluded.statusCode, excluded.body).toBe(201);
      expect(excluded.json()).toMatchObject({
        evidenceExcluded: [{ description: 'Признательные показания от 4 мая', actorName: 'procurator test' }],
      });

      advance(90 * DAY);
      const court = await record({
        kind: 'court-outcome',
        at: iso(),
        outcome: 'convicted',
        article: 'ст. 362 УК РК',
        reclassified: true,
        sentence: { kind: 'suspended', months: 24 },
        pleaBargain: false,
      });
      expect(court.statusCode, court.body).toBe(201);
      expect(court.json()).toMatchObject({
        courtOutcomes: [
          {
            outcome: 'convicted',
            article: 'ст. 362 УК РК',
            sentence: { kind: 'suspended', months: 24 },
            concerns: ['reclassified', 'suspended-sentence'],
          },
        ],
        findings: [
          expect.objectContaining({ rule: 'kz.torture.suspension' }),
          expect.objectContaining({ rule: 'kz.torture.sentencing', kind: 'flag', pack: 'kz' }),
        ],
      });
      const noSentence = await record({
        kind: 'court-outcome',
        at: iso(),
        outcome: 'convicted',
        article: 'ст. 146 УК РК',
        reclassified: false,
        pleaBargain: false,
      });
      expect(noSentence.statusCode).toBe(422);
      expect(problemOf(noSentence)).toMatchObject({ rule: 'kz.torture.sentencing' });
    });

    test('intl.complaint.answer: 30 days without an answer is a breach found by the scheduler; an answer in time meets it', async () => {
      const unanswered = await submitted('Не выдают письма');
      const answered = await submitted('Не пускают адвоката');
      advance(10 * DAY);
      const answer = await post(`/api/v1/complaints/${answered.reference}/answer`, 'complaints-officer', {
        answer: 'Адвокат допущен 14 мая.',
      });
      expect(answer.statusCode, answer.body).toBe(201);
      expect(answer.json()).toMatchObject({ status: 'answered' });
      expect((await status(answered.reference, '2468')).json()).toMatchObject({
        status: 'answered',
        updatedAt: iso(),
      });

      advance(20 * DAY - 1);
      await scheduler.tick();
      const rowOf = async (reference: string) =>
        (await inbox()).find((item) => item.reference === reference) as ComplaintSummary;
      expect((await rowOf(unanswered.reference)).findings).toEqual([]);
      expect((await rowOf(unanswered.reference)).clocks[0]).toMatchObject({
        rule: 'intl.complaint.answer',
        state: 'running',
        warning: 90,
      });

      advance(2);
      const ticked = await scheduler.tick();
      expect(ticked.findings).toBeGreaterThan(0);
      await scheduler.tick();
      const breached = await rowOf(unanswered.reference);
      expect(breached.clocks[0]).toMatchObject({ rule: 'intl.complaint.answer', state: 'breached' });
      expect(breached.findings).toEqual([
        expect.objectContaining({
          rule: 'intl.complaint.answer',
          kind: 'breach',
          pack: 'intl',
          packVersion: '2026.1',
        }),
      ]);
      const met = await rowOf(answered.reference);
      expect(met.clocks[0]).toMatchObject({ state: 'met' });
      expect(met.findings).toEqual([]);
      // The answer is sealed like the complaint, and the officer reads it back opened.
      const view = await openUnlocked(answered.reference);
      expect(view.answers).toEqual([expect.objectContaining({ text: 'Адвокат допущен 14 мая.' })]);
      expect(await findInDatabase(h.store, 'Адвокат допущен')).toEqual([]);
      // Closing an unanswered complaint does not meet the clock.
      const late = await submitted('Холодно в камере');
      expect(
        (
          await post(`/api/v1/complaints/${late.reference}/close`, 'complaints-officer', {
            reason: 'дубликат',
          })
        ).statusCode,
      ).toBe(201);
      advance(31 * DAY);
      await scheduler.tick();
      expect((await rowOf(late.reference)).findings).toEqual([
        expect.objectContaining({ rule: 'intl.complaint.answer' }),
      ]);
    });

    test('other channels: a complaint received on paper is sealed on arrival, and one received 31 days ago is already late', async () => {
      const text = `Письмо от матери осуждённого: сына избили ${randomBytes(4).toString('hex')}`;
      const received = await post('/api/v1/complaints/received', 'complaints-officer', {
        facilityId: h.facilities.astana,
        channel: 'family',
        category: 'other',
        text,
        complainant: { personId: complainantId },
        receivedAt: iso(now - 31 * DAY),
      });
      expect(received.statusCode, received.body).toBe(201);
      const { reference, seq } = received.json() as { reference: string; seq: number };
      expect(reference).toMatch(REFERENCE);
      expect(await findInDatabase(h.store, text)).toEqual([]);
      const view = await openUnlocked(reference);
      expect(view).toMatchObject({ channel: 'family', submittedAt: iso(now - 31 * DAY), recordedAt: iso() });
      expect(view.content).toEqual({ v: 1, text, language: 'ru', writtenAt: iso(now - 31 * DAY), media: [] });
      // The breach is in the log with the record itself (the same append).
      const entries = await h.store.entries(seq, seq + 3);
      expect(new Set(entries.map((entry) => entry.stream)).size).toBe(1);
      expect(await eventTypes(entries[0]?.stream ?? '')).toEqual([
        'complaint-submitted',
        'complaint-routed',
        'finding-recorded',
      ]);
      expect(view.findings).toEqual([
        expect.objectContaining({ rule: 'intl.complaint.answer', kind: 'breach' }),
      ]);
      const future = await post('/api/v1/complaints/received', 'complaints-officer', {
        facilityId: h.facilities.astana,
        channel: 'paper',
        category: 'other',
        text: 'x',
        receivedAt: iso(now + HOUR),
      });
      expect(future.statusCode).toBe(422);
    });

    test('kz.transfer.protection: the governor sees the request without the complaint; 24 h without a decision is a breach', async () => {
      const text = 'Сокамерник угрожает расправой, прошу перевести';
      const receipt = await submitted(text, {
        category: 'reprisal',
        complainant: { personId: complainantId },
        protectionRequested: true,
        transferRequested: true,
      });
      const anonymous = await submitted('Угрожают', { protectionRequested: true });
      const response = await h.app.inject({
        url: '/api/v1/protection-requests',
        headers: h.bearer('governor'),
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.body).not.toContain(receipt.reference);
      expect(response.body).not.toContain('reprisal');
      expect(response.body).not.toContain('Сокамерник');
      const items = (response.json() as { items: Record<string, unknown>[] }).items.filter(
        (item) => item.requestedAt === iso(),
      );
      expect(items).toHaveLength(3);
      for (const item of items)
        expect(Object.keys(item).sort()).toEqual([
          'decidedAt',
          'dueAt',
          'facilityId',
          'facilityName',
          'id',
          'kind',
          'person',
          'reason',
          'requestedAt',
          'status',
        ]);
      const named = items.filter((item) => item.person !== null);
      expect(named.map((item) => item.kind).sort()).toEqual(['protection', 'transfer']);
      expect(named[0]).toMatchObject({
        person: { personId: complainantId, name: 'Жумабаев Нурлан' },
        status: 'pending',
        dueAt: iso(now + 24 * HOUR),
      });
      expect(items.find((item) => item.person === null)).toMatchObject({ kind: 'protection' });
      expect(anonymous.reference).toMatch(REFERENCE);

      // Another facility's governor sees none of them; other roles may not look.
      const elsewhere = (
        await createToken(
          h.store,
          { role: 'governor', name: 'governor Almaty', facilities: [h.facilities.almatyWomen], regions: [] },
          'test',
        )
      ).token;
      const theirs = await h.app.inject({
        url: '/api/v1/protection-requests',
        headers: { authorization: `Bearer ${elsewhere}` },
      });
      expect((theirs.json() as { items: unknown[] }).items).toEqual([]);
      expect(
        (await h.app.inject({ url: '/api/v1/protection-requests', headers: h.bearer('prison-officer') }))
          .statusCode,
      ).toBe(403);

      const transfer = named.find((item) => item.kind === 'transfer') as { id: string };
      const protection = named.find((item) => item.kind === 'protection') as { id: string };
      advance(23 * HOUR);
      const foreign = await h.app.inject({
        method: 'POST',
        url: `/api/v1/protection-requests/${transfer.id}/decision`,
        headers: { authorization: `Bearer ${elsewhere}` },
        payload: { decision: 'granted', reason: 'x' },
      });
      expect(foreign.statusCode).toBe(403);
      const decided = await post(`/api/v1/protection-requests/${transfer.id}/decision`, 'governor', {
        decision: 'granted',
        reason: 'Переведён в другой отряд',
      });
      expect(decided.statusCode, decided.body).toBe(201);
      expect(decided.json()).toMatchObject({ status: 'granted', decidedAt: iso() });
      const twice = await post(`/api/v1/protection-requests/${transfer.id}/decision`, 'governor', {
        decision: 'refused',
        reason: 'x',
      });
      expect(twice.statusCode).toBe(422);

      advance(HOUR + 1);
      await scheduler.tick();
      const view = await openUnlocked(receipt.reference);
      expect(view.findings).toEqual([
        expect.objectContaining({ rule: 'kz.transfer.protection', kind: 'breach', pack: 'kz' }),
      ]);
      expect(view.findings[0]?.detail).toContain('special protection');
      expect(view.protectionRequests).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: protection.id, status: 'pending' }),
          expect.objectContaining({ id: transfer.id, status: 'granted' }),
        ]),
      );
      expect(view.content?.text).toBe(text);
    });

    test('kz.complaint.channel: a sealed recording follows a kiosk complaint within 10 minutes, kept as ciphertext by its SHA-256, opened by the authority', async () => {
      const receipt = await submitted('Видеообращение ниже');
      const key = (await h.app.inject({ url: '/api/v1/sealing/key' })).json() as { publicKey: string };
      const recording = randomBytes(300_000);
      const sealed = await sealTo(fromBase64(key.publicKey), recording);
      const upload = (
        reference: string,
        parts: Parameters<typeof multipartBody>[0],
        headers: Record<string, string> = h.bearer('kiosk'),
      ) => {
        const body = multipartBody(parts);
        return h.app.inject({
          method: 'POST',
          url: `/api/v1/complaints/${reference}/media`,
          headers: { ...headers, 'content-type': body.contentType },
          payload: body.payload,
        });
      };
      const parts = [
        { name: 'enc', value: b64(sealed.enc) },
        { name: 'file', file: sealed.ciphertext },
      ];
      const added = await upload(receipt.reference, parts);
      expect(added.statusCode, added.body).toBe(201);
      const sha256 = createHash('sha256').update(sealed.ciphertext).digest('hex');
      expect(added.json()).toMatchObject({
        reference: receipt.reference,
        sha256,
        size: sealed.ciphertext.length,
      });
      // Content-addressed, and what is on disk is the ciphertext.
      const onDisk = await readFile(join(h.dataDir, 'blobs', sha256));
      expect(onDisk.equals(Buffer.from(sealed.ciphertext))).toBe(true);
      const [entry] = await h.store.entries(
        (added.json() as { seq: number }).seq,
        (added.json() as { seq: number }).seq + 1,
      );
      expect(entry?.type).toBe('complaint-entry');
      expect((await eventTypes(entry?.stream ?? '')).at(-1)).toBe('complaint-media-added');

      const view = await openUnlocked(receipt.reference);
      expect(view.media).toEqual([{ sha256, size: sealed.ciphertext.length, addedAt: iso() }]);
      const opened = await h.app.inject({
        url: `/api/v1/complaints/${receipt.reference}/media/${sha256}`,
        headers: h.bearer('complaints-officer'),
      });
      expect(opened.statusCode).toBe(200);
      expect(opened.headers['content-type']).toBe('application/octet-stream');
      expect(opened.rawPayload.equals(recording)).toBe(true);

      // Only the terminal that sent the complaint, only in time, only well-formed, only up to 50 MiB.
      const elsewhere = (
        await createToken(
          h.store,
          { role: 'kiosk', name: 'kiosk Almaty 2', facilities: [h.facilities.almatyWomen], regions: [] },
          'test',
        )
      ).token;
      expect(
        (await upload(receipt.reference, parts, { authorization: `Bearer ${elsewhere}` })).statusCode,
      ).toBe(403);
      expect((await upload(receipt.reference, [{ name: 'file', file: sealed.ciphertext }])).statusCode).toBe(
        422,
      );
      const json = await h.app.inject({
        method: 'POST',
        url: `/api/v1/complaints/${receipt.reference}/media`,
        headers: h.bearer('kiosk'),
        payload: { enc: b64(sealed.enc) },
      });
      expect(json.statusCode).toBe(415);
      const huge = await upload(receipt.reference, [
        { name: 'enc', value: b64(sealed.enc) },
        { name: 'file', file: new Uint8Array(50 * 1024 * 1024 + 1) },
      ]);
      expect(huge.statusCode, huge.body).toBe(413);
      expect(problemOf(huge).detail).toMatch(/50 MiB/);
      advance(10 * 60_000 + 1);
      const late = await upload(receipt.reference, parts);
      expect(late.statusCode).toBe(422);
      expect(problemOf(late).detail).toMatch(/within 10 minutes/);
    });

    test('413: a sealed complaint larger than 1 MiB, and a body larger than the route takes', async () => {
      const key = (await h.app.inject({ url: '/api/v1/sealing/key' })).json() as { publicKey: string };
      const big = await sealTo(fromBase64(key.publicKey), randomBytes(1024 * 1024));
      const tooBig = await submit({
        facilityId: h.facilities.astana,
        category: 'other',
        sealed: sealedToWire(big),
        pin: '1234',
      });
      expect(tooBig.statusCode).toBe(413);
      expect(problemOf(tooBig).detail).toMatch(/larger than 1 MiB/);
      const huge = await submit({
        facilityId: h.facilities.astana,
        category: 'other',
        sealed: { enc: b64(big.enc), ciphertext: b64(randomBytes(2 * 1024 * 1024)) },
        pin: '1234',
      });
      expect(huge.statusCode).toBe(413);
      const malformed = await submit({
        facilityId: h.facilities.astana,
        category: 'other',
        sealed: { enc: b64(randomBytes(31)), ciphertext: b64(randomBytes(40)) },
        pin: '1234',
      });
      expect(malformed.statusCode).toBe(422);
      expect(problemOf(malformed).issues?.[0]?.field).toBe('body.sealed');
    });

    test('the unlocked key belongs to one session: 30 minutes unused lock it, and lock forgets it', async () => {
      const receipt = await submitted('Проверка сессии');
      expect((await unlock('complaints-officer')).statusCode).toBe(204);
      expect((await open(receipt.reference)).statusCode).toBe(200);
      advance(30 * 60_000 + 1);
      expect((await open(receipt.reference)).statusCode).toBe(409);
      expect((await unlock('complaints-officer')).statusCode).toBe(204);
      const session = await h.app.inject({
        url: '/api/v1/sealing/session',
        headers: h.bearer('complaints-officer'),
      });
      expect(session.json()).toEqual({ unlocked: true, idleTimeoutSeconds: 1800 });
      expect(
        (
          await h.app.inject({
            method: 'POST',
            url: '/api/v1/sealing/lock',
            headers: h.bearer('complaints-officer'),
          })
        ).statusCode,
      ).toBe(204);
      expect((await open(receipt.reference)).statusCode).toBe(409);

      // A person's page session holds its own key; the CSRF token is required as for any form.
      const person = await h.session('complaints-officer');
      const withCookie = (headers: Record<string, string> = {}) => ({ cookie: person.cookie, ...headers });
      const noCsrf = await h.app.inject({
        method: 'POST',
        url: '/api/v1/sealing/unlock',
        headers: withCookie(),
        payload: { passphrase: PASSPHRASE },
      });
      expect(noCsrf.statusCode).toBe(403);
      expect(
        (
          await h.app.inject({
            method: 'POST',
            url: '/api/v1/sealing/unlock',
            headers: withCookie({ 'x-csrf-token': person.csrfToken }),
            payload: { passphrase: PASSPHRASE },
          })
        ).statusCode,
      ).toBe(204);
      const viaCookie = await h.app.inject({
        url: `/api/v1/complaints/${receipt.reference}`,
        headers: withCookie(),
      });
      expect(viaCookie.statusCode, viaCookie.body).toBe(200);
      // The bearer token's account did not get the person's key.
      expect((await open(receipt.reference)).statusCode).toBe(409);
    });

    test('passphrase guesses are limited to 5 a minute per principal (the server’s default)', async () => {
      const app = await buildApp({ store: h.store, dataDir: h.dataDir, clock: () => new Date(now) });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 6; i++)
          statuses.push(
            (
              await app.inject({
                method: 'POST',
                url: '/api/v1/sealing/unlock',
                headers: h.bearer('procurator'),
                payload: { passphrase: i < 4 ? 'wrong passphrase!' : PROCURATOR_PASSPHRASE },
              })
            ).statusCode,
          );
        expect(statuses).toEqual([403, 403, 403, 403, 204, 429]);
      } finally {
        await app.close();
      }
    });

    test('the inbox filters by status and category, and pages with a cursor', async () => {
      expect((await unlock('complaints-officer')).statusCode).toBe(204);
      const all = await inbox('complaints-officer', '?limit=200');
      const health = await submitted('Не дают лекарства', { category: 'health' });
      const filtered = await inbox('complaints-officer', '?category=health');
      expect(filtered.map((item) => item.reference)).toEqual([health.reference]);
      expect(
        (await inbox('complaints-officer', '?status=closed')).every((item) => item.status === 'closed'),
      ).toBe(true);
      const first = await h.app.inject({
        url: '/api/v1/complaints?limit=2',
        headers: h.bearer('complaints-officer'),
      });
      const page = first.json() as { items: ComplaintSummary[]; next: string };
      expect(page.items).toHaveLength(2);
      expect(page.items[0]?.reference).toBe(health.reference);
      const second = await h.app.inject({
        url: `/api/v1/complaints?limit=200&cursor=${page.next}`,
        headers: h.bearer('complaints-officer'),
      });
      const rest = second.json() as { items: ComplaintSummary[]; next: string | null };
      expect(rest.next).toBeNull();
      expect(page.items.length + rest.items.length).toBe(all.length + 1);
      const bad = await h.app.inject({
        url: '/api/v1/complaints?cursor=nonsense',
        headers: h.bearer('complaints-officer'),
      });
      expect(bad.statusCode).toBe(422);
    });

    test('the complaint read models are rebuilt from the log as they were; PIN hashes are not in the log and survive', async () => {
      const tables = ['complaints', 'complaint_clocks', 'complaint_findings', 'protection_requests'] as const;
      const snapshot = async () =>
        Object.fromEntries(
          await Promise.all(
            tables.map(async (table) => {
              const rows = await h.store.db.selectFrom(table).selectAll().execute();
              return [table, rows.map((row) => JSON.stringify(row)).sort()] as const;
            }),
          ),
        );
      const before = await snapshot();
      expect(before.complaints?.length).toBeGreaterThan(10);
      const pins = await h.store.db.selectFrom('complaint_pins').select('reference').execute();
      await h.store.rebuild();
      expect(await snapshot()).toEqual(before);
      expect(await h.store.db.selectFrom('complaint_pins').select('reference').execute()).toEqual(pins);
      expect(await h.store.verify()).toMatchObject({ ok: true });
    });
  });
}
