import { setTimeout as sleep } from 'node:timers/promises';
import type { KafkaJS } from '@confluentinc/kafka-javascript';
import type { Logger } from 'pino';
import type { PaymentsDeps } from '../payments/service.js';
import type { KafkaMetrics } from './metrics.js';
import { type RequestOutcome, takePaymentRequest } from './payment-requests.js';

export const REQUEST_TOPIC = 'payments.payment-requested';

export interface ConsumerOptions {
  groupId: string;
  deadLetterTopic: string;
  logger: Logger;
  metrics: KafkaMetrics | undefined;
  /** False on a sandbox server: live requests are dead letters, as live keys are refused there. */
  liveAllowed: boolean;
  /** Group session timeout: how long a dead member holds its partitions (tests use a few seconds). */
  sessionTimeoutMs?: number;
}

type DeadLetter = Extract<RequestOutcome, { kind: 'dead_letter' }>;

const headerText = (value: Buffer | string | (Buffer | string)[] | undefined): string | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? headerText(value[0]) : value.toString();

/** The original value as text when it is UTF-8, else base64, so a poison message survives to be read. */
function originalValue(value: Buffer | null): { value: string | null; valueEncoding: 'utf8' | 'base64' } {
  if (value === null) return { value: null, valueEncoding: 'utf8' };
  try {
    return { value: new TextDecoder('utf-8', { fatal: true }).decode(value), valueEncoding: 'utf8' };
  } catch {
    return { value: value.toString('base64'), valueEncoding: 'base64' };
  }
}

/**
 * The consumer group on `payments.payment-requested`: each message becomes a payment (or a dead letter), and its
 * offset is committed only after that payment's transaction (or the dead letter's publication) is done. A
 * failure that may pass is retried, with backoff, on the same message; partitions keep their order.
 */
export class PaymentRequestConsumer {
  private readonly consumer: KafkaJS.Consumer;
  private readonly producer: KafkaJS.Producer;
  private readonly stopping = new AbortController();
  private running = false;

  constructor(
    kafka: KafkaJS.Kafka,
    private readonly payments: PaymentsDeps,
    private readonly options: ConsumerOptions,
  ) {
    this.consumer = kafka.consumer({
      kafkaJS: {
        groupId: options.groupId,
        fromBeginning: true,
        autoCommit: false,
        sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      },
    });
    this.producer = kafka.producer({ kafkaJS: { idempotent: true, acks: -1 } });
  }

  async start(): Promise<void> {
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [REQUEST_TOPIC] });
    this.running = true;
    await this.consumer.run({ eachMessage: (payload) => this.take(payload) });
  }

  private async take({ topic, partition, message }: KafkaJS.EachMessagePayload): Promise<void> {
    const outcome = await this.untilDone(
      () => takePaymentRequest(this.payments, message.value, { liveAllowed: this.options.liveAllowed }),
      topic,
    );
    if (outcome.kind === 'dead_letter') {
      await this.untilDone(() => this.sendDeadLetter(outcome, topic, partition, message), topic);
      this.options.logger.warn(
        { topic, partition, offset: message.offset, reason: outcome.reason },
        'payment request sent to the dead-letter topic',
      );
    }
    await this.untilDone(
      () =>
        this.consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]),
      topic,
    );
    const status = outcome.kind === 'created' ? 'success' : outcome.kind;
    this.options.metrics?.messages.inc({ direction: 'consumed', topic, status });
  }

  /** Retries what may pass (1 s, 2 s … 30 s); a stop abandons the message uncommitted, to be redelivered. */
  private async untilDone<T>(work: () => Promise<T>, topic: string): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (this.stopping.signal.aborted) throw error;
        this.options.metrics?.messages.inc({ direction: 'consumed', topic, status: 'retry' });
        if (attempt === 1 || attempt % 10 === 0) {
          this.options.logger.warn({ err: error, attempt }, 'payment request not taken yet; retrying');
        }
        const delay = Math.min(30_000, 1000 * 2 ** (attempt - 1));
        await sleep(delay, undefined, { signal: this.stopping.signal }).catch(() => {});
        if (this.stopping.signal.aborted) throw error;
      }
    }
  }

  private async sendDeadLetter(
    outcome: DeadLetter,
    topic: string,
    partition: number,
    message: KafkaJS.KafkaMessage,
  ): Promise<void> {
    const headers: KafkaJS.IHeaders = {};
    for (const [name, value] of Object.entries(message.headers ?? {})) {
      const text = headerText(value);
      if (text !== undefined) headers[name] = text;
    }
    await this.producer.send({
      topic: this.options.deadLetterTopic,
      messages: [
        {
          key: message.key,
          value: JSON.stringify({
            reason: outcome.reason,
            detail: outcome.detail,
            ...(outcome.errors ? { errors: outcome.errors } : {}),
            originalTopic: topic,
            originalPartition: partition,
            originalOffset: message.offset,
            ...originalValue(message.value),
            deadLetteredAt: new Date().toISOString(),
          }),
          headers: {
            ...headers,
            'dead-letter-reason': outcome.reason,
            'original-topic': topic,
            'original-partition': String(partition),
            'original-offset': message.offset,
          },
        },
      ],
    });
  }

  /** Committed offsets against high watermarks, per partition (for `kafka_consumer_lag`). */
  async lag(admin: KafkaJS.Admin): Promise<Array<{ partition: number; lag: number }>> {
    const [ends, committed] = await Promise.all([
      admin.fetchTopicOffsets(REQUEST_TOPIC),
      admin.fetchOffsets({ groupId: this.options.groupId, topics: [REQUEST_TOPIC] }),
    ]);
    const done = new Map(
      (committed[0]?.partitions ?? []).map((entry) => [entry.partition, Number(entry.offset)] as const),
    );
    return ends.map((end) => {
      const offset = done.get(end.partition) ?? -1;
      const start = offset < 0 ? Number(end.low) : offset;
      return { partition: end.partition, lag: Math.max(0, Number(end.high) - start) };
    });
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    if (this.running) await this.consumer.disconnect().catch(() => {});
    await this.producer.disconnect().catch(() => {});
  }
}
