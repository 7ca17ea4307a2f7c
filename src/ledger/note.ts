/**
 * C2SP signed notes (https://c2sp.org/signed-note) with Ed25519, compatible with Go's
 * golang.org/x/mod/sumdb/note: the same key strings, key IDs, signature lines and opening rules.
 */
import {
  createPrivateKey,
  createPublicKey,
  randomBytes,
  sign as ed25519Sign,
  verify as ed25519Verify,
  type KeyObject,
} from 'node:crypto';
import { isWellFormed } from './canonical.js';
import { EncodingError, fromBase64, sha256, toBase64, toHex } from './hash.js';

/** A malformed note or key, or a note that no trusted key verifies: reject the note as a whole. */
export class NoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoteError';
  }
}

/** signed-note §Signature types: 0x01 is an Ed25519 note signature. */
export const SIGNATURE_TYPE_ED25519 = 0x01;
const SEED_SIZE = 32;
const PUBLIC_KEY_SIZE = 32;
const KEY_ID_SIZE = 4;
const MAX_SIGNATURES = 100; // as Go's note.Open; the spec asks for at least 16
const EM_DASH_PREFIX = '\u2014 ';

// DER wrappers for a raw Ed25519 seed (RFC 8410 PKCS#8) and public key (SPKI), for node:crypto.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The key pair of a 32-byte Ed25519 seed: the private KeyObject and the raw 32-byte public key. */
export function ed25519FromSeed(seed: Uint8Array): { privateKey: KeyObject; publicKey: Uint8Array } {
  if (seed.length !== SEED_SIZE) throw new NoteError(`an Ed25519 seed is ${SEED_SIZE} bytes`);
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { privateKey, publicKey: spki.subarray(spki.length - PUBLIC_KEY_SIZE) };
}

/** A public KeyObject from a raw 32-byte Ed25519 public key. */
export function ed25519PublicKey(publicKey: Uint8Array): KeyObject {
  if (publicKey.length !== PUBLIC_KEY_SIZE)
    throw new NoteError(`an Ed25519 public key is ${PUBLIC_KEY_SIZE} bytes`);
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
}

export function ed25519SignBytes(privateKey: KeyObject, message: Uint8Array): Uint8Array {
  return ed25519Sign(null, message, privateKey);
}

export function ed25519VerifyBytes(
  publicKey: KeyObject,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (signature.length !== 64) return false;
  try {
    return ed25519Verify(null, message, publicKey, signature);
  } catch {
    return false;
  }
}

/** signed-note: key names are non-empty, without Unicode spaces or "+" (and, in a note, no controls). */
export function isValidKeyName(name: string): boolean {
  return (
    typeof name === 'string' &&
    name.length > 0 &&
    !name.includes('+') &&
    !/\p{White_Space}/u.test(name) &&
    !/\p{Cc}/u.test(name) &&
    isWellFormed(name)
  );
}

/** signed-note: key ID = SHA-256(name ‖ 0x0A ‖ signature type ‖ public key)[:4]. */
export function keyIdOf(name: string, type: number, publicKey: Uint8Array): Uint8Array {
  return sha256(Buffer.from(`${name}\n`, 'utf8'), new Uint8Array([type]), publicKey).subarray(0, KEY_ID_SIZE);
}

/** A verifier key: `name+hex(key ID)+base64(type ‖ public key)`. */
export function encodeVerifierKey(name: string, type: number, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) throw new NoteError(`${JSON.stringify(name)} is not a valid key name`);
  return `${name}+${toHex(keyIdOf(name, type, publicKey))}+${toBase64(Buffer.concat([Buffer.from([type]), publicKey]))}`;
}

/** A signer key, as Go writes it: `PRIVATE+KEY+name+hex(key ID)+base64(type ‖ seed)`. */
export function encodeSignerKey(name: string, type: number, seed: Uint8Array): string {
  if (!isValidKeyName(name)) throw new NoteError(`${JSON.stringify(name)} is not a valid key name`);
  const { publicKey } = ed25519FromSeed(seed);
  return `PRIVATE+KEY+${name}+${toHex(keyIdOf(name, type, publicKey))}+${toBase64(Buffer.concat([Buffer.from([type]), seed]))}`;
}

export interface DecodedKey {
  name: string;
  type: number;
  /** 8 lowercase hex digits. */
  keyId: string;
  /** The raw 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
}

/** Splits `name+hash+key` at the first two "+" (base64 may contain "+", names may not). */
function splitKey(text: string, what: string): { name: string; hash: string; material: Uint8Array } {
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (second < 0) throw new NoteError(`malformed ${what}: expected name+keyid+key`);
  const name = text.slice(0, first);
  const hash = text.slice(first + 1, second);
  if (!isValidKeyName(name)) throw new NoteError(`malformed ${what}: invalid key name`);
  if (!/^[0-9a-fA-F]{8}$/.test(hash))
    throw new NoteError(`malformed ${what}: the key ID is not 8 hex digits`);
  let material: Uint8Array;
  try {
    material = fromBase64(text.slice(second + 1));
  } catch (error) {
    if (error instanceof EncodingError) throw new NoteError(`malformed ${what}: the key is not base64`);
    throw error;
  }
  if (material.length !== 1 + SEED_SIZE) throw new NoteError(`malformed ${what}: not a 32-byte Ed25519 key`);
  return { name, hash: hash.toLowerCase(), material };
}

function checkType(type: number, types: readonly number[], what: string): void {
  if (!types.includes(type)) {
    throw new NoteError(
      `${what} has signature type 0x${type.toString(16).padStart(2, '0')}, not one accepted here`,
    );
  }
}

/** Parses a verifier key of one of `types`; checks that its key ID matches its name and key. */
export function decodeVerifierKey(
  vkey: string,
  types: readonly number[] = [SIGNATURE_TYPE_ED25519],
): DecodedKey {
  if (typeof vkey !== 'string') throw new NoteError('a verifier key is a string');
  const { name, hash, material } = splitKey(vkey.trim(), 'verifier key');
  const type = material[0] as number;
  checkType(type, types, 'the verifier key');
  const publicKey = material.subarray(1);
  if (toHex(keyIdOf(name, type, publicKey)) !== hash)
    throw new NoteError('the verifier key ID does not match its key');
  return { name, type, keyId: hash, publicKey };
}

/** Parses a `PRIVATE+KEY+…` signer key of one of `types`; checks its key ID against the derived public key. */
export function decodeSignerKey(
  skey: string,
  types: readonly number[] = [SIGNATURE_TYPE_ED25519],
): DecodedKey & { privateKey: KeyObject } {
  if (typeof skey !== 'string' || !skey.trim().startsWith('PRIVATE+KEY+')) {
    throw new NoteError('malformed signer key: it starts with PRIVATE+KEY+');
  }
  const { name, hash, material } = splitKey(skey.trim().slice('PRIVATE+KEY+'.length), 'signer key');
  const type = material[0] as number;
  checkType(type, types, 'the signer key');
  const { privateKey, publicKey } = ed25519FromSeed(material.subarray(1));
  if (toHex(keyIdOf(name, type, publicKey)) !== hash)
    throw new NoteError('the signer key ID does not match its key');
  return { name, type, keyId: hash, publicKey, privateKey };
}

/** Signs note texts as one key; `sign` returns the signature bytes that follow the key ID. */
export interface NoteSigner {
  readonly name: string;
  /** 8 lowercase hex digits. */
  readonly keyId: string;
  /** The matching verifier key, to publish. */
  readonly verifierKey: string;
  sign(text: string): Uint8Array;
}

/** Verifies one key's signatures; `signature` is the bytes after the key ID. */
export interface NoteVerifier {
  readonly name: string;
  /** 8 lowercase hex digits. */
  readonly keyId: string;
  /** The verifier key this was made from. */
  readonly key: string;
  verify(text: string, signature: Uint8Array): boolean;
}

/** A new Ed25519 note key pair for `name` (a log's origin, by convention). */
export function generateKey(name: string): { signerKey: string; verifierKey: string } {
  if (!isValidKeyName(name))
    throw new NoteError(`${JSON.stringify(name)} is not a valid key name (no spaces or "+")`);
  const seed = randomBytes(SEED_SIZE);
  const { publicKey } = ed25519FromSeed(seed);
  return {
    signerKey: encodeSignerKey(name, SIGNATURE_TYPE_ED25519, seed),
    verifierKey: encodeVerifierKey(name, SIGNATURE_TYPE_ED25519, publicKey),
  };
}

export function signerFromKey(signerKey: string): NoteSigner {
  const key = decodeSignerKey(signerKey);
  const verifierKey = encodeVerifierKey(key.name, key.type, key.publicKey);
  return {
    name: key.name,
    keyId: key.keyId,
    verifierKey,
    sign: (text) => ed25519SignBytes(key.privateKey, Buffer.from(text, 'utf8')),
  };
}

export function verifierFromKey(verifierKey: string): NoteVerifier {
  const key = decodeVerifierKey(verifierKey);
  const publicKey = ed25519PublicKey(key.publicKey);
  return {
    name: key.name,
    keyId: key.keyId,
    key: encodeVerifierKey(key.name, key.type, key.publicKey),
    verify: (text, signature) => ed25519VerifyBytes(publicKey, Buffer.from(text, 'utf8'), signature),
  };
}

/** True when text may appear in a note: well-formed Unicode with no control characters but newline. */
export function isValidNoteText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x0a) return false;
  }
  return isWellFormed(text);
}

/** `— name base64(key ID ‖ signature)`, without the newline. */
export function signatureLine(name: string, keyId: string, signature: Uint8Array): string {
  return `${EM_DASH_PREFIX}${name} ${toBase64(Buffer.concat([Buffer.from(keyId, 'hex'), signature]))}`;
}

/** Signs `text` (which ends in a newline) and returns the signed note. */
export function signNote(text: string, signer: NoteSigner): string {
  if (typeof text !== 'string' || !text.endsWith('\n'))
    throw new NoteError('a note text ends with a newline');
  if (!isValidNoteText(text)) throw new NoteError('a note text has no control characters other than newline');
  return `${text}\n${signatureLine(signer.name, signer.keyId, signer.sign(text))}\n`;
}

/** One signature line of a note, parsed but not verified. */
export interface NoteSignatureLine {
  name: string;
  /** 8 lowercase hex digits. */
  keyId: string;
  /** The bytes after the key ID. */
  signature: Uint8Array;
  /** The line as written, without its newline. */
  line: string;
}

/** Parses one `— name base64` line (with or without its newline); throws NoteError when malformed. */
export function parseSignatureLine(line: string): NoteSignatureLine {
  const text = line.endsWith('\n') ? line.slice(0, -1) : line;
  if (!text.startsWith(EM_DASH_PREFIX))
    throw new NoteError('a signature line starts with an em dash and a space');
  const rest = text.slice(EM_DASH_PREFIX.length);
  const space = rest.indexOf(' ');
  const name = space < 0 ? rest : rest.slice(0, space);
  const b64 = space < 0 ? '' : rest.slice(space + 1);
  if (!isValidKeyName(name)) throw new NoteError('a signature line has an invalid key name');
  let raw: Uint8Array;
  try {
    raw = fromBase64(b64);
  } catch {
    throw new NoteError(`the signature of ${name} is not base64`);
  }
  if (b64 === '' || raw.length <= KEY_ID_SIZE) throw new NoteError(`the signature of ${name} is too short`);
  return {
    name,
    keyId: toHex(raw.subarray(0, KEY_ID_SIZE)),
    signature: raw.subarray(KEY_ID_SIZE),
    line: text,
  };
}

/** Splits a signed note into its text and signature lines; throws NoteError when malformed. */
export function parseNote(note: string): { text: string; lines: NoteSignatureLine[] } {
  if (typeof note !== 'string' || !isValidNoteText(note)) {
    throw new NoteError('malformed note: not well-formed text without control characters');
  }
  // The text ends at the last blank line; signature lines contain none.
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('malformed note: no blank line before the signatures');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n'))
    throw new NoteError('malformed note: the signatures must end in a newline');
  const raw = block.slice(0, -1).split('\n');
  if (raw.length > MAX_SIGNATURES)
    throw new NoteError(`malformed note: more than ${MAX_SIGNATURES} signatures`);
  return { text, lines: raw.map(parseSignatureLine) };
}

export interface OpenedNote {
  text: string;
  /** Every signature, in order: verified ones by a given verifier, unverified ones by unknown keys. */
  signatures: { name: string; keyId: string; verified: boolean }[];
}

/**
 * Opens a signed note (signed-note §Signatures): verifies every line whose name and key ID match a
 * given verifier; keeps lines by unknown keys (cosignatures, say) unverified. Throws NoteError when
 * the note is malformed, when any line of a known key fails (the whole note is rejected), or when
 * no known key signed it.
 */
export function openNote(note: string, verifiers: readonly NoteVerifier[]): OpenedNote {
  const { text, lines } = parseNote(note);
  const known = new Map<string, NoteVerifier>();
  for (const v of verifiers) {
    const id = `${v.name}+${v.keyId}`;
    if (known.has(id)) throw new NoteError(`two verifiers share the name and key ID ${id}`);
    known.set(id, v);
  }
  const signatures: OpenedNote['signatures'] = [];
  const seen = new Set<string>();
  let verified = 0;
  for (const line of lines) {
    const id = `${line.name}+${line.keyId}`;
    const verifier = known.get(id);
    if (verifier !== undefined) {
      if (!verifier.verify(text, line.signature))
        throw new NoteError(`the signature of ${line.name} (${line.keyId}) does not verify`);
      if (!seen.has(id)) {
        signatures.push({ name: line.name, keyId: line.keyId, verified: true });
        verified++;
      }
    } else if (!seen.has(line.line)) {
      signatures.push({ name: line.name, keyId: line.keyId, verified: false });
    }
    seen.add(id);
    seen.add(line.line);
  }
  if (verified === 0) throw new NoteError('no signature by a trusted key');
  return { text, signatures };
}
