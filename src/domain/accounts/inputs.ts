import { z } from 'zod';
import { ROLES } from '../../access/principal.js';
import { RegionInput } from '../registry/regions.js';
import { opaqueId, textLine } from '../registry/text.js';
import { SEXES } from '../registry/person.js';
import { MIN_PASSWORD_LENGTH, passwordWeakness } from './password-strength.js';

/** Login names: lower case, so `Aigerim` and `aigerim` are one account. */
export const Username = z
  .string()
  .max(64)
  .transform((name) => name.trim().toLowerCase())
  .pipe(
    z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, {
      message: '2 to 64 letters a-z, digits, dot, dash or underscore, starting with a letter or digit',
    }),
  );

/**
 * NIST SP 800-63B: at least 12 characters here, long passphrases welcome, no composition rules,
 * nothing guessed first (./password-strength.ts says why, and the refusal says which).
 */
export const Password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { message: `at least ${MIN_PASSWORD_LENGTH} characters` })
  .max(1024, { message: 'at most 1024 characters' })
  .superRefine((password, context) => {
    // Too short for .min() has been said already (passwordWeakness counts characters, not UTF-16 units).
    if (password.length < MIN_PASSWORD_LENGTH) return;
    const weakness = passwordWeakness(password);
    if (weakness !== null) context.addIssue({ code: 'custom', message: weakness });
  });

const access = {
  role: z.enum(ROLES),
  facilities: z.array(opaqueId).max(200).default([]),
  regions: z
    .array(RegionInput)
    .max(50)
    .default([])
    .describe(
      'Regions of the scope (ISO 3166-2:KZ; legacy alpha codes stored as the current code); none: national',
    ),
  sex: z.enum(SEXES).optional().describe('The official’s sex, where a rule depends on it (kz.cctv.women)'),
};

/** Callers pass regions as typed (a CLI option, a test's list); the schema checks each at run time. */
type RegionsAsTyped<T extends { regions?: unknown }> = Omit<T, 'regions'> & { regions?: string[] };

export const UserInput = z.strictObject({
  username: Username,
  password: Password,
  name: textLine(200),
  ...access,
});
export type UserInput = RegionsAsTyped<z.input<typeof UserInput>>;

export const TokenInput = z.strictObject({
  name: textLine(200),
  ...access,
});
export type TokenInput = RegionsAsTyped<z.input<typeof TokenInput>>;

export const AccessChange = z.strictObject({
  role: access.role,
  facilities: access.facilities,
  regions: access.regions,
});
export type AccessChange = RegionsAsTyped<z.input<typeof AccessChange>>;

/** Why an administrator disables, enables or resets an account or revokes a token: recorded in the log with the change. */
export const AccountReason = textLine(500).describe(
  'Why: recorded in the log with the change (e.g. "left the service", "password forgotten")',
);

/** POST /users/{id}/disable, /users/{id}/enable, /tokens/{id}/revoke. */
export const AccountChangeInput = z.strictObject({ reason: AccountReason });
export type AccountChangeInput = z.input<typeof AccountChangeInput>;

/** POST /users/{id}/password: a temporary password the administrator gives the person. */
export const PasswordResetInput = z.strictObject({ password: Password, reason: AccountReason });
export type PasswordResetInput = z.input<typeof PasswordResetInput>;
