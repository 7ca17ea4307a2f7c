import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MESSAGES } from '../../src/web/i18n.js';
import { VERIFIER_FILE } from '../../src/web/verifier-file.js';
import { startHarness, type Harness } from '../http/harness.js';

/*
 * Issue 18 item 8: the public log page offers the stand-alone verifier (built by `npm run build`
 * into dist/habeas-verify.mjs) with its SHA-256, and the download is exactly that file.
 */

let h: Harness;
beforeAll(async () => {
  h = await startHarness('sqlite');
});
afterAll(async () => h?.close());

describe('the stand-alone verifier on the log page', () => {
  test('the page shows its link and SHA-256; the download is the built file with that digest', async () => {
    const built = await readFile(VERIFIER_FILE);
    const digest = createHash('sha256').update(built).digest('hex');
    const page = await h.app.inject({ url: '/log?lang=kk' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/verifier/habeas-verify.mjs"');
    expect(page.body).toContain(digest);
    // The sentence, with the runtime's name set as code.
    expect(page.body).toContain(MESSAGES.kk['log.audit.verifier'].replace('Node.js', '<code>Node.js</code>'));
    const download = await h.app.inject({ url: '/verifier/habeas-verify.mjs' });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toBe('attachment; filename="habeas-verify.mjs"');
    expect(createHash('sha256').update(download.rawPayload).digest('hex')).toBe(digest);
    expect(download.headers['x-content-sha256']).toBe(digest);
  });
});
