import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role, Sex } from '../../src/access/principal.js';
import { createToken } from '../../src/app/accounts.js';
import {
  allegationHoldInput,
  deathHoldInput,
  HABEAS_SYSTEM,
  placeEvidenceHold,
  type EvidenceHoldView,
  type FootageView,
} from '../../src/app/footage.js';
import { createFacility } from '../../src/app/registry.js';
import { ENGINES } from '../support/engines.js';
import { problemOf, startHarness, type Harness } from './harness.js';

/*
 * Footage references and evidence holds through the real HTTP server on both engines (issue 5
 * item 3): kz.cctv.women on every view, the read audit of views, holds that keep footage from
 * deletion (intl.death.report, allegations) and who may release them, scope, and bad input.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const START = Date.parse('2026-05-04T06:00:00.000Z');

for (const engine of ENGINES) {
  describe(`footage (${engine})`, () => {
    let h: Harness;
    const now = START;
    let menPrison = '';
    const tokens: Record<string, string> = {};
    const iso = (ms: number) => new Date(ms).toISOString();
    const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });

    async function token(
      who: string,
      role: Role,
      scope: { facilities?: string[]; regions?: string[]; sex?: Sex },
    ): Promise<void> {
      tokens[who] = (
        await createToken(
          h.store,
          {
            role,
            name: who,
            facilities: scope.facilities ?? [],
            regions: scope.regions ?? [],
            ...(scope.sex ? { sex: scope.sex } : {}),
          },
          'test',
        )
      ).token;
    }

    /** A recording that ended an hour ago at `facilityId`, `minutes` long, registered by `who`. */
    async function register(
      who: string,
      facilityId: string,
      extra: { place?: string; endedAgoMs?: number; minutes?: number } = {},
    ): Promise<FootageView> {
      const to = now - (extra.endedAgoMs ?? HOUR);
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/v1/footage',
        headers: as(who),
        payload: {
          facilityId,
          camera: 'CAM-07',
          place: extra.place ?? 'Коридор, блок 2',
          from: iso(to - (extra.minutes ?? 30) * MINUTE),
          to: iso(to),
          retainUntil: iso(to + 30 * 24 * HOUR),
        },
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json() as FootageView;
    }

    const view = (who: string, id: string, headers: Record<string, string> = {}) =>
      h.app.inject({ url: `/api/v1/footage/${id}`, headers: { ...as(who), ...headers } });
    const remove = (who: string, id: string) =>
      h.app.inject({
        method: 'POST',
        url: `/api/v1/footage/${id}/deletion`,
        headers: as(who),
        payload: { reason: 'retention period ended' },
      });
    const release = (who: string, id: string) =>
      h.app.inject({
        method: 'POST',
        url: `/api/v1/evidence-holds/${id}/release`,
        headers: as(who),
        payload: { reason: 'investigation closed, decision final' },
      });
    async function list(who: string, facilityId: string, query = ''): Promise<FootageView[]> {
      const response = await h.app.inject({
        url: `/api/v1/footage?facilityId=${facilityId}${query}`,
        headers: as(who),
      });
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as { items: FootageView[] }).items;
    }
    async function readsOf(id: string) {
      const response = await h.app.inject({
        url: `/api/v1/audit?subject=footage/${id}`,
        headers: h.bearer('monitor'),
      });
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as { reads: { actorId: string; purpose: string; purposeStated: boolean }[] })
        .reads;
    }
    const accountOf = async (who: string) =>
      (await h.store.db.selectFrom('accounts').select('id').where('name', '=', who).executeTakeFirstOrThrow())
        .id;

    beforeAll(async () => {
      h = await startHarness(engine, { clock: () => new Date(now) });
      menPrison = (
        await createFacility(
          h.store,
          { name: 'ИК-12 (мужская)', kind: 'prison', population: 'men', region: 'KZ-KAR' },
          'test',
        )
      ).id;
      const women = h.facilities.almatyWomen;
      await token('officer-women-male', 'prison-officer', { facilities: [women], sex: 'male' });
      await token('officer-women-female', 'prison-officer', { facilities: [women], sex: 'female' });
      await token('officer-women-unstated', 'prison-officer', { facilities: [women] });
      await token('governor-women-male', 'governor', { facilities: [women], sex: 'male' });
      await token('officer-men-male', 'prison-officer', { facilities: [menPrison], sex: 'male' });
      await token('governor-men', 'governor', { facilities: [menPrison], sex: 'male' });
      await token('monitor-male', 'monitor', { sex: 'male' });
      await token('monitor-female', 'monitor', { sex: 'female' });
      await token('monitor-ala', 'monitor', { regions: ['KZ-ALA'], sex: 'female' });
      await token('procurator', 'procurator', { sex: 'female' });
      await token('complaints-officer', 'complaints-officer', {});
    });
    afterAll(async () => h?.close());

    test('kz.cctv.women: a male official’s request to view footage of a women’s facility is refused', async () => {
      const footage = await register('officer-women-female', h.facilities.almatyWomen);

      for (const who of [
        'officer-women-male',
        'governor-women-male',
        'monitor-male',
        'officer-women-unstated',
      ]) {
        const refused = await view(who, footage.id);
        expect(refused.statusCode, who).toBe(403);
        expect(problemOf(refused)).toMatchObject({ status: 403, rule: 'kz.cctv.women' });
      }
      // A refused request is not a view: nothing is recorded for it.
      expect(await readsOf(footage.id)).toEqual([]);

      // A female official of the same facility may view it, and the view is in the audit log.
      const allowed = await view('officer-women-female', footage.id, {
        'x-habeas-purpose': 'incident 14/2026',
      });
      expect(allowed.statusCode, allowed.body).toBe(200);
      const viewed = allowed.json() as FootageView & { readSeq: number };
      expect(viewed).toMatchObject({ id: footage.id, camera: 'CAM-07', place: 'Коридор, блок 2' });
      const reads = await readsOf(footage.id);
      expect(reads).toEqual([
        expect.objectContaining({
          actorId: await accountOf('officer-women-female'),
          purpose: 'incident 14/2026',
          purposeStated: true,
        }),
      ]);
      const [entry] = await h.store.entries(viewed.readSeq, viewed.readSeq + 1);
      expect(entry).toMatchObject({ stream: `audit/footage/${footage.id}`, type: 'record-read' });
      expect((await view('monitor-female', footage.id)).statusCode).toBe(200);
      expect(await readsOf(footage.id)).toHaveLength(2);
    });

    test('kz.cctv.women: a male official of a men’s facility may view its footage', async () => {
      const footage = await register('officer-men-male', menPrison);
      const response = await view('officer-men-male', footage.id);
      expect(response.statusCode, response.body).toBe(200);
      expect((await view('monitor-male', footage.id)).statusCode).toBe(200);
      expect(await readsOf(footage.id)).toHaveLength(2);
    });

    test('kz.cctv.women: the list of references (camera, place, time; no images) is open to the facility’s male governor', async () => {
      const footage = await register('officer-women-male', h.facilities.almatyWomen, { place: 'Столовая' });
      const items = await list('governor-women-male', h.facilities.almatyWomen);
      expect(items.map((item) => item.id)).toContain(footage.id);
      expect(items.find((item) => item.id === footage.id)).toMatchObject({ held: false, status: 'kept' });
      // Listing is not viewing: nothing is recorded as a view of the recording.
      expect(await readsOf(footage.id)).toEqual([]);
    });

    test('intl.death.report: the hold Habeas places on a death keeps the facility’s footage until the procurator releases it', async () => {
      const before = await register('officer-men-male', menPrison, {
        place: 'Камера 14',
        endedAgoMs: 2 * HOUR,
      });
      const elsewhere = await register('officer-men-male', menPrison, {
        place: 'Прогулочный двор',
        endedAgoMs: 60 * HOUR,
      });
      // Recorded by the prison context as it records a death: no human principal.
      const hold = await placeEvidenceHold(
        h.app.habeas,
        HABEAS_SYSTEM,
        deathHoldInput({
          facilityId: menPrison,
          diedAt: iso(now - 90 * MINUTE),
          recordedAt: iso(now),
          reference: 'stay 9f3k',
        }),
        new Date(now),
      );
      expect(hold).toMatchObject({
        basis: 'death',
        place: null,
        from: iso(now - 90 * MINUTE - 48 * HOUR),
        to: iso(now),
        placedBy: 'habeas:scheduler',
        placedByRole: 'system',
        status: 'active',
      });

      const refused = await remove('governor-men', before.id);
      expect(refused.statusCode).toBe(422);
      const problem = problemOf(refused);
      expect(problem.rule).toBe('intl.death.report');
      expect(problem.detail).toContain(`evidence hold ${hold.id}`);
      const listed = await list('governor-men', menPrison);
      expect(listed.find((item) => item.id === before.id)?.held).toBe(true);
      // Recorded 60 h before: outside the 48 h window, so not held and deletable.
      expect(listed.find((item) => item.id === elsewhere.id)?.held).toBe(false);
      expect((await remove('governor-men', elsewhere.id)).statusCode).toBe(201);

      for (const who of ['monitor-female', 'complaints-officer']) {
        const notYours = await release(who, hold.id);
        expect(notYours.statusCode, who).toBe(422);
        expect(problemOf(notYours).rule).toBe('intl.death.report');
      }
      const released = await release('procurator', hold.id);
      expect(released.statusCode, released.body).toBe(201);
      expect(released.json()).toMatchObject({ status: 'released', releasedByRole: 'procurator' });

      const deleted = await remove('governor-men', before.id);
      expect(deleted.statusCode, deleted.body).toBe(201);
      expect(deleted.json()).toMatchObject({
        status: 'deleted',
        held: false,
        deletionReason: 'retention period ended',
      });
      // The reference and its deletion stay in the log and the read model.
      const again = await remove('governor-men', before.id);
      expect(again.statusCode).toBe(422);
      expect((await list('governor-men', menPrison)).find((item) => item.id === before.id)?.status).toBe(
        'deleted',
      );
    });

    test('kz.torture.referral: a hold on an allegation keeps the footage of that place, and only the procurator releases it', async () => {
      const corridor = await register('officer-men-male', menPrison, { place: 'Коридор, блок 5' });
      const yard = await register('officer-men-male', menPrison, { place: 'Двор' });
      const placed = await h.app.inject({
        method: 'POST',
        url: '/api/v1/evidence-holds',
        headers: as('complaints-officer'),
        payload: {
          facilityId: menPrison,
          place: 'коридор,  БЛОК 5',
          from: iso(now - 3 * HOUR),
          to: iso(now),
          basis: 'allegation',
          reference: '7KQ2-M9XD-4HTA',
          reason: 'the complainant says he was beaten in the corridor',
        },
      });
      expect(placed.statusCode, placed.body).toBe(201);
      const hold = placed.json() as EvidenceHoldView;
      expect(hold).toMatchObject({ placedByRole: 'complaints-officer', basis: 'allegation' });

      const refused = await remove('governor-men', corridor.id);
      expect(refused.statusCode).toBe(422);
      const problem = problemOf(refused);
      expect(problem.detail).toContain(`evidence hold ${hold.id}`);
      // The facility learns that the recording is held, never about the allegation.
      expect(problem.rule).toBeUndefined();
      expect(refused.body).not.toContain('7KQ2');
      expect(refused.body).not.toMatch(/allegation|beaten/);
      expect((await remove('governor-men', yard.id)).statusCode).toBe(201);

      const notYours = await release('complaints-officer', hold.id);
      expect(notYours.statusCode).toBe(422);
      expect(problemOf(notYours).rule).toBe('kz.torture.referral');
      expect((await release('procurator', hold.id)).statusCode).toBe(201);
      expect((await release('procurator', hold.id)).statusCode).toBe(422);
      expect((await remove('governor-men', corridor.id)).statusCode).toBe(201);
    });

    test('the hold for an allegation can be placed by Habeas itself, like the one on a death', async () => {
      const footage = await register('officer-women-female', h.facilities.almatyWomen, { place: 'Баня' });
      const hold = await placeEvidenceHold(
        h.app.habeas,
        HABEAS_SYSTEM,
        allegationHoldInput({
          facilityId: h.facilities.almatyWomen,
          place: 'Баня',
          from: iso(now - 5 * HOUR),
          to: iso(now),
          reference: 'case 241500031000123',
        }),
        new Date(now),
      );
      expect(hold).toMatchObject({ basis: 'allegation', placedByRole: 'system', place: 'Баня' });
      const governor = await createToken(
        h.store,
        {
          role: 'governor',
          name: 'governor-women-female',
          facilities: [h.facilities.almatyWomen],
          sex: 'female',
        },
        'test',
      );
      const refused = await h.app.inject({
        method: 'POST',
        url: `/api/v1/footage/${footage.id}/deletion`,
        headers: { authorization: `Bearer ${governor.token}` },
        payload: { reason: 'retention period ended' },
      });
      expect(refused.statusCode).toBe(422);
      expect(problemOf(refused).detail).toContain(hold.id);
      // A principal without the grant cannot place one through the same function.
      await expect(
        placeEvidenceHold(
          h.app.habeas,
          null,
          allegationHoldInput({ facilityId: menPrison, from: iso(now - HOUR), to: iso(now), reference: 'x' }),
          new Date(now),
        ),
      ).rejects.toMatchObject({ status: 401 });
    });

    test('evidence holds are listed to the oversight bodies in their scope, and the listing is read-audited', async () => {
      const response = await h.app.inject({
        url: '/api/v1/evidence-holds',
        headers: as('complaints-officer'),
      });
      expect(response.statusCode, response.body).toBe(200);
      const all = (response.json() as { items: EvidenceHoldView[] }).items;
      expect(all.length).toBeGreaterThanOrEqual(3);
      expect(all.map((hold) => hold.placedAt)).toEqual(
        [...all.map((hold) => hold.placedAt)].sort().reverse(),
      );

      const regional = await h.app.inject({ url: '/api/v1/evidence-holds', headers: as('monitor-ala') });
      const inRegion = (regional.json() as { items: EvidenceHoldView[] }).items;
      expect(inRegion.length).toBeGreaterThan(0);
      expect(inRegion.every((hold) => hold.facilityId === h.facilities.almatyWomen)).toBe(true);
      const outside = await h.app.inject({
        url: `/api/v1/evidence-holds?facilityId=${menPrison}`,
        headers: as('monitor-ala'),
      });
      expect(outside.statusCode).toBe(403);

      const active = await h.app.inject({
        url: '/api/v1/evidence-holds?status=active',
        headers: as('procurator'),
      });
      expect(
        (active.json() as { items: EvidenceHoldView[] }).items.every((hold) => hold.status === 'active'),
      ).toBe(true);
      // The facility is not told what holds refer to.
      expect(
        (await h.app.inject({ url: '/api/v1/evidence-holds', headers: as('governor-men') })).statusCode,
      ).toBe(403);

      const audit = await h.store.readStream('audit/evidence-holds');
      expect(audit.length).toBeGreaterThanOrEqual(3);
      expect(audit.at(-1)?.payload).toMatchObject({ subject: 'evidence-holds', actorRole: 'procurator' });
    });

    test('the list pages newest recording first and selects by time window', async () => {
      const facility = (
        await createFacility(
          h.store,
          { name: 'СИЗО-3', kind: 'remand-centre', population: 'men', region: 'KZ-KAR' },
          'test',
        )
      ).id;
      await token('officer-sizo', 'prison-officer', { facilities: [facility], sex: 'male' });
      const old = await register('officer-sizo', facility, { endedAgoMs: 10 * HOUR });
      const middle = await register('officer-sizo', facility, { endedAgoMs: 5 * HOUR });
      const recent = await register('officer-sizo', facility, { endedAgoMs: HOUR });

      const first = await h.app.inject({
        url: `/api/v1/footage?facilityId=${facility}&limit=2`,
        headers: as('officer-sizo'),
      });
      const page = first.json() as { items: FootageView[]; next: string | null };
      expect(page.items.map((item) => item.id)).toEqual([recent.id, middle.id]);
      expect(page.next).not.toBeNull();
      const second = await h.app.inject({
        url: `/api/v1/footage?facilityId=${facility}&limit=2&cursor=${page.next}`,
        headers: as('officer-sizo'),
      });
      expect(second.json() as { items: FootageView[]; next: string | null }).toMatchObject({
        items: [expect.objectContaining({ id: old.id })],
        next: null,
      });
      const window = await list(
        'officer-sizo',
        facility,
        `&from=${encodeURIComponent(iso(now - 6 * HOUR))}&to=${encodeURIComponent(iso(now - 2 * HOUR))}`,
      );
      expect(window.map((item) => item.id)).toEqual([middle.id]);
    });

    test('scope: officers of another facility are refused (403), and without a token everything is 401', async () => {
      const footage = await register('officer-men-male', menPrison);
      const other = 'officer-women-female';
      const registered = await h.app.inject({
        method: 'POST',
        url: '/api/v1/footage',
        headers: as(other),
        payload: {
          facilityId: menPrison,
          camera: 'CAM-1',
          place: 'Двор',
          from: iso(now - 2 * HOUR),
          to: iso(now - HOUR),
          retainUntil: iso(now + HOUR),
        },
      });
      expect(registered.statusCode).toBe(403);
      expect((await view(other, footage.id)).statusCode).toBe(403);
      expect(
        (await h.app.inject({ url: `/api/v1/footage?facilityId=${menPrison}`, headers: as(other) }))
          .statusCode,
      ).toBe(403);
      expect((await remove('governor-women-male', footage.id)).statusCode).toBe(403);
      // A prison officer registers and views but does not delete.
      expect((await remove('officer-men-male', footage.id)).statusCode).toBe(403);
      const regional = await h.app.inject({
        method: 'POST',
        url: '/api/v1/evidence-holds',
        headers: as('monitor-ala'),
        payload: {
          facilityId: menPrison,
          from: iso(now - 2 * HOUR),
          to: iso(now),
          basis: 'other',
          reference: 'visit 2026/05',
          reason: 'monitoring visit',
        },
      });
      expect(regional.statusCode).toBe(403);

      for (const request of [
        { method: 'GET' as const, url: `/api/v1/footage/${footage.id}` },
        { method: 'GET' as const, url: `/api/v1/footage?facilityId=${menPrison}` },
        {
          method: 'POST' as const,
          url: '/api/v1/footage',
          payload: {
            facilityId: menPrison,
            camera: 'CAM-1',
            place: 'Двор',
            from: iso(now - 2 * HOUR),
            to: iso(now - HOUR),
            retainUntil: iso(now + HOUR),
          },
        },
        { method: 'POST' as const, url: `/api/v1/footage/${footage.id}/deletion`, payload: { reason: 'x' } },
        {
          method: 'POST' as const,
          url: '/api/v1/evidence-holds',
          payload: {
            facilityId: menPrison,
            from: iso(now - 2 * HOUR),
            to: iso(now),
            basis: 'other',
            reference: 'r',
            reason: 'r',
          },
        },
        { method: 'POST' as const, url: '/api/v1/evidence-holds/abc/release', payload: { reason: 'x' } },
        { method: 'GET' as const, url: '/api/v1/evidence-holds' },
      ]) {
        const response = await h.app.inject(request);
        expect(response.statusCode, request.url).toBe(401);
        expect(problemOf(response).status).toBe(401);
      }
    });

    test('bad input is a 400 or 422 problem naming the field, never a 500', async () => {
      const body = (overrides: Record<string, unknown>) => ({
        facilityId: menPrison,
        camera: 'CAM-1',
        place: 'Двор',
        from: iso(now - 2 * HOUR),
        to: iso(now - HOUR),
        retainUntil: iso(now + HOUR),
        ...overrides,
      });
      const post = (url: string, who: string, payload: unknown) =>
        h.app.inject({ method: 'POST', url, headers: as(who), payload: payload as object });
      const cases: [unknown, string][] = [
        [body({ to: iso(now - 3 * HOUR) }), 'body.to'],
        [body({ to: iso(now + HOUR), retainUntil: iso(now + 2 * HOUR) }), 'body.to'],
        [body({ retainUntil: iso(now - 90 * MINUTE) }), 'body.retainUntil'],
        [body({ from: '2026-05-04T01:00:00' }), 'body.from'],
        [body({ camera: '' }), 'body.camera'],
        [body({ extra: true }), 'body'],
        [body({ facilityId: 'not an id!' }), 'body.facilityId'],
      ];
      for (const [payload, field] of cases) {
        const response = await post('/api/v1/footage', 'officer-men-male', payload);
        expect(response.statusCode, JSON.stringify(payload)).toBe(422);
        expect(
          problemOf(response)
            .issues?.map((issue) => issue.field)
            .join(' '),
        ).toContain(field);
      }
      const hold = (overrides: Record<string, unknown>) => ({
        facilityId: menPrison,
        from: iso(now - 2 * HOUR),
        to: iso(now),
        basis: 'other',
        reference: 'r',
        reason: 'r',
        ...overrides,
      });
      for (const [payload, status] of [
        [hold({ basis: 'rumour' }), 422],
        [hold({ from: iso(now + HOUR), to: iso(now + 2 * HOUR) }), 422],
        [hold({ to: iso(now - 3 * HOUR) }), 422],
        [hold({ facilityId: 'nosuchfacility' }), 422],
        [hold({ reason: '\u0000' }), 422],
      ] as const) {
        const response = await post('/api/v1/evidence-holds', 'procurator', payload);
        expect(response.statusCode, JSON.stringify(payload)).toBe(status);
        problemOf(response);
      }
      for (const url of [
        '/api/v1/footage',
        '/api/v1/footage?facilityId=bad!id',
        `/api/v1/footage?facilityId=${menPrison}&from=yesterday`,
        `/api/v1/footage?facilityId=${menPrison}&from=${encodeURIComponent(iso(now))}&to=${encodeURIComponent(iso(now - HOUR))}`,
        `/api/v1/footage?facilityId=${menPrison}&limit=0`,
        `/api/v1/footage?facilityId=${menPrison}&limit=9999`,
        '/api/v1/evidence-holds?status=gone',
      ]) {
        const response = await h.app.inject({ url, headers: as('governor-men') });
        expect(response.statusCode, url).toBe(400);
        problemOf(response);
      }
      const cursor = await h.app.inject({
        url: `/api/v1/footage?facilityId=${menPrison}&cursor=garbage`,
        headers: as('governor-men'),
      });
      expect(cursor.statusCode).toBe(422);
      expect((await view('officer-men-male', 'nosuchfootage')).statusCode).toBe(404);
      expect((await remove('governor-men', 'nosuchfootage')).statusCode).toBe(404);
      expect((await release('procurator', 'nosuchhold')).statusCode).toBe(404);
      expect(
        (await h.app.inject({ url: `/api/v1/footage?facilityId=nosuchfacility`, headers: as('procurator') }))
          .statusCode,
      ).toBe(404);
      const malformed = await h.app.inject({
        method: 'POST',
        url: '/api/v1/footage',
        headers: { ...as('officer-men-male'), 'content-type': 'application/json' },
        payload: '{"facilityId":',
      });
      expect(malformed.statusCode).toBe(400);
    });

    test('the read models of footage and holds are rebuilt from the log exactly as they were kept', async () => {
      const snapshot = async () => ({
        footage: await h.store.db.selectFrom('footage_refs').selectAll().orderBy('id').execute(),
        holds: await h.store.db.selectFrom('evidence_holds').selectAll().orderBy('id').execute(),
      });
      const before = await snapshot();
      expect(before.footage.some((row) => row.status === 'deleted')).toBe(true);
      expect(before.holds.some((row) => row.status === 'released')).toBe(true);
      await h.store.rebuild();
      expect(await snapshot()).toEqual(before);
    });

    test('random bodies and paths never make a 500 (property)', async () => {
      const footage = await register('officer-men-male', menPrison);
      const urls = [
        '/api/v1/footage',
        `/api/v1/footage/${footage.id}/deletion`,
        '/api/v1/evidence-holds',
        '/api/v1/evidence-holds/whatever/release',
      ];
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...urls),
          fc.constantFrom('officer-men-male', 'governor-men', 'procurator'),
          fc.oneof(
            fc.jsonValue(),
            fc.record({
              facilityId: fc.oneof(fc.constant(menPrison), fc.string()),
              from: fc.oneof(
                fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
                fc.string(),
              ),
              to: fc.oneof(
                fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
                fc.string(),
              ),
              reason: fc.string(),
              basis: fc.constantFrom('death', 'allegation', 'other', ''),
            }),
          ),
          async (url, who, payload) => {
            const response = await h.app.inject({
              method: 'POST',
              url,
              headers: { ...as(who), 'content-type': 'application/json' },
              payload: JSON.stringify(payload),
            });
            expect(response.statusCode, `${url} ${JSON.stringify(payload)}`).toBeLessThan(500);
          },
        ),
        { numRuns: 60 },
      );
    });
  });
}
