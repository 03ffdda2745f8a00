import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const acme = { name: 'Acme Mobile', email: 'ops@acme.example', country: 'ZM', default_currency: 'ZMW' };

describe('merchants', () => {
  it('creates, reads and updates a merchant, auditing each change', async () => {
    const created = await server.call('POST', '/api/v1/merchants', { body: acme });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...acme, object: 'merchant', status: 'active' });
    expect(created.body.id).toMatch(/^mer_[0-9A-Z]{26}$/);

    const fetched = await server.call('GET', `/api/v1/merchants/${created.body.id}`);
    expect(fetched.body).toEqual(created.body);

    const updated = await server.call('PATCH', `/api/v1/merchants/${created.body.id}`, {
      body: { name: 'Acme Money', email: null },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'Acme Money', email: null, country: 'ZM' });

    const { rows } = await server.db.query<{
      action: string;
      actor: string;
      request_id: string;
      old_values: unknown;
      new_values: unknown;
    }>(
      'SELECT action, actor, request_id, old_values, new_values FROM audit_log WHERE entity_id = $1 ORDER BY id',
      [created.body.id],
    );
    expect(rows.map((row) => row.action)).toEqual(['merchant.created', 'merchant.updated']);
    expect(rows[1]?.request_id).toBe(updated.headers.get('x-request-id'));
    expect(rows[1]?.old_values).toMatchObject({ name: 'Acme Mobile' });
    expect(rows[1]?.new_values).toMatchObject({ name: 'Acme Money' });
    expect(rows[0]?.actor).toMatch(/^key_/);
  });

  it('never reopens a closed merchant', async () => {
    const created = await server.call('POST', '/api/v1/merchants', { body: acme });
    await server.call('PATCH', `/api/v1/merchants/${created.body.id}`, { body: { status: 'closed' } });
    expectProblem(
      await server.call('PATCH', `/api/v1/merchants/${created.body.id}`, { body: { status: 'active' } }),
      409,
      'merchant_closed',
    );
  });

  it('pages through merchants newest first with a cursor', async () => {
    for (let i = 0; i < 5; i++)
      await server.call('POST', '/api/v1/merchants', { body: { ...acme, name: `Paged ${i}` } });
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      const query: string = cursor ? `?limit=2&starting_after=${cursor}` : '?limit=2';
      const result = await server.call('GET', `/api/v1/merchants${query}`);
      expect(result.status).toBe(200);
      expect(result.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...result.body.data.map((merchant: { id: string }) => merchant.id));
      if (!result.body.has_more) {
        expect(result.body.next_cursor).toBeNull();
        break;
      }
      cursor = result.body.next_cursor;
    }
    expect(seen.length).toBe(await server.count('merchants'));
    expect([...seen].sort().reverse()).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('refuses an invalid cursor and an out-of-range limit', async () => {
    expectProblem(
      await server.call('GET', '/api/v1/merchants?starting_after=key_01JD2M3X4Y5Z6A7B8C9D0E1F2G'),
      400,
      'invalid_cursor',
    );
    const limit = await server.call('GET', '/api/v1/merchants?limit=1000');
    expectProblem(limit, 400, 'validation_failed');
    expect(limit.body.errors[0].field).toBe('query.limit');
  });

  it("shows a merchant key only its own merchant; another's is a 404", async () => {
    const other = await server.call('POST', '/api/v1/merchants', { body: { ...acme, name: 'Other' } });
    const list = await server.call('GET', '/api/v1/merchants', { key: server.merchantKey });
    expect(list.body.data.map((merchant: { id: string }) => merchant.id)).toEqual([server.merchantId]);
    expect(
      (await server.call('GET', `/api/v1/merchants/${server.merchantId}`, { key: server.merchantKey }))
        .status,
    ).toBe(200);
    expectProblem(
      await server.call('GET', `/api/v1/merchants/${other.body.id}`, { key: server.merchantKey }),
      404,
      'not_found',
    );
  });

  it('answers 404 for an unknown merchant and 400 for a malformed id', async () => {
    expectProblem(
      await server.call('GET', '/api/v1/merchants/mer_01JD2M3X4Y5Z6A7B8C9D0E1F2G'),
      404,
      'not_found',
    );
    expectProblem(await server.call('GET', '/api/v1/merchants/42'), 400, 'validation_failed');
  });
});
