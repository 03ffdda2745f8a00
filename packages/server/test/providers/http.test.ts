import { createServer } from 'node:net';
import { errors } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonHttpClient, parseRetryAfter } from '../../src/platform/outbound/json-client.js';
import { toNetworkError } from '../../src/platform/outbound/network-error.js';
import { type FakeServer, startFakeServer } from '../fakes/fake-server.js';

let fake: FakeServer;
let client: JsonHttpClient;

beforeAll(async () => {
  fake = await startFakeServer(
    (request) =>
      request.path === '/base/text'
        ? { status: 200, body: 'plain words', headers: { 'x-multi': 'a' } }
        : { status: 201, body: { echo: request.json ?? null, query: request.query } },
    () => false,
  );
  client = new JsonHttpClient({ baseUrl: `${fake.url}/base/`, timeoutMs: 200 });
});
afterAll(async () => {
  await client.close();
  await fake.close();
});

describe('JsonHttpClient', () => {
  it('sends JSON under the base path with the query, and parses the answer', async () => {
    const exchange = await client.request({
      method: 'POST',
      path: '/echo',
      query: { a: '1' },
      json: { x: 1 },
    });
    expect(exchange).toMatchObject({
      kind: 'response',
      status: 201,
      body: { json: { echo: { x: 1 }, query: { a: '1' } } },
    });
    const seen = fake.requests.at(-1);
    expect(seen?.path).toBe('/base/echo');
    expect(seen?.headers['content-type']).toBe('application/json');
  });

  it('keeps a body that is not JSON as text only', async () => {
    const exchange = await client.request({ method: 'GET', path: '/text' });
    expect(exchange).toMatchObject({
      kind: 'response',
      status: 200,
      body: { text: 'plain words', json: undefined },
    });
    if (exchange.kind === 'response') expect(exchange.headers['x-multi']).toBe('a');
  });

  it('shows URLs without query strings or user info', () => {
    const withUser = new JsonHttpClient({ baseUrl: 'https://user:secret@api.example.test/v2?k=1' });
    expect(withUser.urlFor('/pay')).toBe('https://api.example.test/v2/pay');
    void withUser.close();
  });

  it('a refused connection was certainly not sent', async () => {
    const port = await unusedPort();
    const refused = new JsonHttpClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 200 });
    const exchange = await refused.request({ method: 'POST', path: '/x', json: {} });
    await refused.close();
    expect(exchange).toMatchObject({
      kind: 'network_error',
      error: { code: 'ECONNREFUSED', delivery: 'not_sent' },
    });
  });

  it('no headers before the timeout: maybe sent', async () => {
    fake.inject({ kind: 'hang' });
    const exchange = await client.request({ method: 'POST', path: '/x', json: {} });
    expect(exchange).toMatchObject({
      kind: 'network_error',
      error: { code: 'UND_ERR_HEADERS_TIMEOUT', delivery: 'maybe_sent' },
    });
  });

  it('a connection closed after the request: maybe sent', async () => {
    fake.inject({ kind: 'close' });
    const exchange = await client.request({ method: 'POST', path: '/x', json: {} });
    expect(exchange).toMatchObject({ kind: 'network_error', error: { delivery: 'maybe_sent' } });
  });
});

describe('network error classification', () => {
  it('places connect timeouts and DNS failures before sending, everything unknown after', () => {
    expect(toNetworkError(new errors.ConnectTimeoutError()).delivery).toBe('not_sent');
    expect(toNetworkError(Object.assign(new Error('dns'), { code: 'ENOTFOUND' })).delivery).toBe('not_sent');
    expect(toNetworkError(new errors.BodyTimeoutError()).delivery).toBe('maybe_sent');
    expect(toNetworkError(Object.assign(new Error('reset'), { code: 'ECONNRESET' })).delivery).toBe(
      'maybe_sent',
    );
    expect(toNetworkError(new Error('mystery'))).toMatchObject({ code: 'UNKNOWN', delivery: 'maybe_sent' });
    const wrapped = new Error('outer', {
      cause: Object.assign(new Error('inner'), { code: 'ECONNREFUSED' }),
    });
    expect(toNetworkError(wrapped)).toMatchObject({ code: 'ECONNREFUSED', delivery: 'not_sent' });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    const now = Date.parse('2026-11-21T10:00:00Z');
    expect(parseRetryAfter('Sat, 21 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sat, 21 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}
