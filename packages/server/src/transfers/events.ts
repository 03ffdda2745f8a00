import type { Tenant } from '../auth/context.js';
import { emitEvent } from '../events/service.js';
import type { Queryable } from '../platform/db/index.js';
import type { Transfer } from './present.js';

/**
 * When a transfer reached its end (completed, blocked or failed): its event and webhooks, in the same
 * transaction. Nothing for a transfer still waiting (for its code, or for a partner bank).
 */
export async function transferFinished(tx: Queryable, tenant: Tenant, transfer: Transfer): Promise<void> {
  if (transfer.status === 'requires_otp' || transfer.status === 'processing') return;
  await emitEvent(tx, {
    tenant,
    type: transfer.status === 'completed' ? 'transfer.completed' : 'transfer.failed',
    object: transfer,
  });
}
