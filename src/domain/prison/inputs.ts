import { z } from 'zod';
import { KZ_INCENTIVES } from '../../rules/kz/prison.js';
import { offsetDateTime } from '../custody/inputs.js';
import { IdentityDocumentRef } from '../registry/identity-document.js';
import { opaqueId, textLine } from '../registry/text.js';
import {
  APPEAL_OUTCOMES,
  EXAMINATION_PURPOSES,
  FAMILY_MEANS,
  SCREENING_OUTCOMES,
  SEARCH_KINDS,
  STAFF_SEXES,
  TRANSFER_REASONS,
  VULNERABILITY_KINDS,
} from './events.js';

/*
 * The bodies of the prison endpoints (issue 5 item 5): POST /prison/admissions and POST
 * /prison/stays/{id}/events. One Zod schema each gives validation, types and OpenAPI. Times are
 * ISO 8601 with an offset and come out in UTC; dates are YYYY-MM-DD (Kazakhstan's calendar).
 */

const name = textLine(200);
const note = textLine(1000);
const at = offsetDateTime.optional().describe('When it happened (default: now); ISO 8601 with an offset');

/** A calendar date, YYYY-MM-DD, that exists. */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date, YYYY-MM-DD' })
  .refine(
    (value) => {
      const parsed = Date.parse(`${value}T00:00:00Z`);
      return !Number.isNaN(parsed) && new Date(parsed).toISOString().startsWith(value);
    },
    {
      message: 'not a calendar date',
    },
  );

const CommitmentOrderObject = z.object({
  reference: textLine(200).describe('The number of the court order or warrant'),
  authority: name.optional().describe('The court or authority that ordered it'),
  issuedOn: calendarDate.optional(),
  grounds: note.optional().describe('The grounds: charge, sentence or measure of restraint'),
});

/** POST /prison/admissions (intl.register.minimum; a transfer from police custody names its episode). */
export const AdmissionInput = z.object({
  personId: opaqueId,
  facilityId: opaqueId.describe('The remand centre or prison admitting the person'),
  admittedAt: offsetDateTime.describe('The moment of admission, ISO 8601 with an offset'),
  commitmentOrder: z
    .union([textLine(500), CommitmentOrderObject])
    .describe('The commitment order: its reference, or {reference, authority, issuedOn, grounds}'),
  custodyId: opaqueId
    .optional()
    .describe(
      'The police custody episode the person is handed over from: its custody unit must have recorded the transfer to this facility',
    ),
  identityDocument: IdentityDocumentRef.optional().describe(
    'The identity document the officer holds, for a person not registered at or held by the officer’s facility (issue 17)',
  ),
  lifeSentence: z
    .boolean()
    .optional()
    .describe('Serving a life sentence (default: the facility is a life prison)'),
  deprivedOfLiberty: z
    .object({ at: offsetDateTime, place: textLine(500), authority: name.optional() })
    .optional()
    .describe(
      'When and where the person was first deprived of liberty (default: the custody episode, else the admission)',
    ),
});
export type AdmissionInput = z.output<typeof AdmissionInput>;

const MedicalExaminedInput = z.object({
  type: z.literal('medical-examined'),
  at,
  examinedBy: name.optional().describe('The doctor (default: the account recording it)'),
  purpose: z.enum(EXAMINATION_PURPOSES).optional(),
  hivScreening: z.enum(SCREENING_OUTCOMES).optional(),
  tbScreening: z.enum(SCREENING_OUTCOMES).optional(),
  bodilyHarm: z.boolean().optional().describe('Signs of bodily harm noted (opens a medical referral)'),
  results: z
    .object({ hiv: name.optional(), tb: name.optional(), notes: note.optional() })
    .optional()
    .describe('Clinical results: recorded and read only by the medical role'),
});
const VulnerabilityRecordedInput = z.object({
  type: z.literal('vulnerability-recorded'),
  kind: z.enum(VULNERABILITY_KINDS),
  from: calendarDate,
  to: calendarDate.optional(),
  worsenedBySeparation: z.boolean().optional(),
  note: note.optional(),
});
const VulnerabilityEndedInput = z.object({
  type: z.literal('vulnerability-ended'),
  kind: z.enum(VULNERABILITY_KINDS),
  on: calendarDate,
});
const PlacedInput = z.object({
  type: z.literal('placed'),
  at,
  unit: textLine(200),
  localName: name.optional().describe('What the facility calls the regime, e.g. quarantine cell'),
  hoursWithoutContact: z.number().min(0).max(24).describe('Hours a day without meaningful human contact'),
});
const BreachReportedInput = z.object({
  type: z.literal('breach-reported'),
  at,
  description: note,
  reportedBy: name.optional(),
});
const DisciplineDecidedInput = z.object({
  type: z.literal('discipline-decided'),
  at,
  measure: textLine(60).describe(
    'warning, reprimand, punishment-block, solitary, dormitory-removal, leave-removal, strict-conditions',
  ),
  days: z.int().min(1).max(3660).optional(),
  // Required, but checked after the rules, so that a measure the law forbids is named as such first.
  reason: note.optional().describe('Why the measure is taken (required)'),
  reportId: opaqueId.optional(),
  startsAt: offsetDateTime.optional().describe('Default: at once, or when the separation in progress ends'),
  informedLanguage: textLine(35).optional().describe('The language the prisoner was informed in (BCP 47)'),
});
const DisciplineAppealedInput = z.object({
  type: z.literal('discipline-appealed'),
  at,
  decisionId: opaqueId,
  to: name.optional(),
});
const AppealDecidedInput = z.object({
  type: z.literal('appeal-decided'),
  at,
  decisionId: opaqueId,
  outcome: z.enum(APPEAL_OUTCOMES),
  days: z.int().min(1).max(3660).optional(),
});
const SeparationEndedInput = z.object({ type: z.literal('separation-ended'), at, reason: note.optional() });
const HealthVisitInput = z.object({ type: z.literal('health-visit'), at, visitedBy: name.optional() });
const ExerciseLoggedInput = z.object({
  type: z.literal('exercise-logged'),
  date: calendarDate,
  minutes: z.int().min(0).max(1440),
});
const IncentiveGrantedInput = z.object({
  type: z.literal('incentive-granted'),
  at,
  incentive: z.enum(KZ_INCENTIVES),
  note: note.optional(),
});
const SearchRecordedInput = z.object({
  type: z.literal('search-recorded'),
  at,
  kind: z.enum(SEARCH_KINDS),
  searchedBy: name,
  searcherSex: z.enum(STAFF_SEXES),
});
const TransferredInput = z.object({
  type: z.literal('transferred'),
  at,
  destinationFacilityId: opaqueId,
  reason: z.enum(TRANSFER_REASONS),
  requestedByPrisoner: z.boolean().optional().describe('Default: true for a protection request, else false'),
  detail: note.optional(),
});
const FamilyNotifiedInput = z.object({
  type: z.literal('family-notified'),
  at,
  contact: name,
  means: z.enum(FAMILY_MEANS),
});
const ReleasedInput = z.object({ type: z.literal('released'), at, reason: note.optional() });
const DiedInput = z.object({
  type: z.literal('died'),
  at,
  circumstances: note,
  cause: note.optional(),
  remainsTo: name.optional(),
});

/** POST /prison/stays/{id}/events: one event, by `type` (STAY_EVENT_TYPES). */
export const StayEventInput = z.discriminatedUnion('type', [
  MedicalExaminedInput,
  VulnerabilityRecordedInput,
  VulnerabilityEndedInput,
  PlacedInput,
  BreachReportedInput,
  DisciplineDecidedInput,
  DisciplineAppealedInput,
  AppealDecidedInput,
  SeparationEndedInput,
  HealthVisitInput,
  ExerciseLoggedInput,
  IncentiveGrantedInput,
  SearchRecordedInput,
  TransferredInput,
  FamilyNotifiedInput,
  ReleasedInput,
  DiedInput,
]);
export type StayEventInput = z.output<typeof StayEventInput>;
