/**
 * The bundle (DESIGN.md "Bundle: the export format for offline verification"): JSON Lines with a
 * header, one line per entry in seq order, and the signed checkpoint with its cosignatures last.
 * verifyBundle checks all of it in one streaming pass with O(log n) memory, and names the first
 * failure — the seq or line, and what is wrong — in plain words.
 */
import { canonicalString } from './canonical.js';
import { CheckpointError, formatCheckpoint, openCheckpoint, type Checkpoint } from './checkpoint.js';
import { CosignatureError, SIGNATURE_TYPE_COSIGNATURE_V1, verifyCosignature } from './cosignature.js';
import {
  EntryError,
  SALT_SIZE,
  entryJson,
  parseEntry,
  payloadDigest,
  validEntryJson,
  type Entry,
} from './entry.js';
import { equalBytes, fromHex, packedLeafHashOfText, toBase64, toHex } from './hash.js';
import type { JsonValue } from './json.js';
import {
  NoteError,
  decodeVerifierKey,
  encodeVerifierKey,
  parseNote,
  parseSignatureLine,
  type DecodedKey,
} from './note.js';
import { ERASURE_STREAM, ERASURE_TYPE } from './erasure.js';
import { PackedCompactRange } from './tree.js';

export const BUNDLE_FORMAT = 'habeas-log/1';

export type BundleReport =
  | { ok: true; origin: string; size: number; root: string; digestsChecked: number; cosignatures: number }
  | { ok: false; seq?: number; line?: number; problem: string };

type Failure = Extract<BundleReport, { ok: false }>;

export interface VerifyBundleOptions {
  /** The log's verifier key the auditor trusts; the header's key must be the same key. */
  key?: string;
  /** Witness verifier keys (type 0x04); their cosignature lines must verify. */
  witnessKeys?: string[];
  /** How many of witnessKeys must have cosigned (default: all of them). */
  witnessQuorum?: number;
  /** Called with the number of entries checked so far, every few thousand and at the end. */
  onProgress?: (entries: number) => void;
  /**
   * Earlier signed checkpoints of the log (`habeas export --checkpoints`): each must verify with
   * the log's key, and each is compared with the entries as they reach its size, so that a root
   * that does not match is narrowed down to the entries between the last checkpoint that holds and
   * the first that does not.
   */
  checkpoints?: readonly string[];
  /**
   * Called with each entry once its line checks out (and its payload, when the line carries one
   * whose digest holds): a reader looking for particular entries — a signed medical report's
   * (`habeas medical verify --bundle`) — finds them in the same pass. Whether the bundle as a
   * whole holds is only known from the report at the end.
   */
  onEntry?: (entry: Entry, payload: JsonValue | undefined) => void;
}

/** The first line: `{"format":"habeas-log/1","origin":…,"key":…}`. */
export function headerLine(origin: string, key: string): string {
  return JSON.stringify({ format: BUNDLE_FORMAT, origin, key });
}

/**
 * One entry line: `{"entry":{…}}`, plus `"payload"` and hex `"salt"` when exported with payloads, or
 * `"erased":true` for a payload erased under data-protection law. Validates the entry (EntryError).
 */
export function entryLine(
  entry: Entry,
  payload?: { payload: JsonValue; salt: Uint8Array } | { erased: true },
): string {
  const head = `{"entry":${entryJson(parseEntry(entry))}`;
  if (payload === undefined) return `${head}}`;
  if ('erased' in payload) return `${head},"erased":true}`;
  if (!(payload.salt instanceof Uint8Array) || payload.salt.length !== SALT_SIZE) {
    throw new TypeError(`a salt is ${SALT_SIZE} bytes`);
  }
  return `${head},"payload":${canonicalString(payload.payload)},"salt":"${toHex(payload.salt)}"}`;
}

/** The last line: the signed checkpoint note and the witnesses' cosignature lines. */
export function checkpointLine(note: string, cosignatures: string[]): string {
  return JSON.stringify({ checkpoint: note, cosignatures });
}

const BLANK = /^\s*$/;
const SALT_FORMAT = /^[0-9a-f]{32}$/;
const PROGRESS_EVERY = 8192;

function sameKey(a: DecodedKey, b: DecodedKey): boolean {
  return a.name === b.name && a.keyId === b.keyId && equalBytes(a.publicKey, b.publicKey);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Verifies a bundle one line at a time: push each line, then finish. A push that fails returns
 * true; the first failure is the report, whatever comes after.
 */
export class BundleVerifier {
  private readonly trusted: { key: string; decoded: DecodedKey } | undefined;
  private readonly witnesses: DecodedKey[];
  private readonly quorum: number;
  private lineNo = 0;
  private phase: 'header' | 'entries' | 'done' = 'header';
  private blankAt: number | undefined;
  private failure: Failure | undefined;
  private origin = '';
  private logKey = '';
  private readonly range = new PackedCompactRange();
  private digestsChecked = 0;
  private result: BundleReport | undefined;
  /** Entries exported as erased that no erasure entry has named yet, with their lines. */
  private readonly erasedWithoutRecord = new Map<number, number>();
  /** The earlier checkpoints, by size, once the header named the key; `next` is the first not reached. */
  private earlier: { size: number; root: Uint8Array }[] = [];
  private nextEarlier = 0;
  /** The largest earlier checkpoint the entries reproduce, and the smallest they do not. */
  private lastHolding: number | undefined;
  private firstFailing: number | undefined;

  /** Throws NoteError when the trusted key or a witness key is malformed: bad usage, not a bad bundle. */
  constructor(private readonly options: VerifyBundleOptions = {}) {
    this.trusted =
      options.key === undefined
        ? undefined
        : { key: options.key.trim(), decoded: decodeVerifierKey(options.key) };
    this.witnesses = (options.witnessKeys ?? []).map((k) =>
      decodeVerifierKey(k, [SIGNATURE_TYPE_COSIGNATURE_V1]),
    );
    this.quorum = options.witnessQuorum ?? this.witnesses.length;
    if (!Number.isSafeInteger(this.quorum) || this.quorum < 0 || this.quorum > this.witnesses.length) {
      throw new RangeError(
        `a witness quorum is between 0 and the ${this.witnesses.length} witness keys given`,
      );
    }
  }

  /** Entries checked so far. */
  get entries(): number {
    return this.range.size;
  }

  push(line: string): boolean {
    if (this.failure) return true;
    this.lineNo++;
    if (BLANK.test(line)) {
      this.blankAt ??= this.lineNo;
      return false;
    }
    if (this.blankAt !== undefined) {
      return this.fail({
        line: this.blankAt,
        problem: 'empty line inside the bundle (empty lines are only allowed at the end)',
      });
    }
    if (this.phase === 'done')
      return this.fail({ line: this.lineNo, problem: 'there is more after the checkpoint line' });
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return this.fail({ line: this.lineNo, problem: 'not valid JSON' });
    }
    if (!isRecord(value)) return this.fail({ line: this.lineNo, problem: 'not a JSON object' });
    if (this.phase === 'header') return this.header(value);
    if ('checkpoint' in value) return this.checkpoint(value);
    return this.entry(value);
  }

  finish(): BundleReport {
    if (this.failure) return this.failure;
    this.options.onProgress?.(this.range.size);
    if (this.result) return this.result;
    if (this.phase === 'header')
      return { ok: false, line: 1, problem: 'the bundle is empty: no header line' };
    return {
      ok: false,
      line: this.lineNo + 1,
      problem: `the bundle ends after ${this.range.size} entries without its checkpoint line (truncated?)`,
    };
  }

  private fail(failure: Omit<Failure, 'ok'>): true {
    this.failure = { ok: false, ...failure };
    return true;
  }

  private header(value: Record<string, unknown>): boolean {
    const line = this.lineNo;
    for (const key of Object.keys(value)) {
      if (key !== 'format' && key !== 'origin' && key !== 'key') {
        return this.fail({ line, problem: `the header has an unexpected field ${JSON.stringify(key)}` });
      }
    }
    if (value.format !== BUNDLE_FORMAT) {
      return this.fail({
        line,
        problem: `not a ${BUNDLE_FORMAT} bundle (format ${JSON.stringify(value.format)})`,
      });
    }
    if (typeof value.origin !== 'string' || value.origin.length === 0) {
      return this.fail({ line, problem: 'the header has no origin' });
    }
    if (typeof value.key !== 'string') return this.fail({ line, problem: 'the header has no log key' });
    let headerKey: DecodedKey;
    try {
      headerKey = decodeVerifierKey(value.key);
    } catch (error) {
      return this.fail({ line, problem: `the header's log key is malformed: ${(error as Error).message}` });
    }
    if (this.trusted && !sameKey(this.trusted.decoded, headerKey)) {
      return this.fail({
        line,
        problem: `the header names log key ${headerKey.name}+${headerKey.keyId}, not the key you trust`,
      });
    }
    this.origin = value.origin;
    this.logKey = this.trusted?.key ?? value.key;
    this.phase = 'entries';
    const earlier: { size: number; root: Uint8Array }[] = [];
    for (const [i, note] of (this.options.checkpoints ?? []).entries()) {
      try {
        const { size, root } = openCheckpoint(note, this.logKey, this.origin);
        earlier.push({ size, root });
      } catch (error) {
        if (!(error instanceof NoteError || error instanceof CheckpointError)) throw error;
        return this.fail({
          line,
          problem: `earlier checkpoint ${i + 1} is not a checkpoint of this log signed by its key: ${error.message}`,
        });
      }
    }
    this.earlier = earlier.sort((a, b) => a.size - b.size);
    this.compareEarlier();
    return false;
  }

  /** Compares the earlier checkpoints the entries have just reached with the root so far. */
  private compareEarlier(): void {
    for (
      let cp = this.earlier[this.nextEarlier];
      cp && cp.size <= this.range.size;
      cp = this.earlier[++this.nextEarlier]
    ) {
      if (cp.size < this.range.size) continue;
      if (equalBytes(cp.root, this.range.root())) this.lastHolding = cp.size;
      else this.firstFailing ??= cp.size;
    }
  }

  private entry(value: Record<string, unknown>): boolean {
    const line = this.lineNo;
    const expected = this.range.size;
    let payloadFields = 0;
    for (const key in value) {
      if (key === 'payload' || key === 'salt') payloadFields++;
      else if (key !== 'entry' && key !== 'erased') {
        return this.fail({
          line,
          problem: `unexpected field ${JSON.stringify(key)} (neither an entry nor the checkpoint line)`,
        });
      }
    }
    if (!('entry' in value)) return this.fail({ line, problem: 'neither an entry nor the checkpoint line' });
    const claimed =
      isRecord(value.entry) && Number.isSafeInteger(value.entry.seq)
        ? (value.entry.seq as number)
        : undefined;
    let entry: Entry;
    try {
      entry = parseEntry(value.entry);
    } catch (error) {
      if (!(error instanceof EntryError)) throw error;
      return this.fail({
        ...(claimed === undefined ? {} : { seq: claimed }),
        line,
        problem: `invalid entry: ${error.message}`,
      });
    }
    if (entry.seq !== expected) {
      return this.fail(
        entry.seq < expected
          ? {
              seq: entry.seq,
              line,
              problem: `entry ${entry.seq} appears again after entry ${expected - 1} (duplicated or out of order)`,
            }
          : {
              seq: expected,
              line,
              problem: `entry ${expected} is missing: entry ${entry.seq} is in its place (deleted or out of order)`,
            },
      );
    }
    const erasure = entry.type === ERASURE_TYPE ? ERASURE_STREAM.exec(entry.stream) : null;
    if (erasure) {
      const target = Number(erasure[1]);
      if (target >= expected)
        return this.fail({
          seq: expected,
          line,
          problem: `entry ${expected} records the erasure of entry ${target}, which does not come before it`,
        });
      this.erasedWithoutRecord.delete(target);
    }
    if ('erased' in value) {
      if (value.erased !== true || payloadFields > 0) {
        return this.fail({
          seq: expected,
          line,
          problem: 'an erased entry has "erased":true and neither payload nor salt',
        });
      }
      if (erasure)
        return this.fail({
          seq: expected,
          line,
          problem: "the payload of an erasure's own record is gone: an erasure's record is never erased",
        });
      this.erasedWithoutRecord.set(expected, line);
    } else if (payloadFields > 0) {
      const problem = this.checkPayload(entry, value);
      if (problem !== undefined) return this.fail({ seq: expected, line, problem });
    }
    this.options.onEntry?.(entry, payloadFields > 0 ? (value.payload as JsonValue) : undefined);
    this.range.append(packedLeafHashOfText(validEntryJson(entry)));
    if (this.earlier[this.nextEarlier]?.size === this.range.size) this.compareEarlier();
    if (this.range.size % PROGRESS_EVERY === 0) this.options.onProgress?.(this.range.size);
    return false;
  }

  private checkPayload(entry: Entry, value: Record<string, unknown>): string | undefined {
    if (!('payload' in value) || typeof value.salt !== 'string')
      return 'a payload comes with its salt, and a salt with its payload';
    if (!SALT_FORMAT.test(value.salt)) return `the salt must be ${SALT_SIZE * 2} lowercase hex digits`;
    let digest: string;
    try {
      digest = payloadDigest(fromHex(value.salt), value.payload as JsonValue);
    } catch (error) {
      return `the payload cannot be canonicalised (RFC 8785): ${(error as Error).message}`;
    }
    if (digest !== entry.digest) return 'the payload does not match the digest in its entry';
    this.digestsChecked++;
    return undefined;
  }

  private checkpoint(value: Record<string, unknown>): boolean {
    const line = this.lineNo;
    for (const key of Object.keys(value)) {
      if (key !== 'checkpoint' && key !== 'cosignatures') {
        return this.fail({
          line,
          problem: `the checkpoint line has an unexpected field ${JSON.stringify(key)}`,
        });
      }
    }
    const cosignatures = value.cosignatures ?? [];
    if (typeof value.checkpoint !== 'string')
      return this.fail({ line, problem: 'the checkpoint is not a signed note' });
    if (!Array.isArray(cosignatures) || !cosignatures.every((c) => typeof c === 'string')) {
      return this.fail({ line, problem: 'cosignatures must be a list of signature lines' });
    }
    let checkpoint: Checkpoint;
    try {
      checkpoint = openCheckpoint(value.checkpoint, this.logKey);
    } catch (error) {
      if (error instanceof NoteError) {
        return this.fail({
          line,
          problem: `the checkpoint's signature does not verify with the log's key: ${error.message}`,
        });
      }
      if (error instanceof CheckpointError)
        return this.fail({ line, problem: `the checkpoint is malformed: ${error.message}` });
      throw error;
    }
    if (checkpoint.origin !== this.origin) {
      return this.fail({
        line,
        problem: `the checkpoint is for log ${JSON.stringify(checkpoint.origin)}, the header for ${JSON.stringify(this.origin)}`,
      });
    }
    const count = this.range.size;
    if (count < checkpoint.size) {
      return this.fail({
        seq: count,
        line,
        problem: `the checkpoint covers ${checkpoint.size} entries but the bundle has ${count}: entry ${count} onward is missing`,
      });
    }
    if (count > checkpoint.size) {
      return this.fail({
        seq: checkpoint.size,
        line,
        problem: `the bundle has ${count} entries but the checkpoint covers only ${checkpoint.size}`,
      });
    }
    const root = this.range.root();
    if (!equalBytes(root, checkpoint.root)) {
      if (this.firstFailing === undefined)
        return this.fail({ line, problem: `root over ${count} entries does not match the checkpoint` });
      const from = this.lastHolding ?? 0;
      return this.fail({
        seq: from,
        line,
        problem: `root over ${count} entries does not match the checkpoint; the log's checkpoint of ${from} entries holds and its checkpoint of ${this.firstFailing} does not: an entry from seq ${from} to ${this.firstFailing - 1} was changed, removed or reordered`,
      });
    }
    if (this.firstFailing !== undefined)
      return this.fail({
        line,
        problem: `the log also signed a checkpoint of ${this.firstFailing} entries that these entries do not reproduce: it signed two different histories (a fork)`,
      });
    // Erasure only by an entry (DESIGN.md "Erasure without breaking the log"): a payload marked
    // erased that no erasure entry names was removed behind the log's back.
    for (const [seq, at] of this.erasedWithoutRecord)
      return this.fail({
        seq,
        line: at,
        problem: `entry ${seq} is marked erased, but no erasure entry (stream erasure/${seq}) records who erased its payload and why`,
      });
    const cosigned = this.checkCosignatures(
      formatCheckpoint(checkpoint),
      value.checkpoint,
      cosignatures as string[],
    );
    if (typeof cosigned === 'string') return this.fail({ line, problem: cosigned });
    this.phase = 'done';
    this.result = {
      ok: true,
      origin: checkpoint.origin,
      size: checkpoint.size,
      root: toBase64(root),
      digestsChecked: this.digestsChecked,
      cosignatures: cosigned,
    };
    return false;
  }

  /** Returns how many given witnesses cosigned, or what is wrong. */
  private checkCosignatures(body: string, note: string, lines: string[]): number | string {
    const candidates: string[] = [];
    for (const [i, text] of lines.entries()) {
      try {
        candidates.push(parseSignatureLine(text).line);
      } catch {
        return `cosignature ${i + 1} is not a signature line`;
      }
    }
    // Cosignatures may also have been added to the note itself, as witnesses return them.
    for (const l of parseNote(note).lines) candidates.push(l.line);
    let cosigned = 0;
    for (const witness of this.witnesses) {
      const own = candidates.filter((c) => {
        const parsed = parseSignatureLine(c);
        return parsed.name === witness.name && parsed.keyId === witness.keyId;
      });
      for (const c of own) {
        try {
          verifyCosignature(body, c, encodeVerifierKey(witness.name, witness.type, witness.publicKey));
        } catch (error) {
          if (error instanceof CosignatureError)
            return `the cosignature of witness ${witness.name} does not verify`;
          throw error;
        }
      }
      if (own.length > 0) cosigned++;
    }
    if (cosigned < this.quorum) {
      return `only ${cosigned} of the ${this.witnesses.length} given witnesses cosigned the checkpoint (${this.quorum} needed)`;
    }
    return cosigned;
  }
}

/**
 * Verifies a bundle (see BundleVerifier): stops reading at the first failure. Throws NoteError only
 * for a malformed `key` or witness key (bad usage); everything wrong with the bundle is in the report.
 */
export async function verifyBundle(
  lines: AsyncIterable<string> | Iterable<string>,
  options: VerifyBundleOptions = {},
): Promise<BundleReport> {
  const verifier = new BundleVerifier(options);
  const source = typeof lines === 'string' ? (lines as string).split('\n') : lines;
  if (Symbol.asyncIterator in source) {
    for await (const line of source) if (verifier.push(line)) break;
  } else {
    for (const line of source) if (verifier.push(line)) break;
  }
  return verifier.finish();
}
