import { randomUUID } from 'node:crypto';
import { ID_PATTERNS } from '@molam/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYTICS_CHANNEL } from '../src/analytics/aggregator.js';
import { EVENTS_CHANNEL } from '../src/events/store.js';
import { JOBS_CHANNEL } from '../src/platform/jobs/index.js';
import { WEBHOOKS_CHANNEL } from '../src/webhooks/queue-store.js';
import { expectProblem, startTestServer, type TestServer } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';
import { countNotifications, oneRow } from './helpers/written.js';

// Payment creation is one database function (migration 0015) fed rows built by the server's own code: these
// check that what it writes is what the rest of the server writes and reads, and that it wakes its listeners.
let server: TestServer;
let notifications: Awaited<ReturnType<typeof countNotifications>>;

beforeAll(async () => {
  // No workers: the jobs stay where the creation put them.
  server = await startTestServer({ MOLAM_ROLE: 'api' });
  notifications = await countNotifications(server.db, [
    JOBS_CHANNEL,
    EVENTS_CHANNEL,
    ANALYTICS_CHANNEL,
    WEBHOOKS_CHANNEL,
  ]);
});
afterAll(async () => {
  await notifications?.stop();
  await server?.close();
});

const create = (body: Record<string, unknown>, key = randomUUID()) =>
  server.call('POST', '/api/v1/payments', {
    key: server.merchantKey,
    headers: { 'idempotency-key': key },
    body,
  });

const collection = () => ({
  external_id: `ord-${randomUUID()}`,
  flow: 'collection',
  amount: 4200,
  currency: 'ZMW',
  payer: '260971234567',
  metadata: { product_id: 'sku-9', product_name: 'Maize, 25 kg' },
});

const one = <Row>(sql: string, params: unknown[]) => oneRow<Row>(server.db, sql, params);

describe('payment creation in one statement', () => {
  it('writes the payment, its event, outbox message, analytics row, job, deliveries, audit row and answer', async () => {
    const endpoint = await server.call('POST', '/api/v1/webhook-endpoints', {
      key: server.merchantKey,
      body: { url: 'https://hooks.example.com/molam', enabled_events: ['payment.created'] },
    });
    expect(endpoint.status).toBe(201);
    const woken = new Map(notifications.counts);
    const key = randomUUID();
    const created = await create(collection(), key);
    expect(created.status).toBe(202);
    const payment = created.body;

    // The answer is the payment as it reads back.
    const read = await server.call('GET', `/api/v1/payments/${payment.id}`, { key: server.merchantKey });
    expect(read.body).toEqual({ ...payment, status: read.body.status, updated_at: read.body.updated_at });
    expect(read.body.created_at).toBe(payment.created_at);

    const event = await one<{ id: string; data: { object: unknown } }>(
      "SELECT id, data FROM events WHERE type = 'payment.created' AND data->'object'->>'id' = $1",
      [payment.id],
    );
    expect(event.data.object).toEqual(payment);
    const listed = await server.call('GET', `/api/v1/events/${event.id}`, { key: server.merchantKey });
    expect(listed.body.data.object).toEqual(payment);

    const outbox = await one<{ topic: string; key: string; event_type: string; correlation_id: string }>(
      'SELECT topic, key, event_type, correlation_id FROM outbox WHERE key = $1',
      [payment.id],
    );
    expect(outbox).toEqual({
      topic: 'audit.payment-events',
      key: payment.id,
      event_type: 'payment.created',
      correlation_id: payment.external_id,
    });

    const analytics = await one<{ id: string; customer_id: string; amount: string; product_name: string }>(
      "SELECT id, customer_id, amount::text, product_name FROM transaction_events WHERE transaction_id = $1 AND event_type = 'payment_created'",
      [payment.id],
    );
    expect(analytics).toMatchObject({
      customer_id: '260971234567',
      amount: '4200',
      product_name: 'Maize, 25 kg',
    });
    expect(analytics.id).toMatch(/^txe_/);

    const submit = await one<{ kind: string; payload: unknown; max_attempts: number }>(
      "SELECT kind, payload, max_attempts FROM jobs WHERE kind LIKE 'payment.submit:%' AND payload->>'paymentId' = $1",
      [payment.id],
    );
    expect(submit).toEqual({
      kind: 'payment.submit:sandbox',
      payload: { paymentId: payment.id, tried: [] },
      max_attempts: 25,
    });

    // One delivery for the subscribed endpoint, due now, its id of the spec's shape.
    const delivery = await one<{ id: string; status: string; due: boolean }>(
      'SELECT id, status, next_attempt_at <= now() AS due FROM webhook_deliveries WHERE event_id = $1 AND endpoint_id = $2',
      [event.id, endpoint.body.id],
    );
    expect(delivery).toMatchObject({ status: 'pending', due: true });
    expect(delivery.id).toMatch(new RegExp(ID_PATTERNS.del));

    const audit = await one<{ actor: string; request_id: string; new_values: unknown; old_values: unknown }>(
      "SELECT actor, request_id, new_values, old_values FROM audit_log WHERE action = 'payment.created' AND entity_id = $1",
      [payment.id],
    );
    expect(audit.actor).toMatch(/^key_/);
    expect(audit.request_id).toBe(created.headers.get('x-request-id'));
    expect(audit.new_values).toEqual(payment);
    expect(audit.old_values).toBeNull();

    const stored = await one<{ state: string; response_status: number; response_body: unknown }>(
      'SELECT state, response_status, response_body FROM idempotency_keys WHERE key = $1',
      [key],
    );
    expect(stored).toEqual({ state: 'completed', response_status: 202, response_body: payment });

    // Workers, the event stream, the aggregator and the webhook dispatchers are woken on commit.
    await waitFor(
      async () => notifications.silentSince(woken),
      (silent) => silent.length === 0,
    );
  });

  it('writes no analytics row for a disbursement', async () => {
    const created = await create({
      external_id: `out-${randomUUID()}`,
      flow: 'disbursement',
      amount: 900,
      currency: 'ZMW',
      payee: '260971234567',
    });
    expect(created.status).toBe(202);
    const { rows } = await server.db.query('SELECT 1 FROM transaction_events WHERE transaction_id = $1', [
      created.body.id,
    ]);
    expect(rows).toHaveLength(0);
  });

  it('writes nothing for a second payment with the same external id, and stores its 409 under its key', async () => {
    const body = collection();
    expect((await create(body)).status).toBe(202);
    const tables = ['payments', 'events', 'outbox', 'jobs', 'audit_log', 'transaction_events'];
    const before = await Promise.all(tables.map((table) => server.count(table)));
    const key = randomUUID();
    const refused = await create(body, key);
    expectProblem(refused, 409, 'payment_exists');
    expect(await Promise.all(tables.map((table) => server.count(table)))).toEqual(before);
    const again = await create(body, key);
    expect(again.status).toBe(409);
    expect(again.body).toEqual(refused.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('makes ids in the database of the same shape as the server', async () => {
    const { rows } = await server.db.query<{ id: string }>(
      "SELECT molam_new_id('del') AS id FROM generate_series(1, 200)",
    );
    const ids = rows.map((row) => row.id);
    for (const id of ids) expect(id).toMatch(new RegExp(ID_PATTERNS.del));
    expect(new Set(ids).size).toBe(ids.length);
    // The time part is the clock's: within a minute of now, in milliseconds.
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    const millis = [...(ids[0] ?? '').slice(4, 14)].reduce((t, c) => t * 32 + alphabet.indexOf(c), 0);
    expect(Math.abs(millis - Date.now())).toBeLessThan(60_000);
  });
});
