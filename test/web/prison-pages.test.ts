import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../../src/access/principal.js';
import { createToken } from '../../src/app/accounts.js';
import type { StayView } from '../../src/app/prison-views.js';
import { createFacility, createPerson } from '../../src/app/registry.js';
import { initSealing } from '../../src/sealing/keystore.js';
import { fromBase64, sealedToWire, sealTo } from '../../src/sealing/seal.js';
import { startHarness, type Harness } from '../http/harness.js';
import { form } from './jar.js';

/*
 * The prison pages through the real app (auth hook, CSRF, policy, the prison services) on a real
 * SQLite store, with a server clock the tests move: the roll, an admission by the form, the
 * stay's forms without JavaScript, the discipline form that explains a refusal before it is
 * submitted (kz.discipline.*) and names the rule after, the monitor's separation view with the
 * day count (intl.solitary.prolonged), the prison findings, and the reprisal flags that the
 * complaints authority and the monitor see and the governor never does (kz.complaint.reprisal).
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse('2026-06-01T04:00:00.000Z'); // 09:00 in Kazakhstan

let h: Harness;
let now = START;
type Session = { cookie: string; csrfToken: string };
let officer: Session;
let governor: Session;
let medical: Session;
let monitor: Session;
let procurator: Session;
let complaintsOfficer: Session;
/** The Astana remand centre, where the facility staff of these tests work. */
let remand: string;
/** API tokens of the remand centre's staff, for setting the scene. */
const tokens: Partial<Record<Role, string>> = {};
/** A prison in another region, with its own governor. */
let karaganda: string;
let otherGovernor: Session;

const iso = (ms: number = now) => new Date(ms).toISOString();
/** A moment as a form's `datetime-local` value at +05:00. */
const local = (ms: number) => new Date(ms + 5 * HOUR).toISOString().slice(0, 16);
const errorSummary = (html: string): string =>
  /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
const verdictOf = (html: string): string =>
  /<div class="verdict[^"]*" id="discipline-verdict"[\s\S]*?<\/div>\s*<button/.exec(html)?.[0] ?? '';
const menuOf = (html: string): string => /<nav class="nav"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';

function post(session: Session, url: string, fields: Record<string, string | string[]>, csrf = true) {
  return h.app.inject({
    method: 'POST',
    url,
    ...form({ ...(csrf ? { _csrf: session.csrfToken } : {}), ...fields }),
    headers: { ...form({}).headers, cookie: session.cookie },
  });
}

function get(session: Session | null, url: string) {
  return h.app.inject({ method: 'GET', url, headers: session ? { cookie: session.cookie } : {} });
}

const bearer = (role: Role) => ({ authorization: `Bearer ${tokens[role] ?? h.tokens[role]}` });

/** A person registered at the remand centre: within its staff's reach (issue 17). */
async function person(familyName: string, extra: Record<string, unknown> = {}): Promise<string> {
  return (
    await createPerson(
      h.store,
      {
        familyName,
        givenNames: 'Ержан',
        birthDate: '1990-01-15',
        sex: 'male',
        facilityId: remand,
        ...extra,
      },
      'test',
      new Date(now),
    )
  ).id;
}

/** An admission through the API (the harness's prison officer token, Astana remand centre). */
async function admitted(familyName: string, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await h.app.inject({
    method: 'POST',
    url: '/api/v1/prison/admissions',
    headers: bearer('prison-officer'),
    payload: {
      personId: await person(familyName, extra),
      facilityId: remand,
      admittedAt: iso(now - HOUR),
      commitmentOrder: { reference: '2-77/2026', authority: 'Есильский районный суд г. Астаны' },
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as StayView).id;
}

async function record(stayId: string, payload: Record<string, unknown>, role: Role = 'prison-officer') {
  const response = await h.app.inject({
    method: 'POST',
    url: `/api/v1/prison/stays/${stayId}/events`,
    headers: bearer(role),
    payload,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as StayView;
}

const examine = (stayId: string) =>
  record(
    stayId,
    { type: 'medical-examined', at: iso(), hivScreening: 'done', tbScreening: 'done', bodilyHarm: false },
    'medical',
  );

async function stayOf(stayId: string): Promise<StayView> {
  const response = await h.app.inject({ url: `/api/v1/prison/stays/${stayId}`, headers: bearer('monitor') });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as StayView;
}

beforeAll(async () => {
  h = await startHarness('sqlite', { clock: () => new Date(now) });
  // Mixed: it admits the women of these tests as well (kz.placement.separation).
  remand = (
    await createFacility(
      h.store,
      { name: 'СИЗО г. Астаны', kind: 'remand-centre', population: 'mixed', region: 'KZ-AST' },
      'test',
    )
  ).id;
  for (const role of ['prison-officer', 'governor', 'medical'] as const)
    tokens[role] = (
      await createToken(
        h.store,
        { role, name: `${role} of the remand centre`, facilities: [remand], regions: [] },
        'test',
      )
    ).token;
  officer = await h.session('prison-officer', { facilities: [h.facilities.astana, remand] });
  governor = await h.session('governor', { facilities: [remand] });
  medical = await h.session('medical', { facilities: [remand] });
  monitor = await h.session('monitor');
  procurator = await h.session('procurator');
  complaintsOfficer = await h.session('complaints-officer');
  karaganda = (
    await createFacility(
      h.store,
      { name: 'Учреждение АК-159/1', kind: 'prison', population: 'men', region: 'KZ-KAR' },
      'test',
    )
  ).id;
  otherGovernor = await h.session('governor', { facilities: [karaganda] });
});

afterAll(async () => {
  await h?.close();
});

describe('navigation', () => {
  test('facility staff reach the roll and the admission form; the monitor the roll, the separation view, findings and reprisal flags; the governor never the reprisal flags', async () => {
    const officerMenu = menuOf((await get(officer, '/?lang=en')).body);
    expect(officerMenu).toContain('href="/prison"');
    expect(officerMenu).toContain('href="/prison/admissions/new"');
    expect(officerMenu).not.toContain('href="/prison/separation"');
    const governorMenu = menuOf((await get(governor, '/?lang=en')).body);
    expect(governorMenu).toContain('href="/prison"');
    expect(governorMenu).not.toContain('href="/reprisal-flags"');
    expect(menuOf((await get(medical, '/?lang=en')).body)).not.toContain('href="/reprisal-flags"');
    const monitorHome = (await get(monitor, '/?lang=ru')).body;
    for (const link of ['/prison', '/prison/separation', '/prison/findings', '/reprisal-flags'])
      expect(menuOf(monitorHome)).toContain(`href="${link}"`);
    expect(monitorHome).toContain('Изоляция по всей стране');
    expect(menuOf(monitorHome)).not.toContain('href="/prison/admissions/new"');
    const authority = menuOf((await get(complaintsOfficer, '/?lang=kk')).body);
    expect(authority).toContain('href="/reprisal-flags"');
    expect(authority).not.toContain('href="/prison"');
  });

  test('403 for the wrong roles, the sign-in page for nobody', async () => {
    const stay = await admitted('Запретов');
    const cases: [Session, string][] = [
      [officer, `/prison/stays/${stay}/discipline`],
      [medical, `/prison/stays/${stay}/discipline`],
      [monitor, `/prison/stays/${stay}/discipline`],
      [monitor, '/prison/admissions/new'],
      [officer, '/prison/separation'],
      [governor, '/prison/separation'],
      [officer, '/prison/findings'],
      [governor, '/reprisal-flags'],
      [officer, '/reprisal-flags'],
      [medical, '/reprisal-flags'],
      [complaintsOfficer, '/prison'],
      [complaintsOfficer, `/prison/stays/${stay}`],
      [otherGovernor, `/prison/stays/${stay}`],
      [otherGovernor, `/prison/stays/${stay}/discipline`],
    ];
    for (const [session, url] of cases) {
      const response = await get(session, `${url}${url.includes('?') ? '&' : '?'}lang=en`);
      expect(response.statusCode, url).toBe(403);
      expect(response.body).toContain('You cannot open this page');
    }
    const anonymous = await get(null, '/prison');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/login?next=%2Fprison');
  });
});

describe('admission (intl.register.minimum)', () => {
  test('the person is found by name and date of birth, the search is audited, and the form admits them without JavaScript', async () => {
    const personId = await person('Тулегенов', { birthDate: '1985-03-09' });
    await person('Тулегенов', { birthDate: '1986-03-09' });
    const before = await h.store.size();
    const lookup = await post(officer, '/prison/admissions/lookup?lang=en', {
      lookupName: 'тулегенов',
      lookupBirthDate: '1985-03-09',
    });
    expect(lookup.statusCode).toBe(200);
    expect(lookup.body).toContain('People found: 1');
    // Chosen with a button that posts the search again (no name or date in any address).
    expect(lookup.body).toContain(`name="pick" value="${personId}"`);
    // The answer names someone: the read is in the log first.
    expect(await h.store.size()).toBe(before + 1);
    const none = await post(officer, '/prison/admissions/lookup?lang=en', {
      lookupName: 'Тулегенов',
      lookupBirthDate: '1970-01-01',
    });
    // The lookup form posts (with the session's CSRF token): no name or birth date in any address.
    const form = await get(officer, '/prison/admissions/new?lang=en');
    expect(form.body).toContain('method="post" action="/prison/admissions/lookup"');
    expect((await post(officer, '/prison/admissions/lookup', { lookupName: 'x' }, false)).statusCode).toBe(
      403,
    );
    expect(none.body).toContain('Nobody you may see matches this search.');
    const picked = await post(officer, '/prison/admissions/lookup?lang=en', {
      lookupName: 'тулегенов',
      lookupBirthDate: '1985-03-09',
      pick: personId,
    });
    expect(picked.body).toContain('Person: <span>Тулегенов Ержан</span>');

    const page = await get(officer, `/prison/admissions/new?lang=en&person=${personId}`);
    expect(page.body).toContain(`<input type="hidden" name="personId" value="${personId}"/>`);
    // One remand centre in scope: no choice to make.
    expect(page.body).toContain('Admitting facility: <strong>СИЗО г. Астаны</strong>');
    const response = await post(officer, '/prison/admissions/new?lang=en', {
      personId,
      admittedAt: local(now - 2 * HOUR),
      'admittedAt-offset': '+05:00',
      orderReference: '2-1234/2026',
      orderAuthority: 'Есильский районный суд г. Астаны',
      orderIssuedOn: '2026-05-28',
      orderGrounds: 'мера пресечения — содержание под стражей, ст. 190 УК РК',
    });
    expect(response.statusCode, errorSummary(response.body)).toBe(303);
    const location = String(response.headers.location);
    expect(location).toMatch(/^\/prison\/stays\/[A-Za-z0-9_-]+\?recorded=admitted$/);
    const stay = await get(officer, `${location}&lang=en`);
    expect(stay.statusCode).toBe(200);
    expect(stay.body).toContain('Admission registered.');
    expect(stay.body).toContain('<h1 class="heading-xl">Тулегенов Ержан</h1>');
    for (const text of ['2-1234/2026', 'Есильский районный суд г. Астаны', 'ст. 190 УК РК', 'May 28, 2026'])
      expect(stay.body).toContain(text);
    expect(stay.body).toContain(`<time datetime="${iso(now - 2 * HOUR)}">`);
    // The admission's medical examination clock is open, with its due time.
    expect(stay.body).toContain('data-rule="kz.admission.medical"');
    expect(stay.body).toContain('Medical examination on admission');
  });

  test('missing fields come back in the error summary; a person already held is named as such; nobody is admitted twice', async () => {
    const empty = await post(officer, '/prison/admissions/new?lang=en', { 'admittedAt-offset': '+05:00' });
    expect(empty.statusCode).toBe(422);
    const summary = errorSummary(empty.body);
    expect(summary).toContain(
      '<a href="#personId">Enter the person’s number in the register, or find them above</a>',
    );
    expect(summary).toContain('<a href="#admittedAt">Enter the date and time of admission</a>');
    expect(summary).toContain('<a href="#orderReference">Enter the number of the commitment order</a>');

    const stay = await admitted('Дважды');
    const personId = (await stayOf(stay)).personId;
    const again = await post(officer, '/prison/admissions/new?lang=ru', {
      personId,
      admittedAt: local(now - HOUR),
      'admittedAt-offset': '+05:00',
      orderReference: '2-1/2026',
    });
    expect(again.statusCode).toBe(422);
    expect(errorSummary(again.body)).toContain('Это лицо уже содержится');
  });

  test('CSRF: a form without the session’s token is refused as out of date, and nothing is recorded', async () => {
    const personId = await person('Безтокенов');
    const before = await h.store.size();
    const response = await post(
      officer,
      '/prison/admissions/new?lang=en',
      { personId, admittedAt: local(now - HOUR), 'admittedAt-offset': '+05:00', orderReference: 'x' },
      false,
    );
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('This form has expired');
    expect(await h.store.size()).toBe(before);
  });
});

describe('the roll and the stay', () => {
  test('the roll: regime, life sentence, open clocks with their due time and findings count, in three languages', async () => {
    const stay = await admitted('Ролльный');
    const en = await get(officer, '/prison?lang=en');
    expect(en.statusCode).toBe(200);
    const card = en.body.slice(en.body.indexOf(`href="/prison/stays/${stay}"`));
    expect(card.slice(0, 3000)).toContain('General regime');
    expect(card.slice(0, 3000)).toContain('Not in separation: general regime.');
    expect(card.slice(0, 3000)).toContain('data-rule="kz.admission.medical"');
    expect(card.slice(0, 3000)).toContain('Due');
    expect((await get(officer, '/prison?lang=ru')).body).toContain('Общий режим');
    expect((await get(officer, '/prison?lang=kk')).body).toContain('Жалпы режим');
    // The monitor reads the roll of the region as well; the admission link is for facility staff.
    const byMonitor = await get(monitor, '/prison?lang=en');
    expect(byMonitor.statusCode).toBe(200);
    expect(byMonitor.body).toContain(`href="/prison/stays/${stay}"`);
    expect(byMonitor.body).not.toContain('class="button" href="/prison/admissions/new"');
  });

  test('the stay’s forms without JavaScript: exercise, a search, and a refusal that comes back with the form open', async () => {
    const stay = await admitted('Формов');
    const page = await get(officer, `/prison/stays/${stay}?lang=en`);
    // The officer records daily life; examinations are the medical staff’s.
    expect(page.body).toContain('id="form-exercise-logged"');
    expect(page.body).toContain('id="form-search-recorded"');
    expect(page.body).not.toContain('id="form-medical-examined"');
    expect(page.body).not.toContain('id="form-appeal-decided"');
    const exercise = await post(officer, `/prison/stays/${stay}/events?lang=en`, {
      type: 'exercise-logged',
      'exercise-logged-date': iso().slice(0, 10),
      'exercise-logged-minutes': '45',
    });
    expect(exercise.statusCode, errorSummary(exercise.body)).toBe(303);
    expect(exercise.headers.location).toBe(`/prison/stays/${stay}?recorded=exercise-logged`);
    const after = await get(officer, `/prison/stays/${stay}?recorded=exercise-logged&lang=en`);
    expect(after.body).toContain('Recorded: Outdoor exercise.');
    expect(after.body).toContain('Minutes outdoors');

    const incomplete = await post(officer, `/prison/stays/${stay}/events?lang=en`, {
      type: 'search-recorded',
      'search-recorded-kind': 'personal',
    });
    expect(incomplete.statusCode).toBe(422);
    expect(errorSummary(incomplete.body)).toContain('href="#search-recorded-searchedBy"');
    expect(errorSummary(incomplete.body)).toContain('Enter who searched');
    expect(incomplete.body).toMatch(/<details class="safeguard" id="form-search-recorded" open>/);
    const future = await post(officer, `/prison/stays/${stay}/events?lang=en`, {
      type: 'exercise-logged',
      'exercise-logged-date': iso(now + 3 * DAY).slice(0, 10),
      'exercise-logged-minutes': 'sixty',
    });
    expect(future.statusCode).toBe(422);
    expect(errorSummary(future.body)).toContain(
      'Enter the minutes outdoors as a whole number from 0 to 1440',
    );
  });

  test('kz.medical.system: medical staff record the examination with clinical results; only they read them', async () => {
    const stay = await admitted('Клиников');
    const form = await get(medical, `/prison/stays/${stay}?lang=en`);
    expect(form.body).toContain('id="form-medical-examined"');
    expect(form.body).not.toContain('id="form-search-recorded"');
    const response = await post(medical, `/prison/stays/${stay}/events?lang=en`, {
      type: 'medical-examined',
      'medical-examined-hivScreening': 'done',
      'medical-examined-tbScreening': 'done',
      'medical-examined-bodilyHarm': 'no',
      'medical-examined-resultHiv': 'отрицательный, экспресс-тест',
    });
    expect(response.statusCode, errorSummary(response.body)).toBe(303);
    expect((await get(medical, `/prison/stays/${stay}?lang=en`)).body).toContain(
      'отрицательный, экспресс-тест',
    );
    const officerView = await get(officer, `/prison/stays/${stay}?lang=en`);
    expect(officerView.body).toContain('Medical examination');
    expect(officerView.body).not.toContain('отрицательный');
    expect((await get(monitor, `/prison/stays/${stay}?lang=en`)).body).not.toContain('отрицательный');
  });
});

describe('the discipline form (kz.discipline.*): explained before submission, refused with its rule', () => {
  test('kz.discipline.punishment-block: “Check” explains the refusal of a 16-day punishment block before anything is decided', async () => {
    const stay = await admitted('Штрафной');
    await examine(stay);
    const page = await get(governor, `/prison/stays/${stay}/discipline?lang=en`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-check-url="/api/v1/prison/stays/');
    expect(page.body).toContain('src="/static/prison.js"');
    expect(page.body).toContain('id="verdict-texts" hidden');
    const check = await post(governor, `/prison/stays/${stay}/discipline?lang=en`, {
      measure: 'punishment-block',
      days: '16',
      action: 'check',
    });
    expect(check.statusCode).toBe(200);
    const verdict = verdictOf(check.body);
    expect(verdict).toContain('data-verdict="refused"');
    expect(verdict).toContain('National law refuses this measure');
    expect(verdict).toContain('<code class="rule-id">kz.discipline.punishment-block</code>');
    expect(verdict).toContain('National law allows at most 15 days in a punishment block');
    // Values kept, nothing decided: no decision and no refused attempt in the stay.
    expect(check.body).toContain(
      'id="days" name="days" type="text" inputmode="numeric" autocomplete="off" value="16"',
    );
    const view = await stayOf(stay);
    expect(view.discipline).toEqual([]);
    expect(view.timeline.some((entry) => entry.type === 'discipline-refused')).toBe(false);
    // In Russian, the same explanation.
    const ru = await post(governor, `/prison/stays/${stay}/discipline?lang=ru`, {
      measure: 'punishment-block',
      days: '16',
      action: 'check',
    });
    expect(verdictOf(ru.body)).toContain('Национальный закон допускает не более 15 суток ШИЗО');
  });

  test('kz.discipline.punishment-block: a refused decision names its rule in the summary and the verdict, and stays in the log as a refused attempt', async () => {
    const stay = await admitted('Отказанов');
    await examine(stay);
    const refused = await post(governor, `/prison/stays/${stay}/discipline?lang=en`, {
      measure: 'punishment-block',
      days: '16',
      reason: 'драка в отряде',
      action: 'decide',
    });
    expect(refused.statusCode).toBe(422);
    expect(errorSummary(refused.body)).toContain(
      '<a href="#days"><span>A punishment block lasts at most 15 days, not 16: shorten it.</span></a>',
    );
    expect(verdictOf(refused.body)).toContain('kz.discipline.punishment-block');
    const stayPage = await get(governor, `/prison/stays/${stay}?lang=en`);
    expect(stayPage.body).toContain('Refused attempts: 1');
    expect(stayPage.body).toContain('Refused attempt: Punishment block, 16 days');
    expect(stayPage.body).toContain(
      'Refused under the rule “Punishment block: at most 15 days”.</span> <code class="rule-id">kz.discipline.punishment-block</code>',
    );
    expect(stayPage.body).toContain('A punishment block lasts at most 15 days, not 16: shorten it.');
    expect(stayPage.body).toContain('timeline__entry timeline__entry--refused');
  });

  test('kz.discipline.medical-before and kz.discipline.exempt are explained too; a lawful decision is recorded and counted in days', async () => {
    const stay = await admitted('Медицинов');
    const unexamined = await post(governor, `/prison/stays/${stay}/discipline?lang=en`, {
      measure: 'punishment-block',
      days: '10',
      action: 'check',
    });
    expect(verdictOf(unexamined.body)).toContain('kz.discipline.medical-before');
    expect(verdictOf(unexamined.body)).toContain(
      'A doctor must examine the person in the 24 hours before the placement',
    );

    const mother = await admitted('Материна', { sex: 'female', givenNames: 'Айгуль' });
    await record(mother, {
      type: 'vulnerability-recorded',
      kind: 'infant-in-facility',
      from: iso().slice(0, 10),
    });
    const exempt = await post(governor, `/prison/stays/${mother}/discipline?lang=kk`, {
      measure: 'punishment-block',
      days: '5',
      action: 'check',
    });
    expect(verdictOf(exempt.body)).toContain('kz.discipline.exempt');
    expect(verdictOf(exempt.body)).toContain('Бұл адам солардың бірі.');

    await examine(stay);
    const lawful = await post(governor, `/prison/stays/${stay}/discipline?lang=en`, {
      measure: 'punishment-block',
      days: '10',
      action: 'check',
    });
    expect(verdictOf(lawful.body)).toContain('Lawful under national law');
    expect(verdictOf(lawful.body)).toContain('No international standard is flagged.');
    const decided = await post(governor, `/prison/stays/${stay}/discipline?lang=en`, {
      measure: 'punishment-block',
      days: '10',
      reason: 'отказ от выхода на проверку',
      informedLanguage: 'ru',
      action: 'decide',
    });
    expect(decided.statusCode, errorSummary(decided.body)).toBe(303);
    expect(decided.headers.location).toBe(`/prison/stays/${stay}?recorded=discipline-decided`);
    const page = await get(governor, `/prison/stays/${stay}?recorded=discipline-decided&lang=en`);
    expect(page.body).toContain('Recorded: Disciplinary decision.');
    expect(page.body).toContain('Day 1 of 10');
    expect(page.body).toContain('отказ от выхода на проверку');
    const roll = await get(officer, '/prison?lang=en');
    const card = roll.body.slice(roll.body.indexOf(`href="/prison/stays/${stay}"`)).slice(0, 3000);
    expect(card).toContain('tag--regime-punishment-block');
    expect(card).toContain('Day 1 of 10');
  });

  test('a check without a measure or with days that are not a number comes back with its errors', async () => {
    const stay = await admitted('Пустов');
    const response = await post(governor, `/prison/stays/${stay}/discipline?lang=en`, {
      days: 'ten',
      action: 'check',
    });
    expect(response.statusCode).toBe(422);
    const summary = errorSummary(response.body);
    expect(summary).toContain('<a href="#measure">Choose the measure</a>');
    expect(summary).toContain(
      '<a href="#days">Enter the number of days as a whole number from 1 to 3660</a>',
    );
  });
});

describe('oversight: separation nationwide, findings and reprisal flags', () => {
  test('intl.solitary.prolonged: the separation view counts the days, longest first, and marks a run past 15 days', async () => {
    const short = await admitted('Коротков');
    await examine(short);
    await record(
      short,
      { type: 'discipline-decided', measure: 'punishment-block', days: 5, reason: 'нарушение' },
      'governor',
    );
    const long = await admitted('Долгов');
    // A placement with 23 hours a day without contact, whatever it is called, counted from 20 days ago.
    await record(long, {
      type: 'placed',
      at: iso(now - HOUR / 2),
      unit: 'корпус 2, камера 7',
      localName: 'карантинное отделение',
      hoursWithoutContact: 23,
    });
    now += 19 * DAY;
    const page = await get(monitor, '/prison/separation?lang=en');
    expect(page.statusCode).toBe(200);
    const longAt = page.body.indexOf('Долгов Ержан');
    expect(longAt).toBeGreaterThan(0);
    // Longest run first (the short one has ended by now).
    expect(page.body).not.toContain('Коротков Ержан');
    const row = page.body.slice(longAt, page.body.indexOf('</tr>', longAt));
    expect(row).toContain('Day 20, no planned end');
    expect(row).toContain('called “карантинное отделение” here');
    expect(row).toContain('Prolonged solitary confinement');
    expect(page.body).toContain('Past 15 consecutive days: 1');
    expect(page.body).toMatch(/<tr class="row--prolonged">/);
    // The procurator sees it too, in Kazakh.
    const kk = await get(procurator, '/prison/separation?lang=kk');
    expect(kk.body).toContain('20-күн, аяқталу мерзімі белгіленбеген');
    const findings = await get(monitor, '/prison/findings?lang=en&rule=intl.solitary.definition');
    expect(findings.statusCode).toBe(200);
    expect(findings.body).toContain('<code class="rule-id">intl.solitary.definition</code>');
    expect(findings.body).toContain(`href="/prison/stays/${long}"`);
  });

  test('kz.complaint.reprisal: a sanction after the same person’s complaint is on the monitor’s and the authority’s list, never the governor’s', async () => {
    await initSealing(h.dataDir, 'ключ для страниц учреждений', {
      kdf: { memoryKiB: 19_456, iterations: 2, parallelism: 1 },
    });
    const personId = await person('Жалобин');
    const kiosk = (
      await createToken(h.store, { role: 'kiosk', name: 'kiosk', facilities: [remand], regions: [] }, 'test')
    ).token;
    const key = (await h.app.inject({ url: '/api/v1/sealing/key' })).json() as { publicKey: string };
    const sealed = sealedToWire(
      await sealTo(
        fromBase64(key.publicKey),
        new TextEncoder().encode(
          JSON.stringify({ v: 1, text: 'в камере холодно', language: 'ru', writtenAt: iso(), media: [] }),
        ),
      ),
    );
    const complaint = await h.app.inject({
      method: 'POST',
      url: '/api/v1/complaints',
      headers: { authorization: `Bearer ${kiosk}` },
      payload: {
        facilityId: remand,
        category: 'conditions',
        sealed,
        pin: '4321',
        complainant: { personId },
      },
    });
    expect(complaint.statusCode, complaint.body).toBe(201);
    const reference = (complaint.json() as { reference: string }).reference;
    now += HOUR;
    const admission = await h.app.inject({
      method: 'POST',
      url: '/api/v1/prison/admissions',
      headers: bearer('prison-officer'),
      payload: {
        personId,
        facilityId: remand,
        admittedAt: iso(now - HOUR / 2),
        commitmentOrder: '2-5/2026',
      },
    });
    expect(admission.statusCode, admission.body).toBe(201);
    const stay = (admission.json() as StayView).id;
    now += 10 * DAY;
    const decided = await post(governor, `/prison/stays/${stay}/discipline?lang=en`, {
      measure: 'reprimand',
      reason: 'нарушение распорядка',
      action: 'decide',
    });
    expect(decided.statusCode, errorSummary(decided.body)).toBe(303);

    const flags = await get(monitor, '/reprisal-flags?lang=en');
    expect(flags.statusCode).toBe(200);
    expect(flags.body).toContain('Жалобин Ержан');
    expect(flags.body).toContain(`<code>${reference}</code>`);
    expect(flags.body).toContain('Disciplinary measure');
    expect(flags.body).not.toContain('холодно');
    const authority = await get(complaintsOfficer, '/reprisal-flags?lang=ru');
    expect(authority.statusCode).toBe(200);
    expect(authority.body).toContain('Жалобин Ержан');
    // The authority cannot open the stay; the monitor can.
    expect(authority.body).not.toContain(`href="/prison/stays/${stay}"`);
    expect(flags.body).toContain(`href="/prison/stays/${stay}"`);
    // The governor: no link, no list, and nothing about it on the stay.
    expect((await get(governor, '/reprisal-flags?lang=en')).statusCode).toBe(403);
    const governorStay = await get(governor, `/prison/stays/${stay}?lang=en`);
    expect(governorStay.body).not.toContain(reference);
    expect(governorStay.body).not.toContain('/reprisal-flags');
    expect(governorStay.body).not.toContain('Reprisal flags');
  });
});
