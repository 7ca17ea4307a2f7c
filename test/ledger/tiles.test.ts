import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { leafHash, toHex } from '../../src/ledger/hash.js';
import {
  TILE_HEIGHT,
  TILE_WIDTH,
  TileCache,
  TileError,
  consistencyProofFromTiles,
  inclusionProofFromTiles,
  integrate,
  nodeHashes,
  rightEdgeTiles,
  type RightEdge,
  tileKey,
  treeRoot,
  type TileId,
  type TileReader,
} from '../../src/ledger/tiles.js';
import { ProofError, rootFromLeafHashes, verifyConsistency, verifyInclusion } from '../../src/ledger/tree.js';
import { mth } from './oracle.js';

/** A store's tile table in memory, counting reads, upserting what integrate returns. */
class MemoryTiles {
  readonly tiles = new Map<string, Uint8Array[]>();
  size = 0;
  root: Uint8Array = rootFromLeafHashes([]);
  reads = 0;
  requested: string[] = [];

  readonly read: TileReader = async (ids) => {
    this.reads++;
    this.requested.push(...ids.map(tileKey));
    const out = new Map<string, Uint8Array[]>();
    for (const id of ids) {
      const hashes = this.tiles.get(tileKey(id));
      if (hashes) out.set(tileKey(id), hashes);
    }
    return out;
  };

  async append(leaves: Uint8Array[]): Promise<void> {
    const result = await integrate(this.size, leaves, this.read);
    for (const t of result.tiles) this.tiles.set(tileKey(t.id), t.hashes);
    this.size = result.size;
    this.root = result.root;
  }
}

const leaves = (n: number, salt = 0): Uint8Array[] =>
  Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`leaf ${salt}/${i}`)));

/** Splits n into batches of the given sizes (cycling), e.g. [1, 300, 7]. */
function batches<T>(items: T[], sizes: number[]): T[][] {
  const out: T[][] = [];
  for (let i = 0, k = 0; i < items.length; k++) {
    const n = Math.max(1, sizes[k % sizes.length] as number);
    out.push(items.slice(i, i + n));
    i += n;
  }
  return out;
}

const flip = (h: Uint8Array, bit: number): Uint8Array => {
  const copy = Buffer.from(h);
  copy[bit >> 3] = (copy[bit >> 3] as number) ^ (1 << (bit & 7));
  return copy;
};

describe('integrate (C2SP tlog-tiles layout)', () => {
  test('for random leaves in random batch splits, the root is rootFromLeafHashes and tiles hold the tree’s nodes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 700 }),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 6 }),
        async (n, sizes) => {
          const all = leaves(n, sizes[0]);
          const store = new MemoryTiles();
          let done = 0;
          for (const batch of batches(all, sizes)) {
            await store.append(batch);
            done += batch.length;
            expect(store.size).toBe(done);
            expect(toHex(store.root)).toBe(toHex(rootFromLeafHashes(all.slice(0, done))));
          }
          // Every stored tile entry is the tree node at level 8·L it claims to be.
          for (const [key, hashes] of store.tiles) {
            const [level, index] = key.split('/').map(Number) as [number, number];
            const width = TILE_WIDTH ** level;
            hashes.forEach((h, i) => {
              const first = (index * TILE_WIDTH + i) * width;
              expect(toHex(h)).toBe(toHex(mth(all.slice(first, first + width))));
            });
          }
          expect(toHex(await treeRoot(n, store.read))).toBe(toHex(store.root));
        },
      ),
      { numRuns: 40 },
    );
  });

  test('given the right edge the previous integrate returned, it reads no tile and returns the same tiles and root', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 700 }),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 6 }),
        async (n, sizes) => {
          const all = leaves(n, sizes[0]);
          const cold = new MemoryTiles();
          const warm = new MemoryTiles();
          let edge: RightEdge | undefined;
          for (const batch of batches(all, sizes)) {
            await cold.append(batch);
            const reads = warm.reads;
            const result = await integrate(warm.size, batch, warm.read, edge);
            if (edge !== undefined) expect(warm.reads).toBe(reads);
            for (const t of result.tiles) warm.tiles.set(tileKey(t.id), t.hashes);
            warm.size = result.size;
            warm.root = result.root;
            edge = result.edge;
            expect(toHex(warm.root)).toBe(toHex(cold.root));
          }
          expect([...warm.tiles].map(([k, v]) => [k, v.map(toHex)])).toEqual(
            [...cold.tiles].map(([k, v]) => [k, v.map(toHex)]),
          );
          // An edge of another tree size is ignored: the tiles are read instead.
          if (edge !== undefined && n > 0) {
            const stale = await integrate(n - 1, all.slice(n - 1), warm.read, edge);
            expect(toHex(stale.root)).toBe(toHex(cold.root));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  test('a tile integrate completes comes with its interior: every node of it, as proofs need them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 256, max: 1300 }),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        async (n, sizes, withEdge) => {
          const all = leaves(n, sizes[0]);
          const store = new MemoryTiles();
          // The cache may not read: every full tile it serves comes from what integrate handed over.
          const cache = new TileCache(() => Promise.reject(new Error('read a tile')), 64);
          const remembered: string[] = [];
          let edge: RightEdge | undefined;
          for (const batch of batches(all, sizes)) {
            const result = await integrate(store.size, batch, store.read, withEdge ? edge : undefined);
            for (const t of result.tiles) {
              store.tiles.set(tileKey(t.id), t.hashes);
              if (t.hashes.length === TILE_WIDTH) {
                expect(t.interior).toBeInstanceOf(Uint8Array);
                cache.remember(t.id, t.hashes, t.interior);
                remembered.push(tileKey(t.id));
              }
            }
            store.size = result.size;
            edge = result.edge;
          }
          expect(remembered).toContain('0/0');
          // Nodes wholly inside full tiles, at every height within a tile (the 8th is the next level's
          // entry): from the cache's interiors.
          const full = Math.floor(n / TILE_WIDTH) * TILE_WIDTH;
          for (let level = 0; level < TILE_HEIGHT; level++) {
            const width = 2 ** level;
            const ids = [0, full / width - 1, Math.floor(full / width / 2)].map((index) => ({
              level,
              index,
            }));
            const got = await nodeHashes(ids, full, cache.reader);
            const want = ids.map(({ index }) => mth(all.slice(index * width, (index + 1) * width)));
            expect(got.map(toHex)).toEqual(want.map(toHex));
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  test('an interior that does not hold the tile it is offered with is not taken: the cache hashes the tile itself', async () => {
    const store = new MemoryTiles();
    const all = leaves(256);
    await store.append(all);
    const cache = new TileCache(() => Promise.reject(new Error('read a tile')));
    const wrong = new Uint8Array(511 * 32).fill(7);
    cache.remember({ level: 0, index: 0 }, store.tiles.get('0/0') as Uint8Array[], wrong);
    const root = rootFromLeafHashes(all);
    for (const index of [0, 128, 255]) {
      const proof = await inclusionProofFromTiles(index, 256, cache.reader);
      verifyInclusion(index, 256, all[index] as Uint8Array, proof, root);
    }
  });

  test('reads only the right-edge tiles, once per call, and returns only changed tiles', async () => {
    const store = new MemoryTiles();
    await store.append(leaves(256 * 256 + 3 * 256 + 5));
    expect(rightEdgeTiles(store.size)).toEqual([
      { level: 0, index: 256 + 3 },
      { level: 1, index: 1 },
      { level: 2, index: 0 },
    ]);
    store.reads = 0;
    store.requested = [];
    const result = await integrate(store.size, leaves(1, 9), store.read);
    expect(store.reads).toBe(1);
    expect(store.requested).toEqual(['0/259', '1/1', '2/0']);
    expect(result.tiles.map((t) => tileKey(t.id))).toEqual(['0/259']);
    expect(result.tiles[0]?.hashes.length).toBe(6);
    expect(rightEdgeTiles(0)).toEqual([]);
    expect(rightEdgeTiles(256)).toEqual([{ level: 1, index: 0 }]);
  });

  test('a tree of 70,000 leaves (three tile levels) appended in uneven batches has the right root', async () => {
    const all = leaves(70_000, 3);
    const store = new MemoryTiles();
    for (const batch of batches(all, [1, 4096, 255, 257, 10_000, 3])) await store.append(batch);
    expect(toHex(store.root)).toBe(toHex(rootFromLeafHashes(all)));
    expect(store.tiles.get('2/0')?.length).toBe(1);
    expect(toHex(store.tiles.get('2/0')?.[0] as Uint8Array)).toBe(
      toHex(rootFromLeafHashes(all.slice(0, 65_536))),
    );
  });

  test('a missing or short tile is a TileError, not a wrong root', async () => {
    const store = new MemoryTiles();
    await store.append(leaves(300));
    store.tiles.delete('0/1');
    await expect(integrate(300, leaves(1), store.read)).rejects.toThrow(TileError);
    await expect(treeRoot(300, store.read)).rejects.toThrow(TileError);
    store.tiles.set('0/1', leaves(10));
    await expect(integrate(300, leaves(1), store.read)).rejects.toThrow(/holds 10 hashes/);
    await expect(integrate(300, [new Uint8Array(31)], store.read)).rejects.toThrow(TypeError);
  });
});

describe('proofs from tiles', () => {
  test('every inclusion and consistency proof from tiles verifies; one flipped bit in proof, leaf or root fails', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 600 }),
        fc.array(fc.integer({ min: 1, max: 260 }), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        fc.nat(),
        fc.nat({ max: 255 }),
        fc.constantFrom('proof', 'leaf', 'root'),
        async (n, sizes, a, b, bit, what) => {
          const all = leaves(n, n);
          const store = new MemoryTiles();
          for (const batch of batches(all, sizes)) await store.append(batch);
          // Proofs at an older size too: tiles only grow, so they serve every earlier tree.
          const size = 1 + (b % n);
          const index = a % size;
          const root = rootFromLeafHashes(all.slice(0, size));
          const proof = await inclusionProofFromTiles(index, size, store.read);
          verifyInclusion(index, size, all[index] as Uint8Array, proof, root);

          const size1 = 1 + (a % size);
          const root1 = rootFromLeafHashes(all.slice(0, size1));
          const cproof = await consistencyProofFromTiles(size1, size, store.read);
          verifyConsistency(size1, size, cproof, root1, root);

          if (what === 'proof' && proof.length > 0) {
            const k = b % proof.length;
            const bad = proof.map((h, i) => (i === k ? flip(h, bit) : h));
            expect(() => verifyInclusion(index, size, all[index] as Uint8Array, bad, root)).toThrow(
              ProofError,
            );
          } else if (what === 'leaf') {
            expect(() =>
              verifyInclusion(index, size, flip(all[index] as Uint8Array, bit), proof, root),
            ).toThrow(ProofError);
          } else {
            expect(() =>
              verifyInclusion(index, size, all[index] as Uint8Array, proof, flip(root, bit)),
            ).toThrow(ProofError);
          }
          if (size1 < size) {
            const k = b % cproof.length;
            const bad = cproof.map((h, i) => (i === k ? flip(h, bit) : h));
            expect(() => verifyConsistency(size1, size, bad, root1, root)).toThrow(ProofError);
            expect(() => verifyConsistency(size1, size, cproof, flip(root1, bit), root)).toThrow(ProofError);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  test('nodeHashes reads each tile once per call and refuses nodes the tree does not have', async () => {
    const store = new MemoryTiles();
    await store.append(leaves(1000));
    store.reads = 0;
    store.requested = [];
    const ids = [
      { level: 0, index: 3 },
      { level: 7, index: 0 },
      { level: 7, index: 1 },
      { level: 9, index: 0 },
    ];
    const got = await nodeHashes(ids, 1000, store.read);
    expect(store.reads).toBe(1);
    expect(store.requested.sort()).toEqual(['0/0', '1/0']);
    const all = leaves(1000);
    expect(got.map(toHex)).toEqual(
      [mth(all.slice(3, 4)), mth(all.slice(0, 128)), mth(all.slice(128, 256)), mth(all.slice(0, 512))].map(
        toHex,
      ),
    );
    await expect(nodeHashes([{ level: 3, index: 125 }], 1000, store.read)).rejects.toThrow(TileError);
    await expect(nodeHashes([{ level: 10, index: 0 }], 1000, store.read)).rejects.toThrow(TileError);
  });

  test('TILE_HEIGHT and TILE_WIDTH are the C2SP values', () => {
    expect([TILE_HEIGHT, TILE_WIDTH]).toEqual([8, 256]);
  });
});

describe('TileCache', () => {
  test('serves full tiles from memory; a partial tile only as the prefix one tree size saw', async () => {
    const store = new MemoryTiles();
    const all = leaves(256 * 3 + 17);
    await store.append(all.slice(0, 256 * 3 + 10));
    const cache = new TileCache(store.read, 16);
    const prove = async (size: number) => {
      const root = rootFromLeafHashes(all.slice(0, size));
      for (const index of [0, 300, 700, size - 1]) {
        const proof = await inclusionProofFromTiles(index, size, cache.reader);
        verifyInclusion(index, size, all[index] as Uint8Array, proof, root);
      }
    };
    await prove(256 * 3 + 10);
    expect(cache.size).toBe(3); // 0/0, 0/1 and 0/2: full; 0/3 and 1/0 are partial
    store.requested = [];
    await prove(256 * 3 + 10);
    expect(store.requested).toEqual([]); // everything this size needs is in memory
    // The tree grows: the partial tiles grew too, and must be read again, never served stale.
    await store.append(all.slice(256 * 3 + 10));
    store.requested = [];
    await prove(all.length);
    expect(store.requested).toEqual(['0/3']); // 1/0 still has 3 entries: its cached prefix holds
    expect(cache.hits).toBeGreaterThan(cache.misses);
  });

  test('neither the cache nor the store can be altered through the hashes handed out', async () => {
    const store = new MemoryTiles();
    const all = leaves(600);
    await store.append(all);
    const cache = new TileCache(store.read);
    const root = rootFromLeafHashes(all);
    const proof = await inclusionProofFromTiles(5, 600, cache.reader);
    for (const h of proof) h.fill(0);
    const tiles = await cache.reader([{ level: 0, index: 0 }]);
    tiles.get('0/0')?.[0]?.fill(0);
    verifyInclusion(5, 600, all[5] as Uint8Array, await inclusionProofFromTiles(5, 600, cache.reader), root);
  });

  test('evicts the least recently used tile beyond its capacity', async () => {
    const store = new MemoryTiles();
    await store.append(leaves(256 * 4));
    const cache = new TileCache(store.read, 2);
    const get = (index: number) => cache.reader([{ level: 0, index }]);
    await get(0);
    await get(1);
    await get(0); // 0 is now the most recent
    await get(2); // evicts 1
    store.requested = [];
    await get(0);
    await get(1);
    expect(store.requested).toEqual(['0/1']);
    expect(cache.size).toBe(2);
  });

  test('a remembered tile serves entries and proofs from memory, unaltered by what the caller does with its hashes', async () => {
    const store = new MemoryTiles();
    const all = leaves(256 * 3);
    await store.append(all);
    const cache = new TileCache(store.read, 2);
    const offered = (index: number) =>
      (store.tiles.get(`0/${index}`) as Uint8Array[]).map((h) => new Uint8Array(h)); // a copy (Buffer.slice would share);
    const first = offered(0);
    cache.remember({ level: 0, index: 0 }, first);
    for (const h of first) h.fill(0); // the sequencer's buffers may be reused; the cache must not see it
    store.requested = [];
    // Entries first (no interior needed), then proofs (the levels above hashed on first use).
    const entries = await cache.reader([{ level: 0, index: 0 }]);
    expect(entries.get('0/0')?.map(toHex)).toEqual(all.slice(0, 256).map(toHex));
    const root = rootFromLeafHashes(all.slice(0, 256));
    for (const index of [0, 77, 255]) {
      const proof = await inclusionProofFromTiles(index, 256, cache.reader);
      verifyInclusion(index, 256, all[index] as Uint8Array, proof, root);
    }
    expect(store.requested).toEqual([]);
    // Evicted, a remembered tile is simply read again.
    cache.remember({ level: 0, index: 1 }, offered(1));
    cache.remember({ level: 0, index: 2 }, offered(2));
    expect(cache.size).toBe(2);
    const root3 = rootFromLeafHashes(all);
    for (const index of [5, 300, 700]) {
      const proof = await inclusionProofFromTiles(index, all.length, cache.reader);
      verifyInclusion(index, all.length, all[index] as Uint8Array, proof, root3);
    }
    expect(store.requested).toContain('0/0');
  });

  test('remember() takes only full tiles, and the cache answers for smaller trees with a prefix', async () => {
    const store = new MemoryTiles();
    const all = leaves(512);
    await store.append(all);
    const cache = new TileCache(store.read);
    const id: TileId = { level: 0, index: 0 };
    cache.remember({ level: 0, index: 1 }, (store.tiles.get('0/1') as Uint8Array[]).slice(0, 10));
    cache.remember(id, store.tiles.get('0/0') as Uint8Array[]);
    expect(cache.size).toBe(1);
    // A tree of 100 leaves uses the first 100 entries of the cached full tile.
    expect(toHex(await treeRoot(100, cache.reader))).toBe(toHex(rootFromLeafHashes(all.slice(0, 100))));
    expect(toHex(await treeRoot(512, cache.reader))).toBe(toHex(rootFromLeafHashes(all)));
  });
});
