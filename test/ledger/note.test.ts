import { describe, expect, test } from 'vitest';
import {
  NoteError,
  decodeVerifierKey,
  generateKey,
  openNote,
  parseNote,
  parseSignatureLine,
  signNote,
  signerFromKey,
  verifierFromKey,
} from '../../src/ledger/note.js';
import { generateWitnessKey } from '../../src/ledger/cosignature.js';

// The example in golang.org/x/mod/sumdb/note's documentation: Ed25519 signatures are deterministic,
// so the same key and text must give this exact note.
const GO_SIGNER = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_VERIFIER = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE =
  GO_TEXT +
  '\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';

describe('C2SP signed notes, compatible with Go’s sumdb/note', () => {
  test('signing Go’s example text with Go’s example key gives Go’s note byte for byte', () => {
    const signer = signerFromKey(GO_SIGNER);
    expect(signer.name).toBe('PeterNeumann');
    expect(signer.keyId).toBe('c74f20a3');
    expect(signer.verifierKey).toBe(GO_VERIFIER);
    expect(signNote(GO_TEXT, signer)).toBe(GO_NOTE);
  });

  test('Go’s note opens with Go’s verifier key', () => {
    expect(openNote(GO_NOTE, [verifierFromKey(GO_VERIFIER)])).toEqual({
      text: GO_TEXT,
      signatures: [{ name: 'PeterNeumann', keyId: 'c74f20a3', verified: true }],
    });
  });

  test('generated keys have the signed-note formats and sign notes their verifier opens', () => {
    const { signerKey, verifierKey } = generateKey('habeas.example/log');
    expect(signerKey).toMatch(/^PRIVATE\+KEY\+habeas\.example\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/); // base64 of 33 bytes: no padding
    expect(verifierKey).toMatch(/^habeas\.example\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/); // base64 of 33 bytes: no padding
    expect(decodeVerifierKey(verifierKey).publicKey.length).toBe(32);
    const note = signNote('hello\n\nworld\n', signerFromKey(signerKey));
    expect(openNote(note, [verifierFromKey(verifierKey)]).text).toBe('hello\n\nworld\n');
  });

  test('key names must be non-empty, without "+" or spaces', () => {
    for (const bad of ['', 'a+b', 'a b', 'a\tb', 'a\u00a0b', 'a\u2028b', 'a\u0085b']) {
      expect(() => generateKey(bad), JSON.stringify(bad)).toThrow(NoteError);
    }
  });

  test('malformed keys are NoteErrors: wrong key ID, wrong type, bad base64, wrong length', () => {
    const { verifierKey, signerKey } = generateKey('k');
    // Split at the first two "+" only: base64 may contain "+".
    const [, name, id, b64] = /^([^+]+)\+([0-9a-f]{8})\+(.+)$/.exec(verifierKey) as unknown as [
      string,
      string,
      string,
      string,
    ];
    const otherId = id === '00000000' ? '00000001' : '00000000';
    const witness = generateWitnessKey('w').verifierKey;
    for (const bad of [
      `${name}+${otherId}+${b64}`,
      `${name}+${id}+${b64.slice(0, -4)}`,
      `${name}+${id}+${b64}x`,
      `${name}+${id}`,
      `${name}+${id.slice(1)}+${b64}`,
      witness,
      '',
    ]) {
      expect(() => verifierFromKey(bad), bad).toThrow(NoteError);
    }
    expect(() => signerFromKey(signerKey.replace('PRIVATE+KEY+', ''))).toThrow(NoteError);
    expect(() => signerFromKey(generateWitnessKey('w').signerKey)).toThrow(NoteError);
    expect(verifierFromKey(`${verifierKey}\n`).key).toBe(verifierKey);
  });
});

describe('opening notes (signed-note §Signatures)', () => {
  const log = generateKey('log.example/one');
  const other = generateKey('other.example/two');
  const note = signNote('body\n', signerFromKey(log.signerKey));
  const sigLine = note.slice('body\n\n'.length, -1);

  test('signatures by unknown keys are kept, unverified, and identical ones once', () => {
    const foreign = signNote('body\n', signerFromKey(other.signerKey)).slice('body\n\n'.length);
    const opened = openNote(note + foreign + foreign, [verifierFromKey(log.verifierKey)]);
    expect(opened.signatures.map((s) => [s.name, s.verified])).toEqual([
      ['log.example/one', true],
      ['other.example/two', false],
    ]);
  });

  test('a note no known key signed is rejected', () => {
    expect(() => openNote(note, [verifierFromKey(other.verifierKey)])).toThrow(
      /no signature by a trusted key/,
    );
    expect(() => openNote(note, [])).toThrow(NoteError);
  });

  test('a failing line of a known key rejects the whole note, even beside a good one', () => {
    const parsed = parseSignatureLine(sigLine);
    const sig = Buffer.from(parsed.signature);
    sig[0] = (sig[0] as number) ^ 1;
    const bad = `— ${parsed.name} ${Buffer.concat([Buffer.from(parsed.keyId, 'hex'), sig]).toString('base64')}`;
    expect(() => openNote(`${note}${bad}\n`, [verifierFromKey(log.verifierKey)])).toThrow(/does not verify/);
    expect(() => openNote(note.replace('body', 'bodY'), [verifierFromKey(log.verifierKey)])).toThrow(
      NoteError,
    );
  });

  test('a line with the known name but another key ID is someone else’s, and ignored', () => {
    const impostor = generateKey('log.example/one');
    const theirs = signNote('body\n', signerFromKey(impostor.signerKey)).slice('body\n\n'.length);
    const opened = openNote(note + theirs, [verifierFromKey(log.verifierKey)]);
    expect(opened.signatures.filter((s) => s.verified).length).toBe(1);
    expect(opened.signatures.length).toBe(2);
  });

  test('malformed notes are refused', () => {
    const v = [verifierFromKey(log.verifierKey)];
    const cases = [
      note.replace('\n\n', '\n'), // no blank line
      note.slice(0, -1), // no final newline
      note.replace('body', 'bo\rdy'), // control character
      note.replace('body', 'bo\tdy'),
      note.replace('body', 'bo\ud800dy'), // not valid UTF-8
      note.replace('— ', '- '), // not an em dash
      `${note}— x\n`, // no signature
      `${note}— x !!!!\n`, // not base64
      `${note}— a+b AAAAAAA=\n`, // invalid name
      `${note}— x AAAA\n`, // too short for key ID and signature
      `${note}${Array.from({ length: 100 }, () => `${sigLine}\n`).join('')}`, // more than 100 signatures
    ];
    for (const bad of cases)
      expect(() => openNote(bad, v), JSON.stringify(bad.slice(0, 60))).toThrow(NoteError);
    expect(() =>
      openNote(note, [verifierFromKey(log.verifierKey), verifierFromKey(log.verifierKey)]),
    ).toThrow(/share/);
  });

  test('the text ends at the last blank line; signing needs a final newline and no control characters', () => {
    expect(parseNote(signNote('a\n\nb\n', signerFromKey(log.signerKey))).text).toBe('a\n\nb\n');
    expect(() => signNote('no newline', signerFromKey(log.signerKey))).toThrow(NoteError);
    expect(() => signNote('tab\there\n', signerFromKey(log.signerKey))).toThrow(NoteError);
  });
});
