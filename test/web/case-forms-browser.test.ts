import { createHash } from 'node:crypto';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Principal } from '../../src/access/principal.js';
import { createUser } from '../../src/app/accounts.js';
import {
  identifySuspect,
  openCase,
  readCase,
  recordCaseStep,
  recordDefendantStep,
  registerOfficial,
  type CaseServices,
} from '../../src/app/cases.js';
import { startServer } from '../../src/http/server.js';
import { allProjections } from '../../src/store/projections/index.js';
import { freshStore } from '../support/engines.js';
import { CHROMIUM, CHROMIUM_ARGS, haveChromium, requireChromiumInCi, WCAG_AA } from './chromium.js';
import { screenshot } from './screenshots.js';

/*
 * The case file's forms in Debian's Chromium (issue 20 item 9): the documents form, whose file
 * picker (JavaScript only) fills the SHA-256, size and type from a real file's bytes without
 * sending it, and which works by typing them without JavaScript; the verdict form refused when
 * empty and recording a suspended sentence (kz.torture.sentencing flags it). In Russian and
 * Kazakh, axe-clean (WCAG 2.2 AA), no sideways scroll at 390 px. Screenshots go as case-form-*.png
 * to HABEAS_SCREENSHOTS when it names a directory.
 */

const PASSWORD = 'a long password for the case form tests';
const SLOW = { timeout: 20_000, interval: 100 };
const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';
/** A real document's bytes: a small PDF. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n' +
    'trailer<</Root 1 0 R>>\n%%EOF\n% Заключение судебно-медицинской экспертизы № 1234\n',
);
const PDF_SHA = createHash('sha256').update(PDF).digest('hex');

requireChromiumInCi();

describe.runIf(haveChromium)('the case file’s forms in Chromium', { timeout: 180_000 }, () => {
  const NOW = Math.floor(Date.now() / 1000) * 1000;
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let services: CaseServices;
  let principal: Principal;
  let cleanup: () => Promise<void>;
  let base: string;
  let caseId: string;
  let officialId: string;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    const fresh = await freshStore('sqlite', { projections: allProjections });
    cleanup = fresh.cleanup;
    const clock = () => new Date(NOW);
    services = { store: fresh.store, clock };
    const user = await createUser(
      fresh.store,
      {
        username: 'procurator',
        password: PASSWORD,
        name: 'Асель Сарсенова',
        role: 'procurator',
        facilities: [],
        regions: ['KZ-71'],
      },
      'test',
    );
    principal = {
      id: user.id,
      kind: 'user',
      name: 'Асель Сарсенова',
      role: 'procurator',
      facilities: [],
      regions: ['KZ-71'],
    };
    officialId = (
      await registerOfficial(services, principal, {
        name: 'Ахметов Серик Болатович',
        position: 'старший оперуполномоченный',
        agency: 'police',
        region: 'KZ-71',
      })
    ).id;
    caseId = (
      await openCase(services, principal, {
        number: '267100031000888',
        article: '146 ч. 2',
        openedOn: '2026-01-10',
        investigatingBody: 'Агентство по противодействию коррупции, г. Астана',
        region: 'KZ-71',
        exOfficioBasis: 'Сообщение СМИ о пытках в ИВС.',
      })
    ).id;
    await identifySuspect(services, principal, caseId, {
      officialId,
      identifiedAt: '2026-01-11T10:00:00+05:00',
    });
    await recordDefendantStep(services, principal, caseId, officialId, 'charges', {
      article: '146 ч. 2',
      chargedOn: '2026-01-20',
    });
    await recordCaseStep(services, principal, caseId, 'court-referrals', {
      officialIds: [officialId],
      court: { name: 'Специализированный межрайонный суд по уголовным делам г. Астаны', region: 'KZ-71' },
      sentOn: '2026-02-01',
    });
    server = await startServer({
      store: fresh.store,
      dataDir: fresh.dataDir,
      port: 0,
      host: '127.0.0.1',
      logger: false,
      scheduler: false,
      clock,
      rateLimit: { max: 100_000, timeWindowMs: 60_000 },
      loginRateLimit: { max: 100_000, timeWindowMs: 60_000 },
    });
    base = server.url;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
    await cleanup?.();
  }, 60_000);

  async function newPage(
    options: { viewport?: { width: number; height: number }; javaScript?: boolean } = {},
  ): Promise<Page> {
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1100, height: 900 },
      locale: 'ru-RU',
      timezoneId: 'Asia/Almaty',
      javaScriptEnabled: options.javaScript ?? true,
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('console', (message) => {
      if (
        message.type() === 'error' &&
        !/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())
      )
        consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(`${base}/login?lang=en`);
    await page.getByLabel('Username').fill('procurator');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.locator('form.form button[type=submit]').click();
    await page.waitForURL(`${base}/`);
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

  const documents = () => readCase(services, principal, caseId).then((view) => view.documents);

  test('seed ¶7: a picked file’s SHA-256, size and type are computed in the browser and the file is not sent (ru), axe-clean', async () => {
    const page = await newPage();
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') sent.push(request.postData() ?? '');
    });
    await page.goto(`${base}/cases/${caseId}/documents?lang=ru`);
    await expect.poll(() => page.locator('h1').innerText(), SLOW).toBe('Добавить документ');
    await expect.poll(() => page.locator('[data-digest-picker]').isVisible(), SLOW).toBe(true);
    await expectNoAxeViolations(page, 'documents form (ru)');
    await page.locator('#kind').selectOption('forensic-report');
    await page.locator('#title').fill('Заключение СМЭ № 1234');
    await page.locator('#dated').fill('2026-01-25');
    await page.locator('#submittedBy').selectOption('expert');
    await page.locator('#digest-file').setInputFiles({
      name: 'zaklyuchenie-1234.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await expect.poll(() => page.locator('#sha256').inputValue(), SLOW).toBe(PDF_SHA);
    expect(await page.locator('#size').inputValue()).toBe(String(PDF.length));
    expect(await page.locator('#mediaType').inputValue()).toBe('application/pdf');
    expect(await page.locator('#digest-status').innerText()).toBe(
      'Хеш-сумма, размер и тип заполнены по файлу.',
    );
    await screenshot(page, 'case-form-documents-ru');
    await expectNoAxeViolations(page, 'documents form filled (ru)');
    await page.getByRole('button', { name: 'Добавить документ', exact: true }).click();
    await page.waitForURL(`${base}/cases/${caseId}?recorded=documents`);
    // The form sent the digest, never the bytes.
    expect(sent.join('\n')).not.toContain('PDF-1.4');
    expect(sent.join('\n')).toContain(`sha256=${PDF_SHA}`);
    expect((await documents()).at(-1)).toMatchObject({
      title: 'Заключение СМЭ № 1234',
      digest: { sha256: PDF_SHA, size: PDF.length, mediaType: 'application/pdf' },
    });
    expect(consoleErrors).toEqual([]);
  });

  test('without JavaScript the digest is typed; a wrong one comes back with its message (kk, and at 390 px), axe-clean', async () => {
    const phone = await newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${base}/cases/${caseId}/documents?lang=kk`);
    await expect.poll(() => phone.locator('[data-digest-picker]').isVisible(), SLOW).toBe(true);
    expect(await phone.evaluate(OVERFLOW)).toBeLessThanOrEqual(0);
    await screenshot(phone, 'case-form-documents-390-kk');
    await expectNoAxeViolations(phone, 'documents form (kk, 390 px)');
    await phone.getByRole('button', { name: 'Құжатты қосу', exact: true }).click();
    await phone.locator('.error-summary').waitFor();
    expect(await phone.evaluate(OVERFLOW)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(phone, 'documents form with errors (kk, 390 px)');
    await screenshot(phone, 'case-form-documents-errors-390-kk');

    // Without JavaScript (axe needs a script to run, so it checked the same page above).
    const page = await newPage({ javaScript: false });
    await page.goto(`${base}/cases/${caseId}/documents?lang=kk`);
    expect(await page.locator('[data-digest-picker]').isVisible()).toBe(false);
    await page.locator('#kind').selectOption('interview-recording');
    await page.locator('#title').fill('Жауап алудың бейнежазбасы, 2026 ж. 12 қаңтар');
    await page.locator('#dated').fill('2026-01-12');
    await page.locator('#submittedBy').selectOption('investigator');
    await page.locator('#sha256').fill('12345');
    await page.locator('#size').fill('73400320');
    await page.locator('#mediaType').fill('video/mp4');
    await page.getByRole('button', { name: 'Құжатты қосу', exact: true }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('#sha256-error').innerText()).toContain(
      'SHA-256 хеш-сомасы — 64 он алтылық цифр',
    );
    expect(await page.locator('#title').getAttribute('value')).toBe(
      'Жауап алудың бейнежазбасы, 2026 ж. 12 қаңтар',
    );
    await screenshot(page, 'case-form-documents-error-kk');
    await page.locator('#sha256').fill('c'.repeat(64));
    await page.getByRole('button', { name: 'Құжатты қосу', exact: true }).click();
    await page.waitForURL(`${base}/cases/${caseId}?recorded=documents`);
    expect((await documents()).at(-1)).toMatchObject({
      kind: 'interview-recording',
      digest: { sha256: 'c'.repeat(64), size: 73_400_320, mediaType: 'video/mp4' },
    });
  });

  test('kz.torture.sentencing: the verdict form refused when empty, then a suspended sentence recorded and flagged (ru, kk), axe-clean', async () => {
    const url = `${base}/cases/${caseId}/defendants/${officialId}/verdicts`;
    const kk = await newPage({ viewport: { width: 390, height: 844 } });
    await kk.goto(`${url}?lang=kk`);
    await expect.poll(() => kk.locator('h1').innerText(), SLOW).toContain('Ахметов Серик Болатович');
    expect(await kk.evaluate(OVERFLOW)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(kk, 'verdict form (kk, 390 px)');
    await screenshot(kk, 'case-form-verdict-390-kk');
    const ru = await newPage();
    await ru.goto(`${url}?lang=ru`);
    await expectNoAxeViolations(ru, 'verdict form (ru)');
    await ru.getByRole('button', { name: 'Записать приговор', exact: true }).click();
    await ru.locator('.error-summary').waitFor();
    await expectNoAxeViolations(ru, 'verdict form with errors (ru)');
    await kk.getByRole('button', { name: 'Үкімді тіркеу', exact: true }).click();
    await kk.locator('.error-summary').waitFor();
    expect(await kk.evaluate(OVERFLOW)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(kk, 'verdict form with errors (kk, 390 px)');
    await screenshot(kk, 'case-form-verdict-errors-390-kk');

    // Without JavaScript (axe needs a script to run, so it checked the same pages above).

    const page = await newPage({ javaScript: false });
    await page.goto(`${url}?lang=ru`);
    // The court and the charge's article come from the file (read as sent: inputValue needs a script).
    expect(await page.locator('#courtName').getAttribute('value')).toBe(
      'Специализированный межрайонный суд по уголовным делам г. Астаны',
    );
    expect(await page.locator('#article').getAttribute('value')).toBe('146 ч. 2');
    expect(await page.locator('.notice--warning').innerText()).toContain('условное осуждение');
    await page.getByRole('button', { name: 'Записать приговор', exact: true }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('#outcome-error').innerText()).toContain('Выберите результат');
    expect(await page.locator('#decidedOn-error').innerText()).toContain('Укажите дату');
    await screenshot(page, 'case-form-verdict-errors-ru');

    await page.getByLabel('Осуждён', { exact: true }).check();
    await page.locator('#penalty-0-kind').selectOption('imprisonment');
    await page.locator('#penalty-0-months').fill('36');
    await page.locator('#penalty-1-kind').selectOption('fine');
    await page.locator('#penalty-1-amountKzt').fill('2 000 000');
    await page.getByLabel('Условное осуждение', { exact: true }).check();
    await page.locator('#probationMonths').fill('24');
    await page.locator('#decidedOn').fill('2026-03-01');
    await screenshot(page, 'case-form-verdict-filled-ru');
    await page.getByRole('button', { name: 'Записать приговор', exact: true }).click();
    await page.waitForURL(`${base}/cases/${caseId}?recorded=verdicts`);
    const view = await readCase(services, principal, caseId);
    expect(view.defendants[0]?.final).toMatchObject({
      outcome: 'convicted',
      sentence: {
        penalties: [
          { kind: 'imprisonment', months: 36, amountKzt: null },
          { kind: 'fine', months: null, amountKzt: 2_000_000 },
        ],
        suspended: true,
        probationMonths: 24,
      },
    });
    expect(view.findings.at(-1)).toMatchObject({
      rule: 'kz.torture.sentencing',
      params: { concerns: ['suspended-sentence'] },
    });
    expect(consoleErrors).toEqual([]);
  });
});
