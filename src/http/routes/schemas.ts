import { z } from 'zod';
import { MAX_PAGE } from '../../app/paging.js';
import { FINDING_KINDS } from '../../domain/custody/events.js';
import { IDENTITY_DOCUMENT_KINDS } from '../../domain/registry/identity-document.js';
import { CORRECTABLE_PERSON_FIELDS } from '../../domain/registry/person-fields.js';
import { opaqueId } from '../../domain/registry/text.js';

/** Response and parameter schemas shared by the API routes (one Zod schema: validation, types, OpenAPI). */

export const Created = z.object({ id: z.string().describe('Opaque id of the new record') });

export const IdParams = z.object({ id: opaqueId });

/** A non-negative integer in a query string (`?index=3`): digits only, so `''`, `-1`, `1e3` and `0x10` are refused. */
export const Count = z
  .string()
  .regex(/^\d{1,15}$/, { message: 'must be a non-negative integer' })
  .transform(Number);

export const Time = z.string().describe('ISO 8601 time in UTC, e.g. 2026-01-31T08:15:00.000Z');

export const FacilityView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  population: z.string(),
  region: z
    .string()
    .describe(
      'Region, as its current ISO 3166-2:KZ code (KZ-10 … KZ-79; a facility registered with a legacy alpha ' +
        'code is answered with the current code of the region it named)',
    ),
  registeredAt: Time,
});

export const PersonView = z.object({
  id: z.string(),
  familyName: z.string(),
  givenNames: z.string(),
  patronymic: z.string().nullable(),
  birthDate: z.string().describe('YYYY-MM-DD'),
  sex: z.string(),
  citizenship: z.string().nullable(),
  languages: z.array(z.string()),
  registeredAt: Time,
  facilities: z.array(z.object({ facilityId: z.string(), relation: z.string() })),
  identityDocuments: z
    .array(
      z.object({
        kind: z.enum(IDENTITY_DOCUMENT_KINDS),
        number: z.string(),
        issuedBy: z.string().nullable(),
      }),
    )
    .describe('Identity documents on record; numbers normalised (letters upper case and digits)'),
  corrections: z
    .array(
      z.object({
        seq: z.number().int().describe('The correction’s entry in the log'),
        correctedAt: Time,
        actor: z.string().describe('Account id of who corrected'),
        actorName: z.string().nullable(),
        reason: z.string(),
        changes: z.array(
          z.object({
            field: z.enum(CORRECTABLE_PERSON_FIELDS),
            from: z.unknown().describe('The value replaced'),
            to: z.unknown().describe('The value in force from this correction'),
            correctsSeq: z
              .number()
              .int()
              .nullable()
              .describe(
                'The entry that stated the value replaced: the registration or an earlier correction',
              ),
          }),
        ),
      }),
    )
    .describe('Corrections of the details, oldest first; the registration stays in the log as made'),
  history: z
    .object({
      custody: z.array(
        z.object({
          id: z.string(),
          facilityId: z.string(),
          facilityName: z.string(),
          apprehendedAt: Time,
          endedAt: Time.nullable(),
          status: z.string(),
        }),
      ),
      stays: z.array(
        z.object({
          id: z.string(),
          facilityId: z.string(),
          facilityName: z.string(),
          admittedAt: Time,
          endedAt: Time.nullable(),
          status: z.string(),
        }),
      ),
    })
    .describe('Police custody episodes and prison stays, newest first: only those you may open'),
});

/** Who may call a route, for the OpenAPI document. */
export const AUTHENTICATED: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];

/** A clock of a record at the moment of the answer (custody episodes, complaints, prison stays). */
export const ClockView = z.object({
  rule: z.string().describe('RULES.md id'),
  dueAt: Time,
  state: z.enum(['running', 'met', 'breached', 'stopped']),
  kind: z.enum(FINDING_KINDS),
  pack: z.string(),
  packVersion: z.string(),
  startedAt: Time,
  endedAt: Time.nullable(),
  warning: z
    .union([z.literal(75), z.literal(90)])
    .nullable()
    .describe('Share of the allowed time passed while running'),
  elapsed: z.number(),
});

/** What a finding says, as data: the parameters of its rule's sentence (src/domain/findings.ts). */
export const FindingParams = z
  .record(z.string(), z.unknown())
  .describe(
    'What the finding says as data, by rule: numbers, moments (ISO 8601 UTC), dates, ids and codes. ' +
      'Absent on findings recorded before these were kept',
  );

/** A finding: an entry of the log recording that a rule was missed. */
export const FindingView = z.object({
  seq: z.number().int().describe('The finding’s entry in the log'),
  rule: z.string(),
  kind: z.enum(FINDING_KINDS),
  at: Time.describe('When the norm was missed'),
  detail: z.string().describe('What was missed, in English'),
  params: FindingParams.optional(),
  pack: z.string(),
  packVersion: z.string(),
  recordedAt: Time,
});

/** `limit` of a list: 1..MAX_PAGE. */
export const PageLimit = z
  .string()
  .regex(/^\d{1,3}$/, { message: `must be an integer from 1 to ${MAX_PAGE}` })
  .transform(Number)
  .pipe(z.number().int().min(1).max(MAX_PAGE))
  .optional();

/** `cursor` of a list: the `next` of the previous page. */
export const Cursor = z.string().max(200).optional().describe('`next` of the previous page');

/** A RULES.md id in a filter, e.g. `kz.custody.limit`. */
export const RuleId = z
  .string()
  .regex(/^[a-z]+(\.[a-z-]+)+$/, { message: 'not a rule id (e.g. kz.custody.limit)' })
  .max(100);
