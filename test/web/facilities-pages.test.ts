import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AccountRow } from '../../src/store/schema/access.js';
import { createToken, principalFromAccount } from '../../src/app/accounts.js';
import { execute } from '../../src/app/execute.js';
import { createFacility, createPerson } from '../../src/app/registry.js';
import {
  facilityDecider,
  facilityStream,
  type RegisterFacility,
} from '../../src/domain/registry/facility.js';
import { ENGINES } from '../support/engines.js';
import { startHarness, type Harness } from '../http/harness.js';

/*
 * The register of facilities as a register list (issue 18), and regions chosen from ISO 3166-2:KZ:
 * the total, the region and kind filters (a facility registered with a legacy alpha code is found
 * under its current code), the registered-at date range in the pages' local days, the CSV and print
 * view with the filters kept, paging that keeps them, and the regional scope across spellings.
 */

/** A facility as an entry written before regions were listed has it: the alpha code as typed. */
async function legacyFacility(h: Harness, name: string, region: string, at: string): Promise<string> {
  const facilityId = `legacy-${region}-${at.slice(0, 10)}`;
  const command: RegisterFacility = {
    type: 'register-facility',
    facilityId,
    name,
    kind: 'prison',
    population: 'men',
    region: region as RegisterFacility['region'],
    at,
    actor: 'test',
  };
  await execute(h.store, facilityStream(facilityId), facilityDecider, command);
  return facilityId;
}

/** The page's text without its markup. */
const textOf = (html: string): string => html.replace(/<[^>]+>/g, '');

const rowsOf = (html: string): string[] =>
  [...html.matchAll(/<th scope="row"[^>]*>([\s\S]*?)<\/th>/g)].map((match) =>
    (match[1] ?? '').replace(/<[^>]+>/g, '').trim(),
  );

for (const engine of ENGINES) {
  describe(`the register of facilities (${engine})`, () => {
    let h: Harness;
    let admin = '';
    let legacyAlmaty = '';
    const get = (url: string, cookie = admin) => h.app.inject({ url, headers: { cookie } });

    beforeAll(async () => {
      h = await startHarness(engine);
      admin = (await h.session('admin')).cookie;
      // 1 March 10:00 UTC is 15:00 in Kazakhstan; 5 March 20:00 UTC is already 6 March there.
      await createFacility(
        h.store,
        { name: 'Алатау ИВС', kind: 'police-custody', population: 'mixed', region: 'KZ-75' },
        'test',
        new Date('2026-03-01T10:00:00.000Z'),
      );
      legacyAlmaty = await legacyFacility(h, 'Алматы ИК-1', 'KZ-ALA', '2026-03-05T20:00:00.000Z');
      await createFacility(
        h.store,
        { name: 'Қарағанды СИЗО', kind: 'remand-centre', population: 'men', region: 'KZ-35' },
        'test',
        new Date('2026-03-10T08:00:00.000Z'),
      );
      // Enough facilities in Ulytau region for a second page (50 a page).
      for (let i = 0; i < 52; i++)
        await createFacility(
          h.store,
          {
            name: `Ұлытау ИВС №${String(i).padStart(2, '0')}`,
            kind: 'police-custody',
            population: 'men',
            region: 'KZ-62',
          },
          'test',
          new Date('2026-04-01T08:00:00.000Z'),
        );
    });
    afterAll(async () => h?.close());

    test('the total counts every facility the filters match, and a legacy-coded facility is found under its current code', async () => {
      const page = await get('/facilities?lang=en&region=KZ-75');
      expect(page.statusCode).toBe(200);
      // The harness's women's prison (registered as KZ-ALA, stored as KZ-75), ours, and the legacy entry.
      expect(rowsOf(page.body).sort()).toEqual(['Алатау ИВС', 'Алматы ИК-1', 'Женская колония'].sort());
      expect(page.body).toContain('Shown: 3 of 3.');
      expect(textOf(page.body)).toContain('Almaty city (KZ-75)');
      // The legacy alpha code in the address means the same city.
      expect(rowsOf((await get('/facilities?region=KZ-ALA')).body)).toHaveLength(3);
      const kind = await get('/facilities?lang=en&region=KZ-75&kind=prison');
      expect(rowsOf(kind.body).sort()).toEqual(['Алматы ИК-1', 'Женская колония'].sort());
      expect(kind.body).toContain('Shown: 2 of 2.');
    });

    test('the registered-at range is of local calendar days: 5 March 20:00 UTC falls on 6 March', async () => {
      const upTo5 = await get('/facilities?lang=en&registeredFrom=2026-03-01&registeredTo=2026-03-05');
      expect(rowsOf(upTo5.body)).toEqual(['Алатау ИВС']);
      expect(upTo5.body).toContain('Shown: 1 of 1.');
      const on6 = await get('/facilities?registeredFrom=2026-03-06&registeredTo=2026-03-06');
      expect(rowsOf(on6.body)).toEqual(['Алматы ИК-1']);
      // Reversed ends are swapped, as every list does.
      const reversed = await get('/facilities?registeredFrom=2026-03-10&registeredTo=2026-03-01');
      expect(rowsOf(reversed.body)).toEqual(['Алатау ИВС', 'Алматы ИК-1', 'Қарағанды СИЗО']);
    });

    test('paging keeps the filters, and the total stays the filtered one', async () => {
      const first = await get('/facilities?lang=en&region=KZ-62&kind=police-custody');
      expect(rowsOf(first.body)).toHaveLength(50);
      expect(first.body).toContain('Shown: 50 of 52.');
      const next = /<a href="([^"]+)" rel="next">/.exec(first.body)?.[1]?.replaceAll('&amp;', '&') ?? '';
      expect(next).toContain('region=KZ-62');
      expect(next).toContain('kind=police-custody');
      expect(next).toContain('cursor=');
      const second = await get(next);
      expect(rowsOf(second.body)).toEqual(['Ұлытау ИВС №50', 'Ұлытау ИВС №51']);
      expect(second.body).not.toContain('rel="next"');
    });

    test('the CSV has every matching row, in the page’s language, with a BOM and local times', async () => {
      const page = await get(
        '/facilities?lang=ru&region=KZ-75&registeredFrom=2026-03-01&registeredTo=2026-03-31',
      );
      const link = /<a class="register-list__action" href="([^"]+)" download/.exec(page.body)?.[1] ?? '';
      expect(link.replaceAll('&amp;', '&')).toContain('region=KZ-75');
      const csv = await get(
        '/facilities?lang=ru&format=csv&region=KZ-75&registeredFrom=2026-03-01&registeredTo=2026-03-31',
      );
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.body.startsWith('\uFEFF')).toBe(true);
      const lines = csv.body.slice(1).trimEnd().split('\r\n');
      expect(lines[0]).toBe('Наименование учреждения,Вид учреждения,Кто содержится,Регион,Зарегистрировано');
      expect(lines).toHaveLength(3);
      expect(lines[1]).toContain('Алатау ИВС');
      expect(lines[1]).toContain('город Алматы (KZ-75)');
      expect(lines[1]).toContain('15:00 (UTC+05:00)');
      expect(lines[2]).toContain('Алматы ИК-1');
      expect(csv.body).not.toMatch(/\d{2}:\d{2}:\d{2}(\.\d{3})?Z/);
      // Every page of the keyset paging, not only the first 50.
      const all = await get('/facilities?format=csv&region=KZ-62');
      expect(all.body.trimEnd().split('\r\n')).toHaveLength(53);
    });

    test('the print view has every matching row, without filters, paging or links, and says the filters’ total', async () => {
      const print = await get('/facilities?lang=kk&print=1&region=KZ-62');
      expect(print.statusCode).toBe(200);
      expect(rowsOf(print.body)).toHaveLength(52);
      expect(print.body).not.toContain('class="filters"');
      expect(print.body).not.toContain('rel="next"');
      const table = print.body.slice(print.body.indexOf('<table'), print.body.indexOf('</table>'));
      expect(table).not.toContain('href=');
      expect(textOf(print.body)).toContain('Ұлытау облысы (KZ-62)');
    });

    test('a list nobody may read answers nothing: the public is sent to log in, CSV included', async () => {
      for (const url of ['/facilities', '/facilities?format=csv', '/facilities?print=1']) {
        const response = await h.app.inject({ url });
        expect(response.statusCode, url).toBe(303);
        expect(response.body).not.toContain('Алатау');
      }
    });

    test('a filter or cursor that cannot be one is a bad request, not an error', async () => {
      for (const url of [
        '/facilities?region=KZ-BAY',
        '/facilities?kind=gulag',
        '/facilities?cursor=%3Cscript%3E',
        '/facilities?cursor=WyJ4Il0',
        '/facilities?format=csv&region=Almaty',
      ])
        expect((await get(url)).statusCode, url).toBe(400);
    });

    test('regional scope across spellings: a procurator of KZ-75 reads a person at the facility registered as KZ-ALA; one of Astana does not', async () => {
      const { id: person } = await createPerson(
        h.store,
        {
          familyName: 'Сейтов',
          givenNames: 'Арман',
          birthDate: '1990-01-01',
          sex: 'male',
          facilityId: legacyAlmaty,
        },
        'test',
      );
      const token = async (regions: string[]) =>
        (
          await createToken(
            h.store,
            { role: 'procurator', name: `procurator ${regions.join()}`, regions },
            'test',
          )
        ).token;
      const almaty = await token(['KZ-75']);
      const almatyLegacy = await token(['KZ-ALA']);
      const astana = await token(['KZ-71']);
      const read = (bearer: string) =>
        h.app.inject({ url: `/api/v1/people/${person}`, headers: { authorization: `Bearer ${bearer}` } });
      expect((await read(almaty)).statusCode).toBe(200);
      expect((await read(almatyLegacy)).statusCode).toBe(200);
      expect((await read(astana)).statusCode).toBe(403);
      // The facility itself answers with its current code.
      const facility = await h.app.inject({
        url: `/api/v1/facilities/${legacyAlmaty}`,
        headers: h.bearer('monitor'),
      });
      expect(facility.json()).toMatchObject({ region: 'KZ-75' });
    });
  });
}

describe('an account’s principal', () => {
  test('carries every spelling of its regions, so a legacy-scoped account queries current-coded facilities and back', () => {
    const row = (regions: string[]): AccountRow =>
      ({
        id: 'a1',
        kind: 'service',
        username: null,
        name: 'x',
        role: 'monitor',
        facilities: '[]',
        regions: JSON.stringify(regions),
        sex: null,
      }) as unknown as AccountRow;
    expect(principalFromAccount(row(['KZ-ALA'])).regions.sort()).toEqual(['KZ-75', 'KZ-ALA']);
    expect(principalFromAccount(row(['KZ-75'])).regions.sort()).toEqual(['KZ-75', 'KZ-ALA']);
    expect(principalFromAccount(row(['KZ-10'])).regions).toEqual(['KZ-10']);
    expect(principalFromAccount(row([])).regions).toEqual([]);
  });
});
