import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('API key authentication', () => {
  it('accepts a key as Authorization: Bearer and as X-API-Key', async () => {
    const bearer = await server.call('GET', '/api/v1/whoami', { key: server.merchantKey });
    expect(bearer.status).toBe(200);
    expect(bearer.body).toMatchObject({ merchant_id: server.merchantId, mode: 'test' });
    const header = await server.call('GET', '/api/v1/whoami', {
      key: null,
      headers: { 'x-api-key': server.merchantKey },
    });
    expect(header.status).toBe(200);
    expect(header.body.key_id).toBe(bearer.body.key_id);
  });

  it('takes both headers only when they carry the same key', async () => {
    const both = (other: string) =>
      server.call('GET', '/api/v1/whoami', { key: server.merchantKey, headers: { 'x-api-key': other } });
    expect((await both(server.merchantKey)).status).toBe(200);
    expectProblem(await both(server.adminKey), 401, 'ambiguous_credentials');
  });

  it('answers 401 unauthenticated with WWW-Authenticate when no key is sent', async () => {
    const result = await server.call('GET', '/api/v1/merchants', { key: null });
    expectProblem(result, 401, 'unauthenticated');
    expect(result.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('refuses a malformed Authorization header', async () => {
    const result = await server.call('GET', '/api/v1/merchants', {
      key: null,
      headers: { authorization: 'Basic abc' },
    });
    expectProblem(result, 401, 'invalid_authorization_header');
  });

  it('refuses an unknown key, and a key one character off', async () => {
    expectProblem(
      await server.call('GET', '/api/v1/whoami', { key: 'mk_test_nope' }),
      401,
      'invalid_api_key',
    );
    const last = server.merchantKey.at(-1) === 'a' ? 'b' : 'a';
    const offByOne = `${server.merchantKey.slice(0, -1)}${last}`;
    expectProblem(await server.call('GET', '/api/v1/whoami', { key: offByOne }), 401, 'invalid_api_key');
  });

  it('refuses a revoked key', async () => {
    const created = await server.call('POST', '/api/v1/keys', {
      key: server.merchantKey,
      body: { name: 'to revoke' },
    });
    expect(created.status).toBe(201);
    await server.call('POST', `/api/v1/keys/${created.body.id}/revoke`, { key: server.merchantKey });
    expectProblem(
      await server.call('GET', '/api/v1/whoami', { key: created.body.secret }),
      401,
      'api_key_revoked',
    );
  });

  it('refuses an expired key', async () => {
    const created = await server.call('POST', '/api/v1/keys', {
      key: server.merchantKey,
      body: { name: 'short lived', expires_at: new Date(Date.now() + 60_000).toISOString() },
    });
    expect(created.status).toBe(201);
    // Expire it in the database rather than waiting: the check is what matters, not the clock.
    await server.db.query("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1", [
      created.body.id,
    ]);
    expectProblem(
      await server.call('GET', '/api/v1/whoami', { key: created.body.secret }),
      401,
      'api_key_expired',
    );
  });

  it('answers 403 insufficient_scope for a key without the scope', async () => {
    const readOnly = await server.call('POST', '/api/v1/keys', {
      key: server.merchantKey,
      body: { name: 'read only', scopes: ['payments:read'] },
    });
    const result = await server.call('GET', '/api/v1/keys', { key: readOnly.body.secret });
    expectProblem(result, 403, 'insufficient_scope');
    expect(result.body.detail).toContain('keys:manage');
    expectProblem(
      await server.call('POST', '/api/v1/merchants', {
        key: server.merchantKey,
        body: { name: 'x', country: 'ZM', default_currency: 'ZMW' },
      }),
      403,
      'insufficient_scope',
    );
  });

  it('stores only a hash of the secret', async () => {
    const { rows } = await server.db.query<{ secret_hash: string; prefix: string }>(
      'SELECT secret_hash, prefix FROM api_keys',
    );
    for (const row of rows) {
      expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
      expect([server.adminKey, server.merchantKey]).not.toContain(row.secret_hash);
    }
  });

  it("disables a suspended merchant's keys and enables them again", async () => {
    const merchant = await server.call('POST', '/api/v1/merchants', {
      body: { name: 'Pause Ltd', country: 'SN', default_currency: 'XOF' },
    });
    const key = await server.call('POST', `/api/v1/merchants/${merchant.body.id}/keys`, {
      body: { name: 'main' },
    });
    expect((await server.call('GET', '/api/v1/whoami', { key: key.body.secret })).status).toBe(200);
    await server.call('PATCH', `/api/v1/merchants/${merchant.body.id}`, { body: { status: 'suspended' } });
    expectProblem(
      await server.call('GET', '/api/v1/whoami', { key: key.body.secret }),
      403,
      'merchant_inactive',
    );
    await server.call('PATCH', `/api/v1/merchants/${merchant.body.id}`, { body: { status: 'active' } });
    expect((await server.call('GET', '/api/v1/whoami', { key: key.body.secret })).status).toBe(200);
  });

  it('records when a key was last used', async () => {
    const created = await server.call('POST', '/api/v1/keys', {
      key: server.merchantKey,
      body: { name: 'usage' },
    });
    expect(created.body.last_used_at).toBeNull();
    await server.call('GET', '/api/v1/whoami', { key: created.body.secret });
    const fetched = await server.call('GET', `/api/v1/keys/${created.body.id}`, { key: server.merchantKey });
    expect(fetched.body.last_used_at).not.toBeNull();
  });
});
