import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collection } from './helpers/payment-bodies.js';
import { expectProblem, startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    JOB_POLL_MS: '50',
    SANDBOX_PENDING_SECONDS: '1',
    PAYMENT_PENDING_WINDOW_SECONDS: '3',
    // The tests poll payments until they settle: more requests than the default limit allows.
    RATE_LIMIT_MAX: '100000',
  });
});
afterAll(() => server.close());

const create = (body: unknown, key: string | null = randomUUID(), apiKey?: string) =>
  server.call('POST', '/api/v1/payments', {
    key: apiKey ?? server.merchantKey,
    body,
    headers: key === null ? {} : { 'idempotency-key': key },
  });

/** Polls until the payment leaves `pending` (bounded: the worker polls every 50 ms here). */
async function settled(id: string) {
  for (let i = 0; i < 400; i++) {
    const result = await server.call('GET', `/api/v1/payments/${id}`, { key: server.merchantKey });
    if (result.body.status !== 'pending') return result.body;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`payment ${id} stayed pending`);
}

describe('creating a payment', () => {
  it('answers 202 pending, then the worker settles it through the sandbox', async () => {
    const created = await create(collection({ metadata: { order: '1042' } }));
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({
      object: 'payment',
      status: 'pending',
      provider: 'sandbox',
      amount: 1250,
      currency: 'ZMW',
      payer: '260971234567',
      payee: null,
      mode: 'test',
      metadata: { order: '1042' },
    });
    expect(created.body.id).toMatch(/^pay_/);
    const final = await settled(created.body.id);
    expect(final).toMatchObject({ status: 'successful', failure: null });
    expect(final.completed_at).not.toBeNull();

    const attempts = await server.call('GET', `/api/v1/payments/${created.body.id}/attempts`, {
      key: server.merchantKey,
    });
    expect(attempts.status).toBe(200);
    expect(attempts.body.data.map((attempt: { operation: string }) => attempt.operation)).toEqual(
      expect.arrayContaining(['submit', 'status']),
    );
    expect(JSON.stringify(attempts.body)).not.toContain('260971234567');
  });

  it('writes the events and the audit trail with the payment', async () => {
    const created = await create(collection());
    await settled(created.body.id);
    const { rows } = await server.db.query<{ topic: string }>(
      'SELECT topic FROM outbox WHERE key = $1 ORDER BY id',
      [created.body.id],
    );
    expect(rows.map((row) => row.topic)).toEqual([
      'audit.payment-events',
      'payments.payment-processed',
      'audit.payment-events',
    ]);
    const events = await server.db.query<{ type: string }>(
      "SELECT type FROM events WHERE data->'object'->>'id' = $1 ORDER BY id",
      [created.body.id],
    );
    expect(events.rows.map((row) => row.type)).toEqual(['payment.created', 'payment.succeeded']);
    const audit = await server.db.query<{ action: string }>(
      'SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id',
      [created.body.id],
    );
    expect(audit.rows.map((row) => row.action)).toEqual(['payment.created', 'payment.succeeded']);
  });

  it('routes a disbursement and shows the payee', async () => {
    const created = await create({
      external_id: `payout-${randomUUID()}`,
      flow: 'disbursement',
      amount: 5000,
      currency: 'XOF',
      payee: '221771234567',
    });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ flow: 'disbursement', payee: '221771234567', payer: null });
    expect((await settled(created.body.id)).status).toBe('successful');
  });
});

describe('the sandbox magic numbers', () => {
  it('46733123450 fails and 46733123451 is rejected by the payer', async () => {
    const failed = await create(collection({ payer: '46733123450', currency: 'EUR' }));
    const rejected = await create(collection({ payer: '46733123451', currency: 'EUR' }));
    expect((await settled(failed.body.id)).status).toBe('failed');
    expect(await settled(rejected.body.id)).toMatchObject({
      status: 'failed',
      failure: { code: 'approval_rejected' },
    });
  });

  it('46733123452 times out on submission and is reconciled to successful', async () => {
    const created = await create(collection({ payer: '46733123452', currency: 'EUR' }));
    expect((await settled(created.body.id)).status).toBe('successful');
    const attempts = await server.call('GET', `/api/v1/payments/${created.body.id}/attempts`, {
      key: server.merchantKey,
    });
    expect(attempts.body.data[0].decision).toBe('ambiguous');
  });

  it('46733123453 is pending, then successful', async () => {
    const created = await create(collection({ payer: '46733123453', currency: 'EUR' }));
    expect((await settled(created.body.id)).status).toBe('successful');
  });

  it('46733123454 stays pending and expires after the window', async () => {
    const created = await create(collection({ payer: '46733123454', currency: 'EUR' }));
    expect(await settled(created.body.id)).toMatchObject({ status: 'failed', failure: { code: 'expired' } });
  });
});

describe('idempotency of payment creation', () => {
  it('replays the stored response for a retry', async () => {
    const key = randomUUID();
    const body = collection();
    const first = await create(body, key);
    const retry = await create(body, key);
    expect(retry.status).toBe(202);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
  });

  it('refuses a missing, short or long key, and a reused one with another body', async () => {
    const before = await server.count('payments');
    expectProblem(await create(collection(), null), 400, 'validation_failed');
    expectProblem(await create(collection(), 'short'), 400, 'validation_failed');
    expectProblem(await create(collection(), 'k'.repeat(256)), 400, 'validation_failed');
    const key = randomUUID();
    await create(collection(), key);
    expectProblem(await create(collection(), key), 422, 'idempotency_key_reused');
    expect(await server.count('payments')).toBe(before + 1);
  });

  it('forgets a key after its 24 hours: the same key then starts a new payment', async () => {
    const key = randomUUID();
    const first = await create(collection(), key);
    await server.db.query(
      "UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1",
      [key],
    );
    const again = await create(collection(), key);
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(again.body.id).not.toBe(first.body.id);
  });

  it('answers 409 naming the existing payment for a second one with the same external_id', async () => {
    const body = collection();
    const first = await create(body);
    const second = await create(body);
    expectProblem(second, 409, 'payment_exists');
    expect(second.body.detail).toContain(first.body.id);
  });

  it('gives 200 concurrent identical requests one payment, one submission and identical bodies', async () => {
    const key = randomUUID();
    const body = collection();
    const before = await server.count('payments');
    const results = await Promise.all(Array.from({ length: 200 }, () => create(body, key)));
    for (const result of results) expect(result.status).toBe(202);
    for (const result of results) expect(result.body).toEqual(results[0]?.body);
    expect(await server.count('payments')).toBe(before + 1);
    await settled(results[0]?.body.id);
    const submits = await server.db.query(
      "SELECT 1 FROM payment_attempts WHERE payment_id = $1 AND operation = 'submit'",
      [results[0]?.body.id],
    );
    expect(submits.rowCount).toBe(1);
  });
});

describe('bad input writes nothing and calls no provider', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['zero amount', { amount: 0 }, 'body.amount'],
    ['negative amount', { amount: -100 }, 'body.amount'],
    ['fractional amount', { amount: 12.5 }, 'body.amount'],
    ['amount beyond any limit', { amount: 100_000_000_001 }, 'body.amount'],
    ['malformed MSISDN', { payer: '+26097-123' }, 'body.payer'],
    ['unknown provider', { provider: 'paypal' }, 'body.provider'],
    [
      'oversized metadata',
      { metadata: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])) },
      'body.metadata',
    ],
    ['a payee on a collection', { payee: '260971234567' }, 'body.payee'],
    ['no flow', { flow: undefined }, 'body.flow'],
    ['an unknown flow', { flow: 'refund' }, 'body.flow'],
    ['a payer on a disbursement', { flow: 'disbursement', payee: '260971234567' }, 'body.payer'],
    ['an unknown currency', { currency: 'ABC' }, 'body.currency'],
  ];
  for (const [name, overrides, field] of cases) {
    it(name, async () => {
      const tables = ['payments', 'idempotency_keys', 'jobs', 'outbox', 'payment_attempts'];
      const before = await Promise.all(tables.map((table) => server.count(table)));
      const result = await create(collection(overrides));
      expect(result.status).toBe(400);
      expect(result.body.errors.map((error: { field: string }) => error.field)).toContain(field);
      expect(await Promise.all(tables.map((table) => server.count(table)))).toEqual(before);
    });
  }

  it('a disbursement without a payee', async () => {
    const result = await create({ external_id: 'x-1', flow: 'disbursement', amount: 100, currency: 'ZMW' });
    expectProblem(result, 400, 'validation_failed');
    expect(result.body.errors[0].field).toBe('body.payee');
  });

  it('a provider that is not configured', async () => {
    expectProblem(await create(collection({ provider: 'airtel' })), 400, 'provider_disabled');
  });
});

describe('reading payments', () => {
  it("lists with filters and never shows another merchant's payments", async () => {
    const mine = await create(collection());
    await settled(mine.body.id);
    const list = await server.call('GET', '/api/v1/payments?status=successful&flow=collection&limit=100', {
      key: server.merchantKey,
    });
    expect(list.status).toBe(200);
    expect(list.body.data.map((payment: { id: string }) => payment.id)).toContain(mine.body.id);
    for (const payment of list.body.data)
      expect(payment).toMatchObject({ status: 'successful', flow: 'collection' });

    const other = await server.call('POST', '/api/v1/merchants', {
      body: { name: 'Other', country: 'ZM', default_currency: 'ZMW' },
    });
    const otherKey = await server.call('POST', `/api/v1/merchants/${other.body.id}/keys`, {
      body: { name: 'k' },
    });
    expectProblem(
      await server.call('GET', `/api/v1/payments/${mine.body.id}`, { key: otherKey.body.secret }),
      404,
      'not_found',
    );
    const theirs = await server.call('GET', '/api/v1/payments', { key: otherKey.body.secret });
    expect(theirs.body.data).toEqual([]);
  });

  it('refuses a payment scope the key lacks', async () => {
    const readOnly = await server.call('POST', '/api/v1/keys', {
      key: server.merchantKey,
      body: { name: 'ro', scopes: ['payments:read'] },
    });
    expectProblem(await create(collection(), randomUUID(), readOnly.body.secret), 403, 'insufficient_scope');
  });
});

describe('routing preferences', () => {
  it('stores the order per currency, and refuses unknown and disabled providers', async () => {
    const path = `/api/v1/merchants/${server.merchantId}/routing`;
    expect((await server.call('GET', path, { key: server.merchantKey })).body.currencies).toEqual({});
    const set = await server.call('PUT', path, {
      key: server.merchantKey,
      body: { currencies: { ZMW: ['sandbox'], EUR: ['sandbox'] } },
    });
    expect(set.status).toBe(200);
    expect((await server.call('GET', path, { key: server.merchantKey })).body.currencies).toEqual({
      ZMW: ['sandbox'],
      EUR: ['sandbox'],
    });
    expectProblem(
      await server.call('PUT', path, { key: server.merchantKey, body: { currencies: { ZMW: ['paypal'] } } }),
      400,
      'validation_failed',
    );
    // mtn is not configured on this server: refused when saved, not discovered when a payment is made.
    const disabled = await server.call('PUT', path, {
      key: server.merchantKey,
      body: { currencies: { EUR: ['mtn', 'sandbox'] } },
    });
    expectProblem(disabled, 400, 'invalid_routing');
    expect(disabled.body.errors).toEqual([
      expect.objectContaining({ field: 'body.currencies.EUR[0]', code: 'provider_disabled' }),
    ]);
    expect((await server.call('GET', path, { key: server.merchantKey })).body.currencies.EUR).toEqual([
      'sandbox',
    ]);
    expect((await create(collection({ currency: 'EUR' }))).body.provider).toBe('sandbox');
  });
});

describe('the state machine', () => {
  it('is enforced by the database: a final payment never changes', async () => {
    const created = await create(collection());
    await settled(created.body.id);
    await expect(
      server.db.query("UPDATE payments SET status = 'failed', failure_code = 'expired' WHERE id = $1", [
        created.body.id,
      ]),
    ).rejects.toThrow(/cannot change/);
    await expect(
      server.db.query('UPDATE payments SET amount = 1 WHERE id = $1', [created.body.id]),
    ).rejects.toThrow(/cannot change/);
  });
});
