import { z } from 'zod';
import { offsetDateTime } from '../custody/inputs.js';
import { SCREENING_OUTCOMES } from '../prison/events.js';
import { languageTag } from '../registry/person-fields.js';
import { opaqueId, textLine } from '../registry/text.js';
import { BACK_REGIONS, FRONT_REGIONS } from './body.js';
import {
  ATTRIBUTIONS,
  CONSENT_ANSWERS,
  CONSISTENCY_SCALE,
  DISCLOSURE_RECIPIENTS,
  EPISODE_CONTEXTS,
  EXAMINATION_KINDS,
  FINDING_TYPES,
  FITNESS_VERDICTS,
  LEGAL_BASES,
  PRESENT_ROLES,
} from './events.js';

/*
 * The bodies of the medical endpoints (issue 19), one Zod schema each for validation, types and
 * OpenAPI. The sections an Istanbul Protocol report requires (intl.medical.report) are optional
 * HERE and checked by the decider, so that a missing one is a 422 naming the rule, the field and
 * the section (src/domain/medical/report.ts) rather than a bare 400. Times are ISO 8601 with an
 * offset and come out in UTC.
 */

const name = textLine(200);
const note = textLine(4000);
const at = offsetDateTime.optional().describe('When it took place (default: now); ISO 8601 with an offset');

const PresenceInput = z.object({ role: z.enum(PRESENT_ROLES), name });

/** POST …/examinations: an examination of any kind, linked to its custody episode or prison stay. */
export const ExaminationInput = z.object({
  examination: z.enum(EXAMINATION_KINDS),
  episode: z
    .object({ context: z.enum(EPISODE_CONTEXTS), id: opaqueId })
    .describe('The custody episode or prison stay the examination belongs to'),
  at,
  place: textLine(500).describe('Where: the room and facility'),
  present: z.array(PresenceInput).max(20).optional().describe('Everyone in the room besides the person'),
  staffPresenceReason: note
    .optional()
    .describe('Why police or prison staff were in the room (required when they were)'),
  injuriesNoted: z.boolean().optional().describe('Signs of injury seen: an injury report is due'),
  fitness: z
    .enum(FITNESS_VERDICTS)
    .optional()
    .describe('Fit or unfit for the measure (required before separation)'),
  screening: z
    .object({ hiv: z.enum(SCREENING_OUTCOMES), tb: z.enum(SCREENING_OUTCOMES) })
    .optional()
    .describe(
      'HIV and TB screening on admission or return: done, declined or not done (kz.admission.medical); the results stay in the notes',
    ),
  notes: note.optional().describe('Clinical notes: read by health officials only'),
});
export type ExaminationInput = z.output<typeof ExaminationInput>;

export const BodySiteInput = z.discriminatedUnion('view', [
  z.object({ view: z.literal('front'), region: z.enum(FRONT_REGIONS), detail: name.optional() }),
  z.object({ view: z.literal('back'), region: z.enum(BACK_REGIONS), detail: name.optional() }),
]);

export const PhotographInput = z.object({
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, { message: 'must be the lowercase hex SHA-256 of the photograph' }),
  withScale: z.boolean().describe('A scale was in the picture'),
  takenAt: offsetDateTime,
});

const PhysicalFindingInput = z.object({
  type: z.enum(FINDING_TYPES).optional(),
  site: BodySiteInput.optional().describe('A region of the front or back body diagram'),
  size: z.object({ lengthMm: z.number().min(0).max(2000), widthMm: z.number().min(0).max(2000) }).optional(),
  shape: name.optional(),
  colour: name.optional(),
  estimatedAge: name.optional().describe('The estimated age of the injury, e.g. "3–5 days"'),
  photographs: z.array(PhotographInput).max(50).optional(),
  consistency: z.enum(CONSISTENCY_SCALE).optional(),
});

/** The sections of a report, each required (checked by the decider: intl.medical.report). */
const ReportSections = {
  consent: z
    .object({
      examination: z.enum(CONSENT_ANSWERS).optional(),
      photographs: z.enum(CONSENT_ANSWERS).optional(),
      sharingWithProcurator: z.enum(CONSENT_ANSWERS).optional(),
      note: note.optional(),
    })
    .optional()
    .describe('Itemised informed consent: to be examined, to photographs, to sharing with the procurator'),
  circumstances: z
    .object({
      description: note.optional(),
      present: z.array(PresenceInput).max(20).optional(),
      staffPresenceReason: note.optional(),
    })
    .optional()
    .describe('The circumstances of the examination and who was present (default: the examination’s)'),
  account: z
    .object({
      text: textLine(20000).optional(),
      language: languageTag.optional(),
      interpreter: name.optional(),
      attributedTo: z.enum(ATTRIBUTIONS).optional(),
    })
    .optional()
    .describe('The person’s own account, in their words, with its language and interpreter'),
  physicalFindings: z.array(PhysicalFindingInput).max(200).optional(),
  psychologicalFindings: z
    .object({ text: note.optional(), consistency: z.enum(CONSISTENCY_SCALE).optional() })
    .optional(),
  opinion: z
    .object({ overall: z.enum(CONSISTENCY_SCALE).optional(), interpretation: note.optional() })
    .optional(),
  treatment: z.object({ given: note.optional(), referral: note.optional() }).optional(),
};

/** POST …/reports: a finished report on an examination; with `secondOpinionOf`, a second opinion. */
export const ReportInput = z.object({
  examinationId: opaqueId,
  secondOpinionOf: opaqueId
    .optional()
    .describe('The report this one reviews, by another clinician (kz.medical.second-opinion)'),
  ...ReportSections,
});
export type ReportInput = z.output<typeof ReportInput>;

/** POST …/reports/{id}/amendments: a new version, complete, of the clinician's own report. */
export const AmendmentInput = z.object({
  amends: z.int().min(1).describe('The version amended: the latest'),
  reason: note.describe('Why the report is amended'),
  ...ReportSections,
});
export type AmendmentInput = z.output<typeof AmendmentInput>;

/** POST …/reports/{id}/disclosures (intl.medical.disclosure). */
export const DisclosureInput = z.object({
  version: z.int().min(1).optional().describe('Default: the latest'),
  recipient: z.enum(DISCLOSURE_RECIPIENTS),
  recipientName: name.optional().describe('Who receives it (required for `other`)'),
  legalBasis: z.enum(LEGAL_BASES),
  courtOrder: z.object({ reference: name, court: name }).optional(),
  consent: z
    .object({ givenAt: offsetDateTime, statement: note })
    .optional()
    .describe(
      'The person’s consent to this disclosure, when the report’s itemised consent does not cover it',
    ),
});
export type DisclosureInput = z.output<typeof DisclosureInput>;
