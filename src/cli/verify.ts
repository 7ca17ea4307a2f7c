import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { verifyBundle } from '../ledger/bundle.js';
import { progress, withStore } from './common.js';
import { UsageError } from './errors.js';

/** A --key value is a path to a log.vkey file or the verifier key itself. */
function readKey(key: string): string {
  if (existsSync(key)) return readFileSync(key, 'utf8').trim();
  if (/^[^\s+]+\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$/.test(key)) return key;
  throw new UsageError(`--key: ${key} is neither a file nor a verifier key (name+keyid+base64)`);
}

/** Returns the exit code: 0 all holds, 1 something failed. */
export async function runVerify(
  file: string | undefined,
  opts: { key?: string; data?: string },
): Promise<number> {
  if (opts.data !== undefined) return verifyLive(opts.data);
  if (file === undefined) throw new UsageError('give a bundle FILE');
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
  const key = opts.key === undefined ? undefined : readKey(opts.key);
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  const bar = progress('verify');
  const report = await verifyBundle(lines, {
    ...(key ? { key } : {}),
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

async function verifyLive(dataDir: string): Promise<number> {
  const bar = progress('verify');
  const report = await withStore(dataDir, (store) => store.verify((done, total) => bar.update(done, total)));
  bar.stop();
  if (report.ok) {
    console.log(
      `OK: ${report.size} entries; ${report.checkpoints} signed checkpoints match; ${report.digestsChecked} payload digests checked.`,
    );
    return 0;
  }
  console.error(`FAILED: ${report.seq !== undefined ? `seq ${report.seq}: ` : ''}${report.problem}`);
  return 1;
}
