import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { ENGINES } from '../support/engines.js';
import { startHarness, type Harness } from './harness.js';

/* Facilities and people through the API, their read models, erasure, and what the server logs. */

const person = {
  familyName: 'Karimov',
  givenNames: 'Rustam',
  patronymic: 'Akmalovich',
  birthDate: '1979-01-09',
  sex: 'male',
  citizenship: 'uz',
  languages: ['uz', 'ru'],
};

for (const engine of ENGINES) {
  describe(`registry (${engine})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(engine);
    });
    afterAll(async () => h?.close());

    test('a registered person reads back as registered, linked to the officer’s facility', async () => {
      const created = await h.app.inject({
        method: 'POST',
        url: '/api/v1/people',
        headers: h.bearer('custody-officer'),
        payload: person,
      });
      expect(created.statusCode).toBe(201);
      const { id } = created.json() as { id: string };
      expect(id).toMatch(/^[a-z2-7]{26}$/);
      const read = await h.app.inject({ url: `/api/v1/people/${id}`, headers: h.bearer('custody-officer') });
      expect(read.json()).toEqual({
        id,
        ...person,
        citizenship: 'UZ',
        registeredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        facilities: [{ facilityId: h.facilities.astana, relation: 'registered' }],
        identityDocuments: [],
        corrections: [],
        history: { custody: [], stays: [] },
      });
      const [entry] = await h.store.readStream(`person/${id}`);
      expect(entry?.entry).toMatchObject({ type: 'person-registered', actor: expect.any(String) });
    });

    test('a registered facility is listed and readable', async () => {
      const created = await h.app.inject({
        method: 'POST',
        url: '/api/v1/facilities',
        headers: h.bearer('admin'),
        payload: { name: '  Колония-поселение ', kind: 'open-prison', population: 'men', region: 'KZ-PAV' },
      });
      const { id } = created.json() as { id: string };
      const one = await h.app.inject({ url: `/api/v1/facilities/${id}`, headers: h.bearer('statistician') });
      // The legacy alpha code is accepted and stored as the current code of Pavlodar region.
      expect(one.json()).toMatchObject({
        id,
        name: 'Колония-поселение',
        kind: 'open-prison',
        population: 'men',
        region: 'KZ-55',
      });
      const list = (
        await h.app.inject({ url: '/api/v1/facilities', headers: h.bearer('monitor') })
      ).json() as {
        facilities: { id: string }[];
      };
      expect(list.facilities.map((facility) => facility.id)).toContain(id);
    });

    test('read models rebuilt from the log equal the ones kept by the appends', async () => {
      const snapshot = async () => ({
        facilities: await h.store.db.selectFrom('facilities').selectAll().orderBy('id').execute(),
        people: await h.store.db.selectFrom('people').selectAll().orderBy('id').execute(),
        links: await h.store.db.selectFrom('person_facilities').selectAll().orderBy('person_id').execute(),
        accounts: await h.store.db.selectFrom('accounts').selectAll().orderBy('id').execute(),
      });
      const before = await snapshot();
      expect(before.accounts.length).toBeGreaterThan(10);
      await h.store.rebuild();
      expect(await snapshot()).toEqual(before);
    });

    test('erasing a person’s registration removes them from the read model; the log still verifies', async () => {
      const { id } = (
        await h.app.inject({
          method: 'POST',
          url: '/api/v1/people',
          headers: h.bearer('governor'),
          payload: person,
        })
      ).json() as { id: string };
      const [registered] = await h.store.readStream(`person/${id}`);
      await h.store.erase(registered!.entry.seq, 'cli:dpo', 'retention period over');
      expect(
        (await h.app.inject({ url: `/api/v1/people/${id}`, headers: h.bearer('monitor') })).statusCode,
      ).toBe(404);
      await h.store.rebuild();
      expect(
        await h.store.db.selectFrom('people').select('id').where('id', '=', id).executeTakeFirst(),
      ).toBeUndefined();
      expect(await h.store.verify()).toMatchObject({ ok: true });
    });

    test('the server log has method, path and status, and no token, cookie, query or personal data', async () => {
      let output = '';
      const sink = new Writable({
        write(chunk, _encoding, done) {
          output += String(chunk);
          done();
        },
      });
      const app = await buildApp({ store: h.store, dataDir: h.dataDir, logger: true, logStream: sink });
      const officer = await h.session('custody-officer');
      try {
        await app.inject({
          method: 'POST',
          url: '/api/v1/people',
          headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrfToken },
          payload: person,
        });
        await app.inject({
          url: `/api/v1/people/${h.personId}?purpose=${encodeURIComponent('secret purpose text')}`,
          headers: h.bearer('monitor'),
        });
        await app.inject({
          method: 'POST',
          url: '/api/v1/people',
          headers: h.bearer('custody-officer'),
          payload: '{"familyName": "Karimov',
        });
      } finally {
        await app.close();
      }
      expect(output).toContain(`"url":"/api/v1/people/${h.personId}"`);
      expect(output).toContain('"statusCode":201');
      const sessionId = officer.cookie.split('=')[1]!;
      for (const secret of [
        h.tokens.monitor,
        sessionId,
        officer.csrfToken,
        'Karimov',
        'Rustam',
        'Абенов',
        '1979-01-09',
        'secret purpose',
        'purpose=',
      ])
        expect(output, secret).not.toContain(secret);
    });
  });
}
