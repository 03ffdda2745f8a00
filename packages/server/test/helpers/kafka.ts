import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { KafkaJS } from '@confluentinc/kafka-javascript';
import { startMockBroker } from '../../../../scripts/kafka-mock/broker.mjs';
import { waitFor } from './wait.js';

const BUILD = fileURLToPath(new URL('../../../../scripts/kafka-mock/build.mjs', import.meta.url));

/** Every topic the server uses, with the partitions the tests give them. */
export const TOPICS = {
  'payments.payment-requested': 3,
  'payments.payment-processed': 3,
  'payments.payment-failed': 3,
  'audit.payment-events': 3,
  'payments.payment-requested.dlq': 1,
} as const;

/**
 * The mock broker's holder program (built by `npm test`'s setup; built here when missing), or null when the
 * Kafka client is not installed. CI never skips: there, a missing harness fails the tests.
 */
function holderProgram(): string | null {
  try {
    return execFileSync(process.execPath, [BUILD], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  } catch (error) {
    if (process.env.CI) throw error;
    return null;
  }
}

export const kafkaHolder = holderProgram();

export interface KafkaBroker {
  /** `host:port,host:port,…` for KAFKA_BROKERS. */
  brokers: string;
  client: KafkaJS.Kafka;
  stop(): Promise<void>;
}

/** A 3-broker cluster speaking the Kafka protocol on local ports (librdkafka's mock), with the server's topics. */
export async function startKafkaBroker(): Promise<KafkaBroker> {
  if (!kafkaHolder) throw new Error('the Kafka test broker is not built (node scripts/kafka-mock/build.mjs)');
  const broker = await startMockBroker({ brokers: 3, topics: TOPICS });
  const { KafkaJS: Client } = await import('@confluentinc/kafka-javascript');
  const client = new Client.Kafka({
    kafkaJS: { brokers: broker.brokers.split(','), logLevel: Client.logLevel.NOTHING },
  });
  return { brokers: broker.brokers, client, stop: () => broker.stop() };
}

export interface ReadMessage {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  value: unknown;
  headers: Record<string, string>;
}

/** Produces JSON (or raw) values keyed by `key`. */
export async function produce(
  broker: KafkaBroker,
  topic: string,
  messages: Array<{ key: string; value: unknown; raw?: Buffer | string; headers?: Record<string, string> }>,
): Promise<void> {
  const producer = broker.client.producer({ kafkaJS: { idempotent: true } });
  await producer.connect();
  try {
    await producer.send({
      topic,
      messages: messages.map((message) => ({
        key: message.key,
        value: message.raw ?? JSON.stringify(message.value),
        ...(message.headers ? { headers: message.headers } : {}),
      })),
    });
  } finally {
    await producer.disconnect();
  }
}

const text = (value: unknown): string =>
  Array.isArray(value) ? text(value[0]) : value === undefined ? '' : String(value);

/** Everything on `topics` from the beginning, until `done` holds (a fresh group each call). */
export async function readUntil(
  broker: KafkaBroker,
  topics: string[],
  done: (messages: ReadMessage[]) => boolean,
  timeoutMs = 30_000,
): Promise<ReadMessage[]> {
  const consumer = broker.client.consumer({
    kafkaJS: {
      groupId: `reader-${Math.random().toString(36).slice(2)}`,
      fromBeginning: true,
      autoCommit: false,
    },
  });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const raw = message.value?.toString() ?? null;
        let value: unknown = raw;
        try {
          value = raw === null ? null : JSON.parse(raw);
        } catch {
          // not JSON: keep the text
        }
        messages.push({
          topic,
          partition,
          offset: Number(message.offset),
          key: message.key?.toString() ?? null,
          value,
          headers: Object.fromEntries(
            Object.entries(message.headers ?? {}).map(([name, v]) => [name, text(v)]),
          ),
        });
      },
    });
    await waitFor(
      async () => messages.length,
      () => done(messages),
      timeoutMs,
    );
    return messages;
  } finally {
    await consumer.disconnect();
  }
}
