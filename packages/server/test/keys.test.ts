import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('API keys', () => {
  it('shows the secret once: at creation, never when listed or fetched', async () => {
    const created = await server.call('POST', '/api/v1/keys', {
      key: server.merchantKey,
      body: { name: 'checkout' },
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^mk_test_[0-9A-Za-z]{32}$/);
    expect(created.body.secret.startsWith(created.body.prefix)).toBe(true);
    expect(created.body.scopes).not.toContain('admin');
    const fetched = await server.call('GET', `/api/v1/keys/${created.body.id}`, { key: server.merchantKey });
    expect(fetched.body.secret).toBeUndefined();
    const listed = await server.call('GET', '/api/v1/keys', { key: server.merchantKey });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
    const audit = await server.db.query<{ new_values: unknown }>(
      'SELECT new_values FROM audit_log WHERE entity_id = $1',
      [created.body.id],
    );
    expect(JSON.stringify(audit.rows)).not.toContain(created.body.secret);
  });

  it("lists only the caller's own keys; another merchant's key is a 404", async () => {
    const other = await server.call('POST', '/api/v1/merchants', {
      body: { name: 'Other', country: 'ZM', default_currency: 'ZMW' },
    });
    const otherKey = await server.call('POST', `/api/v1/merchants/${other.body.id}/keys`, {
      body: { name: 'theirs' },
    });
    const mine = await server.call('GET', '/api/v1/keys', { key: server.merchantKey });
    const ids = mine.body.data.map((key: { id: string }) => key.id);
    expect(ids).not.toContain(otherKey.body.id);
    for (const key of mine.body.data) expect(key.merchant_id).toBe(server.merchantId);
    expectProblem(
      await server.call('GET', `/api/v1/keys/${otherKey.body.id}`, { key: server.merchantKey }),
      404,
      'not_found',
    );
    expectProblem(
      await server.call('POST', `/api/v1/keys/${otherKey.body.id}/revoke`, { key: server.merchantKey }),
      404,
      'not_found',
    );
    // Still alive: the failed revoke changed nothing.
    expect((await server.call('GET', '/api/v1/whoami', { key: otherKey.body.secret })).status).toBe(200);
  });

  it('lets an admin list and create keys for a merchant, and 404s an unknown merchant', async () => {
    const listed = await server.call('GET', `/api/v1/merchants/${server.merchantId}/keys`);
    expect(listed.status).toBe(200);
    expect(listed.body.data.length).toBeGreaterThan(0);
    expectProblem(
      await server.call('GET', '/api/v1/merchants/mer_01JD2M3X4Y5Z6A7B8C9D0E1F2G/keys'),
      404,
      'not_found',
    );
    expectProblem(
      await server.call('POST', '/api/v1/merchants/mer_01JD2M3X4Y5Z6A7B8C9D0E1F2G/keys', {
        body: { name: 'x' },
      }),
      404,
      'not_found',
    );
  });

  it('refuses admin scope on a merchant key, and scopes the creator lacks', async () => {
    const before = await server.count('api_keys');
    expectProblem(
      await server.call('POST', `/api/v1/merchants/${server.merchantId}/keys`, {
        body: { name: 'x', scopes: ['admin'] },
      }),
      400,
      'scope_not_allowed',
    );
    const limited = await server.call('POST', '/api/v1/keys', {
      key: server.merchantKey,
      body: { name: 'key manager', scopes: ['keys:manage'] },
    });
    expectProblem(
      await server.call('POST', '/api/v1/keys', {
        key: limited.body.secret,
        body: { name: 'escalate', scopes: ['payments:write'] },
      }),
      403,
      'insufficient_scope',
    );
    expect(await server.count('api_keys')).toBe(before + 1);
  });

  it('refuses live keys on a sandbox server', async () => {
    expectProblem(
      await server.call('POST', '/api/v1/keys', {
        key: server.merchantKey,
        body: { name: 'live', mode: 'live' },
      }),
      400,
      'live_mode_unavailable',
    );
  });

  it('revokes idempotently', async () => {
    const created = await server.call('POST', '/api/v1/keys', {
      key: server.merchantKey,
      body: { name: 'revoke twice' },
    });
    const first = await server.call('POST', `/api/v1/keys/${created.body.id}/revoke`, {
      key: server.merchantKey,
    });
    const second = await server.call('POST', `/api/v1/keys/${created.body.id}/revoke`, {
      key: server.merchantKey,
    });
    expect(first.body.status).toBe('revoked');
    expect(second.body.revoked_at).toBe(first.body.revoked_at);
    const audits = await server.db.query('SELECT 1 FROM audit_log WHERE entity_id = $1 AND action = $2', [
      created.body.id,
      'api_key.revoked',
    ]);
    expect(audits.rowCount).toBe(1);
  });

  it('rotates: a new secret, the old one valid for the grace period', async () => {
    const created = await server.call('POST', '/api/v1/keys', {
      key: server.merchantKey,
      body: { name: 'rotating', scopes: ['payments:read', 'keys:manage'] },
    });
    const rotated = await server.call('POST', `/api/v1/keys/${created.body.id}/rotate`, {
      key: server.merchantKey,
      body: { grace_period_seconds: 3600 },
    });
    expect(rotated.status).toBe(201);
    expect(rotated.body).toMatchObject({
      name: 'rotating',
      scopes: ['payments:read', 'keys:manage'],
      replaces: { id: created.body.id },
    });
    expect(rotated.body.secret).not.toBe(created.body.secret);
    const graceEnd = Date.parse(rotated.body.replaces.expires_at);
    expect(graceEnd).toBeGreaterThan(Date.now() + 3500_000);
    expect(graceEnd).toBeLessThan(Date.now() + 3700_000);
    expect((await server.call('GET', '/api/v1/whoami', { key: created.body.secret })).status).toBe(200);
    expect((await server.call('GET', '/api/v1/whoami', { key: rotated.body.secret })).status).toBe(200);
  });

  it('rotates with no grace: the old key stops at once; a dead key cannot be rotated', async () => {
    const created = await server.call('POST', '/api/v1/keys', {
      key: server.merchantKey,
      body: { name: 'no grace' },
    });
    const rotated = await server.call('POST', `/api/v1/keys/${created.body.id}/rotate`, {
      key: server.merchantKey,
      body: { grace_period_seconds: 0 },
    });
    expect(rotated.status).toBe(201);
    expectProblem(
      await server.call('GET', '/api/v1/whoami', { key: created.body.secret }),
      401,
      'api_key_expired',
    );
    expectProblem(
      await server.call('POST', `/api/v1/keys/${created.body.id}/rotate`, { key: server.merchantKey }),
      409,
      'key_expired',
    );
  });

  it('refuses a grace period beyond seven days', async () => {
    const created = await server.call('POST', '/api/v1/keys', {
      key: server.merchantKey,
      body: { name: 'g' },
    });
    const result = await server.call('POST', `/api/v1/keys/${created.body.id}/rotate`, {
      key: server.merchantKey,
      body: { grace_period_seconds: 604_801 },
    });
    expectProblem(result, 400, 'validation_failed');
    expect(result.body.errors[0].field).toBe('body.grace_period_seconds');
  });

  it('lets an admin key manage platform keys through /api/v1/keys', async () => {
    const created = await server.call('POST', '/api/v1/keys', { body: { name: 'second operator' } });
    expect(created.body).toMatchObject({ merchant_id: null, scopes: ['admin'] });
    const listed = await server.call('GET', '/api/v1/keys');
    for (const key of listed.body.data) expect(key.merchant_id).toBeNull();
  });
});
