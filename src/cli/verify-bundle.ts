/**
 * `habeas verify FILE`: a bundle checked offline — no server, no database, no module of Habeas
 * beyond the ledger's. Shared by the `habeas` command and the single-file verifier auditors run on
 * their own (scripts/build-verifier.mjs, src/verifier/main.ts), so both answer alike.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { verifyBundle, type BundleReport, type VerifyBundleOptions } from '../ledger/bundle.js';
import { SIGNATURE_TYPE_COSIGNATURE_V1 } from '../ledger/cosignature.js';
import { decodeVerifierKey } from '../ledger/note.js';
import { UsageError } from './errors.js';
import { progress } from './progress.js';

export interface BundleVerifyOptions {
  key?: string;
  witness?: string[];
  quorum?: number;
  checkpoints?: string;
}

/** A --key value is a path to a log.vkey file or the verifier key itself; either way a log's key. */
export function readLogKey(value: string): string {
  const key = existsSync(value) ? readFileSync(value, 'utf8').trim() : value;
  try {
    decodeVerifierKey(key);
  } catch (error) {
    throw new UsageError(`--key: ${value} is not a log's verifier key (${(error as Error).message})`);
  }
  return key;
}

/** A --witness value: a witness.vkey file or the key itself, which must be a cosignature/v1 key. */
export function readWitnessKey(value: string): string {
  const key = existsSync(value) ? readFileSync(value, 'utf8').trim() : value;
  try {
    decodeVerifierKey(key, [SIGNATURE_TYPE_COSIGNATURE_V1]);
  } catch (error) {
    throw new UsageError(`--witness: ${value} is not a witness's verifier key (${(error as Error).message})`);
  }
  return key;
}

/** The witness keys and quorum of the options, checked: bad usage (exit 2) when they do not fit. */
export function witnessesOf(opts: { witness?: string[]; quorum?: number }): {
  keys: string[];
  quorum: number;
} {
  const keys = (opts.witness ?? []).map(readWitnessKey);
  const quorum = opts.quorum ?? keys.length;
  if (!Number.isInteger(quorum) || quorum < 0 || quorum > keys.length)
    throw new UsageError(`--quorum ${quorum} is not between 0 and the ${keys.length} --witness keys given`);
  return { keys, quorum };
}

/** The checkpoints file of `habeas export --checkpoints`: one {"checkpoint": note} per line. */
function readCheckpoints(file: string): string[] {
  if (!existsSync(file)) throw new UsageError(`--checkpoints: ${file}: no such file`);
  const notes: string[] = [];
  for (const [i, line] of readFileSync(file, 'utf8').split('\n').entries()) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new UsageError(`--checkpoints: line ${i + 1} of ${file} is not JSON`);
    }
    const note = (value as { checkpoint?: unknown } | null)?.checkpoint;
    if (typeof note !== 'string')
      throw new UsageError(`--checkpoints: line ${i + 1} of ${file} has no "checkpoint"`);
    notes.push(note);
  }
  return notes;
}

/**
 * Verifies a bundle file (the checks of {@link verifyBundleFile}, without printing the outcome):
 * `onEntry` sees each entry, with its checked payload, in the same pass (`habeas medical verify
 * --bundle` looks for a report's entry this way). Usage problems throw UsageError.
 */
export async function checkBundleFile(
  file: string,
  opts: BundleVerifyOptions,
  onEntry?: VerifyBundleOptions['onEntry'],
): Promise<{ report: BundleReport; pinned: boolean }> {
  const witnesses = witnessesOf(opts);
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
  const key = opts.key === undefined ? undefined : readLogKey(opts.key);
  const checkpoints = opts.checkpoints === undefined ? [] : readCheckpoints(opts.checkpoints);
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  const bar = progress('verify');
  const report = await verifyBundle(lines, {
    ...(key ? { key } : {}),
    witnessKeys: witnesses.keys,
    witnessQuorum: witnesses.quorum,
    checkpoints,
    onProgress: (entries) => bar.update(entries, entries),
    ...(onEntry ? { onEntry } : {}),
  });
  bar.stop();
  return { report, pinned: key !== undefined };
}

/** A failed bundle's report in one line: where (seq or line) and what. */
export function bundleProblem(report: Extract<BundleReport, { ok: false }>): string {
  const where =
    report.seq !== undefined
      ? `seq ${report.seq}: `
      : report.line !== undefined
        ? `line ${report.line}: `
        : '';
  return `${where}${report.problem}`;
}

/** Verifies a bundle file and prints the outcome; returns the exit code (0 all holds, 1 something failed). */
export async function verifyBundleFile(file: string, opts: BundleVerifyOptions): Promise<number> {
  const { report, pinned } = await checkBundleFile(file, opts);
  if (report.ok) {
    console.log(
      `OK: ${report.size} entries of log "${report.origin}", root ${report.root}; ` +
        `${report.digestsChecked} payload digests checked; ${report.cosignatures} cosignatures.`,
    );
    if (!pinned)
      console.log(
        'Note: checked against the key in the bundle header; pass --key log.vkey to pin the key you trust.',
      );
    return 0;
  }
  console.error(`FAILED: ${bundleProblem(report)}`);
  return 1;
}
