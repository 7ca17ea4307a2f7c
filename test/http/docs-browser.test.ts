import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer } from '../../src/http/server.js';
import { allProjections } from '../../src/store/projections/index.js';
import { freshStore, type FreshStore } from '../support/engines.js';
import { CHROMIUM, CHROMIUM_ARGS, haveChromium } from '../web/chromium.js';

/*
 * The API documentation renders in a real browser under the server's strict CSP: every script and
 * style from this server, no violation reported. (test/web/browser.test.ts fails CI when Debian's
 * Chromium is missing; here it is only skipped.)
 */

describe.runIf(haveChromium)('API docs in Chromium', { timeout: 120_000 }, () => {
  let browser: Browser;
  let fresh: FreshStore;
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    fresh = await freshStore('sqlite', { projections: allProjections });
    server = await startServer({
      store: fresh.store,
      dataDir: fresh.dataDir,
      port: 0,
      host: '127.0.0.1',
      logger: false,
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await fresh?.cleanup();
  });

  test('/api/docs shows every operation with no CSP violation and no request to another host', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    const foreign: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url) && !request.url().startsWith('data:'))
        foreign.push(request.url());
    });
    // Every operation of the OpenAPI document, each shown once (one tag per operation).
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);
    const operations = Object.values(document.paths).reduce(
      (sum, path) => sum + Object.keys(path).filter((method) => METHODS.has(method)).length,
      0,
    );
    expect(operations).toBeGreaterThan(40);
    await page.goto(`${server.url}/api/docs/`, { waitUntil: 'networkidle' });
    await expect.poll(() => page.locator('.opblock-summary').count(), { timeout: 20_000 }).toBe(operations);
    expect(await page.locator('.title').first().innerText()).toContain('Habeas API');
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
  });
});
