import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditStream } from '../../src/access/read-audit.js';
import type { Principal } from '../../src/access/principal.js';
import { recordCustodyEvent, registerArrest } from '../../src/app/custody.js';
import { createFacility, createPerson, getFacility } from '../../src/app/registry.js';
import { formatMoment } from '../../src/web/custody-time.js';
import { ENGINES } from '../support/engines.js';
import { startHarness, type Harness } from '../http/harness.js';

/*
 * The custody desk, the findings and the referrals as register lists (issue 18, "One list
 * component"), through the real app on both engines: the total the service counts in the
 * reader's scope, the range of calendar days on the custody unit's clock (UTC+05:00), the CSV
 * of every matching row (a facility's staff get only theirs, reads recorded as the page's), the
 * print view with every row and no filters or links, and the next page keeping the filters.
 */

const HOUR = 3_600_000;
/** The server's time: 11:00 on 4 May 2026 on the custody unit's clock. */
const NOW = Date.parse('2026-05-04T06:00:00.000Z');
const at = (text: string) => new Date(Date.parse(text));
/** Past the first page of a list (DEFAULT_PAGE is 50). */
const MANY = 51;

const body = (response: { body: string }) => response.body;
/** The rows of the list's table (the print view). */
const tableRows = (html: string): number =>
  (/<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '').split('<tr>').length - 1;
/** The CSV's lines without its byte-order mark and the last line break. */
const csvLines = (text: string): string[] =>
  text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n$/, '')
    .split('\r\n');
const summary = (html: string): string =>
  /<p class="register-list__summary"[^>]*>([^<]*)/.exec(html)?.[1]?.trim() ?? '';
/** The next page's address as the page links it. */
const nextLink = (html: string): string => /<a href="([^"]+)" rel="next">/.exec(html)?.[1] ?? '';

for (const engine of ENGINES) {
  describe(`custody lists (${engine})`, () => {
    let h: Harness;
    let busy: string;
    let elsewhere: string;
    type Session = { cookie: string; csrfToken: string };
    let officer: Session;
    let busyOfficer: Session;
    let elsewhereOfficer: Session;
    let monitor: Session;
    let regionalProcurator: Session;
    let medical: Session;
    const episodes: Record<string, string> = {};

    const get = (session: Session, url: string) =>
      h.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
    const principal = (facilityId: string): Principal => ({
      id: `officer-${facilityId}`,
      kind: 'user',
      name: 'officer',
      role: 'custody-officer',
      facilities: [facilityId],
      regions: [],
    });

    /** Registers a person and their arrest at a facility, the record drawn up at `recordedAt`. */
    async function arrest(familyName: string, facilityId: string, apprehendedAt: string, recordedAt: string) {
      const personId = (
        await createPerson(
          h.store,
          { familyName, givenNames: 'Асхат', birthDate: '1990-02-02', sex: 'male', facilityId },
          'test',
          at(recordedAt),
        )
      ).id;
      const view = await registerArrest(
        h.app.habeas,
        principal(facilityId),
        {
          personId,
          facilityId,
          apprehendedAt,
          place: 'ул. Кенесары 40',
          grounds: 'ст. 188 УК РК',
          arrestingOfficer: 'ст. лейтенант Ахметов Б.',
        },
        at(recordedAt),
      );
      episodes[familyName] = view.id;
      return view.id;
    }

    async function injury(custodyId: string, facilityId: string, when: string) {
      await recordCustodyEvent(
        h.app.habeas,
        principal(facilityId),
        custodyId,
        {
          type: 'injury-recorded',
          at: when,
          observedBy: 'дежурный Сапаров',
          description: 'ссадина на левой скуле',
        },
        at(when),
      );
    }

    beforeAll(async () => {
      h = await startHarness(engine, { clock: () => new Date(NOW) });
      const astana = h.facilities.astana;
      const astanaRegion = (await getFacility(h.store, astana))?.region;
      const otherRegion = (await getFacility(h.store, h.facilities.almatyWomen))?.region;
      if (astanaRegion === undefined || otherRegion === undefined) throw new Error('no regions');
      const custodyUnit = async (name: string, region: string) =>
        (await createFacility(h.store, { name, kind: 'police-custody', population: 'mixed', region }, 'test'))
          .id;
      busy = await custodyUnit('ИВС Загруженный', astanaRegion);
      elsewhere = await custodyUnit('ИВС г. Алматы', otherRegion);
      officer = await h.session('custody-officer');
      busyOfficer = await h.session('custody-officer', { facilities: [busy] });
      elsewhereOfficer = await h.session('custody-officer', { facilities: [elsewhere] });
      monitor = await h.session('monitor');
      regionalProcurator = await h.session('procurator', { facilities: [], regions: [astanaRegion] });
      medical = await h.session('medical');

      // Astana: 01:00 on 4 May local is still 3 May in UTC; 15:00 on 3 May; 23:30 on 2 May, drawn
      // up 6.5 hours late (a kz.custody.actual-time flag found at 06:00 on 3 May local).
      await arrest('Ночной', astana, '2026-05-03T20:00:00.000Z', '2026-05-03T20:30:00.000Z');
      await arrest('Дневной', astana, '2026-05-03T10:00:00.000Z', '2026-05-03T10:30:00.000Z');
      await arrest('Ранний', astana, '2026-05-02T18:30:00.000Z', '2026-05-03T01:00:00.000Z');
      // Almaty, another region: late too, found on 4 May.
      await arrest('Алматинский', elsewhere, '2026-05-03T22:00:00.000Z', '2026-05-04T04:00:00.000Z');
      // The busy unit: more than a page, one an hour back from the server's time.
      for (let i = 0; i < MANY; i++) {
        const moment = new Date(NOW - (i + 1) * 0.5 * HOUR).toISOString();
        await arrest(`Загруженный${String(i).padStart(2, '0')}`, busy, moment, moment);
      }
      // Injuries: referrals opened at 15:30 on 3 May and at 02:00 on 4 May local, and one in Almaty.
      await injury(episodes.Дневной ?? '', astana, '2026-05-03T10:30:00.000Z');
      await injury(episodes.Ночной ?? '', astana, '2026-05-03T21:00:00.000Z');
      await injury(episodes.Алматинский ?? '', elsewhere, '2026-05-04T04:00:00.000Z');
    }, 120_000);

    afterAll(async () => {
      await h?.close();
    });

    describe('the desk', () => {
      test('the total counts every episode the filters match in the officer’s units, not only the page', async () => {
        const page = body(await get(busyOfficer, '/custody?lang=ru'));
        expect(summary(page)).toBe(`Показано: 50 из ${MANY}.`);
        const astana = body(await get(officer, '/custody?lang=en'));
        expect(summary(astana)).toBe('Shown: 3 of 3.');
        expect(astana).not.toContain('Алматинский');
        expect(astana).not.toContain('Загруженный');
        // The cards with their live clocks are still the page.
        expect(astana).toContain('<ol class="episodes"');
        expect(astana).toContain('id="clock-texts"');
      });

      test('the date range is calendar days on the custody unit’s clock: 01:00 on 4 May local is 4 May, though 3 May in UTC', async () => {
        const fourth = body(
          await get(officer, '/custody?lang=en&apprehendedFrom=2026-05-04&apprehendedTo=2026-05-04'),
        );
        expect(summary(fourth)).toBe('Shown: 1 of 1.');
        expect(fourth).toContain('Ночной Асхат');
        const third = body(
          await get(officer, '/custody?lang=en&apprehendedFrom=2026-05-03&apprehendedTo=2026-05-03'),
        );
        expect(summary(third)).toBe('Shown: 1 of 1.');
        expect(third).toContain('Дневной Асхат');
        // From 3 May on, open-ended; and a backwards range is read the right way round.
        expect(summary(body(await get(officer, '/custody?lang=en&apprehendedFrom=2026-05-03')))).toBe(
          'Shown: 2 of 2.',
        );
        const backwards = body(
          await get(officer, '/custody?lang=en&apprehendedFrom=2026-05-03&apprehendedTo=2026-05-02'),
        );
        expect(summary(backwards)).toBe('Shown: 2 of 2.');
        expect(backwards).toContain('name="apprehendedFrom" value="2026-05-02"');
        // Not a date: no range, and no error.
        const odd = await get(officer, '/custody?lang=en&apprehendedFrom=yesterday&apprehendedTo=2026-02-31');
        expect(odd.statusCode).toBe(200);
        expect(summary(odd.body)).toBe('Shown: 3 of 3.');
      });

      test('the next page keeps the filters, status “any” included, and ends the list', async () => {
        const first = body(
          await get(busyOfficer, '/custody?lang=en&status=any&clock=running&apprehendedFrom=2026-05-02'),
        );
        expect(summary(first)).toBe(`Shown: 50 of ${MANY}.`);
        const next = nextLink(first);
        const query = new URL(next, 'http://x').searchParams;
        expect(query.get('status')).toBe('any');
        expect(query.get('clock')).toBe('running');
        expect(query.get('apprehendedFrom')).toBe('2026-05-02');
        expect(query.get('cursor')).not.toBeNull();
        const second = body(await get(busyOfficer, next));
        expect(summary(second)).toBe(`Shown: 1 of ${MANY}.`);
        expect(second).toContain('<option value="any" selected>');
        expect(second).not.toContain('rel="next"');
        expect((await get(busyOfficer, '/custody?cursor=%%%')).statusCode).toBe(400);
      });

      test('the CSV: every matching row, a header in the page’s language, a byte-order mark, local times; and only the officer’s units', async () => {
        const before = (await h.store.readStream(auditStream('custody'))).length;
        const response = await get(busyOfficer, '/custody?lang=ru&format=csv');
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(response.headers['content-disposition']).toBe('attachment; filename="custody-desk.csv"');
        expect(response.body.startsWith('\uFEFF')).toBe(true);
        const lines = csvLines(response.body);
        expect(lines[0]).toBe(
          'Задержанный,ИВС,Статус,Задержан,Срок задержания без санкции суда,Срок задержания истекает,Замечания',
        );
        expect(lines).toHaveLength(MANY + 1);
        expect(lines.slice(1).every((line) => line.startsWith('Загруженный'))).toBe(true);
        expect(lines[1]).toContain('(UTC+05:00)');
        expect(response.body).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
        expect(response.body).toContain('Содержится');
        // The reading is recorded as the page's: one read naming every episode, saying why.
        const reads = (await h.store.readStream(auditStream('custody'))).slice(before);
        expect(reads).toHaveLength(1);
        expect(reads[0]?.payload).toMatchObject({ purpose: 'the list downloaded as CSV' });
        expect((reads[0]?.payload as { records: string[] }).records).toHaveLength(MANY);

        const astana = await get(officer, '/custody?lang=en&format=csv&apprehendedFrom=2026-05-03');
        const astanaLines = csvLines(astana.body);
        expect(astanaLines).toHaveLength(3);
        expect(astana.body).toContain('Ночной Асхат');
        expect(astana.body).toContain('Дневной Асхат');
        expect(astana.body).not.toContain('Ранний');
        expect(astana.body).not.toContain('Загруженный');
        expect(astana.body).not.toContain('Алматинский');
        const theirs = await get(elsewhereOfficer, '/custody?format=csv');
        expect(theirs.body).toContain('Алматинский');
        expect(theirs.body).not.toContain('Ночной');
      });

      test('the print view: every row in a table, without filters, paging or download links', async () => {
        const before = (await h.store.readStream(auditStream('custody'))).length;
        const printed = body(await get(busyOfficer, '/custody?lang=kk&print=1'));
        expect(tableRows(printed)).toBe(MANY);
        expect(summary(printed)).toBe(`Көрсетілді: ${MANY} ішінен ${MANY}.`);
        expect(printed).not.toContain('<form class="filters"');
        expect(printed).not.toContain('rel="next"');
        expect(printed).not.toContain('format=csv');
        expect(printed).not.toContain('<ol class="episodes"');
        expect(printed).not.toContain('custody.js');
        const reads = (await h.store.readStream(auditStream('custody'))).slice(before);
        expect(reads.map((read) => read.payload)).toEqual([
          expect.objectContaining({ purpose: 'the list printed' }),
        ]);
      });

      test('the page links its CSV and print view with the filters kept', async () => {
        const page = body(await get(officer, '/custody?lang=en&status=released&apprehendedTo=2026-05-03'));
        expect(page).toContain('href="/custody?status=released&apprehendedTo=2026-05-03&format=csv"');
        expect(page).toContain('href="/custody?status=released&apprehendedTo=2026-05-03&print=1"');
      });
    });

    describe('the findings', () => {
      type ApiFinding = { at: string; rule: string; facilityId: string };
      /** Every finding the API gives a national monitor: what the page's count must agree with. */
      async function allFindings(): Promise<ApiFinding[]> {
        const response = await h.app.inject({
          url: '/api/v1/custody-findings?limit=200',
          headers: h.bearer('monitor'),
        });
        return (response.json() as { items: ApiFinding[] }).items;
      }
      /** The calendar day of a moment on the custody unit's clock (UTC+05:00). */
      const localDay = (iso: string) => new Date(Date.parse(iso) + 5 * HOUR).toISOString().slice(0, 10);

      test('the total and the date range of days found agree with the findings themselves, on the custody unit’s clock', async () => {
        const all = await allFindings();
        expect(all.length).toBeGreaterThan(1);
        const page = body(await get(monitor, '/custody/findings?lang=en'));
        expect(summary(page)).toBe(`Shown: ${Math.min(all.length, 50)} of ${all.length}.`);
        const third = all.filter((finding) => localDay(finding.at) === '2026-05-03');
        expect(third.length).toBeGreaterThan(0);
        expect(third.length).toBeLessThan(all.length);
        const ranged = body(
          await get(monitor, '/custody/findings?lang=en&foundFrom=2026-05-03&foundTo=2026-05-03'),
        );
        expect(summary(ranged)).toBe(`Shown: ${third.length} of ${third.length}.`);
        expect(ranged).toContain('name="foundFrom" value="2026-05-03"');
      });

      test('the rule filter reads as the rules’ names; the code stands in a column of its own', async () => {
        const page = body(await get(monitor, '/custody/findings?lang=ru&rule=kz.custody.actual-time'));
        expect(page).toContain('<option value="kz.custody.actual-time" selected>');
        expect(page).not.toMatch(/<option[^>]*>[^<]*\(kz\./);
        expect(page).toMatch(/<th scope="col"[^>]*>Код правила<\/th>/);
        expect(page).toContain('<code class="rule-id">kz.custody.actual-time</code>');
      });

      test('the CSV: every matching finding in the page’s words; a regional procurator gets only their region’s', async () => {
        const all = await allFindings();
        const response = await get(monitor, '/custody/findings?lang=kk&format=csv');
        expect(response.statusCode).toBe(200);
        expect(response.body.startsWith('\uFEFF')).toBe(true);
        const lines = csvLines(response.body);
        expect(lines[0]).toBe(
          'Қашан,Қағида,Ереже коды,Түрі,Не орындалмады,Уақытша ұстау изоляторы,Ұстап алу хаттамасы',
        );
        expect(lines).toHaveLength(all.length + 1);
        expect(response.body).toContain('ИВС г. Алматы');
        expect(response.body).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
        const regional = await get(regionalProcurator, '/custody/findings?lang=kk&format=csv');
        const inRegion = all.filter((finding) => finding.facilityId !== elsewhere);
        expect(csvLines(regional.body)).toHaveLength(inRegion.length + 1);
        expect(regional.body).not.toContain('ИВС г. Алматы');
        expect(body(await get(regionalProcurator, '/custody/findings?lang=en'))).toContain(
          `Shown: ${Math.min(inRegion.length, 50)} of ${inRegion.length}.`,
        );
        expect((await get(officer, '/custody/findings?format=csv')).statusCode).toBe(403);
      });

      test('the print view has every finding and no links', async () => {
        const all = await allFindings();
        const printed = body(await get(monitor, '/custody/findings?lang=ru&print=1'));
        expect(tableRows(printed)).toBe(all.length);
        expect(printed).not.toContain('<form class="filters"');
        expect(printed).not.toMatch(/href="\/custody\/[A-Za-z0-9_-]{10,}"/);
      });
    });

    describe('the referrals', () => {
      test('waiting ones by default, counted in the health official’s facility only, with a range of days opened', async () => {
        const page = body(await get(medical, '/custody/referrals?lang=en'));
        expect(summary(page)).toBe('Shown: 2 of 2.');
        expect(page).toContain('Дневной Асхат');
        expect(page).toContain('Ночной Асхат');
        expect(page).not.toContain('Алматинский');
        const fourth = body(
          await get(medical, '/custody/referrals?lang=en&openedFrom=2026-05-04&openedTo=2026-05-04'),
        );
        expect(summary(fourth)).toBe('Shown: 1 of 1.');
        expect(fourth).toContain('Ночной Асхат');
        const examined = body(await get(medical, '/custody/referrals?lang=en&status=examined'));
        expect(summary(examined)).toBe('Shown: 0 of 0.');
        expect(body(await get(medical, '/custody/referrals?lang=en&status=any'))).toContain(
          'href="/custody/referrals?status=any&format=csv"',
        );
      });

      test('the CSV and the print view: every referral, recorded as reads of the names they show', async () => {
        const before = (await h.store.readStream(auditStream('custody-referrals'))).length;
        const response = await get(medical, '/custody/referrals?lang=ru&format=csv');
        const lines = csvLines(response.body);
        expect(lines[0]).toBe('Открыто,Задержанный,ИВС,Запись о повреждениях,Статус');
        expect(lines).toHaveLength(3);
        expect(lines[1]).toContain('Дневной Асхат');
        expect(lines[1]).toContain(formatMoment('ru', '2026-05-03T10:30:00.000Z'));
        expect(lines[1]).toContain('15:30 (UTC+05:00)');
        expect(lines[1]).toContain('Ожидает');
        expect(response.body).not.toContain('Алматинский');
        const printed = body(await get(medical, '/custody/referrals?lang=ru&print=1'));
        expect(tableRows(printed)).toBe(2);
        expect(printed).not.toContain('<form class="filters"');
        const reads = (await h.store.readStream(auditStream('custody-referrals'))).slice(before);
        expect(reads.map((read) => (read.payload as { purpose: string }).purpose)).toEqual([
          'the list downloaded as CSV',
          'the list printed',
        ]);
      });
    });
  });
}
