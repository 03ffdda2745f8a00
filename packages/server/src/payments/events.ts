import { recordPaymentEvent } from '../analytics/ingest.js';
import { emitEvent } from '../events/service.js';
import type { Queryable } from '../platform/db/index.js';
import { appendOutbox, type OutboxMessage } from '../platform/outbox.js';
import type { Payment } from './present.js';

/** The seed-001 stream payload for a payment (`payments.*`, `audit.payment-events`). */
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
  occurredAt: payment.updated_at,
});

/** Everything a payment's creation publishes, in the creating transaction. */
export async function paymentRequested(tx: Queryable, payment: Payment): Promise<void> {
  await appendOutbox(tx, [
    {
      topic: 'payments.payment-requested',
      key: payment.id,
      merchantId: payment.merchant_id,
      payload: streamPayload(payment),
    },
    {
      topic: 'audit.payment-events',
      key: payment.id,
      merchantId: payment.merchant_id,
      payload: { event: 'payment.created', ...streamPayload(payment) },
    },
  ]);
  await emitEvent(tx, {
    tenant: { merchantId: payment.merchant_id, mode: payment.mode },
    type: 'payment.created',
    object: payment,
  });
  await recordPaymentEvent(tx, payment, 'payment_created');
}

/** Everything a payment's settlement publishes, in the settling transaction. */
export async function paymentSettled(tx: Queryable, payment: Payment): Promise<void> {
  const succeeded = payment.status === 'successful';
  const messages: OutboxMessage[] = [
    {
      topic: succeeded ? 'payments.payment-processed' : 'payments.payment-failed',
      key: payment.id,
      merchantId: payment.merchant_id,
      payload: streamPayload(payment),
    },
    {
      topic: 'audit.payment-events',
      key: payment.id,
      merchantId: payment.merchant_id,
      payload: { event: succeeded ? 'payment.succeeded' : 'payment.failed', ...streamPayload(payment) },
    },
  ];
  await appendOutbox(tx, messages);
  await emitEvent(tx, {
    tenant: { merchantId: payment.merchant_id, mode: payment.mode },
    type: succeeded ? 'payment.succeeded' : 'payment.failed',
    object: payment,
  });
  await recordPaymentEvent(tx, payment, succeeded ? 'payment_succeeded' : 'payment_failed');
}
