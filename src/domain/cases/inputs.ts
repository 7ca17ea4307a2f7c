import { z } from 'zod';
import { textBlock } from '../complaints/inputs.js';
import { offsetDateTime } from '../custody/inputs.js';
import { calendarDate } from '../prison/inputs.js';
import { RegionInput } from '../registry/regions.js';
import { opaqueId, textLine } from '../registry/text.js';
import {
  ALLEGATION_SOURCES,
  APPEAL_PARTIES,
  APPEAL_RESULTS,
  DECIDING_BODIES,
  DISCONTINUATION_GROUNDS,
  DOCUMENT_AUTHORS,
  DOCUMENT_KINDS,
  PENALTY_KINDS,
  REDRESS_BODIES,
  REDRESS_CATEGORIES,
  REDRESS_PURPOSES,
  REHABILITATION_MEASURES,
  VERDICT_OUTCOMES,
} from './events.js';
import { OFFICIAL_AGENCIES } from './officials.js';

/*
 * The bodies of the case and officials endpoints (issue 20; docs/api.md "Case files"). One Zod
 * schema each gives validation, types and OpenAPI. Dates of a case (opened, charged, verdict…) are
 * calendar dates, YYYY-MM-DD, and may lie in the past: historical cases are entered with their
 * real dates. Moments that start or meet a clock (a suspect identified, suspended) are ISO 8601
 * with an offset.
 */

const line = textLine(200);
const note = textBlock(4000);
const article = textLine(64).describe('A Criminal Code article as written, e.g. "146 ч. 2" or "ст. 362"');
const tenge = z
  .number()
  .int({ message: 'a whole number of tenge' })
  .positive({ message: 'more than 0' })
  .max(1_000_000_000_000, { message: 'at most 10^12 tenge' });
const months = z.number().int().positive().max(600);

export const CourtInput = z.strictObject({ name: line.describe('The court'), region: RegionInput });

export const AllegationSourceInput = z.strictObject({
  kind: z.enum(ALLEGATION_SOURCES),
  reference: textLine(64).describe(
    'The receipt reference of a complaint, or a medical referral or death reference',
  ),
});

export const OpenCaseInput = z
  .strictObject({
    number: z
      .string()
      .regex(/^[0-9A-Za-z/-]{1,32}$/, { message: 'letters, digits, "/" and "-", at most 32' })
      .describe('The case number in the register of pre-trial investigations (ERDR)'),
    article,
    openedOn: calendarDate,
    investigatingBody: line,
    region: RegionInput.optional().describe(
      "Where it is investigated; default: the region of the first allegation's facility",
    ),
    tags: z
      .array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { message: 'lowercase letters, digits and "-"' }))
      .max(10)
      .default([]),
    sources: z.array(AllegationSourceInput).max(500).default([]),
    exOfficioBasis: note.optional().describe('Why the case is opened with no allegation'),
  })
  .describe('Open a criminal case file (kz.cases.joined)');

export const JoinAllegationInput = z.strictObject({ source: AllegationSourceInput, joinedOn: calendarDate });

export const UpdateCaseInput = z.strictObject({
  investigatingBody: line.optional(),
  tags: OpenCaseInput.shape.tags.unwrap().optional(),
  reason: note,
});

export const VictimInput = z.strictObject({
  personId: opaqueId.optional().describe('The person in the register, when known'),
  name: line,
  recognisedOn: calendarDate,
});

export const DigestInput = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { message: '64 lowercase hexadecimal digits' }),
  size: z
    .number()
    .int()
    .nonnegative()
    .max(2 ** 53 - 1),
  mediaType: z
    .string()
    .regex(/^[a-z]+\/[a-z0-9.+-]+$/, { message: 'a media type, e.g. application/pdf' })
    .max(100),
});

export const DocumentInput = z.strictObject({
  kind: z.enum(DOCUMENT_KINDS),
  title: line,
  dated: calendarDate,
  submittedBy: z.enum(DOCUMENT_AUTHORS),
  digest: DigestInput.describe('SHA-256 of the document as kept in the electronic case file'),
});

export const OfficialInput = z.strictObject({
  name: line,
  position: line,
  agency: z.enum(OFFICIAL_AGENCIES),
  facilityId: opaqueId.nullable().default(null),
  unit: line.nullable().default(null),
  region: RegionInput,
});

export const OfficialUpdateInput = OfficialInput.extend({ reason: note });

export const IdentifySuspectInput = z.strictObject({
  officialId: opaqueId,
  identifiedAt: offsetDateTime,
  suspension: z
    .strictObject({ suspendedAt: offsetDateTime, orderedBy: line })
    .nullable()
    .default(null)
    .describe('The suspension, when it was already made: entering a past case, it is judged on its own time'),
});

export const SuspendInput = z.strictObject({ suspendedAt: offsetDateTime, orderedBy: line });

export const ChargeInput = z.strictObject({ article, chargedOn: calendarDate });

export const SendToCourtInput = z.strictObject({
  officialIds: z.array(opaqueId).min(1).max(100),
  court: CourtInput,
  sentOn: calendarDate,
});

export const PenaltyInput = z.strictObject({
  kind: z.enum(PENALTY_KINDS),
  months: months.nullable().default(null),
  amountKzt: tenge.nullable().default(null),
});

export const SentenceInput = z
  .strictObject({
    penalties: z.array(PenaltyInput).min(1).max(6),
    suspended: z.boolean().default(false),
    probationMonths: months.nullable().default(null),
  })
  .refine((sentence) => sentence.suspended || sentence.probationMonths === null, {
    message: 'a probation period is for a suspended sentence',
    path: ['probationMonths'],
  });

export const VerdictInput = z.strictObject({
  court: CourtInput,
  outcome: z.enum(VERDICT_OUTCOMES),
  article,
  sentence: SentenceInput.nullable().default(null),
  pleaAgreement: z.boolean().default(false),
  decidedOn: calendarDate,
});

export const AppealInput = z.strictObject({ by: z.enum(APPEAL_PARTIES), filedOn: calendarDate });

export const AppealDecisionInput = z.strictObject({
  court: CourtInput,
  result: z.enum(APPEAL_RESULTS),
  outcome: z.enum(VERDICT_OUTCOMES).nullable().default(null),
  article: article.nullable().default(null),
  sentence: SentenceInput.nullable().default(null),
  decidedOn: calendarDate,
});

export const DiscontinueInput = z.strictObject({
  officialId: opaqueId.nullable().default(null).describe('One defendant; null: the whole case'),
  ground: z.enum(DISCONTINUATION_GROUNDS),
  evidence: z.array(opaqueId).max(50).default([]).describe('Documents of the file the decision rests on'),
  reason: note,
  discontinuedOn: calendarDate,
});

export const ResumeInput = z.strictObject({
  officialId: opaqueId.nullable().default(null),
  by: z.enum(DECIDING_BODIES),
  reason: note,
  resumedOn: calendarDate,
});

export const ExcludeEvidenceInput = z.strictObject({
  description: note,
  documentId: opaqueId.nullable().default(null),
  by: z.enum(DECIDING_BODIES),
  excludedOn: calendarDate,
});

export const VoidDecisionsInput = z.strictObject({
  documentIds: z.array(opaqueId).min(1).max(100),
  basis: note,
  by: z.enum(DECIDING_BODIES),
  voidedOn: calendarDate,
});

export const RedressInput = z.strictObject({
  victimId: opaqueId,
  by: z.enum(REDRESS_BODIES),
  category: z.enum(REDRESS_CATEGORIES),
  purpose: z.enum(REDRESS_PURPOSES),
  amountKzt: tenge,
  decidedOn: calendarDate,
});

export const PaymentInput = z.strictObject({ amountKzt: tenge, paidOn: calendarDate });

export const RehabilitationInput = z.strictObject({
  victimId: opaqueId,
  measure: z.enum(REHABILITATION_MEASURES),
  description: note,
  providedOn: calendarDate,
});
