import type { RequestContext, Tenant } from '../auth/context.js';
import { holdUntilResolved, type LedgerRefusal, post } from '../ledger/ledger.js';
import type { Queryable } from '../platform/db/index.js';
import { finish } from './answers.js';
import { queueBankPayment } from './bank-settlement.js';

/** Held funds move on: posted to a local account, or kept until the partner bank answers. */
export async function moveHeld(
  tx: Queryable,
  tenant: Tenant,
  reservationId: string,
  toBank: boolean,
): Promise<{ ok: true; status: 'completed' | 'processing' } | { ok: false; refusal: LedgerRefusal }> {
  const moved = toBank
    ? await holdUntilResolved(tx, tenant, reservationId)
    : await post(tx, tenant, reservationId);
  return moved.ok ? { ok: true, status: toBank ? 'processing' : 'completed' } : moved;
}

/** A transfer to a partner bank: the worker pays it; the answer is 202 `processing`, its end an event. */
export async function sendToBank(tx: Queryable, ctx: RequestContext, tenant: Tenant, transferId: string) {
  await queueBankPayment(tx, tenant, transferId);
  return { status: 202, body: await finish(tx, ctx, tenant, transferId, 'transfer.processing') };
}
