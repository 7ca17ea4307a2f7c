import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Principal } from '../../src/access/principal.js';
import { createUser } from '../../src/app/accounts.js';
import { recordReceivedComplaint, submitComplaint } from '../../src/app/complaints.js';
import { createFacility, createPerson } from '../../src/app/registry.js';
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
 * The complaint pages in Debian's Chromium (playwright-core), against a real server whose clock is
 * fixed: the complaints officer unlocks the key, opens a complaint sealed as a kiosk seals it and
 * reads its text; the answer's countdown ticks; the procurator records a decision on an allegation
 * after the form refused it without a case number; the governor sees a request without the
 * complaint. axe finds no serious or critical WCAG 2 A/AA violation on any of them. Screenshots go
 * as complaints-*.png to HABEAS_SCREENSHOTS when it names a directory (test/web/screenshots.ts).
 */

const PASSWORD = 'a long password for the complaint browser tests';
const PASSPHRASE = 'жалобы идут прямо в центр';
const TEST_KDF = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
const SLOW = { timeout: 20_000, interval: 100 };
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, SLOW);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';
const TEXT =
  'Меня избили в камере №3 <b>дежурные</b> 2 мая около 23:00.\nВрача не вызвали. Прошу перевести меня в другой блок.';
const TORTURE_TEXT = 'Конвоир бил меня дубинкой по ногам при этапировании <script>alert(1)</script>.';

requireChromiumInCi();

describe.runIf(haveChromium)('complaint pages in Chromium', { timeout: 180_000 }, () => {
  const NOW = Math.floor(Date.now() / 1000) * 1000;
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let store: Store;
  let cleanup: () => Promise<void>;
  let base: string;
  let ordinary: string;
  let torture: string;
  const contexts: BrowserContext[] = [];
  const requested: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    const fresh = await freshStore('sqlite', { projections: allProjections });
    store = fresh.store;
    cleanup = fresh.cleanup;
    const { publicKey } = await initSealing(fresh.dataDir, PASSPHRASE, { kdf: TEST_KDF });
    const facilityId = (
      await createFacility(
        store,
        { name: 'СИЗО г. Алматы', kind: 'remand-centre', population: 'men', region: 'KZ-ALA' },
        'test',
      )
    ).id;
    const user = async (username: string, name: string, role: Principal['role'], facilities: string[] = []) =>
      (await createUser(store, { username, password: PASSWORD, name, role, facilities, regions: [] }, 'test'))
        .id;
    const officerId = await user('officer', 'Дана Ахметова', 'complaints-officer');
    await user('procurator', 'Асель Сарсенова', 'procurator');
    await user('governor', 'Бауыржан Омаров', 'governor', [facilityId]);
    const personId = (
      await createPerson(
        store,
        { familyName: 'Сейткали', givenNames: 'Нурлан', birthDate: '1991-06-12', sex: 'male', facilityId },
        'test',
        new Date(NOW),
      )
    ).id;

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
      name: 'Киоск, блок 2',
      role: 'kiosk',
      facilities: [facilityId],
      regions: [],
    };
    const sealed = async (text: string, writtenAt: number) =>
      sealedToWire(
        await sealTo(
          fromBase64(publicKey),
          new TextEncoder().encode(
            JSON.stringify({
              v: 1,
              text,
              language: 'ru',
              writtenAt: new Date(writtenAt).toISOString(),
              media: [],
            }),
          ),
        ),
      );
    // Received 27 days ago: 3 days of the 30 left to answer (intl.complaint.answer).
    ordinary = (
      await submitComplaint(
        services,
        kiosk,
        {
          facilityId,
          category: 'conditions',
          sealed: await sealed(TEXT, NOW - 27 * DAY),
          pin: '2468',
          complainant: { personId },
          protectionRequested: true,
          transferRequested: true,
        },
        new Date(NOW - 27 * DAY),
      )
    ).reference;
    torture = (
      await submitComplaint(
        services,
        kiosk,
        {
          facilityId,
          category: 'torture-or-ill-treatment',
          sealed: await sealed(TORTURE_TEXT, NOW - 2 * HOUR),
          pin: '1357',
        },
        new Date(NOW - 2 * HOUR),
      )
    ).reference;
    const officer: Principal = {
      id: officerId,
      kind: 'user',
      username: 'officer',
      name: 'Дана Ахметова',
      role: 'complaints-officer',
      facilities: [],
      regions: [],
    };
    await recordReceivedComplaint(
      services,
      officer,
      {
        facilityId,
        channel: 'lawyer',
        category: 'health',
        text: 'Адвокат сообщает: подзащитному не дают лекарства.',
        language: 'ru',
        receivedAt: new Date(NOW - 5 * DAY).toISOString(),
      },
      new Date(NOW - 5 * DAY),
    );

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
    await browser?.close();
    await server?.close();
    await cleanup?.();
  }, 60_000);

  async function newPage(options: { viewport?: { width: number; height: number } } = {}) {
    const context = await browser.newContext({
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

  async function signIn(page: Page, username: string) {
    await page.goto(`${base}/login?lang=en`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.locator('form.form button[type=submit]').click();
    await page.waitForURL(`${base}/`);
  }

  /** No serious or critical WCAG 2 A/AA violation (the issue's bar), and the minor ones listed for the report. */
  async function expectNoAxeViolations(page: Page, label: string) {
    const results = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
    const summary = results.violations.map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
    expect(summary, label).toEqual([]);
  }

  test('the officer: the inbox without content, unlock, a stated purpose, the opened text as written', async () => {
    const page = await newPage();
    await signIn(page, 'officer');
    await page.goto(`${base}/complaints?lang=en`);
    await poll(() => page.locator('h1').innerText()).toBe('Complaints');
    expect(await page.locator('main').innerText()).not.toContain('Меня избили');
    const card = page.locator('li.complaint', { hasText: ordinary });
    const clock = card.locator('.episode__limit .clock');
    const first = await clock.locator('.clock__time').innerText();
    // 72 hours show as days (custody.js, with the page's `data-day-unit`); a second later, hours.
    expect(first).toMatch(/^(3[ \u00a0]d[ \u00a0]00:00:00|71:59:5\d)$/);
    expect(await clock.getAttribute('class')).toContain('clock--warning-90');
    // It ticks from the server's time.
    await poll(() => clock.locator('.clock__time').innerText()).not.toBe(first);
    expect(await page.locator('li.complaint', { hasText: torture }).innerText()).toContain(
      'No answer clock: the procurator decides on an allegation.',
    );
    await screenshot(page, 'complaints-inbox');
    await expectNoAxeViolations(page, 'inbox');

    // Opening asks for the key first, then comes back.
    await card.locator('a', { hasText: ordinary }).click();
    await page.waitForURL(/\/complaints\/unlock\?next=/);
    expect(await page.locator('#passphrase').getAttribute('type')).toBe('password');
    expect(await page.locator('#passphrase').getAttribute('autocomplete')).toBe('off');
    await page.locator('#passphrase').fill('wrong passphrase, surely');
    await page.locator('form.form button[type=submit]').click();
    await page.locator('.error-summary').waitFor();
    await screenshot(page, 'complaints-unlock-error');
    await expectNoAxeViolations(page, 'unlock with an error');
    await page.locator('#passphrase').fill(PASSPHRASE);
    await page.locator('form.form button[type=submit]').click();
    await page.waitForURL(`${base}/complaints/${ordinary}`);
    expect(await page.locator('main').innerText()).toContain('Every opening is recorded in the log');
    await page.getByLabel('Purpose of this opening (optional)').fill('to answer the complaint');
    await page.locator('form.form button[type=submit]').click();
    await page.waitForURL(`${base}/complaints/${ordinary}/open`);
    await poll(() => page.locator('.complaint-text').first().innerText()).toBe(TEXT);
    expect(await page.locator('.key-state').innerText()).toContain('unlocked');
    await screenshot(page, 'complaints-opened');
    await expectNoAxeViolations(page, 'opened complaint');

    // The answer: sealed and recorded, and the clock is met.
    await page.getByLabel('Your answer').fill('Камера №3 проверена. Вы переведены в блок 4.');
    await page.locator(`form[action="/complaints/${ordinary}/answer"] button[type=submit]`).click();
    await page.waitForURL(`${base}/complaints/${ordinary}?recorded=answered`);
    await poll(() => page.locator('.notice--success').first().innerText()).toContain(
      'The answer was sealed and recorded.',
    );
  });

  test('the officer opens the torture allegation: its text, and no answer form', async () => {
    const page = await newPage();
    await signIn(page, 'officer');
    await page.goto(`${base}/complaints/unlock?lang=en&next=${encodeURIComponent(`/complaints/${torture}`)}`);
    await page.locator('#passphrase').fill(PASSPHRASE);
    await page.locator('form.form button[type=submit]').click();
    await page.waitForURL(`${base}/complaints/${torture}`);
    await page.locator('form.form button[type=submit]').click();
    await poll(() => page.locator('.complaint-text').innerText()).toBe(TORTURE_TEXT);
    expect(await page.locator('textarea#answer').count()).toBe(0);
    expect(await page.locator('.allegation-notice').innerText()).toContain(
      'Only the procurator decides on this allegation',
    );
    await screenshot(page, 'complaints-allegation-opened');
    await expectNoAxeViolations(page, 'opened allegation');
    // Lock now.
    await page.locator('.key-state button').click();
    await page.waitForURL(`${base}/complaints?key=locked`);
    expect(await page.locator('.key-state').innerText()).toContain('The complaints key is locked.');
  });

  test('the procurator: the allegation refused without a case number, then recorded with it', async () => {
    const page = await newPage();
    await signIn(page, 'procurator');
    await page.goto(`${base}/allegations?lang=ru`);
    await poll(() => page.locator('h1').innerText()).toBe('Заявления о пытках и жестоком обращении');
    await screenshot(page, 'complaints-allegations');
    await expectNoAxeViolations(page, 'allegations');
    await page.locator(`a[href="/allegations/${torture}"]`).first().click();
    await page.waitForURL(`${base}/allegations/${torture}`);
    await expectNoAxeViolations(page, 'allegation');
    await page.getByLabel('Присоединено к делу').check();
    await page.getByRole('button', { name: 'Записать решение', exact: true }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('#caseNumber-error').innerText()).toContain('Введите номер дела');
    await screenshot(page, 'complaints-allegation-error');
    await expectNoAxeViolations(page, 'allegation with an error');
    await page.locator('.error-summary a').click();
    await poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe('caseNumber');
    await page.locator('#caseNumber').fill('257100031000123');
    await page.getByRole('button', { name: 'Записать решение', exact: true }).click();
    await page.waitForURL(/\?recorded=decision$/);
    await poll(() => page.locator('.notice--success').innerText()).toBe('Решение записано.');
    expect(await page.locator('table').innerText()).toContain('257100031000123');
    await screenshot(page, 'complaints-allegation');
  });

  test('the governor: the request without the complaint, and its 24-hour countdown; the inbox at 320 px in Kazakh', async () => {
    const page = await newPage();
    await signIn(page, 'governor');
    await page.goto(`${base}/protection-requests?lang=en`);
    await poll(() => page.locator('h1').innerText()).toBe('Requests for protection or transfer');
    const main = await page.locator('main').innerText();
    expect(main).not.toContain(ordinary);
    expect(main).toContain('Сейткали Нурлан');
    expect(await page.locator('.clock').first().getAttribute('class')).toContain('clock--breached');
    await screenshot(page, 'complaints-protection');
    await expectNoAxeViolations(page, 'protection requests');
    // The requests on a 390 px phone in Kazakh, and the inbox and the allegations at 1280 px in
    // Russian: register lists that do not scroll sideways.
    const phone = await newPage({ viewport: { width: 390, height: 844 } });
    await signIn(phone, 'governor');
    await phone.goto(`${base}/protection-requests?lang=kk`);
    expect(await phone.locator('.register-list__summary').innerText()).toMatch(
      /^Көрсетілді: \d+ ішінен \d+\./,
    );
    expect(await phone.evaluate(OVERFLOW)).toBeLessThanOrEqual(0);
    await screenshot(phone, 'complaints-protection-390-kk');
    for (const [who, path] of [
      ['officer', '/complaints'],
      ['procurator', '/allegations'],
    ] as const) {
      const wide = await newPage({ viewport: { width: 1280, height: 900 } });
      await signIn(wide, who);
      await wide.goto(`${base}${path}?lang=ru`);
      expect(await wide.locator('.register-list__summary').innerText()).toMatch(/^Показано: \d+ из \d+\./);
      expect(await wide.evaluate(OVERFLOW), path).toBeLessThanOrEqual(0);
      await screenshot(wide, `complaints${path.replace('/', '-')}-1280-ru`);
      await expectNoAxeViolations(wide, `${path} (ru)`);
    }

    const narrow = await newPage({ viewport: { width: 320, height: 700 } });
    await signIn(narrow, 'officer');
    await narrow.goto(`${base}/complaints?lang=kk`);
    await poll(() => narrow.locator('h1').innerText()).toBe('Шағымдар');
    expect(await narrow.evaluate(OVERFLOW)).toBeLessThanOrEqual(0);
    await screenshot(narrow, 'complaints-inbox-320-kk');
    await narrow.goto(`${base}/complaints/new?lang=kk`);
    expect(await narrow.evaluate(OVERFLOW)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(narrow, 'receive form (kk)');
    await screenshot(narrow, 'complaints-new-320-kk');
  });

  test('every request went to this server on 127.0.0.1, and no page logged an error', () => {
    expect(requested.length).toBeGreaterThan(10);
    expect([...new Set(requested.map((url) => new URL(url).origin))]).toEqual([base]);
    expect(consoleErrors).toEqual([]);
  });
});
