import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SESSION_COOKIE } from '../../src/http/session-cookie.js';
import { KIOSK_COOKIE } from '../../src/web/kiosk/enrolment.js';
import { CASE_A, startCaseWorld, type CaseWorld, type Session } from './case-fixtures.js';
import { CHROMIUM, CHROMIUM_ARGS, haveChromium, requireChromiumInCi, WCAG_AA } from './chromium.js';
import { buildKioskScript } from './kiosk-build.js';
import { screenshot } from './screenshots.js';

/*
 * The case file pages (issue 20) in Debian's Chromium: the procurator's list of cases, a case file
 * with a defendant convicted, a decision voided and compensation paid, and the open-case form with
 * a refusal at its field — in Russian on a desktop and in Kazakh on a phone (390 px, no sideways
 * scrolling), without JavaScript for the form, axe-clean (WCAG 2.2 AA); the judge's read-only file.
 * At the kiosk, the complainant's status check names the case and where it stands (item 7).
 * Screenshots go as cases-*.png to HABEAS_SCREENSHOTS when it names a directory.
 */

/** The page's text with no-break spaces (numbers, money) as plain ones. */
const textOf = async (page: Page) => (await page.locator('main').innerText()).replace(/[\u00a0\u202f]/g, ' ');
const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';

requireChromiumInCi();

describe.runIf(haveChromium)('the case file pages in Chromium', { timeout: 180_000 }, () => {
  const clock = { now: Date.parse('2026-01-20T05:00:00.000Z') };
  let w: CaseWorld;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    await buildKioskScript();
    w = await startCaseWorld('sqlite', clock);
    base = await w.h.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await w?.h.close();
  }, 60_000);

  async function pageAs(
    session: Session,
    options: { viewport?: { width: number; height: number }; javaScript?: boolean } = {},
  ): Promise<Page> {
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1280, height: 900 },
      locale: 'ru-RU',
      timezoneId: 'Asia/Almaty',
      javaScriptEnabled: options.javaScript ?? true,
    });
    contexts.push(context);
    const value = session.cookie.slice(`${SESSION_COOKIE}=`.length);
    await context.addCookies([{ name: SESSION_COOKIE, value, url: base }]);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (
        message.type() === 'error' &&
        !/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())
      )
        consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    return page;
  }

  async function expectNoAxeViolations(page: Page, label: string) {
    const results = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
    const summary = results.violations.map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
    expect(summary, label).toEqual([]);
  }

  test('the procurator’s list, case file and open-case form in Russian on a desktop are axe-clean and say the file in words', async () => {
    const page = await pageAs(w.procurator);
    await page.goto(`${base}/cases?lang=ru`);
    expect(await page.locator('h1').innerText()).toBe('Уголовные дела');
    const list = await page.locator('main').innerText();
    expect(list).toContain(CASE_A);
    expect(list).toContain('Рассмотрено судом');
    await expectNoAxeViolations(page, 'list (ru)');
    await screenshot(page, 'cases-list-ru');

    await page.locator(`a[href="/cases/${w.caseA}"]`).first().click();
    await page.waitForURL(`${base}/cases/${w.caseA}`);
    const file = await textOf(page);
    expect(file).toContain('Лишение свободы, 60 мес.; Штраф, 1 500 000 ₸');
    expect(file).toContain('Лишение свободы, 24 мес.; условно, испытательный срок 24 мес.');
    expect(file).toContain('условное осуждение');
    expect(file).toContain('процессуальное соглашение');
    expect(file).toContain('недействителен: установлены пытки');
    expect(file).toContain('исключён из доказательств');
    expect(file).toContain('присоединено — учитывается');
    expect(file).toContain('Не отстранён — срок истёк');
    expect(file).toContain('выплачено полностью');
    expect(await page.locator('del').first().innerText()).toBe(
      'Постановление об отказе в начале досудебного расследования',
    );
    await expectNoAxeViolations(page, 'case file (ru)');
    await screenshot(page, 'cases-file-ru');

    const form = await pageAs(w.procurator, { javaScript: false });
    await form.goto(`${base}/cases/new?complaint=${w.complaints[0]}&lang=ru`);
    await form.locator('#number').fill('261500031000777');
    await form.locator('#article').fill('146 ч. 1');
    await form.locator('#openedOn').fill('2026-05-02');
    await form.locator('#investigatingBody').fill('Прокуратура г. Астаны');
    await form.getByRole('button', { name: 'Возбудить дело', exact: true }).click();
    await form.locator('.error-summary').waitFor();
    expect(await form.locator('#complaints-error').innerText()).toContain(`уже приобщено к делу ${CASE_A}`);
    expect(await form.locator('#number').inputValue()).toBe('261500031000777');
    await screenshot(form, 'cases-new-refused-ru');
    // axe runs in the page: the same refusal with JavaScript on.
    const checked = await pageAs(w.procurator);
    await checked.goto(`${base}/cases/new?complaint=${w.complaints[0]}&lang=ru`);
    await expectNoAxeViolations(checked, 'open form (ru)');
    await checked.locator('#number').fill('261500031000777');
    await checked.getByRole('button', { name: 'Возбудить дело', exact: true }).click();
    await checked.locator('.error-summary').waitFor();
    await expectNoAxeViolations(checked, 'open form with a refusal (ru)');
    expect(consoleErrors).toEqual([]);
  });

  test('in Kazakh on a phone: the list, the case file and the open-case form fit 390 px and are axe-clean', async () => {
    const phone = await pageAs(w.procurator, { viewport: { width: 390, height: 844 } });
    for (const [path, name] of [
      ['/cases', 'cases-list-390-kk'],
      [`/cases/${w.caseA}`, 'cases-file-390-kk'],
      ['/cases/new', 'cases-new-390-kk'],
    ] as const) {
      await phone.goto(`${base}${path}?lang=kk`);
      await screenshot(phone, name);
      expect(await phone.evaluate(OVERFLOW), path).toBeLessThanOrEqual(0);
      await expectNoAxeViolations(phone, `${path} (kk, 390 px)`);
    }
    await phone.goto(`${base}/cases/${w.caseA}?lang=kk`);
    const file = await textOf(phone);
    expect(file).toContain('Қылмыстық іс');
    expect(file).toContain('шартты соттау');
    expect(file).toContain('процестік келісім');
    expect(file).toContain('Жәбірленушілерге өтемақы қоры');
    expect(consoleErrors).toEqual([]);
  });

  test('the judge reads the same file without the step links, and the statistics page shows counts only', async () => {
    const judge = await pageAs(w.judge);
    await judge.goto(`${base}/cases/${w.caseA}?lang=ru`);
    expect(await judge.locator('main').innerText()).toContain('Вы читаете эти материалы');
    expect(await judge.locator(`a[href^="/cases/${w.caseA}/"]`).count()).toBe(0);
    await expectNoAxeViolations(judge, 'case file (judge, ru)');
    await screenshot(judge, 'cases-file-judge-ru');

    const monitor = await pageAs(w.monitor);
    await monitor.goto(`${base}/cases/statistics?lang=ru`);
    const stats = await monitor.locator('main').innerText();
    expect(stats).toContain('Уголовные дела');
    expect(stats).not.toContain(CASE_A);
    expect(stats).not.toContain('Ермеков');
    await expectNoAxeViolations(monitor, 'statistics (ru)');
    await screenshot(monitor, 'cases-statistics-ru');
    expect(consoleErrors).toEqual([]);
  });

  test('the register of officials: the list, one official with their cases and the register form with its errors are axe-clean (ru, kk on a phone)', async () => {
    const page = await pageAs(w.procurator);
    await page.goto(`${base}/officials?lang=ru`);
    expect(await textOf(page)).toContain('Ермеков Бауыржан Маратович');
    await expectNoAxeViolations(page, 'officials (ru)');
    await screenshot(page, 'cases-officials-ru');
    await page.locator(`a[href="/officials/${w.officials.saparov}"]`).click();
    await page.waitForURL(`${base}/officials/${w.officials.saparov}`);
    expect(await textOf(page)).toContain(CASE_A);
    await expectNoAxeViolations(page, 'official (ru)');
    await screenshot(page, 'cases-official-ru');
    await page.goto(`${base}/officials/new?lang=ru`);
    await page.getByRole('button', { name: 'Внести в реестр', exact: true }).click();
    await page.locator('.error-summary').waitFor();
    await expectNoAxeViolations(page, 'official form with errors (ru)');
    await screenshot(page, 'cases-official-new-errors-ru');
    const phone = await pageAs(w.procurator, { viewport: { width: 390, height: 844 } });
    for (const path of ['/officials', `/officials/${w.officials.ermekov}`, '/cases/statistics']) {
      await phone.goto(`${base}${path}?lang=kk`);
      expect(await phone.evaluate(OVERFLOW), path).toBeLessThanOrEqual(0);
      await expectNoAxeViolations(phone, `${path} (kk, 390 px)`);
    }
    await screenshot(phone, 'cases-statistics-390-kk');
    expect(consoleErrors).toEqual([]);
  });

  test('issue 20 item 7: at the kiosk, reference and PIN show the case the allegation is in and where it stands, in Kazakh', async () => {
    const context = await browser.newContext({
      viewport: { width: 1080, height: 1920 },
      locale: 'ru-RU',
      timezoneId: 'Asia/Almaty',
      hasTouch: true,
    });
    contexts.push(context);
    await context.addCookies([
      {
        name: KIOSK_COOKIE,
        value: w.h.app.signCookie(w.h.tokens.kiosk),
        domain: new URL(base).hostname,
        path: '/kiosk',
        httpOnly: true,
        sameSite: 'Strict',
      },
    ]);
    const page = await context.newPage();
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(`${base}/kiosk?lang=kk`);
    await page.locator('[data-action="task"][data-value="status"]').click();
    await page.locator('#kiosk-reference-input').fill(w.complaints[1] ?? '');
    for (const digit of '2468')
      await page.locator(`[data-action="key"][data-target="kiosk-status-pin"][data-key="${digit}"]`).click();
    await page.locator('#kiosk-check').click();
    await page.locator('#kiosk-result-case').waitFor();
    expect((await page.locator('#kiosk-result-case').innerText()).replace(/[\u00a0\u202f]/g, ' ')).toBe(
      `${CASE_A} қылмыстық іс: 2026 ж. 2 ақпан бастап сотта қаралды`,
    );
    await expectNoAxeViolations(page, 'kiosk status with a case (kk)');
    await screenshot(page, 'cases-kiosk-status-kk');
    expect(consoleErrors).toEqual([]);
  });
});
