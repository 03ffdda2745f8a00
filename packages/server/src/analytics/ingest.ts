import type { Schemas } from '@molam/contract';
import type { Tenant } from '../auth/context.js';
import type { Database } from '../platform/db/index.js';
import { AppError, type FieldError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { currencyExponent } from '../platform/iso.js';
import {
  dedupKey,
  findTransactionEventId,
  insertTransactionEvents,
  type NewTransactionEvent,
  type TransactionEventType,
} from './ingest-store.js';

type EventInput = Schemas['TransactionEventCreate'];

/** Clocks disagree a little; an event from further ahead is a mistake, not a late arrival. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** What the spec cannot say: a real currency, and a time that has happened. */
function problemsOf(input: EventInput, field: string, now: number): FieldError[] {
  const errors: FieldError[] = [];
  if (currencyExponent(input.currency) === undefined) {
    errors.push({ field: `${field}.currency`, message: 'not an ISO 4217 currency', code: 'currency' });
  }
  if (input.occurred_at !== undefined && Date.parse(input.occurred_at) > now + MAX_CLOCK_SKEW_MS) {
    errors.push({
      field: `${field}.occurred_at`,
      message: 'is in the future',
      code: 'in_the_future',
    });
  }
  return errors;
}

const toRow = (input: EventInput, receivedAt: Date): NewTransactionEvent => ({
  transaction_id: input.transaction_id,
  event_type: input.event_type,
  customer_id: input.customer_id ?? null,
  amount: input.amount,
  fee: input.fee ?? 0,
  currency: input.currency,
  payment_method: input.payment_method ?? null,
  product_id: input.product_id ?? null,
  product_name: input.product_name ?? null,
  occurred_at: input.occurred_at === undefined ? receivedAt : new Date(input.occurred_at),
});

function refuse(errors: FieldError[]): never {
  throw new AppError(
    400,
    'validation_failed',
    `The request has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}; nothing was recorded.`,
    { errors: errors.slice(0, 50) },
  );
}

export interface IngestOneResult {
  status: 200 | 202;
  body: Schemas['TransactionEventReceipt'];
}

export async function ingestOne(db: Database, tenant: Tenant, input: EventInput): Promise<IngestOneResult> {
  const now = new Date();
  const errors = problemsOf(input, 'body', now.getTime());
  if (errors.length > 0) refuse(errors);
  const { inserted } = await insertTransactionEvents(db, tenant, [toRow(input, now)], 'api');
  const id = inserted.get(dedupKey(input));
  if (id !== undefined) {
    return {
      status: 202,
      body: {
        ok: true,
        event_id: id,
        queued: true,
        duplicate: false,
        message: 'Event queued for processing',
      },
    };
  }
  const existing = await findTransactionEventId(db, tenant, input);
  return {
    status: 200,
    body: {
      ok: true,
      event_id: existing!,
      queued: false,
      duplicate: true,
      message: 'Already received: counted once',
    },
  };
}

/** All or nothing: one invalid event refuses the batch, and nothing is written. */
export async function ingestBatch(
  db: Database,
  tenant: Tenant,
  inputs: EventInput[],
): Promise<Schemas['TransactionEventBatchResult']> {
  const now = new Date();
  const errors = inputs.flatMap((input, index) => problemsOf(input, `body.${index}`, now.getTime()));
  if (errors.length > 0) refuse(errors);
  const { inserted } = await insertTransactionEvents(
    db,
    tenant,
    inputs.map((input) => toRow(input, now)),
    'api',
  );
  return {
    ok: true,
    total: inputs.length,
    ingested: inserted.size,
    duplicates: inputs.length - inserted.size,
  };
}

/** What the analytics read of a payment: the payer is the customer, the network the method. */
type PaymentFacts = Pick<
  Schemas['Payment'],
  | 'id'
  | 'merchant_id'
  | 'mode'
  | 'flow'
  | 'amount'
  | 'currency'
  | 'payer'
  | 'provider'
  | 'metadata'
  | 'updated_at'
>;

/**
 * A payment's analytics event, or null for a disbursement: disbursements pay out, they are not revenue. It occurred
 * when the payment changed (its `updated_at`). Written by `paymentTransactionEventRow` for the functions that
 * create and settle payments.
 */
export function paymentTransactionEvent(
  payment: PaymentFacts,
  type: TransactionEventType,
): NewTransactionEvent | null {
  if (payment.flow !== 'collection') return null;
  return {
    transaction_id: payment.id,
    event_type: type,
    customer_id: payment.payer,
    amount: payment.amount,
    fee: 0,
    currency: payment.currency,
    payment_method: payment.provider,
    product_id: payment.metadata.product_id ?? null,
    product_name: payment.metadata.product_name ?? null,
    occurred_at: new Date(payment.updated_at),
  };
}

/**
 * A payment's analytics row, as the database functions that create and settle payments write it (in the
 * transaction that changes the payment, so a merchant's own Molam collections count without being sent), or null
 * for a disbursement.
 */
export function paymentTransactionEventRow(payment: PaymentFacts, type: TransactionEventType) {
  const event = paymentTransactionEvent(payment, type);
  return (
    event && {
      ...event,
      id: newId('txe'),
      merchant_id: payment.merchant_id,
      mode: payment.mode,
      source: 'payment' as const,
    }
  );
}
