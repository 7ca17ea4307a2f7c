import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditStream } from '../../src/access/read-audit.js';
import type { Principal, Role } from '../../src/access/principal.js';
import { createToken } from '../../src/app/accounts.js';
import { admitPrisoner, recordStayEvent, type PrisonServices } from '../../src/app/prison.js';
import { createFacility, createPerson } from '../../src/app/registry.js';
import { formatMoment } from '../../src/web/custody-time.js';
import { ENGINES } from '../support/engines.js';
import { startHarness, type Harness } from '../http/harness.js';
import { csvLines, nextLink, summary, tableRows } from './register-list-pages.js';

/*
 * The referrals from examinations in remand centres and prisons that noted bodily harm
 * (kz.admission.medical), the page of GET /api/v1/prison-referrals, through the real app on both
 * engines: the same policy as the API (the facility's medical staff only; a custody officer, a
 * prison officer and the monitor get the forbidden page), a doctor sees their own facility's
 * referrals and never a clinical result; the total the service counts in that scope, the range of
 * calendar days opened on the pages' clock (UTC+05:00: 00:30 on 3 May there is still 2 May in
 * UTC), the CSV and the print view of every matching row, each read recorded as the API's read
 * is, and the next page keeping the filters.
 */

/** The server's time at the end: 11:00 on 4 May 2026 on the pages' clock. */
const END = Date.parse('2026-05-04T06:00:00.000Z');
/** 23:30 on 2 May and 00:30 on 3 May local (both 2 May in UTC), 09:00 on 3 May local. */
const LATE_ON_2_MAY = '2026-05-02T18:30:00.000Z';
const EARLY_ON_3_MAY = '2026-05-02T19:30:00.000Z';
const MORNING_3_MAY = '2026-05-03T04:00:00.000Z';
/** Examined with bodily harm on 10 April: enough for a page and more (DEFAULT_PAGE is 50). */
const MANY = 50;
/** A clinical note: recorded and read by the doctor on the stay, never on the list. */
const NOTE = 'кровоподтёки на левом плече';

for (const engine of ENGINES) {
  describe(`prison referrals pages (${engine})`, () => {
    let h: Harness;
    let now = Date.parse('2026-04-10T06:00:00.000Z');
    let remand: string;
    let karaganda: string;
    type Session = { cookie: string; csrfToken: string };
    let remandMedical: Session;
    let karagandaMedical: Session;
    let remandOfficer: Session;
    let custodyOfficer: Session;
    let monitor: Session;
    let apiToken: string;
    let services: PrisonServices;
    const stays: Record<string, string> = {};

    const get = (session: Session, url: string) =>
      h.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
    const staff = (role: Role, facilityId: string): Principal => ({
      id: `${role}-${facilityId}`,
      kind: 'user',
      name: role,
      role,
      facilities: [facilityId],
      regions: [],
    });

    async function admit(familyName: string, facilityId: string, admittedAt: string) {
      const personId = (
        await createPerson(
          h.store,
          { familyName, givenNames: 'Ержан', birthDate: '1990-01-15', sex: 'male', facilityId },
          'test',
          new Date(now),
        )
      ).id;
      const stay = await admitPrisoner(
        services,
        staff('prison-officer', facilityId),
        { personId, facilityId, admittedAt, commitmentOrder: '2-5/2026' },
        new Date(now),
      );
      stays[familyName] = stay.id;
    }

    /** The doctor's examination: bodily harm noted or not, with a clinical note. */
    const examine = (familyName: string, facilityId: string, at: string, bodilyHarm: boolean) =>
      recordStayEvent(
        services,
        staff('medical', facilityId),
        stays[familyName] ?? '',
        { type: 'medical-examined', at, purpose: 'routine', bodilyHarm, results: { notes: NOTE } },
        new Date(now),
      );

    beforeAll(async () => {
      h = await startHarness(engine, { clock: () => new Date(now) });
      services = { store: h.store, rules: h.app.habeas.rules, prisonRules: h.app.habeas.prisonRules };
      remand = (
        await createFacility(
          h.store,
          { name: 'СИЗО г. Астаны', kind: 'remand-centre', population: 'mixed', region: 'KZ-AST' },
          'test',
        )
      ).id;
      karaganda = (
        await createFacility(
          h.store,
          { name: 'Учреждение АК-159/1', kind: 'prison', population: 'men', region: 'KZ-KAR' },
          'test',
        )
      ).id;
      remandMedical = await h.session('medical', { facilities: [remand] });
      karagandaMedical = await h.session('medical', { facilities: [karaganda] });
      remandOfficer = await h.session('prison-officer', { facilities: [remand] });
      custodyOfficer = await h.session('custody-officer', { facilities: [h.facilities.astana] });
      monitor = await h.session('monitor');
      apiToken = (
        await createToken(
          h.store,
          { role: 'medical', name: 'doctor', facilities: [remand], regions: [] },
          'test',
        )
      ).token;

      // 10 April, 10:00 local: a page's worth and more examined with bodily harm at the remand centre.
      const tenth = '2026-04-10T05:00:00.000Z';
      for (let i = 0; i < MANY; i++) {
        const name = `Многов${String(i).padStart(2, '0')}`;
        await admit(name, remand, '2026-04-10T03:00:00.000Z');
        await examine(name, remand, tenth, true);
      }
      // 1 May: harm noted, then examined again on 2 May (the referral is answered); one without harm.
      now = Date.parse('2026-05-02T06:00:00.000Z');
      await admit('Осмотренный', remand, '2026-05-01T03:00:00.000Z');
      await examine('Осмотренный', remand, '2026-05-01T05:00:00.000Z', true);
      await examine('Осмотренный', remand, '2026-05-02T05:00:00.000Z', false);
      await admit('Здоровый', remand, '2026-05-01T03:00:00.000Z');
      await examine('Здоровый', remand, '2026-05-01T05:00:00.000Z', false);
      // 23:30 on 2 May and 00:30 on 3 May local; Karaganda on the morning of 3 May.
      now = Date.parse(LATE_ON_2_MAY);
      await admit('Ранний', remand, '2026-05-02T10:00:00.000Z');
      await examine('Ранний', remand, LATE_ON_2_MAY, true);
      now = Date.parse(EARLY_ON_3_MAY);
      await admit('Поздний', remand, '2026-05-02T10:00:00.000Z');
      await examine('Поздний', remand, EARLY_ON_3_MAY, true);
      now = Date.parse(MORNING_3_MAY);
      await admit('Карагандинов', karaganda, '2026-05-02T10:00:00.000Z');
      await examine('Карагандинов', karaganda, MORNING_3_MAY, true);
      now = END;
    }, 180_000);

    afterAll(async () => {
      await h?.close();
    });

    test('the total counts every referral the filters match in the doctor’s facility, not only the page', async () => {
      const page = (await get(remandMedical, '/prison/referrals?lang=ru')).body;
      expect(summary(page)).toBe(`Показано: 50 из ${MANY + 2}.`);
      expect(page).not.toContain('Карагандинов');
      expect(page).not.toContain('Здоровый');
      expect(page).not.toContain('Осмотренный');
      const examined = (await get(remandMedical, '/prison/referrals?lang=en&status=examined')).body;
      expect(summary(examined)).toBe('Shown: 1 of 1.');
      expect(examined).toContain('Осмотренный Ержан');
      expect(examined).toContain('name="status"');
      expect(summary((await get(remandMedical, '/prison/referrals?lang=en&status=any')).body)).toBe(
        `Shown: 50 of ${MANY + 3}.`,
      );
      const other = (await get(karagandaMedical, '/prison/referrals?lang=en')).body;
      expect(summary(other)).toBe('Shown: 1 of 1.');
      expect(other).toContain('Карагандинов Ержан');
      expect(other).not.toContain('Многов');
    });

    test('the date range of days opened is calendar days on the pages’ clock: 00:30 on 3 May local is 3 May, though 2 May in UTC', async () => {
      const third = (
        await get(remandMedical, '/prison/referrals?lang=en&openedFrom=2026-05-03&openedTo=2026-05-03')
      ).body;
      expect(summary(third)).toBe('Shown: 1 of 1.');
      expect(third).toContain('Поздний Ержан');
      expect(third).toContain('name="openedFrom" value="2026-05-03"');
      const second = (
        await get(remandMedical, '/prison/referrals?lang=en&openedFrom=2026-05-02&openedTo=2026-05-02')
      ).body;
      expect(summary(second)).toBe('Shown: 1 of 1.');
      expect(second).toContain('Ранний Ержан');
      const april = (await get(remandMedical, '/prison/referrals?lang=en&status=any&openedTo=2026-05-01'))
        .body;
      expect(summary(april)).toBe(`Shown: 50 of ${MANY + 1}.`);
      // A date that is not one is dropped, not an error.
      const odd = await get(remandMedical, '/prison/referrals?lang=en&openedFrom=2026-13-45');
      expect(odd.statusCode).toBe(200);
      expect(summary(odd.body)).toBe(`Shown: 50 of ${MANY + 2}.`);
    });

    test('the next page keeps the filters and ends the list; a cursor that is not one is a bad request', async () => {
      const first = (await get(remandMedical, '/prison/referrals?lang=en&status=any&openedFrom=2026-04-01'))
        .body;
      expect(summary(first)).toBe(`Shown: 50 of ${MANY + 3}.`);
      const next = nextLink(first);
      const query = new URL(next, 'http://x').searchParams;
      expect(query.get('status')).toBe('any');
      expect(query.get('openedFrom')).toBe('2026-04-01');
      expect(query.get('cursor')).not.toBeNull();
      const second = (await get(remandMedical, `${next}&lang=en`)).body;
      expect(summary(second)).toBe(`Shown: 3 of ${MANY + 3}.`);
      expect(second).toContain('Осмотренный Ержан');
      expect(second).toContain('Поздний Ержан');
      expect(nextLink(second)).toBe('');
      expect((await get(remandMedical, '/prison/referrals?cursor=%%%')).statusCode).toBe(400);
      expect((await get(remandMedical, '/prison/referrals?cursor=bm90LWEtY3Vyc29y')).statusCode).toBe(400);
    });

    test('the CSV: every matching referral, a header in the page’s language, a byte-order mark, local times; only the doctor’s facility; no clinical result', async () => {
      const response = await get(remandMedical, '/prison/referrals?lang=ru&format=csv');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe('attachment; filename="prison-referrals.csv"');
      expect(response.body.startsWith('\uFEFF')).toBe(true);
      const lines = csvLines(response.body);
      expect(lines[0]).toBe('Открыто,Лицо,Учреждение,Запись об осмотре,Статус');
      expect(lines).toHaveLength(MANY + 3);
      const late = lines.find((line) => line.includes('Поздний Ержан')) ?? '';
      expect(late).toContain(formatMoment('ru', EARLY_ON_3_MAY));
      expect(late).toContain('00:30 (UTC+05:00)');
      expect(late).toContain('СИЗО г. Астаны');
      expect(late.endsWith(',Ожидает')).toBe(true);
      expect(late).not.toContain('2026-05-02T');
      expect(response.body).not.toContain('Карагандинов');
      expect(response.body).not.toContain(NOTE);
      const other = csvLines((await get(karagandaMedical, '/prison/referrals?lang=en&format=csv')).body);
      expect(other).toEqual([
        'Opened,Person,Facility,Examination entry,Status',
        expect.stringMatching(/^".+",Карагандинов Ержан,Учреждение АК-159\/1,No\. \d+,Waiting$/),
      ]);
    });

    test('the list, its CSV and its print view are reads recorded as the API’s read is, the whole list saying why', async () => {
      const reads = async () => h.store.readStream(auditStream('prison-referrals'));
      const before = (await reads()).length;
      const api = await h.app.inject({
        url: '/api/v1/prison-referrals',
        headers: { authorization: `Bearer ${apiToken}` },
      });
      expect(api.statusCode, api.body).toBe(200);
      expect((api.json() as { items: unknown[] }).items).toHaveLength(MANY + 2);
      await get(remandMedical, '/prison/referrals?lang=en&openedFrom=2026-05-02');
      await get(remandMedical, '/prison/referrals?lang=en&format=csv');
      await get(remandMedical, '/prison/referrals?lang=en&print=1&openedFrom=2026-05-02');
      const recorded = (await reads()).slice(before).map((read) => read.payload as Record<string, unknown>);
      // The page's read says why as the API's does (the role's purpose); a whole list says why it was read whole.
      expect(recorded.map((read) => read.purpose)).toEqual([
        recorded[0]?.purpose,
        recorded[0]?.purpose,
        'the list downloaded as CSV',
        'the list printed',
      ]);
      // The same kind of entry: who read the referrals of which stays.
      expect(Object.keys(recorded[1] ?? {}).sort()).toEqual(Object.keys(recorded[0] ?? {}).sort());
      expect(JSON.stringify(recorded[1])).toContain(stays['Поздний']);
      // Nothing matches: nothing is read, as the API records no read of nothing.
      const empty = await reads();
      await get(karagandaMedical, '/prison/referrals?lang=en&status=examined');
      expect(await reads()).toHaveLength(empty.length);
    });

    test('the print view: every referral in a table, without filters, paging, download links or links to the stays', async () => {
      const printed = (await get(remandMedical, '/prison/referrals?lang=kk&print=1')).body;
      expect(tableRows(printed)).toBe(MANY + 2);
      expect(printed).toContain('Мекемелердегі медициналық жолдамалар');
      expect(printed).not.toContain('<form class="filters"');
      expect(printed).not.toContain('rel="next"');
      expect(printed).not.toContain('format=csv');
      expect(printed).not.toContain('href="/prison/stays/');
      expect(printed).not.toContain(NOTE);
    });

    test('the page links each person to their stay, and its CSV and print view with the filters kept', async () => {
      const page = (await get(remandMedical, '/prison/referrals?lang=en&status=open&openedFrom=2026-05-02'))
        .body;
      expect(page).toContain(`href="/prison/stays/${stays['Ранний']}"`);
      expect(page).toContain('href="/prison/referrals?status=open&openedFrom=2026-05-02&format=csv"');
      expect(page).toContain('href="/prison/referrals?status=open&openedFrom=2026-05-02&print=1"');
      expect(page).not.toContain(NOTE);
    });

    test('deny by default: a custody officer, a prison officer and the monitor get the forbidden page in their language, for the CSV too', async () => {
      for (const session of [custodyOfficer, remandOfficer, monitor]) {
        const page = await get(session, '/prison/referrals?lang=kk');
        expect(page.statusCode).toBe(403);
        expect(page.body).toContain('Бұл бетке кіруге рұқсатыңыз жоқ');
        expect(page.body).not.toContain('Многов');
        const csv = await get(session, '/prison/referrals?lang=ru&format=csv');
        expect(csv.statusCode).toBe(403);
        expect(csv.body).not.toContain('Многов');
      }
      const anonymous = await h.app.inject({ url: '/prison/referrals' });
      expect(anonymous.statusCode).toBe(303);
    });

    test('the menu links the list for the medical staff only', async () => {
      const home = (await get(remandMedical, '/?lang=ru')).body;
      expect(home).toContain('href="/prison/referrals"');
      expect(home).toContain('Медицинские направления в учреждениях');
      for (const session of [remandOfficer, custodyOfficer, monitor])
        expect((await get(session, '/?lang=en')).body).not.toContain('href="/prison/referrals"');
    });

    test('a stay whose examination noted bodily harm tells its doctor the referral waits, with the link; not the officer, not once answered', async () => {
      const stay = (await get(remandMedical, `/prison/stays/${stays['Ранний']}?lang=ru`)).body;
      expect(stay).toContain('При медицинском осмотре у этого лица отмечены телесные повреждения');
      expect(stay).toMatch(/повторный осмотр\. <a href="\/prison\/referrals">/);
      const officer = (await get(remandOfficer, `/prison/stays/${stays['Ранний']}?lang=ru`)).body;
      expect(officer).not.toContain('При медицинском осмотре у этого лица');
      for (const answered of ['Осмотренный', 'Здоровый'])
        expect((await get(remandMedical, `/prison/stays/${stays[answered]}?lang=en`)).body).not.toContain(
          'An examination of this person noted bodily harm',
        );
    });
  });
}
