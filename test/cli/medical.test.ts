import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { JsonObject } from '../../src/ledger/json.js';
import {
  createClinicianKey,
  unlockClinicianKey,
  type ClinicianKey,
  type ClinicianKeyFile,
} from '../../src/medical/clinician-key.js';
import type { SignedReport } from '../../src/medical/signing.js';

/*
 * `habeas medical verify REPORT.json --key PUBKEY` (issue 19 item 4): offline, exit 0 when the
 * signed report holds, 1 when it does not (naming what failed), 2 on bad usage — as `habeas verify`.
 * Run in-process through the same `main` that bin/habeas.js calls.
 */

const KDF = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
let dir: string;
let stored: ClinicianKeyFile;
let clinician: ClinicianKey;
let other: ClinicianKey;
let first: SignedReport;
let second: SignedReport;

const report: JsonObject = {
  examination: 'exam-3',
  findings: [
    { type: 'bruise', site: 'left shoulder, posterior', sizeMm: [30, 20], consistency: 'consistent' },
  ],
  opinion: 'consistent',
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'habeas-medical-cli-'));
  stored = await createClinicianKey('ключ для подписи отчётов', { kdf: KDF });
  clinician = await unlockClinicianKey(stored, 'ключ для подписи отчётов');
  other = await unlockClinicianKey(
    await createClinicianKey('другой врач подписывает', { kdf: KDF }),
    'другой врач подписывает',
  );
  first = clinician.signReport(report);
  second = clinician.signReport({ ...report, treatment: 'analgesic' }, first);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

async function write(name: string, value: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return path;
}

async function habeas(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(parts.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void err.push(parts.join(' ')));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  process.exitCode = undefined;
  await main(['node', 'habeas', ...args]);
  const code = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  vi.restoreAllMocks();
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('habeas medical verify', () => {
  test('a signed report verifies against the key given as base64 or as a file: exit 0', async () => {
    const file = await write('report.json', first);
    const ok = await habeas('medical', 'verify', file, '--key', stored.publicKey);
    expect(ok, ok.stderr).toMatchObject({ code: 0 });
    expect(ok.stdout).toContain(
      `OK: version 1 of the report ${first.digest}, signed by clinician key ${stored.keyId}.`,
    );
    // The clinician's stored key (public part readable, private part wrapped) or a bare key file.
    const keyFile = await write('clinician-key.json', stored);
    expect(await habeas('medical', 'verify', file, '--key', keyFile)).toMatchObject({ code: 0 });
    const bare = await write('clinician.pub', `${stored.publicKey}\n`);
    expect(await habeas('medical', 'verify', file, '--key', bare)).toMatchObject({ code: 0 });
    // One of several trusted keys.
    const otherKey = Buffer.from(other.publicKey).toString('base64');
    expect(
      await habeas('medical', 'verify', file, '--key', otherKey, '--key', stored.publicKey),
    ).toMatchObject({
      code: 0,
    });
  });

  test('one finding changed, another key, or another signer: exit 1 naming what failed', async () => {
    const changed = JSON.parse(JSON.stringify(first)) as SignedReport;
    (changed.report.findings as JsonObject[])[0]!.site = 'left shoulder, anterior';
    const tampered = await habeas(
      'medical',
      'verify',
      await write('changed.json', changed),
      '--key',
      stored.publicKey,
    );
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toMatch(/FAILED \(digest-mismatch\): .*changed after signing/);

    const file = await write('report.json', first);
    const wrongKey = await habeas(
      'medical',
      'verify',
      file,
      '--key',
      Buffer.from(other.publicKey).toString('base64'),
    );
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toContain('FAILED (unknown-key)');

    const notJson = await habeas(
      'medical',
      'verify',
      await write('broken.json', '{"format":'),
      '--key',
      stored.publicKey,
    );
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toContain('is not JSON');

    const malformed = await habeas(
      'medical',
      'verify',
      await write('list.json', { report }),
      '--key',
      stored.publicKey,
    );
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain('FAILED (malformed)');
  });

  test('an array of versions is checked as a chain: the first must be there', async () => {
    const chain = await habeas(
      'medical',
      'verify',
      await write('chain.json', [first, second]),
      '--key',
      stored.publicKey,
    );
    expect(chain, chain.stderr).toMatchObject({ code: 0 });
    expect(chain.stdout).toContain(`OK: 2 versions signed by clinician key ${stored.keyId}, the first kept`);
    expect(chain.stdout).toContain(second.digest);

    const cut = await habeas(
      'medical',
      'verify',
      await write('cut.json', [second]),
      '--key',
      stored.publicKey,
    );
    expect(cut.code).toBe(1);
    expect(cut.stderr).toContain('FAILED (first-version-missing)');
  });

  test('bad usage: exit 2', async () => {
    const file = await write('report.json', first);
    expect((await habeas('medical', 'verify', file)).code).toBe(2); // no --key
    expect((await habeas('medical', 'verify', '--key', stored.publicKey)).code).toBe(2); // no report
    const missing = await habeas('medical', 'verify', join(dir, 'nowhere.json'), '--key', stored.publicKey);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
    const notAKey = await habeas('medical', 'verify', file, '--key', 'AAAA');
    expect(notAKey.code).toBe(2);
    expect(notAKey.stderr).toContain('--key AAAA');
    const help = await habeas('medical', 'verify', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--key <pubkey>');
  });
});
