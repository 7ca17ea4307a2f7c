import canonicalizeModule from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  BUNDLE_FORMAT,
  checkpointLine,
  entryLine,
  headerLine,
  verifyBundle,
  type BundleReport,
  type VerifyBundleOptions,
} from '../../src/ledger/bundle.js';
import { formatCheckpoint, signCheckpoint } from '../../src/ledger/checkpoint.js';
import { cosign, generateWitnessKey } from '../../src/ledger/cosignature.js';
import { EntryError, entryLeafHash, newSalt, payloadDigest, type Entry } from '../../src/ledger/entry.js';
import { toBase64 } from '../../src/ledger/hash.js';
import type { JsonValue } from '../../src/ledger/json.js';
import { NoteError, generateKey, signerFromKey } from '../../src/ledger/note.js';
import { rootFromLeafHashes } from '../../src/ledger/tree.js';
import { leafOf, mth } from './oracle.js';

const canonicalize = canonicalizeModule as unknown as (value: unknown) => string;

const ORIGIN = 'habeas.example/log';
const log = generateKey(ORIGIN);
const witness = generateWitnessKey('monitor.example/w1');
const SIZE = 300;

/**
 * Entry k has its payload when k % 3 === 0, is erased when k % 3 === 1, and is bare otherwise; a
 * bare entry records the erasure of the one before it (stream erasure/<k−1>), as every erasure must.
 */
function makeBundle(size = SIZE): { lines: string[]; entries: Entry[]; root: Uint8Array } {
  const lines = [headerLine(ORIGIN, log.verifierKey)];
  const entries: Entry[] = [];
  for (let seq = 0; seq < size; seq++) {
    const payload: JsonValue = {
      familyName: 'Иванов',
      givenNames: 'Асқар',
      n: seq,
      note: 'line\nbreak "quoted"',
    };
    const salt = newSalt();
    const erasureRecord = seq % 3 === 2;
    const entry: Entry = {
      seq,
      at: new Date(Date.UTC(2026, 10, 27, 21, 8, 15, 123) + seq * 1000).toISOString(),
      stream: erasureRecord ? `erasure/${seq - 1}` : `custody/c${seq % 7}`,
      version: erasureRecord ? 0 : Math.floor(seq / 7),
      type: erasureRecord ? 'payload-erased' : 'custody-event',
      actor: 'acct_officer',
      digest: payloadDigest(salt, payload),
    };
    entries.push(entry);
    lines.push(
      seq % 3 === 0
        ? entryLine(entry, { payload, salt })
        : seq % 3 === 1
          ? entryLine(entry, { erased: true })
          : entryLine(entry),
    );
  }
  const root = rootFromLeafHashes(entries.map(entryLeafHash));
  const checkpoint = { origin: ORIGIN, size, root, extensions: [] };
  const note = signCheckpoint(checkpoint, signerFromKey(log.signerKey));
  lines.push(checkpointLine(note, [cosign(formatCheckpoint(checkpoint), witness.signerKey, 1_780_000_000)]));
  return { lines, entries, root };
}

const bundle = makeBundle();
const lineOf = (seq: number): number => seq + 2; // 1-based: the header is line 1
const options = { key: log.verifierKey, witnessKeys: [witness.verifierKey] };
const verify = (lines: string[], opts: VerifyBundleOptions = options): Promise<BundleReport> =>
  verifyBundle(lines, opts);
const failure = (report: BundleReport) => {
  expect(report.ok).toBe(false);
  return report as Extract<BundleReport, { ok: false }>;
};
const withLine = (lines: string[], index: number, line: string): string[] =>
  lines.map((l, i) => (i === index ? line : l));

describe('a good bundle', () => {
  test('verifies: size, root, payload digests and the witness’s cosignature', async () => {
    const report = await verify(bundle.lines);
    expect(report).toEqual({
      ok: true,
      origin: ORIGIN,
      size: SIZE,
      root: toBase64(bundle.root),
      digestsChecked: 100,
      cosignatures: 1,
    });
  });

  test('is verifiable without Habeas: MTH over the canonicalize bytes of each entry is the signed root', () => {
    const leaves = bundle.lines
      .slice(1, -1)
      .map((l) => leafOf(Buffer.from(canonicalize((JSON.parse(l) as { entry: unknown }).entry))));
    expect(toBase64(mth(leaves))).toBe(toBase64(bundle.root));
  });

  test('reads async line streams, whole text, trailing empty lines, and reports progress', async () => {
    async function* stream() {
      for (const l of bundle.lines) yield l;
      yield '';
      yield '';
    }
    const seen: number[] = [];
    const report = await verifyBundle(stream(), { ...options, onProgress: (n) => seen.push(n) });
    expect(report.ok).toBe(true);
    expect(seen.at(-1)).toBe(SIZE);
    expect((await verifyBundle(`${bundle.lines.join('\n')}\n`, options)).ok).toBe(true);
  });

  test('without a trusted key it checks against the header’s key; the empty log verifies too', async () => {
    expect((await verifyBundle(bundle.lines)).ok).toBe(true);
    const empty = makeBundle(0);
    expect(await verify(empty.lines)).toMatchObject({ ok: true, size: 0, digestsChecked: 0 });
  });

  test('bad usage (a malformed trusted or witness key) throws instead of blaming the bundle', async () => {
    await expect(verifyBundle(bundle.lines, { key: 'not a key' })).rejects.toThrow(NoteError);
    await expect(verifyBundle(bundle.lines, { witnessKeys: [log.verifierKey] })).rejects.toThrow(NoteError);
    expect(() => entryLine({ ...(bundle.entries[0] as Entry), seq: -1 })).toThrow(EntryError);
  });
});

describe('tampering is detected, naming the first bad seq or line', () => {
  test('any one character changed in any entry line makes the bundle fail', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: SIZE - 1 }),
        fc.nat(),
        fc.integer({ min: 0x20, max: 0x7e }),
        async (seq, at, code) => {
          const line = bundle.lines[lineOf(seq) - 1] as string;
          const pos = at % line.length;
          const replacement = String.fromCharCode(code);
          fc.pre(line[pos] !== replacement);
          const changed = line.slice(0, pos) + replacement + line.slice(pos + 1);
          const report = failure(await verify(withLine(bundle.lines, lineOf(seq) - 1, changed)));
          // Wherever it is reported, it is never after the entry that was changed.
          if (report.seq !== undefined) expect(report.seq).toBeLessThanOrEqual(seq);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a changed payload names its seq', async () => {
    const i = lineOf(18) - 1;
    const report = failure(
      await verify(withLine(bundle.lines, i, (bundle.lines[i] as string).replace('"n":18', '"n":19'))),
    );
    expect(report).toMatchObject({
      seq: 18,
      line: lineOf(18),
      problem: 'the payload does not match the digest in its entry',
    });
  });

  test('a changed entry field changes only the root: the report says so, with no seq', async () => {
    const i = lineOf(19) - 1;
    const report = failure(
      await verify(
        withLine(bundle.lines, i, (bundle.lines[i] as string).replace('custody/c5', 'custody/c6')),
      ),
    );
    expect(report.seq).toBeUndefined();
    expect(report.problem).toBe(`root over ${SIZE} entries does not match the checkpoint`);
  });

  test('a malformed entry names its seq and what is wrong', async () => {
    const i = lineOf(17) - 1;
    const report = failure(
      await verify(withLine(bundle.lines, i, (bundle.lines[i] as string).replace('.123Z', '.123+01:00'))),
    );
    expect(report).toMatchObject({ seq: 17, line: lineOf(17) });
    expect(report.problem).toMatch(/^invalid entry: at must be/);
    const broken = failure(await verify(withLine(bundle.lines, i, (bundle.lines[i] as string).slice(0, -1))));
    expect(broken).toEqual({ ok: false, line: lineOf(17), problem: 'not valid JSON' });
  });

  test('a deleted line: the first missing seq', async () => {
    const lines = bundle.lines.filter((_, i) => i !== lineOf(17) - 1);
    expect(failure(await verify(lines))).toMatchObject({
      seq: 17,
      problem: 'entry 17 is missing: entry 18 is in its place (deleted or out of order)',
    });
  });

  test('a duplicated line: the repeated seq', async () => {
    const lines = [
      ...bundle.lines.slice(0, lineOf(17)),
      bundle.lines[lineOf(17) - 1] as string,
      ...bundle.lines.slice(lineOf(17)),
    ];
    expect(failure(await verify(lines))).toMatchObject({ seq: 17, line: lineOf(18) });
  });

  test('two swapped lines: the first seq out of place', async () => {
    const lines = [...bundle.lines];
    [lines[lineOf(40) - 1], lines[lineOf(41) - 1]] = [
      lines[lineOf(41) - 1] as string,
      lines[lineOf(40) - 1] as string,
    ];
    expect(failure(await verify(lines))).toMatchObject({ seq: 40, line: lineOf(40) });
  });

  test('the last entry dropped: the checkpoint covers more than the bundle holds', async () => {
    const lines = bundle.lines.filter((_, i) => i !== lineOf(SIZE - 1) - 1);
    expect(failure(await verify(lines))).toMatchObject({
      seq: SIZE - 1,
      problem: `the checkpoint covers ${SIZE} entries but the bundle has ${SIZE - 1}: entry ${SIZE - 1} onward is missing`,
    });
  });

  test('an extra entry beyond the checkpoint is named', async () => {
    const extra = makeBundle(SIZE + 1).lines[lineOf(SIZE) - 1] as string;
    const lines = [...bundle.lines.slice(0, -1), extra, bundle.lines.at(-1) as string];
    expect(failure(await verify(lines))).toMatchObject({ seq: SIZE });
  });

  test('a truncated bundle (no checkpoint line) fails', async () => {
    expect(failure(await verify(bundle.lines.slice(0, -1))).problem).toMatch(/without its checkpoint line/);
    expect(failure(await verify([])).problem).toMatch(/empty/);
  });

  describe('an altered checkpoint', () => {
    const last = bundle.lines.at(-1) as string;
    const parsed = JSON.parse(last) as { checkpoint: string; cosignatures: string[] };
    const alter = (note: string, cosignatures = parsed.cosignatures) =>
      verify([...bundle.lines.slice(0, -1), JSON.stringify({ checkpoint: note, cosignatures })]);

    test.each([
      ['its size', parsed.checkpoint.replace(`\n${SIZE}\n`, `\n${SIZE - 1}\n`)],
      ['its root', parsed.checkpoint.replace(toBase64(bundle.root), toBase64(rootFromLeafHashes([])))],
      ['its origin', parsed.checkpoint.replace(`${ORIGIN}\n`, 'habeas.example/other\n')],
      [
        'its signature',
        parsed.checkpoint.replace(
          / (\S)(\S+)\n$/,
          (_m, c: string, rest: string) => ` ${c === 'A' ? 'B' : 'A'}${rest}\n`,
        ),
      ],
    ])('%s: the signature no longer verifies', async (_what, note) => {
      const report = failure(await alter(note));
      expect(report.line).toBe(bundle.lines.length);
      expect(report.problem).toMatch(/^the checkpoint's signature does not verify with the log's key/);
    });

    test('a checkpoint re-signed by another key fails against the trusted key', async () => {
      const mallory = generateKey(ORIGIN);
      const resigned = signCheckpoint(
        { origin: ORIGIN, size: SIZE, root: bundle.root, extensions: [] },
        signerFromKey(mallory.signerKey),
      );
      expect(failure(await alter(resigned)).problem).toMatch(/signature does not verify/);
      // …and swapping the header's key too is caught at line 1 when the auditor pins the key.
      const lines = [
        headerLine(ORIGIN, mallory.verifierKey),
        ...bundle.lines.slice(1, -1),
        checkpointLine(resigned, []),
      ];
      expect(failure(await verifyBundle(lines, { key: log.verifierKey }))).toMatchObject({ line: 1 });
      expect((await verifyBundle(lines)).ok).toBe(true); // which is why `key` should always be given
    });

    test('a header for another log does not match the checkpoint’s origin', async () => {
      const report = failure(
        await verify(withLine(bundle.lines, 0, headerLine('habeas.example/other', log.verifierKey))),
      );
      expect(report.problem).toMatch(
        /the checkpoint is for log "habeas.example\/log", the header for "habeas.example\/other"/,
      );
    });

    test('a tampered or missing cosignature fails when witness keys are given', async () => {
      const cos = parsed.cosignatures[0] as string;
      const bad = cos.slice(0, -6) + (cos.at(-6) === 'A' ? 'B' : 'A') + cos.slice(-5);
      expect(failure(await alter(parsed.checkpoint, [bad])).problem).toBe(
        'the cosignature of witness monitor.example/w1 does not verify',
      );
      expect(failure(await alter(parsed.checkpoint, [])).problem).toMatch(
        /only 0 of the 1 given witnesses cosigned/,
      );
      expect(failure(await alter(parsed.checkpoint, ['garbage'])).problem).toBe(
        'cosignature 1 is not a signature line',
      );
      expect((await verify(bundle.lines, { key: log.verifierKey, witnessKeys: [] })).ok).toBe(true);
    });
  });

  test('an empty line inside the bundle, or anything after the checkpoint, fails', async () => {
    const gap = [...bundle.lines.slice(0, 5), '', ...bundle.lines.slice(5)];
    expect(failure(await verify(gap))).toMatchObject({ line: 6 });
    expect(failure(await verify([...bundle.lines, bundle.lines[2] as string])).problem).toMatch(
      /after the checkpoint/,
    );
  });

  test('a wrong header, payload without salt, or a half-erased entry fails', async () => {
    const header = JSON.stringify({ format: 'habeas-log/2', origin: ORIGIN, key: log.verifierKey });
    expect(failure(await verify(withLine(bundle.lines, 0, header)))).toMatchObject({ line: 1 });
    expect(BUNDLE_FORMAT).toBe('habeas-log/1');
    const i = lineOf(0) - 1;
    const noSalt = JSON.stringify({ ...(JSON.parse(bundle.lines[i] as string) as object), salt: undefined });
    expect(failure(await verify(withLine(bundle.lines, i, noSalt)))).toMatchObject({ seq: 0 });
    const j = lineOf(1) - 1;
    const halfErased = (bundle.lines[j] as string).replace('"erased":true', '"erased":true,"salt":"00"');
    expect(failure(await verify(withLine(bundle.lines, j, halfErased)))).toMatchObject({ seq: 1 });
  });
});

describe('erasure only by an entry (DESIGN.md "Erasure without breaking the log")', () => {
  test('an entry marked erased that no erasure entry names fails, naming the entry', async () => {
    // Entry 2 records the erasure of entry 1; make it an ordinary entry, re-signing the tree so
    // that only the missing record is wrong.
    const forged = makeBundle(30);
    const lines = forged.lines.map((line) => line.replace('"stream":"erasure/1"', '"stream":"erasure/x1"'));
    const entries = lines.slice(1, -1).map((line) => (JSON.parse(line) as { entry: Entry }).entry);
    const note = signCheckpoint(
      { origin: ORIGIN, size: 30, root: rootFromLeafHashes(entries.map(entryLeafHash)), extensions: [] },
      signerFromKey(log.signerKey),
    );
    lines[lines.length - 1] = checkpointLine(note, []);
    const report = await verifyBundle(lines, { key: log.verifierKey });
    expect(report).toMatchObject({ ok: false, seq: 1, line: 3 });
    if (!report.ok) expect(report.problem).toMatch(/no erasure entry \(stream erasure\/1\)/);
  });

  test('the record of an erasure is never itself erased', async () => {
    const forged = makeBundle(30);
    const i = 3; // entry 2, the record of entry 1's erasure: drop its bareness for "erased"
    forged.lines[i] = (forged.lines[i] as string).replace(/}$/, ',"erased":true}');
    const report = await verifyBundle(forged.lines, { key: log.verifierKey });
    expect(report).toMatchObject({ ok: false, seq: 2 });
  });
});

describe('earlier checkpoints narrow a mismatch (issue 18 item 8)', () => {
  const signer = signerFromKey(log.signerKey);
  const checkpointAt = (size: number) =>
    signCheckpoint(
      {
        origin: ORIGIN,
        size,
        root: rootFromLeafHashes(bundle.entries.slice(0, size).map(entryLeafHash)),
        extensions: [],
      },
      signer,
    );
  const earlier = [0, 50, 100, 150, 200, 250].map(checkpointAt);

  test('a good bundle verifies with the log’s earlier checkpoints too', async () => {
    expect(await verify(bundle.lines, { ...options, checkpoints: earlier })).toMatchObject({
      ok: true,
      size: SIZE,
    });
  });

  test('a changed entry is placed between the last earlier checkpoint that holds and the first that does not', async () => {
    const i = lineOf(123) - 1;
    const changed = withLine(
      bundle.lines,
      i,
      (bundle.lines[i] as string).replace('custody/c4', 'custody/c5'),
    );
    const plain = failure(await verify(changed));
    expect(plain.problem).toBe(`root over ${SIZE} entries does not match the checkpoint`);
    const narrowed = failure(await verify(changed, { ...options, checkpoints: earlier }));
    expect(narrowed.seq).toBe(100);
    expect(narrowed.problem).toMatch(
      /checkpoint of 100 entries holds and its checkpoint of 150 does not: an entry from seq 100 to 149/,
    );
  });

  test('an earlier checkpoint the log did not sign is refused; one of another history is a fork', async () => {
    const stranger = signerFromKey(generateKey(ORIGIN).signerKey);
    const forged = signCheckpoint({ origin: ORIGIN, size: 10, root: bundle.root, extensions: [] }, stranger);
    expect(failure(await verify(bundle.lines, { ...options, checkpoints: [forged] })).problem).toMatch(
      /earlier checkpoint 1 is not a checkpoint of this log signed by its key/,
    );
    const otherHistory = signCheckpoint(
      { origin: ORIGIN, size: 10, root: bundle.root, extensions: [] },
      signer,
    );
    expect(failure(await verify(bundle.lines, { ...options, checkpoints: [otherHistory] })).problem).toMatch(
      /also signed a checkpoint of 10 entries that these entries do not reproduce: it signed two different histories/,
    );
  });
});
