import * as ed from '@noble/ed25519';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createToken } from '../../src/app/accounts.js';
import { createPerson } from '../../src/app/registry.js';
import { verifyReport, signedMessage } from '../../src/medical/signing.js';
import { ENGINES } from '../support/engines.js';
import { problemOf, startHarness, type Harness } from './harness.js';

/*
 * Medical documentation through the real HTTP server on both engines (issue 19): clinicians' own
 * signing keys, examinations linked to custody episodes, Istanbul Protocol reports signed and
 * referred to the procurator in the same request, what other roles see, disclosure.
 */

const START = Date.parse('2026-03-10T06:00:00.000Z');
const HOUR = 3_600_000;
const KDF = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
const PASSPHRASE = 'зелёный чайник над рекой Ишим';

for (const engine of ENGINES) {
  describe(`medical documentation (${engine})`, () => {
    let h: Harness;
    let now = START;
    let personId: string;
    let custodyId: string;
    let secondDoctor: string;
    const iso = (ms: number = now) => new Date(ms).toISOString();

    const as = (token: string) => ({ authorization: `Bearer ${token}` });

    async function post(url: string, headers: Record<string, string>, payload: unknown) {
      return h.app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });
    }

    function report(examinationId: string, overrides: Record<string, unknown> = {}) {
      return {
        examinationId,
        consent: { examination: 'given', photographs: 'given', sharingWithProcurator: 'refused' },
        circumstances: { description: 'Осмотр в медицинском кабинете ИВС, без конвоя.' },
        account: {
          text: 'Меня били дубинкой по спине в кабинете оперативников.',
          language: 'ru',
          attributedTo: 'officials',
        },
        physicalFindings: [
          {
            type: 'bruise',
            site: { view: 'back', region: 'upper-back-left' },
            size: { lengthMm: 120, widthMm: 30 },
            shape: 'linear, tram-line',
            colour: 'red-purple',
            estimatedAge: '1–2 days',
            photographs: [],
            consistency: 'highly-consistent',
          },
        ],
        psychologicalFindings: { text: 'Тревожен, нарушения сна.', consistency: 'consistent' },
        opinion: { overall: 'highly-consistent', interpretation: 'Следы соответствуют описанию.' },
        treatment: { given: 'Холод, обезболивающее.' },
        ...overrides,
      };
    }

    async function examine(payload: Record<string, unknown> = {}): Promise<string> {
      const response = await post(`/api/v1/medical/people/${personId}/examinations`, h.bearer('medical'), {
        examination: 'on-arrest',
        episode: { context: 'custody', id: custodyId },
        at: iso(now - HOUR / 2),
        place: 'ИВС г. Астаны, медицинский кабинет',
        injuriesNoted: true,
        notes: 'Кровоподтёк на спине.',
        ...payload,
      });
      expect(response.statusCode, response.body).toBe(201);
      return (response.json() as { examinationId: string }).examinationId;
    }

    beforeAll(async () => {
      h = await startHarness(engine, { clock: () => new Date(now), clinicianKdf: KDF });
      personId = (
        await createPerson(
          h.store,
          {
            familyName: 'Жумабаев',
            givenNames: 'Нурлан',
            birthDate: '1990-02-03',
            sex: 'male',
            facilityId: h.facilities.astana,
          },
          'test',
        )
      ).id;
      const arrest = await post('/api/v1/custody', h.bearer('custody-officer'), {
        personId,
        facilityId: h.facilities.astana,
        apprehendedAt: iso(now - 2 * HOUR),
        place: 'ул. Кенесары 40, Астана',
        grounds: 'ст. 188 УК РК, кража',
        arrestingOfficer: 'ст. лейтенант Ахметов Б.',
      });
      expect(arrest.statusCode, arrest.body).toBe(201);
      custodyId = (arrest.json() as { id: string }).id;
      secondDoctor = (
        await createToken(
          h.store,
          { role: 'medical', name: 'Д-р Сейткали Б.', facilities: [h.facilities.astana], regions: [] },
          'test',
        )
      ).token;
    });
    afterAll(async () => h?.close());

    test('intl.medical.report: a clinician creates a signing key of their own; no other role may', async () => {
      for (const role of ['admin', 'custody-officer', 'procurator'] as const) {
        const refused = await post('/api/v1/medical/key', h.bearer(role), { passphrase: PASSPHRASE });
        expect(refused.statusCode).toBe(403);
      }
      const created = await post('/api/v1/medical/key', h.bearer('medical'), { passphrase: PASSPHRASE });
      expect(created.statusCode, created.body).toBe(201);
      const status = created.json() as { hasKey: boolean; keyId: string; unlocked: boolean };
      expect(status).toMatchObject({ hasKey: true, unlocked: true });
      expect(status.keyId).toMatch(/^[0-9a-f]{16}$/);
      // The wrapped private key is outside the log and no endpoint returns it.
      const again = await post('/api/v1/medical/key', h.bearer('medical'), { passphrase: PASSPHRASE });
      expect(again.statusCode).toBe(409);
      const second = await post('/api/v1/medical/key', as(secondDoctor), { passphrase: `${PASSPHRASE} два` });
      expect(second.statusCode, second.body).toBe(201);
    });

    test('kz.medical.system: the examination is the doctor’s record; others see only that it took place', async () => {
      const examinationId = await examine();
      const clinical = await h.app.inject({
        method: 'GET',
        url: `/api/v1/medical/people/${personId}`,
        headers: h.bearer('medical'),
      });
      expect(clinical.statusCode).toBe(200);
      expect(clinical.body).toContain('Кровоподтёк на спине.');
      for (const role of [
        'custody-officer',
        'governor',
        'admin',
        'complaints-officer',
        'procurator',
        'monitor',
      ] as const) {
        const refused = await h.app.inject({
          method: 'GET',
          url: `/api/v1/medical/people/${personId}`,
          headers: h.bearer(role),
        });
        expect(refused.statusCode, role).toBe(403);
        expect(problemOf(refused).rule).toBe('kz.medical.system');
      }
      const summary = await h.app.inject({
        method: 'GET',
        url: `/api/v1/medical/people/${personId}/examinations`,
        headers: h.bearer('custody-officer'),
      });
      expect(summary.statusCode).toBe(200);
      expect(summary.body).toContain(examinationId);
      expect(summary.body).not.toContain('Кровоподтёк');
    });

    test('intl.medical.report: a report missing a section is a 422 naming the rule', async () => {
      const examinationId = await examine();
      const response = await post(`/api/v1/medical/people/${personId}/reports`, h.bearer('medical'), {
        examinationId,
        consent: { examination: 'given', photographs: 'given', sharingWithProcurator: 'given' },
      });
      expect(response.statusCode).toBe(422);
      expect(problemOf(response).rule).toBe('intl.medical.report');
    });

    test('kz.torture.referral: a consistent report about officials is in the procurator’s list within the request, and the log’s types give no hint', async () => {
      const referredExam = await examine();
      const referred = await post(
        `/api/v1/medical/people/${personId}/reports`,
        h.bearer('medical'),
        report(referredExam),
      );
      expect(referred.statusCode, referred.body).toBe(201);
      const written = referred.json() as {
        referred: boolean;
        reference: string;
        seq: number;
        digest: string;
      };
      expect(written.referred).toBe(true);
      expect(written.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      const list = await h.app.inject({
        method: 'GET',
        url: '/api/v1/allegations',
        headers: h.bearer('procurator'),
      });
      expect(list.statusCode).toBe(200);
      const items = (list.json() as { items: { reference: string; source: string }[] }).items;
      expect(items).toContainEqual(
        expect.objectContaining({ reference: written.reference, source: 'medical' }),
      );
      expect(list.body).not.toContain('дубинкой');

      // A report that refers nobody appends the same number of entries of the same types.
      const plainExam = await examine({ injuriesNoted: false });
      const plain = await post(
        `/api/v1/medical/people/${personId}/reports`,
        h.bearer('medical'),
        report(plainExam, {
          account: { text: 'Упал с лестницы.', language: 'ru', attributedTo: 'self' },
          opinion: { overall: 'consistent' },
        }),
      );
      expect(plain.statusCode, plain.body).toBe(201);
      expect((plain.json() as { referred: boolean }).referred).toBe(false);
      const envelopes = async (seq: number) =>
        (await h.store.entries(seq, seq + 2)).map((entry) => ({
          type: entry.type,
          stream: entry.stream.split('/')[0],
        }));
      expect(await envelopes(written.seq)).toEqual(await envelopes((plain.json() as { seq: number }).seq));
      expect(await envelopes(written.seq)).toEqual([
        { type: 'medical-record-updated', stream: 'medical' },
        { type: 'medical-record-updated', stream: 'medical' },
      ]);
    });

    test('signed reports verify offline with any Ed25519 library; a changed finding does not; an amendment keeps the first version', async () => {
      const examinationId = await examine();
      const finished = await post(
        `/api/v1/medical/people/${personId}/reports`,
        h.bearer('medical'),
        report(examinationId),
      );
      const { reportId } = finished.json() as { reportId: string };
      const signedUrl = `/api/v1/medical/people/${personId}/reports/${reportId}/signed`;
      const exported = await h.app.inject({ method: 'GET', url: signedUrl, headers: h.bearer('medical') });
      expect(exported.statusCode, exported.body).toBe(200);
      const envelope = (exported.json() as { signed: unknown }).signed as {
        version: number;
        digest: `sha256:${string}`;
        previous: null;
        signer: { publicKey: string };
        signature: string;
        report: { content: { physicalFindings: { colour: string }[] } };
      };
      const key = await h.app.inject({
        method: 'GET',
        url: '/api/v1/medical/key',
        headers: h.bearer('medical'),
      });
      const publicKey = (key.json() as { publicKey: string }).publicKey;
      expect(envelope.signer.publicKey).toBe(publicKey);
      const message = signedMessage({ version: 1, digest: envelope.digest, previous: null });
      expect(
        await ed.verifyAsync(
          Buffer.from(envelope.signature, 'base64'),
          message,
          Buffer.from(publicKey, 'base64'),
        ),
      ).toBe(true);
      expect(verifyReport(envelope, publicKey).ok).toBe(true);
      const tampered = structuredClone(envelope);
      (tampered.report.content.physicalFindings[0] as { colour: string }).colour = 'yellow';
      expect(verifyReport(tampered, publicKey)).toMatchObject({ ok: false, failure: 'digest-mismatch' });

      // An hour later the keys have locked themselves (30 minutes unused): each clinician unlocks again.
      now += HOUR;
      for (const [headers, passphrase] of [
        [h.bearer('medical'), PASSPHRASE],
        [as(secondDoctor), `${PASSPHRASE} два`],
      ] as const) {
        const unlocked = await post('/api/v1/medical/key/unlock', headers, { passphrase });
        expect(unlocked.statusCode, unlocked.body).toBe(200);
      }
      const amended = await post(
        `/api/v1/medical/people/${personId}/reports/${reportId}/amendments`,
        h.bearer('medical'),
        {
          ...report(examinationId),
          examinationId: undefined,
          amends: 1,
          reason: 'Размер уточнён по линейке.',
        },
      );
      expect(amended.statusCode, amended.body).toBe(201);
      expect((amended.json() as { version: number }).version).toBe(2);
      const first = await h.app.inject({
        method: 'GET',
        url: `${signedUrl}?version=1`,
        headers: h.bearer('medical'),
      });
      expect(first.json()).toMatchObject({ signed: { version: 1, digest: envelope.digest } });
      const second = await h.app.inject({ method: 'GET', url: signedUrl, headers: h.bearer('medical') });
      expect(second.json()).toMatchObject({ signed: { version: 2, previous: envelope.digest } });
      expect(verifyReport((second.json() as { signed: unknown }).signed, publicKey).ok).toBe(true);

      // kz.medical.second-opinion: another clinician's report on it; the author may not write one.
      const self = await post(`/api/v1/medical/people/${personId}/reports`, h.bearer('medical'), {
        ...report(examinationId),
        secondOpinionOf: reportId,
      });
      expect(self.statusCode).toBe(422);
      expect(problemOf(self).rule).toBe('kz.medical.second-opinion');
      const other = await post(`/api/v1/medical/people/${personId}/reports`, as(secondDoctor), {
        ...report(examinationId, { opinion: { overall: 'not-consistent', interpretation: 'Не согласен.' } }),
        secondOpinionOf: reportId,
      });
      expect(other.statusCode, other.body).toBe(201);
    });

    test('a report cannot be finished before the clinician unlocks their key: nothing is written', async () => {
      const examinationId = await examine();
      await post('/api/v1/medical/key/lock', h.bearer('medical'), {});
      const before = await h.store.size();
      const refused = await post(
        `/api/v1/medical/people/${personId}/reports`,
        h.bearer('medical'),
        report(examinationId),
      );
      expect(refused.statusCode).toBe(409);
      expect(await h.store.size()).toBe(before);
      const wrong = await post('/api/v1/medical/key/unlock', h.bearer('medical'), {
        passphrase: 'не тот пароль совсем',
      });
      expect(wrong.statusCode).toBe(403);
      const unlocked = await post('/api/v1/medical/key/unlock', h.bearer('medical'), {
        passphrase: PASSPHRASE,
      });
      expect(unlocked.statusCode, unlocked.body).toBe(200);
    });

    test('intl.medical.disclosure: the procurator sees the fact of a referral, and the report only once disclosed with consent', async () => {
      const examinationId = await examine();
      const finished = await post(
        `/api/v1/medical/people/${personId}/reports`,
        h.bearer('medical'),
        report(examinationId, {
          consent: { examination: 'given', photographs: 'given', sharingWithProcurator: 'given' },
        }),
      );
      const { reportId, reference } = finished.json() as { reportId: string; reference: string };
      const before = await h.app.inject({
        method: 'GET',
        url: `/api/v1/medical/referrals/${reference}`,
        headers: h.bearer('procurator'),
      });
      expect(before.statusCode, before.body).toBe(200);
      expect(before.json()).toMatchObject({ reference, disclosed: false, report: null });
      expect(before.body).not.toContain('дубинкой');
      for (const role of ['custody-officer', 'medical', 'monitor', 'admin'] as const) {
        const refused = await h.app.inject({
          method: 'GET',
          url: `/api/v1/medical/referrals/${reference}`,
          headers: h.bearer(role),
        });
        expect(refused.statusCode, role).toBe(403);
      }
      const disclosed = await post(
        `/api/v1/medical/people/${personId}/reports/${reportId}/disclosures`,
        h.bearer('medical'),
        { recipient: 'procurator', recipientName: 'Прокуратура г. Астаны', legalBasis: 'consent' },
      );
      expect(disclosed.statusCode, disclosed.body).toBe(201);
      const after = await h.app.inject({
        method: 'GET',
        url: `/api/v1/medical/referrals/${reference}`,
        headers: h.bearer('procurator'),
      });
      expect(after.json()).toMatchObject({ disclosed: true });
      expect(after.body).toContain('дубинкой');
    });
  });
}
