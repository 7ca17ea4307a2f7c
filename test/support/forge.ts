/**
 * What an operator with write access to the database, but not the data directory, can do to the
 * log with public algorithms alone (issue 17): recompute the tree's tiles and the log head from
 * whatever the entries table now says, so that the stored tree is self-consistent again.
 */
import type { Kysely } from 'kysely';
import { entryLeafHash } from '../../src/ledger/entry.js';
import { integrate } from '../../src/ledger/tiles.js';
import type { Database } from '../../src/store/database.js';
import { upsertTiles } from '../../src/store/tile-store.js';
import type { Engine } from '../../src/store/types.js';

const parameterMarkOf = (engine: Engine) => (index: number) => (engine === 'sqlite' ? '?' : `$${index + 1}`);

/** Rebuilds every tile and the head's size and root from the entries table (no key needed). */
export async function recomputeTree(
  db: Kysely<Database>,
  engine: Engine,
): Promise<{ size: number; root: Uint8Array }> {
  const rows = await db
    .selectFrom('entries')
    .select(['seq', 'at', 'stream', 'version', 'type', 'actor', 'digest'])
    .orderBy('seq')
    .execute();
  const leaves = rows.map((row) => entryLeafHash(row));
  await db.deleteFrom('tiles').execute();
  const tree = await integrate(0, leaves, () => Promise.resolve(new Map()));
  await upsertTiles(db, parameterMarkOf(engine), tree.tiles);
  await db.updateTable('log_state').set({ size: tree.size, root: tree.root }).where('id', '=', 1).execute();
  return { size: tree.size, root: tree.root };
}
