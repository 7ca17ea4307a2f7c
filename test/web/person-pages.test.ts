import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditStream } from '../../src/access/read-audit.js';
import { createFacility } from '../../src/app/registry.js';
import { startHarness, type Harness } from '../http/harness.js';
import { form } from './jar.js';

/*
 * Issue 18 items 2 and 10 on the pages, through the real app (auth hook, CSRF, policy, services)
 * on a real SQLite store, without JavaScript: the search page within each role's scope, posted
 * (no name in any address) and read-audited; a person's record with the corrections of their
 * details and the custody history the reader may open; the correction form, filled in with the
 * details in force, its errors in the summary, offered only to the staff who may correct.
 */

const HOUR = 3_600_000;
const now = Date.parse('2026-06-01T04:00:00.000Z');
const errorSummary = (html: string): string =>
  /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';

type Session = { cookie: string; csrfToken: string };
let h: Harness;
let officer: Session;
let elsewhere: Session;
let monitor: Session;
let complaintsOfficer: Session;
let prisonOfficer: Session;
let personId = '';
let custodyId = '';

const get = (session: Session, url: string) =>
  h.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });

function post(session: Session, url: string, fields: Record<string, string | string[]>) {
  return h.app.inject({
    method: 'POST',
    url,
    ...form({ _csrf: session.csrfToken, ...fields }),
    headers: { ...form({}).headers, cookie: session.cookie },
  });
}

beforeAll(async () => {
  h = await startHarness('sqlite', { clock: () => new Date(now) });
  const almaty = (
    await createFacility(
      h.store,
      { name: 'ИВС ДП г. Алматы', kind: 'police-custody', population: 'mixed', region: 'KZ-ALA' },
      'test',
    )
  ).id;
  officer = await h.session('custody-officer');
  elsewhere = await h.session('custody-officer', { facilities: [almaty] });
  monitor = await h.session('monitor');
  complaintsOfficer = await h.session('complaints-officer');
  prisonOfficer = await h.session('prison-officer');
  const registered = await post(officer, '/people/new?lang=en', {
    familyName: 'Байжанова',
    givenNames: 'Гульнара',
    'birthDate-day': '3',
    'birthDate-month': '8',
    'birthDate-year': '1992',
    sex: 'female',
  });
  personId = /\/people\/([a-z2-7]{26})/.exec(String(registered.headers.location))?.[1] ?? '';
  const arrest = await h.app.inject({
    method: 'POST',
    url: '/api/v1/custody',
    headers: h.bearer('custody-officer'),
    payload: {
      personId,
      facilityId: h.facilities.astana,
      apprehendedAt: new Date(now - 5 * HOUR).toISOString(),
      place: 'г. Астана, пр. Республики, 1',
      grounds: 'ст. 190 УК РК',
      arrestingOfficer: 'капитан Серикбаев',
    },
  });
  custodyId = (arrest.json() as { id: string }).id;
});
afterAll(async () => h?.close());

describe('the search page (issue 18 item 10)', () => {
  test('posted and read-audited; finds the officer’s people by the beginnings of names, in kk, ru and en', async () => {
    const page = await get(officer, '/people/search?lang=en');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('method="post" action="/people/search"');
    const before = (await h.store.readStream(auditStream('person-lookup'))).length;
    const found = await post(officer, '/people/search?lang=ru', { lookupName: 'байж гульн' });
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain('Найдено лиц: 1');
    expect(found.body).toContain(`href="/people/${personId}"`);
    expect(found.body).toContain('В пределах ваших полномочий');
    expect((await h.store.readStream(auditStream('person-lookup'))).length).toBe(before + 1);
    const kk = await post(officer, '/people/search?lang=kk', { lookupBirthDate: '1992-08-03' });
    expect(kk.body).toContain('Табылған адамдар: 1');
  });

  test('another unit, by name, finds nobody; too little to search is named beside the field', async () => {
    const none = await post(elsewhere, '/people/search?lang=en', { lookupName: 'Байжанова' });
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('Nobody you may see matches this search.');
    expect(none.body).not.toContain(personId);
    const short = await post(elsewhere, '/people/search?lang=en', { lookupName: 'Б' });
    expect(short.statusCode).toBe(422);
    expect(errorSummary(short.body)).toContain(
      '<a href="#lookupName">Enter at least 2 letters of a name</a>',
    );
    const empty = await post(elsewhere, '/people/search?lang=en', {});
    expect(errorSummary(empty.body)).toContain('Enter a name, a date of birth or an identity document');
  });

  test('the complaints authority and the monitor search too, and see it in their menu; the administrator may not', async () => {
    for (const session of [complaintsOfficer, monitor]) {
      expect((await get(session, '/?lang=en')).body).toContain('href="/people/search"');
      expect((await post(session, '/people/search?lang=en', { lookupName: 'Байжанова' })).body).toContain(
        'People found: 1',
      );
    }
    const admin = await h.session('admin');
    expect((await get(admin, '/people/search?lang=en')).statusCode).toBe(403);
  });
});

describe('the person’s record and the correction of their details (issue 18 item 2)', () => {
  test('the record lists the custody episode the reader may open; the form to correct is offered to the unit', async () => {
    const record = await get(officer, `/people/${personId}?lang=en`);
    expect(record.body).toContain(`href="/custody/${custodyId}"`);
    expect(record.body).toContain('In custody');
    expect(record.body).toContain(`href="/people/${personId}/corrections"`);
    expect(record.body).toContain('The details are as registered: nothing has been corrected.');
    // The complaints authority reads the person, not the custody record; nor may it correct.
    const authority = await get(complaintsOfficer, `/people/${personId}?lang=en`);
    expect(authority.body).not.toContain(`/custody/${custodyId}`);
    expect(authority.body).not.toContain('/corrections');
    expect((await get(complaintsOfficer, `/people/${personId}/corrections`)).statusCode).toBe(403);
    expect((await get(elsewhere, `/people/${personId}/corrections`)).statusCode).toBe(403);
    // A prison officer of the unit's facility may admit from here.
    expect((await get(prisonOfficer, `/people/${personId}?lang=en`)).body).toContain(
      `href="/prison/admissions/new?person=${personId}"`,
    );
  });

  test('the form is filled in with the details in force; without a reason or a change it says so', async () => {
    const page = await get(officer, `/people/${personId}/corrections?lang=en`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="familyName" type="text" value="Байжанова"');
    expect(page.body).toMatch(/value="female" checked/);
    const unchanged = await post(officer, `/people/${personId}/corrections?lang=en`, {
      familyName: 'Байжанова',
      givenNames: 'Гульнара',
      'birthDate-day': '03',
      'birthDate-month': '08',
      'birthDate-year': '1992',
      sex: 'female',
      reason: 'проверка',
    });
    expect(unchanged.statusCode).toBe(422);
    expect(errorSummary(unchanged.body)).toContain('Nothing was changed: correct at least one detail');
    const noReason = await post(officer, `/people/${personId}/corrections?lang=ru`, {
      familyName: 'Байжанова',
      givenNames: 'Гульнара',
      'birthDate-day': '3',
      'birthDate-month': '8',
      'birthDate-year': '1992',
      sex: 'female',
      citizenship: 'KZ',
    });
    expect(errorSummary(noReason.body)).toContain('<a href="#reason">Укажите основание исправления</a>');
  });

  test('a correction recorded from the form shows on the record beside what it replaced, in kk', async () => {
    const corrected = await post(officer, `/people/${personId}/corrections?lang=en`, {
      familyName: 'Байжанова',
      givenNames: 'Гульнара',
      'birthDate-day': '3',
      'birthDate-month': '8',
      'birthDate-year': '1992',
      sex: 'female',
      citizenship: 'kz',
      languages: ['kk', 'ru'],
      document1Kind: 'passport',
      document1Number: 'N 0123456',
      reason: 'по паспорту гражданина Республики Казахстан',
    });
    expect(corrected.statusCode, errorSummary(corrected.body)).toBe(303);
    expect(corrected.headers.location).toBe(`/people/${personId}?corrected=1`);
    const record = await get(officer, `/people/${personId}?corrected=1&lang=kk`);
    expect(record.body).toContain('Түзету енгізілді.');
    expect(record.body).toContain('<del class="corrected__old">Жоқ (азаматтығы жоқ адам)</del>');
    // The country and the languages by their names in the page's language, not as codes.
    expect(record.body).toContain('<ins class="corrected__new">Қазақстан (KZ)</ins>');
    expect(record.body).toContain('<ins class="corrected__new">қазақ тілі, орыс тілі</ins>');
    expect(record.body).toContain('N0123456');
    expect(record.body).toContain('по паспорту гражданина Республики Казахстан');
    const stream = await h.store.readStream(`person/${personId}`);
    expect(stream.map((stored) => stored.entry.type)).toEqual(['person-registered', 'person-corrected']);
  });
});
