/**
 * The Merkle tree of RFC 9162 §2.1 (the same as RFC 6962 §2.1): roots, and inclusion and consistency
 * proofs, built the way transparency-dev/merkle does (proof.Nodes → fetch hashes → Rehash) so that the
 * hashes can come from anywhere (tiles, a cache, memory), and verified as its proof.Verify* do.
 *
 * Sizes and indices are numbers up to 2^53; see bits.ts for why no 32-bit operator appears here.
 */
import { bitLength, bitLengthOfXor, isSize, popCount, pow2, trailingZeros } from './bits.js';
import {
  EMPTY_ROOT,
  HASH_SIZE,
  equalBytes,
  nodeHash,
  packedNodeHash,
  toHex,
  unpackHash,
  type PackedHash,
} from './hash.js';

/** A proof or root that does not verify, or a request for a proof that cannot exist. */
export class ProofError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProofError';
  }
}

/** The complete subtree covering leaves [index·2^level, (index+1)·2^level). */
export interface NodeId {
  level: number;
  index: number;
}

/**
 * What to fetch for a proof (transparency-dev/merkle proof.Nodes): the hashes of `ids`, all complete
 * subtrees; the run ids[begin..end) is folded right-to-left into the one ephemeral node at the tree's
 * right edge (empty run when begin === end).
 */
export interface ProofNodes {
  ids: NodeId[];
  begin: number;
  end: number;
}

/** Whether node `id` is a complete subtree of a tree with `size` leaves. */
export function isCompleteNode(id: NodeId, size: number): boolean {
  return (id.index + 1) * pow2(id.level) <= size;
}

/** The leaves [first, end) a node covers. */
export function nodeCoverage(id: NodeId): { first: number; end: number } {
  const width = pow2(id.level);
  return { first: id.index * width, end: (id.index + 1) * width };
}

/**
 * The compact range of [begin, end): the fewest complete subtrees covering it, left to right
 * (transparency-dev/merkle compact.RangeNodes). Each is the largest aligned subtree that fits.
 */
export function rangeNodes(begin: number, end: number): NodeId[] {
  checkSize('begin', begin);
  checkSize('end', end);
  if (begin > end) throw new ProofError(`the range [${begin}, ${end}) is reversed`);
  const ids: NodeId[] = [];
  let pos = begin;
  while (pos < end) {
    const fits = bitLength(end - pos) - 1;
    const level = pos === 0 ? fits : Math.min(trailingZeros(pos), fits);
    ids.push({ level, index: pos / pow2(level) });
    pos += pow2(level);
  }
  return ids;
}

/**
 * A compact range over a growing prefix of leaves: a stack of the complete subtrees covering
 * [0, size), largest first. O(log n) memory; one node hash per appended leaf on average.
 */
export class CompactRange {
  private readonly hashes: Uint8Array[] = [];
  private readonly levels: number[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The subtree hashes, left (largest) to right (smallest). */
  nodes(): { level: number; hash: Uint8Array }[] {
    return this.hashes.map((hash, i) => ({ level: this.levels[i] as number, hash }));
  }

  append(hash: Uint8Array): void {
    let h = hash;
    let level = 0;
    // Merge while the top of the stack is a sibling of the same height: the binary carry of size + 1.
    while (this.levels.length > 0 && this.levels[this.levels.length - 1] === level) {
      this.levels.pop();
      h = nodeHash(this.hashes.pop() as Uint8Array, h);
      level++;
    }
    this.hashes.push(h);
    this.levels.push(level);
    this.count++;
  }

  /** RFC 9162 §2.1.1 root of the leaves so far: the subtrees folded right to left. */
  root(): Uint8Array {
    return foldRight(this.hashes) ?? EMPTY_ROOT;
  }
}

/** CompactRange over packed hashes, for bundle verification's hot loop (see PackedHash). */
export class PackedCompactRange {
  private readonly hashes: PackedHash[] = [];
  private readonly levels: number[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  append(hash: PackedHash): void {
    let h = hash;
    let level = 0;
    while (this.levels.length > 0 && this.levels[this.levels.length - 1] === level) {
      this.levels.pop();
      h = packedNodeHash(this.hashes.pop() as PackedHash, h);
      level++;
    }
    this.hashes.push(h);
    this.levels.push(level);
    this.count++;
  }

  root(): Uint8Array {
    return foldRight(this.hashes.map(unpackHash)) ?? EMPTY_ROOT;
  }
}

/** Folds subtree hashes (left to right, largest first) into one: H(a, H(b, H(c, d))). */
export function foldRight(hashes: readonly Uint8Array[]): Uint8Array | undefined {
  let acc: Uint8Array | undefined;
  for (let i = hashes.length - 1; i >= 0; i--) {
    const h = hashes[i] as Uint8Array;
    acc = acc === undefined ? h : nodeHash(h, acc);
  }
  return acc;
}

/** RFC 9162 §2.1.1 MTH of a list of leaf hashes; EMPTY_ROOT for none. */
export function rootFromLeafHashes(hashes: readonly Uint8Array[]): Uint8Array {
  const range = new CompactRange();
  for (const h of hashes) range.append(h);
  return range.root();
}

function checkSize(name: string, value: number): void {
  if (!isSize(value))
    throw new ProofError(`${name} must be a non-negative safe integer, not ${String(value)}`);
}

/** transparency-dev/merkle proof.nodes: the nodes proving that node (level, index) is in the tree of `size`. */
function nodesFor(index: number, level: number, size: number): ProofNodes {
  // The fork is where the path to (level, index) leaves the path to the tree's right edge; its sibling
  // is the ephemeral node, covering an incomplete subtree, rebuilt from the complete ones under it.
  const inner = bitLengthOfXor(index, Math.floor(size / pow2(level))) - 1;
  const fork: NodeId = { level: level + inner, index: Math.floor(index / pow2(inner)) };
  const { first: begin, end } = nodeCoverage(fork);

  const ids: NodeId[] = [{ level, index }];
  let node: NodeId = { level, index };
  while (node.level < fork.level) {
    ids.push({ level: node.level, index: node.index % 2 === 0 ? node.index + 1 : node.index - 1 });
    node = { level: node.level + 1, index: Math.floor(node.index / 2) };
  }
  const rightStart = ids.length;
  ids.push(...rangeNodes(end, size).reverse()); // lower levels first, for the right-to-left fold
  const rightEnd = ids.length;
  ids.push(...rangeNodes(0, begin).reverse());
  return rightStart < rightEnd ? { ids, begin: rightStart, end: rightEnd } : { ids, begin: 0, end: 0 };
}

function skipFirst(nodes: ProofNodes): ProofNodes {
  const ids = nodes.ids.slice(1);
  return nodes.begin < nodes.end
    ? { ids, begin: nodes.begin - 1, end: nodes.end - 1 }
    : { ids, begin: 0, end: 0 };
}

/** The nodes of the RFC 9162 §2.1.3 inclusion proof of leaf `index` in the tree of `size`. */
export function inclusionNodes(index: number, size: number): ProofNodes {
  checkSize('index', index);
  checkSize('size', size);
  if (index >= size) throw new ProofError(`leaf ${index} is not in a tree of ${size} leaves`);
  return skipFirst(nodesFor(index, 0, size));
}

/**
 * The nodes of the RFC 9162 §2.1.4 consistency proof from size1 to size2. size1 = 0 is refused: the
 * empty tree is a prefix of every tree, so such a proof proves nothing (and verifiers reject it).
 */
export function consistencyNodes(size1: number, size2: number): ProofNodes {
  checkSize('size1', size1);
  checkSize('size2', size2);
  if (size1 > size2) throw new ProofError(`a tree of ${size1} leaves cannot be a prefix of one of ${size2}`);
  if (size1 === 0)
    throw new ProofError('a consistency proof from the empty tree proves nothing; start from size 1 or more');
  if (size1 === size2) return { ids: [], begin: 0, end: 0 };
  // The largest complete subtree ending at size1: the client knows it (it is the root itself when
  // size1 is a power of two); the proof is that node's inclusion path in the tree of size2.
  const level = trailingZeros(size1);
  const index = Math.floor((size1 - 1) / pow2(level));
  const nodes = nodesFor(index, level, size2);
  return index === 0 ? skipFirst(nodes) : nodes;
}

/** The final proof from the hashes of `nodes.ids` (same order): folds the ephemeral run. */
export function rehash(nodes: ProofNodes, hashes: readonly Uint8Array[]): Uint8Array[] {
  if (hashes.length !== nodes.ids.length) {
    throw new ProofError(`got ${hashes.length} hashes for ${nodes.ids.length} proof nodes`);
  }
  const proof: Uint8Array[] = [];
  for (let i = 0; i < hashes.length; i++) {
    if (i === nodes.begin && nodes.begin < nodes.end) {
      let h = hashes[i] as Uint8Array;
      for (i++; i < nodes.end; i++) h = nodeHash(hashes[i] as Uint8Array, h);
      i--;
      proof.push(h);
    } else {
      proof.push(hashes[i] as Uint8Array);
    }
  }
  return proof;
}

function checkProofHashes(proof: readonly Uint8Array[]): void {
  if (!Array.isArray(proof)) throw new ProofError('a proof is a list of hashes');
  proof.forEach((h, i) => {
    if (!(h instanceof Uint8Array) || h.length !== HASH_SIZE) {
      throw new ProofError(
        `proof hash ${i} is ${h instanceof Uint8Array ? h.length : 'not'} bytes, not ${HASH_SIZE}`,
      );
    }
  });
}

/**
 * An inclusion proof splits where the paths to leaf `index` and to the last leaf `size - 1` meet
 * (transparency-dev/merkle decompInclProof): `inner` hashes below that point, where the path's own
 * bit says left or right, then `border` hashes that are all left siblings.
 */
function decompose(index: number, size: number): { inner: number; border: number } {
  const inner = bitLengthOfXor(index, size - 1);
  return { inner, border: popCount(Math.floor(index / pow2(inner))) };
}

/** Hashes up from `seed` at position `index` of its level, the proof's side given by index's bits. */
function chainInner(seed: Uint8Array, proof: readonly Uint8Array[], index: number): Uint8Array {
  let hash = seed;
  let i = index;
  for (const h of proof) {
    hash = i % 2 === 0 ? nodeHash(hash, h) : nodeHash(h, hash);
    i = Math.floor(i / 2);
  }
  return hash;
}

/** Like chainInner, but only with the left siblings: the same subtree as it was at an earlier size. */
function chainInnerRight(seed: Uint8Array, proof: readonly Uint8Array[], index: number): Uint8Array {
  let hash = seed;
  let i = index;
  for (const h of proof) {
    if (i % 2 === 1) hash = nodeHash(h, hash);
    i = Math.floor(i / 2);
  }
  return hash;
}

function chainBorderRight(seed: Uint8Array, proof: readonly Uint8Array[]): Uint8Array {
  let hash = seed;
  for (const h of proof) hash = nodeHash(h, hash);
  return hash;
}

/** The root that an inclusion proof implies for leaf `index` in the tree of `size`. */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array {
  checkSize('index', index);
  checkSize('size', size);
  if (index >= size) throw new ProofError(`leaf ${index} is not in a tree of ${size} leaves`);
  if (!(leafHash instanceof Uint8Array) || leafHash.length !== HASH_SIZE) {
    throw new ProofError(`a leaf hash is ${HASH_SIZE} bytes`);
  }
  checkProofHashes(proof);
  const { inner, border } = decompose(index, size);
  if (proof.length !== inner + border) {
    throw new ProofError(
      `the proof has ${proof.length} hashes; leaf ${index} of ${size} needs ${inner + border}`,
    );
  }
  return chainBorderRight(chainInner(leafHash, proof.slice(0, inner), index), proof.slice(inner));
}

function rootMismatch(what: string, computed: Uint8Array, expected: Uint8Array): ProofError {
  return new ProofError(`${what}: computed ${toHex(computed)}, expected ${toHex(expected)}`);
}

/** RFC 9162 §2.1.3.2. Throws ProofError unless `proof` shows the leaf at `index` under `root`. */
export function verifyInclusion(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  const computed = rootFromInclusionProof(index, size, leafHash, proof);
  if (!equalBytes(computed, root)) {
    throw rootMismatch(`leaf ${index} is not in the tree of ${size} leaves with this root`, computed, root);
  }
}

/**
 * RFC 9162 §2.1.4.2. Throws ProofError unless the tree of size2 with root2 extends the tree of
 * size1 with root1. Accepts and rejects exactly as transparency-dev/merkle's test vectors require.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): void {
  checkSize('size1', size1);
  checkSize('size2', size2);
  if (size1 > size2) throw new ProofError(`a tree of ${size1} leaves cannot be a prefix of one of ${size2}`);
  if (size1 === 0) throw new ProofError('a consistency proof from the empty tree proves nothing');
  checkProofHashes(proof);
  if (size1 === size2) {
    if (proof.length !== 0) throw new ProofError('equal sizes need an empty proof');
    if (!equalBytes(root1, root2)) throw rootMismatch(`two different roots for size ${size1}`, root2, root1);
    return;
  }
  if (proof.length === 0) throw new ProofError('empty consistency proof');

  // The path from the older tree's last leaf, starting at the level of the largest complete subtree
  // that ends at size1 (its root is proof[0], or root1 itself when size1 is a power of two).
  const decomposition = decompose(size1 - 1, size2);
  const shift = trailingZeros(size1);
  const inner = decomposition.inner - shift;
  const ownRoot = size1 === pow2(shift);
  const seed = ownRoot ? root1 : (proof[0] as Uint8Array);
  const start = ownRoot ? 0 : 1;
  if (proof.length !== start + inner + decomposition.border) {
    throw new ProofError(
      `the proof has ${proof.length} hashes; sizes ${size1} → ${size2} need ${start + inner + decomposition.border}`,
    );
  }
  if (seed.length !== HASH_SIZE) throw new ProofError(`root1 is ${seed.length} bytes, not ${HASH_SIZE}`);
  const path = proof.slice(start, start + inner);
  const border = proof.slice(start + inner);
  const mask = Math.floor((size1 - 1) / pow2(shift));

  const computed1 = chainBorderRight(chainInnerRight(seed, path, mask), border);
  if (!equalBytes(computed1, root1)) throw rootMismatch(`root of size ${size1}`, computed1, root1);
  const computed2 = chainBorderRight(chainInner(seed, path, mask), border);
  if (!equalBytes(computed2, root2)) throw rootMismatch(`root of size ${size2}`, computed2, root2);
}
