import { OUTBOX_TOPICS } from '../outbox/append.js';
import { loadKafkaConfig } from '../platform/config.js';
import { AppError } from '../platform/errors.js';
import { kafkaClientConfig, loadKafkaClient } from './client.js';
import { REQUEST_TOPIC } from './consumer.js';

export interface KafkaCheck {
  brokers: string[];
  topics: Array<{ name: string; partitions: number }>;
  /** The server's topics the cluster does not have (the dead-letter topic among them, when named). */
  missing: string[];
}

/**
 * Connects with the server's Kafka settings (KAFKA_* from `env`) and lists the topics: what an operator runs
 * before starting a relay or a consumer. Fails with `kafka_unreachable` when the brokers do not answer in time.
 */
export async function checkKafka(
  env: Record<string, string | undefined>,
  timeoutMs = 10_000,
): Promise<KafkaCheck> {
  const config = loadKafkaConfig(env);
  if (!config.KAFKA_BROKERS) {
    throw new AppError(
      500,
      'kafka_not_configured',
      'Set KAFKA_BROKERS (host:port,…) to the brokers to check.',
    );
  }
  const { Kafka } = await loadKafkaClient();
  const admin = new Kafka(kafkaClientConfig(config)).admin();
  try {
    await admin.connect();
    const metadata = await admin.fetchTopicMetadata({ timeout: timeoutMs });
    const topics = metadata
      .filter((topic) => !topic.name.startsWith('__'))
      .map((topic) => ({ name: topic.name, partitions: topic.partitions.length }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const names = new Set(topics.map((topic) => topic.name));
    const wanted = [REQUEST_TOPIC, ...OUTBOX_TOPICS, config.KAFKA_DEAD_LETTER_TOPIC];
    return { brokers: config.KAFKA_BROKERS, topics, missing: wanted.filter((name) => !names.has(name)) };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError(
      503,
      'kafka_unreachable',
      `Kafka at ${config.KAFKA_BROKERS.join(',')} did not answer within ${timeoutMs / 1000} s: ${reason}. ` +
        'Check that KAFKA_BROKERS is reachable from here, and that KAFKA_SSL and KAFKA_SASL_* match the listener.',
      { cause: error },
    );
  } finally {
    await admin.disconnect().catch(() => {});
  }
}
