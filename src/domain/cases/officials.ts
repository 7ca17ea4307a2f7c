import { refuse, type EventMeta, type Refusal } from '../decision.js';

/*
 * The register of officials (issue 20 item 2): police, penitentiary, investigation and procuracy
 * staff that suspects and defendants refer to, one stream each (`official/<id>`, the id opaque and
 * random), so that one official named in several cases is one person and every case names them the
 * same way. Read by the procurator and the judge only (src/access/policy.ts `official.*`).
 */

export const officialStream = (officialId: string): string => `official/${officialId}`;

export const officialIdOfStream = (stream: string): string | null =>
  stream.startsWith('official/') ? stream.slice('official/'.length) : null;

export const OFFICIAL_AGENCIES = [
  'police',
  'penitentiary',
  'investigation',
  'procuracy',
  'national-security',
  'anti-corruption',
  'military',
  'other',
] as const;
export type OfficialAgency = (typeof OFFICIAL_AGENCIES)[number];

export type OfficialDetails = {
  name: string;
  position: string;
  agency: OfficialAgency;
  /** The facility they serve at, when it is in the register. */
  facilityId: string | null;
  /** The unit or department (free text), when there is no facility. */
  unit: string | null;
  /** ISO 3166-2:KZ. */
  region: string;
};

export type OfficialRegistered = {
  type: 'official-registered';
  payload: OfficialDetails & { officialId: string; recordedAt: string };
};

/** A change of post, agency, unit or a corrected name; the earlier details stay in the stream. */
export type OfficialUpdated = {
  type: 'official-updated';
  payload: OfficialDetails & { reason: string; recordedAt: string };
};

export type OfficialEvent = OfficialRegistered | OfficialUpdated;
export const OFFICIAL_EVENT_TYPES = [
  'official-registered',
  'official-updated',
] as const satisfies readonly OfficialEvent['type'][];

export type OfficialState = {
  officialId: string | null;
  details: OfficialDetails | null;
  history: (OfficialDetails & { seq: number; at: string })[];
  version: number;
};

export const initialOfficialState: OfficialState = {
  officialId: null,
  details: null,
  history: [],
  version: 0,
};

export function evolveOfficial(state: OfficialState, event: OfficialEvent, meta: EventMeta): OfficialState {
  const { name, position, agency, facilityId, unit, region } = event.payload;
  const details = { name, position, agency, facilityId, unit, region };
  return {
    officialId: event.type === 'official-registered' ? event.payload.officialId : state.officialId,
    details,
    history: [...state.history, { ...details, seq: meta.seq, at: meta.recordedAt }],
    version: meta.version,
  };
}

export type OfficialCommand =
  | { type: 'register-official'; officialId: string; details: OfficialDetails; now: string; actor: string }
  | { type: 'update-official'; details: OfficialDetails; reason: string; now: string; actor: string };

export function decideOfficial(command: OfficialCommand, state: OfficialState): OfficialEvent[] | Refusal {
  switch (command.type) {
    case 'register-official':
      if (state.details !== null) return refuse('this official is already registered');
      return [
        {
          type: 'official-registered',
          payload: { ...command.details, officialId: command.officialId, recordedAt: command.now },
        },
      ];
    case 'update-official': {
      if (state.details === null) return refuse('there is no such official in the register');
      const { details } = command;
      const current = state.details;
      const same = (Object.keys(details) as (keyof OfficialDetails)[]).every(
        (key) => details[key] === current[key],
      );
      if (same) return [];
      return [
        {
          type: 'official-updated',
          payload: { ...details, reason: command.reason, recordedAt: command.now },
        },
      ];
    }
  }
}

export const officialDecider = {
  initialState: initialOfficialState,
  evolve: evolveOfficial,
  decide: decideOfficial,
};
