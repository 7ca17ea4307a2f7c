import { userInfo } from 'node:os';
import type { Role, Sex } from '../access/principal.js';
import {
  enableUser,
  listAccounts,
  resetPassword,
  userIdOf,
  type AccountKind,
  type AccountView,
} from '../app/account-admin.js';
import { createToken, createUser, disableUser, revokeToken } from '../app/accounts.js';
import { InvalidInputError } from '../app/errors.js';
import { passwordWeakness } from '../domain/accounts/password-strength.js';
import { REGION_CODES } from '../domain/registry/regions.js';
import { withStore } from './common.js';
import { UsageError } from './errors.js';
import {
  checkSigningPassphrase,
  createClinicianKeyFor,
  keyCreatedLine,
  readSigningPassphrase,
} from './medical-key.js';
import { promptTwice, readStdinLines, readStdinSecret } from './prompt.js';

interface AccountOptions {
  data: string;
  role: Role;
  facility: string[];
  region: string[];
  sex?: Sex;
  name?: string;
}

/** Who did it, as recorded in the log: the operating-system account that ran the command. */
export function cliActor(): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // Containers without a passwd entry: keep 'unknown'.
  }
  return `cli:${user}`;
}

export async function runTokenCreate(opts: AccountOptions): Promise<void> {
  const { token } = await withStore(opts.data, (store) =>
    withRegionUsage(() =>
      createToken(
        store,
        {
          role: opts.role,
          name: opts.name ?? `${opts.role} service account`,
          facilities: opts.facility,
          regions: opts.region,
          ...(opts.sex ? { sex: opts.sex } : {}),
        },
        cliActor(),
      ),
    ),
  );
  // The token and nothing else on standard output: `TOKEN=$(habeas token create …)`.
  process.stdout.write(token + '\n');
}

export async function runUserCreate(
  opts: AccountOptions & { username: string; signingKey?: boolean },
): Promise<void> {
  if (opts.signingKey && opts.role !== 'medical')
    throw new UsageError('--signing-key is for medical staff (--role medical): they sign their reports');
  const name = opts.name ?? opts.username;
  let password: string;
  let passphrase: string | undefined;
  if (opts.signingKey && !process.stdin.isTTY) {
    // Piped: the password, then the clinician's signing passphrase, one line each.
    const lines = await readStdinLines();
    if (lines.length !== 2)
      throw new UsageError(
        'with --signing-key, give the password and the signing passphrase as two lines on standard input',
      );
    [password, passphrase] = lines as [string, string];
    checkPassword(password);
  } else {
    password = await readNewPassword();
    // Set-up at a terminal: the clinician takes the keyboard for their own passphrase (issue 19 item 4).
    if (opts.signingKey) passphrase = await readSigningPassphrase(name);
  }
  if (passphrase !== undefined) checkSigningPassphrase(passphrase, password);
  await withStore(opts.data, async (store) => {
    const { id } = await withRegionUsage(() =>
      createUser(
        store,
        {
          username: opts.username,
          password,
          name,
          role: opts.role,
          facilities: opts.facility,
          regions: opts.region,
          ...(opts.sex ? { sex: opts.sex } : {}),
        },
        cliActor(),
      ),
    );
    console.log(`Created user ${opts.username} (${opts.role}), account ${id}.`);
    if (passphrase !== undefined)
      console.log(keyCreatedLine(opts.username, await createClinicianKeyFor(store, id, passphrase)));
  });
}

// --- Administration (issue 18 item 4): list, disable, enable, reset a password, revoke a token ------

interface ChangeOptions {
  data: string;
  reason: string;
}

export async function runUserList(opts: { data: string; json: boolean }): Promise<void> {
  await printAccounts(opts, 'user');
}

export async function runTokenList(opts: { data: string; json: boolean }): Promise<void> {
  await printAccounts(opts, 'service');
}

export async function runUserDisable(opts: ChangeOptions & { username: string }): Promise<void> {
  await withStore(opts.data, async (store) =>
    withReasonUsage(async () =>
      disableUser(store, await userIdOf(store, opts.username), opts.reason, cliActor()),
    ),
  );
  console.log(`Disabled user ${opts.username}; their sessions have ended.`);
}

export async function runUserEnable(opts: ChangeOptions & { username: string }): Promise<void> {
  await withStore(opts.data, async (store) =>
    withReasonUsage(async () =>
      enableUser(store, await userIdOf(store, opts.username), opts.reason, cliActor()),
    ),
  );
  console.log(`Enabled user ${opts.username}.`);
}

export async function runUserResetPassword(opts: ChangeOptions & { username: string }): Promise<void> {
  const password = await readNewPassword();
  await withStore(opts.data, async (store) =>
    withReasonUsage(async () =>
      resetPassword(
        store,
        await userIdOf(store, opts.username),
        { password, reason: opts.reason },
        cliActor(),
      ),
    ),
  );
  console.log(`Set a new password for ${opts.username}; their sessions have ended.`);
}

export async function runTokenRevoke(opts: ChangeOptions & { id: string }): Promise<void> {
  await withStore(opts.data, (store) =>
    withReasonUsage(() => revokeToken(store, opts.id, opts.reason, cliActor())),
  );
  console.log(`Revoked the token of service account ${opts.id}; it stopped working at once.`);
}

/** The accounts as a table (or JSON with --json): role, scope and state, never a secret. */
async function printAccounts(opts: { data: string; json: boolean }, kind: AccountKind): Promise<void> {
  const accounts = await withStore(opts.data, (store) => listAccounts(store, kind));
  if (opts.json) {
    process.stdout.write(JSON.stringify(accounts, null, 2) + '\n');
    return;
  }
  if (accounts.length === 0) {
    console.log(kind === 'user' ? 'No user accounts.' : 'No service accounts.');
    return;
  }
  const rows = accounts.map((account) => [
    kind === 'user' ? (account.username ?? '') : account.id,
    account.role,
    account.state,
    scopeOf(account),
    account.name,
  ]);
  const header = [kind === 'user' ? 'USERNAME' : 'ID', 'ROLE', 'STATE', 'SCOPE', 'NAME'];
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  for (const row of [header, ...rows]) {
    console.log(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '));
  }
}

function scopeOf(account: AccountView): string {
  const parts = [...account.facilities.map((facility) => facility.name), ...account.regions];
  return parts.length === 0 ? 'national' : parts.join(', ');
}

/** A reason that is empty or too long is bad usage (exit 2), said the way the option is named. */
async function withReasonUsage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InvalidInputError) {
      throw new UsageError(
        error.issues.map((issue) => `--${reasonOr(issue.field)}: ${issue.message}`).join('; '),
      );
    }
    throw error;
  }
}

const reasonOr = (field: string): string => (field === '(input)' ? 'reason' : field);

/**
 * A `--region` that is not a region of ISO 3166-2:KZ is bad usage (exit 2), said with the codes
 * to choose from (a legacy alpha code is accepted and stored as the current code).
 */
async function withRegionUsage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InvalidInputError && error.issues.some((issue) => issue.field.startsWith('regions')))
      throw new UsageError(`--region: not a region of ISO 3166-2:KZ; one of ${REGION_CODES.join(', ')}`);
    throw error;
  }
}

/**
 * A new password: one line of standard input (piped), or prompted twice without echo on a
 * terminal; a line break inside it, or a password too easy to guess, is bad usage (exit 2).
 */
async function readNewPassword(): Promise<string> {
  const password = process.stdin.isTTY
    ? await promptTwice('Password: ', 'Repeat password: ', 'passwords')
    : await readStdinSecret('password');
  checkPassword(password);
  return password;
}

/** A password too easy to guess is bad usage (exit 2), with the reason. */
function checkPassword(password: string): void {
  const weakness = passwordWeakness(password);
  if (weakness !== null) throw new UsageError(`the password is too easy to guess: ${weakness}`);
}
