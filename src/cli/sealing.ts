import {
  WeakPassphraseError,
  initSealing,
  readSealingPublic,
  rewrapSealing,
  MIN_PASSPHRASE_LENGTH,
  type SealingRecipient,
} from '../sealing/keystore.js';
import { UsageError } from './errors.js';
import { promptHidden, promptTwice, readStdinLines, readStdinSecret } from './prompt.js';

/**
 * `habeas sealing …`: the complaints authority's key pair (issue 4) and, with `--for procurator`,
 * the procurator's office's own (issue 18 item 5): two institutions, two passphrases, neither
 * knowing the other's. Passphrases come from standard input when it is not a terminal (one per
 * line), or are prompted for without echo.
 */

type SealingOptions = { data: string; for?: SealingRecipient };

const OWNER: Record<SealingRecipient, string> = {
  'complaints-authority': "the complaints authority's",
  procurator: "the procurator's office's",
};

export async function runSealingInit(opts: SealingOptions): Promise<void> {
  const recipient = opts.for ?? 'complaints-authority';
  let passphrase: string;
  if (!process.stdin.isTTY) {
    passphrase = await readStdinSecret('passphrase');
  } else {
    process.stderr.write(
      `Choose a passphrase for ${OWNER[recipient]} sealing key (at least ${MIN_PASSPHRASE_LENGTH} characters).\n` +
        'Without it, no complaint sealed to this key can ever be opened: keep it safe.\n' +
        (recipient === 'procurator'
          ? "It must be the procurator's office's own, never the complaints authority's.\n"
          : ''),
    );
    passphrase = await promptTwice('Passphrase: ', 'Repeat passphrase: ', 'passphrases');
  }
  const { publicKey, path } = await withUsage(() => initSealing(opts.data, passphrase, { recipient }));
  console.log(`Wrote ${OWNER[recipient]} sealing key to ${path} (mode 0600, private key wrapped).`);
  console.log(`Public key (X25519, base64): ${publicKey}`);
}

export async function runSealingRekey(opts: SealingOptions): Promise<void> {
  let current: string;
  let next: string;
  if (!process.stdin.isTTY) {
    const lines = await readStdinLines();
    if (lines.length !== 2) {
      throw new UsageError('give the current and the new passphrase as two lines on standard input');
    }
    [current, next] = lines as [string, string];
  } else {
    current = await promptHidden('Current passphrase: ');
    next = await promptTwice('New passphrase: ', 'Repeat new passphrase: ', 'passphrases');
  }
  const { publicKey, path } = await withUsage(() =>
    rewrapSealing(opts.data, current, next, { recipient: opts.for ?? 'complaints-authority' }),
  );
  console.log(`Changed the passphrase of ${path}; the key pair is unchanged (public key ${publicKey}).`);
}

export async function runSealingKey(opts: SealingOptions): Promise<void> {
  // What GET /api/v1/sealing/key answers, on one line: `habeas sealing key --data DIR > key.json`.
  process.stdout.write(
    JSON.stringify(await readSealingPublic(opts.data, opts.for ?? 'complaints-authority')) + '\n',
  );
}

/** A too-short or too-easy new passphrase is bad usage (exit 2), as for `habeas user create`. */
async function withUsage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof WeakPassphraseError) throw new UsageError(error.message);
    throw error;
  }
}
