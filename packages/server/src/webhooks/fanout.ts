import type { Tenant } from '../auth/context.js';
import type { Queryable } from '../platform/db/index.js';

/**
 * One delivery per endpoint that wants the event, in the event's transaction, and a wake-up for the dispatchers
 * on commit. One statement whatever the number of endpoints: `molam_schedule_deliveries` (migration 0016), which
 * payment creation's database function calls too.
 */
export async function scheduleDeliveries(
  tx: Queryable,
  event: { id: string; tenant: Tenant; type: string },
): Promise<void> {
  await tx.query('SELECT molam_schedule_deliveries($1, $2, $3, $4)', [
    event.id,
    event.tenant.merchantId,
    event.tenant.mode,
    event.type,
  ]);
}
