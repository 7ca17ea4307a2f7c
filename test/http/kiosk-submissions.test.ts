import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPerson } from '../../src/app/registry.js';
import { MAX_MEDIA_PER_COMPLAINT } from '../../src/domain/complaints/decide.js';
import { initSealing } from '../../src/sealing/keystore.js';
import { fromBase64, sealedToWire, sealTo } from '../../src/sealing/seal.js';
import { ENGINES } from '../support/engines.js';
import { problemOf, startHarness, type Harness } from './harness.js';

/*
 * What a kiosk may send (issue 17 items 10 and 11): a rejected recording leaves nothing on disk
 * (it was written before it was checked, 5 × 3 MiB rejected uploads left 15 MiB), and a kiosk names
 * as complainant only someone on its own facility's roll, never anyone else in the country.
 */

const PASSPHRASE = 'the complaints authority passphrase';
const MIB = 1024 * 1024;
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function multipart(parts: ({ name: string; value: string } | { name: string; file: Uint8Array })[]) {
  const boundary = `habeas-${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const head =
      'value' in part
        ? `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="m.bin"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n';
    chunks.push(
      Buffer.from(head),
      Buffer.from('value' in part ? part.value : part.file),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

for (const engine of ENGINES) {
  describe(`kiosk submissions (${engine})`, () => {
    let h: Harness;
    let publicKey: Uint8Array;
    let elsewhere: string;

    beforeAll(async () => {
      h = await startHarness(engine);
      const key = await initSealing(h.dataDir, PASSPHRASE, {
        kdf: { memoryKiB: 19_456, iterations: 2, parallelism: 1 },
      });
      publicKey = fromBase64(key.publicKey);
      elsewhere = (
        await createPerson(
          h.store,
          {
            familyName: 'Жумабаева',
            givenNames: 'Сауле',
            birthDate: '1979-02-11',
            sex: 'female',
            facilityId: h.facilities.almatyWomen,
          },
          'test',
        )
      ).id;
    });
    afterAll(async () => h?.close());

    const sealed = async (text: string) =>
      sealedToWire(
        await sealTo(
          publicKey,
          new TextEncoder().encode(
            JSON.stringify({ v: 1, text, language: 'ru', writtenAt: new Date().toISOString(), media: [] }),
          ),
        ),
      );

    const submit = async (extra: Record<string, unknown> = {}) =>
      h.app.inject({
        method: 'POST',
        url: '/api/v1/complaints',
        headers: h.bearer('kiosk'),
        payload: {
          facilityId: h.facilities.astana,
          category: 'conditions',
          sealed: await sealed('Жалоба'),
          pin: '2468',
          ...extra,
        },
      });

    const upload = (reference: string, parts: Parameters<typeof multipart>[0]) => {
      const body = multipart(parts);
      return h.app.inject({
        method: 'POST',
        url: `/api/v1/complaints/${reference}/media`,
        headers: { ...h.bearer('kiosk'), 'content-type': body.contentType },
        payload: body.payload,
      });
    };

    /** Every file under DATA/blobs, staged ones included. */
    const blobFiles = async () => {
      try {
        return (await readdir(join(h.dataDir, 'blobs'))).sort();
      } catch {
        return [];
      }
    };

    test('rejected recordings leave the blob directory as it was', async () => {
      const created = await submit();
      expect(created.statusCode, created.body).toBe(201);
      const { reference } = created.json() as { reference: string };
      const before = await blobFiles();
      // Five uploads of 3 MiB each, every one refused for its malformed key: nothing stays on disk.
      for (let i = 0; i < 5; i++) {
        const refused = await upload(reference, [
          { name: 'enc', value: 'not a key' },
          { name: 'file', file: randomBytes(3 * MIB) },
        ]);
        expect(refused.statusCode).toBe(422);
        expect(problemOf(refused).issues?.[0]?.field).toBe('body.enc');
      }
      // A file too short to hold its tag, and a file without its key.
      expect((await upload(reference, [{ name: 'file', file: randomBytes(3 * MIB) }])).statusCode).toBe(422);
      const good = await sealTo(publicKey, randomBytes(1000));
      expect(
        (
          await upload(reference, [
            { name: 'enc', value: b64(good.enc) },
            { name: 'file', file: new Uint8Array(3) },
          ])
        ).statusCode,
      ).toBe(422);
      expect(await blobFiles()).toEqual(before);
    });

    test('a recording the complaint has no room for is refused and not kept', async () => {
      const created = await submit();
      const { reference } = created.json() as { reference: string };
      const kept: string[] = [];
      for (let i = 0; i < MAX_MEDIA_PER_COMPLAINT; i++) {
        const media = await sealTo(publicKey, randomBytes(2000));
        const added = await upload(reference, [
          { name: 'enc', value: b64(media.enc) },
          { name: 'file', file: media.ciphertext },
        ]);
        expect(added.statusCode, added.body).toBe(201);
        kept.push((added.json() as { sha256: string }).sha256);
      }
      const before = await blobFiles();
      expect(before).toEqual(expect.arrayContaining(kept));
      const oneTooMany = await sealTo(publicKey, randomBytes(3 * MIB));
      const refused = await upload(reference, [
        { name: 'enc', value: b64(oneTooMany.enc) },
        { name: 'file', file: oneTooMany.ciphertext },
      ]);
      expect(refused.statusCode).toBe(422);
      expect(problemOf(refused).detail).toMatch(/at most/);
      expect(await blobFiles()).toEqual(before);
    });

    test("a kiosk names as complainant only someone on its facility's roll", async () => {
      // Someone registered at the terminal's own facility: accepted.
      expect((await submit({ complainant: { personId: h.personId } })).statusCode).toBe(201);
      // Anonymous: accepted.
      expect((await submit()).statusCode).toBe(201);
      // Someone held in another region, and an id that names nobody: refused alike, with what to do.
      const other = await submit({ complainant: { personId: elsewhere } });
      const unknown = await submit({ complainant: { personId: 'NOSUCHPERSON0000000000000A' } });
      for (const refused of [other, unknown]) {
        expect(refused.statusCode).toBe(422);
        const problem = problemOf(refused);
        expect(problem.detail).toMatch(/on this facility’s roll/);
        expect(problem.detail).toMatch(/anonymously/);
      }
      expect(problemOf(other).detail).toBe(problemOf(unknown).detail);
      expect(problemOf(other).detail).not.toContain(elsewhere);
    });
  });
}
