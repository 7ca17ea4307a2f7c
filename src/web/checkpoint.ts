/** The three lines of a C2SP tlog-checkpoint body that the public page shows. */
export interface CheckpointSummary {
  origin: string;
  treeSize: number;
  /** Base64 root hash, as in the checkpoint. */
  rootHash: string;
}

/**
 * Reads origin, tree size and root hash from a signed checkpoint's text
 * (https://c2sp.org/tlog-checkpoint: origin line, decimal size, base64 root, then extensions,
 * a blank line and the signatures). Only for display: verification is `habeas verify`'s job.
 * Returns null when the text is not shaped like a checkpoint.
 */
export function summarizeCheckpoint(note: string): CheckpointSummary | null {
  const [origin, size, rootHash] = note.split('\n');
  if (origin === undefined || size === undefined || rootHash === undefined || origin === '') return null;
  if (!/^(0|[1-9][0-9]{0,18})$/.test(size) || !/^[A-Za-z0-9+/]{43}=$/.test(rootHash)) return null;
  const treeSize = Number(size);
  if (!Number.isSafeInteger(treeSize)) return null;
  return { origin, treeSize, rootHash };
}
