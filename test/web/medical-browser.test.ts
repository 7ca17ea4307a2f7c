import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SESSION_COOKIE } from '../../src/http/session-cookie.js';
import { CHROMIUM, CHROMIUM_ARGS, haveChromium, requireChromiumInCi, WCAG_AA } from './chromium.js';
import {
  api,
  postForm,
  reportInput,
  startMedicalWorld,
  type MedicalWorld,
  type Session,
} from './medical-fixtures.js';
import { screenshot } from './screenshots.js';

/*
 * The medical pages in Debian's Chromium (issue 19 item 7): the doctor's worklist, a person's
 * medical record with a second opinion beside the report it reviews, the signed report, the key
 * page (with a key, and for a clinician who has none yet), the examination form and the printed
 * copy — on a desktop in Russian and on a phone in Kazakh, none scrolling sideways, each passing
 * axe (WCAG 2.2 AA). Set HABEAS_SCREENSHOTS=DIR to keep screenshots there.
 */

const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';

requireChromiumInCi();

describe.runIf(haveChromium)('the medical pages in Chromium', { timeout: 180_000 }, () => {
  let w: MedicalWorld;
  let browser: Browser;
  let base = '';
  const urls: Record<string, { url: string; who: 'doctor' | 'newDoctor' }> = {};

  beforeAll(async () => {
    const now = Date.parse('2026-03-10T06:00:00.000Z');
    w = await startMedicalWorld('sqlite', () => new Date(now));
    const record = `/medical/people/${w.arrested.personId}`;
    const examined = await postForm(w, w.doctor, `${record}/examinations`, {
      examination: 'on-arrest',
      episode: `custody:${w.arrested.custodyId}`,
      at: '2026-03-10T10:40',
      'at-offset': '+05:00',
      place: 'медицинский кабинет ИВС',
      injuriesNoted: 'yes',
      notes: 'Кровоподтёк на спине слева, ссадина на левом запястье.',
    });
    expect(examined.statusCode, examined.body).toBe(303);
    const examinationId =
      new URL(examined.headers.location as string, 'http://x').searchParams.get('examination') ?? '';
    const finished = await api(
      w,
      w.doctor,
      'POST',
      `/api/v1/medical/people/${w.arrested.personId}/reports`,
      reportInput(examinationId),
    );
    expect(finished.statusCode, finished.body).toBe(201);
    const { reportId } = finished.json() as { reportId: string };
    const second = await api(
      w,
      w.secondDoctor,
      'POST',
      `/api/v1/medical/people/${w.arrested.personId}/reports`,
      {
        ...reportInput(examinationId),
        secondOpinionOf: reportId,
        opinion: { overall: 'consistent', interpretation: 'Соответствует, но давность иная.' },
      },
    );
    expect(second.statusCode, second.body).toBe(201);
    Object.assign(urls, {
      worklist: { url: '/medical', who: 'doctor' },
      record: { url: record, who: 'doctor' },
      report: { url: `${record}/reports/${reportId}`, who: 'doctor' },
      key: { url: '/medical/key', who: 'doctor' },
      'key-create': { url: '/medical/key', who: 'newDoctor' },
      examination: { url: `/medical/people/${w.admitted.personId}/examinations/new`, who: 'doctor' },
      print: { url: `${record}/reports/${reportId}/print`, who: 'doctor' },
    });
    base = await w.h.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await w?.h.close();
  });

  async function open(session: Session, url: string, viewport: { width: number; height: number }) {
    const context = await browser.newContext({ viewport });
    await context.addCookies([
      { name: SESSION_COOKIE, value: session.cookie.slice(SESSION_COOKIE.length + 1), url: base },
    ]);
    const page = await context.newPage();
    const response = await page.goto(`${base}${url}`);
    expect(response?.status(), url).toBe(200);
    return page;
  }

  for (const [lang, viewport] of [
    ['ru', { width: 1280, height: 900 }],
    ['kk', { width: 390, height: 844 }],
  ] as const)
    test(`${lang} at ${viewport.width} px: the worklist, the record, the report, the key page, the examination form and the printed copy fit the width and pass axe`, async () => {
      for (const [name, { url, who }] of Object.entries(urls)) {
        // The printed copy is in the person's language (Kazakh here) unless asked.
        const page = await open(w[who], `${url}?lang=${lang}`, viewport);
        expect(await page.evaluate(OVERFLOW), `${name} scrolls sideways`).toBeLessThanOrEqual(0);
        await screenshot(page, `medical-${name}-${lang}-${viewport.width}`);
        const axe = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
        expect(
          axe.violations.map(
            (violation) =>
              `${name}: ${violation.id} ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
          ),
        ).toEqual([]);
        await page.context().close();
      }
    });

  test('the second opinion stands beside the report it reviews: the two readings side by side, the disagreement marked in words', async () => {
    const page = await open(w.doctor, `${urls.record?.url}?lang=en`, { width: 1280, height: 900 });
    const row = page.locator('.medical-compare tbody tr', {
      hasText: 'Overall consistency with the account',
    });
    expect(await row.locator('td').allTextContents()).toEqual([
      'Highly consistent',
      'Consistent',
      'Disagrees',
    ]);
    const columns = page.locator('.medical-compare__column');
    const [left, right] = [await columns.nth(0).boundingBox(), await columns.nth(1).boundingBox()];
    expect(left && right && Math.abs(left.y - right.y) < 2 && left.x < right.x).toBe(true);
    await page.context().close();
  });
});
