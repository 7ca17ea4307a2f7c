import { userInfo } from 'node:os';
import type { Role, Sex } from '../access/principal.js';
import { createToken, createUser } from '../app/accounts.js';
import { withStore } from './common.js';
import { UsageError } from './errors.js';
import { promptTwice, readStdinText } from './prompt.js';

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
  );
  // The token and nothing else on standard output: `TOKEN=$(habeas token create …)`.
  process.stdout.write(token + '\n');
}

export async function runUserCreate(opts: AccountOptions & { username: string }): Promise<void> {
  const password = await readPassword();
  if (password.length < 12) throw new UsageError('the password must have at least 12 characters');
  const { id } = await withStore(opts.data, (store) =>
    createUser(
      store,
      {
        username: opts.username,
        password,
        name: opts.name ?? opts.username,
        role: opts.role,
        facilities: opts.facility,
        regions: opts.region,
        ...(opts.sex ? { sex: opts.sex } : {}),
      },
      cliActor(),
    ),
  );
  console.log(`Created user ${opts.username} (${opts.role}), account ${id}.`);
}

/** The password from standard input (piped), or prompted twice without echo on a terminal. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readStdinText();
  return promptTwice('Password: ', 'Repeat password: ', 'passwords');
}
