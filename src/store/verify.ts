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
 *
 * Against an operator with database access (issue 17) it also requires: the checkpoint anchored in
 * the data directory (src/store/anchor.ts) to be in the database and reproduced by the entries; no
 * entry older than a minute left unsigned (an empty or short `checkpoints` table no longer passes);
 * the head's HMAC under the integrity key (src/store/integrity-key.ts); and every erased payload to
 * be named by a `payload-erased` entry after it, in stream `erasure/<seq>`.
 */
import type { Kysely } from 'kysely';
import { parseCheckpoint } from '../ledger/checkpoint.js';
import { entryLeafHash, payloadDigestOfText } from '../ledger/entry.js';
import { EMPTY_ROOT, equalBytes } from '../ledger/hash.js';
import { SIGNATURE_TYPE_COSIGNATURE_V1, verifyCosignature } from '../ledger/cosignature.js';
import {
  decodeVerifierKey,
  encodeVerifierKey,
  openNote,
  parseNote,
  verifierFromKey,
  type NoteVerifier,
} from '../ledger/note.js';
import { TILE_WIDTH } from '../ledger/tiles.js';
import { CompactRange, foldRight } from '../ledger/tree.js';
import { anchoredTree } from './checkpoints.js';
import { ERASURE_STREAM, ERASURE_TYPE } from '../ledger/erasure.js';
import type { Database } from './database.js';
import type { EngineAdapter } from './dialect.js';
import { StoreIntegrityError, type SignedTree } from './head-check.js';
import type { IntegrityKey } from './integrity-key.js';
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
  /** The data directory, where the newest signed checkpoint is anchored. */
  dataDir: string;
  integrityKey: IntegrityKey;
  /** Server time, to tell an entry the signer has yet to reach from one it never will. */
  now: () => Date;
}

/**
 * How long an entry may stay without a checkpoint before verify calls it unsigned: a serving store
 * signs within a second of growing (DESIGN.md "Checkpoints"), and at its next start after a crash.
 */
export const UNSIGNED_GRACE_MS = 60_000;

/** Witnesses whose cosignatures the verification checks, and how many must have cosigned one checkpoint. */
export interface WitnessCheck {
  keys: readonly string[];
  quorum: number;
}

export function verifyLog(
  adapter: EngineAdapter,
  identity: LogIdentity,
  onProgress?: Progress,
  witnesses?: WitnessCheck,
): Promise<StoreVerifyReport> {
  return adapter.readSnapshot(async (trx) => {
    try {
      const report = await new Verification(trx, identity, onProgress).run();
      if (!witnesses || witnesses.keys.length === 0 || !report.ok) return report;
      return { ...report, witnessed: await checkCosignatures(trx, witnesses) };
    } catch (error) {
      if (error instanceof VerifyFailure) return error.failure;
      throw error;
    }
  });
}

/**
 * Every stored cosignature by the given witnesses verifies over the checkpoint it is filed under
 * (whose root the pass already matched with the entries); returns the largest checkpoint that
 * `quorum` of them cosigned. No such checkpoint, or one that does not verify, is a failure.
 */
async function checkCosignatures(
  trx: Kysely<Database>,
  witnesses: WitnessCheck,
): Promise<{ size: number; cosignatures: number }> {
  const keys = witnesses.keys.map((key) => decodeVerifierKey(key, [SIGNATURE_TYPE_COSIGNATURE_V1]));
  const rows = await trx
    .selectFrom('cosignatures as c')
    .innerJoin('checkpoints as k', 'k.size', 'c.size')
    .select(['c.size', 'c.witness', 'c.key_id', 'c.line', 'k.note'])
    .orderBy('c.size', 'desc')
    .execute();
  const bySize = new Map<number, Set<string>>();
  for (const row of rows) {
    const key = keys.find((k) => k.name === row.witness && k.keyId === row.key_id);
    if (!key) continue;
    try {
      verifyCosignature(
        parseNote(row.note).text,
        row.line,
        encodeVerifierKey(key.name, key.type, key.publicKey),
      );
    } catch (error) {
      fail(
        `the cosignature of witness ${row.witness} filed for the checkpoint at tree size ${row.size} does not verify (${(error as Error).message}): it was altered or forged`,
      );
    }
    const signers = bySize.get(Number(row.size)) ?? new Set<string>();
    signers.add(`${key.name}+${key.keyId}`);
    bySize.set(Number(row.size), signers);
  }
  for (const [size, signers] of bySize) {
    if (signers.size >= witnesses.quorum) return { size, cosignatures: signers.size };
  }
  if (witnesses.quorum === 0) return { size: 0, cosignatures: 0 };
  return fail(
    `no stored checkpoint is cosigned by ${witnesses.quorum} of the ${keys.length} witnesses given: the witnesses never saw this log, or refused it`,
  );
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
  /** The checkpoint anchored in the data directory, checked when the pass reaches its size. */
  private anchor: SignedTree | undefined;
  /** Sizes of the stored checkpoints seen so far, for the anchor's own row. */
  private anchorRowSeen = false;
  /** The largest tree a stored or anchored checkpoint signs, and the `at` of the first entry after it. */
  private covered = 0;
  private firstUncoveredAt: string | undefined;
  /** Erased payloads not (yet) named by an erasure entry, and the seqs erasure entries named. */
  private readonly erasedWithoutRecord = new Set<number>();
  private readonly erasureRecords = new Map<number, number>();

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
      .select(['size', 'root', 'mac'])
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
    try {
      this.anchor = await anchoredTree(
        this.identity.dataDir,
        this.identity.verifierKey,
        this.identity.origin,
      );
    } catch (error) {
      if (error instanceof StoreIntegrityError) fail(error.message);
      throw error;
    }
    if (this.anchor && this.anchor.size > size) {
      fail(
        `this server signed and anchored a tree of ${this.anchor.size} entries (the file "checkpoint" in its data directory) but the log now has ${size}: entries from ${size} on were removed, or an older copy of the database was restored (rollback)`,
        size,
      );
    }
    this.covered = Math.max(Number(largest?.size ?? 0), this.anchor?.size ?? 0);
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
    if (this.anchor?.size === 0) this.checkAnchor(EMPTY_ROOT);
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
    this.checkErasures();
    if (this.anchor && !this.anchorRowSeen) {
      fail(
        `the checkpoint of ${this.anchor.size} entries that this server signed and anchored in its data directory is missing from the database: checkpoint rows were deleted`,
      );
    }
    this.checkCoverage();
    this.checkHeadMac(head);
    return { ok: true, size, checkpoints: this.checkpointCount, digestsChecked: this.digestsChecked };
  }

  /** Every erased payload is named by a `payload-erased` entry that came after it (Store.erase). */
  private checkErasures(): void {
    for (const seq of this.erasedWithoutRecord) {
      fail(
        `the payload of entry ${seq} is gone and marked erased, but no erasure entry (stream erasure/${seq}) records who erased it and why: it was removed behind the log's back`,
        seq,
      );
    }
  }

  /** No entry older than the grace period is left without a signed checkpoint. */
  private checkCoverage(): void {
    if (this.covered >= this.size || this.firstUncoveredAt === undefined) return;
    const age = this.identity.now().getTime() - Date.parse(this.firstUncoveredAt);
    if (age <= UNSIGNED_GRACE_MS) return;
    fail(
      `entries ${this.covered} to ${this.size - 1} (the first logged at ${this.firstUncoveredAt}) are not covered by any signed checkpoint: checkpoints were deleted, or the server stopped without signing — start it (it signs when it starts) and verify again`,
      this.covered,
    );
  }

  /** The head's HMAC: only this server's integrity key moves the head (src/store/integrity-key.ts). */
  private checkHeadMac(head: { size: number; root: Uint8Array; mac: string | null }): void {
    const { integrityKey, origin } = this.identity;
    // A database made before the key existed has no HMAC until a server opens it; an anchored
    // directory's database always has one.
    if (head.mac === null && this.anchor === undefined) return;
    if (!integrityKey.headMacMatches(head.mac, origin, head.size, head.root)) {
      fail(
        `the log head (${head.size} entries) was moved without this server's integrity key: entries were appended, removed or rewritten directly in the database`,
      );
    }
  }

  private checkAnchor(root: Uint8Array): void {
    if (!this.anchor || equalBytes(this.anchor.root, root)) return;
    fail(
      `the entries do not reproduce the root of the tree of ${this.anchor.size} entries that this server signed and anchored in its data directory: entries before ${this.anchor.size} were changed, removed or reordered`,
    );
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
    for (const row of tileRows) {
      if (row.hashes.length % 32 !== 0 || row.hashes.length === 0) {
        const first = row.idx * TILE_WIDTH;
        fail(
          `tile 0/${row.idx}, which holds the leaf hashes of entries ${first} to ${first + TILE_WIDTH - 1}, is malformed (${row.hashes.length} bytes, not whole 32-byte hashes): the stored tree was altered`,
          Math.max(first, lo),
        );
      }
      leafTiles.set(row.idx, splitHashes(row.hashes));
    }

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

      const erasure = entry.type === ERASURE_TYPE ? ERASURE_STREAM.exec(entry.stream) : null;
      if (erasure) {
        const target = Number(erasure[1]);
        if (target >= seq)
          fail(`entry ${seq} records the erasure of entry ${target}, which does not come before it`, seq);
        this.erasureRecords.set(target, seq);
        this.erasedWithoutRecord.delete(target);
      }
      if (row.payload_seq === null) {
        fail(`entry ${seq} has no payload row: its payload was deleted outside an erasure`, seq);
      } else if (row.erased) {
        if (row.payload !== null || row.salt !== null)
          fail(`entry ${seq} is marked erased but still holds a payload`, seq);
        if (erasure)
          fail(
            `the payload of entry ${seq}, the record of an erasure, is gone: an erasure's record is never erased`,
            seq,
          );
        this.erasedWithoutRecord.add(seq);
      } else {
        if (row.payload === null || row.salt === null) {
          fail(
            `the payload of entry ${seq} is missing but it was never erased: it was deleted behind the log's back`,
            seq,
          );
        }
        const erasedBy = this.erasureRecords.get(seq);
        if (erasedBy !== undefined)
          fail(`entry ${erasedBy} erased the payload of entry ${seq}, but the database still holds it`, seq);
        let digest: string;
        try {
          digest = payloadDigestOfText(row.salt, row.payload);
        } catch (error) {
          fail(
            `the salt of entry ${seq} is malformed (${(error as Error).message}): the payload row was altered`,
            seq,
          );
        }
        if (digest !== entry.digest) {
          fail(
            `the payload of entry ${seq} does not match its digest: the payload or its salt was altered`,
            seq,
          );
        }
        this.digestsChecked++;
      }

      if (seq === this.covered) this.firstUncoveredAt = entry.at;
      this.tree.append(leaf);
      if (this.pendingUpper.length > 0) await this.checkUpperTiles();
      if (this.anchor?.size === seq + 1) this.checkAnchor(this.tree.root());
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
      if (this.anchor?.size === row.size) this.anchorRowSeen = true;
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
