import { isRefusal, type EventMeta, type Refusal } from '../domain/decision.js';
import type { AppendResult, NewEvent, Store } from '../store/types.js';
import { RefusedError } from './errors.js';

/** A context's pure core (STYLE.md "Deciders"). */
export interface Decider<Command, Event extends NewEvent, State> {
  initialState: State;
  /** `meta` says where the event sits in the log (seq, stream version, server time, actor). */
  evolve(state: State, event: Event, meta: EventMeta): State;
  decide(command: Command, state: State): Event[] | Refusal;
}

/**
 * The one write path (DESIGN.md "Architecture"): read the stream, fold it, decide, append with
 * the version seen. A concurrent writer makes the append fail with VersionConflictError (409);
 * a refusal becomes a RefusedError (422). Nothing is appended when the decision is empty.
 */
export async function execute<Command extends { actor: string }, Event extends NewEvent, State>(
  store: Store,
  stream: string,
  decider: Decider<Command, Event, State>,
  command: Command,
): Promise<AppendResult> {
  const history = await store.readStream(stream);
  const state = history.reduce(
    (current, stored) =>
      decider.evolve(current, { type: stored.entry.type, payload: stored.payload } as Event, {
        seq: stored.entry.seq,
        version: stored.entry.version,
        recordedAt: stored.entry.at,
        actor: stored.entry.actor,
      }),
    decider.initialState,
  );
  const decision = decider.decide(command, state);
  if (isRefusal(decision)) throw new RefusedError(decision);
  if (decision.length === 0) return { stream, version: history.length, entries: [] };
  return store.append({ stream, expectedVersion: history.length, actor: command.actor, events: decision });
}
