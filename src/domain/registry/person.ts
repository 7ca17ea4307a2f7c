import { z } from 'zod';
import { COUNTRY_CODES } from './country-codes.js';
import { refuse, type Refusal } from '../decision.js';
import { IdentityDocumentInput, MAX_IDENTITY_DOCUMENTS, type IdentityDocument } from './identity-document.js';
import { opaqueId, textLine } from './text.js';

export const SEXES = ['female', 'male'] as const;

/** A BCP 47 language tag, canonicalised (`kk-cyrl` → `kk-Cyrl`). */
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

/**
 * The body of POST /people (DESIGN.md "Interfaces") and of `createPerson`. The identity fields of
 * intl.register.minimum; `facilityId` names the registering facility (required for officers with
 * several facilities, see src/access/scopes.ts).
 */
export const PersonInput = z.strictObject({
  familyName: textLine(200),
  givenNames: textLine(200),
  patronymic: textLine(200).optional(),
  birthDate: z.iso.date({ message: 'must be a calendar date YYYY-MM-DD' }),
  sex: z.enum(SEXES),
  citizenship: z
    .string()
    .transform((code) => code.toUpperCase())
    .refine((code) => COUNTRY_CODES.has(code), { message: 'must be an ISO 3166-1 alpha-2 country code' })
    .optional()
    .describe('ISO 3166-1 alpha-2; omit for stateless persons'),
  languages: z.array(languageTag).max(20).optional().describe('Languages the person understands (BCP 47)'),
  identityDocuments: z
    .array(IdentityDocumentInput)
    .max(MAX_IDENTITY_DOCUMENTS)
    .optional()
    .describe(
      'Identity documents the person holds (kinds: iin, passport, id-card, birth-certificate, residence-permit, other). ' +
        'An officer of another facility reaches the person’s record only by one of them (POST /people/lookup).',
    ),
  facilityId: opaqueId.optional(),
});
export type PersonInput = z.output<typeof PersonInput>;

export type RegisterPerson = {
  type: 'register-person';
  personId: string;
  familyName: string;
  givenNames: string;
  patronymic?: string | undefined;
  birthDate: string;
  sex: (typeof SEXES)[number];
  citizenship?: string | undefined;
  languages?: string[] | undefined;
  identityDocuments?:
    { kind: IdentityDocument['kind']; number: string; issuedBy?: string | undefined }[] | undefined;
  /** The registering facility; null when registered centrally (CLI, integration). */
  facilityId: string | null;
  at: string;
  actor: string;
};
export type PersonCommand = RegisterPerson;

export type PersonRegistered = {
  type: 'person-registered';
  payload: {
    personId: string;
    familyName: string;
    givenNames: string;
    patronymic: string | null;
    birthDate: string;
    sex: (typeof SEXES)[number];
    citizenship: string | null;
    languages: string[];
    /** Numbers normalised (normaliseDocumentNumber); absent in registrations made before issue 17. */
    identityDocuments?: IdentityDocument[];
    facilityId: string | null;
    registeredAt: string;
  };
};
export type PersonEvent = PersonRegistered;

export type Person = { registered: boolean };

export const personStream = (personId: string): string => `person/${personId}`;

/** No register holds people born before this; an earlier date is a typing error. */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

/** The calendar date somewhere on Earth (UTC+14) at `at`: a birth registered from any time zone is never "in the future". */
function latestCalendarDate(at: string): string {
  return new Date(Date.parse(at) + 14 * 3_600_000).toISOString().slice(0, 10);
}

function registerPerson(command: RegisterPerson, state: Person): PersonEvent[] | Refusal {
  if (state.registered) return refuse(`person ${command.personId} is already registered`);
  if (command.birthDate > latestCalendarDate(command.at))
    return refuse('the birth date is in the future', { field: 'birthDate' });
  if (command.birthDate < EARLIEST_BIRTH_DATE)
    return refuse(`the birth date is before ${EARLIEST_BIRTH_DATE}`, { field: 'birthDate' });
  const documents = command.identityDocuments ?? [];
  const keys = documents.map((document) => `${document.kind} ${document.number}`);
  if (new Set(keys).size !== keys.length)
    return refuse('the same identity document is listed twice', { field: 'identityDocuments' });
  return [
    {
      type: 'person-registered',
      payload: {
        personId: command.personId,
        familyName: command.familyName,
        givenNames: command.givenNames,
        patronymic: command.patronymic ?? null,
        birthDate: command.birthDate,
        sex: command.sex,
        citizenship: command.citizenship ?? null,
        languages: [...new Set(command.languages ?? [])],
        identityDocuments: documents.map((document) => ({
          kind: document.kind,
          number: document.number,
          issuedBy: document.issuedBy ?? null,
        })),
        facilityId: command.facilityId,
        registeredAt: command.at,
      },
    },
  ];
}

export const personDecider = {
  initialState: { registered: false } as Person,
  evolve(state: Person, event: PersonEvent): Person {
    switch (event.type) {
      case 'person-registered':
        return { registered: true };
      default:
        // Events of other kinds in the stream (e.g. the store's erasure notes) change nothing here.
        return state;
    }
  },
  decide(command: PersonCommand, state: Person): PersonEvent[] | Refusal {
    switch (command.type) {
      case 'register-person':
        return registerPerson(command, state);
      default: {
        const unhandled: never = command.type;
        throw new Error(`unknown command ${String(unhandled)}`);
      }
    }
  },
};
