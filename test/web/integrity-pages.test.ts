import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUser } from '../../src/app/accounts.js';
import { MESSAGES } from '../../src/web/i18n.js';
import { PASSWORD, startHarness, type Harness } from '../http/harness.js';
import { CookieJar, csrfField, form } from './jar.js';

/*
 * The integrity page (issue 17): the monitor, the procurator and the administrator see whether the
 * log verifies and the read models match it, in their language; the monitor and the administrator
 * start a check from it; facility staff are refused. A read model edited in the database shows as
 * the table and rows that differ, never their content.
 */

let h: Harness;
const jars = new Map<string, CookieJar>();

beforeAll(async () => {
  h = await startHarness('sqlite');
  for (const [username, role] of [
    ['monitor1', 'monitor'],
    ['proc1', 'procurator'],
    ['admin1', 'admin'],
    ['officer1', 'custody-officer'],
  ] as const) {
    await createUser(
      h.store,
      {
        username,
        password: PASSWORD,
        name: username,
        role,
        facilities: role === 'custody-officer' ? [h.facilities.astana] : [],
      },
      'test',
    );
    jars.set(username, await signIn(username));
  }
});
afterAll(async () => h?.close());

async function signIn(username: string): Promise<CookieJar> {
  const jar = new CookieJar();
  const page = await h.app.inject({ method: 'GET', url: '/login' });
  jar.take(page);
  const response = await h.app.inject({
    method: 'POST',
    url: '/login',
    ...form({ _csrf: csrfField(page.body), next: '/', username, password: PASSWORD }),
    headers: { ...form({}).headers, ...jar.header() },
  });
  expect(response.statusCode).toBe(303);
  return jar.take(response);
}

const get = (url: string, who: string) =>
  h.app.inject({ method: 'GET', url, headers: (jars.get(who) as CookieJar).header() });

/** Text of the page without tags, scripts and code (commands and table names are code, not prose). */
const prose = (html: string) =>
  html
    .replace(/<code[^>]*>[\s\S]*?<\/code>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('the integrity page', () => {
  test('integrity.read: the monitor, the procurator and the administrator see it, with the check button for monitor and administrator; staff are refused', async () => {
    const monitor = await get('/integrity?lang=en', 'monitor1');
    expect(monitor.statusCode).toBe(200);
    expect(monitor.body).toContain(MESSAGES.en['integrity.ok']);
    expect(monitor.body).toContain('action="/integrity/check"');
    expect(monitor.body).toContain(MESSAGES.en['integrity.witnesses.none']);
    expect((await get('/integrity?lang=en', 'admin1')).body).toContain('action="/integrity/check"');
    const procurator = await get('/integrity?lang=en', 'proc1');
    expect(procurator.statusCode).toBe(200);
    expect(procurator.body).not.toContain('action="/integrity/check"');
    expect((await get('/integrity', 'officer1')).statusCode).toBe(403);
    expect((await h.app.inject({ url: '/integrity' })).statusCode).toBe(303);
    // The menu leads there for those who may see it.
    expect(monitor.body).toContain('href="/integrity"');
  });

  test('a check started from the page finds a read model edited in the database: the table, the row’s id and column, in Russian and Kazakh without English', async () => {
    await h.store.db
      .updateTable('people')
      .set({ family_name: 'Подменов' })
      .where('id', '=', h.personId)
      .execute();
    const page = await get('/integrity?lang=ru', 'monitor1');
    const jar = jars.get('monitor1') as CookieJar;
    const started = await h.app.inject({
      method: 'POST',
      url: '/integrity/check',
      ...form({ _csrf: csrfField(page.body) }),
      headers: { ...form({}).headers, ...jar.header() },
    });
    expect(started.statusCode).toBe(303);
    expect(started.headers.location).toBe('/integrity?started=1');
    await h.app.habeas.integrity.check();
    for (const lang of ['ru', 'kk'] as const) {
      const shown = await get(`/integrity?lang=${lang}`, 'monitor1');
      expect(shown.statusCode).toBe(200);
      expect(shown.body).toContain(MESSAGES[lang]['integrity.broken']);
      expect(shown.body).toContain('<code>people</code>');
      expect(shown.body).toContain(h.personId);
      expect(shown.body).toContain('family_name');
      expect(shown.body).not.toContain('Подменов');
      // No English sentence: the prose outside code is the page's language.
      expect(prose(shown.body)).not.toMatch(/\b(the|read model|differs|entries|rows)\b/i);
    }
    await h.store.rebuild();
    await h.app.habeas.integrity.check();
    expect((await get('/integrity?lang=en', 'monitor1')).body).toContain(MESSAGES.en['integrity.ok']);
  });
});
