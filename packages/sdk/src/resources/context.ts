import type { paths } from '@molam/contract';
import type { Client } from 'openapi-fetch';
import { MolamError } from '../errors.js';
import { checkRequestOptions, type RequestOptions } from '../options.js';
import { type Page, PagePromise } from '../pagination.js';
import type { Sleep } from '../retry.js';
import type { CallOptions, FetchLike, Transport } from '../transport.js';
import type { ListParams } from '../types.js';

/** What every resource needs: the typed client, the transport under it, and the client's `backoff.sleep`. */
export interface ResourceContext {
  client: Client<paths>;
  transport: Transport;
  sleep: Sleep;
}

/** The openapi-fetch options of one call: the caller's signal, and a fetch carrying the call's settings. */
export interface CallInit {
  signal: AbortSignal | undefined;
  fetch: FetchLike;
}

export function callInit(
  context: ResourceContext,
  options: unknown,
  where: string,
  overrides: CallOptions = {},
): CallInit {
  const checked: RequestOptions = checkRequestOptions(options, where);
  // The caller's settings win over the method's defaults (such as health's single attempt).
  const call: CallOptions = { auth: 'required', ...overrides };
  if (checked.timeoutMs !== undefined) call.timeoutMs = checked.timeoutMs;
  if (checked.maxRetries !== undefined) call.maxRetries = checked.maxRetries;
  if (checked.idempotencyKey !== undefined) call.idempotencyKey = checked.idempotencyKey;
  return { signal: checked.signal, fetch: context.transport.with(call) };
}

/** The parsed body of a successful call; a 2xx without one breaks the contract. */
export function bodyOf<T>(result: { data?: T; response: Response }): T {
  if (result.data === undefined) {
    throw new MolamError({
      status: result.response.status,
      code: 'unexpected_response',
      title: 'Empty response',
      detail: 'The server answered without the expected body.',
      requestId: result.response.headers.get('x-request-id') ?? undefined,
    });
  }
  return result.data;
}

/**
 * A lazily fetched list: the first page honours the caller's `starting_after`, the next ones
 * continue from each page's `next_cursor`. `filters` names the string parameters the list takes
 * besides `limit` and `starting_after`; they are sent with every page.
 */
export function paginate<T, Q extends ListParams = ListParams>(
  params: unknown,
  where: string,
  fetchPage: (query: Q) => Promise<Page<T>>,
  filters: readonly string[] = [],
): PagePromise<T> {
  return new PagePromise<T>(async (cursor) => {
    const query = listQuery(params, where, filters) as Q;
    return fetchPage(cursor === undefined ? query : { ...query, starting_after: cursor });
  });
}

function listQuery(params: unknown, where: string, filters: readonly string[]): ListParams {
  if (params === undefined) return {};
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new TypeError(`${where}: list parameters must be an object.`);
  }
  const { limit, starting_after, ...rest } = params as Record<string, unknown>;
  const query: Record<string, unknown> = { limit, starting_after };
  for (const [name, value] of Object.entries(rest)) {
    if (!filters.includes(name)) throw new TypeError(`${where}: unknown list parameter \`${name}\`.`);
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new TypeError(`${where}: \`${name}\` must be a string.`);
    query[name] = value;
  }
  if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit))) {
    throw new TypeError(`${where}: \`limit\` must be an integer.`);
  }
  if (starting_after !== undefined && typeof starting_after !== 'string') {
    throw new TypeError(`${where}: \`starting_after\` must be a string.`);
  }
  return query;
}
