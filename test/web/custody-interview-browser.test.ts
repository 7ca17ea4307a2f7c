import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Principal } from '../../src/access/principal.js';
import { createUser } from '../../src/app/accounts.js';
import { readCustody, recordCustodyEvent, recordInterview, registerArrest } from '../../src/app/custody.js';
import { createFacility, createPerson } from '../../src/app/registry.js';
import { startServer } from '../../src/http/server.js';
import { DEFAULT_CUSTODY_RULES } from '../../src/rules/custody-rules.js';
import { allProjections } from '../../src/store/projections/index.js';
import type { Store } from '../../src/store/types.js';
import { freshStore } from '../support/engines.js';
import { CHROMIUM, CHROMIUM_ARGS, haveChromium, requireChromiumInCi, WCAG_AA } from './chromium.js';
import { screenshot } from './screenshots.js';

/*
 * kz.custody.interview in Debian's Chromium, without JavaScript: the custody unit opens the
 * interview form from the episode page, is told at each field what is missing, records an
 * interview that began before the rights were explained, while requested counsel had not arrived
 * and without a recording, and sees it on the episode with its three findings in words; the
 * monitor reads the same and is offered no form. axe finds no WCAG 2 A/AA violation on the form
 * (empty and with its errors) or the episode; neither scrolls sideways on a 320 px phone in
 * Kazakh. Screenshots go to HABEAS_SCREENSHOTS (custody-interview-*.png).
 */

const PASSWORD = 'a long password for the interview browser tests';
const HOUR = 3_600_000;
const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';
const SHA = '9b'.repeat(32);

requireChromiumInCi();

describe.runIf(haveChromium)('custody interviews in Chromium', { timeout: 180_000 }, () => {
  const NOW = Math.floor(Date.now() / 60_000) * 60_000;
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let store: Store;
  let cleanup: () => Promise<void>;
  let base: string;
  let episodeId: string;
  /** An episode with a recorded, unflagged interview beside a flagged one, for the phone. */
  let recordedEpisode: string;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];

  const iso = (ms: number) => new Date(ms).toISOString();
  /** `datetime-local` text of a moment at +05:00. */
  const local = (ms: number) => new Date(ms + 5 * HOUR).toISOString().slice(0, 16);

  beforeAll(async () => {
    const fresh = await freshStore('sqlite', { projections: allProjections });
    store = fresh.store;
    cleanup = fresh.cleanup;
    const facilityId = (
      await createFacility(
        store,
        { name: 'ИВС ДП г. Астаны', kind: 'police-custody', population: 'mixed', region: 'KZ-AST' },
        'test',
      )
    ).id;
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
    await createUser(
      store,
      {
        username: 'monitor',
        password: PASSWORD,
        name: 'Монитор',
        role: 'monitor',
        facilities: [],
        regions: [],
      },
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
    const arrest = async (familyName: string, givenNames: string) => {
      const personId = (
        await createPerson(
          store,
          {
            familyName,
            givenNames,
            birthDate: '1989-02-11',
            sex: 'male',
            facilityId,
            languages: ['kk', 'ru'],
          },
          'test',
          new Date(NOW),
        )
      ).id;
      return (
        await registerArrest(
          services,
          principal,
          {
            personId,
            facilityId,
            apprehendedAt: iso(NOW - 6 * HOUR),
            place: 'г. Астана, пр. Республики, 12',
            grounds: 'ст. 188 УК РК, кража',
            arrestingOfficer: 'ст. лейтенант Ахметов Б.',
          },
          new Date(NOW),
        )
      ).id;
    };
    episodeId = await arrest('Сейткали', 'Нурлан');
    await recordCustodyEvent(
      services,
      principal,
      episodeId,
      { type: 'counsel-requested', at: iso(NOW - 5 * HOUR) },
      new Date(NOW),
    );
    recordedEpisode = await arrest('Омаров', 'Данияр');
    for (const event of [
      { type: 'rights-explained', at: iso(NOW - 5.5 * HOUR), language: 'kk', method: 'written' },
      { type: 'counsel-requested', at: iso(NOW - 5 * HOUR) },
    ] as const)
      await recordCustodyEvent(services, principal, recordedEpisode, event, new Date(NOW));
    await recordInterview(
      services,
      principal,
      recordedEpisode,
      {
        startedAt: iso(NOW - 4 * HOUR),
        endedAt: iso(NOW - 3 * HOUR),
        interviewer: { name: 'Бекова А. С.', position: 'следователь СУ ДП г. Астаны, капитан полиции' },
        present: [{ name: 'Ким Л. В.', role: 'interpreter' }],
        counsel: 'waived-in-writing',
        interpreter: 'kk',
        recording: { sha256: SHA, size: 734_003_200, mediaType: 'video/mp4' },
        caseNumber: '241100031000123',
      },
      new Date(NOW),
    );
    await recordInterview(
      services,
      principal,
      recordedEpisode,
      {
        startedAt: iso(NOW - 2 * HOUR),
        endedAt: iso(NOW - 1.5 * HOUR),
        interviewer: { name: 'Бекова А. С.', position: 'следователь' },
        counsel: 'not-requested',
        recording: null,
        noRecordingReason: 'камера в кабинете № 4 неисправна',
      },
      new Date(NOW),
    );
    // The views the pages are built from are the services' own.
    expect((await readCustody(services, principal, recordedEpisode, new Date(NOW))).interviews).toHaveLength(
      2,
    );

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
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    await cleanup?.();
  }, 60_000);

  async function newPage(
    options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {},
  ): Promise<Page> {
    const context = await browser.newContext({
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      viewport: options.viewport ?? { width: 1100, height: 900 },
      locale: 'en-GB',
      timezoneId: 'Asia/Almaty',
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      const text = message.text();
      // A page refused on purpose (the monitor's 403) is not an error of the page.
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

  test('kz.custody.interview: the form from the episode page, its errors at their fields, then an interview recorded without JavaScript and shown with its three findings', async () => {
    // Without JavaScript: the form is a plain HTML form (axe, which needs scripts, runs in the next test).
    const page = await newPage({ javaScriptEnabled: false });
    await signIn(page);
    await page.goto(`${base}/custody/${episodeId}?lang=en`);
    expect(await page.locator('#interviews').innerText()).toContain('No interview has been recorded.');
    await page.getByRole('link', { name: 'Record an interview' }).click();
    await page.waitForURL(`${base}/custody/${episodeId}/interviews/new`);
    expect(await page.locator('h1').innerText()).toBe('Record an interview');
    await screenshot(page, 'custody-interview-form');

    // Sent empty: each missing answer named at its field, in the summary, in the form's order.
    await page.getByRole('button', { name: 'Record the interview' }).click();
    await page.locator('.error-summary').waitFor();
    const summary = await page.locator('.error-summary').innerText();
    for (const text of [
      'Enter when the interview began',
      'Enter when the interview ended',
      'Say whether counsel was present, waived in writing, or not requested',
      'Say whether the interview was video-recorded',
    ])
      expect(summary).toContain(text);
    expect(summary.indexOf('began')).toBeLessThan(summary.indexOf('counsel'));
    await screenshot(page, 'custody-interview-form-errors');

    // Filled in: began before the rights were explained, counsel requested 5 h ago had not come, no recording.
    await page.locator('#startedAt').fill(local(NOW - 3 * HOUR));
    await page.locator('#endedAt').fill(local(NOW - 2 * HOUR - 15 * 60_000));
    await page.getByLabel('Interviewer’s name').fill('Бекова А. С.');
    await page.getByLabel('Interviewer’s position').fill('следователь, капитан полиции');
    await page.locator('#present-1-name').fill('Ким Л. В.');
    await page.locator('#present-1-role').selectOption('interpreter');
    await page.getByLabel('Counsel not requested').check();
    await page.getByLabel('Interpreter', { exact: true }).selectOption('kk');
    await page.getByLabel('No, it was not recorded').check();
    // A reason is required without a recording: the service says so, at the field.
    await page.getByRole('button', { name: 'Record the interview' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('.error-summary').innerText()).toContain(
      'The interview was not recorded: say why.',
    );
    expect(await page.locator('#noRecordingReason').getAttribute('aria-invalid')).toBe('true');
    // Everything typed was kept.
    expect(await page.locator('#present-1-name').inputValue()).toBe('Ким Л. В.');
    expect(await page.locator('#startedAt').inputValue()).toBe(local(NOW - 3 * HOUR));
    await page.getByLabel('Why was the interview not recorded?').fill('камера в кабинете № 4 неисправна');
    await page.getByRole('button', { name: 'Record the interview' }).click();
    await page.waitForURL(new RegExp(`/custody/${episodeId}\\?recorded=interview-recorded#interview-`));
    expect(await page.locator('.notice--success').innerText()).toBe('Recorded: Interview.');
    const card = page.locator('li.interview');
    await expect.poll(() => card.count()).toBe(1);
    const text = await card.innerText();
    expect(text).toContain('Бекова А. С., следователь, капитан полиции');
    expect(text).toContain('Ким Л. В. — Interpreter');
    expect(text).toContain('Counsel not requested');
    expect(text).toContain('Kazakh');
    expect(text).toContain('камера в кабинете № 4 неисправна');
    expect(text).toContain('Findings (3)');
    expect(text).toContain('began with no explanation of rights recorded before it');
    expect(text).toContain('had not arrived');
    expect(text).toContain('was not video-recorded');
    expect(await card.locator('[data-rule="kz.custody.interview"]').count()).toBe(3);
    // The findings are the episode's too, and the timeline names the entry.
    expect(await page.locator('section[aria-labelledby=findings-title]').innerText()).toContain(
      'kz.custody.interview',
    );
    expect(await page.locator('.timeline').innerText()).toContain('Interview');
    await screenshot(page, 'custody-interview-episode');
  });

  test('kz.custody.interview: axe finds no WCAG 2 A/AA violation on the form, empty and with its errors, nor on the episode with its interviews', async () => {
    const page = await newPage();
    await signIn(page);
    await page.goto(`${base}/custody/${recordedEpisode}/interviews/new?lang=en`);
    await expectNoAxeViolations(page, 'interview form');
    await page.getByRole('button', { name: 'Record the interview' }).click();
    await page.locator('.error-summary').waitFor();
    await expectNoAxeViolations(page, 'interview form with errors');
    await page.goto(`${base}/custody/${recordedEpisode}?lang=en`);
    expect(await page.locator('li.interview').count()).toBe(2);
    await page.locator('#interviews').scrollIntoViewIfNeeded();
    await screenshot(page.locator('#interviews'), 'custody-interview-section', {});
    await expectNoAxeViolations(page, 'episode with interviews');
  });

  test('kz.custody.interview: the monitor reads the interviews and their findings, and is offered no form', async () => {
    const page = await newPage();
    await signIn(page, 'monitor');
    await page.goto(`${base}/custody/${recordedEpisode}?lang=ru`);
    const cards = page.locator('li.interview');
    expect(await cards.count()).toBe(2);
    expect(await cards.nth(0).innerText()).toContain('Замечаний нет');
    expect(await cards.nth(0).locator('code').allInnerTexts()).toContain(SHA);
    expect(await cards.nth(1).innerText()).toContain('не записан на видео');
    expect(await page.getByRole('link', { name: 'Внести допрос' }).count()).toBe(0);
    const form = await page.goto(`${base}/custody/${recordedEpisode}/interviews/new?lang=ru`);
    expect(form?.status()).toBe(403);
    await expectNoAxeViolations(page, 'episode read by the monitor (ru)');
  });

  test('kz.custody.interview: the episode and the form in Kazakh on a 320 px phone, without sideways scrolling', async () => {
    const page = await newPage({ viewport: { width: 320, height: 700 } });
    await signIn(page);
    await page.goto(`${base}/custody/${recordedEpisode}?lang=kk`);
    expect(await page.locator('#interviews-title').innerText()).toBe('Жауап алулар');
    expect(await page.evaluate(OVERFLOW)).toBeLessThanOrEqual(0);
    await page.locator('#interviews').scrollIntoViewIfNeeded();
    await screenshot(page.locator('#interviews'), 'custody-interview-section-320-kk', {});
    await page.goto(`${base}/custody/${recordedEpisode}/interviews/new?lang=kk`);
    expect(await page.locator('h1').innerText()).toBe('Жауап алуды енгізу');
    expect(await page.evaluate(OVERFLOW)).toBeLessThanOrEqual(0);
    await screenshot(page, 'custody-interview-form-320-kk');
    await expectNoAxeViolations(page, 'interview form (kk, 320 px)');
  });

  test('no page logged an error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
