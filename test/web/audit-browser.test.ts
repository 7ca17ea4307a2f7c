import { AxeBuilder } from '@axe-core/playwright';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Principal } from '../../src/access/principal.js';
import { createUser } from '../../src/app/accounts.js';
import { appendRead } from '../../src/app/audit.js';
import { personStream } from '../../src/domain/registry/person.js';
import { SESSION_COOKIE } from '../../src/http/session-cookie.js';
import { startHarness, PASSWORD, type Harness } from '../http/harness.js';
import { screenshot } from './screenshots.js';
import { CHROMIUM, CHROMIUM_ARGS, WCAG_AA } from './chromium.js';

/*
 * The audit page (who read a record) in Debian's Chromium: a monitor on a desktop in Russian and
 * on a phone in Kazakh sees who read a person's record without the page scrolling sideways, and
 * the page passes axe (WCAG 2.2 AA). Set HABEAS_SCREENSHOTS=DIR to keep screenshots there.
 */

const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';

describe.runIf(existsSync(CHROMIUM))('the audit page in Chromium', { timeout: 120_000 }, () => {
  let h: Harness;
  let browser: Browser;
  let base = '';
  let cookie = '';

  beforeAll(async () => {
    h = await startHarness('sqlite');
    const { id } = await createUser(
      h.store,
      {
        username: 'reader',
        password: PASSWORD,
        name: 'Серикбаев Арман Қайратұлы',
        role: 'custody-officer',
        facilities: [h.facilities.astana],
        regions: [],
      },
      'test',
    );
    const reader: Principal = {
      id,
      kind: 'user',
      name: 'Серикбаев Арман Қайратұлы',
      role: 'custody-officer',
      facilities: [h.facilities.astana],
      regions: [],
    };
    for (let i = 0; i < 8; i++)
      await appendRead(
        h.store,
        reader,
        personStream(h.personId),
        i % 2 === 0 ? undefined : 'проверка по обращению Уполномоченного по правам человека № 2026-114',
      );
    const session = await h.session('monitor');
    cookie = session.cookie.slice(SESSION_COOKIE.length + 1);
    base = await h.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  async function open(viewport: { width: number; height: number }, lang: 'ru' | 'kk'): Promise<Page> {
    const context = await browser.newContext({ viewport });
    await context.addCookies([{ name: SESSION_COOKIE, value: cookie, url: base }]);
    const page = await context.newPage();
    await page.goto(`${base}/audit?lang=${lang}&kind=person&record=${h.personId}`);
    return page;
  }

  for (const [lang, viewport] of [
    ['ru', { width: 1280, height: 900 }],
    ['kk', { width: 390, height: 844 }],
  ] as const)
    test(`${lang} at ${viewport.width} px: the reads fit the width and the page passes axe`, async () => {
      const page = await open(viewport, lang);
      expect(await page.locator('.register-list__summary').textContent()).toMatch(/8\D+8/);
      expect(await page.locator('tbody tr').count()).toBe(8);
      expect(await page.evaluate(OVERFLOW)).toBeLessThanOrEqual(0);
      await screenshot(page, `audit-${lang}-${viewport.width}`);
      const axe = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
      expect(axe.violations.map((violation) => violation.id)).toEqual([]);
      await page.context().close();
    });
});
