/**
 * Live verification of a store (`habeas verify --data`): one pass over a snapshot of the database,
 * in seq order, with memory for one page, the open tiles and the stream versions.
 *
 * It recomputes every leaf from the stored entry row and compares it with the level-0 tiles,
 * recomputes the interior tiles and the root at every stored checkpoint (whose signature it checks
 * against the data directory's verifier key), checks every payload digest, that seq and each
 * stream's versions run without gaps, and that the chain a stream is read by (each entry's `prev`,
 * and the `streams` row at its end) agrees with the entries' own stream and version, which the
 * leaves cover. The first failure is the report, in plain words.
 */
import type { Kysely } from 'kysely';
import { parseCheckpoint } from '../ledger/checkpoint.js';
import { entryLeafHash, payloadDigestOfText } from '../ledger/entry.js';
import { EMPTY_ROOT, equalBytes } from '../ledger/hash.js';
import { openNote, verifierFromKey, type NoteVerifier } from '../ledger/note.js';
import { TILE_WIDTH } from '../ledger/tiles.js';
import { CompactRange, foldRight } from '../ledger/tree.js';
import type { Database } from './database.js';
import type { EngineAdapter } from './dialect.js';
import type { CheckpointRow } from './schema/ledger.js';
import { splitHashes } from './tile-store.js';
import type { Progress, StoreVerifyReport } from './types.js';

type Failure = Extract<StoreVerifyReport, { ok: false }>;

/** Entries per page: a multiple of the tile width, so each page reads whole level-0 tiles. */
const PAGE = 16 * TILE_WIDTH;
const CHECKPOINT_PAGE = 1000;

export interface LogIdentity {
  origin: string;
  verifierKey: string;
}

export function verifyLog(
  adapter: EngineAdapter,
  identity: LogIdentity,
  onProgress?: Progress,
): Promise<StoreVerifyReport> {
  return adapter.readSnapshot(async (trx) => {
    try {
      return await new Verification(trx, identity, onProgress).run();
    } catch (error) {
      if (error instanceof VerifyFailure) return error.failure;
      throw error;
    }
  });
}

/** Thrown inside the pass to stop at the first failure. */
class VerifyFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.problem);
  }
}

function fail(problem: string, seq?: number): never {
  throw new VerifyFailure(seq === undefined ? { ok: false, problem } : { ok: false, seq, problem });
}

/**
 * The tree rebuilt leaf by leaf the way the tiles store it: one compact range per tile level for
 * the open tile; each time a tile fills, its root becomes the next entry one tile level up, which
 * is handed to `check` against what the stored tile says.
 */
class TiledTree {
  private readonly open: { range: CompactRange; count: number; index: number }[] = [];

  constructor(private readonly check: (level: number, position: number, hash: Uint8Array) => void) {}

  append(leafHash: Uint8Array): void {
    this.push(0, leafHash);
  }

  private push(level: number, hash: Uint8Array): void {
    let tile = this.open[level];
    if (tile === undefined) {
      tile = { range: new CompactRange(), count: 0, index: 0 };
      this.open[level] = tile;
    }
    tile.range.append(hash);
    tile.count++;
    if (tile.count === TILE_WIDTH) {
      const root = tile.range.root();
      this.open[level] = { range: new CompactRange(), count: 0, index: tile.index + 1 };
      this.check(level + 1, tile.index, root);
      this.push(level + 1, root);
    }
  }

  /** RFC 9162 root of the leaves so far: the open tiles' subtrees, top level first, folded right. */
  root(): Uint8Array {
    const subtrees: Uint8Array[] = [];
    for (let level = this.open.length - 1; level >= 0; level--) {
      for (const node of (this.open[level] as { range: CompactRange }).range.nodes())
        subtrees.push(node.hash);
    }
    return foldRight(subtrees) ?? EMPTY_ROOT;
  }
}

class Verification {
  private readonly verifier: NoteVerifier;
  /** Each stream's next version and the seq of its last entry (-1: none yet). */
  private readonly streams = new Map<string, { version: number; last: number }>();
  /** The stored tile last read at each level ≥ 1, for checking interior nodes as they form. */
  private readonly upperTiles = new Map<number, { index: number; hashes: Uint8Array[] }>();
  private readonly pendingUpper: { level: number; position: number; hash: Uint8Array }[] = [];
  private readonly tree = new TiledTree((level, position, hash) =>
    this.pendingUpper.push({ level, position, hash }),
  );
  /** A page of checkpoints in size order; `next` indexes the first not yet checked. */
  private checkpoints: CheckpointRow[] = [];
  private next = 0;
  private checkpointsExhausted = false;
  private size = 0;
  private checkpointCount = 0;
  private digestsChecked = 0;

  constructor(
    private readonly trx: Kysely<Database>,
    private readonly identity: LogIdentity,
    private readonly onProgress: Progress | undefined,
  ) {
    this.verifier = verifierFromKey(identity.verifierKey);
  }

  async run(): Promise<StoreVerifyReport> {
    const { trx } = this;
    const head = await trx
      .selectFrom('log_state')
      .select(['size', 'root'])
      .where('id', '=', 1)
      .executeTakeFirst();
    if (!head) fail('the log head (log_state) is missing');
    const size = head.size;
    this.size = size;

    const largest = await trx
      .selectFrom('checkpoints')
      .select((eb) => eb.fn.max('size').as('size'))
      .executeTakeFirst();
    if (largest?.size != null && Number(largest.size) > size) {
      fail(
        `a checkpoint signed the log at ${Number(largest.size)} entries but it now has ${size}: entries from ${size} on were removed (truncation)`,
        size,
      );
    }
    const beyond = await trx
      .selectFrom('entries')
      .select('seq')
      .where((eb) => eb.or([eb('seq', '>=', size), eb('seq', '<', 0)]))
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst();
    if (beyond)
      fail(
        `entry ${beyond.seq} lies outside the log of ${size} entries: it was inserted behind the log's back`,
        beyond.seq,
      );

    await this.checkCheckpointsAt(0, EMPTY_ROOT);
    this.onProgress?.(0, size);
    for (let lo = 0; lo < size; lo += PAGE) {
      const hi = Math.min(lo + PAGE, size);
      await this.verifyPage(lo, hi);
      this.onProgress?.(hi, size);
    }

    if (!equalBytes(this.tree.root(), head.root)) {
      fail(
        `the log head's root does not match the root of its ${size} entries: the head or the tree was altered`,
      );
    }
    await this.checkTileShape(size);
    await this.checkStreamHeads();
    return { ok: true, size, checkpoints: this.checkpointCount, digestsChecked: this.digestsChecked };
  }

  private async verifyPage(lo: number, hi: number): Promise<void> {
    const rows = await this.trx
      .selectFrom('entries as e')
      .leftJoin('payloads as p', 'p.seq', 'e.seq')
      .select([
        'e.seq',
        'e.at',
        'e.stream',
        'e.version',
        'e.type',
        'e.actor',
        'e.digest',
        'e.prev',
        'p.seq as payload_seq',
        'p.payload',
        'p.salt',
        'p.erased',
      ])
      .where('e.seq', '>=', lo)
      .where('e.seq', '<', hi)
      .orderBy('e.seq')
      .execute();
    const leafTiles = new Map<number, Uint8Array[]>();
    const tileRows = await this.trx
      .selectFrom('tiles')
      .select(['idx', 'hashes'])
      .where('level', '=', 0)
      .where('idx', '>=', Math.floor(lo / TILE_WIDTH))
      .where('idx', '<=', Math.floor((hi - 1) / TILE_WIDTH))
      .execute();
    for (const row of tileRows) leafTiles.set(row.idx, splitHashes(row.hashes));

    for (let seq = lo, i = 0; seq < hi; seq++, i++) {
      const row = rows[i];
      if (row === undefined || row.seq !== seq) {
        fail(
          `entry ${seq} is missing: the log has ${this.size} entries, so it was deleted or renumbered`,
          seq,
        );
      }
      const entry = {
        seq: row.seq,
        at: row.at,
        stream: row.stream,
        version: row.version,
        type: row.type,
        actor: row.actor,
        digest: row.digest,
      };
      const stream = this.streams.get(entry.stream) ?? { version: 0, last: -1 };
      if (entry.version !== stream.version) {
        fail(
          `entry ${seq} says it is event ${entry.version} of stream ${entry.stream}, but that stream has ${stream.version} events before it: an event was removed, reordered or inserted`,
          seq,
        );
      }
      if ((row.prev ?? -1) !== stream.last) {
        fail(
          `entry ${seq} links to ${row.prev === null ? 'no earlier entry' : `entry ${row.prev}`} as the one before it in stream ${entry.stream}, but that is ${stream.last < 0 ? 'none' : `entry ${stream.last}`}: the stream's chain was altered, so reading the stream would give a wrong history`,
          seq,
        );
      }
      this.streams.set(entry.stream, { version: stream.version + 1, last: seq });

      let leaf: Uint8Array;
      try {
        leaf = entryLeafHash(entry);
      } catch (error) {
        fail(`entry ${seq} is not a well-formed entry (${(error as Error).message}): it was altered`, seq);
      }
      const stored = leafTiles.get(Math.floor(seq / TILE_WIDTH))?.[seq % TILE_WIDTH];
      if (stored === undefined) {
        fail(
          `the tree has no leaf hash for entry ${seq}: tile 0/${Math.floor(seq / TILE_WIDTH)} is missing or short`,
          seq,
        );
      }
      if (!equalBytes(leaf, stored)) {
        fail(
          `entry ${seq} does not match its leaf hash in the tree: the entry (or its tile) was altered after it was logged`,
          seq,
        );
      }

      if (row.payload_seq === null) {
        fail(`entry ${seq} has no payload row: its payload was deleted outside an erasure`, seq);
      } else if (row.erased) {
        if (row.payload !== null || row.salt !== null)
          fail(`entry ${seq} is marked erased but still holds a payload`, seq);
      } else {
        if (row.payload === null || row.salt === null) {
          fail(
            `the payload of entry ${seq} is missing but it was never erased: it was deleted behind the log's back`,
            seq,
          );
        }
        if (payloadDigestOfText(row.salt, row.payload) !== entry.digest) {
          fail(
            `the payload of entry ${seq} does not match its digest: the payload or its salt was altered`,
            seq,
          );
        }
        this.digestsChecked++;
      }

      this.tree.append(leaf);
      if (this.pendingUpper.length > 0) await this.checkUpperTiles();
      if (!this.checkpointsExhausted && (this.checkpoints[this.next]?.size ?? 0) <= seq + 1) {
        await this.checkCheckpointsAt(seq + 1);
      }
    }
  }

  /** Interior nodes formed by the last leaf, against the stored tiles above level 0. */
  private async checkUpperTiles(): Promise<void> {
    for (const node of this.pendingUpper.splice(0)) {
      const index = Math.floor(node.position / TILE_WIDTH);
      let tile = this.upperTiles.get(node.level);
      if (tile?.index !== index) {
        const row = await this.trx
          .selectFrom('tiles')
          .select('hashes')
          .where('level', '=', node.level)
          .where('idx', '=', index)
          .executeTakeFirst();
        tile = { index, hashes: row ? splitHashes(row.hashes) : [] };
        this.upperTiles.set(node.level, tile);
      }
      const stored = tile.hashes[node.position % TILE_WIDTH];
      if (stored === undefined || !equalBytes(stored, node.hash)) {
        fail(
          `tile ${node.level}/${index} ${stored ? 'holds a wrong hash' : 'lacks the hash'} at position ${node.position % TILE_WIDTH}: the tree's stored interior nodes were altered`,
        );
      }
    }
  }

  /** Every checkpoint of tree size `size`: signed by this log, naming this log, with the recomputed root. */
  private async checkCheckpointsAt(size: number, root?: Uint8Array): Promise<void> {
    for (;;) {
      if (this.next >= this.checkpoints.length && !(await this.loadCheckpoints())) return;
      const row = this.checkpoints[this.next] as CheckpointRow;
      if (row.size > size) return;
      this.next++;
      this.checkCheckpoint(row, root ?? this.tree.root());
    }
  }

  private async loadCheckpoints(): Promise<boolean> {
    if (this.checkpointsExhausted) return false;
    const after = this.checkpoints.at(-1)?.size ?? -1;
    this.checkpoints = await this.trx
      .selectFrom('checkpoints')
      .selectAll()
      .where('size', '>', after)
      .orderBy('size')
      .limit(CHECKPOINT_PAGE)
      .execute();
    this.next = 0;
    this.checkpointsExhausted = this.checkpoints.length === 0;
    return !this.checkpointsExhausted;
  }

  private checkCheckpoint(row: CheckpointRow, root: Uint8Array): void {
    const what = `the checkpoint at tree size ${row.size}`;
    let body: ReturnType<typeof parseCheckpoint>;
    try {
      body = parseCheckpoint(openNote(row.note, [this.verifier]).text);
    } catch (error) {
      fail(
        `${what} is not validly signed by this log's key (${(error as Error).message}): it was altered or forged`,
      );
    }
    if (body.origin !== this.identity.origin)
      fail(`${what} is for the log "${body.origin}", not "${this.identity.origin}"`);
    if (body.size !== row.size || !equalBytes(body.root, row.root)) {
      fail(
        `${what} is filed with a size or root other than the ones it signs: the checkpoint row was altered`,
      );
    }
    if (!equalBytes(body.root, root)) {
      fail(
        `the entries do not reproduce the root that ${what} signed: entries before ${row.size} were changed, removed or reordered`,
      );
    }
    this.checkpointCount++;
  }

  /** One `streams` row per stream of the log, each at the stream's version and last entry. */
  private async checkStreamHeads(): Promise<void> {
    let after = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const rows = await this.trx
        .selectFrom('streams')
        .select(['id', 'name', 'version', 'last_seq'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(CHECKPOINT_PAGE)
        .execute();
      if (rows.length === 0) break;
      for (const row of rows) {
        const stream = this.streams.get(row.name);
        if (stream === undefined)
          fail(
            `the streams table lists ${row.name}, which has no entry in the log: it was added behind the log's back`,
          );
        if (stream.version !== row.version || stream.last !== row.last_seq) {
          fail(
            `the streams table says ${row.name} has ${row.version} events ending at entry ${row.last_seq}, but the log has ${stream.version} ending at entry ${stream.last}: the row was altered, so appends and reads of that stream would go wrong`,
            stream.last,
          );
        }
        this.streams.delete(row.name);
        after = row.id;
      }
    }
    const [missing] = this.streams.keys();
    if (missing !== undefined)
      fail(`stream ${missing} is in the log but missing from the streams table: its row was deleted`);
  }

  /** Exactly the tiles a tree of `size` has: no extra tile, none wider than the tree. */
  private async checkTileShape(size: number): Promise<void> {
    const levels = await this.trx
      .selectFrom('tiles')
      .select((eb) => [
        'level',
        eb.fn.countAll<number>().as('tiles'),
        eb.fn.min<number>('idx').as('first'),
        eb.fn.max<number>('idx').as('last'),
      ])
      .groupBy('level')
      .execute();
    const byLevel = new Map(levels.map((l) => [l.level, l]));
    for (let level = 0; ; level++) {
      const nodes = Math.floor(size / TILE_WIDTH ** level);
      const expected = Math.ceil(nodes / TILE_WIDTH);
      const stored = byLevel.get(level);
      byLevel.delete(level);
      if (expected === 0) break;
      if (
        !stored ||
        Number(stored.tiles) !== expected ||
        Number(stored.first) !== 0 ||
        Number(stored.last) !== expected - 1
      ) {
        fail(
          `the tree's tiles at level ${level} do not fit a log of ${size} entries (${expected} tiles expected)`,
        );
      }
      const width = nodes - (expected - 1) * TILE_WIDTH;
      const last = await this.trx
        .selectFrom('tiles')
        .select('hashes')
        .where('level', '=', level)
        .where('idx', '=', expected - 1)
        .executeTakeFirst();
      if (last?.hashes.length !== width * 32) {
        fail(
          `tile ${level}/${expected - 1} holds more or fewer hashes than a log of ${size} entries has (${width})`,
        );
      }
    }
    const extra = [...byLevel.keys()][0];
    if (extra !== undefined)
      fail(`the tree has tiles at level ${extra}, which a log of ${size} entries does not reach`);
  }
}
