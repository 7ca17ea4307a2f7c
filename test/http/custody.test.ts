import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ClockScheduler } from '../../src/clocks/scheduler.js';
import { verifyBundle } from '../../src/ledger/bundle.js';
import type { CustodyView } from '../../src/app/custody-views.js';
import { createPerson } from '../../src/app/registry.js';
import { DEFAULT_CUSTODY_RULES } from '../../src/rules/custody-rules.js';
import { exportBundle } from '../../src/store/export.js';
import { ENGINES } from '../support/engines.js';
import { problemOf, startHarness, type Harness } from './harness.js';

/*
 * Police custody through the real HTTP server on both engines (issue 3): the arrest record, the
 * clocks and the findings the scheduler records, corrections, scope, referrals and read audit.
 * Time is the server's injected clock, moved forward by the tests.
 */

const HOUR = 3_600_000;
const START = Date.parse('2026-05-04T06:00:00.000Z');

for (const engine of ENGINES) {
  describe(`custody (${engine})`, () => {
    let h: Harness;
    let now = START;
    let scheduler: ClockScheduler;
    let juvenileId: string;
    let foreignerId: string;

    const advance = (ms: number) => {
      now += ms;
    };
    const iso = (ms: number) => new Date(ms).toISOString();

    async function person(birthDate: string, extra: Record<string, unknown> = {}): Promise<string> {
      return (
        await createPerson(
          h.store,
          {
            familyName: 'Нурланов',
            givenNames: 'Асхат',
            birthDate,
            sex: 'male',
            facilityId: h.facilities.astana,
            ...extra,
          },
          'test',
        )
      ).id;
    }

    async function arrest(
      personId: string,
      apprehendedAt: string,
      role: 'custody-officer' = 'custody-officer',
    ) {
      return h.app.inject({
        method: 'POST',
        url: '/api/v1/custody',
        headers: h.bearer(role),
        payload: {
          personId,
          facilityId: h.facilities.astana,
          apprehendedAt,
          place: 'ул. Кенесары 40, Астана',
          grounds: 'ст. 188 УК РК, кража',
          arrestingOfficer: 'ст. лейтенант Ахметов Б.',
        },
      });
    }

    async function record(id: string, payload: Record<string, unknown>) {
      return h.app.inject({
        method: 'POST',
        url: `/api/v1/custody/${id}/events`,
        headers: h.bearer('custody-officer'),
        payload,
      });
    }

    async function read(
      id: string,
      role: Parameters<Harness['bearer']>[0] = 'custody-officer',
    ): Promise<CustodyView> {
      const response = await h.app.inject({ url: `/api/v1/custody/${id}`, headers: h.bearer(role) });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as CustodyView;
    }

    const clock = (view: CustodyView, rule: string) => view.clocks.find((c) => c.rule === rule);

    beforeAll(async () => {
      h = await startHarness(engine, { clock: () => new Date(now) });
      scheduler = new ClockScheduler(h.app.habeas, { clock: () => new Date(now) });
      juvenileId = await person('2010-09-01');
      foreignerId = await person('1990-02-02', { citizenship: 'UZ', languages: ['uz'] });
    });
    afterAll(async () => h?.close());

    test('kz.custody.limit: a juvenile apprehended 25 h ago is breached, with the breach in the log at once', async () => {
      const created = await arrest(juvenileId, iso(now - 25 * HOUR));
      expect(created.statusCode, created.body).toBe(201);
      const view = created.json() as CustodyView;
      expect(view.juvenile).toBe(true);
      expect(clock(view, 'kz.custody.limit')).toMatchObject({
        state: 'breached',
        kind: 'breach',
        dueAt: iso(now - HOUR),
      });
      expect(view.findings).toContainEqual(
        expect.objectContaining({ rule: 'kz.custody.limit', kind: 'breach', at: iso(now - HOUR) }),
      );
      // The record was drawn up 25 h after the apprehension: accepted, and flagged.
      expect(view.findings).toContainEqual(
        expect.objectContaining({ rule: 'kz.custody.actual-time', kind: 'flag' }),
      );

      // The breach is an entry of the log, and an exported bundle carries it and verifies.
      const breach = view.findings.find((f) => f.rule === 'kz.custody.limit');
      const lines: string[] = [];
      await exportBundle(h.store, (line) => void lines.push(line), { payloads: true });
      const entryLine = lines.find((line) => line.includes(`"seq":${breach?.seq},`));
      expect(entryLine).toContain('"type":"finding-recorded"');
      expect(entryLine).toContain('kz.custody.limit');
      expect(await verifyBundle(lines, { key: h.store.verifierKey })).toMatchObject({ ok: true });
      // Registering the same person again while in custody is refused.
      const again = await arrest(juvenileId, iso(now - HOUR));
      expect(again.statusCode).toBe(422);
      expect(problemOf(again).issues?.[0]?.field).toBe('body.personId');
    });

    test('kz.custody.limit: an adult apprehended an hour ago is due exactly 48 h after apprehension', async () => {
      const apprehended = now - HOUR;
      const view = (await arrest(h.personId, iso(apprehended))).json() as CustodyView;
      expect(view.juvenile).toBe(false);
      expect(view.apprehendedAt).toBe(iso(apprehended));
      expect(view.recordedAt).toBe(iso(now));
      expect(clock(view, 'kz.custody.limit')).toMatchObject({
        state: 'running',
        dueAt: iso(apprehended + 48 * HOUR),
        warning: null,
      });
      expect(view.findings.filter((f) => f.rule === 'kz.custody.actual-time')).toEqual([]);
      // Release at once, so this person can be arrested again by later tests.
      const released = await record(view.id, { type: 'released', reason: 'no grounds to hold' });
      expect(released.statusCode, released.body).toBe(201);
      expect((released.json() as CustodyView).status).toBe('released');
    });

    test('kz.custody.actual-time: an apprehension in the future is refused with 422 and the rule', async () => {
      const response = await arrest(h.personId, iso(now + 2 * HOUR));
      expect(response.statusCode).toBe(422);
      const problem = problemOf(response);
      expect(problem.rule).toBe('kz.custody.actual-time');
      expect(
        await h.store.db
          .selectFrom('custody_episodes')
          .select('id')
          .where('person_id', '=', h.personId)
          .where('status', '=', 'in-custody')
          .execute(),
      ).toEqual([]);
    });

    test('kz.custody.actual-time: a record drawn up 5 h after the apprehension is accepted and flagged', async () => {
      const id = await person('1975-01-01');
      const response = await arrest(id, iso(now - 5 * HOUR));
      expect(response.statusCode).toBe(201);
      const view = response.json() as CustodyView;
      expect(view.findings).toContainEqual(
        expect.objectContaining({
          rule: 'kz.custody.actual-time',
          kind: 'flag',
          pack: 'kz',
          packVersion: '2026.1',
        }),
      );
      // Apprehension without an offset is ambiguous: refused as invalid input.
      const ambiguous = await arrest(await person('1975-01-02'), '2026-05-04T01:00:00');
      expect(ambiguous.statusCode).toBe(422);
      expect(problemOf(ambiguous).issues?.map((i) => i.field)).toContain('body.apprehendedAt');
    });

    test('intl.register.minimum: place, grounds and the arresting officer are required', async () => {
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/v1/custody',
        headers: h.bearer('custody-officer'),
        payload: {
          personId: await person('1980-01-01'),
          facilityId: h.facilities.astana,
          apprehendedAt: iso(now),
        },
      });
      expect(response.statusCode).toBe(422);
      const fields = problemOf(response).issues?.map((issue) => issue.field);
      expect(fields).toEqual(expect.arrayContaining(['body.place', 'body.grounds', 'body.arrestingOfficer']));
    });

    test('one open episode per person: a second arrest is refused, even when both arrive at once', async () => {
      const personId = await person('1985-06-15');
      const answers = await Promise.all(Array.from({ length: 8 }, () => arrest(personId, iso(now - HOUR))));
      const statuses = answers.map((answer) => answer.statusCode).sort();
      expect(statuses).toEqual([201, 422, 422, 422, 422, 422, 422, 422]);
      for (const answer of answers.filter((a) => a.statusCode === 422)) {
        expect(problemOf(answer).detail).toMatch(/already in custody/);
      }
      const open = await h.store.db
        .selectFrom('custody_episodes')
        .select('id')
        .where('person_id', '=', personId)
        .where('status', '=', 'in-custody')
        .execute();
      expect(open).toHaveLength(1);
      const later = await arrest(personId, iso(now));
      expect(later.statusCode).toBe(422);
    });

    test('access: another facility’s officer gets 403, no token 401, the monitor reads, the statistician may not', async () => {
      const view = (await arrest(await person('1985-03-03'), iso(now - HOUR))).json() as CustodyView;
      const elsewhere = await h.session('custody-officer', { facilities: [h.facilities.almatyWomen] });
      const denied = await h.app.inject({
        url: `/api/v1/custody/${view.id}`,
        headers: { cookie: elsewhere.cookie },
      });
      expect(denied.statusCode).toBe(403);
      const write = await h.app.inject({
        method: 'POST',
        url: `/api/v1/custody/${view.id}/events`,
        headers: { cookie: elsewhere.cookie, 'x-csrf-token': elsewhere.csrfToken },
        payload: { type: 'released' },
      });
      expect(write.statusCode).toBe(403);
      expect((await h.app.inject({ url: `/api/v1/custody/${view.id}` })).statusCode).toBe(401);
      expect(
        (await h.app.inject({ url: `/api/v1/custody/${view.id}`, headers: h.bearer('statistician') }))
          .statusCode,
      ).toBe(403);
      expect((await read(view.id, 'monitor')).id).toBe(view.id);
      const list = await h.app.inject({ url: '/api/v1/custody', headers: { cookie: elsewhere.cookie } });
      expect((list.json() as { items: unknown[] }).items).toEqual([]);
      // A judge records the court's decision, but not the custody unit's safeguards.
      const judgeSafeguard = await h.app.inject({
        method: 'POST',
        url: `/api/v1/custody/${view.id}/events`,
        headers: h.bearer('judge'),
        payload: { type: 'rights-explained', language: 'ru', method: 'oral' },
      });
      expect(judgeSafeguard.statusCode).toBe(403);
    });

    test('read audit: each read of an episode is a record-read entry the monitor can see', async () => {
      const view = (await arrest(await person('1970-07-07'), iso(now - HOUR))).json() as CustodyView;
      await read(view.id);
      await h.app.inject({
        url: `/api/v1/custody/${view.id}?purpose=${encodeURIComponent('court hearing')}`,
        headers: h.bearer('procurator'),
      });
      const audit = await h.app.inject({
        url: `/api/v1/audit?subject=custody/${view.id}`,
        headers: h.bearer('monitor'),
      });
      expect(audit.statusCode, audit.body).toBe(200);
      const reads = (audit.json() as { reads: { actorRole: string; purpose: string }[] }).reads;
      expect(reads.map((r) => r.actorRole)).toEqual(['custody-officer', 'procurator']);
      expect(reads[1]?.purpose).toBe('court hearing');
    });

    test('kz.custody.limit: a court approval before the deadline stops the clock; it never breaches', async () => {
      const view = (await arrest(await person('1981-01-01'), iso(now - HOUR))).json() as CustodyView;
      advance(40 * HOUR);
      const decided = await h.app.inject({
        method: 'POST',
        url: `/api/v1/custody/${view.id}/events`,
        headers: h.bearer('judge'),
        payload: { type: 'court-decision', decision: 'approved', court: 'Есильский районный суд г. Астаны' },
      });
      expect(decided.statusCode, decided.body).toBe(201);
      advance(20 * HOUR);
      await scheduler.tick();
      const after = await read(view.id);
      expect(clock(after, 'kz.custody.limit')?.state).toBe('met');
      expect(after.findings.filter((f) => f.rule === 'kz.custody.limit')).toEqual([]);
    });

    test('kz.custody.limit: the scheduler records a passed deadline exactly once, even when ticks race', async () => {
      const view = (await arrest(await person('1982-02-02'), iso(now - 47 * HOUR))).json() as CustodyView;
      expect(clock(view, 'kz.custody.limit')).toMatchObject({ state: 'running', warning: 90 });
      advance(HOUR + 1);
      const [a, b] = await Promise.all([scheduler.tick(), scheduler.tick()]);
      expect((a?.findings ?? 0) + (b?.findings ?? 0)).toBeGreaterThan(0);
      await scheduler.tick();
      const after = await read(view.id);
      expect(clock(after, 'kz.custody.limit')?.state).toBe('breached');
      expect(after.findings.filter((f) => f.rule === 'kz.custody.limit')).toHaveLength(1);
      const entries = await h.store.readStream(`custody/${view.id}`);
      const breaches = entries.filter(
        (e) =>
          e.entry.type === 'finding-recorded' && (e.payload as { rule: string }).rule === 'kz.custody.limit',
      );
      expect(breaches).toHaveLength(1);
      expect(breaches[0]?.entry.actor).toBe('habeas:scheduler');
    });

    test('kz.custody.rights, kz.custody.medical, kz.custody.family, kz.custody.counsel: flags once their hours pass', async () => {
      const view = (await arrest(await person('1983-03-03'), iso(now))).json() as CustodyView;
      expect(clock(view, 'kz.custody.rights')?.dueAt).toBe(
        iso(now + DEFAULT_CUSTODY_RULES.rightsHours * HOUR),
      );
      const requested = await record(view.id, { type: 'counsel-requested' });
      expect(requested.statusCode, requested.body).toBe(201);
      // Family told in time: that clock is met and never flags.
      expect(
        (
          await record(view.id, {
            type: 'family-notified',
            outcome: 'notified',
            contact: 'жена',
            means: 'phone',
          })
        ).statusCode,
      ).toBe(201);
      advance(7 * HOUR);
      await scheduler.tick();
      const after = await read(view.id);
      const flagged = after.findings.map((f) => f.rule);
      expect(flagged).toEqual(
        expect.arrayContaining(['kz.custody.rights', 'kz.custody.medical', 'kz.custody.counsel']),
      );
      expect(flagged).not.toContain('kz.custody.family');
      expect(clock(after, 'kz.custody.family')?.state).toBe('met');
      for (const f of after.findings) expect(f.kind).toBe('flag');
    });

    test('kz.custody.family: a delay without a reason and an authoriser is refused', async () => {
      const view = (await arrest(await person('1984-04-04'), iso(now))).json() as CustodyView;
      const refused = await record(view.id, { type: 'family-notified', outcome: 'delayed' });
      expect(refused.statusCode).toBe(422);
      expect(problemOf(refused).rule).toBe('kz.custody.family');
      const accepted = await record(view.id, {
        type: 'family-notified',
        outcome: 'delayed',
        reason: 'risk to the investigation, family members are suspects',
        authorisedBy: 'прокурор Сарыаркинского района',
      });
      expect(accepted.statusCode, accepted.body).toBe(201);
    });

    test('kz.custody.injury-log: an injury entry opens a referral for the facility’s medical staff, closed by an examination', async () => {
      const view = (await arrest(await person('1986-06-06'), iso(now))).json() as CustodyView;
      const injured = await record(view.id, {
        type: 'injury-recorded',
        observedBy: 'дежурный Сапаров',
        description: 'ссадины на запястьях',
      });
      expect(injured.statusCode, injured.body).toBe(201);
      const referrals = await h.app.inject({
        url: '/api/v1/custody-referrals',
        headers: h.bearer('medical'),
      });
      expect(referrals.statusCode).toBe(200);
      const items = (referrals.json() as { items: { custodyId: string; status: string }[] }).items;
      expect(items).toContainEqual(expect.objectContaining({ custodyId: view.id, status: 'open' }));
      expect(
        (await h.app.inject({ url: '/api/v1/custody-referrals', headers: h.bearer('custody-officer') }))
          .statusCode,
      ).toBe(403);
      await record(view.id, {
        type: 'medical-examined',
        examinedBy: 'фельдшер Оспанова',
        injuriesSeen: true,
      });
      const after = await h.app.inject({ url: '/api/v1/custody-referrals', headers: h.bearer('medical') });
      expect(
        (after.json() as { items: { custodyId: string }[] }).items.map((i) => i.custodyId),
      ).not.toContain(view.id);
      expect((await read(view.id)).referrals).toEqual([expect.objectContaining({ status: 'examined' })]);
    });

    test('kz.custody.deposition: a request for a judge’s decision breaches after 24 h without a ruling', async () => {
      const view = (await arrest(await person('1987-07-07'), iso(now))).json() as CustodyView;
      const requested = await record(view.id, { type: 'judicial-requested', kind: 'protection-order' });
      expect(requested.statusCode, requested.body).toBe(201);
      advance(25 * HOUR);
      await scheduler.tick();
      const after = await read(view.id);
      expect(after.findings).toContainEqual(
        expect.objectContaining({ rule: 'kz.custody.deposition', kind: 'breach' }),
      );
    });

    test('intl.custody.consular and intl.custody.interpreter: a foreign national’s safeguards are flagged when missed', async () => {
      const view = (await arrest(foreignerId, iso(now))).json() as CustodyView;
      expect(view.foreignNational).toBe(true);
      const rights = await record(view.id, { type: 'rights-explained', language: 'ru', method: 'oral' });
      expect(rights.statusCode).toBe(201);
      expect((rights.json() as CustodyView).findings).toContainEqual(
        expect.objectContaining({ rule: 'intl.custody.interpreter', kind: 'flag', pack: 'intl' }),
      );
      advance(25 * HOUR);
      await scheduler.tick();
      const after = await read(view.id);
      expect(after.findings).toContainEqual(
        expect.objectContaining({ rule: 'intl.custody.consular', pack: 'intl' }),
      );
    });

    test('intl.custody.transfer-notice: the family is told after a transfer too', async () => {
      // A woman: the destination is a women's prison (kz.placement.separation).
      const view = (
        await arrest(await person('1988-08-08', { sex: 'female' }), iso(now))
      ).json() as CustodyView;
      await record(view.id, {
        type: 'family-notified',
        outcome: 'notified',
        contact: 'брат',
        means: 'phone',
      });
      const moved = await record(view.id, {
        type: 'transferred',
        destinationFacilityId: h.facilities.almatyWomen,
        reason: 'court order',
      });
      expect(moved.statusCode, moved.body).toBe(201);
      advance(4 * HOUR);
      await scheduler.tick();
      const after = await read(view.id);
      expect(after.status).toBe('transferred');
      expect(after.findings).toContainEqual(
        expect.objectContaining({ rule: 'intl.custody.transfer-notice' }),
      );
      // Anything but the family notice is refused once the episode is closed.
      expect((await record(view.id, { type: 'counsel-requested' })).statusCode).toBe(422);
    });

    test('kz.custody.actual-time: a correction is a new entry beside the original, and never extends the limit', async () => {
      const apprehended = now - 2 * HOUR;
      const view = (await arrest(await person('1989-09-09'), iso(apprehended))).json() as CustodyView;
      const opened = view.timeline[0];
      expect(opened?.type).toBe('custody-opened');
      const corrected = await h.app.inject({
        method: 'POST',
        url: `/api/v1/custody/${view.id}/corrections`,
        headers: h.bearer('custody-officer'),
        payload: {
          correctsSeq: opened?.seq,
          field: 'apprehendedAt',
          to: iso(apprehended + HOUR),
          reason: 'typing error',
        },
      });
      expect(corrected.statusCode, corrected.body).toBe(201);
      const after = corrected.json() as CustodyView;
      expect(after.apprehendedAt).toBe(iso(apprehended));
      expect(clock(after, 'kz.custody.limit')?.dueAt).toBe(iso(apprehended + 48 * HOUR));
      expect(after.timeline[0]?.corrections).toEqual([
        expect.objectContaining({
          field: 'apprehendedAt',
          from: iso(apprehended),
          to: iso(apprehended + HOUR),
          reason: 'typing error',
        }),
      ]);
      const bad = await h.app.inject({
        method: 'POST',
        url: `/api/v1/custody/${view.id}/corrections`,
        headers: h.bearer('custody-officer'),
        payload: { correctsSeq: 0, field: 'apprehendedAt', to: iso(now), reason: 'x' },
      });
      expect(bad.statusCode).toBe(422);
    });

    test('intl.custody.record-copy: the printable record is in the person’s language and lists each safeguard with its time', async () => {
      const kazakh = await person('1992-12-12', { languages: ['kk', 'ru'] });
      const view = (await arrest(kazakh, iso(now - HOUR))).json() as CustodyView;
      await record(view.id, {
        type: 'rights-explained',
        language: 'kk',
        method: 'oral',
        at: iso(now - 30 * 60_000),
      });
      const officer = await h.session('custody-officer');
      const page = await h.app.inject({
        url: `/custody/${view.id}/record`,
        headers: { cookie: officer.cookie },
      });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<html lang="kk">');
      expect(page.body).toContain('Құқықтары түсіндірілді');
      expect(page.body).toContain('ул. Кенесары 40, Астана');
      // Times are shown in Kazakhstan's time (UTC+05:00): the rights were explained 30 min before now.
      const stated = new Date(now - 30 * 60_000 + 5 * HOUR).toISOString().slice(11, 16);
      expect(page.body).toContain(stated);
      const elsewhere = await h.session('custody-officer', { facilities: [h.facilities.almatyWomen] });
      expect(
        (await h.app.inject({ url: `/custody/${view.id}/record`, headers: { cookie: elsewhere.cookie } }))
          .statusCode,
      ).toBe(403);
    });

    test('lists: the desk filters by clock state and rule, pages with a cursor, and the monitor sees findings', async () => {
      const breached = await h.app.inject({
        url: '/api/v1/custody?clock=breached&limit=2',
        headers: h.bearer('custody-officer'),
      });
      expect(breached.statusCode, breached.body).toBe(200);
      const first = breached.json() as {
        items: { id: string; clocks: { state: string }[] }[];
        next: string | null;
      };
      expect(first.items.length).toBeGreaterThan(0);
      for (const item of first.items) expect(item.clocks.some((c) => c.state === 'breached')).toBe(true);
      if (first.next) {
        const second = await h.app.inject({
          url: `/api/v1/custody?clock=breached&limit=2&cursor=${first.next}`,
          headers: h.bearer('custody-officer'),
        });
        const ids = (second.json() as { items: { id: string }[] }).items.map((i) => i.id);
        for (const id of ids) expect(first.items.map((i) => i.id)).not.toContain(id);
      }
      const byRule = await h.app.inject({
        url: '/api/v1/custody?rule=kz.custody.deposition',
        headers: h.bearer('monitor'),
      });
      expect((byRule.json() as { items: unknown[] }).items).toHaveLength(1);
      const findings = await h.app.inject({
        url: '/api/v1/custody-findings?kind=breach',
        headers: h.bearer('monitor'),
      });
      expect(findings.statusCode).toBe(200);
      const rules = (findings.json() as { items: { rule: string; kind: string }[] }).items.map((f) => f.rule);
      expect(new Set(rules)).toEqual(new Set(['kz.custody.limit', 'kz.custody.deposition']));
      expect(
        (await h.app.inject({ url: '/api/v1/custody-findings', headers: h.bearer('custody-officer') }))
          .statusCode,
      ).toBe(403);
      const badCursor = await h.app.inject({
        url: '/api/v1/custody?cursor=nonsense',
        headers: h.bearer('custody-officer'),
      });
      expect(badCursor.statusCode).toBe(422);
    });

    test('rebuild: the custody read models come back the same from the log', async () => {
      const before = await h.store.db.selectFrom('custody_findings').selectAll().orderBy('seq').execute();
      const clocksBefore = await h.store.db
        .selectFrom('custody_clocks')
        .selectAll()
        .orderBy('custody_id')
        .orderBy('clock_key')
        .execute();
      await h.store.rebuild();
      expect(await h.store.db.selectFrom('custody_findings').selectAll().orderBy('seq').execute()).toEqual(
        before,
      );
      expect(
        await h.store.db
          .selectFrom('custody_clocks')
          .selectAll()
          .orderBy('custody_id')
          .orderBy('clock_key')
          .execute(),
      ).toEqual(clocksBefore);
    });
  });
}
