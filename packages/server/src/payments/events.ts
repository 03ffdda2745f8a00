import { recordPaymentEvent } from '../analytics/ingest.js';
import { emitEvent } from '../events/service.js';
import { appendOutbox, type OutboxMessage } from '../outbox/append.js';
import type { Queryable } from '../platform/db/index.js';
import type { Payment } from './present.js';

/** The seed-001 stream payload for a payment (`KafkaPaymentEvent` in the spec). */
const streamPayload = (payment: Payment) => ({
  paymentId: payment.id,
  merchantId: payment.merchant_id,
  externalId: payment.external_id,
  flow: payment.flow,
  amount: payment.amount,
  currency: payment.currency,
  provider: payment.provider,
  status: payment.status,
  failure: payment.failure,
  mode: payment.mode,
  metadata: payment.metadata,
  occurredAt: payment.updated_at,
});

/** One payment's message on a topic: keyed by the payment, correlated by the merchant's (or requester's) id. */
const message = (payment: Payment, topic: OutboxMessage['topic'], eventType: string): OutboxMessage => ({
  topic,
  key: payment.id,
  eventType,
  correlationId: payment.external_id,
  merchantId: payment.merchant_id,
  payload:
    topic === 'audit.payment-events'
      ? { event: eventType, ...streamPayload(payment) }
      : streamPayload(payment),
});

/**
 * What a payment's creation publishes on the outbox (not on `payments.payment-requested`: that topic is this
 * service's input, requests from other services). The rest of a creation (its event, analytics row, job, audit
 * row) is in payments/create.ts, written by one database function.
 */
export const creationMessages = (payment: Payment): OutboxMessage[] => [
  message(payment, 'audit.payment-events', 'payment.created'),
];

/** Everything a payment's settlement publishes, in the settling transaction. */
export async function paymentSettled(tx: Queryable, payment: Payment): Promise<void> {
  const succeeded = payment.status === 'successful';
  const eventType = succeeded ? 'payment.succeeded' : 'payment.failed';
  const messages = [
    message(payment, succeeded ? 'payments.payment-processed' : 'payments.payment-failed', eventType),
    message(payment, 'audit.payment-events', eventType),
  ];
  await appendOutbox(tx, messages);
  await emitEvent(tx, {
    tenant: { merchantId: payment.merchant_id, mode: payment.mode },
    type: eventType,
    object: payment,
  });
  await recordPaymentEvent(tx, payment, succeeded ? 'payment_succeeded' : 'payment_failed');
}
