import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createToken } from '../../src/app/accounts.js';
import { createPerson } from '../../src/app/registry.js';
import type { RunningServer } from '../support/cli.js';
import { ENGINES } from '../support/engines.js';
import { problemOf, startHarness, type Harness } from './harness.js';

/*
 * Two servers on one database, as several `habeas serve` processes share one PostgreSQL database
 * (docs/operating.md "Engines"): a person is in at most one open custody episode and at most one
 * held prison stay however the requests are spread over the servers. The rule is checked where the
 * append is written, under the log head's lock (src/store/types.ts AppendGuard), not in a server's
 * memory — so the second server here is `habeas serve` in a process of its own.
 */

const HOUR = 3_600_000;

interface Answer {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

for (const engine of ENGINES) {
  describe(`two servers on one database (${engine})`, () => {
    let h: Harness;
    let other: RunningServer;
    let prisonOfficer: string;

    beforeAll(async () => {
      h = await startHarness(engine, { scheduler: false });
      other = await h.anotherServer();
      prisonOfficer = (
        await createToken(
          h.store,
          {
            role: 'prison-officer',
            name: 'women’s prison desk',
            facilities: [h.facilities.almatyWomen],
            regions: [],
          },
          'test',
        )
      ).token;
    }, 60_000);
    afterAll(async () => {
      await h?.close();
    });

    /** POST to this process's server (0) or to the other process (1). */
    async function post(server: number, url: string, token: string, payload: unknown): Promise<Answer> {
      const headers = { authorization: `Bearer ${token}` };
      if (server === 0) return h.app.inject({ method: 'POST', url, headers, payload: payload as object });
      const response = await fetch(`${other.url}${url}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
      return {
        statusCode: response.status,
        headers: Object.fromEntries(response.headers),
        body: await response.text(),
      };
    }

    /** Registered where the arrest or admission is made: within the officer's reach (issue 17). */
    const person = async (sex: 'female' | 'male', facilityId = h.facilities.astana) =>
      (
        await createPerson(
          h.store,
          {
            familyName: 'Жумабаева',
            givenNames: 'Дана',
            birthDate: '1991-09-30',
            sex,
            facilityId,
          },
          'test',
        )
      ).id;

    test('one open custody episode per person: 8 arrests spread over two servers at once → one 201, seven 422', async () => {
      const personId = await person('male');
      const arrest = (server: number) =>
        post(server, '/api/v1/custody', h.tokens['custody-officer'], {
          personId,
          facilityId: h.facilities.astana,
          apprehendedAt: new Date(Date.now() - HOUR).toISOString(),
          place: 'ул. Кенесары 40, Астана',
          grounds: 'ст. 188 УК РК, кража',
          arrestingOfficer: 'ст. лейтенант Ахметов Б.',
        });
      const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => arrest(i % 2)));
      expect(answers.map((answer) => answer.statusCode).sort()).toEqual([
        201, 422, 422, 422, 422, 422, 422, 422,
      ]);
      for (const answer of answers.filter((a) => a.statusCode === 422)) {
        // Issue 17: the refusal names no episode (it would tell where the person is held).
        expect(problemOf(answer).detail).toMatch(/already in custody/);
        expect(answer.body).not.toMatch(/[a-z2-7]{26}/);
      }
      const open = await h.store.db
        .selectFrom('custody_episodes')
        .select('id')
        .where('person_id', '=', personId)
        .where('status', '=', 'in-custody')
        .execute();
      expect(open).toHaveLength(1);
      // Released through one server, the person may be arrested again through the other.
      const released = await post(
        0,
        `/api/v1/custody/${(open[0] as { id: string }).id}/events`,
        h.tokens['custody-officer'],
        {
          type: 'released',
        },
      );
      expect(released.statusCode, released.body).toBe(201);
      expect((await arrest(1)).statusCode).toBe(201);
    });

    test('one held stay per person: 6 admissions spread over two servers at once → one 201, five 422', async () => {
      const personId = await person('female', h.facilities.almatyWomen);
      const admit = (server: number) =>
        post(server, '/api/v1/prison/admissions', prisonOfficer, {
          personId,
          facilityId: h.facilities.almatyWomen,
          admittedAt: new Date(Date.now() - HOUR).toISOString(),
          commitmentOrder: {
            reference: '2-1234/2026',
            authority: 'Медеуский районный суд г. Алматы',
            grounds: 'приговор, ст. 190 УК РК',
          },
        });
      const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => admit(i % 2)));
      expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 422, 422, 422, 422, 422]);
      for (const answer of answers.filter((a) => a.statusCode === 422)) {
        // Issue 17: the refusal names no stay (it would tell where the person is held).
        expect(problemOf(answer).detail).toMatch(/already held/);
        expect(answer.body).not.toMatch(/[a-z2-7]{26}/);
      }
      const held = await h.store.db
        .selectFrom('prison_stays')
        .select('id')
        .where('person_id', '=', personId)
        .where('status', '=', 'held')
        .execute();
      expect(held).toHaveLength(1);
      expect((await h.store.verify()).ok).toBe(true);
    });
  });
}
