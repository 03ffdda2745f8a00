import type { Tenant } from '../auth/context.js';
import type { Queryable } from '../platform/db/index.js';
import { newId } from '../platform/ids.js';
import { ANALYTICS_CHANNEL } from './aggregator.js';

export type TransactionEventType =
  | 'payment_created'
  | 'payment_succeeded'
  | 'payment_failed'
  | 'payment_refunded';

/** One event as stored: money in minor units; `occurred_at` places it in its day and hour. */
export interface NewTransactionEvent {
  transaction_id: string;
  event_type: TransactionEventType;
  customer_id: string | null;
  amount: number;
  fee: number;
  currency: string;
  payment_method: string | null;
  product_id: string | null;
  product_name: string | null;
  occurred_at: Date;
}

export interface InsertedEvents {
  /** Ids of the rows written, by `transaction_id` + `event_type`; duplicates are absent. */
  inserted: Map<string, string>;
}

export const dedupKey = (event: { transaction_id: string; event_type: string }): string =>
  `${event.event_type}\u0000${event.transaction_id}`;

const COLUMNS = [
  'id',
  'transaction_id',
  'event_type',
  'customer_id',
  'amount',
  'fee',
  'currency',
  'payment_method',
  'product_id',
  'product_name',
  'occurred_at',
] as const;
const TYPES = ['text', 'text', 'text', 'text', 'int8', 'int8', 'text', 'text', 'text', 'text', 'timestamptz'];

/**
 * Writes the events in one statement (one array per column), skipping those already received: the same
 * transaction's same event counts once, forever.
 */
export async function insertTransactionEvents(
  db: Queryable,
  tenant: Tenant,
  events: readonly NewTransactionEvent[],
  source: 'api' | 'payment',
): Promise<InsertedEvents> {
  const rows = events.map((event) => ({ ...event, id: newId('txe') }));
  const arrays = COLUMNS.map((column) => rows.map((row) => row[column]));
  const unnest = COLUMNS.map((_, i) => `$${i + 4}::${TYPES[i]}[]`).join(', ');
  const result = await db.query<{ id: string; transaction_id: string; event_type: string }>(
    `INSERT INTO transaction_events (merchant_id, mode, source, ${COLUMNS.join(', ')})
     SELECT $1, $2, $3, * FROM unnest(${unnest})
     ON CONFLICT (merchant_id, mode, transaction_id, event_type) DO NOTHING
     RETURNING id, transaction_id, event_type`,
    [tenant.merchantId, tenant.mode, source, ...arrays],
  );
  if (result.rows.length > 0) await db.query('SELECT pg_notify($1, $2)', [ANALYTICS_CHANNEL, '']);
  return { inserted: new Map(result.rows.map((row) => [dedupKey(row), row.id])) };
}

/** The id of an event already received (for the answer to a duplicate). */
export async function findTransactionEventId(
  db: Queryable,
  tenant: Tenant,
  event: { transaction_id: string; event_type: string },
): Promise<string | undefined> {
  const result = await db.query<{ id: string }>(
    `SELECT id FROM transaction_events
     WHERE merchant_id = $1 AND mode = $2 AND transaction_id = $3 AND event_type = $4`,
    [tenant.merchantId, tenant.mode, event.transaction_id, event.event_type],
  );
  return result.rows[0]?.id;
}
