import { writeAudit } from '../audit/audit.js';
import type { RequestContext, Tenant } from '../auth/context.js';
import type { Queryable } from '../platform/db/index.js';
import { AppError } from '../platform/errors.js';
import { problemDocument } from '../platform/http/problem.js';
import type { StoredResponse } from '../platform/idempotency-keys.js';
import { transferFinished } from './events.js';
import { loadTransfer } from './present.js';

/** What a confirmation answers, and whether it is a replay of a stored answer. */
export interface TransferResponse extends StoredResponse {
  replayed: boolean;
}

/** A refusal as the stored answer of the key: the same request gets the same refusal. */
export const refusal = (ctx: RequestContext, error: AppError, extra: Record<string, unknown> = {}) => ({
  status: error.status,
  body: { ...problemDocument(error, ctx.actor.requestId), ...extra },
});

export const transferExpired = (ctx: RequestContext) =>
  refusal(
    ctx,
    new AppError(
      422,
      'transfer_expired',
      'The held funds were released before the code came: nothing moved. Make a new transfer.',
    ),
  );

/** Re-reads the transfer as it now stands, and records what happened: audit, and the event when it is final. */
export async function finish(
  tx: Queryable,
  ctx: RequestContext,
  tenant: Tenant,
  transferId: string,
  action:
    | 'transfer.completed'
    | 'transfer.blocked'
    | 'transfer.failed'
    | 'transfer.otp_required'
    | 'transfer.processing',
  details: Record<string, unknown> = {},
) {
  const transfer = await loadTransfer(tx, tenant, transferId);
  if (!transfer) throw new Error(`transfer ${transferId} vanished in its own transaction`);
  await writeAudit(tx, {
    actor: ctx.actor,
    merchantId: tenant.merchantId,
    action,
    entityType: 'transfer',
    entityId: transfer.id,
    newValues: { ...transfer, ...details },
  });
  await transferFinished(tx, tenant, transfer);
  return transfer;
}
