/**
 * A witness's own directory (`habeas witness init|trust|serve --data WDIR`), apart from any log's:
 *
 * | file | what |
 * |---|---|
 * | `witness.json` | its name and the logs it follows (origin and verifier key), written by `init` and `trust` |
 * | `witness.key` | its C2SP cosignature/v1 signer key (mode 0600) |
 * | `witness.vkey` | its verifier key: give it to the log's operator and to auditors |
 * | `state.json` | per log, the last checkpoint it cosigned (size, root, the note), written before answering |
 * | `evidence/` | refused checkpoints that contradict what it cosigned: proof of a log's misbehaviour |
 * | `witness.lock` | held by the serving process, so that two processes never answer from one state |
 *
 * State is written atomically (temporary file, fsync, rename, fsync of the directory) before the
 * cosignature leaves, as tlog-witness requires.
 */
import { createHash, randomBytes } from 'node:crypto';
import { access, mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeVerifierKey, isValidKeyName, isValidNoteText } from '../ledger/note.js';
import { generateWitnessKey, SIGNATURE_TYPE_COSIGNATURE_V1 } from '../ledger/cosignature.js';
import { fromBase64, toBase64 } from '../ledger/hash.js';
import type { FollowedLog, WitnessedTree } from '../ledger/witness.js';

/** Something wrong with the witness directory or the command's arguments; the message says what to do. */
export class WitnessDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WitnessDirError';
  }
}

export interface WitnessConfig {
  name: string;
  createdAt: string;
  logs: { origin: string; key: string }[];
}

export interface WitnessState {
  /** Per origin: the last checkpoint cosigned. */
  logs: Record<string, { size: number; root: string; note: string; cosignedAt: string }>;
}

const files = (dir: string) => ({
  config: join(dir, 'witness.json'),
  signerKey: join(dir, 'witness.key'),
  verifierKey: join(dir, 'witness.vkey'),
  state: join(dir, 'state.json'),
  evidence: join(dir, 'evidence'),
  lock: join(dir, 'witness.lock'),
});

const isCode = (error: unknown, code: string) => (error as { code?: unknown }).code === code;

/** Creates WDIR with a new witness key named `name` (by convention a URL without scheme). */
export async function initWitnessDir(dir: string, name: string): Promise<{ verifierKey: string }> {
  if (!isValidKeyName(name))
    throw new WitnessDirError(
      `"${name}" is not a usable witness name: no spaces or "+", e.g. ombudsman.kz/witness`,
    );
  const paths = files(dir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const { signerKey, verifierKey } = generateWitnessKey(name);
  try {
    await writeFile(paths.signerKey, signerKey + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if (isCode(error, 'EEXIST'))
      throw new WitnessDirError(
        `${dir} is already a witness directory (it has a witness.key): not overwriting it`,
      );
    throw error;
  }
  await writeFile(paths.verifierKey, verifierKey + '\n', { mode: 0o644, flag: 'wx' });
  await writeAtomically(
    paths.state,
    JSON.stringify({ logs: {} } satisfies WitnessState, null, 2) + '\n',
    dir,
  );
  const config: WitnessConfig = { name, createdAt: new Date().toISOString(), logs: [] };
  await writeFile(paths.config, JSON.stringify(config, null, 2) + '\n', { mode: 0o644, flag: 'wx' });
  return { verifierKey };
}

export async function readWitnessConfig(dir: string): Promise<WitnessConfig> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(files(dir).config, 'utf8'));
  } catch (error) {
    if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR'))
      throw new WitnessDirError(
        `${dir} is not a witness directory: run habeas witness init --data ${dir} --name NAME`,
      );
    throw new WitnessDirError(`${files(dir).config} is unreadable: ${(error as Error).message}`);
  }
  const config = parsed as Partial<WitnessConfig>;
  if (
    typeof config.name !== 'string' ||
    !Array.isArray(config.logs) ||
    !config.logs.every((l) => typeof l?.origin === 'string' && typeof l.key === 'string')
  )
    throw new WitnessDirError(
      `${files(dir).config} must hold {"name": …, "logs": [{"origin": …, "key": …}]}`,
    );
  return config as WitnessConfig;
}

/** Adds a log (its verifier key; the origin is the key's name unless given) to those the witness follows. */
export async function trustLog(dir: string, key: string, origin?: string): Promise<{ origin: string }> {
  const config = await readWitnessConfig(dir);
  let decoded: ReturnType<typeof decodeVerifierKey>;
  try {
    decoded = decodeVerifierKey(key);
  } catch (error) {
    throw new WitnessDirError(`not a log's verifier key (name+keyid+base64): ${(error as Error).message}`);
  }
  const logOrigin = origin ?? decoded.name;
  if (logOrigin.length === 0 || !isValidNoteText(logOrigin) || logOrigin.includes('\n'))
    throw new WitnessDirError(`"${logOrigin}" is not a log origin (one line of text)`);
  const others = config.logs.filter((l) => l.origin !== logOrigin);
  const existing = config.logs.find((l) => l.origin === logOrigin);
  if (existing && existing.key !== key.trim())
    throw new WitnessDirError(
      `this witness already follows ${logOrigin} with another key; a log keeps its key for life, so this is another log under the same name`,
    );
  config.logs = [...others, { origin: logOrigin, key: key.trim() }];
  await writeAtomically(files(dir).config, JSON.stringify(config, null, 2) + '\n', dir);
  return { origin: logOrigin };
}

export async function readWitnessKeys(dir: string): Promise<{ signerKey: string; verifierKey: string }> {
  const paths = files(dir);
  const read = async (path: string) => {
    try {
      return (await readFile(path, 'utf8')).trim();
    } catch (error) {
      if (isCode(error, 'ENOENT'))
        throw new WitnessDirError(`${path} is missing: the witness directory is incomplete`);
      throw error;
    }
  };
  const signerKey = await read(paths.signerKey);
  const verifierKey = await read(paths.verifierKey);
  decodeVerifierKey(verifierKey, [SIGNATURE_TYPE_COSIGNATURE_V1]);
  return { signerKey, verifierKey };
}

export async function readWitnessState(dir: string): Promise<WitnessState> {
  try {
    const parsed = JSON.parse(await readFile(files(dir).state, 'utf8')) as WitnessState;
    if (typeof parsed !== 'object' || parsed === null || typeof parsed.logs !== 'object')
      throw new Error('no "logs"');
    return parsed;
  } catch (error) {
    // A witness that lost its state must not start again from nothing: it would cosign a rewritten log.
    throw new WitnessDirError(
      `${files(dir).state} is missing or unreadable (${(error as Error).message}): restore it from backup; a witness whose state is lost must be retired, not restarted`,
    );
  }
}

export function treeOf(state: WitnessState, origin: string): WitnessedTree | undefined {
  const log = state.logs[origin];
  return log ? { size: log.size, root: fromBase64(log.root) } : undefined;
}

/** Records a cosigned checkpoint; resolves once the state is on disk. */
export async function saveCosigned(
  dir: string,
  state: WitnessState,
  origin: string,
  tree: WitnessedTree,
  note: string,
  at: Date,
): Promise<void> {
  state.logs[origin] = { size: tree.size, root: toBase64(tree.root), note, cosignedAt: at.toISOString() };
  await writeAtomically(files(dir).state, JSON.stringify(state, null, 2) + '\n', dir);
}

/**
 * Keeps a refused request that contradicts what was cosigned (its log signature makes it proof),
 * once: the file is named by the digest of what was refused, so the same forgery sent again (a log
 * retries its submissions) adds nothing, while each different one is kept.
 */
export async function keepEvidence(
  dir: string,
  origin: string,
  body: string,
  why: string,
  at: Date,
): Promise<string> {
  const folder = files(dir).evidence;
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const digest = createHash('sha256').update(`${origin}\n${body}`).digest('hex').slice(0, 32);
  const name = `${digest}.txt`;
  if (await exists(join(folder, name))) return name;
  await writeAtomically(
    join(folder, name),
    `origin: ${origin}\nrefused: ${why}\nreceived: ${at.toISOString()}\n\n${body}`,
    folder,
  );
  return name;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Takes the directory's lock for a serving process; throws when another live process holds it.
 * Returns the release function.
 */
export async function lockWitnessDir(dir: string): Promise<() => Promise<void>> {
  const path = files(dir).lock;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(path, `${process.pid}\n`, { flag: 'wx', mode: 0o644 });
      return () => rm(path, { force: true });
    } catch (error) {
      if (!isCode(error, 'EEXIST')) throw error;
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid))
        throw new WitnessDirError(`another witness process (pid ${pid}) serves from ${dir}`);
      await rm(path, { force: true }); // left by a process that died
    }
  }
  throw new WitnessDirError(`could not lock ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isCode(error, 'EPERM');
  }
}

async function writeAtomically(path: string, text: string, dir: string): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const file = await open(temporary, 'wx', 0o600);
    try {
      await file.writeFile(text, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } finally {
    await rm(temporary, { force: true });
  }
  const folder = await open(dir, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

export function followedLogs(config: WitnessConfig): FollowedLog[] {
  const byOrigin = new Map<string, string[]>();
  for (const log of config.logs) byOrigin.set(log.origin, [...(byOrigin.get(log.origin) ?? []), log.key]);
  return [...byOrigin].map(([origin, keys]) => ({ origin, keys }));
}
