import { isRefusal, type EventMeta, type Refusal } from '../domain/decision.js';
import {
  VersionConflictError,
  type AppendGuard,
  type AppendResult,
  type NewEvent,
  type Store,
} from '../store/types.js';
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

/** Re-decisions after a version conflict before giving up (the 409 reaches the caller). */
const CONFLICT_RETRIES = 3;

/**
 * The write path of a context whose writers race the scheduler (custody, complaints): like
 * `execute`, and on a version conflict — usually the scheduler recording a finding first — it
 * decides again on the fresh stream. It also folds the appended events, so the caller has the new
 * state without reading it back. `fresh` skips reading a stream that cannot exist yet (a new id);
 * `guard` is checked where the append is written (AppendGuard).
 */
export async function decideAndAppendWithState<
  Command extends { actor: string },
  Event extends NewEvent,
  State,
>(
  store: Store,
  stream: string,
  decider: Decider<Command, Event, State>,
  command: Command,
  options: { fresh?: boolean; guard?: AppendGuard } = {},
): Promise<{ result: AppendResult; state: State }> {
  const metaOf = (entry: { seq: number; version: number; at: string; actor: string }): EventMeta => ({
    seq: entry.seq,
    version: entry.version,
    recordedAt: entry.at,
    actor: entry.actor,
  });
  for (let attempt = 0; ; attempt++) {
    const history = options.fresh && attempt === 0 ? [] : await store.readStream(stream);
    const state = history.reduce(
      (current, stored) =>
        decider.evolve(
          current,
          { type: stored.entry.type, payload: stored.payload } as Event,
          metaOf(stored.entry),
        ),
      decider.initialState,
    );
    const decision = decider.decide(command, state);
    if (isRefusal(decision)) throw new RefusedError(decision);
    if (decision.length === 0) return { result: { stream, version: history.length, entries: [] }, state };
    try {
      const result = await store.append({
        stream,
        expectedVersion: history.length,
        actor: command.actor,
        events: decision,
        ...(options.guard ? { guard: options.guard } : {}),
      });
      const after = decision.reduce((current, event, i) => {
        const entry = result.entries[i];
        return entry ? decider.evolve(current, event, metaOf(entry)) : current;
      }, state);
      return { result, state: after };
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt >= CONFLICT_RETRIES) throw error;
    }
  }
}
