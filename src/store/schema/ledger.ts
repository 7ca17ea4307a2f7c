import type { Generated } from 'kysely';

/**
 * The ledger's tables (migration 0001): the log itself, in the shape of DESIGN.md "Integrity: the
 * ledger". Integers are JS numbers on both engines (PostgreSQL int8 is parsed to a number, refusing
 * anything above 2^53); hashes and salts are bytes; times are ISO 8601 UTC text with milliseconds.
 */
export interface LedgerTables {
  entries: EntryRow;
  streams: StreamRow;
  payloads: PayloadRow;
  tiles: TileRow;
  checkpoints: CheckpointRow;
  log_state: LogStateRow;
  meta: MetaRow;
  cosignatures: CosignatureRow;
}

/** One entry of the log: the envelope whose RFC 8785 bytes are the Merkle leaf input. */
export interface EntryRow {
  seq: number;
  at: string;
  stream: string;
  version: number;
  type: string;
  actor: string;
  /** Lowercase hex SHA-256 of salt ‖ canonical payload bytes. */
  digest: string;
  /**
   * The seq of the stream's entry before this one (version − 1); null for version 0. Unique: a
   * stream cannot fork. Not part of the envelope: `habeas verify --data` checks it against it.
   */
  prev: number | null;
}

/** One row per stream: its version (entry count) and the seq of its last entry (migration 0007). */
export interface StreamRow {
  id: Generated<number>;
  name: string;
  version: number;
  last_seq: number;
}

/** The payload beside its entry; payload and salt become null when erased (erased = 1). */
export interface PayloadRow {
  seq: number;
  /** The payload as RFC 8785 JSON text. */
  payload: string | null;
  salt: Uint8Array | null;
  erased: number;
}

/** A C2SP tlog-tiles tile: the hashes of nodes at level 8·level, indices 256·idx…, concatenated. */
export interface TileRow {
  level: number;
  idx: number;
  hashes: Uint8Array;
}

export interface CheckpointRow {
  size: number;
  root: Uint8Array;
  /** The C2SP signed note text. */
  note: string;
  signed_at: string;
}

/** The single row (id 1) the sequencer locks: the committed tree head. */
export interface LogStateRow {
  id: number;
  size: number;
  root: Uint8Array;
  /**
   * HMAC of the head under the data directory's integrity key (src/store/integrity-key.ts,
   * migration 0009): a head moved without the key is refused. Null only before the first open.
   */
  mac: string | null;
}

/** A witness's C2SP tlog-cosignature line over the checkpoint of tree size `size` (migration 0009). */
export interface CosignatureRow {
  size: number;
  /** The witness key's name. */
  witness: string;
  /** The witness key's ID, 8 lowercase hex digits. */
  key_id: string;
  /** The signature line, `— name base64` without its newline. */
  line: string;
  /** The cosignature's own timestamp (seconds since the epoch). */
  timestamp: number;
  received_at: string;
}

/** The log this database belongs to: `origin` and `verifier-key`. */
export interface MetaRow {
  key: string;
  value: string;
}
