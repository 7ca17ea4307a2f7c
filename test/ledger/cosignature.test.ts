import { createHash, createPublicKey, verify } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { formatCheckpoint, signCheckpoint } from '../../src/ledger/checkpoint.js';
import {
  CosignatureError,
  cosign,
  cosignatureMessage,
  generateWitnessKey,
  verifyCosignature,
  witnessVerifierFromKey,
} from '../../src/ledger/cosignature.js';
import { sha256 } from '../../src/ledger/hash.js';
import {
  generateKey,
  openNote,
  parseSignatureLine,
  signerFromKey,
  verifierFromKey,
} from '../../src/ledger/note.js';

const body = formatCheckpoint({
  origin: 'habeas.example/log',
  size: 300,
  root: sha256(Buffer.from('r')),
  extensions: [],
});

describe('C2SP tlog-cosignature (cosignature/v1)', () => {
  test('a cosignature line has the spec’s layout, checked with node:crypto directly', () => {
    const { signerKey, verifierKey } = generateWitnessKey('witness.example/w1');
    const line = cosign(body, signerKey, 1679315147);
    // name+keyid+base64: split at the first two "+" only, as base64 may contain "+".
    const [, name, keyB64] = /^([^+]+)\+[0-9a-f]{8}\+(.+)$/.exec(verifierKey) as unknown as [
      string,
      string,
      string,
    ];
    const key = Buffer.from(keyB64, 'base64');
    expect(key[0]).toBe(0x04);
    const match = /^— witness\.example\/w1 ([A-Za-z0-9+/=]+)$/.exec(line);
    expect(match).not.toBeNull();
    const raw = Buffer.from(match?.[1] as string, 'base64');
    expect(raw.length).toBe(4 + 8 + 64);
    const expectedId = createHash('sha256')
      .update(`${name}\n`)
      .update(Buffer.from([0x04]))
      .update(key.subarray(1))
      .digest();
    expect(raw.subarray(0, 4).toString('hex')).toBe(expectedId.subarray(0, 4).toString('hex'));
    expect(raw.readBigUInt64BE(4)).toBe(1679315147n);
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), key.subarray(1)]);
    const message = `cosignature/v1\ntime 1679315147\n${body}`;
    expect(cosignatureMessage(body, 1679315147)).toBe(message);
    expect(
      verify(
        null,
        Buffer.from(message),
        createPublicKey({ key: spki, format: 'der', type: 'spki' }),
        raw.subarray(12),
      ),
    ).toBe(true);
    expect(verifyCosignature(body, line, verifierKey)).toEqual({ timestamp: 1679315147 });
    expect(verifyCosignature(body, `${line}\n`, verifierKey)).toEqual({ timestamp: 1679315147 });
  });

  test('the spec’s example line carries timestamp 1679315147, as its signed message says', () => {
    const line =
      '— witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==';
    const parsed = parseSignatureLine(line);
    expect(parsed.keyId).toBe('8d66cf3f');
    expect(Buffer.from(parsed.signature).readBigUInt64BE(0)).toBe(1679315147n);
  });

  test('a cosignature does not verify for another body, time, witness, or with a flipped bit', () => {
    const w = generateWitnessKey('witness.example/w1');
    const line = cosign(body, w.signerKey, 1700000000);
    const other = formatCheckpoint({
      origin: 'habeas.example/log',
      size: 301,
      root: sha256(Buffer.from('r')),
      extensions: [],
    });
    expect(() => verifyCosignature(other, line, w.verifierKey)).toThrow(CosignatureError);
    expect(() => verifyCosignature(body, line, generateWitnessKey('witness.example/w1').verifierKey)).toThrow(
      CosignatureError,
    );
    expect(() => verifyCosignature(body, line, generateWitnessKey('witness.example/w2').verifierKey)).toThrow(
      CosignatureError,
    );
    const parsed = parseSignatureLine(line);
    const raw = Buffer.concat([Buffer.from(parsed.keyId, 'hex'), parsed.signature]);
    raw.writeBigUInt64BE(1700000001n, 4); // claim another time
    expect(() =>
      verifyCosignature(body, `— ${parsed.name} ${raw.toString('base64')}`, w.verifierKey),
    ).toThrow(/does not verify/);
    raw.writeBigUInt64BE(1700000000n, 4);
    raw[20] = (raw[20] as number) ^ 1;
    expect(() =>
      verifyCosignature(body, `— ${parsed.name} ${raw.toString('base64')}`, w.verifierKey),
    ).toThrow(CosignatureError);
    expect(() =>
      verifyCosignature(body, `— ${parsed.name} ${raw.subarray(0, 70).toString('base64')}`, w.verifierKey),
    ).toThrow(CosignatureError);
    expect(() => verifyCosignature(body, 'not a line', w.verifierKey)).toThrow(CosignatureError);
  });

  test('keys of the other type, bad timestamps and non-checkpoint bodies are refused', () => {
    const w = generateWitnessKey('witness.example/w1');
    const log = generateKey('habeas.example/log');
    expect(() => cosign(body, log.signerKey, 1)).toThrow(CosignatureError);
    expect(() => verifyCosignature(body, cosign(body, w.signerKey, 1), log.verifierKey)).toThrow(
      CosignatureError,
    );
    expect(() => cosign(body, w.signerKey, -1)).toThrow(CosignatureError);
    expect(() => cosign(body, w.signerKey, 1.5)).toThrow(CosignatureError);
    expect(() => cosign('not a checkpoint\n', w.signerKey, 1)).toThrow(CosignatureError);
    expect(() => generateWitnessKey('bad name')).toThrow(CosignatureError);
  });

  test('a note carrying the log signature and a cosignature opens with both kinds of verifier', () => {
    const log = generateKey('habeas.example/log');
    const w = generateWitnessKey('witness.example/w1');
    const note = signCheckpoint(
      { origin: 'habeas.example/log', size: 300, root: sha256(Buffer.from('r')), extensions: [] },
      signerFromKey(log.signerKey),
    );
    const cosigned = `${note}${cosign(body, w.signerKey, 1700000000)}\n`;
    const opened = openNote(cosigned, [
      verifierFromKey(log.verifierKey),
      witnessVerifierFromKey(w.verifierKey),
    ]);
    expect(opened.signatures.map((s) => s.verified)).toEqual([true, true]);
    expect(openNote(cosigned, [verifierFromKey(log.verifierKey)]).signatures.map((s) => s.verified)).toEqual([
      true,
      false,
    ]);
  });
});
