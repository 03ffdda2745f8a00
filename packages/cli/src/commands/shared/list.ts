import { LIMITS } from '@molam/contract';
import type { Command } from 'commander';
import type { IO } from '../../io.js';
import { type Column, writeTable } from '../../output/table.js';
import { note, writeJson } from '../../output/write.js';
import { integerBetween } from './parse.js';

const PAGE = LIMITS.pageSize;

export interface Page<Item> {
  object: 'list';
  data: Item[];
  has_more: boolean;
  next_cursor: string | null;
}

/** What the SDK's `list()` returns: await it for one page, iterate it for every item. */
export type PagePromise<Item> = PromiseLike<Page<Item>> & AsyncIterable<Item>;

export interface ListFlags {
  limit?: number | undefined;
  startingAfter?: string | undefined;
  all?: boolean | undefined;
}

export interface ListParams {
  limit?: number;
  starting_after?: string;
}

export function addListFlags(command: Command): Command {
  return command
    .option(
      '--limit <n>',
      `how many per page (${PAGE.min}-${PAGE.max}, default ${PAGE.default})`,
      integerBetween(PAGE.min, PAGE.max),
    )
    .option('--starting-after <cursor>', 'start after this cursor (the next_cursor of the previous page)')
    .option('--all', 'fetch every page');
}

export function listParams(flags: ListFlags): ListParams {
  return {
    ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
    ...(flags.startingAfter !== undefined ? { starting_after: flags.startingAfter } : {}),
  };
}

/** One page, or with `--all` every item of every page as one list. */
export async function fetchList<Item>(
  list: (params: ListParams) => PagePromise<Item>,
  flags: ListFlags,
): Promise<Page<Item>> {
  const params = listParams(flags);
  if (flags.all !== true) return list(params);
  const data: Item[] = [];
  for await (const item of list(params)) data.push(item);
  return { object: 'list', data, has_more: false, next_cursor: null };
}

/** The page as JSON, or as a table with a hint on stderr when there are more. */
export async function writeList<Item>(
  io: IO,
  json: boolean,
  page: Page<Item>,
  columns: readonly Column<Item>[],
  noun: string,
): Promise<void> {
  if (json) {
    writeJson(io, page);
    return;
  }
  if (page.data.length === 0) note(io, `No ${noun}.`);
  else await writeTable(io, page.data, columns);
  if (page.has_more && page.next_cursor) {
    note(io, `More ${noun}: add --starting-after ${page.next_cursor}, or --all.`);
  }
}
