import { paymentTransactionEventRow } from '../analytics/ingest.js';
import { type Actor, auditRow } from '../audit/audit.js';
import { newEventRow } from '../events/service.js';
import { outboxRow } from '../outbox/append.js';
import type { Queryable } from '../platform/db/index.js';
import { settledEventType, settlementMessages } from './events.js';
import { type Payment, presentPayment } from './present.js';
import type { FailureCode, ProviderName } from './providers/types.js';
import * as store from './store.js';

export type Settlement =
  | { status: 'successful'; providerTransactionId: string | null }
  | { status: 'failed'; code: FailureCode; message: string };

/** How many times a settlement is tried on a payment that keeps changing under it before its job tries again later. */
const TRIES = 3;

/**
 * What came of a settlement: the payment settled; nothing, as it was already final (a duplicate check, or another
 * worker got there first); or nothing, as it is now with another provider than the one whose answer this was
 * (re-routed meanwhile), which decides it.
 */
export type SettlementResult = { settled: Payment } | 'final' | { staleWith: ProviderName };

/**
 * pending → successful | failed, exactly once, in one round trip: `molam_settle_payment` (migration 0018) writes
 * the payment, its outbox messages, its event and webhook deliveries, its analytics row and its audit row, all or
 * nothing, and only if the payment is still the row version that was read. A payment changed since (submitted
 * again) is read again and its rows built anew, as long as the answer is still about it.
 */
export async function settlePayment(
  db: Queryable,
  read: store.ReadPaymentRow,
  settlement: Settlement,
  actor: Actor,
): Promise<SettlementResult> {
  let row: store.ReadPaymentRow | undefined = read;
  for (let tries = 1; ; tries++) {
    if (row?.status !== 'pending') return 'final';
    if (row.provider !== read.provider) return { staleWith: row.provider };
    const { version, ...current } = row;
    const settled = settledRow(current, settlement);
    const payment = presentPayment(settled);
    const { rows } = await db.query<{ outcome: 'settled' | 'final' | 'changed' }>(
      'SELECT molam_settle_payment($1, $2, $3, $4, $5, $6) AS outcome',
      settlementArguments(settled, version, payment, actor),
    );
    const outcome = rows[0]?.outcome;
    if (outcome === 'settled') return { settled: payment };
    if (outcome === 'final') return 'final';
    if (tries === TRIES) throw new Error(`payment ${row.id} kept changing while it was being settled`);
    row = await store.findPaymentById(db, row.id);
  }
}

/**
 * The payment as settled now. Its times come from this server's clock, as a new payment's do (payments/create.ts):
 * the event and messages are built before the row is written, and must read back the same. Never earlier than the
 * payment's last change, whichever clock stamped it (the database stamps it to the millisecond: store.ts).
 */
function settledRow(row: store.PaymentRow, settlement: Settlement): store.PaymentRow {
  const now = new Date(
    Math.max(Date.now(), new Date(row.updated_at).getTime(), new Date(row.submitted_at ?? 0).getTime()),
  );
  const succeeded = settlement.status === 'successful';
  return {
    ...row,
    status: settlement.status,
    provider_transaction_id: succeeded ? settlement.providerTransactionId : null,
    failure_code: succeeded ? null : settlement.code,
    failure_message: succeeded ? null : settlement.message,
    completed_at: now,
    updated_at: now,
  };
}

/** `molam_settle_payment`'s arguments, in order: the settled row and the version it was read at, then each row it writes. */
function settlementArguments(
  settled: store.PaymentRow,
  version: string,
  payment: Payment,
  actor: Actor,
): unknown[] {
  const succeeded = payment.status === 'successful';
  const tenant = { merchantId: payment.merchant_id, mode: payment.mode };
  const analytics = paymentTransactionEventRow(payment, succeeded ? 'payment_succeeded' : 'payment_failed');
  return [
    JSON.stringify(settled),
    version,
    JSON.stringify(settlementMessages(payment).map(outboxRow)),
    JSON.stringify(newEventRow({ tenant, type: settledEventType(payment), object: payment })),
    analytics && JSON.stringify(analytics),
    JSON.stringify(
      auditRow({
        actor,
        merchantId: payment.merchant_id,
        action: settledEventType(payment),
        entityType: 'payment',
        entityId: payment.id,
        oldValues: { status: 'pending' },
        newValues: {
          status: payment.status,
          failure: payment.failure,
          provider_transaction_id: payment.provider_transaction_id,
        },
      }),
    ),
  ];
}
