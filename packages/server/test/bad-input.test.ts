import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../src/app.js';
import { expectProblem, startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** Each bad request must leave the database exactly as it was. */
async function expectNothingWritten(send: () => Promise<unknown>): Promise<void> {
  const tables = ['merchants', 'api_keys', 'audit_log', 'idempotency_keys'];
  const before = await Promise.all(tables.map((table) => server.count(table)));
  await send();
  expect(await Promise.all(tables.map((table) => server.count(table)))).toEqual(before);
}

const valid = { name: 'Valid', country: 'ZM', default_currency: 'ZMW' };

describe('bad input', () => {
  it('malformed JSON is a 400 malformed_json', async () => {
    await expectNothingWritten(async () => {
      expectProblem(
        await server.call('POST', '/api/v1/merchants', { body: '{"name": "x",' }),
        400,
        'malformed_json',
      );
    });
  });

  it('a body that is not JSON is a 415', async () => {
    await expectNothingWritten(async () => {
      const result = await server.call('POST', '/api/v1/merchants', {
        body: 'name=x&country=ZM',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expectProblem(result, 415, 'unsupported_media_type');
    });
  });

  it('unknown fields are refused and named', async () => {
    await expectNothingWritten(async () => {
      const result = await server.call('POST', '/api/v1/merchants', {
        body: { ...valid, status: 'active', owner: 'me' },
      });
      expectProblem(result, 400, 'validation_failed');
      expect(result.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
        'body.owner',
        'body.status',
      ]);
    });
  });

  it('lists every invalid field', async () => {
    await expectNothingWritten(async () => {
      const result = await server.call('POST', '/api/v1/merchants', {
        body: { name: '', country: 'zambia', default_currency: 12 },
      });
      expectProblem(result, 400, 'validation_failed');
      const fields = result.body.errors.map((error: { field: string }) => error.field);
      expect(fields).toEqual(expect.arrayContaining(['body.name', 'body.country', 'body.default_currency']));
    });
  });

  it(`a body over ${BODY_LIMIT_BYTES} bytes is a 413`, async () => {
    await expectNothingWritten(async () => {
      const result = await server.call('POST', '/api/v1/merchants', {
        body: { ...valid, name: 'x'.repeat(BODY_LIMIT_BYTES + 1) },
      });
      expectProblem(result, 413, 'payload_too_large');
    });
  });

  it('a missing body is a 415 or 400, never a merchant', async () => {
    await expectNothingWritten(async () => {
      const result = await server.call('POST', '/api/v1/merchants', {
        headers: { 'content-type': 'application/json' },
      });
      expect([400, 415]).toContain(result.status);
      expect(result.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });
  });

  it('unknown query parameters and routes are refused', async () => {
    expectProblem(await server.call('GET', '/api/v1/merchants?colour=blue'), 400, 'validation_failed');
    expectProblem(await server.call('GET', '/api/v1/nothing-here'), 404, 'route_not_found');
    expectProblem(await server.call('DELETE', '/api/v1/merchants'), 405, 'method_not_allowed');
  });

  it('an invalid Idempotency-Key is a 400 and reserves nothing', async () => {
    await expectNothingWritten(async () => {
      const result = await server.call('POST', '/api/v1/merchants', {
        body: valid,
        headers: { 'idempotency-key': 'short' },
      });
      expectProblem(result, 400, 'validation_failed');
      expect(result.body.errors[0].field).toBe('header.idempotency-key');
    });
  });

  it('never shows a stack trace', async () => {
    const result = await server.call('POST', '/api/v1/merchants', { body: '{' });
    expect(JSON.stringify(result.body)).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});
