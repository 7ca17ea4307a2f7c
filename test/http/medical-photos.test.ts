import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROLES } from '../../src/access/principal.js';
import { auditStream } from '../../src/access/read-audit.js';
import { createToken } from '../../src/app/accounts.js';
import { MAX_MEDICAL_PHOTO_BYTES } from '../../src/app/medical-photos.js';
import { createPerson } from '../../src/app/registry.js';
import { medicalStream } from '../../src/domain/medical/events.js';
import { BLOB_DIR } from '../../src/store/blobs.js';
import { ENGINES } from '../support/engines.js';
import { problemOf, startHarness, type Harness } from './harness.js';

/*
 * Photographs of injuries (issue 19 items 3 and 7) through the real HTTP server on both engines:
 * hashed at capture (the SHA-256 a report's finding names), sealed at rest so that the database and
 * the blobs hold only ciphertext, served to the record's health officials alone (kz.medical.system)
 * with their type checked and never cached, and named by a report only when they are in that
 * person's record (intl.medical.report).
 */

const START = Date.parse('2026-03-10T06:00:00.000Z');
const KDF = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
const BOUNDARY = 'habeas-medical-photo';

/** A JPEG's first bytes, then a text no ciphertext would hold by chance, then noise. */
function jpeg(marker: string): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]),
    Buffer.from(marker, 'utf8'),
    randomBytes(4_000),
    Buffer.from([0xff, 0xd9]),
  ]);
}
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(500)]);
const GIF = Buffer.concat([Buffer.from('GIF89a', 'ascii'), randomBytes(500)]);

function multipart(bytes: Buffer, type: string, name = 'file') {
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="injury"\r\n` +
          `Content-Type: ${type}\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    ]),
  };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

for (const engine of ENGINES) {
  describe(`medical photographs (${engine})`, () => {
    let h: Harness;
    const now = START;
    let personId: string;
    let otherPersonId: string;
    let examinationId: string;
    let otherExaminationId: string;
    let otherFacilityDoctor: string;
    const iso = (ms: number = now) => new Date(ms).toISOString();

    const upload = (personOf: string, bytes: Buffer, type: string, headers = h.bearer('medical')) => {
      const body = multipart(bytes, type);
      return h.app.inject({
        method: 'POST',
        url: `/api/v1/medical/people/${personOf}/photos`,
        headers: { ...headers, ...body.headers },
        payload: body.payload,
      });
    };
    const view = (personOf: string, hash: string, headers: Record<string, string>, query = '') =>
      h.app.inject({
        method: 'GET',
        url: `/api/v1/medical/people/${personOf}/photos/${hash}${query}`,
        headers,
      });

    async function arrestAndExamine(person: string): Promise<string> {
      const arrest = await h.app.inject({
        method: 'POST',
        url: '/api/v1/custody',
        headers: h.bearer('custody-officer'),
        payload: {
          personId: person,
          facilityId: h.facilities.astana,
          apprehendedAt: iso(now - 2 * 3_600_000),
          place: 'ул. Кенесары 40, Астана',
          grounds: 'ст. 188 УК РК, кража',
          arrestingOfficer: 'ст. лейтенант Ахметов Б.',
        },
      });
      expect(arrest.statusCode, arrest.body).toBe(201);
      const examined = await h.app.inject({
        method: 'POST',
        url: `/api/v1/medical/people/${person}/examinations`,
        headers: h.bearer('medical'),
        payload: {
          examination: 'on-arrest',
          episode: { context: 'custody', id: arrest.json<{ id: string }>().id },
          at: iso(now - 3_600_000),
          place: 'ИВС г. Астаны, медицинский кабинет',
          injuriesNoted: true,
        },
      });
      expect(examined.statusCode, examined.body).toBe(201);
      return examined.json<{ examinationId: string }>().examinationId;
    }

    function report(examination: string, photographs: unknown[]) {
      return {
        examinationId: examination,
        consent: { examination: 'given', photographs: 'given', sharingWithProcurator: 'refused' },
        circumstances: { description: 'Осмотр в медицинском кабинете ИВС, без конвоя.' },
        account: { text: 'Ударили по руке.', language: 'ru', attributedTo: 'other' },
        physicalFindings: [
          {
            type: 'bruise',
            site: { view: 'front', region: 'forearm-left' },
            size: { lengthMm: 40, widthMm: 20 },
            shape: 'oval',
            colour: 'blue',
            estimatedAge: '1–2 days',
            photographs,
            consistency: 'consistent',
          },
        ],
        psychologicalFindings: { text: 'Спокоен.' },
        opinion: { overall: 'consistent' },
        treatment: {},
      };
    }

    beforeAll(async () => {
      h = await startHarness(engine, { clock: () => new Date(now), clinicianKdf: KDF });
      personId = h.personId;
      otherPersonId = (
        await createPerson(
          h.store,
          {
            familyName: 'Жумабаев',
            givenNames: 'Нурлан',
            birthDate: '1990-02-03',
            sex: 'male',
            facilityId: h.facilities.astana,
          },
          'test',
        )
      ).id;
      examinationId = await arrestAndExamine(personId);
      otherExaminationId = await arrestAndExamine(otherPersonId);
      otherFacilityDoctor = (
        await createToken(
          h.store,
          { role: 'medical', name: 'Д-р колонии', facilities: [h.facilities.almatyWomen], regions: [] },
          'test',
        )
      ).token;
      const key = await h.app.inject({
        method: 'POST',
        url: '/api/v1/medical/key',
        headers: h.bearer('medical'),
        payload: { passphrase: 'ключ врача ИВС для фотографий' },
      });
      expect(key.statusCode, key.body).toBe(201);
    });
    afterAll(async () => h?.close());

    test('intl.medical.report: a photograph is hashed at capture — its sha256 is the SHA-256 of the bytes sent', async () => {
      const photo = jpeg('HASHED-AT-CAPTURE');
      const response = await upload(personId, photo, 'image/jpeg');
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({
        sha256: sha256(photo),
        mediaType: 'image/jpeg',
        size: photo.length,
        uploadedAt: iso(),
      });
      // The same photograph sent again is the same one.
      const again = await upload(personId, photo, 'image/jpeg');
      expect(again.statusCode).toBe(201);
      expect(again.json<{ sha256: string }>().sha256).toBe(sha256(photo));
    });

    test('kz.medical.system: sealed at rest — neither the blobs nor the database row hold the photograph', async () => {
      const marker = `INJURY-PHOTO-${randomBytes(8).toString('hex')}`;
      const photo = jpeg(marker);
      const response = await upload(personId, photo, 'image/jpeg');
      expect(response.statusCode, response.body).toBe(201);
      const row = await h.store.db
        .selectFrom('medical_photos')
        .selectAll()
        .where('sha256', '=', sha256(photo))
        .executeTakeFirstOrThrow();
      // The blob is named by the hash of what is stored, which is not the photograph.
      expect(row.blob_sha256).not.toBe(sha256(photo));
      const blob = await readFile(join(h.dataDir, BLOB_DIR, row.blob_sha256));
      expect(blob.length).toBe(photo.length + 16);
      expect(blob.equals(photo)).toBe(false);
      expect(blob.includes(Buffer.from(marker))).toBe(false);
      expect(blob.includes(photo.subarray(0, 64))).toBe(false);
      // No file under DATA/blobs/ holds the photograph's bytes or its text.
      for (const name of await readdir(join(h.dataDir, BLOB_DIR))) {
        const bytes = await readFile(join(h.dataDir, BLOB_DIR, name));
        expect(bytes.includes(Buffer.from(marker)), name).toBe(false);
      }
      expect(JSON.stringify(row)).not.toContain(marker);
      expect(row).toMatchObject({ media_type: 'image/jpeg', size: photo.length });
    });

    test('kz.medical.system: the record’s health official gets the very bytes, typed, never cached, and the viewing is a read with its purpose', async () => {
      const photo = jpeg('SERVED-BACK');
      expect((await upload(personId, photo, 'image/jpeg')).statusCode).toBe(201);
      const record = await h.store.db
        .selectFrom('medical_records')
        .select('id')
        .where('person_id', '=', personId)
        .executeTakeFirstOrThrow();
      const before = (await h.store.readStream(auditStream(medicalStream(record.id)))).length;
      const response = await view(personId, sha256(photo), h.bearer('medical'), '?purpose=injury%20report');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('image/jpeg');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.rawPayload.equals(photo)).toBe(true);
      expect(sha256(response.rawPayload)).toBe(sha256(photo));
      const reads = await h.store.readStream(auditStream(medicalStream(record.id)));
      expect(reads.length).toBe(before + 1);
      expect(reads.at(-1)?.payload).toMatchObject({ purpose: 'injury report', purposeStated: true });
      // A PNG is served as a PNG.
      expect((await upload(personId, PNG, 'image/png')).statusCode).toBe(201);
      const png = await view(personId, sha256(PNG), h.bearer('medical'));
      expect(png.headers['content-type']).toBe('image/png');
    });

    test('kz.medical.system: every other role is refused the photograph (403), upload and viewing alike', async () => {
      const photo = jpeg('NOT-FOR-OTHERS');
      expect((await upload(personId, photo, 'image/jpeg')).statusCode).toBe(201);
      const others = ROLES.filter((role) => role !== 'medical');
      expect(others.length).toBe(ROLES.length - 1);
      for (const role of others) {
        const seen = await view(personId, sha256(photo), h.bearer(role));
        expect(seen.statusCode, role).toBe(403);
        expect(problemOf(seen).rule, role).toBe('kz.medical.system');
        expect(seen.rawPayload.includes(photo.subarray(0, 64)), role).toBe(false);
        const sent = await upload(personId, jpeg(`FROM-${role}`), 'image/jpeg', h.bearer(role));
        expect(sent.statusCode, role).toBe(403);
        expect(problemOf(sent).rule, role).toBe('kz.medical.system');
      }
      // The public: not signed in.
      expect((await view(personId, sha256(photo), {})).statusCode).toBe(401);
      // A health official of a facility that never held or examined the person.
      const elsewhere = await view(personId, sha256(photo), {
        authorization: `Bearer ${otherFacilityDoctor}`,
      });
      expect(elsewhere.statusCode).toBe(403);
      expect(problemOf(elsewhere).rule).toBe('kz.medical.system');
      // Another person's record does not have it.
      expect((await view(otherPersonId, sha256(photo), h.bearer('medical'))).statusCode).toBe(404);
    });

    test('intl.medical.report: only JPEG, PNG or WebP whose bytes are what they say, at most 20 MiB', async () => {
      const refused = [
        await upload(personId, GIF, 'image/gif'),
        await upload(personId, Buffer.from('not a picture at all'), 'text/plain'),
        // A PNG sent as a JPEG, and a JPEG sent as an octet stream.
        await upload(personId, PNG, 'image/jpeg'),
        await upload(personId, jpeg('UNTYPED'), 'application/octet-stream'),
      ];
      for (const response of refused) {
        expect(response.statusCode, response.body).toBe(422);
        expect(problemOf(response).issues?.[0]?.field).toBe('body.file');
      }
      const huge = Buffer.concat([jpeg('HUGE'), Buffer.alloc(MAX_MEDICAL_PHOTO_BYTES)]);
      expect((await upload(personId, huge, 'image/jpeg')).statusCode).toBe(413);
      const json = await h.app.inject({
        method: 'POST',
        url: `/api/v1/medical/people/${personId}/photos`,
        headers: h.bearer('medical'),
        payload: { file: 'x' },
      });
      expect(json.statusCode).toBe(415);
      const count = await h.store.db
        .selectFrom('medical_photos')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('size', '>', MAX_MEDICAL_PHOTO_BYTES)
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(0);
    });

    test('intl.medical.report: a finding names only photographs uploaded to that person’s record (422 otherwise)', async () => {
      const own = jpeg('OWN-RECORD');
      const others = jpeg('OTHER-RECORD');
      expect((await upload(personId, own, 'image/jpeg')).statusCode).toBe(201);
      expect((await upload(otherPersonId, others, 'image/jpeg')).statusCode).toBe(201);
      const photographOf = (bytes: Buffer) => ({ sha256: sha256(bytes), withScale: true, takenAt: iso() });
      for (const photographs of [
        [photographOf(jpeg('NEVER-UPLOADED'))],
        [photographOf(own), photographOf(others)],
      ]) {
        const refused = await h.app.inject({
          method: 'POST',
          url: `/api/v1/medical/people/${personId}/reports`,
          headers: h.bearer('medical'),
          payload: report(examinationId, photographs),
        });
        expect(refused.statusCode, refused.body).toBe(422);
        const problem = problemOf(refused);
        expect(problem.rule).toBe('intl.medical.report');
        expect(problem.issues?.[0]?.field).toBe('body.physicalFindings.0.photographs');
      }
      const finished = await h.app.inject({
        method: 'POST',
        url: `/api/v1/medical/people/${personId}/reports`,
        headers: h.bearer('medical'),
        payload: report(examinationId, [photographOf(own)]),
      });
      expect(finished.statusCode, finished.body).toBe(201);
      // The same photograph cannot go into another person's record either.
      const moved = await upload(otherPersonId, own, 'image/jpeg');
      expect(moved.statusCode).toBe(409);
      expect(otherExaminationId).not.toBe(examinationId);
    });

    test('kz.medical.system: a photograph’s row moved to another person’s record does not open there', async () => {
      const photo = jpeg('MOVED-ROW');
      expect((await upload(personId, photo, 'image/jpeg')).statusCode).toBe(201);
      const other = await h.store.db
        .selectFrom('medical_records')
        .select('id')
        .where('person_id', '=', otherPersonId)
        .executeTakeFirstOrThrow();
      await h.store.db
        .updateTable('medical_photos')
        .set({ record_id: other.id })
        .where('sha256', '=', sha256(photo))
        .execute();
      const response = await view(otherPersonId, sha256(photo), h.bearer('medical'));
      expect(response.statusCode).toBe(422);
      expect(response.rawPayload.includes(photo.subarray(0, 64))).toBe(false);
    });
  });
}
