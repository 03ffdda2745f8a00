import type { paths } from '@molam/contract';
import openapiFetch, { type Client } from 'openapi-fetch';
import type { FetchLike } from './transport.js';

type CreateClient = typeof openapiFetch;

// openapi-fetch's CommonJS build exports the function as `exports.default`; Node-style interop (used
// by our CJS build) hands over the whole exports object as the default import, so unwrap it there.
const createClient: CreateClient =
  typeof openapiFetch === 'function'
    ? openapiFetch
    : (openapiFetch as unknown as { default: CreateClient }).default;

/** The typed client of the Molam API, sending every request through `fetch`. */
export function createOpenapiClient(baseUrl: string, fetch: FetchLike): Client<paths> {
  return createClient<paths>({ baseUrl, fetch });
}
