import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Principal } from '../../src/access/principal.js';
import { createUser } from '../../src/app/accounts.js';
import { submitComplaint } from '../../src/app/complaints.js';
import { createFacility } from '../../src/app/registry.js';
import { SealingSessions } from '../../src/app/sealing-session.js';
import { startServer } from '../../src/http/server.js';
import { fromBase64 } from '../../src/ledger/hash.js';
import { DEFAULT_COMPLAINT_RULES } from '../../src/rules/complaint-rules.js';
import { initSealing } from '../../src/sealing/keystore.js';
import { sealedToWire, sealTo } from '../../src/sealing/seal.js';
import { allProjections } from '../../src/store/projections/index.js';
import type { Store } from '../../src/store/types.js';
import { freshStore } from '../support/engines.js';
import { screenshot } from './screenshots.js';
import { CHROMIUM, CHROMIUM_ARGS, haveChromium, WCAG_AA, requireChromiumInCi } from './chromium.js';

/*
 * kz.allegation.conflict in Debian's Chromium: the investigating judge's list of complaints about
 * procurators and investigators and the page of one, with the order form refused when empty and
 * recorded when filled — in Russian, Kazakh and English, without JavaScript, at 390 px without
 * sideways scrolling, axe-clean (WCAG 2.2 AA); the procurator's list without it; the complaints
 * officer's forms that send a complaint to the judge. Screenshots go as judge-*.png to
 * HABEAS_SCREENSHOTS when it names a directory.
 */

const PASSWORD = 'a long password for the judge browser tests';
const PASSPHRASE = 'жалобы идут прямо в центр';
const TEST_KDF = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
const SLOW = { timeout: 20_000, interval: 100 };
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, SLOW);
const HOUR = 3_600_000;
const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';
const TEXT = 'Прокурор угрожал мне на допросе, требовал признания.';

requireChromiumInCi();

describe.runIf(haveChromium)('the investigating judge’s pages in Chromium', { timeout: 180_000 }, () => {
  const NOW = Math.floor(Date.now() / 1000) * 1000;
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let store: Store;
  let cleanup: () => Promise<void>;
  let base: string;
  let conflict: string;
  let allegation: string;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    const fresh = await freshStore('sqlite', { projections: allProjections });
    store = fresh.store;
    cleanup = fresh.cleanup;
    const { publicKey } = await initSealing(fresh.dataDir, PASSPHRASE, { kdf: TEST_KDF });
    const facilityId = (
      await createFacility(
        store,
        { name: 'ИВС ДП г. Астаны', kind: 'police-custody', population: 'mixed', region: 'KZ-71' },
        'test',
      )
    ).id;
    const user = async (username: string, name: string, role: Principal['role'], regions: string[] = []) =>
      createUser(store, { username, password: PASSWORD, name, role, facilities: [], regions }, 'test');
    await user('judge', 'Айгерим Нурланова', 'judge', ['KZ-71']);
    await user('judge-almaty', 'Ерлан Касымов', 'judge', ['KZ-75']);
    await user('procurator', 'Асель Сарсенова', 'procurator', ['KZ-71']);
    await user('officer', 'Дана Ахметова', 'complaints-officer');
    const clock = () => new Date(NOW);
    const services = {
      store,
      complaintRules: DEFAULT_COMPLAINT_RULES,
      sealing: new SealingSessions(fresh.dataDir, clock),
      procuratorSealing: new SealingSessions(fresh.dataDir, clock, 'procurator'),
    };
    const kiosk: Principal = {
      id: 'kiosk-1',
      kind: 'service',
      name: 'Киоск',
      role: 'kiosk',
      facilities: [facilityId],
      regions: [],
    };
    const sealed = async (text: string) =>
      sealedToWire(
        await sealTo(
          fromBase64(publicKey),
          new TextEncoder().encode(
            JSON.stringify({ v: 1, text, language: 'ru', writtenAt: new Date(NOW).toISOString(), media: [] }),
          ),
        ),
      );
    conflict = (
      await submitComplaint(
        services,
        kiosk,
        {
          facilityId,
          category: 'torture-or-ill-treatment',
          sealed: await sealed(TEXT),
          pin: '2468',
          concerns: { office: 'procurator', region: 'KZ-71' },
        },
        new Date(NOW - 3 * HOUR),
      )
    ).reference;
    allegation = (
      await submitComplaint(
        services,
        kiosk,
        {
          facilityId,
          category: 'torture-or-ill-treatment',
          sealed: await sealed('Следователь бил'),
          pin: '1357',
        },
        new Date(NOW - 2 * HOUR),
      )
    ).reference;
    server = await startServer({
      store,
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

  async function signIn(page: Page, username: string) {
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

  test('kz.allegation.conflict: without JavaScript, the judge finds the complaint, is refused an empty order and records one', async () => {
    const page = await newPage({ javaScript: false });
    await signIn(page, 'judge');
    // The menu leads there.
    await page.goto(`${base}/?lang=ru`);
    await page.locator('a[href="/judge/allegations"]').first().click();
    await page.waitForURL(`${base}/judge/allegations`);
    await poll(() => page.locator('h1').innerText()).toBe('Жалобы на прокуроров и следователей');
    const main = await page.locator('main').innerText();
    expect(main).toContain(conflict);
    expect(main).not.toContain(allegation);
    expect(main).toContain('Прокуратура, регион: город Астана');
    expect(main).toContain('орган по жалобам предоставляет текст по запросу');
    expect(main).not.toContain('угрожал');
    await screenshot(page, 'judge-allegations-ru');

    await page.locator(`a[href="/judge/allegations/${conflict}"]`).first().click();
    await page.waitForURL(`${base}/judge/allegations/${conflict}`);
    expect(await page.locator('.summary').innerText()).toContain('Прокуратура, регион: город Астана');
    await page.getByRole('button', { name: 'Записать постановление', exact: true }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('#orderedAt-error').innerText()).toContain(
      'Укажите, когда назначено расследование',
    );
    expect(await page.locator('#investigateBy-error').innerText()).toContain('Укажите орган');
    await screenshot(page, 'judge-order-error-ru');
    // The facility's clock (+05:00), an hour ago.
    const local = new Date(NOW - HOUR + 5 * HOUR).toISOString().slice(0, 16);
    await page.locator('#orderedAt').fill(local);
    await page.locator('#investigateBy').fill('Агентство по противодействию коррупции, г. Астана');
    await page.locator('#caseNumber').fill('267100031000123');
    await page.getByRole('button', { name: 'Записать постановление', exact: true }).click();
    await page.waitForURL(/\?recorded=order$/);
    await poll(() => page.locator('.notice--success').first().innerText()).toBe(
      'Постановление о расследовании записано.',
    );
    expect(await page.locator('#orders-caption').innerText()).toBe('Записано постановлений: 1');
    expect(await page.locator('section[aria-labelledby="orders-title"]').innerText()).toContain(
      '267100031000123',
    );
    await screenshot(page, 'judge-order-recorded-ru');
  });

  // axe runs in the page, so the pages are checked with JavaScript on.
  test('kz.allegation.conflict: the judge’s list, complaint and order form with its errors are axe-clean (ru)', async () => {
    const page = await newPage();
    await signIn(page, 'judge');
    await page.goto(`${base}/judge/allegations?lang=ru`);
    await expectNoAxeViolations(page, 'judge list (ru)');
    await page.goto(`${base}/judge/allegations/${conflict}?lang=ru`);
    await expectNoAxeViolations(page, 'judge complaint (ru)');
    await page.getByRole('button', { name: 'Записать постановление', exact: true }).click();
    await page.locator('.error-summary').waitFor();
    await expectNoAxeViolations(page, 'order form with errors (ru)');
  });

  test('kz.allegation.conflict: the judge’s pages in Kazakh on a phone and in English, axe-clean, no sideways scroll', async () => {
    const phone = await newPage({ viewport: { width: 390, height: 844 } });
    await signIn(phone, 'judge');
    for (const path of ['/judge/allegations', `/judge/allegations/${conflict}`]) {
      await phone.goto(`${base}${path}?lang=kk`);
      expect(await phone.evaluate(OVERFLOW), path).toBeLessThanOrEqual(0);
      await expectNoAxeViolations(phone, `${path} (kk, 390 px)`);
    }
    await screenshot(phone, 'judge-allegation-390-kk');
    const wide = await newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(wide, 'judge');
    await wide.goto(`${base}/judge/allegations?lang=en`);
    await poll(() => wide.locator('h1').innerText()).toBe('Complaints about procurators and investigators');
    expect(await wide.locator('main').innerText()).toContain('Ordered on');
    await expectNoAxeViolations(wide, 'judge list (en)');
    await screenshot(wide, 'judge-allegations-1280-en');
  });

  test('kz.allegation.conflict: the procurator’s list lacks it; the judge of another region has none; the officer sends one to the judge', async () => {
    const procurator = await newPage();
    await signIn(procurator, 'procurator');
    await procurator.goto(`${base}/allegations?lang=ru`);
    const listed = await procurator.locator('main').innerText();
    expect(listed).toContain(allegation);
    expect(listed).not.toContain(conflict);
    expect((await procurator.goto(`${base}/allegations/${conflict}?lang=ru`))?.status()).toBe(404);

    const elsewhere = await newPage();
    await signIn(elsewhere, 'judge-almaty');
    await elsewhere.goto(`${base}/judge/allegations?lang=ru`);
    expect(await elsewhere.locator('main').innerText()).not.toContain(conflict);
    expect((await elsewhere.goto(`${base}/judge/allegations/${conflict}?lang=ru`))?.status()).toBe(403);

    // The officer reads the procurator's allegation and sends it to the judge instead.
    const officer = await newPage();
    await signIn(officer, 'officer');
    await officer.goto(
      `${base}/complaints/unlock?lang=ru&next=${encodeURIComponent(`/complaints/${allegation}`)}`,
    );
    await officer.locator('#passphrase').fill(PASSPHRASE);
    await officer.locator('form.form button[type=submit]').click();
    await officer.waitForURL(`${base}/complaints/${allegation}`);
    await officer.locator('form.form button[type=submit]').click();
    await officer.locator('#judge-route-title').waitFor();
    const form = officer.locator(`form[action="/complaints/${allegation}/route"]`, {
      has: officer.locator('input[name="to"][value="investigating-judge"]'),
    });
    await form.getByRole('button').click();
    await officer.locator('.error-summary').waitFor();
    await screenshot(officer, 'judge-route-form-error-ru');
    await expectNoAxeViolations(officer, 'route to the judge with errors (ru)');
    await officer.getByLabel('Следователи').check();
    await officer.locator('#judgeRegion').selectOption('KZ-71');
    await officer.locator('#judgeReason').fill('В жалобе описаны угрозы следователя');
    await form.getByRole('button').click();
    await officer.waitForURL(/\?recorded=routed-judge$/);
    await poll(() => officer.locator('.notice--success').first().innerText()).toContain(
      'следственному судье',
    );
    // Opened again: with the judge, and neither answered nor routed to the procurator from here.
    await officer.locator('form.form button[type=submit]').click();
    await officer.locator('#judge-title').waitFor();
    expect(await officer.locator('#judge-route-title').count()).toBe(0);
    expect(await officer.locator('#route-title').count()).toBe(0);
    await expectNoAxeViolations(officer, 'complaint with the judge, opened (ru)');
    await screenshot(officer, 'judge-complaint-opened-by-officer-ru');
    await screenshot(officer, 'judge-routed-by-officer-ru');
    await officer.goto(`${base}/complaints/new?lang=ru`);
    await expectNoAxeViolations(officer, 'receive form with the office concerned (ru)');
    await procurator.goto(`${base}/allegations?lang=ru`);
    expect(await procurator.locator('main').innerText()).not.toContain(allegation);
  });

  test('no page logged an error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
