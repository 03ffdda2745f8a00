import type { Queryable } from './db/index.js';

/** The seed-001 topics. Merchant-facing events live in the `events` table (see `events/`). */
export type Topic =
  | 'payments.payment-requested'
  | 'payments.payment-processed'
  | 'payments.payment-failed'
  | 'audit.payment-events';

export interface OutboxMessage {
  topic: Topic;
  /** Partitioning key (a Kafka message key): events of one payment stay in order. */
  key: string;
  merchantId: string | null;
  payload: unknown;
}

/** Written in the caller's transaction: the event exists exactly when the change that caused it commits. */
export async function appendOutbox(tx: Queryable, messages: readonly OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  // One statement for all of them: each round trip is time inside the caller's transaction.
  const values = messages
    .map((_, i) => `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`)
    .join(', ');
  await tx.query(
    `INSERT INTO outbox (topic, key, merchant_id, payload) VALUES ${values}`,
    messages.flatMap((message) => [
      message.topic,
      message.key,
      message.merchantId,
      JSON.stringify(message.payload),
    ]),
  );
}
