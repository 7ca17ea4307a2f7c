import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { MedicalRecordView } from '../../src/app/medical.js';
import { SESSION_COOKIE } from '../../src/http/session-cookie.js';
import { translator, type Lang } from '../../src/web/i18n.js';
import { startHarness, type Harness } from '../http/harness.js';
import { CHROMIUM, CHROMIUM_ARGS, haveChromium, requireChromiumInCi, WCAG_AA } from './chromium.js';
import { screenshot } from './screenshots.js';

/*
 * The body diagram of the injury report's form in Debian's Chromium (issue 19 items 3 and 7;
 * intl.medical.report): usable by the keyboard alone — Tab reaches the list of regions, the arrow
 * keys move, Enter or Space chooses, and the region chosen is the one the signed report holds —
 * and with JavaScript disabled, where it is a plain list of regions and "add another finding"
 * sends the form back with one more; in Kazakh, Russian and English, each page passing axe
 * (WCAG 2.2 AA). Set HABEAS_SCREENSHOTS=DIR to keep screenshots of the form and the diagram there.
 */

const NOW = Date.parse('2026-03-10T06:00:00.000Z');
const KDF = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
const LANGS = ['kk', 'ru', 'en'] as const;

requireChromiumInCi();

describe.runIf(haveChromium)(
  'the body diagram of the injury report in Chromium',
  { timeout: 180_000 },
  () => {
    let h: Harness;
    let browser: Browser;
    let base = '';
    let cookie = '';
    let examinationId = '';

    beforeAll(async () => {
      h = await startHarness('sqlite', { clock: () => new Date(NOW), clinicianKdf: KDF });
      const arrest = await h.app.inject({
        method: 'POST',
        url: '/api/v1/custody',
        headers: h.bearer('custody-officer'),
        payload: {
          personId: h.personId,
          facilityId: h.facilities.astana,
          apprehendedAt: new Date(NOW - 3 * 3_600_000).toISOString(),
          place: 'ул. Кенесары 40, Астана',
          grounds: 'ст. 188 УК РК, кража',
          arrestingOfficer: 'ст. лейтенант Ахметов Б.',
        },
      });
      expect(arrest.statusCode, arrest.body).toBe(201);
      const examined = await h.app.inject({
        method: 'POST',
        url: `/api/v1/medical/people/${h.personId}/examinations`,
        headers: h.bearer('medical'),
        payload: {
          examination: 'on-arrest',
          episode: { context: 'custody', id: arrest.json<{ id: string }>().id },
          at: new Date(NOW - 3_600_000).toISOString(),
          place: 'ИВС г. Астаны, медицинский кабинет',
          injuriesNoted: true,
        },
      });
      expect(examined.statusCode, examined.body).toBe(201);
      examinationId = examined.json<{ examinationId: string }>().examinationId;
      const doctor = await h.session('medical');
      // The clinician's key, created in this session: it stays unlocked for the session's reports.
      const key = await h.app.inject({
        method: 'POST',
        url: '/api/v1/medical/key',
        headers: { cookie: doctor.cookie, 'x-csrf-token': doctor.csrfToken },
        payload: { passphrase: 'ключ врача для браузера' },
      });
      expect(key.statusCode, key.body).toBe(201);
      cookie = doctor.cookie.slice(SESSION_COOKIE.length + 1);
      base = await h.app.listen({ port: 0, host: '127.0.0.1' });
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await h?.close();
    });

    async function open(
      lang: Lang,
      javaScriptEnabled: boolean,
    ): Promise<{ context: BrowserContext; page: Page }> {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled });
      await context.addCookies([{ name: SESSION_COOKIE, value: cookie, url: base }]);
      const page = await context.newPage();
      const response = await page.goto(
        `${base}/medical/people/${h.personId}/reports/new?examination=${examinationId}&lang=${lang}`,
      );
      expect(response?.status()).toBe(200);
      return { context, page };
    }

    async function reports(): Promise<MedicalRecordView['reports']> {
      const response = await h.app.inject({
        url: `/api/v1/medical/people/${h.personId}`,
        headers: h.bearer('medical'),
      });
      return response.json<MedicalRecordView>().reports;
    }

    /** Every section but the findings' places, as a clinician fills them in. */
    async function fillTheRest(page: Page, findings: number): Promise<void> {
      await page.check('input[name="consent-examination"][value="given"]');
      await page.check('input[name="consent-photographs"][value="refused"]');
      await page.check('input[name="consent-sharing"][value="refused"]');
      await page.fill('#circumstances', 'Осмотр в медицинском кабинете ИВС, без конвоя.');
      await page.fill('#account-text', 'Ударили по спине и по руке.');
      await page.selectOption('#account-language', 'ru');
      await page.check('input[name="account-attributed"][value="officials"]');
      for (let index = 0; index < findings; index++) {
        await page.selectOption(`#finding-${index}-type`, 'bruise');
        await page.fill(`#finding-${index}-length`, '30');
        await page.fill(`#finding-${index}-width`, '20');
        await page.fill(`#finding-${index}-shape`, 'овальная');
        await page.fill(`#finding-${index}-colour`, 'синюшная');
        await page.fill(`#finding-${index}-age`, '1–2 суток');
        await page.selectOption(`#finding-${index}-consistency`, 'consistent');
      }
      await page.fill('#psychological', 'Тревожен.');
      await page.check('input[name="overall"][value="consistent"]');
    }

    async function expectAxeClean(page: Page, where: string): Promise<void> {
      const axe = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
      expect(
        axe.violations.map(
          (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' ')}`,
        ),
        where,
      ).toEqual([]);
    }

    /**
     * axe runs in the page, so a page as a browser without JavaScript showed it is checked in one
     * with JavaScript, served the same HTML from the same origin with the diagram's script withheld.
     */
    async function expectAxeCleanWithoutScript(page: Page, where: string): Promise<void> {
      const html = await page.content();
      const checker = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await checker.route('**/static/medical-body.js', (route) => route.abort());
      await checker.route(`${base}/as-served`, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
      );
      const shown = await checker.newPage();
      await shown.goto(`${base}/as-served`);
      expect(await shown.locator('[data-body-picker]').first().isVisible(), where).toBe(false);
      await expectAxeClean(shown, where);
      await checker.close();
    }

    /** The option the keyboard is on, by its value. */
    const focusedValue = (page: Page) =>
      page.evaluate<string | null>("document.activeElement?.getAttribute('data-value') ?? null");

    for (const [index, lang] of LANGS.entries())
      test(`intl.medical.report: the diagram is usable by the keyboard alone, and the chosen region is the one signed — ${lang}`, async () => {
        const tr = translator(lang);
        const { context, page } = await open(lang, true);
        // The script replaced the select with the listbox of the same regions.
        await expect.poll(() => page.locator('#finding-0-site-listbox').isVisible()).toBe(true);
        expect(await page.locator('#finding-0-site').isVisible()).toBe(false);
        await expectAxeClean(page, `${lang} with JavaScript`);
        await screenshot(page, `medical-report-form-${lang}`);

        // Tab from the finding's type reaches the region list, on its first region.
        await page.focus('#finding-0-type');
        for (let tabs = 0; tabs < 3 && (await focusedValue(page)) === null; tabs++)
          await page.keyboard.press('Tab');
        expect(await focusedValue(page)).toBe('front:head-front');
        // The arrow keys move through the regions, across the views; End and Home go to the ends.
        await page.keyboard.press('End');
        expect(await focusedValue(page)).toBe('back:sole-right');
        await page.keyboard.press('Home');
        await page.keyboard.press('ArrowDown');
        expect(await focusedValue(page)).toBe('front:face');
        const target = ['front:forearm-left', 'back:upper-back-left', 'back:sole-left'][index] ?? '';
        for (let steps = 0; steps < 80 && (await focusedValue(page)) !== target; steps++)
          await page.keyboard.press('ArrowDown');
        expect(await focusedValue(page)).toBe(target);
        // Moving did not choose; Enter (or Space) does.
        expect(await page.locator('#finding-0-site').inputValue()).toBe('');
        await page.keyboard.press(lang === 'ru' ? ' ' : 'Enter');
        expect(await page.locator('#finding-0-site').inputValue()).toBe(target);
        const [view = '', region = ''] = target.split(':');
        const place = `${tr.attr(`medical.region.${region}` as never)} (${tr.attr(`medical.view.${view}` as never)})`;
        expect(await page.locator('#finding-0-site-chosen').textContent()).toBe(
          tr.attr('reportForm.diagram.chosen', { place }),
        );
        expect(await page.locator(`[data-region="${target}"]`).getAttribute('class')).toContain(
          'body-map__region--chosen',
        );
        expect(
          await page.locator(`#finding-0-site-option-${view}-${region}`).getAttribute('aria-selected'),
        ).toBe('true');
        // Tab leaves the list in one step, and Shift+Tab comes back to the region chosen.
        await page.keyboard.press('Tab');
        expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe(
          'finding-0-detail',
        );
        await page.keyboard.press('Shift+Tab');
        expect(await focusedValue(page)).toBe(target);
        await screenshot(page, `medical-body-diagram-${lang}`, { fullPage: false });
        await screenshot(
          page.locator('#finding-0-fieldset .body-map'),
          `medical-body-diagram-${lang}-detail`,
          {},
        );

        await fillTheRest(page, 1);
        const before = (await reports()).length;
        await page.locator('button[value="finish"]').focus();
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/reports\/[0-9a-z]{26}$/);
        const all = await reports();
        expect(all.length).toBe(before + 1);
        expect(all.at(-1)?.versions[0]?.content.physicalFindings[0]?.site).toEqual({
          view,
          region,
          detail: null,
        });
        await context.close();
      });

    for (const [index, lang] of LANGS.entries())
      test(`intl.medical.report: without JavaScript the diagram is a list of regions, and “add another finding” works — ${lang}`, async () => {
        const tr = translator(lang);
        const { context, page } = await open(lang, false);
        expect(await page.locator('#finding-0-site').isVisible()).toBe(true);
        expect(await page.locator('#finding-0-site-listbox').isVisible()).toBe(false);
        await expectAxeCleanWithoutScript(page, `${lang} without JavaScript`);
        const first = ['back:lower-back-right', 'front:face', 'front:palm-left'][index] ?? '';
        const second = ['front:knee-left', 'back:back-of-hand-right', 'back:head-back'][index] ?? '';
        await page.selectOption('#finding-0-site', first);
        await page.fill('#finding-0-shape', 'линейная');
        await page.click('button[value="add-finding"]');
        await page.waitForLoadState();
        // The same form again, one more finding, what was chosen and typed kept.
        expect(await page.locator('#finding-1-site').isVisible()).toBe(true);
        expect(await page.locator('#finding-0-site').inputValue()).toBe(first);
        expect(await page.locator('#finding-0-shape').inputValue()).toBe('линейная');
        expect(await page.locator('#finding-0-site-chosen').textContent()).toContain(
          tr.attr('reportForm.diagram.chosen', { place: '' }).trim(),
        );
        await page.selectOption('#finding-1-site', second);
        await screenshot(page, `medical-report-form-nojs-${lang}`);
        await expectAxeCleanWithoutScript(page, `${lang} without JavaScript, two findings`);
        await fillTheRest(page, 2);
        // A section left out comes back at its field, the regions kept (and the page still passes axe).
        await page.fill('#psychological', '');
        await page.click('button[value="finish"]');
        await page.waitForLoadState();
        expect(await page.locator('.error-summary a[href="#psychological"]').count()).toBe(1);
        expect(await page.locator('#finding-1-site').inputValue()).toBe(second);
        await expectAxeCleanWithoutScript(page, `${lang} without JavaScript, refused`);
        await page.fill('#psychological', 'Тревожен.');
        const before = (await reports()).length;
        await page.click('button[value="finish"]');
        await page.waitForURL(/\/reports\/[0-9a-z]{26}$/);
        const all = await reports();
        expect(all.length).toBe(before + 1);
        const sites = all.at(-1)?.versions[0]?.content.physicalFindings.map((finding) => finding.site) ?? [];
        expect(sites.map((site) => `${site.view}:${site.region}`)).toEqual([first, second]);
        await context.close();
      });
  },
);
