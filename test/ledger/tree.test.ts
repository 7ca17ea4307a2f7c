import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EMPTY_ROOT, leafHash, toHex } from '../../src/ledger/hash.js';
import {
  CompactRange,
  ProofError,
  consistencyNodes,
  inclusionNodes,
  rangeNodes,
  rehash,
  rootFromInclusionProof,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
  type NodeId,
  type ProofNodes,
} from '../../src/ledger/tree.js';
import {
  bigConsistency,
  bigConsistencyRoots,
  bigInclusion,
  bigRangeNodes,
  bigRootFromInclusion,
  consistency as oracleConsistency,
  mth,
  path as oraclePath,
  type BigNodes,
} from './oracle.js';

const TESTDATA = fileURLToPath(new URL('../vectors/rfc6962', import.meta.url));
const b64 = (s: string): Uint8Array => Buffer.from(s, 'base64');
const hex = (s: string): Uint8Array => Buffer.from(s, 'hex');

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) return walk(p);
      return f.endsWith('.json') ? [p] : [];
    });
}

interface InclusionProbe {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  wantErr: boolean;
}
interface ConsistencyProbe {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  wantErr: boolean;
}
type Probe = InclusionProbe | ConsistencyProbe;

const probes = walk(TESTDATA).map((file) => ({
  name: relative(TESTDATA, file),
  probe: JSON.parse(readFileSync(file, 'utf8')) as Probe,
}));

function runProbe(p: Probe): void {
  if ('leafIdx' in p) {
    verifyInclusion(p.leafIdx, p.treeSize, b64(p.leafHash), (p.proof ?? []).map(b64), b64(p.root));
  } else {
    verifyConsistency(p.size1, p.size2, (p.proof ?? []).map(b64), b64(p.root1), b64(p.root2));
  }
}

/** The hash of any complete node, straight from the leaves (RFC 9162 MTH of its range). */
function nodeHashFromLeaves(leaves: readonly Uint8Array[], id: NodeId): Uint8Array {
  const width = 2 ** id.level;
  return mth(leaves.slice(id.index * width, (id.index + 1) * width));
}

function proofFromLeaves(nodes: ProofNodes, leaves: readonly Uint8Array[]): Uint8Array[] {
  return rehash(
    nodes,
    nodes.ids.map((id) => nodeHashFromLeaves(leaves, id)),
  );
}

const hexes = (list: readonly Uint8Array[]): string[] => list.map(toHex);

// The README's tree: its leaf inputs and its table of roots by size.
const readme = readFileSync(join(TESTDATA, 'README.md'), 'utf8');
const leafInputs = (/\(hex\):([^\n]*(?:\n[^\n|]+)*?)\. Roots/.exec(readme)?.[1] ?? '')
  .split(',')
  .map((s) => s.trim().replace(/"/g, ''));
const readmeRoots = [...readme.matchAll(/^\| (\d+) \| ([0-9a-f]{64}) \|$/gm)].map((m) => ({
  size: Number(m[1]),
  root: m[2] as string,
}));
const readmeLeaves = leafInputs.map((h) => leafHash(hex(h)));

describe('RFC 6962 / RFC 9162 known answers (transparency-dev/merkle testdata)', () => {
  test('the testdata folder is found and holds both kinds of probe', () => {
    expect(probes.filter((p) => 'leafIdx' in p.probe).length).toBeGreaterThan(80);
    expect(probes.filter((p) => 'size1' in p.probe).length).toBeGreaterThan(80);
  });

  test.each(probes)('$name: accepted exactly when wantErr is false', ({ probe }) => {
    if (probe.wantErr) expect(() => runProbe(probe)).toThrow(ProofError);
    else expect(() => runProbe(probe)).not.toThrow();
  });

  test('the README roots: trees built from its leaf inputs have exactly its roots', () => {
    expect(leafInputs).toEqual([
      '',
      '00',
      '10',
      '2021',
      '3031',
      '40414243',
      '5051525354555657',
      '606162636465666768696a6b6c6d6e6f',
    ]);
    expect(readmeRoots.length).toBe(6);
    for (const { size, root } of readmeRoots) {
      expect(toHex(rootFromLeafHashes(readmeLeaves.slice(0, size)))).toBe(root);
    }
  });

  test('happy-path inclusion probes: the proofs generated here are byte for byte the probes’ proofs', () => {
    const happy = probes.filter(
      (p) => 'leafIdx' in p.probe && !p.probe.wantErr && p.name.endsWith('happy-path.json'),
    );
    expect(happy.length).toBeGreaterThanOrEqual(5);
    for (const { probe } of happy) {
      const p = probe as InclusionProbe;
      const leaves = readmeLeaves.slice(0, p.treeSize);
      expect(toHex(leaves[p.leafIdx] as Uint8Array)).toBe(toHex(b64(p.leafHash)));
      expect(toHex(rootFromLeafHashes(leaves))).toBe(toHex(b64(p.root)));
      expect(hexes(proofFromLeaves(inclusionNodes(p.leafIdx, p.treeSize), leaves))).toEqual(
        hexes((p.proof ?? []).map(b64)),
      );
    }
  });

  test('happy-path consistency probes: the proofs generated here are byte for byte the probes’ proofs', () => {
    const happy = probes.filter(
      (p) => 'size1' in p.probe && !p.probe.wantErr && p.name.endsWith('happy-path.json'),
    );
    expect(happy.length).toBeGreaterThanOrEqual(5);
    for (const { probe } of happy) {
      const p = probe as ConsistencyProbe;
      const leaves = readmeLeaves.slice(0, p.size2);
      expect(toHex(rootFromLeafHashes(leaves.slice(0, p.size1)))).toBe(toHex(b64(p.root1)));
      expect(toHex(rootFromLeafHashes(leaves))).toBe(toHex(b64(p.root2)));
      expect(hexes(proofFromLeaves(consistencyNodes(p.size1, p.size2), leaves))).toEqual(
        hexes((p.proof ?? []).map(b64)),
      );
    }
  });
});

const leavesArb = (min: number, max: number) =>
  fc
    .array(fc.uint8Array({ minLength: 0, maxLength: 12 }), { minLength: min, maxLength: max })
    .map((inputs) => inputs.map(leafHash));

describe('trees and proofs agree with the RFC 9162 recursive definitions', () => {
  test('rootFromLeafHashes equals MTH, and EMPTY_ROOT for no leaves', () => {
    expect(toHex(rootFromLeafHashes([]))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(toHex(EMPTY_ROOT)).toBe(toHex(rootFromLeafHashes([])));
    fc.assert(
      fc.property(leavesArb(0, 200), (leaves) => toHex(rootFromLeafHashes(leaves)) === toHex(mth(leaves))),
    );
  });

  test('a compact range holds one subtree per set bit of its size, largest first', () => {
    fc.assert(
      fc.property(leavesArb(1, 130), (leaves) => {
        const range = new CompactRange();
        for (const h of leaves) range.append(h);
        const levels = range.nodes().map((n) => n.level);
        const expected = [...leaves.length.toString(2)].flatMap((bit, i, all) =>
          bit === '1' ? [all.length - 1 - i] : [],
        );
        return range.size === leaves.length && JSON.stringify(levels) === JSON.stringify(expected);
      }),
    );
  });

  test('inclusion proofs are PATH(m, D[n]) and verify; rootFromInclusionProof gives the root', () => {
    fc.assert(
      fc.property(
        leavesArb(1, 140).chain((leaves) =>
          fc.tuple(fc.constant(leaves), fc.nat({ max: leaves.length - 1 })),
        ),
        ([leaves, index]) => {
          const proof = proofFromLeaves(inclusionNodes(index, leaves.length), leaves);
          expect(hexes(proof)).toEqual(hexes(oraclePath(index, leaves)));
          const root = rootFromLeafHashes(leaves);
          verifyInclusion(index, leaves.length, leaves[index] as Uint8Array, proof, root);
          expect(
            toHex(rootFromInclusionProof(index, leaves.length, leaves[index] as Uint8Array, proof)),
          ).toBe(toHex(root));
        },
      ),
    );
  });

  test('consistency proofs are PROOF(m, D[n]) and verify', () => {
    fc.assert(
      fc.property(
        leavesArb(1, 140).chain((leaves) =>
          fc.tuple(fc.constant(leaves), fc.integer({ min: 1, max: leaves.length })),
        ),
        ([leaves, size1]) => {
          const proof = proofFromLeaves(consistencyNodes(size1, leaves.length), leaves);
          expect(hexes(proof)).toEqual(hexes(oracleConsistency(size1, leaves)));
          verifyConsistency(
            size1,
            leaves.length,
            proof,
            rootFromLeafHashes(leaves.slice(0, size1)),
            rootFromLeafHashes(leaves),
          );
        },
      ),
    );
  });

  test('flipping any one bit of an inclusion proof, the leaf or the root makes verification fail', () => {
    fc.assert(
      fc.property(
        leavesArb(2, 100).chain((leaves) =>
          fc.tuple(
            fc.constant(leaves),
            fc.nat({ max: leaves.length - 1 }),
            fc.nat(),
            fc.nat({ max: 255 }),
            fc.constantFrom('proof', 'leaf', 'root'),
          ),
        ),
        ([leaves, index, pick, bit, what]) => {
          const proof = proofFromLeaves(inclusionNodes(index, leaves.length), leaves).map((h) =>
            Buffer.from(h),
          );
          const leaf = Buffer.from(leaves[index] as Uint8Array);
          const root = Buffer.from(rootFromLeafHashes(leaves));
          const target =
            what === 'proof' && proof.length > 0
              ? (proof[pick % proof.length] as Buffer)
              : what === 'leaf'
                ? leaf
                : root;
          target[bit >> 3] = (target[bit >> 3] as number) ^ (1 << (bit & 7));
          expect(() => verifyInclusion(index, leaves.length, leaf, proof, root)).toThrow(ProofError);
        },
      ),
    );
  });

  test('flipping any one bit of a consistency proof or either root makes verification fail', () => {
    fc.assert(
      fc.property(
        leavesArb(2, 100).chain((leaves) =>
          fc.tuple(
            fc.constant(leaves),
            fc.integer({ min: 1, max: leaves.length - 1 }),
            fc.nat(),
            fc.nat({ max: 255 }),
            fc.constantFrom('proof', 'root1', 'root2'),
          ),
        ),
        ([leaves, size1, pick, bit, what]) => {
          const proof = proofFromLeaves(consistencyNodes(size1, leaves.length), leaves).map((h) =>
            Buffer.from(h),
          );
          const root1 = Buffer.from(rootFromLeafHashes(leaves.slice(0, size1)));
          const root2 = Buffer.from(rootFromLeafHashes(leaves));
          const target =
            what === 'proof' ? (proof[pick % proof.length] as Buffer) : what === 'root1' ? root1 : root2;
          target[bit >> 3] = (target[bit >> 3] as number) ^ (1 << (bit & 7));
          expect(() => verifyConsistency(size1, leaves.length, proof, root1, root2)).toThrow(ProofError);
        },
      ),
    );
  });

  test('proofs for the wrong index or size, and impossible requests, are refused', () => {
    const leaves = readmeLeaves.slice(0, 7);
    const proof = proofFromLeaves(inclusionNodes(3, 7), leaves);
    const root = rootFromLeafHashes(leaves);
    expect(() => verifyInclusion(2, 7, leaves[3] as Uint8Array, proof, root)).toThrow(ProofError);
    expect(() => verifyInclusion(3, 4, leaves[3] as Uint8Array, proof, root)).toThrow(ProofError);
    expect(() => inclusionNodes(7, 7)).toThrow(ProofError);
    expect(() => inclusionNodes(-1, 7)).toThrow(ProofError);
    expect(() => inclusionNodes(0.5, 7)).toThrow(ProofError);
    expect(() => consistencyNodes(0, 7)).toThrow(/empty tree/);
    expect(() => consistencyNodes(8, 7)).toThrow(ProofError);
    expect(() => rehash(inclusionNodes(3, 7), [])).toThrow(ProofError);
  });
});

/** Hashes in the final proof: the ephemeral run folds into one. */
const proofLength = (nodes: ProofNodes): number =>
  nodes.ids.length - Math.max(0, nodes.end - nodes.begin - 1);

const sameIds = (ours: ProofNodes, theirs: BigNodes): void => {
  expect(ours.ids.map((n) => `${n.level}/${n.index}`)).toEqual(
    theirs.ids.map((n) => `${n.level}/${n.index}`),
  );
  expect([ours.begin, ours.end]).toEqual([theirs.begin, theirs.end]);
};

describe('sizes beyond 2^31 (no 32-bit arithmetic)', () => {
  const big = 2 ** 40 + 5;

  test('rangeNodes(0, 2^40 + 5) is the subtrees of levels 40, 2 and 0', () => {
    expect(rangeNodes(0, big)).toEqual([
      { level: 40, index: 0 },
      { level: 2, index: 2 ** 38 },
      { level: 0, index: 2 ** 40 + 4 },
    ]);
  });

  test('rangeNodes matches compact.RangeNodes for arbitrary ranges of safe integers', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.maxSafeNat(), (a, b) => {
        const [begin, end] = a <= b ? [a, b] : [b, a];
        const ours = rangeNodes(begin, end).map((n) => `${n.level}/${n.index}`);
        const theirs = bigRangeNodes(BigInt(begin), BigInt(end)).map((n) => `${n.level}/${n.index}`);
        expect(ours).toEqual(theirs);
      }),
    );
  });

  test('inclusion nodes match proof.Inclusion for indices in trees of 2^40 + 5 and beyond', () => {
    for (const index of [0, 1, 2 ** 31, 2 ** 32 + 1, 2 ** 40 - 1, 2 ** 40, big - 1]) {
      sameIds(inclusionNodes(index, big), bigInclusion(BigInt(index), BigInt(big)));
    }
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.maxSafeNat(), (size, i) => {
        const index = i % size;
        sameIds(inclusionNodes(index, size), bigInclusion(BigInt(index), BigInt(size)));
      }),
    );
  });

  test('consistency nodes match proof.Consistency for sizes around 2^40 + 5 and beyond', () => {
    for (const size1 of [1, 3, 2 ** 31 + 1, 2 ** 32, 2 ** 40, big - 1, big]) {
      sameIds(consistencyNodes(size1, big), bigConsistency(BigInt(size1), BigInt(big)));
    }
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        (a, b) => {
          const [size1, size2] = a <= b ? [a, b] : [b, a];
          sameIds(consistencyNodes(size1, size2), bigConsistency(BigInt(size1), BigInt(size2)));
        },
      ),
    );
  });

  test('inclusion verification computes the same root as a BigInt port for huge trees', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER }),
        fc.maxSafeNat(),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (size, i, seed) => {
          const index = i % size;
          const length = proofLength(inclusionNodes(index, size));
          const proof = Array.from({ length }, (_, k) => leafHash(Buffer.concat([seed, Buffer.from([k])])));
          const ours = rootFromInclusionProof(index, size, seed, proof);
          expect(toHex(ours)).toBe(toHex(bigRootFromInclusion(BigInt(index), BigInt(size), seed, proof)));
          verifyInclusion(index, size, seed, proof, ours);
          expect(() => verifyInclusion(index, size, seed, proof.slice(1), ours)).toThrow(ProofError);
          expect(() => verifyInclusion(index, size, seed, [...proof, seed], ours)).toThrow(ProofError);
        },
      ),
    );
  });

  test('consistency verification accepts exactly the roots a BigInt port derives, for huge trees', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (a, b, seed) => {
          if (a === b) return;
          const [size1, size2] = a < b ? [a, b] : [b, a];
          const length = proofLength(consistencyNodes(size1, size2));
          const proof = Array.from({ length }, (_, k) => leafHash(Buffer.concat([seed, Buffer.from([k])])));
          // When size1 is a power of two the proof starts from root1 itself: the seed here.
          const {
            root1,
            root2,
            length: want,
          } = bigConsistencyRoots(BigInt(size1), BigInt(size2), proof, seed);
          expect(want).toBe(length);
          verifyConsistency(size1, size2, proof, root1, root2);
          const flipped = Buffer.from(root2);
          flipped[0] = (flipped[0] as number) ^ 1;
          expect(() => verifyConsistency(size1, size2, proof, root1, flipped)).toThrow(ProofError);
        },
      ),
    );
  });
});
