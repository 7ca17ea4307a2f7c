/**
 * A clinician's signing key made at the terminal (issue 19 item 4: "created at account set-up"):
 * `habeas user create --role medical --signing-key` and, later, `habeas medical key --user NAME`.
 * The clinician — not the administrator who runs the command — types the passphrase; the key is
 * created and registered exactly as POST /api/v1/medical/key does it (src/app/clinician-keys.ts
 * createSigningKey), under the clinician's own account, and locked again before the command ends.
 */
import { principalFromAccount, trustedAccount } from '../app/accounts.js';
import { ClinicianKeySessions, createSigningKey, type ClinicianKeyStatus } from '../app/clinician-keys.js';
import { ConflictError, InvalidInputError } from '../app/errors.js';
import { loginName } from '../app/sessions.js';
import { checkNewPassphrase, MIN_PASSPHRASE_LENGTH, WeakPassphraseError } from '../sealing/keystore.js';
import type { Store } from '../store/types.js';
import { withStore } from './common.js';
import { UsageError } from './errors.js';
import { promptTwice, readStdinSecret } from './prompt.js';

/** Who holds the key while the command runs: nobody after it (the key is locked at the end). */
const CLI_HOLDER = 'cli';

/** Tells whoever sits at the terminal that the clinician must type now, and nobody else watch. */
export function handOverNotice(name: string): string {
  return (
    `Now ${name} chooses the passphrase of their signing key (at least ${MIN_PASSPHRASE_LENGTH} characters).\n` +
    'Only they may type it or know it: whoever knows it can sign medical reports in their name.\n' +
    'Without it, they cannot sign; nobody can recover it. It is not their password.\n'
  );
}

/** The clinician's passphrase: prompted for twice on a terminal, else one line of standard input. */
export async function readSigningPassphrase(name: string): Promise<string> {
  if (!process.stdin.isTTY) return readStdinSecret('signing passphrase');
  process.stderr.write(handOverNotice(name));
  return promptTwice('Signing passphrase: ', 'Repeat signing passphrase: ', 'passphrases');
}

/** A passphrase too short or easy to guess is bad usage (exit 2), before anything is written. */
export function checkSigningPassphrase(passphrase: string, password?: string): void {
  try {
    checkNewPassphrase(passphrase);
  } catch (error) {
    if (error instanceof WeakPassphraseError) throw new UsageError(`signing passphrase: ${error.message}`);
    throw error;
  }
  if (password !== undefined && passphrase.normalize('NFC') === password.normalize('NFC'))
    throw new UsageError(
      'the signing passphrase must not be the password: whoever set the password would know it',
    );
}

/**
 * Creates and registers the signing key of the medical account `accountId` under `passphrase`
 * (createSigningKey, as the clinician's own act: the log's entry names their account).
 */
export async function createClinicianKeyFor(
  store: Store,
  accountId: string,
  passphrase: string,
  now: Date = new Date(),
): Promise<ClinicianKeyStatus> {
  const row = await store.db
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!row || row.kind !== 'user' || !trustedAccount(store, row))
    throw new UsageError(`there is no user account ${accountId}`);
  if (row.disabled !== 0) throw new UsageError(`the account ${row.username ?? accountId} is disabled`);
  const clinician = principalFromAccount(row);
  if (clinician.role !== 'medical')
    throw new UsageError(
      `${row.username ?? accountId} is of role ${clinician.role}: only medical staff sign reports with a key of their own`,
    );
  const sessions = new ClinicianKeySessions(() => now);
  try {
    return await createSigningKey({ store, clinicianKeys: sessions }, clinician, CLI_HOLDER, passphrase, now);
  } catch (error) {
    if (error instanceof ConflictError)
      throw new UsageError(`${row.username ?? accountId} already has a signing key (one key per clinician)`);
    if (error instanceof InvalidInputError)
      throw new UsageError(`signing passphrase: ${error.issues.map((issue) => issue.message).join('; ')}`);
    throw error;
  } finally {
    sessions.lockAll();
  }
}

/** The line that tells the administrator what was registered (no secret in it). */
export function keyCreatedLine(username: string, status: ClinicianKeyStatus): string {
  return `Created the signing key of ${username}: key ${status.keyId ?? ''}, public key ${status.publicKey ?? ''}, registered in the log.`;
}

/** `habeas medical key --user USERNAME`. */
export async function runMedicalKey(opts: { data: string; user: string }): Promise<void> {
  const username = loginName(opts.user);
  await withStore(opts.data, async (store) => {
    const row = await store.db
      .selectFrom('accounts')
      .select(['id', 'name', 'role'])
      .where('kind', '=', 'user')
      .where('username', '=', username)
      .executeTakeFirst();
    if (!row) throw new UsageError(`there is no user ${username}`);
    if (row.role !== 'medical')
      throw new UsageError(
        `${username} is of role ${row.role}: only medical staff sign reports with a key of their own`,
      );
    const existing = await store.db
      .selectFrom('clinician_keys')
      .select('key_id')
      .where('account_id', '=', row.id)
      .executeTakeFirst();
    if (existing)
      throw new UsageError(
        `${username} already has a signing key, ${existing.key_id} (one key per clinician)`,
      );
    const passphrase = await readSigningPassphrase(row.name);
    checkSigningPassphrase(passphrase);
    const status = await createClinicianKeyFor(store, row.id, passphrase);
    console.log(keyCreatedLine(username, status));
  });
}
