import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import type { CaseView } from '../../src/app/cases.js';
import { main } from '../../src/cli/main.js';
import { exportBundle } from '../../src/store/export.js';
import { ENGINES } from '../support/engines.js';
import { startHarness, type Harness } from '../http/harness.js';

/*
 * "A case file's documents verify against the log after export" (issue 20, "How it will be
 * checked"; seed ¶7: electronic case files that cannot be tampered with). Documents are added to
 * case files through the real server on both engines, the log is exported as `habeas export
 * --payloads` writes it, and `habeas case verify-document FILE --bundle BUNDLE [--case NUMBER]`
 * finds the document's entry by the SHA-256 of the file's bytes: the same bytes are found, with
 * their case, kind, title, date and entry; one changed byte is not; a tampered bundle fails. The
 * command runs in-process through the same `main` that bin/habeas.js calls.
 */

const FIRST = '261500031000011';
const SECOND = '261500031000022';

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

/** A document as a case file keeps it: bytes of a PDF, with a little of everything in them. */
const pdf = (text: string) =>
  Buffer.concat([
    Buffer.from('%PDF-1.7\n'),
    Buffer.from(text, 'utf8'),
    Buffer.from([0, 255, 10, 13, 128]),
    Buffer.from('\n%%EOF\n'),
  ]);
const digestOf = (bytes: Buffer, mediaType = 'application/pdf') => ({
  sha256: createHash('sha256').update(bytes).digest('hex'),
  size: bytes.length,
  mediaType,
});

for (const engine of ENGINES) {
  describe(`habeas case verify-document (${engine})`, () => {
    let h: Harness;
    let dir: string;
    const bundles = { usual: '', bare: '' };
    const files = { decision: '', video: '', other: '' };
    const bytes = {
      decision: pdf('Постановление о прекращении уголовного дела № 261500031000011'),
      video: Buffer.concat([Buffer.from('\x00\x00\x00\x18ftypmp42'), Buffer.alloc(4096, 7)]),
      other: pdf('Заключение эксперта № 7'),
    };
    let decision: CaseView['documents'][number];
    let video: CaseView['documents'][number];
    let voidedSeq = 0;

    const write = async (name: string, value: string | Buffer) => {
      const path = join(dir, name);
      await writeFile(path, value);
      return path;
    };
    const post = async (url: string, payload: unknown, status = 200) => {
      const response = await h.app.inject({
        method: 'POST',
        url: `/api/v1${url}`,
        headers: h.bearer('procurator'),
        payload: payload as object,
      });
      expect(response.statusCode, response.body).toBe(status);
      return response.json() as CaseView;
    };
    const today = () => new Date().toISOString().slice(0, 10);

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'habeas-case-documents-'));
      h = await startHarness(engine);
      const open = (number: string) =>
        post(
          '/cases',
          {
            number,
            article: '146 ч. 1',
            openedOn: today(),
            investigatingBody: 'Прокуратура г. Астаны',
            region: 'KZ-71',
            exOfficioBasis: 'Рапорт об обнаружении признаков пытки',
          },
          201,
        );
      const first = await open(FIRST);
      const second = await open(SECOND);
      let view = await post(`/cases/${first.id}/documents`, {
        kind: 'decision',
        title: 'Постановление о прекращении уголовного дела',
        dated: today(),
        submittedBy: 'investigator',
        digest: digestOf(bytes.decision),
      });
      decision = view.documents.at(-1)!;
      view = await post(`/cases/${first.id}/documents`, {
        kind: 'interview-recording',
        title: 'Видеозапись допроса подозреваемого',
        dated: today(),
        submittedBy: 'investigator',
        digest: digestOf(bytes.video, 'video/mp4'),
      });
      video = view.documents.at(-1)!;
      // kz.torture.nullity: the decision is later declared void; the command says so.
      view = await post(`/cases/${first.id}/nullities`, {
        documentIds: [decision.documentId],
        basis: 'Установлено применение пыток',
        by: 'court',
        voidedOn: today(),
      });
      voidedSeq = view.nullities[0]!.seq;
      await post(`/cases/${second.id}/documents`, {
        kind: 'expert-report',
        title: 'Заключение эксперта № 7',
        dated: today(),
        submittedBy: 'expert',
        digest: digestOf(bytes.other),
      });

      for (const [name, payloads] of [
        ['usual', true],
        ['bare', false],
      ] as const) {
        const lines: string[] = [];
        await exportBundle(h.store, (line) => void lines.push(line), { payloads, witnessWaitMs: 0 });
        bundles[name] = await write(`${name}.jsonl`, lines.join('\n') + '\n');
      }
      files.decision = await write('decision.pdf', bytes.decision);
      files.video = await write('interview.mp4', bytes.video);
      files.other = await write('expert.pdf', bytes.other);
    });
    afterAll(async () => {
      await h?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });
    afterEach(() => {
      process.exitCode = undefined;
      vi.restoreAllMocks();
    });

    test('habeas export --payloads carries the case files’ payloads (they are not medical records)', async () => {
      const lines = (await readFile(bundles.usual, 'utf8'))
        .split('\n')
        .filter((line) => line.includes('"stream":"case/'))
        .map((line) => JSON.parse(line) as { entry: { type: string }; payload?: unknown });
      expect(lines.map((line) => line.entry.type)).toEqual([
        'case-opened',
        'case-opened',
        'document-added',
        'document-added',
        'decisions-voided',
        'document-added',
      ]);
      expect(lines.every((line) => line.payload !== undefined)).toBe(true);
    });

    test('a document of a case file is found in the verified log by its bytes: its case, kind, title, date and entry', async () => {
      const found = await habeas('case', 'verify-document', files.video, '--bundle', bundles.usual);
      expect(found, found.stderr).toMatchObject({ code: 0 });
      expect(found.stdout).toContain(
        `OK: ${files.video} (SHA-256 ${video.digest.sha256}, ${bytes.video.length} bytes)`,
      );
      expect(found.stdout).toContain(
        `case ${FIRST}: interview-recording "Видеозапись допроса подозреваемого", dated ${today()}, ` +
          `submitted by investigator (video/mp4), document ${video.documentId}, entry ${video.seq} of `,
      );
      const [entry] = await h.store.entries(video.seq, video.seq + 1);
      expect(entry).toMatchObject({ type: 'document-added', stream: expect.stringMatching(/^case\//) });
      expect(found.stdout).toContain(`entry ${video.seq} of ${entry?.at}`);
      expect(found.stdout).toContain('pass --log-key log.vkey');
      // With the log's key pinned, and in its case by number: the same.
      const pinned = await habeas(
        'case',
        'verify-document',
        files.video,
        '--bundle',
        bundles.usual,
        '--case',
        FIRST,
        '--log-key',
        join(h.dataDir, 'log.vkey'),
      );
      expect(pinned, pinned.stderr).toMatchObject({ code: 0 });
      expect(pinned.stdout).not.toContain('--log-key');
    });

    test('kz.torture.nullity: a document later declared void is found, and the entry that voided it is named', async () => {
      const found = await habeas('case', 'verify-document', files.decision, '--bundle', bundles.usual);
      expect(found, found.stderr).toMatchObject({ code: 0 });
      expect(found.stdout).toContain(`case ${FIRST}: decision "Постановление о прекращении уголовного дела"`);
      expect(found.stdout).toContain(`entry ${decision.seq} of`);
      expect(found.stdout).toContain(`declared void at entry ${voidedSeq}`);
    });

    test('--case: a document of another case is not found in this one, and the message says where it is', async () => {
      const elsewhere = await habeas(
        'case',
        'verify-document',
        files.other,
        '--bundle',
        bundles.usual,
        '--case',
        FIRST,
      );
      expect(elsewhere.code).toBe(1);
      expect(elsewhere.stderr).toContain(`FAILED (not-found): no document of case ${FIRST}`);
      expect(elsewhere.stderr).toContain(`it is a document of case ${SECOND}`);
      const found = await habeas(
        'case',
        'verify-document',
        files.other,
        '--bundle',
        bundles.usual,
        '--case',
        SECOND,
      );
      expect(found, found.stderr).toMatchObject({ code: 0 });
      const none = await habeas(
        'case',
        'verify-document',
        files.video,
        '--bundle',
        bundles.usual,
        '--case',
        '1',
      );
      expect(none.code).toBe(1);
      expect(none.stderr).toContain('the bundle holds no case numbered 1');
    });

    test('one changed byte of the document: no entry records it (exit 1)', async () => {
      const changed = Buffer.from(bytes.video);
      changed[100] = changed[100]! ^ 1;
      const result = await habeas(
        'case',
        'verify-document',
        await write('changed.mp4', changed),
        '--bundle',
        bundles.usual,
      );
      expect(result.code).toBe(1);
      expect(result.stdout).not.toContain('OK');
      expect(result.stderr).toContain('FAILED (not-found): no document of the case files');
    });

    test('a tampered bundle fails: a document’s title rewritten, or an entry moved in time (exit 1)', async () => {
      const text = await readFile(bundles.usual, 'utf8');
      const retitled = text.replace('Видеозапись допроса подозреваемого', 'Видеозапись допроса свидетеля');
      expect(retitled).not.toBe(text);
      const edited = await habeas(
        'case',
        'verify-document',
        files.video,
        '--bundle',
        await write('retitled.jsonl', retitled),
      );
      expect(edited.code).toBe(1);
      expect(edited.stdout).not.toContain('OK');
      expect(edited.stderr).toMatch(/^FAILED \(bundle\): .* does not verify: seq \d+: /);
      const lines = text.split('\n');
      const index = lines.findIndex((line) => line.includes(`"seq":${video.seq},`));
      const entry = JSON.parse(lines[index]!) as { entry: { at: string } };
      entry.entry.at = '2020-01-01T00:00:00.000Z';
      lines[index] = JSON.stringify(entry);
      const moved = await habeas(
        'case',
        'verify-document',
        files.video,
        '--bundle',
        await write('moved.jsonl', lines.join('\n')),
      );
      expect(moved.code).toBe(1);
      expect(moved.stderr).toContain('FAILED (bundle)');
    });

    test('a bundle without payloads cannot show a document, and says how to export one that can', async () => {
      const bare = await habeas('case', 'verify-document', files.video, '--bundle', bundles.bare);
      expect(bare.code).toBe(1);
      expect(bare.stderr).toContain('export it with `habeas export --payloads`');
    });

    test('bad usage: no such file, no --bundle (exit 2)', async () => {
      expect(
        (await habeas('case', 'verify-document', join(dir, 'missing.pdf'), '--bundle', bundles.usual)).code,
      ).toBe(2);
      expect((await habeas('case', 'verify-document', files.video)).code).toBe(2);
      expect(
        (await habeas('case', 'verify-document', files.video, '--bundle', join(dir, 'missing.jsonl'))).code,
      ).toBe(2);
    });
  });
}
