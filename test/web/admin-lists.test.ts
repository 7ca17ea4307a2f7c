import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditStream } from '../../src/access/read-audit.js';
import { createToken } from '../../src/app/accounts.js';
import { INTEGRITY_STREAM } from '../../src/app/integrity.js';
import { createPerson } from '../../src/app/registry.js';
import type { JsonValue } from '../../src/ledger/json.js';
import { MESSAGES } from '../../src/web/i18n.js';
import { ENGINES } from '../support/engines.js';
import { startHarness, type Harness } from '../http/harness.js';
import { form } from './jar.js';

/*
 * The administration and register lists on the one register list (issue 18, "One list
 * component"), through the real app on both engines: the accounts, the arrests and admissions
 * that reached people registered elsewhere, the history of integrity checks and the search of
 * the register. Each counts what its filters match within the reader's scope, filters by days on
 * the pages' clock (a day is [00:00, next 00:00) at UTC+05:00), keeps its filters on the next
 * page, and answers a CSV (BOM, header row, text in the page's language) and a print view of
 * every matching row — recorded in the log where reading the page is.
 */

const HOUR = 3_600_000;
/** A local calendar day's 00:00 at UTC+05:00, as epoch milliseconds. */
const localMidnight = (day: string) => Date.parse(`${day}T00:00:00+05:00`);
const BOM = '\uFEFF';

type Session = { cookie: string; csrfToken: string };

const shown = (lang: 'en' | 'ru' | 'kk', count: number, total: number) =>
  MESSAGES[lang]['list.shownOf'].replace('{{count}}', String(count)).replace('{{total}}', String(total));
const csvLines = (body: string) => body.replace(BOM, '').trimEnd().split('\r\n');
/** The register list of a page, without the menu and the header's links. */
const listOf = (html: string) => /<div class="register-list"[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
const nextLink = (html: string) => /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replaceAll('&amp;', '&');

for (const engine of ENGINES)
  describe(`administration and register lists (${engine})`, () => {
    let h: Harness;
    // The log's clock only goes forward: each part below sets it later than the one before.
    let now = Date.parse('2026-01-05T04:00:00.000Z');
    let admin: Session;
    let monitor: Session;
    let astanaMonitor: Session;
    let officer: Session;

    const get = (session: Session | null, url: string) =>
      h.app.inject({ method: 'GET', url, headers: session ? { cookie: session.cookie } : {} });
    const post = (session: Session, url: string, fields: Record<string, string>) =>
      h.app.inject({
        method: 'POST',
        url,
        ...form({ _csrf: session.csrfToken, ...fields }),
        headers: { ...form({}).headers, cookie: session.cookie },
      });

    beforeAll(async () => {
      h = await startHarness(engine, { clock: () => new Date(now) });
      admin = await h.session('admin');
      monitor = await h.session('monitor');
      astanaMonitor = await h.session('monitor', { regions: ['KZ-AST'] });
      officer = await h.session('custody-officer');
    });
    afterAll(async () => h?.close());

    describe('accounts', () => {
      const day = '2026-03-10';
      const filters = `kind=service&role=procurator&createdFrom=${day}&createdTo=${day}`;

      beforeAll(async () => {
        // 55 procurator service accounts on 10 March (local), the first at its 00:00; one at
        // 11 March 00:00 local (the next day, outside the range).
        const token = (name: string, at: number) => {
          now = at;
          return createToken(
            h.store,
            { role: 'procurator', name, facilities: [], regions: [] },
            'test',
            new Date(at),
          );
        };
        for (let i = 0; i < 55; i++)
          await token(`Прокуратура ${String(i).padStart(2, '0')}`, localMidnight(day) + i * 60_000);
        await token('Прокуратура завтра', localMidnight('2026-03-11'));
      });

      test('the total counts the accounts the filters match, a day being 00:00 to 00:00 local, and the next page keeps the filters', async () => {
        const first = await get(admin, `/accounts?lang=en&${filters}`);
        expect(first.statusCode).toBe(200);
        expect(first.body).toContain(shown('en', 50, 55));
        expect(first.body).toContain('Прокуратура 00');
        expect(first.body).not.toContain('Прокуратура завтра');
        const next = nextLink(first.body);
        expect(next).toBeDefined();
        for (const kept of ['kind=service', 'role=procurator', `createdFrom=${day}`, `createdTo=${day}`])
          expect(next).toContain(kept);
        const second = await get(admin, `${next}&lang=en`);
        expect(second.body).toContain(shown('en', 5, 55));
        expect(second.body).toContain('Прокуратура 54');
        expect(second.body).not.toContain('rel="next"');
        // The day after holds the one account created at its 00:00.
        const after = await get(
          admin,
          `/accounts?lang=en&kind=service&createdFrom=2026-03-11&createdTo=2026-03-11`,
        );
        expect(after.body).toContain(shown('en', 1, 1));
        expect(after.body).toContain('Прокуратура завтра');
      });

      test('the CSV has a BOM, the Russian header row and every matching account, with local times and no secret', async () => {
        const csv = await get(admin, `/accounts?lang=ru&format=csv&${filters}`);
        expect(csv.statusCode).toBe(200);
        expect(csv.headers['content-type']).toMatch(/^text\/csv/);
        expect(csv.headers['content-disposition']).toContain('accounts.csv');
        expect(csv.body.startsWith(BOM)).toBe(true);
        const lines = csvLines(csv.body);
        const ru = MESSAGES.ru;
        expect(lines[0]).toBe(
          [
            ru['accounts.column.account'],
            ru['accounts.column.name'],
            ru['accounts.column.kind'],
            ru['accounts.column.role'],
            ru['accounts.column.scope'],
            ru['accounts.column.state'],
            ru['accounts.column.created'],
          ].join(','),
        );
        expect(lines).toHaveLength(56);
        expect(lines[1]).toContain('Прокуратура 00');
        expect(lines[1]).toContain(ru['accounts.kind.service']);
        expect(lines[1]).toContain('(UTC+05:00)');
        expect(csv.body).not.toMatch(/hbs_|T\d{2}:\d{2}:\d{2}|Z"/);
        // The administrator's alone.
        expect((await get(monitor, `/accounts?format=csv&${filters}`)).statusCode).toBe(403);
      });

      test('the print view has every matching account and no filters, paging or links to download', async () => {
        const print = await get(admin, `/accounts?lang=kk&print=1&${filters}`);
        expect(print.statusCode).toBe(200);
        expect(print.body).toContain(shown('kk', 55, 55));
        expect(print.body).toContain('Прокуратура 54');
        expect(print.body).not.toContain('class="filters"');
        expect(print.body).not.toContain('rel="next"');
        expect(print.body).not.toContain('format=csv');
      });

      test('a cursor that is not one answers the bad-request page', async () => {
        expect((await get(admin, '/accounts?cursor=%3Cscript%3E')).statusCode).toBe(400);
        const wrongShape = Buffer.from(JSON.stringify([1])).toString('base64url');
        expect((await get(admin, `/accounts?cursor=${wrongShape}`)).statusCode).toBe(400);
      });
    });

    describe('arrests and admissions of people registered elsewhere', () => {
      beforeAll(async () => {
        const row = (seq: number, facility: string, recordedAt: number) => ({
          seq: 1_000_000 + seq,
          person_id: h.personId,
          facility_id: facility,
          record: 'arrest' as const,
          record_id: `episode-${seq}`,
          reached_by: 'document',
          document_kind: 'passport',
          at: new Date(recordedAt - HOUR).toISOString(),
          recorded_at: new Date(recordedAt).toISOString(),
          actor: 'test',
        });
        const day = localMidnight('2026-04-02');
        await h.store.db
          .insertInto('person_reach')
          .values([
            row(1, h.facilities.astana, day), // 2 April 00:00 local
            row(2, h.facilities.astana, day + 10 * HOUR),
            row(3, h.facilities.astana, day + 24 * HOUR - 60_000), // 2 April 23:59 local
            row(4, h.facilities.astana, day + 24 * HOUR), // 3 April 00:00 local
            row(5, h.facilities.almatyWomen, day + 2 * HOUR),
            row(6, h.facilities.almatyWomen, day + 3 * HOUR),
          ])
          .execute();
      });

      const range = 'recordedFrom=2026-04-02&recordedTo=2026-04-02';

      test('the total counts the reaches of the days recorded, within the reader’s regions', async () => {
        const national = await get(monitor, `/people-reached?lang=en&${range}`);
        expect(national.statusCode).toBe(200);
        expect(national.body).toContain(shown('en', 5, 5));
        expect(national.body).toContain('Женская колония');
        const regional = await get(astanaMonitor, `/people-reached?lang=en&${range}`);
        expect(regional.body).toContain(shown('en', 3, 3));
        expect(regional.body).not.toContain('Женская колония');
        const all = await get(monitor, '/people-reached?lang=en');
        expect(all.body).toContain(shown('en', 6, 6));
        expect((await get(officer, `/people-reached?${range}`)).statusCode).toBe(403);
      });

      test('the CSV is the reader’s rows only, in Kazakh, and its reading is recorded with why', async () => {
        const before = (await h.store.readStream(auditStream('person-reach'))).length;
        const csv = await get(astanaMonitor, `/people-reached?lang=kk&format=csv&${range}`);
        expect(csv.statusCode).toBe(200);
        expect(csv.body.startsWith(BOM)).toBe(true);
        const lines = csvLines(csv.body);
        expect(lines[0]).toBe(
          [
            MESSAGES.kk['prison.person'],
            MESSAGES.kk['reached.record'],
            MESSAGES.kk['prison.facility'],
            MESSAGES.kk['reached.how'],
            MESSAGES.kk['reached.by'],
            MESSAGES.kk['reached.at'],
          ]
            .map((cell) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell))
            .join(','),
        );
        expect(lines).toHaveLength(4);
        expect(csv.body).toContain('Абенов Ерлан');
        expect(csv.body).toContain('ИВС г. Астаны');
        expect(csv.body).not.toContain('Женская колония');
        expect(csv.body).toContain(MESSAGES.kk['reach.by.document']);
        const audit = await h.store.readStream(auditStream('person-reach'));
        expect(audit.length).toBe(before + 1);
        expect(audit.at(-1)?.payload).toMatchObject({ purpose: 'the list downloaded as CSV' });
      });

      test('the print view lists every row without filters, paging or links, and is recorded too', async () => {
        const before = (await h.store.readStream(auditStream('person-reach'))).length;
        const print = await get(monitor, `/people-reached?lang=ru&print=1&${range}`);
        expect(print.statusCode).toBe(200);
        expect(print.body).toContain(shown('ru', 5, 5));
        expect(print.body).not.toContain('class="filters"');
        expect(listOf(print.body)).toContain('Абенов Ерлан');
        expect(listOf(print.body)).not.toContain('href=');
        const audit = await h.store.readStream(auditStream('person-reach'));
        expect(audit.at(-1)?.payload).toMatchObject({ purpose: 'the list printed' });
        expect(audit.length).toBe(before + 1);
      });

      test('a forged cursor answers the bad-request page', async () => {
        expect((await get(monitor, '/people-reached?cursor=bm90LWEtY3Vyc29y')).statusCode).toBe(400);
      });
    });

    describe('the history of integrity checks', () => {
      beforeAll(async () => {
        const record = async (at: number, type: string, payload: JsonValue) => {
          now = at;
          await h.store.append({
            stream: INTEGRITY_STREAM,
            expectedVersion: 'any',
            actor: 'test',
            events: [{ type, payload }],
          });
        };
        const day = localMidnight('2026-05-01');
        await record(day + HOUR, 'integrity-check-failed', {
          checkedAt: new Date(day + HOUR).toISOString(),
          size: 120,
          log: null,
          readModels: [{ table: 'people', added: 0, removed: 1, altered: 2 }],
        });
        await record(day + 7 * HOUR, 'integrity-check-passed', {
          checkedAt: new Date(day + 7 * HOUR).toISOString(),
          size: 130,
          log: null,
          readModels: null,
        });
        await record(day + 24 * HOUR, 'integrity-check-failed', {
          checkedAt: new Date(day + 24 * HOUR).toISOString(),
          size: 140,
          log: { seq: 77 },
          readModels: null,
        });
      });

      test('the total counts the checks recorded on the days asked, and the page says what each found', async () => {
        const page = await get(monitor, '/integrity?lang=ru&checkedFrom=2026-05-01&checkedTo=2026-05-01');
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain(shown('ru', 2, 2));
        expect(page.body).toContain(MESSAGES.ru['integrity.history.failed']);
        expect(page.body).toContain(MESSAGES.ru['integrity.history.passed']);
        expect(page.body).toContain('people: изменено 2, добавлено 0, удалено 1');
        expect(page.body).not.toContain('77');
        const next = await get(monitor, '/integrity?lang=ru&checkedFrom=2026-05-02&checkedTo=2026-05-02');
        expect(next.body).toContain(shown('ru', 1, 1));
        expect(next.body).toContain(MESSAGES.ru['integrity.check.log.failedAt'].replace('{{seq}}', '77'));
      });

      test('the CSV and the print view carry every recorded check, for integrity readers only', async () => {
        const csv = await get(admin, '/integrity?lang=en&format=csv');
        expect(csv.statusCode).toBe(200);
        expect(csv.body.startsWith(BOM)).toBe(true);
        const lines = csvLines(csv.body);
        expect(lines[0]).toBe('Checked at,Result,Entries checked,The log,Records shown on the pages');
        expect(lines).toHaveLength(4);
        expect(lines[1]).toContain('Does not verify from entry 77.');
        expect(lines[1]).toContain('(UTC+05:00)');
        const print = await get(admin, '/integrity?lang=kk&print=1');
        expect(print.body).toContain(shown('kk', 3, 3));
        expect(print.body).not.toContain('action="/integrity/check"');
        expect(print.body).not.toContain('class="filters"');
        expect((await get(officer, '/integrity?format=csv')).statusCode).toBe(403);
      });
    });

    describe('the search of the register', () => {
      beforeAll(async () => {
        const person = (familyName: string, registeredAt: number, facilityId: string) =>
          createPerson(
            h.store,
            { familyName, givenNames: 'Нурлан', birthDate: '1990-01-01', sex: 'male', facilityId },
            'test',
            new Date(registeredAt),
          );
        await person('Сейтказиев', localMidnight('2026-02-01'), h.facilities.astana);
        await person('Сейтказин', localMidnight('2026-02-02'), h.facilities.astana);
        await person('Сейтенов', localMidnight('2026-02-01') + 3 * HOUR, h.facilities.almatyWomen);
      });

      const search = {
        lookupName: 'сейт',
        lookupRegisteredFrom: '2026-02-01',
        lookupRegisteredTo: '2026-02-01',
      };

      test('the days registered narrow a search, and the matches offer a CSV and a print view that post it again', async () => {
        const page = await post(officer, '/people/search?lang=en', search);
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain('Сейтказиев');
        expect(page.body).not.toContain('Сейтказин');
        expect(page.body).not.toContain('Сейтенов'); // another facility's
        expect(page.body).toContain(
          '<form class="register-list__export" method="post" action="/people/search">',
        );
        expect(page.body).toContain('name="lookupRegisteredFrom" value="2026-02-01"');
        // Names never sit in an address.
        expect(page.body).not.toMatch(/href="[^"]*(lookupName|%D1%81%D0%B5%D0%B9%D1%82)/);
        const wider = await post(officer, '/people/search?lang=en', { lookupName: 'сейт' });
        expect(wider.body).toContain('Сейтказин');
      });

      test('the CSV is the search’s matches alone, recorded in the log like the search, with why', async () => {
        const before = (await h.store.readStream(auditStream('person-lookup'))).length;
        const csv = await post(officer, '/people/search?lang=ru', { ...search, format: 'csv' });
        expect(csv.statusCode).toBe(200);
        expect(csv.headers['content-type']).toMatch(/^text\/csv/);
        expect(csv.body.startsWith(BOM)).toBe(true);
        const lines = csvLines(csv.body);
        expect(lines[0]).toBe(
          [
            MESSAGES.ru['search.person'],
            MESSAGES.ru['person.id'],
            MESSAGES.ru['person.birthDate'],
            MESSAGES.ru['person.sex'],
            MESSAGES.ru['search.reach'],
          ].join(','),
        );
        expect(lines).toHaveLength(2);
        expect(lines[1]).toContain('Сейтказиев Нурлан');
        expect(lines[1]).toContain('1990');
        expect(csv.body).not.toContain('Сейтенов');
        const audit = await h.store.readStream(auditStream('person-lookup'));
        expect(audit.length).toBe(before + 1);
        expect(audit.at(-1)?.payload).toMatchObject({ purpose: 'the list downloaded as CSV' });
        // Another facility's staff get none of these people.
        const other = await h.session('prison-officer', { facilities: [h.facilities.almatyWomen] });
        const theirs = await post(other, '/people/search?lang=ru', { ...search, format: 'csv' });
        expect(theirs.body).not.toContain('Сейтказиев');
        expect(theirs.body).toContain('Сейтенов');
      });

      test('the print view shows the matches without the search form or links', async () => {
        const print = await post(officer, '/people/search?lang=kk', { ...search, print: '1' });
        expect(print.statusCode).toBe(200);
        expect(print.body).toContain('Сейтказиев');
        expect(print.body).not.toContain('id="lookupName"');
        expect(listOf(print.body)).not.toContain('href=');
        expect(print.body).not.toContain('register-list__export');
      });
    });
  });
