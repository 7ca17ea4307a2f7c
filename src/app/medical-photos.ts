import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Principal } from '../access/principal.js';
import { medicalStream } from '../domain/medical/events.js';
import { readBlob, removeBlob, stageBlob } from '../store/blobs.js';
import { loadIntegrityKey } from '../store/integrity-key.js';
import type { Store } from '../store/types.js';
import { requireAccess } from './access.js';
import { appendRead } from './audit.js';
import { ConflictError, InvalidInputError, NotFoundError, RefusedError, TooLargeError } from './errors.js';
import { recordResource, recordRowOf, requirePerson, writableRecord } from './medical.js';

/*
 * Photographs of injuries (issue 19 item 3; intl.medical.report: "photographs with a scale, hashed
 * at capture"). A photograph is hashed as it arrives — the lowercase hex SHA-256 of its bytes is
 * what a report's finding carries and the clinician signs — then sealed at rest with AES-256-GCM
 * under a key derived from the data directory's integrity key (src/store/integrity-key.ts), never
 * in the database: whoever reads the database or DATA/blobs/ sees only ciphertext and the hash.
 * The ciphertext is a blob (src/store/blobs.ts) and `medical_photos` (outside the log) says whose
 * record it belongs to. The associated data binds the sealed bytes to that record, that hash and
 * that type, so a row moved to another person's record, or another blob put under it, does not
 * open. Health officials of the record alone upload and view them (kz.medical.system), every
 * viewing recorded as a read of the record with its purpose.
 */

/** The kinds of picture a clinic's camera or phone takes, and a browser shows without a plug-in. */
export const MEDICAL_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type MedicalPhotoType = (typeof MEDICAL_PHOTO_TYPES)[number];

/** 20 MiB: a full-resolution photograph of a phone camera, with room to spare. */
export const MAX_MEDICAL_PHOTO_BYTES = 20 * 1024 * 1024;

const NONCE_SIZE = 12;
const TAG_SIZE = 16;
const SEAL_FORMAT = 'habeas-medical-photo/1';

export interface MedicalPhotoServices {
  store: Store;
  /** The data directory: its integrity key and its blobs. */
  dataDir: string;
}

/** A photograph as it arrives: the type its sender declared and its bytes. */
export interface PhotoUpload {
  mediaType: string;
  stream: AsyncIterable<Uint8Array>;
}

export interface MedicalPhotoView {
  /** Lowercase hex SHA-256 of the photograph's bytes: what a report's finding names. */
  sha256: string;
  mediaType: MedicalPhotoType;
  size: number;
  uploadedAt: string;
}

const isPhotoType = (value: string): value is MedicalPhotoType =>
  (MEDICAL_PHOTO_TYPES as readonly string[]).includes(value);

/** The type the bytes are (their signature: JPEG SOI, PNG's eight bytes, RIFF….WEBP), or null. */
export function photoTypeOf(bytes: Uint8Array): MedicalPhotoType | null {
  const starts = (offset: number, ...signature: number[]) =>
    signature.every((byte, index) => bytes[offset + index] === byte);
  if (starts(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0, 0x52, 0x49, 0x46, 0x46) && starts(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  return null;
}

const photoKeys = new Map<string, Promise<Uint8Array>>();

/** The photographs' key of a data directory, read once (a failed read is tried again next time). */
function photoKey(dataDir: string): Promise<Uint8Array> {
  let key = photoKeys.get(dataDir);
  if (key === undefined) {
    key = loadIntegrityKey(dataDir, { create: false }).then(({ key: integrity }) =>
      integrity.medicalPhotoKey(),
    );
    key.catch(() => photoKeys.delete(dataDir));
    photoKeys.set(dataDir, key);
  }
  return key;
}

/** What the seal is bound to: its format, the record, the photograph's hash and type. */
const associatedData = (recordId: string, sha256: string, mediaType: string) =>
  Buffer.from(`${SEAL_FORMAT}\n${recordId}\n${sha256}\n${mediaType}\n`, 'utf8');

async function seal(
  dataDir: string,
  plaintext: Uint8Array,
  aad: Buffer,
): Promise<{ nonce: Buffer; sealed: Buffer }> {
  const nonce = randomBytes(NONCE_SIZE);
  const cipher = createCipheriv('aes-256-gcm', await photoKey(dataDir), nonce);
  cipher.setAAD(aad);
  const sealed = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { nonce, sealed };
}

/** The plaintext, or null when the sealed bytes do not open under this record, hash and type. */
async function open(dataDir: string, sealed: Uint8Array, nonce: Buffer, aad: Buffer): Promise<Buffer | null> {
  if (sealed.length < TAG_SIZE || nonce.length !== NONCE_SIZE) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', await photoKey(dataDir), nonce);
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_SIZE));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_SIZE)), decipher.final()]);
  } catch {
    return null;
  }
}

/** The whole upload, refused as too large past the limit (what comes after it is drained, not kept). */
async function received(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size <= MAX_MEDICAL_PHOTO_BYTES) chunks.push(chunk);
  }
  if (size > MAX_MEDICAL_PHOTO_BYTES)
    throw new TooLargeError(
      `the photograph is larger than ${MAX_MEDICAL_PHOTO_BYTES / 1024 / 1024} MiB: send a smaller one`,
    );
  return Buffer.concat(chunks);
}

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

const viewOf = (row: {
  sha256: string;
  media_type: string;
  size: number;
  uploaded_at: string;
}): MedicalPhotoView => ({
  sha256: row.sha256,
  mediaType: row.media_type as MedicalPhotoType,
  size: row.size,
  uploadedAt: row.uploaded_at,
});

const photoRow = (store: Store, sha256: string) =>
  store.db.selectFrom('medical_photos').selectAll().where('sha256', '=', sha256).executeTakeFirst();

/**
 * A photograph for a person's record (kz.medical.system: the health officials of the record
 * alone): hashed as it arrives, its type checked against its bytes (JPEG, PNG or WebP, at most
 * 20 MiB), sealed and stored. The same photograph sent again is the same one; a photograph already
 * in another person's record is refused.
 */
export async function uploadMedicalPhoto(
  services: MedicalPhotoServices,
  principal: Principal | null,
  personId: string,
  upload: PhotoUpload,
  now: Date,
): Promise<MedicalPhotoView> {
  const { store, dataDir } = services;
  const { clinician, recordId } = await writableRecord(store, principal, personId);
  const bytes = await received(upload.stream);
  const declared = upload.mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  const mediaType = photoTypeOf(bytes);
  if (mediaType === null || !isPhotoType(declared) || declared !== mediaType)
    throw new InvalidInputError([
      { field: 'file', message: 'a photograph in JPEG, PNG or WebP, sent with its own type' },
    ]);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const existing = await photoRow(store, sha256);
  if (existing) return sameRecord(existing, recordId);
  const resource = await recordResource(store, personId);
  const facilityId =
    clinician.facilities.find((id) => resource.facilities?.includes(id)) ?? resource.facilities?.[0] ?? '';
  const aad = associatedData(recordId, sha256, mediaType);
  const { nonce, sealed } = await seal(dataDir, bytes, aad);
  const staged = await stageBlob(dataDir, once(sealed), sealed.length);
  const { created } = await staged.keep();
  const uploadedAt = now.toISOString();
  try {
    await store.db
      .insertInto('medical_photos')
      .values({
        sha256,
        record_id: recordId,
        facility_id: facilityId,
        media_type: mediaType,
        size: bytes.length,
        blob_sha256: staged.sha256,
        nonce: nonce.toString('base64'),
        uploaded_by: clinician.id,
        uploaded_at: uploadedAt,
      })
      .onConflict((conflict) => conflict.column('sha256').doNothing())
      .execute();
  } catch (error) {
    if (created) await removeBlob(dataDir, staged.sha256);
    throw error;
  }
  const stored = await photoRow(store, sha256);
  if (!stored) throw new Error('the photograph was not recorded');
  // Sent twice at once: the other upload's row stands, and our copy of the ciphertext goes.
  if (stored.blob_sha256 !== staged.sha256 && created) await removeBlob(dataDir, staged.sha256);
  return sameRecord(stored, recordId);
}

function sameRecord(row: NonNullable<Awaited<ReturnType<typeof photoRow>>>, recordId: string) {
  if (row.record_id !== recordId)
    throw new ConflictError('this photograph is already in another person’s record: take a new one');
  return viewOf(row);
}

/**
 * A photograph of a person's record, opened for the health officials of that record
 * (kz.medical.system); the viewing is recorded as a read of the record with its purpose. Its bytes
 * are checked against the hash the report carries before they are served.
 */
export async function openMedicalPhoto(
  services: MedicalPhotoServices,
  principal: Principal | null,
  personId: string,
  sha256: string,
  purpose: string | undefined,
): Promise<{ bytes: Buffer; mediaType: MedicalPhotoType }> {
  requireAccess(principal, 'medical.read');
  const { store, dataDir } = services;
  await requirePerson(store, personId);
  const reader = requireAccess(principal, 'medical.read', await recordResource(store, personId));
  const record = await recordRowOf(store, personId);
  const row = await photoRow(store, sha256);
  if (!record || !row || row.record_id !== record.id || !isPhotoType(row.media_type))
    throw new NotFoundError(`this person’s record has no photograph ${sha256}`);
  const sealed = await readBlob(dataDir, row.blob_sha256);
  if (sealed === null)
    throw new NotFoundError(`the photograph ${sha256} is missing from this server's blobs`);
  const bytes = await open(
    dataDir,
    sealed,
    Buffer.from(row.nonce, 'base64'),
    associatedData(record.id, sha256, row.media_type),
  );
  if (bytes === null || createHash('sha256').update(bytes).digest('hex') !== sha256)
    throw new RefusedError({
      detail: 'the sealed photograph does not open for this record (altered, or moved from another record)',
      rule: 'kz.medical.system',
    });
  await appendRead(store, reader, medicalStream(record.id), purpose);
  return { bytes, mediaType: row.media_type };
}
