/**
 * Rebuilding the read models from the log (`habeas rebuild`): empty every projection's tables and
 * replay every event through the projections, in seq order, in one transaction — so readers see
 * either the old read models or the new ones, never a half-built state.
 */
import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import type { Head } from './dialect.js';
import { selectEvents } from './events.js';
import type { Progress, Projection, ProjectionContext } from './types.js';

const PAGE = 1000;

export async function rebuildProjections(
  trx: Kysely<Database>,
  head: Head,
  projections: readonly Projection[],
  context: ProjectionContext,
  onProgress?: Progress,
): Promise<{ events: number }> {
  const tables = [...new Set(projections.flatMap((p) => p.tables))];
  for (const table of tables) await trx.deleteFrom(table).execute();
  onProgress?.(0, head.size);
  for (let start = 0; start < head.size; start += PAGE) {
    const end = Math.min(start + PAGE, head.size);
    for (const { salt: _salt, ...event } of await selectEvents(trx, start, end)) {
      for (const projection of projections) await projection.apply(trx, event, context);
    }
    onProgress?.(end, head.size);
  }
  return { events: head.size };
}
