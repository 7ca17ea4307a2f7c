/**
 * Are the read models what the log says? (issue 17 item 3). Every page and list reads the read
 * models, not the log: an operator who edits `people.family_name` or deletes a row of
 * `custody_findings` changes what everyone is shown while the log still verifies. This check
 * replays the log through the projections into an empty scratch copy of their tables, on one
 * snapshot of the database, and compares table by table (SQL EXCEPT both ways): it names each
 * table that differs, how many rows were added, removed or altered, and the keys (opaque ids) and
 * column names of the first few — never their values, which are personal data.
 *
 * Columns a projection keeps outside the log (scheduler hints) are left out of the comparison.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './database.js';
import type { EngineAdapter } from './dialect.js';
import { selectEvents } from './events.js';
import type { Progress, Projection, ProjectionContext } from './types.js';

const PAGE = 1000;
/** Rows named per kind of difference and table. */
const EXAMPLES = 5;

export interface TableDifference {
  table: string;
  /** Rows the read model has that the log does not give. */
  added: number;
  /** Rows the log gives that the read model lacks. */
  removed: number;
  /** Rows present in both whose columns differ. */
  altered: number;
  /** The first few, by primary key (opaque ids), with the columns that differ for altered rows. */
  rows: { change: 'added' | 'removed' | 'altered'; key: Record<string, string>; columns?: string[] }[];
}

export type ReadModelReport =
  | { ok: true; size: number; tables: number }
  | { ok: false; size: number; tables: number; differences: TableDifference[] };

export async function checkReadModels(
  adapter: EngineAdapter,
  projections: readonly Projection[],
  context: ProjectionContext,
  onProgress?: Progress,
): Promise<ReadModelReport> {
  const tables = [...new Set(projections.flatMap((p) => p.tables))];
  const unchecked = new Map<string, Set<string>>();
  for (const p of projections)
    for (const [table, columns] of Object.entries(p.outsideTheLog ?? {}))
      unchecked.set(table, new Set([...(unchecked.get(table) ?? []), ...columns]));

  return adapter.withScratchCopy(
    tables,
    async ({ live, scratch, qualify, qualifyLive, primaryKey, columns }) => {
      const head = await live.selectFrom('log_state').select('size').where('id', '=', 1).executeTakeFirst();
      const size = head?.size ?? 0;
      onProgress?.(0, size);
      for (let start = 0; start < size; start += PAGE) {
        const end = Math.min(start + PAGE, size);
        for (const { salt: _salt, ...event } of await selectEvents(live, start, end)) {
          for (const projection of projections) await projection.apply(scratch, event, context);
        }
        onProgress?.(end, size);
      }
      const differences: TableDifference[] = [];
      for (const table of tables) {
        const skip = unchecked.get(table) ?? new Set<string>();
        const compared = (await columns(table)).filter((c) => !skip.has(c));
        const key = await primaryKey(table);
        const difference = await compare(
          live,
          table,
          qualifyLive(table),
          qualify(table),
          compared,
          key.length > 0 ? key : compared,
        );
        if (difference) differences.push(difference);
      }
      return differences.length === 0
        ? { ok: true, size, tables: tables.length }
        : { ok: false, size, tables: tables.length, differences };
    },
  );
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

async function compare(
  db: Kysely<Database>,
  table: string,
  kept: string,
  rebuilt: string,
  columns: readonly string[],
  key: readonly string[],
): Promise<TableDifference | undefined> {
  const list = columns.map(quote).join(', ');
  const liveOnly = `select ${list} from ${kept} except select ${list} from ${rebuilt}`;
  const rebuiltOnly = `select ${list} from ${rebuilt} except select ${list} from ${kept}`;
  const count = async (query: string) =>
    Number(
      (await sql.raw<{ n: number | string }>(`select count(*) as n from (${query}) as d`).execute(db)).rows[0]
        ?.n ?? 0,
    );
  const [extra, missing] = await Promise.all([count(liveOnly), count(rebuiltOnly)]);
  if (extra === 0 && missing === 0) return undefined;

  // Rows with a key on both sides are altered rows; the rest were added or removed.
  const on = key.map((k) => `l.${quote(k)} = r.${quote(k)}`).join(' and ');
  const altered = Number(
    (
      await sql
        .raw<{ n: number | string }>(
          `select count(*) as n from (${liveOnly}) as l join (${rebuiltOnly}) as r on ${on}`,
        )
        .execute(db)
    ).rows[0]?.n ?? 0,
  );
  // The first rows of each side, by key, to name a few of each kind.
  const first = async (query: string) =>
    (
      await sql
        .raw<Record<string, unknown>>(`${query} order by ${key.map(quote).join(', ')} limit ${10 * EXAMPLES}`)
        .execute(db)
    ).rows;
  const [liveRows, rebuiltRows] = await Promise.all([first(liveOnly), first(rebuiltOnly)]);
  const keyOf = (row: Record<string, unknown>) => JSON.stringify(key.map((k) => String(row[k])));
  const rebuiltByKey = new Map(rebuiltRows.map((row) => [keyOf(row), row]));
  const liveKeys = new Set(liveRows.map(keyOf));
  const keyRecord = (row: Record<string, unknown>) => Object.fromEntries(key.map((k) => [k, String(row[k])]));
  const rows: TableDifference['rows'] = [];
  const room = (change: string) => rows.filter((r) => r.change === change).length < EXAMPLES;
  for (const row of liveRows) {
    const other = rebuiltByKey.get(keyOf(row));
    if (other && room('altered'))
      rows.push({
        change: 'altered',
        key: keyRecord(row),
        columns: columns.filter((c) => !sameValue(row[c], other[c])),
      });
    else if (!other && room('added')) rows.push({ change: 'added', key: keyRecord(row) });
  }
  for (const row of rebuiltRows)
    if (!liveKeys.has(keyOf(row)) && room('removed')) rows.push({ change: 'removed', key: keyRecord(row) });
  return { table, added: extra - altered, removed: missing - altered, altered, rows };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.from(a).equals(Buffer.from(b));
  return a === b || (a !== null && b !== null && String(a) === String(b));
}

/** One line per table that differs, for `verify --data`, the server's log and its alarm. */
export function describeDifferences(report: Extract<ReadModelReport, { ok: false }>): string[] {
  return report.differences.map((d) => {
    const counts = [
      d.altered > 0 ? `${d.altered} altered` : '',
      d.added > 0 ? `${d.added} added` : '',
      d.removed > 0 ? `${d.removed} removed` : '',
    ]
      .filter(Boolean)
      .join(', ');
    const named = d.rows
      .map(
        (r) =>
          `${r.change} ${Object.entries(r.key)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}${r.columns && r.columns.length > 0 ? ` (${r.columns.join(', ')})` : ''}`,
      )
      .join('; ');
    return `the read model ${d.table} differs from the log: ${counts} rows (${named})`;
  });
}
