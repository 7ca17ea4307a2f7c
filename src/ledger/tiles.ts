/**
 * The tree's interior nodes stored as tiles, as in C2SP tlog-tiles (https://c2sp.org/tlog-tiles):
 * tile height 8, width 256. Tile (L, N) holds the hashes of the tree nodes at level 8·L with indices
 * 256·N … 256·N + w − 1 (w ≤ 256; only the right-most tile of a level may be partial). Level-0 tiles
 * hold leaf hashes; the root of a full level-L tile (its 8-level subtree) is entry N mod 256 of tile
 * (L + 1, ⌊N / 256⌋). Every other node is hashed up from at most 128 entries of one tile.
 *
 * As in Tessera, the core is pure: `integrate` takes the new leaf hashes and a way to read tiles, and
 * returns the new size, root and changed tiles; the store only persists them.
 */
import { isSize, pow2 } from './bits.js';
import { EMPTY_ROOT, HASH_SIZE, equalBytes, nodeHash } from './hash.js';
import {
  consistencyNodes,
  foldRight,
  inclusionNodes,
  isCompleteNode,
  rangeNodes,
  rehash,
  type NodeId,
} from './tree.js';

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;

export interface TileId {
  level: number;
  index: number;
}

/** The key a store files a tile under, and the key of a TileReader's answer. */
export function tileKey(id: TileId): string {
  return `${id.level}/${id.index}`;
}

/** Returns the stored hashes of each requested tile, by tileKey; a missing key means not stored. */
export type TileReader = (ids: TileId[]) => Promise<Map<string, Uint8Array[]>>;

/**
 * The store lacks a tile (or part of one) that a tree of the given size must have: its tiles are
 * corrupt or behind its entries. Not a client error: answer 500 and have an operator run verify.
 */
export class TileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TileError';
  }
}

/** Nodes at tree level 8·level in a tree of `size` leaves. */
function nodesAtTileLevel(level: number, size: number): number {
  return Math.floor(size / pow2(TILE_HEIGHT * level));
}

/** How many entries tile `id` has in a tree of `size` leaves (0 when it does not exist yet). */
export function tileWidth(id: TileId, size: number): number {
  const count = nodesAtTileLevel(id.level, size) - id.index * TILE_WIDTH;
  return Math.max(0, Math.min(TILE_WIDTH, count));
}

/** The partial tiles at the right edge of a tree of `size`: what integrate reads before appending. */
export function rightEdgeTiles(size: number): TileId[] {
  if (!isSize(size))
    throw new TileError(`tree size must be a non-negative safe integer, not ${String(size)}`);
  const ids: TileId[] = [];
  for (let level = 0; ; level++) {
    const count = nodesAtTileLevel(level, size);
    if (count === 0) return ids;
    if (count % TILE_WIDTH !== 0) ids.push({ level, index: Math.floor(count / TILE_WIDTH) });
  }
}

/**
 * Reads tiles and checks each holds what the tree of `size` needs; returns exactly that prefix.
 * Tiles only ever grow, so a tile stored for a larger tree serves any smaller one.
 */
async function readTiles(ids: TileId[], size: number, read: TileReader): Promise<Map<string, Uint8Array[]>> {
  const out = new Map<string, Uint8Array[]>();
  if (ids.length === 0) return out;
  const stored = await read(ids);
  for (const id of ids) {
    const key = tileKey(id);
    out.set(key, checkedPrefix(id, stored.get(key), tileWidth(id, size), size));
  }
  return out;
}

function checkedPrefix(
  id: TileId,
  hashes: Uint8Array[] | undefined,
  width: number,
  size?: number,
): Uint8Array[] {
  const needs =
    size === undefined ? `a full tile needs ${width}` : `the tree of ${size} leaves needs ${width}`;
  if (hashes === undefined) {
    if (width === 0) return [];
    throw new TileError(`tile ${tileKey(id)} is missing; ${needs} entries`);
  }
  if (hashes.length < width || hashes.length > TILE_WIDTH) {
    throw new TileError(`tile ${tileKey(id)} holds ${hashes.length} hashes; ${needs}`);
  }
  for (let i = 0; i < width; i++) {
    const h = hashes[i];
    if (!(h instanceof Uint8Array) || h.length !== HASH_SIZE) {
      throw new TileError(`tile ${tileKey(id)} entry ${i} is not a ${HASH_SIZE}-byte hash`);
    }
  }
  return hashes.length === width ? hashes : hashes.slice(0, width);
}

/**
 * A compact range (the binary carry of RFC 9162 subtrees) that can be copied cheaply, so a right
 * edge kept between integrations is never changed by the next one.
 */
class EdgeRange {
  constructor(
    readonly hashes: Uint8Array[] = [],
    readonly levels: number[] = [],
  ) {}

  /**
   * Appends the `count`-th entry (1-based) of a tile; every node it completes is also written into
   * `interior` (the tile's nine levels, as buildInterior lays them out), so a finished tile needs no
   * second hashing.
   */
  append(hash: Uint8Array, interior?: Uint8Array, count = 0): void {
    let h = hash;
    let level = 0;
    const { hashes, levels } = this;
    while (levels.length > 0 && levels[levels.length - 1] === level) {
      levels.pop();
      h = nodeHash(hashes.pop() as Uint8Array, h);
      level++;
      interior?.set(h, (interiorStart(level) + count / pow2(level) - 1) * HASH_SIZE);
    }
    hashes.push(h);
    levels.push(level);
  }

  root(): Uint8Array {
    return foldRight(this.hashes) ?? EMPTY_ROOT;
  }

  copy(): EdgeRange {
    return new EdgeRange(this.hashes.slice(), this.levels.slice());
  }
}

/**
 * The right-most, growing tile of one level while integrating: its entries, their compact range, and
 * its interior levels as far as its entries complete them.
 */
class OpenTile {
  dirty = false;

  constructor(
    readonly level: number,
    readonly index: number,
    readonly hashes: Uint8Array[],
    readonly range: EdgeRange,
    readonly interior: Uint8Array,
  ) {}

  static empty(level: number, index: number): OpenTile {
    return new OpenTile(level, index, [], new EdgeRange(), new Uint8Array(INTERIOR_ENTRIES * HASH_SIZE));
  }

  static of(level: number, index: number, hashes: readonly Uint8Array[]): OpenTile {
    const tile = OpenTile.empty(level, index);
    for (const h of hashes) tile.add(h);
    return tile;
  }

  add(hash: Uint8Array): void {
    this.hashes.push(hash);
    this.interior.set(hash, (this.hashes.length - 1) * HASH_SIZE);
    this.range.append(hash, this.interior, this.hashes.length);
  }
}

/**
 * The right edge of a tree as integrate leaves it: for each level, the right-most tile's entries
 * and their compact range. Handing it to the next integrate of the same tree spares reading and
 * re-hashing the partial tiles. Opaque; integrate never changes one it is given.
 */
export interface RightEdge {
  readonly size: number;
  /** @internal */
  readonly open: readonly {
    index: number;
    hashes: readonly Uint8Array[];
    range: EdgeRange;
    interior: Uint8Array;
  }[];
}

export interface IntegrateResult {
  size: number;
  root: Uint8Array;
  /**
   * Every tile whose contents changed, complete (all its entries): upsert them by tileKey. A tile
   * this integrate filled comes with its interior (all nine levels), for TileCache.remember.
   */
  tiles: { id: TileId; hashes: Uint8Array[]; interior?: Uint8Array }[];
  /** The new right edge, for the next integrate of this tree (once these tiles are stored). */
  edge: RightEdge;
}

/**
 * Appends leaf hashes to the tree of `size` (Tessera's integrate): reads the right-edge tiles once,
 * and returns the new size, the new root and every changed tile. Batch-friendly: the cost is the
 * leaves plus at most one partial tile per level, whatever the batch size — and, given the right
 * edge the previous integrate returned for this very tree (`edge.size === size`), only the leaves.
 */
export async function integrate(
  size: number,
  newLeafHashes: Uint8Array[],
  read: TileReader,
  known?: RightEdge,
): Promise<IntegrateResult> {
  if (!isSize(size))
    throw new TileError(`tree size must be a non-negative safe integer, not ${String(size)}`);
  for (let i = 0; i < newLeafHashes.length; i++) {
    const h = newLeafHashes[i];
    if (!(h instanceof Uint8Array) || h.length !== HASH_SIZE)
      throw new TypeError(`new leaf hash ${i} is not ${HASH_SIZE} bytes`);
  }
  const newSize = size + newLeafHashes.length;
  if (!Number.isSafeInteger(newSize)) throw new TileError('the tree would outgrow 2^53 leaves');

  const open: OpenTile[] = [];
  if (known !== undefined && known.size === size) {
    known.open.forEach((t, level) =>
      open.push(new OpenTile(level, t.index, t.hashes.slice(), t.range.copy(), t.interior.slice())),
    );
  } else {
    const edge = await readTiles(rightEdgeTiles(size), size, read);
    for (let level = 0; nodesAtTileLevel(level, size) > 0; level++) {
      const index = Math.floor(nodesAtTileLevel(level, size) / TILE_WIDTH);
      open.push(OpenTile.of(level, index, [...(edge.get(tileKey({ level, index })) ?? [])]));
    }
  }

  const changed: IntegrateResult['tiles'] = [];
  const append = (level: number, hash: Uint8Array): void => {
    let tile = open[level];
    if (tile === undefined) {
      // A level's first node: its tile 0 starts now.
      tile = OpenTile.empty(level, 0);
      open[level] = tile;
    }
    tile.add(hash);
    tile.dirty = true;
    if (tile.hashes.length === TILE_WIDTH) {
      changed.push({ id: { level, index: tile.index }, hashes: tile.hashes, interior: tile.interior });
      open[level] = OpenTile.empty(level, tile.index + 1);
      append(level + 1, tile.range.root());
    }
  };
  for (const h of newLeafHashes) append(0, h);

  for (const tile of open) {
    if (tile.dirty && tile.hashes.length > 0) {
      changed.push({ id: { level: tile.level, index: tile.index }, hashes: tile.hashes.slice() });
    }
  }
  // The root folds the compact range of [0, newSize): the partial tiles' subtrees, top level first.
  const subtrees: Uint8Array[] = [];
  for (let level = open.length - 1; level >= 0; level--) {
    for (const hash of (open[level] as OpenTile).range.hashes) subtrees.push(hash);
  }
  return {
    size: newSize,
    root: foldRight(subtrees) ?? EMPTY_ROOT,
    tiles: changed,
    edge: {
      size: newSize,
      open: open.map((t) => ({ index: t.index, hashes: t.hashes, range: t.range, interior: t.interior })),
    },
  };
}

/** Where a node lives: tile (⌊h/8⌋, …) and the run of `count` entries it is hashed up from. */
function locate(id: NodeId): { tile: TileId; sublevel: number; offset: number; count: number } {
  const tileLevel = Math.floor(id.level / TILE_HEIGHT);
  const sublevel = id.level - tileLevel * TILE_HEIGHT;
  const first = id.index * pow2(sublevel);
  const index = Math.floor(first / TILE_WIDTH);
  return {
    tile: { level: tileLevel, index },
    sublevel,
    offset: first - index * TILE_WIDTH,
    count: pow2(sublevel),
  };
}

/** The subtree hash of a power-of-two run of tile entries. */
function hashRun(entries: readonly Uint8Array[], offset: number, count: number): Uint8Array {
  let level = entries.slice(offset, offset + count);
  while (level.length > 1) {
    const up: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2)
      up.push(nodeHash(level[i] as Uint8Array, level[i + 1] as Uint8Array));
    level = up;
  }
  // A single entry is the reader's own array: copy it, so that no caller can alter the reader's data.
  return count === 1 ? Uint8Array.prototype.slice.call(level[0] as Uint8Array) : (level[0] as Uint8Array);
}

/** A tile as nodeHashes sees it: its entries as read, or (from a TileCache) its interior levels. */
export interface TileView {
  hashes?: Uint8Array[];
  interior?: Uint8Array;
}

/**
 * Hashes of complete-subtree nodes of the tree of `size`, computed from tiles; each tile is read once
 * per call. Throws TileError when the store lacks what the tree needs.
 */
export async function nodeHashes(ids: NodeId[], size: number, read: TileReader): Promise<Uint8Array[]> {
  if (!isSize(size))
    throw new TileError(`tree size must be a non-negative safe integer, not ${String(size)}`);
  const places = ids.map((id) => {
    if (!isSize(id.level) || !isSize(id.index) || !isCompleteNode(id, size)) {
      throw new TileError(
        `node ${id.level}/${id.index} is not a complete subtree of the tree of ${size} leaves`,
      );
    }
    return locate(id);
  });
  const wanted = new Map<string, TileId>();
  for (const p of places) wanted.set(tileKey(p.tile), p.tile);
  const tiles = [...wanted.values()];
  const cache = caches.get(read);
  const views: Map<string, TileView> = cache
    ? await cache.views(tiles, size)
    : new Map([...(await readTiles(tiles, size, read))].map(([key, hashes]) => [key, { hashes }]));
  return places.map((p) => {
    const view = views.get(tileKey(p.tile)) as TileView;
    if (view.interior) return interiorNode(view.interior, p.sublevel, p.offset / p.count);
    return hashRun(view.hashes as Uint8Array[], p.offset, p.count);
  });
}

/** RFC 9162 root of the tree of `size`, from its tiles. */
export async function treeRoot(size: number, read: TileReader): Promise<Uint8Array> {
  if (size === 0) return EMPTY_ROOT;
  return foldRight(await nodeHashes(rangeNodes(0, size), size, read)) ?? EMPTY_ROOT;
}

/** RFC 9162 §2.1.3 inclusion proof of leaf `index` in the tree of `size`, from tiles. */
export async function inclusionProofFromTiles(
  index: number,
  size: number,
  read: TileReader,
): Promise<Uint8Array[]> {
  const nodes = inclusionNodes(index, size);
  return rehash(nodes, await nodeHashes(nodes.ids, size, read));
}

/** RFC 9162 §2.1.4 consistency proof from size1 to size2 (0 < size1 ≤ size2), from tiles. */
export async function consistencyProofFromTiles(
  size1: number,
  size2: number,
  read: TileReader,
): Promise<Uint8Array[]> {
  const nodes = consistencyNodes(size1, size2);
  return rehash(nodes, await nodeHashes(nodes.ids, size2, read));
}

// A full tile's nine levels in one buffer: level k (256 >> k entries) starts at entry 512 − 2^(9−k).
const INTERIOR_ENTRIES = 2 * TILE_WIDTH - 1;

function interiorStart(sublevel: number): number {
  return 2 * TILE_WIDTH - pow2(TILE_HEIGHT + 1 - sublevel);
}

/** The interior of the first `width` entries of a tile: at each level, the complete nodes only. */
function buildInterior(hashes: readonly Uint8Array[], width = TILE_WIDTH): Uint8Array {
  const flat = new Uint8Array(INTERIOR_ENTRIES * HASH_SIZE);
  for (let i = 0; i < width; i++) flat.set(hashes[i] as Uint8Array, i * HASH_SIZE);
  for (let sublevel = 1; sublevel <= TILE_HEIGHT; sublevel++) {
    const below = interiorStart(sublevel - 1);
    const start = interiorStart(sublevel);
    const complete = Math.floor(width / pow2(sublevel));
    for (let i = 0; i < complete; i++) {
      const left = flat.subarray((below + 2 * i) * HASH_SIZE, (below + 2 * i + 1) * HASH_SIZE);
      const right = flat.subarray((below + 2 * i + 1) * HASH_SIZE, (below + 2 * i + 2) * HASH_SIZE);
      flat.set(nodeHash(left, right), (start + i) * HASH_SIZE);
    }
  }
  return flat;
}

/** True when `interior` is a whole tile's nine levels whose first level is exactly `entries`. */
function holdsEntries(interior: Uint8Array, entries: readonly Uint8Array[]): boolean {
  if (interior.length !== INTERIOR_ENTRIES * HASH_SIZE) return false;
  return entries.every((h, i) => equalBytes(h, interior.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE)));
}

/** A copy, so that no caller can alter the cache through a returned hash. */
function interiorNode(flat: Uint8Array, sublevel: number, index: number): Uint8Array {
  const at = (interiorStart(sublevel) + index) * HASH_SIZE;
  return flat.slice(at, at + HASH_SIZE);
}

const caches = new WeakMap<TileReader, TileCache>();

/**
 * An LRU of tiles with all their interior levels computed once, wrapping a TileReader. Pass
 * `cache.reader` wherever a TileReader goes; nodeHashes and the proof functions recognise it and
 * take interior nodes without hashing.
 *
 * Full tiles (256 entries) never change, and serve every tree size. A partial tile is still growing,
 * so it is never cached as final: only its prefix as seen at one tree size, keyed by that width, in
 * a small separate LRU — every proof at the current size shares the same right edge.
 *
 * Use one cache per log, and never let it see a tile from a transaction that has not committed.
 */
export class TileCache {
  readonly reader: TileReader;
  private readonly full = new Map<string, Uint8Array>();
  private readonly partial = new Map<string, Uint8Array>();
  hits = 0;
  misses = 0;

  constructor(
    private readonly source: TileReader,
    readonly maxTiles = 4096, // 16 KiB each (all nine levels): 64 MiB, every full tile of a 1,000,000-entry log
    readonly maxPartialTiles = 32,
  ) {
    if (
      !Number.isSafeInteger(maxTiles) ||
      maxTiles < 1 ||
      !Number.isSafeInteger(maxPartialTiles) ||
      maxPartialTiles < 0
    ) {
      throw new RangeError('a tile cache holds at least one full tile');
    }
    this.reader = async (ids) => {
      const out = new Map<string, Uint8Array[]>();
      const missing: TileId[] = [];
      for (const id of ids) {
        const interior = this.lookup(this.full, tileKey(id));
        if (interior) out.set(tileKey(id), tileEntries(interior));
        else missing.push(id);
      }
      this.hits += ids.length - missing.length;
      this.misses += missing.length;
      if (missing.length > 0) {
        for (const [key, hashes] of await this.source(missing)) {
          const id = missing.find((m) => tileKey(m) === key);
          if (id !== undefined && hashes.length === TILE_WIDTH) {
            this.put(this.full, key, buildInterior(checkedPrefix(id, hashes, TILE_WIDTH)), this.maxTiles);
          }
          out.set(key, hashes);
        }
      }
      return out;
    };
    caches.set(this.reader, this);
  }

  /** Full tiles held. */
  get size(): number {
    return this.full.size;
  }

  /**
   * Offer a full tile that is durably stored (after its transaction committed), with the interior
   * integrate computed for it when there is one (else it is hashed here). Partial tiles are ignored.
   */
  remember(id: TileId, hashes: Uint8Array[], interior?: Uint8Array): void {
    if (hashes.length !== TILE_WIDTH) return;
    const entries = checkedPrefix(id, hashes, TILE_WIDTH);
    const levels = interior !== undefined && holdsEntries(interior, entries) ? interior.slice() : undefined;
    this.put(this.full, tileKey(id), levels ?? buildInterior(entries), this.maxTiles);
  }

  clear(): void {
    this.full.clear();
    this.partial.clear();
  }

  /** The tiles as the tree of `size` needs them, with their interiors; reads the missing ones at once. */
  async views(ids: TileId[], size: number): Promise<Map<string, TileView>> {
    const out = new Map<string, TileView>();
    const missing: TileId[] = [];
    for (const id of ids) {
      const key = tileKey(id);
      const width = tileWidth(id, size);
      // A full tile serves any width: every tree size sees a prefix of it.
      const interior =
        this.lookup(this.full, key) ??
        (width < TILE_WIDTH ? this.lookup(this.partial, `${key}@${width}`) : undefined);
      if (interior) out.set(key, { interior });
      else missing.push(id);
    }
    this.hits += ids.length - missing.length;
    this.misses += missing.length;
    if (missing.length === 0) return out;
    const stored = await this.source(missing);
    for (const id of missing) {
      const key = tileKey(id);
      const width = tileWidth(id, size);
      const hashes = checkedPrefix(id, stored.get(key), width, size);
      let interior: Uint8Array;
      if (stored.get(key)?.length === TILE_WIDTH) {
        interior = buildInterior(checkedPrefix(id, stored.get(key), TILE_WIDTH));
        this.put(this.full, key, interior, this.maxTiles);
      } else {
        interior = buildInterior(hashes, width);
        this.put(this.partial, `${key}@${width}`, interior, this.maxPartialTiles);
      }
      out.set(key, { interior });
    }
    return out;
  }

  private lookup(map: Map<string, Uint8Array>, key: string): Uint8Array | undefined {
    const interior = map.get(key);
    if (interior === undefined) return undefined;
    map.delete(key); // re-insert: a Map's order is the recency order
    map.set(key, interior);
    return interior;
  }

  private put(map: Map<string, Uint8Array>, key: string, interior: Uint8Array, max: number): void {
    map.delete(key);
    if (max === 0) return;
    map.set(key, interior);
    while (map.size > max) map.delete(map.keys().next().value as string);
  }
}

function tileEntries(interior: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < TILE_WIDTH; i++) out.push(interior.slice(i * HASH_SIZE, (i + 1) * HASH_SIZE));
  return out;
}
