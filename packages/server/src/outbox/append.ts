import type { Queryable } from '../platform/db/index.js';

/**
 * The seed-001 topics this server publishes (through the relay, when Kafka is configured). The service's input,
 * `payments.payment-requested`, is not among them: see `kafka/payment-requests.ts`.
 */
export const OUTBOX_TOPICS = [
  'payments.payment-processed',
  'payments.payment-failed',
  'audit.payment-events',
] as const;
export type Topic = (typeof OUTBOX_TOPICS)[number];

export interface OutboxMessage {
  topic: Topic;
  /** Partitioning key (a Kafka message key): events of one payment stay in order. */
  key: string;
  /** The `event-type` header: `payment.created`, `payment.succeeded`, … */
  eventType: string;
  /** The `correlation-id` header: what ties every message of one payment together across services. */
  correlationId: string | null;
  merchantId: string | null;
  payload: unknown;
}

/** A message's `outbox` row, column by column (payment creation's database function inserts these as they are). */
export const outboxRow = (message: OutboxMessage) => ({
  topic: message.topic,
  key: message.key,
  event_type: message.eventType,
  correlation_id: message.correlationId,
  merchant_id: message.merchantId,
  payload: message.payload,
});

/** Written in the caller's transaction: the event exists exactly when the change that caused it commits. */
export async function appendOutbox(tx: Queryable, messages: readonly OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const rows = messages.map(outboxRow);
  const columns = ['topic', 'key', 'event_type', 'correlation_id', 'merchant_id', 'payload'] as const;
  // One statement for all of them: each round trip is time inside the caller's transaction.
  const values = rows
    .map((_, row) => `(${columns.map((_, column) => `$${row * columns.length + column + 1}`).join(', ')})`)
    .join(', ');
  await tx.query(
    `INSERT INTO outbox (${columns.join(', ')}) VALUES ${values}`,
    rows.flatMap((row) =>
      columns.map((column) => (column === 'payload' ? JSON.stringify(row.payload) : row[column])),
    ),
  );
}
