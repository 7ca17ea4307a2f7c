import { z } from 'zod';
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
  region: z.string(),
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
});

/** Who may call a route, for the OpenAPI document. */
export const AUTHENTICATED: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
