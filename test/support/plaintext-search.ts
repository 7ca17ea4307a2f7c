import { sql } from 'kysely';
import type { Store } from '../../src/store/types.js';

/*
 * Searches every text and binary column of every table of a store's database for a string, as
 * text and as its UTF-8 bytes (kz.complaint.channel: "the server, its database and its backups
 * hold only ciphertext"). Written per engine from the catalogues, so a table added later is
 * searched too.
 */

export interface Hit {
  table: string;
  column: string;
  count: number;
}

async function sqliteColumns(store: Store): Promise<{ table: string; column: string }[]> {
  const tables = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(store.db);
  const columns: { table: string; column: string }[] = [];
  for (const { name } of tables.rows) {
    const info = await sql<{
      name: string;
      type: string;
    }>`select name, type from pragma_table_info(${name})`.execute(store.db);
    // SQLite keeps any value in any column: search them all, as bytes.
    for (const column of info.rows) columns.push({ table: name, column: column.name });
  }
  return columns;
}

async function postgresColumns(store: Store): Promise<{ table: string; column: string; type: string }[]> {
  const result = await sql<{ table_name: string; column_name: string; data_type: string }>`
    select table_name, column_name, data_type from information_schema.columns
    where table_schema = current_schema()
      and data_type in ('text', 'character varying', 'character', 'bytea', 'json', 'jsonb')`.execute(
    store.db,
  );
  return result.rows.map((row) => ({ table: row.table_name, column: row.column_name, type: row.data_type }));
}

/** Every place in the database where `needle` occurs, as text or as UTF-8 bytes; [] when none. */
export async function findInDatabase(store: Store, needle: string): Promise<Hit[]> {
  const bytes = Buffer.from(needle, 'utf8');
  const hits: Hit[] = [];
  if (store.engine === 'sqlite') {
    for (const { table, column } of await sqliteColumns(store)) {
      const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}
        where instr(cast(${sql.ref(column)} as blob), ${bytes}) > 0`.execute(store.db);
      const count = Number(rows[0]?.n ?? 0);
      if (count > 0) hits.push({ table, column, count });
    }
    return hits;
  }
  for (const { table, column, type } of await postgresColumns(store)) {
    const { rows } =
      type === 'bytea'
        ? await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}
            where position(${bytes}::bytea in ${sql.ref(column)}) > 0`.execute(store.db)
        : await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}
            where position(${needle} in ${sql.ref(column)}::text) > 0`.execute(store.db);
    const count = Number(rows[0]?.n ?? 0);
    if (count > 0) hits.push({ table, column, count });
  }
  return hits;
}
