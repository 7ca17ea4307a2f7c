import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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
