import { Aes128Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { describe, expect, test } from 'vitest';
import { generateSealingKeyPair, openSealed, sealTo } from '../../src/sealing/seal.js';
import { SEALING_INFO_BYTES, makeSealingSuite } from '../../src/sealing/suite.js';
import {
  AEAD_AES_128_GCM,
  AEAD_AES_256_GCM,
  deriveKeyPair,
  generateKeyPair,
  keySchedule,
  openBase,
  sealBase,
} from './independent-hpke.js';

/**
 * Is our suite really RFC 9180 DHKEM(X25519, HKDF-SHA256) + HKDF-SHA256 + AES-256-GCM with info
 * "habeas/complaint/v1"? RFC 9180 publishes no vector for this exact suite (Appendix A.1 is the same
 * KEM and KDF with AES-128-GCM), so:
 *  1. the independent implementation (independent-hpke.ts) must reproduce Appendix A.1.1 exactly;
 *  2. @hpke/core must reproduce it too;
 *  3. for AES-256-GCM, ours and the independent one must interoperate both ways, and produce the same
 *     bytes from the same ephemeral key.
 */

const hex = (text: string) => Buffer.from(text, 'hex');
const toHex = (bytes: Uint8Array | ArrayBuffer) => Buffer.from(new Uint8Array(bytes)).toString('hex');

/** RFC 9180 Appendix A.1.1: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM, mode_base. */
const A_1_1 = {
  info: '4f6465206f6e2061204772656369616e2055726e', // "Ode on a Grecian Urn"
  ikmE: '7268600d403fce431561aef583ee1613527cff655c1343f29812e66706df3234',
  pkEm: '37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431',
  skEm: '52c4a758a802cd8b936eceea314432798d5baf2d7e9235dc084ab1b9cfa2f736',
  ikmR: '6db9df30aa07dd42ee5e8181afdb977e538f5e1fec8a06223f33f7013e525037',
  pkRm: '3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d',
  skRm: '4612c550263fc8ad58375df3f557aac531d26850903e55a9f23f21d8534e8ac8',
  enc: '37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431',
  sharedSecret: 'fe0e18c9f024ce43799ae393c7e8fe8fce9d218875e8227b0187c04e7d2ea1fc',
  keyScheduleContext:
    '00725611c9d98c07c03f60095cd32d400d8347d45ed67097bbad50fc56da742d07' +
    'cb6cffde367bb0565ba28bb02c90744a20f5ef37f30523526106f637abb05449',
  secret: '12fff91991e93b48de37e7daddb52981084bd8aa64289c3788471d9a9712f397',
  key: '4531685d41d65f03dc48f6b8302c05b0',
  baseNonce: '56d890e5accaaf011cff4b7d',
  exporterSecret: '45ff1c2e220db587171952c0592d5f5ebe103f1561a2614e38f2ffd47e99e3f8',
  // Encryption with sequence number 0:
  pt: '4265617574792069732074727574682c20747275746820626561757479', // "Beauty is truth, truth beauty"
  aad: '436f756e742d30', // "Count-0"
  ct: 'f938558b5d72f1a23810b4be2ab4f84331acc02fc97babc53a52ae8218a355a96d8770ac83d07bea87e13c512a',
};

describe('RFC 9180 interoperability', () => {
  test('the independent implementation reproduces RFC 9180 Appendix A.1.1 (X25519, HKDF-SHA256, AES-128-GCM)', () => {
    const ephemeral = deriveKeyPair(hex(A_1_1.ikmE));
    expect(toHex(ephemeral.sk)).toBe(A_1_1.skEm);
    expect(toHex(ephemeral.pk)).toBe(A_1_1.pkEm);
    const recipient = deriveKeyPair(hex(A_1_1.ikmR));
    expect(toHex(recipient.sk)).toBe(A_1_1.skRm);
    expect(toHex(recipient.pk)).toBe(A_1_1.pkRm);

    const sealed = sealBase(
      AEAD_AES_128_GCM,
      recipient.pk,
      hex(A_1_1.info),
      hex(A_1_1.aad),
      hex(A_1_1.pt),
      hex(A_1_1.ikmE),
    );
    expect(toHex(sealed.enc)).toBe(A_1_1.enc);
    expect(toHex(sealed.sharedSecret)).toBe(A_1_1.sharedSecret);
    expect(toHex(sealed.schedule.keyScheduleContext)).toBe(A_1_1.keyScheduleContext);
    expect(toHex(sealed.schedule.secret)).toBe(A_1_1.secret);
    expect(toHex(sealed.schedule.key)).toBe(A_1_1.key);
    expect(toHex(sealed.schedule.baseNonce)).toBe(A_1_1.baseNonce);
    expect(toHex(sealed.schedule.exporterSecret)).toBe(A_1_1.exporterSecret);
    expect(toHex(sealed.ct)).toBe(A_1_1.ct);

    const opened = openBase(
      AEAD_AES_128_GCM,
      hex(A_1_1.enc),
      hex(A_1_1.skRm),
      hex(A_1_1.info),
      hex(A_1_1.aad),
      hex(A_1_1.ct),
    );
    expect(toHex(opened)).toBe(A_1_1.pt);
    // The AES-256-GCM schedule differs only by the suite_id and Nk: a 32-byte key, not the 16 above.
    const schedule256 = keySchedule(AEAD_AES_256_GCM, hex(A_1_1.sharedSecret), hex(A_1_1.info));
    expect(schedule256.key).toHaveLength(32);
  });

  test('@hpke/core reproduces RFC 9180 Appendix A.1.1 with the same KEM and KDF', async () => {
    const suite = new CipherSuite({
      kem: new DhkemX25519HkdfSha256(),
      kdf: new HkdfSha256(),
      aead: new Aes128Gcm(),
    });
    const recipientPublicKey = await suite.kem.deserializePublicKey(hex(A_1_1.pkRm));
    const { enc, ct } = await suite.seal(
      { recipientPublicKey, info: hex(A_1_1.info), ekm: hex(A_1_1.ikmE) },
      hex(A_1_1.pt),
      hex(A_1_1.aad),
    );
    expect(toHex(enc)).toBe(A_1_1.enc);
    expect(toHex(ct)).toBe(A_1_1.ct);
  });

  test('with the same ephemeral key, our suite and the independent AES-256-GCM implementation produce the same bytes', async () => {
    const recipient = generateKeyPair();
    const ikmE = hex(A_1_1.ikmE);
    const aad = Buffer.from('complaint C-2025-000123');
    const pt = Buffer.from('Жалоба: нарушение права на адвоката.');
    const suite = makeSealingSuite();
    const ours = await suite.seal(
      {
        recipientPublicKey: await suite.kem.deserializePublicKey(recipient.pk),
        info: SEALING_INFO_BYTES,
        ekm: ikmE,
      },
      pt,
      aad,
    );
    const theirs = sealBase(AEAD_AES_256_GCM, recipient.pk, SEALING_INFO_BYTES, aad, pt, ikmE);
    expect(toHex(ours.enc)).toBe(toHex(theirs.enc));
    expect(toHex(ours.ct)).toBe(toHex(theirs.ct));
  });

  test('sealed by our code, opened by the independent implementation, and the other way round', async () => {
    const ours = await generateSealingKeyPair();
    const theirs = generateKeyPair();
    const aad = Buffer.from('complaint C-2025-000123');
    for (const size of [0, 1, 15, 16, 17, 1000, 100_000]) {
      const pt = Buffer.alloc(size).map((_, i) => (i * 31 + size) & 0xff);

      // Ours → independent (sealed to the independent recipient's key).
      const sealed = await sealTo(theirs.pk, pt, aad);
      const opened = openBase(
        AEAD_AES_256_GCM,
        sealed.enc,
        theirs.sk,
        SEALING_INFO_BYTES,
        aad,
        sealed.ciphertext,
      );
      expect(opened.equals(pt), `size ${size}`).toBe(true);

      // Independent → ours (sealed to our key).
      const other = sealBase(AEAD_AES_256_GCM, ours.publicKey, SEALING_INFO_BYTES, aad, pt);
      const back = await openSealed(ours.privateKey, { enc: other.enc, ciphertext: other.ct }, aad);
      expect(Buffer.from(back).equals(pt), `size ${size}`).toBe(true);
    }
    // And the independent opener does not open AES-256 ciphertexts as AES-128: the suite matters.
    const sealed = await sealTo(theirs.pk, Buffer.from('x'), aad);
    expect(() =>
      openBase(AEAD_AES_128_GCM, sealed.enc, theirs.sk, SEALING_INFO_BYTES, aad, sealed.ciphertext),
    ).toThrow();
  });
});
