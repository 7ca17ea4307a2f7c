import { AxeBuilder } from '@axe-core/playwright';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUser } from '../../src/app/accounts.js';
import { createFacility, createPerson } from '../../src/app/registry.js';
import { startServer } from '../../src/http/server.js';
import { openStore } from '../../src/store/store.js';
import { allProjections } from '../../src/store/projections/index.js';
import type { Store } from '../../src/store/types.js';
import { MESSAGES } from '../../src/web/i18n.js';
import { initWitnessDir, trustLog } from '../../src/witness/directory.js';
import { buildWitnessApp } from '../../src/witness/server.js';
import { initDataDir } from '../../src/store/datadir.js';
import { CHROMIUM, CHROMIUM_ARGS, haveChromium, WCAG_AA } from './chromium.js';

/*
 * The integrity page (issue 17) in Debian's Chromium: a monitor on a phone in Kazakh and on a
 * desktop in Russian sees the witness that cosigns the log and, after a family name was edited in
 * the database, the table and row that differ; the page passes axe (WCAG 2.2 AA) and never scrolls
 * sideways. Set HABEAS_SCREENSHOTS=DIR to keep screenshots there.
 */

const PASSWORD = 'a long password for the integrity browser tests';
const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';
const SHOTS = process.env.HABEAS_SCREENSHOTS;

describe.runIf(haveChromium)('the integrity page in Chromium', { timeout: 120_000 }, () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let witness: Awaited<ReturnType<typeof buildWitnessApp>>;
  let store: Store;
  let dir: string;
  let base: string;
  let personId: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'habeas-integrity-browser-'));
    const dataDir = join(dir, 'data');
    const witnessDir = join(dir, 'witness');
    const { verifierKey } = await initDataDir(dataDir, { origin: 'habeas.example.kz/log' });
    const { verifierKey: witnessKey } = await initWitnessDir(witnessDir, 'ombudsman.kz/witness');
    await trustLog(witnessDir, verifierKey);
    witness = await buildWitnessApp({ dir: witnessDir });
    const witnessUrl = await witness.listen({ port: 0, host: '127.0.0.1' });
    store = await openStore({
      dataDir,
      projections: allProjections,
      witnesses: [{ url: witnessUrl, key: witnessKey }],
      witnessQuorum: 1,
    });
    const facility = (
      await createFacility(
        store,
        { name: 'ИВС г. Астаны', kind: 'police-custody', population: 'mixed', region: 'KZ-AST' },
        'test',
      )
    ).id;
    personId = (
      await createPerson(
        store,
        {
          familyName: 'Абенов',
          givenNames: 'Ерлан',
          birthDate: '1988-04-17',
          sex: 'male',
          facilityId: facility,
        },
        'test',
      )
    ).id;
    await createUser(
      store,
      { username: 'monitor', password: PASSWORD, name: 'Айгүл Сейітова', role: 'monitor' },
      'test',
    );
    await store.witnessed(await store.checkpoint(), 5000);
    server = await startServer({
      store,
      dataDir,
      port: 0,
      host: '127.0.0.1',
      logger: false,
      integrityWatch: false,
      rateLimit: { max: 100_000, timeWindowMs: 60_000 },
      loginRateLimit: { max: 100_000, timeWindowMs: 60_000 },
    });
    base = server.url;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    await witness?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function signedIn(viewport: { width: number; height: number }, lang: 'ru' | 'kk'): Promise<Page> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(`${base}/login?lang=${lang}`);
    await page.fill('#username', 'monitor');
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
    return page;
  }

  async function expectAccessible(page: Page): Promise<void> {
    const results = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    expect(await page.evaluate(OVERFLOW)).toBeLessThanOrEqual(0);
  }

  test('on a phone in Kazakh: the witness cosigning the log, the check started from the page', async () => {
    const page = await signedIn({ width: 390, height: 844 }, 'kk');
    await page.goto(`${base}/integrity`);
    expect(await page.locator('#integrity-witnesses').innerText()).toContain('ombudsman.kz/witness');
    expect(await page.locator('#integrity-witnesses').innerText()).toContain(
      MESSAGES.kk['integrity.witness.ok'],
    );
    await Promise.all([page.waitForURL(/started=1/), page.click('#integrity-check button[type=submit]')]);
    expect(await page.locator('.notice--success').first().innerText()).toBe(MESSAGES.kk['integrity.started']);
    await server.app.habeas.integrity.check();
    await page.reload();
    expect(await page.locator('#integrity-status').innerText()).toBe(MESSAGES.kk['integrity.ok']);
    await expectAccessible(page);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'integrity-kk-390.png'), fullPage: true });
    await page.context().close();
  });

  test('on a desktop in Russian: a family name edited in the database shows as the table and the row that differ', async () => {
    await store.db
      .updateTable('people')
      .set({ family_name: 'Подменов' })
      .where('id', '=', personId)
      .execute();
    await server.app.habeas.integrity.check();
    const page = await signedIn({ width: 1280, height: 900 }, 'ru');
    await page.goto(`${base}/integrity`);
    expect(await page.locator('#integrity-status').innerText()).toBe(MESSAGES.ru['integrity.broken']);
    const table = await page.locator('#integrity-check table').innerText();
    expect(table).toContain('people');
    expect(table).toContain(personId);
    expect(table).toContain('family_name');
    expect(await page.content()).not.toContain('Подменов');
    await expectAccessible(page);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'integrity-ru-1280.png'), fullPage: true });
    await page.context().close();
  });
});
