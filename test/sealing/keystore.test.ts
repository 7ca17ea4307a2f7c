import { createDecipheriv, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { hashRaw } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  PassphraseTooShortError,
  WeakPassphraseError,
  SEALING_KDF_DEFAULTS,
  SealingKey,
  WrongPassphraseError,
  initSealing,
  readSealingPublic,
  rewrapSealing,
  unlockSealing,
  type SealingFile,
} from '../../src/sealing/keystore.js';
import { SealOpenError, generateSealingKeyPair, sealTo } from '../../src/sealing/seal.js';
import { DataDirError, initDataDir } from '../../src/store/datadir.js';

const PASSPHRASE = 'жалобы идут прямо в центр';
const utf8 = (text: string) => new TextEncoder().encode(text);

let root: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'habeas-sealing-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A fresh, initialised data directory. */
async function dataDir(): Promise<string> {
  const dir = join(root, `data-${counter++}`);
  await initDataDir(dir);
  return dir;
}

async function readSealingJson(dir: string): Promise<SealingFile> {
  return JSON.parse(await readFile(join(dir, 'sealing.json'), 'utf8')) as SealingFile;
}

async function writeSealingJson(dir: string, file: unknown): Promise<void> {
  await writeFile(join(dir, 'sealing.json'), JSON.stringify(file, null, 2));
}

/**
 * Unwraps sealing.json as its documented format says, with nothing from src/: argon2id(passphrase,
 * salt) → 32 bytes, AES-256-GCM with the public key as AAD, ciphertext || tag.
 */
async function independentUnwrap(file: SealingFile, passphrase: string): Promise<Buffer> {
  const w = file.wrapped;
  const key = await hashRaw(passphrase, {
    algorithm: 2, // argon2id
    memoryCost: w.memoryKiB,
    timeCost: w.iterations,
    parallelism: w.parallelism,
    salt: Buffer.from(w.salt, 'base64'),
    outputLen: 32,
  });
  const sealed = Buffer.from(w.ciphertext, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(w.nonce, 'base64'));
  decipher.setAAD(Buffer.from(file.publicKey, 'base64'));
  decipher.setAuthTag(sealed.subarray(-16));
  return Buffer.concat([decipher.update(sealed.subarray(0, -16)), decipher.final()]);
}

/** The raw X25519 public key of a raw private key, by node:crypto. */
function x25519PublicOf(raw: Uint8Array): Buffer {
  const der = Buffer.concat([Buffer.from('302e020100300506032b656e04220420', 'hex'), raw]);
  const spki = createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })).export({
    format: 'der',
    type: 'spki',
  });
  return spki.subarray(-32);
}

/** Every textual form in which 32 raw key bytes could leak. */
function leakForms(raw: Buffer): string[] {
  return [
    raw.toString('hex'),
    raw.toString('hex').toUpperCase(),
    raw.toString('base64'),
    raw.toString('base64url'),
  ];
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('sealing key store', () => {
  test('init writes sealing.json (0600) in the documented format; the right passphrase unlocks a key that opens', async () => {
    const dir = await dataDir();
    const now = new Date('2025-03-12T08:00:00.000Z');
    const { publicKey, path } = await initSealing(dir, PASSPHRASE, { now });
    expect(path).toBe(join(dir, 'sealing.json'));
    expect((await stat(path)).mode & 0o777).toBe(0o600);

    const file = await readSealingJson(dir);
    expect(Object.keys(file).sort()).toEqual([
      'createdAt',
      'format',
      'info',
      'publicKey',
      'suite',
      'wrapped',
    ]);
    expect(file).toMatchObject({
      format: 'habeas-sealing/1',
      suite: { kem: 32, kdf: 1, aead: 2 },
      info: 'habeas/complaint/v1',
      publicKey,
      createdAt: now.toISOString(),
      wrapped: { kdf: 'argon2id', ...SEALING_KDF_DEFAULTS },
    });
    expect(Object.keys(file.wrapped).sort()).toEqual(
      ['ciphertext', 'iterations', 'kdf', 'memoryKiB', 'nonce', 'parallelism', 'salt'].sort(),
    );
    expect(SEALING_KDF_DEFAULTS.memoryKiB).toBeGreaterThanOrEqual(19_456);
    expect(SEALING_KDF_DEFAULTS.iterations).toBeGreaterThanOrEqual(2);
    expect(Buffer.from(file.publicKey, 'base64')).toHaveLength(32);
    expect(Buffer.from(file.wrapped.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(file.wrapped.nonce, 'base64')).toHaveLength(12);
    expect(Buffer.from(file.wrapped.ciphertext, 'base64')).toHaveLength(32 + 16);

    // The documented format, checked independently: the unwrapped key is the private half of publicKey.
    const raw = await independentUnwrap(file, PASSPHRASE);
    expect(raw).toHaveLength(32);
    expect(x25519PublicOf(raw).toString('base64')).toBe(publicKey);

    // No private key bytes in clear, in any encoding, nor as raw bytes.
    const bytes = await readFile(path);
    expect(bytes.includes(raw)).toBe(false);
    for (const form of leakForms(raw)) expect(bytes.toString('utf8')).not.toContain(form);

    expect(await readSealingPublic(dir)).toEqual({
      suite: { kem: 32, kdf: 1, aead: 2 },
      info: 'habeas/complaint/v1',
      publicKey,
    });

    const key = await unlockSealing(dir, PASSPHRASE);
    expect(Buffer.from(key.publicKey).toString('base64')).toBe(publicKey);
    const text = utf8('Жалоба: меня не пускают к адвокату третий день.');
    const sealed = await sealTo(Buffer.from(publicKey, 'base64'), text, utf8('ref-1'));
    expect(await key.open(sealed, utf8('ref-1'))).toEqual(text);
    await expect(key.open(sealed, utf8('ref-2'))).rejects.toThrow(SealOpenError);
  });

  test('a wrong passphrase does not unlock: WrongPassphraseError', async () => {
    const dir = await dataDir();
    await initSealing(dir, PASSPHRASE);
    for (const wrong of [
      '',
      'жалобы идут прямо в центр ',
      'Жалобы идут прямо в центр',
      'correct horse battery staple',
    ]) {
      const error = await rejection(unlockSealing(dir, wrong));
      expect(error, JSON.stringify(wrong)).toBeInstanceOf(WrongPassphraseError);
      expect((error as Error).message).toMatch(/wrong passphrase/);
    }
  });

  test('the passphrase is compared after Unicode normalisation (NFC): й typed precomposed or decomposed unlocks alike', async () => {
    const dir = await dataDir();
    const composed = 'мой ключ от жалоб'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    await initSealing(dir, composed);
    expect(await unlockSealing(dir, decomposed)).toBeInstanceOf(SealingKey);
  });

  test('init refuses a second key, a passphrase under 12 characters, and a directory that is not initialised', async () => {
    const dir = await dataDir();
    const { publicKey } = await initSealing(dir, PASSPHRASE);
    const again = await rejection(initSealing(dir, 'another long passphrase'));
    expect(again).toBeInstanceOf(DataDirError);
    expect((again as Error).message).toMatch(/already has a sealing key/);
    expect((await readSealingPublic(dir)).publicKey).toBe(publicKey); // untouched

    const short = await dataDir();
    await expect(initSealing(short, 'elevenchars')).rejects.toThrow(PassphraseTooShortError);
    // Twelve characters, counted as characters (code points), not UTF-16 units or bytes.
    await expect(initSealing(short, 'ЖЖЖЖЖЖЖЖЖЖЖ')).rejects.toThrow(PassphraseTooShortError);
    // Long enough is not enough: one letter twelve times is refused, saying why (issue 17 item 11).
    await expect(initSealing(short, 'ЖЖЖЖЖЖЖЖЖЖЖЖ')).rejects.toThrow(WeakPassphraseError);
    await expect(initSealing(short, 'ЖЖЖЖЖЖЖЖЖЖЖЖ')).rejects.toThrow(/repeats/);
    await initSealing(short, 'Жалоба в суд');

    await expect(initSealing(join(root, 'nowhere'), PASSPHRASE)).rejects.toThrow(/habeas init/);
  });

  test('without sealing.json, reading or unlocking says to run habeas sealing init', async () => {
    const dir = await dataDir();
    await expect(readSealingPublic(dir)).rejects.toThrow(`run habeas sealing init --data ${dir}`);
    await expect(unlockSealing(dir, PASSPHRASE)).rejects.toThrow(/habeas sealing init/);
  });

  test('kz.complaint.channel: the procurator’s office has its own key file and passphrase; neither file passes for the other', async () => {
    const dir = await dataDir();
    const kdf = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
    const procuratorPassphrase = 'ключ прокуратуры, свой собственный';
    await expect(readSealingPublic(dir, 'procurator')).rejects.toThrow(
      `run habeas sealing init --for procurator --data ${dir}`,
    );
    const authority = await initSealing(dir, PASSPHRASE, { kdf });
    const procurator = await initSealing(dir, procuratorPassphrase, { kdf, recipient: 'procurator' });
    expect(procurator.path).toBe(join(dir, 'procurator-sealing.json'));
    expect(procurator.publicKey).not.toBe(authority.publicKey);
    expect((await stat(procurator.path)).mode & 0o777).toBe(0o600);
    expect((await readSealingPublic(dir, 'procurator')).publicKey).toBe(procurator.publicKey);
    // Each passphrase unlocks its own institution's key only.
    await expect(unlockSealing(dir, PASSPHRASE, 'procurator')).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(unlockSealing(dir, procuratorPassphrase)).rejects.toBeInstanceOf(WrongPassphraseError);
    const key = await unlockSealing(dir, procuratorPassphrase, 'procurator');
    const sealed = await sealTo(key.publicKey, utf8('избили'));
    expect(new TextDecoder().decode(await key.open(sealed))).toBe('избили');
    // One institution's file put in place of the other's is refused, not taken for it.
    const procuratorFile = await readFile(procurator.path, 'utf8');
    const authorityFile = await readFile(authority.path, 'utf8');
    await writeFile(authority.path, procuratorFile);
    await expect(readSealingPublic(dir)).rejects.toThrow(/another institution's key/);
    await writeFile(authority.path, authorityFile);
    await writeFile(procurator.path, authorityFile);
    await expect(readSealingPublic(dir, 'procurator')).rejects.toThrow(/another institution's key/);
    await expect(initSealing(dir, procuratorPassphrase, { kdf, recipient: 'procurator' })).rejects.toThrow(
      /already has a sealing key of the procurator's office/,
    );
  });

  test('a tampered sealing.json does not unlock', async () => {
    const dir = await dataDir();
    await initSealing(dir, PASSPHRASE);
    const original = await readSealingJson(dir);
    const flipB64 = (b64: string, index: number) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[index] = (bytes[index] as number) ^ 0x01;
      return bytes.toString('base64');
    };
    const otherPublic = Buffer.from((await generateSealingKeyPair()).publicKey).toString('base64');
    const tampered: Record<string, { file: SealingFile; expected: RegExp }> = {
      'a bit of the wrapped ciphertext': {
        file: {
          ...original,
          wrapped: { ...original.wrapped, ciphertext: flipB64(original.wrapped.ciphertext, 3) },
        },
        expected: /wrong passphrase .*altered/,
      },
      'a bit of the tag': {
        file: {
          ...original,
          wrapped: { ...original.wrapped, ciphertext: flipB64(original.wrapped.ciphertext, 40) },
        },
        expected: /wrong passphrase/,
      },
      'the nonce': {
        file: { ...original, wrapped: { ...original.wrapped, nonce: flipB64(original.wrapped.nonce, 0) } },
        expected: /wrong passphrase/,
      },
      'the salt': {
        file: { ...original, wrapped: { ...original.wrapped, salt: flipB64(original.wrapped.salt, 0) } },
        expected: /wrong passphrase/,
      },
      'the argon2id passes': {
        file: { ...original, wrapped: { ...original.wrapped, iterations: original.wrapped.iterations + 1 } },
        expected: /wrong passphrase/,
      },
      'the public key (the AAD of the wrap)': {
        file: { ...original, publicKey: otherPublic },
        expected: /wrong passphrase/,
      },
      'argon2id weakened below the floor': {
        file: { ...original, wrapped: { ...original.wrapped, memoryKiB: 1024 } },
        expected: /memoryKiB must be/,
      },
      'a truncated ciphertext': {
        file: {
          ...original,
          wrapped: {
            ...original.wrapped,
            ciphertext: Buffer.from(original.wrapped.ciphertext, 'base64').subarray(0, 40).toString('base64'),
          },
        },
        expected: /"wrapped.ciphertext" must be 48 bytes/,
      },
      'another suite': {
        file: { ...original, suite: { kem: 32, kdf: 1, aead: 1 } },
        expected: /"suite" must be/,
      },
    };
    for (const [what, { file, expected }] of Object.entries(tampered)) {
      await writeSealingJson(dir, file);
      await expect(unlockSealing(dir, PASSPHRASE), what).rejects.toThrow(expected);
    }
    await writeFile(join(dir, 'sealing.json'), '{"format": "habeas-sealing/1",');
    await expect(unlockSealing(dir, PASSPHRASE)).rejects.toThrow(/not JSON/);
    await writeSealingJson(dir, original);
    expect(await unlockSealing(dir, PASSPHRASE)).toBeInstanceOf(SealingKey);
  });

  test('rekey changes the passphrase: the new one unlocks the same key pair, the old one stops working', async () => {
    const dir = await dataDir();
    const { publicKey } = await initSealing(dir, PASSPHRASE);
    const before = await readSealingJson(dir);
    const sealed = await sealTo(Buffer.from(publicKey, 'base64'), utf8('запечатано до смены пароля'));
    const newPassphrase = 'новая парольная фраза 2025';

    await expect(rewrapSealing(dir, 'not the passphrase', newPassphrase)).rejects.toThrow(
      WrongPassphraseError,
    );
    await expect(rewrapSealing(dir, PASSPHRASE, 'too short')).rejects.toThrow(PassphraseTooShortError);
    expect(await readSealingJson(dir)).toEqual(before); // refused changes leave the file as it was

    expect(await rewrapSealing(dir, PASSPHRASE, newPassphrase)).toEqual({
      publicKey,
      path: join(dir, 'sealing.json'),
    });
    const after = await readSealingJson(dir);
    expect(after.publicKey).toBe(publicKey);
    expect(after.createdAt).toBe(before.createdAt);
    expect(after.wrapped.salt).not.toBe(before.wrapped.salt);
    expect(after.wrapped.nonce).not.toBe(before.wrapped.nonce);
    expect((await stat(join(dir, 'sealing.json'))).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).filter((name) => name.includes('sealing'))).toEqual(['sealing.json']);

    await expect(unlockSealing(dir, PASSPHRASE)).rejects.toThrow(WrongPassphraseError);
    const key = await unlockSealing(dir, newPassphrase);
    expect(Buffer.from(await key.open(sealed)).toString('utf8')).toBe('запечатано до смены пароля');
    // The same private key, wrapped afresh.
    expect(
      (await independentUnwrap(after, newPassphrase)).equals(await independentUnwrap(before, PASSPHRASE)),
    ).toBe(true);
  });

  test('an unlocked SealingKey shows no key bytes: JSON.stringify, util.inspect and String are redacted', async () => {
    const dir = await dataDir();
    const { publicKey } = await initSealing(dir, PASSPHRASE);
    const raw = await independentUnwrap(await readSealingJson(dir), PASSPHRASE);
    const key = await unlockSealing(dir, PASSPHRASE);
    const shown = [
      JSON.stringify(key),
      JSON.stringify({ session: { key } }),
      inspect(key),
      inspect(key, { showHidden: true, depth: 10, getters: true }),
      inspect({ nested: [key] }, { depth: 10 }),
      String(key),
      `${key}`,
    ];
    for (const text of shown) {
      for (const form of leakForms(raw)) expect(text).not.toContain(form);
      expect(text).toContain(publicKey);
    }
    expect(JSON.parse(JSON.stringify(key))).toEqual({
      type: 'SealingKey',
      publicKey,
      createdAt: expect.any(String) as string,
      privateKey: '[redacted]',
    });
    expect(inspect(key)).toContain('[redacted]');
    expect(Object.keys(key)).toEqual([]);

    const sealed = await sealTo(key.publicKey, utf8('x'));
    key.lock();
    expect(key.locked).toBe(true);
    await expect(key.open(sealed)).rejects.toThrow(/locked/);
  });
});
