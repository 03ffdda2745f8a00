import type { Schemas } from '@molam/contract';
import type { AttemptRow } from './attempts-store.js';
import type { PaymentRow } from './store.js';

const iso = (value: Date | null): string | null => (value === null ? null : new Date(value).toISOString());

/** The public shape of a payment (the spec's `Payment`). */
export function presentPayment(row: PaymentRow): Payment {
  return {
    id: row.id,
    object: 'payment' as const,
    merchant_id: row.merchant_id,
    external_id: row.external_id,
    flow: row.flow,
    amount: Number(row.amount),
    currency: row.currency.trim(),
    payer: row.flow === 'collection' ? row.msisdn : null,
    payee: row.flow === 'disbursement' ? row.msisdn : null,
    provider: row.provider,
    status: row.status,
    failure: row.failure_code ? { code: row.failure_code, message: row.failure_message ?? '' } : null,
    provider_transaction_id: row.provider_transaction_id,
    description: row.description,
    payer_message: row.payer_message,
    payee_note: row.payee_note,
    metadata: row.metadata,
    mode: row.mode,
    created_at: iso(row.created_at)!,
    updated_at: iso(row.updated_at)!,
    completed_at: iso(row.completed_at),
  };
}

export type Payment = Schemas['Payment'];

export const presentAttempt = (row: AttemptRow): Schemas['PaymentAttempt'] => ({
  id: row.id,
  object: 'payment_attempt' as const,
  payment_id: row.payment_id,
  provider: row.provider,
  operation: row.operation,
  method: row.method,
  url: row.url,
  http_status: row.http_status,
  decision: row.decision,
  duration_ms: row.duration_ms,
  request: row.request ?? null,
  response: row.response ?? null,
  error: row.error,
  created_at: iso(row.created_at)!,
});
