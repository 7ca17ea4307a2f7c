/**
 * The HPKE suite complaints are sealed with (issue 4, DESIGN.md "Sealed payloads"): RFC 9180 base
 * mode with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and AES-256-GCM, and the fixed `info`
 * "habeas/complaint/v1", so that a ciphertext made for complaints can never be taken for anything
 * else sealed to the same key.
 *
 * Browser-safe: this file imports nothing from Node, so the kiosk page seals with the same code.
 */
import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';

/** RFC 9180 §7 identifiers: KEM 0x0020 DHKEM(X25519, HKDF-SHA256), KDF 0x0001, AEAD 0x0002. */
export const SEALING_SUITE = Object.freeze({ kem: 0x0020, kdf: 0x0001, aead: 0x0002 } as const);

/** The HPKE `info` as published by GET /api/v1/sealing/key and written in sealing.json. */
export const SEALING_INFO = 'habeas/complaint/v1';
/** The bytes given to HPKE as `info`: the UTF-8 of {@link SEALING_INFO}. */
export const SEALING_INFO_BYTES: Uint8Array = new TextEncoder().encode(SEALING_INFO);

/** Sizes of this suite (RFC 9180 §7.1, §7.3): Npk = Nsk = Nenc = 32, Nt = 16. */
export const PUBLIC_KEY_SIZE = 32;
export const PRIVATE_KEY_SIZE = 32;
export const ENC_SIZE = 32;
export const TAG_SIZE = 16;

/**
 * A new @hpke/core CipherSuite for {@link SEALING_SUITE}. It checks that the library's identifiers
 * are the ones we publish, so a mistaken class (say Aes128Gcm) cannot slip in unnoticed.
 */
export function makeSealingSuite(): CipherSuite {
  const suite = new CipherSuite({
    kem: new DhkemX25519HkdfSha256(),
    kdf: new HkdfSha256(),
    aead: new Aes256Gcm(),
  });
  const ids = { kem: suite.kem.id as number, kdf: suite.kdf.id as number, aead: suite.aead.id as number };
  if (ids.kem !== SEALING_SUITE.kem || ids.kdf !== SEALING_SUITE.kdf || ids.aead !== SEALING_SUITE.aead) {
    throw new Error(
      `the HPKE library built suite ${JSON.stringify(ids)}, not ${JSON.stringify(SEALING_SUITE)}`,
    );
  }
  return suite;
}

let shared: CipherSuite | undefined;

/** One suite per process (or page): CipherSuite holds no per-message state. */
export function sealingSuite(): CipherSuite {
  shared ??= makeSealingSuite();
  return shared;
}
