import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYTICS_CHANNEL } from '../src/analytics/aggregator.js';
import { EVENTS_CHANNEL } from '../src/events/store.js';
import { ProviderBreakers } from '../src/payments/breakers.js';
import { checkJob, submitJob } from '../src/payments/job-kinds.js';
import { PaymentMetrics } from '../src/payments/metrics.js';
import { registerPaymentJobs } from '../src/payments/processor.js';
import { createSandboxAdapter, SANDBOX_NUMBERS } from '../src/payments/providers/sandbox.js';
import type { ProviderAdapter, ProviderName } from '../src/payments/providers/types.js';
import { settlePayment } from '../src/payments/settle.js';
import * as store from '../src/payments/store.js';
import { enqueueJob, JobWorker } from '../src/platform/jobs/index.js';
import { WEBHOOKS_CHANNEL } from '../src/webhooks/queue-store.js';
import { collection } from './helpers/payment-bodies.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';
import { countNotifications, oneRow } from './helpers/written.js';

// A payment is settled by one database function (migration 0018) fed rows built by the server's own code: these
// check that what it writes is what the rest of the server reads, that it wakes its listeners, and that it settles
// a payment once, from the payment as it is, whatever else is writing to it.

async function create(server: TestServer, body: unknown) {
  const created = await server.call('POST', '/api/v1/payments', {
    key: server.merchantKey,
    body,
    headers: { 'idempotency-key': randomUUID() },
  });
  expect(created.status).toBe(202);
  return created.body as { id: string; status: string; provider: string };
}

const get = async (server: TestServer, path: string) =>
  (await server.call('GET', path, { key: server.merchantKey })).body;

/** The payment's settlement event, as the events API lists it. */
async function settledEvent(server: TestServer, paymentId: string, type: string) {
  const event = await oneRow<{ id: string }>(
    server.db,
    "SELECT id FROM events WHERE type = $1 AND data->'object'->>'id' = $2",
    [type, paymentId],
  );
  return get(server, `/api/v1/events/${event.id}`);
}

describe('a payment settled by the worker', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ JOB_POLL_MS: '50', RATE_LIMIT_MAX: '100000' });
  });
  afterAll(async () => {
    await server?.close();
  });

  const final = (id: string) =>
    waitFor(
      () => get(server, `/api/v1/payments/${id}`),
      (payment) => payment.status !== 'pending',
    );

  it('writes the payment, its messages, event, deliveries, analytics and audit row as they read back', async () => {
    const endpoint = await server.call('POST', '/api/v1/webhook-endpoints', {
      key: server.merchantKey,
      body: { url: 'https://hooks.example.com/molam', enabled_events: ['payment.succeeded'] },
    });
    expect(endpoint.status).toBe(201);
    const created = await create(server, collection({ metadata: { product_id: 'sku-7' } }));
    const payment = await final(created.id);
    expect(payment).toMatchObject({ status: 'successful', failure: null });
    expect(payment.provider_transaction_id).toEqual(expect.any(String));
    expect(payment.completed_at).toBe(payment.updated_at);

    // The event carries the payment exactly as GET reads it, times included.
    const event = await settledEvent(server, payment.id, 'payment.succeeded');
    expect(event.data.object).toEqual(payment);
    const delivery = await oneRow<{ n: number }>(
      server.db,
      'SELECT count(*)::int AS n FROM webhook_deliveries WHERE event_id = $1 AND endpoint_id = $2',
      [event.id, endpoint.body.id],
    );
    expect(delivery.n).toBe(1);

    const { rows: messages } = await server.db.query<{ topic: string; event_type: string; payload: never }>(
      "SELECT topic, event_type, payload FROM outbox WHERE key = $1 AND event_type = 'payment.succeeded' ORDER BY id",
      [payment.id],
    );
    expect(messages.map((message) => message.topic)).toEqual([
      'payments.payment-processed',
      'audit.payment-events',
    ]);
    for (const message of messages) {
      expect(message.payload).toMatchObject({ paymentId: payment.id, status: 'successful' });
      expect(message.payload).toHaveProperty('occurredAt', payment.updated_at);
    }

    const analytics = await oneRow<{
      amount: string;
      customer_id: string;
      product_id: string;
      source: string;
    }>(
      server.db,
      `SELECT amount::text, customer_id, product_id, source FROM transaction_events
        WHERE transaction_id = $1 AND event_type = 'payment_succeeded'`,
      [payment.id],
    );
    expect(analytics).toEqual({
      amount: '1250',
      customer_id: '260971234567',
      product_id: 'sku-7',
      source: 'payment',
    });

    const audit = await oneRow<{ actor: string; old_values: unknown; new_values: unknown }>(
      server.db,
      "SELECT actor, old_values, new_values FROM audit_log WHERE action = 'payment.succeeded' AND entity_id = $1",
      [payment.id],
    );
    expect(audit).toEqual({
      actor: 'system:payments-worker',
      old_values: { status: 'pending' },
      new_values: {
        status: 'successful',
        failure: null,
        provider_transaction_id: payment.provider_transaction_id,
      },
    });
  });

  it('writes a failure with its code, on the failed topic, and no analytics for a disbursement', async () => {
    const failed = await final((await create(server, collection({ payer: SANDBOX_NUMBERS.failed }))).id);
    expect(failed).toMatchObject({ status: 'failed', provider_transaction_id: null });
    expect(failed.failure.code).toEqual(expect.any(String));
    expect((await settledEvent(server, failed.id, 'payment.failed')).data.object).toEqual(failed);
    const { rows: topics } = await server.db.query<{ topic: string }>(
      "SELECT topic FROM outbox WHERE key = $1 AND event_type = 'payment.failed' ORDER BY id",
      [failed.id],
    );
    expect(topics.map((row) => row.topic)).toEqual(['payments.payment-failed', 'audit.payment-events']);
    await oneRow(
      server.db,
      "SELECT 1 FROM transaction_events WHERE transaction_id = $1 AND event_type = 'payment_failed'",
      [failed.id],
    );

    const payout = await create(server, {
      external_id: `payout-${randomUUID()}`,
      flow: 'disbursement',
      amount: 5000,
      currency: 'ZMW',
      payee: '260971234567',
    });
    const paid = await final(payout.id);
    expect(paid.status).toBe('successful');
    expect((await settledEvent(server, paid.id, 'payment.succeeded')).data.object).toEqual(paid);
    const { rows: analytics } = await server.db.query(
      'SELECT 1 FROM transaction_events WHERE transaction_id = $1',
      [paid.id],
    );
    expect(analytics).toEqual([]);
  });
});

describe('settling a payment', () => {
  // No workers: the payments stay pending until these tests settle them.
  let server: TestServer;
  let notifications: Awaited<ReturnType<typeof countNotifications>>;
  beforeAll(async () => {
    server = await startTestServer({ MOLAM_ROLE: 'api' });
    notifications = await countNotifications(server.db, [
      EVENTS_CHANNEL,
      WEBHOOKS_CHANNEL,
      ANALYTICS_CHANNEL,
    ]);
  });
  afterAll(async () => {
    await notifications?.stop();
    await server?.close();
  });

  const worker = { id: 'system:payments-worker' };
  const success = { status: 'successful', providerTransactionId: 'ptx-1' } as const;
  const read = async (id: string) => {
    const row = await store.findPaymentById(server.db, id);
    if (!row) throw new Error(`payment ${id} not found`);
    return row;
  };
  const countOf = async (sql: string, params: unknown[]) =>
    (await oneRow<{ n: number }>(server.db, `SELECT count(*)::int AS n FROM (${sql}) counted`, params)).n;
  const settlementsOf = (id: string) =>
    countOf("SELECT 1 FROM events WHERE data->'object'->>'id' = $1 AND type <> 'payment.created'", [id]);

  it('wakes the event stream, the webhook dispatchers and the aggregator on commit', async () => {
    const endpoint = await server.call('POST', '/api/v1/webhook-endpoints', {
      key: server.merchantKey,
      body: { url: 'https://hooks.example.com/molam', enabled_events: ['payment.succeeded'] },
    });
    expect(endpoint.status).toBe(201);
    const before = new Map(notifications.counts);
    const created = await create(server, collection());
    // The creation's own wake-ups (its event and analytics row) first, so that only the settlement's are awaited.
    await waitFor(
      async () => notifications.silentSince(before),
      (silent) => silent.length === 1 && silent[0] === WEBHOOKS_CHANNEL,
    );
    const woken = new Map(notifications.counts);
    expect(await settlePayment(server.db, await read(created.id), success, worker)).toHaveProperty('settled');
    await waitFor(
      async () => notifications.silentSince(woken),
      (silent) => silent.length === 0,
    );
  });

  it('answers stale, and writes nothing, for a payment re-routed since it was read', async () => {
    const created = await create(server, collection());
    const stale = await read(created.id);
    // The answer was the old provider's: it says nothing about the payment with its new one.
    await store.reroutePayment(server.db, created.id, 'mtn');
    expect(await settlePayment(server.db, stale, success, worker)).toEqual({ staleWith: 'mtn' });
    expect(await get(server, `/api/v1/payments/${created.id}`)).toMatchObject({
      status: 'pending',
      provider: 'mtn',
      completed_at: null,
    });
    expect(await settlementsOf(created.id)).toBe(0);
  });

  it('builds anew from the payment as it is when it was submitted again since it was read', async () => {
    const created = await create(server, collection());
    const before = await read(created.id);
    await store.markSubmitted(server.db, created.id);
    await store.markSubmitted(server.db, created.id);
    const result = await settlePayment(server.db, before, success, worker);
    if (typeof result !== 'object' || !('settled' in result)) throw new Error(`not settled: ${result}`);
    const payment = await get(server, `/api/v1/payments/${created.id}`);
    expect(payment).toEqual(result.settled);
    expect(payment.status).toBe('successful');
    expect((await settledEvent(server, created.id, 'payment.succeeded')).data.object).toEqual(payment);
  });

  it('settles once: a second settlement, or many at once, write nothing more', async () => {
    const created = await create(server, collection());
    const before = await read(created.id);
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        settlePayment(
          server.db,
          before,
          index % 2 === 0
            ? success
            : ({ status: 'failed', code: 'approval_rejected', message: 'declined' } as const),
          worker,
        ),
      ),
    );
    const won = outcomes.flatMap((outcome) =>
      typeof outcome === 'object' && 'settled' in outcome ? [outcome.settled] : [],
    );
    expect(won).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'final')).toHaveLength(7);
    // The same read once more: the function itself finds it final.
    expect(await settlePayment(server.db, before, success, worker)).toBe('final');
    const payment = await get(server, `/api/v1/payments/${created.id}`);
    expect(payment).toEqual(won[0]);

    const settledType = payment.status === 'successful' ? 'payment.succeeded' : 'payment.failed';
    expect(await settlementsOf(created.id)).toBe(1);
    expect(
      await countOf('SELECT 1 FROM outbox WHERE key = $1 AND event_type = $2', [created.id, settledType]),
    ).toBe(2);
    expect(await countOf('SELECT 1 FROM audit_log WHERE entity_id = $1', [created.id])).toBe(2);
    expect(await countOf('SELECT 1 FROM transaction_events WHERE transaction_id = $1', [created.id])).toBe(2);
  });

  it('builds anew after a change that leaves updated_at as it was', async () => {
    const created = await create(server, collection());
    const before = await read(created.id);
    await server.db.query("UPDATE payments SET description = 'changed under the worker' WHERE id = $1", [
      created.id,
    ]);
    const result = await settlePayment(server.db, before, success, worker);
    expect(result).toMatchObject({ settled: { description: 'changed under the worker' } });
    expect((await settledEvent(server, created.id, 'payment.succeeded')).data.object).toMatchObject({
      description: 'changed under the worker',
    });
  });

  it('never completes a payment before it was submitted, whichever clock is ahead', async () => {
    const created = await create(server, collection());
    // The database's clock a minute ahead of this process's, stamped as the server stamps it.
    await server.db.query(
      `UPDATE payments SET submitted_at = date_trunc('milliseconds', now() + interval '1 minute') WHERE id = $1`,
      [created.id],
    );
    expect(await settlePayment(server.db, await read(created.id), success, worker)).toHaveProperty('settled');
    const times = await oneRow<{ ordered: boolean }>(
      server.db,
      'SELECT completed_at >= submitted_at AND updated_at = completed_at AS ordered FROM payments WHERE id = $1',
      [created.id],
    );
    expect(times.ordered).toBe(true);
  });

  /**
   * A payments worker on this block's database with these adapters, stepped by hand, with its log lines. Only the
   * jobs a test queues run: the submissions queued by this block's earlier payments are dropped.
   */
  async function paymentsWorker(adapters: Array<[ProviderName, ProviderAdapter]>) {
    await server.db.query('DELETE FROM jobs');
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const jobs = new JobWorker(server.db, { logger, concurrency: 1, pollMs: 600_000 });
    const metrics = new PaymentMetrics(new Registry());
    registerPaymentJobs(jobs, {
      db: server.db,
      registry: { adapters: new Map(adapters), disabled: new Map() },
      breakers: new ProviderBreakers(),
      metrics,
      logger,
      pendingWindowMs: 600_000,
    });
    const logged = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    return { jobs, metrics, logged };
  }

  it('sets aside, counts and logs a success from a provider the payment has left', async () => {
    const created = await create(server, collection());
    await store.markSubmitted(server.db, created.id);
    // The payment is re-routed while its old provider is being asked, and that provider then says it succeeded.
    const leftBehind: ProviderAdapter = {
      ...createSandboxAdapter(),
      status: async (payment) => {
        await store.reroutePayment(server.db, payment.paymentId, 'mtn');
        return { kind: 'successful', providerTransactionId: 'late-1' };
      },
    };
    const { jobs, metrics, logged } = await paymentsWorker([['sandbox', leftBehind]]);
    await enqueueJob(server.db, checkJob('sandbox'), { paymentId: created.id });
    expect(await jobs.runOnce()).toBe(1);

    expect(await get(server, `/api/v1/payments/${created.id}`)).toMatchObject({
      status: 'pending',
      provider: 'mtn',
    });
    expect(await settlementsOf(created.id)).toBe(0);
    const counted = await metrics.staleAnswers.get();
    expect(counted.values).toEqual([
      expect.objectContaining({ labels: { provider: 'sandbox', status: 'successful' }, value: 1 }),
    ]);
    expect(logged().find((line) => line.payment_id === created.id)).toMatchObject({
      level: 50,
      answered_by: 'sandbox',
      now_with: 'mtn',
      status: 'successful',
    });
  });

  it('keeps a re-sent payment with its provider when that provider is unavailable', async () => {
    const down: ProviderAdapter = {
      ...createSandboxAdapter(),
      name: 'mtn',
      submit: async () => ({ kind: 'unavailable', reason: 'down for the test' }),
    };
    const { jobs } = await paymentsWorker([
      ['mtn', down],
      ['sandbox', createSandboxAdapter()],
    ]);
    const providerAfterSubmitting = async (resubmits: number | undefined) => {
      const created = await create(server, collection());
      await store.reroutePayment(server.db, created.id, 'mtn');
      await server.db.query('DELETE FROM jobs');
      await enqueueJob(server.db, submitJob('mtn'), { paymentId: created.id, tried: [], resubmits });
      expect(await jobs.runOnce()).toBe(1);
      return (await get(server, `/api/v1/payments/${created.id}`)).provider;
    };
    // A first submission certainly not taken goes on to the next provider; a re-sent one was sent there before.
    expect(await providerAfterSubmitting(undefined)).toBe('sandbox');
    expect(await providerAfterSubmitting(1)).toBe('mtn');
  });
});
