import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUser } from '../../src/app/accounts.js';
import { createFacility } from '../../src/app/registry.js';
import { startServer } from '../../src/http/server.js';
import { allProjections } from '../../src/store/projections/index.js';
import type { Store } from '../../src/store/types.js';
import { freshStore } from '../support/engines.js';
import { CHROMIUM, CHROMIUM_ARGS, haveChromium, WCAG_AA, requireChromiumInCi } from './chromium.js';

/*
 * Issue 18 item 4 in Debian's Chromium (playwright-core), against a real server: the officer of a
 * women's prison registers a recording; the complaints authority places an evidence hold on its
 * place and time; the governor cannot record its deletion while held; the procurator — a man, who
 * may not view the women's prison's recordings (kz.cctv.women) — releases the hold; then the
 * governor records the deletion. Every page of the flow passes axe (WCAG 2.2 AA).
 */

const PASSWORD = 'a long password for the footage form tests';
const SLOW = { timeout: 20_000, interval: 100 };
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, SLOW);
const HOUR = 3_600_000;

requireChromiumInCi();

describe.runIf(haveChromium)('footage forms and evidence holds in Chromium', { timeout: 180_000 }, () => {
  const NOW = Math.floor(Date.now() / 60_000) * 60_000;
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let store: Store;
  let cleanup: () => Promise<void>;
  let base: string;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];
  /** `datetime-local` text of a moment at +05:00. */
  const local = (ms: number) => new Date(ms + 5 * HOUR).toISOString().slice(0, 16);

  beforeAll(async () => {
    const fresh = await freshStore('sqlite', { projections: allProjections });
    store = fresh.store;
    cleanup = fresh.cleanup;
    const women = (
      await createFacility(
        store,
        { name: 'Учреждение ЛА-155/4', kind: 'prison', population: 'women', region: 'KZ-ALM' },
        'test',
      )
    ).id;
    const accounts = [
      ['officer', 'prison-officer', [women], 'female'],
      ['governor', 'governor', [women], 'male'],
      ['complaints', 'complaints-officer', [], 'female'],
      ['procurator', 'procurator', [], 'male'],
    ] as const;
    for (const [username, role, facilities, sex] of accounts)
      await createUser(
        store,
        { username, password: PASSWORD, name: username, role, facilities: [...facilities], regions: [], sex },
        'test',
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

  async function signedIn(username: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-GB' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(`${base}/login?lang=en`);
    await page.getByLabel('Username').fill(username);
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

  test('the officer registers a recording from the facility’s list', async () => {
    const page = await signedIn('officer');
    await page.getByRole('link', { name: 'Camera footage' }).first().click();
    await page.getByRole('link', { name: 'Register a recording' }).click();
    await poll(() => page.locator('h1').innerText()).toBe('Register a recording');
    await expectNoAxeViolations(page, 'register form');
    await page.getByLabel('Camera', { exact: true }).fill('CAM-04');
    await page.getByLabel('Place', { exact: true }).fill('Коридор отряда № 1');
    await page.locator('#from').fill(local(NOW - 6 * HOUR));
    await page.locator('#to').fill(local(NOW - 2 * HOUR));
    await page.locator('#retainUntil').fill(local(NOW + 30 * 24 * HOUR));
    await page.locator('form.form button[type=submit]').click();
    await page.waitForURL(/\/footage\?facility=[a-z2-7]{26}&recorded=registered$/);
    await poll(() => page.locator('.notice--success').innerText()).toBe('The recording is registered.');
    expect(await page.locator('#footage table').innerText()).toContain('Коридор отряда № 1');
    // She may view it (kz.cctv.women).
    expect(await page.getByRole('link', { name: /View recording/ }).count()).toBe(1);
  });

  test('the complaints authority places a hold on the place and time; the governor cannot record a deletion', async () => {
    const page = await signedIn('complaints');
    await page.getByRole('link', { name: 'Evidence holds' }).first().click();
    await page.getByRole('link', { name: 'Place an evidence hold' }).click();
    await poll(() => page.locator('h1').innerText()).toBe('Place an evidence hold');
    await expectNoAxeViolations(page, 'hold form');
    await page.getByLabel('Facility').selectOption({ label: 'Учреждение ЛА-155/4' });
    await page.getByLabel('Place (optional)').fill('Коридор отряда № 1');
    await page.locator('#from').fill(local(NOW - 5 * HOUR));
    await page.locator('#to').fill(local(NOW - 3 * HOUR));
    await page.getByLabel('Allegation of torture or ill-treatment').check();
    await page.getByLabel('Reference').fill('ЕРДР № 261975031000099');
    await page.getByLabel('Reason').fill('жалоба на применение силы в коридоре');
    await page.locator('form.form button[type=submit]').click();
    await page.waitForURL(/\/evidence-holds\/[a-z2-7]{26}\?recorded=placed$/);
    await poll(() => page.locator('.notice--success').innerText()).toContain('The hold is placed');
    // Hers to place, the procurator's to release (kz.torture.referral): no form, and why.
    expect(await page.locator('main').innerText()).toContain('is released only by the procurator');
    expect(await page.getByRole('button', { name: 'Release the hold' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'hold page');

    const governor = await signedIn('governor');
    await governor.getByRole('link', { name: 'Camera footage' }).first().click();
    // Held: no deletion offered; the row says it is kept as evidence.
    const row = governor.locator('#footage table tbody tr', { hasText: 'Коридор отряда № 1' });
    expect(await row.innerText()).toContain('Evidence hold');
    expect(await row.getByRole('link', { name: /Record the deletion/ }).count()).toBe(0);
    await expectNoAxeViolations(governor, 'footage list with a held recording');
  });

  test('the procurator, who may not view the recordings, releases the hold; the governor then records the deletion', async () => {
    const page = await signedIn('procurator');
    await page.getByRole('link', { name: 'Evidence holds' }).first().click();
    await poll(() => page.locator('h1').innerText()).toBe('Evidence holds on camera footage');
    await expectNoAxeViolations(page, 'hold list');
    await page.getByRole('link', { name: 'Учреждение ЛА-155/4' }).first().click();
    await page
      .getByLabel('Why the footage need no longer be kept')
      .fill('проверка завершена, нарушений не выявлено');
    await page.getByRole('button', { name: 'Release the hold' }).click();
    await page.waitForURL(/\?recorded=released$/);
    await poll(() => page.locator('.notice--success').innerText()).toBe('The hold is released.');
    await expectNoAxeViolations(page, 'released hold');
    // The recordings' list tells him why he cannot view them (kz.cctv.women).
    await page.getByRole('link', { name: "The facility's recordings" }).click();
    expect(await page.locator('main').innerText()).toContain('only female officials view footage');

    const governor = await signedIn('governor');
    await governor.getByRole('link', { name: 'Camera footage' }).first().click();
    await governor
      .getByRole('link', { name: /Record the deletion/ })
      .first()
      .click();
    await poll(() => governor.locator('h1').innerText()).toBe('Deletion of a recording');
    await expectNoAxeViolations(governor, 'deletion form');
    await governor.getByLabel('Reason for the deletion').fill('истёк срок хранения');
    await governor.getByRole('button', { name: 'Record the deletion' }).click();
    await governor.waitForURL(/recorded=deleted$/);
    await poll(() => governor.locator('.notice--success').innerText()).toContain('deletion of the recording');
    expect(await governor.locator('#footage table').innerText()).toContain('Deleted');
  });

  test('no page logged an error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
