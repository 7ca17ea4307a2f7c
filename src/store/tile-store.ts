/**
 * Tiles in the database (C2SP tlog-tiles, as in Tessera): one row per tile, its hashes concatenated.
 * Repositories are plain functions over a database or a transaction (STYLE.md "SQL").
 */
import type { Kysely } from 'kysely';
import { HASH_SIZE } from '../ledger/hash.js';
import { tileKey, type TileId, type TileReader } from '../ledger/tiles.js';
import { insertRows } from './bulk.js';
import type { Database } from './database.js';

/** SQLite and PostgreSQL both take thousands of parameters; stay well below either limit. */
const ROWS_PER_STATEMENT = 500;

/** The 32-byte hashes of a tile row, as views into the row's bytes (no copy). */
export function splitHashes(blob: Uint8Array): Uint8Array[] {
  const hashes: Uint8Array[] = [];
  for (let at = 0; at < blob.length; at += HASH_SIZE) hashes.push(blob.subarray(at, at + HASH_SIZE));
  return hashes;
}

function joinHashes(hashes: readonly Uint8Array[]): Uint8Array {
  return Buffer.concat(hashes);
}

/** Reads tiles by id in one statement; tiles that are not stored are absent from the map. */
export async function selectTiles(
  db: Kysely<Database>,
  ids: readonly TileId[],
): Promise<Map<string, Uint8Array[]>> {
  const found = new Map<string, Uint8Array[]>();
  if (ids.length === 0) return found;
  const byLevel = new Map<number, number[]>();
  for (const id of ids) {
    const indices = byLevel.get(id.level);
    if (indices) indices.push(id.index);
    else byLevel.set(id.level, [id.index]);
  }
  const rows = await db
    .selectFrom('tiles')
    .select(['level', 'idx', 'hashes'])
    .where((eb) =>
      eb.or(
        [...byLevel].map(([level, indices]) => eb.and([eb('level', '=', level), eb('idx', 'in', indices)])),
      ),
    )
    .execute();
  for (const row of rows) found.set(tileKey({ level: row.level, index: row.idx }), splitHashes(row.hashes));
  return found;
}

/** A TileReader over a database or transaction. */
export function tileReader(db: Kysely<Database>): TileReader {
  return (ids) => selectTiles(db, ids);
}

/** Writes changed tiles whole (they only ever grow), replacing the stored version. */
export async function upsertTiles(
  trx: Kysely<Database>,
  parameterMark: (index: number) => string,
  tiles: readonly { id: TileId; hashes: readonly Uint8Array[] }[],
): Promise<void> {
  for (let at = 0; at < tiles.length; at += ROWS_PER_STATEMENT) {
    await insertRows(
      trx,
      parameterMark,
      'tiles',
      ['level', 'idx', 'hashes'],
      tiles.slice(at, at + ROWS_PER_STATEMENT).map((t) => [t.id.level, t.id.index, joinHashes(t.hashes)]),
      'on conflict (level, idx) do update set hashes = excluded.hashes',
    );
  }
}
