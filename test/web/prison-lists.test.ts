import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditStream } from '../../src/access/read-audit.js';
import type { Principal, Role } from '../../src/access/principal.js';
import { createToken } from '../../src/app/accounts.js';
import { admitPrisoner, recordStayEvent, type PrisonServices } from '../../src/app/prison.js';
import { createFacility, createPerson } from '../../src/app/registry.js';
import { initSealing } from '../../src/sealing/keystore.js';
import { fromBase64, sealedToWire, sealTo } from '../../src/sealing/seal.js';
import { formatMoment } from '../../src/web/custody-time.js';
import { ENGINES } from '../support/engines.js';
import { startHarness, type Harness } from '../http/harness.js';
import { csvLines, nextLink, summary, tableRows } from './register-list-pages.js';

/*
 * The prison roll, the separation view, the prison findings and the reprisal flags as register
 * lists (issue 18, "One list component"), through the real app on both engines: the total the
 * service counts in the reader's scope, the range of calendar days on the pages' clock
 * (UTC+05:00: 00:30 on 3 May there is still 2 May in UTC), the CSV of every matching row (a
 * facility's staff or a region's official get only theirs; the roll's and the flags' reads are
 * recorded as the page's), the print view with every row and no filters or links, and the next
 * page keeping the filters.
 */

/** The server's time at the end: 11:00 on 4 May 2026 on the pages' clock. */
const END = Date.parse('2026-05-04T06:00:00.000Z');
/** 23:30 on 2 May and 00:30 on 3 May local (both 2 May in UTC), 09:00 on 3 May local. */
const LATE_ON_2_MAY = '2026-05-02T18:30:00.000Z';
const EARLY_ON_3_MAY = '2026-05-02T19:30:00.000Z';
const MORNING_3_MAY = '2026-05-03T04:00:00.000Z';
/** Admitted on 10 April: enough for a page and more (DEFAULT_PAGE is 50). */
const MANY = 50;

for (const engine of ENGINES) {
  describe(`prison lists (${engine})`, () => {
    let h: Harness;
    let now = Date.parse('2026-04-01T04:00:00.000Z');
    let remand: string;
    let karaganda: string;
    type Session = { cookie: string; csrfToken: string };
    let remandOfficer: Session;
    let karagandaOfficer: Session;
    let monitor: Session;
    let karagandaMonitor: Session;
    let karagandaProcurator: Session;
    let procurator: Session;
    let complaintsOfficer: Session;
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

    async function person(familyName: string, facilityId: string): Promise<string> {
      return (
        await createPerson(
          h.store,
          { familyName, givenNames: 'Ержан', birthDate: '1990-01-15', sex: 'male', facilityId },
          'test',
          new Date(now),
        )
      ).id;
    }

    async function admit(familyName: string, facilityId: string, admittedAt: string, personId?: string) {
      const stay = await admitPrisoner(
        services,
        staff('prison-officer', facilityId),
        {
          personId: personId ?? (await person(familyName, facilityId)),
          facilityId,
          admittedAt,
          commitmentOrder: '2-5/2026',
        },
        new Date(now),
      );
      stays[familyName] = stay.id;
    }

    /** A placement of 23 hours a day without contact: separation, and an intl.solitary.definition finding. */
    const place = (familyName: string, facilityId: string, at: string) =>
      recordStayEvent(
        services,
        staff('prison-officer', facilityId),
        stays[familyName] ?? '',
        { type: 'placed', at, unit: 'корпус 2', localName: 'карантин', hoursWithoutContact: 23 },
        new Date(now),
      );

    /** A reprimand by the governor: a reprisal flag, since the person complained in April. */
    const reprimand = (familyName: string, facilityId: string) =>
      recordStayEvent(
        services,
        staff('governor', facilityId),
        stays[familyName] ?? '',
        { type: 'discipline-decided', measure: 'reprimand', reason: 'нарушение распорядка' },
        new Date(now),
      );

    async function complain(personId: string, facilityId: string, publicKey: string) {
      const kiosk = (
        await createToken(
          h.store,
          { role: 'kiosk', name: 'kiosk', facilities: [facilityId], regions: [] },
          'test',
        )
      ).token;
      const sealed = sealedToWire(
        await sealTo(
          fromBase64(publicKey),
          new TextEncoder().encode(
            JSON.stringify({
              v: 1,
              text: 'в камере холодно',
              language: 'ru',
              writtenAt: new Date(now).toISOString(),
              media: [],
            }),
          ),
        ),
      );
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/v1/complaints',
        headers: { authorization: `Bearer ${kiosk}` },
        payload: { facilityId, category: 'conditions', sealed, pin: '4321', complainant: { personId } },
      });
      expect(response.statusCode, response.body).toBe(201);
    }

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
      remandOfficer = await h.session('prison-officer', { facilities: [remand] });
      karagandaOfficer = await h.session('prison-officer', { facilities: [karaganda] });
      monitor = await h.session('monitor');
      karagandaMonitor = await h.session('monitor', { regions: ['KZ-KAR'] });
      karagandaProcurator = await h.session('procurator', { regions: ['KZ-KAR'] });
      procurator = await h.session('procurator');
      complaintsOfficer = await h.session('complaints-officer');

      // 1 April: three people complain at the kiosks, then are admitted.
      await initSealing(h.dataDir, 'ключ для списков учреждений', {
        kdf: { memoryKiB: 19_456, iterations: 2, parallelism: 1 },
      });
      const key = (await h.app.inject({ url: '/api/v1/sealing/key' })).json() as { publicKey: string };
      const complainants: [string, string][] = [
        ['Жалобин', remand],
        ['Обиженов', remand],
        ['Карагандинов', karaganda],
      ];
      const people: Record<string, string> = {};
      for (const [name, facilityId] of complainants) {
        people[name] = await person(name, facilityId);
        await complain(people[name] ?? '', facilityId, key.publicKey);
      }
      now += 2 * 3_600_000;
      for (const [name, facilityId] of complainants)
        await admit(name, facilityId, '2026-04-01T05:00:00.000Z', people[name]);
      // 10 April: a page's worth more at the remand centre.
      now = Date.parse('2026-04-10T06:00:00.000Z');
      for (let i = 0; i < MANY; i++)
        await admit(`Многов${String(i).padStart(2, '0')}`, remand, '2026-04-10T05:00:00.000Z');
      // 23:30 on 2 May local: Ранний admitted and placed, Жалобин reprimanded.
      now = Date.parse(LATE_ON_2_MAY);
      await admit('Ранний', remand, LATE_ON_2_MAY);
      await place('Ранний', remand, LATE_ON_2_MAY);
      await reprimand('Жалобин', remand);
      // 00:30 on 3 May local: Поздний admitted and placed, Обиженов reprimanded.
      now = Date.parse(EARLY_ON_3_MAY);
      await admit('Поздний', remand, EARLY_ON_3_MAY);
      await place('Поздний', remand, EARLY_ON_3_MAY);
      await reprimand('Обиженов', remand);
      // Karaganda, another region: placed and reprimanded on the morning of 3 May.
      now = Date.parse(MORNING_3_MAY);
      await place('Карагандинов', karaganda, MORNING_3_MAY);
      await reprimand('Карагандинов', karaganda);
      now = END;
    }, 180_000);

    afterAll(async () => {
      await h?.close();
    });

    describe('the roll', () => {
      test('the total counts every stay the filters match in the officer’s facility, not only the page', async () => {
        const page = (await get(remandOfficer, '/prison?lang=ru')).body;
        expect(summary(page)).toBe(`Показано: 50 из ${MANY + 4}.`);
        expect(page).not.toContain('Карагандинов');
        const other = (await get(karagandaOfficer, '/prison?lang=en')).body;
        expect(summary(other)).toBe('Shown: 1 of 1.');
        expect(summary((await get(monitor, '/prison?lang=en')).body)).toBe(`Shown: 50 of ${MANY + 5}.`);
      });

      test('the date range of admission is calendar days on the pages’ clock: 00:30 on 3 May local is 3 May, though 2 May in UTC', async () => {
        const third = (
          await get(remandOfficer, '/prison?lang=en&admittedFrom=2026-05-03&admittedTo=2026-05-03')
        ).body;
        expect(summary(third)).toBe('Shown: 1 of 1.');
        expect(third).toContain('Поздний Ержан');
        expect(third).toContain('name="admittedFrom" value="2026-05-03"');
        const second = (
          await get(remandOfficer, '/prison?lang=en&admittedTo=2026-05-02&admittedFrom=2026-05-02')
        ).body;
        expect(summary(second)).toBe('Shown: 1 of 1.');
        expect(second).toContain('Ранний Ержан');
        // An open end: from 2 May on; a date that is not one is dropped, not an error.
        expect(summary((await get(remandOfficer, '/prison?lang=en&admittedFrom=2026-05-02')).body)).toBe(
          'Shown: 2 of 2.',
        );
        const odd = await get(remandOfficer, '/prison?lang=en&admittedFrom=2026-13-45');
        expect(odd.statusCode).toBe(200);
        expect(summary(odd.body)).toBe(`Shown: 50 of ${MANY + 4}.`);
      });

      test('the next page keeps the filters and ends the list; a cursor that is not one is a bad request', async () => {
        const first = (
          await get(remandOfficer, '/prison?lang=en&admittedFrom=2026-04-01&admittedTo=2026-04-10')
        ).body;
        expect(summary(first)).toBe(`Shown: 50 of ${MANY + 2}.`);
        const next = nextLink(first);
        const query = new URL(next, 'http://x').searchParams;
        expect(query.get('admittedFrom')).toBe('2026-04-01');
        expect(query.get('admittedTo')).toBe('2026-04-10');
        expect(query.get('status')).toBe('held');
        expect(query.get('cursor')).not.toBeNull();
        const second = (await get(remandOfficer, `${next}&lang=en`)).body;
        expect(summary(second)).toBe(`Shown: 2 of ${MANY + 2}.`);
        expect(nextLink(second)).toBe('');
        expect((await get(remandOfficer, '/prison?cursor=%%%')).statusCode).toBe(400);
        expect((await get(remandOfficer, '/prison?cursor=bm90LWEtY3Vyc29y')).statusCode).toBe(400);
      });

      test('the CSV: every matching stay, a header in the page’s language, a byte-order mark, local times; only the officer’s facility; read-audited', async () => {
        const before = (await h.store.readStream(auditStream('prison'))).length;
        const response = await get(remandOfficer, '/prison?lang=ru&format=csv');
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(response.headers['content-disposition']).toBe('attachment; filename="prison-roll.csv"');
        expect(response.body.startsWith('\uFEFF')).toBe(true);
        const lines = csvLines(response.body);
        expect(lines[0]).toBe(
          'Лицо,Учреждение,Поступил,Режим и местное название,Статус,Дни в изоляции,Пожизненное лишение свободы,Открытые сроки,Замечания',
        );
        expect(lines).toHaveLength(MANY + 5);
        const late = lines.find((line) => line.startsWith('Поздний Ержан')) ?? '';
        expect(late).toContain(formatMoment('ru', EARLY_ON_3_MAY));
        expect(late).toContain('00:30 (UTC+05:00)');
        expect(late).not.toContain('2026-05-02T');
        expect(response.body).not.toContain('Карагандинов');
        const reads = (await h.store.readStream(auditStream('prison'))).slice(before);
        expect(reads.map((read) => (read.payload as { purpose: string }).purpose)).toEqual([
          'the list downloaded as CSV',
        ]);
        const other = csvLines((await get(karagandaOfficer, '/prison?lang=en&format=csv')).body);
        expect(other).toHaveLength(2);
        expect(other[1]).toContain('Карагандинов Ержан');
      });

      test('the print view: every stay in a table, without filters, paging or download links', async () => {
        const printed = (await get(remandOfficer, '/prison?lang=kk&print=1')).body;
        expect(tableRows(printed)).toBe(MANY + 4);
        // Status and life sentence are CSV columns of their own; the table says them beside the regime.
        expect(printed).not.toContain('>Мәртебесі</th>');
        expect(printed).not.toContain('<form class="filters"');
        expect(printed).not.toContain('rel="next"');
        expect(printed).not.toContain('format=csv');
        expect(printed).not.toContain('class="episodes"');
        expect(printed).not.toContain('href="/prison/stays/');
      });

      test('the page links its CSV and print view with the filters kept', async () => {
        const page = (await get(remandOfficer, '/prison?lang=en&status=held&admittedFrom=2026-05-02')).body;
        expect(page).toContain('href="/prison?status=held&admittedFrom=2026-05-02&format=csv"');
        expect(page).toContain('href="/prison?status=held&admittedFrom=2026-05-02&print=1"');
      });
    });

    describe('the separation view', () => {
      test('the total and the date range of separation since, on the pages’ clock; a region’s procurator gets only theirs', async () => {
        const all = (await get(monitor, '/prison/separation?lang=en')).body;
        expect(summary(all)).toBe('Shown: 3 of 3.');
        const third = (
          await get(monitor, '/prison/separation?lang=en&sinceFrom=2026-05-03&sinceTo=2026-05-03')
        ).body;
        expect(summary(third)).toBe('Shown: 2 of 2.');
        expect(third).toContain('Поздний Ержан');
        expect(third).toContain('Карагандинов Ержан');
        expect(third).not.toContain('Ранний Ержан');
        const csv = csvLines((await get(karagandaProcurator, '/prison/separation?lang=ru&format=csv')).body);
        expect(csv[0]).toBe(
          'Лицо,Учреждение,Режим и местное название,Дней подряд,В изоляции с,Плановое окончание',
        );
        expect(csv).toHaveLength(2);
        expect(csv[1]).toContain('Карагандинов Ержан');
        expect(csv[1]).toContain(formatMoment('ru', MORNING_3_MAY));
        const printed = (await get(monitor, '/prison/separation?lang=ru&print=1&sinceTo=2026-05-02')).body;
        expect(tableRows(printed)).toBe(1);
        expect(printed).toContain('Ранний Ержан');
        expect(printed).not.toContain('<form class="filters"');
        expect(printed).not.toContain('href="/prison/stays/');
      });
    });

    describe('the prison findings', () => {
      test('the total and the date range of days found agree with the findings themselves', async () => {
        const rule = 'rule=intl.solitary.definition';
        expect(summary((await get(monitor, `/prison/findings?lang=en&${rule}`)).body)).toBe('Shown: 3 of 3.');
        const third = (
          await get(monitor, `/prison/findings?lang=en&${rule}&foundFrom=2026-05-03&foundTo=2026-05-03`)
        ).body;
        expect(summary(third)).toBe('Shown: 2 of 2.');
        // The reprisal flags join the monitor's findings, counted with them, and not the procurator's:
        // on 3 May local, Обиженов's and Карагандинов's.
        const range = '/prison/findings?lang=en&foundFrom=2026-05-03&foundTo=2026-05-03&print=1';
        const byMonitor = (await get(monitor, range)).body;
        const byProcurator = (await get(procurator, range)).body;
        expect(summary(byMonitor)).toBe(`Shown: ${tableRows(byMonitor)} of ${tableRows(byMonitor)}.`);
        expect(summary(byProcurator)).toBe(
          `Shown: ${tableRows(byProcurator)} of ${tableRows(byProcurator)}.`,
        );
        expect(tableRows(byMonitor) - tableRows(byProcurator)).toBe(2);
        expect(byProcurator).not.toContain('kz.complaint.reprisal');
        expect(byMonitor).not.toContain('href="/prison/stays/');
      });

      test('the rule filter reads as the rules’ names; the code stands under the name, and in a column of its own in the CSV', async () => {
        const page = (await get(monitor, '/prison/findings?lang=ru&rule=intl.solitary.definition')).body;
        expect(page).toMatch(/<option value="intl.solitary.definition" selected>[^<(]+<\/option>/);
        expect(page).not.toMatch(/<option[^>]*>[^<]*\(intl\./);
        expect(page).toContain('<code class="rule-id">intl.solitary.definition</code>');
        expect(page).not.toContain('>Код правила</th>');
      });

      test('the CSV: every matching finding in the page’s words; a region’s procurator gets only their region’s', async () => {
        const lines = csvLines(
          (
            await get(
              karagandaProcurator,
              '/prison/findings?lang=ru&format=csv&rule=intl.solitary.definition',
            )
          ).body,
        );
        expect(lines[0]).toBe('Когда,Правило,Код правила,Вид,Что не выполнено,Учреждение,Дело');
        expect(lines).toHaveLength(2);
        expect(lines[1]).toContain('intl.solitary.definition');
        expect(lines[1]).toContain('Учреждение АК-159/1');
        expect(lines[1]).toContain(formatMoment('ru', MORNING_3_MAY));
        expect(lines.join('\n')).not.toContain('СИЗО г. Астаны');
      });
    });

    describe('the reprisal flags', () => {
      test('the total and the date range of the measure, on the pages’ clock; a region’s monitor gets only theirs', async () => {
        expect(summary((await get(complaintsOfficer, '/reprisal-flags?lang=en')).body)).toBe(
          'Shown: 3 of 3.',
        );
        const second = (await get(monitor, '/reprisal-flags?lang=en&actedFrom=2026-05-02&actedTo=2026-05-02'))
          .body;
        expect(summary(second)).toBe('Shown: 1 of 1.');
        expect(second).toContain('Жалобин Ержан');
        const regional = (await get(karagandaMonitor, '/reprisal-flags?lang=en')).body;
        expect(summary(regional)).toBe('Shown: 1 of 1.');
        expect(regional).toContain('Карагандинов Ержан');
        expect((await get(remandOfficer, '/reprisal-flags?format=csv')).statusCode).toBe(403);
      });

      test('the CSV and the print view: every flag, the complaint by its receipt only, recorded as reads of the names they show', async () => {
        const before = (await h.store.readStream(auditStream('reprisal-flags'))).length;
        const response = await get(complaintsOfficer, '/reprisal-flags?lang=kk&format=csv');
        const lines = csvLines(response.body);
        expect(lines[0]).toBe('Адам,Мекеме,Жаза немесе ауыстыру,Қашан,Шағым берілген уақыт,Шағым түбіртегі');
        expect(lines).toHaveLength(4);
        expect(response.body).not.toContain('холодно');
        const early = lines.find((line) => line.startsWith('Обиженов')) ?? '';
        expect(early).toContain(formatMoment('kk', EARLY_ON_3_MAY));
        const printed = (await get(monitor, '/reprisal-flags?lang=kk&print=1')).body;
        expect(tableRows(printed)).toBe(3);
        expect(printed).not.toContain('href="/prison/stays/');
        expect(printed).not.toContain('<form class="filters"');
        const reads = (await h.store.readStream(auditStream('reprisal-flags'))).slice(before);
        expect(reads.map((read) => (read.payload as { purpose: string }).purpose)).toEqual([
          'the list downloaded as CSV',
          'the list printed',
        ]);
      });
    });
  });
}
