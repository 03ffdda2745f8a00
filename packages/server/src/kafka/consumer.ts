import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KafkaJS } from '@confluentinc/kafka-javascript';
import type { Logger } from 'pino';
import type { PaymentsDeps } from '../payments/service.js';
import type { KafkaMetrics } from './metrics.js';
import { type RequestOutcome, strictUtf8, takePaymentRequest } from './payment-requests.js';

export const REQUEST_TOPIC = 'payments.payment-requested';

/** The original value kept in a dead letter, at most: a poison message must not make an unsendable one. */
const DEAD_LETTER_VALUE_LIMIT = 64 * 1024;
/** Tries of one message in one delivery, well inside the group's poll interval; then it is delivered again. */
const TRIES = 5;

export interface ConsumerOptions {
  groupId: string;
  deadLetterTopic: string;
  logger: Logger;
  metrics: KafkaMetrics | undefined;
  /** False on a sandbox server: live requests are dead letters, as live keys are refused there. */
  liveAllowed: boolean;
  /** Group session timeout: how long a dead member holds its partitions. */
  sessionTimeoutMs: number;
  /** How long the dead-letter producer tries one message. */
  deliveryTimeoutMs: number;
}

type DeadLetter = Extract<RequestOutcome, { kind: 'dead_letter' }>;

const headerText = (value: Buffer | string | (Buffer | string)[] | undefined): string | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? headerText(value[0]) : value.toString();

/**
 * The original value as text when it is UTF-8, else base64, cut to the limit (with its size and digest, so
 * the producer can find it), so a poison message survives to be read.
 */
function originalValue(value: Buffer | null) {
  if (value === null) return { value: null, valueEncoding: 'utf8' as const };
  const kept = value.subarray(0, DEAD_LETTER_VALUE_LIMIT);
  const cut =
    kept.length < value.length
      ? {
          valueTruncated: true,
          valueBytes: value.length,
          valueSha256: createHash('sha256').update(value).digest('hex'),
        }
      : {};
  // A cut inside a multi-byte character is not UTF-8 any more: base64 then.
  const text = strictUtf8(kept);
  return text === undefined
    ? { value: kept.toString('base64'), valueEncoding: 'base64' as const, ...cut }
    : { value: text, valueEncoding: 'utf8' as const, ...cut };
}

/**
 * Errors no retry mends, by librdkafka's code: a message or batch too large (10, 18), an invalid topic or record
 * (17, 87), a topic this client may not write (29). Anything else (a timeout, a leader moving) may pass. The
 * client's own `retriable` flag cannot be trusted: it reads false for every delivery failure.
 */
const FINAL_CODES = new Set([10, 17, 18, 29, 87]);
export const isFinal = (error: unknown) =>
  FINAL_CODES.has(Number((error as { code?: unknown } | null)?.code));

/**
 * The consumer group on `payments.payment-requested`: each message becomes a payment (or a dead letter), and its
 * offset is committed only after that payment's transaction (or the dead letter's publication) is done. A
 * failure that may pass is tried a few times with backoff; then the message is left uncommitted and the client
 * delivers it again, so a long outage never holds a partition past the group's poll interval.
 */
export class PaymentRequestConsumer {
  private readonly consumer: KafkaJS.Consumer;
  private readonly producer: KafkaJS.Producer;
  private readonly stopping = new AbortController();
  private connected = false;
  /** The next offset to take, per partition this member has seen a message of (for `kafka_consumer_lag`). */
  private readonly position = new Map<number, bigint>();

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
        sessionTimeout: options.sessionTimeoutMs,
      },
    });
    this.producer = kafka.producer({
      kafkaJS: { idempotent: true, acks: -1 },
      'message.timeout.ms': options.deliveryTimeoutMs,
    });
  }

  async start(): Promise<void> {
    this.connected = true;
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [REQUEST_TOPIC] });
    // Partitions are independent (order holds within each): one slow message holds only its own.
    await this.consumer.run({
      partitionsConsumedConcurrently: 3,
      eachMessage: (payload) => this.take(payload),
    });
  }

  private async take({ topic, partition, message }: KafkaJS.EachMessagePayload): Promise<void> {
    // Known before anything is committed, so a partition stuck on its first message still shows its lag.
    if (!this.position.has(partition)) this.position.set(partition, BigInt(message.offset));
    const outcome = await this.tried(() =>
      takePaymentRequest(this.payments, message.value, { liveAllowed: this.options.liveAllowed }),
    );
    if (outcome.kind === 'dead_letter') {
      try {
        await this.tried(() => this.sendDeadLetter(outcome, topic, partition, message));
        this.options.logger.warn(
          { topic, partition, offset: message.offset, reason: outcome.reason },
          'payment request sent to the dead-letter topic',
        );
      } catch (error) {
        if (!isFinal(error)) throw error;
        // Never sendable: keeping it would stop the partition for good. The log keeps what the letter would.
        this.options.logger.error(
          { err: error, topic, partition, offset: message.offset, reason: outcome.reason },
          'payment request could not be dead-lettered; skipped',
        );
      }
    }
    // A commit that fails (this member lost the partition) is not retried: the message comes again, and taking
    // it twice makes no second payment.
    const next = BigInt(message.offset) + 1n;
    await this.consumer.commitOffsets([{ topic, partition, offset: next.toString() }]);
    this.position.set(partition, next);
    const status = outcome.kind === 'created' ? 'success' : outcome.kind;
    this.options.metrics?.messages.inc({ direction: 'consumed', topic, status });
  }

  /** Up to TRIES with backoff (0.5, 1, 2, 4 s) for what may pass; final errors and a stop end it at once. */
  private async tried<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (this.stopping.signal.aborted || attempt >= TRIES || isFinal(error)) throw error;
        this.options.metrics?.messages.inc({ direction: 'consumed', topic: REQUEST_TOPIC, status: 'retry' });
        if (attempt === 1)
          this.options.logger.warn({ err: error }, 'payment request not taken yet; retrying');
        await sleep(500 * 2 ** (attempt - 1), undefined, { signal: this.stopping.signal }).catch(() => {});
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

  /**
   * Per partition this member holds and has seen a message of: the high watermark less the next offset to take.
   * Only its own partitions, so the group's lag is the sum over its members.
   */
  async lag(admin: KafkaJS.Admin): Promise<Array<{ partition: number; lag: number }>> {
    if (this.position.size === 0) return [];
    const ends = await admin.fetchTopicOffsets(REQUEST_TOPIC);
    const mine = new Set(this.consumer.assignment().map((entry) => entry.partition));
    return ends
      .filter((end) => mine.has(end.partition) && this.position.has(end.partition))
      .map((end) => ({
        partition: end.partition,
        lag: Math.max(0, Number(BigInt(end.high) - (this.position.get(end.partition) ?? 0n))),
      }));
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    if (this.connected) await this.consumer.disconnect().catch(() => {});
    await this.producer.disconnect().catch(() => {});
  }
}
