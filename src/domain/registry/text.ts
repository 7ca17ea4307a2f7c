import { z } from 'zod';

/*
 * Text that goes into the log must be canonicalizable (RFC 8785 rejects lone surrogates) and fit
 * for a register: no control characters, trimmed, Unicode NFC so that the same name typed on two
 * keyboards is the same string.
 */
const LONE_SURROGATE = /\p{Cs}/u;
const CONTROL = /\p{Cc}/u;

/** A line of human text: 1..max characters after trimming and NFC normalisation. */
export function textLine(max: number) {
  return z
    .string()
    .max(max * 4, { message: `at most ${max} characters` })
    .refine((value) => !LONE_SURROGATE.test(value), { message: 'contains an invalid Unicode character' })
    .transform((value) => value.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(1, { message: 'must not be empty' })
        .max(max, { message: `at most ${max} characters` })
        .refine((value) => !CONTROL.test(value), { message: 'must not contain control characters' }),
    );
}

/** An opaque id as issued by Habeas (see src/app/ids.ts), or by an integration: letters, digits, `-`, `_`. */
export const opaqueId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'not a valid id' });
