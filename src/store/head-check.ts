/**
 * Whether the committed head may be signed: it must extend every tree this log already signed
 * (RFC 9162 §2.1.4 consistency, proved from the stored tiles), and its HMAC must show that this
 * server's key moved it. Asked before every signature and when a store opens, so a database that
 * was rolled back, restored from an older copy or rewritten is never signed over (issue 17).
 */
import { parseCheckpoint } from '../ledger/checkpoint.js';
import { equalBytes } from '../ledger/hash.js';
import { parseNote } from '../ledger/note.js';
import { consistencyProofFromTiles, type TileReader } from '../ledger/tiles.js';
import { ProofError, verifyConsistency } from '../ledger/tree.js';
import type { IntegrityKey } from './integrity-key.js';

export interface StoredHead {
  size: number;
  root: Uint8Array;
  mac: string | null;
}

/** A tree the log signed, and where that signature was found (for the message). */
export interface SignedTree {
  size: number;
  root: Uint8Array;
  where: string;
}

/** The tree a checkpoint note signs (the note was verified when it was written or read). */
export function signedTree(note: string, where: string): SignedTree {
  const { size, root } = parseCheckpoint(parseNote(note).text);
  return { size, root, where };
}

/**
 * What kind of break was found, with its numbers, so that pages can say it in the reader's
 * language (the message is the operator's English, for logs and the command line).
 */
export type IntegrityKind =
  | 'head-moved'
  | 'rollback'
  | 'rewritten'
  | 'forged-checkpoint'
  | 'head-unbound'
  | 'witness-refused'
  | 'witness-rollback';

export interface IntegrityProblem {
  kind: IntegrityKind;
  message: string;
  /** The log's size when found. */
  size?: number;
  /** The size of the tree that was signed or cosigned and is contradicted. */
  signed?: number;
  /** The witness that refused, by its key name. */
  witness?: string;
}

/** The log's integrity was broken: stop signing and appending; the message says what was found. */
export class StoreIntegrityError extends Error {
  readonly problem: IntegrityProblem;
  constructor(problem: IntegrityProblem | string) {
    const found = typeof problem === 'string' ? { kind: 'rewritten' as const, message: problem } : problem;
    super(found.message);
    this.name = 'StoreIntegrityError';
    this.problem = found;
  }
}

/** What is wrong with `head`, or undefined when it may be signed and built on. */
export async function headProblem(
  head: StoredHead,
  origin: string,
  key: IntegrityKey,
  signed: readonly SignedTree[],
  read: TileReader,
): Promise<IntegrityProblem | undefined> {
  // What was signed first: a rollback or a rewrite says more than the key's refusal alone.
  for (const tree of signed) {
    const problem = await extends_(head, tree, read);
    if (problem) return problem;
  }
  if (!key.headMacMatches(head.mac, origin, head.size, head.root)) {
    return headMoved(head.size);
  }
  return undefined;
}

/** The head's HMAC does not match: the head was moved by someone without the integrity key. */
export function headMoved(size: number): IntegrityProblem {
  return {
    kind: 'head-moved',
    size,
    message: `the log head (${size} entries) was moved without this server's integrity key: entries were appended, removed or rewritten directly in the database`,
  };
}

async function extends_(
  head: StoredHead,
  tree: SignedTree,
  read: TileReader,
): Promise<IntegrityProblem | undefined> {
  if (tree.size > head.size) {
    return {
      kind: 'rollback',
      size: head.size,
      signed: tree.size,
      message: `the log has ${head.size} entries but ${tree.where} signed a tree of ${tree.size}: entries were removed or an older copy of the database was restored (rollback)`,
    };
  }
  const rewritten = (why = ''): IntegrityProblem => ({
    kind: 'rewritten',
    size: head.size,
    signed: tree.size,
    message: `the log of ${head.size} entries does not extend the tree of ${tree.size} entries that ${tree.where} signed: entries before ${tree.size} were rewritten${why}`,
  });
  if (tree.size === head.size) return equalBytes(tree.root, head.root) ? undefined : rewritten();
  if (tree.size === 0) return undefined;
  try {
    const proof = await consistencyProofFromTiles(tree.size, head.size, read);
    verifyConsistency(tree.size, head.size, proof, tree.root, head.root);
    return undefined;
  } catch (error) {
    if (error instanceof ProofError) return rewritten();
    // A tile the proof needs is missing or malformed: the stored tree was damaged.
    return rewritten(` (the stored tree cannot prove it: ${(error as Error).message})`);
  }
}
