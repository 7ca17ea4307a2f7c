import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SIGNATURE_TYPE_COSIGNATURE_V1 } from '../ledger/cosignature.js';
import { decodeVerifierKey, generateKey, isValidKeyName } from '../ledger/note.js';
import { DataDirError } from './datadir-error.js';
import { loadIntegrityKey } from './integrity-key.js';

/** The log's origin when `habeas init` is given none (C2SP tlog-checkpoint origin line). */
export const DEFAULT_ORIGIN = 'habeas.local/log';

/** A data directory: the log's identity and signing key (DESIGN.md "CLI"). */
export interface DataDir {
  dir: string;
  origin: string;
  createdAt: string;
  /** C2SP signed-note private key (DIR/log.key, mode 0600). */
  signerKey: string;
  /** C2SP verifier key (DIR/log.vkey), the one line given to auditors and witnesses. */
  verifierKey: string;
  /**
   * Overrides of configurable rule parameters (`rules` in habeas.json), by RULES.md id then
   * parameter, e.g. `{"kz.custody.rights": {"hours": 2}}`; checked by src/rules/custody-rules.ts.
   */
  ruleOverrides: Record<string, Record<string, number>>;
  /**
   * Witnesses asked to cosign every checkpoint (`witnesses` in habeas.json: `[{"url", "key"}]`,
   * set with `habeas witnesses add`), and how many must cosign before one is published.
   */
  witnesses: { url: string; key: string }[];
  witnessQuorum: number | undefined;
  /**
   * The store this directory's log lives in, recorded when it was first opened (`store` in
   * habeas.json): opening it with another engine or database is refused, instead of starting a
   * second, empty log under the same key — a fork (issue 18 item 7).
   */
  store: { engine: 'sqlite' | 'postgres'; location: string } | undefined;
}

export { DataDirError };

const files = (dir: string) => ({
  config: join(dir, 'habeas.json'),
  signerKey: join(dir, 'log.key'),
  verifierKey: join(dir, 'log.vkey'),
});

/**
 * The origin is the first line of every checkpoint and, by convention, the name of the log's key:
 * so it must be a valid C2SP signed-note key name (no spaces, no "+").
 */
function checkOrigin(origin: string): void {
  if (!isValidKeyName(origin) || origin.length > 255) {
    throw new DataDirError(
      `the origin "${origin}" is not usable: use up to 255 characters without spaces or "+", e.g. ${DEFAULT_ORIGIN}`,
    );
  }
}

/** Creates DIR with a new Ed25519 log key; refuses a directory that already holds one. */
export async function initDataDir(dir: string, options: { origin?: string } = {}): Promise<DataDir> {
  const origin = options.origin ?? DEFAULT_ORIGIN;
  checkOrigin(origin);
  const paths = files(dir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const { signerKey, verifierKey } = generateKey(origin);
  // 'wx' fails if the file exists: an existing key is never overwritten, even by a concurrent init.
  try {
    await writeFile(paths.signerKey, signerKey + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if (isCode(error, 'EEXIST')) {
      throw new DataDirError(
        `${dir} is already a Habeas data directory (it has a log.key): not overwriting it`,
      );
    }
    throw error;
  }
  await writeFile(paths.verifierKey, verifierKey + '\n', { mode: 0o644, flag: 'wx' });
  // The integrity key too, so that a copy of the directory made now is complete (src/store/integrity-key.ts).
  await loadIntegrityKey(dir, { create: true });
  const createdAt = new Date().toISOString();
  // Written last: its presence means the directory is complete.
  await writeFile(paths.config, JSON.stringify({ origin, createdAt }, null, 2) + '\n', {
    mode: 0o644,
    flag: 'wx',
  });
  return {
    dir,
    origin,
    createdAt,
    signerKey,
    verifierKey,
    ruleOverrides: {},
    witnesses: [],
    witnessQuorum: undefined,
    store: undefined,
  };
}

/** Loads a data directory written by `initDataDir`. */
export async function readDataDir(dir: string): Promise<DataDir> {
  const paths = files(dir);
  const notInitialised = new DataDirError(
    `${dir} is not a Habeas data directory: run habeas init --data ${dir}`,
  );
  let config: unknown;
  try {
    config = JSON.parse(await readFile(paths.config, 'utf8'));
  } catch (error) {
    if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) throw notInitialised;
    throw new DataDirError(`${paths.config} is unreadable or not JSON: ${(error as Error).message}`);
  }
  if (
    typeof config !== 'object' ||
    config === null ||
    typeof (config as Record<string, unknown>).origin !== 'string' ||
    typeof (config as Record<string, unknown>).createdAt !== 'string'
  ) {
    throw new DataDirError(`${paths.config} must hold {"origin": …, "createdAt": …}`);
  }
  const { origin, createdAt, rules, witnesses, witnessQuorum, store } = config as {
    origin: string;
    createdAt: string;
    rules?: unknown;
    witnesses?: unknown;
    witnessQuorum?: unknown;
    store?: unknown;
  };
  const recorded = store as { engine?: unknown; location?: unknown } | undefined;
  if (
    recorded !== undefined &&
    ((recorded.engine !== 'sqlite' && recorded.engine !== 'postgres') ||
      typeof recorded.location !== 'string')
  )
    throw new DataDirError(
      `"store" in ${paths.config} must look like {"engine": "sqlite" | "postgres", "location": "…"}`,
    );
  checkOrigin(origin);
  const ruleOverrides = readRuleOverrides(rules, paths.config);
  const witnessList = readWitnesses(witnesses, paths.config);
  if (
    witnessQuorum !== undefined &&
    (typeof witnessQuorum !== 'number' ||
      !Number.isInteger(witnessQuorum) ||
      witnessQuorum < 0 ||
      witnessQuorum > witnessList.length)
  )
    throw new DataDirError(
      `"witnessQuorum" in ${paths.config} must be a whole number from 0 to the ${witnessList.length} witnesses listed`,
    );
  const read = async (path: string) => {
    try {
      return (await readFile(path, 'utf8')).trim();
    } catch (error) {
      if (isCode(error, 'ENOENT'))
        throw new DataDirError(`${path} is missing: the data directory ${dir} is incomplete`);
      throw error;
    }
  };
  return {
    dir,
    origin,
    createdAt,
    signerKey: await read(paths.signerKey),
    verifierKey: await read(paths.verifierKey),
    ruleOverrides,
    witnesses: witnessList,
    witnessQuorum: witnessQuorum as number | undefined,
    store: recorded as DataDir['store'],
  };
}

/** Records in habeas.json which store the directory's log lives in (first opening only). */
export async function recordStore(dir: string, store: NonNullable<DataDir['store']>): Promise<void> {
  await rewriteConfig(dir, (config) => {
    config.store ??= store;
  });
}

/** Rewrites habeas.json through `change`, keeping everything else, atomically (rename). */
async function rewriteConfig(dir: string, change: (config: Record<string, unknown>) => void): Promise<void> {
  const path = files(dir).config;
  const config = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  change(config);
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(config, null, 2) + '\n', { mode: 0o644 });
  await rename(temporary, path);
}

/** `witnesses` must list `{url, key}`: an http(s) URL and a witness's cosignature/v1 verifier key. */
function readWitnesses(witnesses: unknown, path: string): { url: string; key: string }[] {
  if (witnesses === undefined) return [];
  const shape = `"witnesses" in ${path} must look like [{"url": "https://witness.example/", "key": "name+keyid+base64"}]`;
  if (!Array.isArray(witnesses)) throw new DataDirError(shape);
  return witnesses.map((w: unknown, i) => {
    const { url, key } = (w ?? {}) as { url?: unknown; key?: unknown };
    if (typeof url !== 'string' || typeof key !== 'string') throw new DataDirError(shape);
    const problem = witnessProblem(url, key);
    if (problem) throw new DataDirError(`witness ${i + 1} in ${path}: ${problem}`);
    return { url, key };
  });
}

/** What is wrong with a witness's URL or key, or undefined. */
export function witnessProblem(url: string, key: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${url} is not a URL`;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return `${url} is not an http(s) URL`;
  try {
    decodeVerifierKey(key, [SIGNATURE_TYPE_COSIGNATURE_V1]);
  } catch (error) {
    return `the key is not a witness's cosignature key: ${(error as Error).message}`;
  }
  return undefined;
}

/** Rewrites habeas.json's witnesses and quorum (`habeas witnesses add|remove`), keeping the rest. */
export async function writeWitnesses(
  dir: string,
  witnesses: { url: string; key: string }[],
  witnessQuorum: number | undefined,
): Promise<void> {
  await rewriteConfig(dir, (config) => {
    config.witnesses = witnesses;
    if (witnessQuorum === undefined) delete config.witnessQuorum;
    else config.witnessQuorum = witnessQuorum;
  });
}

/** `rules` must be an object of objects of numbers; which ids and parameters exist is the rule packs' to say. */
function readRuleOverrides(rules: unknown, path: string): Record<string, Record<string, number>> {
  if (rules === undefined) return {};
  const shape = `"rules" in ${path} must look like {"kz.custody.rights": {"hours": 2}}`;
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) throw new DataDirError(shape);
  const out: Record<string, Record<string, number>> = {};
  for (const [id, parameters] of Object.entries(rules)) {
    if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters))
      throw new DataDirError(shape);
    const values: Record<string, number> = {};
    for (const [name, value] of Object.entries(parameters as Record<string, unknown>)) {
      if (typeof value !== 'number') throw new DataDirError(`${shape}: ${id}.${name} is not a number`);
      values[name] = value;
    }
    out[id] = values;
  }
  return out;
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
