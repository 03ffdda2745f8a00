import type { OutboxMessage } from '../outbox/append.js';
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

/** What a payment's settlement publishes on the outbox (the rest of it is in payments/settle.ts). */
export const settlementMessages = (payment: Payment): OutboxMessage[] => {
  const eventType = settledEventType(payment);
  const topic = payment.status === 'successful' ? 'payments.payment-processed' : 'payments.payment-failed';
  return [message(payment, topic, eventType), message(payment, 'audit.payment-events', eventType)];
};

/** The event (and the event type of its messages) a settled payment publishes. */
export const settledEventType = (payment: Payment): 'payment.succeeded' | 'payment.failed' =>
  payment.status === 'successful' ? 'payment.succeeded' : 'payment.failed';
