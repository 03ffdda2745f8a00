// The outbox relay on real PostgreSQL and the Kafka test broker (librdkafka's mock cluster, 3 brokers): MESSAGES
// outbox rows committed at once, then the time until a relay process has published (and marked) all of them.
// Baseline: the same messages (keys, values, headers) produced straight by the same client, in batches of the
// relay's size, each awaited as the relay awaits its own. Imported by bench.mjs.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pg, startServer, withDatabase } from './bench-support.mjs';
import { startMockBroker } from './kafka-mock/broker.mjs';

const MESSAGES = Number(process.env.BENCH_KAFKA_MESSAGES ?? 20_000);
const BATCH = 500; // the relay's default OUTBOX_RELAY_BATCH
const KEYS = 1000;
const TOPIC = 'audit.payment-events';

const root = new URL('..', import.meta.url).pathname;
const { KafkaJS } = createRequire(join(root, 'packages/server/package.json'))(
  '@confluentinc/kafka-javascript',
);

const payload = (n) => ({
  event: 'payment.created',
  paymentId: `pay_${n % KEYS}`,
  amount: 1000 + n,
  currency: 'ZMW',
});

/** The same producer settings as the relay's (idempotent, acks from all replicas, Java's partitioner). */
async function direct(brokers) {
  const kafka = new KafkaJS.Kafka({ kafkaJS: { brokers: brokers.split(','), logLevel: 0 } });
  const producer = kafka.producer({
    kafkaJS: { idempotent: true, acks: -1 },
    partitioner: 'murmur2_random',
    'linger.ms': 5,
  });
  await producer.connect();
  try {
    // Warm the connection as the relay's is warm before its rows arrive.
    await producer.send({ topic: TOPIC, messages: [{ key: 'warm', value: '{}' }] });
    const started = performance.now();
    for (let start = 0; start < MESSAGES; start += BATCH) {
      const messages = [];
      for (let n = start; n < Math.min(MESSAGES, start + BATCH); n++) {
        messages.push({
          key: `pay_${n % KEYS}`,
          value: JSON.stringify(payload(n)),
          headers: {
            'event-id': String(n + 1),
            'event-type': 'payment.created',
            'content-type': 'application/json',
          },
          timestamp: String(Date.now()),
        });
      }
      await producer.sendBatch({ topicMessages: [{ topic: TOPIC, messages }] });
    }
    return MESSAGES / ((performance.now() - started) / 1000);
  } finally {
    await producer.disconnect();
  }
}

export async function benchKafka(adminUrl) {
  const broker = await startMockBroker({ topics: { [TOPIC]: 6 } });
  try {
    const viaRelay = await withDatabase(adminUrl, async (databaseUrl) => {
      const relay = await startServer(databaseUrl, 'relay', {
        KAFKA_BROKERS: broker.brokers,
        OUTBOX_RELAY_POLL_MS: '20',
      });
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await client.query(
          `INSERT INTO outbox (topic, key, event_type, payload)
           SELECT $1, 'pay_' || (n % $3), 'payment.created',
                  jsonb_build_object('event', 'payment.created', 'paymentId', 'pay_' || (n % $3), 'amount', 1000 + n, 'currency', 'ZMW')
           FROM generate_series(0, $2 - 1) AS n`,
          [TOPIC, MESSAGES, KEYS],
        );
        const started = performance.now();
        for (;;) {
          const { rows } = await client.query(
            'SELECT count(*)::int AS waiting FROM outbox WHERE published_at IS NULL',
          );
          if (rows[0].waiting === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        return MESSAGES / ((performance.now() - started) / 1000);
      } finally {
        await client.end();
        await relay.stop();
      }
    });
    return { messages: MESSAGES, batch: BATCH, viaRelay, direct: await direct(broker.brokers) };
  } finally {
    await broker.stop();
  }
}
