import { createHash } from 'node:crypto';
import type { Principal, Role } from '../access/principal.js';
import { fromBase64 } from '../sealing/seal.js';
import {
  NoSealingKeyError,
  readSealingPublic,
  unlockSealing,
  WrongPassphraseError,
  type SealingKey,
  type SealingPublic,
  type SealingRecipient,
} from '../sealing/keystore.js';
import { DataDirError } from '../store/datadir.js';
import { AccessDeniedError, UnavailableError } from './errors.js';
import { requireAccess } from './access.js';

/*
 * A sealing key unlocked for one officer's session at a time (issue 4 "Sealing"): the complaints
 * authority's for a complaints officer, the procurator's office's own for a procurator (issue 18
 * item 5 — each institution unlocks its own key with its own passphrase, and neither can unlock
 * the other's). The officer gives the passphrase once; the unlocked SealingKey stays in this
 * process's memory only, for that holder — the page session for people, the account for bearer
 * tokens — and is forgotten after 30 minutes without use, on lock, and when the server stops. It is
 * never written anywhere, and the passphrase is never kept nor logged.
 */

/** An unlocked key unused for this long is locked again (as a page session, src/app/sessions.ts). */
export const SEALING_IDLE_MS = 30 * 60_000;

export const NO_SEALING_KEY = 'the complaints authority has not created its key (habeas sealing init)';
export const NO_PROCURATOR_KEY =
  'the procurator’s office has not created its key (habeas sealing init --for procurator)';

/** Whose key each role unlocks; no other role unlocks any (policy `sealing.unlock`). */
export const SEALING_RECIPIENT_OF: Partial<Record<Role, SealingRecipient>> = {
  'complaints-officer': 'complaints-authority',
  procurator: 'procurator',
};

const NO_KEY: Record<SealingRecipient, string> = {
  'complaints-authority': NO_SEALING_KEY,
  procurator: NO_PROCURATOR_KEY,
};
const UNREADABLE: Record<SealingRecipient, string> = {
  'complaints-authority': 'the complaints authority’s key cannot be read on this server: tell the operator',
  procurator: 'the procurator’s office’s key cannot be read on this server: tell the operator',
};
const WRONG: Record<SealingRecipient, string> = {
  'complaints-authority': 'wrong passphrase for the complaints authority’s key',
  procurator: 'wrong passphrase for the procurator’s office’s key',
};

/** Who holds an unlocked key: the page session (its SHA-256) for cookies, the account for bearer tokens. */
export function sealingHolder(principal: Principal, pageSessionId: string | null): string {
  return pageSessionId === null
    ? `account:${principal.id}`
    : `session:${createHash('sha256').update(pageSessionId, 'utf8').digest('hex')}`;
}

/** The published public key, or UnavailableError when the recipient has none (a 503). */
export async function sealingPublic(
  dataDir: string,
  recipient: SealingRecipient = 'complaints-authority',
): Promise<SealingPublic> {
  try {
    return await readSealingPublic(dataDir, recipient);
  } catch (error) {
    if (error instanceof DataDirError)
      throw new UnavailableError(
        error instanceof NoSealingKeyError ? NO_KEY[recipient] : UNREADABLE[recipient],
      );
    throw error;
  }
}

/** Whether the recipient has created its key on this server (`habeas sealing init`). */
export async function hasSealingKey(dataDir: string, recipient: SealingRecipient): Promise<boolean> {
  try {
    await readSealingPublic(dataDir, recipient);
    return true;
  } catch (error) {
    if (error instanceof NoSealingKeyError) return false;
    throw error;
  }
}

/** The key sessions of one recipient: `new SealingSessions(dataDir, clock, 'procurator')` for the procurator's office. */
export class SealingSessions {
  readonly #keys = new Map<string, { key: SealingKey; lastUsed: number }>();
  /** Unlocks run one at a time: each derives the wrapping key with argon2id (256 MiB). */
  #unlocking: Promise<unknown> = Promise.resolve();
  #publicKey: Uint8Array | null = null;

  constructor(
    /** The data directory whose key file this unlocks. */
    readonly dataDir: string,
    private readonly clock: () => Date,
    /** Whose key: the complaints authority's (DIR/sealing.json) or the procurator's office's. */
    readonly recipient: SealingRecipient = 'complaints-authority',
  ) {}

  /** The raw public key to seal to (server-side sealing of other channels and answers). */
  async publicKey(): Promise<Uint8Array> {
    // The key pair is never replaced (src/sealing/keystore.ts), so it is read once.
    this.#publicKey ??= fromBase64((await sealingPublic(this.dataDir, this.recipient)).publicKey);
    return Uint8Array.from(this.#publicKey);
  }

  /** The raw public key, or null while the recipient has created none (a 503 becomes null). */
  async publicKeyIfAny(): Promise<Uint8Array | null> {
    if (this.#publicKey === null && !(await hasSealingKey(this.dataDir, this.recipient))) return null;
    return this.publicKey();
  }

  /**
   * Unlocks the key for `holder` with the passphrase: AccessDeniedError (403) when it is wrong or
   * the principal is not of the institution that holds this key, UnavailableError (503) when there
   * is no key.
   */
  async unlock(principal: Principal | null, holder: string, passphrase: string): Promise<void> {
    const officer = requireAccess(principal, 'sealing.unlock');
    if (SEALING_RECIPIENT_OF[officer.role] !== this.recipient)
      throw new AccessDeniedError(
        403,
        this.recipient === 'procurator'
          ? 'only the procurator’s office unlocks its key'
          : 'only the complaints authority unlocks its key',
        'kz.complaint.channel',
      );
    const attempt = this.#unlocking.then(() => unlockSealing(this.dataDir, passphrase, this.recipient));
    this.#unlocking = attempt.catch(() => undefined);
    let key: SealingKey;
    try {
      key = await attempt;
    } catch (error) {
      if (error instanceof WrongPassphraseError) throw new AccessDeniedError(403, WRONG[this.recipient]);
      if (error instanceof DataDirError)
        throw new UnavailableError(
          error instanceof NoSealingKeyError ? NO_KEY[this.recipient] : UNREADABLE[this.recipient],
        );
      throw error;
    }
    this.#keys.get(holder)?.key.lock();
    this.#keys.set(holder, { key, lastUsed: this.clock().getTime() });
  }

  /** The key unlocked for `holder`, if still fresh (using it keeps it so); null otherwise. */
  keyFor(holder: string): SealingKey | null {
    const now = this.clock().getTime();
    this.sweep(now);
    const held = this.#keys.get(holder);
    if (!held) return null;
    held.lastUsed = now;
    return held.key;
  }

  /** Whether `holder` has a fresh unlocked key (without touching it). */
  isUnlocked(holder: string): boolean {
    const held = this.#keys.get(holder);
    return held !== undefined && this.clock().getTime() - held.lastUsed <= SEALING_IDLE_MS;
  }

  /** Forgets the key of `holder` (POST /sealing/lock, sign out). */
  lock(holder: string): void {
    this.#keys.get(holder)?.key.lock();
    this.#keys.delete(holder);
  }

  /** Forgets every unlocked key (the server stops). */
  lockAll(): void {
    for (const { key } of this.#keys.values()) key.lock();
    this.#keys.clear();
  }

  private sweep(now: number): void {
    for (const [holder, held] of this.#keys)
      if (now - held.lastUsed > SEALING_IDLE_MS) {
        held.key.lock();
        this.#keys.delete(holder);
      }
  }
}

/** Both institutions' key sessions, as the services carry them. */
export interface SealingKeyrings {
  /** The complaints authority's key (every complaint is sealed to it). */
  sealing: SealingSessions;
  /** The procurator's office's key (torture allegations are sealed to it as well). */
  procuratorSealing: SealingSessions;
}

/** The key sessions of the principal's institution: the procurator's own for a procurator, the authority's otherwise. */
export function sealingOf(keyrings: SealingKeyrings, principal: Principal): SealingSessions {
  return SEALING_RECIPIENT_OF[principal.role] === 'procurator'
    ? keyrings.procuratorSealing
    : keyrings.sealing;
}
