/**
 * `habeas medical verify REPORT.json --key PUBKEY` (issue 19 item 4): checks a signed medical
 * report offline — no server, no database — against the clinician's public key, as
 * docs/verifying.md "Medical reports" describes. REPORT.json holds one habeas-medical-report/1
 * envelope, or a JSON array of the versions of one report, oldest first (then the chain is
 * checked: the first version present, each next one amending the one before, one signer).
 * Exit 0 when it holds, 1 when it does not (saying what failed), 2 on bad usage.
 */
import { readFile } from 'node:fs/promises';
import { fromBase64 } from '../ledger/hash.js';
import { PUBLIC_KEY_SIZE, clinicianKeyId, verifyReport, verifyReportChain } from '../medical/signing.js';
import { EXIT_FAILURE, UsageError } from './errors.js';

/** Returns the exit code: 0 the report (or every version) verifies, 1 it does not. */
export async function runMedicalVerify(file: string, opts: { key: string[] }): Promise<number> {
  if (opts.key.length === 0) throw new UsageError("give the clinician's public key with --key");
  const keys = await Promise.all(opts.key.map(readPublicKey));
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    console.error(`FAILED: ${file} is not JSON: ${(error as Error).message}`);
    return EXIT_FAILURE;
  }
  if (Array.isArray(value)) {
    const chain = verifyReportChain(value, keys);
    if (!chain.ok) {
      console.error(`FAILED (${chain.failure}): ${chain.detail}`);
      return EXIT_FAILURE;
    }
    console.log(
      `OK: ${chain.digests.length} version${chain.digests.length === 1 ? '' : 's'} signed by clinician key ${chain.keyId}, ` +
        `the first kept; the report as it stands is ${chain.head}.`,
    );
    return 0;
  }
  const result = verifyReport(value, keys);
  if (!result.ok) {
    console.error(`FAILED (${result.failure}): ${result.detail}`);
    return EXIT_FAILURE;
  }
  console.log(
    `OK: version ${result.version} of the report ${result.digest}, signed by clinician key ${result.keyId}` +
      (result.previous === null ? '.' : `, amending ${result.previous}.`),
  );
  return 0;
}

/**
 * `--key`: the raw 32-byte public key in standard base64, or a file holding it — alone, or as the
 * "publicKey" of a JSON object (a clinician's stored key, or a signed report's "signer").
 */
async function readPublicKey(option: string): Promise<Uint8Array> {
  const direct = decodeKey(option.trim());
  if (direct !== null) return direct;
  let text: string;
  try {
    text = await readFile(option, 'utf8');
  } catch {
    throw new UsageError(`--key ${option}: neither a 32-byte public key in base64 nor a file that holds one`);
  }
  let key = decodeKey(text.trim());
  if (key === null) {
    try {
      const value = JSON.parse(text) as { publicKey?: unknown } | null;
      if (typeof value?.publicKey === 'string') key = decodeKey(value.publicKey);
    } catch {
      key = null;
    }
  }
  if (key === null) throw new UsageError(`--key ${option}: the file holds no 32-byte public key in base64`);
  return key;
}

function decodeKey(text: string): Uint8Array | null {
  try {
    const bytes = fromBase64(text);
    if (bytes.length !== PUBLIC_KEY_SIZE) return null;
    clinicianKeyId(bytes);
    return bytes;
  } catch {
    return null;
  }
}
