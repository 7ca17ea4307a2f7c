import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createUser } from '../../src/app/accounts.js';
import { HABEAS_SYSTEM, placeEvidenceHold, registerFootage } from '../../src/app/footage.js';
import { createFacility } from '../../src/app/registry.js';
import { startServer } from '../../src/http/server.js';
import { allProjections } from '../../src/store/projections/index.js';
import type { Store } from '../../src/store/types.js';
import { freshStore } from '../support/engines.js';
import { screenshot } from './screenshots.js';
import { CHROMIUM, CHROMIUM_ARGS, haveChromium, WCAG_AA, requireChromiumInCi } from './chromium.js';

/*
 * The footage pages in Debian's Chromium (playwright-core) against a real server: a male official
 * of a women's facility sees the list and the kz.cctv.women refusal in plain words; a female
 * official opens a recording and is told the view is in the log. Both pages pass axe (WCAG 2.2 AA).
 * The recordings and the evidence holds, register lists, do not scroll sideways at 1280 px in
 * Russian nor on a 390 px phone in Kazakh.
 */

const PASSWORD = 'a long password for the browser tests';
const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';

requireChromiumInCi();

describe.runIf(haveChromium)('footage pages in Chromium', { timeout: 120_000 }, () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let store: Store;
  let cleanup: () => Promise<void>;
  let base: string;

  beforeAll(async () => {
    const fresh = await freshStore('sqlite', { projections: allProjections });
    store = fresh.store;
    cleanup = fresh.cleanup;
    const women = (
      await createFacility(
        store,
        { name: 'Учреждение ЛА-155/4', kind: 'prison', population: 'women', region: 'KZ-ALA' },
        'test',
      )
    ).id;
    for (const [username, sex] of [
      ['officer-f', 'female'],
      ['officer-m', 'male'],
    ] as const)
      await createUser(
        store,
        {
          username,
          password: PASSWORD,
          name: username,
          role: 'prison-officer',
          facilities: [women],
          regions: [],
          sex,
        },
        'test',
      );
    await createUser(
      store,
      {
        username: 'holds',
        password: PASSWORD,
        name: 'Айгерим Садыкова',
        role: 'complaints-officer',
        facilities: [],
        regions: [],
      },
      'test',
    );
    const now = Date.now();
    await placeEvidenceHold(
      { store },
      HABEAS_SYSTEM,
      {
        facilityId: women,
        place: 'Коридор, отряд 3',
        from: new Date(now - 3 * 3_600_000).toISOString(),
        to: new Date(now - 3_600_000).toISOString(),
        basis: 'allegation',
        reference: 'KZ-2026-000123',
        reason: 'allegation of ill-treatment in the corridor',
      },
      new Date(now),
    );
    await registerFootage(
      { store },
      {
        id: 'test',
        kind: 'service',
        name: 'test',
        role: 'prison-officer',
        facilities: [women],
        regions: [],
        sex: 'female',
      },
      {
        facilityId: women,
        camera: 'CAM-21',
        place: 'Коридор, отряд 3',
        from: new Date(now - 2 * 3_600_000).toISOString(),
        to: new Date(now - 3_600_000).toISOString(),
        retainUntil: new Date(now + 30 * 24 * 3_600_000).toISOString(),
      },
      new Date(now),
    );
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

  async function signedIn(username: string, viewport = { width: 1100, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-GB', viewport });
    const page = await context.newPage();
    await page.goto(`${base}/login?lang=en`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.locator('form.form button[type=submit]').click();
    await page.waitForURL(`${base}/`);
    return page;
  }

  async function expectNoAxeViolations(page: Page, label: string) {
    const results = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
    expect(
      results.violations.map(
        (violation) => `${violation.id}: ${violation.nodes.map((n) => n.target).join(', ')}`,
      ),
      label,
    ).toEqual([]);
  }

  test('kz.cctv.women: a male official sees the recordings listed and the refusal said plainly, with no link to view', async () => {
    const page = await signedIn('officer-m');
    await page.getByRole('link', { name: 'Camera footage' }).first().click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Camera footage');
    expect(await page.locator('.warning-box').innerText()).toContain(
      "In a women's facility only female officials view footage.",
    );
    expect(await page.locator('#footage table').innerText()).toContain('Коридор, отряд 3');
    expect(await page.getByRole('link', { name: /View recording/ }).count()).toBe(0);
    await expectNoAxeViolations(page, 'footage list, refused');
    await page.context().close();
  });

  test('a female official opens the recording and is told the view is recorded in the log', async () => {
    const page = await signedIn('officer-f');
    await page.goto(`${base}/footage`);
    await page.getByRole('link', { name: /View recording/ }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Recording');
    expect(await page.locator('.notice').innerText()).toMatch(
      /This viewing is recorded in the log \(entry \d+\)\./,
    );
    await expectNoAxeViolations(page, 'footage view');
    await page.context().close();
  });

  test('the recordings and the evidence holds do not scroll sideways at 1280 px in Russian nor at 390 px in Kazakh', async () => {
    for (const [username, path, name] of [
      ['officer-f', '/footage', 'footage-list'],
      ['holds', '/evidence-holds', 'evidence-holds'],
    ] as const) {
      const wide = await signedIn(username, { width: 1280, height: 900 });
      await wide.goto(`${base}${path}?lang=ru`);
      expect(await wide.locator('.register-list__summary').innerText()).toContain('Показано: 1 из 1.');
      expect(await wide.evaluate(OVERFLOW), `${path} at 1280 px`).toBeLessThanOrEqual(0);
      await screenshot(wide, `${name}-1280-ru`);
      await expectNoAxeViolations(wide, `${path} (ru)`);
      await wide.context().close();
      const phone = await signedIn(username, { width: 390, height: 844 });
      await phone.goto(`${base}${path}?lang=kk`);
      expect(await phone.locator('main').innerText()).toContain('Коридор, отряд 3');
      expect(await phone.evaluate(OVERFLOW), `${path} at 390 px`).toBeLessThanOrEqual(0);
      await screenshot(phone, `${name}-390-kk`);
      await phone.context().close();
    }
  });
});
