import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { relayLagSeconds } from '../outbox/store.js';
import type { Database } from '../platform/db/index.js';

export type ConsumedStatus = 'success' | 'duplicate' | 'dead_letter' | 'retry';

/** Seed 001's `kafka_messages_total`, the relay's lag and the consumer group's. */
export class KafkaMetrics {
  readonly messages: Counter<'direction' | 'topic' | 'status'>;
  readonly relayBatchSeconds: Histogram;
  readonly consumerLag: Gauge<'topic' | 'partition'>;

  constructor(registry: Registry, db: Database) {
    const registers = [registry];
    // Both outbox gauges read one query per scrape (collected back to back), not one each.
    let lagRead: { at: number; value: ReturnType<typeof relayLagSeconds> } | undefined;
    const relayLag = () => {
      if (!lagRead || Date.now() - lagRead.at > 1000)
        lagRead = { at: Date.now(), value: relayLagSeconds(db) };
      return lagRead.value.catch(() => undefined);
    };
    this.messages = new Counter({
      name: 'kafka_messages_total',
      help: 'Kafka messages: published by the outbox relay (success, error) and consumed (success, duplicate, dead_letter, retry).',
      labelNames: ['direction', 'topic', 'status'],
      registers,
    });
    this.relayBatchSeconds = new Histogram({
      name: 'outbox_relay_batch_duration_seconds',
      help: 'From the start of a relay batch to its acknowledgement by Kafka.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    new Gauge({
      name: 'outbox_unpublished',
      help: 'Outbox rows the relay has not published yet.',
      registers,
      async collect() {
        this.set((await relayLag())?.unpublished ?? 0);
      },
    });
    new Gauge({
      name: 'outbox_oldest_unpublished_seconds',
      help: 'Age of the oldest outbox row the relay has not published (the relay lag; 0 when none waits).',
      registers,
      async collect() {
        this.set((await relayLag())?.oldestSeconds ?? 0);
      },
    });
    this.consumerLag = new Gauge({
      name: 'kafka_consumer_lag',
      help: 'Messages on a partition the consumer group has not committed yet (high watermark − committed offset).',
      labelNames: ['topic', 'partition'],
      registers,
    });
  }
}
