import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Purpose } from '../../app/audit.js';
import {
  changeSigningPassphrase,
  CLINICIAN_KEY_IDLE_MS,
  clinicianKeyStatus,
  createSigningKey,
  lockSigningKey,
  unlockSigningKey,
} from '../../app/clinician-keys.js';
import {
  amendReport,
  discloseReport,
  episodeExaminations,
  examinationSummaries,
  exportSignedReport,
  finishReport,
  readMedicalRecord,
  readMedicalReferral,
  recordExamination,
} from '../../app/medical.js';
import { requireAccess } from '../../app/access.js';
import { TooLargeError } from '../../app/errors.js';
import {
  MAX_MEDICAL_PHOTO_BYTES,
  MEDICAL_PHOTO_TYPES,
  openMedicalPhoto,
  uploadMedicalPhoto,
} from '../../app/medical-photos.js';
import { normaliseReference } from '../../domain/complaints/reference.js';
import { EPISODE_CONTEXTS } from '../../domain/medical/events.js';
import {
  AmendmentInput,
  DisclosureInput,
  ExaminationInput,
  ReportInput,
} from '../../domain/medical/inputs.js';
import { opaqueId } from '../../domain/registry/text.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { PURPOSE_HEADER } from './people.js';
import { AUTHENTICATED } from './schemas.js';
import { holderOf } from './sealing.js';

export interface MedicalRoutesOptions {
  /** Passphrase tries per principal per window (POST /medical/key/unlock). */
  unlockRateLimit: { max: number; timeWindowMs: number };
}

const PersonParams = z.object({ personId: opaqueId });
const ReportParams = z.object({ personId: opaqueId, reportId: opaqueId });
const PurposeHeaders = z.looseObject({ [PURPOSE_HEADER]: Purpose.optional() });
const PurposeQuery = z.object({ purpose: Purpose.optional() });

const KeyStatus = z.object({
  hasKey: z.boolean(),
  keyId: z.string().nullable().describe('16 lowercase hex digits'),
  publicKey: z.string().nullable().describe('Raw 32-byte Ed25519 public key, standard base64'),
  registeredAt: z.string().nullable(),
  unlocked: z.boolean().describe('Unlocked for this session: finished reports are signed with it'),
});

const ExaminationSummary = z.object({
  examinationId: z.string(),
  kind: z.string(),
  episode: z.object({ context: z.string(), id: z.string() }),
  facilityId: z.string(),
  at: z.string(),
  clinicianName: z.string(),
  fitness: z.string().nullable(),
});

const ReportWritten = z.object({
  reportId: z.string(),
  version: z.int(),
  digest: z.string().describe('`sha256:` digest of the signed report, as the log holds it'),
  referred: z
    .boolean()
    .describe('This version opened an allegation for the procurator (kz.torture.referral)'),
  reference: z.string().nullable().describe('The allegation’s reference in the procurator’s list'),
  seq: z.int(),
});

const SignedReportExport = z
  .object({
    format: z.literal('habeas-medical-report-export/1'),
    signed: z
      .object({
        format: z.literal('habeas-medical-report/1'),
        version: z.int(),
        previous: z.string().nullable(),
        report: z.looseObject({}),
        digest: z.string(),
        signer: z.object({ keyId: z.string(), publicKey: z.string() }),
        signature: z.string(),
      })
      .describe('The signed report: what `habeas medical verify` checks'),
    log: z
      .object({
        seq: z.int(),
        stream: z.string(),
        salt: z.string().describe('Hex salt of the entry’s payload'),
      })
      .describe('Where the report’s entry lies in the log, to check it against a bundle (`--bundle`)'),
  })
  .describe('A signed report with its place in the log');

const purposeOf = (request: { headers: Record<string, unknown>; query: { purpose?: string | undefined } }) =>
  (request.headers[PURPOSE_HEADER] as string | undefined) ?? request.query.purpose;

const PhotoParams = z.object({
  personId: opaqueId,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { message: 'the lowercase hex SHA-256 of the photograph' }),
});

const PhotoStored = z.object({
  sha256: z.string().describe('Lowercase hex SHA-256 of the photograph’s bytes: what a finding names'),
  mediaType: z.enum(MEDICAL_PHOTO_TYPES),
  size: z.int(),
  uploadedAt: z.string(),
});

/** The file part's bytes, with multipart's own 413 as ours. */
async function* photoBytes(stream: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  try {
    yield* stream;
  } catch (error) {
    if ((error as { statusCode?: unknown }).statusCode === 413)
      throw new TooLargeError(
        `the photograph is larger than ${MAX_MEDICAL_PHOTO_BYTES / 1024 / 1024} MiB: send a smaller one`,
      );
    throw error;
  }
}

/**
 * Photographs of injuries (intl.medical.report), hashed at capture and sealed at rest
 * (src/app/medical-photos.ts): the medical role of the record alone uploads and views them
 * (kz.medical.system). Multipart is accepted on these routes only (an encapsulated plugin).
 */
const photoRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.habeas;
  await app.register(multipart, {
    // One byte more than allowed reaches the service, which refuses it before keeping anything.
    limits: { fileSize: MAX_MEDICAL_PHOTO_BYTES + 1, files: 1, fields: 2, fieldSize: 1024, parts: 3 },
  });

  app.post(
    '/medical/people/:personId/photos',
    {
      schema: {
        tags: ['medical'],
        summary: 'Upload a photograph of an injury to a person’s record, hashed and sealed at rest (medical)',
        description:
          `multipart/form-data with the file \`file\`: a JPEG, PNG or WebP photograph (its declared type must ` +
          `be what its bytes are), at most ${MAX_MEDICAL_PHOTO_BYTES / 1024 / 1024} MiB (413 above). The answer's ` +
          '`sha256` (of the bytes as sent) is what a finding of the report names in `photographs`, with `withScale` ' +
          'and `takenAt`; a report naming a photograph not uploaded to this record is refused (422, ' +
          'intl.medical.report). Stored sealed (AES-256-GCM under a key of the data directory, not the ' +
          'database): an operator reading the database or the blobs sees only ciphertext. The person needs a ' +
          'medical record (an examination) first; the same photograph sent again is the same one.',
        consumes: ['multipart/form-data'],
        security: AUTHENTICATED,
        params: PersonParams,
        response: { 201: PhotoStored, ...problemResponses },
      },
    },
    async (request, reply) => {
      // Who may, before what is sent: a 403 is a 403 whatever the body.
      requireAccess(request.principal, 'medical.write');
      if (!request.isMultipart())
        throw new HttpProblem(415, 'send the photograph as multipart/form-data with the part file');
      const file = await request.file();
      if (!file || file.fieldname !== 'file')
        throw new HttpProblem(422, 'send the photograph as the part named file', {
          issues: [{ field: 'body.file', message: 'the photograph, as the part named file' }],
        });
      const stored = await uploadMedicalPhoto(
        services,
        request.principal,
        request.params.personId,
        { mediaType: file.mimetype, stream: photoBytes(file.file) },
        services.clock(),
      );
      return reply.code(201).send(stored);
    },
  );

  app.get(
    '/medical/people/:personId/photos/:sha256',
    {
      schema: {
        tags: ['medical'],
        summary: 'A photograph of a person’s record, opened for its health officials (medical)',
        description:
          'The photograph’s own bytes and type (JPEG, PNG or WebP), checked against its SHA-256; never cached ' +
          '(`Cache-Control: no-store`). Health officials of the record only (kz.medical.system: 403 for every ' +
          'other role); every viewing is recorded as a read of the record with its purpose ' +
          '(`X-Habeas-Purpose` or `?purpose=`).',
        security: AUTHENTICATED,
        params: PhotoParams,
        headers: PurposeHeaders,
        querystring: PurposeQuery,
        produces: [...MEDICAL_PHOTO_TYPES],
        response: { 200: z.unknown().describe('The photograph'), ...problemResponses },
      },
    },
    async (request, reply) => {
      const photo = await openMedicalPhoto(
        services,
        request.principal,
        request.params.personId,
        request.params.sha256,
        purposeOf(request),
      );
      const extension = photo.mediaType.slice('image/'.length).replace('jpeg', 'jpg');
      return reply
        .type(photo.mediaType)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `inline; filename="${request.params.sha256}.${extension}"`)
        .send(photo.bytes);
    },
  );
};

/*
 * Medical documentation (issue 19): health officials' records (kz.medical.system), Istanbul
 * Protocol reports signed with each clinician's own key (intl.medical.report), disclosures with
 * their legal basis (intl.medical.disclosure), referrals to the procurator (kz.torture.referral).
 * Clinical content is the `medical` role's alone; everyone else gets 403 on it.
 */
export const medicalRoutes: FastifyPluginAsyncZod<MedicalRoutesOptions> = async (app, options) => {
  const services = app.habeas;
  const now = () => services.clock();
  await app.register(photoRoutes);

  // --- The clinician's own signing key ------------------------------------------------------------

  app.get(
    '/medical/key',
    {
      schema: {
        tags: ['medical'],
        summary: 'Your signing key: whether you have one, its public half, whether it is unlocked (medical)',
        security: AUTHENTICATED,
        response: { 200: KeyStatus, ...problemResponses },
      },
    },
    async (request) => clinicianKeyStatus(services, request.principal, holderOf(request)),
  );

  app.post(
    '/medical/key',
    {
      config: {
        rateLimit: { max: options.unlockRateLimit.max, timeWindow: options.unlockRateLimit.timeWindowMs },
      },
      schema: {
        tags: ['medical'],
        summary: 'Create your Ed25519 signing key under a passphrase only you know (medical)',
        description:
          'Done once, when you set up your account. The private key is stored wrapped under your passphrase ' +
          '(argon2id, AES-256-GCM): no administrator can read or use it. Its public half is registered in the ' +
          'log, so anyone can check the reports you sign. The key is left unlocked for this session. 409 when ' +
          'you already have one.',
        security: AUTHENTICATED,
        body: z.strictObject({ passphrase: z.string().min(1).max(1024) }),
        response: { 201: KeyStatus, ...problemResponses },
      },
    },
    async (request, reply) => {
      const status = await createSigningKey(
        services,
        request.principal,
        holderOf(request),
        request.body.passphrase,
        now(),
      );
      return reply.code(201).send(status);
    },
  );

  app.post(
    '/medical/key/unlock',
    {
      config: {
        rateLimit: { max: options.unlockRateLimit.max, timeWindow: options.unlockRateLimit.timeWindowMs },
      },
      schema: {
        tags: ['medical'],
        summary: 'Unlock your signing key for this session (medical)',
        description: `Reports you finish are signed with it until you lock it or leave it unused for ${CLINICIAN_KEY_IDLE_MS / 60_000} minutes. A wrong passphrase is 403.`,
        security: AUTHENTICATED,
        body: z.strictObject({ passphrase: z.string().min(1).max(1024) }),
        response: { 200: KeyStatus, ...problemResponses },
      },
    },
    async (request) =>
      unlockSigningKey(services, request.principal, holderOf(request), request.body.passphrase),
  );

  app.post(
    '/medical/key/lock',
    {
      schema: {
        tags: ['medical'],
        summary: 'Lock your signing key again (medical)',
        security: AUTHENTICATED,
        response: { 204: z.null().describe('Locked'), ...problemResponses },
      },
    },
    async (request, reply) => {
      requireAccess(request.principal, 'medical.key');
      lockSigningKey(services, holderOf(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/medical/key/passphrase',
    {
      config: {
        rateLimit: { max: options.unlockRateLimit.max, timeWindow: options.unlockRateLimit.timeWindowMs },
      },
      schema: {
        tags: ['medical'],
        summary: 'Change the passphrase of your signing key (medical)',
        security: AUTHENTICATED,
        body: z.strictObject({
          passphrase: z.string().min(1).max(1024),
          newPassphrase: z.string().min(1).max(1024),
        }),
        response: { 204: z.null().describe('Changed'), ...problemResponses },
      },
    },
    async (request, reply) => {
      await changeSigningPassphrase(
        services,
        request.principal,
        request.body.passphrase,
        request.body.newPassphrase,
      );
      return reply.code(204).send(null);
    },
  );

  // --- A person's medical record ------------------------------------------------------------------

  app.get(
    '/medical/people/:personId',
    {
      schema: {
        tags: ['medical'],
        summary: 'A person’s medical record with its clinical content (medical)',
        description:
          'Examinations, reports with every version and its signature, referrals and disclosures. Health ' +
          'officials of the facilities that hold or held the person, or examined them, only (kz.medical.system); ' +
          'every read is recorded with its purpose (`X-Habeas-Purpose` or `?purpose=`).',
        security: AUTHENTICATED,
        params: PersonParams,
        headers: PurposeHeaders,
        querystring: PurposeQuery,
        response: { 200: z.looseObject({ personId: z.string() }), ...problemResponses },
      },
    },
    async (request) =>
      readMedicalRecord(services, request.principal, request.params.personId, purposeOf(request)),
  );

  app.get(
    '/medical/people/:personId/examinations',
    {
      schema: {
        tags: ['medical'],
        summary: 'That examinations took place: when, where, by whom, fit or unfit — no clinical content',
        description:
          'What custody and prison staff, governors and oversight see of a person’s medical record (issue 19 item 1).',
        security: AUTHENTICATED,
        params: PersonParams,
        response: { 200: z.object({ items: z.array(ExaminationSummary) }), ...problemResponses },
      },
    },
    async (request) => ({
      items: await examinationSummaries(services, request.principal, request.params.personId),
    }),
  );

  app.get(
    '/medical/episodes/:context/:id/examinations',
    {
      schema: {
        tags: ['medical'],
        summary: 'The examinations of a custody episode or prison stay — no clinical content',
        security: AUTHENTICATED,
        params: z.object({ context: z.enum(EPISODE_CONTEXTS), id: opaqueId }),
        response: { 200: z.object({ items: z.array(ExaminationSummary) }), ...problemResponses },
      },
    },
    async (request) => ({
      items: await episodeExaminations(services, request.principal, {
        context: request.params.context,
        id: request.params.id,
      }),
    }),
  );

  app.post(
    '/medical/people/:personId/examinations',
    {
      schema: {
        tags: ['medical'],
        summary: 'Record an examination, linked to the custody episode or prison stay (medical)',
        description:
          'On arrest, on admission, on return from police custody, before separation (fitness), the daily ' +
          'health visit during separation, on request, after use of force, at release. Police or prison staff ' +
          'in the room only with `staffPresenceReason`.',
        security: AUTHENTICATED,
        params: PersonParams,
        body: ExaminationInput,
        response: {
          201: z.object({
            examinationId: z.string(),
            personId: z.string(),
            facilityId: z.string(),
            seq: z.int(),
            episodeFact: z
              .object({
                context: z.enum(EPISODE_CONTEXTS),
                id: z.string(),
                seq: z.int().nullable().describe('The entry in the episode’s stream'),
                problem: z
                  .string()
                  .nullable()
                  .describe('Why the fact could not be appended (the examination itself is recorded)'),
              })
              .nullable()
              .describe(
                'On arrest, on admission or return, before separation and the daily visit in separation: ' +
                  'that a doctor examined the person, appended to the custody episode or prison stay so that ' +
                  'its clocks are met (no clinical content)',
              ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const recorded = await recordExamination(
        services,
        request.principal,
        request.params.personId,
        request.body,
        now(),
      );
      if (recorded.episodeFact?.problem)
        request.log.warn(
          { examinationId: recorded.examinationId, episode: recorded.episodeFact },
          'examination recorded, but its fact was not appended to the episode',
        );
      return reply.code(201).send(recorded);
    },
  );

  app.post(
    '/medical/people/:personId/reports',
    {
      schema: {
        tags: ['medical'],
        summary: 'Finish an Istanbul Protocol report, signed with your key (medical)',
        description:
          'Every section is required (intl.medical.report: a missing one is a 422 naming the rule, the field ' +
          'and the section). The report is signed with your unlocked key (409 until unlocked) and its digest ' +
          'goes in the log. An opinion of “consistent” or stronger about injuries the person attributes to ' +
          'officials opens an allegation in the procurator’s list at once (kz.torture.referral). With ' +
          '`secondOpinionOf`: a second opinion on another clinician’s report (kz.medical.second-opinion).',
        security: AUTHENTICATED,
        params: PersonParams,
        body: ReportInput,
        response: { 201: ReportWritten, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await finishReport(
            services,
            request.principal,
            holderOf(request),
            request.params.personId,
            request.body,
            now(),
          ),
        ),
  );

  app.post(
    '/medical/people/:personId/reports/:reportId/amendments',
    {
      schema: {
        tags: ['medical'],
        summary: 'Amend your own report: a new signed version; every earlier version stays (medical)',
        security: AUTHENTICATED,
        params: ReportParams,
        body: AmendmentInput,
        response: { 201: ReportWritten, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await amendReport(
            services,
            request.principal,
            holderOf(request),
            request.params.personId,
            request.params.reportId,
            request.body,
            now(),
          ),
        ),
  );

  app.post(
    '/medical/people/:personId/reports/:reportId/disclosures',
    {
      schema: {
        tags: ['medical'],
        summary: 'Record a copy of a report given to the person, the procurator or another (medical)',
        description:
          'intl.medical.disclosure: the person’s own copy; the procurator with the person’s consent or a court ' +
          'order; anyone else with consent or a court order. Each disclosure is a ledger entry naming its basis.',
        security: AUTHENTICATED,
        params: ReportParams,
        body: DisclosureInput,
        response: { 201: z.object({ disclosureId: z.string(), seq: z.int() }), ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await discloseReport(
            services,
            request.principal,
            request.params.personId,
            request.params.reportId,
            request.body,
            now(),
          ),
        ),
  );

  app.get(
    '/medical/people/:personId/reports/:reportId/signed',
    {
      schema: {
        tags: ['medical'],
        summary: 'The signed report (habeas-medical-report/1), for `habeas medical verify` (medical)',
        description:
          'Checks offline with the clinician’s public key and any Ed25519 library; `log` names the entry and ' +
          'its salt, so the report can be checked against an exported bundle (`--bundle`). The read is recorded.',
        security: AUTHENTICATED,
        params: ReportParams,
        headers: PurposeHeaders,
        querystring: PurposeQuery.extend({ version: z.coerce.number().int().min(1).optional() }),
        response: { 200: SignedReportExport, ...problemResponses },
      },
    },
    async (request) =>
      exportSignedReport(
        services,
        request.principal,
        request.params.personId,
        request.params.reportId,
        request.query.version,
        purposeOf(request),
      ),
  );

  // --- The procurator's view of a referral ----------------------------------------------------------

  app.get(
    '/medical/referrals/:reference',
    {
      schema: {
        tags: ['medical'],
        summary: 'A medical referral of a torture allegation (procurator)',
        description:
          'That signs of ill-treatment were documented, when and by whom; the signed report itself once it ' +
          'was disclosed to the procurator with the person’s consent or a court order (intl.medical.disclosure).',
        security: AUTHENTICATED,
        params: z.object({ reference: z.string().min(12).max(40) }),
        headers: PurposeHeaders,
        querystring: PurposeQuery,
        response: {
          200: z.looseObject({
            reference: z.string(),
            source: z.literal('medical'),
            personId: z.string(),
            facilityId: z.string(),
            facilityName: z.string().nullable(),
            examinedAt: z.string(),
            referredAt: z.string(),
            clinicianName: z.string(),
            disclosed: z.boolean(),
            report: SignedReportExport.nullable(),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const reference = normaliseReference(request.params.reference);
      if (reference === null) throw new HttpProblem(404, 'there is no such medical referral');
      return readMedicalReferral(services, request.principal, reference, purposeOf(request));
    },
  );
};
