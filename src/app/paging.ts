import { InvalidInputError } from './errors.js';

/*
 * Keyset paging for every list of the API: a page of at most MAX_PAGE items, and an opaque cursor
 * (the sort key of the last item shown) for the next one.
 */

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 200;

/** The cursor of the page after an item with this sort key. */
export function encodeCursor(parts: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** A cursor back into its sort key, checked against the shape it must have; a 422 naming `cursor` otherwise. */
export function decodeCursor<T extends (string | number)[]>(
  cursor: string,
  shape: readonly ('string' | 'number')[],
): T {
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(parts) &&
      parts.length === shape.length &&
      parts.every((part, i) => typeof part === shape[i])
    )
      return parts as T;
  } catch {
    // fall through
  }
  throw new InvalidInputError([{ field: 'cursor', message: 'not a cursor from a previous page' }]);
}

/** The page size asked for, within 1..MAX_PAGE. */
export const pageSize = (limit: number | undefined): number =>
  Math.min(Math.max(limit ?? DEFAULT_PAGE, 1), MAX_PAGE);
