import { z } from 'zod';
import { refuse, type Refusal } from '../decision.js';
import { RegionInput } from './regions.js';
import { textLine } from './text.js';

/** Kinds and populations of DESIGN.md "Interfaces" (POST /facilities). */
export const FACILITY_KINDS = [
  'police-custody',
  'remand-centre',
  'prison',
  'life-prison',
  'open-prison',
] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];
export const POPULATIONS = ['men', 'women', 'juveniles', 'mixed'] as const;
export type Population = (typeof POPULATIONS)[number];

/** The body of POST /facilities and of `createFacility`: one schema for validation, types and OpenAPI. */
export const FacilityInput = z.strictObject({
  name: textLine(200).describe('Official name of the facility'),
  kind: z.enum(FACILITY_KINDS),
  population: z.enum(POPULATIONS).describe('Who it holds; `women` engages kz.cctv.women'),
  region: RegionInput,
});
export type FacilityInput = z.output<typeof FacilityInput>;

export type RegisterFacility = FacilityInput & {
  type: 'register-facility';
  facilityId: string;
  at: string;
  actor: string;
};
export type FacilityCommand = RegisterFacility;

export type FacilityRegistered = {
  type: 'facility-registered';
  /** `region`: the current code since regions are listed; entries written before keep what was typed (src/domain/registry/regions.ts). */
  payload: Omit<FacilityInput, 'region'> & { region: string; facilityId: string; registeredAt: string };
};
export type FacilityEvent = FacilityRegistered;

/** All a decision about a facility needs so far: whether it exists. */
export type Facility = { registered: boolean };

export const facilityStream = (facilityId: string): string => `facility/${facilityId}`;

function registerFacility(command: RegisterFacility, state: Facility): FacilityEvent[] | Refusal {
  if (state.registered) return refuse(`facility ${command.facilityId} is already registered`);
  const { facilityId, name, kind, population, region, at } = command;
  return [
    {
      type: 'facility-registered',
      payload: { facilityId, name, kind, population, region, registeredAt: at },
    },
  ];
}

export const facilityDecider = {
  initialState: { registered: false } as Facility,
  evolve(state: Facility, event: FacilityEvent): Facility {
    switch (event.type) {
      case 'facility-registered':
        return { registered: true };
      default:
        // Events of other kinds in the stream (e.g. the store's erasure notes) change nothing here.
        return state;
    }
  },
  decide(command: FacilityCommand, state: Facility): FacilityEvent[] | Refusal {
    switch (command.type) {
      case 'register-facility':
        return registerFacility(command, state);
      default: {
        const unhandled: never = command.type;
        throw new Error(`unknown command ${String(unhandled)}`);
      }
    }
  },
};
