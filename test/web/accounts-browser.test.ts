import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { authenticateToken, createToken, createUser } from '../../src/app/accounts.js';
import { createFacility } from '../../src/app/registry.js';
import { startServer } from '../../src/http/server.js';
import { allProjections } from '../../src/store/projections/index.js';
import type { Store } from '../../src/store/types.js';
import { MESSAGES } from '../../src/web/i18n.js';
import { freshStore } from '../support/engines.js';
import { CHROMIUM, CHROMIUM_ARGS, haveChromium, WCAG_AA, requireChromiumInCi } from './chromium.js';

/*
 * The administrator's account pages (issue 18 item 4) in Debian's Chromium (playwright-core)
 * against a real server: disabling an official without JavaScript, a temporary password on a
 * phone-sized screen with its errors, and revoking a kiosk's token in Kazakh. Every page passes
 * axe (WCAG 2.2 AA) and never scrolls sideways.
 */

const PASSWORD = 'a long password for the account browser tests';
const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';
const SLOW = { timeout: 20_000, interval: 100 };

requireChromiumInCi();

describe.runIf(haveChromium)('account pages in Chromium', { timeout: 120_000 }, () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let store: Store;
  let cleanup: () => Promise<void>;
  let base: string;
  let kioskToken: string;

  beforeAll(async () => {
    const fresh = await freshStore('sqlite', { projections: allProjections });
    store = fresh.store;
    cleanup = fresh.cleanup;
    const facility = (
      await createFacility(
        store,
        { name: 'ИВС ДП г. Алматы', kind: 'police-custody', population: 'mixed', region: 'KZ-ALA' },
        'test',
      )
    ).id;
    await createUser(
      store,
      { username: 'root', password: PASSWORD, name: 'Марат Оспанов', role: 'admin' },
      'test',
    );
    for (const username of ['leaving', 'forgetful'])
      await createUser(
        store,
        { username, password: PASSWORD, name: username, role: 'custody-officer', facilities: [facility] },
        'test',
      );
    kioskToken = (
      await createToken(store, { role: 'kiosk', name: 'Киоск, корпус 2', facilities: [facility] }, 'test')
    ).token;
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
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await cleanup?.();
  }, 60_000);

  async function signedIn(
    lang: 'kk' | 'ru' | 'en',
    options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {},
  ): Promise<Page> {
    const context = await browser.newContext({
      locale: 'en-GB',
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      viewport: options.viewport ?? { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(`${base}/login?lang=${lang}`);
    await page.locator('#username').fill('root');
    await page.locator('#password').fill(PASSWORD);
    await page.locator('form.form button[type=submit]').click();
    await page.waitForURL(`${base}/`);
    return page;
  }

  async function expectAccessible(page: Page, label: string) {
    const results = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
    expect(
      results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`),
      label,
    ).toEqual([]);
    expect(await page.evaluate(OVERFLOW), `${label}: sideways scrolling`).toBeLessThanOrEqual(0);
  }

  // axe runs in the page, so the pages are checked with JavaScript on in the tests below.
  test('without JavaScript, in Russian: the administrator disables an official, who can no longer sign in', async () => {
    const ru = MESSAGES.ru;
    const page = await signedIn('ru', { javaScriptEnabled: false });
    await page.getByRole('link', { name: ru['nav.accounts'] }).first().click();
    await expect.poll(() => page.locator('h1').innerText(), SLOW).toBe(ru['accounts.title']);
    await page.getByRole('link', { name: 'leaving', exact: true }).click();
    await expect.poll(() => page.locator('h1').innerText(), SLOW).toContain('leaving');

    // Without a reason the form comes back, saying what to do, beside the field and at the top.
    await page.getByRole('button', { name: ru['account.disable.submit'] }).click();
    await expect
      .poll(() => page.locator('.error-summary').innerText(), SLOW)
      .toContain(ru['account.reason.required']);
    await page.locator('#disableReason').fill('уволился');
    await page.getByRole('button', { name: ru['account.disable.submit'] }).click();
    await expect
      .poll(() => page.locator('.notice--success').innerText(), SLOW)
      .toBe(ru['account.done.disabled']);
    expect(await page.locator('.summary').innerText()).toContain(ru['accounts.state.disabled']);
    expect(await page.getByRole('button', { name: ru['account.enable.submit'] }).count()).toBe(1);

    const official = await browser.newContext({ locale: 'en-GB' });
    const login = await official.newPage();
    await login.goto(`${base}/login?lang=ru`);
    await login.locator('#username').fill('leaving');
    await login.locator('#password').fill(PASSWORD);
    await login.locator('form.form button[type=submit]').click();
    await expect.poll(() => login.locator('.error-summary').count(), SLOW).toBe(1);
    await official.close();
    await page.context().close();
  });

  test('on a phone, in English: a temporary password is typed twice and must be strong', async () => {
    const en = MESSAGES.en;
    const page = await signedIn('en', { viewport: { width: 390, height: 844 } });
    await page.goto(`${base}/accounts`);
    await expectAccessible(page, 'accounts list, 390 px');
    await page.getByRole('link', { name: 'forgetful', exact: true }).click();
    await page.locator('#password').fill('qwertyuiop123');
    await page.locator('#passwordRepeat').fill('qwertyuiop123');
    await page.locator('#passwordReason').fill('password forgotten');
    await page.getByRole('button', { name: en['account.password.submit'] }).click();
    await expect
      .poll(() => page.locator('.error-summary').innerText(), SLOW)
      .toContain(en['account.password.weak.run']);
    // The summary takes focus, so a screen reader announces it; the reason is kept, the password not.
    expect(await page.evaluate('document.activeElement?.className')).toContain('error-summary');
    expect(await page.locator('#passwordReason').inputValue()).toBe('password forgotten');
    expect(await page.locator('#password').inputValue()).toBe('');
    await expectAccessible(page, 'password form with an error, 390 px');
    await page.locator('#password').fill('a new passphrase for monday');
    await page.locator('#passwordRepeat').fill('a new passphrase for monday');
    await page.getByRole('button', { name: en['account.password.submit'] }).click();
    await expect
      .poll(() => page.locator('.notice--success').innerText(), SLOW)
      .toBe(en['account.done.password']);
    await expectAccessible(page, 'password set, 390 px');
    await page.context().close();
  });

  test('in Kazakh: revoking a kiosk token stops it at once', async () => {
    const kk = MESSAGES.kk;
    const page = await signedIn('kk');
    await page.goto(`${base}/accounts`);
    await expectAccessible(page, 'accounts list, 1280 px');
    await page.getByRole('link', { name: 'Киоск, корпус 2' }).click();
    await expectAccessible(page, 'service account');
    await page.locator('#revokeReason').fill('терминал ауыстырылды');
    await page.getByRole('button', { name: kk['account.revoke.submit'] }).click();
    await expect
      .poll(() => page.locator('.notice--success').innerText(), SLOW)
      .toBe(kk['account.done.revoked']);
    expect(await page.locator('.summary').innerText()).toContain(kk['accounts.state.revoked']);
    expect(await authenticateToken(store, kioskToken)).toBeNull();
    await page.context().close();
  });
});
