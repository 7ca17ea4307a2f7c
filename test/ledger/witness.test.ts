import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { signCheckpoint } from '../../src/ledger/checkpoint.js';
import { leafHash, toBase64 } from '../../src/ledger/hash.js';
import { generateKey, signerFromKey } from '../../src/ledger/note.js';
import { consistency as consistencyProof, mth as rootFromLeafHashes } from './oracle.js';
import {
  formatAddCheckpoint,
  judgeAddCheckpoint,
  parseAddCheckpoint,
  MAX_PROOF_LINES,
  type WitnessedTree,
} from '../../src/ledger/witness.js';

/**
 * log.witness (C2SP tlog-witness, add-checkpoint): the witness's judgement as a specification. Its
 * one promise — it never cosigns two checkpoints of one log that are not consistent with each
 * other — is what makes a rewritten or forked log detectable by anyone holding its cosignatures.
 */

const ORIGIN = 'habeas.example/log';
const log = generateKey(ORIGIN);
const signer = signerFromKey(log.signerKey);
const logs = [{ origin: ORIGIN, keys: [log.verifierKey] }];

const leaves = (n: number, tag = 'e') =>
  Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`${tag}${i}`)));
const noteOf = (hashes: Uint8Array[], by = signer, origin = ORIGIN) =>
  signCheckpoint({ origin, size: hashes.length, root: rootFromLeafHashes(hashes), extensions: [] }, by);
const tree = (hashes: Uint8Array[]): WitnessedTree => ({
  size: hashes.length,
  root: rootFromLeafHashes(hashes),
});

function judge(oldSize: number, proof: Uint8Array[], note: string, known?: WitnessedTree) {
  return judgeAddCheckpoint(formatAddCheckpoint({ oldSize, proof, note }), logs, () => known);
}

describe('log.witness: add-checkpoint', () => {
  const history = leaves(40);

  test('a first checkpoint of a followed log is cosigned with an empty proof from old 0', () => {
    const verdict = judge(0, [], noteOf(history.slice(0, 10)));
    expect(verdict).toMatchObject({ status: 200, origin: ORIGIN, tree: { size: 10 } });
  });

  test('a checkpoint that extends the last cosigned one, with its consistency proof, is cosigned', () => {
    const proof = consistencyProof(10, history.slice(0, 40));
    const verdict = judge(10, proof, noteOf(history), tree(history.slice(0, 10)));
    expect(verdict).toMatchObject({ status: 200, tree: { size: 40 } });
  });

  test('a rewritten history (entry 3 changed) is refused with 422, as evidence', () => {
    const rewritten = [...history];
    rewritten[3] = leafHash(Buffer.from('forged'));
    const proof = consistencyProof(10, rewritten);
    const verdict = judge(10, proof, noteOf(rewritten), tree(history.slice(0, 10)));
    expect(verdict).toMatchObject({ status: 422, evidence: true });
  });

  test('an old size other than the last cosigned one is 409 with the witness’s size', () => {
    const verdict = judge(0, [], noteOf(history), tree(history.slice(0, 10)));
    expect(verdict).toMatchObject({ status: 409, size: 10 });
  });

  test('a rollback (a smaller tree after a larger one) is refused with 409 and kept as evidence', () => {
    const verdict = judge(0, [], noteOf(history.slice(0, 5)), tree(history.slice(0, 10)));
    expect(verdict).toMatchObject({ status: 409, size: 10, evidence: true });
  });

  test('a split view (another root for the size it cosigned) is refused with 409, as evidence', () => {
    const other = leaves(10, 'other');
    const verdict = judge(10, [], noteOf(other), tree(history.slice(0, 10)));
    expect(verdict).toMatchObject({ status: 409, size: 10, evidence: true });
  });

  test('the same checkpoint again is cosigned again (a retry), without a proof', () => {
    const verdict = judge(10, [], noteOf(history.slice(0, 10)), tree(history.slice(0, 10)));
    expect(verdict).toMatchObject({ status: 200, tree: { size: 10 } });
  });

  test('an unknown origin is 404; a checkpoint not signed by the log’s key is 403', () => {
    expect(judge(0, [], noteOf(history, signer, 'other.example/log')).status).toBe(404);
    const stranger = signerFromKey(generateKey(ORIGIN).signerKey);
    expect(judge(0, [], noteOf(history, stranger)).status).toBe(403);
  });

  test('an old size above the checkpoint’s is 400; a proof from size 0 must be empty (422)', () => {
    expect(judge(50, [], noteOf(history)).status).toBe(400);
    expect(judge(0, [history[0] as Uint8Array], noteOf(history)).status).toBe(422);
  });

  test('malformed requests are 400: no empty line, a bad old line, a bad proof line, too many lines', () => {
    const note = noteOf(history);
    const bodies = [
      'old 0',
      `old 01\n\n${note}`,
      `old -1\n\n${note}`,
      `new 0\n\n${note}`,
      `old 0\nnot base64!\n\n${note}`,
      `old 0\n${toBase64(new Uint8Array(31))}\n\n${note}`,
      `old 0\n${`${toBase64(new Uint8Array(32))}\n`.repeat(MAX_PROOF_LINES + 1)}\n${note}`,
      `old 0\n\nnot a note`,
    ];
    for (const body of bodies.slice(0, -1))
      expect(judgeAddCheckpoint(body, logs, () => undefined).status).toBe(400);
    // A body whose checkpoint names no followed log is not found, whatever else it holds.
    expect(judgeAddCheckpoint(bodies.at(-1) as string, logs, () => undefined).status).toBe(404);
  });

  test('requests round-trip through format and parse', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1e9 }),
        fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { maxLength: 63 }),
        (oldSize, proof) => {
          const note = noteOf(history);
          const parsed = parseAddCheckpoint(formatAddCheckpoint({ oldSize, proof, note }));
          expect(parsed.oldSize).toBe(oldSize);
          expect(parsed.proof.map(toBase64)).toEqual(proof.map(toBase64));
          expect(parsed.note).toBe(note);
        },
      ),
    );
  });

  test('never two inconsistent trees: whatever sequence of histories a log shows, every pair cosigned is consistent', () => {
    const honest = leaves(64, 'h');
    const forged = leaves(64, 'f');
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            size: fc.integer({ min: 1, max: 64 }),
            forged: fc.boolean(),
            old: fc.nat({ max: 64 }),
            follows: fc.boolean(),
          }),
          {
            maxLength: 20,
          },
        ),
        (requests) => {
          let known: WitnessedTree | undefined;
          const cosigned: { size: number; forged: boolean }[] = [];
          for (const r of requests) {
            const hashes = (r.forged ? forged : honest).slice(0, r.size);
            // A log that follows the protocol sends the size the witness last cosigned; others send anything.
            const old = Math.min(r.follows ? (known?.size ?? 0) : r.old, r.size);
            const proof = old > 0 && old < r.size ? consistencyProof(old, hashes) : [];
            const verdict = judge(old, proof, noteOf(hashes), known);
            if (verdict.status === 200) {
              known = verdict.tree;
              cosigned.push({ size: r.size, forged: r.forged });
            }
          }
          // Two different histories share no prefix here, so cosigning both would be a split view.
          expect(new Set(cosigned.map((c) => c.forged)).size).toBeLessThanOrEqual(1);
          // And never a smaller tree after a larger one.
          for (let i = 1; i < cosigned.length; i++)
            expect((cosigned[i] as { size: number }).size).toBeGreaterThanOrEqual(
              (cosigned[i - 1] as { size: number }).size,
            );
        },
      ),
    );
  });
});
