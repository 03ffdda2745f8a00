import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { aggregateBatch } from '../src/analytics/aggregator.js';
import { expectProblem, startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  // The aggregator is stepped by each test, so "nothing counted yet" is a fact, not a race.
  server = await startTestServer({
    ANALYTICS_AGGREGATOR: 'false',
    RATE_LIMIT_MAX: '100000',
    JOB_POLL_MS: '50',
  });
});
afterAll(() => server.close());

const merchantCall = (method: string, path: string, body?: unknown, key = server.merchantKey) =>
  server.call(method, path, { key, ...(body === undefined ? {} : { body }) });

/** A merchant of its own (clean figures) in `timeZone`, and a key for it. */
async function newMerchant(timeZone = 'UTC') {
  const merchant = await server.call('POST', '/api/v1/merchants', {
    body: { name: `Shop ${randomUUID()}`, country: 'ZM', default_currency: 'ZMW', time_zone: timeZone },
    headers: { 'idempotency-key': randomUUID() },
  });
  expect(merchant.status).toBe(201);
  const key = await server.call('POST', `/api/v1/merchants/${merchant.body.id}/keys`, {
    body: { name: 'analytics' },
    headers: { 'idempotency-key': randomUUID() },
  });
  expect(key.status).toBe(201);
  return { id: merchant.body.id as string, key: key.body.secret as string };
}

async function drain() {
  while ((await aggregateBatch(server.db, 1000)) > 0);
}

/** Conditions polled with a deadline: never a fixed sleep. */
const SETTLES = { timeout: 30_000, interval: 25 };

const event = (overrides: Record<string, unknown> = {}) => ({
  transaction_id: `txn-${randomUUID()}`,
  event_type: 'payment_succeeded',
  amount: 1000,
  currency: 'ZMW',
  ...overrides,
});

describe('ingesting transaction events', () => {
  it('records an event once, at the v1 path and at the seed path', async () => {
    const { key } = await newMerchant();
    const body = event({ customer_id: 'cust-1', fee: 30, payment_method: 'mobile_money' });
    const first = await merchantCall('POST', '/api/v1/transaction-events', body, key);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ ok: true, queued: true, duplicate: false });
    expect(first.body.event_id).toMatch(/^txe_/);
    const again = await merchantCall('POST', '/api/events/transaction', body, key);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      ok: true,
      queued: false,
      duplicate: true,
      event_id: first.body.event_id,
    });
  });

  it('counts a batch’s duplicates, within it and against earlier events', async () => {
    const { key } = await newMerchant();
    const seen = event();
    await merchantCall('POST', '/api/v1/transaction-events', seen, key);
    const fresh = event();
    const result = await merchantCall(
      'POST',
      '/api/events/transaction/batch',
      [seen, fresh, fresh, event()],
      key,
    );
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ ok: true, total: 4, ingested: 2, duplicates: 2 });
  });

  it('refuses a batch of 1001 with 413, writing nothing', async () => {
    const before = await server.count('transaction_events');
    const batch = Array.from({ length: 1001 }, () => event());
    const result = await merchantCall('POST', '/api/v1/transaction-events/batch', batch);
    expectProblem(result, 413, 'batch_too_large');
    expect(await server.count('transaction_events')).toBe(before);
  });

  it('takes a batch of 1000 (over the 100 KiB body limit of other requests)', async () => {
    const batch = Array.from({ length: 1000 }, () => event({ product_name: 'x'.repeat(100) }));
    const result = await merchantCall('POST', '/api/v1/transaction-events/batch', batch);
    expect(result.body).toMatchObject({ total: 1000, ingested: 1000, duplicates: 0 });
  });

  const refusals: Array<[string, unknown, string]> = [
    ['an unknown event type', [event(), event({ event_type: 'payment_exploded' })], 'body.1.event_type'],
    ['a currency that does not exist', [event(), event({ currency: 'ABC' })], 'body.1.currency'],
    ['a negative amount', [event({ amount: -5 })], 'body.0.amount'],
    ['a decimal amount', [event({ amount: 10.5 })], 'body.0.amount'],
    ['an event from the future', [event({ occurred_at: '2999-01-01T00:00:00Z' })], 'body.0.occurred_at'],
    [
      'a missing transaction id',
      [{ event_type: 'payment_failed', amount: 1, currency: 'ZMW' }],
      'body.0.transaction_id',
    ],
  ];
  for (const [name, batch, field] of refusals) {
    it(`refuses the whole batch for ${name}, writing nothing`, async () => {
      const before = await server.count('transaction_events');
      const result = await merchantCall('POST', '/api/v1/transaction-events/batch', batch);
      expectProblem(result, 400, 'validation_failed');
      expect(result.body.errors.map((error: { field: string }) => error.field)).toContain(field);
      expect(await server.count('transaction_events')).toBe(before);
    });
  }

  it('needs events:write, and a merchant key', async () => {
    const reader = await server.call('POST', '/api/v1/keys', {
      key: server.merchantKey,
      body: { name: 'reader', scopes: ['analytics:read'] },
      headers: { 'idempotency-key': randomUUID() },
    });
    expectProblem(
      await merchantCall('POST', '/api/v1/transaction-events', event(), reader.body.secret),
      403,
      'insufficient_scope',
    );
    expectProblem(
      await server.call('POST', '/api/events/transaction', { body: event() }),
      403,
      'merchant_key_required',
    );
    expectProblem(await server.call('GET', '/api/dashboard/overview', { key: null }), 401, 'unauthenticated');
  });
});

describe('the dashboard figures', () => {
  it('are exact per currency: refunds subtract, failures count, nothing before aggregation', async () => {
    const { key } = await newMerchant();
    const now = new Date().toISOString();
    await merchantCall(
      'POST',
      '/api/v1/transaction-events/batch',
      [
        event({
          transaction_id: 't1',
          amount: 5000,
          fee: 100,
          customer_id: 'c1',
          payment_method: 'mtn',
          product_id: 'p1',
          product_name: 'Rice',
        }),
        event({
          transaction_id: 't2',
          amount: 3000,
          fee: 60,
          customer_id: 'c2',
          payment_method: 'airtel',
          product_id: 'p2',
          product_name: 'Oil',
        }),
        event({
          transaction_id: 't2',
          event_type: 'payment_refunded',
          amount: 1000,
          fee: 0,
          customer_id: 'c2',
          payment_method: 'airtel',
          product_id: 'p2',
        }),
        event({ transaction_id: 't3', event_type: 'payment_failed', amount: 700, customer_id: 'c3' }),
        event({ transaction_id: 't4', amount: 9900, currency: 'USD', customer_id: 'c1', occurred_at: now }),
      ],
      key,
    );
    const before = await merchantCall('GET', '/api/v1/analytics/overview', undefined, key);
    expect(before.body.today).toMatchObject({ transactions: 0, revenue: 0 });
    await drain();

    const overview = await merchantCall('GET', '/api/dashboard/overview', undefined, key);
    expect(overview.status).toBe(200);
    expect(overview.body).toMatchObject({
      object: 'analytics_overview',
      currency: 'ZMW',
      currencies: ['USD', 'ZMW'],
      time_zone: 'UTC',
      today: {
        transactions: 3,
        successful_transactions: 2,
        failed_transactions: 1,
        refunds: 1,
        revenue: 7000,
        fees: 160,
        net_revenue: 6840,
        avg_transaction: 3500,
      },
      month: { successful_transactions: 2, revenue: 7000, customers: 2 },
    });
    const usd = await merchantCall('GET', '/api/v1/analytics/overview?currency=USD', undefined, key);
    expect(usd.body.today).toMatchObject({ transactions: 1, revenue: 9900 });

    const methods = await merchantCall('GET', '/api/dashboard/payment-methods?days=7', undefined, key);
    expect(methods.body.payment_methods).toEqual([
      { method: 'mtn', count: 1, amount: 5000 },
      { method: 'airtel', count: 1, amount: 2000 },
    ]);
    const products = await merchantCall('GET', '/api/v1/analytics/top-products?limit=1', undefined, key);
    expect(products.body.products).toEqual([
      { product_id: 'p1', product_name: 'Rice', transactions: 1, amount: 5000 },
    ]);
    const customers = await merchantCall('GET', '/api/dashboard/customers', undefined, key);
    // c3 only failed: a customer is someone who paid.
    expect(customers.body.summary).toEqual({ total_customers: 2, avg_transactions: '1.00', avg_spend: 3500 });
    expect(customers.body.top_customers[0]).toMatchObject({
      customer_id: 'c1',
      transactions: 1,
      total_spent: 5000,
    });

    const today = overview.body.today.date;
    const series = await merchantCall(
      'GET',
      `/api/dashboard/analytics?start_date=${today}&end_date=${today}&compare=previous`,
      undefined,
      key,
    );
    expect(series.body.data).toEqual([
      {
        date: today,
        hour: null,
        transactions: 3,
        successful: 2,
        failed: 1,
        refunds: 1,
        revenue: 7000,
        fees: 160,
        net_revenue: 6840,
        customers: 2,
        new_customers: 2,
      },
    ]);
    expect(series.body.previous).toHaveLength(1);
    expect(series.body.previous[0]).toMatchObject({ transactions: 0 });
  });

  it('count local days and hours of the merchant’s time zone, across a DST change', async () => {
    const { id, key } = await newMerchant('Europe/Paris');
    await merchantCall(
      'POST',
      '/api/v1/transaction-events/batch',
      [
        // 23:30 UTC on 24 October is 01:30 on the 25th in Paris (summer time, +2).
        event({ amount: 100, occurred_at: '2026-10-24T23:30:00Z' }),
        // 00:30 and 01:30 UTC on the 25th are both 02:30 local: the hour that happens twice.
        event({ amount: 200, occurred_at: '2026-10-25T00:30:00Z' }),
        event({ amount: 400, occurred_at: '2026-10-25T01:30:00Z' }),
      ],
      key,
    );
    await drain();
    const daily = await merchantCall(
      'GET',
      '/api/v1/analytics/series?start_date=2026-10-24&end_date=2026-10-25',
      undefined,
      key,
    );
    expect(daily.body.time_zone).toBe('Europe/Paris');
    expect(daily.body.data.map((day: { revenue: number }) => day.revenue)).toEqual([0, 700]);
    const hourly = await merchantCall(
      'GET',
      '/api/v1/analytics/series?start_date=2026-10-25&end_date=2026-10-25&granularity=hourly',
      undefined,
      key,
    );
    expect(hourly.body.data).toHaveLength(25);
    const withRevenue = hourly.body.data.filter((hour: { revenue: number }) => hour.revenue > 0);
    expect(withRevenue.map((hour: { hour: string; revenue: number }) => [hour.hour, hour.revenue])).toEqual([
      ['2026-10-24T23:00:00.000Z', 100],
      ['2026-10-25T00:00:00.000Z', 200],
      ['2026-10-25T01:00:00.000Z', 400],
    ]);
    // A new zone moves every day: the change queues a rebuild, and the figures follow.
    await server.call('PATCH', `/api/v1/merchants/${id}`, {
      body: { time_zone: 'UTC' },
      headers: { 'idempotency-key': randomUUID() },
    });
    await vi.waitFor(async () => {
      const utc = await merchantCall(
        'GET',
        '/api/v1/analytics/series?start_date=2026-10-24&end_date=2026-10-25',
        undefined,
        key,
      );
      expect(utc.body.data.map((day: { revenue: number }) => day.revenue)).toEqual([100, 600]);
    }, SETTLES);
    // The rebuild it queued is a replay like any other, shown as the spec says (it ends after the figures
    // appear: the customers' lifetime figures are summed last).
    await vi.waitFor(async () => {
      const status = await server.call('GET', '/api/v1/admin/aggregates/status');
      expect(status.status).toBe(200);
      expect(status.body.last_replay).toMatchObject({
        merchant_id: id,
        from: '1970-01-01',
        status: 'succeeded',
      });
    }, SETTLES);
  });

  it('total a period with its distinct customers, across a month’s end', async () => {
    const { key } = await newMerchant();
    const at = (day: string) => `${day}T10:00:00Z`;
    // c1 pays on three days in two months, c2 once, c3 only before the range; c4's payment fails.
    await merchantCall(
      'POST',
      '/api/v1/transaction-events/batch',
      [
        event({ transaction_id: 'a', customer_id: 'c1', occurred_at: at('2026-10-30') }),
        event({ transaction_id: 'b', customer_id: 'c1', occurred_at: at('2026-10-31') }),
        event({ transaction_id: 'c', customer_id: 'c1', occurred_at: at('2026-11-02') }),
        event({ transaction_id: 'd', customer_id: 'c2', occurred_at: at('2026-11-01') }),
        event({ transaction_id: 'e', customer_id: 'c3', occurred_at: at('2026-10-20') }),
        event({
          transaction_id: 'f',
          customer_id: 'c4',
          event_type: 'payment_failed',
          occurred_at: at('2026-11-01'),
        }),
      ],
      key,
    );
    await drain();
    const totals = async (from: string, to: string) =>
      (
        await merchantCall(
          'GET',
          `/api/v1/analytics/series?start_date=${from}&end_date=${to}&compare=previous`,
          undefined,
          key,
        )
      ).body;
    const span = await totals('2026-10-30', '2026-11-02');
    expect(span.totals).toMatchObject({
      transactions: 5,
      successful: 4,
      failed: 1,
      revenue: 4000,
      customers: 2,
    });
    // Daily customers add up to 4 (c1 three times); the period has 2.
    expect(span.data.reduce((n: number, day: { customers: number }) => n + day.customers, 0)).toBe(4);
    // The four days before: only c3, on 20 October, is outside them too.
    expect(span.previous_totals).toMatchObject({ transactions: 0, customers: 0 });
    expect((await totals('2026-10-31', '2026-11-01')).totals.customers).toBe(2);
    expect((await totals('2026-11-02', '2026-11-02')).totals.customers).toBe(1);
    expect((await totals('2026-10-01', '2026-10-29')).totals.customers).toBe(1);
    expect((await totals('2026-10-20', '2026-11-30')).totals).toMatchObject({
      customers: 3,
      new_customers: 3,
    });
    // Hourly buckets carry no customers; the totals still do.
    const hourly = await merchantCall(
      'GET',
      '/api/v1/analytics/series?start_date=2026-10-30&end_date=2026-11-02&granularity=hourly',
      undefined,
      key,
    );
    expect(hourly.body.totals).toMatchObject({ customers: 2, new_customers: 2, revenue: 4000 });
    // February 2026 has 28 days: its last day is bit 27.
    await merchantCall(
      'POST',
      '/api/v1/transaction-events/batch',
      [event({ transaction_id: 'g', customer_id: 'c5', occurred_at: at('2026-02-28') })],
      key,
    );
    await drain();
    expect((await totals('2026-02-28', '2026-03-01')).totals.customers).toBe(1);
    expect((await totals('2026-02-01', '2026-02-27')).totals.customers).toBe(0);
  });

  it('refuses bad dates and ranges with a problem', async () => {
    const bad: Array<[string, string]> = [
      ['start_date=2026-02-30&end_date=2026-03-01', 'validation_failed'],
      ['start_date=2026-03-02&end_date=2026-03-01', 'invalid_date_range'],
      ['start_date=2025-01-01&end_date=2026-01-02', 'invalid_date_range'],
      ['start_date=2026-03-01&end_date=2026-03-08&granularity=hourly', 'invalid_date_range'],
      ['start_date=2026-03-01&end_date=2026-03-01&granularity=weekly', 'validation_failed'],
      ['end_date=2026-03-01', 'validation_failed'],
    ];
    for (const [query, code] of bad) {
      expectProblem(await merchantCall('GET', `/api/v1/analytics/series?${query}`), 400, code);
    }
    expectProblem(
      await merchantCall('GET', '/api/dashboard/payment-methods?days=367'),
      400,
      'validation_failed',
    );
  });

  it('include the merchant’s own Molam collections, without any ingestion', async () => {
    const { key } = await newMerchant();
    const payment = await server.call('POST', '/api/v1/payments', {
      key,
      body: {
        external_id: `order-${randomUUID()}`,
        flow: 'collection',
        amount: 1250,
        currency: 'ZMW',
        payer: '260971234567',
        metadata: { product_id: 'sku-9', product_name: 'Airtime' },
      },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(payment.status).toBe(202);
    await vi.waitFor(async () => {
      const settled = await merchantCall('GET', `/api/v1/payments/${payment.body.id}`, undefined, key);
      expect(settled.body.status).toBe('successful');
    }, SETTLES);
    await drain();
    const overview = await merchantCall('GET', '/api/v1/analytics/overview', undefined, key);
    expect(overview.body.today).toMatchObject({ transactions: 1, successful_transactions: 1, revenue: 1250 });
    const products = await merchantCall('GET', '/api/v1/analytics/top-products', undefined, key);
    expect(products.body.products).toEqual([
      { product_id: 'sku-9', product_name: 'Airtime', transactions: 1, amount: 1250 },
    ]);
    const customers = await merchantCall('GET', '/api/v1/analytics/customers', undefined, key);
    expect(customers.body.top_customers[0].customer_id).toBe('260971234567');
  });
});

describe('replays', () => {
  it('verify finds tampered buckets, a replay repairs them, and only admins may run one', async () => {
    const { id, key } = await newMerchant();
    await merchantCall(
      'POST',
      '/api/v1/transaction-events/batch',
      [event({ amount: 100 }), event({ amount: 50 })],
      key,
    );
    await drain();
    await server.db.query(
      `UPDATE merchant_daily_aggregates SET gross_amount = gross_amount + 1 WHERE merchant_id = $1`,
      [id],
    );
    const today = new Date().toISOString().slice(0, 10);
    const run = async (verify: boolean) => {
      const created = await server.call('POST', '/api/v1/admin/aggregates/replays', {
        body: { from: today, to: today, merchant_id: id, verify },
        headers: { 'idempotency-key': randomUUID() },
      });
      expect(created.status).toBe(202);
      expect(created.body).toMatchObject({ object: 'aggregate_replay', status: 'queued' });
      return vi.waitFor(async () => {
        const replay = await server.call('GET', `/api/v1/admin/aggregates/replays/${created.body.id}`);
        expect(replay.body.status).toBe('succeeded');
        return replay.body;
      }, SETTLES);
    };
    const verified = await run(true);
    expect(verified.differences).toHaveLength(1);
    expect(verified.differences[0]).toMatchObject({ table: 'merchant_daily_aggregates' });
    expect(
      verified.differences[0].stored.gross_amount - verified.differences[0].recomputed.gross_amount,
    ).toBe(1);
    const replayed = await run(false);
    expect(replayed).toMatchObject({ merchants_total: 1, merchants_done: 1, events_replayed: 2 });
    expect((await run(true)).differences).toEqual([]);

    expectProblem(
      await merchantCall('POST', '/api/v1/admin/aggregates/replays', { from: today, to: today }),
      403,
      'insufficient_scope',
    );
    expectProblem(
      await server.call('POST', '/api/v1/admin/aggregates/replays', {
        body: { from: today, to: '2020-01-01' },
        headers: { 'idempotency-key': randomUUID() },
      }),
      400,
      'invalid_date_range',
    );
    const status = await server.call('GET', '/api/v1/admin/aggregates/status');
    expect(status.body).toMatchObject({ object: 'aggregate_status', unprocessed_events: 0, lag_seconds: 0 });
  });
});
