import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { createPerson } from '../../src/app/registry.js';
import { main } from '../../src/cli/main.js';
import type { ReportExport } from '../../src/medical/in-log.js';
import { exportBundle } from '../../src/store/export.js';
import { ENGINES } from '../support/engines.js';
import { startHarness, type Harness } from '../http/harness.js';

/*
 * `habeas medical verify REPORT.json --bundle BUNDLE` (issue 19 item 4: "checks a report offline
 * against the clinician's public key and the log"): the export of GET …/reports/{id}/signed,
 * checked against a bundle of `habeas export` — the bundle verified as `habeas verify` does, the
 * report's entry found at its seq with the digest of the report and its salt, the signer the key
 * the log registered for the clinician. Reports come from a real server on both engines; the
 * command runs in-process through the same `main` that bin/habeas.js calls.
 */

const START = Date.parse('2026-05-04T06:00:00.000Z');
const HOUR = 3_600_000;
const KDF = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
const PASSPHRASE = 'жёлтый воздушный змей над степью';

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

for (const engine of ENGINES) {
  describe(`habeas medical verify --bundle (${engine})`, () => {
    let h: Harness;
    let dir: string;
    const now = START;
    let first: ReportExport;
    let second: ReportExport;
    let publicKey: string;
    let accountId: string;
    /** Bundles: every payload but the medical records' (the usual export), none, and everything. */
    const bundles = { usual: '', bare: '', whole: '' };
    const iso = (ms: number = now) => new Date(ms).toISOString();

    const write = async (name: string, value: unknown) => {
      const path = join(dir, name);
      await writeFile(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
      return path;
    };
    const post = (url: string, payload: unknown) =>
      h.app.inject({ method: 'POST', url, headers: h.bearer('medical'), payload: payload as object });

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'habeas-medical-bundle-'));
      h = await startHarness(engine, { clock: () => new Date(now), clinicianKdf: KDF });
      const personId = (
        await createPerson(
          h.store,
          {
            familyName: 'Омаров',
            givenNames: 'Данияр',
            birthDate: '1987-09-12',
            sex: 'male',
            facilityId: h.facilities.astana,
          },
          'test',
        )
      ).id;
      const arrest = await h.app.inject({
        method: 'POST',
        url: '/api/v1/custody',
        headers: h.bearer('custody-officer'),
        payload: {
          personId,
          facilityId: h.facilities.astana,
          apprehendedAt: iso(now - 2 * HOUR),
          place: 'ул. Сарыарка 5, Астана',
          grounds: 'ст. 188 УК РК, кража',
          arrestingOfficer: 'капитан Сейтов Е.',
        },
      });
      expect(arrest.statusCode, arrest.body).toBe(201);
      const key = await post('/api/v1/medical/key', { passphrase: PASSPHRASE });
      expect(key.statusCode, key.body).toBe(201);
      publicKey = (key.json() as { publicKey: string }).publicKey;
      const examined = await post(`/api/v1/medical/people/${personId}/examinations`, {
        examination: 'on-arrest',
        episode: { context: 'custody', id: (arrest.json() as { id: string }).id },
        at: iso(now - HOUR),
        place: 'ИВС г. Астаны, медицинский кабинет',
        injuriesNoted: true,
        notes: 'Кровоподтёк на левом плече.',
      });
      expect(examined.statusCode, examined.body).toBe(201);
      const report = {
        examinationId: (examined.json() as { examinationId: string }).examinationId,
        consent: { examination: 'given', photographs: 'refused', sharingWithProcurator: 'given' },
        circumstances: { description: 'Осмотр без конвоя.' },
        account: { text: 'Ударили при задержании.', language: 'ru', attributedTo: 'officials' },
        physicalFindings: [
          {
            type: 'bruise',
            site: { view: 'front', region: 'shoulder-left' },
            size: { lengthMm: 40, widthMm: 25 },
            shape: 'oval',
            colour: 'blue-purple',
            estimatedAge: '1 day',
            photographs: [],
            consistency: 'consistent',
          },
        ],
        psychologicalFindings: { text: 'Спокоен.', consistency: 'not-consistent' },
        opinion: { overall: 'consistent' },
        treatment: { given: 'Не требуется.' },
      };
      const finished = await post(`/api/v1/medical/people/${personId}/reports`, report);
      expect(finished.statusCode, finished.body).toBe(201);
      const { reportId } = finished.json() as { reportId: string };
      const amended = await post(`/api/v1/medical/people/${personId}/reports/${reportId}/amendments`, {
        ...report,
        examinationId: undefined,
        amends: 1,
        reason: 'Размер уточнён по линейке.',
      });
      expect(amended.statusCode, amended.body).toBe(201);
      const signed = async (version: number) => {
        const response = await h.app.inject({
          url: `/api/v1/medical/people/${personId}/reports/${reportId}/signed?version=${version}`,
          headers: h.bearer('medical'),
        });
        expect(response.statusCode, response.body).toBe(200);
        return response.json() as ReportExport;
      };
      first = await signed(1);
      second = await signed(2);
      accountId = (first.signed.report.clinician as { accountId: string }).accountId;

      for (const [name, options] of [
        ['usual', { payloads: true }],
        ['bare', { payloads: false }],
        ['whole', { payloads: true, medicalPayloads: true }],
      ] as const) {
        const lines: string[] = [];
        await exportBundle(h.store, (line) => void lines.push(line), { ...options, witnessWaitMs: 0 });
        bundles[name] = await write(`${name}.jsonl`, lines.join('\n') + '\n');
      }
    });
    afterAll(async () => {
      await h?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });
    afterEach(() => {
      process.exitCode = undefined;
      vi.restoreAllMocks();
    });

    test('intl.medical.report: the exported report is in the usual bundle, signed by the key the log registered for its clinician', async () => {
      const file = await write('report.json', first);
      const ok = await habeas('medical', 'verify', file, '--bundle', bundles.usual);
      expect(ok, ok.stderr).toMatchObject({ code: 0 });
      expect(ok.stdout).toContain(`OK: version 1 of the report ${first.signed.digest}`);
      expect(ok.stdout).toContain(`at entry ${first.log.seq}`);
      expect(ok.stdout).toContain(
        `the signer is the key the log registered for clinician account ${accountId}`,
      );
      // The reviewer's own key as well: both must agree.
      const pinned = await habeas('medical', 'verify', file, '--bundle', bundles.usual, '--key', publicKey);
      expect(pinned, pinned.stderr).toMatchObject({ code: 0 });
      // The forensic reviewer's bundle with the clinical payloads verifies the same.
      expect(await habeas('medical', 'verify', file, '--bundle', bundles.whole)).toMatchObject({ code: 0 });
    });

    test('a bundle without payloads still holds the report; whose key it is could not be checked, and it says so', async () => {
      const file = await write('report.json', first);
      const ok = await habeas('medical', 'verify', file, '--bundle', bundles.bare);
      expect(ok, ok.stderr).toMatchObject({ code: 0 });
      expect(ok.stdout).toContain(`at entry ${first.log.seq}`);
      expect(ok.stdout).toMatch(
        /Note: not checked whether the signer is the clinician's registered key: .*without its payload/,
      );
      expect(ok.stdout).toContain('no trusted key');
      const pinned = await habeas('medical', 'verify', file, '--bundle', bundles.bare, '--key', publicKey);
      expect(pinned.code).toBe(0);
      expect(pinned.stdout).not.toContain('no trusted key');
    });

    test('intl.medical.report: an amendment chain is checked in the log version by version, the first kept', async () => {
      const chain = await habeas(
        'medical',
        'verify',
        await write('chain.json', [first, second]),
        '--bundle',
        bundles.usual,
      );
      expect(chain, chain.stderr).toMatchObject({ code: 0 });
      expect(chain.stdout).toContain('OK: 2 versions signed by clinician key');
      expect(chain.stdout).toContain(`at entry ${first.log.seq}, ${second.log.seq}`);
      const cut = await habeas(
        'medical',
        'verify',
        await write('cut.json', [second]),
        '--bundle',
        bundles.usual,
      );
      expect(cut.code).toBe(1);
      expect(cut.stderr).toContain('FAILED (first-version-missing)');
    });

    test('a changed finding, another entry, another salt or another key: exit 1 naming what failed', async () => {
      const changed = structuredClone(first);
      (
        (changed.signed.report.content as { physicalFindings: { colour: string }[] }).physicalFindings[0] as {
          colour: string;
        }
      ).colour = 'yellow';
      const tampered = await habeas(
        'medical',
        'verify',
        await write('changed.json', changed),
        '--bundle',
        bundles.usual,
      );
      expect(tampered.code).toBe(1);
      expect(tampered.stderr).toContain('FAILED (digest-mismatch)');

      const elsewhere = await habeas(
        'medical',
        'verify',
        await write('elsewhere.json', { ...first, log: { ...first.log, seq: 0 } }),
        '--bundle',
        bundles.usual,
      );
      expect(elsewhere.code).toBe(1);
      expect(elsewhere.stderr).toContain('FAILED (other-entry): entry 0 is of stream');

      const salted = await habeas(
        'medical',
        'verify',
        await write('salted.json', { ...first, log: { ...first.log, seq: second.log.seq } }),
        '--bundle',
        bundles.usual,
      );
      expect(salted.code).toBe(1);
      expect(salted.stderr).toContain('FAILED (entry-digest-mismatch)');

      const beyond = await habeas(
        'medical',
        'verify',
        await write('beyond.json', { ...first, log: { ...first.log, seq: 1_000_000 } }),
        '--bundle',
        bundles.usual,
      );
      expect(beyond.code).toBe(1);
      expect(beyond.stderr).toContain('FAILED (not-in-log)');

      const otherKey = await habeas(
        'medical',
        'verify',
        await write('report.json', first),
        '--bundle',
        bundles.usual,
        '--key',
        Buffer.alloc(32, 9).toString('base64'),
      );
      expect(otherKey.code).toBe(1);
      expect(otherKey.stderr).toContain('FAILED (unknown-key)');
    });

    test('a bundle that does not verify fails the report with it, naming the bundle’s problem', async () => {
      const kept = (await readFile(bundles.usual, 'utf8')).trimEnd().split('\n');
      kept.splice(2, 1); // entry 1 deleted
      const broken = await write('broken.jsonl', kept.join('\n') + '\n');
      const result = await habeas('medical', 'verify', await write('report.json', first), '--bundle', broken);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/FAILED \(bundle\): seq 1: entry 1 is missing/);
    });

    test('bad usage: exit 2', async () => {
      const file = await write('report.json', first);
      // Neither a key nor a bundle.
      expect((await habeas('medical', 'verify', file)).code).toBe(2);
      // A bare envelope does not say where its entry is.
      const bare = await habeas(
        'medical',
        'verify',
        await write('bare.json', first.signed),
        '--bundle',
        bundles.usual,
      );
      expect(bare.code).toBe(2);
      expect(bare.stderr).toContain('without its place in the log');
      const missing = await habeas('medical', 'verify', file, '--bundle', join(dir, 'nowhere.jsonl'));
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('no such file');
      const notALogKey = await habeas(
        'medical',
        'verify',
        file,
        '--bundle',
        bundles.usual,
        '--log-key',
        'nonsense',
      );
      expect(notALogKey.code).toBe(2);
      // The bare envelope with the clinician's key alone still verifies, as before.
      expect(
        await habeas('medical', 'verify', await write('bare.json', first.signed), '--key', publicKey),
      ).toMatchObject({
        code: 0,
      });
    });
  });
}
