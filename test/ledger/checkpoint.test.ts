import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  CheckpointError,
  formatCheckpoint,
  openCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  type Checkpoint,
} from '../../src/ledger/checkpoint.js';
import { sha256, toBase64 } from '../../src/ledger/hash.js';
import { NoteError, generateKey, parseNote, signNote, signerFromKey } from '../../src/ledger/note.js';

// The example of c2sp.org/tlog-checkpoint.
const SPEC_BODY = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

const root = sha256(Buffer.from('root'));

describe('C2SP tlog-checkpoint', () => {
  test('the spec’s example parses, and formats back to the same text', () => {
    const c = parseCheckpoint(SPEC_BODY);
    expect(c.origin).toBe('example.com/behind-the-sofa');
    expect(c.size).toBe(20852163);
    expect(toBase64(c.root)).toBe('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
    expect(c.extensions).toEqual([]);
    expect(formatCheckpoint(c)).toBe(SPEC_BODY);
  });

  test('format and parse are inverse for any origin, size, root and extension lines', () => {
    const line = fc.string({ unit: 'grapheme', minLength: 1 }).filter((s) => !/\p{Cc}/u.test(s));
    fc.assert(
      fc.property(
        line,
        fc.maxSafeNat(),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.array(line, { maxLength: 3 }),
        (origin, size, r, extensions) => {
          const c: Checkpoint = { origin, size, root: r, extensions };
          const text = formatCheckpoint(c);
          const back = parseCheckpoint(text);
          expect({ ...back, root: toBase64(back.root) }).toEqual({ ...c, root: toBase64(r) });
          expect(formatCheckpoint(back)).toBe(text);
        },
      ),
    );
  });

  test('bodies that are not strict checkpoints are refused', () => {
    const b64 = toBase64(root);
    for (const bad of [
      `origin\n10\n${b64}`, // no final newline
      `origin\n10\n`, // no root
      `\n10\n${b64}\n`, // empty origin
      `origin\n010\n${b64}\n`, // leading zero
      `origin\n+10\n${b64}\n`,
      `origin\n1e3\n${b64}\n`,
      `origin\n-1\n${b64}\n`,
      `origin\n9007199254740993\n${b64}\n`, // beyond 2^53
      `origin\n10\n${b64.slice(0, -4)}\n`, // 30-byte root... not 32
      `origin\n10\n${toBase64(Buffer.alloc(33))}\n`,
      `origin\n10\n${b64.replace('=', '')}\n`, // unpadded
      `origin\n10\n${b64}\n\n`, // empty extension line
      `origin\n10\n${b64}\next\r\n`, // control character
    ]) {
      expect(() => parseCheckpoint(bad), JSON.stringify(bad)).toThrow(CheckpointError);
    }
    expect(parseCheckpoint(`origin\n0\n${b64}\n`).size).toBe(0);
    expect(() => formatCheckpoint({ origin: 'o', size: -1, root, extensions: [] })).toThrow(CheckpointError);
    expect(() => formatCheckpoint({ origin: 'o\nx', size: 1, root, extensions: [] })).toThrow(
      CheckpointError,
    );
    expect(() => formatCheckpoint({ origin: 'o', size: 1, root: root.subarray(1), extensions: [] })).toThrow(
      CheckpointError,
    );
  });

  test('a signed checkpoint opens with the log’s key and only with it', () => {
    const log = generateKey('habeas.example/log');
    const c: Checkpoint = { origin: 'habeas.example/log', size: 42, root, extensions: ['ext'] };
    const note = signCheckpoint(c, signerFromKey(log.signerKey));
    expect(parseNote(note).text).toBe(formatCheckpoint(c));
    const opened = openCheckpoint(note, log.verifierKey, 'habeas.example/log');
    expect({ ...opened, root: toBase64(opened.root) }).toEqual({ ...c, root: toBase64(root) });
    expect(() => openCheckpoint(note, generateKey('habeas.example/log').verifierKey)).toThrow(NoteError);
    expect(() => openCheckpoint(note.replace('\n42\n', '\n43\n'), log.verifierKey)).toThrow(NoteError);
    expect(() => openCheckpoint(note, log.verifierKey, 'another/log')).toThrow(CheckpointError);
    const notACheckpoint = signNote('habeas.example/log\nforty-two\n', signerFromKey(log.signerKey));
    expect(() => openCheckpoint(notACheckpoint, log.verifierKey)).toThrow(CheckpointError);
  });
});
