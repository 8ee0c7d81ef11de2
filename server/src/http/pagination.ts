import { type SQL, sql } from 'drizzle-orm';
import { badRequest } from '../errors.ts';

/**
 * Keyset pagination over (sort expression, id). The cursor is opaque to clients: base64url of
 * the last row's sort value and id. Sort expressions must be non-null (wrap nullable columns in
 * coalesce) so that the row comparison is total.
 */
export type SortKey = { expr: SQL; type: 'text' | 'int' | 'date' | 'bigint' | 'timestamptz' | 'numeric' };

type CursorValue = [string | number, number];

export function encodeCursor(sortValue: string | number, id: number): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

function decodeCursor(cursor: string): CursorValue {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      (typeof value[0] === 'string' || typeof value[0] === 'number') &&
      typeof value[1] === 'number'
    ) {
      return [value[0], value[1]];
    }
  } catch {
    /* fall through */
  }
  throw badRequest('The cursor is not one this API gave out.', [
    { path: ['cursor'], message: 'invalid cursor' },
  ]);
}

/** WHERE fragment selecting rows after the cursor, and the ORDER BY for the page. */
export function keyset(
  key: SortKey,
  idColumn: SQL,
  order: 'asc' | 'desc',
  cursor: string | undefined,
): { after: SQL; orderBy: SQL } {
  const dir = sql.raw(order === 'asc' ? 'asc' : 'desc');
  const orderBy = sql`${key.expr} ${dir}, ${idColumn} ${dir}`;
  if (!cursor) return { after: sql`true`, orderBy };
  const [value, id] = decodeCursor(cursor);
  const cast = sql.raw(key.type);
  const op = sql.raw(order === 'asc' ? '>' : '<');
  return { after: sql`(${key.expr}, ${idColumn}) ${op} (${value}::${cast}, ${id}::int)`, orderBy };
}

/** Trims the extra row fetched to know whether another page exists. */
export function pageOf<T>(
  rows: T[],
  limit: number,
  cursorOf: (row: T) => string,
): { items: T[]; next_cursor: string | null } {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items, next_cursor: hasMore && last ? cursorOf(last) : null };
}
