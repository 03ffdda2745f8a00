import { LIMITS } from '@molam/contract';
import { AppError } from './errors.js';

export interface PageRequest {
  limit: number;
  startingAfter: string | undefined;
}

export interface Page<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  next_cursor: string | null;
}

/**
 * Reads `limit` and `starting_after`. The cursor is the id of the last object seen, so it must look like an
 * id of the listed kind; anything else is a 400 rather than a silently empty page.
 */
export function pageRequest(query: Record<string, unknown>, idPattern: RegExp): PageRequest {
  const limit = query.limit === undefined ? LIMITS.pageSize.default : Number(query.limit);
  const cursor = query.starting_after;
  if (cursor !== undefined && (typeof cursor !== 'string' || !idPattern.test(cursor))) {
    throw new AppError(
      400,
      'invalid_cursor',
      'starting_after is not a cursor from this list: pass the next_cursor of the previous page.',
      {
        errors: [
          { field: 'query.starting_after', message: 'not a cursor from this list', code: 'invalid_cursor' },
        ],
      },
    );
  }
  return { limit, startingAfter: cursor };
}

/** Builds a page from rows fetched with `limit + 1`, the extra row telling whether there is more. */
export function toPage<Row extends { id: string }, T>(
  rows: Row[],
  limit: number,
  present: (row: Row) => T,
): Page<T> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  return {
    object: 'list',
    data: pageRows.map(present),
    has_more: hasMore,
    next_cursor: hasMore ? (pageRows.at(-1)?.id ?? null) : null,
  };
}
