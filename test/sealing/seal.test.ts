import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  SealOpenError,
  SealedFormatError,
  SealingKeyError,
  fromBase64,
  generateSealingKeyPair,
  importSealingPrivateKey,
  openSealed,
  publicKeyOf,
  sealTo,
  sealedFromWire,
  sealedToWire,
  toBase64,
  type Sealed,
} from '../../src/sealing/seal.js';
import {
  SEALING_INFO,
  SEALING_INFO_BYTES,
  SEALING_SUITE,
  makeSealingSuite,
} from '../../src/sealing/suite.js';
import { AEAD_AES_256_GCM, sealBase } from './independent-hpke.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const complaint = utf8('Меня избили в ИВС №3 в ночь на 12 марта; прошу перевести меня в другой изолятор.');

/** A copy of `bytes` with one bit of byte `index` flipped. */
function flip(bytes: Uint8Array, index: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[index] = (copy[index] as number) ^ 0x01;
  return copy;
}

async function expectNotOpen(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SealOpenError);
  expect((error as Error).message).toBe('could not open: wrong key or altered ciphertext');
}

describe('sealing', () => {
  test("kz.complaint.channel: what is sealed to the authority's key opens with its private key and with nothing else", async () => {
    const authority = await generateSealingKeyPair();
    const other = await generateSealingKeyPair();
    const aad = utf8('complaint C-2025-000123');
    const sealed = await sealTo(authority.publicKey, complaint, aad);

    // The facility, its database and its backups hold only this: no trace of the text.
    expect(sealed.enc).toHaveLength(32);
    expect(sealed.ciphertext).toHaveLength(complaint.length + 16);
    expect(Buffer.from(sealed.ciphertext).includes(Buffer.from(complaint.subarray(0, 16)))).toBe(false);

    // Opens with the authority's private key, as raw bytes or as a (non-extractable) CryptoKey.
    expect(await openSealed(authority.privateKey, sealed, aad)).toEqual(complaint);
    const cryptoKey = await importSealingPrivateKey(authority.privateKey);
    expect(cryptoKey.extractable).toBe(false);
    expect(await openSealed(cryptoKey, sealed, aad)).toEqual(complaint);

    // Any other key: no.
    await expectNotOpen(openSealed(other.privateKey, sealed, aad));
    // One flipped bit anywhere in enc or in the ciphertext (text or tag): no.
    for (const i of [0, 13, 31])
      await expectNotOpen(openSealed(cryptoKey, { ...sealed, enc: flip(sealed.enc, i) }, aad));
    for (const i of [0, 40, sealed.ciphertext.length - 17, sealed.ciphertext.length - 1]) {
      await expectNotOpen(openSealed(cryptoKey, { ...sealed, ciphertext: flip(sealed.ciphertext, i) }, aad));
    }
    // Truncated or extended ciphertext, or enc of another message: no.
    await expectNotOpen(openSealed(cryptoKey, { ...sealed, ciphertext: sealed.ciphertext.subarray(1) }, aad));
    await expectNotOpen(
      openSealed(cryptoKey, { ...sealed, ciphertext: Uint8Array.from([...sealed.ciphertext, 0]) }, aad),
    );
    await expectNotOpen(
      openSealed(cryptoKey, { enc: sealed.enc, ciphertext: sealed.ciphertext.subarray(0, 15) }, aad),
    );
    const another = await sealTo(authority.publicKey, complaint, aad);
    await expectNotOpen(openSealed(cryptoKey, { enc: another.enc, ciphertext: sealed.ciphertext }, aad));
    // The associated data must be the same bytes: missing, different, or added where there was none.
    await expectNotOpen(openSealed(cryptoKey, sealed));
    await expectNotOpen(openSealed(cryptoKey, sealed, utf8('complaint C-2025-000124')));
    const withoutAad = await sealTo(authority.publicKey, complaint);
    expect(await openSealed(cryptoKey, withoutAad)).toEqual(complaint);
    await expectNotOpen(openSealed(cryptoKey, withoutAad, aad));
    // The same key and suite with another `info` (another purpose) does not open as a complaint.
    const otherPurpose = sealBase(
      AEAD_AES_256_GCM,
      authority.publicKey,
      utf8('habeas/other/v1'),
      aad,
      complaint,
    );
    await expectNotOpen(openSealed(cryptoKey, { enc: otherPurpose.enc, ciphertext: otherPurpose.ct }, aad));
  });

  test('each sealing is fresh: the same text sealed twice shares neither enc nor ciphertext', async () => {
    const { publicKey } = await generateSealingKeyPair();
    const a = await sealTo(publicKey, complaint);
    const b = await sealTo(publicKey, complaint);
    expect(Buffer.from(a.enc).equals(Buffer.from(b.enc))).toBe(false);
    expect(Buffer.from(a.ciphertext).equals(Buffer.from(b.ciphertext))).toBe(false);
  });

  test('empty and large payloads (a 5 MiB video message) seal and open', async () => {
    const pair = await generateSealingKeyPair();
    const empty = await sealTo(pair.publicKey, new Uint8Array(0));
    expect(empty.ciphertext).toHaveLength(16);
    expect(await openSealed(pair.privateKey, empty)).toEqual(new Uint8Array(0));
    const video = new Uint8Array(5 * 1024 * 1024).map((_, i) => (i * 7919) & 0xff);
    const sealed = await sealTo(pair.publicKey, video);
    expect(Buffer.from(await openSealed(pair.privateKey, sealed)).equals(Buffer.from(video))).toBe(true);
  });

  test('the suite is the one published: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM, info habeas/complaint/v1', () => {
    const suite = makeSealingSuite();
    expect(SEALING_SUITE).toEqual({ kem: 32, kdf: 1, aead: 2 });
    expect({ kem: suite.kem.id, kdf: suite.kdf.id, aead: suite.aead.id }).toEqual(SEALING_SUITE);
    expect(SEALING_INFO).toBe('habeas/complaint/v1');
    expect(Buffer.from(SEALING_INFO_BYTES).toString('utf8')).toBe('habeas/complaint/v1');
  });

  test('keys that are not X25519 keys of this suite are refused with a clear error', async () => {
    const pair = await generateSealingKeyPair();
    await expect(sealTo(new Uint8Array(31), complaint)).rejects.toThrow(SealingKeyError);
    await expect(sealTo(new Uint8Array(65), complaint)).rejects.toThrow(/32 bytes/);
    // A low-order point (here 0) would make the shared secret all zeros (RFC 7748 §6.1).
    await expect(sealTo(new Uint8Array(32), complaint)).rejects.toThrow(SealingKeyError);
    const sealed = await sealTo(pair.publicKey, complaint);
    await expect(openSealed(new Uint8Array(16), sealed)).rejects.toThrow(SealingKeyError);
  });

  test('publicKeyOf derives the public key from a private key that cannot be exported', async () => {
    const pair = await generateSealingKeyPair();
    const key = await importSealingPrivateKey(pair.privateKey);
    expect(await publicKeyOf(key)).toEqual(pair.publicKey);
  });
});

describe('sealed wire format', () => {
  test('{enc, ciphertext} in standard base64 round-trips and opens', async () => {
    const pair = await generateSealingKeyPair();
    const sealed = await sealTo(pair.publicKey, complaint);
    const wire = JSON.parse(JSON.stringify(sealedToWire(sealed))) as unknown;
    expect(wire).toEqual({
      enc: Buffer.from(sealed.enc).toString('base64'),
      ciphertext: Buffer.from(sealed.ciphertext).toString('base64'),
    });
    const back: Sealed = sealedFromWire(wire);
    expect(await openSealed(pair.privateKey, back)).toEqual(complaint);
  });

  test('malformed sealed payloads are refused with SealedFormatError', () => {
    const enc = Buffer.alloc(32, 1).toString('base64');
    const ciphertext = Buffer.alloc(20, 2).toString('base64');
    for (const bad of [
      null,
      'text',
      [enc, ciphertext],
      { enc },
      { enc, ciphertext: 5 },
      { enc: Buffer.alloc(31).toString('base64'), ciphertext },
      { enc, ciphertext: Buffer.alloc(15).toString('base64') },
      { enc: enc.replace(/=$/, ''), ciphertext },
      { enc, ciphertext: Buffer.alloc(20, 0xfb).toString('base64url') },
    ]) {
      expect(() => sealedFromWire(bad), JSON.stringify(bad)).toThrow(SealedFormatError);
    }
  });

  test('base64 helpers agree with Node on every byte string and accept only canonical standard base64', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = toBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(fromBase64(text)).toEqual(bytes);
      }),
      { numRuns: 500 },
    );
    for (const bad of [
      'A',
      'AB=',
      'AB=C',
      'A===',
      '====',
      'ab c',
      '-_8=',
      'QR==',
      'QUJ=',
      'Zg==Zg==',
      'Жжжж',
    ]) {
      expect(() => fromBase64(bad), bad).toThrow(/base64/);
    }
    expect(fromBase64('')).toEqual(new Uint8Array(0));
  });
});
