import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { verifyBundle } from '../ledger/bundle.js';
import { SIGNATURE_TYPE_COSIGNATURE_V1 } from '../ledger/cosignature.js';
import { decodeVerifierKey } from '../ledger/note.js';
import { describeDifferences } from '../store/read-model-check.js';
import { progress, withStore } from './common.js';
import { UsageError } from './errors.js';

/** A --key value is a path to a log.vkey file or the verifier key itself. */
function readKey(key: string): string {
  if (existsSync(key)) return readFileSync(key, 'utf8').trim();
  if (/^[^\s+]+\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$/.test(key)) return key;
  throw new UsageError(`--key: ${key} is neither a file nor a verifier key (name+keyid+base64)`);
}

/** A --witness value: a witness.vkey file or the key itself, which must be a cosignature/v1 key. */
function readWitnessKey(value: string): string {
  const key = existsSync(value) ? readFileSync(value, 'utf8').trim() : value;
  try {
    decodeVerifierKey(key, [SIGNATURE_TYPE_COSIGNATURE_V1]);
  } catch (error) {
    throw new UsageError(`--witness: ${value} is not a witness's verifier key (${(error as Error).message})`);
  }
  return key;
}

/** Returns the exit code: 0 all holds, 1 something failed. */
export async function runVerify(
  file: string | undefined,
  opts: { key?: string; data?: string; witness?: string[]; quorum?: number },
): Promise<number> {
  const witnessKeys = (opts.witness ?? []).map(readWitnessKey);
  const quorum = opts.quorum ?? witnessKeys.length;
  if (quorum > witnessKeys.length)
    throw new UsageError(`--quorum ${quorum} is more than the ${witnessKeys.length} --witness keys given`);
  if (opts.data !== undefined) return verifyLive(opts.data, { keys: witnessKeys, quorum });
  if (file === undefined) throw new UsageError('give a bundle FILE');
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
  const key = opts.key === undefined ? undefined : readKey(opts.key);
  if (key !== undefined) {
    try {
      decodeVerifierKey(key);
    } catch (error) {
      throw new UsageError(`--key: not a log's verifier key (${(error as Error).message})`);
    }
  }
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  const bar = progress('verify');
  const report = await verifyBundle(lines, {
    ...(key ? { key } : {}),
    witnessKeys,
    witnessQuorum: quorum,
    onProgress: (entries) => bar.update(entries, entries),
  });
  bar.stop();
  if (report.ok) {
    console.log(
      `OK: ${report.size} entries of log "${report.origin}", root ${report.root}; ` +
        `${report.digestsChecked} payload digests checked; ${report.cosignatures} cosignatures.`,
    );
    if (!key)
      console.log(
        'Note: checked against the key in the bundle header; pass --key log.vkey to pin the key you trust.',
      );
    return 0;
  }
  const where =
    report.seq !== undefined
      ? `seq ${report.seq}: `
      : report.line !== undefined
        ? `line ${report.line}: `
        : '';
  console.error(`FAILED: ${where}${report.problem}`);
  return 1;
}

async function verifyLive(dataDir: string, witnesses: { keys: string[]; quorum: number }): Promise<number> {
  // Opened to inspect: verifying never signs (signing first would bless whatever the database holds).
  return withStore(
    dataDir,
    async (store) => {
      const bar = progress('verify');
      const report = await store.verify((done, total) => bar.update(done, total), witnesses);
      bar.stop();
      if (!report.ok) {
        console.error(`FAILED: ${report.seq !== undefined ? `seq ${report.seq}: ` : ''}${report.problem}`);
        return 1;
      }
      console.log(
        `OK: ${report.size} entries; ${report.checkpoints} signed checkpoints match; ${report.digestsChecked} payload digests checked.` +
          (report.witnessed
            ? ` Cosigned by ${report.witnessed.cosignatures} of the given witnesses up to ${report.witnessed.size} entries.`
            : ''),
      );
      // The read models every page reads: replayed from the log into a scratch copy and compared.
      const replay = progress('read models');
      const models = await store.checkReadModels((done, total) => replay.update(done, total));
      replay.stop();
      if (!models.ok) {
        for (const line of describeDifferences(models)) console.error(`FAILED: ${line}`);
        console.error(
          'The log itself verifies: run habeas rebuild to make the read models what it says, and find out who changed them.',
        );
        return 1;
      }
      console.log(`OK: the ${models.tables} read model tables are what the log says.`);
      return 0;
    },
    { signing: false },
  );
}
