/**
 * `habeas verify` throughput: at least 100,000 entries per second. Baseline in the same run:
 * JSON.parse of the same lines, the least any verifier of a JSON Lines bundle must do.
 */
import { checkpointLine, entryLine, headerLine, verifyBundle } from '../src/ledger/bundle.js';
import { signCheckpoint } from '../src/ledger/checkpoint.js';
import { entryBytes, newSalt, payloadDigest, type Entry } from '../src/ledger/entry.js';
import { leafHash } from '../src/ledger/hash.js';
import { generateKey, signerFromKey } from '../src/ledger/note.js';
import { rootFromLeafHashes } from '../src/ledger/tree.js';
import { fmt, median, type BenchResult } from './stats.js';

export function makeBundle(size: number, withPayloads: boolean): { lines: string[]; verifierKey: string } {
  const origin = 'bench.habeas/log';
  const { signerKey, verifierKey } = generateKey(origin);
  const lines = [headerLine(origin, verifierKey)];
  const leaves: Uint8Array[] = [];
  const start = Date.parse('2026-01-01T00:00:00.000Z');
  for (let seq = 0; seq < size; seq++) {
    const payload = { familyName: 'Иванов', givenNames: 'Асқар', birthDate: '1990-01-01', n: seq };
    const salt = newSalt();
    const entry: Entry = {
      seq,
      at: new Date(start + seq).toISOString(),
      stream: `person/p${seq % 5000}`,
      version: Math.floor(seq / 5000),
      type: 'person-registered',
      actor: 'acct_bench',
      digest: payloadDigest(salt, payload),
    };
    leaves.push(leafHash(entryBytes(entry)));
    lines.push(withPayloads ? entryLine(entry, { payload, salt }) : entryLine(entry));
  }
  const note = signCheckpoint(
    { origin, size, root: rootFromLeafHashes(leaves), extensions: [] },
    signerFromKey(signerKey),
  );
  lines.push(checkpointLine(note, []));
  return { lines, verifierKey };
}

export async function benchVerify(size = 200_000, runs = 5): Promise<BenchResult> {
  const plain = makeBundle(size, false);
  const withPayloads = makeBundle(Math.floor(size / 4), true);
  const parseMs: number[] = [];
  const verifyMs: number[] = [];
  const payloadMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    let sink = 0;
    for (const line of plain.lines) sink += JSON.parse(line) ? 1 : 0;
    parseMs.push(performance.now() - t);
    if (sink !== plain.lines.length) throw new Error('parse baseline lost lines');

    t = performance.now();
    const report = await verifyBundle(plain.lines, { key: plain.verifierKey });
    verifyMs.push(performance.now() - t);
    if (!report.ok) throw new Error(`bench bundle failed to verify: ${report.problem}`);

    t = performance.now();
    const r2 = await verifyBundle(withPayloads.lines, { key: withPayloads.verifierKey });
    payloadMs.push(performance.now() - t);
    if (!r2.ok) throw new Error(`bench bundle with payloads failed to verify: ${r2.problem}`);
  }
  const rate = size / (median(verifyMs) / 1000);
  const payloadRate = withPayloads.lines.length / (median(payloadMs) / 1000);
  return {
    name: 'Bundle verification (`verifyBundle`, the core of `habeas verify`)',
    lines: [
      `${fmt(size)} entries without payloads, ${runs} runs: median ${fmt(median(verifyMs))} ms → ${fmt(rate)} entries/s`,
      `baseline JSON.parse of the same lines: median ${fmt(median(parseMs))} ms → verify costs ${fmt(median(verifyMs) / median(parseMs), 1)}× parsing`,
      `${fmt(withPayloads.lines.length - 2)} entries with payloads (digests checked too): ${fmt(payloadRate)} entries/s`,
    ],
    target: `≥ 100,000 entries/s (${fmt(rate)})`,
    met: rate >= 100_000,
  };
}
