import { setTimeout as sleep } from 'node:timers/promises';
import type { KafkaJS } from '@confluentinc/kafka-javascript';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { OutboxRelay } from '../outbox/relay.js';
import type { PaymentsDeps } from '../payments/service.js';
import type { Config } from '../platform/config.js';
import type { Database } from '../platform/db/index.js';
import { kafkaClientConfig, loadKafkaClient } from './client.js';
import { PaymentRequestConsumer, REQUEST_TOPIC } from './consumer.js';
import { KafkaMetrics } from './metrics.js';
import { KafkaPublisher, producerConfig } from './publisher.js';

export interface KafkaHealth {
  status: 'up' | 'down';
  /** Why it is down: the client's error message (never a credential). */
  error?: string;
}

export interface KafkaRuntime {
  relay: OutboxRelay | undefined;
  consumer: PaymentRequestConsumer | undefined;
  /** Whether the brokers answer (a metadata request), at most every few seconds. */
  health(): Promise<KafkaHealth>;
  stop(): Promise<void>;
}

export interface KafkaDeps {
  db: Database;
  payments: PaymentsDeps;
  logger: Logger;
  registry: Registry;
  runRelay: boolean;
  runConsumer: boolean;
}

const HEALTH_CACHE_MS = 5000;
const LAG_EVERY_MS = 15_000;

/** Connects, retrying with backoff until it works or the server stops (Kafka may start after the server). */
async function keepTrying(what: string, logger: Logger, signal: AbortSignal, start: () => Promise<void>) {
  for (let attempt = 1; !signal.aborted; attempt++) {
    try {
      return await start();
    } catch (error) {
      if (attempt === 1 || attempt % 10 === 0)
        logger.warn({ err: error, attempt }, `${what} cannot start yet; retrying`);
      await sleep(Math.min(30_000, 500 * 2 ** attempt), undefined, { signal }).catch(() => {});
    }
  }
}

/** The relay and the consumer this process runs, and the Kafka health check. Only with KAFKA_BROKERS. */
export async function startKafka(config: Config, deps: KafkaDeps): Promise<KafkaRuntime> {
  const { Kafka } = await loadKafkaClient();
  const kafka = new Kafka(kafkaClientConfig(config));
  const metrics = new KafkaMetrics(deps.registry, deps.db);
  const admin = kafka.admin();
  const stopping = new AbortController();
  const adminReady = admin.connect();
  adminReady.catch(() => {}); // reported by the health check

  let producer: KafkaJS.Producer | undefined;
  let relay: OutboxRelay | undefined;
  if (deps.runRelay) {
    const relayProducer = kafka.producer(producerConfig(config.KAFKA_DELIVERY_TIMEOUT_MS));
    producer = relayProducer;
    relay = new OutboxRelay(deps.db, new KafkaPublisher(relayProducer), {
      logger: deps.logger,
      batchSize: config.OUTBOX_RELAY_BATCH,
      pollMs: config.OUTBOX_RELAY_POLL_MS,
      // Longer than one delivery's budget, so a live holder never loses the lease mid-batch.
      leaseMs: config.KAFKA_DELIVERY_TIMEOUT_MS * 2,
      onPublished: (rows, seconds) => {
        metrics.relayBatchSeconds.observe(seconds);
        for (const row of rows)
          metrics.messages.inc({ direction: 'published', topic: row.topic, status: 'success' });
      },
      onError: () => metrics.messages.inc({ direction: 'published', topic: 'outbox', status: 'error' }),
    });
    void keepTrying('the outbox relay', deps.logger, stopping.signal, async () => {
      await relayProducer.connect();
      relay?.start();
      deps.logger.info({ holder: relay?.holder }, 'outbox relay connected to Kafka');
    });
  }

  let consumer: PaymentRequestConsumer | undefined;
  let lagTimer: NodeJS.Timeout | undefined;
  if (deps.runConsumer) {
    const requests = new PaymentRequestConsumer(kafka, deps.payments, {
      groupId: config.KAFKA_CONSUMER_GROUP,
      deadLetterTopic: config.KAFKA_DEAD_LETTER_TOPIC,
      logger: deps.logger,
      metrics,
      sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
      liveAllowed: config.MOLAM_MODE === 'production',
    });
    consumer = requests;
    void keepTrying('the payment request consumer', deps.logger, stopping.signal, async () => {
      await requests.start();
      deps.logger.info({ group: config.KAFKA_CONSUMER_GROUP }, 'payment request consumer joined its group');
    });
    lagTimer = setInterval(() => {
      requests
        .lag(admin)
        .then((partitions) => {
          for (const { partition, lag } of partitions) {
            metrics.consumerLag.set({ topic: REQUEST_TOPIC, partition: String(partition) }, lag);
          }
        })
        .catch(() => {});
    }, LAG_EVERY_MS);
    lagTimer.unref();
  }

  let checked: { at: number; health: Promise<KafkaHealth> } | undefined;
  const check = async (): Promise<KafkaHealth> => {
    try {
      await adminReady;
      await admin.listTopics({ timeout: 2000 });
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', error: error instanceof Error ? error.message : String(error) };
    }
  };

  return {
    relay,
    consumer,
    health() {
      if (!checked || Date.now() - checked.at > HEALTH_CACHE_MS)
        checked = { at: Date.now(), health: check() };
      return checked.health;
    },
    async stop() {
      stopping.abort();
      clearInterval(lagTimer);
      await relay?.stop();
      await consumer?.stop();
      await producer?.disconnect().catch(() => {});
      await admin.disconnect().catch(() => {});
    },
  };
}
