import type { KeyMode, PaymentStatus } from '@molam/contract';
import type { Tenant } from '../auth/context.js';
import type { Queryable } from '../platform/db/index.js';
import type { FailureCode, Flow, ProviderName } from './providers/types.js';

export type { PaymentStatus };

export interface PaymentRow {
  id: string;
  merchant_id: string;
  external_id: string;
  flow: Flow;
  amount: string | number; // bigint: pg returns a string
  currency: string;
  msisdn: string;
  provider: ProviderName;
  provider_reference: string;
  provider_transaction_id: string | null;
  status: PaymentStatus;
  failure_code: FailureCode | null;
  failure_message: string | null;
  description: string | null;
  payer_message: string | null;
  payee_note: string | null;
  metadata: Record<string, string>;
  mode: KeyMode;
  /** The merchant named the provider: it is a promise, so no fallback to another one. */
  provider_requested: boolean;
  submitted_at: Date | null;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
}

const COLUMNS = `id, merchant_id, external_id, flow, amount, currency, msisdn, provider, provider_reference::text AS provider_reference,
  provider_transaction_id, status, failure_code, failure_message, description, payer_message, payee_note, metadata, mode,
  provider_requested, submitted_at, created_at, updated_at, completed_at`;

export type NewPaymentRow = Pick<
  PaymentRow,
  | 'id'
  | 'merchant_id'
  | 'external_id'
  | 'flow'
  | 'currency'
  | 'msisdn'
  | 'provider'
  | 'provider_reference'
  | 'description'
  | 'payer_message'
  | 'payee_note'
  | 'metadata'
  | 'mode'
  | 'provider_requested'
> & { amount: number };

/** Inserts, or returns null when the merchant already has a payment with this external id. */
export async function insertPayment(tx: Queryable, payment: NewPaymentRow): Promise<PaymentRow | null> {
  const { rows } = await tx.query<PaymentRow>(
    `INSERT INTO payments (id, merchant_id, external_id, flow, amount, currency, msisdn, provider, provider_reference,
       description, payer_message, payee_note, metadata, mode, provider_requested)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (merchant_id, mode, external_id) DO NOTHING
     RETURNING ${COLUMNS}`,
    [
      payment.id,
      payment.merchant_id,
      payment.external_id,
      payment.flow,
      payment.amount,
      payment.currency,
      payment.msisdn,
      payment.provider,
      payment.provider_reference,
      payment.description,
      payment.payer_message,
      payment.payee_note,
      JSON.stringify(payment.metadata),
      payment.mode,
      payment.provider_requested,
    ],
  );
  return rows[0] ?? null;
}

export async function findPayment(
  db: Queryable,
  tenant: Tenant,
  id: string,
): Promise<PaymentRow | undefined> {
  const { rows } = await db.query<PaymentRow>(
    `SELECT ${COLUMNS} FROM payments WHERE id = $1 AND merchant_id = $2 AND mode = $3`,
    [id, tenant.merchantId, tenant.mode],
  );
  return rows[0];
}

/**
 * A payment as a worker read it, with the version of its row (`xmin`, the transaction that last wrote it, as
 * text): its settlement is written only if nothing changed the payment since (payments/settle.ts). Not
 * `updated_at`: two changes can share a clock reading (PGlite's clock counts milliseconds).
 */
export interface ReadPaymentRow extends PaymentRow {
  version: string;
}

const READ_COLUMNS = `${COLUMNS}, xmin::text AS version`;

/**
 * The database's time to the millisecond, as JavaScript's dates hold it: a settlement stamped by a worker is then
 * never earlier than a change stamped here (payments/settle.ts), whichever clock is ahead.
 */
const NOW_MS = "date_trunc('milliseconds', now())";

/** By id alone: for workers and provider callbacks, which act for no particular merchant. */
export async function findPaymentById(db: Queryable, id: string): Promise<ReadPaymentRow | undefined> {
  const { rows } = await db.query<ReadPaymentRow>(`SELECT ${READ_COLUMNS} FROM payments WHERE id = $1`, [id]);
  return rows[0];
}

export async function findPaymentByReference(
  db: Queryable,
  reference: string,
): Promise<PaymentRow | undefined> {
  const { rows } = await db.query<PaymentRow>(
    `SELECT ${COLUMNS} FROM payments WHERE provider_reference::text = $1`,
    [reference],
  );
  return rows[0];
}

export async function findPaymentByExternalId(
  db: Queryable,
  tenant: Tenant,
  externalId: string,
): Promise<PaymentRow | undefined> {
  const { rows } = await db.query<PaymentRow>(
    `SELECT ${COLUMNS} FROM payments WHERE merchant_id = $1 AND mode = $2 AND external_id = $3`,
    [tenant.merchantId, tenant.mode, externalId],
  );
  return rows[0];
}

export interface PaymentFilters {
  limit: number;
  startingAfter?: string | undefined;
  status?: PaymentStatus | undefined;
  provider?: ProviderName | undefined;
  flow?: Flow | undefined;
  createdGte?: string | undefined;
  createdLt?: string | undefined;
}

export async function listPayments(
  db: Queryable,
  tenant: Tenant,
  filters: PaymentFilters,
): Promise<PaymentRow[]> {
  const { rows } = await db.query<PaymentRow>(
    `SELECT ${COLUMNS} FROM payments
     WHERE merchant_id = $1 AND mode = $9 AND ($2::text IS NULL OR id < $2) AND ($3::text IS NULL OR status = $3)
       AND ($4::text IS NULL OR provider = $4) AND ($5::text IS NULL OR flow = $5)
       AND ($6::timestamptz IS NULL OR created_at >= $6) AND ($7::timestamptz IS NULL OR created_at < $7)
     ORDER BY id DESC LIMIT $8`,
    [
      tenant.merchantId,
      filters.startingAfter ?? null,
      filters.status ?? null,
      filters.provider ?? null,
      filters.flow ?? null,
      filters.createdGte ?? null,
      filters.createdLt ?? null,
      filters.limit,
      tenant.mode,
    ],
  );
  return rows;
}

/** Moves a pending payment to another provider (fallback before it was accepted anywhere). */
export async function reroutePayment(tx: Queryable, id: string, provider: ProviderName): Promise<void> {
  await tx.query(
    `UPDATE payments SET provider = $2, updated_at = ${NOW_MS} WHERE id = $1 AND status = 'pending'`,
    [id, provider],
  );
}

/**
 * Records a pending payment's first submission time (kept on re-sends) and returns the payment as it now is, or
 * undefined when it is no longer pending (and so must not be sent).
 */
export async function markSubmitted(db: Queryable, id: string): Promise<ReadPaymentRow | undefined> {
  const { rows } = await db.query<ReadPaymentRow>(
    `UPDATE payments SET submitted_at = coalesce(submitted_at, ${NOW_MS}), updated_at = ${NOW_MS}
     WHERE id = $1 AND status = 'pending' RETURNING ${READ_COLUMNS}`,
    [id],
  );
  return rows[0];
}
