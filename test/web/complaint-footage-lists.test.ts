import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Principal, Role, Sex } from '../../src/access/principal.js';
import { recordReceivedComplaint } from '../../src/app/complaints.js';
import { HABEAS_SYSTEM, placeEvidenceHold, registerFootage } from '../../src/app/footage.js';
import { getFacility } from '../../src/app/registry.js';
import { initSealing } from '../../src/sealing/keystore.js';
import { createUser } from '../../src/app/accounts.js';
import { login } from '../../src/app/sessions.js';
import { SESSION_COOKIE } from '../../src/http/session-cookie.js';
import { PASSWORD, startHarness, type Harness } from '../http/harness.js';
import { ENGINES } from '../support/engines.js';

/*
 * The complaint and footage lists as register lists (issue 18, "One list component"), through the
 * real app on both engines: each counts what its filters match in the reader's scope ("n of N"),
 * filters by days on the pages' clock (UTC+05:00), answers a CSV of every matching row and a print
 * view, and keeps its filters in the next page's link. The complaints' content never leaves the
 * sealed store, the reads of the CSV are recorded as the page's, and kz.cctv.women holds in the CSV.
 */

const HOUR = 3_600_000;
const NOW = Date.parse('2026-05-10T06:00:00.000Z');
const TEST_KDF = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
const SECRET = 'СЕКРЕТНЫЙ-ТЕКСТ';
const BOM = '\uFEFF';

type Session = { cookie: string; csrfToken: string };

/** The CSV's lines without the byte-order mark. */
const csvLines = (body: string): string[] => body.replace(BOM, '').trimEnd().split('\r\n');

for (const engine of ENGINES) {
  describe(`complaint and footage lists (${engine})`, () => {
    let h: Harness;
    const refs = { early: '', allegation: '', women: '' };
    let officer: Session;
    let regionalProcurator: Session;
    let governor: Session;
    let regionalMonitor: Session;
    let womenFootage = '';
    let users = 0;
    /** A logged-in official of these facilities, of this sex (kz.cctv.women). */
    async function sessionOf(role: Role, facilities: string[], sex: Sex): Promise<Session> {
      const username = `lists${++users}`;
      await createUser(
        h.store,
        { username, password: PASSWORD, name: username, role, facilities, regions: [], sex },
        'test',
      );
      const result = await login(h.store, { username, password: PASSWORD, ip: '127.0.0.1' });
      if (!result) throw new Error('login failed');
      return {
        cookie: `${SESSION_COOKIE}=${h.app.signCookie(result.sessionId)}`,
        csrfToken: result.csrfToken,
      };
    }
    const get = (session: Session, url: string) =>
      h.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });

    const service = (role: Role, facilities: string[], sex?: Sex): Principal => ({
      id: `test-${role}-${facilities.join('-')}`,
      kind: 'service',
      name: 'test',
      role,
      facilities,
      regions: [],
      ...(sex ? { sex } : {}),
    });

    beforeAll(async () => {
      h = await startHarness(engine, { clock: () => new Date(NOW) });
      await initSealing(h.dataDir, 'списки жалоб и записей', { kdf: TEST_KDF });
      const { astana, almatyWomen } = h.facilities;
      const womenRegion = (await getFacility(h.store, almatyWomen))?.region ?? '';
      const astanaRegion = (await getFacility(h.store, astana))?.region ?? '';
      officer = await h.session('complaints-officer');
      regionalProcurator = await h.session('procurator', { regions: [womenRegion] });
      governor = await h.session('governor');
      regionalMonitor = await h.session('monitor', { regions: [astanaRegion] });

      const receive = async (facilityId: string, category: string, receivedAt: string, extra = {}) =>
        (
          await recordReceivedComplaint(
            h.app.habeas,
            service('complaints-officer', []),
            {
              facilityId,
              channel: 'paper',
              category: category as 'conditions',
              text: `${SECRET}: ${category}`,
              receivedAt,
              ...extra,
            },
            new Date(NOW),
          )
        ).reference;
      // Received on 1 May; at 00:30 on 4 May on the pages' clock, which is still 3 May in UTC; 6 May.
      refs.early = await receive(astana, 'conditions', '2026-05-01T05:00:00.000Z', {
        complainant: { personId: h.personId },
        protectionRequested: true,
      });
      refs.allegation = await receive(astana, 'torture-or-ill-treatment', '2026-05-03T19:30:00.000Z');
      refs.women = await receive(almatyWomen, 'torture-or-ill-treatment', '2026-05-06T05:00:00.000Z');

      // 51 holds at Astana an hour apart from 1 May 00:00 (+05:00), one at the women's colony.
      for (let i = 0; i < 51; i++)
        await placeEvidenceHold(
          h.app.habeas,
          HABEAS_SYSTEM,
          {
            facilityId: astana,
            from: '2026-04-29T00:00:00.000Z',
            to: '2026-04-29T01:00:00.000Z',
            basis: 'other',
            reference: `HOLD-${String(i).padStart(2, '0')}`,
            reason: `${SECRET}: a reason the list does not show`,
          },
          new Date(Date.parse('2026-04-30T19:00:00.000Z') + i * HOUR),
        );
      await placeEvidenceHold(
        h.app.habeas,
        HABEAS_SYSTEM,
        {
          facilityId: almatyWomen,
          from: '2026-04-29T00:00:00.000Z',
          to: '2026-04-29T01:00:00.000Z',
          basis: 'other',
          reference: 'HOLD-WOMEN',
          reason: 'kept',
        },
        new Date(NOW - HOUR),
      );

      womenFootage = (
        await registerFootage(
          h.app.habeas,
          service('prison-officer', [almatyWomen], 'female'),
          {
            facilityId: almatyWomen,
            camera: 'CAM-07',
            place: 'Коридор, отряд 3',
            from: '2026-05-05T04:00:00.000Z',
            to: '2026-05-05T05:00:00.000Z',
            retainUntil: '2026-06-05T05:00:00.000Z',
          },
          new Date(NOW),
        )
      ).id;
    });
    afterAll(async () => h?.close());

    test('the inbox counts what matches and filters by days on the pages’ clock, not UTC days', async () => {
      const all = await get(officer, '/complaints?lang=en');
      expect(all.statusCode, all.body).toBe(200);
      expect(all.body).toContain('Shown: 3 of 3.');
      const fromFourth = await get(officer, '/complaints?lang=en&submittedFrom=2026-05-04');
      expect(fromFourth.body).toContain('Shown: 2 of 2.');
      expect(fromFourth.body).toContain(refs.allegation);
      expect(fromFourth.body).not.toContain(refs.early);
      expect(fromFourth.body).toContain('name="submittedFrom" value="2026-05-04"');
      // The CSV and print links keep the filters.
      expect(fromFourth.body).toContain('href="/complaints?submittedFrom=2026-05-04&format=csv"');
      expect(fromFourth.body).toContain('href="/complaints?submittedFrom=2026-05-04&print=1"');
      const third = await get(officer, '/complaints?lang=en&submittedFrom=2026-05-03&submittedTo=2026-05-03');
      expect(third.body).toContain('Shown: 0 of 0.');
    });

    test('the inbox’s CSV: BOM, a header in the page’s language, every matching row with local times, never the text; the read recorded with why', async () => {
      const csv = await get(
        officer,
        '/complaints?lang=ru&format=csv&submittedFrom=2026-05-04&submittedTo=2026-05-04',
      );
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toBe('attachment; filename="complaints.csv"');
      expect(csv.body.startsWith(BOM)).toBe(true);
      const lines = csvLines(csv.body);
      expect(lines[0]).toMatch(/^Номер,Категория,/);
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(refs.allegation);
      expect(lines[1]).toContain('4 мая 2026');
      expect(lines[1]).toContain('(UTC+05:00)');
      expect(csv.body).not.toContain('T19:30');
      expect(csv.body).not.toContain(SECRET);
      const read = (await h.store.readStream('audit/complaints')).at(-1);
      expect(read?.payload).toMatchObject({ purpose: 'the list downloaded as CSV', purposeStated: true });
      expect((read?.payload as { records?: string[] }).records).toHaveLength(1);
      // The whole inbox: the complainant named as on the page, the text nowhere.
      const whole = await get(officer, '/complaints?lang=en&format=csv');
      expect(csvLines(whole.body)).toHaveLength(4);
      expect(whole.body).toContain('Абенов');
      expect(whole.body).not.toContain(SECRET);
    });

    test('the procurator’s inbox, allegations, CSV and print view hold only the allegations of their region', async () => {
      const inbox = await get(regionalProcurator, '/complaints?lang=en&format=csv');
      expect(inbox.statusCode).toBe(200);
      expect(csvLines(inbox.body)).toHaveLength(2);
      expect(inbox.body).toContain(refs.women);
      expect(inbox.body).not.toContain(refs.allegation);
      const page = await get(regionalProcurator, '/allegations?lang=en');
      expect(page.body).toContain('Shown: 1 of 1.');
      const print = await get(regionalProcurator, '/allegations?lang=ru&print=1');
      expect(print.statusCode).toBe(200);
      expect(print.body).toContain(refs.women);
      expect(print.body).not.toContain(refs.allegation);
      expect(print.body).not.toContain('class="filters"');
      expect(print.body).not.toContain('format=csv');
      expect((await h.store.readStream('audit/allegations')).at(-1)?.payload).toMatchObject({
        purpose: 'the list printed',
      });
      const csv = await get(regionalProcurator, '/allegations?lang=kk&format=csv&submittedTo=2026-05-05');
      expect(csvLines(csv.body)).toEqual([csvLines(csv.body)[0]]);
      expect(csvLines(csv.body)[0]).toMatch(/^[^A-Za-z]+$/);
      expect((await get(regionalProcurator, '/allegations?cursor=not*a*cursor')).statusCode).toBe(400);
    });

    test('the governor’s requests: total, days requested, CSV without the complaint behind them', async () => {
      const page = await get(governor, '/protection-requests?lang=en');
      expect(page.statusCode, page.body).toBe(200);
      expect(page.body).toContain('Shown: 1 of 1.');
      expect((await get(governor, '/protection-requests?lang=en&requestedFrom=2026-05-11')).body).toContain(
        'Shown: 0 of 0.',
      );
      // Recorded on 10 May (requested when the authority recorded it).
      const csv = await get(
        governor,
        '/protection-requests?lang=en&format=csv&status=pending&requestedFrom=2026-05-10&requestedTo=2026-05-10',
      );
      const lines = csvLines(csv.body);
      expect(lines[0]).toBe('Request,Person,Facility,Requested,Decision due,Status,Decided,Reason');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain('Special protection');
      expect(lines[1]).toContain('Абенов');
      expect(csv.body).not.toContain(refs.early);
      expect(csv.body).not.toContain(SECRET);
      expect((await h.store.readStream('audit/protection-requests')).at(-1)?.payload).toMatchObject({
        purpose: 'the list downloaded as CSV',
      });
    });

    test('evidence holds: a regional monitor counts and pages only their region’s, the next page keeps the filters', async () => {
      const first = await get(regionalMonitor, '/evidence-holds?lang=en&status=active&placedFrom=2026-05-01');
      expect(first.statusCode, first.body).toBe(200);
      expect(first.body).toContain('Shown: 50 of 51.');
      expect(first.body).not.toContain('HOLD-WOMEN');
      const next = /href="(\/evidence-holds\?[^"]+)" rel="next"/.exec(first.body)?.[1] ?? '';
      expect(next).toMatch(/^\/evidence-holds\?status=active&placedFrom=2026-05-01&cursor=[A-Za-z0-9_-]+$/);
      const second = await get(regionalMonitor, `${next}&lang=en`);
      expect(second.body).toContain('Shown: 1 of 51.');
      expect(second.body).toContain('HOLD-00');
      expect(second.body).not.toContain('rel="next"');
      // Placed on 1 May on the pages' clock: 5 holds, from 00:00 to 04:00 (+05:00) ... and on to the 3rd.
      const firstDay = await get(
        regionalMonitor,
        '/evidence-holds?lang=en&placedFrom=2026-05-01&placedTo=2026-05-01',
      );
      expect(firstDay.body).toContain('Shown: 24 of 24.');
      expect((await get(officer, '/evidence-holds?lang=en')).body).toContain('Shown: 50 of 52.');
    });

    test('evidence holds: the CSV has every row of the reader’s scope and no reason; the print view every row; both recorded', async () => {
      const csv = await get(regionalMonitor, '/evidence-holds?lang=ru&format=csv');
      expect(csv.body.startsWith(BOM)).toBe(true);
      const lines = csvLines(csv.body);
      expect(lines[0]).toBe('Учреждение,Место,Период,Основание,Номер материала,Наложен,Состояние');
      expect(lines).toHaveLength(52);
      expect(csv.body).not.toContain('HOLD-WOMEN');
      expect(csv.body).not.toContain(SECRET);
      const read = (await h.store.readStream('audit/evidence-holds')).at(-1);
      expect(read?.payload).toMatchObject({ purpose: 'the list downloaded as CSV' });
      const print = await get(officer, '/evidence-holds?lang=kk&print=1');
      expect(print.body).toContain('HOLD-WOMEN');
      expect(print.body).toContain('HOLD-50');
      expect(print.body).not.toContain('rel="next"');
      expect(print.body).not.toContain('class="filters"');
      expect((await h.store.readStream('audit/evidence-holds')).at(-1)?.payload).toMatchObject({
        purpose: 'the list printed',
      });
    });

    test('kz.cctv.women in the footage CSV: a male official gets the refusal on each row and no way to a recording; a female official no refusal', async () => {
      const women = h.facilities.almatyWomen;
      const male = await sessionOf('prison-officer', [women], 'male');
      const female = await sessionOf('prison-officer', [women], 'female');
      const maleCsv = await get(male, '/footage?lang=ru&format=csv');
      expect(maleCsv.statusCode).toBe(200);
      const lines = csvLines(maleCsv.body);
      expect(lines[0]).toBe('Камера,Место,Время записи,Хранится до,Состояние,Просмотреть запись');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain('"Коридор, отряд 3"');
      expect(lines[1]).toMatch(/,Просмотр только для сотрудников-женщин$/);
      expect(maleCsv.body).not.toContain(womenFootage);
      const femaleCsv = await get(female, '/footage?lang=ru&format=csv');
      expect(csvLines(femaleCsv.body)[0]).toBe('Камера,Место,Время записи,Хранится до,Состояние');
      expect(femaleCsv.body).toContain('Коридор, отряд 3');
      expect(femaleCsv.body).not.toContain('Просмотр только');
      expect(femaleCsv.body).not.toContain(womenFootage);
      // The print view: the refusal said, and no link to the recording for him.
      const print = await get(male, '/footage?lang=en&print=1');
      expect(print.body).toContain('Only female officials may view it');
      expect(print.body).not.toContain(`href="/footage/${womenFootage}"`);
    });

    test('footage: the total, the days recorded, the print view; another facility’s staff get none of its rows', async () => {
      const women = h.facilities.almatyWomen;
      const officerThere = await h.session('prison-officer', { facilities: [women] });
      const page = await get(officerThere, '/footage?lang=en');
      expect(page.body).toContain('Shown: 1 of 1.');
      expect((await get(officerThere, '/footage?lang=en&recordedFrom=2026-05-06')).body).toContain(
        'Shown: 0 of 0.',
      );
      expect((await get(officerThere, '/footage?lang=en&recordedTo=2026-05-05')).body).toContain(
        'Shown: 1 of 1.',
      );
      const print = await get(officerThere, '/footage?lang=kk&print=1');
      expect(print.body).toContain('Коридор, отряд 3');
      expect(print.body).not.toContain('class="filters"');
      const astanaOfficer = await h.session('prison-officer');
      const other = await get(astanaOfficer, `/footage?lang=en&format=csv&facility=${women}`);
      expect(other.body).not.toContain('Коридор, отряд 3');
      expect((await get(astanaOfficer, '/footage?cursor=%3Cx%3E')).statusCode).toBe(400);
    });
  });
}
