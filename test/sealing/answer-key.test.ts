import { randomBytes } from 'node:crypto';
import { hashRaw } from '@node-rs/argon2';
import { describe, expect, test } from 'vitest';
import {
  ANSWER_INFO,
  answerKeyOf,
  answerKeyText,
  deriveAnswerKey,
  openAnswer,
  sameAnswerKey,
  sealAnswer,
} from '../../src/sealing/answer-key.js';
import { openSealed, sealTo } from '../../src/sealing/seal.js';
import { SEALING_INFO } from '../../src/sealing/suite.js';
import { AEAD_AES_256_GCM, deriveKeyPair, openBase, sealBase } from './independent-hpke.js';

/*
 * The complainant's answer key (issue 18 item 6, src/sealing/answer-key.ts), checked against its
 * documented construction with nothing of src/ but the function under test: argon2id with the
 * server's secret, then RFC 9180 §7.1.3 DeriveKeyPair and HPKE base mode with its own `info`, by
 * the independent implementation of test/sealing/independent-hpke.ts.
 */

const utf8 = (text: string) => new TextEncoder().encode(text);
const REFERENCE = '7KQ2-M9XD-4HTA';
const ANSWER = utf8(
  JSON.stringify({ v: 1, text: 'Матрасы выданы 6 мая.', writtenAt: '2026-05-06T09:00:00Z' }),
);

/** The documented derivation, written out here: argon2id(PIN, salt, secret) → DeriveKeyPair. */
async function independently(secret: Uint8Array, reference: string, pin: string) {
  const ikm = await hashRaw(pin, {
    algorithm: 2,
    memoryCost: 19_456,
    timeCost: 2,
    parallelism: 1,
    outputLen: 32,
    salt: utf8(`habeas/complaint-answer/v1 ${reference}`),
    secret,
  });
  return deriveKeyPair(ikm);
}

describe('the complainant’s answer key', () => {
  test('kz.complaint.channel: reference, PIN and the server’s secret derive an RFC 9180 key pair, as an independent implementation derives it', async () => {
    const secret = randomBytes(32);
    const ours = await deriveAnswerKey(secret, REFERENCE, '3579');
    const theirs = await independently(secret, REFERENCE, '3579');
    expect(Buffer.from(ours.publicKey).equals(theirs.pk)).toBe(true);
    // The same inputs, the same key: the kiosk's PIN makes it again at any terminal.
    expect(sameAnswerKey((await deriveAnswerKey(secret, REFERENCE, '3579')).publicKey, ours.publicKey)).toBe(
      true,
    );
    // Another PIN, another reference, or another server's secret: another key.
    for (const other of [
      await deriveAnswerKey(secret, REFERENCE, '3578'),
      await deriveAnswerKey(secret, '7KQ2-M9XD-4HTB', '3579'),
      await deriveAnswerKey(randomBytes(32), REFERENCE, '3579'),
    ])
      expect(sameAnswerKey(other.publicKey, ours.publicKey)).toBe(false);
  });

  test('kz.complaint.channel: an answer is sealed with its own info: the independent implementation opens it with the derived key; a complaint’s info, or another key, does not', async () => {
    const secret = randomBytes(32);
    const { publicKey } = await deriveAnswerKey(secret, REFERENCE, '3579');
    const { sk } = await independently(secret, REFERENCE, '3579');
    const sealed = await sealAnswer(publicKey, ANSWER);
    expect(
      openBase(AEAD_AES_256_GCM, sealed.enc, sk, utf8(ANSWER_INFO), new Uint8Array(0), sealed.ciphertext),
    ).toEqual(Buffer.from(ANSWER));
    expect(() =>
      openBase(AEAD_AES_256_GCM, sealed.enc, sk, utf8(SEALING_INFO), new Uint8Array(0), sealed.ciphertext),
    ).toThrow();
    // Sealed independently, opened by ours with the key the PIN derives again.
    const again = await deriveAnswerKey(secret, REFERENCE, '3579');
    const independent = sealBase(AEAD_AES_256_GCM, publicKey, utf8(ANSWER_INFO), new Uint8Array(0), ANSWER);
    expect(await openAnswer(again.privateKey, { enc: independent.enc, ciphertext: independent.ct })).toEqual(
      ANSWER,
    );
    // A complaint sealed to the same public key (the complaint's info) is not an answer, nor the other way round.
    const complaint = await sealTo(publicKey, ANSWER);
    await expect(openAnswer(again.privateKey, complaint)).rejects.toThrow();
    await expect(openSealed(again.privateKey, sealed)).rejects.toThrow();
    const wrong = await deriveAnswerKey(secret, REFERENCE, '0000');
    await expect(openAnswer(wrong.privateKey, sealed)).rejects.toThrow();
  });

  test('the PIN’s verifier is `x25519:` and the public key; a PIN hash or anything else is not a key', async () => {
    const { publicKey } = await deriveAnswerKey(randomBytes(32), REFERENCE, '3579');
    const text = answerKeyText(publicKey);
    expect(text).toMatch(/^x25519:[A-Za-z0-9+/]{43}=$/);
    expect(answerKeyOf(text)).toEqual(publicKey);
    for (const other of [
      '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
      'x25519:',
      'x25519:AAAA',
      'x25519:!!!!',
    ])
      expect(answerKeyOf(other), other).toBeNull();
  });
});
