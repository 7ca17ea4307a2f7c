/**
 * Test oracles written from the specifications, sharing no arithmetic with src/ledger:
 * RFC 9162 §2.1 by its recursive definitions over leaf hashes, and a BigInt port of
 * transparency-dev/merkle's proof.Nodes and verifiers for sizes far beyond 2^31.
 */
import { createHash } from 'node:crypto';

const sha = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

export const leafOf = (input: Uint8Array): Buffer => sha(Buffer.from([0]), input);
export const nodeOf = (l: Uint8Array, r: Uint8Array): Buffer => sha(Buffer.from([1]), l, r);

/** The largest power of two smaller than n (n > 1). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** RFC 9162 §2.1.1 MTH over leaf hashes. */
export function mth(leafHashes: readonly Uint8Array[]): Buffer {
  if (leafHashes.length === 0) return sha();
  if (leafHashes.length === 1) return Buffer.from(leafHashes[0] as Uint8Array);
  const k = split(leafHashes.length);
  return nodeOf(mth(leafHashes.slice(0, k)), mth(leafHashes.slice(k)));
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]). */
export function path(m: number, leafHashes: readonly Uint8Array[]): Buffer[] {
  const n = leafHashes.length;
  if (n === 1) return [];
  const k = split(n);
  if (m < k) return [...path(m, leafHashes.slice(0, k)), mth(leafHashes.slice(k))];
  return [...path(m - k, leafHashes.slice(k)), mth(leafHashes.slice(0, k))];
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
export function consistency(m: number, leafHashes: readonly Uint8Array[]): Buffer[] {
  const sub = (m: number, d: readonly Uint8Array[], b: boolean): Buffer[] => {
    const n = d.length;
    if (m === n) return b ? [] : [mth(d)];
    const k = split(n);
    if (m <= k) return [...sub(m, d.slice(0, k), b), mth(d.slice(k))];
    return [...sub(m - k, d.slice(k), false), mth(d.slice(0, k))];
  };
  return sub(m, leafHashes, true);
}

// ---- BigInt port of transparency-dev/merkle (proof/proof.go, proof/verify.go, compact/) ----

export interface BigNode {
  level: bigint;
  index: bigint;
}

const len64 = (x: bigint): bigint => BigInt(x.toString(2).length) - (x === 0n ? 1n : 0n);
const trailing = (x: bigint): bigint => {
  let n = 0n;
  while (((x >> n) & 1n) === 0n) n++;
  return n;
};
const ones = (x: bigint): bigint => BigInt([...x.toString(2)].filter((c) => c === '1').length);

/** compact.RangeNodes(begin, end) via Decompose. */
export function bigRangeNodes(begin: bigint, end: bigint): BigNode[] {
  let left: bigint;
  let right: bigint;
  if (begin === 0n) {
    left = 0n;
    right = end;
  } else {
    const xbegin = begin - 1n;
    const d = len64(xbegin ^ end) - 1n;
    const mask = (1n << d) - 1n;
    left = ~xbegin & mask;
    right = end & mask;
  }
  const ids: BigNode[] = [];
  let pos = begin;
  while (left !== 0n) {
    const level = trailing(left);
    const bit = 1n << level;
    ids.push({ level, index: pos >> level });
    pos += bit;
    left ^= bit;
  }
  while (right !== 0n) {
    const level = len64(right) - 1n;
    const bit = 1n << level;
    ids.push({ level, index: pos >> level });
    pos += bit;
    right ^= bit;
  }
  return ids;
}

export interface BigNodes {
  ids: BigNode[];
  begin: number;
  end: number;
}

function bigNodesFor(index: bigint, level: bigint, size: bigint): BigNodes {
  const inner = len64(index ^ (size >> level)) - 1n;
  const fork = { level: level + inner, index: index >> inner };
  const begin = fork.index << fork.level;
  const end = (fork.index + 1n) << fork.level;
  const ids: BigNode[] = [{ level, index }];
  let node = { level, index };
  while (node.level < fork.level) {
    ids.push({ level: node.level, index: node.index ^ 1n });
    node = { level: node.level + 1n, index: node.index >> 1n };
  }
  const len1 = ids.length;
  ids.push(...bigRangeNodes(end, size).reverse());
  const len2 = ids.length;
  ids.push(...bigRangeNodes(0n, begin).reverse());
  return len1 < len2 ? { ids, begin: len1, end: len2 } : { ids, begin: 0, end: 0 };
}

function bigSkipFirst(n: BigNodes): BigNodes {
  return {
    ids: n.ids.slice(1),
    begin: n.begin < n.end ? n.begin - 1 : 0,
    end: n.begin < n.end ? n.end - 1 : 0,
  };
}

export function bigInclusion(index: bigint, size: bigint): BigNodes {
  return bigSkipFirst(bigNodesFor(index, 0n, size));
}

export function bigConsistency(size1: bigint, size2: bigint): BigNodes {
  if (size1 === size2) return { ids: [], begin: 0, end: 0 };
  const level = trailing(size1);
  const index = (size1 - 1n) >> level;
  const p = bigNodesFor(index, level, size2);
  return (size1 & (size1 - 1n)) === 0n ? bigSkipFirst(p) : p;
}

/** proof.RootFromInclusionProof with BigInt indices. */
export function bigRootFromInclusion(
  index: bigint,
  size: bigint,
  leaf: Uint8Array,
  proof: Uint8Array[],
): Buffer {
  const inner = len64(index ^ (size - 1n));
  const border = ones(index >> inner);
  if (BigInt(proof.length) !== inner + border) throw new Error('wrong proof size');
  let h: Buffer = Buffer.from(leaf);
  proof.slice(0, Number(inner)).forEach((p, i) => {
    h = ((index >> BigInt(i)) & 1n) === 0n ? nodeOf(h, p) : nodeOf(p, h);
  });
  for (const p of proof.slice(Number(inner))) h = nodeOf(p, h);
  return h;
}

/** The (root1, root2) a consistency proof implies (proof.RootFromConsistencyProof, both roots). */
export function bigConsistencyRoots(
  size1: bigint,
  size2: bigint,
  proof: Uint8Array[],
  root1IfPowerOfTwo: Uint8Array,
): { root1: Buffer; root2: Buffer; length: number } {
  let inner = len64((size1 - 1n) ^ (size2 - 1n));
  const border = ones((size1 - 1n) >> inner);
  const shift = trailing(size1);
  inner -= shift;
  const own = size1 === 1n << shift;
  const seed: Buffer = Buffer.from(own ? root1IfPowerOfTwo : (proof[0] as Uint8Array));
  const rest = proof.slice(own ? 0 : 1);
  const length = (own ? 0 : 1) + Number(inner + border);
  const mask = (size1 - 1n) >> shift;
  let h1 = seed;
  let h2 = seed;
  rest.slice(0, Number(inner)).forEach((p, i) => {
    if (((mask >> BigInt(i)) & 1n) === 1n) {
      h1 = nodeOf(p, h1);
      h2 = nodeOf(p, h2);
    } else {
      h2 = nodeOf(h2, p);
    }
  });
  for (const p of rest.slice(Number(inner))) {
    h1 = nodeOf(p, h1);
    h2 = nodeOf(p, h2);
  }
  return { root1: h1, root2: h2, length };
}
