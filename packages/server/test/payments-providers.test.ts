import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signHmacSha256 } from '../src/payments/providers/signature.js';
import { type MtnFake, startMtnFake } from './fakes/mtn-fake.js';
import { expectProblem, startTestServer, type TestServer } from './helpers/server.js';

// MTN's sandbox environment takes EUR only; the fake plays MTN over a real socket.
const WEBHOOK_SECRET = 'whsec-test-3f9a';
let mtn: MtnFake;
let server: TestServer;

beforeAll(async () => {
  mtn = await startMtnFake();
  server = await startTestServer({
    ...mtn.env(),
    MTN_TIMEOUT_MS: '500',
    MTN_WEBHOOK_SECRET: WEBHOOK_SECRET,
    JOB_POLL_MS: '50',
    RATE_LIMIT_MAX: '100000',
    CIRCUIT_BREAKER_THRESHOLD: '3',
    CIRCUIT_BREAKER_HALF_OPEN_AFTER_MS: '600000',
  });
});
afterAll(async () => {
  await server.close();
  await mtn.close();
});
afterEach(async () => {
  await server.call('PUT', `/api/v1/merchants/${server.merchantId}/routing`, {
    key: server.merchantKey,
    body: { currencies: {} },
  });
});

const pay = (overrides: Record<string, unknown> = {}) =>
  server.call('POST', '/api/v1/payments', {
    key: server.merchantKey,
    headers: { 'idempotency-key': randomUUID() },
    body: {
      external_id: `ord-${randomUUID()}`,
      flow: 'collection',
      amount: 1250,
      currency: 'EUR',
      payer: '46733123999',
      ...overrides,
    },
  });

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('condition never met');
}

const payment = async (id: string) =>
  (await server.call('GET', `/api/v1/payments/${id}`, { key: server.merchantKey })).body;
const referenceOf = async (id: string) =>
  (
    await server.db.query<{ ref: string }>(
      'SELECT provider_reference::text AS ref FROM payments WHERE id = $1',
      [id],
    )
  ).rows[0]!.ref;
const submitted = (reference: string) =>
  until(
    async () => mtn.transactions.get(reference),
    (found) => found !== undefined,
  );

const callback = (body: unknown, signature?: string) => {
  const raw = JSON.stringify(body);
  return server.call('PUT', '/api/v1/webhooks/mtn', {
    key: null,
    body: raw,
    headers: { 'x-signature-256': signature ?? signHmacSha256(Buffer.from(raw), WEBHOOK_SECRET) },
  });
};

describe('payments through MTN', () => {
  it('sends the real wire format, then settles only on what the status endpoint says', async () => {
    const created = await pay({ provider: 'mtn', payer_message: 'Order 7' });
    expect(created.status).toBe(202);
    const reference = await referenceOf(created.body.id);
    await submitted(reference);
    const request = mtn.requests.find(
      (r) => r.method === 'POST' && r.path === '/collection/v1_0/requesttopay',
    );
    expect(request?.headers['x-reference-id']).toBe(reference);
    expect(request?.json).toMatchObject({
      amount: '12.50',
      currency: 'EUR',
      externalId: created.body.id,
      payer: { partyIdType: 'MSISDN', partyId: '46733123999' },
    });

    // A correctly signed callback claiming success, while MTN still says PENDING: nothing changes.
    const forged = await callback({
      externalId: created.body.id,
      status: 'SUCCESSFUL',
      financialTransactionId: '999',
    });
    expect(forged.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await payment(created.body.id)).status).toBe('pending');

    mtn.settle(reference, 'SUCCESSFUL');
    const signed = await callback({ externalId: created.body.id, status: 'SUCCESSFUL' });
    expect(signed.body).toEqual({ received: true, payment_id: created.body.id });
    const final = await until(
      () => payment(created.body.id),
      (p) => p.status !== 'pending',
    );
    expect(final.status).toBe('successful');
    expect(final.provider_transaction_id).toBe(mtn.transactions.get(reference)?.financialTransactionId);

    // A duplicate callback after settlement is a harmless no-op.
    expect((await callback({ externalId: created.body.id, status: 'FAILED' })).status).toBe(200);
    expect((await payment(created.body.id)).status).toBe('successful');
  });

  it('refuses a callback with a bad or missing signature and changes nothing', async () => {
    // A server without workers, so the job count moves only by what the callbacks do.
    const api = await startTestServer({
      ...mtn.env(),
      MTN_WEBHOOK_SECRET: WEBHOOK_SECRET,
      MOLAM_ROLE: 'api',
    });
    try {
      const created = await api.call('POST', '/api/v1/payments', {
        key: api.merchantKey,
        headers: { 'idempotency-key': randomUUID() },
        body: {
          external_id: `ord-${randomUUID()}`,
          flow: 'collection',
          amount: 100,
          currency: 'EUR',
          payer: '46733123459',
          provider: 'mtn',
        },
      });
      const send = (body: unknown, signature?: string) => {
        const raw = JSON.stringify(body);
        const headers: Record<string, string> =
          signature === undefined ? {} : { 'x-signature-256': signature };
        return api.call('PUT', '/api/v1/webhooks/mtn', { key: null, body: raw, headers });
      };
      const jobsBefore = await api.count('jobs');
      expectProblem(await send({ externalId: created.body.id }, 'sha256=00ff'), 401, 'invalid_signature');
      expectProblem(await send({ externalId: created.body.id }), 401, 'invalid_signature');
      expect(await api.count('jobs')).toBe(jobsBefore);
      // Signed, the same callback schedules a status check: the count above would have seen it.
      const raw = JSON.stringify({ externalId: created.body.id });
      expect(
        (await send({ externalId: created.body.id }, signHmacSha256(Buffer.from(raw), WEBHOOK_SECRET)))
          .status,
      ).toBe(200);
      expect(await api.count('jobs')).toBe(jobsBefore + 1);
    } finally {
      await api.close();
    }
  });

  it('answers 404 for a callback about no payment of ours, and 400 for invalid JSON', async () => {
    expectProblem(await callback({ externalId: 'pay_01JD2M3X4Y5Z6A7B8C9D0E1F2G' }), 404, 'payment_not_found');
    const raw = '{"externalId": ';
    const invalid = await server.call('PUT', '/api/v1/webhooks/mtn', {
      key: null,
      body: raw,
      headers: { 'x-signature-256': signHmacSha256(Buffer.from(raw), WEBHOOK_SECRET) },
    });
    expectProblem(invalid, 400, 'malformed_json');
  });

  it('refuses a currency the provider cannot take, before anything is written or sent', async () => {
    const before = await server.count('payments');
    const sent = mtn.requests.length;
    const result = await pay({ provider: 'mtn', currency: 'ZMW' });
    expectProblem(result, 400, 'currency_not_supported');
    expect(result.body.errors[0].field).toBe('body.currency');
    expect(await server.count('payments')).toBe(before);
    expect(mtn.requests.length).toBe(sent);
  });

  it('reports its callback endpoint health', async () => {
    const health = await server.call('GET', '/api/v1/webhooks/mtn/health', { key: null });
    expect(health.body).toEqual({ status: 'ok', provider: 'mtn', enabled: true, signature_required: true });
  });

  it('keeps an ambiguous submission with MTN and reconciles it, never re-routing', async () => {
    await server.call('PUT', `/api/v1/merchants/${server.merchantId}/routing`, {
      key: server.merchantKey,
      body: { currencies: { EUR: ['mtn', 'sandbox'] } },
    });
    mtn.inject({ kind: 'accept_then_500' });
    const created = await pay();
    expect(created.body.provider).toBe('mtn');
    const reference = await referenceOf(created.body.id);
    await submitted(reference);
    mtn.settle(reference, 'SUCCESSFUL');
    const final = await until(
      () => payment(created.body.id),
      (p) => p.status !== 'pending',
    );
    expect(final).toMatchObject({ status: 'successful', provider: 'mtn' });
    const attempts = await server.call('GET', `/api/v1/payments/${created.body.id}/attempts`, {
      key: server.merchantKey,
    });
    expect(attempts.body.data.map((a: { decision: string }) => a.decision)).toContain('ambiguous');
    // One charge at MTN for this reference, however many times we asked.
    expect([...mtn.transactions.keys()].filter((key) => key === reference)).toHaveLength(1);
  });

  it('falls back to the next provider when MTN certainly did not take it, then opens the circuit', async () => {
    await server.call('PUT', `/api/v1/merchants/${server.merchantId}/routing`, {
      key: server.merchantKey,
      body: { currencies: { EUR: ['mtn', 'sandbox'] } },
    });
    // Made while MTN is well: its retry after the circuit opened must replay it, not be refused.
    const earlyKey = randomUUID();
    const earlyBody = { external_id: `ord-${randomUUID()}`, provider: 'mtn' };
    const early = await server.call('POST', '/api/v1/payments', {
      key: server.merchantKey,
      headers: { 'idempotency-key': earlyKey },
      body: { flow: 'collection', amount: 1250, currency: 'EUR', payer: '46733123999', ...earlyBody },
    });
    expect(early.status).toBe(202);
    mtn.inject({ kind: 'respond', status: 503, body: { code: 'SERVICE_UNAVAILABLE' } }, { times: 1000 });
    try {
      const created = await pay();
      const final = await until(
        () => payment(created.body.id),
        (p) => p.status !== 'pending',
      );
      expect(final).toMatchObject({ status: 'successful', provider: 'sandbox' });
      const attempts = await server.call('GET', `/api/v1/payments/${created.body.id}/attempts`, {
        key: server.merchantKey,
      });
      expect(
        attempts.body.data.filter((a: { provider: string }) => a.provider === 'mtn').length,
      ).toBeGreaterThan(1);

      // Two more downtime outcomes open MTN's circuit (threshold 3 here).
      for (let i = 0; i < 2; i++) {
        const next = await pay();
        await until(
          () => payment(next.body.id),
          (p) => p.status !== 'pending',
        );
      }
      // With the circuit open and no fallback (MTN asked for explicitly): 503 with Retry-After, nothing written.
      const before = await server.count('payments');
      const refused = await pay({ provider: 'mtn' });
      expectProblem(refused, 503, 'provider_unavailable');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await server.count('payments')).toBe(before);
      const retried = await server.call('POST', '/api/v1/payments', {
        key: server.merchantKey,
        headers: { 'idempotency-key': earlyKey },
        body: { flow: 'collection', amount: 1250, currency: 'EUR', payer: '46733123999', ...earlyBody },
      });
      expect(retried.status).toBe(202);
      expect(retried.headers.get('idempotent-replayed')).toBe('true');
      expect(retried.body.id).toBe(early.body.id);
      // Routed payments skip the open circuit and go straight to the sandbox.
      expect((await pay()).body.provider).toBe('sandbox');
    } finally {
      mtn.inject({ kind: 'respond', status: 200 }, { times: 0 });
    }
  });
});
