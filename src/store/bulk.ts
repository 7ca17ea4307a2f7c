/**
 * Multi-row INSERTs for the append path, compiled once per shape. Kysely builds and compiles an
 * expression tree per value — thousands of nodes for one batch — which costs more than SQLite spends
 * inserting the rows; this writes the same statement as text with the dialect's parameter marks.
 * Only for fixed, trusted table and column names; every value is a bound parameter.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './database.js';

/** Statement texts by shape (table, columns, row count, parameter style); a few dozen in practice. */
const texts = new Map<string, string>();
const MAX_TEXTS = 128;

export async function insertRows(
  trx: Kysely<Database>,
  parameterMark: (index: number) => string,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  /** e.g. an ON CONFLICT clause, the same on both engines. */
  suffix = '',
): Promise<void> {
  if (rows.length === 0) return;
  const key = `${parameterMark(1)}|${table}|${columns.join(',')}|${rows.length}|${suffix}`;
  let text = texts.get(key);
  if (text === undefined) {
    const tuples: string[] = [];
    for (let r = 0, p = 0; r < rows.length; r++) {
      const marks: string[] = [];
      for (let c = 0; c < columns.length; c++) marks.push(parameterMark(p++));
      tuples.push(`(${marks.join(', ')})`);
    }
    text = `insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}${suffix ? ` ${suffix}` : ''}`;
    if (texts.size >= MAX_TEXTS) texts.delete(texts.keys().next().value as string);
    texts.set(key, text);
  }
  const parameters: unknown[] = [];
  for (const row of rows) for (const value of row) parameters.push(value);
  await trx.executeQuery(CompiledQuery.raw(text, parameters));
}
