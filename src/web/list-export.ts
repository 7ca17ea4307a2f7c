import type { FastifyReply } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { InvalidInputError } from '../app/errors.js';
import { MAX_PAGE } from '../app/paging.js';
import type { ListColumn } from './components/register-list.js';
import { DEFAULT_OFFSET, momentFromLocal } from './custody-time.js';

/**
 * What a register list's route answers besides the page (src/web/components/register-list.tsx):
 * the same rows as CSV, and the query's date range checked once for every list.
 */

/** How the list was asked for: the page, its print view, or a CSV download. */
export function listMode(query: unknown): { csv: boolean; print: boolean } {
  const q = (query ?? {}) as Record<string, unknown>;
  return { csv: q.format === 'csv', print: q.print === '1' };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date range from `${name}From` and `${name}To` of the query (calendar dates); a value that is
 * not a date is dropped (the form shows it empty), and from > to is swapped.
 */
export function dateRange(query: unknown, name: string): { from: string; to: string } {
  const q = (query ?? {}) as Record<string, unknown>;
  const take = (value: unknown) =>
    typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value)) ? value : '';
  const from = take(q[`${name}From`]);
  const to = take(q[`${name}To`]);
  return from !== '' && to !== '' && from > to ? { from: to, to: from } : { from, to };
}

/**
 * A date range's calendar days as the instants a service filters on, a day being
 * [00:00, next day 00:00) on the pages' wall clock (src/web/custody-time.ts): `from` the first
 * day's start, `to` the start of the day after the last (exclusive); an open end is left out.
 */
export function dayBounds(
  range: { from: string; to: string },
  offset: string = DEFAULT_OFFSET,
): { from?: string; to?: string } {
  const start = (day: string) => (day === '' ? null : momentFromLocal(`${day}T00:00`, offset));
  const from = start(range.from);
  const to = start(range.to);
  return {
    ...(from ? { from } : {}),
    ...(to ? { to: new Date(Date.parse(to) + 86_400_000).toISOString() } : {}),
  };
}

/** A service's cursor is base64url text; anything else cannot be one. */
const CURSOR = /^[A-Za-z0-9_-]{1,512}$/;

/** The list's `cursor` from the query: undefined when there is none, null when it cannot be one (a bad request). */
export function listCursor(query: unknown): string | undefined | null {
  const cursor = ((query ?? {}) as Record<string, unknown>).cursor;
  if (cursor === undefined || cursor === '') return undefined;
  return typeof cursor === 'string' && CURSOR.test(cursor) ? cursor : null;
}

/** The query string of `values`, without empty ones, for links that keep the filters. */
export function withQuery(path: string, values: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && value !== '') query.set(key, value);
  const text = query.toString();
  return text === '' ? path : `${path}?${text}`;
}

/**
 * Sends the rows as CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet programs read
 * Cyrillic), one column per column that has a `csv` cell, headed by the column's header.
 */
export function sendCsv<Row>(
  reply: FastifyReply,
  filename: string,
  columns: readonly ListColumn<Row>[],
  rows: readonly Row[],
): FastifyReply {
  const exported = columns.filter((column) => column.csv !== undefined);
  const body = stringify(
    [
      exported.map((column) => column.header),
      ...rows.map((row) =>
        exported.map((column) => (column.csv as NonNullable<typeof column.csv>)(row) ?? ''),
      ),
    ],
    { record_delimiter: '\r\n' },
  );
  return reply
    .header('content-disposition', `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
    .type('text/csv; charset=utf-8')
    .send(`\uFEFF${body}`);
}

/** The most rows a CSV download or a print view carries; past it the list says it was cut short. */
export const LIST_EXPORT_LIMIT = 10_000;

/**
 * Every row the filters match, page after page of the service's keyset paging, for a CSV download
 * or a print view: at most `limit` rows, and whether more were left.
 */
export async function collectAll<Row>(
  fetchPage: (cursor: string | undefined) => Promise<{ items: readonly Row[]; nextCursor: string | null }>,
  limit: number = LIST_EXPORT_LIMIT,
): Promise<{ rows: Row[]; truncated: boolean }> {
  const rows: Row[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    rows.push(...page.items);
    if (rows.length >= limit)
      return { rows: rows.slice(0, limit), truncated: rows.length > limit || page.nextCursor !== null };
    if (page.nextCursor === null) return { rows, truncated: false };
    if (page.nextCursor === cursor) throw new Error('collectAll: the service returned the same cursor twice');
    cursor = page.nextCursor;
  }
}

/**
 * The rows a list's route answers: one page of the service's keyset paging from `cursor`, or, for
 * a CSV download or a print view, every matching row (collectAll; `whole` tells the service so,
 * e.g. to read with its largest page and say why in the log).
 */
export async function listRows<Row>(
  mode: { csv: boolean; print: boolean },
  cursor: string | undefined,
  fetchPage: (
    cursor: string | undefined,
    whole: boolean,
  ) => Promise<{ items: readonly Row[]; next: string | null }>,
): Promise<{ rows: Row[]; next: string | null; truncated: boolean }> {
  if (!mode.csv && !mode.print) {
    const page = await fetchPage(cursor, false);
    return { rows: [...page.items], next: page.next, truncated: false };
  }
  const all = await collectAll(async (from) => {
    const page = await fetchPage(from, true);
    return { items: page.items, nextCursor: page.next };
  });
  return { ...all, next: null };
}

/** What a list's page hands RegisterList besides its rows, filters and words. */
export interface ListState {
  total: number | null;
  nextPage: string | null;
  csv: string;
  print: string;
  printing: boolean;
  truncated: boolean;
}

/**
 * The list's total and its links, each keeping the filters: the next page (with the cursor), the
 * CSV download and the print view; and whether this answer is the print view.
 */
export function listState(
  path: string,
  filters: Record<string, string | undefined>,
  list: { next: string | null; truncated: boolean },
  total: number | null,
  mode: { print: boolean },
): ListState {
  return {
    total,
    nextPage: list.next === null ? null : withQuery(path, { ...filters, cursor: list.next }),
    csv: withQuery(path, { ...filters, format: 'csv' }),
    print: withQuery(path, { ...filters, print: '1' }),
    printing: mode.print,
    truncated: list.truncated,
  };
}

/** Why a list was read whole, for the read's entry in the log where its reads are recorded. */
export const exportPurpose = (mode: { csv: boolean }): string =>
  mode.csv ? 'the list downloaded as CSV' : 'the list printed';

/** How a list is read whole (a CSV or print view): the service's largest page, and why, for its log. */
export interface WholeList {
  limit: number;
  purpose: string;
}

/**
 * A list's query answered: its mode and rows (listRows from the query's cursor; `whole` when read
 * whole), or null when it cannot be answered — a cursor that cannot be one, or one the service
 * refuses (InvalidInputError) — and the route answers its bad-request page.
 */
export async function readList<Row>(
  query: unknown,
  fetchPage: (
    cursor: string | undefined,
    whole: WholeList | undefined,
  ) => Promise<{ items: readonly Row[]; next: string | null }>,
): Promise<{
  mode: { csv: boolean; print: boolean };
  rows: Row[];
  next: string | null;
  truncated: boolean;
} | null> {
  const cursor = listCursor(query);
  if (cursor === null) return null;
  const mode = listMode(query);
  const whole = { limit: MAX_PAGE, purpose: exportPurpose(mode) };
  try {
    return {
      mode,
      ...(await listRows(mode, cursor, (from, all) => fetchPage(from, all ? whole : undefined))),
    };
  } catch (error) {
    if (error instanceof InvalidInputError) return null;
    throw error;
  }
}
