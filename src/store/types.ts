import type { Kysely, Transaction } from 'kysely';
import type { Entry } from '../ledger/entry.js';
import type { JsonValue } from '../ledger/json.js';
import type { Database } from './database.js';
import type { IntegrityProblem } from './head-check.js';
import type { ReadModelReport } from './read-model-check.js';
import type { RowTagger, TaggedTable } from './row-tags.js';

/** One event to append; its payload is stored beside the entry as a salted digest (DESIGN.md "Entry"). */
export interface NewEvent {
  type: string;
  payload: JsonValue;
}

/**
 * An append to one stream. `expectedVersion` is the number of events the caller saw in the stream
 * (0 for a new stream); a mismatch is a VersionConflictError (HTTP 409). `'any'` skips the check,
 * for streams that only ever grow by themselves (read audit, scheduler).
 */
export interface AppendRequest {
  stream: string;
  expectedVersion: number | 'any';
  actor: string;
  events: NewEvent[];
  /** A rule across streams that must still hold when the append is written (see AppendGuard). */
  guard?: AppendGuard;
}

/**
 * A check run inside the append's write transaction, after the log head is locked, for a rule that
 * spans streams and so cannot be a stream version: "one open custody episode per person". The head
 * lock serialises every append to the database, from every process, so the check sees everything
 * committed before it and nothing can commit between the check and the append. Appends with the
 * same `key` never share a transaction; the check must therefore read only what appends with its
 * key change. Refused (an Error returned), the append fails with that error and nothing of it is
 * logged; the other appends of the transaction are unaffected.
 */
export interface AppendGuard {
  /** What the rule is about, e.g. `custody-open/<personId>`. */
  key: string;
  check(trx: Kysely<Database>): Promise<Error | undefined>;
}

export interface AppendResult {
  stream: string;
  /** The stream's version after the append (= number of events now in it). */
  version: number;
  entries: Entry[];
}

/** An entry with its payload; `payload` is null once erased (`erased` true). */
export interface StoredEvent {
  entry: Entry;
  payload: JsonValue | null;
  erased: boolean;
}

/**
 * A read model kept in the same transaction as the append and rebuildable from the log.
 * `tables` are emptied before a rebuild replays every event through `apply`.
 */
export interface Projection {
  name: string;
  tables: readonly (keyof Database & string)[];
  /**
   * Columns of its tables that are kept outside the log (a scheduler's hint, say): a rebuild
   * derives them afresh, so the read-model check (src/store/read-model-check.ts) leaves them out.
   */
  outsideTheLog?: Partial<Record<keyof Database & string, readonly string[]>>;
  apply(
    trx: Transaction<Database> | Kysely<Database>,
    event: StoredEvent,
    context: ProjectionContext,
  ): Promise<void>;
}

/** What a projection may need besides the event: the tags of rows that decide who someone is. */
export interface ProjectionContext {
  rows: RowTagger;
}

/** Another writer appended to the stream first: reload the stream and decide again (HTTP 409). */
export class VersionConflictError extends Error {
  constructor(
    readonly stream: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`stream ${stream} is at version ${actual}, not ${expected}`);
    this.name = 'VersionConflictError';
  }
}

/** The sequencer's queue is full or the store is closing: push back (HTTP 503 with Retry-After). */
export class StoreBusyError extends Error {
  constructor(message = 'the log is busy; retry shortly') {
    super(message);
    this.name = 'StoreBusyError';
  }
}

/** An append that is malformed before it reaches the log (empty stream, non-JSON payload…): HTTP 400/422. */
export class InvalidAppendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}

/** No entry has this seq (yet): HTTP 404. */
export class EntryNotFoundError extends Error {
  constructor(readonly seq: number) {
    super(`there is no entry ${seq} in the log`);
    this.name = 'EntryNotFoundError';
  }
}

/** The payload of this entry was erased before: nothing left to erase (HTTP 409). */
export class AlreadyErasedError extends Error {
  constructor(readonly seq: number) {
    super(`the payload of entry ${seq} is already erased`);
    this.name = 'AlreadyErasedError';
  }
}

/**
 * A stream's chain of entries (each entry's `prev`) does not match the entries' own stream and
 * version: the tables were altered behind the log's back. Not a client error: answer 500 and have
 * an operator run `habeas verify --data`, which names the entry.
 */
export class StreamIntegrityError extends Error {
  constructor(readonly stream: string) {
    super(`the entries of stream ${stream} do not chain back to version 0: run habeas verify --data`);
    this.name = 'StreamIntegrityError';
  }
}

/** What the sequencer has done since the store opened: group commit makes transactions < appends. */
export interface StoreStats {
  /** Committed append transactions (a batch, or one request retried alone). */
  transactions: number;
  /** Append requests committed. */
  appends: number;
  /** Entries appended. */
  events: number;
  /** Requests refused with VersionConflictError. */
  conflicts: number;
  /** Batches that failed as a whole and were retried one request per transaction. */
  retriedBatches: number;
  /** Largest batch committed, in requests. */
  largestBatch: number;
}

export type Engine = 'sqlite' | 'postgres';

export interface Progress {
  (done: number, total: number): void;
}

/** The log's integrity found broken while serving: what was found, and since when. */
export interface IntegrityStatus extends IntegrityProblem {
  /** The operator's English message (the same as `message`). */
  problem: string;
  since: string;
}

/** The witnesses the log asks to cosign, how many must, and where each stands. */
export interface WitnessReport {
  quorum: number;
  witnesses: {
    name: string;
    url: string;
    cosignedSize: number;
    state: 'ok' | 'unreachable' | 'refused';
    problem?: string;
    lastAttemptAt?: string;
  }[];
}

/** What `verify --data` found: ok, or the first problem with the seq it concerns. */
export type StoreVerifyReport =
  | {
      ok: true;
      size: number;
      checkpoints: number;
      digestsChecked: number;
      /** With witness keys to check: the largest checkpoint the quorum cosigned. */
      witnessed?: { size: number; cosignatures: number };
    }
  | { ok: false; seq?: number; problem: string };

/** The one door to the log and its read models. Every change goes through `append`. */
export interface Store {
  readonly engine: Engine;
  /** For queries over projections (read models); never for writing ledger tables. */
  readonly db: Kysely<Database>;
  readonly origin: string;
  /** The C2SP verifier key of the log (the contents of DIR/log.vkey). */
  readonly verifierKey: string;

  /** Appends atomically (all events or none), through the group-commit sequencer; durable when resolved. */
  append(request: AppendRequest): Promise<AppendResult>;
  /** Several appends in one call; each succeeds or fails on its own (conflicts do not sink the others). */
  appendAll(requests: AppendRequest[]): Promise<(AppendResult | Error)[]>;
  readStream(stream: string): Promise<StoredEvent[]>;
  streamVersion(stream: string): Promise<number>;
  /** Current tree size (number of entries). */
  size(): Promise<number>;
  /** Entries with seq in [start, end), no payloads. */
  entries(start: number, end: number): Promise<Entry[]>;
  /** Entries with payloads and salts, in seq order, for export and rebuild. */
  events(start: number, end: number): Promise<(StoredEvent & { salt: Uint8Array | null })[]>;
  inclusionProof(index: number, size: number): Promise<Uint8Array[]>;
  consistencyProof(from: number, to: number): Promise<Uint8Array[]>;
  /** Root hash of the tree at `size` (size <= current size). */
  rootAt(size: number): Promise<Uint8Array>;
  /** The newest signed checkpoint (C2SP signed note text), signing one first if the tree grew since. */
  checkpoint(): Promise<string>;
  /** The newest signed checkpoint already stored, or null for a log that never signed one. */
  latestCheckpoint(): Promise<string | null>;
  /**
   * `note` (a checkpoint this log signed) with the configured witnesses' cosignatures added, after
   * waiting up to `waitMs` for those still being asked (a receipt's checkpoint).
   */
  witnessed(note: string, waitMs?: number): Promise<{ note: string; cosignatures: string[] }>;
  /**
   * The checkpoint to publish: the newest one, signed first if the tree grew, once the witness
   * quorum cosigned it (waiting up to `waitMs`); else the newest the quorum cosigned; else the
   * newest with what cosignatures it has. Cosignature lines are added to the note.
   */
  publishedCheckpoint(
    waitMs?: number,
  ): Promise<{ note: string; signed: string; size: number; cosignatures: string[] }>;
  /** The configured witnesses and the quorum, and where each witness stands. */
  witnessStatus(): WitnessReport;
  /**
   * The signed checkpoints the store kept, in size order, at most `max` of them spread evenly over
   * the log (the first and the newest always among them): what an auditor narrows a mismatch with.
   */
  checkpointHistory(max?: number): Promise<string[]>;
  /**
   * Removes the payload and salt of `seq` (data-protection erasure) and, in the same transaction,
   * appends a `payload-erased` event (stream `erasure/<seq>`, payload `{seq, reason}`) naming it.
   */
  erase(seq: number, actor: string, reason: string): Promise<AppendResult>;
  /** Empties every projection's tables and replays the log through them. */
  rebuild(onProgress?: Progress): Promise<{ events: number }>;
  /**
   * Replays the log into a scratch copy of the read models and compares: which tables differ from
   * what the log says, and which rows (issue 17 item 3). Changes nothing.
   */
  checkReadModels(onProgress?: Progress): Promise<ReadModelReport>;
  /**
   * Recomputes every leaf, the tree, each stored checkpoint's root and signature, and every payload
   * digest; checks the anchored checkpoint, the head's HMAC and the erasures; and, given witness keys,
   * their stored cosignatures and that a checkpoint reached the quorum.
   */
  verify(
    onProgress?: Progress,
    witnesses?: { keys: readonly string[]; quorum: number },
  ): Promise<StoreVerifyReport>;
  /** Counters of the append path since the store opened. */
  stats(): StoreStats;
  /** Tags the rows that decide who someone is, and checks them (src/store/row-tags.ts). */
  readonly rows: RowTagger;
  /** A row whose tag did not match was refused: count it for the integrity report, and say so. */
  noticeTamperedRow(table: TaggedTable): void;
  /** Rows refused for a tag that did not match, by table, since the store opened. */
  tamperedRows(): { table: TaggedTable; count: number; lastAt: string }[];
  /**
   * The first integrity failure found since the store opened (a head moved without the server's
   * key, a log that does not extend what it signed), or undefined. Appends and signing stop then.
   */
  integrity(): IntegrityStatus | undefined;
  /** Signs a final checkpoint and closes connections. */
  close(): Promise<void>;
}
