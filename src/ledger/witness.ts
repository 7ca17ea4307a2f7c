/**
 * C2SP tlog-witness (https://c2sp.org/tlog-witness), `add-checkpoint`: the request a log sends a
 * witness, and the witness's judgement of it — pure, so that the witness's one promise is tested as
 * a specification: it cosigns a checkpoint only if it extends, by a verified RFC 6962 consistency
 * proof, the last checkpoint of that log it cosigned, and so it never cosigns two views of one log.
 *
 * The I/O (the HTTP server, the state kept on disk, the clock) is in src/witness/.
 */
import { CheckpointError, parseCheckpoint, type Checkpoint } from './checkpoint.js';
import { HASH_SIZE, equalBytes, fromBase64, toBase64 } from './hash.js';
import { NoteError, openNote, verifierFromKey } from './note.js';
import { ProofError, verifyConsistency } from './tree.js';

/** tlog-witness: "The client MUST NOT send more than 63 consistency proof lines." */
export const MAX_PROOF_LINES = 63;
/** The media type of a 409's body: the witness's latest cosigned size. */
export const TLOG_SIZE_TYPE = 'text/x.tlog.size';

export interface AddCheckpointRequest {
  oldSize: number;
  proof: Uint8Array[];
  /** The signed checkpoint note, as sent (it may carry several signatures). */
  note: string;
}

/** A request body that is not an add-checkpoint request: answer 400 with the message. */
export class WitnessRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WitnessRequestError';
  }
}

const SIZE = /^(?:0|[1-9][0-9]*)$/;

/** The request body: `old N`, the proof lines, an empty line, the checkpoint note. */
export function formatAddCheckpoint(request: AddCheckpointRequest): string {
  return `old ${request.oldSize}\n${request.proof.map((hash) => `${toBase64(hash)}\n`).join('')}\n${request.note}`;
}

/** Parses a request body strictly (tlog-witness §add-checkpoint); throws WitnessRequestError. */
export function parseAddCheckpoint(body: string): AddCheckpointRequest {
  const split = body.indexOf('\n\n');
  if (split < 0) throw new WitnessRequestError('the request has no empty line before the checkpoint');
  const [first, ...proofLines] = body.slice(0, split).split('\n');
  const old = /^old (.*)$/.exec(first ?? '');
  if (!old || !SIZE.test(old[1] as string))
    throw new WitnessRequestError('the first line must be "old" and a size in decimal without leading zeros');
  const oldSize = Number(old[1]);
  if (!Number.isSafeInteger(oldSize)) throw new WitnessRequestError('the old size is beyond 2^53');
  if (proofLines.length > MAX_PROOF_LINES)
    throw new WitnessRequestError(`more than ${MAX_PROOF_LINES} consistency proof lines`);
  const proof = proofLines.map((line, i) => {
    let hash: Uint8Array;
    try {
      hash = fromBase64(line);
    } catch {
      throw new WitnessRequestError(`consistency proof line ${i + 1} is not base64`);
    }
    if (hash.length !== HASH_SIZE)
      throw new WitnessRequestError(`consistency proof line ${i + 1} is not a ${HASH_SIZE}-byte hash`);
    return hash;
  });
  return { oldSize, proof, note: body.slice(split + 2) };
}

/** The last checkpoint of one log a witness cosigned. */
export interface WitnessedTree {
  size: number;
  root: Uint8Array;
}

/** A log the witness follows: its origin and the verifier key(s) its checkpoints are signed with. */
export interface FollowedLog {
  origin: string;
  keys: readonly string[];
}

/**
 * The witness's answer to one request: cosign (and remember `tree`), or refuse with the status the
 * protocol names. `evidence` marks a refusal worth keeping: a log-signed checkpoint that contradicts
 * what the witness cosigned (a split view or a rewritten history), proof of the log's misbehaviour.
 */
export type WitnessVerdict =
  | { status: 200; origin: string; tree: WitnessedTree; body: string }
  | { status: 400 | 403 | 404 | 422; message: string; evidence?: true; origin?: string }
  | { status: 409; size: number; message: string; evidence?: true; origin: string };

/**
 * Judges an add-checkpoint request against what the witness knows (tlog-witness §add-checkpoint):
 * 400 malformed, 404 unknown origin, 403 no trusted signature, 400 old size above the checkpoint's,
 * 409 old size not the last cosigned (answer that size) or a second root for the same size, 422 a
 * consistency proof that does not verify, else 200 with the checkpoint body to cosign.
 */
export function judgeAddCheckpoint(
  body: string,
  logs: readonly FollowedLog[],
  known: (origin: string) => WitnessedTree | undefined,
): WitnessVerdict {
  let request: AddCheckpointRequest;
  try {
    request = parseAddCheckpoint(body);
  } catch (error) {
    if (error instanceof WitnessRequestError) return { status: 400, message: error.message };
    throw error;
  }
  const origin = request.note.split('\n', 1)[0] ?? '';
  const log = logs.find((l) => l.origin === origin);
  if (!log) return { status: 404, message: `this witness does not follow the log ${JSON.stringify(origin)}` };
  let checkpoint: Checkpoint;
  let text: string;
  try {
    const opened = openNote(request.note, log.keys.map(verifierFromKey));
    text = opened.text;
    checkpoint = parseCheckpoint(text);
  } catch (error) {
    if (error instanceof NoteError)
      return { status: 403, origin, message: `no signature by the log's key verifies: ${error.message}` };
    if (error instanceof CheckpointError)
      return { status: 400, origin, message: `not a checkpoint: ${error.message}` };
    throw error;
  }
  if (checkpoint.origin !== origin) return { status: 400, message: 'the origin line is malformed' };
  if (request.oldSize > checkpoint.size)
    return {
      status: 400,
      origin,
      message: `the old size ${request.oldSize} is above the checkpoint's size ${checkpoint.size}`,
    };
  const last = known(origin);
  const lastSize = last?.size ?? 0;
  if (request.oldSize !== lastSize)
    return {
      status: 409,
      origin,
      size: lastSize,
      message: `the last checkpoint of this log cosigned here has size ${lastSize}, not ${request.oldSize}`,
      // A log that asks to cosign a smaller tree than it showed before was rolled back.
      ...(checkpoint.size < lastSize ? { evidence: true as const } : {}),
    };
  if (last && checkpoint.size === last.size) {
    if (!equalBytes(checkpoint.root, last.root))
      return {
        status: 409,
        origin,
        size: lastSize,
        evidence: true,
        message: `a second root for tree size ${last.size}: the log shows two different histories (split view)`,
      };
    return { status: 200, origin, tree: last, body: text };
  }
  if (lastSize > 0) {
    if (!last) throw new Error('unreachable: a size without a tree');
    try {
      verifyConsistency(last.size, checkpoint.size, request.proof, last.root, checkpoint.root);
    } catch (error) {
      if (!(error instanceof ProofError)) throw error;
      return {
        status: 422,
        origin,
        evidence: true,
        message: `the tree of ${checkpoint.size} entries does not extend the tree of ${last.size} cosigned here: ${error.message}`,
      };
    }
  } else if (request.proof.length > 0) {
    return { status: 422, origin, message: 'a consistency proof from size 0 must be empty' };
  }
  return { status: 200, origin, tree: { size: checkpoint.size, root: checkpoint.root }, body: text };
}
