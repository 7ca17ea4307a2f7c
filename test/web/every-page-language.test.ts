import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { login } from '../../src/app/sessions.js';
import {
  DEMO_PASSWORD,
  DEMO_PROCURATOR_PASSPHRASE,
  DEMO_SEALING_PASSPHRASE,
  seedDemo,
} from '../../src/demo/seed.js';
import { buildApp } from '../../src/http/app.js';
import { SESSION_COOKIE } from '../../src/http/session-cookie.js';
import { DEFAULT_CUSTODY_RULES } from '../../src/rules/custody-rules.js';
import { initSealing } from '../../src/sealing/keystore.js';
import { allProjections } from '../../src/store/projections/index.js';
import type { Lang } from '../../src/web/i18n.js';
import { freshStore, type FreshStore } from '../support/engines.js';

/*
 * Issue 18, "How it will be checked": the Kazakh and Russian pages of every role show no English
 * and no raw UTC time. Every demonstration account signs in and follows the links of its pages
 * (breadth first, from the home page, up to a bound per role) in each language; what a person sees
 * or hears on each page — its text, and the labels, placeholders and titles of its controls — is
 * read for Latin words and ISO instants. What is not language is set aside first: code (rule ids,
 * digests), the language switch's own names, complaint receipts, codes (countries, regions,
 * cameras), the server's commands quoted in hints, what the register holds as written (people's
 * names from their passports, usernames), and the few Latin words that are names in every
 * language (Habeas, CSV, PIN, RFC, API, cookie).
 */

/** Names, not English: the product, standards, formats and abbreviations every language writes in Latin. */
const NOT_ENGLISH = new Set([
  'habeas',
  'csv',
  'pin',
  'utc',
  'json',
  'api',
  'rfc',
  'c2sp',
  'ed25519',
  'sha-256',
  'http',
  'cookie',
  // The paper size of the print view.
  'a4',
  'qwerty',
  // Examples of language codes in a hint ("az, tr").
  'az',
  'tr',
  // Picture formats, named so in every language (the injury report's photographs).
  'jpeg',
  'png',
  'webp',
]);

/** Written as the register holds it: people's names and usernames, set aside by the test. */
const asWritten: string[] = [];

/** The most pages read per role and language: every page kind the role reaches, not every record. */
const PAGES_PER_ROLE = 80;
/** How many links to records of the same kind (the same path once ids are taken out) are followed. */
const SAME_KIND = 2;

const ROLES = [
  'custody',
  'prison',
  'governor',
  'medical',
  'complaints',
  'procurator',
  'judge',
  'monitor',
  'statistician',
  'admin',
] as const;

let fresh: FreshStore;
let app: FastifyInstance;
const now = new Date();

beforeAll(async () => {
  fresh = await freshStore('sqlite', { projections: allProjections });
  const kdf = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
  await initSealing(fresh.dataDir, DEMO_SEALING_PASSPHRASE, { kdf });
  await initSealing(fresh.dataDir, DEMO_PROCURATOR_PASSPHRASE, { kdf, recipient: 'procurator' });
  await seedDemo(fresh.store, () => now, DEFAULT_CUSTODY_RULES, { dataDir: fresh.dataDir });
  const people = await fresh.store.db.selectFrom('people').select(['family_name', 'given_names']).execute();
  const accounts = await fresh.store.db.selectFrom('accounts').select(['username']).execute();
  asWritten.push(
    ...people.flatMap((person) => [
      `${person.family_name} ${person.given_names}`,
      person.family_name,
      person.given_names,
    ]),
    ...accounts.flatMap((account) => (account.username === null ? [] : [account.username])),
  );
  // The longest first, so that a name is not cut by a shorter one inside it.
  asWritten.sort((a, b) => b.length - a.length);
  app = await buildApp({
    store: fresh.store,
    dataDir: fresh.dataDir,
    clock: () => now,
    logger: false,
    scheduler: false,
    rateLimit: { max: 1_000_000, timeWindowMs: 60_000 },
    loginRateLimit: { max: 1_000_000, timeWindowMs: 60_000 },
  });
}, 180_000);
afterAll(async () => {
  await app?.close();
  await fresh?.cleanup();
});

async function cookieOf(username: string): Promise<string> {
  const result = await login(fresh.store, { username, password: DEMO_PASSWORD, ip: '127.0.0.1' });
  if (!result) throw new Error(`no demo account ${username}`);
  return `${SESSION_COOKIE}=${app.signCookie(result.sessionId)}`;
}

const decode = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&amp;/g, '&');

/** What a person sees or hears on the page, with what is not language taken out. */
export function shownText(html: string): string {
  const body = html
    .replace(/<script\b[\s\S]*?<\/script>/g, ' ')
    .replace(/<style\b[\s\S]*?<\/style>/g, ' ')
    .replace(/<code\b[^>]*>[\s\S]*?<\/code>/g, ' ')
    .replace(/<pre class="code-block[^"]*"[^>]*>[\s\S]*?<\/pre>/g, ' ')
    .replace(/<kbd\b[^>]*>[\s\S]*?<\/kbd>/g, ' ')
    // The language switch names each language in itself: "English" is English's own name.
    .replace(/<nav class="lang"[\s\S]*?<\/nav>/g, ' ');
  const spoken = [...body.matchAll(/\s(?:aria-label|placeholder|title|alt)="([^"]*)"/g)].map(
    (match) => match[1],
  );
  const text = body.replace(/<[^>]+>/g, ' ');
  let shown = decode([text, ...spoken].join(' '));
  for (const written of asWritten) shown = shown.split(written).join(' ');
  return (
    shown
      .replace(/\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b/g, ' ')
      .replace(/\b[0-9a-f]{16,}\b/g, ' ')
      // Record ids (an example in a hint, 26 characters of Crockford's base32).
      .replace(/\b[0-9a-z]{26}\b/g, ' ')
      .replace(/\bhabeas (?:user|token) create(?: --role \w+)?/g, ' ')
      .replace(/\bhbs_\w*/g, ' ')
      .replace(/\b(?:KZ|CAM)-[0-9A-Z]*/g, ' ')
      .replace(/\bUTC[+−-]/g, ' ')
      .replace(/\b[A-Z]{2}\b/g, ' ')
  );
}

/** Latin words and raw UTC instants in what a page shows. */
export function englishIn(html: string): string[] {
  const shown = shownText(html);
  const instants = [...shown.matchAll(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}[\d:.]*Z?/g)].map((match) => match[0]);
  const text = shown.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}[\d:.]*Z?/g, ' ');
  const words = [...text.matchAll(/[A-Za-z][A-Za-z0-9'’-]*/g)]
    .map((match) => match[0].replace(/[-'’]+$/, ''))
    .filter((word) => word.length > 1 && !NOT_ENGLISH.has(word.toLowerCase()));
  return [...new Set([...words, ...instants])];
}

/** The page's same-site links a person follows: pages, not downloads, actions or the API. */
function linksOf(html: string): string[] {
  return [...html.matchAll(/<a\b[^>]*\shref="([^"]+)"/g)]
    .map((match) => decode(match[1] ?? ''))
    .filter(
      (href) =>
        href.startsWith('/') &&
        !href.startsWith('//') &&
        !/^\/(api|assets|public|verifier|kiosk\/app|logout|healthz|readyz)\b/.test(href) &&
        !/[?&](format=csv|print=1|lang=)/.test(href) &&
        !/\.(png|js|css|mjs|json|txt|pdf)(\?|$)/.test(href),
    )
    .map((href) => href.split('#')[0] ?? href);
}

/** A link's kind: its path with record ids and references taken out. */
const kindOf = (href: string): string =>
  (href.split('?')[0] ?? href)
    .replace(/[0-9a-z]{26}/g, ':id')
    .replace(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/g, ':ref');

describe('issue 18: the Kazakh and Russian pages of every role', () => {
  for (const lang of ['kk', 'ru'] as const satisfies readonly Lang[]) {
    for (const role of ROLES) {
      test(`${lang}, ${role}: every page the role reaches shows no English word and no raw UTC time`, async () => {
        const cookie = await cookieOf(role);
        const seen = new Set<string>();
        const kinds = new Map<string, number>();
        const queue = ['/'];
        const found: Record<string, string[]> = {};
        let read = 0;
        while (queue.length > 0 && read < PAGES_PER_ROLE) {
          const href = queue.shift() as string;
          if (seen.has(href)) continue;
          seen.add(href);
          const url = `${href}${href.includes('?') ? '&' : '?'}lang=${lang}`;
          const response = await app.inject({ url, headers: { cookie } });
          if (response.statusCode >= 300 && response.statusCode < 400) continue;
          expect(response.statusCode, `${role} ${url}`).toBeLessThan(500);
          if (!String(response.headers['content-type']).startsWith('text/html')) continue;
          read += 1;
          expect(response.body, url).toContain(`<html lang="${lang}"`);
          const english = englishIn(response.body);
          if (english.length > 0) found[kindOf(href)] = english;
          for (const link of linksOf(response.body)) {
            if (seen.has(link)) continue;
            const kind = kindOf(link);
            const count = kinds.get(kind) ?? 0;
            if (count >= SAME_KIND) continue;
            kinds.set(kind, count + 1);
            queue.push(link);
          }
        }
        expect(read, `${role} read no pages`).toBeGreaterThan(3);
        if (process.env.SHOW_FOUND)
          console.log(`FOUND ${lang} ${role} ${read} pages ${JSON.stringify(found)}`);
        expect(found).toEqual({});
      }, 120_000);
    }
  }

  test('the reader sees through the checker: English on a Russian page, and a raw UTC time, are found', () => {
    expect(englishIn('<html lang="ru"><p>Задержан at the station</p></html>')).toEqual([
      'at',
      'the',
      'station',
    ]);
    expect(englishIn('<p>Время: 2026-12-06T07:25:00.000Z</p>')).toEqual(['2026-12-06T07:25:00.000Z']);
    expect(englishIn('<label aria-label="Search">Поиск</label>')).toEqual(['Search']);
    expect(englishIn('<p>Правило <code>kz.custody.limit</code>, Habeas, CSV</p>')).toEqual([]);
  });
});
