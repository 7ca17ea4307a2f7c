import type { Principal } from '../access/principal.js';
import { MEDIA_WINDOW_MS } from '../domain/complaints/decide.js';
import { complaintStream } from '../domain/complaints/events.js';
import { fromEntry } from '../domain/complaints/envelope.js';
import { MAX_SEALED_MEDIA_BYTES } from '../domain/complaints/inputs.js';
import type { ComplaintState } from '../domain/complaints/state.js';
import { fromBase64, SealOpenError } from '../sealing/seal.js';
import { ENC_SIZE, TAG_SIZE } from '../sealing/suite.js';
import { BlobTooLargeError, readBlob, removeBlob, stageBlob, type StagedBlob } from '../store/blobs.js';
import type { AppendResult, Store } from '../store/types.js';
import { appendRead } from './audit.js';
import { requireAccess } from './access.js';
import {
  complaintByReference,
  decideAndAppendComplaint,
  resourceOf,
  unlockedKey,
  type ComplaintServices,
} from './complaints.js';
import { sealingOf } from './sealing-session.js';
import {
  AccessDeniedError,
  InvalidInputError,
  NotFoundError,
  RefusedError,
  TooLargeError,
} from './errors.js';

/*
 * Media (issue 4): recordings and files sealed in the kiosk like the complaint's text, sent after
 * it from the same terminal, stored content-addressed as ciphertext under DATA/blobs/ (the log
 * records the hash), and opened only by the authority with its key unlocked, every opening audited.
 */

/** A part of an upload, whatever the transport: a text field, or a file as a stream of bytes. */
export type MediaPart =
  | { kind: 'field'; name: string; value: string }
  | { kind: 'file'; name: string; stream: AsyncIterable<Uint8Array> };

/**
 * A sealed recording or file for a complaint, from the kiosk that sent it and within 10 minutes:
 * the parts are `enc` (the HPKE encapsulated key, base64), optionally `recipient` (`procurator`:
 * the copy of a torture allegation's recording sealed to the procurator's office's key, issue 18
 * item 5; otherwise the complaints authority's) and `file` (the AEAD ciphertext, at most 50 MiB).
 * The ciphertext is stored content-addressed under DATA/blobs/ and its SHA-256 goes in a
 * `complaint-media-added` entry; the server never sees what was recorded.
 */
export async function addComplaintMedia(
  services: ComplaintServices,
  principal: Principal | null,
  typedReference: string,
  parts: AsyncIterable<MediaPart>,
  now: Date,
): Promise<{ reference: string; sha256: string; size: number; seq: number }> {
  requireAccess(principal, 'complaint.media');
  const { store } = services;
  const row = await complaintByReference(store, typedReference);
  const kiosk = requireAccess(principal, 'complaint.media', resourceOf(row));
  // Refused before anything is received: the decider checks the same again when it records.
  const submitted = (JSON.parse(row.state) as ComplaintState).submitted;
  if (
    submitted?.submittedBy !== kiosk.id ||
    now.getTime() - Date.parse(submitted.recordedAt) > MEDIA_WINDOW_MS
  )
    throw new RefusedError({
      detail: 'recordings can be added within 10 minutes of the complaint, from the terminal that sent it',
    });
  // Nothing is stored until the upload is known good: a rejected upload leaves no bytes behind.
  let enc: string | null = null;
  let recipient: string = 'complaints-authority';
  let staged: StagedBlob | null = null;
  try {
    for await (const part of parts) {
      if (part.kind === 'field' && part.name === 'enc') enc = part.value;
      else if (part.kind === 'field' && part.name === 'recipient') recipient = part.value;
      else if (part.kind === 'file' && part.name === 'file' && staged === null)
        staged = await stageBlob(services.sealing.dataDir, part.stream, MAX_SEALED_MEDIA_BYTES);
      else if (part.kind === 'file') for await (const _chunk of part.stream); // drain what is not ours
    }
    const issues: { field: string; message: string }[] = [];
    let encBytes: Uint8Array | null = null;
    try {
      encBytes = enc === null ? null : fromBase64(enc);
    } catch {
      // reported below
    }
    if (encBytes?.length !== ENC_SIZE)
      issues.push({ field: 'enc', message: `the encapsulated key: ${ENC_SIZE} bytes in standard base64` });
    if (recipient !== 'complaints-authority' && recipient !== 'procurator')
      issues.push({ field: 'recipient', message: 'complaints-authority (the default) or procurator' });
    if (staged === null)
      issues.push({ field: 'file', message: 'the sealed recording, as the part named file' });
    else if (staged.size < TAG_SIZE)
      issues.push({ field: 'file', message: `at least ${TAG_SIZE} bytes (the AEAD tag)` });
    if (issues.length > 0 || staged === null || enc === null) throw new InvalidInputError(issues);
  } catch (error) {
    await staged?.discard();
    if (error instanceof BlobTooLargeError)
      throw new TooLargeError(
        'the recording or file is larger than 50 MiB: send a shorter recording or a smaller file',
      );
    throw error;
  }
  const blob = { sha256: staged.sha256, size: staged.size };
  // Stored before the entry that names it (an entry never points at a missing blob); removed again
  // when the decider refuses it (a full complaint, a closed window) and no one had stored it before.
  const { created } = await staged.keep();
  let result: AppendResult;
  try {
    ({ result } = await decideAndAppendComplaint(services, row.id, {
      type: 'add-media',
      sha256: blob.sha256,
      size: blob.size,
      enc,
      recipient: recipient === 'procurator' ? 'procurator' : 'complaints-authority',
      now: now.toISOString(),
      actor: kiosk.id,
    }));
  } catch (error) {
    if (created) await removeBlob(services.sealing.dataDir, blob.sha256);
    throw error;
  }
  const seq = result.entries[0]?.seq ?? (await mediaSeq(store, row.id, blob.sha256));
  return { reference: row.reference, sha256: blob.sha256, size: blob.size, seq };
}

/** The entry that recorded a blob already (the same recording sent twice). */
async function mediaSeq(store: Store, complaintId: string, sha256: string): Promise<number> {
  const history = await store.readStream(complaintStream(complaintId));
  const found = history.find((stored) => {
    const event = fromEntry({ type: stored.entry.type, payload: stored.payload });
    return (
      event.type === 'complaint-media-added' &&
      (event.payload as { sha256?: unknown } | null)?.sha256 === sha256
    );
  });
  if (!found) throw new Error('the recording was not recorded');
  return found.entry.seq;
}

/**
 * A complaint's recording, opened with the reader's institution's unlocked key (as readComplaint,
 * and audited the same way): the plaintext bytes the kiosk sealed. The procurator opens the copies
 * sealed to the procurator's office's key, the complaints officer the authority's.
 */
export async function openComplaintMedia(
  services: ComplaintServices,
  principal: Principal | null,
  typedReference: string,
  sha256: string,
  options: { holder: string; purpose?: string | undefined },
): Promise<Uint8Array> {
  requireAccess(principal, 'complaint.open');
  const { store } = services;
  const row = await complaintByReference(store, typedReference);
  const reader = requireAccess(principal, 'complaint.open', resourceOf(row));
  if (reader.role === 'procurator' && row.allegation !== 1)
    throw new AccessDeniedError(
      403,
      'the procurator opens torture allegations; other complaints are the complaints authority’s',
      'kz.torture.referral',
    );
  const key = unlockedKey(sealingOf(services, reader), options.holder);
  const recipient = reader.role === 'procurator' ? 'procurator' : 'complaints-authority';
  const stream = complaintStream(row.id);
  let enc: string | undefined;
  for (const stored of await store.readStream(stream)) {
    if (stored.payload === null) continue;
    const event = fromEntry({ type: stored.entry.type, payload: stored.payload });
    if (
      event.type === 'complaint-media-added' &&
      event.payload.sha256 === sha256 &&
      (event.payload.recipient ?? 'complaints-authority') === recipient
    )
      enc = event.payload.enc;
    // The procurator's copies sealed later by the authority (issue 18 items 5 and 9).
    if (event.type === 'complaint-resealed' && recipient === 'procurator')
      enc = event.payload.media.find((media) => media.sha256 === sha256)?.enc ?? enc;
  }
  if (typeof enc !== 'string')
    throw new NotFoundError(`complaint ${row.reference} has no recording ${sha256}`);
  const ciphertext = await readBlob(services.sealing.dataDir, sha256);
  if (ciphertext === null)
    throw new NotFoundError(`the recording ${sha256} is missing from this server's blobs`);
  await appendRead(store, reader, stream, options.purpose);
  try {
    return await key.open({ enc: fromBase64(enc), ciphertext });
  } catch (error) {
    if (error instanceof SealOpenError)
      throw new RefusedError({
        detail: 'the recording does not open with your key (sealed to another key, or altered)',
      });
    throw error;
  }
}
