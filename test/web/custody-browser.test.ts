import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Principal } from '../../src/access/principal.js';
import { createUser } from '../../src/app/accounts.js';
import { correctCustodyEntry, recordCustodyEvent, registerArrest } from '../../src/app/custody.js';
import { createFacility, createPerson } from '../../src/app/registry.js';
import { startServer } from '../../src/http/server.js';
import { DEFAULT_CUSTODY_RULES } from '../../src/rules/custody-rules.js';
import { allProjections } from '../../src/store/projections/index.js';
import type { Store } from '../../src/store/types.js';
import { freshStore } from '../support/engines.js';
import { screenshot } from './screenshots.js';
import { CHROMIUM, CHROMIUM_ARGS, haveChromium, WCAG_AA, requireChromiumInCi } from './chromium.js';

/*
 * The custody pages in Debian's Chromium (playwright-core), against a real server whose clock is
 * fixed: the countdowns tick from the server's time and change level at 75% of the custody limit,
 * the arrest form warns before it is sent, and axe finds no WCAG 2 A/AA violation on the desk, the
 * episode, the arrest form and the printable record. Screenshots go to /tmp/custody-*.png.
 */

const PASSWORD = 'a long password for the custody browser tests';
const SLOW = { timeout: 20_000, interval: 100 };
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, SLOW);
const HOUR = 3_600_000;
const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';
/** How far the widest table region scrolls sideways within itself. */
const WRAP_OVERFLOW =
  "Math.max(0, ...[...document.querySelectorAll('.table-wrap')].map((wrap) => wrap.scrollWidth - wrap.clientWidth))";

requireChromiumInCi();

describe.runIf(haveChromium)('custody pages in Chromium', { timeout: 180_000 }, () => {
  /** The server's fixed time: now, to the second, so that the browser's date inputs make sense. */
  const NOW = Math.floor(Date.now() / 1000) * 1000;
  /** Seconds after the page's script starts before the watched episode reaches 75% of its limit. */
  const TO_WARNING_MS = 5_000;
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let store: Store;
  let cleanup: () => Promise<void>;
  let base: string;
  let facilityId: string;
  let personId: string;
  let episodeId: string;
  /** A foreign national's episode with safeguards, an injury, a correction and findings. */
  let richEpisode: string;
  const contexts: BrowserContext[] = [];
  const requested: string[] = [];
  const consoleErrors: string[] = [];

  const iso = (ms: number) => new Date(ms).toISOString();
  /** `datetime-local` text of a moment at +05:00. */
  const local = (ms: number) => new Date(ms + 5 * HOUR).toISOString().slice(0, 16);

  beforeAll(async () => {
    const fresh = await freshStore('sqlite', { projections: allProjections });
    store = fresh.store;
    cleanup = fresh.cleanup;
    facilityId = (
      await createFacility(
        store,
        { name: 'ИВС ДП г. Алматы', kind: 'police-custody', population: 'mixed', region: 'KZ-ALA' },
        'test',
      )
    ).id;
    // Where a person may be transferred to.
    await createFacility(
      store,
      { name: 'СИЗО г. Алматы', kind: 'remand-centre', population: 'men', region: 'KZ-ALA' },
      'test',
    );
    const officer = (
      await createUser(
        store,
        {
          username: 'officer',
          password: PASSWORD,
          name: 'Айгерим Садыкова',
          role: 'custody-officer',
          facilities: [facilityId],
          regions: [],
        },
        'test',
      )
    ).id;
    // The monitor reads the findings; the health official the referrals.
    for (const [username, role, facilities] of [
      ['monitor', 'monitor', []],
      ['medic', 'medical', [facilityId]],
    ] as const)
      await createUser(
        store,
        { username, password: PASSWORD, name: username, role, facilities: [...facilities], regions: [] },
        'test',
      );
    const principal: Principal = {
      id: officer,
      kind: 'user',
      username: 'officer',
      name: 'Айгерим Садыкова',
      role: 'custody-officer',
      facilities: [facilityId],
      regions: [],
    };
    const services = { store, rules: DEFAULT_CUSTODY_RULES };
    const person = async (familyName: string, givenNames: string, extra: Record<string, unknown> = {}) =>
      (
        await createPerson(
          store,
          { familyName, givenNames, birthDate: '1991-06-12', sex: 'male', facilityId, ...extra },
          'test',
          new Date(NOW),
        )
      ).id;
    const arrest = async (id: string, hoursAgo: number) =>
      (
        await registerArrest(
          services,
          principal,
          {
            personId: id,
            facilityId,
            apprehendedAt: iso(NOW - hoursAgo * HOUR),
            place: 'г. Алматы, пр. Абая, 10',
            grounds: 'ст. 188 УК РК, кража',
            arrestingOfficer: 'ст. лейтенант Ахметов Б.',
          },
          new Date(NOW),
        )
      ).id;
    // Just under 75% of 48 hours when the page's script starts: the class changes while we watch.
    episodeId = await arrest(
      await person('Сейткали', 'Нурлан', { languages: ['kk', 'ru'] }),
      36 - TO_WARNING_MS / HOUR,
    );
    await arrest(await person('Омаров', 'Данияр'), 44);
    await arrest(await person('Ибраимов', 'Руслан'), 49);
    await arrest(await person('Жаксылыков', 'Арман', { birthDate: '2009-01-15' }), 3);
    const foreigner = await arrest(
      await person('Каримов', 'Бахтиёр', { citizenship: 'UZ', languages: ['uz', 'ru'] }),
      6,
    );
    personId = await person('Новиков', 'Павел', { languages: ['ru'] });

    // A richer episode for the screenshots and axe: safeguards, a correction, findings.
    const at = (hoursAgo: number) => iso(NOW - hoursAgo * HOUR);
    await recordCustodyEvent(
      services,
      principal,
      foreigner,
      {
        type: 'rights-explained',
        at: at(5.5),
        language: 'uz',
        method: 'oral-and-written',
        interpreter: 'Юсупова Д.',
      },
      new Date(NOW),
    );
    await recordCustodyEvent(
      services,
      principal,
      foreigner,
      { type: 'consular-rights-explained', at: at(5), notificationRequested: true },
      new Date(NOW),
    );
    await recordCustodyEvent(
      services,
      principal,
      foreigner,
      { type: 'counsel-requested', at: at(2) },
      new Date(NOW),
    );
    await recordCustodyEvent(
      services,
      principal,
      foreigner,
      {
        type: 'injury-recorded',
        at: at(5.8),
        observedBy: 'дежурный Сапаров',
        description: 'ссадина на левой скуле',
      },
      new Date(NOW),
    );
    const view = await recordCustodyEvent(
      services,
      principal,
      foreigner,
      { type: 'medical-examined', at: at(4), examinedBy: 'фельдшер Иванова', injuriesSeen: true },
      new Date(NOW),
    );
    const opened = view.timeline.find((entry) => entry.type === 'custody-opened');
    if (!opened) throw new Error('no arrest entry');
    await correctCustodyEntry(
      services,
      principal,
      foreigner,
      {
        correctsSeq: opened.seq,
        field: 'place',
        to: 'г. Алматы, пр. Абая, 12',
        reason: 'опечатка в номере дома',
      },
      new Date(NOW),
    );
    richEpisode = foreigner;

    server = await startServer({
      store,
      dataDir: fresh.dataDir,
      port: 0,
      host: '127.0.0.1',
      logger: false,
      scheduler: false,
      clock: () => new Date(NOW),
      rateLimit: { max: 100_000, timeWindowMs: 60_000 },
      loginRateLimit: { max: 100_000, timeWindowMs: 60_000 },
    });
    base = server.url;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await cleanup?.();
  }, 60_000);

  async function newPage(
    options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {},
  ) {
    const context = await browser.newContext({
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      viewport: options.viewport ?? { width: 1100, height: 900 },
      locale: 'en-GB',
      timezoneId: 'Asia/Almaty',
    });
    contexts.push(context);
    context.on('request', (request) => requested.push(request.url()));
    const page = await context.newPage();
    page.on('console', (message) => {
      const text = message.text();
      if (
        message.type() === 'error' &&
        !/^Failed to load resource: the server responded with a status of 4\d\d/.test(text)
      )
        consoleErrors.push(text);
    });
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'document' && response.status() >= 400)
        consoleErrors.push(`${response.status()} ${response.url()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    return page;
  }

  async function signIn(page: Page, username = 'officer') {
    await page.goto(`${base}/login?lang=en`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.locator('form.form button[type=submit]').click();
    await page.waitForURL(`${base}/`);
  }

  async function expectNoAxeViolations(page: Page, label: string) {
    const results = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
    const summary = results.violations.map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
    expect(summary, label).toEqual([]);
  }

  test('the desk: the countdown ticks every second and turns to the 75% warning as the limit’s time passes', async () => {
    const page = await newPage();
    await signIn(page);
    await page.goto(`${base}/custody?lang=en`);
    const card = page.locator('li.episode', { hasText: 'Сейткали Нурлан' });
    const limit = card.locator('.episode__limit .clock');
    const first = await limit.locator('.clock__time').innerText();
    await screenshot(page, 'custody-desk');
    // It ticks: the time left goes down.
    await poll(() => limit.locator('.clock__time').innerText()).not.toBe(first);
    expect(first).toMatch(/^12:00:0\d$/);
    // Then it crosses 75% of 48 hours: class, word and icon change together.
    await poll(() => limit.getAttribute('class')).toContain('clock--warning-75');
    expect(await limit.locator('.clock__level').innerText()).toBe('Warning: 75% of the time used');
    expect(await limit.locator('.clock__time').innerText()).toMatch(/^1[12]:\d\d:\d\d$/);
    await limit.scrollIntoViewIfNeeded();
    await screenshot(page, 'custody-desk-warning');
    // The breached one says so in words, and the juvenile has the 24-hour badge.
    const breached = page
      .locator('li.episode', { hasText: 'Ибраимов Руслан' })
      .locator('.episode__limit .clock');
    expect(await breached.getAttribute('class')).toContain('clock--breached');
    expect(await breached.locator('.clock__level').innerText()).toBe('BREACHED');
    expect(await page.locator('li.episode', { hasText: 'Жаксылыков Арман' }).innerText()).toContain(
      'Juvenile: 24-hour limit',
    );
    // Most urgent first.
    const names = await page.locator('.episode__name').allInnerTexts();
    expect(names.indexOf('Ибраимов Руслан')).toBeLessThan(names.indexOf('Омаров Данияр'));
    expect(names.indexOf('Омаров Данияр')).toBeLessThan(names.indexOf('Сейткали Нурлан'));
    await expectNoAxeViolations(page, 'desk');
  });

  test('the desk in Kazakh, and on a 320 px screen without sideways scrolling', async () => {
    const page = await newPage({ viewport: { width: 320, height: 700 } });
    await signIn(page);
    await page.goto(`${base}/custody?lang=kk`);
    await poll(() => page.locator('h1').innerText()).toBe('УҰИ кезекші бөлімі');
    expect(await page.evaluate(OVERFLOW)).toBeLessThanOrEqual(0);
    await screenshot(page, 'custody-desk-320-kk');
  });

  test('the desk, the findings and the referrals as register lists: no sideways scrolling at 1280 px in Russian or on a 390 px phone in Kazakh, the print views too', async () => {
    const lists = [
      { user: 'officer', path: '/custody', name: 'custody-desk' },
      { user: 'monitor', path: '/custody/findings', name: 'custody-findings' },
      { user: 'medic', path: '/custody/referrals', name: 'custody-referrals' },
    ];
    for (const { user, path, name } of lists)
      for (const [width, lang] of [
        [1280, 'ru'],
        [390, 'kk'],
      ] as const) {
        const page = await newPage({ viewport: { width, height: 900 } });
        await signIn(page, user);
        for (const [suffix, query] of [
          ['', `?lang=${lang}&status=any`],
          ['-print', `?lang=${lang}&status=any&print=1`],
        ] as const) {
          await page.goto(`${base}${path}${query}`);
          const label = `${name}${suffix} ${width} ${lang}`;
          expect(await page.locator('.register-list__summary').innerText(), label).toMatch(
            lang === 'ru' ? /^Показано: \d+ из \d+\./ : /^Көрсетілді: \d+ ішінен \d+\./,
          );
          expect(await page.evaluate(OVERFLOW), label).toBeLessThanOrEqual(0);
          // Nor does the table scroll sideways within its own region.
          expect(await page.evaluate(WRAP_OVERFLOW), label).toBeLessThanOrEqual(0);
          await screenshot(page, `${name}${suffix}-${width}-${lang}`);
          if (width === 1280) await expectNoAxeViolations(page, label);
        }
        await page.close();
      }
  });

  test('without JavaScript the desk shows the time left as of rendering', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await signIn(page);
    await page.goto(`${base}/custody?lang=ru`);
    const limit = page.locator('li.episode', { hasText: 'Омаров Данияр' }).locator('.episode__limit .clock');
    expect(await limit.locator('.clock__time').innerText()).toBe('04:00:00');
    expect(await limit.getAttribute('class')).toContain('clock--warning-90');
    expect(await limit.locator('.clock__level').innerText()).toBe('Срочно: прошло 90% срока');
  });

  test('the arrest form warns before it is sent: more than 3 h ago needs the confirmation, the future is named', async () => {
    const page = await newPage();
    await signIn(page);
    await page.goto(`${base}/custody/new?lang=en&person=${personId}`);
    const warning = page.locator('#time-warning');
    expect(await warning.isVisible()).toBe(false);
    await expectNoAxeViolations(page, 'arrest form');
    await page.locator('#apprehendedAt').fill(local(NOW - 5 * HOUR));
    await poll(() => warning.isVisible()).toBe(true);
    expect(await warning.getAttribute('role')).toBe('alert');
    expect(await warning.innerText()).toContain('more than 3 hours before now');
    expect(await page.getByLabel('I confirm that this is the actual time of apprehension').isVisible()).toBe(
      true,
    );
    await page.getByLabel('Place of apprehension').fill('г. Алматы, ул. Толе би, 5');
    await page.getByLabel('Grounds for the arrest').fill('ст. 293 УК РК, хулиганство');
    await page.getByLabel('Arresting officer').fill('сержант Бекова А.');
    await screenshot(page, 'custody-arrest-warning');
    // Not confirmed: the browser keeps the form and puts the focus on the confirmation.
    await page.locator('form.form button[type=submit]').click();
    await poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe(
      'confirmTime',
    );
    expect(page.url()).toBe(`${base}/custody/new?lang=en&person=${personId}`);
    // A time in the future: another warning, no confirmation to tick.
    await page.locator('#apprehendedAt').fill(local(NOW + 2 * HOUR));
    await poll(() => warning.innerText()).toContain('in the future');
    expect(await page.getByLabel('I confirm that this is the actual time of apprehension').isVisible()).toBe(
      false,
    );
    // Back to 5 hours ago, confirmed: registered, on the episode page with the actual-time flag.
    await page.locator('#apprehendedAt').fill(local(NOW - 5 * HOUR));
    await page.getByLabel('I confirm that this is the actual time of apprehension').check();
    await page.locator('form.form button[type=submit]').click();
    await page.waitForURL(/\/custody\/[a-z2-7]{26}\?recorded=registered$/);
    await poll(() => page.locator('.notice--success').innerText()).toContain('Arrest registered');
    expect(
      await page
        .locator('#findings-title + .table-wrap, section[aria-labelledby=findings-title]')
        .first()
        .innerText(),
    ).toContain('kz.custody.actual-time');
  });

  test('the arrest form shows only the fields of the choice made; a new person’s identity appears when chosen', async () => {
    const page = await newPage();
    await signIn(page);
    await page.goto(`${base}/custody/new?lang=ru`);
    expect(await page.locator('#familyName').isVisible()).toBe(false);
    await page.getByLabel('Нет, зарегистрировать сейчас').check();
    await poll(() => page.locator('#familyName').isVisible()).toBe(true);
    expect(await page.locator('#personId').isVisible()).toBe(false);
    await screenshot(page, 'custody-arrest-new-person-ru');
    await expectNoAxeViolations(page, 'arrest form, new person (ru)');
  });

  test('issue 18 item 2: choosing the new person’s sex keeps their section open; citizenship and languages are filled in and saved', async () => {
    const page = await newPage();
    await signIn(page);
    await page.goto(`${base}/custody/new?lang=en`);
    await page.getByLabel('No, register them now').check();
    await poll(() => page.locator('#familyName').isVisible()).toBe(true);
    await page.locator('#familyName').fill('Юлдашева');
    await page.locator('#givenNames').fill('Мадина');
    await page.locator('#birthDate').fill('9');
    await page.locator('#birthDate-month').fill('3');
    await page.locator('#birthDate-year').fill('1994');
    // The sex radios are fields of the section, not a choice between sections.
    await page.getByLabel('Female', { exact: true }).check();
    expect(await page.locator('#person-new').isVisible()).toBe(true);
    expect(await page.locator('#citizenship').isVisible()).toBe(true);
    await page.locator('#citizenship').fill('uz');
    await page.getByLabel('Uzbek').check();
    await page.getByLabel('Russian').check();
    await page.locator('#languagesOther').fill('tr');
    await page.getByLabel('Male', { exact: true }).check();
    await page.getByLabel('Female', { exact: true }).check();
    expect(await page.locator('#languagesOther').isVisible()).toBe(true);
    await expectNoAxeViolations(page, 'arrest form, new person with a sex chosen');
    await page.locator('#apprehendedAt').fill(local(NOW - HOUR));
    await page.getByLabel('Place of apprehension').fill('г. Алматы, ул. Жибек жолы, 50');
    await page.getByLabel('Grounds for the arrest').fill('ст. 190 УК РК, мошенничество');
    await page.getByLabel('Arresting officer').fill('капитан Ержанов К.');
    await page.locator('form.form button[type=submit]').click();
    await page.waitForURL(/\/custody\/[a-z2-7]{26}\?recorded=registered$/);
    // What was saved: the person as typed, a foreign national (not stateless), with her languages.
    const saved = await store.db
      .selectFrom('people')
      .selectAll()
      .where('family_name', '=', 'Юлдашева')
      .executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ sex: 'female', citizenship: 'UZ', birth_date: '1994-03-09' });
    expect(JSON.parse(saved.languages)).toEqual(['ru', 'uz', 'tr']);
    expect(await page.locator('main').innerText()).toContain('Юлдашева Мадина');
  });

  test('the episode: clocks, safeguard forms, findings and a timeline with its correction; a safeguard recorded in one form', async () => {
    const page = await newPage();
    await signIn(page);
    await page.goto(`${base}/custody/${richEpisode}?lang=en`);
    await poll(() => page.locator('h1').innerText()).toBe('Каримов Бахтиёр');
    const corrected = page.locator('.timeline__entry--corrected');
    expect(await corrected.locator('del').first().innerText()).toBe('г. Алматы, пр. Абая, 10');
    expect(await corrected.locator('ins').first().innerText()).toBe('г. Алматы, пр. Абая, 12');
    await screenshot(page, 'custody-episode');
    await expectNoAxeViolations(page, 'episode');
    // Counsel arrives: open its form, fill in the name, record it.
    await page.locator('#form-counsel-arrived summary').click();
    await page
      .getByLabel('Counsel', { exact: true })
      .fill('адвокат Тулеуова С., коллегия адвокатов г. Алматы');
    await page.locator('#form-counsel-arrived button[type=submit]').click();
    await page.waitForURL(/\?recorded=counsel-arrived$/);
    await poll(() => page.locator('.notice--success').innerText()).toBe('Recorded: Counsel arrived.');
    expect(await page.locator('.timeline').innerText()).toContain('адвокат Тулеуова С.');
    // A refused one comes back open with its error, and axe is content with that too.
    await page.locator('#form-family-notified summary').click();
    await page.locator('#form-family-notified').getByLabel('Notification delayed').check();
    await page.locator('#form-family-notified button[type=submit]').click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('#form-family-notified').getAttribute('open')).not.toBeNull();
    await screenshot(page, 'custody-episode-error', { fullPage: false });
    await screenshot(page.locator('#form-family-notified'), 'custody-episode-form-error', {});
    await expectNoAxeViolations(page, 'episode with a refused form');
  });

  test('the printable record: in the person’s language, printable on A4 without the site’s menus', async () => {
    const page = await newPage();
    await signIn(page);
    await page.goto(`${base}/custody/${episodeId}/record`);
    await poll(() => page.locator('html').getAttribute('lang')).toBe('kk');
    await poll(() => page.locator('h1').innerText()).toBe('Ұстап алу хаттамасы');
    expect(await page.locator('[data-print]').isVisible()).toBe(true);
    await expectNoAxeViolations(page, 'record (kk)');
    await page.goto(`${base}/custody/${richEpisode}/record?lang=ru`);
    await poll(() => page.locator('h1').innerText()).toBe('Протокол задержания');
    expect(await page.locator('main').innerText()).toContain('Юсупова Д.');
    await screenshot(page, 'custody-record');
    await expectNoAxeViolations(page, 'record (ru)');
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['header.header', 'nav.nav', 'footer.footer', '[data-print]'])
      expect(await page.locator(selector).first().isVisible(), selector).toBe(false);
    await screenshot(page, 'custody-record-print');
    await page.pdf({ path: '/tmp/custody-record.pdf', format: 'A4', printBackground: false });
    // The officer's own language was not changed by the record's.
    await page.emulateMedia({ media: 'screen' });
    await page.goto(`${base}/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  test('every request went to this server on 127.0.0.1, and no page logged an error', () => {
    expect(requested.length).toBeGreaterThan(20);
    expect([...new Set(requested.map((url) => new URL(url).origin))]).toEqual([base]);
    expect(consoleErrors).toEqual([]);
  });
});
