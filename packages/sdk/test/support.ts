import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createMolam, type MolamOptions, type Sleep } from '../src/index.js';

export const BASE_URL = 'http://molam.test';
export const API_KEY = 'mk_test_s3cr3tvalue0123456789';
export const REQUEST_ID = 'req_01JD2M3X4Y5Z6A7B8C9D0E1F2G';
export const MERCHANT_ID = 'mer_01JD2M3X4Y5Z6A7B8C9D0E1F2G';
export const KEY_ID = 'key_01JD2M3X4Y5Z6A7B8C9D0E1F2G';

/** A sleep that returns at once and remembers every delay it was asked for. */
export function recordingSleep(): { sleep: Sleep; delays: number[] } {
  const delays: number[] = [];
  const sleep: Sleep = async (ms, signal) => {
    delays.push(ms);
    if (signal.aborted) throw signal.reason;
  };
  return { sleep, delays };
}

/** A client against the msw server: no real waiting, and jitter pinned to half of each ceiling. */
export function testMolam(overrides: MolamOptions = {}) {
  const { sleep, delays } = recordingSleep();
  const molam = createMolam({
    apiKey: API_KEY,
    baseUrl: BASE_URL,
    backoff: { sleep, random: () => 0.5 },
    ...overrides,
  });
  return { molam, delays };
}

export function problem(
  status: number,
  code: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return HttpResponse.json(
    {
      type: `https://docs.molam.dev/errors/${code}`,
      title: code.replace(/_/g, ' '),
      status,
      code,
      request_id: REQUEST_ID,
      ...extra,
    },
    { status, headers: { 'Content-Type': 'application/problem+json', ...headers } },
  );
}

export function merchant(id = MERCHANT_ID) {
  return {
    id,
    object: 'merchant' as const,
    name: 'Lusaka Grocers',
    email: 'ops@lusakagrocers.zm',
    country: 'ZM',
    default_currency: 'ZMW',
    status: 'active' as const,
    created_at: '2026-11-22T09:30:00.000Z',
    updated_at: '2026-11-22T09:30:00.000Z',
  };
}

export function apiKey(id = KEY_ID) {
  return {
    id,
    object: 'api_key' as const,
    merchant_id: MERCHANT_ID,
    name: 'checkout backend',
    mode: 'test' as const,
    prefix: 'mk_test_ab12cd34',
    scopes: ['payments:read' as const],
    status: 'active' as const,
    expires_at: null,
    last_used_at: null,
    revoked_at: null,
    created_at: '2026-11-22T09:30:00.000Z',
  };
}

/** A fetch that never answers on its own: it only rejects when the request's signal aborts. */
export function hangingFetch(calls: Request[] = []) {
  return (request: Request) => {
    calls.push(request);
    return new Promise<Response>((_resolve, reject) => {
      request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
    });
  };
}

/** An msw server for one test file; a request no handler expects fails the test. */
export function useMswServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}
