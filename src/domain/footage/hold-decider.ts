import { refuse, type Refusal } from '../decision.js';
import { reason } from '../refusals.js';
import type { EvidenceHoldCommand, PlaceEvidenceHold, ReleaseEvidenceHold } from './commands.js';
import type { EvidenceHoldEvent, HoldBasis } from './events.js';
import { evolveEvidenceHold } from './evolve.js';
import { initialEvidenceHoldState, type EvidenceHoldState } from './state.js';

/*
 * The evidence-hold decider (STYLE.md "Deciders"): a hold is placed once over a window that has
 * begun, and released once. A hold on a death (intl.death.report) or on an allegation of torture
 * (kz.torture.referral: allegations are the procurator's, and no other body closes them) is
 * released only by the procurator.
 */

type Decision = EvidenceHoldEvent[] | Refusal;

const ms = (iso: string): number => Date.parse(iso);

/** Holds that only the procurator releases, with the rule that says so. */
export const PROCURATOR_RELEASES: Partial<Record<HoldBasis, string>> = {
  death: 'intl.death.report',
  allegation: 'kz.torture.referral',
};

function placeEvidenceHold(command: PlaceEvidenceHold, state: EvidenceHoldState): Decision {
  if (state.placed || state.version > 0) return refuse(`evidence hold ${command.holdId} is already placed`);
  for (const field of ['from', 'to'] as const)
    if (Number.isNaN(ms(command[field]))) return refuse(`${field} is not a valid date-time`, { field });
  if (ms(command.to) <= ms(command.from))
    return refuse('the window held must end after it starts: check `from` and `to`', { field: 'to' });
  if (ms(command.from) > ms(command.now))
    return refuse(`${command.from} is in the future: a hold keeps footage that has been recorded`, {
      field: 'from',
    });
  return [
    {
      type: 'evidence-hold-placed',
      payload: {
        holdId: command.holdId,
        facilityId: command.facilityId,
        place: command.place,
        from: command.from,
        to: command.to,
        basis: command.basis,
        reference: command.reference,
        reason: command.reason,
        placedAt: command.now,
        placedByRole: command.placedByRole,
      },
    },
  ];
}

function releaseEvidenceHold(command: ReleaseEvidenceHold, state: EvidenceHoldState): Decision {
  const hold = state.placed;
  if (!hold) return refuse('there is no evidence hold here to release');
  const rule = PROCURATOR_RELEASES[hold.basis];
  if (rule !== undefined && command.releasedByRole !== 'procurator')
    return refuse(
      `a hold on ${hold.basis === 'death' ? 'a death in custody' : 'an allegation of torture or ill-treatment'} is released only by the procurator`,
      {
        rule,
        reason: reason('hold.procurator-only', { basis: hold.basis === 'death' ? 'death' : 'allegation' }),
      },
    );
  if (state.releasedAt !== null) return refuse(`the hold was already released on ${state.releasedAt}`);
  return [
    {
      type: 'evidence-hold-released',
      payload: { reason: command.reason, releasedAt: command.now, releasedByRole: command.releasedByRole },
    },
  ];
}

/** The evidence-hold context's pure core; usable by src/app/execute.ts. */
export const evidenceHoldDecider = {
  initialState: initialEvidenceHoldState,
  evolve: evolveEvidenceHold,
  decide(command: EvidenceHoldCommand, state: EvidenceHoldState): Decision {
    switch (command.type) {
      case 'place-evidence-hold':
        return placeEvidenceHold(command, state);
      case 'release-evidence-hold':
        return releaseEvidenceHold(command, state);
      default: {
        const unhandled: never = command;
        throw new Error(`unknown command ${String((unhandled as { type: unknown }).type)}`);
      }
    }
  },
};
