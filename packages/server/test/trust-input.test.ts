import { randomUUID } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/main.js';
import { ProviderBreakers } from '../src/payments/breakers.js';
import { PaymentMetrics } from '../src/payments/metrics.js';
import { registerPaymentJobs } from '../src/payments/processor.js';
import { createProviders } from '../src/payments/providers/registry.js';
import { JobWorker } from '../src/platform/jobs/index.js';
import { NO_RESPONSE } from '../src/webhooks/transport.js';
import { type MtnFake, startMtnFake } from './fakes/mtn-fake.js';
import { type ProductionServer, startProductionServer } from './helpers/production.js';
import { type CallResult, expectProblem, startTestServer, type TestServer } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_MAX: '100000' });
});
afterAll(async () => {
  await server?.close();
});

/** A request with a raw body and exactly the headers given (fetch adds no content type to bytes). */
async function raw(path: string, body: string, headers: Record<string, string>, key = server.merchantKey) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'idempotency-key': randomUUID(), ...headers },
    body: new TextEncoder().encode(body),
  });
  const result: CallResult = {
    status: response.status,
    headers: response.headers,
    body: await response.json(),
  };
  return result;
}

/** A request through node:http, which sends what it is told (a GET with a body, any transfer coding). */
function rawHttp(path: string, method: string, body: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const framing = headers['transfer-encoding'] ? {} : { 'content-length': String(Buffer.byteLength(body)) };
    const req = request(
      new URL(`${server.url}${path}`),
      { method, headers: { ...framing, ...headers } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('every body is read or refused', () => {
  it('a rotation body without a content type is refused, not ignored', async () => {
    const key = await server.call('POST', '/api/v1/keys', {
      key: server.merchantKey,
      body: { name: 'rotating' },
    });
    const refused = await raw(`/api/v1/keys/${key.body.id}/rotate`, '{"grace_period_seconds":0}', {});
    expectProblem(refused, 415, 'unsupported_media_type');
    const after = await server.call('GET', `/api/v1/keys/${key.body.id}`, { key: server.merchantKey });
    expect(after.body).toMatchObject({ status: 'active', expires_at: null });
  });

  it('a resend naming one endpoint without a content type is refused, and nothing is sent', async () => {
    const event = (await server.call('GET', '/api/v1/events?limit=1', { key: server.merchantKey })).body
      .data[0];
    const deliveries = await server.count('webhook_deliveries');
    const refused = await raw(
      `/api/v1/events/${event.id}/resend`,
      '{"endpoint_id":"we_01JD2M3X4Y5Z6A7B8C9D0E1F2G"}',
      {
        'content-type': 'text/plain',
      },
    );
    expectProblem(refused, 415, 'unsupported_media_type');
    expect(await server.count('webhook_deliveries')).toBe(deliveries);
  });

  it('a body sent where none is taken is refused', async () => {
    const key = await server.call('POST', '/api/v1/keys', {
      key: server.merchantKey,
      body: { name: 'kept' },
    });
    const refused = await server.call('POST', `/api/v1/keys/${key.body.id}/revoke`, {
      key: server.merchantKey,
      body: { reason: 'ignored?' },
    });
    expectProblem(refused, 400, 'body_not_allowed');
    expect(
      (await server.call('GET', `/api/v1/keys/${key.body.id}`, { key: server.merchantKey })).body.status,
    ).toBe('active');
  });

  it('compressed bodies are refused, also on the public provider callback', async () => {
    for (const encoding of ['gzip', 'deflate', 'br']) {
      const merchants = await server.count('merchants');
      const refused = await raw(
        '/api/v1/merchants',
        JSON.stringify({ name: 'Zip', country: 'ZM', default_currency: 'ZMW' }),
        {
          'content-type': 'application/json',
          'content-encoding': encoding,
        },
        server.adminKey,
      );
      expectProblem(refused, 415, 'unsupported_content_encoding');
      expect(refused.headers.get('accept-encoding')).toBe('identity');
      expect(await server.count('merchants')).toBe(merchants);
      const callback = await fetch(`${server.url}/api/v1/webhooks/sandbox`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': encoding },
        body: '{"referenceId":"x"}',
      });
      expect(callback.status).toBe(415);
      expect(callback.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  it('bodies outside the API, transfer codings and charsets other than UTF-8 are refused', async () => {
    const probe = await fetch(`${server.url}/healthz`, {
      method: 'GET',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    }).catch(() => null);
    // fetch refuses a GET with a body; node:http sends it as any client could.
    expect(probe).toBeNull();
    const healthz = await rawHttp('/healthz', 'GET', '{}', { 'content-type': 'application/json' });
    expect(healthz.status).toBe(400);
    expect(JSON.parse(healthz.body)).toMatchObject({ code: 'body_not_allowed' });
    const merchant = JSON.stringify({ name: 'Coded', country: 'ZM', default_currency: 'ZMW' });
    const gzipChunked = await rawHttp('/api/v1/merchants', 'POST', merchant, {
      'content-type': 'application/json',
      'transfer-encoding': 'gzip, chunked',
      authorization: `Bearer ${server.adminKey}`,
    });
    expect(JSON.parse(gzipChunked.body)).toMatchObject({ status: 415, code: 'unsupported_content_encoding' });
    const utf7 = await raw(
      '/api/v1/merchants',
      merchant,
      { 'content-type': 'application/json; charset=utf-7' },
      server.adminKey,
    );
    expectProblem(utf7, 415, 'unsupported_media_type');
  });

  it('NUL characters and unpaired surrogates are a 400 naming the field, nothing written', async () => {
    const merchants = await server.count('merchants');
    for (const name of ['"Lusaka\\u0000Grocers"', '"Lusaka \\ud800 Grocers"']) {
      const refused = await raw(
        '/api/v1/merchants',
        `{"name":${name},"country":"ZM","default_currency":"ZMW"}`,
        {
          'content-type': 'application/json',
        },
        server.adminKey,
      );
      expectProblem(refused, 400, 'invalid_text');
      expect(refused.body.errors[0].field).toBe('body.name');
    }
    const query = await server.call('GET', '/api/v1/events?type=payment.created%00', {
      key: server.merchantKey,
    });
    expect(query.status).toBe(400);
    expect(await server.count('merchants')).toBe(merchants);
  });

  it('dates outside the years 1970 to 9999 are a 400', async () => {
    const endpoint = await server.call('POST', '/api/v1/webhook-endpoints', {
      key: server.merchantKey,
      body: { url: 'https://hooks.example.com/dates', enabled_events: ['payment.failed'] },
    });
    for (const since of ['0000-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '2026-02-30T00:00:00Z']) {
      const refused = await server.call('POST', `/api/v1/webhook-endpoints/${endpoint.body.id}/recover`, {
        key: server.merchantKey,
        body: { since },
      });
      expectProblem(refused, 400, 'validation_failed');
    }
    expectProblem(
      await server.call('GET', '/api/v1/payments?created_gte=0000-01-01T00:00:00Z', {
        key: server.merchantKey,
      }),
      400,
      'validation_failed',
    );
  });

  it('oversized headers get a problem document', async () => {
    const url = new URL(`${server.url}/api/v1/whoami`);
    const answer = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const req = request(url, { headers: { 'x-pad': 'a'.repeat(20_000) } }, (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', body }),
        );
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer.status).toBe(431);
    expect(answer.type).toBe('application/problem+json');
    expect(JSON.parse(answer.body)).toMatchObject({ status: 431, code: 'headers_too_large' });
  });

  it('countries and currencies are real ISO codes', async () => {
    const merchant = (country: string, currency: string) =>
      server.call('POST', '/api/v1/merchants', {
        body: { name: 'Codes', country, default_currency: currency },
      });
    const zz = await merchant('ZZ', 'ZMW');
    expectProblem(zz, 400, 'validation_failed');
    expect(zz.body.errors).toEqual([
      expect.objectContaining({ field: 'body.country', code: 'unknown_country' }),
    ]);
    const xxx = await merchant('ZM', 'XXX');
    expect(xxx.body.errors).toEqual([expect.objectContaining({ field: 'body.default_currency' })]);
    const payment = await server.call('POST', '/api/v1/payments', {
      key: server.merchantKey,
      headers: { 'idempotency-key': randomUUID() },
      body: { external_id: 'xxx-1', flow: 'collection', amount: 100, currency: 'XXX', payer: '260971234567' },
    });
    expectProblem(payment, 400, 'currency_not_supported');
    expect((await merchant('CI', 'XOF')).status).toBe(201);
  });
});

describe('outbound requests cannot reach the inside', () => {
  it('webhook URLs to loopback, private and metadata addresses are refused when saved, in both modes', async () => {
    for (const url of [
      'http://127.0.0.1:5432/',
      'http://169.254.169.254/latest/meta-data',
      'http://10.1.2.3/hooks',
      'https://[::ffff:127.0.0.1]/hooks',
      'https://[64:ff9b::7f00:1]/hooks',
      'http://localhost./hooks',
    ]) {
      const refused = await server.call('POST', '/api/v1/webhook-endpoints', {
        key: server.merchantKey,
        body: { url, enabled_events: ['payment.failed'] },
      });
      expectProblem(refused, 400, 'invalid_endpoint_url');
    }
  });

  it('a production server refuses to start with the loopback exception', async () => {
    await expect(
      startServer({
        port: 0,
        dataDir: 'memory://',
        env: { LOG_LEVEL: 'silent', MOLAM_MODE: 'production', EGRESS_ALLOW_LOOPBACK: 'true' },
      }),
    ).rejects.toMatchObject({ code: 'invalid_config' });
  });

  describe('in production, a loopback listener receives nothing', () => {
    let production: ProductionServer;
    let listener: Server;
    let hits = 0;
    beforeAll(async () => {
      listener = createServer((_req, res) => {
        hits++;
        res.end('ok');
      });
      await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
      production = await startProductionServer({ JOB_POLL_MS: '50', RATE_LIMIT_MAX: '100000' }, 'all');
    });
    afterAll(async () => {
      await production?.close();
      await new Promise((resolve) => listener.close(resolve));
    });

    it('even from an endpoint saved before the rule, by address or by name', async () => {
      const port = (listener.address() as AddressInfo).port;
      for (const [id, url] of [
        ['we_01JD2M3X4Y5Z6A7B8C9D0E1F2A', `http://127.0.0.1:${port}/hooks`],
        ['we_01JD2M3X4Y5Z6A7B8C9D0E1F2B', `http://localhost:${port}/hooks`],
      ]) {
        await production.db.query(
          `INSERT INTO webhook_endpoints (id, merchant_id, mode, url, enabled_events, secret)
           VALUES ($1, $2, 'test', $3, ARRAY['*'], 'whsec_dGVzdHNlY3JldHRlc3RzZWNyZXR0ZXN0c2VjcmV0')`,
          [id, production.merchantId, url],
        );
      }
      // Creating a key emits api_key.created, which both endpoints want.
      await production.call('POST', '/api/v1/keys', {
        key: production.merchant.test,
        headers: { 'idempotency-key': randomUUID() },
        body: { name: 'trigger' },
      });
      for (const id of ['we_01JD2M3X4Y5Z6A7B8C9D0E1F2A', 'we_01JD2M3X4Y5Z6A7B8C9D0E1F2B']) {
        const deliveries = await waitFor(
          async () =>
            (
              await production.call('GET', `/api/v1/webhook-endpoints/${id}/deliveries`, {
                key: production.merchant.test,
              })
            ).body,
          (page) => page.data[0]?.attempts.length > 0,
        );
        expect(deliveries.data[0].attempts[0]).toMatchObject({ status_code: null, response_body: null });
        expect(deliveries.data[0].attempts[0].error).toBe(NO_RESPONSE);
      }
      expect(hits).toBe(0);
    });
  });
});

describe('an explicit provider is a promise', () => {
  let mtn: MtnFake;
  let api: TestServer;
  beforeAll(async () => {
    mtn = await startMtnFake();
    api = await startTestServer({ ...mtn.env(), RATE_LIMIT_MAX: '100000', MOLAM_ROLE: 'api' });
  });
  afterAll(async () => {
    await api?.close();
    await mtn?.close();
  });

  const workerWith = (env: Record<string, string>, pendingWindowMs = 600_000) => {
    const logger = pino({ level: 'silent' });
    const worker = new JobWorker(api.db, { logger, concurrency: 1, pollMs: 600_000 });
    const metrics = new PaymentMetrics(new Registry());
    registerPaymentJobs(worker, {
      db: api.db,
      registry: createProviders(env),
      breakers: new ProviderBreakers(),
      metrics,
      logger,
      pendingWindowMs,
    });
    return { worker, metrics };
  };

  /** A collection that names MTN: a promise to go through MTN or fail. */
  const payThroughMtn = () =>
    api.call('POST', '/api/v1/payments', {
      key: api.merchantKey,
      headers: { 'idempotency-key': randomUUID() },
      body: {
        external_id: `mtn-${randomUUID()}`,
        flow: 'collection',
        amount: 100,
        currency: 'EUR',
        payer: '46733123459',
        provider: 'mtn',
      },
    });

  it('a worker without the provider leaves the payment to one that has it, and says so', async () => {
    const created = await payThroughMtn();
    expect(created.body.provider).toBe('mtn');
    const without = workerWith({});
    expect(await without.worker.runOnce()).toBe(0);
    const unserved = await without.metrics.unservedJobs.get();
    expect(unserved.values).toContainEqual(
      expect.objectContaining({ labels: { provider: 'mtn' }, value: 1 }),
    );
    const still = await api.call('GET', `/api/v1/payments/${created.body.id}`, { key: api.merchantKey });
    expect(still.body).toMatchObject({ status: 'pending', provider: 'mtn' });

    const withMtn = workerWith(mtn.env());
    expect(await withMtn.worker.runOnce()).toBe(1);
    expect(mtn.transactions.size).toBeGreaterThan(0);
    const attempts = await api.call('GET', `/api/v1/payments/${created.body.id}/attempts`, {
      key: api.merchantKey,
    });
    expect(attempts.body.data.every((attempt: { provider: string }) => attempt.provider === 'mtn')).toBe(
      true,
    );
  });

  it('is never moved to another provider, even one the routing names after it', async () => {
    await api.call('PUT', `/api/v1/merchants/${api.merchantId}/routing`, {
      key: api.merchantKey,
      body: { currencies: { EUR: ['mtn', 'sandbox'] } },
    });
    const created = await payThroughMtn();
    mtn.inject({ kind: 'respond', status: 503, body: { code: 'SERVICE_UNAVAILABLE' } }, { times: 1000 });
    const read = () => api.call('GET', `/api/v1/payments/${created.body.id}`, { key: api.merchantKey });
    let final = await read();
    try {
      // MTN certainly did not take it, and no time is left to wait for it: it fails, and stays MTN's. The worker
      // is stepped until this payment's job has run (an earlier test's check job may come first).
      const { worker } = workerWith(mtn.env(), 0);
      for (let run = 0; run < 10 && final.body.status === 'pending'; run++) {
        await worker.runOnce();
        final = await read();
      }
    } finally {
      mtn.inject({ kind: 'respond', status: 200 }, { times: 0 });
    }
    expect(final.body).toMatchObject({
      status: 'failed',
      provider: 'mtn',
      failure: { code: 'provider_unavailable' },
    });
  });
});
