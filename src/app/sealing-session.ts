import { createHash } from 'node:crypto';
import type { Principal } from '../access/principal.js';
import { fromBase64 } from '../sealing/seal.js';
import {
  readSealingPublic,
  unlockSealing,
  WrongPassphraseError,
  type SealingKey,
  type SealingPublic,
} from '../sealing/keystore.js';
import { DataDirError } from '../store/datadir.js';
import { AccessDeniedError, UnavailableError } from './errors.js';
import { requireAccess } from './access.js';

/*
 * The complaints authority's private key, unlocked for one officer's session at a time (issue 4
 * "Sealing"). A complaints officer (or the procurator) gives the passphrase once; the unlocked
 * SealingKey stays in this process's memory only, for that holder — the page session for people,
 * the account for bearer tokens — and is forgotten after 30 minutes without use, on lock, and when
 * the server stops. It is never written anywhere, and the passphrase is never kept nor logged.
 */

/** An unlocked key unused for this long is locked again (as a page session, src/app/sessions.ts). */
export const SEALING_IDLE_MS = 30 * 60_000;

export const NO_SEALING_KEY = 'the complaints authority has not created its key (habeas sealing init)';

/** Who holds an unlocked key: the page session (its SHA-256) for cookies, the account for bearer tokens. */
export function sealingHolder(principal: Principal, pageSessionId: string | null): string {
  return pageSessionId === null
    ? `account:${principal.id}`
    : `session:${createHash('sha256').update(pageSessionId, 'utf8').digest('hex')}`;
}

/** The published public key, or UnavailableError when the authority has none (a 503). */
export async function sealingPublic(dataDir: string): Promise<SealingPublic> {
  try {
    return await readSealingPublic(dataDir);
  } catch (error) {
    if (error instanceof DataDirError)
      throw new UnavailableError(
        /has no sealing key/.test(error.message)
          ? NO_SEALING_KEY
          : 'the complaints authority’s key cannot be read on this server: tell the operator',
      );
    throw error;
  }
}

export class SealingSessions {
  readonly #keys = new Map<string, { key: SealingKey; lastUsed: number }>();
  /** Unlocks run one at a time: each derives the wrapping key with argon2id (256 MiB). */
  #unlocking: Promise<unknown> = Promise.resolve();
  #publicKey: Uint8Array | null = null;

  constructor(
    /** The data directory whose sealing.json this unlocks. */
    readonly dataDir: string,
    private readonly clock: () => Date,
  ) {}

  /** The raw public key to seal to (server-side sealing of other channels and answers). */
  async publicKey(): Promise<Uint8Array> {
    // The key pair is never replaced (src/sealing/keystore.ts), so it is read once.
    this.#publicKey ??= fromBase64((await sealingPublic(this.dataDir)).publicKey);
    return Uint8Array.from(this.#publicKey);
  }

  /**
   * Unlocks the key for `holder` with the passphrase: AccessDeniedError (403) when it is wrong,
   * UnavailableError (503) when there is no key. The principal must be allowed to unlock.
   */
  async unlock(principal: Principal | null, holder: string, passphrase: string): Promise<void> {
    requireAccess(principal, 'sealing.unlock');
    const attempt = this.#unlocking.then(() => unlockSealing(this.dataDir, passphrase));
    this.#unlocking = attempt.catch(() => undefined);
    let key: SealingKey;
    try {
      key = await attempt;
    } catch (error) {
      if (error instanceof WrongPassphraseError)
        throw new AccessDeniedError(403, 'wrong passphrase for the complaints authority’s key');
      if (error instanceof DataDirError)
        throw new UnavailableError(
          /has no sealing key/.test(error.message)
            ? NO_SEALING_KEY
            : 'the complaints authority’s key cannot be read on this server: tell the operator',
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
