import { z } from 'zod';
import { IdentityDocumentRef } from '../registry/identity-document.js';
import { opaqueId, textLine } from '../registry/text.js';
import {
  CORRECTABLE_FIELDS,
  COURT_DECISIONS,
  FAMILY_MEANS,
  FAMILY_OUTCOMES,
  INTERVIEW_COUNSEL,
  INTERVIEW_ROLES,
  JUDICIAL_REQUEST_KINDS,
  JUDICIAL_RULINGS,
  RIGHTS_METHODS,
} from './events.js';

/*
 * The bodies of the custody endpoints (DESIGN.md "Interfaces"): POST /custody, POST
 * /custody/{id}/events and the correction of an entry. One Zod schema each gives validation,
 * types and OpenAPI. Times are ISO 8601 with an offset and come out in UTC.
 */

/** An ISO 8601 date-time with an offset (`Z` or `±hh:mm`), normalised to UTC with milliseconds. */
export const offsetDateTime = z.iso
  .datetime({
    offset: true,
    message: 'must be an ISO 8601 date-time with an offset, e.g. 2026-03-10T14:30:00+05:00',
  })
  .transform((value) => new Date(value).toISOString());

/** A BCP 47 language tag, canonicalised (`kk-cyrl` → `kk-Cyrl`), as PersonInput does. */
const languageTag = z
  .string()
  .max(35)
  .transform((tag, ctx) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical) return canonical;
    } catch {
      // RangeError: not a well-formed tag; reported below.
    }
    ctx.addIssue({ code: 'custom', message: 'not a BCP 47 language tag (e.g. kk, ru, uz-Cyrl)' });
    return z.NEVER;
  });

const name = textLine(200);
const note = textLine(1000);
const at = offsetDateTime.optional().describe('When it happened (default: now); ISO 8601 with an offset');

/** POST /custody: the arrest record (intl.register.minimum, kz.custody.actual-time). */
export const ArrestInput = z.strictObject({
  personId: opaqueId,
  facilityId: opaqueId.describe('The police custody unit that holds the person'),
  apprehendedAt: offsetDateTime.describe('The actual moment of apprehension, ISO 8601 with an offset'),
  place: textLine(500).describe('Where the person was apprehended'),
  grounds: note.describe('The grounds for the deprivation of liberty'),
  arrestingOfficer: name,
  orderingAuthority: name
    .optional()
    .describe("The authority that ordered it, when not the arresting officer's own"),
  identityDocument: IdentityDocumentRef.optional().describe(
    'The identity document the officer holds, for a person not registered at or held by the unit (issue 17)',
  ),
});
export type ArrestInput = z.output<typeof ArrestInput>;

const RightsExplainedInput = z.strictObject({
  type: z.literal('rights-explained'),
  at,
  language: languageTag.describe('The language the rights were explained in (BCP 47)'),
  method: z.enum(RIGHTS_METHODS),
  interpreter: name.optional().describe('The interpreter, when one was used'),
});
const CounselRequestedInput = z.strictObject({ type: z.literal('counsel-requested'), at });
const CounselArrivedInput = z.strictObject({ type: z.literal('counsel-arrived'), at, counsel: name });
const FamilyNotifiedInput = z.strictObject({
  type: z.literal('family-notified'),
  at,
  outcome: z.enum(FAMILY_OUTCOMES),
  contact: name.optional().describe('Who was told (required when notified)'),
  means: z.enum(FAMILY_MEANS).optional(),
  reason: note.optional().describe('Why notification was delayed (required when delayed)'),
  authorisedBy: name.optional().describe('Who authorised the delay (required when delayed)'),
});
const MedicalExaminedInput = z.strictObject({
  type: z.literal('medical-examined'),
  at,
  examinedBy: name,
  injuriesSeen: z.boolean(),
});
const InjuryRecordedInput = z.strictObject({
  type: z.literal('injury-recorded'),
  at,
  observedBy: name,
  description: note,
});
const CourtDecisionInput = z.strictObject({
  type: z.literal('court-decision'),
  at,
  decision: z.enum(COURT_DECISIONS),
  court: name,
});
const ReleasedInput = z.strictObject({ type: z.literal('released'), at, reason: note.optional() });
const TransferredInput = z.strictObject({
  type: z.literal('transferred'),
  at,
  destinationFacilityId: opaqueId,
  reason: note.optional(),
});
const ConsularRightsExplainedInput = z.strictObject({
  type: z.literal('consular-rights-explained'),
  at,
  notificationRequested: z.boolean(),
});
const ConsulateNotifiedInput = z.strictObject({ type: z.literal('consulate-notified'), at, consulate: name });
const JudicialRequestedInput = z.strictObject({
  type: z.literal('judicial-requested'),
  at,
  kind: z.enum(JUDICIAL_REQUEST_KINDS),
});
const JudicialRuledInput = z.strictObject({
  type: z.literal('judicial-ruled'),
  at,
  requestId: opaqueId.describe('The requestId of the judicial-requested entry'),
  ruling: z.enum(JUDICIAL_RULINGS),
  court: name,
});

/** POST /custody/{id}/events: one safeguard event, by `type` (SAFEGUARD_EVENT_TYPES). */
export const CustodyEventInput = z.discriminatedUnion('type', [
  RightsExplainedInput,
  CounselRequestedInput,
  CounselArrivedInput,
  FamilyNotifiedInput,
  MedicalExaminedInput,
  InjuryRecordedInput,
  CourtDecisionInput,
  ReleasedInput,
  TransferredInput,
  ConsularRightsExplainedInput,
  ConsulateNotifiedInput,
  JudicialRequestedInput,
  JudicialRuledInput,
]);
export type CustodyEventInput = z.output<typeof CustodyEventInput>;

/** A recording's digest: SHA-256 as 64 lowercase hexadecimal digits. */
export const Sha256Hex = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { message: 'must be a SHA-256 digest: 64 lowercase hexadecimal digits' });

/** A media type (RFC 6838), e.g. video/mp4. */
const MediaType = z
  .string()
  .max(127)
  .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/, {
    message: 'must be a media type in lowercase, e.g. video/mp4',
  });

/** The video recording of an interview, by its digest (the file stays with the investigating body). */
export const InterviewRecording = z.strictObject({
  sha256: Sha256Hex.describe('SHA-256 of the recording file'),
  size: z.int().min(1).max(Number.MAX_SAFE_INTEGER).describe('Size of the recording file in bytes'),
  mediaType: MediaType.describe('Media type of the recording file, e.g. video/mp4'),
});

/** POST /custody/{id}/interviews: an interview of the detained suspect (kz.custody.interview). */
export const InterviewInput = z.strictObject({
  startedAt: offsetDateTime.describe('When the interview began; ISO 8601 with an offset'),
  endedAt: offsetDateTime.describe('When it ended (after it began); ISO 8601 with an offset'),
  interviewer: z.strictObject({
    name,
    position: name.describe('Position and rank, e.g. investigator, senior lieutenant of police'),
  }),
  present: z
    .array(z.strictObject({ name, role: z.enum(INTERVIEW_ROLES) }))
    .max(20)
    .default([])
    .describe('Everyone else present besides the interviewer and the suspect'),
  counsel: z
    .enum(INTERVIEW_COUNSEL)
    .describe('Counsel present, waived by the suspect in writing, or not requested'),
  counselName: name.optional().describe('Counsel’s name (required when counsel is present)'),
  interpreter: languageTag
    .nullable()
    .optional()
    .describe('The language interpreted (BCP 47); null or absent when there was no interpreter'),
  recording: InterviewRecording.nullable()
    .optional()
    .describe('The video recording by its digest; null or absent when there is none'),
  noRecordingReason: note.optional().describe('Why there is no recording (required without one)'),
  caseNumber: textLine(64).optional().describe('The criminal case the interview belongs to'),
});
export type InterviewInput = z.output<typeof InterviewInput>;

/** A correction of an entry, named by its log seq; the original stays (kz.custody.actual-time). */
export const CorrectionInput = z.strictObject({
  correctsSeq: z.int().min(0).describe('The log seq of the entry corrected'),
  field: z.enum(CORRECTABLE_FIELDS),
  to: note.describe('The corrected value; a time is ISO 8601 with an offset'),
  reason: note.describe('Why the entry is corrected'),
});
export type CorrectionInput = z.output<typeof CorrectionInput>;
