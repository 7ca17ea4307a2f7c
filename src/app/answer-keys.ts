import { deriveAnswerKey, type AnswerKeyPair } from '../sealing/answer-key.js';
import { loadIntegrityKey } from '../store/integrity-key.js';

/*
 * The server's side of complainants' answer keys (issue 18 item 6, src/sealing/answer-key.ts): the
 * answer secret, derived from the data directory's integrity key (never in the database) and read
 * once per data directory, and the derivation from a reference and a PIN. Every server sharing the
 * database has a copy of the same data directory, so each derives the same keys.
 */

const secrets = new Map<string, Promise<Uint8Array>>();

function answerSecret(dataDir: string): Promise<Uint8Array> {
  let secret = secrets.get(dataDir);
  if (secret === undefined) {
    secret = loadIntegrityKey(dataDir, { create: false }).then(({ key }) => key.answerSecret());
    // A failed read is not kept: the next try reads again.
    secret.catch(() => secrets.delete(dataDir));
    secrets.set(dataDir, secret);
  }
  return secret;
}

/** The answer key that `reference` (normalised) and `pin` derive on the server of `dataDir`. */
export async function answerKeyFor(dataDir: string, reference: string, pin: string): Promise<AnswerKeyPair> {
  return deriveAnswerKey(await answerSecret(dataDir), reference, pin);
}
