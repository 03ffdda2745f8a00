import { auditRow } from '../audit/audit.js';
import type { RequestContext, Tenant } from '../auth/context.js';
import { newEventRow } from '../events/service.js';
import type { Queryable } from '../platform/db/index.js';
import { withoutSecret } from '../platform/idempotency-keys.js';
import { newId } from '../platform/ids.js';
import { presentTransfer } from './present.js';
import { type AccountRow, type CustomerRow, completeTransferAtOnce, type TransferRow } from './store.js';

/** A scored transfer before it is written: what every outcome of a confirmation starts from. */
export interface ScoredTransfer {
  id: string;
  transaction_id: string;
  customer_id: string;
  debit_account_id: string;
  credit_account_id: string;
  amount: number;
  currency: string;
  risk_score: number;
  risk_level: TransferRow['risk_level'];
  risk_rules: string[];
}

/**
 * The common case in one statement: a LOW-risk transfer between two accounts here is posted at once, and its row,
 * audit row, `transfer.completed` event and the key's 201 are written with it. The rows and the answer are built
 * here, by the code every other write uses, and stamped with the transaction's time (read with the facts), as every
 * other row of the transaction is. Undefined, with nothing written, when the payer can no longer spend the amount.
 */
export async function completeAtOnce(
  tx: Queryable,
  ctx: RequestContext,
  tenant: Tenant,
  key: { owner: string; key: string },
  parts: { base: ScoredTransfer; customer: CustomerRow; from: AccountRow; to: AccountRow; startedAt: Date },
): Promise<{ status: 201; body: unknown; stored: true } | undefined> {
  const { base, customer, from, to, startedAt: now } = parts;
  const row: TransferRow = {
    ...base,
    customer_ref: customer.external_id,
    from_account: from.number,
    to_account: to.number,
    status: 'completed',
    to_bank: null,
    bank_reference: null,
    reservation_id: newId('rsv'),
    failure_code: null,
    mode: tenant.mode,
    created_at: now,
    updated_at: now,
    completed_at: now,
  };
  const transfer = presentTransfer(row, null);
  const completed = await completeTransferAtOnce(
    tx,
    {
      transfer: {
        ...row,
        merchant_id: tenant.merchantId,
        external_account: null,
      },
      audit: auditRow({
        actor: ctx.actor,
        merchantId: tenant.merchantId,
        action: 'transfer.completed',
        entityType: 'transfer',
        entityId: transfer.id,
        newValues: transfer,
      }),
      event: newEventRow({ tenant, type: 'transfer.completed', object: transfer }),
    },
    { ...key, response: { status: 201, body: withoutSecret(transfer) } },
  );
  return completed ? { status: 201, body: transfer, stored: true } : undefined;
}
