import { refuse, type Refusal } from '../decision.js';
import { reason } from '../refusals.js';
import type { DeleteFootage, FootageCommand, RegisterFootage } from './commands.js';
import { holdCovers } from './coverage.js';
import type { FootageEvent } from './events.js';
import { evolveFootage } from './evolve.js';
import { initialFootageState, type FootageState } from './state.js';

/*
 * The footage decider (STYLE.md "Deciders"): a reference is registered once, for a window that
 * has ended, and deleted at most once — never while an evidence hold covers it (intl.death.report:
 * all evidence of a death is preserved, footage included; the same keeps what an allegation refers to).
 */

type Decision = FootageEvent[] | Refusal;

const ms = (iso: string): number => Date.parse(iso);

function registerFootage(command: RegisterFootage, state: FootageState): Decision {
  if (state.registered || state.version > 0)
    return refuse(`footage reference ${command.footageId} is already registered`);
  for (const field of ['from', 'to', 'retainUntil'] as const)
    if (Number.isNaN(ms(command[field]))) return refuse(`${field} is not a valid date-time`, { field });
  if (ms(command.to) <= ms(command.from))
    return refuse('the recording must end after it starts: check `from` and `to`', { field: 'to' });
  if (ms(command.to) > ms(command.now))
    return refuse(`${command.to} is in the future: register a recording once it has been made`, {
      field: 'to',
    });
  if (ms(command.retainUntil) < ms(command.to))
    return refuse('the recording cannot be kept until before it ends: check `retainUntil`', {
      field: 'retainUntil',
    });
  return [
    {
      type: 'footage-registered',
      payload: {
        footageId: command.footageId,
        facilityId: command.facilityId,
        camera: command.camera,
        place: command.place,
        from: command.from,
        to: command.to,
        retainUntil: command.retainUntil,
        registeredAt: command.now,
      },
    },
  ];
}

function deleteFootage(command: DeleteFootage, state: FootageState): Decision {
  const footage = state.registered;
  if (!footage) return refuse('there is no footage reference here to delete');
  if (state.deletedAt !== null) return refuse(`the recording was already deleted on ${state.deletedAt}`);
  const covering = command.holds.filter((hold) => holdCovers(hold, footage));
  if (covering.length > 0) {
    const names = covering.map((hold) => `evidence hold ${hold.holdId}`).join(', ');
    return refuse(
      `the recording is under ${names}: it cannot be deleted until ${covering.length === 1 ? 'the hold is' : 'the holds are'} released`,
      // The facility learns that a hold exists, not what it refers to; a death is no secret to it.
      covering.some((hold) => hold.basis === 'death')
        ? { rule: 'intl.death.report', reason: reason('footage.held', { holds: covering.length }) }
        : {},
    );
  }
  return [{ type: 'footage-deleted', payload: { reason: command.reason, deletedAt: command.now } }];
}

/** The footage context's pure core; usable by src/app/execute.ts. */
export const footageDecider = {
  initialState: initialFootageState,
  evolve: evolveFootage,
  decide(command: FootageCommand, state: FootageState): Decision {
    switch (command.type) {
      case 'register-footage':
        return registerFootage(command, state);
      case 'delete-footage':
        return deleteFootage(command, state);
      default: {
        const unhandled: never = command;
        throw new Error(`unknown command ${String((unhandled as { type: unknown }).type)}`);
      }
    }
  },
};
