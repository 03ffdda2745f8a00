import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { createMolam, SDK_VERSION } from '../src/index.js';
import { createTransport } from '../src/transport.js';
import {
  API_KEY,
  apiKey,
  BASE_URL,
  KEY_ID,
  MERCHANT_ID,
  merchant,
  recordingSleep,
  testMolam,
  useMswServer,
} from './support.js';

const server = useMswServer();

function capture(method: 'get' | 'post' | 'patch', path: string, body: unknown, status = 200) {
  const seen: Request[] = [];
  server.use(
    http[method](`${BASE_URL}${path}`, ({ request }) => {
      seen.push(request);
      return HttpResponse.json(body as Record<string, unknown>, { status });
    }),
  );
  return seen;
}

describe('headers', () => {
  it('sends the API key as a bearer token and identifies the SDK, without touching User-Agent', async () => {
    const seen = capture('get', '/api/v1/whoami', {
      key_id: KEY_ID,
      merchant_id: MERCHANT_ID,
      mode: 'test',
      scopes: ['payments:read'],
    });
    await testMolam().molam.whoami();
    const headers = seen[0]?.headers;
    expect(headers?.get('authorization')).toBe(`Bearer ${API_KEY}`);
    expect(headers?.get('x-molam-client')).toBe(`molam-sdk-js/${SDK_VERSION}`);
    expect(headers?.get('accept')).toBe('application/json, application/problem+json');
    expect(headers?.get('user-agent') ?? '').not.toContain('molam');
  });

  it('keeps SDK_VERSION equal to the package version', async () => {
    const { readFile } = await import('node:fs/promises');
    const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
    expect(SDK_VERSION).toBe(manifest.version);
  });

  it('adds an Idempotency-Key to POST and PATCH, not to GET', async () => {
    const created = capture('post', '/api/v1/merchants', merchant(), 201);
    const updated = capture('patch', `/api/v1/merchants/${MERCHANT_ID}`, merchant());
    const read = capture('get', `/api/v1/merchants/${MERCHANT_ID}`, merchant());
    const { molam } = testMolam();
    await molam.merchants.create({ name: 'A', country: 'ZM', default_currency: 'ZMW' });
    await molam.merchants.update(MERCHANT_ID, { status: 'suspended' });
    await molam.merchants.get(MERCHANT_ID);
    expect(created[0]?.headers.get('idempotency-key')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
    expect(updated[0]?.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(read[0]?.headers.has('idempotency-key')).toBe(false);
  });

  it('adds an Idempotency-Key to DELETE and keeps one the caller set as a header', async () => {
    const seen: Request[] = [];
    const transport = createTransport({
      apiKey: API_KEY,
      fetch: async (request) => {
        seen.push(request);
        return new Response(null, { status: 204 });
      },
      timeoutMs: 1000,
      maxRetries: 0,
      backoff: { baseMs: 1, capMs: 1, random: () => 0, sleep: recordingSleep().sleep },
    });
    await transport.fetch(new Request(`${BASE_URL}/things/1`, { method: 'DELETE' }));
    await transport.fetch(
      new Request(`${BASE_URL}/things/2`, {
        method: 'DELETE',
        headers: { 'Idempotency-Key': 'caller-key-1' },
      }),
    );
    expect(seen[0]?.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[1]?.headers.get('idempotency-key')).toBe('caller-key-1');
  });

  it('keeps an Idempotency-Key given through the raw client', async () => {
    const seen = capture('post', `/api/v1/keys/${KEY_ID}/revoke`, apiKey());
    const { molam } = testMolam();
    await molam.client.POST('/api/v1/keys/{key_id}/revoke', {
      params: { path: { key_id: KEY_ID }, header: { 'Idempotency-Key': 'revoke-key-once' } },
    });
    expect(seen[0]?.headers.get('idempotency-key')).toBe('revoke-key-once');
  });

  it('sends no credentials to the health endpoint', async () => {
    const seen = capture('get', '/healthz', { status: 'healthy', database: 'up', version: '0.1.0' });
    await testMolam().molam.health();
    expect(seen[0]?.headers.has('authorization')).toBe(false);
    expect(seen[0]?.headers.get('x-molam-client')).toBe(`molam-sdk-js/${SDK_VERSION}`);
  });

  it('needs no API key for health, and refuses other calls without one before sending anything', async () => {
    const seen = capture('get', '/healthz', { status: 'healthy', database: 'up', version: '0.1.0' });
    const molam = createMolam({ baseUrl: BASE_URL });
    await expect(molam.health()).resolves.toEqual({ status: 'healthy', database: 'up', version: '0.1.0' });
    await expect(molam.whoami()).rejects.toThrow(TypeError);
    await expect(molam.merchants.get(MERCHANT_ID)).rejects.toThrow(/apiKey/);
    expect(seen).toHaveLength(1);
  });
});
