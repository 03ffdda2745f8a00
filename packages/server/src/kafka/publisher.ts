import type { KafkaJS } from '@confluentinc/kafka-javascript';
import type { OutboxPublisher } from '../outbox/relay.js';
import type { OutboxRow } from '../outbox/store.js';

/** The headers every message carries (`KafkaHeaders` in the spec). */
export function messageHeaders(row: OutboxRow): Record<string, string> {
  return {
    'event-id': row.id,
    'event-type': row.event_type,
    ...(row.correlation_id === null ? {} : { 'correlation-id': row.correlation_id }),
    'content-type': 'application/json',
  };
}

/** Rows grouped by topic, each group in the rows' order (so one key's messages keep theirs). */
function byTopic(rows: readonly OutboxRow[]): KafkaJS.TopicMessages[] {
  const topics = new Map<string, KafkaJS.Message[]>();
  for (const row of rows) {
    const messages = topics.get(row.topic) ?? [];
    messages.push({
      key: row.key,
      value: row.payload,
      headers: messageHeaders(row),
      timestamp: String(row.created_at.getTime()),
    });
    topics.set(row.topic, messages);
  }
  return [...topics].map(([topic, messages]) => ({ topic, messages }));
}

/** The idempotent producer's settings: acks from all in-sync replicas, no duplicates from its own retries. */
export function producerConfig(deliveryTimeoutMs: number): KafkaJS.ProducerConstructorConfig {
  return {
    kafkaJS: { idempotent: true, acks: -1 },
    // The Java client's key hashing, so a key lands on the partition other services' producers would pick.
    partitioner: 'murmur2_random',
    'message.timeout.ms': deliveryTimeoutMs,
    'linger.ms': 5,
  };
}

/** Publishes outbox rows with one producer; resolves when every message is acknowledged. */
export class KafkaPublisher implements OutboxPublisher {
  constructor(private readonly producer: KafkaJS.Producer) {}

  async publish(rows: readonly OutboxRow[]): Promise<void> {
    await this.producer.sendBatch({ topicMessages: byTopic(rows) });
  }
}
