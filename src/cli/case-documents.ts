/**
 * `habeas case verify-document FILE --bundle BUNDLE [--case NUMBER]` (issue 20, "a case file's
 * documents verify against the log after export"; seed ¶7): whether a document as it is kept in
 * an electronic case file — a decision, an expert's report, an interview's video — is the one the
 * log recorded. Offline: no server, no database. The bundle (of `habeas export --payloads`) is
 * verified as `habeas verify` verifies it, each payload against its entry's digest; in the same
 * pass the `document-added` entries of the case streams (`case/<id>`) whose digest is FILE's
 * SHA-256 are gathered, with each case's number from its `case-opened` entry, and whether a later
 * entry declared the document void (kz.torture.nullity) or excluded it (kz.evidence.inadmissible).
 *
 * Exit 0 when the bundle verifies and the document is in it (in the case named by --case, when
 * given), 1 when the bundle does not verify or no entry records the document, 2 on bad usage.
 */
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { caseIdOfStream } from '../domain/cases/events.js';
import type { Entry } from '../ledger/entry.js';
import type { JsonValue } from '../ledger/json.js';
import { EXIT_FAILURE, UsageError } from './errors.js';
import { bundleProblem, checkBundleFile } from './verify-bundle.js';

export interface CaseDocumentOptions {
  bundle: string;
  /** The case's number (as its `case-opened` entry gives it) or its id. */
  case?: string;
  /** The log's verifier key the reviewer trusts (a log.vkey file or the key): `habeas verify --key`. */
  logKey?: string;
  witness?: string[];
  quorum?: number;
}

/** A `document-added` entry recording the file's bytes. */
interface Found {
  caseId: string;
  seq: number;
  at: string;
  documentId: string;
  kind: string;
  title: string;
  dated: string;
  submittedBy: string;
  size: number;
  mediaType: string;
}

const failed = (failure: string, detail: string): number => {
  console.error(`FAILED (${failure}): ${detail}`);
  return EXIT_FAILURE;
};

/** SHA-256 (lowercase hex) and size of a file, read as a stream: a recording may be gigabytes. */
async function digestOfFile(file: string): Promise<{ sha256: string; size: number }> {
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    hash.update(bytes);
  }
  return { sha256: hash.digest('hex'), size };
}

const record = (value: JsonValue | undefined): Record<string, JsonValue> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? value : null;
const text = (value: JsonValue | undefined): string => (typeof value === 'string' ? value : '');

/** Returns the exit code: 0 the document is recorded in the verified log, 1 it is not or the log does not verify. */
export async function runCaseVerifyDocument(file: string, opts: CaseDocumentOptions): Promise<number> {
  const { sha256, size } = await digestOfFile(file);

  const numbers = new Map<string, string>();
  const found: Found[] = [];
  /** Entries that voided (kz.torture.nullity) or excluded (kz.evidence.inadmissible) a document, by id. */
  const voided = new Map<string, number>();
  const excluded = new Map<string, number>();
  let caseEntries = 0;
  let casePayloads = 0;
  const onEntry = (entry: Entry, payload: JsonValue | undefined) => {
    const caseId = caseIdOfStream(entry.stream);
    if (caseId === null) return;
    caseEntries++;
    const body = record(payload);
    if (body === null) return;
    casePayloads++;
    switch (entry.type) {
      case 'case-opened':
        numbers.set(caseId, text(body.number));
        return;
      case 'document-added': {
        const digest = record(body.digest);
        if (digest === null || digest.sha256 !== sha256) return;
        found.push({
          caseId,
          seq: entry.seq,
          at: entry.at,
          documentId: text(body.documentId),
          kind: text(body.kind),
          title: text(body.title),
          dated: text(body.dated),
          submittedBy: text(body.submittedBy),
          size: typeof digest.size === 'number' ? digest.size : -1,
          mediaType: text(digest.mediaType),
        });
        return;
      }
      case 'decisions-voided':
        if (Array.isArray(body.documentIds))
          for (const id of body.documentIds) if (typeof id === 'string') voided.set(id, entry.seq);
        return;
      case 'evidence-excluded':
        if (typeof body.documentId === 'string') excluded.set(body.documentId, entry.seq);
        return;
    }
  };

  const { report, pinned } = await checkBundleFile(
    opts.bundle,
    {
      ...(opts.logKey !== undefined ? { key: opts.logKey } : {}),
      witness: opts.witness ?? [],
      ...(opts.quorum !== undefined ? { quorum: opts.quorum } : {}),
    },
    onEntry,
  );
  if (!report.ok) return failed('bundle', `${opts.bundle} does not verify: ${bundleProblem(report)}`);

  const numberOf = (caseId: string) => numbers.get(caseId) ?? null;
  const caseName = (caseId: string) => {
    const number = numberOf(caseId);
    return number === null ? `case ${caseId} (its opening not in the bundle)` : `case ${number}`;
  };
  const wanted = opts.case;
  const matches =
    wanted === undefined
      ? found
      : found.filter((item) => item.caseId === wanted || numberOf(item.caseId) === wanted);
  // The same SHA-256 with another size is not the same document (it cannot happen but by a forged entry).
  const exact = matches.filter((item) => item.size === size);

  if (exact.length === 0) {
    const where = wanted === undefined ? 'the case files' : `case ${wanted}`;
    let detail = `no document of ${where} in the log of "${report.origin}" (${report.size} entries) has the SHA-256 of ${file} (${sha256}, ${size} bytes)`;
    if (wanted !== undefined && found.length > 0)
      detail += `; it is a document of ${[...new Set(found.map((item) => caseName(item.caseId)))].join(', ')}`;
    if (wanted !== undefined && ![...numbers].some(([id, number]) => id === wanted || number === wanted))
      detail += `; the bundle holds no case numbered ${wanted}`;
    if (caseEntries > 0 && casePayloads === 0)
      detail +=
        '; the bundle carries no payloads of the case files: export it with `habeas export --payloads`';
    return failed('not-found', detail);
  }

  console.log(
    `OK: ${file} (SHA-256 ${sha256}, ${size} bytes) is recorded in the log of "${report.origin}" ` +
      `(${report.size} entries, root ${report.root}):`,
  );
  for (const item of exact) {
    const notes = [
      ...(voided.has(item.documentId) ? [`declared void at entry ${voided.get(item.documentId)}`] : []),
      ...(excluded.has(item.documentId)
        ? [`excluded as evidence at entry ${excluded.get(item.documentId)}`]
        : []),
    ];
    console.log(
      `  ${caseName(item.caseId)}: ${item.kind} "${item.title}", dated ${item.dated}, submitted by ` +
        `${item.submittedBy} (${item.mediaType}), document ${item.documentId}, entry ${item.seq} of ${item.at}` +
        (notes.length > 0 ? `; ${notes.join('; ')}` : ''),
    );
  }
  if (!pinned)
    console.log(
      'Note: the bundle was checked against the key in its header; pass --log-key log.vkey to pin the key you trust.',
    );
  return 0;
}
