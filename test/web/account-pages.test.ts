import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { authenticateToken, createToken, createUser } from '../../src/app/accounts.js';
import { login, sessionPrincipal } from '../../src/app/sessions.js';
import { MESSAGES } from '../../src/web/i18n.js';
import { PASSWORD, startHarness, type Harness } from '../http/harness.js';
import { CookieJar, csrfField, form } from './jar.js';

/*
 * The administrator's account pages (issue 18 item 4) through the real app: the list, one account,
 * and the forms that disable, enable, set a temporary password and revoke a token — each with the
 * CSRF token, the reason the log records, errors beside the fields in the page's language, and a
 * confirmation after the redirect.
 */

let h: Harness;
let users = 0;
let adminJar: CookieJar;
let adminId = '';

beforeAll(async () => {
  h = await startHarness('sqlite');
  adminId = (
    await createUser(h.store, { username: 'root', password: PASSWORD, name: 'Марат', role: 'admin' }, 'test')
  ).id;
  adminJar = await signIn('root');
});
afterAll(async () => h?.close());

async function signIn(username: string, password = PASSWORD): Promise<CookieJar> {
  const jar = new CookieJar();
  const page = await h.app.inject({ method: 'GET', url: '/login' });
  jar.take(page);
  const response = await h.app.inject({
    method: 'POST',
    url: '/login',
    ...form({ _csrf: csrfField(page.body), next: '/', username, password }),
    headers: { ...form({}).headers, ...jar.header() },
  });
  expect(response.statusCode, response.body.slice(0, 300)).toBe(303);
  return jar.take(response);
}

async function official() {
  const username = `clerk${++users}`;
  const { id } = await createUser(
    h.store,
    { username, password: PASSWORD, name: `Clerk ${users}`, role: 'judge' },
    'test',
  );
  return { id, username };
}

const get = (url: string, jar = adminJar) => h.app.inject({ method: 'GET', url, headers: jar.header() });

/** Opens `page` and sends its form whose action is `action`, with the page's CSRF token. */
async function submit(page: string, action: string, fields: Record<string, string>, jar = adminJar) {
  const shown = await get(page, jar);
  jar.take(shown); // the page's ?lang= is remembered in the lang cookie, as in a browser
  expect(shown.statusCode).toBe(200);
  expect(shown.body).toContain(`action="${action}"`);
  return h.app.inject({
    method: 'POST',
    url: action,
    ...form({ _csrf: csrfField(shown.body), ...fields }),
    headers: { ...form({}).headers, ...jar.header() },
  });
}

const errorSummary = (html: string): string =>
  /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';

describe('account administration pages', () => {
  test('the administrator lists people and service accounts with role, scope and state; nobody else may', async () => {
    const clerk = await official();
    const page = await get('/accounts?lang=en');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain(`href="/accounts/users/${clerk.id}"`);
    expect(page.body).toContain('Judge');
    expect(page.body).toContain('Complaints terminal');
    expect(page.body).toContain('National');
    expect(page.body).toContain('ИВС г. Астаны');
    expect(page.body).not.toMatch(/argon2|hbs_/);
    // The menu links to it, for the administrator only.
    expect((await get('/?lang=en')).body).toContain('href="/accounts"');
    const monitor = await h.session('monitor');
    const refused = await h.app.inject({ url: '/accounts', headers: { cookie: monitor.cookie } });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain(clerk.username);
    const outsider = await h.app.inject({ url: '/accounts' });
    expect(outsider.statusCode).toBe(303);
    expect(outsider.headers.location).toBe('/login?next=%2Faccounts');
  });

  test('disabling asks for the reason, ends the sessions, and the log names the administrator and the reason', async () => {
    const clerk = await official();
    const session = await login(h.store, { username: clerk.username, password: PASSWORD, ip: '10.7.0.1' });
    const page = `/accounts/users/${clerk.id}?lang=ru`;
    const action = `/accounts/users/${clerk.id}/disable`;

    const noReason = await submit(page, action, { disableReason: '  ' });
    expect(noReason.statusCode).toBe(422);
    expect(errorSummary(noReason.body)).toContain(
      `<a href="#disableReason">${MESSAGES.ru['account.reason.required']}</a>`,
    );
    expect(await sessionPrincipal(h.store, session!.sessionId)).not.toBeNull();

    const done = await submit(page, action, { disableReason: 'уволился' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/accounts/users/${clerk.id}?done=disabled`);
    const after = await get(`${done.headers.location}&lang=ru`);
    expect(after.body).toContain(MESSAGES.ru['account.done.disabled']);
    expect(after.body).toContain(MESSAGES.ru['accounts.state.disabled']);
    expect(after.body).toContain(`action="/accounts/users/${clerk.id}/enable"`);
    expect(await sessionPrincipal(h.store, session!.sessionId)).toBeNull();
    const [, disabled] = await h.store.readStream(`account/${clerk.id}`);
    expect(disabled?.entry).toMatchObject({ type: 'user-disabled', actor: adminId });
    expect(disabled?.payload).toMatchObject({ reason: 'уволился' });

    const enabled = await submit(after.headers.location ?? page, `/accounts/users/${clerk.id}/enable`, {
      enableReason: 'вернулся из отпуска',
    });
    expect(enabled.statusCode).toBe(303);
    expect(
      await login(h.store, { username: clerk.username, password: PASSWORD, ip: '10.7.0.2' }),
    ).not.toBeNull();
  });

  test('a temporary password must be strong and typed twice; the refusal says why in the page language', async () => {
    const clerk = await official();
    const page = `/accounts/users/${clerk.id}?lang=kk`;
    const action = `/accounts/users/${clerk.id}/password`;
    const weak = await submit(page, action, {
      password: 'aaaaaaaaaaaa',
      passwordRepeat: 'aaaaaaaaaaaa',
      passwordReason: 'құпиясөзін ұмытты',
    });
    expect(weak.statusCode).toBe(422);
    expect(errorSummary(weak.body)).toContain(MESSAGES.kk['account.password.weak.repetition']);
    // The password never comes back in the page; the reason does.
    expect(weak.body).not.toContain('aaaaaaaaaaaa');
    expect(weak.body).toContain('value="құпиясөзін ұмытты"');
    const differ = await submit(page, action, {
      password: 'жаңа уақытша құпиясөз',
      passwordRepeat: 'басқа құпиясөз мүлдем',
      passwordReason: 'құпиясөзін ұмытты',
    });
    expect(differ.statusCode).toBe(422);
    expect(errorSummary(differ.body)).toContain('href="#passwordRepeat"');

    const session = await login(h.store, { username: clerk.username, password: PASSWORD, ip: '10.7.1.1' });
    const set = await submit(page, action, {
      password: 'жаңа уақытша құпиясөз',
      passwordRepeat: 'жаңа уақытша құпиясөз',
      passwordReason: 'құпиясөзін ұмытты',
    });
    expect(set.statusCode).toBe(303);
    expect(set.headers.location).toBe(`/accounts/users/${clerk.id}?done=password`);
    expect(await sessionPrincipal(h.store, session!.sessionId)).toBeNull();
    await signIn(clerk.username, 'жаңа уақытша құпиясөз');
    const entry = (await h.store.readStream(`account/${clerk.id}`)).at(-1);
    expect(entry?.entry).toMatchObject({ type: 'user-password-reset', actor: adminId });
    expect(JSON.stringify(entry)).not.toContain('жаңа уақытша');
  });

  test('revoking a kiosk token stops the terminal at once; the page says the token was revoked', async () => {
    const { id, token } = await createToken(
      h.store,
      { role: 'kiosk', name: 'Киоск, блок В', facilities: [h.facilities.astana] },
      'test',
    );
    const revoked = await submit(`/accounts/tokens/${id}?lang=en`, `/accounts/tokens/${id}/revoke`, {
      revokeReason: 'terminal replaced',
    });
    expect(revoked.statusCode).toBe(303);
    expect(await authenticateToken(h.store, token)).toBeNull();
    const after = await get(`${revoked.headers.location}&lang=en`);
    expect(after.body).toContain(MESSAGES.en['account.done.revoked']);
    expect(after.body).toContain('Revoked');
    expect(after.body).not.toContain('/revoke"');
  });

  test('the administrator cannot disable their own account, and a form without its CSRF token changes nothing', async () => {
    const own = await submit(`/accounts/users/${adminId}?lang=en`, `/accounts/users/${adminId}/disable`, {
      disableReason: 'testing',
    });
    expect(own.statusCode).toBe(422);
    expect(errorSummary(own.body)).toContain(MESSAGES.en['account.disable.self']);

    const clerk = await official();
    const forged = await h.app.inject({
      method: 'POST',
      url: `/accounts/users/${clerk.id}/disable`,
      ...form({ disableReason: 'from another site' }),
      headers: { ...form({}).headers, ...adminJar.header() },
    });
    expect(forged.statusCode).toBe(403);
    expect(await h.store.readStream(`account/${clerk.id}`)).toHaveLength(1);
  });

  test('every text of the account pages is translated: the Kazakh and Russian pages hold none of the English', async () => {
    const clerk = await official();
    const english = await get(`/accounts/users/${clerk.id}?lang=en`);
    for (const lang of ['kk', 'ru'] as const) {
      const page = await get(`/accounts/users/${clerk.id}?lang=${lang}`);
      for (const key of [
        'account.disable.title',
        'account.password.title',
        'account.password.new.hint',
        'account.reason.hint',
        'accounts.column.role',
      ] as const) {
        expect(english.body).toContain(MESSAGES.en[key]);
        expect(page.body, `${lang} ${key}`).toContain(MESSAGES[lang][key]);
        expect(page.body, `${lang} ${key}`).not.toContain(MESSAGES.en[key]);
      }
    }
  });

  test('unknown accounts are 404, and a person is not a service account', async () => {
    const clerk = await official();
    expect((await get('/accounts/users/nosuchaccount')).statusCode).toBe(404);
    expect((await get(`/accounts/tokens/${clerk.id}`)).statusCode).toBe(404);
  });
});
