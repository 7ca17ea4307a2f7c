/**
 * Reading the log back: entries, and entries with their payloads. Plain functions over a database
 * or a transaction (STYLE.md "SQL").
 */
import type { Kysely } from 'kysely';
import type { Entry } from '../ledger/entry.js';
import type { JsonValue } from '../ledger/json.js';
import type { Database } from './database.js';
import { StreamIntegrityError, type StoredEvent } from './types.js';

export type EventWithSalt = StoredEvent & { salt: Uint8Array | null };

const ENTRY_COLUMNS = ['e.seq', 'e.at', 'e.stream', 'e.version', 'e.type', 'e.actor', 'e.digest'] as const;
/** An entry and its payload row (`entries as e` left-joined to `payloads as p`). */
const EVENT_COLUMNS = [...ENTRY_COLUMNS, 'p.payload', 'p.salt', 'p.erased'] as const;

function withPayloads(db: Kysely<Database>) {
  return db.selectFrom('entries as e').leftJoin('payloads as p', 'p.seq', 'e.seq').select(EVENT_COLUMNS);
}

type EventRow = {
  seq: number;
  at: string;
  stream: string;
  version: number;
  type: string;
  actor: string;
  digest: string;
  payload: string | null;
  salt: Uint8Array | null;
  erased: number | null;
};

function toEvent(row: EventRow): EventWithSalt {
  const entry: Entry = {
    seq: row.seq,
    at: row.at,
    stream: row.stream,
    version: row.version,
    type: row.type,
    actor: row.actor,
    digest: row.digest,
  };
  const erased = row.erased === 1 || row.payload === null;
  return {
    entry,
    payload: erased ? null : (JSON.parse(row.payload as string) as JsonValue),
    erased,
    salt: erased ? null : row.salt,
  };
}

/** Entries with seq in [start, end), in seq order, without payloads. */
export async function selectEntries(db: Kysely<Database>, start: number, end: number): Promise<Entry[]> {
  return db
    .selectFrom('entries')
    .select(['seq', 'at', 'stream', 'version', 'type', 'actor', 'digest'])
    .where('seq', '>=', start)
    .where('seq', '<', end)
    .orderBy('seq')
    .execute();
}

/** Entries with seq in [start, end) and their payloads and salts, in seq order. */
export async function selectEvents(
  db: Kysely<Database>,
  start: number,
  end: number,
): Promise<EventWithSalt[]> {
  const rows = await withPayloads(db)
    .where('e.seq', '>=', start)
    .where('e.seq', '<', end)
    .orderBy('e.seq')
    .execute();
  return rows.map(toEvent);
}

/** The query selectStream runs (exported so a test can hold SQLite's plan for it). */
export function streamQuery(db: Kysely<Database>, stream: string) {
  return (
    db
      .withRecursive('chain(seq)', (qb) =>
        qb
          .selectFrom('streams')
          .select('last_seq as seq')
          .where('name', '=', stream)
          .unionAll((next) =>
            next
              .selectFrom('entries')
              .innerJoin('chain', 'chain.seq', 'entries.seq')
              .select('entries.prev as seq')
              .where('entries.prev', 'is not', null)
              .$narrowType<{ seq: number }>(),
          ),
      )
      .selectFrom('chain as c')
      .innerJoin('entries as e', 'e.seq', 'c.seq')
      .leftJoin('payloads as p', 'p.seq', 'e.seq')
      .select(EVENT_COLUMNS)
      // By the chain's column, not the entries': ordered by e.seq, SQLite prefers walking the whole
      // entries table in seq order (no sort) to looking each link up — 1.6 ms instead of 25 µs.
      .orderBy('c.seq')
  );
}

/**
 * Every event of one stream, in version order: from the stream's last entry back along `prev`
 * (migration 0007), each step a primary-key lookup. The chain is checked against the entries' own
 * stream and versions, which the Merkle leaves cover: a link altered in the tables is refused, not
 * served as the stream's history.
 */
export async function selectStream(db: Kysely<Database>, stream: string): Promise<StoredEvent[]> {
  const rows = await streamQuery(db, stream).execute();
  return rows.map((row, i) => {
    if (row.stream !== stream || row.version !== i) throw new StreamIntegrityError(stream);
    const { salt: _salt, ...event } = toEvent(row);
    return event;
  });
}
