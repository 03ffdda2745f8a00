import { setTimeout as sleep } from 'node:timers/promises';
import type { KafkaJS } from '@confluentinc/kafka-javascript';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { OutboxRelay } from '../outbox/relay.js';
import { declareRelay } from '../outbox/store.js';
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

/**
 * Starts something that connects, with a new instance for each attempt (a client whose connect failed cannot
 * connect again), retrying with backoff until it works or the server stops: Kafka may come up after us.
 * Resolves with the started instance, or undefined when stopped first.
 */
async function startWithRetry<T extends { stop(): Promise<void> }>(
  what: string,
  logger: Logger,
  signal: AbortSignal,
  make: () => T,
  start: (instance: T) => Promise<void>,
): Promise<T | undefined> {
  for (let attempt = 1; !signal.aborted; attempt++) {
    const instance = make();
    try {
      await start(instance);
      if (!signal.aborted) return instance;
    } catch (error) {
      if (attempt === 1 || attempt % 10 === 0)
        logger.warn({ err: error, attempt }, `${what} cannot start yet; retrying`);
    }
    await instance.stop().catch(() => {});
    await sleep(Math.min(30_000, 500 * 2 ** attempt), undefined, { signal }).catch(() => {});
  }
  return undefined;
}

/** The client's own errors and warnings (group joins, authentication, authorization) into the server's log. */
function clientLogger(logger: Logger): KafkaJS.Logger {
  const child = logger.child({ component: 'kafka' });
  const adapter: KafkaJS.Logger = {
    info: () => {},
    debug: () => {},
    warn: (message, extra) => child.warn(extra ?? {}, message),
    error: (message, extra) => child.error(extra ?? {}, message),
    namespace: () => adapter,
    setLogLevel: () => {},
  };
  return adapter;
}

/** The relay and the consumer this process runs (by its role), and the Kafka health check. */
export async function startKafka(config: Config, deps: KafkaDeps): Promise<KafkaRuntime> {
  const { Kafka, logLevel } = await loadKafkaClient();
  const base = kafkaClientConfig(config);
  const kafka = new Kafka({
    ...base,
    kafkaJS: {
      ...base.kafkaJS,
      brokers: base.kafkaJS?.brokers ?? [],
      logger: clientLogger(deps.logger),
      logLevel: logLevel.WARN,
    },
  });
  const metrics = new KafkaMetrics(deps.registry, deps.db);
  const admin = kafka.admin();
  const stopping = new AbortController();
  const adminReady = admin.connect();
  adminReady.catch(() => {}); // reported by the health check

  // The relay's lease row says, before the first connect, that a relay publishes this database's outbox: the
  // sweep never drops unpublished rows here, however long Kafka stays away.
  if (deps.runRelay) await declareRelay(deps.db);
  const relayStarted = deps.runRelay
    ? startWithRetry(
        'the outbox relay',
        deps.logger,
        stopping.signal,
        () => {
          const producer = kafka.producer(producerConfig(config.KAFKA_DELIVERY_TIMEOUT_MS));
          const relay = new OutboxRelay(deps.db, new KafkaPublisher(producer), {
            logger: deps.logger,
            batchSize: config.OUTBOX_RELAY_BATCH,
            pollMs: config.OUTBOX_RELAY_POLL_MS,
            // A batch is published only with a whole delivery budget of lease left (see OutboxRelay).
            leaseMs: config.KAFKA_DELIVERY_TIMEOUT_MS * 3,
            publishBudgetMs: config.KAFKA_DELIVERY_TIMEOUT_MS,
            onPublished: (rows, seconds) => {
              metrics.relayBatchSeconds.observe(seconds);
              for (const row of rows)
                metrics.messages.inc({ direction: 'published', topic: row.topic, status: 'success' });
            },
            onFailed: (rows) => {
              for (const row of rows)
                metrics.messages.inc({ direction: 'published', topic: row.topic, status: 'error' });
            },
          });
          return {
            relay,
            async stop() {
              await relay.stop();
              await producer.disconnect().catch(() => {});
            },
            async connect() {
              await producer.connect();
            },
          };
        },
        async (instance) => {
          await instance.connect();
          if (stopping.signal.aborted) return; // connected while the server was stopping: send nothing
          instance.relay.start();
          deps.logger.info({ holder: instance.relay.holder }, 'outbox relay connected to Kafka');
        },
      )
    : Promise.resolve(undefined);

  const consumerStarted = deps.runConsumer
    ? startWithRetry(
        'the payment request consumer',
        deps.logger,
        stopping.signal,
        () =>
          new PaymentRequestConsumer(kafka, deps.payments, {
            groupId: config.KAFKA_CONSUMER_GROUP,
            deadLetterTopic: config.KAFKA_DEAD_LETTER_TOPIC,
            logger: deps.logger,
            metrics,
            sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
            deliveryTimeoutMs: config.KAFKA_DELIVERY_TIMEOUT_MS,
            liveAllowed: config.MOLAM_MODE === 'production',
          }),
        async (consumer) => {
          await consumer.start();
          deps.logger.info(
            { group: config.KAFKA_CONSUMER_GROUP },
            'payment request consumer joined its group',
          );
        },
      )
    : Promise.resolve(undefined);

  // Lag only once the consumer runs, and only of the partitions it took.
  let running: PaymentRequestConsumer | undefined;
  void consumerStarted.then((consumer) => {
    running = consumer;
  });
  const lagTimer = setInterval(() => {
    if (!running) return;
    running
      .lag(admin)
      .then((partitions) => {
        metrics.consumerLag.reset();
        for (const { partition, lag } of partitions) {
          metrics.consumerLag.set({ topic: REQUEST_TOPIC, partition: String(partition) }, lag);
        }
      })
      .catch(() => {});
  }, LAG_EVERY_MS);
  lagTimer.unref();

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
    health() {
      if (!checked || Date.now() - checked.at > HEALTH_CACHE_MS)
        checked = { at: Date.now(), health: check() };
      return checked.health;
    },
    async stop() {
      stopping.abort();
      clearInterval(lagTimer);
      const [relay, consumer] = await Promise.all([relayStarted, consumerStarted]);
      await Promise.all([relay?.stop(), consumer?.stop()]);
      await admin.disconnect().catch(() => {});
    },
  };
}
