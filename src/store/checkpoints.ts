/**
 * Signed checkpoints (C2SP tlog-checkpoint as a signed note; DESIGN.md "Checkpoints"): at most
 * `delayMs` after the tree grows — a timer armed by a commit, not one signature per append — on
 * demand, and on close.
 */
import type { Kysely } from 'kysely';
import { signCheckpoint } from '../ledger/checkpoint.js';
import type { NoteSigner } from '../ledger/note.js';
import type { Database } from './database.js';
import type { StoreLogger } from './sequencer.js';

export interface CheckpointerOptions {
  /** Reads committed state (the reader connection). */
  reader: Kysely<Database>;
  /** Writes checkpoint rows. */
  db: Kysely<Database>;
  origin: string;
  signer: NoteSigner;
  clock: () => Date;
  delayMs: number;
  logger: StoreLogger;
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

export class Checkpointer {
  private timer: NodeJS.Timeout | undefined;
  /** Signing is serialised, so two callers never sign the same head twice. */
  private signing: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: CheckpointerOptions) {}

  /** The tree grew: make sure a checkpoint follows within the delay. */
  grew(): void {
    if (this.timer) return;
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
   * the empty tree) and returns the newest checkpoint note.
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

  private async head(): Promise<{ size: number; root: Uint8Array }> {
    const head = await this.options.reader
      .selectFrom('log_state')
      .select(['size', 'root'])
      .where('id', '=', 1)
      .executeTakeFirst();
    if (!head) throw new Error('the log head (log_state) is missing');
    return head;
  }

  private async signNow(): Promise<string> {
    const { reader, db, origin, signer, clock } = this.options;
    const [head, latest] = await Promise.all([this.head(), latestCheckpoint(reader)]);
    // A checkpoint larger than the log would mean entries were removed: never paper over that by
    // signing a smaller tree; verify reports it.
    if (latest && latest.size >= head.size) return latest.note;
    const note = signCheckpoint({ origin, size: head.size, root: head.root, extensions: [] }, signer);
    // Ed25519 is deterministic: another process signing the same head wrote the same note.
    await db
      .insertInto('checkpoints')
      .values({ size: head.size, root: head.root, note, signed_at: clock().toISOString() })
      .onConflict((oc) => oc.column('size').doNothing())
      .execute();
    return note;
  }
}
