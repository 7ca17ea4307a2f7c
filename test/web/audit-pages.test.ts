import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Principal, Role } from '../../src/access/principal.js';
import { createUser } from '../../src/app/accounts.js';
import { appendRead } from '../../src/app/audit.js';
import { personStream } from '../../src/domain/registry/person.js';
import { MESSAGES, type Lang } from '../../src/web/i18n.js';
import { ENGINES } from '../support/engines.js';
import { startHarness, PASSWORD, type Harness } from '../http/harness.js';
import { csvLines, nextLink, summary } from './register-list-pages.js';

/*
 * Who read a record, when and why (GET /api/v1/audit as a page, issue 18), through the real app on
 * both engines: the monitor and the procurator within their regions, nobody else — the page, its
 * CSV and its print view alike; the reads of one record counted within a range of days on the
 * pages' clock (a day is [00:00, next 00:00) at UTC+05:00), newest first with keyset paging that
 * keeps the filters; the reader, the role and the purpose in the page's language; and the link
 * "who read this record" on a record's page for the roles that may follow it.
 */

/** A local calendar day's 00:00 at UTC+05:00, as epoch milliseconds. */
const localMidnight = (day: string) => Date.parse(`${day}T00:00:00+05:00`);
const BOM = '\uFEFF';
const DAY = '2026-03-10';
const HOUR = 3_600_000;

type Session = { cookie: string; csrfToken: string };

const shown = (lang: Lang, count: number, total: number) =>
  MESSAGES[lang]['list.shownOf'].replace('{{count}}', String(count)).replace('{{total}}', String(total));
/** The register list of a page, without the menu and the header's links. */
const listOf = (html: string) => /<div class="register-list"[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
/** A CSV cell as csv-stringify writes it. */
const cell = (text: string) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

for (const engine of ENGINES)
  describe(`who read a record (${engine})`, () => {
    let h: Harness;
    // The log's clock only goes forward.
    let now = Date.parse('2026-01-05T04:00:00.000Z');
    let monitor: Session;
    let procurator: Session;
    let almatyMonitor: Session;
    let officer: Session;
    let officerReader: Principal;
    let custodyId = '';
    let readers = 0;
    const personFilters = () => `kind=person&record=${h.personId}&readFrom=${DAY}&readTo=${DAY}`;

    const get = (session: Session | null, url: string) =>
      h.app.inject({ method: 'GET', url, headers: session ? { cookie: session.cookie } : {} });

    /** An official with an account (the page names the account), as the services see them. */
    async function official(name: string, role: Role, facilities: string[]): Promise<Principal> {
      const username = `reader${++readers}`;
      const { id } = await createUser(
        h.store,
        { username, password: PASSWORD, name, role, facilities, regions: [] },
        'test',
      );
      return { id, kind: 'user', username, name, role, facilities, regions: [] };
    }

    beforeAll(async () => {
      h = await startHarness(engine, { clock: () => new Date(now) });
      monitor = await h.session('monitor');
      procurator = await h.session('procurator');
      almatyMonitor = await h.session('monitor', { regions: ['KZ-ALA'] });
      officer = await h.session('custody-officer');
      officerReader = await official('Серикбаев Арман', 'custody-officer', [h.facilities.astana]);
      const judge = await official('Судья Омарова', 'judge', []);
      // The person's record, read on 9 March 23:59 local (the day before), 55 times on 10 March
      // from its 00:00, and on 11 March at 00:00 (the day after).
      const read = async (at: number, reader: Principal, purpose?: string) => {
        now = at;
        await appendRead(h.store, reader, personStream(h.personId), purpose);
      };
      await read(localMidnight(DAY) - 60_000, officerReader);
      for (let i = 0; i < 55; i++)
        await read(
          localMidnight(DAY) + i * 60_000,
          i % 2 === 0 ? officerReader : judge,
          i % 2 === 0 ? undefined : `дело № ${String(i).padStart(2, '0')}`,
        );
      await read(localMidnight('2026-03-11'), officerReader);
      // A facility's roll as its kiosks list it: Habeas states why.
      now = localMidnight('2026-03-12');
      await appendRead(
        h.store,
        { id: 'kiosk-test', kind: 'service', name: 'kiosk', role: 'kiosk', facilities: [], regions: [] },
        `roll/${h.facilities.astana}`,
        'kiosk roll',
      );
      now = localMidnight('2026-03-13');
      const arrest = await h.app.inject({
        method: 'POST',
        url: '/api/v1/custody',
        headers: h.bearer('custody-officer'),
        payload: {
          personId: h.personId,
          facilityId: h.facilities.astana,
          apprehendedAt: new Date(now - 2 * HOUR).toISOString(),
          place: 'г. Астана, пр. Республики, 1',
          grounds: 'ст. 190 УК РК',
          arrestingOfficer: 'капитан Серикбаев',
        },
      });
      expect(arrest.statusCode, arrest.body).toBe(201);
      custodyId = arrest.json<{ id: string }>().id;
    });
    afterAll(async () => h?.close());

    describe('who may read the audit: the monitor and the procurator in their regions, nobody else', () => {
      test('a custody officer gets the 403 page in kk, ru and en, for the page, the CSV and the print view', async () => {
        for (const lang of ['kk', 'ru', 'en'] as const)
          for (const extra of ['', '&format=csv', '&print=1']) {
            const page = await get(officer, `/audit?lang=${lang}&${personFilters()}${extra}`);
            expect(page.statusCode, `${lang}${extra}`).toBe(403);
            expect(page.headers['content-type']).toMatch(/^text\/html/);
            expect(page.body).toContain(MESSAGES[lang]['problem.forbidden.title']);
            expect(page.body).not.toContain('Серикбаев Арман');
          }
        const blank = await get(officer, '/audit?lang=kk');
        expect(blank.statusCode).toBe(403);
        expect(blank.body).toContain(MESSAGES.kk['problem.forbidden.title']);
      });

      test('not signed in: the sign-in page, then back to the audit', async () => {
        const page = await get(null, `/audit?${personFilters()}&format=csv`);
        expect(page.statusCode).toBe(303);
        expect(page.headers.location).toMatch(/^\/login\?next=%2Faudit/);
      });

      test('a monitor of another region is refused the record’s reads, page and CSV alike', async () => {
        const page = await get(almatyMonitor, `/audit?lang=ru&${personFilters()}`);
        expect(page.statusCode).toBe(403);
        expect(page.body).toContain(MESSAGES.ru['problem.forbidden.title']);
        expect(page.body).not.toContain('Серикбаев Арман');
        const csv = await get(almatyMonitor, `/audit?lang=ru&${personFilters()}&format=csv`);
        expect(csv.statusCode).toBe(403);
        expect(csv.body).not.toContain('Серикбаев Арман');
        // Its own region's records it may see: the page opens, empty of a record.
        expect((await get(almatyMonitor, '/audit?lang=ru')).statusCode).toBe(200);
      });

      test('the monitor’s and the procurator’s menus link the audit; the custody officer’s does not', async () => {
        for (const session of [monitor, procurator])
          expect((await get(session, '/?lang=en')).body).toContain('href="/audit"');
        expect((await get(officer, '/?lang=en')).body).not.toContain('href="/audit"');
      });
    });

    describe('the reads of a person’s record', () => {
      test('the total counts the reads of the days chosen, a day being 00:00 to 00:00 local, newest first, and the next page keeps the filters', async () => {
        const first = await get(monitor, `/audit?lang=en&${personFilters()}`);
        expect(first.statusCode).toBe(200);
        expect(summary(first.body)).toBe(shown('en', 50, 55));
        // Newest first: the 55th read of the day (i = 54) heads the list.
        expect(first.body.indexOf('Серикбаев Арман')).toBeLessThan(first.body.indexOf('Судья Омарова'));
        expect(first.body).toContain('дело № 53');
        expect(first.body).not.toContain('дело № 03');
        const next = nextLink(first.body);
        for (const kept of ['kind=person', `record=${h.personId}`, `readFrom=${DAY}`, `readTo=${DAY}`])
          expect(next).toContain(kept);
        const second = await get(monitor, `${next}&lang=en`);
        expect(second.statusCode).toBe(200);
        expect(summary(second.body)).toBe(shown('en', 5, 55));
        expect(second.body).toContain('дело № 01');
        expect(second.body).not.toContain('rel="next"');
        // The day after holds the one read at its 00:00; without a range, every read.
        const after = await get(
          procurator,
          `/audit?lang=en&kind=person&record=${h.personId}&readFrom=2026-03-11&readTo=2026-03-11`,
        );
        expect(summary(after.body)).toBe(shown('en', 1, 1));
        const all = await get(procurator, `/audit?lang=en&kind=person&record=${h.personId}`);
        expect(summary(all.body)).toBe(shown('en', 50, 57));
      });

      test('each read says who, in which role and why, in the page’s language; an unstated purpose is the role’s duty', async () => {
        const page = await get(monitor, `/audit?lang=kk&${personFilters()}`);
        const list = listOf(page.body);
        expect(list).toContain('Серикбаев Арман');
        expect(list).toContain(MESSAGES.kk['role.custody-officer']);
        expect(list).toContain(MESSAGES.kk['role.judge']);
        expect(list).toContain(MESSAGES.kk['audit.purpose.duty']);
        expect(list).toContain('дело № 53');
        expect(list).toContain('(UTC+05:00)');
        expect(list).not.toContain('custody duties');
        // The form to choose another record and other days.
        expect(page.body).toContain('name="readFrom"');
        expect(page.body).toContain(`value="${h.personId}"`);
      });

      test('the CSV has a BOM, the Russian header row and every read of the days, with local times', async () => {
        const csv = await get(monitor, `/audit?lang=ru&${personFilters()}&format=csv`);
        expect(csv.statusCode).toBe(200);
        expect(csv.headers['content-type']).toMatch(/^text\/csv/);
        expect(csv.headers['content-disposition']).toContain('reads.csv');
        expect(csv.body.startsWith(BOM)).toBe(true);
        const lines = csvLines(csv.body);
        const ru = MESSAGES.ru;
        expect(lines[0]).toBe(
          [ru['audit.readAt'], ru['audit.reader'], ru['audit.role'], ru['audit.purpose'], ru['audit.seq']]
            .map(cell)
            .join(','),
        );
        expect(lines).toHaveLength(56);
        expect(lines[1]).toContain('Серикбаев Арман');
        expect(lines[1]).toContain(ru['role.custody-officer']);
        expect(lines[1]).toContain(ru['audit.purpose.duty']);
        expect(lines[1]).toContain('(UTC+05:00)');
        expect(lines[2]).toContain('дело № 53');
        expect(csv.body).not.toMatch(/T\d{2}:\d{2}:\d{2}|Z"|custody duties/);
      });

      test('the print view has every read of the days and no filters, paging or links', async () => {
        const print = await get(procurator, `/audit?lang=kk&${personFilters()}&print=1`);
        expect(print.statusCode).toBe(200);
        expect(summary(print.body)).toBe(shown('kk', 55, 55));
        expect(print.body).not.toContain('class="filters"');
        expect(print.body).not.toContain('rel="next"');
        expect(print.body).not.toContain('format=csv');
        expect(listOf(print.body)).not.toContain('href=');
        expect(print.body).toContain('дело № 01');
      });

      test('a cursor that is not one answers the bad-request page', async () => {
        expect((await get(monitor, `/audit?${personFilters()}&cursor=%3Cscript%3E`)).statusCode).toBe(400);
        const wrongShape = Buffer.from(JSON.stringify(['x'])).toString('base64url');
        expect((await get(monitor, `/audit?${personFilters()}&cursor=${wrongShape}`)).statusCode).toBe(400);
      });
    });

    describe('choosing the record', () => {
      test('before a record is chosen the page asks for one, and offers no CSV or print view of nothing', async () => {
        const page = await get(monitor, '/audit?lang=ru');
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain(MESSAGES.ru['audit.choose']);
        expect(page.body).not.toContain('format=csv');
        for (const kind of ['person', 'custody', 'prison', 'footage', 'complaint', 'roll'])
          expect(page.body).toContain(`<option value="${kind}"`);
        expect((await get(monitor, '/audit?format=csv')).statusCode).toBe(400);
        expect((await get(monitor, '/audit?kind=person&print=1')).statusCode).toBe(400);
      });

      test('a record that does not exist: the form again with the reason (404), and no CSV', async () => {
        const page = await get(monitor, '/audit?lang=kk&kind=custody&record=nosuchrecord');
        expect(page.statusCode).toBe(404);
        expect(page.body).toContain(MESSAGES.kk['audit.notFound']);
        expect(page.body).toContain('value="nosuchrecord"');
        expect((await get(monitor, '/audit?kind=custody&record=nosuchrecord&format=csv')).statusCode).toBe(
          404,
        );
        // Not a record's number at all: the same answer, never an error, and the text stays text.
        const odd = await get(monitor, `/audit?lang=en&kind=person&record=${encodeURIComponent('"><b>x')}`);
        expect(odd.statusCode).toBe(404);
        expect(odd.body).not.toContain('"><b>x');
      });

      test('a facility’s roll: the purpose Habeas stated is said in the page’s language', async () => {
        const page = await get(monitor, `/audit?lang=ru&kind=roll&record=${h.facilities.astana}`);
        expect(page.statusCode).toBe(200);
        expect(summary(page.body)).toBe(shown('ru', 1, 1));
        expect(listOf(page.body)).toContain(MESSAGES.ru['audit.purpose.kioskRoll']);
        expect(listOf(page.body)).toContain(MESSAGES.ru['role.kiosk']);
        expect(page.body).not.toContain('kiosk roll');
      });

      test('a custody episode read on its page: the monitor sees who read it, and the episode links its audit for the monitor only', async () => {
        now = localMidnight('2026-03-14') + 9 * HOUR;
        const read = await get(officer, `/custody/${custodyId}?lang=en`);
        expect(read.statusCode).toBe(200);
        expect(read.body).not.toContain('/audit?');
        const episode = await get(monitor, `/custody/${custodyId}?lang=ru`);
        expect(episode.body).toContain(`href="/audit?kind=custody&record=${custodyId}"`);
        expect(episode.body).toContain(MESSAGES.ru['audit.link']);
        const audit = await get(
          monitor,
          `/audit?lang=en&kind=custody&record=${custodyId}&readFrom=2026-03-14&readTo=2026-03-14`,
        );
        expect(audit.statusCode).toBe(200);
        // The officer's read and the monitor's own (opening the episode is a read too).
        expect(summary(audit.body)).toBe(shown('en', 2, 2));
        expect(listOf(audit.body)).toContain(MESSAGES.en['role.custody-officer']);
        expect(listOf(audit.body)).toContain(MESSAGES.en['role.monitor']);
        // The record's own page is linked from its audit.
        expect(audit.body).toContain(`href="/custody/${custodyId}"`);
      });

      test('the person’s page links its audit for the procurator, not for the custody officer', async () => {
        const page = await get(procurator, `/people/${h.personId}?lang=kk`);
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain(`href="/audit?kind=person&record=${h.personId}"`);
        expect(page.body).toContain(MESSAGES.kk['audit.link']);
        const officers = await get(officer, `/people/${h.personId}?lang=kk`);
        expect(officers.body).not.toContain('/audit?');
      });
    });
  });
