import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { login } from '../../src/app/sessions.js';
import { DEMO_PASSWORD, DEMO_SEALING_PASSPHRASE, seedDemo } from '../../src/demo/seed.js';
import { buildApp } from '../../src/http/app.js';
import { SESSION_COOKIE } from '../../src/http/session-cookie.js';
import { DEFAULT_CUSTODY_RULES } from '../../src/rules/custody-rules.js';
import { initSealing } from '../../src/sealing/keystore.js';
import { allProjections } from '../../src/store/projections/index.js';
import type { Lang } from '../../src/web/i18n.js';
import { freshStore, type FreshStore } from '../support/engines.js';
import { form } from './jar.js';

/*
 * Issue 18 item 3 through the real app, on the demonstration's records (every custody finding,
 * every prison finding, refused disciplinary decisions, reprisal flags): on a Kazakh or Russian
 * page, what the findings, the timelines, the refused attempts and the reprisal flags say is in
 * the reader's language, with local times — no English sentence, no raw UTC stamp, no internal
 * code such as a request's "jr4". And a refusal of national law, submitted on a form, says why in
 * the reader's language too.
 */

let fresh: FreshStore;
let app: FastifyInstance;
const now = new Date();
const sessions = new Map<string, { cookie: string; csrfToken: string }>();

async function session(username: string) {
  const known = sessions.get(username);
  if (known) return known;
  const result = await login(fresh.store, { username, password: DEMO_PASSWORD, ip: '127.0.0.1' });
  if (!result) throw new Error(`no demo account ${username}`);
  const made = {
    cookie: `${SESSION_COOKIE}=${app.signCookie(result.sessionId)}`,
    csrfToken: result.csrfToken,
  };
  sessions.set(username, made);
  return made;
}

async function page(username: string, url: string): Promise<string> {
  const response = await app.inject({ url, headers: { cookie: (await session(username)).cookie } });
  expect(response.statusCode, `${username} ${url}`).toBe(200);
  return response.body;
}

/** What the register says on a page: findings tables and lists, timelines, reprisal flags, verdicts and error summaries. */
function registerSays(html: string): string {
  const parts = [
    ...html.matchAll(/<table class="table (?:findings|register-list__table)">[\s\S]*?<\/table>/g),
    ...html.matchAll(/<ol class="timeline">[\s\S]*?<\/ol>/g),
    ...html.matchAll(/<div class="refused-attempts">[\s\S]*?<\/ul>/g),
    ...html.matchAll(/<ul class="record__findings">[\s\S]*?<\/ul>/g),
    ...html.matchAll(/<div class="error-summary"[\s\S]*?<\/div>/g),
    ...html.matchAll(/<div class="verdict[\s\S]*?<\/div>(?=\s*<(?:button|\/div))/g),
  ].map((match) => match[0]);
  return parts.join('\n');
}

/** The words shown of it: without tags, rule ids shown as code, complaint receipts and people's own data in Latin letters. */
function foreignIn(html: string): string[] {
  const text = registerSays(html)
    .replace(/<code\b[^>]*>[\s\S]*?<\/code>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#?\w+;/g, ' ')
    .replace(/\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b/g, ' ');
  return [
    ...new Set([
      ...[...text.matchAll(/\b[a-z][a-z'’-]+\b/g)].map((match) => match[0]),
      ...[...text.matchAll(/\d{4}-\d{2}-\d{2}T[\d:.]+Z?/g)].map((match) => match[0]),
      ...[...text.matchAll(/\bjr\d+\b|\bbr\d+\b|\bd\d+\b/g)].map((match) => match[0]),
    ]),
  ];
}

const links = (html: string, pattern: RegExp): string[] => [
  ...new Set([...html.matchAll(pattern)].map((match) => match[1] ?? '')),
];

beforeAll(async () => {
  fresh = await freshStore('sqlite', { projections: allProjections });
  await initSealing(fresh.dataDir, DEMO_SEALING_PASSPHRASE, {
    kdf: { memoryKiB: 19_456, iterations: 2, parallelism: 1 },
  });
  await seedDemo(fresh.store, () => now, DEFAULT_CUSTODY_RULES, { dataDir: fresh.dataDir });
  app = await buildApp({
    store: fresh.store,
    dataDir: fresh.dataDir,
    clock: () => now,
    rateLimit: { max: 1_000_000, timeWindowMs: 60_000 },
    loginRateLimit: { max: 1_000_000, timeWindowMs: 60_000 },
  });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await fresh?.cleanup();
});

describe('issue 18 item 3: the demonstration’s findings and refusals in Kazakh and Russian', () => {
  for (const lang of ['kk', 'ru'] as const satisfies readonly Lang[]) {
    test(`${lang}: every custody finding, on the monitor’s list and on each episode with its timeline, is in the reader’s language`, async () => {
      const list = await page('monitor', `/custody/findings?lang=${lang}`);
      expect(list).toContain('<table class="table register-list__table">');
      expect(foreignIn(list)).toEqual([]);
      const episodes = links(list, /href="(\/custody\/[a-z0-9]{26})"/g);
      expect(episodes.length).toBeGreaterThan(3);
      for (const episode of episodes) {
        const html = await page('monitor', `${episode}?lang=${lang}`);
        expect(foreignIn(html), episode).toEqual([]);
        const record = await page('monitor', `${episode}/record?lang=${lang}`);
        expect(foreignIn(record), `${episode}/record`).toEqual([]);
      }
    });

    test(`${lang}: every prison finding and reprisal flag, and each stay’s timeline with its refused attempts, is in the reader’s language`, async () => {
      const list = await page('monitor', `/prison/findings?lang=${lang}`);
      expect(foreignIn(list)).toEqual([]);
      const stays = links(list, /href="(\/prison\/stays\/[a-z0-9]{26})"/g);
      expect(stays.length).toBeGreaterThan(3);
      for (const stay of stays)
        expect(foreignIn(await page('monitor', `${stay}?lang=${lang}`)), stay).toEqual([]);
      const flags = await page('monitor', `/reprisal-flags?lang=${lang}`);
      const table = /<table[\s\S]*?<\/table>/.exec(flags)?.[0] ?? '';
      expect(table).not.toBe('');
      expect(foreignIn(`<table class="table findings">${table}</table>`)).toEqual([]);
    });
  }

  test('a disciplinary decision national law refuses says why, with its numbers, in Kazakh', async () => {
    const governor = await session('governor');
    const roll = await page('governor', '/prison?lang=kk');
    const stay = links(roll, /href="(\/prison\/stays\/[a-z0-9]{26})"/g)[0];
    expect(stay).toBeDefined();
    const response = await app.inject({
      method: 'POST',
      url: `${stay}/discipline?lang=kk`,
      ...form({
        _csrf: governor.csrfToken,
        measure: 'punishment-block',
        days: '40',
        reason: 'тәртіп бұзу',
        action: 'decide',
      }),
      headers: { ...form({}).headers, cookie: governor.cookie },
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('<div class="error-summary"');
    expect(foreignIn(response.body)).toEqual([]);
  });
});
