import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditStream } from '../../src/access/read-audit.js';
import { authenticateToken, createToken, revokeToken } from '../../src/app/accounts.js';
import { createPerson } from '../../src/app/registry.js';
import { initialsOf, listFacilityRoll } from '../../src/app/roll.js';
import { SESSION_COOKIE } from '../../src/http/session-cookie.js';
import { LANGUAGES, MESSAGES, translator, type MessageKey } from '../../src/web/i18n.js';
import { KIOSK_COOKIE } from '../../src/web/kiosk/enrolment.js';
import { KIOSK_CATEGORIES } from '../../src/web/pages/kiosk.js';
import { startHarness, type Harness } from '../http/harness.js';
import { buildKioskScript } from './kiosk-build.js';
import { csrfField, form, setCookieLine } from './jar.js';

/*
 * The complaint kiosk's pages through the real app (issue 4 item 2): a terminal without the kiosk
 * cookie gets the enrolment notice, a staff session never gets the kiosk, the kiosk page has no
 * staff navigation and no form that could send anything in clear, every text is there in Kazakh,
 * Russian and English, and an administrator enrols a terminal (the cookie, and the end of the
 * administrator's session). The browser flow itself is test/web/kiosk-browser.test.ts.
 */

let h: Harness;
/** The harness's kiosk token (scoped to Astana), as the terminal's signed cookie. */
let kioskCookie: string;

const kioskKeys = (Object.keys(MESSAGES.en) as MessageKey[]).filter((key) => key.startsWith('kiosk.'));
const decode = (html: string) =>
  html
    .replace(/&quot;|&#34;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&#x2F;/g, '/')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function get(url: string, cookie?: string) {
  return h.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
}

beforeAll(async () => {
  h = await startHarness('sqlite');
  kioskCookie = `${KIOSK_COOKIE}=${h.app.signCookie(h.tokens.kiosk)}`;
});

afterAll(async () => {
  await h?.close();
});

describe('who gets the kiosk', () => {
  test('without the kiosk cookie: the enrolment notice, in the reader’s language, and no kiosk', async () => {
    for (const lang of LANGUAGES) {
      const response = await get(`/kiosk?lang=${lang}`);
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('data-kiosk-notice="not-enrolled"');
      expect(response.body).toContain(translator(lang).t('kiosk.notEnrolled.title'));
      expect(response.body).toContain(translator(lang).t('kiosk.notEnrolled.body'));
      expect(response.body).not.toContain('data-kiosk=');
      expect(response.body).not.toContain('/static/kiosk.js');
    }
  });

  test('a forged, unsigned, revoked or non-kiosk key is the same as none, and the cookie is dropped', async () => {
    const officerToken = `${KIOSK_COOKIE}=${h.app.signCookie(h.tokens['custody-officer'])}`;
    const unsigned = `${KIOSK_COOKIE}=${h.tokens.kiosk}`;
    const forged = `${KIOSK_COOKIE}=${h.app.signCookie('hbs_' + 'A'.repeat(43))}`;
    const revoked = await createToken(
      h.store,
      { name: 'old kiosk', role: 'kiosk', facilities: [h.facilities.astana], regions: [] },
      'test',
    );
    await revokeToken(h.store, revoked.id, 'terminal replaced', 'test');
    const revokedCookie = `${KIOSK_COOKIE}=${h.app.signCookie(revoked.token)}`;
    for (const cookie of [officerToken, unsigned, forged, revokedCookie]) {
      const response = await get('/kiosk?lang=en', cookie);
      expect(response.statusCode, cookie).toBe(403);
      expect(response.body).toContain('data-kiosk-notice="not-enrolled"');
      expect(setCookieLine(response, KIOSK_COOKIE), cookie).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    }
  });

  test('a staff session gets no kiosk — not even beside a kiosk cookie — but a sign-out button', async () => {
    for (const role of ['custody-officer', 'admin', 'complaints-officer'] as const) {
      const session = await h.session(role);
      for (const cookie of [session.cookie, `${session.cookie}; ${kioskCookie}`]) {
        const response = await get('/kiosk?lang=en', cookie);
        expect(response.statusCode).toBe(403);
        expect(response.body).toContain('data-kiosk-notice="staff-session"');
        expect(response.body).toContain(translator('en').t('kiosk.staff.body'));
        expect(response.body).not.toContain('data-kiosk=');
        expect(response.body).toContain('action="/logout"');
        expect(csrfField(response.body)).toBe(session.csrfToken);
        expect(response.body).not.toContain('class="nav"');
      }
    }
  });

  test('the kiosk’s calls refuse a staff session, a missing header and a terminal that is not enrolled', async () => {
    const session = await h.session('custody-officer');
    const call = (cookie: string, headers: Record<string, string> = { 'x-habeas-kiosk': '1' }) =>
      h.app.inject({
        method: 'POST',
        url: '/kiosk/status',
        headers: { cookie, 'content-type': 'application/json', ...headers },
        payload: JSON.stringify({ reference: 'ABCD-EFGH-JKMN', pin: '1234' }),
      });
    const staff = await call(`${session.cookie}; ${kioskCookie}`, {
      'x-habeas-kiosk': '1',
      'x-csrf-token': session.csrfToken,
    });
    expect(staff.statusCode).toBe(403);
    expect(staff.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await call(kioskCookie, {})).statusCode).toBe(403);
    expect((await call('')).statusCode).toBe(401);
    const notJson = await h.app.inject({
      method: 'POST',
      url: '/kiosk/complaints',
      headers: { cookie: kioskCookie, 'x-habeas-kiosk': '1', 'content-type': 'application/json' },
      payload: '[',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('the roll of names (issue 4 item 2)', () => {
  const roll = (cookie: string, headers: Record<string, string> = { 'x-habeas-kiosk': '1' }, q?: string) =>
    h.app.inject({
      method: 'GET',
      url: q === undefined ? '/kiosk/roll' : `/kiosk/roll?q=${encodeURIComponent(q)}`,
      headers: { cookie, ...headers },
    });

  test('only the kiosk facility’s people, family name and initials only, by family name; every read audited', async () => {
    const here = async (familyName: string, givenNames: string, patronymic?: string, facilityId?: string) =>
      (
        await createPerson(
          h.store,
          {
            familyName,
            givenNames,
            ...(patronymic === undefined ? {} : { patronymic }),
            birthDate: '1990-01-02',
            sex: 'male',
            facilityId: facilityId ?? h.facilities.astana,
          },
          'test',
        )
      ).id;
    const zhanibek = await here('Жанибеков', 'Ерлан Болатович');
    const akhmetov = await here('Ахметов', 'Кайрат', 'Серикович');
    const abenova = await here('Абенова', 'Айгерим');
    const elsewhere = await here('Абенкулова', 'Дана', 'Маратовна', h.facilities.almatyWomen);
    const subject = `roll/${h.facilities.astana}`;
    const before = (await h.store.readStream(auditStream(subject))).length;

    const response = await roll(kioskCookie, undefined, 'абе');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const { people, more } = response.json<{ people: Record<string, unknown>[]; more: boolean }>();
    // The harness's Абенов Ерлан, then Абенова: Intl.Collator('ru') order; nobody of another facility.
    expect(people).toEqual([
      { personId: h.personId, familyName: 'Абенов', givenInitials: 'Е.' },
      { personId: abenova, familyName: 'Абенова', givenInitials: 'А.' },
    ]);
    expect(more).toBe(false);
    expect(people.map((person) => person.personId)).not.toContain(elsewhere);
    // Data minimisation: no given name written out, no patronymic, no birth date.
    for (const word of ['Ерлан', 'Айгерим', 'Маратовна', '1990-01-02', 'birth'])
      expect(response.body).not.toContain(word);
    expect((await roll(kioskCookie, undefined, 'АХМ')).json()).toMatchObject({
      people: [{ personId: akhmetov, familyName: 'Ахметов', givenInitials: 'К. С.' }],
    });
    expect((await roll(kioskCookie, undefined, 'Жан')).json()).toMatchObject({
      people: [{ personId: zhanibek }],
    });

    const reads = await h.store.readStream(auditStream(subject));
    expect(reads.length).toBe(before + 3);
    const last = reads.at(-1);
    expect(last?.entry.type).toBe('record-read');
    expect(last?.entry.actor).toBe((await authenticateToken(h.store, h.tokens.kiosk))?.id);
    expect(last?.payload).toMatchObject({ purpose: 'kiosk roll', actorRole: 'kiosk' });
  });

  test('the kiosk’s roll: never the whole roll — names only for three first letters of a family name, or a shorter name typed whole', async () => {
    const li = (
      await createPerson(
        h.store,
        {
          familyName: 'Ли',
          givenNames: 'Вадим',
          birthDate: '1987-07-07',
          sex: 'male',
          facilityId: h.facilities.astana,
        },
        'test',
      )
    ).id;
    const lim = (
      await createPerson(
        h.store,
        {
          familyName: 'Лимонов',
          givenNames: 'Олег',
          birthDate: '1984-04-04',
          sex: 'male',
          facilityId: h.facilities.astana,
        },
        'test',
      )
    ).id;
    // Nothing asked, nothing typed: no names at all, and nothing read.
    const subject = `roll/${h.facilities.astana}`;
    const before = (await h.store.readStream(auditStream(subject))).length;
    for (const q of [undefined, '', '   ', '12', 'a'.repeat(41)]) {
      const refused = await roll(kioskCookie, undefined, q);
      expect(refused.statusCode, String(q)).toBe(400);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await h.store.readStream(auditStream(subject))).length).toBe(before);
    // One or two letters: the person of that whole name only, never everyone the letters begin.
    const names = async (q: string) =>
      (await roll(kioskCookie, undefined, q))
        .json<{ people: { personId: string }[] }>()
        .people.map((person) => person.personId);
    expect(await names('л')).toEqual([]);
    expect(await names('Ли')).toEqual([li]);
    expect(await names('ЛИМ')).toEqual([lim]);
    expect(await names('а')).toEqual([]);
    expect(await names('аб')).toEqual([]);
  });

  test('the roll is the kiosk’s alone: no header, a staff session, no terminal, another role', async () => {
    expect((await roll(kioskCookie, {}, 'Абе')).statusCode).toBe(403);
    const session = await h.session('governor');
    const staff = await roll(`${session.cookie}; ${kioskCookie}`, undefined, 'Абе');
    expect(staff.statusCode).toBe(403);
    expect(staff.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await roll('', undefined, 'Абе')).statusCode).toBe(401);
    for (const role of ['governor', 'prison-officer', 'complaints-officer', 'admin'] as const) {
      const principal = await authenticateToken(h.store, h.tokens[role]);
      await expect(listFacilityRoll(h.store, principal, 'Абе')).rejects.toMatchObject({ status: 403 });
    }
    await expect(listFacilityRoll(h.store, null, 'Абе')).rejects.toMatchObject({ status: 401 });
  });

  test('initials: each given name and the patronymic, hyphenated names too', () => {
    expect(initialsOf('Ерлан', 'Кайратович')).toBe('Е. К.');
    expect(initialsOf('Анна-Мария', null)).toBe('А. М.');
    expect(initialsOf('  ерлан  болат ', 'кайратұлы')).toBe('Е. Б. К.');
  });
});

describe('the kiosk page', () => {
  test('an enrolled terminal gets the kiosk: its facility, the script, no staff navigation, nothing to submit', async () => {
    const response = await get('/kiosk', `${kioskCookie}; lang=ru`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const html = response.body;
    expect(html).toContain('<html lang="ru"');
    expect(html).toContain('data-kiosk=""');
    expect(html).toContain(`data-facility-id="${h.facilities.astana}"`);
    expect(html).toContain('ИВС г. Астаны');
    expect(html).toContain('<script type="module" src="/static/kiosk.js"></script>');
    // No staff shell: no menu, no header of an official, no footer, no link away but the languages.
    expect(html).not.toContain('class="nav"');
    expect(html).not.toContain('class="header"');
    expect(html).not.toContain('class="footer"');
    expect(html).not.toContain('href="/login"');
    expect([...html.matchAll(/<a [^>]*href="([^"]+)"/g)].map((match) => match[1])).toEqual([
      '/kiosk?lang=kk',
      '/kiosk?lang=ru',
      '/kiosk?lang=en',
    ]);
    // The text must never leave unsealed: no form, no named field, so no browser can submit one.
    expect(html).not.toMatch(/<form[\s>]/);
    expect(html).not.toMatch(/<(input|textarea|select)[^>]* name=/);
    // The PIN fields: numeric, masked by the stylesheet, never offered to a password manager.
    expect(html).toMatch(/<input[^>]*id="kiosk-pin"[^>]*type="text"[^>]*inputmode="numeric"/);
    expect(html).toMatch(/<input[^>]*id="kiosk-status-pin"[^>]*autocomplete="off"/);
    expect(html).not.toContain('type="password"');
    // Without the script only the "not working" message shows: every screen starts hidden.
    expect(html).toContain('id="kiosk-broken"');
    expect([...html.matchAll(/<section class="screen" data-screen="([a-z0-9]+)"[^>]*hidden/g)].length).toBe(
      [...html.matchAll(/<section class="screen" data-screen=/g)].length,
    );
    // Six categories, each with a picture.
    for (const category of KIOSK_CATEGORIES)
      expect(html).toMatch(new RegExp(`data-action="category" data-value="${category}"><svg`));
    expect(html).toContain('data-start="language"');
    expect(html).toContain('data-idle="120"');
  });

  test('after a language is chosen the kiosk starts at the task, in that language', async () => {
    const response = await get('/kiosk?lang=kk', kioskCookie);
    expect(response.body).toContain('<html lang="kk"');
    expect(response.body).toContain('data-start="task"');
    expect(response.body).toContain(translator('kk').t('kiosk.task.title'));
  });

  test('?idle= shortens the inactivity timeout for tests, never lengthens it, and the language links keep it', async () => {
    const short = await get('/kiosk?idle=2', kioskCookie);
    expect(short.body).toContain('data-idle="2"');
    expect(short.body).toContain('href="/kiosk?lang=kk&idle=2"');
    expect(short.body).toContain('data-home="/kiosk?idle=2"');
    for (const idle of ['9999', '121', '1', 'abc', '-5'])
      expect((await get(`/kiosk?idle=${idle}`, kioskCookie)).body).toContain('data-idle="120"');
  });

  test('every text of the kiosk is there in Kazakh, Russian and English', async () => {
    // Keys shown by the admin and notice pages, or written by the script from data-texts.
    const elsewhere = (key: string) =>
      key.startsWith('kiosk.enrol.') ||
      key.startsWith('kiosk.notEnrolled.') ||
      key.startsWith('kiosk.staff.');
    for (const lang of LANGUAGES) {
      const raw = (await get(`/kiosk?lang=${lang}`, kioskCookie)).body;
      const html = decode(raw);
      const texts = JSON.parse(decode(/data-texts="([^"]*)"/.exec(raw)?.[1] ?? '{}')) as Record<
        string,
        string
      >;
      const scriptTexts = Object.values(texts).join('\n');
      for (const key of kioskKeys.filter((key) => !elsewhere(key))) {
        // A text with {{placeholders}} (filled by the page or by the script): its fixed parts are there.
        const parts = MESSAGES[lang][key]
          .split(/\{\{\s*\w+\s*\}\}/)
          .map((part) => part.trim())
          .filter((part) => part !== '');
        const shown = parts.every((part) => html.includes(part) || scriptTexts.includes(part));
        expect(shown, `${lang} ${key}: ${MESSAGES[lang][key]}`).toBe(true);
      }
      // The language choice speaks every language at once.
      for (const other of LANGUAGES) expect(html).toContain(translator(other).t('kiosk.language.title'));
    }
    // And the texts really are translated: Kazakh differs from Russian, and both from English.
    const same = kioskKeys.filter((key) => MESSAGES.kk[key] === MESSAGES.ru[key]);
    expect(same).toEqual([]);
    const untranslated = kioskKeys.filter((key) => MESSAGES.ru[key] === MESSAGES.en[key]);
    expect(untranslated).toEqual([]);
  });

  test('the kiosk’s script and stylesheet are served from this server', async () => {
    await buildKioskScript();
    const script = await get('/static/kiosk.js');
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.body).toContain('habeas/complaint/v1');
    expect((await get('/static/kiosk.js', undefined)).headers.etag).toBe(script.headers.etag);
    const again = await h.app.inject({
      method: 'GET',
      url: '/static/kiosk.js',
      headers: { 'if-none-match': String(script.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    const style = await get('/static/kiosk.css');
    expect(style.statusCode).toBe(200);
    expect(style.headers['content-type']).toMatch(/^text\/css/);
  });
});

describe('enrolling a terminal', () => {
  test('only an administrator may enrol; others are refused and the public is sent to sign in', async () => {
    const anonymous = await get('/kiosk/enrol');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/login?next=%2Fkiosk%2Fenrol');
    for (const role of ['custody-officer', 'governor', 'complaints-officer'] as const) {
      const session = await h.session(role);
      expect((await get('/kiosk/enrol', session.cookie)).statusCode, role).toBe(403);
    }
    const admin = await h.session('admin');
    const page = await get('/kiosk/enrol?lang=en', admin.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(translator('en').t('kiosk.enrol.title'));
    expect(page.body).toContain('ИВС г. Астаны');
    // A terminal that is not enrolled points the administrator here (through the sign-in page).
    const notice = await get('/kiosk?lang=en');
    expect(notice.body).toContain('href="/login?next=%2Fkiosk%2Fenrol"');
  });

  test('a new kiosk key for a facility: the terminal keeps it in an HttpOnly, SameSite=Strict cookie and the administrator is signed out', async () => {
    const admin = await h.session('admin');
    const response = await h.app.inject({
      method: 'POST',
      url: '/kiosk/enrol',
      ...form({
        _csrf: admin.csrfToken,
        mode: 'new',
        facilityId: h.facilities.astana,
        name: 'Блок 2, коридор',
      }),
      headers: { ...form({}).headers, cookie: admin.cookie },
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/kiosk');
    const line = setCookieLine(response, KIOSK_COOKIE) ?? '';
    expect(line).toMatch(/; Path=\/kiosk/);
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Strict/);
    expect(line).toMatch(/; Max-Age=\d{6,}/);
    // The administrator's session is over, in the browser and on the server.
    expect(setCookieLine(response, SESSION_COOKIE)).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/);
    const stale = await get('/kiosk/enrol', admin.cookie);
    expect(stale.statusCode).toBe(303);
    // The terminal is now the kiosk of that facility.
    const cookie = line.split(';')[0] ?? '';
    const kiosk = await get('/kiosk?lang=ru', cookie);
    expect(kiosk.statusCode).toBe(200);
    expect(kiosk.body).toContain(`data-facility-id="${h.facilities.astana}"`);
    // And its key is a kiosk service account in the log, created by the administrator.
    const accounts = await h.store.db
      .selectFrom('accounts')
      .select(['role', 'name', 'facilities'])
      .where('name', '=', 'Блок 2, коридор')
      .execute();
    expect(accounts).toEqual([
      { role: 'kiosk', name: 'Блок 2, коридор', facilities: JSON.stringify([h.facilities.astana]) },
    ]);
  });

  test('a key issued before; a key of another role, an empty form and a missing CSRF token are refused', async () => {
    const admin = await h.session('admin');
    const post = (fields: Record<string, string>, csrf = true) =>
      h.app.inject({
        method: 'POST',
        url: '/kiosk/enrol?lang=en',
        ...form({ ...(csrf ? { _csrf: admin.csrfToken } : {}), ...fields }),
        headers: { ...form({}).headers, cookie: admin.cookie },
      });
    expect((await post({ mode: 'existing', token: h.tokens.kiosk }, false)).statusCode).toBe(403);
    const wrongRole = await post({ mode: 'existing', token: h.tokens['custody-officer'] });
    expect(wrongRole.statusCode).toBe(422);
    expect(wrongRole.body).toContain(translator('en').t('kiosk.enrol.token.invalid'));
    expect(setCookieLine(wrongRole, KIOSK_COOKIE)).toBeUndefined();
    expect(wrongRole.body).not.toContain(h.tokens['custody-officer']);
    const empty = await post({ mode: 'new', facilityId: '', name: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain(translator('en').t('kiosk.enrol.facility.required'));
    expect(empty.body).toContain(translator('en').t('kiosk.enrol.name.required'));
    const existing = await post({ mode: 'existing', token: ` ${h.tokens.kiosk} ` });
    expect(existing.statusCode).toBe(303);
    const cookie = (setCookieLine(existing, KIOSK_COOKIE) ?? '').split(';')[0] ?? '';
    expect((await get('/kiosk', cookie)).statusCode).toBe(200);
  });

  test('an administrator sees this browser’s enrolment and can remove it', async () => {
    const admin = await h.session('admin');
    const page = await get('/kiosk/enrol?lang=en', `${admin.cookie}; ${kioskCookie}`);
    expect(page.body).toContain(
      translator('en').t('kiosk.enrol.current', { name: 'kiosk test', facility: 'ИВС г. Астаны' }),
    );
    const removed = await h.app.inject({
      method: 'POST',
      url: '/kiosk/unenrol',
      ...form({ _csrf: admin.csrfToken }),
      headers: { ...form({}).headers, cookie: `${admin.cookie}; ${kioskCookie}` },
    });
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe('/kiosk/enrol?removed=1');
    expect(setCookieLine(removed, KIOSK_COOKIE)).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/);
  });
});
