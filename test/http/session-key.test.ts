import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chooseLanguage } from '../../src/http/auth.js';
import { loadSessionKey, SESSION_KEY_FILE } from '../../src/http/session-key.js';

describe('session key', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'habeas-key-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  test('is created on first start, readable by the owner only, and the same on the next start', async () => {
    const first = await loadSessionKey(dir);
    const mode = (await stat(join(dir, SESSION_KEY_FILE))).mode & 0o777;
    expect(mode).toBe(0o600);
    expect(Buffer.from(first, 'base64')).toHaveLength(32);
    expect(await loadSessionKey(dir)).toBe(first);
  });

  test('a key file too short to be a key is refused, not used', async () => {
    const other = await mkdtemp(join(tmpdir(), 'habeas-key-'));
    try {
      await writeFile(join(other, SESSION_KEY_FILE), 'short\n', { mode: 0o600 });
      await expect(loadSessionKey(other)).rejects.toThrow(/too short/);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});

describe('request language', () => {
  const request = (query: Record<string, string>, cookies: Record<string, string>, acceptLanguage?: string) =>
    ({
      query,
      cookies,
      headers: acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage },
    }) as unknown as FastifyRequest;

  test('?lang= first, then the lang cookie, then Accept-Language by weight; English otherwise', () => {
    expect(chooseLanguage(request({ lang: 'kk' }, { lang: 'ru' }, 'en'))).toBe('kk');
    expect(chooseLanguage(request({ lang: 'de' }, { lang: 'ru' }, 'en'))).toBe('ru');
    expect(chooseLanguage(request({}, {}, 'de-DE, ru;q=0.4, kk-KZ;q=0.8'))).toBe('kk');
    expect(chooseLanguage(request({}, {}, 'ru;q=0, en;q=0.1'))).toBe('en');
    expect(chooseLanguage(request({}, {}, 'fr, de'))).toBe('en');
    expect(chooseLanguage(request({}, {}))).toBe('en');
  });
});
