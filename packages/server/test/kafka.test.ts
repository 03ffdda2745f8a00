import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/main.js';
import { appendOutbox } from '../src/outbox/append.js';
import { outboxStatus } from '../src/outbox/store.js';
import { type Database, openDatabase } from '../src/platform/db/index.js';
import { migrateUp } from '../src/platform/migrations/index.js';
import { specSchema } from '../src/platform/spec-schemas.js';
import { createTestDatabase, realPostgresUrl, type TestDatabase } from './helpers/database.js';
import {
  type KafkaBroker,
  kafkaHolder,
  produce,
  type ReadMessage,
  readUntil,
  startKafkaBroker,
} from './helpers/kafka.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { waitFor } from './helpers/wait.js';
import { startWorkerProcess } from './helpers/worker-process.js';

const KAFKA_ENV = {
  KAFKA_SESSION_TIMEOUT_MS: '6000',
  OUTBOX_RELAY_POLL_MS: '50',
  JOB_POLL_MS: '100',
};

let sequence = 0;
const paymentId = () => `kafka-${Date.now().toString(36)}-${++sequence}`;

function request(merchantId: string, overrides: Record<string, unknown> = {}) {
  return {
    paymentId: paymentId(),
    userId: 'user_456',
    merchantId,
    amount: 9999,
    currency: 'ZMW',
    paymentMethod: 'mobile_money',
    msisdn: '260971234567',
    metadata: { orderId: 'order_789' },
    ...overrides,
  };
}

async function paymentsWithExternalId(db: RunningServer['db'], externalId: string) {
  const { rows } = await db.query<{ id: string; status: string; metadata: Record<string, string> }>(
    'SELECT id, status, metadata FROM payments WHERE external_id = $1',
    [externalId],
  );
  return rows;
}

const ofKey = (messages: ReadMessage[], key: string) => messages.filter((message) => message.key === key);

describe.skipIf(!kafkaHolder)('Kafka (seed 001) on a 3-broker Kafka-protocol cluster', () => {
  let broker: KafkaBroker;
  let server: TestServer;

  beforeAll(async () => {
    broker = await startKafkaBroker();
    server = await startTestServer({ ...KAFKA_ENV, KAFKA_BROKERS: broker.brokers });
  });

  afterAll(async () => {
    await server?.close();
    await broker?.stop();
  });

  it('turns a request on payments.payment-requested into a sandbox payment, then publishes its outcome and audit trail in order', async () => {
    const message = request(server.merchantId);
    await produce(broker, 'payments.payment-requested', [{ key: message.paymentId, value: message }]);

    const [payment] = await waitFor(
      () => paymentsWithExternalId(server.db, message.paymentId),
      (rows) => rows[0]?.status === 'successful',
    );
    expect(payment?.metadata).toEqual({ orderId: 'order_789', user_id: 'user_456' });
    const id = payment?.id ?? '';

    const published = await readUntil(
      broker,
      ['payments.payment-processed', 'audit.payment-events'],
      (messages) => ofKey(messages, id).length >= 3,
    );
    const mine = ofKey(published, id);
    const processed = mine.filter((entry) => entry.topic === 'payments.payment-processed');
    expect(processed).toHaveLength(1);
    expect(processed[0]?.value).toMatchObject({
      paymentId: id,
      externalId: message.paymentId,
      amount: 9999,
      currency: 'ZMW',
      status: 'successful',
      metadata: { orderId: 'order_789', user_id: 'user_456' },
    });
    expect(processed[0]?.headers).toMatchObject({
      'event-type': 'payment.succeeded',
      'correlation-id': message.paymentId,
      'content-type': 'application/json',
    });
    const audit = mine.filter((entry) => entry.topic === 'audit.payment-events');
    expect(audit.map((entry) => (entry.value as { event: string }).event)).toEqual([
      'payment.created',
      'payment.succeeded',
    ]);
    // The spec's AsyncAPI document describes what went out.
    const validEvent = specSchema('kafka.asyncapi.yaml', 'PaymentEvent');
    const validAudit = specSchema('kafka.asyncapi.yaml', 'AuditPaymentEvent');
    const validHeaders = specSchema('kafka.asyncapi.yaml', 'MessageHeaders');
    expect(validEvent(processed[0]?.value), JSON.stringify(validEvent.errors)).toBe(true);
    for (const entry of audit) {
      expect(validAudit(entry.value), JSON.stringify(validAudit.errors)).toBe(true);
      expect(validHeaders(entry.headers), JSON.stringify(validHeaders.errors)).toBe(true);
    }
  });

  it('keeps each payment’s messages in the order they were written, across many payments', async () => {
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        server.call('POST', '/api/v1/payments', {
          key: server.merchantKey,
          headers: { 'idempotency-key': `order-${paymentId()}` },
          body: {
            external_id: paymentId(),
            flow: 'collection',
            amount: 1000 + index,
            // Half succeed, half fail in the sandbox.
            currency: index % 2 === 0 ? 'ZMW' : 'EUR',
            payer: index % 2 === 0 ? '260971234567' : '46733123450',
          },
        }),
      ),
    );
    const ids = created.map((answer) => answer.body.id as string);
    expect(created.every((answer) => answer.status === 202)).toBe(true);
    const published = await readUntil(
      broker,
      ['audit.payment-events', 'payments.payment-processed', 'payments.payment-failed'],
      (messages) => ids.every((id) => ofKey(messages, id).length >= 3),
    );
    for (const [index, id] of ids.entries()) {
      const audit = ofKey(published, id).filter((entry) => entry.topic === 'audit.payment-events');
      const outcome = index % 2 === 0 ? 'payment.succeeded' : 'payment.failed';
      expect(audit.map((entry) => entry.headers['event-type'])).toEqual(['payment.created', outcome]);
      const eventIds = audit.map((entry) => Number(entry.headers['event-id']));
      expect(eventIds).toEqual([...eventIds].sort((a, b) => a - b));
      // One partition per key: Kafka's order is the payment's order.
      expect(new Set(audit.map((entry) => entry.partition)).size).toBe(1);
      const topic = index % 2 === 0 ? 'payments.payment-processed' : 'payments.payment-failed';
      expect(ofKey(published, id).filter((entry) => entry.topic === topic)).toHaveLength(1);
    }
  });

  it('creates one payment for a request delivered twice, and for the same paymentId sent again', async () => {
    const message = request(server.merchantId);
    await produce(broker, 'payments.payment-requested', [
      { key: message.paymentId, value: message },
      { key: message.paymentId, value: message },
    ]);
    const later = request(server.merchantId);
    await produce(broker, 'payments.payment-requested', [{ key: later.paymentId, value: later }]);
    // The later message is taken after both copies (one partition per key is not promised across keys, so
    // wait for it by its own row, then count the first one's).
    await waitFor(
      () => paymentsWithExternalId(server.db, later.paymentId),
      (rows) => rows.length === 1,
    );
    await waitFor(
      async () => (await server.call('GET', '/metrics', { key: null })).body as string,
      (text) =>
        /kafka_messages_total\{direction="consumed",topic="payments.payment-requested",status="duplicate"\} [1-9]/.test(
          text,
        ),
    );
    expect(await paymentsWithExternalId(server.db, message.paymentId)).toHaveLength(1);
  });

  it('sends poison messages to the dead-letter topic with the reason, and keeps going', async () => {
    const good = request(server.merchantId);
    const poison = [
      { key: 'bad-json', value: null, raw: '{"paymentId":' },
      { key: 'bad-bytes', value: null, raw: Buffer.from([0xff, 0xfe, 0x00]) },
      { key: 'decimal', value: request(server.merchantId, { amount: 99.99 }) },
      { key: 'card', value: request(server.merchantId, { paymentMethod: 'credit_card' }) },
      { key: 'no-merchant', value: request('mer_01JD2M3X4Y5Z6A7B8C9D0E1F2G') },
      // A sandbox server makes no live payments, whoever asks.
      { key: 'live', value: request(server.merchantId, { mode: 'live' }) },
      { key: 'user-id', value: request(server.merchantId, { metadata: { user_id: 'someone-else' } }) },
      // Escaped into a dead letter whole, this would be larger than a broker takes.
      { key: 'huge', value: null, raw: '"'.repeat(600_000) },
      // MTN has no credentials on this server: the API would refuse the payment, so the request is dead.
      { key: 'no-route', value: request(server.merchantId, { paymentMethod: 'mtn' }) },
    ];
    await produce(broker, 'payments.payment-requested', [
      ...poison.map((entry) => ({
        key: entry.key,
        value: entry.value,
        ...(entry.raw ? { raw: entry.raw } : {}),
      })),
      { key: good.paymentId, value: good },
    ]);
    const letters = await readUntil(broker, ['payments.payment-requested.dlq'], (messages) =>
      poison.every((entry) => messages.some((message) => message.key === entry.key)),
    );
    const reason = (key: string) =>
      letters.find((message) => message.key === key)?.value as Record<string, unknown>;
    expect(reason('bad-json')).toMatchObject({
      reason: 'invalid_json',
      value: '{"paymentId":',
      valueEncoding: 'utf8',
    });
    expect(reason('bad-bytes')).toMatchObject({
      reason: 'invalid_json',
      value: '//4A',
      valueEncoding: 'base64',
    });
    expect(reason('decimal')).toMatchObject({
      reason: 'invalid_message',
      errors: expect.arrayContaining([{ field: 'amount', message: 'must be integer' }]),
    });
    expect(reason('card')).toMatchObject({
      reason: 'invalid_message',
      errors: [expect.objectContaining({ field: 'paymentMethod' })],
    });
    expect(reason('no-merchant')).toMatchObject({ reason: 'merchant_not_found' });
    expect(reason('live')).toMatchObject({ reason: 'live_mode_unavailable' });
    expect(reason('user-id')).toMatchObject({
      reason: 'invalid_message',
      errors: expect.arrayContaining([expect.objectContaining({ field: 'metadata' })]),
    });
    expect(reason('huge')).toMatchObject({
      reason: 'invalid_json',
      valueTruncated: true,
      valueBytes: 600_000,
      valueSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((reason('huge') as { value: string }).value).toHaveLength(64 * 1024);
    expect((reason('no-route') as { reason: string }).reason).toMatch(/provider/);
    const dlq = letters.find((message) => message.key === 'card');
    expect(dlq?.headers).toMatchObject({
      'dead-letter-reason': 'invalid_message',
      'original-topic': 'payments.payment-requested',
    });
    const validLetter = specSchema('kafka.asyncapi.yaml', 'DeadLetter');
    for (const letter of letters)
      expect(validLetter(letter.value), JSON.stringify(validLetter.errors)).toBe(true);
    await waitFor(
      () => paymentsWithExternalId(server.db, good.paymentId),
      (rows) => rows.length === 1,
    );
    for (const entry of poison) {
      const id = (entry.value as { paymentId?: string } | null)?.paymentId;
      if (id) expect(await paymentsWithExternalId(server.db, id)).toEqual([]);
    }
  });

  it('reports Kafka in /health, with the seed’s metrics', async () => {
    const health = await server.call('GET', '/health', { key: null });
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'healthy', database: 'up', kafka: 'up' });
    const metrics = (await server.call('GET', '/metrics', { key: null })).body as string;
    for (const name of [
      'kafka_messages_total',
      'payments_processed_total',
      'payments_failed_total',
      'payment_processing_duration_seconds',
      'outbox_oldest_unpublished_seconds',
      'kafka_consumer_lag',
    ]) {
      expect(metrics).toContain(`# TYPE ${name}`);
    }
  });
});

describe.skipIf(!kafkaHolder)('the Kafka consumer across restarts', () => {
  let broker: KafkaBroker;
  let database: TestDatabase;
  let dataDir: string;

  beforeAll(async () => {
    broker = await startKafkaBroker();
    database = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'molam-kafka-'));
  });

  afterAll(async () => {
    await broker?.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = () =>
    startServer({
      port: 0,
      ...(database.options.databaseUrl
        ? { databaseUrl: database.options.databaseUrl, dataDir: 'memory://' }
        : { dataDir }),
      env: { LOG_LEVEL: 'silent', ...KAFKA_ENV, KAFKA_BROKERS: broker.brokers },
    });

  const consumed = async (server: RunningServer) => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    return [
      ...text.matchAll(
        /^kafka_messages_total\{direction="consumed",[^}]*status="(success|duplicate)"\} (\d+)/gm,
      ),
    ].reduce((sum, match) => sum + Number(match[2]), 0);
  };

  it('resumes from the committed offset: a restarted consumer takes only what came after', async () => {
    const first = await start();
    const merchantId = first.sandbox?.merchantId ?? '';
    const before = [request(merchantId), request(merchantId), request(merchantId)];
    await produce(
      broker,
      'payments.payment-requested',
      before.map((value) => ({ key: value.paymentId, value })),
    );
    await waitFor(
      () => consumed(first),
      (count) => count === 3,
    );
    await first.close();

    const after = [request(merchantId), request(merchantId)];
    await produce(
      broker,
      'payments.payment-requested',
      after.map((value) => ({ key: value.paymentId, value })),
    );
    const second = await start();
    try {
      await waitFor(
        () => consumed(second),
        (count) => count >= 2,
      );
      for (const value of after) {
        await waitFor(
          () => paymentsWithExternalId(second.db, value.paymentId),
          (rows) => rows.length === 1,
        );
      }
      // Nothing before the commit came back: neither created again nor even seen again as a duplicate.
      expect(await consumed(second)).toBe(2);
      for (const value of before)
        expect(await paymentsWithExternalId(second.db, value.paymentId)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});

describe.skipIf(!kafkaHolder || !realPostgresUrl)('a relay process killed mid-batch (PostgreSQL)', () => {
  let broker: KafkaBroker;
  let database: TestDatabase;
  let db: Database;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    broker = await startKafkaBroker();
    database = await createTestDatabase();
    db = await openDatabase({ databaseUrl: database.options.databaseUrl, dataDir: 'memory://', poolMax: 2 });
    await migrateUp(db);
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await db?.close();
    await database?.drop();
    await broker?.stop();
  });

  it('loses nothing: the next relay publishes every row at least once, each key in order', async () => {
    const total = 6000;
    const keys = 40;
    for (let start = 0; start < total; start += 500) {
      await appendOutbox(
        db,
        Array.from({ length: 500 }, (_, index) => ({
          topic: 'audit.payment-events' as const,
          key: `pay_${(start + index) % keys}`,
          eventType: 'payment.created',
          correlationId: null,
          merchantId: null,
          payload: { n: start + index },
        })),
      );
    }
    // A short delivery budget makes a short lease: the dead relay's runs out in 6 s.
    const env = {
      ...KAFKA_ENV,
      KAFKA_BROKERS: broker.brokers,
      KAFKA_DELIVERY_TIMEOUT_MS: '2000',
      OUTBOX_RELAY_BATCH: '100',
      LOG_LEVEL: 'silent',
    };
    const url = database.options.databaseUrl ?? '';
    const published = async () => (await outboxStatus(db))[0]?.published ?? 0;

    const doomed = await startWorkerProcess(url, env, 'relay');
    children.push(doomed);
    await waitFor(published, (count) => count > 0);
    doomed.kill('SIGKILL');
    await once(doomed, 'exit');
    expect(await published()).toBeLessThan(total);

    children.push(await startWorkerProcess(url, env, 'relay'));
    await waitFor(published, (count) => count === total, 60_000);

    const seen = await readUntil(
      broker,
      ['audit.payment-events'],
      (messages) => new Set(messages.map((message) => message.headers['event-id'])).size >= total,
      60_000,
    );
    for (let key = 0; key < keys; key++) {
      const ids = seen
        .filter((message) => message.key === `pay_${key}`)
        .map((message) => Number(message.headers['event-id']));
      const firstSeen = [...new Set(ids)];
      expect(firstSeen).toHaveLength(total / keys);
      expect(firstSeen).toEqual([...firstSeen].sort((a, b) => a - b));
    }
  }, 60_000);
});

/** A free local port, closed again: nothing listens on it until `forward` does. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Listens on `port` and pipes each connection to `target` (`host:port`). */
async function forward(port: number, target: string): Promise<Server> {
  const [host, targetPort] = target.split(':');
  const proxy = createServer((socket) => {
    const upstream = connect(Number(targetPort), host ?? '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    const close = () => {
      socket.destroy();
      upstream.destroy();
    };
    socket.on('error', close);
    upstream.on('error', close);
  });
  await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
  return proxy;
}

describe.skipIf(!kafkaHolder)('Kafka that answers only after the server started', () => {
  let broker: KafkaBroker;
  let server: TestServer;
  let proxy: Server | undefined;

  afterAll(async () => {
    await server?.close();
    proxy?.close();
    await broker?.stop();
  });

  it('reports Kafka down, then publishes and consumes once the brokers answer', async () => {
    broker = await startKafkaBroker();
    // The bootstrap address answers nothing at first; later it leads to the cluster (which names its brokers).
    const port = await freePort();
    server = await startTestServer({ ...KAFKA_ENV, KAFKA_BROKERS: `127.0.0.1:${port}` });
    const down = await server.call('GET', '/health', { key: null });
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'unhealthy', database: 'up', kafka: 'down' });

    const waiting = request(server.merchantId);
    proxy = await forward(port, broker.brokers.split(',')[0] ?? '');
    await produce(broker, 'payments.payment-requested', [{ key: waiting.paymentId, value: waiting }]);
    const [payment] = await waitFor(
      () => paymentsWithExternalId(server.db, waiting.paymentId),
      (rows) => rows[0]?.status === 'successful',
      60_000,
    );
    await readUntil(
      broker,
      ['payments.payment-processed'],
      (messages) => messages.some((message) => message.key === payment?.id),
      60_000,
    );
    await waitFor(
      () => server.call('GET', '/health', { key: null }),
      (answer) => answer.status === 200 && answer.body.kafka === 'up',
    );
  }, 120_000);
});
