/**
 * Signed checkpoints (C2SP tlog-checkpoint as a signed note; DESIGN.md "Checkpoints"): at most
 * `delayMs` after the tree grows — a timer armed by a commit, not one signature per append — on
 * demand, and on close.
 *
 * Nothing is signed that does not extend what this log signed before (issue 17): before each
 * signature the head's HMAC must show that this server's key moved it, and the head must be
 * consistent (RFC 9162 §2.1.4) with the newest checkpoint in the database and with the one anchored
 * in the data directory (src/store/anchor.ts). Otherwise the checkpointer raises the alarm and signs
 * nothing, ever again in this process.
 */
import type { Kysely } from 'kysely';
import { CheckpointError, openCheckpoint, signCheckpoint } from '../ledger/checkpoint.js';
import { NoteError, type NoteSigner } from '../ledger/note.js';
import { readAnchor, writeAnchor, ANCHOR_FILE } from './anchor.js';
import type { Database } from './database.js';
import {
  headProblem,
  signedTree,
  StoreIntegrityError,
  type IntegrityProblem,
  type SignedTree,
  type StoredHead,
} from './head-check.js';
import type { IntegrityKey } from './integrity-key.js';
import type { StoreLogger } from './sequencer.js';
import { tileReader } from './tile-store.js';

export interface CheckpointerOptions {
  /** Reads committed state (the reader connection). */
  reader: Kysely<Database>;
  /** Writes checkpoint rows. */
  db: Kysely<Database>;
  origin: string;
  signer: NoteSigner;
  /** The data directory, where the newest signed checkpoint is anchored. */
  dataDir: string;
  integrityKey: IntegrityKey;
  clock: () => Date;
  delayMs: number;
  logger: StoreLogger;
  /** False: never sign (a store opened to be inspected, e.g. by `habeas verify --data`). */
  signing: boolean;
  /** The log's integrity was found broken: report it (the store's alarm). */
  onIntegrityFailure: (problem: IntegrityProblem) => void;
  /** A checkpoint was signed (and anchored): witnesses may be asked to cosign it. */
  onSigned?: (note: string) => void;
  /** The store's alarm: once the log was found broken (by a witness, say), nothing more is signed. */
  halted?: () => IntegrityProblem | undefined;
}

export async function latestCheckpoint(
  db: Kysely<Database>,
): Promise<{ size: number; note: string } | undefined> {
  return db
    .selectFrom('checkpoints')
    .select(['size', 'note'])
    .orderBy('size', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * The tree a checkpoint note signs, once its signature is checked to be this log's; a
 * StoreIntegrityError naming `where` when this log's key did not sign it.
 */
export function trustedTree(note: string, verifierKey: string, origin: string, where: string): SignedTree {
  try {
    openCheckpoint(note, verifierKey, origin);
  } catch (error) {
    if (error instanceof NoteError || error instanceof CheckpointError)
      throw new StoreIntegrityError({
        kind: 'forged-checkpoint',
        message: `${where} holds a checkpoint that this log's key did not sign (${error.message}): it was altered or forged`,
      });
    throw error;
  }
  return signedTree(note, where);
}

/** The checkpoint anchored in `dataDir`, checked to be this log's; undefined when none was written. */
export async function anchoredTree(
  dataDir: string,
  verifierKey: string,
  origin: string,
): Promise<SignedTree | undefined> {
  const note = await readAnchor(dataDir);
  if (note === undefined) return undefined;
  return trustedTree(note, verifierKey, origin, `this server (${ANCHOR_FILE} in its data directory)`);
}

export class Checkpointer {
  private timer: NodeJS.Timeout | undefined;
  /** Signing is serialised, so two callers never sign the same head twice. */
  private signing: Promise<unknown> = Promise.resolve();
  /** Set once the integrity was found broken: nothing is signed after that. */
  private broken: IntegrityProblem | undefined;

  constructor(private readonly options: CheckpointerOptions) {}

  /** The tree grew: make sure a checkpoint follows within the delay. */
  grew(): void {
    if (this.timer || !this.options.signing || this.broken) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.sign().catch((error: unknown) =>
        this.options.logger.error({ error: (error as Error).message }, 'signing a checkpoint failed'),
      );
    }, this.options.delayMs);
    // A pending checkpoint must not keep a finished command alive; close() signs the last one.
    this.timer.unref();
  }

  /** Disarms the timer and waits for a signature in progress. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.signing;
  }

  /**
   * Signs the committed head if no checkpoint covers it yet (or if none was ever signed, even of
   * the empty tree) and returns the newest checkpoint note. Throws StoreIntegrityError when the
   * head may not be signed; a store opened without signing returns the newest stored note.
   */
  sign(): Promise<string> {
    const next = this.signing.then(() => this.signNow());
    this.signing = next.catch(() => undefined);
    return next;
  }

  /** Signs only if the tree is larger than the newest checkpoint (after a crash, on open). */
  async signIfGrown(): Promise<void> {
    const [head, latest] = await Promise.all([this.head(), latestCheckpoint(this.options.reader)]);
    if (head.size > (latest?.size ?? 0)) await this.sign();
  }

  /**
   * Checks the committed head against the key and everything this log signed; throws
   * StoreIntegrityError (after raising the alarm) when it may not be signed or built on.
   */
  async checkHead(): Promise<{ head: StoredHead; latest: { size: number; note: string } | undefined }> {
    const { reader, origin, integrityKey, dataDir, signer } = this.options;
    if (this.broken) throw new StoreIntegrityError(this.broken);
    const [head, latest] = await Promise.all([this.head(), latestCheckpoint(reader)]);
    let problem: IntegrityProblem | undefined;
    try {
      const anchor = await anchoredTree(dataDir, signer.verifierKey, origin);
      const stored =
        latest &&
        trustedTree(latest.note, signer.verifierKey, origin, 'the newest checkpoint in the database');
      const signed = [anchor, stored];
      problem = await headProblem(
        head,
        origin,
        integrityKey,
        signed.filter((tree): tree is SignedTree => tree !== undefined),
        tileReader(reader),
      );
    } catch (error) {
      if (!(error instanceof StoreIntegrityError)) throw error;
      problem = error.problem;
    }
    if (problem !== undefined) {
      this.broken = problem;
      this.options.onIntegrityFailure(problem);
      throw new StoreIntegrityError(problem);
    }
    return { head, latest };
  }

  private async head(): Promise<StoredHead> {
    const head = await this.options.reader
      .selectFrom('log_state')
      .select(['size', 'root', 'mac'])
      .where('id', '=', 1)
      .executeTakeFirst();
    if (!head) throw new Error('the log head (log_state) is missing');
    return head;
  }

  private async signNow(): Promise<string> {
    const { db, origin, signer, clock, dataDir } = this.options;
    if (!this.options.signing || this.options.halted?.() !== undefined) {
      const latest = await latestCheckpoint(this.options.reader);
      if (!latest) throw new Error('this log has no signed checkpoint yet');
      return latest.note;
    }
    const { head, latest } = await this.checkHead();
    if (latest && latest.size >= head.size) {
      // Anchored already, unless a crash came between the row and the file.
      await writeAnchor(dataDir, latest.note);
      return latest.note;
    }
    const note = signCheckpoint({ origin, size: head.size, root: head.root, extensions: [] }, signer);
    // Ed25519 is deterministic: another process signing the same head wrote the same note.
    await db
      .insertInto('checkpoints')
      .values({ size: head.size, root: head.root, note, signed_at: clock().toISOString() })
      .onConflict((oc) => oc.column('size').doNothing())
      .execute();
    // The row first, then the anchor: a crash between them leaves the anchor behind the database,
    // which the next signature mends, never ahead of it (which verify reports as deleted rows).
    await writeAnchor(dataDir, note);
    this.options.onSigned?.(note);
    return note;
  }
}
