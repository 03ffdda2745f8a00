import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutSecret } from '../src/platform/idempotency-keys.js';
import { expectProblem, startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const body = { name: 'Idem Ltd', country: 'ZM', default_currency: 'ZMW' };
const withKey = (key: string, payload: unknown = body) => ({
  body: payload,
  headers: { 'idempotency-key': key },
});

describe('Idempotency-Key on mutations', () => {
  it('replays the first response for a retry, creating one merchant', async () => {
    const before = await server.count('merchants');
    const first = await server.call('POST', '/api/v1/merchants', withKey('create-merchant-0001'));
    const retry = await server.call('POST', '/api/v1/merchants', withKey('create-merchant-0001'));
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await server.count('merchants')).toBe(before + 1);
  });

  it('answers 422 when the key is reused for a different request', async () => {
    await server.call('POST', '/api/v1/merchants', withKey('create-merchant-0002'));
    const before = await server.count('merchants');
    const reuse = await server.call(
      'POST',
      '/api/v1/merchants',
      withKey('create-merchant-0002', { ...body, name: 'Other' }),
    );
    expectProblem(reuse, 422, 'idempotency_key_reused');
    expect(await server.count('merchants')).toBe(before);
  });

  it('scopes keys per tenant: two merchants may use the same key', async () => {
    const a = await server.call('POST', '/api/v1/keys', {
      key: server.merchantKey,
      ...withKey('shared-key-0001', { name: 'a' }),
    });
    const other = await server.call('POST', '/api/v1/merchants', { body: { ...body, name: 'Tenant B' } });
    const otherKey = await server.call('POST', `/api/v1/merchants/${other.body.id}/keys`, {
      body: { name: 'b' },
    });
    const b = await server.call('POST', '/api/v1/keys', {
      key: otherKey.body.secret,
      ...withKey('shared-key-0001', { name: 'a' }),
    });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers.get('idempotent-replayed')).toBeNull();
    expect(b.body.id).not.toBe(a.body.id);
  });

  it('stores refusals too: a retried 404 is replayed as a 404', async () => {
    const path = '/api/v1/merchants/mer_01JD2M3X4Y5Z6A7B8C9D0E1F2G/keys';
    const first = await server.call('POST', path, withKey('missing-merchant-01', { name: 'x' }));
    const retry = await server.call('POST', path, withKey('missing-merchant-01', { name: 'x' }));
    expectProblem(first, 404, 'not_found');
    expect(retry.status).toBe(404);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
  });

  it('gives concurrent identical requests one merchant and identical bodies', async () => {
    const before = await server.count('merchants');
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        server.call('POST', '/api/v1/merchants', withKey('concurrent-create-01')),
      ),
    );
    const created = results.filter((result) => result.status === 201);
    const inProgress = results.filter((result) => result.status === 409);
    expect(created.length + inProgress.length).toBe(results.length);
    for (const result of inProgress) expectProblem(result, 409, 'idempotency_in_progress');
    for (const result of created) expect(result.body).toEqual(created[0]?.body);
    expect(await server.count('merchants')).toBe(before + 1);
  });
});

describe('stored answers', () => {
  it('never hold a secret, at any depth', () => {
    const stored = withoutSecret({
      id: 'key_1',
      secret: 'mk_live_x',
      replaces: { id: 'key_0' },
      nested: [{ secret: 'whsec_y', name: 'kept' }],
    });
    expect(stored).toEqual({
      id: 'key_1',
      secret: null,
      secret_redacted: true,
      replaces: { id: 'key_0' },
      nested: [{ secret: null, secret_redacted: true, name: 'kept' }],
    });
    expect(JSON.stringify(stored)).not.toMatch(/mk_live_x|whsec_y/);
  });
});
