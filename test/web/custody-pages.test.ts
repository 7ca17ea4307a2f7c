import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Principal } from '../../src/access/principal.js';
import { registerArrest } from '../../src/app/custody.js';
import { createFacility, createPerson } from '../../src/app/registry.js';
import { startHarness, type Harness } from '../http/harness.js';
import { form } from './jar.js';

/*
 * The custody pages through the real app (auth hook, CSRF, policy, the custody services) on a
 * real SQLite store, with a server clock the tests set: the desk, registering an arrest (with the
 * kz.custody.actual-time warning), recording safeguards and corrections, scope, the findings and
 * referrals lists and the printable record.
 */

const HOUR = 3_600_000;
const START = Date.parse('2026-05-04T06:00:00.000Z');

let h: Harness;
/** The server's time: fixed, so that every clock on the pages reads the same in every run. */
const now = START;
/** A second custody unit, in another region, with its own officer and episode. */
let karaganda: string;
let otherOfficer: { cookie: string; csrfToken: string };
let officer: { cookie: string; csrfToken: string };

const iso = (ms: number) => new Date(ms).toISOString();
/** A moment as the arrest form's `datetime-local` value at +05:00. */
const local = (ms: number) => new Date(ms + 5 * HOUR).toISOString().slice(0, 16);
const errorSummary = (html: string): string =>
  /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';

async function person(
  familyName: string,
  extra: Record<string, unknown> = {},
  facilityId = h.facilities.astana,
) {
  return (
    await createPerson(
      h.store,
      { familyName, givenNames: 'Асхат', birthDate: '1990-02-02', sex: 'male', facilityId, ...extra },
      'test',
      new Date(now),
    )
  ).id;
}

function post(
  session: { cookie: string; csrfToken: string },
  url: string,
  fields: Record<string, string | string[]>,
) {
  return h.app.inject({
    method: 'POST',
    url,
    ...form({ _csrf: session.csrfToken, ...fields }),
    headers: { ...form({}).headers, cookie: session.cookie },
  });
}

function get(session: { cookie: string } | null, url: string) {
  return h.app.inject({ method: 'GET', url, headers: session ? { cookie: session.cookie } : {} });
}

const ARREST = {
  place: 'ул. Кенесары 40, Астана',
  grounds: 'ст. 188 УК РК, кража',
  arrestingOfficer: 'ст. лейтенант Ахметов Б.',
  'apprehendedAt-offset': '+05:00',
};

/** Registers an arrest through the form; returns the episode id. */
async function arrestByForm(personId: string, apprehendedMs: number, extra: Record<string, string> = {}) {
  const response = await post(officer, '/custody/new?lang=en', {
    personMode: 'existing',
    personId,
    apprehendedAt: local(apprehendedMs),
    ...ARREST,
    ...extra,
  });
  expect(response.statusCode, errorSummary(response.body)).toBe(303);
  const location = String(response.headers.location);
  expect(location).toMatch(/^\/custody\/[A-Za-z0-9_-]+\?recorded=registered$/);
  return location.slice('/custody/'.length, location.indexOf('?'));
}

beforeAll(async () => {
  h = await startHarness('sqlite', { clock: () => new Date(now) });
  karaganda = (
    await createFacility(
      h.store,
      { name: 'ИВС г. Караганды', kind: 'police-custody', population: 'mixed', region: 'KZ-KAR' },
      'test',
    )
  ).id;
  officer = await h.session('custody-officer');
  otherOfficer = await h.session('custody-officer', { facilities: [karaganda] });
  // An episode in Karaganda, registered through the service as its own officer would.
  const elsewhere: Principal = {
    id: 'karaganda-officer',
    kind: 'user',
    name: 'Karaganda officer',
    role: 'custody-officer',
    facilities: [karaganda],
    regions: [],
  };
  await registerArrest(
    h.app.habeas,
    elsewhere,
    {
      personId: await person('Карагандинов', {}, karaganda),
      facilityId: karaganda,
      apprehendedAt: iso(now - HOUR),
      place: 'Караганда',
      grounds: 'ст. 190 УК РК',
      arrestingOfficer: 'капитан Омаров',
    },
    new Date(now),
  );
});

afterAll(async () => {
  await h?.close();
});

describe('navigation and the dashboard', () => {
  test('a custody officer’s menu and dashboard lead to the desk and the arrest form; a monitor’s to the desk and findings', async () => {
    const home = await get(officer, '/?lang=en');
    const menu = /<nav class="nav"[\s\S]*?<\/nav>/.exec(home.body)?.[0] ?? '';
    expect(menu).toContain('href="/custody"');
    expect(menu).toContain('href="/custody/new"');
    expect(menu).not.toContain('href="/custody/findings"');
    expect(home.body).toContain('<a href="/custody">Custody desk</a>');
    const monitor = await h.session('monitor');
    const monitorHome = await get(monitor, '/?lang=ru');
    expect(monitorHome.body).toContain('href="/custody/findings"');
    expect(monitorHome.body).toContain('Нарушения в ИВС');
    expect(monitorHome.body).not.toContain('href="/custody/new"');
    const medical = await h.session('medical');
    expect((await get(medical, '/?lang=kk')).body).toContain('href="/custody/referrals"');
  });
});

describe('register an arrest (kz.custody.actual-time)', () => {
  test('the form asks for the custody unit only when the officer has several, and takes ?person=', async () => {
    const id = await person('Сериков');
    const page = await get(officer, `/custody/new?lang=en&person=${id}`);
    expect(page.statusCode).toBe(200);
    // Issue 18 item 10: the person is named, not asked for by id; the id goes with the form.
    expect(page.body).toContain(`<input type="hidden" name="personId" value="${id}"/>`);
    expect(page.body).toContain('Person: <span>Сериков Асхат</span>');
    expect(page.body).not.toContain('name="facilityId"');
    expect(page.body).toContain('type="datetime-local"');
    expect(page.body).toMatch(/<option value="\+05:00" selected>UTC\+05:00 \(Kazakhstan\)<\/option>/);
    // The warning is there for the script, hidden until needed.
    expect(page.body).toMatch(/id="time-warning" role="alert" hidden/);
    expect(page.body).toContain('src="/static/custody.js"');
    const two = await h.session('custody-officer', { facilities: [h.facilities.astana, karaganda] });
    expect((await get(two, '/custody/new')).body).toContain('name="facilityId"');
  });

  test('5 h ago without confirmation: the form comes back with the warning and the checkbox; confirmed, it lands on the episode with the flag', async () => {
    const id = await person('Жумабаев');
    const fields = { personMode: 'existing', personId: id, apprehendedAt: local(now - 5 * HOUR), ...ARREST };
    const before = await h.store.size();
    const unconfirmed = await post(officer, '/custody/new?lang=en', fields);
    expect(unconfirmed.statusCode).toBe(422);
    // Nothing registered: the only entry is the read of the person named on the form again.
    const appended = await h.store.db
      .selectFrom('entries')
      .select('type')
      .where('seq', '>=', before)
      .execute();
    expect(appended.map((entry) => entry.type)).toEqual(['record-read']);
    expect(unconfirmed.body).toMatch(/id="time-warning" role="alert" data-time-warning="late"/);
    expect(unconfirmed.body).toContain('The time of apprehension is more than 3 hours before now.');
    expect(errorSummary(unconfirmed.body)).toContain(
      '<a href="#confirmTime">Confirm the time of apprehension, or correct it</a>',
    );
    expect(unconfirmed.body).toContain(`value="${local(now - 5 * HOUR)}"`);

    const confirmed = await post(officer, '/custody/new?lang=en', { ...fields, confirmTime: 'yes' });
    expect(confirmed.statusCode).toBe(303);
    const episode = await get(officer, String(confirmed.headers.location) + '&lang=en');
    expect(episode.statusCode).toBe(200);
    expect(episode.body).toContain('Arrest registered. Record the safeguards below as they happen.');
    expect(episode.body).toContain('Жумабаев Асхат');
    // Both times are shown: the stated apprehension and the record drawn up now.
    expect(episode.body).toContain(`<time datetime="${iso(now - 5 * HOUR)}">`);
    expect(episode.body).toContain(`<time datetime="${iso(now)}">`);
    // The flag of kz.custody.actual-time is among the findings.
    const findings = /<section class="section" aria-labelledby="findings-title">[\s\S]*?<\/section>/.exec(
      episode.body,
    )?.[0];
    expect(findings).toContain('Actual time of apprehension');
    expect(findings).toContain('kz.custody.actual-time');
    expect(findings).toContain('class="tag tag--flag"');
  });

  test('a future time is refused: in the error summary and beside the field, and nobody is registered', async () => {
    const before = await h.store.size();
    const response = await post(officer, '/custody/new?lang=ru', {
      personMode: 'new',
      familyName: 'Будущев',
      givenNames: 'Тимур',
      'birthDate-day': '1',
      'birthDate-month': '2',
      'birthDate-year': '1995',
      sex: 'male',
      apprehendedAt: local(now + 2 * HOUR),
      ...ARREST,
    });
    expect(response.statusCode).toBe(422);
    expect(errorSummary(response.body)).toContain(
      '<a href="#apprehendedAt">Время задержания не может быть в будущем.',
    );
    expect(response.body).toContain('id="apprehendedAt-error"');
    expect(await h.store.size()).toBe(before);
  });

  test('a new person is registered first, then the arrest; empty fields are named', async () => {
    const empty = await post(officer, '/custody/new?lang=en', {
      personMode: 'new',
      'apprehendedAt-offset': '+05:00',
    });
    expect(empty.statusCode).toBe(422);
    const summary = errorSummary(empty.body);
    for (const text of [
      'Enter the family name',
      'Enter the date and time the person was apprehended',
      'Enter the place of apprehension',
      'Enter the grounds for the arrest',
      'Enter the arresting officer',
    ])
      expect(summary).toContain(text);
    expect(summary.indexOf('#familyName')).toBeLessThan(summary.indexOf('#apprehendedAt'));

    const created = await post(officer, '/custody/new?lang=en', {
      personMode: 'new',
      familyName: 'Ташкентова',
      givenNames: 'Дильноза',
      'birthDate-day': '3',
      'birthDate-month': '4',
      'birthDate-year': '2009',
      sex: 'female',
      citizenship: 'uz',
      languages: ['ru'],
      languagesOther: 'uz',
      apprehendedAt: local(now - HOUR),
      ...ARREST,
    });
    expect(created.statusCode, errorSummary(created.body)).toBe(303);
    const episode = await get(officer, String(created.headers.location) + '&lang=en');
    expect(episode.body).toContain('Ташкентова Дильноза');
    // Under 18: the 24-hour limit; a foreign national: the consular forms.
    expect(episode.body).toContain('Juvenile: 24-hour limit');
    expect(episode.body).toContain('Foreign national');
    expect(episode.body).toContain('id="form-consular-rights-explained"');
    expect(episode.body).toContain(`data-due-at="${iso(now - HOUR + 24 * HOUR)}"`);
  });

  test('an id out of reach and a person already in custody are named beside the field; whether the id names anyone is not said', async () => {
    const unknown = await post(officer, '/custody/new?lang=en', {
      personMode: 'existing',
      personId: 'nobody',
      apprehendedAt: local(now - HOUR),
      ...ARREST,
    });
    // Issue 17: the same answer as for a person registered elsewhere, and it says what to do.
    expect(errorSummary(unknown.body)).toContain(
      'This person is not registered at or held by your facility. Enter an identity document the person carries, or register them.',
    );
    const id = await person('Дважды');
    await arrestByForm(id, now - HOUR);
    const again = await post(officer, '/custody/new?lang=en', {
      personMode: 'existing',
      personId: id,
      apprehendedAt: local(now - HOUR),
      ...ARREST,
    });
    expect(again.statusCode).toBe(422);
    expect(errorSummary(again.body)).toContain('This person is already in custody');
  });
});

describe('the desk', () => {
  test('lists only the officer’s custody units, with the countdown to the limit as of rendering', async () => {
    const id = await person('Деск');
    await arrestByForm(id, now - 37 * HOUR, { confirmTime: 'yes' });
    const desk = await get(officer, '/custody?lang=en');
    expect(desk.statusCode).toBe(200);
    expect(desk.body).toContain('Деск Асхат');
    expect(desk.body).not.toContain('Карагандинов');
    // 37 of 48 hours: past 75%, so the limit warns; 11 hours are left.
    const card =
      /<li class="episode">(?:(?!<li class="episode">)[\s\S])*?Деск Асхат[\s\S]*?<\/li>/.exec(
        desk.body,
      )?.[0] ?? '';
    expect(card).toContain('clock clock--warning-75');
    expect(card).toContain('Warning: 75% of the time used');
    expect(card).toContain('<span class="clock__time" role="timer">11:00:00</span>');
    expect(card).toContain(`data-due-at="${iso(now + 11 * HOUR)}"`);
    expect(desk.body).toContain(`data-now="${iso(now)}"`);
    const theirs = await get(otherOfficer, '/custody?lang=en');
    expect(theirs.body).toContain('Карагандинов');
    expect(theirs.body).not.toContain('Деск Асхат');
  });

  test('filters: a breached limit is shown as BREACHED; the clock filter narrows the list', async () => {
    const id = await person('Просроченный');
    await arrestByForm(id, now - 50 * HOUR, { confirmTime: 'yes' });
    // Brought in ten minutes ago: every clock still runs.
    await arrestByForm(await person('Свежий'), now - 10 * 60_000);
    const breached = await get(officer, '/custody?lang=en&clock=breached');
    expect(breached.body).toContain('Просроченный Асхат');
    expect(breached.body).toContain('clock clock--breached');
    expect(breached.body).toContain('BREACHED');
    expect(breached.body).toContain('Overdue by');
    expect(breached.body).not.toContain('Свежий Асхат');
    const running = await get(officer, '/custody?lang=en&clock=running');
    expect(running.body).toContain('Свежий Асхат');
    // The most urgent first: the breached one before the one still running.
    const all = await get(officer, '/custody?lang=en');
    expect(all.body.indexOf('Просроченный Асхат')).toBeLessThan(all.body.indexOf('Деск Асхат'));
    const russian = await get(officer, '/custody?lang=ru&clock=breached');
    expect(russian.body).toContain('СРОК НАРУШЕН');
    expect(russian.body).toContain('Просрочено на');
  });
});

describe('the episode: safeguards, corrections, scope', () => {
  let custodyId: string;

  beforeAll(async () => {
    custodyId = await arrestByForm(await person('Эпизодов', { languages: ['kk'] }), now - 2 * HOUR);
  });

  test('recording a safeguard through its form shows it in the timeline (POST-redirect-GET)', async () => {
    const page = await get(officer, `/custody/${custodyId}?lang=en`);
    expect(page.body).toContain('<details class="safeguard" id="form-rights-explained">');
    const response = await post(officer, `/custody/${custodyId}/events`, {
      type: 'rights-explained',
      'rights-explained-language': 'kk',
      'rights-explained-method': 'oral-and-written',
      'rights-explained-interpreter': '',
      'rights-explained-at': local(now - HOUR),
      'rights-explained-at-offset': '+05:00',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/custody/${custodyId}?recorded=rights-explained`);
    const after = await get(officer, `${String(response.headers.location)}&lang=en`);
    expect(after.body).toContain('Recorded: Rights explained.');
    const timeline = /<ol class="timeline">[\s\S]*<\/ol>/.exec(after.body)?.[0] ?? '';
    expect(timeline).toContain('Rights explained');
    expect(timeline).toContain('Orally and in writing');
    expect(timeline).toContain('Kazakh');
    expect(timeline).toContain(`<time datetime="${iso(now - HOUR)}">`);
    // One click: counsel requested needs nothing but the button (the time is now).
    const counsel = await post(officer, `/custody/${custodyId}/events`, { type: 'counsel-requested' });
    expect(counsel.statusCode).toBe(303);
    expect((await get(officer, `/custody/${custodyId}?lang=en`)).body).toContain('Counsel requested');
  });

  test('a refused safeguard comes back with its form open, its values and the error beside the field', async () => {
    const response = await post(officer, `/custody/${custodyId}/events?lang=en`, {
      type: 'family-notified',
      'family-notified-outcome': 'delayed',
      'family-notified-contact': 'мать',
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('<details class="safeguard" id="form-family-notified" open>');
    const summary = errorSummary(response.body);
    expect(summary).toMatch(/href="#family-notified-(reason|authorisedBy)"/);
    expect(response.body).toContain('value="мать"');
    const future = await post(officer, `/custody/${custodyId}/events?lang=en`, {
      type: 'medical-examined',
      'medical-examined-examinedBy': 'фельдшер Иванова',
      'medical-examined-injuriesSeen': 'no',
      'medical-examined-at': local(now + 3 * HOUR),
      'medical-examined-at-offset': '+05:00',
    });
    expect(future.statusCode).toBe(422);
    expect(errorSummary(future.body)).toContain(
      '<a href="#medical-examined-at">The time cannot be in the future or before the arrest</a>',
    );
  });

  test('a correction is shown beside the entry it corrects, the original struck through but kept', async () => {
    const page = await get(officer, `/custody/${custodyId}?lang=en`);
    const openedSeq = /<li class="timeline__entry" id="entry-(\d+)">/.exec(page.body)?.[1];
    expect(openedSeq).toBeDefined();
    const response = await post(officer, `/custody/${custodyId}/corrections`, {
      'correction-correctsSeq': String(openedSeq),
      'correction-field': 'place',
      'correction-to': 'ул. Кенесары 42, Астана',
      'correction-reason': 'опечатка в номере дома',
    });
    expect(response.statusCode, errorSummary(response.body)).toBe(303);
    const after = await get(officer, `/custody/${custodyId}?lang=en`);
    const entry =
      new RegExp(
        `<li class="timeline__entry timeline__entry--corrected" id="entry-${openedSeq}">[\\s\\S]*?</li>`,
      ).exec(after.body)?.[0] ?? '';
    expect(entry).toContain('<del class="corrected__old">ул. Кенесары 40, Астана</del>');
    expect(entry).toContain('<ins class="corrected__new">ул. Кенесары 42, Астана</ins>');
    expect(after.body).toContain('опечатка в номере дома');
    expect(after.body).toContain(`Corrects entry No. ${openedSeq}.`);
    const empty = await post(officer, `/custody/${custodyId}/corrections?lang=en`, {});
    expect(empty.statusCode).toBe(422);
    expect(errorSummary(empty.body)).toContain('href="#correction-correctsSeq"');
  });

  test('another facility’s officer gets 403 on the episode, its record and its forms', async () => {
    for (const url of [`/custody/${custodyId}`, `/custody/${custodyId}/record`]) {
      const response = await get(otherOfficer, `${url}?lang=en`);
      expect(response.statusCode, url).toBe(403);
      expect(response.body).toContain('You cannot open this page');
    }
    const before = await h.store.size();
    const refused = await post(otherOfficer, `/custody/${custodyId}/events`, { type: 'counsel-requested' });
    expect(refused.statusCode).toBe(403);
    expect(await h.store.size()).toBe(before);
    expect((await get(officer, '/custody/nobody-here')).statusCode).toBe(404);
  });

  test('reading the episode on its page is recorded in the log', async () => {
    const before = await h.store.readStream(`audit/custody/${custodyId}`).catch(() => []);
    await get(officer, `/custody/${custodyId}`);
    const after = await h.store.readStream(`audit/custody/${custodyId}`).catch(() => []);
    expect(after.length).toBeGreaterThan(before.length);
  });

  test('the printable record is in the person’s language (kk here), ?lang= overrides it and is not remembered', async () => {
    const record = await get(officer, `/custody/${custodyId}/record`);
    expect(record.statusCode).toBe(200);
    expect(record.body).toContain('<html lang="kk">');
    expect(record.body).toContain('Ұстап алу хаттамасы');
    expect(record.body).toContain('Құқықтары түсіндірілді');
    expect(record.body).toContain('<del class="corrected__old">ул. Кенесары 40, Астана</del>');
    const english = await get(officer, `/custody/${custodyId}/record?lang=en`);
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('Custody record');
    expect(english.headers['set-cookie']).toBeUndefined();
  });
});

describe('who records what', () => {
  test('a judge records the court decision (only that), which ends the custody limit; a monitor only reads', async () => {
    const custodyId = await arrestByForm(await person('Судебный'), now - 20 * HOUR, { confirmTime: 'yes' });
    const judge = await h.session('judge');
    const page = await get(judge, `/custody/${custodyId}?lang=en`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="form-court-decision"');
    expect(page.body).not.toContain('id="form-rights-explained"');
    expect(page.body).not.toContain('id="form-correction"');
    const decided = await post(judge, `/custody/${custodyId}/events`, {
      type: 'court-decision',
      'court-decision-decision': 'approved',
      'court-decision-court': 'Следственный суд г. Астаны',
    });
    expect(decided.statusCode, errorSummary(decided.body)).toBe(303);
    const after = await get(officer, `/custody/${custodyId}?lang=en`);
    expect(after.body).toContain('Court decision');
    expect(after.body).toContain('Custody approved');
    // The limit no longer runs: it is among the clocks that ended.
    expect(after.body).not.toMatch(/data-clock="running"[^>]*data-rule="kz.custody.limit"/);
    const monitor = await h.session('monitor');
    const read = await get(monitor, `/custody/${custodyId}?lang=en`);
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain('<form class="safeguard__form"');
  });

  test('after release only the family’s notification and corrections can be recorded', async () => {
    const custodyId = await arrestByForm(await person('Освобождённый'), now - 2 * HOUR);
    const released = await post(officer, `/custody/${custodyId}/events`, {
      type: 'released',
      'released-reason': 'постановление следователя',
    });
    expect(released.statusCode).toBe(303);
    const page = await get(officer, `/custody/${custodyId}?lang=en`);
    expect(page.body).toContain('<strong class="tag tag--released">Released</strong>');
    expect(page.body).toContain('id="form-family-notified"');
    expect(page.body).toContain('id="form-correction"');
    expect(page.body).not.toContain('id="form-rights-explained"');
    // The desk shows who is held now: not them.
    expect((await get(officer, '/custody?lang=en')).body).not.toContain('Освобождённый Асхат');
    expect((await get(officer, '/custody?lang=en&status=released')).body).toContain('Освобождённый Асхат');
  });
});

describe('oversight lists', () => {
  test('a monitor sees findings across facilities, filtered by rule and kind, with links to the episodes', async () => {
    const monitor = await h.session('monitor');
    const all = await get(monitor, '/custody/findings?lang=en');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('kz.custody.actual-time');
    expect(all.body).toMatch(/href="\/custody\/[A-Za-z0-9_-]+">Open/);
    const breaches = await get(monitor, '/custody/findings?lang=en&kind=breach&rule=kz.custody.limit');
    expect(breaches.body).not.toContain('<code class="rule-id">kz.custody.actual-time</code>');
    expect(breaches.body).toContain('<code class="rule-id">kz.custody.limit</code>');
    expect((await get(officer, '/custody/findings')).statusCode).toBe(403);
  });

  test('a health official sees the referrals opened by injury entries at their facility', async () => {
    const custodyId = await arrestByForm(await person('Травмов'), now - HOUR);
    const injury = await post(officer, `/custody/${custodyId}/events`, {
      type: 'injury-recorded',
      'injury-recorded-observedBy': 'дежурный Сапаров',
      'injury-recorded-description': 'ссадина на левой скуле',
    });
    expect(injury.statusCode).toBe(303);
    const medical = await h.session('medical');
    const referrals = await get(medical, '/custody/referrals?lang=en');
    expect(referrals.statusCode).toBe(200);
    expect(referrals.body).toContain('Травмов Асхат');
    expect(referrals.body).toContain('<strong class="tag tag--breach">Waiting</strong>');
    expect(referrals.body).toContain('Shown: 1 of 1.');
    expect((await get(officer, '/custody/referrals')).statusCode).toBe(403);
  });
});

describe('bad input never gives a 500', () => {
  test('odd filters, cursors, types and bodies get pages, never a 500', async () => {
    const monitor = await h.session('monitor');
    const requests: InjectOptions[] = [
      {
        method: 'GET',
        url: '/custody?status=nonsense&clock=%00&facilityId=x',
        headers: { cookie: officer.cookie },
      },
      { method: 'GET', url: '/custody?cursor=not-a-cursor', headers: { cookie: officer.cookie } },
      { method: 'GET', url: '/custody?cursor=%%%', headers: { cookie: officer.cookie } },
      {
        method: 'GET',
        url: '/custody/findings?cursor=abc&kind=x&rule=<b>',
        headers: { cookie: monitor.cookie },
      },
      { method: 'GET', url: '/custody/..%2f..%2fetc', headers: { cookie: officer.cookie } },
      { method: 'GET', url: '/custody/new?person=%3Cscript%3E', headers: { cookie: officer.cookie } },
      {
        method: 'POST',
        url: '/custody/new',
        payload: `_csrf=${officer.csrfToken}&personMode=existing&personId=a&personId=b&apprehendedAt=2026-13-45T99:99&apprehendedAt-offset=%2B99:00&place=${'x'.repeat(5000)}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: officer.cookie },
      },
      {
        method: 'POST',
        url: '/custody/nobody/events',
        payload: `_csrf=${officer.csrfToken}&type=counsel-requested`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: officer.cookie },
      },
      {
        method: 'POST',
        url: '/custody/nobody/events',
        payload: `_csrf=${officer.csrfToken}&type=custody-opened`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: officer.cookie },
      },
      {
        method: 'POST',
        url: '/custody/nobody/corrections',
        payload: `_csrf=${officer.csrfToken}&correction-correctsSeq=99999999999999999999&correction-field=at`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: officer.cookie },
      },
    ];
    for (const request of requests) {
      const response = await h.app.inject(request);
      const label = `${request.method} ${String(request.url).slice(0, 60)}`;
      expect(response.statusCode, label).toBeLessThan(500);
      expect(response.headers['content-type'], label).toBe('text/html; charset=utf-8');
    }
  });

  test('a form without its CSRF token records nothing', async () => {
    const before = await h.store.size();
    const response = await h.app.inject({
      method: 'POST',
      url: '/custody/new?lang=en',
      ...form({ personMode: 'existing', personId: h.personId, apprehendedAt: local(now), ...ARREST }),
      headers: { ...form({}).headers, cookie: officer.cookie },
    });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('This form has expired');
    expect(await h.store.size()).toBe(before);
  });
});
