import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CustodyView, FindingListItem } from '../../src/app/custody-views.js';
import { createPerson } from '../../src/app/registry.js';
import { ENGINES } from '../support/engines.js';
import { problemOf, startHarness, type Harness } from './harness.js';

/*
 * The API's side of issue 18 item 3, on both engines: a finding keeps its English `detail` (the
 * contract `findings: [{rule, kind, at, detail}]` grows, it does not break) and adds `params`, what
 * it says as data, in the episode and in the findings list (its read model); a refusal's
 * problem+json keeps its English `detail` and `rule` and adds `code` and `params`.
 */

const HOUR = 3_600_000;
const NOW = Date.parse('2026-05-04T06:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

for (const engine of ENGINES) {
  describe(`findings and refusals as data (${engine})`, () => {
    let h: Harness;
    let custodyId: string;
    const apprehendedAt = iso(NOW - 25 * HOUR);

    beforeAll(async () => {
      h = await startHarness(engine, { clock: () => new Date(NOW) });
      const personId = (
        await createPerson(
          h.store,
          {
            familyName: 'Ержанов',
            givenNames: 'Алихан',
            birthDate: '2010-07-17',
            sex: 'male',
            facilityId: h.facilities.astana,
          },
          'test',
        )
      ).id;
      const arrest = await h.app.inject({
        method: 'POST',
        url: '/api/v1/custody',
        headers: h.bearer('custody-officer'),
        payload: {
          personId,
          facilityId: h.facilities.astana,
          apprehendedAt,
          place: 'ул. Сейфуллина 12, Астана',
          grounds: 'ст. 188 УК РК',
          arrestingOfficer: 'капитан полиции Ж. Исмаилов',
        },
      });
      expect(arrest.statusCode, arrest.body).toBe(201);
      custodyId = (arrest.json() as CustodyView).id;
    });
    afterAll(async () => h?.close());

    test('kz.custody.limit: a juvenile’s breach keeps its English detail and says the same as params', async () => {
      const read = await h.app.inject({ url: `/api/v1/custody/${custodyId}`, headers: h.bearer('monitor') });
      expect(read.statusCode, read.body).toBe(200);
      const limit = (read.json() as CustodyView).findings.find(
        (finding) => finding.rule === 'kz.custody.limit',
      );
      expect(limit).toMatchObject({
        rule: 'kz.custody.limit',
        kind: 'breach',
        at: iso(NOW - HOUR),
        detail: `juvenile held 24 h without court approval (limit 24 h from apprehension at ${apprehendedAt})`,
        params: { juvenile: true, hours: 24, apprehendedAt },
      });
    });

    test('the findings list (a read model) carries the same params', async () => {
      const list = await h.app.inject({ url: '/api/v1/custody-findings', headers: h.bearer('monitor') });
      expect(list.statusCode, list.body).toBe(200);
      const items = (list.json() as { items: FindingListItem[] }).items;
      expect(items.find((item) => item.rule === 'kz.custody.limit')?.params).toEqual({
        juvenile: true,
        hours: 24,
        apprehendedAt,
      });
      expect(items.find((item) => item.rule === 'kz.custody.actual-time')?.params).toEqual({
        apprehendedAt,
        recordedAt: iso(NOW),
        maxHours: 3,
      });
    });

    test('kz.custody.actual-time: a refusal keeps its English detail and rule, and adds code and params', async () => {
      const future = iso(NOW + HOUR);
      const response = await h.app.inject({
        method: 'POST',
        url: `/api/v1/custody/${custodyId}/events`,
        headers: h.bearer('custody-officer'),
        payload: { type: 'counsel-requested', at: future },
      });
      expect(response.statusCode).toBe(422);
      expect(problemOf(response)).toMatchObject({
        rule: 'kz.custody.actual-time',
        detail: `${future} is in the future: record what happened at the time it happened`,
        code: 'moment.future',
        params: { at: future },
      });
    });
  });
}
