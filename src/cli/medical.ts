/**
 * `habeas medical verify REPORT.json [--key PUBKEY]… [--bundle BUNDLE]` (issue 19 item 4): checks
 * a signed medical report offline — no server, no database — against the clinician's public key
 * and the log, as docs/verifying.md "Medical reports" describes. REPORT.json holds one version —
 * the habeas-medical-report/1 envelope, or the habeas-medical-report-export/1 that
 * GET …/reports/{reportId}/signed returns (the envelope with the place of its entry in the log) —
 * or a JSON array of the versions of one report, oldest first (then the chain is checked: the
 * first version present, each next one amending the one before, one signer).
 *
 * With --bundle (a bundle of `habeas export`): the bundle is verified as `habeas verify` verifies
 * it, and each version's entry must be in it — of its stream, of type medical-record-updated,
 * appended by the clinician the report names, with the digest of the report and its salt — and
 * the signer must be the key the log registered for that clinician, when the bundle carries the
 * registration's payload (it says so when it does not). Without --key, the key the log registered
 * is the one trusted.
 *
 * Exit 0 when it holds, 1 when it does not (saying what failed), 2 on bad usage or an unreadable file.
 */
import { readFile } from 'node:fs/promises';
import type { Entry } from '../ledger/entry.js';
import { fromBase64 } from '../ledger/hash.js';
import {
  KeyRegistry,
  checkReportEntry,
  checkSignerRegistered,
  clinicianAccountOf,
  readReportVersion,
  type ReportPlace,
} from '../medical/in-log.js';
import {
  PUBLIC_KEY_SIZE,
  clinicianKeyId,
  verifyReport,
  verifyReportChain,
  type SignedReport,
} from '../medical/signing.js';
import { EXIT_FAILURE, UsageError } from './errors.js';
import { bundleProblem, checkBundleFile } from './verify-bundle.js';

export interface MedicalVerifyOptions {
  key: string[];
  /** A bundle of `habeas export` that must hold the report's entry. */
  bundle?: string;
  /** The log's verifier key the reviewer trusts (a log.vkey file or the key): `habeas verify --key`. */
  logKey?: string;
  witness?: string[];
  quorum?: number;
}

const failed = (failure: string, detail: string): number => {
  console.error(`FAILED (${failure}): ${detail}`);
  return EXIT_FAILURE;
};

/** Returns the exit code: 0 the report (or every version) verifies, 1 it does not. */
export async function runMedicalVerify(file: string, opts: MedicalVerifyOptions): Promise<number> {
  if (opts.key.length === 0 && opts.bundle === undefined)
    throw new UsageError(
      "give the clinician's public key with --key, or the log's bundle with --bundle (whose registration of the key is trusted)",
    );
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
  const chain = Array.isArray(value);
  const versions: { signed: unknown; log: ReportPlace | null }[] = [];
  for (const [index, item] of (chain ? (value as unknown[]) : [value]).entries()) {
    const version = readReportVersion(item);
    if (!version.ok)
      return failed('malformed', chain ? `version at ${index}: ${version.detail}` : version.detail);
    versions.push(version);
  }

  let inLog: InLog | null = null;
  if (opts.bundle !== undefined) {
    if (versions.some((version) => version.log === null))
      throw new UsageError(
        `--bundle: ${file} holds a signed report without its place in the log; give the export of ` +
          'GET /api/v1/medical/people/{personId}/reports/{reportId}/signed (habeas-medical-report-export/1)',
      );
    inLog = await readBundle(opts.bundle, opts, versions);
    if (!inLog.ok) return failed('bundle', inLog.problem);
  }

  // Whose key is trusted: the reviewer's (--key), else the one the log registered, else none yet.
  const registered = inLog?.ok ? inLog.registeredKeys : [];
  const trusted = keys.length > 0 ? keys : registered.length > 0 ? registered : undefined;
  const signed = versions.map((version) => version.signed);
  let summary: string;
  if (chain) {
    const result = verifyReportChain(signed, trusted);
    if (!result.ok) return failed(result.failure, result.detail);
    summary =
      `${result.digests.length} version${result.digests.length === 1 ? '' : 's'} signed by clinician key ${result.keyId}, ` +
      `the first kept; the report as it stands is ${result.head}`;
  } else {
    const result = verifyReport(signed[0], trusted);
    if (!result.ok) return failed(result.failure, result.detail);
    summary =
      `version ${result.version} of the report ${result.digest}, signed by clinician key ${result.keyId}` +
      (result.previous === null ? '' : `, amending ${result.previous}`);
  }
  if (inLog === null) {
    console.log(`OK: ${summary}.`);
    return 0;
  }

  // Each version's entry, then the signer's registration.
  const notes = new Set<string>();
  const where: string[] = [];
  for (const [index, version] of versions.entries()) {
    const report = version.signed as SignedReport;
    const place = version.log as ReportPlace;
    const entry = checkReportEntry(report, place, inLog.entries.get(place.seq));
    if (!entry.ok)
      return failed(entry.failure, chain ? `version at ${index}: ${entry.detail}` : entry.detail);
    where.push(String(place.seq));
    const accountId = clinicianAccountOf(report);
    if (accountId === null) {
      notes.add(
        'Note: the report names no clinician account, so its signer was not checked against the keys the log registered.',
      );
      continue;
    }
    const registration = checkSignerRegistered(report, accountId, inLog.registry.of(accountId));
    if (!registration.ok) return failed(registration.failure, registration.detail);
    notes.add(
      registration.checked
        ? `Also: the signer is the key the log registered for clinician account ${accountId} (entry ${registration.seq}).`
        : `Note: not checked whether the signer is the clinician's registered key: ${registration.reason}.`,
    );
  }
  console.log(
    `OK: ${summary}; in the log of "${inLog.origin}" (${inLog.size} entries, root ${inLog.root}) at entry ${where.join(', ')}.`,
  );
  for (const note of notes) console.log(note);
  if (keys.length === 0 && registered.length === 0)
    console.log(
      'Note: no trusted key: the signature holds with the key the report names; pass --key with the clinician’s key.',
    );
  if (!inLog.pinned)
    console.log(
      'Note: the bundle was checked against the key in its header; pass --log-key log.vkey to pin the key you trust.',
    );
  return 0;
}

type InLog =
  | {
      ok: true;
      origin: string;
      size: number;
      root: string;
      pinned: boolean;
      /** The bundle's entries at the versions' seqs. */
      entries: Map<number, Entry>;
      registry: KeyRegistry;
      /** The keys the log registered for the clinicians the versions name (raw bytes). */
      registeredKeys: Uint8Array[];
    }
  | { ok: false; problem: string };

/** Verifies the bundle and gathers, in the same pass, the versions' entries and their clinicians' keys. */
async function readBundle(
  bundle: string,
  opts: MedicalVerifyOptions,
  versions: { signed: unknown; log: ReportPlace | null }[],
): Promise<InLog> {
  const wanted = new Set(versions.map((version) => (version.log as ReportPlace).seq));
  const accounts = new Set<string>();
  for (const version of versions) {
    const accountId = isSignedReport(version.signed) ? clinicianAccountOf(version.signed) : null;
    if (accountId !== null) accounts.add(accountId);
  }
  const registry = new KeyRegistry(accounts);
  const entries = new Map<number, Entry>();
  const { report, pinned } = await checkBundleFile(
    bundle,
    {
      ...(opts.logKey !== undefined ? { key: opts.logKey } : {}),
      witness: opts.witness ?? [],
      ...(opts.quorum !== undefined ? { quorum: opts.quorum } : {}),
    },
    (entry, payload) => {
      if (wanted.has(entry.seq)) entries.set(entry.seq, entry);
      registry.note(entry, payload);
    },
  );
  if (!report.ok) return { ok: false, problem: bundleProblem(report) };
  const registeredKeys: Uint8Array[] = [];
  for (const accountId of accounts)
    for (const key of registry.of(accountId).keys) {
      const bytes = decodeKey(key.publicKey);
      if (bytes !== null) registeredKeys.push(bytes);
    }
  return {
    ok: true,
    origin: report.origin,
    size: report.size,
    root: report.root,
    pinned,
    entries,
    registry,
    registeredKeys,
  };
}

function isSignedReport(value: unknown): value is SignedReport {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { report?: unknown }).report === 'object' &&
    (value as { report?: unknown }).report !== null
  );
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
