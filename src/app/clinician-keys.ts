import type { Principal } from '../access/principal.js';
import type { KdfParameters } from '../crypto/passphrase-wrap.js';
import { CLINICIAN_KEY_TYPE, clinicianKeyStream } from '../domain/medical/key-events.js';
import type { ClinicianKey } from '../medical/clinician-key.js';
import {
  CLINICIAN_KDF_DEFAULTS,
  ClinicianKeyFormatError,
  createClinicianKey,
  rewrapClinicianKey,
  unlockClinicianKey,
  WrongClinicianPassphraseError,
} from '../medical/clinician-key.js';
import { WeakPassphraseError } from '../sealing/keystore.js';
import type { Store } from '../store/types.js';
import { requireAccess } from './access.js';
import { AccessDeniedError, ConflictError, InvalidInputError, NotFoundError } from './errors.js';

/*
 * Clinicians' signing keys (issue 19 item 4). Each clinician creates their own Ed25519 key when they
 * set up their account, under a passphrase only they know: the administrator who made the account
 * never sees it, and the database holds only the wrapped private key (`clinician_key_wraps`, outside
 * the log) and the public key, which is registered in the log (`clinician-key/<accountId>`). To sign,
 * the clinician unlocks the key once; it stays in this process's memory for their session only — the
 * page session for people, the account for bearer tokens — and is forgotten after 30 minutes without
 * use, on lock, and when the server stops, as the sealing keys are (src/app/sealing-session.ts).
 *
 * A wrap swapped in the database for one of the operator's own does not sign for the clinician: the
 * key unlocked must be the one the log registered, or unlocking is refused.
 */

export const CLINICIAN_KEY_IDLE_MS = 30 * 60_000;

export const NO_CLINICIAN_KEY = 'you have no signing key yet: create it (POST /api/v1/medical/key)';
export const UNLOCK_CLINICIAN_KEY =
  'unlock your signing key first (POST /api/v1/medical/key/unlock): a finished report is signed with it';

export interface ClinicianKeyStatus {
  hasKey: boolean;
  keyId: string | null;
  /** Standard base64 of the raw Ed25519 public key. */
  publicKey: string | null;
  registeredAt: string | null;
  unlocked: boolean;
}

/** The unlocked keys of this process, by holder. */
export class ClinicianKeySessions {
  readonly #keys = new Map<string, { key: ClinicianKey; accountId: string; lastUsed: number }>();
  /** Unlocks run one at a time: each derives the wrapping key with argon2id. */
  #unlocking: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly clock: () => Date,
    /** argon2id parameters for new keys (tests use the smallest the bounds allow). */
    readonly kdf: KdfParameters = CLINICIAN_KDF_DEFAULTS,
  ) {}

  /** Runs one argon2id derivation at a time. */
  serially<T>(work: () => Promise<T>): Promise<T> {
    const attempt = this.#unlocking.then(work);
    this.#unlocking = attempt.catch(() => undefined);
    return attempt;
  }

  put(holder: string, accountId: string, key: ClinicianKey): void {
    this.#keys.get(holder)?.key.lock();
    this.#keys.set(holder, { key, accountId, lastUsed: this.clock().getTime() });
  }

  /** The key `holder` unlocked for `accountId`, if still fresh (using it keeps it so). */
  keyFor(holder: string, accountId: string): ClinicianKey | null {
    const now = this.clock().getTime();
    for (const [other, held] of this.#keys)
      if (now - held.lastUsed > CLINICIAN_KEY_IDLE_MS) {
        held.key.lock();
        this.#keys.delete(other);
      }
    const held = this.#keys.get(holder);
    if (!held || held.accountId !== accountId) return null;
    held.lastUsed = now;
    return held.key;
  }

  isUnlocked(holder: string, accountId: string): boolean {
    const held = this.#keys.get(holder);
    return (
      held !== undefined &&
      held.accountId === accountId &&
      this.clock().getTime() - held.lastUsed <= CLINICIAN_KEY_IDLE_MS
    );
  }

  lock(holder: string): void {
    this.#keys.get(holder)?.key.lock();
    this.#keys.delete(holder);
  }

  lockAll(): void {
    for (const { key } of this.#keys.values()) key.lock();
    this.#keys.clear();
  }
}

export interface ClinicianKeyServices {
  store: Store;
  clinicianKeys: ClinicianKeySessions;
}

async function registeredKey(store: Store, accountId: string) {
  return store.db
    .selectFrom('clinician_keys')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/** The clinician's own key: whether they have one, its public half, whether it is unlocked for this holder. */
export async function clinicianKeyStatus(
  services: ClinicianKeyServices,
  principal: Principal | null,
  holder: string,
): Promise<ClinicianKeyStatus> {
  const clinician = requireAccess(principal, 'medical.key');
  const row = await registeredKey(services.store, clinician.id);
  return {
    hasKey: row !== undefined,
    keyId: row?.key_id ?? null,
    publicKey: row?.public_key ?? null,
    registeredAt: row?.registered_at ?? null,
    unlocked: row !== undefined && services.clinicianKeys.isUnlocked(holder, clinician.id),
  };
}

/**
 * Creates the clinician's signing key under their passphrase and registers its public half in the
 * log; the key is left unlocked for `holder`. A clinician has one key: a second is refused (409).
 */
export async function createSigningKey(
  services: ClinicianKeyServices,
  principal: Principal | null,
  holder: string,
  passphrase: string,
  now: Date,
): Promise<ClinicianKeyStatus> {
  const clinician = requireAccess(principal, 'medical.key');
  const { store, clinicianKeys } = services;
  if (await registeredKey(store, clinician.id))
    throw new ConflictError('you already have a signing key: unlock it to sign');
  let file;
  try {
    file = await clinicianKeys.serially(() =>
      createClinicianKey(passphrase, { now, kdf: clinicianKeys.kdf }),
    );
  } catch (error) {
    if (error instanceof WeakPassphraseError)
      throw new InvalidInputError([{ field: 'passphrase', message: error.message }]);
    throw error;
  }
  // The wrap first (outside the log), then the public key in the log: a failure between them leaves
  // a wrap without a registered key, which a retry replaces.
  await store.db.deleteFrom('clinician_key_wraps').where('account_id', '=', clinician.id).execute();
  await store.db
    .insertInto('clinician_key_wraps')
    .values({
      account_id: clinician.id,
      key_id: file.keyId,
      wrapped: JSON.stringify(file),
      created_at: now.toISOString(),
    })
    .execute();
  await store.append({
    stream: clinicianKeyStream(clinician.id),
    expectedVersion: 0,
    actor: clinician.id,
    events: [
      {
        type: CLINICIAN_KEY_TYPE,
        payload: {
          accountId: clinician.id,
          keyId: file.keyId,
          publicKey: file.publicKey,
          registeredAt: now.toISOString(),
        },
      },
    ],
  });
  const key = await clinicianKeys.serially(() => unlockClinicianKey(file, passphrase));
  clinicianKeys.put(holder, clinician.id, key);
  return clinicianKeyStatus(services, clinician, holder);
}

/** Loads the wrap and checks it is the key the log registered for the clinician. */
async function wrapOf(store: Store, accountId: string): Promise<unknown> {
  const registered = await registeredKey(store, accountId);
  if (!registered) throw new NotFoundError(NO_CLINICIAN_KEY);
  const wrap = await store.db
    .selectFrom('clinician_key_wraps')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  let parsed: { keyId?: unknown; publicKey?: unknown } | null = null;
  try {
    parsed = wrap ? (JSON.parse(wrap.wrapped) as { keyId?: unknown; publicKey?: unknown }) : null;
  } catch {
    parsed = null;
  }
  if (!parsed || parsed.keyId !== registered.key_id || parsed.publicKey !== registered.public_key)
    throw new ConflictError(
      'the stored signing key is not the one registered in the log for you: tell the operator (the key store was altered)',
    );
  return parsed;
}

/** Unlocks the clinician's key for `holder` (403 for a wrong passphrase). */
export async function unlockSigningKey(
  services: ClinicianKeyServices,
  principal: Principal | null,
  holder: string,
  passphrase: string,
): Promise<ClinicianKeyStatus> {
  const clinician = requireAccess(principal, 'medical.key');
  const stored = await wrapOf(services.store, clinician.id);
  let key: ClinicianKey;
  try {
    key = await services.clinicianKeys.serially(() => unlockClinicianKey(stored, passphrase));
  } catch (error) {
    if (error instanceof WrongClinicianPassphraseError)
      throw new AccessDeniedError(403, 'wrong passphrase for your signing key');
    if (error instanceof ClinicianKeyFormatError)
      throw new ConflictError(`your stored signing key cannot be read: ${error.message}`);
    throw error;
  }
  services.clinicianKeys.put(holder, clinician.id, key);
  return clinicianKeyStatus(services, clinician, holder);
}

/** Wraps the same key under a new passphrase (the old one is needed). */
export async function changeSigningPassphrase(
  services: ClinicianKeyServices,
  principal: Principal | null,
  oldPassphrase: string,
  newPassphrase: string,
): Promise<void> {
  const clinician = requireAccess(principal, 'medical.key');
  const stored = await wrapOf(services.store, clinician.id);
  let file;
  try {
    file = await services.clinicianKeys.serially(() =>
      rewrapClinicianKey(stored, oldPassphrase, newPassphrase, { kdf: services.clinicianKeys.kdf }),
    );
  } catch (error) {
    if (error instanceof WrongClinicianPassphraseError)
      throw new AccessDeniedError(403, 'wrong passphrase for your signing key');
    if (error instanceof WeakPassphraseError)
      throw new InvalidInputError([{ field: 'newPassphrase', message: error.message }]);
    throw error;
  }
  await services.store.db
    .updateTable('clinician_key_wraps')
    .set({ wrapped: JSON.stringify(file) })
    .where('account_id', '=', clinician.id)
    .execute();
}

/** Locks the key for `holder` (sign out, POST /medical/key/lock). */
export function lockSigningKey(services: ClinicianKeyServices, holder: string): void {
  services.clinicianKeys.lock(holder);
}

/** The unlocked key of the clinician for this holder, or 409 saying what to do. */
export async function signingKeyFor(
  services: ClinicianKeyServices,
  clinician: Principal,
  holder: string,
): Promise<ClinicianKey> {
  const key = services.clinicianKeys.keyFor(holder, clinician.id);
  if (key) {
    const registered = await registeredKey(services.store, clinician.id);
    if (registered?.key_id === key.keyId) return key;
  }
  const registered = await registeredKey(services.store, clinician.id);
  throw new ConflictError(registered ? UNLOCK_CLINICIAN_KEY : NO_CLINICIAN_KEY);
}
