import type { Payment, PaymentAttempt, PaymentStatus } from '../../api/client.js';
import type { IO } from '../../io.js';
import { formatMoney } from '../../money.js';
import type { Column } from '../../output/table.js';
import { type Field, orDash, paint, writeJson, writeRecord } from '../../output/write.js';

/** The payer of a collection, the payee of a disbursement. */
export function counterparty(payment: Payment): string {
  return orDash(payment.flow === 'collection' ? payment.payer : payment.payee);
}

export function paintStatus(io: IO, status: PaymentStatus): string {
  const chalk = paint(io);
  if (status === 'successful') return chalk.green(status);
  if (status === 'failed') return chalk.red(status);
  return chalk.yellow(status);
}

export function paymentColumns(io: IO): readonly Column<Payment>[] {
  return [
    { header: 'ID', value: (payment) => payment.id },
    { header: 'CREATED', value: (payment) => payment.created_at },
    { header: 'FLOW', value: (payment) => payment.flow },
    { header: 'AMOUNT', value: (payment) => formatMoney(payment.amount, payment.currency) },
    { header: 'STATUS', value: (payment) => paintStatus(io, payment.status) },
    { header: 'PROVIDER', value: (payment) => payment.provider },
    { header: 'COUNTERPARTY', value: counterparty },
    { header: 'EXTERNAL ID', value: (payment) => payment.external_id },
  ];
}

export const attemptColumns: readonly Column<PaymentAttempt>[] = [
  { header: 'TIME', value: (attempt) => attempt.created_at },
  { header: 'PROVIDER', value: (attempt) => attempt.provider },
  { header: 'OPERATION', value: (attempt) => attempt.operation },
  { header: 'HTTP', value: (attempt) => (attempt.http_status === null ? '-' : String(attempt.http_status)) },
  { header: 'DECISION', value: (attempt) => attempt.decision },
  { header: 'DURATION', value: (attempt) => `${attempt.duration_ms} ms` },
  { header: 'ERROR', value: (attempt) => orDash(attempt.error) },
];

function paymentFields(io: IO, payment: Payment): Field[] {
  const metadata = Object.entries(payment.metadata ?? {});
  const fields: Field[] = [
    ['id', payment.id],
    ['external id', payment.external_id],
    ['flow', payment.flow],
    ['amount', formatMoney(payment.amount, payment.currency)],
    [payment.flow === 'collection' ? 'payer' : 'payee', counterparty(payment)],
    ['provider', payment.provider],
    ['status', paintStatus(io, payment.status)],
  ];
  if (payment.failure) fields.push(['failure', `${payment.failure.code}: ${payment.failure.message}`]);
  fields.push(
    ['provider id', orDash(payment.provider_transaction_id)],
    ['description', orDash(payment.description)],
  );
  if (payment.payer_message) fields.push(['payer message', payment.payer_message]);
  if (payment.payee_note) fields.push(['payee note', payment.payee_note]);
  if (metadata.length > 0)
    fields.push(['metadata', metadata.map(([key, value]) => `${key}=${value}`).join(', ')]);
  fields.push(
    ['mode', payment.mode],
    ['merchant', payment.merchant_id],
    ['created', payment.created_at],
    ['updated', payment.updated_at],
    ['completed', orDash(payment.completed_at)],
  );
  return fields;
}

/**
 * A payment as the API returns it (JSON, amount in minor units), or as a record for people (amount with
 * the currency's decimals). `extra` adds top-level members to the JSON, such as `idempotency_key`.
 */
export function writePayment(
  io: IO,
  json: boolean,
  payment: Payment,
  extra: Record<string, unknown> = {},
): void {
  if (json) writeJson(io, { ...payment, ...extra });
  else writeRecord(io, paymentFields(io, payment));
}
