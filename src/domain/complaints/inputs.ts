import { z } from 'zod';
import { offsetDateTime } from '../custody/inputs.js';
import { RegionInput } from '../registry/regions.js';
import { opaqueId, textLine } from '../registry/text.js';
import {
  ALLEGATION_DECISIONS,
  COMPLAINT_CATEGORIES,
  CONCERNED_OFFICES,
  COURT_OUTCOMES,
  PROTECTION_DECISIONS,
  RECEIVED_CHANNELS,
  SENTENCE_KINDS,
} from './events.js';

/*
 * The bodies of the complaint endpoints (issue 4; DESIGN.md "Interfaces", /complaints rows). One
 * Zod schema each gives validation, types and OpenAPI. Sizes of sealed payloads are checked by the
 * service (a 413, not a 422): see MAX_SEALED_TEXT_BYTES.
 */

/** A sealed text complaint's ciphertext is at most 1 MiB; recordings come as media. */
export const MAX_SEALED_TEXT_BYTES = 1024 * 1024;
/** A sealed media blob (audio, video, a scan) is at most 50 MiB. */
export const MAX_SEALED_MEDIA_BYTES = 50 * 1024 * 1024;
/** Characters of a complaint's or an answer's text typed by an officer. */
export const MAX_TEXT_CHARACTERS = 100_000;

/** The interface languages, which are also the languages a kiosk complaint is written in. */
export const COMPLAINT_LANGUAGES = ['kk', 'ru', 'en'] as const;

const LONE_SURROGATE = /\p{Cs}/u;
const CONTROL = /\p{Cc}/u;
/** Control characters other than tab, line feed and carriage return. */
const hasControlButLines = (value: string): boolean => CONTROL.test(value.replace(/[\t\n\r]/g, ''));

/** Text of several lines (a complaint, an answer): NFC, trimmed, not empty, no control characters but line breaks and tabs. */
export function textBlock(max: number) {
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
        .refine((value) => !hasControlButLines(value), {
          message: 'must not contain control characters',
        }),
    );
}

const base64 = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'must be standard base64 (RFC 4648 §4) with padding' });

/** `{enc, ciphertext}` as @hpke/core (or any RFC 9180 implementation) produced them, base64. */
export const SealedInput = z
  .strictObject({
    enc: base64(64).describe('The encapsulated key (RFC 9180 `enc`), 32 bytes, base64'),
    // The body limit bounds it; the service answers 413 above MAX_SEALED_TEXT_BYTES of ciphertext.
    ciphertext: base64(4 * 1024 * 1024).describe(
      'AES-256-GCM ciphertext with its tag, base64; at most 1 MiB raw',
    ),
  })
  .describe('Sealed to GET /api/v1/sealing/key with info "habeas/complaint/v1" (RFC 9180 base mode)');

const Complainant = z
  .strictObject({ personId: opaqueId })
  .nullable()
  .optional()
  .describe('Who complains, from the facility’s roll; null or absent: anonymous');

/**
 * kz.allegation.conflict: the complaint is about the actions of a procurator's or an investigator's
 * own office. A routing fact outside the sealed text, like the category: such a complaint goes to
 * the investigating judge, never to the procurator, and is not sealed to the procurator's key.
 */
export const ConcernsInput = z
  .strictObject({
    office: z
      .enum(CONCERNED_OFFICES)
      .describe('Whose actions the complaint is about: a procurator’s or an investigator’s'),
    region: RegionInput.describe('The region of the office complained of (ISO 3166-2:KZ)'),
  })
  .describe(
    'kz.allegation.conflict: a complaint about a procurator’s or an investigator’s own office goes to the investigating judge, never to the procurator; send no sealedFor with it',
  );
export type ConcernsInput = z.output<typeof ConcernsInput>;

/** The copies sealed to other recipients than the complaints authority (issue 18 item 5). */
export const SealedForInput = z
  .strictObject({
    procurator: SealedInput.describe(
      'The same plaintext sealed to GET /api/v1/sealing/procurator-key: a torture-or-ill-treatment complaint only',
    ),
  })
  .describe(
    'Required for a torture-or-ill-treatment complaint once the procurator’s office has its key; refused for any other category',
  );

/** POST /complaints (kiosk): the complaint as sealed in the terminal, and the PIN for its status. */
export const KioskComplaintInput = z.strictObject({
  facilityId: opaqueId.describe('The kiosk’s facility'),
  category: z.enum(COMPLAINT_CATEGORIES),
  sealed: SealedInput,
  sealedFor: SealedForInput.optional(),
  concerns: ConcernsInput.optional(),
  pin: z
    .string()
    .regex(/^[0-9]{4,8}$/, { message: 'must be 4 to 8 digits' })
    .describe('Chosen by the complainant to see the status later; never stored in the log'),
  complainant: Complainant,
  protectionRequested: z.boolean().optional().describe('Special protection (kz.transfer.protection)'),
  transferRequested: z.boolean().optional().describe('A transfer (kz.transfer.protection)'),
});
export type KioskComplaintInput = z.output<typeof KioskComplaintInput>;

/** POST /complaints/received (complaints officer): a complaint that came by another channel, sealed on arrival. */
export const ReceivedComplaintInput = z.strictObject({
  facilityId: opaqueId.describe('The facility the complaint is about or comes from'),
  channel: z.enum(RECEIVED_CHANNELS),
  category: z.enum(COMPLAINT_CATEGORIES),
  text: textBlock(MAX_TEXT_CHARACTERS).describe(
    'Sealed to the authority’s key at once; only ciphertext is stored',
  ),
  language: z.enum(COMPLAINT_LANGUAGES).optional().describe('The language of the text (default ru)'),
  complainant: Complainant,
  concerns: ConcernsInput.optional(),
  protectionRequested: z.boolean().optional(),
  transferRequested: z.boolean().optional(),
  receivedAt: offsetDateTime
    .optional()
    .describe('When the authority received it (default now); starts intl.complaint.answer'),
});
export type ReceivedComplaintInput = z.output<typeof ReceivedComplaintInput>;

/** POST /complaints/{reference}/answer. */
export const AnswerInput = z.strictObject({
  answer: textBlock(MAX_TEXT_CHARACTERS).describe('Sealed to the authority’s key like the complaint'),
});

/** POST /complaints/{reference}/close. */
export const CloseInput = z.strictObject({ reason: textLine(1000) });

/**
 * POST /complaints/{reference}/route (complaints officer; issue 18 item 9): to the procurator, with
 * the reason (a complaint filed under another category that alleges torture or ill-treatment); or
 * to the investigating judge (kz.allegation.conflict), with the office it is about.
 */
export const RouteInput = z.discriminatedUnion('to', [
  z.strictObject({
    to: z.literal('procurator').describe('Where the complaint goes: the procurator (kz.torture.referral)'),
    reason: textLine(2000).describe('Why, e.g. “the complaint about conditions describes a beating”'),
  }),
  z.strictObject({
    to: z
      .literal('investigating-judge')
      .describe('Where the complaint goes: the investigating judge (kz.allegation.conflict)'),
    concerns: ConcernsInput,
    reason: textLine(2000).describe('Why, e.g. “the complaint describes the investigator’s threats”'),
  }),
]);
export type RouteInput = z.output<typeof RouteInput>;

/** POST /judge/allegations/{reference}/order (investigating judge; kz.allegation.conflict). */
export const JudgeOrderInput = z.strictObject({
  orderedAt: offsetDateTime.describe('When the investigation was ordered (never in the future)'),
  investigateBy: textLine(200).describe(
    'The body ordered to investigate, e.g. “Anti-Corruption Agency, Astana”',
  ),
  caseNumber: textLine(100).optional().describe('The criminal case (e.g. the ERDR number), if known'),
});
export type JudgeOrderInput = z.output<typeof JudgeOrderInput>;

/** POST /allegations/{reference}/decisions (procurator). */
export const AllegationDecisionInput = z.strictObject({
  decision: z.enum(ALLEGATION_DECISIONS),
  caseNumber: textLine(100).optional().describe('The criminal case; required when joined (kz.cases.joined)'),
  joinedWith: z
    .string()
    .max(40)
    .optional()
    .describe('The reference of another allegation joined in the same case'),
  reason: textLine(2000).optional().describe('Required when discontinued'),
});
export type AllegationDecisionInput = z.output<typeof AllegationDecisionInput>;

/** An official named by the procurator (name and post), as identified and as suspended. */
const official = textLine(300);

/**
 * POST /allegations/{reference}/outcomes (procurator): what else the case shows, each a record of
 * its own (kz.torture.suspension, kz.torture.sentencing, kz.evidence.inadmissible). `at` is when it
 * happened, never in the future.
 */
export const AllegationOutcomeInput = z.discriminatedUnion('kind', [
  z
    .strictObject({
      kind: z.literal('suspects-identified'),
      officials: z
        .array(official)
        .min(1, { message: 'name at least one official' })
        .max(50)
        .describe('Each official identified as a suspected perpetrator; each starts a 24 h clock'),
      at: offsetDateTime.describe('When they were identified'),
    })
    .describe('kz.torture.suspension: suspected perpetrators identified'),
  z
    .strictObject({
      kind: z.literal('official-suspended'),
      official: official.describe('One of the officials identified, as identified'),
      at: offsetDateTime.describe('When the official was suspended'),
      by: textLine(300).describe('Who ordered the suspension'),
    })
    .describe('kz.torture.suspension: an identified official suspended from duty'),
  z
    .strictObject({
      kind: z.literal('court-outcome'),
      at: offsetDateTime.describe('When the court decided'),
      outcome: z.enum(COURT_OUTCOMES),
      article: textLine(200).describe('The article applied, e.g. "ст. 146 УК РК"'),
      reclassified: z.boolean().describe('Torture reclassified as a lesser offence'),
      sentence: z
        .strictObject({
          kind: z.enum(SENTENCE_KINDS),
          months: z.number().int().min(0).max(1200).optional(),
        })
        .optional()
        .describe('Required when convicted'),
      pleaBargain: z.boolean(),
    })
    .describe(
      'kz.torture.sentencing: recorded as decided; reclassified, suspended or plea-bargained is a flag',
    ),
  z
    .strictObject({
      kind: z.literal('evidence-excluded'),
      at: offsetDateTime.describe('When the evidence was excluded'),
      description: textLine(2000).describe('What evidence, obtained under torture'),
    })
    .describe('kz.evidence.inadmissible: evidence excluded from the case'),
]);
export type AllegationOutcomeInput = z.output<typeof AllegationOutcomeInput>;

/** POST /protection-requests/{id}/decision (governor). */
export const ProtectionDecisionInput = z.strictObject({
  decision: z.enum(PROTECTION_DECISIONS),
  reason: textLine(2000),
});
export type ProtectionDecisionInput = z.output<typeof ProtectionDecisionInput>;

/** The plaintext a kiosk seals and an opening returns (issue 4 "Sealed plaintext format"). */
export const SealedComplaintContent = z.looseObject({
  v: z.literal(1),
  text: z.string(),
  language: z.enum(COMPLAINT_LANGUAGES),
  writtenAt: z.string(),
  media: z.array(z.unknown()),
});
export type SealedComplaintContent = z.output<typeof SealedComplaintContent>;
