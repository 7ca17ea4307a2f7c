import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Purpose } from '../../app/audit.js';
import {
  answerComplaint,
  closeComplaint,
  decideProtectionRequest,
  listAllegations,
  listComplaints,
  listProtectionRequests,
  readComplaint,
  recordAllegationDecision,
  recordAllegationOutcome,
  recordReceivedComplaint,
  routeComplaint,
  submitComplaint,
} from '../../app/complaints.js';
import { addComplaintMedia, openComplaintMedia, type MediaPart } from '../../app/complaint-media.js';
import { complaintAnswers, complaintStatus } from '../../app/complaint-status.js';
import { listJudgeAllegations, readJudgeAllegation, recordJudgeOrder } from '../../app/judge-allegations.js';
import { requireAccess } from '../../app/access.js';
import { TooLargeError } from '../../app/errors.js';
import {
  ALLEGATION_DECISIONS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  CONCERNED_OFFICES,
  COURT_OUTCOMES,
  PROTECTION_KINDS,
  SENTENCE_KINDS,
} from '../../domain/complaints/events.js';
import {
  AllegationDecisionInput,
  AllegationOutcomeInput,
  AnswerInput,
  CloseInput,
  JudgeOrderInput,
  KioskComplaintInput,
  MAX_SEALED_MEDIA_BYTES,
  MAX_SEALED_TEXT_BYTES,
  ProtectionDecisionInput,
  ReceivedComplaintInput,
  RouteInput,
} from '../../domain/complaints/inputs.js';
import { CASE_STATUSES } from '../../domain/cases/status.js';
import { COMPLAINT_STATUSES } from '../../domain/complaints/state.js';
import { opaqueId } from '../../domain/registry/text.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { PURPOSE_HEADER } from './people.js';
import { AUTHENTICATED, ClockView, Cursor, FindingView, PageLimit, Time } from './schemas.js';
import { holderOf } from './sealing.js';

/*
 * The complaint channel's API (issue 4, DESIGN.md /complaints rows): kiosks submit sealed
 * complaints and check their status; the complaints authority records other channels, opens,
 * answers and closes; the procurator alone decides on torture allegations; the governor sees
 * requests for protection or transfer without the complaint. Nothing here reads a complaint
 * without the authority's key, and every opening is in the log.
 */

/** A sealed text complaint of 1 MiB is about 1.4 MB of base64 in JSON: the route allows that much. */
const COMPLAINT_BODY_LIMIT = Math.ceil((MAX_SEALED_TEXT_BYTES * 4) / 3) + 64 * 1024;

const Reference = z.string().min(1).max(40).describe('The receipt’s reference, e.g. 7KQ2-M9XD-4HTA');
const ReferenceParams = z.object({ reference: Reference });

const Status = z.enum(COMPLAINT_STATUSES);
/** Issue 20 item 7: the criminal case the allegation is in — its number and where it stands since when, nothing more. */
const CaseOfComplaint = z
  .object({
    number: z.string(),
    status: z.enum(CASE_STATUSES),
    since: z.string().describe('The day the allegation entered the case (YYYY-MM-DD)'),
  })
  .nullable()
  .describe('The criminal case the allegation is in; null when it is in none');
const Category = z.enum(COMPLAINT_CATEGORIES);

const PersonRef = z.object({ personId: z.string(), name: z.string() });

const Rerouted = z
  .object({
    from: Category.describe('The category it was filed under, which its submission keeps'),
    reason: z.string(),
    routedAt: Time,
  })
  .nullable()
  .describe(
    'Routed to the procurator by the complaints authority after submission (kz.torture.referral); null otherwise',
  );

const Concerns = z
  .object({
    office: z.enum(CONCERNED_OFFICES),
    region: z.string().describe('The office’s region (ISO 3166-2:KZ)'),
  })
  .describe('kz.allegation.conflict: whose own office the complaint is about');

const JudgeRouting = z.object({
  concerns: Concerns,
  routedAt: Time,
  rerouted: z
    .object({ from: Category, reason: z.string() })
    .nullable()
    .describe('Rerouted by the complaints authority after submission; null when routed at submission'),
});

const ComplaintSummary = z.object({
  reference: z.string(),
  facilityId: z.string(),
  facilityName: z.string(),
  category: Category,
  channel: z.enum(COMPLAINT_CHANNELS),
  status: Status,
  submittedAt: Time,
  complainant: PersonRef.nullable().describe('null: anonymous'),
  protectionRequested: z.boolean(),
  transferRequested: z.boolean(),
  answerDueAt: Time.nullable().describe('intl.complaint.answer; null for torture allegations'),
  clocks: z.array(ClockView),
  findings: z.array(FindingView),
  rerouted: Rerouted,
  sealedForProcurator: z
    .boolean()
    .describe('An allegation the procurator opens with the procurator’s office’s own key (issue 18 item 5)'),
  withJudge: JudgeRouting.nullable().describe(
    'kz.allegation.conflict: about a procurator’s or an investigator’s own office, so with the investigating judge and never the procurator; null otherwise',
  ),
});

const DecisionView = z.object({
  seq: z.number().int(),
  decision: z.enum(ALLEGATION_DECISIONS),
  caseNumber: z.string().nullable(),
  joinedWith: z.string().nullable(),
  reason: z.string().nullable(),
  decidedAt: Time,
  actorName: z.string().nullable(),
});

const ProtectionStatus = z.enum(['pending', 'granted', 'refused']);

const ComplaintView = ComplaintSummary.extend({
  recordedAt: Time,
  statusAt: Time,
  caseNumber: z.string().nullable(),
  content: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe('The opened plaintext, {"v":1,"text","language","writtenAt","media"}; null if it did not open'),
  contentError: z.string().nullable(),
  contentProblem: z
    .enum(['erased', 'no-procurator-copy', 'does-not-open', 'not-json'])
    .nullable()
    .describe(
      'Why the content is not shown, as a code; `no-procurator-copy`: sealed before the procurator’s office had a key',
    ),
  reroutedBy: z.string().nullable().describe('Who routed it to the procurator, when routed after submission'),
  answers: z.array(
    z.object({
      seq: z.number().int(),
      answeredAt: Time,
      actorName: z.string().nullable(),
      text: z.string().nullable(),
    }),
  ),
  closed: z.object({ reason: z.string(), closedAt: Time }).nullable(),
  decisions: z.array(DecisionView),
  protectionRequests: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(PROTECTION_KINDS),
      requestedAt: Time,
      dueAt: Time,
      status: ProtectionStatus,
      decidedAt: Time.nullable(),
      reason: z.string().nullable(),
    }),
  ),
  media: z.array(z.object({ sha256: z.string(), size: z.number().int(), addedAt: Time })),
});

const AllegationSummary = z.object({
  reference: z.string().describe('The source complaint’s reference, or the medical referral’s'),
  source: z
    .enum([...COMPLAINT_CHANNELS, 'medical'])
    .describe(
      'The complaint’s channel, or `medical`: a clinician’s report referred at once (kz.torture.referral)',
    ),
  medical: z
    .object({ examinedAt: Time, clinicianName: z.string(), disclosed: z.boolean() })
    .nullable()
    .describe(
      'For a medical referral: the examination, its clinician, and whether the report was disclosed to you',
    ),
  facilityId: z.string(),
  facilityName: z.string(),
  submittedAt: Time,
  status: Status,
  caseNumber: z.string().nullable(),
  complainant: PersonRef.nullable(),
  protectionRequested: z.boolean(),
  transferRequested: z.boolean(),
  rerouted: Rerouted,
  sealedForProcurator: z.boolean().describe('Whether you can open it with your own key (issue 18 item 5)'),
  caseFile: z
    .object({ id: z.string(), number: z.string(), status: z.string(), joined: z.boolean() })
    .nullable()
    .describe(
      'The criminal case file it is in (GET /api/v1/cases/{id}); `joined`: joined into a case opened before',
    ),
  decisions: z.array(DecisionView),
  suspects: z
    .array(
      z.object({
        official: z.string(),
        identifiedAt: Time,
        dueAt: Time.describe('kz.torture.suspension: 24 h after the identification'),
        suspendedAt: Time.nullable(),
        suspendedBy: z.string().nullable(),
      }),
    )
    .describe('kz.torture.suspension: officials identified as suspected perpetrators'),
  courtOutcomes: z
    .array(
      z.object({
        seq: z.number().int(),
        at: Time,
        outcome: z.enum(COURT_OUTCOMES),
        article: z.string(),
        reclassified: z.boolean(),
        sentence: z.object({ kind: z.enum(SENTENCE_KINDS), months: z.number().int().nullable() }).nullable(),
        pleaBargain: z.boolean(),
        concerns: z
          .array(z.enum(['reclassified', 'suspended-sentence', 'plea-bargain']))
          .describe('kz.torture.sentencing: why it is flagged; empty when it is not'),
        actorName: z.string().nullable(),
      }),
    )
    .describe('kz.torture.sentencing: the court’s outcomes as recorded'),
  evidenceExcluded: z
    .array(
      z.object({
        seq: z.number().int(),
        at: Time,
        description: z.string(),
        actorName: z.string().nullable(),
      }),
    )
    .describe('kz.evidence.inadmissible: evidence excluded from the case'),
  findings: z
    .array(FindingView)
    .describe('Flags of kz.torture.suspension and kz.torture.sentencing on this allegation'),
});

const JudgeAllegationSummary = JudgeRouting.extend({
  reference: z.string(),
  source: z.enum(COMPLAINT_CHANNELS).describe('The complaint’s channel'),
  facilityId: z.string(),
  facilityName: z.string(),
  facilityRegion: z.string().describe('The facility’s region: its investigating judges see the complaint'),
  category: Category.describe('The category it was filed under'),
  submittedAt: Time,
  status: Status,
  caseNumber: z.string().nullable(),
  complainant: PersonRef.nullable().describe('null: anonymous'),
  protectionRequested: z.boolean(),
  transferRequested: z.boolean(),
  orderDueAt: Time.describe(
    'kz.allegation.conflict: the order is due at once, 24 h after routedAt by default',
  ),
  orders: z
    .array(
      z.object({
        seq: z.number().int(),
        orderedAt: Time,
        investigateBy: z.string(),
        caseNumber: z.string().nullable(),
        actorName: z.string().nullable(),
      }),
    )
    .describe('The judge’s orders to investigate, oldest first'),
  clocks: z.array(ClockView),
  findings: z.array(FindingView).describe('Breaches of kz.allegation.conflict recorded on it'),
});

const ProtectionRequestView = z.object({
  id: z.string(),
  facilityId: z.string(),
  facilityName: z.string(),
  kind: z.enum(PROTECTION_KINDS),
  requestedAt: Time,
  dueAt: Time.describe('kz.transfer.protection: 24 h after the request'),
  status: ProtectionStatus,
  decidedAt: Time.nullable(),
  reason: z.string().nullable(),
  person: PersonRef.nullable().describe('Whom to protect; null when the complainant is anonymous'),
});

/** The parts of a multipart upload, as the complaint service reads them; multipart's own 413s become ours. */
async function* mediaParts(request: FastifyRequest): AsyncIterable<MediaPart> {
  try {
    for await (const part of request.parts())
      if (part.type === 'file') yield { kind: 'file', name: part.fieldname, stream: part.file };
      else
        yield {
          kind: 'field',
          name: part.fieldname,
          value: typeof part.value === 'string' ? part.value : '',
        };
  } catch (error) {
    if ((error as { statusCode?: unknown }).statusCode === 413)
      throw new TooLargeError(
        'the upload is larger than a recording or file may be (50 MiB): send a shorter recording or a smaller file',
      );
    throw error;
  }
}

/**
 * Sealed recordings that follow a kiosk complaint, and their opening by the authority. Multipart
 * is accepted on these routes only (an encapsulated plugin).
 */
const mediaRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.habeas;
  const { clock } = app.habeas;
  await app.register(multipart, {
    // One byte more than allowed reaches the service, which refuses it before keeping anything.
    limits: { fileSize: MAX_SEALED_MEDIA_BYTES + 1, files: 1, fields: 3, fieldSize: 1024, parts: 4 },
  });

  app.post(
    '/complaints/:reference/media',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Add a sealed recording or file to a complaint (the kiosk that sent it, within 10 minutes)',
        description:
          'multipart/form-data with the field `enc` (the HPKE encapsulated key, base64) and the file `file` ' +
          '(the AEAD ciphertext of the recording or file, sealed like the complaint, at most 50 MiB; 413 above; ' +
          'any kind of file, since the server sees only ciphertext: its name and type are in the sealed text). ' +
          'Stored content-addressed by SHA-256; the hash goes in a `complaint-media-added` entry.',
        consumes: ['multipart/form-data'],
        security: AUTHENTICATED,
        params: ReferenceParams,
        response: {
          201: z.object({
            reference: z.string(),
            sha256: z.string().describe('Lowercase hex SHA-256 of the ciphertext'),
            size: z.number().int(),
            seq: z.number().int().describe('The complaint-media-added entry'),
          }),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      // Who may, before what is sent: a 403 is a 403 whatever the body.
      requireAccess(request.principal, 'complaint.media');
      if (!request.isMultipart())
        throw new HttpProblem(
          415,
          'send the recording or file as multipart/form-data with the parts enc and file',
        );
      const added = await addComplaintMedia(
        services,
        request.principal,
        request.params.reference,
        mediaParts(request),
        clock(),
      );
      return reply.code(201).send(added);
    },
  );

  app.get(
    '/complaints/:reference/media/:sha256',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Open a complaint’s recording (as GET /complaints/{reference}; every opening is recorded)',
        security: AUTHENTICATED,
        params: z.object({ reference: Reference, sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
        querystring: z.object({ purpose: Purpose.optional() }),
        produces: ['application/octet-stream'],
        response: { 200: z.unknown().describe('The opened bytes of the recording'), ...problemResponses },
      },
    },
    async (request, reply) => {
      const bytes = await openComplaintMedia(
        services,
        request.principal,
        request.params.reference,
        request.params.sha256,
        {
          holder: request.principal ? holderOf(request) : '',
          purpose:
            request.headers[PURPOSE_HEADER] === undefined
              ? request.query.purpose
              : String(request.headers[PURPOSE_HEADER]),
        },
      );
      return reply
        .type('application/octet-stream')
        .header('content-disposition', `attachment; filename="${request.params.sha256}"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(bytes));
    },
  );
};

export const complaintRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(mediaRoutes);
  const services = app.habeas;
  const { clock } = app.habeas;

  app.post(
    '/complaints',
    {
      bodyLimit: COMPLAINT_BODY_LIMIT,
      schema: {
        tags: ['complaints'],
        summary: 'Submit a sealed complaint (kiosk of the facility; kz.complaint.channel)',
        description:
          'Seal the UTF-8 JSON {"v":1,"text","language","writtenAt","media":[]} to GET /api/v1/sealing/key ' +
          '(RFC 9180 base mode, info "habeas/complaint/v1"). The receipt carries the reference, the entry, a ' +
          'signed checkpoint that covers it and the inclusion proof. A `torture-or-ill-treatment` complaint is ' +
          'referred to the procurator at once (kz.torture.referral), and is sealed to the procurator’s office’s ' +
          'own key too: the same plaintext in `sealedFor.procurator` (GET /api/v1/sealing/procurator-key; 422 ' +
          'without it once that key exists, and for any other category). A complaint with `concerns` is about a ' +
          'procurator’s or an investigator’s own office: it goes to the investigating judge instead, whatever its ' +
          'category, and carries no `sealedFor` (422 naming kz.allegation.conflict). The ciphertext is at most 1 MiB (413).',
        security: AUTHENTICATED,
        body: KioskComplaintInput,
        response: {
          201: z.object({
            reference: z.string(),
            seq: z.number().int(),
            checkpoint: z.string().describe('C2SP signed note whose tree contains seq'),
            inclusionProof: z.object({
              index: z.number().int(),
              size: z.number().int(),
              hashes: z.array(z.string().describe('base64 SHA-256')),
            }),
            entry: z
              .object({
                seq: z.number().int(),
                at: z.string(),
                stream: z.string(),
                version: z.number().int(),
                type: z.string(),
                actor: z.string(),
                digest: z.string(),
              })
              .describe('The complaint’s entry (the leaf input): its RFC 8785 bytes hash to the proven leaf'),
          }),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const receipt = await submitComplaint(services, request.principal, request.body, clock());
      return reply.code(201).send(receipt);
    },
  );

  app.post(
    '/complaints/received',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Record a complaint received on paper, from a lawyer, family, the ombudsman or a hotline',
        description:
          'Complaints officer. The text is sealed to the authority’s key on arrival; only the ciphertext is ' +
          'stored. Give the reference to the sender.',
        security: AUTHENTICATED,
        body: ReceivedComplaintInput,
        response: { 201: z.object({ reference: z.string(), seq: z.number().int() }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const received = await recordReceivedComplaint(services, request.principal, request.body, clock());
      return reply.code(201).send(received);
    },
  );

  app.get(
    '/complaints/:reference/status',
    {
      schema: {
        tags: ['complaints'],
        summary: 'A complaint’s status by reference and PIN (any kiosk) — never its content',
        description:
          'A wrong PIN and an unknown reference give the same 404. After 5 wrong tries for a reference within ' +
          '15 minutes it is locked for 15 minutes (429).',
        security: AUTHENTICATED,
        params: ReferenceParams,
        querystring: z.object({
          pin: z.string().regex(/^[0-9]{4,8}$/, { message: 'must be 4 to 8 digits' }),
        }),
        response: {
          200: z.object({ reference: z.string(), status: Status, updatedAt: Time, case: CaseOfComplaint }),
          ...problemResponses,
        },
      },
    },
    async (request) =>
      complaintStatus(services, request.principal, request.params.reference, request.query.pin, clock()),
  );

  app.post(
    '/complaints/:reference/answers',
    {
      schema: {
        tags: ['complaints'],
        summary: 'A complaint’s status and its answers, by reference and PIN (any kiosk) — never its content',
        description:
          'The complaints authority’s answers are sealed to the complainant’s answer key, which only the ' +
          'reference and the PIN derive (with a secret of the server’s that is not in the database); they are ' +
          'opened here for this answer only. Answers given before answers were sealed to complainants are ' +
          'counted in `unreadableAnswers`. The PIN is in the body, never in an address. A wrong PIN and an ' +
          'unknown reference give the same 404; the lockout is the status check’s (5 wrong tries in 15 ' +
          'minutes lock the reference for 15 minutes, 429).',
        security: AUTHENTICATED,
        params: ReferenceParams,
        body: z.strictObject({ pin: z.string().regex(/^[0-9]{4,8}$/, { message: 'must be 4 to 8 digits' }) }),
        response: {
          200: z.object({
            reference: z.string(),
            status: Status,
            updatedAt: Time,
            answers: z.array(z.object({ answeredAt: Time, text: z.string() })),
            unreadableAnswers: z.number().int().describe('Answers that cannot be read at a kiosk'),
            case: CaseOfComplaint,
          }),
          ...problemResponses,
        },
      },
    },
    async (request) =>
      complaintAnswers(services, request.principal, request.params.reference, request.body.pin, clock()),
  );

  app.get(
    '/complaints',
    {
      schema: {
        tags: ['complaints'],
        summary: 'The inbox, newest first, without content (complaints officer; procurator: allegations)',
        description: 'The list names complainants: the read is recorded in the log.',
        security: AUTHENTICATED,
        querystring: z.object({
          status: Status.optional(),
          category: Category.optional(),
          facility: opaqueId.optional(),
          limit: PageLimit,
          cursor: Cursor,
          purpose: Purpose.optional(),
        }),
        response: {
          200: z.object({ items: z.array(ComplaintSummary), next: z.string().nullable() }),
          ...problemResponses,
        },
      },
    },
    async (request) =>
      listComplaints(
        services,
        request.principal,
        {
          status: request.query.status,
          category: request.query.category,
          facilityId: request.query.facility,
          limit: request.query.limit,
          cursor: request.query.cursor,
          purpose: request.query.purpose,
        },
        clock(),
      ),
  );

  app.get(
    '/complaints/:reference',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Open a complaint (complaints officer; procurator for allegations), with the key unlocked',
        description:
          '409 until POST /api/v1/sealing/unlock. Every opening is recorded in the log first; monitors see it ' +
          'with GET /api/v1/audit?subject=complaint/<reference>.',
        security: AUTHENTICATED,
        params: ReferenceParams,
        querystring: z.object({ purpose: Purpose.optional() }),
        headers: z.looseObject({ [PURPOSE_HEADER]: Purpose.optional() }),
        response: { 200: ComplaintView, ...problemResponses },
      },
    },
    async (request) =>
      readComplaint(services, request.principal, request.params.reference, clock(), {
        // No principal: readComplaint answers 401 before it looks for a key.
        holder: request.principal ? holderOf(request) : '',
        purpose: request.headers[PURPOSE_HEADER] ?? request.query.purpose,
      }),
  );

  app.post(
    '/complaints/:reference/answer',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Answer a complaint (complaints officer; intl.complaint.answer)',
        description:
          'The answer is sealed to the authority’s key. A torture allegation is 422 `kz.torture.referral`: only ' +
          'the procurator decides on it.',
        security: AUTHENTICATED,
        params: ReferenceParams,
        body: AnswerInput,
        response: { 201: ComplaintSummary, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await answerComplaint(services, request.principal, request.params.reference, request.body, clock()),
        ),
  );

  app.post(
    '/complaints/:reference/close',
    {
      schema: {
        tags: ['complaints'],
        summary: 'Close a complaint with a reason (complaints officer)',
        description:
          'Closing does not meet intl.complaint.answer: an unanswered complaint still breaches it. A torture ' +
          'allegation is 422 `kz.torture.referral`.',
        security: AUTHENTICATED,
        params: ReferenceParams,
        body: CloseInput,
        response: { 201: ComplaintSummary, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await closeComplaint(services, request.principal, request.params.reference, request.body, clock()),
        ),
  );

  app.post(
    '/complaints/:reference/route',
    {
      schema: {
        tags: ['complaints'],
        summary:
          'Route a complaint to the procurator (kz.torture.referral) or the investigating judge (kz.allegation.conflict) (complaints officer)',
        description:
          'For a complaint filed under another category that alleges torture or ill-treatment: it becomes an ' +
          'allegation, the procurator’s alone to decide; its submission keeps the category it was filed under, ' +
          'and the routing entry records from what and why. Also for an allegation sealed before the ' +
          'procurator’s office had its own key: its copy is sealed. Needs your key unlocked (409): the content ' +
          'and recordings are opened (recorded in the log as an opening) and sealed again to ' +
          'GET /api/v1/sealing/procurator-key (503 until that key exists). 422 when the procurator can already open it. ' +
          'With `to: investigating-judge` and `concerns` (kz.allegation.conflict): a complaint about a procurator’s ' +
          'or an investigator’s own office goes to the investigating judge instead, whatever its category; nothing ' +
          'is opened or sealed again, and from then on no procurator lists, counts, opens or decides it.',
        security: AUTHENTICATED,
        params: ReferenceParams,
        body: RouteInput,
        headers: z.looseObject({ [PURPOSE_HEADER]: Purpose.optional() }),
        response: { 201: ComplaintSummary, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await routeComplaint(services, request.principal, request.params.reference, request.body, clock(), {
          holder: request.principal ? holderOf(request) : '',
          purpose: request.headers[PURPOSE_HEADER],
        }),
      ),
  );

  app.get(
    '/allegations',
    {
      schema: {
        tags: ['allegations'],
        summary: 'Torture allegations in your regions, newest first (procurator; kz.torture.referral)',
        security: AUTHENTICATED,
        querystring: z.object({
          status: Status.optional(),
          facility: opaqueId.optional(),
          limit: PageLimit,
          cursor: Cursor,
          purpose: Purpose.optional(),
        }),
        response: {
          200: z.object({ items: z.array(AllegationSummary), next: z.string().nullable() }),
          ...problemResponses,
        },
      },
    },
    async (request) =>
      listAllegations(services, request.principal, {
        status: request.query.status,
        facilityId: request.query.facility,
        limit: request.query.limit,
        cursor: request.query.cursor,
        purpose: request.query.purpose,
      }),
  );

  app.post(
    '/allegations/:reference/decisions',
    {
      schema: {
        tags: ['allegations'],
        summary:
          'Record what happened to an allegation (procurator only; kz.torture.referral, kz.cases.joined)',
        description:
          '`joined` needs `caseNumber` (the complaint still counts); `discontinued` needs `reason`. Any other ' +
          'role is 403 with rule `kz.torture.referral`.',
        security: AUTHENTICATED,
        params: ReferenceParams,
        body: AllegationDecisionInput,
        response: { 201: AllegationSummary, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await recordAllegationDecision(
            services,
            request.principal,
            request.params.reference,
            request.body,
            clock(),
          ),
        ),
  );

  app.post(
    '/allegations/:reference/outcomes',
    {
      schema: {
        tags: ['allegations'],
        summary:
          'Record suspects, suspensions, the court’s outcome or excluded evidence on an allegation (procurator only)',
        description:
          '`kind`: `suspects-identified` (kz.torture.suspension: each official starts a 24 h clock, flagged ' +
          'when it passes without `official-suspended`), `official-suspended`, `court-outcome` ' +
          '(kz.torture.sentencing: recorded as the court decided, never refused; reclassified, suspended ' +
          'or plea-bargained is a flag finding), `evidence-excluded` (kz.evidence.inadmissible). Any ' +
          'other role is 403 with rule `kz.torture.referral`.',
        security: AUTHENTICATED,
        params: ReferenceParams,
        body: AllegationOutcomeInput,
        response: { 201: AllegationSummary, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await recordAllegationOutcome(
            services,
            request.principal,
            request.params.reference,
            request.body,
            clock(),
          ),
        ),
  );

  app.get(
    '/judge/allegations',
    {
      schema: {
        tags: ['allegations'],
        summary:
          'Complaints about procurators’ or investigators’ own offices in your regions, newest first (investigating judge; kz.allegation.conflict)',
        description:
          'A complaint about the actions of a procurator’s or an investigator’s office goes to the investigating ' +
          'judge of the region of the facility it came from, never to the procurator: it is in no procurator’s ' +
          'list, count or view. The facts of each, never the sealed text (the judge holds no key; the complaints ' +
          'authority provides it on request). The list names complainants: the read is recorded in the log.',
        security: AUTHENTICATED,
        querystring: z.object({
          status: Status.optional(),
          facility: opaqueId.optional(),
          limit: PageLimit,
          cursor: Cursor,
          purpose: Purpose.optional(),
        }),
        response: {
          200: z.object({ items: z.array(JudgeAllegationSummary), next: z.string().nullable() }),
          ...problemResponses,
        },
      },
    },
    async (request) =>
      listJudgeAllegations(
        services,
        request.principal,
        {
          status: request.query.status,
          facilityId: request.query.facility,
          limit: request.query.limit,
          cursor: request.query.cursor,
          purpose: request.query.purpose,
        },
        clock(),
      ),
  );

  app.get(
    '/judge/allegations/:reference',
    {
      schema: {
        tags: ['allegations'],
        summary:
          'One complaint about a procurator’s or an investigator’s office (investigating judge; kz.allegation.conflict)',
        description:
          '403 outside your regions; 404 for a complaint that is not with the investigating judge. The read is recorded.',
        security: AUTHENTICATED,
        params: ReferenceParams,
        querystring: z.object({ purpose: Purpose.optional() }),
        headers: z.looseObject({ [PURPOSE_HEADER]: Purpose.optional() }),
        response: { 200: JudgeAllegationSummary, ...problemResponses },
      },
    },
    async (request) =>
      readJudgeAllegation(services, request.principal, request.params.reference, clock(), {
        purpose: request.headers[PURPOSE_HEADER] ?? request.query.purpose,
      }),
  );

  app.post(
    '/judge/allegations/:reference/order',
    {
      schema: {
        tags: ['allegations'],
        summary:
          'Record the order to investigate a complaint about a procurator’s or an investigator’s office (investigating judge)',
        description:
          'kz.allegation.conflict: the judge orders an investigation at once — within 24 h (configurable) of the ' +
          'complaint reaching the judge, a breach otherwise. `investigateBy` names the body ordered to investigate. ' +
          '`orderedAt` in the future is 422 naming the rule.',
        security: AUTHENTICATED,
        params: ReferenceParams,
        body: JudgeOrderInput,
        response: { 201: JudgeAllegationSummary, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await recordJudgeOrder(
            services,
            request.principal,
            request.params.reference,
            request.body,
            clock(),
          ),
        ),
  );

  app.get(
    '/protection-requests',
    {
      schema: {
        tags: ['protection'],
        summary: 'Requests for protection or transfer at your facilities (governor; kz.transfer.protection)',
        description:
          'No reference, no category, no content; the person only if the complainant is not anonymous.',
        security: AUTHENTICATED,
        querystring: z.object({ facility: opaqueId.optional(), status: ProtectionStatus.optional() }),
        response: { 200: z.object({ items: z.array(ProtectionRequestView) }), ...problemResponses },
      },
    },
    async (request) => ({
      items: await listProtectionRequests(services, request.principal, {
        facilityId: request.query.facility,
        status: request.query.status,
      }),
    }),
  );

  app.post(
    '/protection-requests/:id/decision',
    {
      schema: {
        tags: ['protection'],
        summary:
          'Grant or refuse a request for protection or transfer, with the reason (governor, within 24 h)',
        security: AUTHENTICATED,
        params: z.object({ id: opaqueId }),
        body: ProtectionDecisionInput,
        response: { 201: ProtectionRequestView, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await decideProtectionRequest(
            services,
            request.principal,
            request.params.id,
            request.body,
            clock(),
          ),
        ),
  );
};
