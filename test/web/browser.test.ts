import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUser } from '../../src/app/accounts.js';
import { createFacility } from '../../src/app/registry.js';
import { startServer } from '../../src/http/server.js';
import { allProjections } from '../../src/store/projections/index.js';
import type { Store } from '../../src/store/types.js';
import { freshStore } from '../support/engines.js';
import { screenshot } from './screenshots.js';
import { CHROMIUM, CHROMIUM_ARGS, haveChromium, WCAG_AA, requireChromiumInCi } from './chromium.js';

/*
 * The pages in a real browser: Debian's Chromium (never a downloaded one) driven by playwright-core,
 * against a real server on 127.0.0.1 with an ephemeral port and a fresh SQLite store.
 */

const PASSWORD = 'a long password for the browser tests';
/** WCAG 2.0, 2.1 and 2.2, levels A and AA, as axe tags them. */
/** The machines that run this share two cores with other suites: patience, not flakiness. */
const SLOW = { timeout: 20_000, interval: 100 };
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, SLOW);

/** How far the page is wider than the window, in CSS pixels (evaluated in the page). */
const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';

if (!haveChromium && !process.env.CI) {
  console.warn(
    `\n⚠ ${CHROMIUM} is missing: the browser tests are skipped (apt install chromium). In CI they fail.\n`,
  );
}

// In CI a missing browser is a failure, not a skip.
requireChromiumInCi();

describe.runIf(haveChromium)('pages in Chromium', { timeout: 180_000 }, () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let store: Store;
  let cleanup: () => Promise<void>;
  let base: string;
  let facilityId: string;
  const contexts: BrowserContext[] = [];
  /** Every URL any page asked for, to prove that nothing leaves 127.0.0.1. */
  const requested: string[] = [];
  /**
   * Console errors (a content-security-policy violation shows up here) and failed subresources.
   * Chromium also logs a document answered with 4xx (a form with errors is a 422), which is intended.
   */
  const consoleErrors: string[] = [];

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
    const account = (
      username: string,
      name: string,
      role: 'custody-officer' | 'admin',
      facilities: string[],
    ) => createUser(store, { username, password: PASSWORD, name, role, facilities, regions: [] }, 'test');
    await account('officer', 'Айгерим Садыкова', 'custody-officer', [facilityId]);
    await account('officer2', 'Ерлан Абенов', 'custody-officer', [facilityId]);
    await account('admin', 'Марат Оспанов', 'admin', []);
    server = await startServer({
      store,
      dataDir: fresh.dataDir,
      port: 0,
      host: '127.0.0.1',
      logger: false,
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

  async function signIn(page: Page, username: string, lang = 'en') {
    await page.goto(`${base}/login?lang=${lang}`);
    await page.getByLabel(lang === 'en' ? 'Username' : 'Имя пользователя').fill(username);
    await page.getByLabel(lang === 'en' ? 'Password' : 'Пароль').fill(PASSWORD);
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

  const menuLinks = (page: Page) => page.locator('nav.nav a').allTextContents();

  test('a custody officer signs in and sees the role’s navigation', async () => {
    const page = await newPage();
    await page.goto(`${base}/login?lang=en`);
    await screenshot(page, 'login-en');
    await signIn(page, 'officer');
    expect(await menuLinks(page)).toEqual([
      'Home',
      'Find a person',
      'Custody desk',
      'Register an arrest',
      'Register a person',
      'Facilities',
      'Public log',
    ]);
    await poll(() => page.locator('nav.nav button').innerText()).toBe('Sign out');
    expect(await page.locator('.official').innerText()).toContain('Айгерим Садыкова');
    expect(await page.locator('.official').innerText()).toContain('ИВС ДП г. Алматы');
    // htmx came from this server and runs under the content security policy.
    expect(await page.evaluate('typeof window.htmx')).toBe('object');
  });

  test('the language switch: Русский, then Қазақша, with <html lang>; the choice is remembered', async () => {
    const page = await newPage();
    await signIn(page, 'officer');
    await page.getByRole('link', { name: 'Русский' }).click();
    await poll(() => page.locator('html').getAttribute('lang')).toBe('ru');
    await poll(() => page.locator('h1').innerText()).toBe('Ваша работа');
    expect(await menuLinks(page)).toContain('Зарегистрировать лицо');
    await screenshot(page, 'dashboard-ru');
    await page.getByRole('link', { name: 'Открытый журнал' }).first().click();
    await poll(() => page.locator('html').getAttribute('lang')).toBe('ru'); // from the cookie, no ?lang= here
    await page.getByRole('link', { name: 'Қазақша' }).click();
    await poll(() => page.locator('html').getAttribute('lang')).toBe('kk');
    await poll(() => page.locator('h1').innerText()).toBe('Ашық журнал');
    await page.goto(`${base}/`);
    await poll(() => page.locator('h1').innerText()).toBe('Сіздің жұмысыңыз');
    await screenshot(page, 'dashboard-kk');
  });

  test('signing out returns to the sign-in page, and pages then ask to sign in', async () => {
    const page = await newPage();
    await signIn(page, 'officer');
    await page.locator('nav.nav button').click();
    await page.waitForURL(`${base}/login?signedout=1`);
    await poll(() => page.locator('.notice').innerText()).toBe('You have signed out.');
    await page.goto(`${base}/people/new`);
    expect(page.url()).toBe(`${base}/login?next=%2Fpeople%2Fnew`);
  });

  test('a wrong password shows the generic error, focused at the top of the page', async () => {
    const page = await newPage();
    await page.goto(`${base}/login?lang=en`);
    await page.getByLabel('Username').fill('officer');
    await page.getByLabel('Password').fill('wrong password');
    await page.locator('form.form button[type=submit]').click();
    await expect
      .poll(() => page.locator('.error-summary').innerText())
      .toContain('The username or password is not right');
    expect(await page.evaluate('document.activeElement?.className')).toBe('error-summary');
    expect(await page.getByLabel('Password').inputValue()).toBe('');
    await expectNoAxeViolations(page, 'login with error');
  });

  test('the public log page shows the tree size of the signed checkpoint', async () => {
    const page = await newPage();
    await page.goto(`${base}/log?lang=en`);
    const size = await store.size();
    expect(size).toBeGreaterThan(0);
    await poll(() => page.locator('#tree-size').innerText()).toBe(String(size));
    await screenshot(page, 'log-en');
    await poll(() => page.locator('footer').innerText()).toContain(`Entries in the log: ${size}.`);
    await expectNoAxeViolations(page, 'log');
  });

  test('without JavaScript: sign in, then register a person (errors first, then the confirmation)', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await signIn(page, 'officer2');
    await page.getByRole('link', { name: 'Register a person' }).first().click();
    await page.getByLabel('Family name').fill('Сериков');
    await page.locator('form.form button[type=submit]').click();
    await poll(() => page.locator('.error-summary').innerText()).toContain('Enter the given names');
    await poll(() => page.locator('.error-summary').innerText()).toContain('Enter the date of birth');
    expect(await page.getByLabel('Family name').inputValue()).toBe('Сериков');
    await screenshot(page, 'person-form-errors-en');
    await page.getByLabel('Given names').fill('Нурлан');
    await page.getByLabel('Day').fill('7');
    await page.getByLabel('Month').fill('3');
    await page.getByLabel('Year').fill('1990');
    await page.getByLabel('Male', { exact: true }).check();
    await page.getByLabel('Kazakh').check();
    await screenshot(page, 'person-form-filled-en');
    await page.locator('form.form button[type=submit]').click();
    await page.waitForURL(/\/people\/[a-z2-7]{26}\?registered=1$/);
    await poll(() => page.locator('.panel').innerText()).toContain('Person registered');
    const id = /\/people\/([a-z2-7]{26})/.exec(page.url())?.[1] ?? '';
    await poll(() => page.locator('.panel__id').innerText()).toBe(id);
  });

  test('axe finds no WCAG 2 A/AA violations on the sign-in page and the public home page', async () => {
    const page = await newPage();
    await page.goto(`${base}/login?lang=en`);
    await expectNoAxeViolations(page, 'login');
    await page.goto(`${base}/?lang=kk`);
    await expectNoAxeViolations(page, 'public home (kk)');
  });

  test('axe finds no WCAG 2 A/AA violations on the dashboard and the person form, with and without errors', async () => {
    const page = await newPage();
    await signIn(page, 'officer');
    await page.goto(`${base}/?lang=ru`);
    await expectNoAxeViolations(page, 'dashboard (ru)');
    await page.goto(`${base}/people/new?lang=en`);
    await expectNoAxeViolations(page, 'person form');
    await page.locator('form.form button[type=submit]').click();
    await page.locator('.error-summary').waitFor();
    await expectNoAxeViolations(page, 'person form with errors');
  });

  test('axe finds no WCAG 2 A/AA violations on the facility form with errors and the facilities list', async () => {
    const admin = await newPage();
    await signIn(admin, 'admin');
    await admin.goto(`${base}/facilities/new?lang=ru`);
    await admin.locator('form.form button[type=submit]').click();
    await admin.locator('.error-summary').waitFor();
    await screenshot(admin, 'facility-form-errors-ru');
    await expectNoAxeViolations(admin, 'facility form with errors (ru)');
    await admin.goto(`${base}/facilities?lang=en`);
    await expectNoAxeViolations(admin, 'facilities list');
  });

  test('a facility named <script>alert(1)</script> is shown as text and never runs', async () => {
    const page = await newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signIn(page, 'admin');
    await page.goto(`${base}/facilities/new?lang=en`);
    await page.getByLabel('Name of the facility').fill('<script>alert(1)</script>');
    await page.getByLabel('Prison (correctional institution)').check();
    await page.getByLabel('Men', { exact: true }).check();
    await page.getByLabel('Region', { exact: true }).selectOption({ label: 'Almaty city' });
    await page.locator('form.form button[type=submit]').click();
    await page.waitForURL(/\/facilities\/[a-z2-7]{26}\?registered=1$/);
    await poll(() => page.locator('main h2').innerText()).toBe('<script>alert(1)</script>');
    await screenshot(page, 'facility-registered-en');
    await page.goto(`${base}/facilities`);
    await page.getByRole('link', { name: '<script>alert(1)</script>' }).waitFor();
    expect(dialogs).toEqual([]);
    expect(await page.locator('main script, main img').count()).toBe(0);
  });

  test('reflow: on a 320 px wide screen (or 1280 px at 400% zoom) nothing scrolls sideways', async () => {
    const page = await newPage({ viewport: { width: 320, height: 640 } });
    for (const url of ['/login?lang=kk', '/log?lang=ru', '/?lang=en']) {
      await page.goto(`${base}${url}`);
      const overflow = await page.evaluate(OVERFLOW);
      expect(overflow, url).toBeLessThanOrEqual(0);
    }
    await signIn(page, 'officer', 'ru');
    await page.goto(`${base}/people/new`);
    const overflow = await page.evaluate(OVERFLOW);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'person-form-320-ru');
  });

  test('the register of facilities: regions by name, filters and rows without sideways scrolling at 1280 px in Russian and on a 390 px phone in Kazakh', async () => {
    for (const [width, lang] of [
      [1280, 'ru'],
      [390, 'kk'],
    ] as const) {
      const page = await newPage({ viewport: { width, height: 900 } });
      await signIn(page, 'admin');
      await page.goto(`${base}/facilities?lang=${lang}&registeredFrom=2000-01-01`);
      await page.locator('#facilities-region').selectOption('KZ-75');
      await page.locator('.filters button[type=submit]').click();
      await page.waitForURL(/region=KZ-75/);
      expect(await page.locator('.register-list__region').first().innerText()).toContain('(KZ-75)');
      expect(await page.evaluate(OVERFLOW), `${width} ${lang}`).toBeLessThanOrEqual(0);
      await screenshot(page, `facilities-${width}-${lang}`);
      await expectNoAxeViolations(page, `facilities list (${lang}, ${width} px)`);
      await page.close();
    }
  });

  test('every request any page made went to this server on 127.0.0.1, and no page logged an error', async () => {
    expect(requested.length).toBeGreaterThan(20);
    const origins = new Set(requested.map((url) => new URL(url).origin));
    expect([...origins]).toEqual([base]);
    expect(consoleErrors).toEqual([]);
  });
});
