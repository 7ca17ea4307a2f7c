/**
 * An independent RFC 9180 (HPKE) base-mode implementation, written from the RFC text with nothing
 * but node:crypto, to check that what src/sealing/ produces is really the suite it claims. It
 * shares no code with src/ (nor with @hpke/core): X25519 from node:crypto's diffieHellman, HKDF
 * from HMAC-SHA256 by RFC 5869, AES-GCM from node:crypto's ciphers.
 *
 * Only what the tests need: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM or AES-256-GCM,
 * mode_base, single-shot Seal/Open (sequence number 0).
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';

/** RFC 9180 §7.1 (KEM), §7.2 (KDF), §7.3 (AEAD) identifiers used here. */
export const KEM_DHKEM_X25519_HKDF_SHA256 = 0x0020;
export const KDF_HKDF_SHA256 = 0x0001;
export const AEAD_AES_128_GCM = 0x0001;
export const AEAD_AES_256_GCM = 0x0002;

/** §7.3: Nk (key), Nn (nonce) and Nt (tag) of the AEADs. */
const AEADS = {
  [AEAD_AES_128_GCM]: { cipher: 'aes-128-gcm', Nk: 16, Nn: 12, Nt: 16 },
  [AEAD_AES_256_GCM]: { cipher: 'aes-256-gcm', Nk: 32, Nn: 12, Nt: 16 },
} as const;
type AeadId = keyof typeof AEADS;

/** §7.1: DHKEM(X25519, HKDF-SHA256) has Nsecret = 32, Nenc = 32, Npk = 32, Nsk = 32. */
const N_SECRET = 32;
const N_SK = 32;
/** §7.2: Nh of HKDF-SHA256. */
const NH = 32;
/** §5: mode_base. */
const MODE_BASE = 0x00;

const ascii = (text: string) => Buffer.from(text, 'ascii');

/** §3 (Notation): I2OSP(n, w), big-endian, w bytes. */
function i2osp(n: number, w: number): Buffer {
  const out = Buffer.alloc(w);
  for (let i = w - 1, v = n; i >= 0; i--, v = Math.floor(v / 256)) out[i] = v & 0xff;
  return out;
}

// --- §4: HKDF-SHA256 (RFC 5869) and the labeled variants ------------------------------------------

/** RFC 5869 §2.2 Extract(salt, IKM) = HMAC-Hash(salt, IKM); an empty salt is HMAC with a zero-length key (= Nh zeros). */
function extract(salt: Uint8Array, ikm: Uint8Array): Buffer {
  return createHmac('sha256', salt.length === 0 ? Buffer.alloc(NH) : salt)
    .update(ikm)
    .digest();
}

/** RFC 5869 §2.3 Expand(PRK, info, L): T(i) = HMAC(PRK, T(i-1) | info | i), output the first L bytes. */
function expand(prk: Uint8Array, info: Uint8Array, length: number): Buffer {
  const blocks: Buffer[] = [];
  let previous = Buffer.alloc(0);
  for (let i = 1; blocks.length * NH < length; i++) {
    previous = createHmac('sha256', prk)
      .update(previous)
      .update(info)
      .update(Buffer.from([i]))
      .digest();
    blocks.push(previous);
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** §4: LabeledExtract(salt, label, ikm) = Extract(salt, "HPKE-v1" || suite_id || label || ikm). */
function labeledExtract(suiteId: Uint8Array, salt: Uint8Array, label: string, ikm: Uint8Array): Buffer {
  return extract(salt, Buffer.concat([ascii('HPKE-v1'), suiteId, ascii(label), ikm]));
}

/** §4: LabeledExpand(prk, label, info, L) = Expand(prk, I2OSP(L, 2) || "HPKE-v1" || suite_id || label || info, L). */
function labeledExpand(
  suiteId: Uint8Array,
  prk: Uint8Array,
  label: string,
  info: Uint8Array,
  length: number,
): Buffer {
  return expand(
    prk,
    Buffer.concat([i2osp(length, 2), ascii('HPKE-v1'), suiteId, ascii(label), info]),
    length,
  );
}

// --- §4.1: DHKEM(X25519, HKDF-SHA256) ---------------------------------------------------------------

/** §4.1: the KEM's suite_id = "KEM" || I2OSP(kem_id, 2). */
const KEM_SUITE_ID = Buffer.concat([ascii('KEM'), i2osp(KEM_DHKEM_X25519_HKDF_SHA256, 2)]);

// RFC 8410 DER wrappers, so node:crypto takes raw X25519 keys (§7.1.1: keys are the raw 32 bytes of RFC 7748).
const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_X25519 = Buffer.from('302a300506032b656e032100', 'hex');

function privateKeyObject(sk: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_X25519, sk]), format: 'der', type: 'pkcs8' });
}
/** §7.1.1 DeserializePublicKey: the raw 32-byte u-coordinate. */
function publicKeyObject(pk: Uint8Array): KeyObject {
  if (pk.length !== 32) throw new Error('an X25519 public key is 32 bytes');
  return createPublicKey({ key: Buffer.concat([SPKI_X25519, pk]), format: 'der', type: 'spki' });
}
/** §7.1.1 SerializePublicKey. */
function serializePublicKey(key: KeyObject): Buffer {
  const der = key.export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32);
}
function serializePrivateKey(key: KeyObject): Buffer {
  const der = key.export({ format: 'der', type: 'pkcs8' });
  return der.subarray(der.length - 32);
}
/** pk(skX): the public key of a raw private key. */
export function publicKeyOfPrivate(sk: Uint8Array): Buffer {
  return serializePublicKey(createPublicKey(privateKeyObject(sk)));
}

/** §4.1 DH(skX, pkY) for X25519 (RFC 7748 §6.1); an all-zero result must be rejected (§7.1.4). */
function dh(sk: Uint8Array, pk: Uint8Array): Buffer {
  const shared = diffieHellman({ privateKey: privateKeyObject(sk), publicKey: publicKeyObject(pk) });
  if (shared.every((b) => b === 0)) throw new Error('X25519 produced the all-zero value');
  return shared;
}

/** §7.1.3 DeriveKeyPair(ikm) for X25519: sk = LabeledExpand(LabeledExtract("", "dkp_prk", ikm), "sk", "", Nsk). */
export function deriveKeyPair(ikm: Uint8Array): { sk: Buffer; pk: Buffer } {
  const dkpPrk = labeledExtract(KEM_SUITE_ID, Buffer.alloc(0), 'dkp_prk', ikm);
  const sk = labeledExpand(KEM_SUITE_ID, dkpPrk, 'sk', Buffer.alloc(0), N_SK);
  return { sk, pk: publicKeyOfPrivate(sk) };
}

/** §7.1 GenerateKeyPair: a fresh random X25519 pair, raw. */
export function generateKeyPair(): { sk: Buffer; pk: Buffer } {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  return { sk: serializePrivateKey(privateKey), pk: serializePublicKey(publicKey) };
}

/** §4.1 ExtractAndExpand(dh, kem_context). */
function extractAndExpand(dhValue: Uint8Array, kemContext: Uint8Array): Buffer {
  const eaePrk = labeledExtract(KEM_SUITE_ID, Buffer.alloc(0), 'eae_prk', dhValue);
  return labeledExpand(KEM_SUITE_ID, eaePrk, 'shared_secret', kemContext, N_SECRET);
}

/** §4.1 Encap(pkR), with the ephemeral key pair given (random, or derived from a test vector's ikmE). */
function encap(pkR: Uint8Array, ephemeral: { sk: Uint8Array; pk: Uint8Array }) {
  const dhValue = dh(ephemeral.sk, pkR);
  const enc = Buffer.from(ephemeral.pk); // SerializePublicKey(pkE)
  const kemContext = Buffer.concat([enc, pkR]); // enc || pkRm
  return { sharedSecret: extractAndExpand(dhValue, kemContext), enc };
}

/** §4.1 Decap(enc, skR). */
function decap(enc: Uint8Array, skR: Uint8Array): Buffer {
  const dhValue = dh(skR, enc); // DeserializePublicKey(enc) happens inside dh
  const kemContext = Buffer.concat([enc, publicKeyOfPrivate(skR)]); // enc || SerializePublicKey(pk(skR))
  return extractAndExpand(dhValue, kemContext);
}

// --- §5.1: the key schedule (mode_base: psk = psk_id = "") -------------------------------------------

export interface KeySchedule {
  keyScheduleContext: Buffer;
  secret: Buffer;
  key: Buffer;
  baseNonce: Buffer;
  exporterSecret: Buffer;
}

/** §5.1 KeySchedule(mode_base, shared_secret, info, default_psk, default_psk_id). */
export function keySchedule(aeadId: AeadId, sharedSecret: Uint8Array, info: Uint8Array): KeySchedule {
  const { Nk, Nn } = AEADS[aeadId];
  // §5.1: suite_id = "HPKE" || I2OSP(kem_id, 2) || I2OSP(kdf_id, 2) || I2OSP(aead_id, 2)
  const suiteId = Buffer.concat([
    ascii('HPKE'),
    i2osp(KEM_DHKEM_X25519_HKDF_SHA256, 2),
    i2osp(KDF_HKDF_SHA256, 2),
    i2osp(aeadId, 2),
  ]);
  const empty = Buffer.alloc(0);
  const pskIdHash = labeledExtract(suiteId, empty, 'psk_id_hash', empty); // psk_id = default_psk_id = ""
  const infoHash = labeledExtract(suiteId, empty, 'info_hash', info);
  const keyScheduleContext = Buffer.concat([Buffer.from([MODE_BASE]), pskIdHash, infoHash]);
  const secret = labeledExtract(suiteId, sharedSecret, 'secret', empty); // psk = default_psk = ""
  return {
    keyScheduleContext,
    secret,
    key: labeledExpand(suiteId, secret, 'key', keyScheduleContext, Nk),
    baseNonce: labeledExpand(suiteId, secret, 'base_nonce', keyScheduleContext, Nn),
    exporterSecret: labeledExpand(suiteId, secret, 'exp', keyScheduleContext, NH),
  };
}

// --- §5.2 AEAD with sequence number 0, §6.1 single-shot APIs ----------------------------------------

/** §5.2 ComputeNonce(seq) = base_nonce XOR I2OSP(seq, Nn); for seq = 0 this is base_nonce. */
function aeadSeal(
  aeadId: AeadId,
  key: Uint8Array,
  nonce: Uint8Array,
  aad: Uint8Array,
  pt: Uint8Array,
): Buffer {
  const cipher = createCipheriv(AEADS[aeadId].cipher, key, nonce);
  cipher.setAAD(aad);
  return Buffer.concat([cipher.update(pt), cipher.final(), cipher.getAuthTag()]); // ct || tag
}

function aeadOpen(
  aeadId: AeadId,
  key: Uint8Array,
  nonce: Uint8Array,
  aad: Uint8Array,
  ct: Uint8Array,
): Buffer {
  const { Nt } = AEADS[aeadId];
  if (ct.length < Nt) throw new Error('OpenError: ciphertext shorter than the tag');
  const decipher = createDecipheriv(AEADS[aeadId].cipher, key, nonce, { authTagLength: Nt });
  decipher.setAAD(aad);
  decipher.setAuthTag(ct.subarray(ct.length - Nt));
  return Buffer.concat([decipher.update(ct.subarray(0, ct.length - Nt)), decipher.final()]);
}

/**
 * §6.1 Seal<MODE_BASE>(pkR, info, aad, pt) = SetupBaseS(pkR, info) then ctx.Seal(aad, pt).
 * `ikmE` (optional) derives the ephemeral key pair as in the RFC's test vectors; otherwise random.
 */
export function sealBase(
  aeadId: AeadId,
  pkR: Uint8Array,
  info: Uint8Array,
  aad: Uint8Array,
  pt: Uint8Array,
  ikmE?: Uint8Array,
): { enc: Buffer; ct: Buffer; sharedSecret: Buffer; schedule: KeySchedule } {
  const ephemeral = ikmE ? deriveKeyPair(ikmE) : generateKeyPair();
  const { sharedSecret, enc } = encap(pkR, ephemeral); // §5.1.1 SetupBaseS
  const schedule = keySchedule(aeadId, sharedSecret, info);
  return { enc, ct: aeadSeal(aeadId, schedule.key, schedule.baseNonce, aad, pt), sharedSecret, schedule };
}

/** §6.1 Open<MODE_BASE>(enc, skR, info, aad, ct) = SetupBaseR(enc, skR, info) then ctx.Open(aad, ct). */
export function openBase(
  aeadId: AeadId,
  enc: Uint8Array,
  skR: Uint8Array,
  info: Uint8Array,
  aad: Uint8Array,
  ct: Uint8Array,
): Buffer {
  const sharedSecret = decap(enc, skR); // §5.1.1 SetupBaseR
  const schedule = keySchedule(aeadId, sharedSecret, info);
  return aeadOpen(aeadId, schedule.key, schedule.baseNonce, aad, ct);
}
