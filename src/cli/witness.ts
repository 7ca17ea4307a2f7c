import { existsSync, readFileSync } from 'node:fs';
import { decodeVerifierKey } from '../ledger/note.js';
import { readDataDir, witnessProblem, writeWitnesses } from '../store/datadir.js';
import { initWitnessDir, readWitnessConfig, trustLog, WitnessDirError } from '../witness/directory.js';
import { buildWitnessApp } from '../witness/server.js';
import { UsageError } from './errors.js';

/** A key option: a path to a key file, or the key itself. */
function readKeyArgument(option: string, value: string): string {
  if (existsSync(value)) return readFileSync(value, 'utf8').trim();
  if (/^[^\s+]+\+[0-9a-fA-F]{8}\+[A-Za-z0-9+/=]+$/.test(value)) return value;
  throw new UsageError(`${option}: ${value} is neither a file nor a verifier key (name+keyid+base64)`);
}

function usage<T>(work: () => Promise<T>): Promise<T> {
  return work().catch((error: unknown) => {
    if (error instanceof WitnessDirError) throw new UsageError(error.message);
    throw error;
  });
}

export async function runWitnessInit(opts: { data: string; name: string }): Promise<void> {
  const { verifierKey } = await usage(() => initWitnessDir(opts.data, opts.name));
  console.log(verifierKey);
  console.error(
    `Witness directory ${opts.data} created. Give the key above to the log's operator ` +
      `(habeas witnesses add --key …) and to auditors; then follow a log with habeas witness trust.`,
  );
}

export async function runWitnessTrust(opts: {
  data: string;
  logKey: string;
  origin?: string;
}): Promise<void> {
  const key = readKeyArgument('--log-key', opts.logKey);
  const { origin } = await usage(() => trustLog(opts.data, key, opts.origin));
  console.log(`This witness now follows ${origin}.`);
}

export async function runWitnessServe(opts: { data: string; port: number; host: string }): Promise<void> {
  const config = await usage(() => readWitnessConfig(opts.data));
  if (config.logs.length === 0)
    throw new UsageError(
      `this witness follows no log yet: habeas witness trust --data ${opts.data} --log-key …`,
    );
  const app = await usage(() =>
    buildWitnessApp({ dir: opts.data, log: (line) => console.error(`${new Date().toISOString()} ${line}`) }),
  );
  await app.listen({ port: opts.port, host: opts.host });
  const address = app.server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : opts.port;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  console.log(
    `Witness ${config.name} serving http://${host}:${bound} for ${config.logs.map((l) => l.origin).join(', ')}`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => void app.close().then(resolve, resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

export async function runWitnessesAdd(opts: {
  data: string;
  url: string;
  key: string;
  quorum?: number;
}): Promise<void> {
  const key = readKeyArgument('--key', opts.key);
  const problem = witnessProblem(opts.url, key);
  if (problem) throw new UsageError(problem);
  const dir = await readDataDir(opts.data);
  const name = decodeVerifierKey(key, [0x04]).name;
  const others = dir.witnesses.filter((w) => decodeVerifierKey(w.key, [0x04]).name !== name);
  const witnesses = [...others, { url: opts.url, key }];
  const quorum = checkQuorum(opts.quorum ?? dir.witnessQuorum, witnesses.length);
  await writeWitnesses(opts.data, witnesses, quorum);
  console.log(
    `${name} added: ${witnesses.length} witness(es), quorum ${quorum ?? witnesses.length}. Restart the server to use it.`,
  );
}

export async function runWitnessesRemove(opts: {
  data: string;
  name: string;
  quorum?: number;
}): Promise<void> {
  const dir = await readDataDir(opts.data);
  const witnesses = dir.witnesses.filter((w) => decodeVerifierKey(w.key, [0x04]).name !== opts.name);
  if (witnesses.length === dir.witnesses.length)
    throw new UsageError(`no witness named ${opts.name} is configured`);
  const quorum = checkQuorum(opts.quorum ?? dir.witnessQuorum, witnesses.length);
  await writeWitnesses(opts.data, witnesses, quorum);
  console.log(`${opts.name} removed: ${witnesses.length} witness(es) left. Restart the server.`);
}

export async function runWitnessesList(opts: { data: string }): Promise<void> {
  const dir = await readDataDir(opts.data);
  if (dir.witnesses.length === 0) {
    console.log('No witness is configured: checkpoints are signed by the log alone (habeas witnesses add).');
    return;
  }
  for (const w of dir.witnesses) console.log(`${decodeVerifierKey(w.key, [0x04]).name}\t${w.url}\t${w.key}`);
  console.log(`quorum ${dir.witnessQuorum ?? dir.witnesses.length} of ${dir.witnesses.length}`);
}

function checkQuorum(quorum: number | undefined, witnesses: number): number | undefined {
  if (quorum !== undefined && quorum > witnesses)
    throw new UsageError(`--quorum ${quorum} is more than the ${witnesses} witness(es) configured`);
  return quorum;
}
