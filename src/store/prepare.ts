/**
 * Validation of an append at the store's edge, and the per-event work that needs no lock: the
 * payload's canonical text, its salt and its digest (DESIGN.md "Entry"). Done by the caller before
 * queueing, so the sequencer's transaction only assigns seq, time and version.
 */
import { canonicalString, isWellFormed } from '../ledger/canonical.js';
import { SALT_SIZE, payloadDigestOfText } from '../ledger/entry.js';
import type { JsonValue } from '../ledger/json.js';
import { randomFromBlock } from './random.js';
import { InvalidAppendError, type AppendGuard, type AppendRequest } from './types.js';

export interface PreparedEvent {
  type: string;
  payload: JsonValue;
  /** RFC 8785 text of the payload: what is stored, and (with the salt) what the digest covers. */
  payloadText: string;
  salt: Uint8Array;
  digest: string;
}

export interface PreparedAppend {
  stream: string;
  expectedVersion: number | 'any';
  actor: string;
  events: PreparedEvent[];
  /** For an erasure: the seq whose payload and salt this append removes, in the same transaction. */
  erases?: number;
  guard?: AppendGuard;
}

/** Names and ids are short; a longer one is a bug upstream, not a record. */
const MAX_NAME_LENGTH = 1024;

function checkName(what: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_NAME_LENGTH) {
    throw new InvalidAppendError(
      `${what} must be a non-empty string of at most ${MAX_NAME_LENGTH} characters`,
    );
  }
  if (!isWellFormed(value))
    throw new InvalidAppendError(`${what} contains a lone surrogate (not valid Unicode)`);
  return value;
}

export function prepareAppend(request: AppendRequest, erases?: number): PreparedAppend {
  if (typeof request !== 'object' || request === null)
    throw new InvalidAppendError('an append must be an object');
  const stream = checkName('stream', request.stream);
  const actor = checkName('actor', request.actor);
  const { expectedVersion } = request;
  if (expectedVersion !== 'any' && !(Number.isSafeInteger(expectedVersion) && expectedVersion >= 0)) {
    throw new InvalidAppendError('expectedVersion must be a non-negative integer or "any"');
  }
  if (!Array.isArray(request.events) || request.events.length === 0) {
    throw new InvalidAppendError('an append needs at least one event');
  }
  const events = request.events.map((event, i): PreparedEvent => {
    const type = checkName(`events[${i}].type`, event?.type);
    let payloadText: string;
    try {
      payloadText = canonicalString(event.payload);
    } catch (error) {
      throw new InvalidAppendError(`events[${i}].payload is not JSON: ${(error as Error).message}`);
    }
    const salt = randomFromBlock(SALT_SIZE);
    const digest = payloadDigestOfText(salt, payloadText);
    // Projections see exactly what was logged, whatever the caller does with its object meanwhile.
    return { type, payload: JSON.parse(payloadText) as JsonValue, payloadText, salt, digest };
  });
  const { guard } = request;
  if (guard !== undefined) {
    if (typeof guard !== 'object' || guard === null || typeof guard.check !== 'function')
      throw new InvalidAppendError('guard must be an object with a key and a check function');
    checkName('guard.key', guard.key);
  }
  return {
    stream,
    expectedVersion,
    actor,
    events,
    ...(erases !== undefined ? { erases } : {}),
    ...(guard !== undefined ? { guard } : {}),
  };
}
