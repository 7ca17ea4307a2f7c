import { z } from 'zod';
import { ROLES } from '../../access/principal.js';
import { opaqueId, textLine } from '../registry/text.js';
import { SEXES } from '../registry/person.js';

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

/** NIST SP 800-63B: at least 12 characters here, long passphrases welcome, no composition rules. */
export const Password = z
  .string()
  .min(12, { message: 'at least 12 characters' })
  .max(1024, { message: 'at most 1024 characters' });

const access = {
  role: z.enum(ROLES),
  facilities: z.array(opaqueId).max(200).default([]),
  regions: z.array(textLine(100)).max(50).default([]),
  sex: z.enum(SEXES).optional().describe('The official’s sex, where a rule depends on it (kz.cctv.women)'),
};

export const UserInput = z.strictObject({
  username: Username,
  password: Password,
  name: textLine(200),
  ...access,
});
export type UserInput = z.input<typeof UserInput>;

export const TokenInput = z.strictObject({
  name: textLine(200),
  ...access,
});
export type TokenInput = z.input<typeof TokenInput>;

export const AccessChange = z.strictObject({
  role: access.role,
  facilities: access.facilities,
  regions: access.regions,
});
export type AccessChange = z.input<typeof AccessChange>;
