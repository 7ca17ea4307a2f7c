import { z } from 'zod';
import { refuse, type EventMeta, type Refusal } from '../decision.js';
import { IdentityDocumentInput, MAX_IDENTITY_DOCUMENTS, type IdentityDocument } from './identity-document.js';
import {
  citizenshipCode,
  CORRECTABLE_PERSON_FIELDS,
  languageTag,
  sameDetail,
  SEXES,
  type CorrectablePersonField,
  type PersonChange,
  type PersonDetails,
} from './person-fields.js';
import { opaqueId, textLine } from './text.js';

export { SEXES };

/*
 * A person's stream, `person/<id>`: the registration (intl.register.minimum identity fields) and
 * its corrections (issue 18 item 2). Nothing is changed in place: a correction is an entry that
 * names each detail it replaces, the value it had and the entry that stated it, and says why; the
 * registration stays in the log as it was made, and the read model shows the details in force.
 */

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
  citizenship: citizenshipCode.optional().describe('ISO 3166-1 alpha-2; omit for stateless persons'),
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

/**
 * The body of POST /people/{id}/corrections: the details as they should stand (only those that
 * change need be given; each is replaced whole) and why. `null` clears a patronymic, or records
 * the person as stateless.
 */
export const PersonCorrectionInput = z.strictObject({
  familyName: textLine(200).optional(),
  givenNames: textLine(200).optional(),
  patronymic: textLine(200).nullable().optional().describe('null: the person has no patronymic'),
  birthDate: z.iso.date({ message: 'must be a calendar date YYYY-MM-DD' }).optional(),
  sex: z.enum(SEXES).optional(),
  citizenship: citizenshipCode.nullable().optional().describe('ISO 3166-1 alpha-2; null: stateless'),
  languages: z.array(languageTag).max(20).optional().describe('Every language the person understands'),
  identityDocuments: z
    .array(IdentityDocumentInput)
    .max(MAX_IDENTITY_DOCUMENTS)
    .optional()
    .describe('Every identity document on record once corrected (the list replaces the one on record)'),
  reason: textLine(1000).describe('Why the details are corrected, e.g. "citizenship as in the passport"'),
});
export type PersonCorrectionInput = z.output<typeof PersonCorrectionInput>;

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

/** Corrects details of a registered person; the fields absent are left as they stand. */
export type CorrectPerson = {
  type: 'correct-person';
  personId: string;
  familyName?: string | undefined;
  givenNames?: string | undefined;
  patronymic?: string | null | undefined;
  birthDate?: string | undefined;
  sex?: (typeof SEXES)[number] | undefined;
  citizenship?: string | null | undefined;
  languages?: string[] | undefined;
  identityDocuments?:
    { kind: IdentityDocument['kind']; number: string; issuedBy?: string | undefined }[] | undefined;
  reason: string;
  at: string;
  actor: string;
};

export type PersonCommand = RegisterPerson | CorrectPerson;

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

/** Details corrected: each with what it replaced and the entry that stated it; the original stays. */
export type PersonCorrected = {
  type: 'person-corrected';
  payload: {
    personId: string;
    changes: PersonChange[];
    reason: string;
    /** Server time of the correction. */
    correctedAt: string;
  };
};

export type PersonEvent = PersonRegistered | PersonCorrected;

export interface Person {
  registered: boolean;
  /** The details in force; null before the registration, or when its payload was erased. */
  details: PersonDetails | null;
  /** The entry (log seq) that stated each detail in force. */
  statedIn: Partial<Record<CorrectablePersonField, number>>;
}

export const personStream = (personId: string): string => `person/${personId}`;

/** No register holds people born before this; an earlier date is a typing error. */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

/** The calendar date somewhere on Earth (UTC+14) at `at`: a birth registered from any time zone is never "in the future". */
function latestCalendarDate(at: string): string {
  return new Date(Date.parse(at) + 14 * 3_600_000).toISOString().slice(0, 10);
}

type Documents = NonNullable<RegisterPerson['identityDocuments']>;

/** A refusal of the birth date or the documents, or null; the same checks for a registration and a correction. */
function checkDetails(
  birthDate: string | undefined,
  documents: Documents | undefined,
  at: string,
): Refusal | null {
  if (birthDate !== undefined && birthDate > latestCalendarDate(at))
    return refuse('the birth date is in the future', { field: 'birthDate' });
  if (birthDate !== undefined && birthDate < EARLIEST_BIRTH_DATE)
    return refuse(`the birth date is before ${EARLIEST_BIRTH_DATE}`, { field: 'birthDate' });
  const keys = (documents ?? []).map((document) => `${document.kind} ${document.number}`);
  if (new Set(keys).size !== keys.length)
    return refuse('the same identity document is listed twice', { field: 'identityDocuments' });
  return null;
}

const documentsOnRecord = (documents: Documents): IdentityDocument[] =>
  documents.map((document) => ({
    kind: document.kind,
    number: document.number,
    issuedBy: document.issuedBy ?? null,
  }));

function registerPerson(command: RegisterPerson, state: Person): PersonEvent[] | Refusal {
  if (state.registered) return refuse(`person ${command.personId} is already registered`);
  const problem = checkDetails(command.birthDate, command.identityDocuments, command.at);
  if (problem) return problem;
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
        identityDocuments: documentsOnRecord(command.identityDocuments ?? []),
        facilityId: command.facilityId,
        registeredAt: command.at,
      },
    },
  ];
}

/** The details the command states, in the register's form; absent fields are not part of it. */
function statedDetails(command: CorrectPerson): Partial<PersonDetails> {
  const stated: Partial<PersonDetails> = {};
  if (command.familyName !== undefined) stated.familyName = command.familyName;
  if (command.givenNames !== undefined) stated.givenNames = command.givenNames;
  if (command.patronymic !== undefined) stated.patronymic = command.patronymic;
  if (command.birthDate !== undefined) stated.birthDate = command.birthDate;
  if (command.sex !== undefined) stated.sex = command.sex;
  if (command.citizenship !== undefined) stated.citizenship = command.citizenship;
  if (command.languages !== undefined) stated.languages = [...new Set(command.languages)];
  if (command.identityDocuments !== undefined)
    stated.identityDocuments = documentsOnRecord(command.identityDocuments);
  return stated;
}

function correctPerson(command: CorrectPerson, state: Person): PersonEvent[] | Refusal {
  if (!state.registered) return refuse(`there is no person ${command.personId} to correct`);
  const current = state.details;
  if (current === null)
    return refuse('this person’s details were erased from the register: there is nothing to correct');
  if (command.reason.trim() === '') return refuse('say why the details are corrected', { field: 'reason' });
  const problem = checkDetails(command.birthDate, command.identityDocuments, command.at);
  if (problem) return problem;
  const stated = statedDetails(command);
  const changes: PersonChange[] = [];
  for (const field of CORRECTABLE_PERSON_FIELDS) {
    if (!Object.hasOwn(stated, field)) continue;
    const to = stated[field] as PersonDetails[typeof field];
    if (sameDetail(field, current[field], to)) continue;
    changes.push({
      field,
      from: current[field],
      to,
      correctsSeq: state.statedIn[field] ?? null,
    } as PersonChange);
  }
  if (changes.length === 0)
    return refuse('the register already states these details: change at least one', { field: 'changes' });
  return [
    {
      type: 'person-corrected',
      payload: { personId: command.personId, changes, reason: command.reason, correctedAt: command.at },
    },
  ];
}

/** The details a registration states. */
function registeredDetails(payload: PersonRegistered['payload']): PersonDetails {
  return {
    familyName: payload.familyName,
    givenNames: payload.givenNames,
    patronymic: payload.patronymic,
    birthDate: payload.birthDate,
    sex: payload.sex,
    citizenship: payload.citizenship,
    languages: payload.languages,
    identityDocuments: payload.identityDocuments ?? [],
  };
}

/** The details after a correction's changes. */
export function correctedDetails(details: PersonDetails, changes: readonly PersonChange[]): PersonDetails {
  return changes.reduce<PersonDetails>((next, change) => ({ ...next, [change.field]: change.to }), {
    ...details,
  });
}

const hasPayload = (event: { payload: unknown }): boolean =>
  event.payload !== null && typeof event.payload === 'object';

function evolvePerson(state: Person, event: PersonEvent, meta?: EventMeta): Person {
  // `meta` is absent (or not an EventMeta) when a stream is folded without the log's positions.
  const seq = typeof meta === 'object' && meta !== null ? meta.seq : undefined;
  const stated = (fields: readonly CorrectablePersonField[]) =>
    seq === undefined ? {} : Object.fromEntries(fields.map((field) => [field, seq]));
  switch (event.type) {
    case 'person-registered':
      return {
        registered: true,
        // An erased registration: the person stays registered, their details are gone.
        details: hasPayload(event) ? registeredDetails(event.payload) : null,
        statedIn: stated(CORRECTABLE_PERSON_FIELDS),
      };
    case 'person-corrected': {
      if (!hasPayload(event) || state.details === null) return state;
      const { changes } = event.payload;
      return {
        ...state,
        details: correctedDetails(state.details, changes),
        statedIn: { ...state.statedIn, ...stated(changes.map((change) => change.field)) },
      };
    }
    default:
      // Events of other kinds in the stream (e.g. the store's erasure notes) change nothing here.
      return state;
  }
}

export const personDecider = {
  initialState: { registered: false, details: null, statedIn: {} } as Person,
  evolve: evolvePerson,
  decide(command: PersonCommand, state: Person): PersonEvent[] | Refusal {
    switch (command.type) {
      case 'register-person':
        return registerPerson(command, state);
      case 'correct-person':
        return correctPerson(command, state);
      default: {
        const unhandled: never = command;
        throw new Error(`unknown command ${String((unhandled as { type: unknown }).type)}`);
      }
    }
  },
};
