import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { authenticateToken, createToken } from '../../src/app/accounts.js';
import { createPerson } from '../../src/app/registry.js';
import { listFacilityRoll } from '../../src/app/roll.js';
import { buildApp } from '../../src/http/app.js';
import { StoreBusyError } from '../../src/store/types.js';
import { ENGINES } from '../support/engines.js';
import { faultyStore, problemOf, startHarness, type Harness } from './harness.js';

/*
 * Read audit (DESIGN.md "Who uses it": every read of personal data is itself recorded — who,
 * what, when, why — and oversight roles can see who looked at a record).
 */

interface Reads {
  subject: string;
  reads: {
    seq: number;
    at: string;
    actorId: string;
    actorName: string | null;
    actorRole: string;
    purpose: string;
    purposeStated: boolean;
  }[];
}

for (const engine of ENGINES) {
  describe(`read audit (${engine})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(engine);
    });
    afterAll(async () => h?.close());

    const readsOf = async (personId: string, role: 'monitor' | 'procurator' = 'monitor') => {
      const response = await h.app.inject({
        url: `/api/v1/audit?subject=person/${personId}`,
        headers: h.bearer(role),
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as Reads;
    };

    test('reading a person appends a record-read entry to the log: who, what, when, why', async () => {
      const sizeBefore = await h.store.size();
      const response = await h.app.inject({
        url: `/api/v1/people/${h.personId}`,
        headers: { ...h.bearer('judge'), 'x-habeas-purpose': 'court hearing 2-114/2026' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        id: h.personId,
        familyName: 'Абенов',
        facilities: [{ facilityId: h.facilities.astana }],
      });

      expect(await h.store.size()).toBe(sizeBefore + 1);
      const [entry] = await h.store.entries(sizeBefore, sizeBefore + 1);
      expect(entry).toMatchObject({ stream: `audit/person/${h.personId}`, type: 'record-read' });

      const { reads } = await readsOf(h.personId);
      const last = reads.at(-1)!;
      expect(last).toMatchObject({
        seq: entry!.seq,
        at: entry!.at,
        actorId: entry!.actor,
        actorName: 'judge test',
        actorRole: 'judge',
        purpose: 'court hearing 2-114/2026',
        purposeStated: true,
      });
    });

    test('without a stated purpose the duty of the role is recorded; ?purpose= works too', async () => {
      await h.app.inject({ url: `/api/v1/people/${h.personId}`, headers: h.bearer('medical') });
      await h.app.inject({
        url: `/api/v1/people/${h.personId}?purpose=${encodeURIComponent('осмотр после жалобы')}`,
        headers: h.bearer('monitor'),
      });
      const reads = (await readsOf(h.personId, 'procurator')).reads.slice(-2);
      expect(reads).toMatchObject([
        { actorRole: 'medical', purpose: 'health care', purposeStated: false },
        { actorRole: 'monitor', purpose: 'осмотр после жалобы', purposeStated: true },
      ]);
    });

    test('a refused read leaves the record unread and unanswered', async () => {
      const before = (await readsOf(h.personId)).reads.length;
      const response = await h.app.inject({
        url: `/api/v1/people/${h.personId}`,
        headers: h.bearer('admin'),
      });
      expect(response.statusCode).toBe(403);
      expect(response.body).not.toContain('Абенов');
      // Reading the audit trail is not a read of the person.
      expect((await readsOf(h.personId)).reads.length).toBe(before);
    });

    test('an invalid purpose is refused before anything is read', async () => {
      const response = await h.app.inject({
        url: `/api/v1/people/${h.personId}?purpose=${encodeURIComponent('a\u0007b')}`,
        headers: h.bearer('monitor'),
      });
      expect(response.statusCode).toBe(400);
      expect(problemOf(response).issues?.[0]?.field).toBe('query.purpose');
    });

    test('the read is not answered when its audit entry cannot be written', async () => {
      const app = await buildApp({
        store: faultyStore(h.store, {
          append: async (request) => {
            if (request.stream.startsWith('audit/')) throw new StoreBusyError();
            return h.store.append(request);
          },
        }),
        dataDir: h.dataDir,
      });
      try {
        const response = await app.inject({
          url: `/api/v1/people/${h.personId}`,
          headers: h.bearer('monitor'),
        });
        expect(response.statusCode).toBe(503);
        expect(response.body).not.toContain('Абенов');
        expect(response.body).not.toContain('1988-04-17');
      } finally {
        await app.close();
      }
    });

    test('the audit trail cannot be erased through the API', async () => {
      const before = (await readsOf(h.personId)).reads;
      expect(before.length).toBeGreaterThan(0);
      for (const role of ['admin', 'monitor', 'procurator'] as const) {
        for (const method of ['DELETE', 'PUT', 'PATCH', 'POST'] as const) {
          for (const url of [
            `/api/v1/audit?subject=person/${h.personId}`,
            `/api/v1/audit`,
            `/api/v1/people/${h.personId}`,
          ]) {
            const response = await h.app.inject({ method, url, headers: h.bearer(role), payload: {} });
            expect(response.statusCode, `${method} ${url} as ${role}`).toBeGreaterThanOrEqual(400);
          }
        }
      }
      // The API has no method that changes or removes anything but POST for new records.
      const openapi = (await h.app.inject({ url: '/api/openapi.json' })).json() as {
        paths: Record<string, Record<string, unknown>>;
      };
      const methods = Object.values(openapi.paths).flatMap((path) => Object.keys(path));
      expect(methods.filter((method) => !['get', 'post'].includes(method))).toEqual([]);
      expect((await readsOf(h.personId)).reads).toEqual(before);
    });

    test('audit.read: every kind of record whose reads are audited can be reviewed — a prison stay, a facility’s roll as kiosks list it', async () => {
      const officer = (
        await createToken(
          h.store,
          { role: 'prison-officer', name: 'Almaty officer', facilities: [h.facilities.almatyWomen] },
          'test',
        )
      ).token;
      const personId = (
        await createPerson(
          h.store,
          {
            familyName: 'Ахметова',
            givenNames: 'Сауле',
            birthDate: '1989-08-08',
            sex: 'female',
            facilityId: h.facilities.almatyWomen,
          },
          'test',
        )
      ).id;
      const admitted = await h.app.inject({
        method: 'POST',
        url: '/api/v1/prison/admissions',
        headers: { authorization: `Bearer ${officer}` },
        payload: {
          personId,
          facilityId: h.facilities.almatyWomen,
          admittedAt: new Date(Date.now() - 3_600_000).toISOString(),
          commitmentOrder: 'приговор № 1-199/2026',
        },
      });
      expect(admitted.statusCode, admitted.body).toBe(201);
      const stayId = (admitted.json() as { id: string }).id;
      const read = await h.app.inject({
        url: `/api/v1/prison/stays/${stayId}`,
        headers: { authorization: `Bearer ${officer}`, 'x-habeas-purpose': 'morning count' },
      });
      expect(read.statusCode, read.body).toBe(200);

      const audit = (subject: string, headers: Record<string, string>) =>
        h.app.inject({ url: `/api/v1/audit?subject=${encodeURIComponent(subject)}`, headers });
      const stayReads = await audit(`prison/${stayId}`, h.bearer('procurator'));
      expect(stayReads.statusCode, stayReads.body).toBe(200);
      expect((stayReads.json() as Reads).reads).toEqual([
        expect.objectContaining({
          actorRole: 'prison-officer',
          purpose: 'morning count',
          purposeStated: true,
        }),
      ]);

      const kiosk = await authenticateToken(h.store, h.tokens.kiosk);
      await listFacilityRoll(h.store, kiosk, 'Абе');
      const rollReads = await audit(`roll/${h.facilities.astana}`, h.bearer('monitor'));
      expect(rollReads.statusCode, rollReads.body).toBe(200);
      expect((rollReads.json() as Reads).reads).toEqual([
        expect.objectContaining({ actorId: kiosk!.id, actorRole: 'kiosk', purpose: 'kiosk roll' }),
      ]);

      // In scope only: a monitor of another region sees neither; unknown records are 404.
      const astanaMonitor = (
        await createToken(h.store, { role: 'monitor', name: 'Astana monitor', regions: ['KZ-AST'] }, 'test')
      ).token;
      const foreign = { authorization: `Bearer ${astanaMonitor}` };
      expect((await audit(`prison/${stayId}`, foreign)).statusCode).toBe(403);
      expect((await audit(`roll/${h.facilities.astana}`, foreign)).statusCode).toBe(200);
      expect((await audit(`roll/${h.facilities.almatyWomen}`, foreign)).statusCode).toBe(403);
      expect((await audit(`prison/${stayId}`, h.bearer('custody-officer'))).statusCode).toBe(403);
      expect((await audit('prison/nosuchstay', h.bearer('monitor'))).statusCode).toBe(404);
      expect((await audit('roll/nosuchfacility', h.bearer('monitor'))).statusCode).toBe(404);
    });

    test('only the oversight roles see who read a record, within their scope', async () => {
      for (const role of ['admin', 'statistician', 'custody-officer', 'judge', 'medical'] as const) {
        const response = await h.app.inject({
          url: `/api/v1/audit?subject=person/${h.personId}`,
          headers: h.bearer(role),
        });
        expect(response.statusCode, role).toBe(403);
      }
      const unknown = await h.app.inject({
        url: '/api/v1/audit?subject=person/nobody',
        headers: h.bearer('monitor'),
      });
      expect(unknown.statusCode).toBe(404);
      const garbage = await h.app.inject({
        url: '/api/v1/audit?subject=../../etc',
        headers: h.bearer('monitor'),
      });
      expect(garbage.statusCode).toBe(404);
    });
  });
}
