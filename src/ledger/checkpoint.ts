/**
 * C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the signed note body
 * `origin\nsize\nbase64(root)\n` plus optional extension lines, which standard transparency-log
 * tools (witnesses, monitors) read as they are.
 */
import { isSize } from './bits.js';
import { HASH_SIZE, fromBase64, toBase64 } from './hash.js';
import { isValidNoteText, openNote, signNote, verifierFromKey, type NoteSigner } from './note.js';

export interface Checkpoint {
  origin: string;
  size: number;
  root: Uint8Array;
  extensions: string[];
}

/** A checkpoint body that breaks tlog-checkpoint §Note text; reject it. */
export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

const SIZE_FORMAT = /^(?:0|[1-9][0-9]*)$/;

function checkLine(line: string, what: string): void {
  if (typeof line !== 'string' || line.length === 0)
    throw new CheckpointError(`the ${what} line must not be empty`);
  if (line.includes('\n') || !isValidNoteText(line)) {
    throw new CheckpointError(`the ${what} line must be one line of text without control characters`);
  }
}

/** The note text of a checkpoint. */
export function formatCheckpoint(c: Checkpoint): string {
  checkLine(c.origin, 'origin');
  if (!isSize(c.size)) throw new CheckpointError('the tree size must be a non-negative safe integer');
  if (!(c.root instanceof Uint8Array) || c.root.length !== HASH_SIZE) {
    throw new CheckpointError(`the root hash must be ${HASH_SIZE} bytes`);
  }
  for (const line of c.extensions) checkLine(line, 'extension');
  return [c.origin, String(c.size), toBase64(c.root), ...c.extensions].map((line) => `${line}\n`).join('');
}

/**
 * Parses a checkpoint body strictly: at least three non-empty lines, a decimal size without leading
 * zeros, a base64 32-byte root, non-empty extension lines, a final newline. Formatting the result
 * gives back exactly `text`.
 */
export function parseCheckpoint(text: string): Checkpoint {
  if (typeof text !== 'string' || !text.endsWith('\n'))
    throw new CheckpointError('a checkpoint ends with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3)
    throw new CheckpointError('a checkpoint has an origin, a tree size and a root hash line');
  const [origin, sizeLine, rootLine, ...extensions] = lines as [string, string, string, ...string[]];
  checkLine(origin, 'origin');
  if (!SIZE_FORMAT.test(sizeLine))
    throw new CheckpointError('the tree size must be decimal without leading zeros');
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) throw new CheckpointError('the tree size is beyond 2^53');
  let root: Uint8Array;
  try {
    root = fromBase64(rootLine);
  } catch {
    throw new CheckpointError('the root hash is not base64');
  }
  if (root.length !== HASH_SIZE)
    throw new CheckpointError(`the root hash is ${root.length} bytes, not ${HASH_SIZE}`);
  for (const line of extensions) checkLine(line, 'extension');
  return { origin, size, root, extensions };
}

/** The signed note of a checkpoint. */
export function signCheckpoint(c: Checkpoint, signer: NoteSigner): string {
  return signNote(formatCheckpoint(c), signer);
}

/**
 * Opens a signed checkpoint with the log's verifier key: throws NoteError unless the log's
 * signature verifies, CheckpointError when the body is not a checkpoint or, when `origin` is given,
 * names another log. Other signatures (cosignatures) are ignored here.
 */
export function openCheckpoint(note: string, verifierKey: string, origin?: string): Checkpoint {
  const { text } = openNote(note, [verifierFromKey(verifierKey)]);
  const checkpoint = parseCheckpoint(text);
  if (origin !== undefined && checkpoint.origin !== origin) {
    throw new CheckpointError(
      `the checkpoint is for log ${JSON.stringify(checkpoint.origin)}, not ${JSON.stringify(origin)}`,
    );
  }
  return checkpoint;
}
